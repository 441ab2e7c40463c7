"""Read UN resolution PDFs into the plain-text shape of the text corpus.

The text reader takes text laid out as the UN's own text renderings are: one
line per printed line, a blank line between paragraphs, a form feed between
pages, page furniture (job numbers, barcodes, running headers) still present.
:func:`pdf_to_text` produces exactly that shape from a PDF, so that text files
and PDF files go through the same structure detection; the printed layout
(masthead, page furniture) is read by :mod:`resolu.corpus.layout` for both.

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
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from .errors import CorpusError
from .limits import DEFAULT_LIMITS, Limits, inflate_budget

__all__ = ["pdf_to_text"]


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


def pdf_to_text(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """Return the text of a PDF, one line per printed line, pages split by ``\\f``.

    Raises :class:`~resolu.corpus.errors.CorpusError` when the file is
    encrypted with a password, has no text layer (a scan), cannot be parsed,
    or holds more pages or inflates to more bytes than ``limits`` allow.
    """
    with inflate_budget(path, limits):
        pages = _read_glyphs(path, limits.pdf_pages)
    if sum(not glyph.text.isspace() for page in pages for glyph in page) < 20:
        raise CorpusError(path, "no text layer (a scanned PDF?)")
    return "".join(_page_text(page) + "\f" for page in pages).rstrip("\f")


def _read_glyphs(path: Path, max_pages: int) -> list[list[_Glyph]]:
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
            _check_pages(path, document, max_pages)
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


def _check_pages(path: Path, document: Any, max_pages: int) -> None:
    """Refuse a PDF of more than ``max_pages`` pages before laying any of them out."""
    from pdfminer.pdfpage import PDFPage

    count = sum(1 for _ in islice(PDFPage.create_pages(document), max_pages + 1))
    if count > max_pages:
        raise CorpusError(path, f"too many pages (more than the limit of {max_pages:,})")


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
