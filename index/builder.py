"""Build and update an index of paragraph documents from a corpus folder.

Safety first: a run either commits everything or nothing. A full build is
written into a fresh folder beside the target and swapped in only when it is
complete; an incremental run writes into the live index through one Whoosh
writer that is committed at the very end and cancelled on any error or Ctrl-C,
so readers keep seeing the previous state until the commit succeeds.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resolu.corpus.errors import CorpusError
from resolu.corpus.formats import corpus_files, format_of, read_file
from whoosh.writing import IndexWriter

from .errors import IndexCorrupt, IndexNotFound
from .impacts import write_impacts
from .schema import DIGEST, DOCTYPE, PATH
from .store import (
    VERSION_FILE,
    create_store,
    file_document,
    has_index,
    open_store,
    paragraph_documents,
    write_version,
)

__all__ = ["IndexReport", "build_index"]

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


@dataclass
class _Plan:
    """What a run will do: the files it reads, what it deletes, into which index."""

    corpus: Path
    target: Path
    #: Every file of the corpus, by its path relative to the corpus folder.
    current: dict[str, Path]
    digests: dict[str, str]
    #: Content hash of each file the index holds.
    known: dict[str, str]
    #: The open index to update, or None for a fresh build.
    existing: Any | None

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
    existing = None if rebuild else _open_existing_or_none(target)
    known: dict[str, str] = {}
    if existing is not None:
        with existing.searcher() as s:
            for fields in s.documents(**{DOCTYPE: "file"}):
                known[fields[PATH]] = fields[DIGEST]
    current = {f.relative_to(corpus).as_posix(): f for f in corpus_files(corpus)}
    digests = {rel: _digest(path) for rel, path in current.items()}
    return _Plan(corpus, target, current, digests, known, existing)


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
            writer.add_document(**file_document(rel, plan.digests[rel]))
        if progress is not None:
            progress(done, len(to_index), rel)
    return out


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
    searchable until the run commits.
    """
    started = time.perf_counter()
    corpus = Path(corpus_dir)
    target = Path(index_dir)
    if not corpus.is_dir():
        raise CorpusError(corpus, "not a folder")
    _check_target(target)
    plan = _plan(corpus, target, rebuild=rebuild)
    fresh = plan.existing is None
    if plan.existing is not None and not plan.to_index and not plan.gone:
        # Nothing changed: do not even open a writer (and so take no lock).
        plan.existing.close()
        return _report(plan, _Written(), started, changed=False)
    if fresh:
        work = Path(f"{target}.building-{os.getpid()}")
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        ix = create_store(work)
    else:
        work, ix = target, plan.existing
    if procs is None:
        procs = _auto_procs(plan.current, plan.to_index)
    writer_kwargs: dict[str, Any] = {"limitmb": limitmb}
    if procs > 1:
        writer_kwargs.update(procs=procs, multisegment=True)
    writer: IndexWriter = ix.writer(**writer_kwargs)
    try:
        written = _write(plan, writer, progress)
        # One writer makes one segment; merging the workers' segments would
        # cost more than searching two of them.
        writer.commit(optimize=fresh and procs == 1)
    except BaseException:
        writer.cancel()
        if fresh:
            shutil.rmtree(work, ignore_errors=True)
        raise
    try:
        # Impacts files for the segments this commit wrote (resolu.search's
        # fast path); an index whose segment lacks one is searched with Whoosh.
        write_impacts(work)
    except BaseException:
        if fresh:
            shutil.rmtree(work, ignore_errors=True)
        raise
    if fresh:
        write_version(work)
        _swap_in(work, target)
    return _report(plan, written, started, changed=True)


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
        skipped=tuple(written.skipped),
        seconds=time.perf_counter() - started,
        rebuilt=changed and plan.existing is None,
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


def _open_existing_or_none(target: Path) -> Any | None:
    try:
        return open_store(target)
    except (IndexNotFound, IndexCorrupt):
        return None  # built from scratch into a fresh folder, then swapped in


def _check_target(target: Path) -> None:
    """Refuse to replace a folder that holds something other than a resolu index."""
    if target.exists() and (
        not target.is_dir()
        or (
            any(target.iterdir()) and not (target / VERSION_FILE).exists() and not has_index(target)
        )
    ):
        raise IndexCorrupt(f"{target}: exists and is not a resolu index; refusing to replace it")


def _swap_in(work: Path, target: Path) -> None:
    """Replace ``target`` by ``work`` with renames, so no reader sees half an index."""
    if target.exists():
        old = Path(f"{target}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
        work.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        work.rename(target)
