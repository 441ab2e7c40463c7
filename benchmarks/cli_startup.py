"""Time ``resolu --help`` (the CLI's start-up), optionally against another install, interleaved.

    python benchmarks/cli_startup.py [--rounds 20] [--baseline /path/to/other/venv/bin/resolu]

Runs are interleaved so that the load of a shared machine falls on both alike;
prints the median of each and their ratio, with the machine's core count.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _once(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--baseline", type=Path, help="another resolu executable")
    args = ap.parse_args()
    this = [str(Path(sys.executable).with_name("resolu")), "--help"]
    other = [str(args.baseline), "--help"] if args.baseline else None
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(args.rounds):
        mine.append(_once(this))
        if other:
            theirs.append(_once(other))
    print(f"cores: {os.cpu_count()}, rounds: {args.rounds}")
    print(f"resolu --help: median {statistics.median(mine) * 1000:.0f} ms")
    if theirs:
        base = statistics.median(theirs)
        print(f"baseline --help: median {base * 1000:.0f} ms")
        print(f"ratio this/baseline: {statistics.median(mine) / base:.2f}")


if __name__ == "__main__":
    main()
