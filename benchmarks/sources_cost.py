"""What the sources of an index cost: one source added, updated, removed, or copied whole.

Indexes the 902 Security Council texts of ../shared/data (one source), then
times, in the same process: adding a one-file source, updating it after an
edit, removing it, adding a second folder holding copies of all 902 files (each
resolution then reached twice: indexed once, the copies named), and a rebuild
of every source. Ratios are against the rebuild of the same run.

    python benchmarks/sources_cost.py [--procs 1]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SC = REPO.parent / "shared" / "data" / "en_only" / "cr-unsc_res_en_gold"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procs", type=int, default=1)
    args = parser.parse_args(argv)
    if not SC.is_dir():
        print(f"{SC} is absent", file=sys.stderr)
        return 1
    from resolu.corpus import corpus_dir
    from resolu.index import build_index, rebuild_index, remove_source

    seed = next(corpus_dir().glob("*.txt"))
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sc, one, copies, ix = work / "sc", work / "one", work / "copies", work / "ix"
        shutil.copytree(SC, sc)
        one.mkdir()
        shutil.copy(seed, one / seed.name)

        def timed(label: str, run: object) -> None:
            start = time.perf_counter()
            report = run()  # type: ignore[operator]
            seconds = time.perf_counter() - start
            said = (
                f"{report.files} files read, {report.paragraphs} paragraphs written, "
                f"{report.total_paragraphs} in all, {len(report.duplicates)} copies not indexed"
            )
            rows.append((label, seconds, said))

        timed("first source (902 files)", lambda: build_index(sc, ix, procs=args.procs))
        timed("add a one-file source", lambda: build_index(one, ix))
        text = seed.read_text(encoding="utf-8")
        (one / seed.name).write_text(text.replace("Décide de", "Décide encore de"), "utf-8")
        timed("update that source (1 edit)", lambda: build_index(one, ix))
        timed("remove that source", lambda: remove_source(one, ix))
        shutil.copytree(sc, copies)
        timed("add a copy of the 902 files", lambda: build_index(copies, ix, procs=args.procs))
        timed("rebuild every source", lambda: rebuild_index(ix, procs=args.procs))
    rebuild = rows[-1][1]
    print(f"{SC.name}: 902 files; {os.cpu_count()} cores; procs={args.procs}")
    for label, seconds, said in rows:
        print(f"{label:30} {seconds:7.2f} s  {seconds / rebuild:5.2f} x rebuild  ({said})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
