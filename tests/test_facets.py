"""Facets: the counts that come with results equal the counts of the filtered searches."""

from __future__ import annotations

from resolu.search import Index

QUERY = "security council"


def _filtered(ix: Index, query: str) -> tuple[int, int]:
    """Return (paragraphs, resolutions) of a search, counted by searching."""
    paragraphs = ix.search(query, limit=0).total
    resolutions = ix.search(query, limit=0, group_by_resolution=True).total
    return paragraphs, resolutions


def test_facet_counts_equal_filtered_searches(sc_index: Index) -> None:
    results = sc_index.search(QUERY, limit=3, facets=True)
    assert results.facets is not None
    checked = 0
    for name in ("body", "year", "kind", "lang"):
        values = results.facets[name]
        assert values, name
        for v in values[:3]:
            value = f'"{v.value}"' if " " in v.value else v.value
            assert _filtered(sc_index, f"{QUERY} {name}:{value}") == (v.paragraphs, v.resolutions)
            checked += 1
    assert checked == 8  # one body, one language, three years, three kinds
    # Every match is counted once in the language facet.
    assert sum(v.paragraphs for v in results.facets["lang"]) == results.total


def test_facets_cover_every_match_not_just_the_page(sc_index: Index) -> None:
    one = sc_index.search(QUERY, limit=1, facets=True)
    many = sc_index.search(QUERY, limit=50, facets=True, sort="newest")
    assert one.facets == many.facets
    assert sum(v.paragraphs for v in one.facets["kind"]) == one.total  # type: ignore[index]


def test_years_are_listed_newest_first(sc_index: Index) -> None:
    years = [int(v.value) for v in sc_index.search(QUERY, facets=True).facets["year"]]  # type: ignore[index]
    assert years == sorted(years, reverse=True)
    assert years[-1] == 1946


def test_no_facets_unless_asked(sc_index: Index) -> None:
    assert sc_index.search(QUERY).facets is None


def test_several_values_in_one_filter(sc_index: Index) -> None:
    both = sc_index.search("year:1990,1991", limit=0).total
    ranged = sc_index.search("year:1990..1991", limit=0).total
    apart = sum(sc_index.search(f"year:{y}", limit=0).total for y in (1990, 1991))
    assert both == ranged == apart > 0
    assert sc_index.search("body:AG,CS", limit=0).total == sc_index.search("body:CS", limit=0).total
