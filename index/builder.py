"""Build and update an index of paragraph documents from its sources (folders and files).

An index holds any number of sources (:mod:`resolu.index.sources`): a run adds
or updates one (:func:`build_index`), removes one (:func:`remove_source`) or
rebuilds them all (:func:`rebuild_index`), and leaves the others' documents
as they are. A resolution two files give is indexed once
(:mod:`resolu.index.copies`).

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
import shutil
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resolu.corpus.doctypes import DOC_TYPES
from resolu.corpus.errors import CorpusError
from resolu.corpus.formats import format_of, read_file
from resolu.corpus.limits import DEFAULT_LIMITS, Limits
from resolu.corpus.model import Resolution
from whoosh.query import And, Term
from whoosh.writing import IndexWriter

from .copies import Duplicate, Holders, Rank, why_kept
from .errors import IndexNotFound, IndexWriteFailed, SourceNotFound
from .folder import (
    SOURCES_FILE,
    adopt_folder,
    clean_folder,
    current_generation,
    new_generation,
    switch_generation,
)
from .impacts import write_impacts
from .lock import writer_lock
from .planning import Plan, Request, digest, plan_run
from .postings import PostingsWriter
from .schema import DOCTYPE, PATH, RESKEY
from .sources import resolve_source, write_sources
from .store import (
    Held,
    create_store,
    file_document,
    open_store,
    paragraph_documents,
    release_files,
    remove_uncommitted,
    resolution_key,
    write_checksums,
    write_version,
)
from .workers import WorkerWriter

__all__ = [
    "AFTER_COMMIT",
    "IndexReport",
    "build_index",
    "rebuild_index",
    "remove_source",
    "update_index",
]

#: Called after each file: (files done, files in all, path of the file).
Progress = Callable[[int, int, str], None]

#: A file of many documents up to this size is read once, not twice (see
#: :func:`_resolutions`): its documents take some six times its size in memory.
_KEPT_BYTES = 16 << 20


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
    #: Documents (distinct symbols) and paragraphs indexed by this run, per type
    #: (``("resolution", 31, 163)``), in the order of :data:`~resolu.corpus.doctypes.DOC_TYPES`.
    types: tuple[tuple[str, int, int], ...] = ()
    #: Why the index found was not kept but rebuilt (damaged), or "".
    repaired: str = ""
    #: Resolutions not indexed from a file because another file gives them.
    duplicates: tuple[Duplicate, ...] = ()
    #: Resolutions indexed from another copy once the copy indexed went: (key, file).
    promoted: tuple[tuple[str, str], ...] = ()
    #: Recorded sources the run could not read: gone from the disk (kept in the list).
    missing_sources: tuple[str, ...] = ()
    #: How many sources the index holds after the run.
    sources: int = 0

    @property
    def changed(self) -> bool:
        """Whether the run changed the index at all."""
        return bool(self.added or self.updated or self.removed or self.promoted or self.rebuilt)


@dataclass
class _Written:
    """What writing the planned files gave."""

    resolutions: int = 0
    paragraphs: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    #: Resolutions indexed from another copy once the copy indexed went: (key, file).
    promoted: list[tuple[str, str]] = field(default_factory=list)
    #: The sources whose documents the run changed.
    touched: set[str] = field(default_factory=set)
    #: type -> (symbols, paragraphs) of what was indexed.
    types: dict[str, tuple[set[str], int]] = field(default_factory=dict)

    def count(self, res: Resolution, paragraphs: int) -> None:
        """Count one resolution read and its paragraphs, under its document type."""
        symbols, n = self.types.setdefault(res.doc_type, (set(), 0))
        symbols.add(res.symbol)
        self.types[res.doc_type] = (symbols, n + paragraphs)

    def by_type(self) -> tuple[tuple[str, int, int], ...]:
        """Return (type, documents, paragraphs), types in the order of DOC_TYPES."""
        order = {name: i for i, name in enumerate(DOC_TYPES)}
        return tuple(
            (name, len(symbols), n)
            for name, (symbols, n) in sorted(self.types.items(), key=lambda t: order.get(t[0], 99))
        )


def _write(plan: Plan, writer: IndexWriter, progress: Progress | None) -> _Written:
    """Delete what changed or went, add what is new or changed, settle copies; commit nothing."""
    out = _Written()
    for path in plan.to_delete:
        writer.delete_by_term(PATH, path)
        out.touched.add(plan.source_of(path))
    holders = _holders(plan)
    to_index = plan.to_index
    for done, path in enumerate(to_index, 1):
        holds = _index_file(plan, writer, path, holders, out)
        # A skipped file is recorded too: the next run passes over it until it changes.
        source = plan.current[path].source
        writer.add_document(**file_document(path, plan.digests[path], source=source, holds=holds))
        out.touched.add(source)
        if progress is not None:
            progress(done, len(to_index), plan.current[path].rel)
    for path, keep in _moves(plan, holders):
        _settle(plan, writer, path, keep, holders, out)
    return out


def _holders(plan: Plan) -> Holders:
    """Return the copies the files the index keeps as they are give."""
    holders = Holders()
    for path in plan.kept:
        for held in plan.known[path].holds:
            holders.offer(held.key, plan.rank(path), path)
    return holders


def _index_file(
    plan: Plan, writer: IndexWriter, path: str, holders: Holders, out: _Written
) -> tuple[Held, ...]:
    """Index the resolutions of one file that no better-ranked file gives; return what it holds."""
    file = plan.current[path]
    rank = plan.rank(path)
    held: list[Held] = []
    try:
        for res in _resolutions(file.path, plan.limits):
            key = resolution_key(res)
            best = holders.best(key)
            holders.offer(key, rank, path)
            if best is None or rank < best[0] or best[1] == path:
                count = _add(writer, res, path)
                out.resolutions += 1
                out.paragraphs += count
                out.count(res, count)
                held.append(Held(key, count, True))
            else:
                out.duplicates.append(_duplicate(plan, res, path, best))
                held.append(Held(key, len(res.paragraphs), False))
    except CorpusError as exc:
        out.skipped.append((plan.shown(path), exc.reason))
        return ()
    return tuple(held)


def _resolutions(path: Path, limits: Limits) -> Iterable[Resolution]:
    """Return the resolutions of a file, read whole before the first is indexed.

    A file of many documents (a parallel-corpus file, of up to hundreds of
    thousands of lines) may show a fault only at its end, and a faulty file is
    skipped whole: it is checked in a first pass. What that pass reads is kept
    when the file is small enough (:data:`_KEPT_BYTES`); a larger one is read
    again, streaming, as it is indexed, so that its documents are never all
    in memory.
    """
    fmt = format_of(path)
    if fmt is None or not fmt.many:
        return read_file(path, limits=limits)
    keep = path.stat().st_size <= _KEPT_BYTES
    kept = []
    for res in read_file(path, limits=limits):
        if keep:
            kept.append(res)
    return kept if keep else read_file(path, limits=limits)


def _add(writer: IndexWriter, res: Resolution, path: str) -> int:
    docs = 0
    for doc in paragraph_documents(res, path):
        writer.add_document(**doc)
        docs += 1
    return docs


def _duplicate(plan: Plan, res: Resolution, path: str, best: tuple[Rank, str]) -> Duplicate:
    rank, kept = best
    return Duplicate(
        symbol=res.symbol,
        language=res.language or "fr",
        skipped=plan.shown(path),
        kept=plan.shown(kept),
        reason=why_kept(rank, plan.rank(path)),
        identical=_digest_known(plan, kept) == _digest_known(plan, path),
    )


def _digest_known(plan: Plan, path: str) -> str:
    return plan.digests[path] if path in plan.digests else plan.known[path].digest


def _moves(plan: Plan, holders: Holders) -> list[tuple[str, list[bool]]]:
    """Return the files the index keeps whose indexed copies change, with what each keeps."""
    moves = []
    for path in plan.kept:
        holds = plan.known[path].holds
        keep = []
        for held in holds:
            best = holders.best(held.key)
            keep.append(best is not None and best[1] == path)
        if keep != [h.kept for h in holds]:
            moves.append((path, keep))
    return moves


def _settle(
    plan: Plan, writer: IndexWriter, path: str, keep: list[bool], holders: Holders, out: _Written
) -> None:
    """Drop the copies a file no longer gives the index, and add those it now does."""
    record = plan.known[path]
    holds = list(record.holds)
    for n, held in enumerate(holds):
        best = holders.best(held.key)
        if held.kept and not keep[n] and best is not None:
            writer.delete_by_query(And([Term(PATH, path), Term(RESKEY, held.key)]))
            symbol = held.key.partition(":")[2]
            language = held.key.partition(":")[0]
            reason = why_kept(best[0], plan.rank(path))
            identical = _digest_known(plan, best[1]) == record.digest
            kept, skipped = plan.shown(best[1]), plan.shown(path)
            out.duplicates.append(Duplicate(symbol, language, skipped, kept, reason, identical))
            holds[n] = Held(held.key, held.paragraphs, False)
    wanted = {h.key for n, h in enumerate(holds) if keep[n] and not h.kept}
    if wanted:
        holds = _promote(plan, writer, path, wanted, holds, out)
    writer.delete_by_query(And([Term(PATH, path), Term(DOCTYPE, "file")]))
    writer.add_document(
        **file_document(path, record.digest, source=record.source, holds=tuple(holds))
    )
    out.touched.add(record.source)


def _promote(
    plan: Plan, writer: IndexWriter, path: str, wanted: set[str], holds: list[Held], out: _Written
) -> list[Held]:
    """Index the copies of ``wanted`` a file gives, now that the copy indexed is gone.

    The file is read again; if it changed since its source was indexed, its
    copies wait for that source's next update (and the report says so).
    """
    record = plan.known[path]
    try:
        if digest(Path(path)) != record.digest:
            raise CorpusError(path, "changed since its source was indexed")
        counts: dict[str, list[int]] = {}
        read: dict[str, Resolution] = {}
        for res in read_file(path, limits=plan.limits):
            key = resolution_key(res)
            if key in wanted:
                counts.setdefault(key, []).append(_add(writer, res, path))
                read[key] = res
    except (CorpusError, OSError) as exc:
        reason = exc.reason if isinstance(exc, CorpusError) else str(exc.strerror or exc)
        update = f"resolu index {record.source}"
        out.skipped.append((plan.shown(path), f"{reason}: its copies wait for {update}"))
        return holds
    promoted = []
    for held in holds:
        if counts.get(held.key) and not held.kept:
            promoted.append(Held(held.key, counts[held.key].pop(0), True))
            out.promoted.append((held.key, plan.shown(path)))
            out.resolutions += 1
            out.paragraphs += promoted[-1].paragraphs
            out.count(read[held.key], promoted[-1].paragraphs)
        else:
            promoted.append(held)
    return promoted


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
    limits: Limits = DEFAULT_LIMITS,
) -> IndexReport:
    """Add or update one source of ``index_dir``: the resolution files under ``corpus_dir``.

    ``corpus_dir`` is a folder (read recursively) or a single file; it becomes
    a source of the index, recorded by its resolved path, if it is not one
    yet. Its new files are added, changed ones (by content hash) re-indexed,
    and the paragraphs of its files that are gone deleted; the other sources'
    documents are left as they are. A file the reader rejects is skipped and
    reported; a resolution another file gives too is indexed once (the report
    names the copies left out). ``rebuild`` rebuilds every source, this one
    included, into an empty index. ``procs`` processes analyse documents:
    by default one, which keeps the new segment's postings in memory and
    writes them through Whoosh's codec (:mod:`resolu.index.postings`); more
    than one use Whoosh's multiprocessing writer instead, which measured
    slower on 2 cores than that one process (``benchmarks/index_memory.py
    --procs-corpus``): a second process is never the default. The
    previous index stays intact and searchable until the run commits; a
    damaged index (checksums), or one of another version, is rebuilt from
    its recorded sources. A file over one of ``limits``
    (:class:`~resolu.corpus.limits.Limits`: size, PDF pages, inflated bytes,
    paragraph length) is skipped with the reason, like any file the reader
    rejects; after raising a limit, ``rebuild`` reads such files again.

    Raises :class:`CorpusError` for a path that is neither a folder nor a file
    resolu reads, :class:`SourceOverlap` for a folder inside another source
    (or holding one), :class:`IndexFolderRefused` for a folder holding
    anything but a resolu index, :class:`IndexBusy` while another run writes
    to it, and :class:`IndexWriteFailed` when it cannot be written.
    """
    source = resolve_source(corpus_dir)
    if not source.is_dir() and not (source.is_file() and format_of(source) is not None):
        reason = "not a folder" if not source.exists() else "not a folder or a file resolu reads"
        raise CorpusError(Path(corpus_dir), reason)
    request = Request(add=source, rebuild=rebuild)
    return _locked(Path(index_dir), request, procs, progress, limitmb, limits)


def remove_source(source: Path | str, index_dir: Path | str, *, limitmb: int = 256) -> IndexReport:
    """Remove a source from ``index_dir``: the paragraphs of its files, and its record.

    ``source`` names the folder or file as it was added (it need not exist any
    more). Copies of its resolutions that other sources give take their place.

    Raises :class:`IndexNotFound` where there is no index and
    :class:`SourceNotFound` when ``source`` is not one of its sources.
    """
    if current_generation(Path(index_dir)) is None:
        raise IndexNotFound(f"no index in {index_dir}")
    return _locked(Path(index_dir), Request(remove=Path(source)), 1, None, limitmb)


def rebuild_index(
    index_dir: Path | str,
    *,
    procs: int | None = None,
    progress: Progress | None = None,
    limitmb: int = 256,
    limits: Limits = DEFAULT_LIMITS,
) -> IndexReport:
    """Rebuild ``index_dir`` from every source it records, into a new generation.

    A source gone from the disk stays recorded (``resolu sources`` shows it
    missing) and holds nothing until it is back and indexed again, or
    removed; the report names it.

    Raises :class:`IndexNotFound` where there is no index and
    :class:`SourceNotFound` for an index that records no source.
    """
    target = _with_sources(Path(index_dir))
    return _locked(target, Request(rebuild=True), procs, progress, limitmb, limits)


def update_index(
    index_dir: Path | str,
    *,
    procs: int | None = None,
    progress: Progress | None = None,
    limitmb: int = 256,
    limits: Limits = DEFAULT_LIMITS,
) -> IndexReport:
    """Update every source ``index_dir`` records: read their new and changed files.

    A source gone from the disk (an unplugged drive) is left as the index
    holds it, and the report names it.

    Raises :class:`IndexNotFound` where there is no index and
    :class:`SourceNotFound` for an index that records no source.
    """
    target = _with_sources(Path(index_dir))
    return _locked(target, Request(), procs, progress, limitmb, limits)


def _with_sources(target: Path) -> Path:
    live = current_generation(target)
    if live is None:
        raise IndexNotFound(f"no index in {target}")
    if not (live / SOURCES_FILE).is_file():
        raise SourceNotFound(
            f"{target} records no source (built by an older resolu): "
            f"rebuild it from a folder: resolu index CORPUS_DIR --rebuild --index-dir {target}"
        )
    return target


def _locked(
    target: Path,
    request: Request,
    procs: int | None,
    progress: Progress | None,
    limitmb: int,
    limits: Limits = DEFAULT_LIMITS,
) -> IndexReport:
    """Run one request under the writers' lock; turn write faults into one error."""
    _check_arguments(procs, limitmb)
    if not isinstance(limits, Limits):
        raise TypeError(f"limits must be a Limits, not {type(limits).__name__}")
    started = time.perf_counter()
    # The files a failed writer left open hold their disk blocks (on a full
    # disk, the space to free) until the traceback that holds the writer goes:
    # keep no traceback, and close them, quietly, before telling.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            adopt_folder(target)
            with writer_lock(target):
                clean_folder(target)
                plan = plan_run(target, request)
                plan.limits = limits
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
    plan: Plan, procs: int | None, progress: Progress | None, limitmb: int, started: float
) -> IndexReport:
    existing = plan.existing
    quiet = existing is not None and not plan.to_index and not plan.gone
    if existing is not None and quiet and not _moves(plan, _holders(plan)):
        live = Path(existing.storage.folder)
        existing.close()
        if plan.sources_changed:
            write_sources(live, plan.final_sources(set()))
        return _report(plan, _Written(), started, changed=False)
    ix = plan.existing
    fresh = ix is None
    if ix is None:
        gen = new_generation(plan.target)
        ix = create_store(gen)
    else:
        gen = Path(ix.storage.folder)
    writer = _writer(ix, procs or 1, limitmb)
    try:
        written = _write(plan, writer, progress)
        # One writer makes one segment; merging the workers' segments would
        # cost more than searching two of them.
        writer.commit(optimize=fresh and not isinstance(writer, WorkerWriter))
        if not fresh:
            _merge_deletions(ix)
        ix.close()
        # Impacts files for the segments this commit wrote (resolu.search's
        # fast path); an index whose segment lacks one is searched with Whoosh.
        write_impacts(gen)
        for hook in AFTER_COMMIT:
            hook(gen)
        if fresh:
            write_version(gen)
            written.touched |= plan.scope
        write_sources(gen, plan.final_sources(written.touched))
        write_checksums(gen)
    except BaseException:
        _undo(writer, ix, gen, fresh=fresh)
        raise
    if fresh:
        switch_generation(plan.target, gen)
        clean_folder(plan.target)  # the previous generation, now unused
    return _report(plan, written, started, changed=True)


#: From this fraction of deleted paragraphs on, an update merges the index
#: into one segment. Whoosh keeps a deleted document in its segment's
#: statistics (document frequencies, field lengths) until the segment is
#: merged away, so BM25 scores drift from a full rebuild's as deletions pile
#: up; benchmarks/incremental_stats.py measures the drift and the merge's cost.
MERGE_DELETED_FROM = 0.25


def _merge_deletions(ix: Any) -> None:
    """Merge the index into one segment when deleted paragraphs skew its statistics."""
    every = ix.doc_count_all()
    if every and (every - ix.doc_count()) / every >= MERGE_DELETED_FROM:
        ix.optimize()


def _writer(ix: Any, procs: int, limitmb: int) -> IndexWriter:
    if procs > 1:
        return WorkerWriter(ix, procs=procs, multisegment=True, limitmb=limitmb)
    return PostingsWriter(ix, limitmb=limitmb)


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


def _report(plan: Plan, written: _Written, started: float, *, changed: bool) -> IndexReport:
    to_index = plan.to_index if changed else []
    added = plan.added if changed else 0
    return IndexReport(
        corpus_dir=plan.label,
        index_dir=str(plan.target),
        files=len(plan.current),
        added=added,
        updated=len(to_index) - added,
        removed=len(plan.gone) if changed else 0,
        unchanged=len(plan.current) - len(plan.to_index),
        resolutions=written.resolutions,
        paragraphs=written.paragraphs,
        total_paragraphs=_paragraph_count(plan.target),
        types=written.by_type(),
        skipped=tuple(plan.refused + written.skipped),
        seconds=time.perf_counter() - started,
        rebuilt=changed and plan.existing is None,
        repaired=plan.repaired,
        duplicates=tuple(written.duplicates),
        promoted=tuple(written.promoted),
        missing_sources=tuple(plan.missing),
        sources=len(plan.sources),
    )


def _paragraph_count(target: Path) -> int:
    ix = open_store(target)
    try:
        with ix.searcher() as s:
            files = sum(1 for _ in s.document_numbers(**{DOCTYPE: "file"}))
            return int(s.doc_count() - files)
    finally:
        ix.close()
