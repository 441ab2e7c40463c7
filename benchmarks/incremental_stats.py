"""Measure how far scores after updates drift from a full rebuild's, and what merging costs.

    python benchmarks/incremental_stats.py [--data DIR] [--fractions 0.1,0.3,0.5] [--out F.json]

Whoosh keeps deleted documents in its statistics (document frequencies, field
lengths) until their segment is merged, so BM25 scores after an update differ
from those of a rebuild of the same corpus. On a copy of the 902 Security
Council texts (default ``../shared/data/en_only/cr-unsc_res_en_gold``), each
scenario changes a fraction of the files (``update``: same text, new bytes, so
the right index is exactly the first build; ``delete``: files removed), runs
``build_index`` incrementally twice, without the merge
(``MERGE_DELETED_FROM`` = 1) and with resolu's default, and compares the top
10 of a fixed set of queries with a rebuild: queries whose top 10 differs (by
reference or order), mean overlap of the top 10, largest and median relative
score difference of paragraphs in both, the deleted fraction left, and the
seconds of each incremental run (the merge's cost) against the rebuild's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from resolu.index import build_index, builder
from resolu.search import open_index

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "en_only" / "cr-unsc_res_en_gold"

QUERIES = (
    "council", "plebiscite", "peace security", '"the situation in the Middle East"',
    "sanctions NOT iraq", "withdrawal kind:operative", "ceasefire", "refugees",
    "humanitarian assistance", "territorial integrity", "nuclear weapons", "peacekeeping",
    "Cyprus", "Israel", "apartheid", "Namibia", "Iraq Kuwait", "Rwanda", "Somalia",
    "Bosnia", "Angola", "Haiti", "Lebanon", "self-determination", "mercenaries",
    "aggression", '"report of the Secretary-General"', "admission membership",
    '"International Court of Justice"', "arms embargo", "hostages", "terrorism",
    "Palestine", "Golan", "India Pakistan", "Kashmir", "Congo", "Korea", "Rhodesia",
    "Portugal territories", "mandate extension", "observers", "elections",
    "human rights", "violations", "troops", "Suez", "Indonesia", "Yemen", "Mozambique",
    "Zambia", "Libya", "Georgia Abkhazia", "Liberia", "Sierra Leone", "Tajikistan",
)  # fmt: skip


def _top(index_dir: Path) -> dict[str, list[tuple[str, float]]]:
    with open_index(index_dir) as ix:
        return {q: [(h.reference, h.score) for h in ix.search(q, limit=10).hits] for q in QUERIES}


def _deleted_fraction(index_dir: Path) -> float:
    from resolu.index.store import open_store

    ix = open_store(index_dir)
    try:
        every = ix.doc_count_all()
        return (every - ix.doc_count()) / every if every else 0.0
    finally:
        ix.close()


def compare(
    got: dict[str, list[tuple[str, float]]], truth: dict[str, list[tuple[str, float]]]
) -> dict[str, Any]:
    """Return how far one set of top-10 lists is from the rebuild's."""
    differ = 0
    overlaps = []
    diffs = []
    for q, right in truth.items():
        mine = got[q]
        differ += [r for r, _ in mine] != [r for r, _ in right]
        right_scores = dict(right)
        common = [(s, right_scores[r]) for r, s in mine if r in right_scores]
        overlaps.append(len(common) / max(len(right), 1) if right else 1.0)
        diffs += [abs(a - b) / b for a, b in common if b]
    return {
        "queries_differing": differ,
        "mean_overlap_at_10": round(statistics.mean(overlaps), 4),
        "max_rel_score_diff": round(max(diffs, default=0.0), 4),
        "median_rel_score_diff": round(statistics.median(diffs) if diffs else 0.0, 4),
    }


def _scenario(
    kind: str, fraction: float, corpus: Path, base: Path, work: Path, base_top: dict[str, Any]
) -> dict[str, Any]:
    files = sorted(corpus.iterdir())
    chosen = random.Random(f"{kind}{fraction}").sample(files, round(len(files) * fraction))
    changed = work / f"corpus-{kind}-{fraction}"
    shutil.copytree(corpus, changed)
    for path in chosen:
        target = changed / path.name
        if kind == "update":
            target.write_bytes(target.read_bytes() + b"\n")  # new bytes, the same paragraphs
        else:
            target.unlink()
    row: dict[str, Any] = {"kind": kind, "fraction": fraction, "files_changed": len(chosen)}
    if kind == "update":
        truth, row["rebuild_s"] = base_top, None
    else:
        started = time.perf_counter()
        build_index(changed, work / f"rebuild-{kind}-{fraction}")
        row["rebuild_s"] = round(time.perf_counter() - started, 2)
        truth = _top(work / f"rebuild-{kind}-{fraction}")
    default = builder.MERGE_DELETED_FROM
    for label, threshold in (("no_merge", 1.0), ("merge", default)):
        index_dir = work / f"ix-{kind}-{fraction}-{label}"
        shutil.copytree(base, index_dir)
        builder.MERGE_DELETED_FROM = threshold
        try:
            started = time.perf_counter()
            build_index(changed, index_dir)
            seconds = time.perf_counter() - started
        finally:
            builder.MERGE_DELETED_FROM = default
        row[label] = {
            "seconds": round(seconds, 2),
            "deleted_fraction": round(_deleted_fraction(index_dir), 4),
            **compare(_top(index_dir), truth),
        }
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--fractions", default="0.1,0.3,0.5")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    fractions = [float(f) for f in args.fractions.split(",")]
    with tempfile.TemporaryDirectory(prefix="resolu-incr-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        shutil.copytree(args.data, corpus)
        started = time.perf_counter()
        build_index(corpus, work / "base")
        build_s = time.perf_counter() - started
        base_top = _top(work / "base")
        rows = [
            _scenario(kind, f, corpus, work / "base", work, base_top)
            for kind in ("update", "delete")
            for f in fractions
        ]
    files = len(list(args.data.iterdir()))
    print(
        f"{files} files, {len(QUERIES)} queries (top 10), {os.cpu_count()} cores; "
        f"full build {build_s:.1f} s; merge from {builder.MERGE_DELETED_FROM:.0%} deleted"
    )
    head = f"{'scenario':<14}{'run':<10}{'deleted':>8}{'differ':>8}{'overlap':>9}"
    print(head + f"{'max diff':>10}{'median':>9}{'seconds':>9}{'rebuild s':>10}")
    for row in rows:
        for label in ("no_merge", "merge"):
            r = row[label]
            print(
                f"{row['kind'] + ' ' + format(row['fraction'], '.0%'):<14}{label:<10}"
                f"{r['deleted_fraction']:>8.1%}{r['queries_differing']:>5}/{len(QUERIES)}"
                f"{r['mean_overlap_at_10']:>9.3f}{r['max_rel_score_diff']:>10.2%}"
                f"{r['median_rel_score_diff']:>9.2%}{r['seconds']:>9.1f}"
                f"{row['rebuild_s'] if row['rebuild_s'] is not None else build_s:>10.1f}"
            )
    if args.out:
        payload = {"files": files, "queries": list(QUERIES), "build_s": build_s, "rows": rows}
        args.out.write_text(json.dumps(payload, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
