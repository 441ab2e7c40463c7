"""Sort orders of search results: relevance, adoption date, symbol.

A sort other than relevance reorders every matching row by values read from
:class:`~resolu.search.columns.Columns` (the ``date`` and ``sortkey`` columns),
never from stored fields. Ties keep the symbol order, then the paragraph's
place in its resolution, so one query always lists the same hits in the same order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .columns import Columns

__all__ = ["SORTS", "sort_order", "sort_rows"]

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

Row = tuple[float, int, str]


def sort_order(name: str) -> str:
    """Return the sort order ``name`` stands for; raise ValueError for an unknown one.

    >>> sort_order("date"), sort_order("symbol")
    ('newest', 'symbol')
    """
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in SORTS:
        known = ", ".join([*SORTS, *_ALIASES])
        raise ValueError(f"unknown sort order '{name}' (known: {known})")
    return key


def sort_rows(rows: list[Row], order: str, columns: Columns) -> list[Row]:
    """Return (score, docnum, sort key) rows in ``order`` (already checked by :func:`sort_order`).

    Dates unknown to the index sort last, newest first or oldest first.
    """
    if order == "relevance":
        return rows
    # Imported here: the CLI reads SORTS for its options without loading Whoosh.
    from resolu.index.schema import DATE, KEY_SEP

    from .columns import natural_key

    def by_symbol(row: Row) -> tuple[str, str]:
        symbol, _, place = row[2].partition(KEY_SEP)
        return natural_key(symbol), place

    if order == "symbol":
        return sorted(rows, key=by_symbol)
    dates = columns.values(DATE) if columns.has(DATE) else None
    if dates is None:
        return sorted(rows, key=by_symbol)
    sign = -1 if order == "newest" else 1
    # An unknown date (0) goes after every known one in both directions.
    return sorted(
        rows,
        key=lambda r: (dates[r[1]] == 0, sign * dates[r[1]], *by_symbol(r)),
    )
