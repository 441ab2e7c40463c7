"""Benchmark worker: build a resolu index from the corpus folder, then time the query mix.

Run with the project's interpreter: ``python _engine_resolu.py JOB.json``. With
``"profile"`` set in the job, writes ``build.prof`` and ``search.prof`` (cProfile)
there; the timings of a profiled run are not comparable and are marked so.
"""

from __future__ import annotations

import cProfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

from _reader import find as _find
from _timing import cpu_seconds, maxrss_mb, run_worker, time_queries


def main(job: dict[str, Any]) -> dict[str, Any]:
    baseline = maxrss_mb()
    build_index = _find("build_index", "resolu.index", "resolu.index.builder")
    open_index = _find("open_index", "resolu.search", "resolu.search.searching")

    profile_dir = Path(job["profile"]) if job.get("profile") else None
    index_dir = Path(job["index"]) / "resolu"
    profiler = cProfile.Profile() if profile_dir else None
    start, cpu_start = time.perf_counter(), cpu_seconds()
    if profiler:
        profiler.enable()
    report = build_index(Path(job["corpus"]), index_dir, rebuild=True, procs=job["procs"])
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile_dir / "build.prof")
    build_seconds = time.perf_counter() - start
    build_cpu = cpu_seconds() - cpu_start
    peak_build = maxrss_mb()

    timings: dict[str, Any] = {}
    if open_index is None:
        timings["search_missing"] = "resolu.search.open_index not found"
    else:
        timings = _queries(open_index, index_dir, job, profile_dir)
    indexed = getattr(report, "paragraphs", None)
    return {
        "engine": "resolu",
        "version": (
            f"resolu {version('resolu')} (whoosh3 {version('whoosh3')}, procs={job['procs']})"
        ),
        "indexed": indexed,
        "report": repr(report)[:300],
        "build_seconds": build_seconds,
        "build_cpu_seconds": build_cpu,
        "rss_baseline_mb": baseline,
        "peak_rss_build_mb": peak_build,
        "peak_rss_mb": maxrss_mb(),
        "index_path": str(index_dir),
        "profiled": bool(profile_dir),
        **timings,
    }


def _queries(
    open_index: Any, index_dir: Path, job: dict[str, Any], profile_dir: Path | None
) -> dict[str, Any]:
    limit = job["limit"]
    with open_index(index_dir) as index:

        def run(query: dict[str, str]) -> tuple[int, Any]:
            results = index.search(query["resolu"], limit=limit)
            refs = [hit.reference for hit in results]
            total = getattr(results, "total", None)
            return len(refs), total

        profiler = cProfile.Profile() if profile_dir else None
        if profiler:
            profiler.enable()
        timings = time_queries(run, job["queries"], warmup=job["warmup"], repeat=job["repeat"])
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile_dir / "search.prof")
    return timings


if __name__ == "__main__":
    run_worker(main)
