"""Facets: how many matching paragraphs and resolutions each body, year, session… holds.

Counts come from :class:`~resolu.search.columns.Columns` over the matching
document numbers, never from stored fields. Each facet is named after the query
field that filters on it, and each value is one that field accepts, so that
``name:value`` added to the query keeps exactly the counted paragraphs.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from resolu.index.schema import BODY, KIND, LANG, SESSION, YEAR

from .columns import Columns
from .hits import FacetValue

if TYPE_CHECKING:
    import numpy as np

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


def count_facets(columns: Columns, docnums: np.ndarray) -> dict[str, tuple[FacetValue, ...]]:
    """Return the facets of the documents ``docnums``: name -> values, most frequent first.

    Year and session are listed newest first. Documents without a value (a
    resolution of unknown year) are not counted in that facet. Counted in one
    vectorised pass a facet (``bincount`` over the column's codes).
    """
    import numpy as np

    docs = np.asarray(docnums, dtype=np.int64)
    res = columns.resolution_ids()[docs]
    stride = int(res.max()) + 1 if len(res) else 1
    out: dict[str, tuple[FacetValue, ...]] = {}
    for name, field in FACETS.items():
        if not columns.has(field):
            continue
        codes, labels = columns.codes(field)
        got = codes[docs]
        paragraphs = np.bincount(got, minlength=len(labels))
        # Distinct (value, resolution) pairs, counted by value.
        pairs = np.unique(got * stride + res)
        resolutions = np.bincount(pairs // stride, minlength=len(labels))
        # Values in order of first appearance, as counting them one by one lists them.
        seen, first = np.unique(got, return_index=True)
        in_order = seen[np.argsort(first, kind="stable")].tolist()
        counts = Counter({labels[c]: int(paragraphs[c]) for c in in_order})
        held = {labels[c]: int(resolutions[c]) for c in in_order}
        # Unknown values are "" (text) or 0 (numbers): not counted.
        counts.pop("", None)
        counts.pop(0, None)
        key = _newest_first if name in _BY_VALUE else _by_count(counts)
        order = sorted(counts, key=key)
        out[name] = tuple(FacetValue(str(v), counts[v], held[v]) for v in order)
    return out


def _by_count(counts: Counter[Any]) -> Any:
    return lambda v: (-counts[v], str(v))


def _newest_first(value: Any) -> tuple[int, str]:
    """Order years and sessions by number, highest first; others ("ES-10") after."""
    text = str(value)
    return (-int(text), "") if text.isdigit() else (1, text)
