"""Facets, sorts and grouping in vectorised passes, against the row-by-row reference.

The reference below is the code searches ran before they were vectorised: every
match as a Python row ``(score, docnum, sort key)``, sorted with Python keys,
counted with Counters, grouped in a dict. Both must list the same hits in the
same order with the same scores, totals and facet counts, on the fast path
and on Whoosh's own.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from resolu.index.schema import DATE, KEY_SEP
from resolu.search import open_index
from resolu.search.columns import Columns, natural_key
from resolu.search.compiler import compile_query
from resolu.search.facets import _BY_VALUE, FACETS, _by_count, _newest_first

QUERIES = [
    "peace",
    "council",
    "security council",
    '"the situation in the middle east"',
    "sanctions NOT iraq",
    "withdrawal kind:operative",
    "plebiscite",
    "zzzunknownword",
    "plebiscite sovereignty",
    "peace year:1990..1999",
]
ORDERS = ["relevance", "newest", "oldest", "symbol"]


def _sorted_rows(rows: list[Any], order: str, columns: Columns) -> list[Any]:
    if order == "relevance":
        return rows

    def by_symbol(row: Any) -> tuple[str, str]:
        symbol, _, place = row[2].partition(KEY_SEP)
        return natural_key(symbol), place

    if order == "symbol" or not columns.has(DATE):
        return sorted(rows, key=by_symbol)
    dates = columns.values(DATE)
    sign = -1 if order == "newest" else 1
    return sorted(rows, key=lambda r: (dates[r[1]] == 0, sign * dates[r[1]], *by_symbol(r)))


def _facets(columns: Columns, docs: list[int]) -> dict[str, list[tuple[str, int, int]]]:
    res_of, _ = columns.resolutions()
    res = [res_of[d] for d in docs]
    out = {}
    for name, field in FACETS.items():
        if not columns.has(field):
            continue
        values = columns.values(field)
        got = [values[d] for d in docs]
        paragraphs = Counter(got)
        resolutions = Counter(v for v, _ in set(zip(got, res, strict=True)))
        paragraphs.pop("", None)
        paragraphs.pop(0, None)
        key = _newest_first if name in _BY_VALUE else _by_count(paragraphs)
        out[name] = [(str(v), paragraphs[v], resolutions[v]) for v in sorted(paragraphs, key=key)]
    return out


def _reference(ix: Any, query: str, order: str, grouped: bool, fast: bool) -> Any:
    s = ix._fresh()
    compiled = compile_query(query, s.schema, reader=s.reader(), df=s.doc_frequency)
    rows, total = ix._in_language_order(compiled.query, compiled, needed=None, fast=fast)
    partial = False
    if not rows and compiled.partial is not None:
        # No paragraph holds every word: the ranked partial matches.
        rows, total = ix._in_language_order(compiled.partial, compiled, needed=None, fast=False)
        partial = bool(rows)
    columns = Columns(s)
    rows = _sorted_rows(rows, order, columns)
    facets = _facets(columns, [r[1] for r in rows])
    if not grouped and order == "relevance" and rows and not partial:
        # Few complete matches: partial ones follow (searching.FILL_BELOW).
        rows, total, _ = ix._filled(compiled, rows, total, None)
    if not grouped:
        hits = [(round(score, 4), s.stored_fields(d)["reference"]) for score, d, _ in rows[:25]]
        return hits, total, facets
    groups: dict[str, list[Any]] = {}
    for row in rows:
        groups.setdefault(row[2].partition(KEY_SEP)[0], []).append(row)
    hits = [
        (
            round(g[0][0], 4),
            s.stored_fields(g[0][1])["reference"],
            tuple(s.stored_fields(r[1])["reference"] for r in g[1:]),
        )
        for g in list(groups.values())[:25]
    ]
    return hits, len(groups), facets


def _vectorised(ix: Any, query: str, order: str, grouped: bool) -> Any:
    results = ix.search(query, limit=25, sort=order, facets=True, group_by_resolution=grouped)
    if grouped:
        hits = [(h.score, h.reference, h.also) for h in results]
    else:
        hits = [(h.score, h.reference) for h in results]
    facets = {
        name: [(v.value, v.paragraphs, v.resolutions) for v in values]
        for name, values in (results.facets or {}).items()
    }
    return hits, results.total, facets


@pytest.mark.parametrize("fast", [True, False])
def test_same_as_row_by_row(sc_index_dir: Path, fast: bool) -> None:
    with open_index(sc_index_dir, fast=fast) as ix:
        compared = 0
        for query in QUERIES:
            for order in ORDERS:
                for grouped in (False, True):
                    mine = _vectorised(ix, query, order, grouped)
                    reference = _reference(ix, query, order, grouped, fast)
                    assert mine == reference, (query, order, grouped)
                    compared += bool(mine[1])
        assert compared >= (len(QUERIES) - 2) * len(ORDERS) * 2


def test_page_offsets_follow_the_order(sc_index_dir: Path) -> None:
    with open_index(sc_index_dir) as ix:
        whole = [h.reference for h in ix.search("peace", limit=60, sort="newest", facets=True)]
        pages = [
            h.reference
            for start in (0, 20, 40)
            for h in ix.search("peace", limit=20, offset=start, sort="newest", facets=True)
        ]
        assert pages == whole and len(set(whole)) == 60
