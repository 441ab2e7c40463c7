"""What facets and sorting cost: p50 of a search with and without them, at ×1 and ×10.

    .venv/bin/python benchmarks/research_cost.py                 # ×1 and ×10
    .venv/bin/python benchmarks/research_cost.py --scales 1 --repeat 5 --out cost.json
    .venv/bin/python benchmarks/research_cost.py --scales 10 --index DIR   # an index kept by run.py

Builds the English Security Council corpus (../shared/data/en_only, 902 texts)
at each scale (×10: ten renumbered copies, as benchmarks/run.py does), indexes
it, and times the fixed query mix (benchmarks/_queries.py) through
``Index.search`` in this process, four ways, in turn within each round:

- ``plain``: the default search (relevance, first page of 10);
- ``facets``: the same with ``facets=True`` (counts by body, year, session…);
- ``sort_date``: ``sort="newest"`` (``--sort date``);
- ``both``: ``sort="newest", facets=True``.

Figures are p50 in ms and ratios against ``plain`` of the same run and scale
(same process, same index, same queries), with the core count and corpus size.
The first search of a kind reads the columns into memory once per index (kept
until the index changes): it is reported apart as ``first_facets_ms``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _corpora import build_english  # noqa: E402
from _queries import queries_for  # noqa: E402
from _timing import percentiles  # noqa: E402

DATA = HERE.parent.parent / "shared" / "data"
VARIANTS: dict[str, dict[str, Any]] = {
    "plain": {},
    "facets": {"facets": True},
    "sort_date": {"sort": "newest"},
    "both": {"sort": "newest", "facets": True},
}


def measure(index_dir: Path, *, repeat: int, warmup: int) -> dict[str, Any]:
    """Time each variant over the query mix; return p50/p95 per variant and ratios to plain."""
    from resolu.search import open_index

    queries = [q["resolu"] for q in queries_for("en")]
    samples: dict[str, list[float]] = {v: [] for v in VARIANTS}
    with open_index(index_dir) as ix:
        start = time.perf_counter()
        ix.search(queries[0], facets=True)
        first = (time.perf_counter() - start) * 1000
        for _ in range(warmup):
            for q in queries:
                for options in VARIANTS.values():
                    ix.search(q, **options)
        for _ in range(repeat):
            for q in queries:
                for name, options in VARIANTS.items():
                    t0 = time.perf_counter()
                    ix.search(q, **options)
                    samples[name].append((time.perf_counter() - t0) * 1000)
        paragraphs = len(ix)
        totals = {q: ix.search(q, limit=0).total for q in queries}
    stats = {name: percentiles(s) for name, s in samples.items()}
    base = stats["plain"]["p50"]
    return {
        "paragraphs": paragraphs,
        "matches_per_query": totals,
        "first_facets_ms": round(first, 2),
        "p50_ms": {name: round(s["p50"], 3) for name, s in stats.items()},
        "p95_ms": {name: round(s["p95"], 3) for name, s in stats.items()},
        "ratio_to_plain": {name: round(s["p50"] / base, 2) for name, s in stats.items()},
        "samples_per_variant": len(samples["plain"]),
    }


def main() -> None:
    """Build, index and time each scale; print a table and write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--scales", default="1,10", help="comma-separated copies of the corpus")
    parser.add_argument("--repeat", type=int, default=10, help="timed rounds of the mix")
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds first")
    parser.add_argument("--out", type=Path, default=None, help="write the JSON here")
    parser.add_argument(
        "--index", type=Path, help="time this index of the one scale given (e.g. kept by run.py)"
    )
    args = parser.parse_args()
    if args.index:
        scale = int(args.scales)  # one scale only: the corpus the index holds
        result = measure(args.index, repeat=args.repeat, warmup=args.warmup)
        from resolu.search import open_index

        with open_index(args.index) as ix:
            result["resolutions"] = len(ix.resolutions())
        print(_line(scale, result), flush=True)
        if args.out:
            report = {"cores": os.cpu_count(), "scales": {f"x{scale}": result}}
            args.out.write_text(json.dumps(report, indent=2) + "\n")
        return
    if not (DATA / "en_only").is_dir():
        sys.exit(f"research_cost: {DATA / 'en_only'} is absent (../shared/data beside the repo)")
    from resolu.index import build_index

    report: dict[str, Any] = {"cores": os.cpu_count(), "scales": {}}
    with tempfile.TemporaryDirectory(prefix="resolu-research-") as work:
        for scale in (int(s) for s in args.scales.split(",")):
            corpus = build_english(DATA, Path(work), scale)
            index_dir = Path(work) / f"en-x{scale}" / "index"
            built = build_index(corpus.folder, index_dir, procs=2)
            result = measure(index_dir, repeat=args.repeat, warmup=args.warmup)
            result["resolutions"] = built.resolutions
            report["scales"][f"x{scale}"] = result
            print(_line(scale, result), flush=True)
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n")


def _line(scale: int, r: dict[str, Any]) -> str:
    p50, ratio = r["p50_ms"], r["ratio_to_plain"]
    cells = "  ".join(f"{v} {p50[v]:.1f} ms (×{ratio[v]})" for v in VARIANTS)
    return (
        f"x{scale}: {r['resolutions']} resolutions, {r['paragraphs']} paragraphs, "
        f"{os.cpu_count()} cores; p50 {cells}; first facets {r['first_facets_ms']:.0f} ms"
    )


if __name__ == "__main__":
    main()
