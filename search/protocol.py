"""What the CLI, the web page and scripts use of an index, whatever engine holds it.

:class:`~resolu.search.searching.Index` (Whoosh) implements it; a second engine
would implement the same methods and leave the readers, the CLI and the
serialisers untouched.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from resolu.corpus.model import Paragraph, Resolution

from .hits import Results

__all__ = ["SearchableIndex"]


@runtime_checkable
class SearchableIndex(Protocol):
    """An open index of paragraphs that answers queries and references."""

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        offset: int = 0,
        group_by_resolution: bool = False,
    ) -> Results:
        """Return the ranked hits of a query in the query language."""
        ...

    def get(self, reference: str, *, lang: str | None = None) -> Paragraph | Resolution:
        """Return the paragraph a reference names, or the resolution a symbol names."""
        ...

    def get_paragraph(self, reference: str, *, lang: str | None = None) -> Paragraph:
        """Return the paragraph a reference or key names."""
        ...

    def get_resolution(self, symbol: str, *, lang: str | None = None) -> Resolution:
        """Return the whole resolution a symbol names."""
        ...

    def __len__(self) -> int:
        """Return the number of paragraphs in the index."""
        ...

    def close(self) -> None:
        """Release what the index holds open."""
        ...
