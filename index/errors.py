"""Errors of the store: no index, an index that cannot be read, an index closed."""

from __future__ import annotations

from resolu.corpus.errors import ResoluError

__all__ = ["IndexClosed", "IndexCorrupt", "IndexNotFound"]


class IndexNotFound(ResoluError):
    """No index exists where one was expected."""


class IndexCorrupt(ResoluError):
    """An index exists but cannot be opened or read."""


class IndexClosed(ResoluError):
    """An index was used after ``close()``."""
