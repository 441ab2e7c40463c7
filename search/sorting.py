"""Sort orders of search results: relevance, adoption date, symbol.

A sort other than relevance reorders every matching row by values read from
:class:`~resolu.search.columns.Columns` (the ``date`` and ``sortkey`` columns),
never from stored fields. Ties keep the symbol order, then the paragraph's
place in its resolution, so one query always lists the same hits in the same order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .arguments import check_str

if TYPE_CHECKING:
    import numpy as np

    from .columns import Columns

__all__ = ["SORTS", "sort_order", "sort_permutation"]

#: Sort order -> its label (shown by the web page and ``--help``), French first.
SORTS: dict[str, str] = {
    "relevance": "pertinence",
    "newest": "date, les plus récentes d’abord",
    "oldest": "date, les plus anciennes d’abord",
    "symbol": "cote (A/RES/55/9 avant A/RES/55/10)",
}
#: Other names a user may give an order.
_ALIASES = {
    "date": "newest",
    "pertinence": "relevance",
    "recent": "newest",
    "recentes": "newest",
    "anciennes": "oldest",
    "cote": "symbol",
}


def sort_order(name: str) -> str:
    """Return the sort order ``name`` stands for; raise ValueError for an unknown one.

    >>> sort_order("date"), sort_order("symbol")
    ('newest', 'symbol')
    """
    check_str("sort", name)
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in SORTS:
        known = ", ".join([*SORTS, *_ALIASES])
        raise ValueError(f"unknown sort order '{name}' (known: {known})")
    return key


def sort_permutation(docnums: np.ndarray, order: str, columns: Columns) -> np.ndarray | None:
    """Return the permutation that puts ``docnums`` (in relevance order) in ``order``.

    None for relevance. Dates unknown to the index sort last, newest first or
    oldest first; ties keep the symbol order, then the place in the text, then
    relevance. One stable ``lexsort`` over the columns' arrays.
    """
    if order == "relevance":
        return None
    # Imported here: the CLI reads SORTS for its options without loading Whoosh or numpy.
    import numpy as np
    from resolu.index.schema import DATE

    symbol = columns.symbol_ranks()[docnums]
    if order == "symbol" or not columns.has(DATE):
        found: np.ndarray = np.argsort(symbol, kind="stable")
        return found
    dates = columns.numbers(DATE)[docnums]
    sign = -1 if order == "newest" else 1
    # An unknown date (0) goes after every known one in both directions.
    found = np.lexsort((symbol, sign * dates, dates == 0))
    return found
