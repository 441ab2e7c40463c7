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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.writing import IndexWriter

from .errors import CorpusError, IndexCorrupt
from .model import Paragraph, Resolution
from .reader import DOCX_SUFFIXES, HTML_SUFFIXES, TEXT_SUFFIXES, read_resolution
from .schema import (
    INDEX_NAME,
    SCHEMA_VERSION,
    VERSION_FILE,
    build_schema,
    index_version,
    sort_key,
    text_field,
    title_field,
)

__all__ = ["IndexReport", "build_index", "corpus_files", "resolution_documents"]

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


def _is_parallel(path: Path) -> bool:
    if path.suffix not in (".fr", ".en"):
        return False
    from .uncorpus import is_parallel_corpus_file

    return is_parallel_corpus_file(path)


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Return the files under a folder that resolu reads, sorted, hidden ones left out.

    Text files (``.txt``), PDF files, Word files (``.docx``), HTML files
    (``.html``/``.htm``) and UN Parallel Corpus files (``.fr``/``.en`` with a
    ``.ids`` beside them).
    """
    found = []
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        suffix = path.suffix.lower()
        readable = TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES
        if suffix in readable or suffix == ".pdf" or _is_parallel(path):
            found.append(path)
    return found


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


def _read(path: Path) -> Iterator[Resolution]:
    if _is_parallel(path):
        from .uncorpus import read_parallel

        yield from read_parallel(path)
    else:
        yield read_resolution(path)


def resolution_documents(res: Resolution, rel: str) -> Iterator[dict[str, Any]]:
    """Yield the index documents (field dicts) of one resolution's paragraphs."""
    lang = res.language or "fr"
    for p in res.paragraphs:
        yield {
            "key": f"{lang}:{p.reference}",
            "doctype": "para",
            "reference": p.reference,
            "symbol": res.symbol,
            "body": res.body,
            "session": res.session,
            "year": res.year,
            "lang": lang,
            "kind": p.kind,
            "order": p.order,
            "sortkey": sort_key(res.symbol, p.order),
            title_field(lang): res.title,
            text_field(lang): p.text,
            "exact": p.text,
            "cites": " ".join(p.cites_symbols),
            "path": rel,
            "payload": _payload(res, p),
        }


def _payload(res: Resolution, p: Paragraph) -> dict[str, Any]:
    return {
        "reference": p.reference,
        "label": p.label,
        "kind": p.kind,
        "number": p.number,
        "text": p.text,
        "order": p.order,
        "cites_footnotes": list(p.cites_footnotes),
        "cites_symbols": list(p.cites_symbols),
        "lines": list(p.lines),
        "aligned": list(p.aligned),
        "symbol": res.symbol,
        "res_number": res.number,
        "title": res.title,
        "body": res.body,
        "language": res.language,
        "session": res.session,
        "year": res.year,
        "adopted": res.adopted,
        "source": res.source,
    }


def _clean_doc(doc: dict[str, Any]) -> dict[str, Any]:
    # Whoosh rejects None for a NUMERIC field: leave the field out instead.
    return {k: v for k, v in doc.items() if v is not None and v != ""}


def _open_existing(index_dir: Path) -> Any | None:
    if not index_dir.exists():
        return None
    try:
        if not whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME):
            return None
        if index_version(index_dir) != SCHEMA_VERSION:
            return None  # built by another version: rebuilt, not opened
        return whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    except Exception as exc:  # a damaged index is rebuilt, not trusted
        raise IndexCorrupt(f"{index_dir}: cannot open the index ({exc})") from exc


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
    files = corpus_files(corpus)
    existing = None if rebuild else _open_existing_or_none(target)
    known: dict[str, str] = {}
    if existing is not None:
        with existing.searcher() as s:
            for fields in s.documents(doctype="file"):
                known[fields["path"]] = fields["digest"]
    current = {f.relative_to(corpus).as_posix(): f for f in files}
    digests = {rel: _digest(path) for rel, path in current.items()}
    to_index = [rel for rel in current if known.get(rel) != digests[rel]]
    gone = [rel for rel in known if rel not in current]
    added = sum(1 for rel in to_index if rel not in known)
    updated = len(to_index) - added
    unchanged = len(current) - len(to_index)

    if existing is None:
        work = Path(f"{target}.building-{os.getpid()}")
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        ix = whoosh_index.create_in(str(work), build_schema(), indexname=INDEX_NAME)
    else:
        work = target
        ix = existing

    if existing is not None and not to_index and not gone:
        # Nothing changed: do not even open a writer (and so take no lock).
        existing.close()
        return IndexReport(
            corpus_dir=str(corpus),
            index_dir=str(target),
            files=len(current),
            added=0,
            updated=0,
            removed=0,
            unchanged=unchanged,
            resolutions=0,
            paragraphs=0,
            total_paragraphs=_paragraph_count(target),
            skipped=(),
            seconds=time.perf_counter() - started,
            rebuilt=False,
        )
    writer_kwargs: dict[str, Any] = {"limitmb": limitmb}
    if procs is None:
        procs = _auto_procs(current, to_index)
    if procs > 1:
        writer_kwargs.update(procs=procs, multisegment=True)
    writer: IndexWriter = ix.writer(**writer_kwargs)
    skipped: list[tuple[str, str]] = []
    resolutions = paragraphs = 0
    try:
        for rel in gone + [r for r in to_index if r in known]:
            writer.delete_by_term("path", rel)
        for done, rel in enumerate(to_index, 1):
            path = current[rel]
            try:
                if _is_parallel(path):
                    # A parallel-corpus file can hold hundreds of thousands of
                    # lines: check it whole in a first streaming pass (a fault
                    # may only show at its end), then stream it into the writer.
                    for _ in _read(path):
                        pass
                count = docs = 0
                for res in _read(path):
                    count += 1
                    for doc in resolution_documents(res, rel):
                        writer.add_document(**_clean_doc(doc))
                        docs += 1
            except CorpusError as exc:
                skipped.append((rel, exc.reason))
            else:
                resolutions += count
                paragraphs += docs
                writer.add_document(
                    key=f"file:{rel}", doctype="file", path=rel, digest=digests[rel]
                )
            if progress is not None:
                progress(done, len(to_index), rel)
        # One writer makes one segment; merging the workers' segments would
        # cost more than searching two of them.
        writer.commit(optimize=existing is None and procs == 1)
    except BaseException:
        writer.cancel()
        if existing is None:
            shutil.rmtree(work, ignore_errors=True)
        raise
    if existing is None:
        (work / VERSION_FILE).write_text(f"{SCHEMA_VERSION}\n")
        _swap_in(work, target)
    total = _paragraph_count(target)
    return IndexReport(
        corpus_dir=str(corpus),
        index_dir=str(target),
        files=len(current),
        added=added,
        updated=updated,
        removed=len(gone),
        unchanged=unchanged,
        resolutions=resolutions,
        paragraphs=paragraphs,
        total_paragraphs=total,
        skipped=tuple(skipped),
        seconds=time.perf_counter() - started,
        rebuilt=existing is None,
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
    ix = whoosh_index.open_dir(str(target), indexname=INDEX_NAME)
    try:
        with ix.searcher() as s:
            return int(s.doc_count() - sum(1 for _ in s.document_numbers(doctype="file")))
    finally:
        ix.close()  # type: ignore[no-untyped-call]


def _open_existing_or_none(target: Path) -> Any | None:
    try:
        return _open_existing(target)
    except IndexCorrupt:
        return None  # rebuilt from scratch into a fresh folder, then swapped in


def _check_target(target: Path) -> None:
    """Refuse to replace a folder that holds something other than a resolu index."""
    if target.exists() and (
        not target.is_dir()
        or (
            any(target.iterdir())
            and not (target / VERSION_FILE).exists()
            and not whoosh_index.exists_in(str(target), indexname=INDEX_NAME)
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
