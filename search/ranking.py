"""Ranking: BM25F over paragraph text and resolution title, with deterministic ties.

Scores are rounded before comparison so that floating-point noise between two
equally good paragraphs never decides their order; ties are broken by symbol
and then by the paragraph's place in its resolution (the ``sortkey`` column),
so the same query over the same index always lists the same hits in the same
order. The best hits then get a proximity boost: paragraphs where the query
words stand close together rank above those where they are scattered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from resolu.corpus.languages import LANGUAGES
from resolu.index.schema import text_field, title_field
from whoosh import scoring

__all__ = [
    "BM25_B",
    "BM25_K1",
    "PROXIMITY_WEIGHT",
    "RERANK_DEPTH",
    "rerank",
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
    titles = {f"{title_field(lang)}_B": 0.0 for lang in LANGUAGES}
    return scoring.BM25F(B=BM25_B, K1=BM25_K1, **titles)


#: ``positions(field, term, docnums)``: each listed document's positions of the
#: term (documents without it may be left out), or None when it cannot tell.
PositionReader = Callable[[str, str, list[int]], "dict[int, list[int]] | None"]


def rerank(
    rows: list[tuple[float, int]],
    compiled: Any,
    searcher: Any,
    positions_of: PositionReader | None = None,
) -> list[tuple[float, int]]:
    """Boost the best hits whose query words stand close together (proximity).

    ``rows`` are (BM25F score, document number) pairs, at most
    :data:`RERANK_DEPTH` of them; ``compiled`` is the
    :class:`~resolu.search.compiler.Compiled` query. Word positions come from
    ``positions_of`` (the fast path's impacts files) or else from the index's
    postings, never from analysing the text again.
    """
    text_fields = {text_field(lang) for lang in LANGUAGES}
    by_field: dict[str, set[str]] = {}
    for field, term in compiled.terms:
        if field in text_fields:
            by_field.setdefault(field, set()).add(term)
    by_field = {field: terms for field, terms in by_field.items() if len(terms) >= 2}
    if not by_field:  # one word: nothing stands close to anything
        return list(rows)
    positions: dict[int, list[tuple[int, str]]] = {docnum: [] for _, docnum in rows}
    for field, terms in by_field.items():
        for term in terms:
            found = positions_of(field, term, list(positions)) if positions_of else None
            if found is None:
                _add_positions(searcher, field, term, positions)
                continue
            for docnum, where in found.items():
                positions[docnum].extend((pos, term) for pos in where)
    out = []
    for score, docnum in rows:
        hits = sorted(positions[docnum])
        if hits:
            score *= 1.0 + PROXIMITY_WEIGHT * _closeness(hits)
        out.append((score, docnum))
    return out


def _add_positions(
    searcher: Any, field: str, term: str, positions: dict[int, list[tuple[int, str]]]
) -> None:
    try:
        matcher = searcher.postings(field, term)
    except Exception:  # the term is not in this index (whoosh raises TermNotFound)
        return
    for docnum in sorted(positions):
        if not matcher.is_active():
            return
        if matcher.id() < docnum:
            matcher.skip_to(docnum)
            if not matcher.is_active():
                return
        if matcher.id() == docnum:
            positions[docnum].extend((pos, term) for pos in matcher.value_as("positions"))


def _closeness(hits: list[tuple[int, str]]) -> float:
    """Return how close the query words stand, from 0 (apart) to 1 (adjacent).

    ``hits`` are (position, term) pairs in position order. The result is the
    number of distinct query words found over the length of the shortest
    stretch holding all of them; 0 when fewer than two are found.
    """
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
