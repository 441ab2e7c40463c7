"""Regression test: French nDCG@10 on the labelled set must not drop.

Builds resolu's index over the French paragraphs of the set (the shipped
resolution and the French lines of the UNv1 dev set), runs the French queries
and compares nDCG@10 (ir-measures) with ``relevance/baseline.json``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import ir_measures  # a test dependency: missing, this test must fail, not skip
import pytest
from ir_measures import nDCG
from resolu.index import build_index
from resolu.search import QuerySyntaxError, open_index

HERE = Path(__file__).parent
ROOT = HERE.parent
DATA = ROOT.parent / "shared" / "data"
DEVSET = DATA / "un_v1_devset"
TOLERANCE = 0.02


def _queries() -> list[dict]:
    with (HERE / "relevance" / "queries.jsonl").open(encoding="utf-8") as f:
        return [q for q in map(json.loads, f) if q["lang"] == "fr"]


@pytest.mark.skipif(not (DEVSET / "UNv1.0.devset.fr").is_file(), reason=f"no data in {DATA}")
def test_french_ndcg_does_not_drop(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for src in [
        *sorted((ROOT / "corpus").glob("*.txt")),
        DEVSET / "UNv1.0.devset.fr",
        DEVSET / "UNv1.0.devset.ids",
    ]:
        shutil.copyfile(src, corpus / src.name)
    build_index(corpus, tmp_path / "ix")
    queries = _queries()
    qrels = {
        q["id"]: {f"{r['language']}:{r['reference']}": r["grade"] for r in q["relevant"]}
        for q in queries
    }
    run: dict[str, dict[str, float]] = {}
    with open_index(tmp_path / "ix") as ix:
        for q in queries:
            try:
                hits = ix.search(q["query"], limit=10)
            except QuerySyntaxError:
                hits = ()
            # Scores that keep resolu's order (trec_eval would re-sort ties by key).
            run[q["id"]] = {
                f"{h.language}:{h.reference}": float(10 - i) for i, h in enumerate(hits)
            } or {"-": 0.0}
    measure = nDCG @ 10
    values = {m.query_id: m.value for m in ir_measures.iter_calc([measure], qrels, run)}
    ndcg = sum(values.get(q["id"], 0.0) for q in queries) / len(queries)
    baseline = json.loads((HERE / "relevance" / "baseline.json").read_text())["fr_ndcg@10"]
    assert ndcg >= baseline - TOLERANCE, (
        f"French nDCG@10 fell to {ndcg:.4f} (recorded {baseline:.4f}, tolerance {TOLERANCE})"
    )
