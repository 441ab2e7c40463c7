"""What an indexing run will do: which sources it reads, which files it indexes or deletes.

A run is asked to add or update one source, to remove one, or to rebuild
every source (:class:`Request`). Planning reads the live index's records (the
file documents) and the recorded sources, walks the sources the run is about,
and hashes their files; it writes nothing. Files of the other sources are
left as the index holds them.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from resolu.corpus.formats import scan_corpus
from resolu.corpus.limits import DEFAULT_LIMITS, Limits

from .copies import Rank, format_rank
from .errors import IndexCorrupt, IndexNotFound
from .folder import current_generation
from .sources import (
    Source,
    check_overlap,
    find_source,
    not_a_source,
    now,
    read_sources,
    reconcile,
)
from .store import (
    SCHEMA_VERSION,
    FileRecord,
    damaged_files,
    file_records,
    index_version,
    open_store,
    release_files,
)

__all__ = ["Plan", "Request", "SourceFile", "digest", "plan_run", "shown"]


@dataclass(frozen=True)
class Request:
    """What a run is asked: add or update ``add``, remove ``remove``, or rebuild every source."""

    add: Path | None = None
    remove: Path | None = None
    rebuild: bool = False


@dataclass(frozen=True)
class SourceFile:
    """A file of a source: where it is, which source, and its path within that source."""

    path: Path
    source: str
    rel: str


@dataclass
class Plan:
    """What a run will do: the files it reads, what it deletes, into which index."""

    target: Path
    #: What the report is about: the source added, updated or removed, or the index.
    label: str
    #: The sources after the run, in the order they were added.
    sources: list[Source]
    #: Whether that list differs from the one recorded.
    sources_changed: bool
    #: The sources whose files the run reads (or, removed, drops).
    scope: set[str]
    #: Every readable file of those sources, by path.
    current: dict[str, SourceFile]
    digests: dict[str, str]
    #: What the index holds of each file it holds.
    known: dict[str, FileRecord]
    #: The open index to update, or None for a fresh build.
    existing: Any | None
    #: Files passed over before reading (name, folder or access faults), with the reason.
    refused: list[tuple[str, str]] = field(default_factory=list)
    #: Why the live index was not kept (damaged, another version), or "".
    repaired: str = ""
    #: Recorded sources the run should read that are gone from the disk.
    missing: list[str] = field(default_factory=list)
    stamp: datetime.datetime = field(default_factory=now)
    #: What one file may hold (pages, inflated bytes, paragraph length, size).
    limits: Limits = DEFAULT_LIMITS

    def __post_init__(self) -> None:
        self._order = {s.path: n for n, s in enumerate(self.sources)}

    def rank(self, path: str) -> Rank:
        """Return where the file ``path`` ranks among copies (see :mod:`resolu.index.copies`)."""
        f = self.current.get(path)
        if f is not None:
            source, rel = f.source, f.rel
        else:
            source = self.known[path].source
            rel = _within(path, source)
        return (self._order.get(source, len(self._order)), format_rank(path), rel)

    def source_of(self, path: str) -> str:
        """Return the source a file of the run belongs to."""
        f = self.current.get(path)
        return f.source if f is not None else self.known[path].source

    def shown(self, path: str) -> str:
        """Return a file's name for the report: within the source the run is about, else whole."""
        f = self.current.get(path)
        if f is not None and f.source == self.label:
            return shown(f.rel)
        return shown(path)

    @property
    def to_index(self) -> list[str]:
        """The files to read, best-ranked first (new or changed)."""
        paths = [p for p in self.current if _digest_of(self.known.get(p)) != self.digests[p]]
        return sorted(paths, key=self.rank)

    @property
    def gone(self) -> list[str]:
        """The files the index holds that the run's sources no longer have."""
        scope, current = self.scope, self.current
        return [p for p, r in self.known.items() if r.source in scope and p not in current]

    @property
    def to_delete(self) -> list[str]:
        return self.gone + [p for p in self.to_index if p in self.known]

    @property
    def kept(self) -> list[str]:
        """The files the index holds and keeps as they are, best-ranked first."""
        changing = set(self.to_delete)
        return sorted((p for p in self.known if p not in changing), key=self.rank)

    @property
    def added(self) -> int:
        return sum(1 for p in self.to_index if p not in self.known)

    def final_sources(self, touched: set[str]) -> list[Source]:
        """Return the sources to record, ``updated`` now for those the run changed or added."""
        return [
            replace(s, updated=self.stamp) if s.path in touched or s.updated is None else s
            for s in self.sources
        ]


def _digest_of(record: FileRecord | None) -> str | None:
    return record.digest if record is not None else None


def _within(path: str, source: str) -> str:
    p, s = Path(path), Path(source)
    return p.name if p == s else p.relative_to(s).as_posix()


def digest(path: Path) -> str:
    """Return the content hash of a file (a parallel-corpus file with its ids file)."""
    h = hashlib.blake2b(digest_size=16)
    # A parallel-corpus file is read with its ids file: both make its content.
    ids = path.with_suffix(".ids")
    parts = [path, ids] if path.suffix in (".fr", ".en") and ids.is_file() else [path]
    for part in parts:
        with part.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def shown(rel: str) -> str:
    """Return a file name printable anywhere (bytes that are not UTF-8 shown as \ufffd)."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def plan_run(target: Path, request: Request) -> Plan:
    """Read the live index and the sources, and return what the run will do.

    Raises :class:`SourceNotFound` for a source to remove that the index does
    not hold and :class:`SourceOverlap` for one to add inside another.
    """
    live = current_generation(target)
    recorded = read_sources(live)
    existing: Any | None = None
    known: dict[str, FileRecord] = {}
    repaired = ""
    if live is not None and not request.rebuild:
        existing, known, repaired = _open_live(target, live, recorded)
    try:
        sources = reconcile(recorded, known.values())
        after, scope, label = _apply(request, sources, target)
        if existing is None:
            scope = {s.path for s in after}
        out = Plan(target, label, after, after != recorded, scope, {}, {}, known, existing)
        out.repaired = repaired
        for source in after:
            if source.path in scope:
                _scan(out, source)
        if existing is not None:
            # An update leaves a source that is gone (an unplugged drive) as it is.
            out.scope -= set(out.missing)
        return out
    except BaseException:
        if existing is not None:
            existing.close()
        raise


def _open_live(
    target: Path, live: Path, recorded: list[Source]
) -> tuple[Any | None, dict[str, FileRecord], str]:
    """Open the live index to update it; say why not when it must be rebuilt instead."""
    if index_version(live) != SCHEMA_VERSION:
        whence = (
            "from its recorded sources"
            if recorded
            else "from the source given only (that version did not record its sources)"
        )
        return None, {}, f"the index was built by another version of resolu: rebuilt {whence}"
    damaged = damaged_files(live)
    if damaged:
        shown = ", ".join(damaged[:3])
        return None, {}, f"the index was damaged ({shown}): rebuilt from its sources"
    try:
        existing = open_store(target)
    except (IndexNotFound, IndexCorrupt) as exc:
        return None, {}, f"{exc}: rebuilt from its sources" if isinstance(exc, IndexCorrupt) else ""
    try:
        with existing.searcher() as s:
            known = file_records(s)
    except Exception as exc:  # any read fault of a damaged index
        existing.close()
        release_files()
        return None, {}, f"the index could not be read ({type(exc).__name__}): rebuilt"
    return existing, known, ""


def _apply(
    request: Request, sources: list[Source], target: Path
) -> tuple[list[Source], set[str], str]:
    """Return the sources after the run, those whose files it reads or drops, and its label."""
    if request.remove is not None:
        dropped = find_source(sources, request.remove)
        if dropped is None:
            raise not_a_source(request.remove, sources, target)
        return [s for s in sources if s is not dropped], {dropped.path}, dropped.path
    if request.add is None:
        return sources, {s.path for s in sources}, str(target)
    path = request.add
    check_overlap(sources, path)
    if find_source(sources, path) is None:
        kind = "folder" if path.is_dir() else "file"
        sources = [*sources, Source(str(path), kind, now(), None)]
    return sources, {str(path)}, str(path)


def _scan(out: Plan, source: Source) -> None:
    """Add a source's readable files to the plan, with their hashes; note what is passed over."""
    root = Path(source.path)
    if not (root.is_dir() if source.kind == "folder" else root.is_file()):
        out.missing.append(source.path)
        return
    files, passed = scan_corpus(root) if source.kind == "folder" else ([root], [])

    def name(path: Path) -> str:
        # Within the source the run is about, as before sources; else the whole path.
        return shown(_within(str(path), source.path) if source.path == out.label else str(path))

    out.refused += [(name(p), why) for p, why in passed]
    for path in files:
        key = str(path)
        try:
            key.encode("utf-8")
            out.digests[key] = digest(path)
        except UnicodeEncodeError:
            out.refused.append((name(path), "file name is not valid UTF-8: rename the file"))
            continue
        except OSError as exc:
            out.refused.append((name(path), f"cannot be read ({exc.strerror or exc})"))
            continue
        out.current[key] = SourceFile(path, source.path, _within(key, source.path))
