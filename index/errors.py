"""The exceptions resolu raises; the CLI maps them to exit codes.

One base class, so a script can catch everything resolu means to raise with a
single ``except ResoluError``. Usage errors (the user's query is malformed) are
told apart from runtime errors (a file or an index cannot be read) by class.
"""

from __future__ import annotations

__all__ = [
    "CorpusError",
    "IndexCorrupt",
    "IndexNotFound",
    "QuerySyntaxError",
    "ReferenceNotFound",
    "ResoluError",
]


class ResoluError(Exception):
    """Base class of every error resolu raises on purpose."""


class CorpusError(ResoluError):
    """A file cannot be read as a resolution; the message names the file and the reason."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class IndexNotFound(ResoluError):
    """No index exists where one was expected."""


class IndexCorrupt(ResoluError):
    """An index exists but cannot be opened or read."""


class ReferenceNotFound(ResoluError):
    """A paragraph reference or symbol names nothing in the index."""


class QuerySyntaxError(ResoluError):
    """A query cannot be parsed; ``position`` is the 0-based column of the fault."""

    def __init__(self, message: str, query: str = "", position: int | None = None) -> None:
        self.query = query
        self.position = position
        self.detail = message
        where = f" (at column {position + 1})" if position is not None else ""
        super().__init__(f"{message}{where}")
