"""Ranking: BM25F over paragraph text and resolution title, with deterministic ties.

Scores are rounded before comparison so that floating-point noise between two
equally good paragraphs never decides their order; ties are broken by symbol
and then by the paragraph's place in its resolution, so the same query over
the same index always lists the same hits in the same order.
"""

from __future__ import annotations

from typing import Any

from whoosh import scoring

__all__ = [
    "BM25_B",
    "BM25_K1",
    "PROXIMITY_WEIGHT",
    "RERANK_DEPTH",
    "rerank",
    "sort_key",
    "weighting",
]

#: How many of the best BM25F hits :func:`rerank` sees (0: no re-ranking).
RERANK_DEPTH = 50
#: Largest proximity bonus, as a fraction of the BM25F score, reached when all the
#: query words a paragraph holds stand next to each other.
PROXIMITY_WEIGHT = 0.3

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


def rerank(
    rows: list[tuple[float, dict[str, Any]]], compiled: Any, schema: Any
) -> list[tuple[float, dict[str, Any]]]:
    """Adjust the scores of the best hits (at most :data:`RERANK_DEPTH`), e.g. for proximity.

    ``rows`` are (score, stored fields) pairs; ``compiled`` is the
    :class:`~resolu.search.query.Compiled` query (its ``terms`` and ``phrases``).
    """
    out = []
    for score, fields in rows:
        payload = fields["payload"]
        field = f"text_{payload.get('language') or 'fr'}"
        wanted = {term for f, term in compiled.terms if f == field}
        if len(wanted) > 1 and field in schema:
            score *= 1.0 + PROXIMITY_WEIGHT * _closeness(payload["text"], wanted, schema[field])
        out.append((score, fields))
    return out


def _closeness(text: str, wanted: set[str], field: Any) -> float:
    """Return how close the query words stand in ``text``, from 0 (apart) to 1 (adjacent).

    It is the number of distinct query words found over the length of the shortest
    stretch of the paragraph holding all of them; 0 when fewer than two are found.
    """
    hits = [
        (t.pos, t.text)
        for t in field.analyzer(text, positions=True, mode="index")
        if t.text in wanted
    ]
    found = {term for _, term in hits}
    if len(found) < 2:
        return 0.0
    best = None
    counts: dict[str, int] = {}
    left = 0
    for pos, term in hits:
        counts[term] = counts.get(term, 0) + 1
        while len(counts) == len(found):
            span = pos - hits[left][0] + 1
            best = span if best is None else min(best, span)
            lterm = hits[left][1]
            counts[lterm] -= 1
            if not counts[lterm]:
                del counts[lterm]
            left += 1
    return len(found) / best if best else 0.0
