"""Time the hostile queries of issue 20 on the 902 English Security Council texts.

Usage: ``python benchmarks/query_limits.py [INDEX_DIR]``. Builds an index of
``../shared/data/en_only`` in a temporary folder unless INDEX_DIR holds one,
then runs each query once through :meth:`Index.search` and prints its time and
outcome (the total, or the QuerySyntaxError that refuses it). Every query is
under 1,000 characters except the first-line repros of the issue, cut there.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from resolu.index import build_index
from resolu.search import QuerySyntaxError, open_index

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "en_only"
WORDS = [
    "peace",
    "security",
    "council",
    "resolution",
    "united",
    "nations",
    "states",
    "international",
]
QUERIES = [
    "(" * 247 + "peace" + ")" * 247,
    "(a OR " * 163 + "peace" + ")" * 163,
    "NOT " * 240 + "peace",
    "peace " + "-war " * 150,
    " AND ".join(["peace"] * 160),
    " OR ".join(f"w{i}" for i in range(150)),
    ("se* " * 100)[:999],
    ("peace " * 300)[:999],
    '"' + " ".join(["the"] * 150) + '"',
    '"' + " ".join(["the"] * 4) + '"',
    " OR ".join(WORDS * 2),
    " OR ".join(WORDS),
    " ".join(WORDS),
    "sec* OR pea* OR coun*",
    "chapter OR charter",
]


def main() -> None:
    """Build or open the index, run each query once, print time and outcome."""
    given = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = given or Path(tmp) / "ix"
        if given is None:
            build_index(CORPUS, index_dir)
        print(f"902 English SC texts, {os.cpu_count()} cores; one run of each query")
        slowest = 0.0
        with open_index(index_dir) as ix:
            for q in QUERIES:
                started = time.perf_counter()
                try:
                    outcome = f"{ix.search(q).total} hits"
                except QuerySyntaxError as exc:
                    outcome = f"refused: {exc.detail}"
                took = time.perf_counter() - started
                slowest = max(slowest, took)
                print(f"{took:7.3f} s  {len(q):4d} chars  {q[:40]!r:46}  {outcome}")
        print(f"slowest: {slowest:.3f} s")


if __name__ == "__main__":
    main()
