"""The same resolution reached twice: which copy the index keeps, and why.

Two files give the same resolution when they give the same symbol in the same
language (two identical files, or a ``.txt`` and a ``.pdf`` of A/RES/55/109 in
French). The index keeps one copy, the file that ranks first by:

1. the source added first (the order of ``resolu sources``);
2. then the format, text first, PDF last: :data:`FORMAT_PREFERENCE` (a text
   or Word file is read as written, a legacy .doc through antiword; a PDF's
   text is rebuilt from its layout);
3. then the path within the source, in byte order.

Within one file nothing is left out: a file giving a symbol twice gives two
parts of one document (the UN Parallel Corpus gives a document as several
runs of lines), and its paragraphs have distinct references. The rule is a function of what
the sources hold, not of the order of the runs: an incremental run keeps what
a rebuild would keep, and when the kept copy goes (its file removed or
changed, its source removed) the next in rank takes its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from resolu.corpus.formats import FORMATS

__all__ = ["FORMAT_PREFERENCE", "Duplicate", "Holders", "Rank", "format_rank", "why_kept"]

#: Formats from the most to the least faithful reading (names of resolu.corpus.formats).
FORMAT_PREFERENCE = ("text", "word", "word97", "html", "parallel", "pdf")

#: Where a file ranks among the copies: (source order, format preference, path in its source).
Rank = tuple[int, int, str]

_BY_SUFFIX = {suffix: f.name for f in FORMATS for suffix in f.suffixes}


def format_rank(path: str) -> int:
    """Return the rank of a file's format in :data:`FORMAT_PREFERENCE` (unknown formats last).

    >>> format_rank("a.txt") < format_rank("a.docx") < format_rank("a.PDF")
    True
    """
    name = _BY_SUFFIX.get(Path(path).suffix.lower(), "")
    return FORMAT_PREFERENCE.index(name) if name in FORMAT_PREFERENCE else len(FORMAT_PREFERENCE)


@dataclass(frozen=True)
class Duplicate:
    """A resolution a file gives and the index does not hold from it: another file gives it."""

    symbol: str
    language: str
    #: The file whose copy is not indexed.
    skipped: str
    #: The file whose copy is indexed.
    kept: str
    #: Why that copy: ``source`` (its source was added first), ``format`` (a preferred
    #: format), ``name`` (first by path within one source).
    reason: str
    #: Whether the two files are byte for byte the same.
    identical: bool = False


def why_kept(kept: Rank, skipped: Rank) -> str:
    """Return the :attr:`Duplicate.reason` code of keeping ``kept`` over ``skipped``.

    >>> why_kept((0, 0, "a.txt"), (0, 4, "a.pdf")), why_kept((0, 4, "b.pdf"), (1, 0, "b.txt"))
    ('format', 'source')
    """
    if kept[0] != skipped[0]:
        return "source"
    return "format" if kept[1] != skipped[1] else "name"


class Holders:
    """The best-ranked file giving each resolution, among the files offered so far."""

    def __init__(self) -> None:
        self._best: dict[str, tuple[Rank, str]] = {}

    def offer(self, key: str, rank: Rank, path: str) -> None:
        """Record that the file ``path`` of rank ``rank`` gives the resolution ``key``."""
        best = self._best.get(key)
        if best is None or rank < best[0]:
            self._best[key] = (rank, path)

    def best(self, key: str) -> tuple[Rank, str] | None:
        """Return the rank and path of the best file giving ``key``, or None."""
        return self._best.get(key)
