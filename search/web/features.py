"""What the search library offers beyond words and pages, found by asking it.

Facets and sort orders came with issue #17; spelling suggestions are being
added to :mod:`resolu.search` (#15). The pages render them as soon as the
library has them, through this one module, with no change elsewhere:

- ``Index.search`` accepts ``sort=`` and :mod:`resolu.search` exports ``SORTS``
  (value -> label): a sort control is shown and its value passed through;
- ``Index.search`` accepts ``facets=``: it is asked for them, and
  ``Results.facets`` (field -> :class:`FacetValue` values, {value: count} or
  [(value, count)]) is shown as links that add ``field:value`` to the query
  (facets with one value only are left out: they would not narrow anything);
- ``Results.suggestions`` (or ``suggestion``): "did you mean" links.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any

from ..hits import FacetValue, Results
from ..searching import Index

__all__ = ["facets_of", "run_search", "sort_orders", "suggestions_of"]


def _accepts(ix: Index, name: str) -> bool:
    return name in inspect.signature(ix.search).parameters


def run_search(
    ix: Index,
    query: str,
    *,
    limit: int,
    offset: int,
    group: bool = False,
    sort: str = "",
    facets: bool = False,
) -> Results:
    """Call ``ix.search`` with the options this version of the library takes."""
    options: dict[str, Any] = {}
    if group:
        options["group_by_resolution"] = True
    if sort and _accepts(ix, "sort") and sort in sort_orders(ix):
        options["sort"] = sort
    if facets and _accepts(ix, "facets"):
        options["facets"] = True
    return ix.search(query, limit=limit, offset=offset, **options)


def sort_orders(ix: Index) -> Mapping[str, str]:
    """Return the sort orders the library offers (value -> label), or none."""
    from resolu import search

    if not _accepts(ix, "sort"):
        return {}
    orders = getattr(search, "SORTS", None)
    return dict(orders) if isinstance(orders, Mapping) else {}


def facets_of(results: Results) -> list[tuple[str, list[tuple[str, int]]]]:
    """Return the facets that came with ``results`` as (field, [(value, count)]), or none."""
    found = getattr(results, "facets", None)
    if not isinstance(found, Mapping):
        return []
    out = []
    for name, counts in found.items():
        pairs = counts.items() if isinstance(counts, Mapping) else counts
        values = [_pair(item) for item in pairs]
        # One value only: a link to it would not narrow the results.
        if len(values) > 1:
            out.append((str(name), values))
    return out


def _pair(item: Any) -> tuple[str, int]:
    """Return (value, paragraphs) of a :class:`FacetValue` or a (value, count) pair."""
    if isinstance(item, FacetValue):
        return item.value, item.paragraphs
    value, count = item
    return str(value), int(count)


def suggestions_of(results: Results) -> list[str]:
    """Return the "did you mean" queries that came with ``results``, or none."""
    found = getattr(results, "suggestions", None) or getattr(results, "suggestion", None)
    if not found:
        return []
    return [found] if isinstance(found, str) else [str(s) for s in found]
