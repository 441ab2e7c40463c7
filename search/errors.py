"""Errors of asking: a malformed query, a reference that names nothing."""

from __future__ import annotations

from resolu.corpus.errors import ResoluError

__all__ = ["QuerySyntaxError", "ReferenceNotFound"]


class ReferenceNotFound(ResoluError):
    """A paragraph reference or symbol names nothing in the index.

    ``suggestions`` are the nearest references the index holds, best first.
    """

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.suggestions = tuple(suggestions)


class QuerySyntaxError(ResoluError):
    """A query cannot be parsed; ``position`` is the 0-based column of the fault.

    ``detail`` is the message without the column, for a page that shows the
    column its own way.
    """

    def __init__(self, message: str, query: str = "", position: int | None = None) -> None:
        self.query = query
        self.position = position
        self.detail = message
        where = f" (at column {position + 1})" if position is not None else ""
        super().__init__(f"{message}{where}")
