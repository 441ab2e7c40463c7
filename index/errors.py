"""Errors of the store: no index, an unreadable or unwritable index, a busy or foreign folder,
a source the index does not hold or that overlaps another."""

from __future__ import annotations

from resolu.corpus.errors import ResoluError

__all__ = [
    "IndexBusy",
    "IndexClosed",
    "IndexCorrupt",
    "IndexFolderRefused",
    "IndexNotFound",
    "IndexWriteFailed",
    "SourceNotFound",
    "SourceOverlap",
]


class IndexNotFound(ResoluError):
    """No index exists where one was expected."""


class IndexCorrupt(ResoluError):
    """An index exists but cannot be opened or read."""


class IndexClosed(ResoluError):
    """An index was used after ``close()``."""


class IndexFolderRefused(ResoluError):
    """A folder holds something other than a resolu index: resolu will not write there."""


class IndexBusy(ResoluError):
    """Another run is writing to the same index; the message names its process."""


class IndexWriteFailed(ResoluError):
    """The index could not be written (full disk, read-only folder); the previous one is intact."""


class SourceNotFound(ResoluError):
    """A folder or file is not a source of the index (the message lists its sources)."""


class SourceOverlap(ResoluError):
    """A folder to add holds, or lies inside, a source the index already has."""
