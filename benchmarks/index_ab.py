"""Index the same paragraphs with resolu and with Xapian in alternation; compare build CPU.

    python benchmarks/index_ab.py --work WORK [--corpus en-x1] [--rounds 7]

``run.py`` builds each engine once, one after the other, and the ratio of
paragraphs per CPU second moves with the machine between the two: Xapian's own
build of the English x1 set took 1.14 and 1.22 CPU s in two runs of one
session, enough to move a ratio near its target by 7%. Here each round builds
with each engine in turn, each in a fresh process (the workers ``run.py``
uses, their queries cut to one), on the folders ``run.py --keep --work WORK``
left; the medians over the rounds are compared, so both meet every state of
the machine alike.
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
REPO = HERE.parent
ENGINES = {"resolu": sys.executable, "xapian": "/usr/bin/python3"}


def _job(work: Path, corpus: str, engine: str) -> Path:
    """Write a copy of ``run.py``'s job for ``engine`` with a single timed query; return it."""
    folder = work / corpus / "indexes" / engine
    job: dict[str, Any] = json.loads((folder / f"{engine}.job.json").read_text(encoding="utf-8"))
    job.update(queries=job["queries"][:1], warmup=0, repeat=1, profile=None)
    path = folder / f"{engine}.ab.json"
    path.write_text(json.dumps(job), encoding="utf-8")
    return path


def _build(engine: str, job: Path) -> dict[str, Any]:
    command = [ENGINES[engine], str(HERE / f"_engine_{engine}.py"), str(job)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True, help="a run.py --keep --work folder")
    parser.add_argument("--corpus", default="en-x1", help="its corpus folder (fr, en-x1, ...)")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    # As pip install does, and run.py before timing: no process compiles resolu's sources.
    folders = [str(REPO / name) for name in ("corpus", "index", "search")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], check=False)
    jobs = {engine: _job(args.work, args.corpus, engine) for engine in ENGINES}
    cpu: dict[str, list[float]] = {engine: [] for engine in ENGINES}
    indexed: dict[str, int] = {}
    for n in range(1, args.rounds + 1):
        for engine in ENGINES:
            result = _build(engine, jobs[engine])
            cpu[engine].append(result["build_cpu_seconds"])
            indexed[engine] = result["indexed"]
        print(f"round {n}: " + ", ".join(f"{e} {cpu[e][-1]:.3f} CPU s" for e in ENGINES))
    rate = {e: indexed[e] / statistics.median(cpu[e]) for e in ENGINES}
    print(f"corpus {args.corpus}, {args.rounds} rounds, {os.cpu_count()} cores (os.cpu_count())")
    for engine in ENGINES:
        print(
            f"{engine}: {indexed[engine]:,} paragraphs, median {statistics.median(cpu[engine]):.3f}"
            f" CPU s (min {min(cpu[engine]):.3f}, max {max(cpu[engine]):.3f}),"
            f" {rate[engine]:,.0f} paragraphs per CPU s"
        )
    print(f"resolu/xapian paragraphs per CPU s: {rate['resolu'] / rate['xapian']:.2f}x")


if __name__ == "__main__":
    main()
