"""Sort orders on the 902 Security Council texts: newest, oldest, symbol, relevance."""

from __future__ import annotations

import re

import pytest
from resolu.search import SORTS, Index
from resolu.search.columns import natural_key
from resolu.search.sorting import sort_order

QUERY = "peace"


def _all(ix: Index, sort: str) -> list[tuple[str, str]]:
    total = ix.search(QUERY, limit=0).total
    dates = {s.symbol: s.adopted for s in ix.resolutions()}
    return [(h.reference, dates[h.symbol]) for h in ix.search(QUERY, limit=total, sort=sort)]


def test_newest_first_begins_with_the_latest_date_in_the_set(sc_index: Index) -> None:
    latest = max(s.adopted for s in sc_index.resolutions() if s.adopted)
    first = sc_index.search("body:CS", limit=1, sort="newest")[0]
    assert first.adopted == latest
    rows = _all(sc_index, "newest")
    known = [d for _, d in rows if d]
    assert known == sorted(known, reverse=True)
    # Unknown dates, if any, come last.
    assert all(d for _, d in rows[: len(known)])


def test_oldest_first_is_the_reverse_date_order(sc_index: Index) -> None:
    earliest = min(s.adopted for s in sc_index.resolutions() if s.adopted)
    assert sc_index.search("body:CS", limit=1, sort="oldest")[0].adopted == earliest
    known = [d for _, d in _all(sc_index, "oldest") if d]
    assert known == sorted(known)


def test_date_is_newest_first() -> None:
    assert sort_order("date") == "newest"
    with pytest.raises(ValueError, match="unknown sort order"):
        sort_order("size")


def test_symbol_order_is_natural(sc_index: Index) -> None:
    refs = [r for r, _ in _all(sc_index, "symbol")]
    numbers = [int(re.match(r"S/RES/(\d+)", r).group(1)) for r in refs]  # type: ignore[union-attr]
    assert numbers == sorted(numbers)
    assert numbers[0] < 10 < numbers[-1]
    assert natural_key("S/RES/9 (1946)") < natural_key("S/RES/10 (1946)")


def test_every_order_lists_the_same_matches(sc_index: Index) -> None:
    seen = {sort: sorted(r for r, _ in _all(sc_index, sort)) for sort in SORTS}
    assert len({tuple(v) for v in seen.values()}) == 1
    assert len(seen["relevance"]) > 100


def test_relevance_is_the_default_and_pages_follow_the_order(sc_index: Index) -> None:
    assert sc_index.search(QUERY, limit=5) == sc_index.search(QUERY, limit=5, sort="relevance")
    whole = [h.reference for h in sc_index.search(QUERY, limit=20, sort="newest")]
    page = [h.reference for h in sc_index.search(QUERY, limit=10, offset=10, sort="newest")]
    assert page == whole[10:]
