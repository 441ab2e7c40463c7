"""Fuzz the research functions (facets, sorting, listing, cited-by, export) with bad arguments.

Every library entry point may raise, for a bad argument, only a
:class:`ResoluError` subclass, ``TypeError`` or ``ValueError`` (issue 20).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from resolu.corpus import ResoluError
from resolu.search import Index
from resolu.search.browse import citations, list_indexed
from resolu.search.export import (
    export_records,
    hit_records,
    resolution_records,
    summary_records,
)
from resolu.search.sorting import sort_order

ALLOWED = (ResoluError, TypeError, ValueError)

#: Anything a script might pass by mistake.
_ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.binary(max_size=10),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.sampled_from(["relevance", "date", "newest", "oldest", "symbol", "pertinence", "cote"]),
    st.just(math.nan),
)
_SORTS = st.one_of(_ANY, st.sampled_from(["relevance", "date", "symbol", "DATE ", "récentes"]))
_QUERIES = st.one_of(_ANY, st.sampled_from(["paix", "dialogue civilisations", "body:AG", ""]))
_SMALL = st.one_of(_ANY, st.integers(min_value=-3, max_value=30))

_FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _only_allowed(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except ALLOWED as exc:
        assert str(exc), type(exc)
        return None


@_FUZZ
@given(query=_QUERIES, sort=_SORTS, facets=_ANY, group=_ANY, limit=_SMALL, offset=_SMALL)
def test_search_with_sort_and_facets(
    corpus_index: Index, query: Any, sort: Any, facets: Any, group: Any, limit: Any, offset: Any
) -> None:
    results = _only_allowed(
        lambda: corpus_index.search(
            query, sort=sort, facets=facets, group_by_resolution=group, limit=limit, offset=offset
        )
    )
    if results is not None:
        assert len(results.hits) <= limit
        if facets:
            assert all(v.paragraphs >= 1 for vs in results.facets.values() for v in vs)


@_FUZZ
@given(query=_QUERIES, sort=_SORTS, limit=_SMALL, offset=_SMALL)
def test_list_indexed(corpus_index: Index, query: Any, sort: Any, limit: Any, offset: Any) -> None:
    listing = _only_allowed(
        lambda: list_indexed(corpus_index, query, sort=sort, limit=limit, offset=offset)
    )
    if listing is not None:
        assert len(listing.summaries) <= limit and listing.total >= len(listing.summaries)


@_FUZZ
@given(
    symbol=st.one_of(
        _ANY, st.sampled_from(["A/RES/55/109", "A/RES/55/109#op1", "a/res/55/109", "55/109"])
    )
)
def test_cited_by(corpus_index: Index, symbol: Any) -> None:
    found = _only_allowed(lambda: citations(corpus_index, symbol))
    if found is not None:
        assert found.symbol == "A/RES/55/109"


@_FUZZ
@given(name=_SORTS)
def test_sort_order(name: Any) -> None:
    order = _only_allowed(lambda: sort_order(name))
    assert order in (None, "relevance", "newest", "oldest", "symbol")


_FORMATS = st.one_of(_ANY, st.sampled_from(["jsonl", "csv", "bibtex", "ris", "CSV", "xml"]))
_RECORDS = st.one_of(
    _ANY,
    st.lists(st.dictionaries(st.sampled_from(["symbol", "title", "x"]), _ANY), max_size=3),
    st.lists(_ANY, max_size=3),
)


@_FUZZ
@given(records=_RECORDS, fmt=_FORMATS)
def test_export_records(records: Any, fmt: Any) -> None:
    out = _only_allowed(lambda: export_records(records, fmt))
    assert out is None or isinstance(out, str)


@_FUZZ
@given(fmt=_FORMATS, query=st.sampled_from(["paix", "dialogue", "zzz"]))
def test_export_of_real_records(corpus_index: Index, fmt: Any, query: str) -> None:
    results = corpus_index.search(query, limit=5)
    res = corpus_index.get("A/RES/55/109")
    for records in (
        hit_records(results),
        resolution_records(res),  # type: ignore[arg-type]
        summary_records(corpus_index.resolutions()),
    ):
        out = _only_allowed(lambda records=records: export_records(records, fmt))
        if fmt in ("jsonl", "csv", "bibtex", "ris") and records:
            assert out


@_FUZZ
@given(value=_ANY)
def test_record_builders_refuse_what_is_not_theirs(value: Any) -> None:
    for build in (hit_records, resolution_records, summary_records):
        _only_allowed(lambda build=build: build(value))


def test_the_allowed_errors_are_what_a_caller_can_catch() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_records([], "xml")
    with pytest.raises(ValueError, match="unknown sort order"):
        sort_order("hasard")
