"""Time the warm query mix of resolu, a baseline resolu and SQLite FTS5 in alternation.

    python benchmarks/query_ab.py --work WORK [--corpus en-x1] [--baseline REF] [--rounds 8]

``run.py`` times each engine's queries in its own worker, one engine after the
other: on a machine shared with other work the load changes between them, and
CPU time with it (the same code measured 2.0 to 3.3 ms at p50 from one worker
to the next on a loaded 2-core machine). Here each round starts one process per
engine, in turn, on the indexes ``run.py --keep --work WORK`` left; each opens
its index once, runs the mix (3 warm-up rounds, 30 timed, top 10, the hits'
references read) and reports its p50 in CPU time. The medians over rounds are
compared, so every engine meets every state of the machine alike. The baseline
(``--baseline REF``, else the one ``run.py --baseline`` left in WORK) searches
the index it built itself.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _queries import queries_for  # noqa: E402
from _timing import time_queries  # noqa: E402


def _child(engine: str, index: str, language: str) -> dict[str, Any]:
    """Time the mix on one index in this process; return run.py's timing figures."""
    queries = queries_for(language)
    if engine == "sqlite":
        import sqlite3

        from _engine_sqlite import sql_for

        con = sqlite3.connect(index)

        def run(q: dict[str, str]) -> tuple[int, Any]:
            rows = con.execute(sql_for(q["sqlite_where"]), (q["sqlite_match"], 10)).fetchall()
            return len(rows), None

        return time_queries(run, queries, warmup=3, repeat=30)
    from resolu.search import open_index

    with open_index(index) as ix:

        def run(q: dict[str, str]) -> tuple[int, Any]:
            results = ix.search(q["resolu"], limit=10)
            return len([hit.reference for hit in results]), results.total

        return time_queries(run, queries, warmup=3, repeat=30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, help="a run.py --keep work folder (required)")
    ap.add_argument("--corpus", default="en-x1", help="the corpus folder in WORK (en-x1, fr, …)")
    ap.add_argument("--baseline", help="git ref of the baseline (default: WORK's, if any)")
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--out", type=Path, help="write the figures as JSON here")
    ap.add_argument("--child", nargs=3, metavar=("ENGINE", "INDEX", "LANG"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        json.dump(_child(*args.child), sys.stdout)
        return
    if args.work is None:
        ap.error("--work is required")
    indexes = args.work / args.corpus / "indexes"
    language = "fr" if args.corpus.startswith("fr") else "en"
    path = args.work / "baseline" / "path"
    if args.baseline:
        from _at_commit import packages_at

        path = packages_at(args.baseline, args.work)
    env = {k: v for k, v in os.environ.items() if k != "RESOLU_INDEX"}
    engines = {
        "resolu": (str(indexes / "resolu" / "resolu"), env),
        "baseline": (str(indexes / "baseline" / "resolu"), {**env, "PYTHONPATH": str(path)}),
        "sqlite": (str(indexes / "sqlite" / "fts5.sqlite"), env),
    }
    engines = {k: v for k, v in engines.items() if Path(v[0]).exists()}
    if "baseline" in engines and not path.exists():
        del engines["baseline"]
    p50: dict[str, list[float]] = {name: [] for name in engines}
    by_type: dict[str, dict[str, list[float]]] = {name: {} for name in engines}
    for _ in range(args.rounds):
        for name, (index, child_env) in engines.items():
            command = [sys.executable, __file__, "--child", name, index, language]
            done = subprocess.run(command, env=child_env, capture_output=True, text=True)
            if done.returncode:
                sys.exit(f"{name}: {done.stderr.strip().splitlines()[-1:]}")
            figures = json.loads(done.stdout)
            p50[name].append(figures["overall_cpu"]["p50"])
            for kind, row in figures["by_type"].items():
                by_type[name].setdefault(kind, []).append(row["cpu"]["p50"])
    print(f"{args.corpus}: warm query mix, CPU ms, median over {args.rounds} alternating rounds;")
    print(f"cores: {os.cpu_count()}; each round: 3 warm-up + 30 timed rounds of the mix, top 10")
    medians = {name: statistics.median(values) for name, values in p50.items()}
    for name, values in p50.items():
        kinds = " ".join(f"{k} {statistics.median(v):.2f}" for k, v in by_type[name].items())
        runs = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {name:9s} p50 {medians[name]:.3f}  ({kinds}; rounds: {runs})")
    if "sqlite" in medians:
        for name in ("resolu", "baseline"):
            if name in medians:
                print(f"  {name}/sqlite: {medians[name] / medians['sqlite']:.2f}x")
    if "baseline" in medians:
        print(f"  resolu/baseline: {medians['resolu'] / medians['baseline']:.2f}x")
    if args.out:
        out = {"corpus": args.corpus, "rounds": args.rounds, "p50_cpu_ms": p50, "by_type": by_type}
        args.out.write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
