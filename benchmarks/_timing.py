"""Timing and memory helpers shared by the engine workers (stdlib only).

The workers run under two interpreters (the project's venv, and /usr/bin/python3 for
Xapian), so this module imports nothing outside the standard library.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["cpu_seconds", "maxrss_mb", "percentiles", "run_worker", "time_queries"]


def maxrss_mb() -> float:
    """Return the peak resident set size of this process and its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux reports KiB


def cpu_seconds() -> float:
    """Return the CPU time (user + system) of this process and its waited-for children.

    On a machine shared with other work, wall time includes the time spent
    waiting for a core; CPU time counts only the engine's own work.
    """
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def percentiles(samples: Sequence[float]) -> dict[str, float]:
    """Return p50/p95/p99 of ``samples`` (nearest rank), in the samples' unit."""
    ordered = sorted(samples)
    if not ordered:
        return {"p50": float("nan"), "p95": float("nan"), "p99": float("nan"), "n": 0}

    def rank(p: float) -> float:
        index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[index]

    return {"p50": rank(50), "p95": rank(95), "p99": rank(99), "n": len(ordered)}


def time_queries(
    run: Callable[[dict[str, str]], tuple[int, Any]],
    queries: Sequence[dict[str, str]],
    *,
    warmup: int,
    repeat: int,
) -> dict[str, Any]:
    """Time ``run(query)`` over rounds of the whole mix; return per-type and overall ms.

    ``run`` returns (hits returned, total matches or None). Warm-up rounds are not timed.
    """
    for _ in range(warmup):
        for query in queries:
            run(query)
    samples: dict[str, list[float]] = {q["type"]: [] for q in queries}
    cpu: dict[str, list[float]] = {q["type"]: [] for q in queries}
    hits: dict[str, Any] = {}
    clock, cpu_clock = time.perf_counter, time.process_time
    for _ in range(repeat):
        for query in queries:
            start, cpu_start = clock(), cpu_clock()
            returned, total = run(query)
            cpu[query["type"]].append((cpu_clock() - cpu_start) * 1000)
            samples[query["type"]].append((clock() - start) * 1000)
            hits[query["type"]] = {"returned": returned, "total": total}
    everything = [s for values in samples.values() for s in values]
    return {
        "overall": percentiles(everything),
        "overall_cpu": percentiles([s for values in cpu.values() for s in values]),
        "by_type": {
            t: {**percentiles(values), **hits[t], "cpu": percentiles(cpu[t])}
            for t, values in samples.items()
        },
    }


def run_worker(main: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    """Read the job (JSON file named on the command line), run it, print the result."""
    with open(sys.argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    result = main(job)
    json.dump(result, sys.stdout)
