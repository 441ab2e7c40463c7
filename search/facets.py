"""Facets: how many matching paragraphs and resolutions each body, year, session… holds.

Counts come from :class:`~resolu.search.columns.Columns` over the matching
document numbers, never from stored fields. Each facet is named after the query
field that filters on it, and each value is one that field accepts, so that
``name:value`` added to the query keeps exactly the counted paragraphs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from resolu.index.schema import BODY, KIND, LANG, SESSION, YEAR

from .columns import Columns
from .hits import FacetValue

__all__ = ["FACETS", "FacetValue", "count_facets"]

#: Facet name (the query field) -> the index field counted. ``type`` is counted
#: where the index has it.
FACETS: dict[str, str] = {
    "body": BODY,
    "year": YEAR,
    "session": SESSION,
    "kind": KIND,
    "type": "type",
    "lang": LANG,
}
#: Facets listed by value, newest first, rather than by count.
_BY_VALUE = frozenset({"year", "session"})


def count_facets(columns: Columns, docnums: Iterable[int]) -> dict[str, tuple[FacetValue, ...]]:
    """Return the facets of the documents ``docnums``: name -> values, most frequent first.

    Year and session are listed newest first. Documents without a value (a
    resolution of unknown year) are not counted in that facet.
    """
    docs = list(docnums)
    res_of, _ = columns.resolutions()
    res = [res_of[d] for d in docs]
    out: dict[str, tuple[FacetValue, ...]] = {}
    for name, field in FACETS.items():
        if not columns.has(field):
            continue
        values = columns.values(field)
        got = [values[d] for d in docs]
        paragraphs = Counter(got)
        resolutions = Counter(v for v, _ in set(zip(got, res, strict=True)))
        # Unknown values are "" (text) or 0 (numbers): not counted.
        paragraphs.pop("", None)
        paragraphs.pop(0, None)
        key = _newest_first if name in _BY_VALUE else _by_count(paragraphs)
        order = sorted(paragraphs, key=key)
        out[name] = tuple(FacetValue(str(v), paragraphs[v], resolutions[v]) for v in order)
    return out


def _by_count(counts: Counter[Any]) -> Any:
    return lambda v: (-counts[v], str(v))


def _newest_first(value: Any) -> tuple[int, str]:
    """Order years and sessions by number, highest first; others ("ES-10") after."""
    text = str(value)
    return (-int(text), "") if text.isdigit() else (1, text)
