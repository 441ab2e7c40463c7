"""Build and update an index of paragraph documents from a corpus folder.

Safety first: a run either commits everything or nothing, and only one runs at
a time per index (:mod:`resolu.index.lock`). A full build is written into a new
generation folder inside the index folder and switched in by one atomic rename
of the pointer file (:mod:`resolu.index.folder`); an incremental run writes
into the live generation through one Whoosh writer that is committed at the
very end and cancelled on any error or Ctrl-C, so readers keep seeing the
previous state until the commit succeeds. What a failed or killed run wrote is
removed, by the run itself or by the next one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resolu.corpus.errors import CorpusError
from resolu.corpus.formats import format_of, read_file, scan_corpus
from whoosh.writing import IndexWriter

from .errors import IndexCorrupt, IndexNotFound, IndexWriteFailed
from .folder import (
    adopt_folder,
    clean_folder,
    current_generation,
    new_generation,
    switch_generation,
)
from .impacts import write_impacts
from .lock import writer_lock
from .schema import DIGEST, DOCTYPE, PATH
from .store import (
    create_store,
    damaged_files,
    file_document,
    open_store,
    paragraph_documents,
    release_files,
    remove_uncommitted,
    write_checksums,
    write_version,
)
from .workers import WorkerWriter

__all__ = ["AFTER_COMMIT", "IndexReport", "build_index"]

#: Called after each file: (files done, files in all, path of the file).
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class IndexReport:
    """What an indexing run did, with counts a person can check."""

    corpus_dir: str
    index_dir: str
    files: int
    added: int
    updated: int
    removed: int
    unchanged: int
    resolutions: int
    paragraphs: int
    total_paragraphs: int
    skipped: tuple[tuple[str, str], ...]
    seconds: float
    rebuilt: bool
    #: Why the index found was not kept but rebuilt (damaged), or "".
    repaired: str = ""

    @property
    def changed(self) -> bool:
        """Whether the run changed the index at all."""
        return bool(self.added or self.updated or self.removed)


def _digest(path: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    # A parallel-corpus file is read with its ids file: both make its content.
    ids = path.with_suffix(".ids")
    parts = [path, ids] if path.suffix in (".fr", ".en") and ids.is_file() else [path]
    for part in parts:
        with part.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def _shown(rel: str) -> str:
    """Return a file name printable anywhere (bytes that are not UTF-8 shown as \ufffd)."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass
class _Plan:
    """What a run will do: the files it reads, what it deletes, into which index."""

    corpus: Path
    target: Path
    #: Every readable file of the corpus, by its path relative to the corpus folder.
    current: dict[str, Path]
    digests: dict[str, str]
    #: Content hash of each file the index holds.
    known: dict[str, str]
    #: The open index to update, or None for a fresh build.
    existing: Any | None
    #: Files passed over before reading (name, folder or access faults), with the reason.
    refused: list[tuple[str, str]] = field(default_factory=list)
    #: Why the live index was not kept (damaged), or "".
    repaired: str = ""

    @property
    def to_index(self) -> list[str]:
        return [rel for rel in self.current if self.known.get(rel) != self.digests[rel]]

    @property
    def gone(self) -> list[str]:
        return [rel for rel in self.known if rel not in self.current]

    @property
    def to_delete(self) -> list[str]:
        return self.gone + [rel for rel in self.to_index if rel in self.known]

    @property
    def added(self) -> int:
        return sum(1 for rel in self.to_index if rel not in self.known)


@dataclass
class _Written:
    """What writing the planned files gave."""

    resolutions: int = 0
    paragraphs: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)


def _plan(corpus: Path, target: Path, *, rebuild: bool) -> _Plan:
    existing: Any | None = None
    known: dict[str, str] = {}
    repaired = ""
    live = current_generation(target)
    if live is not None and not rebuild:
        damaged = damaged_files(live)
        if damaged:
            repaired = f"the index was damaged ({', '.join(damaged[:3])}): rebuilt from the corpus"
        else:
            existing, known, repaired = _known_files(target)
    files, passed = scan_corpus(corpus)
    refused = [(_shown(_relative(p, corpus)), why) for p, why in passed]
    current: dict[str, Path] = {}
    digests: dict[str, str] = {}
    for path in files:
        rel = _relative(path, corpus)
        try:
            rel.encode("utf-8")
            digests[rel] = _digest(path)
        except UnicodeEncodeError:
            refused.append((_shown(rel), "file name is not valid UTF-8: rename the file"))
            continue
        except OSError as exc:
            refused.append((rel, f"cannot be read ({exc.strerror or exc})"))
            continue
        current[rel] = path
    return _Plan(corpus, target, current, digests, known, existing, refused, repaired)


def _relative(path: Path, corpus: Path) -> str:
    return path.relative_to(corpus).as_posix() if path != corpus else "."


def _known_files(target: Path) -> tuple[Any | None, dict[str, str], str]:
    """Open the live index and read the content hash of each file it holds."""
    try:
        existing = open_store(target)
    except (IndexNotFound, IndexCorrupt) as exc:
        return None, {}, f"{exc}: rebuilt from the corpus" if isinstance(exc, IndexCorrupt) else ""
    try:
        with existing.searcher() as s:
            known = {f[PATH]: f[DIGEST] for f in s.documents(**{DOCTYPE: "file"})}
    except Exception as exc:  # any read fault of a damaged index
        existing.close()
        release_files()
        return None, {}, f"the index could not be read ({type(exc).__name__}): rebuilt"
    return existing, known, ""


def _write(plan: _Plan, writer: IndexWriter, progress: Progress | None) -> _Written:
    """Delete what changed or went, add what is new or changed; commit nothing."""
    out = _Written()
    for rel in plan.to_delete:
        writer.delete_by_term(PATH, rel)
    to_index = plan.to_index
    for done, rel in enumerate(to_index, 1):
        path = plan.current[rel]
        try:
            fmt = format_of(path)
            if fmt is not None and fmt.many:
                # A parallel-corpus file can hold hundreds of thousands of
                # lines: check it whole in a first streaming pass (a fault
                # may only show at its end), then stream it into the writer.
                for _ in read_file(path):
                    pass
            count = docs = 0
            for res in read_file(path):
                count += 1
                for doc in paragraph_documents(res, rel):
                    writer.add_document(**doc)
                    docs += 1
        except CorpusError as exc:
            out.skipped.append((rel, exc.reason))
        else:
            out.resolutions += count
            out.paragraphs += docs
        # A skipped file is recorded too: the next run passes over it until it changes.
        writer.add_document(**file_document(rel, plan.digests[rel]))
        if progress is not None:
            progress(done, len(to_index), rel)
    return out


#: Called with a generation folder after each commit into it (e.g. to write per-segment files).
AFTER_COMMIT: list[Callable[[Path], None]] = []


def build_index(
    corpus_dir: Path | str,
    index_dir: Path | str,
    *,
    rebuild: bool = False,
    procs: int | None = None,
    progress: Progress | None = None,
    limitmb: int = 256,
) -> IndexReport:
    """Index every resolution file under ``corpus_dir`` into ``index_dir``.

    New files are added, changed ones (by content hash) re-indexed, and the
    paragraphs of files that are gone deleted. A file the reader rejects is
    skipped and reported. ``rebuild`` starts from an empty index. ``procs``
    processes analyse documents; by default both cores when there are at
    least :data:`PARALLEL_FROM` files (or 5 MB of parallel-corpus text) to
    index, where two measured 1.7 times faster on the 902 Security Council
    files (benchmarks/index_memory.py), and one otherwise, where starting
    workers costs more than it saves. The previous index stays intact and
    searchable until the run commits; a damaged index (checksums) is rebuilt.

    Raises :class:`IndexFolderRefused` for a folder holding anything but a
    resolu index, :class:`IndexBusy` while another run writes to it, and
    :class:`IndexWriteFailed` when it cannot be written (full disk, read-only).
    """
    _check_arguments(procs, limitmb)
    started = time.perf_counter()
    corpus = Path(corpus_dir)
    target = Path(index_dir)
    if not corpus.is_dir():
        raise CorpusError(corpus, "not a folder")
    # The files a failed writer left open hold their disk blocks (on a full
    # disk, the space to free) until the traceback that holds the writer goes:
    # keep no traceback, and close them, quietly, before telling.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            adopt_folder(target)
            with writer_lock(target):
                clean_folder(target)
                plan = _plan(corpus, target, rebuild=rebuild)
                return _run(plan, procs, progress, limitmb, started)
        except OSError as exc:
            reason = exc.strerror or str(exc)
        release_files()
    raise IndexWriteFailed(
        f"{target}: cannot write the index ({reason}); the previous index is unchanged"
    )


def _check_arguments(procs: int | None, limitmb: int) -> None:
    for name, value in (("procs", procs), ("limitmb", limitmb)):
        if value is None and name == "procs":
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{name} must be an int, not {type(value).__name__}")
        if value < 1:
            raise ValueError(f"{name} must be at least 1, not {value}")


def _run(
    plan: _Plan, procs: int | None, progress: Progress | None, limitmb: int, started: float
) -> IndexReport:
    if plan.existing is not None and not plan.to_index and not plan.gone:
        plan.existing.close()
        return _report(plan, _Written(), started, changed=False)
    ix = plan.existing
    fresh = ix is None
    if ix is None:
        gen = new_generation(plan.target)
        ix = create_store(gen)
    else:
        gen = Path(ix.storage.folder)
    writer = _writer(ix, procs or _auto_procs(plan.current, plan.to_index), limitmb)
    try:
        written = _write(plan, writer, progress)
        # One writer makes one segment; merging the workers' segments would
        # cost more than searching two of them.
        writer.commit(optimize=fresh and not isinstance(writer, WorkerWriter))
        ix.close()
        # Impacts files for the segments this commit wrote (resolu.search's
        # fast path); an index whose segment lacks one is searched with Whoosh.
        write_impacts(gen)
        for hook in AFTER_COMMIT:
            hook(gen)
        if fresh:
            write_version(gen)
        write_checksums(gen)
    except BaseException:
        _undo(writer, ix, gen, fresh=fresh)
        raise
    if fresh:
        switch_generation(plan.target, gen)
        clean_folder(plan.target)  # the previous generation, now unused
    return _report(plan, written, started, changed=True)


def _writer(ix: Any, procs: int, limitmb: int) -> IndexWriter:
    if procs > 1:
        return WorkerWriter(ix, procs=procs, multisegment=True, limitmb=limitmb)
    writer: IndexWriter = ix.writer(limitmb=limitmb)
    return writer


def _undo(writer: IndexWriter, ix: Any, gen: Path, *, fresh: bool) -> None:
    """Cancel a failed run and remove every file it wrote (also on a full disk)."""
    if isinstance(writer, WorkerWriter):
        writer.end_workers()
    # A cancel on a full disk can fail: the files go below all the same.
    with contextlib.suppress(Exception):
        writer.cancel()
    ix.close()
    if fresh:
        shutil.rmtree(gen, ignore_errors=True)
    else:
        remove_uncommitted(gen)


def _report(plan: _Plan, written: _Written, started: float, *, changed: bool) -> IndexReport:
    to_index = plan.to_index if changed else []
    added = plan.added if changed else 0
    return IndexReport(
        corpus_dir=str(plan.corpus),
        index_dir=str(plan.target),
        files=len(plan.current),
        added=added,
        updated=len(to_index) - added,
        removed=len(plan.gone) if changed else 0,
        unchanged=len(plan.current) - len(plan.to_index),
        resolutions=written.resolutions,
        paragraphs=written.paragraphs,
        total_paragraphs=_paragraph_count(plan.target),
        skipped=tuple(plan.refused + [(_shown(r), why) for r, why in written.skipped]),
        seconds=time.perf_counter() - started,
        rebuilt=changed and plan.existing is None,
        repaired=plan.repaired,
    )


#: From this many files to index (or bytes of parallel-corpus text), use every core.
PARALLEL_FROM = 200
_PARALLEL_BYTES = 5_000_000


def _auto_procs(current: dict[str, Path], to_index: list[str]) -> int:
    cores = min(os.cpu_count() or 1, 2)
    if cores < 2:
        return 1
    if len(to_index) >= PARALLEL_FROM:
        return cores
    size = sum(current[rel].stat().st_size for rel in to_index)
    return cores if size >= _PARALLEL_BYTES else 1


def _paragraph_count(target: Path) -> int:
    ix = open_store(target)
    try:
        with ix.searcher() as s:
            files = sum(1 for _ in s.document_numbers(**{DOCTYPE: "file"}))
            return int(s.doc_count() - files)
    finally:
        ix.close()
