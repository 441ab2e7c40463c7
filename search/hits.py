"""Search results as plain frozen values, safe to keep after the index is closed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Hit", "Results"]


@dataclass(frozen=True)
class Hit:
    """One matching paragraph, with its citation and where the query matched.

    ``highlights`` are ``(start, end)`` character offsets into ``text`` (the
    original, accented text); ``snippet`` is an excerpt of ``text`` around the
    first match and ``snippet_highlights`` the offsets into it.
    """

    rank: int
    score: float
    reference: str
    label: str
    symbol: str
    title: str
    kind: str
    number: str
    text: str
    language: str
    year: int | None
    highlights: tuple[tuple[int, int], ...]
    snippet: str
    snippet_highlights: tuple[tuple[int, int], ...]
    #: In grouped results: the other matching paragraphs of the same resolution.
    also: tuple[str, ...] = ()
    #: Keys of the same paragraph in other languages (``"en:A/RES/69/244#l2"``).
    aligned: tuple[str, ...] = ()


@dataclass(frozen=True)
class Results:
    """The hits of one query, best first, and how they were found.

    ``partial`` is true when no paragraph matched every word and the hits are
    ranked partial matches instead. ``total`` counts every matching paragraph
    (or resolution, when grouped), not just this page.
    """

    query: str
    hits: tuple[Hit, ...]
    total: int
    partial: bool = False
    grouped: bool = False

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, i: int) -> Hit:
        return self.hits[i]
