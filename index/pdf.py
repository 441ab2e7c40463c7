"""Read UN resolution PDFs into the plain-text shape of the text corpus.

The text reader takes text laid out as the UN's own text renderings are: one
line per printed line, a blank line between paragraphs, a form feed between
pages, page furniture (job numbers, barcodes, running headers) still present.
:func:`pdf_to_text` produces exactly that shape from a PDF, so that text files
and PDF files go through the same structure detection. :func:`masthead`,
:func:`is_furniture` and :func:`mend` are pure functions of strings that the
structure detection calls on either kind of input.

Library choice: pdfminer.six (MIT, compatible with our GPL-3.0-or-later),
used through its character-level API. Measured on the 30 English ODS PDFs of
``shared/data/un_pdfs`` (123 pages, 2-core machine, shared with other jobs):

* pypdf 7.1 (BSD-3-Clause, pure Python, no dependencies): ``extract_text()``
  17.9 pages/s, but it loses the blank lines between paragraphs, glues the
  next page's running header onto the last body line ("social and economic
  A/RES/73/3") and sets footnote markers apart ("Development, 1  including");
  its layout mode (8.9 pages/s) spreads letters apart ("r e s o l v e") and
  splits words ("provi de"). Its text visitor gives positions but no glyph
  widths, so the lines cannot be rebuilt from it without re-implementing font
  metrics.
* pdfminer.six 20260107 (MIT; pulls in cryptography and charset-normalizer):
  ``extract_text()`` 12.2 pages/s, with justified double spaces and paragraph
  numbers split from their text ("2." / "Further reaffirm"); but every glyph
  comes with its box, size and font, which is what a faithful rebuild needs.
  Its bare glyph pass runs at 10.7 pages/s; with the line rebuilding below,
  :func:`pdf_to_text` runs at 5-7 pages/s (123 pages in 17-25 s on a busy
  machine), 0.2-0.4 s for a typical 1-2 page Security Council resolution.
* pdftotext (poppler, GPL) gives good text but is a program, not a Python
  dependency, so ``pip install resolu`` could not bring it.

From the glyphs this module groups lines by vertical overlap, orders them top
to bottom, spaces words by the gaps between glyphs (justified spacing collapses
to one space), glues raised small footnote markers to the word before them
(``Development,1 including``), and puts a blank line where the gap between two
lines is larger than the type size calls for.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from resolu.index.errors import CorpusError

from .dates import DATE, iso_date
from .ordinals import session_number

__all__ = [
    "is_furniture",
    "masthead",
    "mend",
    "pdf_to_text",
    "strip_furniture",
]


@dataclass(frozen=True)
class _Glyph:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float


@dataclass
class _Line:
    glyphs: list[_Glyph]
    top: float
    bottom: float

    @property
    def size(self) -> float:
        """Return the dominant type size of the line (by glyph count)."""
        sizes = Counter(round(g.size, 1) for g in self.glyphs if not g.text.isspace())
        return sizes.most_common(1)[0][0] if sizes else 0.0

    @property
    def baseline(self) -> float:
        """Return the lowest glyph bottom among glyphs of the dominant size."""
        size = self.size
        bottoms = [g.y0 for g in self.glyphs if round(g.size, 1) == size]
        return min(bottoms) if bottoms else self.bottom


_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "\xad": ""})


def pdf_to_text(path: Path) -> str:
    """Return the text of a PDF, one line per printed line, pages split by ``\\f``.

    Raises :class:`~resolu.index.errors.CorpusError` when the file is
    encrypted with a password, has no text layer (a scan), or cannot be parsed.
    """
    pages = _read_glyphs(path)
    if sum(not glyph.text.isspace() for page in pages for glyph in page) < 20:
        raise CorpusError(path, "no text layer (a scanned PDF?)")
    return "".join(_page_text(page) + "\f" for page in pages).rstrip("\f")


def _read_glyphs(path: Path) -> list[list[_Glyph]]:
    """Return the horizontal glyphs of every page of the PDF at ``path``."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTContainer, LTItem
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    def walk(item: LTItem, into: list[_Glyph]) -> None:
        if isinstance(item, LTChar):
            a, b, c, d, _, _ = item.matrix
            text = item.get_text().translate(_LIGATURES).replace("\xa0", " ")
            if b == 0 and c == 0 and a > 0 and d > 0 and text:
                into.append(_Glyph(text, item.x0, item.x1, item.y0, item.y1, item.size))
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child, into)

    try:
        with open(path, "rb") as handle:
            try:
                document = PDFDocument(PDFParser(handle))
            except (PDFPasswordIncorrect, PDFEncryptionError) as error:
                raise CorpusError(path, f"encrypted PDF ({error or 'password required'})") from None
            resources = PDFResourceManager(caching=True)
            device = PDFPageAggregator(resources, laparams=None)
            interpreter = PDFPageInterpreter(resources, device)
            pages: list[list[_Glyph]] = []
            for page in PDFPage.create_pages(document):
                interpreter.process_page(page)
                glyphs: list[_Glyph] = []
                walk(device.get_result(), glyphs)
                pages.append(glyphs)
    except CorpusError:
        raise
    except OSError as error:
        raise CorpusError(path, f"cannot read file: {error.strerror or error}") from None
    except Exception as error:  # pdfminer raises many unrelated types on damaged files
        raise CorpusError(path, f"damaged PDF ({type(error).__name__}: {error})") from None
    if not pages:
        raise CorpusError(path, "damaged PDF (no pages)")
    return pages


def _page_text(glyphs: list[_Glyph]) -> str:
    """Return one page's text: lines top to bottom, blank lines at paragraph gaps."""
    lines = _group_lines(glyphs)
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        text = _line_text(line)
        if not text:
            continue
        if previous is not None:
            gap = previous.baseline - line.baseline
            if gap > 1.5 * max(previous.size, line.size):
                out.append("")
        out.append(text)
        previous = line
    return "\n".join(out) + "\n"


def _group_lines(glyphs: list[_Glyph]) -> list[_Line]:
    """Group glyphs into lines by baseline, top line first.

    Glyphs whose bottoms lie within a quarter of their size of each other share
    a line; a run of small raised glyphs (footnote markers) then joins the line
    of larger type it sits on.
    """
    clusters: list[_Line] = []
    for glyph in sorted(glyphs, key=lambda g: (-g.y0, g.x0)):
        if clusters and abs(clusters[-1].bottom - glyph.y0) <= 0.25 * glyph.size:
            clusters[-1].glyphs.append(glyph)
            clusters[-1].top = max(clusters[-1].top, glyph.y1)
        else:
            clusters.append(_Line([glyph], glyph.y1, glyph.y0))
    clusters = [line for line in clusters if any(not g.text.isspace() for g in line.glyphs)]
    lines: list[_Line] = []
    for index, line in enumerate(clusters):
        below = clusters[index + 1] if index + 1 < len(clusters) else None
        if (
            below is not None
            and line.size < 0.85 * below.size
            and below.bottom < line.bottom < below.top
            and len(line.glyphs) <= 6
        ):
            below.glyphs.extend(line.glyphs)
            continue
        lines.append(line)
    return lines


def _line_text(line: _Line) -> str:
    """Return a line's text, words spaced by glyph gaps, footnote markers glued on."""
    size = line.size
    baseline = line.baseline
    parts: list[str] = []
    previous: _Glyph | None = None
    for glyph in sorted(line.glyphs, key=lambda g: g.x0):
        if glyph.text.isspace():
            parts.append(" ")
            continue
        superscript = (
            previous is not None
            and glyph.size < 0.85 * size
            and glyph.y0 > baseline + 0.1 * size
            and glyph.x0 - previous.x1 < 0.6 * size
        )
        if superscript and previous is not None and previous.size >= 0.85 * size:
            while parts and parts[-1] == " ":  # a marker belongs to the word before it
                parts.pop()
        elif previous is not None and glyph.x0 - previous.x1 > 0.2 * min(glyph.size, previous.size):
            parts.append(" ")
        parts.append(glyph.text)
        previous = glyph
    return re.sub(r" {2,}", " ", "".join(parts)).strip()


# --- Mending extraction artefacts -------------------------------------------------

_SPLIT_HYPHEN = re.compile(r"(\w) -\n(\S+)[ \t]?")
_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_]) -(?=[^\W\d_])")


def mend(text: str) -> str:
    """Undo extraction artefacts without changing the number of lines.

    A compound split at a line end with a stray space before its hyphen is
    joined back, the rest of the word moving up to the first line; a stray
    space before a hyphen inside a line is dropped.

    >>> mend("including its drug -\\nresistant forms, is")
    'including its drug-resistant\\nforms, is'
    >>> mend("the high -level meeting")
    'the high-level meeting'
    """
    text = _SPLIT_HYPHEN.sub(lambda m: f"{m.group(1)}-{m.group(2)}\n", text)
    return _SPACED_HYPHEN.sub("-", text)


# --- Page furniture ---------------------------------------------------------------

_JOB = r"(?:GE\.)?\d{2}-\d{5}\*?(?:\s?\([A-Z]\))?"
_FURNITURE_TOKEN = re.compile(
    rf"^(?:{_JOB}|\d{{6}}|\*\d{{6,8}}\*|\d{{1,3}}/\d{{1,3}}|\d{{1,3}}|[A-Z]\.\d{{2}}-\d{{5}})$"
)
_APOSTROPHE = "[’'ʼ]"
#: The organ names a masthead prints, English and French.
_ORGAN_NAMES = (
    r"General Assembly|Security Council|Human Rights Council|Assemblée générale"
    rf"|Conseil de sécurité|Conseil des droits de l{_APOSTROPHE}homme"
)
_DISTRIBUTION = r"Distr\.\s?:?\s?(?:General|générale)"
_RECYCLE = r"Please recycle|Merci de recycler"
_FURNITURE_LINE = re.compile(
    rf"^(?:United Nations|Nations Unies|{_DISTRIBUTION}|{_RECYCLE}|Original\s?:\s?\w+|"
    rf"{_ORGAN_NAMES})$",
    re.IGNORECASE,
)
_MASTHEAD_LINE = re.compile(
    rf"^(?:United Nations|Nations Unies|{_ORGAN_NAMES})"
    rf"\s+(?:{_DISTRIBUTION}|[A-Z]/\S+(?:\s\(\d{{4}}\))?\*?)$"
)


def _squash(text: str) -> str:
    """Return ``text`` with hyphen spacing and runs of spaces evened out."""
    text = unicodedata.normalize("NFKC", text).replace("\u2011", "-")
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def is_furniture(line: str, *, symbol: str, title: str) -> bool:
    """Tell whether a line is page furniture rather than text of the resolution.

    Furniture is a line made only of job numbers, print dates, barcodes, page
    numbers and the symbol; a masthead line in English or French ("United
    Nations", "Distr.: General", "Nations Unies", "Distr. générale"); a
    recycling note; or a running header repeating part of the title (three
    words or more, no closing punctuation, so that a wrapped line of a
    paragraph is not taken for one).

    >>> is_furniture("18-16895 (E)    241018", symbol="A/RES/73/3", title="")
    True
    >>> is_furniture("18-17202 (F)    191018    231018", symbol="A/RES/73/3", title="")
    True
    >>> is_furniture("2. Decides to remain seized.", symbol="S/RES/1 (1946)", title="")
    False
    """
    stripped = line.strip()
    if not stripped:
        return False
    if _FURNITURE_LINE.match(stripped) or _MASTHEAD_LINE.match(stripped):
        return True
    rest = stripped
    if symbol:
        rest = re.sub(re.escape(symbol) + r"\*?", " ", rest)
    rest = re.sub(rf"\([A-Z]\)|{_RECYCLE}", " ", rest)
    tokens = rest.split()
    if tokens and all(_FURNITURE_TOKEN.match(token) for token in tokens):
        return True
    if not tokens and rest != stripped:
        return True  # the symbol alone
    return _is_title_fragment(" ".join(tokens) if rest != stripped else stripped, title)


def strip_furniture(text: str, *, symbol: str, title: str) -> str:
    """Blank the furniture lines of ``text``, keeping its line count and page breaks.

    Every line :func:`is_furniture` recognises is emptied, except that a line
    recognised only as a piece of the title is emptied only in the running
    header of a page after the first (the lines between a form feed and the
    first blank line), so that the title and annex headings on the first page
    stay. Line numbers into the result are line numbers into ``text``.
    """
    pages: list[str] = []
    for number, page in enumerate(text.split("\f")):
        in_head = number > 0
        lines: list[str] = []
        for line in page.split("\n"):
            if not line.strip():
                in_head = False
            elif is_furniture(line, symbol=symbol, title=title if in_head else ""):
                line = ""
            lines.append(line)
        pages.append("\n".join(lines))
    return "\f".join(pages)


def _is_title_fragment(text: str, title: str) -> bool:
    """Tell whether ``text`` is a running-header piece of ``title``."""
    if not title or not text or text[-1] in ",;:." or len(text.split()) < 3:
        return False
    return _squash(text) in _squash(title)


# --- Masthead ---------------------------------------------------------------------

_SYMBOL = re.compile(r"\b((?:A|S)/(?:[A-Z]+/)*RES/[\w.-]+(?:/[\w.-]+)*(?: \(\d{4}\))?)(\*)?")
#: Printed organ name -> the organ's (English) name, most specific first: a
#: Human Rights Council masthead also names the General Assembly.
_ORGANS = {
    "Human Rights Council": "Human Rights Council",
    "Conseil des droits de l’homme": "Human Rights Council",
    "Security Council": "Security Council",
    "Conseil de sécurité": "Security Council",
    "General Assembly": "General Assembly",
    "Assemblée générale": "General Assembly",
}
#: The adoption line: (organ, date) or, in the Security Council, (organ, meeting, date).
_ADOPTIONS = [
    re.compile(rf"Resolution adopted by the (General Assembly|Human Rights Council) on {DATE}"),
    re.compile(
        r"Résolution adoptée par (?:l’|le )(Assemblée générale|Conseil des droits de l’homme)"
        rf" le {DATE}"
    ),
    re.compile(
        rf"Adopted by the (Security Council) at its (\d+)(?:st|nd|rd|th) meeting, on {DATE}"
    ),
    re.compile(rf"Adoptée par le (Conseil de sécurité) à sa (\d+) ?(?:e|re|ᵉ) séance, le {DATE}"),
]
_SESSIONS = [
    # "Seventy-third session", "Tenth emergency special session"
    re.compile(r"\b[A-Z][a-z]+(?:-[a-z]+)? (?:special |emergency special )?session\b"),
    # "Soixante-treizième session", "Soixante et onzième session",
    # "Dixième session extraordinaire d’urgence"
    re.compile(
        r"\b[A-ZÉ][a-zéè]+(?:(?:-| et )[a-zéè]+)* session(?: extraordinaire(?: d’urgence)?)?"
        r"(?![\w’])"
    ),
]
_AGENDA = re.compile(
    r"\bAgenda items? ([\w()]+(?:(?:,| and) [\w()]+)*)|\bPoints? (.{1,40}?) de l’ordre du jour"
)


def masthead(text: str) -> dict[str, str]:
    """Return the metadata that the first page's masthead gives, in English or French.

    Keys, each present only where found: ``organ`` (its English name, whatever
    the language: "General Assembly", "Security Council", "Human Rights
    Council"), ``symbol``, ``distributed`` and ``adopted`` (ISO dates),
    ``session`` (as printed: "Seventy-third session", "Soixante-treizième
    session") and ``session_number`` ("73"; "S-27" for a special session,
    "ES-10" for an emergency special session, as symbols spell them),
    ``agenda_item`` (as printed: "129", "12 et 115"), ``meeting`` (Security
    Council), ``draft`` (the draft or report the adoption line names),
    ``title`` (General Assembly and Council titles).

    >>> masthead("United Nations S/RES/2768 (2025)\\n\\nSecurity Council Distr.: General\\n"
    ...          "15 January 2025\\n\\nAdopted by the Security Council at its 9836th meeting, "
    ...          "on\\n15 January 2025\\n")["adopted"]
    '2025-01-15'
    >>> head = masthead("Nations Unies A/RES/73/3\\nAssemblée générale Distr. générale\\n"
    ...                 "18 octobre 2018\\nSoixante-treizième session\\n")
    >>> head["organ"], head["distributed"], head["session_number"]
    ('General Assembly', '2018-10-18', '73')
    """
    page = text.split("\f", 1)[0]
    flat = re.sub(r"\s+", " ", page).replace("'", "’").replace("ʼ", "’")
    found: dict[str, str] = {}
    symbol = _SYMBOL.search(page)
    if symbol:
        found["symbol"] = symbol.group(1)
    head = flat[: flat.find("Distr.") + 200] if "Distr." in flat else flat[:400]
    adoption = next(filter(None, (pattern.search(flat) for pattern in _ADOPTIONS)), None)
    organs = [organ for printed, organ in _ORGANS.items() if printed in head]
    if adoption:
        found["organ"] = _ORGANS[adoption.group(1)]
    elif organs:
        found["organ"] = organs[0]
    if match := re.search(r"Distr\. ?:? ?\w+ .{0,40}?" + DATE, flat):
        found["distributed"] = iso_date(*match.groups())
    sessions = [match for pattern in _SESSIONS if (match := pattern.search(flat))]
    if sessions:
        found["session"] = min(sessions, key=lambda match: match.start()).group(0)
        if number := session_number(found["session"]):
            found["session_number"] = number
    if match := _AGENDA.search(flat):
        found["agenda_item"] = match.group(1) or match.group(2)
    if adoption and len(adoption.groups()) == 5:
        found["meeting"] = adoption.group(2)
    if adoption:
        found["adopted"] = iso_date(*adoption.groups()[-3:])
    if match := re.search(r"\[[^\]]*?\(([A-Z]/[^()\]]+)\)\]", flat):
        found["draft"] = match.group(1)
    if match := re.search(r"\n *(?:E?S-)?\d+/\d+\. +(.+(?:\n(?!\s*\n).+)*)", page):
        found["title"] = re.sub(r"\s+", " ", match.group(1)).strip()
    return found
