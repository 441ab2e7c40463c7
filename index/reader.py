"""Read one resolution file into a :class:`Resolution`, whatever form it comes in."""

from __future__ import annotations

from pathlib import Path

from .decoding import decode_text, read_bytes
from .errors import CorpusError
from .model import Resolution
from .splitter import split_resolution

__all__ = ["DOCX_SUFFIXES", "HTML_SUFFIXES", "TEXT_SUFFIXES", "read_resolution", "read_text"]

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
#: Word files (the reader is resolu.corpus.word; the legacy .doc is not read, see README).
DOCX_SUFFIXES = frozenset({".docx"})


def read_text(path: Path) -> str:
    """Return a resolution file's text: decoded if a text file, extracted if a PDF or Word file."""
    if path.suffix.lower() == ".pdf":
        from .pdf import pdf_to_text  # the PDF library loads only when a PDF comes

        return pdf_to_text(path)
    if path.suffix.lower() in DOCX_SUFFIXES:
        from resolu.corpus.word import docx_text

        text: str = docx_text(path)
        return text
    return decode_text(read_bytes(path), path)


def read_resolution(path: Path | str) -> Resolution:
    """Read one resolution file (text, PDF, Word or HTML) and split it into citable paragraphs.

    Raises :class:`~resolu.index.errors.CorpusError`, naming the file and the
    reason, for a file that is unreadable, undecodable or not a resolution.
    """
    path = Path(path)
    html = path.suffix.lower() in HTML_SUFFIXES
    text = "" if html else read_text(path)
    try:
        if html:
            from .html import read_html

            return read_html(path)
        return split_resolution(text, source=str(path), filename=path.name)
    except CorpusError:
        raise
    except Exception as exc:  # a reader bug must not abort a whole indexing run
        reason = f"cannot be split into paragraphs ({type(exc).__name__}: {exc})"
        raise CorpusError(path, reason) from exc
