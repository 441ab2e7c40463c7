"""Every match of a query as arrays, for facets, sorts and grouping by resolution.

A search that lists its first page only keeps a few rows as Python tuples. One
that counts facets, sorts by date or symbol, or groups by resolution needs every
match in order: at the scale of the archive that is tens of thousands of rows,
so they are kept as two numpy arrays (scores, document numbers) and ordered,
counted and grouped in vectorised passes. numpy is imported by the callers of
this module only when such a search is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .ranking import RERANK_DEPTH, PositionReader, rerank

__all__ = ["Ranked", "by_relevance", "group_page"]


@dataclass(frozen=True)
class Ranked:
    """Matches in order: scores (re-ranked) and document numbers, position by position."""

    scores: np.ndarray
    docnums: np.ndarray

    def __len__(self) -> int:
        return len(self.docnums)

    def then(self, other: Ranked) -> Ranked:
        """Return these matches followed by ``other``'s."""
        return Ranked(
            np.concatenate([self.scores, other.scores]),
            np.concatenate([self.docnums, other.docnums]),
        )

    def take(self, order: np.ndarray | None) -> Ranked:
        """Return the matches in the order ``order`` (a permutation; None keeps them)."""
        return self if order is None else Ranked(self.scores[order], self.docnums[order])

    def rows(self, start: int, stop: int) -> list[tuple[float, int]]:
        """Return (score, document number) of the matches from ``start`` to ``stop``."""
        return list(
            zip(self.scores[start:stop].tolist(), self.docnums[start:stop].tolist(), strict=True)
        )


def by_relevance(
    scores: np.ndarray,
    docnums: np.ndarray,
    key_ranks: np.ndarray,
    compiled: Any,
    searcher: Any,
    positions_of: PositionReader | None,
) -> Ranked:
    """Order matches as a first page is ordered: re-ranked head, score, then sort key.

    ``scores`` and ``docnums`` come in Whoosh's order (score down, document
    number up). The best :data:`RERANK_DEPTH` get the proximity boost; then the
    scores rounded to 6 places (Python's ``round``, as the page's order uses)
    decide, and ties go to the lower sort key, stably.
    """
    scores = np.array(scores, dtype=np.float64)
    docnums = np.asarray(docnums, dtype=np.int64)
    if RERANK_DEPTH and len(docnums) > 1:
        head = list(
            zip(scores[:RERANK_DEPTH].tolist(), docnums[:RERANK_DEPTH].tolist(), strict=True)
        )
        boosted = rerank(head, compiled, searcher, positions_of)
        scores[: len(boosted)] = [score for score, _ in boosted]
    rounded = np.array([round(x, 6) for x in scores.tolist()], dtype=np.float64)
    order = np.lexsort((key_ranks[docnums], -rounded))
    return Ranked(scores[order], docnums[order])


def group_page(
    ranked: Ranked, resolution_ids: np.ndarray, offset: int, limit: int
) -> tuple[int, list[np.ndarray]]:
    """Group the matches by resolution, in order of each one's best match.

    Return how many resolutions match, and for those of the page (``offset``,
    ``limit``) the positions of their matches in ``ranked``, best first.
    """
    rid = resolution_ids[ranked.docnums]
    _, first = np.unique(rid, return_index=True)
    starts = np.sort(first)
    page = rid[starts[offset : offset + limit]].tolist()
    return len(starts), [np.flatnonzero(rid == r) for r in page]
