"""Which reader reads which file: one registry from kind of file to reader.

Every file resolu reads goes through :func:`read_file`, so that what a script
reads is exactly what ``build_index`` indexes. A new input format is one
:class:`Format` in :data:`FORMATS` (and its reader module).

>>> [f.name for f in FORMATS]
['text', 'pdf', 'word', 'word97', 'html', 'parallel']
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .decoding import decode_text, read_bytes
from .errors import CorpusError
from .limits import (
    DEFAULT_LIMITS,
    Limits,
    check_inflated,
    check_lines,
    check_size,
    paragraph_reason,
)
from .model import Resolution

__all__ = [
    "FORMATS",
    "Format",
    "corpus_files",
    "format_of",
    "read_file",
    "read_resolution",
    "scan_corpus",
]


@dataclass(frozen=True)
class Format:
    """A kind of file resolu reads, and how."""

    name: str
    #: Lower-case file suffixes of this kind (``.txt``).
    suffixes: frozenset[str]
    #: Yield the resolutions of one file within the limits; raise :class:`CorpusError`
    #: for a bad file or one over a limit.
    read: Callable[[Path, Limits], Iterator[Resolution]]
    #: A further test than the suffix (a parallel-corpus file needs its ``.ids``).
    accepts: Callable[[Path], bool] | None = None
    #: One file holds many documents and may be large: the indexer checks it
    #: whole before writing any of it, then streams it.
    many: bool = False


def _split(text: str, path: Path, limits: Limits) -> Resolution:
    from .splitter import split_resolution

    check_lines(text, path, limits)
    return split_resolution(text, source=str(path), filename=path.name)


def _read_text(path: Path, limits: Limits) -> Iterator[Resolution]:
    check_size(path, limits)
    yield _split(decode_text(read_bytes(path), path), path, limits)


def _read_pdf(path: Path, limits: Limits) -> Iterator[Resolution]:
    # The PDF library loads only when a PDF comes.
    from .pdf import pdf_to_text

    check_size(path, limits)
    yield _split(pdf_to_text(path, limits), path, limits)


def _read_word(path: Path, limits: Limits) -> Iterator[Resolution]:
    from .word import docx_text

    check_size(path, limits)
    _check_zip(path, limits)
    yield _split(docx_text(path), path, limits)


def _read_legacy_word(path: Path, limits: Limits) -> Iterator[Resolution]:
    from .legacy_word import doc_text

    check_size(path, limits)
    yield _split(doc_text(path), path, limits)


def _check_zip(path: Path, limits: Limits) -> None:
    """Refuse a ``.docx`` whose parts inflate past the limit, before inflating any."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            # zipfile never inflates a part past its stated size, so the sum bounds it.
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return  # the reader says why, in its words
    check_inflated(path, inflated, limits.inflated_bytes)


def _read_html(path: Path, limits: Limits) -> Iterator[Resolution]:
    from .html import read_html

    check_size(path, limits)
    yield read_html(path)


def _read_parallel(path: Path, limits: Limits) -> Iterator[Resolution]:
    from .uncorpus import read_parallel

    yield from read_parallel(path, max_line=limits.paragraph_chars)


def _is_parallel(path: Path) -> bool:
    from .uncorpus import is_parallel_corpus_file

    return is_parallel_corpus_file(path)


#: The kinds of file resolu reads, tried in order.
FORMATS: tuple[Format, ...] = (
    Format("text", frozenset({".txt", ".text"}), _read_text),
    Format("pdf", frozenset({".pdf"}), _read_pdf),
    Format("word", frozenset({".docx"}), _read_word),
    # Through antiword (Debian), where installed; else skipped with that reason.
    Format("word97", frozenset({".doc"}), _read_legacy_word),
    Format("html", frozenset({".html", ".htm"}), _read_html),
    Format("parallel", frozenset({".fr", ".en"}), _read_parallel, _is_parallel, many=True),
)


def format_of(path: Path) -> Format | None:
    """Return the format that reads ``path``, or None if resolu does not read such files."""
    suffix = path.suffix.lower()
    for fmt in FORMATS:
        if suffix in fmt.suffixes and (fmt.accepts is None or fmt.accepts(path)):
            return fmt
    return None


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Return the files under a folder that resolu reads, sorted, hidden ones left out."""
    return scan_corpus(corpus_dir)[0]


def scan_corpus(corpus_dir: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Return the files under a folder that resolu reads, and what it passed over and why.

    Hidden files and folders are left out. Symbolic links are followed, each
    folder once (a link loop is reported, not walked forever); an unreadable
    folder, a broken link, and a FIFO, device or socket with a suffix resolu
    reads are reported with the reason, never the end of the walk.
    """
    found: list[Path] = []
    passed: list[tuple[Path, str]] = []
    seen: set[tuple[int, int]] = set()
    stack = [corpus_dir]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            passed.append((folder, _why(exc, "folder cannot be read")))
            continue
        if (st.st_dev, st.st_ino) in seen:
            passed.append((folder, "symbolic link loop: folder already walked"))
            continue
        seen.add((st.st_dev, st.st_ino))
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            kind = _kind(path)
            if kind == "folder":
                stack.append(path)
            elif format_of(path) is None:
                continue
            elif kind == "file":
                found.append(path)
            else:
                passed.append((path, kind))
    found.sort()
    return found, passed


def _kind(path: Path) -> str:
    """Return ``folder``, ``file``, or why resolu passes over this entry."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return _why(exc, "cannot be read")
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    what = (
        "FIFO"
        if stat.S_ISFIFO(mode)
        else "device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "socket"
    )
    return f"not a regular file ({what})"


def _why(exc: OSError, what: str) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT:
        return "broken symbolic link or vanished file"
    return f"{what} ({exc.strerror or exc})"


def read_file(path: Path | str, *, limits: Limits = DEFAULT_LIMITS) -> Iterator[Resolution]:
    """Yield every resolution of one file, whatever its format (the parallel corpus included).

    Raises :class:`~resolu.corpus.errors.CorpusError`, naming the file and the
    reason, for a file that is unreadable, undecodable, of a kind resolu does
    not read, not a resolution, or over one of ``limits``
    (:class:`~resolu.corpus.limits.Limits`).
    """
    if not isinstance(limits, Limits):
        raise TypeError(f"limits must be a Limits, not {type(limits).__name__}")
    path = Path(path)
    fmt = format_of(path)
    if fmt is None:
        raise CorpusError(
            path, "not a kind of file resolu reads (.txt, .pdf, .docx, .doc, .html, .fr/.en)"
        )
    try:
        for resolution in fmt.read(path, limits):
            _check_paragraphs(resolution, path, limits)
            yield resolution
    except CorpusError:
        raise
    except Exception as exc:  # a reader bug must not abort a whole indexing run
        reason = f"cannot be split into paragraphs ({type(exc).__name__}: {exc})"
        raise CorpusError(path, reason) from exc


def _check_paragraphs(resolution: Resolution, path: Path, limits: Limits) -> None:
    longest = max((len(p.text) for p in resolution.paragraphs), default=0)
    if longest > limits.paragraph_chars:
        raise CorpusError(path, paragraph_reason(longest, limits.paragraph_chars))


def read_resolution(path: Path | str, *, limits: Limits = DEFAULT_LIMITS) -> Resolution:
    """Read a file that holds one resolution (text, PDF or HTML) into citable paragraphs.

    Raises :class:`~resolu.corpus.errors.CorpusError` as :func:`read_file` does,
    and for a file holding several documents (a parallel-corpus file: read it
    with :func:`read_file`).
    """
    path = Path(path)
    found = read_file(path, limits=limits)
    first = next(found, None)
    if first is None:
        raise CorpusError(path, "holds no resolution")
    if next(found, None) is not None:
        raise CorpusError(path, "holds several documents; read them with read_file()")
    return first
