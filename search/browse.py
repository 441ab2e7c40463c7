"""Browse and cite: the indexed resolutions, filtered and sorted; who cites a resolution.

``resolu list`` and ``resolu show --cited-by`` call these, and so may a script.
Both go through :meth:`Index.search` for anything a query selects, so a filter
means here exactly what it means in a search.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from resolu.corpus.model import Resolution
from resolu.corpus.symbols import normalize_symbol

from .arguments import check_int, check_str
from .columns import natural_key
from .errors import ReferenceNotFound
from .hits import Hit
from .listing import ResolutionSummary
from .sorting import sort_order

if TYPE_CHECKING:
    from .searching import Index

__all__ = ["Citations", "Listing", "citations", "list_indexed"]


@dataclass(frozen=True)
class Listing:
    """A page of indexed resolutions: ``total`` of them match, ``summaries`` from ``offset``."""

    total: int
    offset: int
    summaries: tuple[ResolutionSummary, ...]


def list_indexed(
    ix: Index, query: str = "", *, sort: str = "symbol", limit: int = 50, offset: int = 0
) -> Listing:
    """Return the indexed resolutions with a paragraph matching ``query`` (all if empty).

    ``sort`` is ``symbol`` (natural order, the default), ``newest``/``date``,
    ``oldest``, or ``relevance`` (best matching paragraph first; symbol order
    without a query). Raises :class:`QuerySyntaxError` for a malformed query.
    """
    check_str("query", query)
    check_int("limit", limit)
    check_int("offset", offset)
    order = sort_order(sort)
    summaries = ix.resolutions()
    filtered = bool(query.strip())
    if filtered:
        found = ix.search(query, limit=len(summaries), group_by_resolution=True)
        rank = {h.symbol: i for i, h in enumerate(found)}
        summaries = tuple(s for s in summaries if s.symbol in rank)
        if order == "relevance":
            summaries = tuple(sorted(summaries, key=lambda s: rank[s.symbol]))
    if order == "symbol" or (order == "relevance" and not filtered):
        summaries = tuple(sorted(summaries, key=lambda s: natural_key(s.symbol)))
    elif order in ("newest", "oldest"):
        known = [s for s in summaries if s.adopted]
        known.sort(key=lambda s: natural_key(s.symbol))
        known.sort(key=lambda s: s.adopted or datetime.date.min, reverse=order == "newest")
        summaries = (*known, *(s for s in summaries if not s.adopted))
    return Listing(len(summaries), offset, summaries[offset : offset + limit])


@dataclass(frozen=True)
class Citations:
    """Who cites a resolution in the index, and what it cites.

    ``cited_by`` are the paragraphs of other indexed resolutions that cite it,
    in symbol order; ``cites`` the symbols its own paragraphs cite, in order of
    first mention, and ``indexed`` those of them the index holds.
    """

    symbol: str
    cited_by: tuple[Hit, ...]
    cites: tuple[str, ...]
    indexed: frozenset[str]


def citations(ix: Index, symbol: str) -> Citations:
    """Return the citations of and by the resolution ``symbol`` (a bare symbol).

    Raises :class:`ReferenceNotFound` when the index does not hold it.
    """
    check_str("symbol", symbol)
    res = ix.get(symbol)
    if not isinstance(res, Resolution):
        raise ReferenceNotFound(f"{symbol} names a paragraph; give the resolution's symbol")
    query = f'citedby:"{res.symbol}"'
    total = ix.search(query, limit=0).total
    cited_by = ix.search(query, limit=total, sort="symbol").hits
    own = normalize_symbol(res.symbol)
    cites = tuple(
        dict.fromkeys(
            s for p in res.paragraphs for s in p.cites_symbols if normalize_symbol(s) != own
        )
    )
    indexed = frozenset(s for s in cites if _held(ix, s))
    return Citations(res.symbol, cited_by, cites, indexed)


def _held(ix: Index, symbol: str) -> bool:
    try:
        ix.get(symbol)
    except ReferenceNotFound:
        return False
    return True
