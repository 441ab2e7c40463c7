"""The sources of an index: the folders and single files it was built from.

An index holds any number of sources. Each is named by its resolved absolute
path and recorded, in the order it was added, in ``SOURCES.json`` inside the
live generation folder (written by resolu only, beside Whoosh's files): a
rebuild writes the list into its new generation before switching to it, so the
list and the documents change together. The documents themselves remember
their source (each file's record names it), so an index whose list was lost
between a commit and the list's write (a killed run) still knows every source
it holds: :func:`reconcile` adds them back.

The order matters: when two files give the same resolution, the copy of the
source added first is the one indexed (see :mod:`resolu.index.copies`).
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import IndexCorrupt, SourceNotFound, SourceOverlap
from .folder import SOURCES_FILE, current_generation
from .store import FileRecord, file_records, open_store, release_files

__all__ = [
    "Source",
    "SourceInfo",
    "check_overlap",
    "find_source",
    "list_sources",
    "read_sources",
    "reconcile",
    "resolve_source",
    "write_sources",
]

_FORMAT = 1


@dataclass(frozen=True)
class Source:
    """A source as the index records it."""

    #: Resolved absolute path of the folder or file.
    path: str
    #: ``folder`` or ``file``.
    kind: str
    added: datetime.datetime | None
    #: When a run last changed what the index holds from it.
    updated: datetime.datetime | None


@dataclass(frozen=True)
class SourceInfo:
    """A source of an index with what the index holds from it (``resolu sources``)."""

    path: str
    kind: str
    #: Whether the folder or file is still there.
    present: bool
    files: int
    #: Resolutions indexed from it (copies indexed from another file not counted).
    resolutions: int
    paragraphs: int
    #: Resolutions it gives that the index holds from another file (duplicates).
    duplicates: int
    added: datetime.datetime | None
    updated: datetime.datetime | None


def now() -> datetime.datetime:
    """Return the current time in UTC, to the second (what the list records)."""
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0)


def resolve_source(path: Path | str) -> Path:
    """Return the name a source is recorded under: its absolute path, links resolved."""
    return Path(os.path.abspath(path)).resolve()


def read_sources(gen: Path | None) -> list[Source]:
    """Return the sources recorded in a generation folder, in the order they were added.

    Raises :class:`IndexCorrupt` for a list that cannot be read.
    """
    if gen is None:
        return []
    try:
        data = json.loads((gen / SOURCES_FILE).read_text(encoding="utf-8"))
        return [
            Source(s["path"], s["kind"], _time(s.get("added")), _time(s.get("updated")))
            for s in data["sources"]
        ]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexCorrupt(
            f"{gen / SOURCES_FILE}: the list of sources cannot be read ({exc})"
        ) from None


def write_sources(gen: Path, sources: Iterable[Source]) -> None:
    """Record ``sources`` in a generation folder (written aside, then renamed)."""
    data = {
        "format": _FORMAT,
        "sources": [
            {"path": s.path, "kind": s.kind, "added": _iso(s.added), "updated": _iso(s.updated)}
            for s in sources
        ],
    }
    tmp = gen / f"{SOURCES_FILE}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, gen / SOURCES_FILE)


def _iso(when: datetime.datetime | None) -> str | None:
    return when.isoformat() if when else None


def _time(text: object) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(text) if isinstance(text, str) and text else None


def reconcile(sources: list[Source], records: Iterable[FileRecord]) -> list[Source]:
    """Return ``sources`` followed by any source the file records name that the list lacks."""
    listed = {s.path for s in sources}
    extra = sorted({r.source for r in records if r.source and r.source not in listed})
    kinds = {p: "file" if Path(p).is_file() else "folder" for p in extra}
    return sources + [Source(p, kinds[p], None, None) for p in extra]


def find_source(sources: list[Source], path: Path | str) -> Source | None:
    """Return the recorded source ``path`` names (resolved, or as given if since removed)."""
    names = {str(resolve_source(path)), os.path.abspath(path)}
    return next((s for s in sources if s.path in names), None)


def check_overlap(sources: list[Source], path: Path) -> None:
    """Refuse a new source inside another, or holding another: its files would be read twice.

    Raises :class:`SourceOverlap` naming the source in the way.
    """
    for s in sources:
        other = Path(s.path)
        if other == path:
            continue
        if path.is_relative_to(other):
            raise SourceOverlap(
                f"{path} is inside {other}, already a source of this index: "
                f"update that one (resolu index {other})"
            )
        if other.is_relative_to(path):
            raise SourceOverlap(
                f"{path} holds {other}, already a source of this index: "
                f"remove that one first (resolu index --remove {other})"
            )


def not_a_source(path: Path | str, sources: list[Source], index_dir: Path) -> SourceNotFound:
    """Return the error for a path that is not a source, listing the sources there are."""
    listed = ", ".join(s.path for s in sources[:5]) or "none"
    more = ", …" if len(sources) > 5 else ""
    return SourceNotFound(f"{path} is not a source of {index_dir} (its sources: {listed}{more})")


def list_sources(index_dir: Path | str) -> list[SourceInfo]:
    """Return the sources of an index with what it holds from each, in the order added.

    Raises :class:`IndexNotFound` where there is no index and
    :class:`IndexCorrupt` for one that cannot be read (another version).
    """
    target = Path(index_dir)
    ix = open_store(target)
    try:
        with ix.searcher() as s:
            records = file_records(s)
    except Exception as exc:  # any read fault of a damaged index
        release_files()
        raise IndexCorrupt(f"{target}: the index cannot be read ({type(exc).__name__})") from None
    finally:
        ix.close()
    sources = reconcile(read_sources(current_generation(target)), records.values())
    return [_info(s, [r for r in records.values() if r.source == s.path]) for s in sources]


def _info(source: Source, records: list[FileRecord]) -> SourceInfo:
    kept = [h for r in records for h in r.holds if h.kept]
    path = Path(source.path)
    return SourceInfo(
        path=source.path,
        kind=source.kind,
        present=path.is_dir() if source.kind == "folder" else path.is_file(),
        files=len(records),
        resolutions=len(kept),
        paragraphs=sum(h.paragraphs for h in kept),
        duplicates=sum(1 for r in records for h in r.holds if not h.kept),
        added=source.added,
        updated=source.updated,
    )
