"""Ranking: BM25F over paragraph text and resolution title, with deterministic ties.

Scores are rounded before comparison so that floating-point noise between two
equally good paragraphs never decides their order; ties are broken by symbol
and then by the paragraph's place in its resolution, so the same query over
the same index always lists the same hits in the same order.
"""

from __future__ import annotations

from typing import Any

from whoosh import scoring

__all__ = ["BM25_B", "BM25_K1", "RERANK_DEPTH", "rerank", "sort_key", "weighting"]

#: How many of the best BM25F hits :func:`rerank` sees (0: no re-ranking).
RERANK_DEPTH = 0

BM25_K1 = 1.2
BM25_B = 0.75


def weighting() -> scoring.WeightingModel:
    """Return the weighting model searches use.

    Titles are short and shared by every paragraph of a resolution, so length
    normalisation is switched off for them.
    """
    return scoring.BM25F(B=BM25_B, K1=BM25_K1, title_fr_B=0.0, title_en_B=0.0)


def sort_key(score: float, payload: dict[str, Any]) -> tuple[float, str, int]:
    """Order hits by score, then symbol, then place in the resolution."""
    return (-round(score, 6), str(payload.get("symbol", "")), int(payload.get("order", 0)))


def rerank(rows: list[tuple[float, dict[str, Any]]], compiled: Any, schema: Any) -> list[
    tuple[float, dict[str, Any]]
]:
    """Adjust the scores of the best hits (at most :data:`RERANK_DEPTH`), e.g. for proximity.

    ``rows`` are (score, stored fields) pairs; ``compiled`` is the
    :class:`~resolu.search.query.Compiled` query (its ``terms`` and ``phrases``).
    """
    return rows
