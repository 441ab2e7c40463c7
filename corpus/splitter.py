"""The paragraph splitter: raw resolution text to numbered, citable paragraphs.

Text extracted from the UN's PDFs wraps lines mid-sentence, drops a page header
and page number into the middle of a paragraph, puts footnote bodies at the
bottom of each page and glues footnote markers to words (``l’homme1``). The
splitter works line by line:

1. normalise the characters (typographic spaces, soft hyphens, line ends);
2. find the body line ("L’Assemblée générale,"); what is above it is heading;
3. classify each later line: page furniture (dropped), footnote body, or text,
   finding footnote markers as it goes (a marker is the next expected footnote
   number glued to a word, and a footnote body is a line starting with a number
   whose marker has been seen: numbers at the start of wrapped lines, such as
   ``2000, sur…``, are neither);
4. group text lines into paragraphs (a break needs a paragraph end before it and
   a blank line or a paragraph opener after it, so a page break mid-sentence
   does not split a paragraph);
5. number them: ``1.`` opens operative paragraphs, ``a)``/``(a)`` and ``i)``/``(i)``
   sub-paragraphs, and what comes before the first operative paragraph is preamble.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .bodies import body_by_code
from .dates import parse_iso
from .errors import CorpusError
from .header import Header, body_line, parse_header, with_masthead
from .layout import is_page_number, is_page_residue, masthead, mend, strip_furniture
from .model import Resolution
from .numbering import ANNEX as _ANNEX
from .numbering import OPERATIVE as _OPERATIVE
from .numbering import OPERATIVE_VERBS as _OPERATIVE_VERBS
from .numbering import SUB as _SUB
from .numbering import TERMINAL as _TERMINAL
from .numbering import Block, Footnote, is_heading, number_blocks
from .numbering import join_lines as _join
from .refusals import file_language, refusal

__all__ = ["normalize_text", "split_resolution"]

#: Typographic spaces (read as a space) and invisible characters (removed): each replaced
#: where present, which ``str.replace`` does far faster than ``str.translate`` reads a text.
_REPLACED = (
    *((c, " ") for c in "\u00a0\u202f\u2007\u2009\u2002\u2003\u2000\u2001\t\v"),
    *((c, "") for c in "\u200b\u200c\u200d\u2060\ufeff"),
)


def normalize_text(text: str) -> str:
    """Normalise line ends, typographic spaces and invisible characters; keep every visible one.

    A soft hyphen at the end of a line marks a word broken by the typesetter: the
    two halves are joined. Elsewhere it is invisible and removed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n")
    if text.isascii():
        # Of the characters below only the tab and the vertical tab are ASCII:
        # spare the long texts of old resolutions fifteen searches.
        return text.replace("\t", " ").replace("\v", " ")
    for char, replacement in _REPLACED:
        if char in text:
            text = text.replace(char, replacement)
    text = re.sub("\u00ad *\n", "\u00ad\n", text)
    return text


_ADOPTION_TRAILER = re.compile(
    # "Adopted unanimously at the 1382nd meeting.", and a scan's "Adapted", "meting"
    r"^\s*(?:(?:Adopted|Adoptée?|Adoptées|Adapted|Approved)\b.{0,120}"
    r"\b(?:meet-?\s?ings?|meting|séance)\b"
    # "34th meeting / 8 July 2025", "81e séance plénière / 4 décembre 2000"
    r"|\d{1,4}(?:st|nd|rd|th|e|re)\s+(?:plenary\s+)?(?:meeting|séance)(?:\s+plénière)?"
    r"\s+\d{1,2}(?:er)?\s+\w+\s+\d{4}\s*$)",
    re.I | re.S,
)
#: How a line opening an adoption trailer starts: what _ADOPTION_TRAILER's two branches
#: need before the joined lines may match.
_TRAILER_OPENING = re.compile(r"Adopt|Adapt|Approved|\d{1,4}(?:st|nd|rd|th|e|re)(?:\s|$)", re.I)
_VOTE = re.compile(r"^\s*\[(?:Adopted|Adoptée?)\b[^\]]*\]\s*$", re.I)
#: The end of a trailer a blank line broke ("Adopted unanimously at the" … "2351st meeting.").
_TRAILER_REST = re.compile(
    r"^\d{1,4}\s?(?:st|nd|rd|th|the|e|re)\b(?:\s+(?:plenary\s+)?(?:meetings?|meting|séance)\b.*)?$"
)
_MEETING_NUMBER = re.compile(r"\d\s?(?:st|nd|rd|th|the|e|re|ᵉ)\s+(?:plenary\s+)?(?:meet|séance)")
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")
# A footnote cited again, set apart at the end of a line: "the report of the Secretary-General; 10".
_REPEATED_MARKER = re.compile(r"(?<=[^\W\d_][,;:.]) (\d{1,3})$")
_OPENER_WORD = re.compile(r"^(?:[A-ZÀ-Ý][\w’'-]*(?:ant|ants|ante|antes|ing)|[A-ZÀ-Ý]\w*ment)\b")
_OPENER_ADJECTIVE_WORDS = """
    Consciente Conscient Convaincue Convaincu Préoccupée Résolue Déterminée Soucieuse
    Alarmée Inquiète Persuadée Profondément Gravement Vivement Prenant Ayant Sachant
    Mindful Aware Convinced Conscious Deeply Gravely Alarmed Concerned Determined
    Bearing Having Welcoming Noting Recalling Reaffirming Acknowledging Guided"""
_OPENER_ADJECTIVES = frozenset(_OPENER_ADJECTIVE_WORDS.split())


# The footnote marker patterns capture the number: one pattern serves every
# footnote (compiling one pattern per number cost each indexing run about a tenth
# of a second), and _find_marker passes over the matches of other numbers.
# "droits de l’homme1", "Paris Agreement,1", "Roadmap to 1.3T”,7",
_WORD_END = r"(?:[^\W\d_]|[»”\"\)\]])"
# "decision 1/CMA.3,8", "the report for 2014,1", "resolution 72/4;1"
_GLUED = (
    rf"(?:(?<={_WORD_END})|(?<={_WORD_END}[,;:.])|(?<=[^\W\d_]\.\d,)|(?<= \d{{4}},)|(?<=\d;))"
    r"(\d+)(?=[\s,.;:)»”]|$)"
)
_GLUED_MARKER = re.compile(_GLUED)
# Old texts and some PDF extractions set the marker apart: "Nations, 17",
# "the Free Port), 1", "dated 5 July 1948, 29", "Senegal ,33".
_APART = r"(?:(?<=[^\W\d_][,;:.)])|(?<=[^\W\d_]\)[,;:.])|(?<= \d{4},)|(?<=[^\W\d_]))"
_SPACED_MARKER = re.compile(rf"{_GLUED}|{_APART} (\d+)(?=[\s,.;:]|$)|(?<=[^\W\d_] ,)(\d+)(?=\s|$)")
_DIGIT = re.compile(r"\d")
_LOST_MARKER = re.compile(r"(?<=[^\W\d_])(\d+)(?=[\s,.;:)»”]|$)")


def _find_marker(pattern: re.Pattern[str], s: str, n: int, start: int) -> re.Match[str] | None:
    """Return the first match of a marker ``pattern`` in ``s`` from ``start`` that is number ``n``.

    A match starts at its digits or at the space before them, and holds a whole
    run of digits (no digit stands before or after it): trying the pattern
    there, where the number's digits stand, finds what a pattern for ``n`` alone
    would find, and spares the rest of the line.
    """
    number = str(n)
    at = s.find(number, start)
    while at >= 0:
        for where in (at - 1, at) if at > start else (at,):
            m = pattern.match(s, where)
            if m and m[m.lastindex or 0] == number:
                return m
        at = s.find(number, at + 1)
    return None


def _footnote_candidates(lines: list[str], first: int) -> list[int]:
    """Return the numbers of lines that could open a footnote body, in order.

    A footnote body starts a block: the line before it is blank, page
    furniture or another footnote line; or it is numbered next after the
    footnote above it, whose last line ends with a full stop ("S/842." then
    "14 Ibid., document S/848/Add.1.").
    """
    found: list[int] = []
    prev_blank = True
    prev = ""
    for raw in lines[first:]:
        s = raw.strip()
        # a footnote body opens with its number: a line opening otherwise is spared the pattern
        m = _FOOTNOTE_START.match(raw) if s[:1].isdigit() else None
        if m and (prev_blank or _follows(int(m.group(1)), found, prev)):
            found.append(int(m.group(1)))
        # a page number opens with a digit or a dash: a line of prose is not asked
        number = (s[:1] == "-" or s[:1].isdigit()) and is_page_number(raw)
        prev_blank = not s or number or (bool(m) and prev_blank)
        prev = raw if s else ""
    return found


def _follows(n: int, found: list[int], prev: str) -> bool:
    """Tell whether footnote ``n`` comes right after the last one found, on the next line."""
    return bool(found) and n == found[-1] + 1 and prev.rstrip().endswith(".")


def _is_annex_heading(line: str) -> bool:
    """Tell whether a stripped line is an annex heading ("Annex", "ANNEXE II")."""
    return line[:1] in ("a", "A") and bool(_ANNEX.match(line))


def _opens_marked(line: str) -> bool:
    """Tell whether a stripped line opens with a paragraph's marker ("1.", "(a)", "ii)", "Annex").

    Each pattern is tried only where its sign stands: a digit first for "1.", a
    closing parenthesis in the first seven characters for "(a)" or "iii)", an
    "a" or "A" first for an annex heading. Most lines are spared all three.
    """
    if line[:1].isdigit() and _OPERATIVE.match(line):
        return True
    if ")" in line[:7] and _SUB.match(line):
        return True
    return _is_annex_heading(line)


def _may_open_trailer(line: str) -> bool:
    """Tell whether a stripped line may open an adoption trailer ("Adopted…", "1382nd meeting…").

    The trailer opens with "Adopted" (any case, "Adapted", "Approved") or a
    meeting's number; a soft hyphen, dropped when lines are joined, may hide the
    rest of the opening, so such a line is tried too.
    """
    if not (line[0] in "aA" or line[0].isdigit()):
        return False
    return "\u00ad" in line or bool(_TRAILER_OPENING.match(line))


def _is_opener(line: str) -> bool:
    word = line.split(" ", 1)[0].rstrip(",:")
    return bool(_OPENER_WORD.match(line)) or word in _OPENER_ADJECTIVES or word in _OPERATIVE_VERBS


def split_resolution(text: str, *, source: str, filename: str) -> Resolution:
    """Split a resolution's text into a :class:`Resolution` of numbered paragraphs.

    Raises :class:`CorpusError` when the text is not a resolution: no body line,
    no numbered paragraph and no symbol to cite it by.
    """
    text, head = _read_masthead(text)
    lines = normalize_text(text).split("\n")
    start, body, language = _body_line(lines)
    if start is None:
        start, body, language = _headless(lines, source, filename)
    header = with_masthead(parse_header(lines[:start], lines, body, language, filename), head)
    if not header.body and header.symbol.startswith("S/RES/"):
        header = replace(header, body=body_by_code("SC").name)  # "MILITARY STAFF COMMITTEE"
    if not header.symbol:
        said = language or file_language("\n".join(lines))
        raise CorpusError(source, refusal("no symbol", said))
    blocks, footnotes, trailer = _blocks(lines, start + 1, header, printed=bool(head))
    paragraphs, found = number_blocks(blocks, footnotes, header, printed=bool(head))
    if not paragraphs:
        raise CorpusError(source, refusal("no paragraph", header.language))
    meta = {key: value for key, value in head.items() if key not in _NOT_META}
    meta.update(found)
    meta.update(_trailer_meta(trailer, meta))
    if "meeting" not in meta:
        meta.update(_heading_meeting(lines[:start]))
    return Resolution(
        symbol=header.symbol,
        number=header.number,
        title=header.title,
        body=header.body,
        language=header.language,
        paragraphs=tuple(paragraphs),
        session=header.session,
        year=header.year,
        adopted=parse_iso(header.adopted),
        source=source,
        meta=meta,
    )


_NOT_META = frozenset({"symbol", "adopted", "title"})


def _body_line(lines: list[str]) -> tuple[int | None, str, str]:
    """Find the body line ("L’Assemblée générale,"): its index, organ code and language."""
    for i, line in enumerate(lines):
        opening = body_line(line)
        if opening:
            return i, *opening
    return None, "", ""


def _headless(lines: list[str], source: str, filename: str) -> tuple[int, str, str]:
    """Read a text with no body line: where its paragraphs start, its organ and its language.

    Some old Security Council texts have no "The Security Council," line: the
    heading is the first block, and the text must show numbered paragraphs or,
    where the heading or the file name gives a resolution's symbol, a decision
    ("It is resolved that…", "Decides to call…"). Raise :class:`CorpusError`,
    worded in the file's language, otherwise.
    """
    language = file_language("\n".join(lines))
    start = next((i for i, ln in enumerate(lines) if ln.strip() == "" and i > 0), 0)
    numbered = any(_OPERATIVE.match(ln.strip()) for ln in lines[start:])
    if not numbered and not (_resolution_symbol(lines, filename) and _decision(lines[start:])):
        raise CorpusError(source, refusal("no body", language))
    heading = " ".join(lines[:start])
    is_sc = re.search(r"Security Council|Conseil de sécurité|^\s*R[ée]solution", heading)
    return start, "SC" if is_sc else "", language


def _resolution_symbol(lines: list[str], filename: str) -> bool:
    """Tell whether the text or the file name gives a resolution's symbol."""
    symbol = parse_header(lines[:1], lines, "", "", filename).symbol
    return "/RES/" in symbol


def _decision(lines: list[str]) -> bool:
    """Tell whether a paragraph of these lines opens with a decision ("Decides to call…")."""
    starts = [ln.strip() for i, ln in enumerate(lines) if ln.strip() and not lines[i - 1].strip()]
    return any(
        s.startswith(("It is resolved", "Resolved")) or s.split(" ", 1)[0] in _OPERATIVE_VERBS
        for s in starts
    )


_VOTES = {
    # "Adopted unanimously at the 1382nd meeting." / "Adoptée … à sa 4253e séance."
    "meeting": re.compile(
        r"(\d+)\s?(?:st|nd|rd|th|the|e|re|ᵉ)\s+(?:plenary\s+)?(?:meet-?\s?ings?|meting|séance)"
    ),
    "votes_for": re.compile(r"\bby\s+(\d+)\s+votes|\bpar\s+(\d+)\s+voix"),
    "votes_against": re.compile(
        r"\bvotes?\b[^,;]*?\bto\s+(\d+|none)\b|\bvoix\s+contre\s+(\d+|zéro)"
    ),
    "abstentions": re.compile(r"\bwith\s+(\d+|one)\s+abstentions?|\b(\d+)\s+abstentions?"),
}


def _trailer_meta(trailer: str, meta: dict[str, str]) -> dict[str, str]:
    """Return what the closing line adds to ``meta``: itself, the meeting and the votes.

    Texts without a masthead name the meeting only in their closing line; a
    masthead's meeting, already in ``meta``, wins.
    """
    if not trailer:
        return {}
    found = {"trailer": trailer, **_votes(trailer)}
    if "meeting" in meta:
        found.pop("meeting", None)
    return found


_HEADING_MEETING = re.compile(
    # a scan's "at _its", "3133rd_ meeting", "326lst" (for 3261st)
    r"\b(?:Adopted by the Security(?: Council)? at[\s_]+its"
    r"|Adoptée par le Conseil de sécurité à sa)"
    r"\s+(\d[\dl]*?)\s?(?:st|nd|rd|th|e|re|ᵉ)[\s_]+(?:meeting|séance)",
)


def _heading_meeting(head: list[str]) -> dict[str, str]:
    """Read the meeting a heading names ("Adopted by the Security Council at its 3087th …")."""
    m = _HEADING_MEETING.search(" ".join(" ".join(head).split()))
    return {"meeting": m.group(1).replace("l", "1")} if m else {}


def _votes(trailer: str) -> dict[str, str]:
    """Read the meeting and the votes an adoption trailer prints (where it prints them)."""
    found: dict[str, str] = {}
    for key, pattern in _VOTES.items():
        m = pattern.search(trailer)
        if m:
            value = next(g for g in m.groups() if g)
            found[key] = {"none": "0", "zéro": "0", "one": "1"}.get(value, value)
    if re.search(r"\b(?:unanimously|à l’unanimité)\b", trailer):
        found["votes"] = "unanimous"
    return found


def _read_masthead(text: str) -> tuple[str, dict[str, str]]:
    """Read the masthead of a text laid out as the UN prints it, and blank its page furniture.

    Text extracted from a PDF (or a text file keeping the printed layout) opens
    with a masthead, in English or French: organ, symbol, "Distr.: General"
    ("Distr. générale") and a date. When there is one, its values are the
    resolution's metadata, extraction artefacts are mended and page furniture
    (job numbers, barcodes, running headers, page numbers) is blanked, keeping
    the line count. Other text is left alone.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "Distr." not in text:
        # masthead() reads "distributed" only after these letters, and every text
        # without it is left alone: most transcriptions are spared a read of their pages.
        return text, {}
    head = masthead(text)
    if not head.get("symbol") or "distributed" not in head:
        return text, {}
    mended = mend(text)
    return strip_furniture(mended, symbol=head["symbol"], title=head.get("title", "")), head


def _blocks(
    lines: list[str], first: int, header: Header, *, printed: bool
) -> tuple[list[Block], dict[str, Footnote], str]:
    """Classify lines after the body line and group text lines into blocks."""
    lines_ = _Lines(lines, first, header, printed=printed)
    for idx in range(first, len(lines)):
        lines_.read(idx)
    return lines_.blocks, lines_.footnotes, lines_.trailer


class _Lines:
    """The line classifier's state, with one method per kind of line.

    A line is a page break, a blank, page residue, the start or continuation
    of a footnote body, the adoption trailer, or text (which may start a block).
    """

    def __init__(self, lines: list[str], first: int, header: Header, *, printed: bool) -> None:
        self.lines = lines
        self.header = header
        self.printed = printed
        self.blocks: list[Block] = []
        self.footnotes: dict[str, Footnote] = {}
        self.candidates = set(_footnote_candidates(lines, first))
        # Numbering starts at 1 in a resolution, but at any number in texts cut
        # from a yearly volume: start from the smallest plausible footnote body.
        low = min(self.candidates) if self.candidates else 0
        self.next_marker = low if self.candidates and low < 100 else 1
        self.pending: set[int] = set()
        # Numbers whose marker was lost in the text: their bodies are footnotes all the same.
        self.lost: set[int] = set()
        self.current: Block | None = None
        self.in_footnote: Footnote | None = None
        self.gap = False
        self.page_break = False
        self.prev_text = ""
        self.after_break_ok = True
        self.trailer = ""
        self.in_trailer = False

    def read(self, idx: int) -> None:
        """Classify line ``idx`` (0-based) and update the blocks."""
        raw = self.lines[idx]
        s = raw.strip()
        if raw == "\f":  # a page break: blank to str.strip(), but it joins paragraphs
            self._break(page=True)
        elif not s:
            self._break(page=False)
            self.in_trailer = False
        elif is_page_residue(raw, symbol=self.header.symbol, title=self.header.title):
            self._break(page=True)
        elif not self._footnote(idx, raw, s) and not self._trailer(idx, s):
            self._text(idx, s)

    def _break(self, *, page: bool) -> None:
        self.gap = True
        self.page_break = self.page_break or page
        self.in_footnote = None
        self.after_break_ok = True

    def _footnote(self, idx: int, raw: str, s: str) -> bool:
        """Read a line that opens or continues a footnote body; tell whether it was one."""
        m = _FOOTNOTE_START.match(raw) if s[0].isdigit() else None
        if m and (
            (self._awaited(int(m.group(1))) and (self.after_break_ok or self.in_footnote))
            or self._next_footnote(int(m.group(1)))
        ):
            n = int(m.group(1))
            self.pending.discard(n)
            self.lost.discard(n)
            self.in_footnote = Footnote(str(n), [(idx + 1, m.group(2))])
            self.footnotes[str(n)] = self.in_footnote
            return True
        if self.in_footnote is not None:
            self.in_footnote.lines.append((idx + 1, s))
            return True
        return False

    def _awaited(self, n: int) -> bool:
        """Tell whether a body numbered ``n`` is due: its marker was found, or was lost."""
        return n in self.pending or n in self.lost

    def _next_footnote(self, n: int) -> bool:
        """Tell whether a line opening with ``n`` is the footnote after the one being read.

        Footnote bodies printed one under the other ("10 Ibid., document S/25810."
        then "11 Ibid., document S/25797.") are separate even where the text's
        marker for ``n`` was not found; a body line that wraps ends without a full
        stop, so "11 December 1948" after "Supplement for" stays in its footnote.
        """
        note = self.in_footnote
        return (
            note is not None
            and n == int(note.number) + 1
            and n in self.candidates
            and note.lines[-1][1].rstrip().endswith(".")
        )

    def _trailer(self, idx: int, s: str) -> bool:
        """Read the adoption trailer, metadata rather than a paragraph; tell whether it was."""
        printed = None
        # Only a line opening as a trailer does is joined to its next ones and searched.
        if _may_open_trailer(s):
            printed = _ADOPTION_TRAILER.match(_join(self.lines[idx : idx + 2])) or (
                _ADOPTION_TRAILER.match(_join(self._ahead(idx)))
            )
        # a scan's "Adapted", or "Approved", close a text only after a blank line
        closing = bool(printed) and (self.gap or not s.startswith(("Adapted", "Approved")))
        broken = self.trailer and not _MEETING_NUMBER.search(self.trailer)
        if (
            self.in_trailer
            or (s[0] == "[" and _VOTE.match(s))
            or (closing and not _OPERATIVE.match(s))
            or (broken and _TRAILER_REST.match(s))
        ):
            # "Adopted unanimously at the 1382nd meeting.", whose footnote marks
            # ("meeting by 13 votes to none. 11") open footnotes too
            s, _ = self._markers(s)
            self.trailer = f"{self.trailer} {s}".strip()
            self.in_trailer = True
            return True
        return False

    def _ahead(self, idx: int) -> list[str]:
        """Return line ``idx`` and the two text lines after it, over blank lines."""
        ahead = [ln for ln in self.lines[idx + 1 : idx + 5] if ln.strip()][:2]
        return [self.lines[idx], *ahead]

    def _markers(self, s: str) -> tuple[str, list[str]]:
        """Take the footnote markers out of a text line: the next expected numbers glued on."""
        cited: list[str] = []
        after = 0  # markers come in order: the next one is after the last one found
        # every marker is digits: most lines have none
        while _DIGIT.search(s, after) and (mm := self._next_marker(s, after)):
            s = s[: mm.start()] + s[mm.end() :]
            after = mm.start()
            cited.append(str(self.next_marker))
            self.pending.add(self.next_marker)
            self.next_marker += 1
        again = _REPEATED_MARKER.search(s) if s[-1:].isdigit() else None
        if again and self._cited_before(int(again.group(1))):
            s = s[: again.start()]
            cited.append(again.group(1))
        return s, cited

    def _cited_before(self, n: int) -> bool:
        """Tell whether ``n`` is a footnote the text has already cited, with a body to come."""
        return n < self.next_marker and n in self.candidates and n not in self.lost

    def _next_marker(self, s: str, after: int) -> re.Match[str] | None:
        """Find the next footnote marker in ``s`` from ``after``; it may skip a lost one."""
        n = self.next_marker
        # printed text has its raised markers glued on: a spaced number is a number
        spaced = n in self.candidates and not self.printed
        mm = _find_marker(_SPACED_MARKER if spaced else _GLUED_MARKER, s, n, after)
        if mm:
            return mm
        if n + 1 in self.candidates:
            # the mark before was lost ("2015–20303", "Uganda 4 11"): take the next
            # one where nothing else reads so ("Paris Agreement4 requires")
            mm = _find_marker(_LOST_MARKER, s, n + 1, after)
            if mm:
                self.lost.add(n)
                self.next_marker = n + 1
                return mm
        return None

    def _text(self, idx: int, s: str) -> None:
        s, cited = self._markers(s)
        if self.current is None or self._starts_new(idx, s, self.current):
            self.current = Block()
            self.blocks.append(self.current)
        self.current.lines.append((idx + 1, s))
        self.current.footnotes.extend(cited)
        self.prev_text = s
        self.gap = self.page_break = False
        self.after_break_ok = s.rstrip().endswith((".", ";", ":"))

    def _starts_new(self, idx: int, s: str, current: Block) -> bool:
        """Tell whether text line ``s`` opens a new block after ``current``."""
        prev_text = self.prev_text
        if _is_annex_heading(prev_text.strip()):
            return True
        prev_end = prev_text.rstrip().endswith(_TERMINAL)
        if not (self.page_break or self.gap or prev_end):
            return False  # a wrapped line: nothing ended or broke before it
        marker = _opens_marked(s)
        if self.page_break and not marker:
            return self._after_page_break(idx, s, prev_end)
        if self.gap:
            if prev_end or marker or (s[:1].isupper() and _is_opener(s)):
                return True
            # a heading ("Arms Embargo") stands alone, above a paragraph or another heading
            heading = self.printed and len(current.lines) <= 2
            heading = heading and is_heading(current.text())
            return heading and s[:1].isupper()
        return prev_end and (marker or (_is_opener(s) and prev_text.endswith(",")))

    def _after_page_break(self, idx: int, s: str, prev_end: bool) -> bool:
        """Tell whether an unnumbered text line after a page break opens a new block."""
        # a heading line ("Arms Embargo") set apart by blank lines
        next_blank = idx + 1 >= len(self.lines) or not self.lines[idx + 1].strip()
        alone = self.printed and prev_end and next_blank and is_heading(s)
        opens = prev_end and (_is_opener(s) or self.prev_text.rstrip().endswith((";", ".")))
        return (opens and s[:1].isupper()) or alone
