"""CPU time, peak memory, segments and size of one build of the English SC texts copied N times.

Writes ``--scale`` copies of the 902 English Security Council resolutions
(renumbered as ``benchmarks/run.py`` does, :mod:`_corpora`) into a work folder
and indexes them with ``build_index`` in this process, then prints the build's
CPU seconds, paragraphs per CPU second, the peak resident memory of the process,
the segments written and the index size. The machine may be shared: CPU time
is the build's own work; the peak is ``ru_maxrss`` (interpreter included).

    python benchmarks/index_scale.py --scale 10 --work /tmp/scale
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpora import build_english

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--limitmb", type=int, default=256)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    corpus = build_english(DATA, args.work, args.scale)
    from resolu.index import build_index
    from resolu.index.store import open_store

    target = args.work / "index"
    shutil.rmtree(target, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu = time.process_time()
    report = build_index(corpus.folder, target, rebuild=True, limitmb=args.limitmb)
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ix = open_store(target)
    segments = len(ix._segments())
    ix.close()
    size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file()) / 1e6
    figures = {
        "scale": args.scale,
        "paragraphs": report.paragraphs,
        "cpu_seconds": round(cpu, 1),
        "paragraphs_per_cpu_second": round(report.paragraphs / cpu),
        "peak_rss_mb": round(peak),
        "rss_before_build_mb": round(before),
        "segments": segments,
        "size_mb": round(size, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
