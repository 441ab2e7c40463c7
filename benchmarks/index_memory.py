"""Peak memory and speed of indexing a large UN Parallel Corpus file, and 1 vs 2 processes.

Writes the French sample of ``un_v1_devset`` repeated N times (default 25:
100,000 lines) with its ids file into a temporary folder (not stored), indexes
it in a child process and reports the child's peak resident memory beside
that of a child that only imports resolu (the interpreter's own share).
With ``--procs-corpus DIR`` it also indexes DIR with 1 and 2 processes.

    python benchmarks/index_memory.py [--copies 25] [--procs-corpus ../shared/data/en_only]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEVSET = REPO.parent / "shared" / "data" / "un_v1_devset"

_CHILD = """
import json, resource, sys, time
from resolu.index import build_index
report = None
if sys.argv[1] != "-":
    start = time.perf_counter()
    report = build_index(sys.argv[1], sys.argv[2], rebuild=True, procs=int(sys.argv[3]))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"peak_mb": peak, "children_peak_mb": kids,
                  "paragraphs": report.paragraphs if report else 0,
                  "seconds": report.seconds if report else 0}))
"""


def child(corpus: str, index: str, procs: int = 1) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, corpus, index, str(procs)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=25)
    parser.add_argument("--procs-corpus", type=Path)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        base = child("-", "-")
        if DEVSET.exists() and args.copies:
            corpus = Path(tmp, "un")
            corpus.mkdir()
            for ext in ("fr", "ids"):
                text = (DEVSET / f"UNv1.0.devset.{ext}").read_text(encoding="utf-8")
                Path(corpus, f"big.{ext}").write_text(text * args.copies, encoding="utf-8")
            got = child(str(corpus), str(Path(tmp, "ix")))
            print(
                f"parallel corpus x{args.copies}: {got['paragraphs']} lines indexed in "
                f"{got['seconds']:.1f} s ({got['paragraphs'] / got['seconds']:.0f} paragraphs/s); "
                f"peak RSS {got['peak_mb']:.0f} MB (interpreter + imports alone: "
                f"{base['peak_mb']:.0f} MB)"
            )
        if args.procs_corpus:
            for procs in (1, 2):
                got = child(str(args.procs_corpus), str(Path(tmp, f"p{procs}")), procs)
                print(
                    f"{args.procs_corpus} with {procs} process(es): {got['paragraphs']} "
                    f"paragraphs in {got['seconds']:.1f} s "
                    f"({got['paragraphs'] / got['seconds']:.0f} paragraphs/s), "
                    f"peak RSS {got['peak_mb']:.0f} MB (+ workers {got['children_peak_mb']:.0f} MB)"
                )


if __name__ == "__main__":
    main()
