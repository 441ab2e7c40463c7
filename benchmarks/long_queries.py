"""Time long queries (issue 15): a repeated query, a pasted passage, and growth with length.

Over the French paragraphs of the labelled set (the shipped resolution and the
4,000 French lines of the UNv1 dev set), times ``Index.search``:

- ``dialogue entre civilisations religions`` repeated 100 and 200 times;
- a pasted passage of 30 lines of the dev set (with a ``**`` in it);
- passages of the dev set's first 1, 10, 100 and 1,000 words, to show how the
  time grows with the query's length.

With ``--baseline REF``, resolu as of that git ref runs the same queries over its
own index of the same folder, in a subprocess of the same run, and the table gives
after/before ratios. Each figure is the best of ``--repeat`` runs (one run when a
query takes more than two seconds).

    python benchmarks/long_queries.py [--baseline REF] [--data DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

REPEATED = "dialogue entre civilisations religions"
WORD_COUNTS = (1, 10, 100, 1000)


def queries(data: Path) -> dict[str, str]:
    """Return the timed queries by name, built from the dev set's French lines."""
    lines = (data / "un_v1_devset" / "UNv1.0.devset.fr").read_text(encoding="utf-8").splitlines()
    passage = lines[100:130]
    passage[3] = "**" + passage[3] + "**"
    words = " ".join(lines[200:600]).split()
    out = {
        "repeated x100": " ".join([REPEATED] * 100),
        "repeated x200": " ".join([REPEATED] * 200),
        f"passage 30 lines ({len(chr(10).join(passage))} chars)": "\n".join(passage),
    }
    for n in WORD_COUNTS:
        out[f"{n} words"] = " ".join(words[:n])
    return out


def worker(corpus: Path, index_dir: Path, data: Path, repeat: int) -> dict[str, Any]:
    """Build the index with the resolu on sys.path and time each query there."""
    from resolu.index import build_index
    from resolu.search import QuerySyntaxError, open_index

    build_index(corpus, index_dir)
    timings: dict[str, Any] = {}
    with open_index(index_dir) as ix:
        ix.search("dialogue")  # warm the searcher
        for name, q in queries(data).items():
            best = None
            outcome = ""
            for _ in range(repeat):
                start = time.perf_counter()
                try:
                    total = ix.search(q, limit=10).total
                    outcome = f"{total} hits"
                except QuerySyntaxError as exc:
                    outcome = f"error: {exc}"[:60]
                took = time.perf_counter() - start
                best = took if best is None else min(best, took)
                if took > 2:
                    break
            timings[name] = {"seconds": round(best or 0.0, 4), "outcome": outcome}
    return timings


def run_version(
    label: str, pythonpath: Path | None, corpus: Path, work: Path, args: argparse.Namespace
) -> dict[str, Any]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    command = [sys.executable, __file__, "--worker", str(corpus), str(work / f"index-{label}")]
    command += ["--data", str(args.data), "--repeat", str(args.repeat)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "resolu-long")
    ap.add_argument("--baseline", help="git ref of resolu to compare with")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker[0], args.worker[1], args.data, args.repeat)))
        return 0
    if not (args.data / "un_v1_devset").is_dir():
        print(f"no data in {args.data}", file=sys.stderr)
        return 1
    import relevance
    from run import prepare_baseline

    corpus = relevance.lay_out(args.data, args.work)["fr"]
    paragraphs = sum(1 for _ in relevance.paragraphs(corpus))
    versions = {"after": run_version("after", None, corpus, args.work, args)}
    if args.baseline:
        path = prepare_baseline(args.baseline, args.work)
        versions["before"] = run_version("before", path, corpus, args.work, args)
    print(f"{paragraphs} French paragraphs, {os.cpu_count()} cores; best of {args.repeat} runs")
    print(f"{'query':32} {'after s':>9} {'before s':>9} {'after/before':>12}  outcome (after)")
    for name, after in versions["after"].items():
        before = versions.get("before", {}).get(name)
        ratio = f"{after['seconds'] / before['seconds']:.3f}" if before else "-"
        b = f"{before['seconds']:9.4f}" if before else f"{'-':>9}"
        print(f"{name:32} {after['seconds']:9.4f} {b} {ratio:>12}  {after['outcome']}")
    if args.out:
        record = {"paragraphs": paragraphs, "cores": os.cpu_count(), "baseline": args.baseline}
        args.out.write_text(json.dumps({**record, **versions}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
