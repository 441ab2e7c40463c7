"""The fast path (impacts files, vectorised scoring) against Whoosh's own matchers.

Both must give the same references in the same order and the same totals: on
the labelled queries, on 200 random word and phrase queries drawn from the
texts, and again after an incremental run that deletes and re-adds documents.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from resolu.corpus import corpus_dir
from resolu.index import build_index
from resolu.search import QuerySyntaxError, open_index
from resolu.search.compiler import compile_query
from resolu.search.fastpath import Impacts, Unsupported, _common, _outside, score_all
from support import shared

HERE = Path(__file__).parent
_WORD = re.compile(r"[^\W\d_]{3,}")


def _labelled() -> list[str]:
    with (HERE / "relevance" / "queries.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line)["query"] for line in f]


def _random_queries(corpus: Path, count: int, seed: int) -> list[str]:
    """Return word, two-word, NOT, field and phrase queries drawn from the corpus texts."""
    rng = random.Random(seed)
    lines = [
        line
        for path in sorted(corpus.iterdir())
        if path.suffix in (".txt", ".fr")
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(_WORD.findall(line)) >= 6
    ]
    out = []
    for i in range(count):
        words = _WORD.findall(rng.choice(lines))
        kind = i % 5
        if kind == 0:
            out.append(rng.choice(words))
        elif kind == 1:
            out.append(" ".join(rng.sample(words, 2)))
        elif kind == 2:
            out.append(f"{rng.choice(words)} NOT {rng.choice(words)}")
        elif kind == 3:
            out.append(f"{rng.choice(words)} kind:operative")
        else:
            start = rng.randrange(len(words) - 3)
            out.append('"' + " ".join(words[start : start + rng.randint(2, 4)]) + '"')
    return out


def _answers(index_dir: Path, queries: list[str], *, fast: bool) -> list[object]:
    out: list[object] = []
    with open_index(index_dir, fast=fast) as ix:
        for q in queries:
            try:
                results = ix.search(q, limit=20)
            except QuerySyntaxError as exc:
                out.append(("error", str(exc)))
                continue
            refs = [f"{h.language}:{h.reference}" for h in results]
            out.append((refs, results.total, results.partial))
    return out


def _fast_share(index_dir: Path, queries: list[str]) -> float:
    """Return the share of the queries the fast path scores itself (not handed to Whoosh)."""
    handled = 0
    with open_index(index_dir, fast=True) as ix:
        s = ix._fresh()
        for q in queries:
            try:
                compiled = compile_query(q, s.schema)
                score_all(s, compiled.query, Impacts(ix._gen))
            except (QuerySyntaxError, Unsupported):
                continue
            handled += 1
    return handled / len(queries)


def _assert_same(index_dir: Path, queries: list[str]) -> None:
    fast = _answers(index_dir, queries, fast=True)
    plain = _answers(index_dir, queries, fast=False)
    differ = [(q, f, p) for q, f, p in zip(queries, fast, plain, strict=True) if f != p]
    assert not differ, f"{len(differ)} queries differ, first: {differ[0]}"
    assert sum(1 for a in fast if isinstance(a, tuple) and a[0] and a[1]) > len(queries) // 2


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    devset = shared("un_v1_devset")
    sc = shared("en_only", "cr-unsc_res_en_gold")
    folder = tmp_path_factory.mktemp("fastpath") / "corpus"
    folder.mkdir()
    for src in [
        *corpus_dir().glob("*.txt"),
        devset / "UNv1.0.devset.fr",
        devset / "UNv1.0.devset.ids",
        *sorted(sc.glob("*.txt"))[:120],
    ]:
        shutil.copyfile(src, folder / src.name)
    return folder


def test_same_results_then_after_an_update(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    build_index(corpus, index_dir, procs=1)
    assert list(index_dir.glob("gen-*/*.impacts")), "the build wrote no impacts file"
    queries = _labelled() + _random_queries(corpus, 200, seed=16)
    assert _fast_share(index_dir, queries) > 0.9
    _assert_same(index_dir, queries)

    # Delete some resolutions, change others (deleted and re-added): the old
    # segment keeps its impacts file and its deleted documents are masked.
    sc_files = sorted(corpus.glob("S_RES_*.txt"))
    for path in sc_files[:10]:
        path.unlink()
    for path in sc_files[10:20]:
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    report = build_index(corpus, index_dir, procs=1)
    assert report.removed == 10 and report.updated + report.added == 10 and report.updated
    assert len(list(index_dir.glob("gen-*/*.impacts"))) >= 2
    assert _fast_share(index_dir, queries) > 0.9
    _assert_same(index_dir, queries)


def test_every_segment_is_counted_after_updates_by_two_processes(
    corpus: Path, tmp_path: Path
) -> None:
    # Three segments, two with deleted documents: the matches of the last one
    # cannot reach the page of "Nations NOT intergouvernemental", and Whoosh's
    # collector left them uncounted (352 of 386).
    folder = tmp_path / "corpus"
    shutil.copytree(corpus, folder)
    index_dir = tmp_path / "ix"
    build_index(folder, index_dir, procs=2)
    sc_files = sorted(folder.glob("S_RES_*.txt"))
    for path in sc_files[:30]:
        path.unlink()
    for path in sc_files[30:60]:
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build_index(folder, index_dir, procs=1)
    for path in sc_files[60:90]:
        path.unlink()
    assert build_index(folder, index_dir, procs=2).removed == 30
    assert len(list(index_dir.glob("gen-*/*.seg"))) == 3
    _assert_same(index_dir, [*_labelled(), "Nations NOT intergouvernemental"])


def test_a_segment_without_impacts_is_searched_with_whoosh(tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    build_index(corpus_dir(), index_dir)
    for path in index_dir.glob("gen-*/*.impacts"):
        path.unlink()
    queries = ["dialogue civilisations", '"dialogue entre les civilisations"']
    assert _fast_share(index_dir, queries) == 0
    _assert_same(index_dir, queries)


@pytest.mark.parametrize(
    ("size_a", "size_b"), [(0, 50), (3, 5000), (200, 5000), (2500, 2500), (5000, 40), (900, 1000)]
)
def test_set_operations_agree_with_numpy(size_a: int, size_b: int) -> None:
    # The fast path's intersections and differences search a small set in a
    # large one (binary search) and leave balanced ones to numpy: both ways
    # must give numpy's documents and indices.
    rng = np.random.default_rng(size_a * 7919 + size_b)
    a = np.unique(rng.integers(0, 12_000, size_a)).astype(np.int64)
    b = np.unique(rng.integers(0, 12_000, size_b)).astype(np.int64)
    ids, ia, ib = _common(a, b)
    want, wa, wb = np.intersect1d(a, b, assume_unique=True, return_indices=True)
    assert ids.tolist() == want.tolist() and len(ids) == len(want)
    assert ia.tolist() == wa.tolist() and ib.tolist() == wb.tolist()
    assert _outside(a, b).tolist() == (~np.isin(a, b)).tolist()
    assert _outside(b, a).tolist() == (~np.isin(b, a)).tolist()
