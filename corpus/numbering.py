"""Number the splitter's blocks: kinds, references and labels, annexes and headings.

The splitter (:mod:`resolu.corpus.splitter`) turns lines into blocks of text;
this module decides what each block is:

* ``1.`` opens an operative paragraph, ``a)``/``(a)`` and ``i)``/``(i)`` a
  sub-paragraph; what comes before the first operative paragraph is preamble;
* a short line without closing punctuation ("Arms Embargo", "I. Reporting") is
  a heading: metadata, not a paragraph;
* an annex opens with an "Annex" heading ("Annex", "Annex II", "Annex A – Items
  subject to…") or, where the resolution adopts a text it quotes in full ("Adopts
  the following political declaration…:"), with the quoted text's heading. Its
  paragraphs are numbered apart: ``ann1.op1`` (kind ``annex``), ``ann1.pp1`` for
  an unnumbered one, ``ann1.op2.a`` for a sub-paragraph, so they never collide
  with the resolution's own paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .bodies import body_by_name
from .citations import cited_symbols
from .header import Header
from .labels import label, reference
from .model import Paragraph

__all__ = ["Block", "Footnote", "is_heading", "join_lines", "number_blocks"]

OPERATIVE = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
SUB = re.compile(r"^(\(?)((?:[a-z]{1,2})|(?:[ivxl]{1,5})|(?:\d{1,2}))\)\s+(?=\S)")
ANNEX = re.compile(
    r"^\s*(?:Annexe?|Annex)(?:\s+([IVX]+|\d+|[A-Z]))?\s*(?:(?:[–—-]|:)\s+\S.*)?$", re.I
)
_PAREN_OPERATIVE = re.compile(r"^\((\d{1,2})\)\s+(?=\S)")
TERMINAL = (",", ";", ".", ":", "»", "”", "!", "?")
_HEADING_WORDS = 20

_OPERATIVE_VERB_WORDS = """
    Decides Requests Calls Urges Recommends Demands Condemns Welcomes Expresses Invites
    Encourages Affirms Reaffirms Endorses Approves Authorizes Appeals Notes Takes Emphasizes
    Stresses Underlines Declares Reiterates Renews Extends Supports Commends Considers Deplores
    Regrets Appreciates Acknowledges Recognizes Reminds Strongly Further Also Agrees Adopts
    Resolves Directs Entrusts Instructs Establishes Appoints Transmits Determines Censures
    Asks Proposes Elects Refers Resolved
    Décide Prie Demande Invite Engage Exhorte Condamne Accueille Réaffirme Recommande Souligne
    Note Prend Approuve Autorise Encourage Exprime Déclare Considère Estime Rappelle Réitère
    Insiste Salue Remercie Déplore Regrette Reconnaît Affirme Appuie Souscrit Se Adopte"""
OPERATIVE_VERBS = frozenset(_OPERATIVE_VERB_WORDS.split())
_ROMAN_WORDS = "i ii iii iv v vi vii viii ix x xi xii xiii xiv"
_ROMANS = {r: n for n, r in enumerate(_ROMAN_WORDS.split(), 1)}


@dataclass
class Block:
    """Consecutive text lines the splitter grouped as one paragraph, with the footnotes cited."""

    lines: list[tuple[int, str]] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    #: the sub-paragraph marker as read, where the printed one is a look-alike ("(6)" for "(b)")
    mark: str = ""
    #: the text joined from the first ``_joined`` lines (lines are only ever added)
    _text: str = field(default="", init=False, repr=False, compare=False)
    _joined: int = field(default=-1, init=False, repr=False, compare=False)

    def text(self) -> str:
        """Return the lines joined into one paragraph text (:func:`join_lines`), once."""
        if self._joined != len(self.lines):
            # numbering reads each block's text two or three times: join it once
            self._text = join_lines(t for _, t in self.lines)
            self._joined = len(self.lines)
        return self._text


@dataclass
class Footnote:
    """A footnote body: its number and its (line number, text) lines."""

    number: str
    lines: list[tuple[int, str]] = field(default_factory=list)


#: A line ending with a hyphen or a soft hyphen, before another line.
_HYPHEN_AT_LINE_END = re.compile(r"[-\u00ad]\s*\n")


def join_lines(lines: Iterable[str]) -> str:
    """Join wrapped lines into one paragraph text, mending hyphens broken at a line end."""
    raws = list(lines)
    joined = "\n".join(raws)
    if not _HYPHEN_AT_LINE_END.search(joined):
        # No line but the last ends with a hyphen (most paragraphs): the lines
        # joined by one space, each one's spaces evened out, is the text at once.
        return " ".join(joined.split()).replace("\u00ad", "")
    out = ""
    for raw in raws:
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


def is_heading(text: str) -> bool:
    """Tell a heading ("Arms Embargo", "I. Reporting") from a paragraph.

    A heading is short, opens with a capital letter and has no closing
    punctuation; a paragraph or sub-paragraph marker makes it a paragraph.

    >>> is_heading("Travel Ban and Asset Freeze"), is_heading("Acting under Chapter VII,")
    (True, False)
    """
    text = re.sub(r"(?<=[^\W\d_][,;:.])\d{1,3}$", "", text.strip())  # a footnote marker
    return bool(
        text
        and text[0].isupper()
        and not text.endswith(TERMINAL)
        and len(text.split()) <= _HEADING_WORDS
        and not OPERATIVE.match(text)
        and not SUB.match(text)
    )


@dataclass
class _State:
    pp: int = 0
    op: int = 0
    annex: int = 0
    annex_name: str = ""
    annex_unnumbered: int = 0
    annex_start: int = 0
    last_letter: str = ""
    last_level1: str = ""
    #: whether the current list of sub-paragraphs is numbered "(i)", "(ii)"…
    romans: bool = False
    headings: list[str] = field(default_factory=list)
    annexes: list[str] = field(default_factory=list)
    #: whether the operative part is unnumbered paragraphs opening with a verb
    verbs: bool = False
    #: whether operative paragraphs are numbered "(1)", "(2)"
    parenthesised: bool = False
    #: kind, number, local reference, annex, block
    pending: list[tuple[str, str, str, str, Block]] = field(default_factory=list)

    def open_annex(self, name: str, title: str, start: int) -> None:
        self.annex += 1
        self.annex_start = start
        self.annex_name = name or str(self.annex)
        self.op = self.annex_unnumbered = 0
        self.last_letter = self.last_level1 = ""
        self.romans = False
        self.annexes.append(title)

    def take(self, block: Block, *, printed: bool) -> None:
        """Number one block, or read it as an annex's or a section's heading."""
        text = block.text()
        am = ANNEX.match(text)
        if am and (len(block.lines) == 1 or (printed and len(block.lines) == 2)):
            self.open_annex(am.group(1) or "", text, len(self.pending))
        elif printed and is_heading(text):
            self._heading(block, text)
        elif not self._numbered(block, text):
            self._unnumbered(block, text)

    def _heading(self, block: Block, text: str) -> None:
        last = self.pending[-1] if self.pending else None
        if not self.annex and self.op and last and last[4] is not block and _ends_colon(last[4]):
            # "Adopts the following political declaration…:" and its title
            self.open_annex("", text, len(self.pending))
        elif self.annex and len(self.pending) == self.annex_start:
            self.annexes[-1] += "\n" + text  # the rest of the annex's heading, or its subtitle
        else:
            self.headings.append(text)

    def _numbered(self, block: Block, text: str) -> bool:
        """Number a block opening with ``1.`` or ``a)``; tell whether it had such a marker."""
        prefix = f"ann{self.annex}." if self.annex else ""
        annex_no = self.annex_name if self.annex else ""
        om = self._operative_marker(text)
        if om and int(om.group(1)) > self.op:
            self.op = int(om.group(1))
            self.last_letter = self.last_level1 = ""
            kind = "annex" if self.annex else "operative"
            self.pending.append((kind, str(self.op), f"{prefix}op{self.op}", annex_no, block))
            return True
        sm = SUB.match(text)
        if not (sm and (self.op or self.pp or self.annex)):
            return False
        if self._continues_inline(block.mark or sm.group(2)):
            self._merge_last(block)
            return True
        self._sub(block, block.mark or sm.group(2), prefix, annex_no)
        return True

    def _sub(self, block: Block, mark: str, prefix: str, annex_no: str) -> None:
        """Number a sub-paragraph ``(b)``, or ``(ii)`` under the last one or beside a ``(i)``."""
        parent_kind = "op" if self.op else "pp"
        parent_num = self.op if self.op else (self.pp if not self.annex else self.annex_unnumbered)
        level1 = self.last_level1
        next_letter = len(mark) == 1 and level1 and ord(mark) == ord(level1[-1]) + 1
        # a list numbered "(i)", "(ii)"… has its romans side by side, not one under another
        roman_list = _ROMANS.get(level1, -1) + 1 == _ROMANS.get(mark) and self.romans
        if mark in _ROMANS and self.last_letter and not next_letter and not roman_list:
            number = f"{parent_num}.{self.last_letter}.{mark}"
        else:
            self.romans = mark == "i" if not level1 else self.romans
            self.last_letter = self.last_level1 = mark
            number = f"{parent_num}.{mark}"
        local = f"{prefix}{parent_kind}{number}"
        self.pending.append(("subparagraph", number, local, annex_no, block))

    def _continues_inline(self, mark: str) -> bool:
        """Tell whether a marker carries on a list the block before began inline.

        "…the three following documents: (1) The instrument…; (2) The permanent
        Statute…;" then "(3) The instrument for the Free Port…" on a new line.
        """
        if self.last_level1 or not self.pending or mark in {"a", "i", "1"}:
            return False
        if mark.isdigit():
            before = str(int(mark) - 1)
        elif len(mark) == 1:
            before = chr(ord(mark) - 1)
        else:
            return False
        last = self.pending[-1][4].text()
        at = last.find(f"({before})")
        # inline: after words, not at the head of the block ("10. (a) The Government…")
        return at > 0 and not re.fullmatch(r"\d{1,3}\.\s*", last[:at])

    def _merge_last(self, block: Block) -> None:
        """Add a block to the paragraph before it (a quotation, a list's continuation)."""
        kind_, number_, local_, annex_, prev = self.pending[-1]
        merged = Block(prev.lines + block.lines, prev.footnotes + block.footnotes, prev.mark)
        self.pending[-1] = (kind_, number_, local_, annex_, merged)

    def _operative_marker(self, text: str) -> re.Match[str] | None:
        """Match an operative paragraph's number: ``1.``, or ``(1)`` in old Council texts."""
        om = OPERATIVE.match(text)
        if om:
            return om
        pm = _PAREN_OPERATIVE.match(text)
        return pm if pm and self._paren_operative(int(pm.group(1))) else None

    def _paren_operative(self, n: int) -> bool:
        """Tell whether "(n)" numbers an operative paragraph (old Council texts), not a sub one."""
        ok = not self.annex and n == self.op + 1 and (self.op == 0 or self.parenthesised)
        self.parenthesised = self.parenthesised or ok
        return ok

    def _unnumbered(self, block: Block, text: str) -> None:
        if self.annex:
            self.annex_unnumbered += 1
            n = self.annex_unnumbered
            self.pending.append(
                ("annex", f"p{n}", f"ann{self.annex}.pp{n}", self.annex_name, block)
            )
        elif (self.op == 0 or self.verbs) and _is_unnumbered_operative(text):
            # old Council texts: "Resolves…", "Requests…", each paragraph unnumbered
            self.op += 1
            self.verbs = True
            self.pending.append(("operative", str(self.op), f"op{self.op}", "", block))
        elif self.op == 0:
            self.pp += 1
            self.pending.append(("preambular", str(self.pp), f"pp{self.pp}", "", block))
        elif self.pending:
            # Unnumbered text after the operative part continues the paragraph
            # before it (a quotation, a list introduced by a colon): never dropped.
            self._merge_last(block)


def number_blocks(
    blocks: list[Block], footnotes: dict[str, Footnote], header: Header, *, printed: bool = False
) -> tuple[list[Paragraph], dict[str, str]]:
    """Give each block its kind, number, reference and label.

    Return the paragraphs in order, footnotes last, and the metadata the blocks
    held: ``headings`` (one a line) and ``annex1``, ``annex2``… (each annex's heading).
    Headings, and annexes opened by a quoted text's title, are looked for only
    in ``printed`` text (laid out as the UN prints it, masthead and all): in
    older transcriptions a short unpunctuated line is as often a paragraph.
    """
    st = _State()
    _read_lookalikes(blocks)
    for block in blocks:
        st.take(block, printed=printed)
    meta: dict[str, str] = {}
    if st.headings:
        meta["headings"] = "\n".join(st.headings)
    for n, title in enumerate(st.annexes, 1):
        meta[f"annex{n}"] = title
    pending = st.pending
    if st.op == 0 and header.symbol.startswith("S/RES/"):
        pending = _operative_tail(pending)
    return _paragraphs(pending, footnotes, header), meta


def _sub_marks(blocks: list[Block]) -> list[str]:
    """Return each block's sub-paragraph marker ("b", "ii", "6"), "" for none, "#" for ``1.``."""
    marks = []
    for block in blocks:
        text = block.lines[0][1].strip() if block.lines else ""
        sm = SUB.match(text)
        marks.append("#" if OPERATIVE.match(text) else sm.group(2) if sm else "")
    return marks


def _read_lookalikes(blocks: list[Block]) -> None:
    """Read a digit that stands among lettered sub-paragraphs as the letter it replaces.

    Scanned old Council texts print "(6)" or "(5)" for "(b)", "(2)" for "(a)"
    or "(d)", "(1)" for "(i)": "(a)… (6)… (c)…" is "(a) (b) (c)", "(1)… (ii)…"
    is "(i) (ii)". A digit opening a list of digits ("(1)… (2)…") stays a digit,
    and so does a "(1)" under a lettered sub-paragraph (a nested list).
    """
    marks = _sub_marks(blocks)
    for i, mark in enumerate(marks):
        if not mark.isdigit():
            continue
        prev = next((m for m in reversed(marks[:i]) if m), "")
        after = next((m for m in marks[i + 1 :] if m), "")
        read = _lookalike(int(mark), prev if prev != "#" else "", after)
        if read:
            blocks[i].mark = marks[i] = read


def _lookalike(digit: int, prev: str, after: str) -> str:
    """Return the letter a digit marker stands for between markers ``prev`` and ``after``, or "".

    >>> _lookalike(6, "a", "c"), _lookalike(1, "", "ii"), _lookalike(2, "", "b")
    ('b', 'i', 'a')
    >>> _lookalike(2, "1", "3"), _lookalike(1, "a", "2"), _lookalike(1, "", "2")
    ('', '', '')
    """
    if len(prev) == 1 and prev.isalpha() and prev not in "iv":
        letter = chr(ord(prev) + 1)
        following = after == chr(ord(letter) + 1)
        return letter if following or (digit != 1 and after != str(digit + 1)) else ""
    if not prev:
        return {"b": "a", "ii": "i"}.get(after, "")
    return ""


#: Words before the verb of an old Council text's decision ("Deeply deplores", "Hereby resolves").
_LEADS = frozenset({"Hereby", "Therefore", "Further", "Also", "Accordingly", "Thereupon"})
#: Capitalised words ending in "s" that open a preamble, not a decision.
_NOT_VERBS = frozenset({"Whereas", "Has", "Was", "Thus", "Pursuant", "Its", "His", "This"})
_MARKER = re.compile(r"^\(?[a-z0-9]{1,3}\)\s+")
#: A footnote the transcription left in the text ("1 Official Records…", "2 Ibid., …").
_NOTE = re.compile(r"^\d{1,3}\s+(?:Ibid|See|Official|Document|Resolution|S/)")


def _decides(text: str) -> bool:
    """Tell whether an unnumbered paragraph opens with a decision: "Dissolves…", "Deeply deplores…".

    >>> _decides("Deeply deplores the holding by Israel"), _decides("Having examined")
    (True, False)
    >>> _decides("(a) Resolves that the dispute"), _decides("Whereas the Commission")
    (True, False)
    """
    text = _MARKER.sub("", text)
    if text.startswith(("It is resolved", "Resolved")):
        return True
    words = text.split(maxsplit=2)
    if len(words) < 2:
        return False
    first = words[0].rstrip(",:")
    if first in _LEADS or (first.endswith("ly") and first[:1].isupper()):
        first = words[1].rstrip(",:").capitalize()
    return (
        first[:1].isupper()
        and first.isalpha()
        and first.endswith("s")
        and not first.endswith(("ss", "us", "is"))
        and first not in _NOT_VERBS
    )


def _operative_tail(
    pending: list[tuple[str, str, str, str, Block]],
) -> list[tuple[str, str, str, str, Block]]:
    """Make operative the decision an old Council text states without a number or a known verb.

    In a text with no operative paragraph ("Dissolves the Commission…",
    "Deeply deplores…", "Hereby resolves…"), the first preambular paragraph
    that opens with a verb, and each one after it, are operative.
    """
    first = next(
        (
            i
            for i, (kind, _, _, _, block) in enumerate(pending)
            if kind == "preambular" and _decides(block.text())
        ),
        None,
    )
    if first is None:
        return pending
    out = list(pending[:first])
    op = 0
    renumbered: dict[str, str] = {}  # a preambular number -> its operative number
    for kind, number, local, annex, block in pending[first:]:
        head, _, rest = number.partition(".")
        if kind == "preambular" and not _NOTE.match(block.text()):
            op += 1
            renumbered[number] = str(op)
            out.append(("operative", str(op), f"op{op}", annex, block))
        elif kind == "subparagraph" and local.startswith("pp") and head in renumbered:
            new = f"{renumbered[head]}.{rest}"
            out.append((kind, new, f"op{new}", annex, block))
        else:
            out.append((kind, number, local, annex, block))
    return out


def _ends_colon(block: Block) -> bool:
    return block.lines[-1][1].rstrip().endswith(":")


def _paragraphs(
    pending: list[tuple[str, str, str, str, Block]],
    footnotes: dict[str, Footnote],
    header: Header,
) -> list[Paragraph]:
    symbol, lang = header.symbol, header.language
    series = _series(header)
    notes = {n: join_lines(t for _, t in fn.lines) for n, fn in footnotes.items()}
    noted = {n: cited_symbols(text, series=series) for n, text in notes.items()}
    out: list[Paragraph] = []
    used: dict[str, int] = {}
    for kind, number, local, annex_no, block in pending:
        text = block.text()
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
                order=len(out),
                # a footnote cited twice in one paragraph is listed once
                cites_footnotes=tuple(dict.fromkeys(block.footnotes)),
                # what its footnotes cite, the paragraph carrying the marker cites
                cites_symbols=_merged(
                    cited_symbols(text, series=series),
                    *(noted.get(n, ()) for n in block.footnotes),
                ),
                lines=(block.lines[0][0], block.lines[-1][0]),
                # set here, Resolution need not copy every paragraph to set them
                symbol=symbol,
                language=lang,
            )
        )
    for n in sorted(footnotes, key=int):
        fn = footnotes[n]
        text = notes[n]
        out.append(
            Paragraph(
                reference=reference(symbol, f"fn{n}"),
                label=label(symbol, "footnote", n, lang),
                kind="footnote",
                number=n,
                text=text,
                order=len(out),
                cites_symbols=noted[n],
                lines=(fn.lines[0][0], fn.lines[-1][0]),
                symbol=symbol,
                language=lang,
            )
        )
    return out


def _merged(*groups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for group in groups for s in group))


def _is_unnumbered_operative(text: str) -> bool:
    """Tell an unnumbered operative paragraph ("Demands the withdrawal…") from preamble."""
    word = text.split(" ", 1)[0].rstrip(":,")
    return (
        word in OPERATIVE_VERBS
        and not text.rstrip().endswith(",")
        and (
            word not in {"Further", "Also", "Strongly", "Se", "Note", "Notes", "Takes", "Prend"}
            or text.rstrip().endswith((".", ";"))  # "Takes note of that report."
        )
    )


def _series(header: Header) -> str:
    body = body_by_name(header.body)
    return body.series.split("/RES/")[0] if body else ""
