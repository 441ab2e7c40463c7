"""Sweep ranking parameters on the tuned two-thirds of the relevance set; report both parts.

    python benchmarks/tune.py [--data ../shared/data]

For each title boost and proximity weight, runs resolu's French and English
queries and prints nDCG@10 and MRR@10 on the tuned part (used for choosing)
and the held-out part (shown, never used for choosing).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import relevance as rel
from resolu.search import compiler as query_module
from resolu.search import ranking


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=rel.ROOT.parent / "shared" / "data")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "resolu-relevance")
    args = ap.parse_args()
    queries = rel.load_queries()
    qrels = rel.qrels_of(queries)
    folders = rel.lay_out(args.data, args.work)
    engines = {
        lang: rel.resolu_engine(f, args.work / f"index-{lang}") for lang, f in folders.items()
    }
    print(
        f"{'title':>6} {'prox':>5}  "
        + "  ".join(
            f"{lang}-{part}:nDCG/MRR" for lang in ("fr", "en") for part in ("tuned", "heldout")
        )
    )
    for title, prox in itertools.product((0.0, 0.15, 0.3, 0.6, 1.0), (0.0, 0.3, 0.6)):
        query_module._TITLE_BOOST = title
        ranking.PROXIMITY_WEIGHT = prox
        cells = []
        for lang in ("fr", "en"):
            lang_queries = [q for q in queries if q["lang"] == lang]
            run = rel.run_queries(engines[lang], lang_queries)
            for part in ("tuned", "heldout"):
                ids = [q["id"] for q in lang_queries if rel.part_of(q["id"]) == part]
                scores = rel.evaluate(qrels, run, ids)
                cells.append(f"{scores['nDCG@10']:.3f}/{scores['MRR@10']:.3f}")
        print(f"{title:>6} {prox:>5}  " + "  ".join(f"{c:>20}" for c in cells))


if __name__ == "__main__":
    main()
