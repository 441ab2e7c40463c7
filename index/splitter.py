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
from collections.abc import Iterable
from dataclasses import dataclass, field

from .errors import CorpusError
from .header import BODIES, Header, body_line, parse_header, with_masthead
from .labels import label, reference
from .model import Paragraph, Resolution
from .pdf import masthead, mend, strip_furniture
from .symbols import cited_symbols

__all__ = ["normalize_text", "split_resolution"]

_SPACES = str.maketrans({c: " " for c in "\u00a0\u202f\u2007\u2009\u2002\u2003\u2000\u2001\t\v"})
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def normalize_text(text: str) -> str:
    """Normalise line ends, typographic spaces and invisible characters; keep every visible one.

    A soft hyphen at the end of a line marks a word broken by the typesetter: the
    two halves are joined. Elsewhere it is invisible and removed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n")
    text = text.translate(_SPACES).translate(_INVISIBLE)
    text = re.sub("\u00ad *\n", "\u00ad\n", text)
    return text


_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
_JOB_NUMBER = re.compile(r"^\s*(?:GE\.)?\d{2}-\d{4,6}\s*\([A-Z]\)(?:\s+\d{6})?(?:\s+\d{6})?\s*$")
_BARCODE = re.compile(r"^\s*\*\d{6,}\*\s*$")
_RECYCLE = re.compile(r"^\s*(?:Please recycle|Merci de recycler)\b.*$", re.I)
_ADOPTION_TRAILER = re.compile(
    r"^\s*(?:(?:Adopted|Adoptée?|Adoptées)\b.{0,120}\b(?:meeting|séance)\b"
    # "34th meeting / 8 July 2025", "81e séance plénière / 4 décembre 2000"
    r"|\d{1,4}(?:st|nd|rd|th|e|re)\s+(?:plenary\s+)?(?:meeting|séance)(?:\s+plénière)?"
    r"\s+\d{1,2}(?:er)?\s+\w+\s+\d{4}\s*$)",
    re.I | re.S,
)
_VOTE = re.compile(r"^\s*\[(?:Adopted|Adoptée?)\b[^\]]*\]\s*$", re.I)
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")
_OPERATIVE = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
_SUB = re.compile(r"^(\(?)((?:[a-z]{1,2})|(?:[ivxl]{1,5})|(?:\d{1,2}))\)\s+(?=\S)")
_ANNEX = re.compile(r"^\s*(?:Annexe?|Annex)(?:\s+([IVX]+|\d+))?\s*$", re.I)
_TERMINAL = (",", ";", ".", ":", "»", "”", "!", "?")
_OPENER_WORD = re.compile(r"^(?:[A-ZÀ-Ý][\w’'-]*(?:ant|ants|ante|antes|ing)|[A-ZÀ-Ý]\w*ment)\b")
_OPENER_ADJECTIVE_WORDS = """
    Consciente Conscient Convaincue Convaincu Préoccupée Résolue Déterminée Soucieuse
    Alarmée Inquiète Persuadée Profondément Gravement Vivement Prenant Ayant Sachant
    Mindful Aware Convinced Conscious Deeply Gravely Alarmed Concerned Determined
    Bearing Having Welcoming Noting Recalling Reaffirming Acknowledging Guided"""
_OPENER_ADJECTIVES = frozenset(_OPENER_ADJECTIVE_WORDS.split())


@dataclass
class _Block:
    lines: list[tuple[int, str]] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    gap_before: bool = False


@dataclass
class _Footnote:
    number: str
    lines: list[tuple[int, str]] = field(default_factory=list)


def _marker_pattern(n: int, *, spaced: bool) -> re.Pattern[str]:
    # "droits de l’homme1", "Paris Agreement,1", "Roadmap to 1.3T”,7",
    word = r"(?:[^\W\d_]|[»”\"\)\]])"
    # and "decision 1/CMA.3,8"
    glued = rf"(?:(?<={word})|(?<={word}[,;:.])|(?<=[^\W\d_]\.\d,)){n}(?=[\s,.;:)»”]|$)"
    if not spaced:
        return re.compile(glued)
    # Old texts and some PDF extractions set the marker apart: "Nations, 17".
    return re.compile(rf"{glued}|(?:(?<=[^\W\d_][,;:.)])|(?<=[^\W\d_])) {n}(?=[\s,.;:]|$)")


_OPERATIVE_VERB_WORDS = """
    Decides Requests Calls Urges Recommends Demands Condemns Welcomes Expresses Invites
    Encourages Affirms Reaffirms Endorses Approves Authorizes Appeals Notes Takes Emphasizes
    Stresses Underlines Declares Reiterates Renews Extends Supports Commends Considers Deplores
    Regrets Appreciates Acknowledges Recognizes Reminds Strongly Further Also Agrees Adopts
    Décide Prie Demande Invite Engage Exhorte Condamne Accueille Réaffirme Recommande Souligne
    Note Prend Approuve Autorise Encourage Exprime Déclare Considère Estime Rappelle Réitère
    Insiste Salue Remercie Déplore Regrette Reconnaît Affirme Appuie Souscrit Se Adopte"""
_OPERATIVE_VERBS = frozenset(_OPERATIVE_VERB_WORDS.split())


def _footnote_candidates(lines: list[str], first: int) -> list[int]:
    """Return the numbers of lines that could open a footnote body, in order.

    A footnote body starts a block: the line before it is blank, page
    furniture or another footnote line.
    """
    found: list[int] = []
    prev_blank = True
    for raw in lines[first:]:
        m = _FOOTNOTE_START.match(raw)
        if m and prev_blank:
            found.append(int(m.group(1)))
        prev_blank = (
            not raw.strip() or bool(_PAGE_NUMBER.match(raw.strip())) or (bool(m) and prev_blank)
        )
    return found


def _is_opener(line: str) -> bool:
    word = line.split(" ", 1)[0].rstrip(",:")
    return bool(_OPENER_WORD.match(line)) or word in _OPENER_ADJECTIVES or word in _OPERATIVE_VERBS


def _join(lines: Iterable[str]) -> str:
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("\u00ad"):
            out = out[:-1] + line
        elif out.endswith("-") and not out.endswith(" -"):
            out += line
        else:
            out += " " + line
    return out.replace("\u00ad", "")


def _detect_language(lines: list[str]) -> str:
    words = re.findall(r"[^\W\d_]+", " ".join(lines).lower())
    fr = sum(w in {"le", "la", "les", "des", "et", "du", "de", "que", "dans"} for w in words)
    en = sum(w in {"the", "and", "of", "to", "that", "in", "its", "with"} for w in words)
    return "fr" if fr >= en else "en"


def split_resolution(text: str, *, source: str, filename: str) -> Resolution:
    """Split a resolution's text into a :class:`Resolution` of numbered paragraphs.

    Raises :class:`CorpusError` when the text is not a resolution: no body line,
    no numbered paragraph and no symbol to cite it by.
    """
    text, head = _read_masthead(text)
    lines = normalize_text(text).split("\n")
    start = None
    body, language = "", ""
    for i, line in enumerate(lines):
        found = body_line(line)
        if found:
            start, (body, language) = i, found
            break
    if start is None:
        # No body line (some old Security Council texts): the heading is the
        # first block, and the text must still show numbered paragraphs.
        first_blank = next((i for i, ln in enumerate(lines) if ln.strip() == "" and i > 0), 0)
        if not any(_OPERATIVE.match(ln.strip()) for ln in lines[first_blank:]):
            raise CorpusError(
                source,
                "not a resolution: no body line (such as 'L’Assemblée générale,') "
                "and no numbered paragraphs",
            )
        start = first_blank
        language = _detect_language(lines)
        heading = " ".join(lines[:first_blank])
        is_sc = re.search(r"Security Council|Conseil de sécurité|^\s*Resolution", heading)
        body = "SC" if is_sc else ""
    header = with_masthead(parse_header(lines[:start], lines, body, language, filename), head)
    if not header.symbol:
        raise CorpusError(
            source,
            "no symbol: the text names none and the file name spells none "
            "(name it like A_RES_55_109.fr.txt)",
        )
    blocks, footnotes, trailer = _blocks(lines, start + 1, header)
    paragraphs = _number(blocks, footnotes, header)
    if not paragraphs:
        raise CorpusError(source, "not a resolution: no paragraph after the body line")
    meta = {key: value for key, value in head.items() if key not in _NOT_META}
    if trailer:
        meta["trailer"] = trailer
    return Resolution(
        symbol=header.symbol,
        number=header.number,
        title=header.title,
        body=header.body,
        language=header.language,
        paragraphs=tuple(paragraphs),
        session=header.session,
        year=header.year,
        adopted=header.adopted,
        source=source,
        meta=meta,
    )


_NOT_META = frozenset({"symbol", "adopted", "title"})


def _read_masthead(text: str) -> tuple[str, dict[str, str]]:
    """Read the masthead of a text laid out as the UN prints it, and blank its page furniture.

    Text extracted from a PDF (or a text file keeping the printed layout) opens
    with a masthead: organ, symbol, "Distr.: General" and a date. When there is
    one, its values are the resolution's metadata, extraction artefacts are
    mended and page furniture (job numbers, barcodes, running headers, page
    numbers) is blanked, keeping the line count. Other text is left alone.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    head = masthead(text)
    if not head.get("symbol") or "distributed" not in head:
        return text, {}
    mended = mend(text)
    return strip_furniture(mended, symbol=head["symbol"], title=head.get("title", "")), head


def _is_furniture(line: str, header: Header) -> bool:
    s = line.strip()
    if s == "\f" or _PAGE_NUMBER.match(s) or _JOB_NUMBER.match(s) or _BARCODE.match(s):
        return True
    if _RECYCLE.match(s):
        return True
    flat = " ".join(s.split())
    if header.symbol and flat.replace(" ", "") == header.symbol.replace(" ", ""):
        return True
    return bool(header.title and len(flat) > 20 and flat == header.title)


def _blocks(
    lines: list[str], first: int, header: Header
) -> tuple[list[_Block], dict[str, _Footnote], str]:
    """Classify lines after the body line and group text lines into blocks."""
    blocks: list[_Block] = []
    footnotes: dict[str, _Footnote] = {}
    candidates = set(_footnote_candidates(lines, first))
    # Numbering starts at 1 in a resolution, but at any number in texts cut
    # from a yearly volume: start from the smallest plausible footnote body.
    next_marker = min(candidates) if candidates and min(candidates) < 100 else 1
    pending: set[int] = set()
    current: _Block | None = None
    in_footnote: _Footnote | None = None
    gap = False
    page_break = False
    prev_text = ""
    after_break_ok = True
    trailer = ""
    in_trailer = False

    def blocks_end(text: str) -> bool:
        return bool(_OPERATIVE.match(text))

    for idx in range(first, len(lines)):
        lineno = idx + 1
        raw = lines[idx]
        s = raw.strip()
        if raw == "\f":  # a page break: blank to str.strip(), but it joins paragraphs
            gap = page_break = True
            in_footnote = None
            after_break_ok = True
            continue
        if not s:
            gap = True
            in_footnote = None
            in_trailer = False
            after_break_ok = True
            continue
        if _is_furniture(raw, header):
            gap = page_break = True
            in_footnote = None
            after_break_ok = True
            continue
        m = _FOOTNOTE_START.match(raw)
        if m and int(m.group(1)) in pending and (after_break_ok or in_footnote):
            n = int(m.group(1))
            pending.discard(n)
            in_footnote = _Footnote(str(n), [(lineno, m.group(2))])
            footnotes[str(n)] = in_footnote
            continue
        if in_footnote is not None:
            in_footnote.lines.append((lineno, s))
            continue
        closing = _ADOPTION_TRAILER.match(_join(lines[idx : idx + 2])) and not blocks_end(s)
        if in_trailer or _VOTE.match(s) or closing:
            # "Adopted unanimously at the 1382nd meeting.": how it was adopted,
            # metadata rather than a paragraph.
            trailer = f"{trailer} {s}".strip()
            in_trailer = True
            continue
        # Footnote markers: the next expected number glued to a word.
        cited: list[str] = []
        while True:
            pat = _marker_pattern(next_marker, spaced=next_marker in candidates)
            mm = pat.search(s)
            if not mm:
                break
            s = s[: mm.start()] + s[mm.end() :]
            cited.append(str(next_marker))
            pending.add(next_marker)
            next_marker += 1
        starts_new = current is None
        if current is not None:
            prev_end = prev_text.rstrip().endswith(_TERMINAL)
            marker = bool(_OPERATIVE.match(s) or _SUB.match(s) or _ANNEX.match(s))
            if page_break and not marker:
                starts_new = prev_end and (_is_opener(s) or prev_text.rstrip().endswith((";", ".")))
                starts_new = starts_new and s[:1].isupper()
            elif gap:
                starts_new = prev_end or marker or (s[:1].isupper() and _is_opener(s))
            else:
                starts_new = prev_end and (marker or (_is_opener(s) and prev_text.endswith(",")))
            if _ANNEX.match(prev_text.strip()):
                starts_new = True
        if starts_new:
            current = _Block(gap_before=gap)
            blocks.append(current)
        assert current is not None
        current.lines.append((lineno, s))
        current.footnotes.extend(cited)
        prev_text = s
        gap = page_break = False
        after_break_ok = prev_text.rstrip().endswith((".", ";", ":"))
    return blocks, footnotes, trailer


_ROMANS = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv"}


def _number(
    blocks: list[_Block], footnotes: dict[str, _Footnote], header: Header
) -> list[Paragraph]:
    """Give each block its kind, number, reference and label."""
    symbol, lang = header.symbol, header.language
    out: list[Paragraph] = []
    pp = 0
    op = 0
    annex = 0
    annex_unnumbered = 0
    last_letter = ""
    last_level1 = ""
    pending: list[tuple[str, str, str, str, _Block]] = []  # kind, number, local, annex, block

    for block in blocks:
        text = _join(t for _, t in block.lines)
        first = text
        am = _ANNEX.match(first)
        if am and len(block.lines) == 1:
            annex += 1
            op = 0
            annex_unnumbered = 0
            last_letter = last_level1 = ""
            continue
        prefix = f"ann{annex}." if annex else ""
        om = _OPERATIVE.match(first)
        sm = _SUB.match(first)
        if om and int(om.group(1)) > op:
            op = int(om.group(1))
            last_letter = last_level1 = ""
            kind = "annex" if annex else "operative"
            pending.append((kind, str(op), f"{prefix}op{op}", str(annex or ""), block))
            continue
        if sm and (op or pp or annex):
            mark = sm.group(2)
            parent_kind = "op" if op else "pp"
            parent_num = op if op else pp
            if (
                mark in _ROMANS
                and last_letter
                and not (len(mark) == 1 and last_level1 and ord(mark) == ord(last_level1[-1]) + 1)
            ):
                number = f"{parent_num}.{last_letter}.{mark}"
            else:
                last_letter = mark
                last_level1 = mark
                number = f"{parent_num}.{mark}"
            local = f"{prefix}{parent_kind}{number}"
            pending.append(("subparagraph", number, local, str(annex or ""), block))
            continue
        if annex:
            annex_unnumbered += 1
            n = f"p{annex_unnumbered}"
            pending.append(("annex", n, f"{prefix}pp{annex_unnumbered}", str(annex), block))
            continue
        if op == 0 and not annex and _is_unnumbered_operative(text):
            op = 1
            pending.append(("operative", "1", "op1", "", block))
            continue
        if op == 0:
            pp += 1
            pending.append(("preambular", str(pp), f"pp{pp}", "", block))
            continue
        # Unnumbered text after the operative part continues the paragraph
        # before it (a quotation, a list introduced by a colon): never dropped.
        if pending:
            k, n, loc, an, prev = pending[-1]
            merged = _Block(prev.lines + block.lines, prev.footnotes + block.footnotes)
            pending[-1] = (k, n, loc, an, merged)

    order = 0
    used: dict[str, int] = {}
    for kind, number, local, annex_no, block in pending:
        text = _join(t for _, t in block.lines)
        # A marker the source repeats (two "(a)" lists under one paragraph)
        # must not make two paragraphs share a reference: number the repeat.
        seen = used[local] = used.get(local, 0) + 1
        if seen > 1:
            local, number = f"{local}-{seen}", f"{number}-{seen}"
        out.append(
            Paragraph(
                reference=reference(symbol, local),
                label=label(symbol, kind, number, lang, annex=annex_no),
                kind=kind,
                number=number,
                text=text,
                order=order,
                cites_footnotes=tuple(block.footnotes),
                cites_symbols=cited_symbols(text, series=_series(header)),
                lines=(block.lines[0][0], block.lines[-1][0]),
            )
        )
        order += 1
    for n in sorted(footnotes, key=int):
        fn = footnotes[n]
        text = _join(t for _, t in fn.lines)
        out.append(
            Paragraph(
                reference=reference(symbol, f"fn{n}"),
                label=label(symbol, "footnote", n, lang),
                kind="footnote",
                number=n,
                text=text,
                order=order,
                cites_symbols=cited_symbols(text, series=_series(header)),
                lines=(fn.lines[0][0], fn.lines[-1][0]),
            )
        )
        order += 1
    return out


def _is_unnumbered_operative(text: str) -> bool:
    """Tell an unnumbered operative paragraph ("Demands the withdrawal…") from preamble."""
    word = text.split(" ", 1)[0].rstrip(":,")
    return (
        word in _OPERATIVE_VERBS
        and not text.rstrip().endswith(",")
        and word not in {"Further", "Also", "Strongly", "Se", "Note", "Notes", "Takes", "Prend"}
    )


def _series(header: Header) -> str:
    for name, prefix in BODIES.values():
        if name == header.body:
            return prefix.split("/RES/")[0]
    return ""
