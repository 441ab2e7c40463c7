"""How much one corpus file may hold before resolu refuses to read it.

A hostile or broken file must cost a skipped file, never the indexing run or
gigabytes of memory: a 1.5 MB PDF can inflate to 1.5 GiB, a 50 MB
"resolution" can be one paragraph. :class:`Limits` bounds what one file may
hold; each refusal is a :class:`~resolu.corpus.errors.CorpusError` whose
reason names the limit, which ``build_index`` reports as a skipped file.

The defaults leave a wide margin over the largest real UN texts measured
(``benchmarks/corpus_limits.py`` prints the largest values of
``shared/data`` beside them): no real resolution comes near them.

>>> Limits().pdf_pages
1000
>>> Limits(paragraph_chars=0)
Traceback (most recent call last):
...
ValueError: paragraph_chars must be at least 1, not 0
"""

from __future__ import annotations

import contextlib
import contextvars
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import CorpusError

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "check_inflated",
    "check_lines",
    "check_size",
    "inflate_budget",
    "paragraph_reason",
]

_MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """What one corpus file may hold; a file over any limit is skipped with the reason."""

    #: Bytes of a file holding one resolution (text, PDF, Word, HTML). A UN
    #: Parallel Corpus file is streamed line by line and bound by
    #: ``paragraph_chars`` per line instead.
    file_bytes: int = 32 * _MB
    #: Pages of a PDF.
    pdf_pages: int = 1000
    #: Bytes that the compressed parts of one PDF or Word file inflate to, all
    #: together (a decompression bomb is refused before it is inflated whole).
    inflated_bytes: int = 256 * _MB
    #: Characters of one paragraph (and of one line of a file).
    paragraph_chars: int = 100_000

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"{f.name} must be an int, not {type(value).__name__}")
            if value < 1:
                raise ValueError(f"{f.name} must be at least 1, not {value}")


#: The limits a run uses unless told otherwise.
DEFAULT_LIMITS = Limits()


def _size(n: int) -> str:
    return f"{n / _MB:,.1f} MB" if n >= _MB else f"{n:,} bytes"


def check_size(path: Path, limits: Limits) -> None:
    """Refuse a file larger than ``limits.file_bytes`` before reading it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CorpusError(path, f"cannot read: {exc.strerror or exc}") from None
    if size > limits.file_bytes:
        raise CorpusError(
            path, f"file too large ({_size(size)}; the limit is {_size(limits.file_bytes)})"
        )


def check_lines(text: str, path: Path, limits: Limits) -> None:
    """Refuse a text holding a line longer than a paragraph may be, before splitting it.

    A paragraph holds at least its longest line, so such a file would be
    refused after splitting anyway; checking first spares the splitter's time
    and memory on a file of one huge line.
    """
    if len(text) <= limits.paragraph_chars:
        return  # no line is longer than the whole text: most texts need no count
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > limits.paragraph_chars:
        raise CorpusError(path, paragraph_reason(longest, limits.paragraph_chars))


def paragraph_reason(length: int, limit: int) -> str:
    """Return the reason given for a paragraph (or line) of ``length`` characters."""
    return f"paragraph too long ({length:,} characters; the limit is {limit:,})"


def check_inflated(path: Path, inflated: int, limit: int) -> None:
    """Refuse a file whose compressed parts inflate to more than ``limit`` bytes."""
    if inflated > limit:
        raise CorpusError(
            path, f"compressed content inflates past {_size(limit)} (a decompression bomb?)"
        )


class _Budget:
    """Bytes a file's compressed streams may still inflate to."""

    def __init__(self, path: Path, limit: int) -> None:
        self.path = path
        self.limit = limit
        self.used = 0

    def inflate(self, data: bytes, *, keep: bool) -> bytes:
        """Count what ``data`` inflates to against what is left; return it if ``keep``.

        Inflated a megabyte at a time and, unless kept, thrown away as it
        goes: checking a bomb costs a megabyte of memory, not the bomb.
        Raises :class:`CorpusError` past the limit, ``zlib.error`` for a
        damaged stream (counted up to the damage).
        """
        inflate = zlib.decompressobj()
        pieces: list[bytes] = []
        while data:
            out = inflate.decompress(data, 1 << 20)
            self.used += len(out)
            check_inflated(self.path, self.used, self.limit)
            if keep:
                pieces.append(out)
            data = inflate.unconsumed_tail
            if inflate.eof or not out:
                break
        return b"".join(pieces)


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "resolu_inflate_budget", default=None
)


@contextlib.contextmanager
def inflate_budget(path: Path, limits: Limits) -> Iterator[_Budget]:
    """Bound what pdfminer may inflate while reading ``path``; yield the budget (``used``)."""
    _guard_pdfminer()
    budget = _Budget(path, limits.inflated_bytes)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


_GUARDED = False


def _guard_pdfminer() -> None:
    """Make pdfminer's stream decoding check each Flate stream against the current budget.

    pdfminer inflates a stream whole with ``zlib.decompress``; it offers no
    hook, so its ``PDFStream.decode`` is wrapped once: under
    :func:`inflate_budget`, each Flate stage is first inflated with a bounded
    output, which raises before a bomb takes the memory. Outside it (another
    user of pdfminer in the same process), decoding is pdfminer's own.
    """
    global _GUARDED
    if _GUARDED:
        return
    from pdfminer.pdftypes import PDFStream

    original = PDFStream.decode

    def decode(stream: Any) -> None:
        budget = _BUDGET.get()
        if budget is not None and stream.rawdata is not None:
            _check_stream(stream, budget)
        original(stream)

    PDFStream.decode = decode  # type: ignore[assignment]
    _GUARDED = True


def _check_stream(stream: Any, budget: _Budget) -> None:
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE

    data = stream.rawdata
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    names = [name for name, _params in stream.get_filters()]
    for n, name in enumerate(names):
        if name not in LITERALS_FLATE_DECODE:
            return  # the later stages are pdfminer's (rare filters, bounded ratios)
        again = n + 1 < len(names) and names[n + 1] in LITERALS_FLATE_DECODE
        try:
            data = budget.inflate(data, keep=again)
        except zlib.error:
            return  # damaged: pdfminer's own recovery decides
