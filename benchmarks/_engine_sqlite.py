"""Benchmark worker: index the paragraphs in SQLite FTS5, then time the query mix.

Run as ``python _engine_sqlite.py JOB.json``; prints one JSON object.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from _timing import cpu_seconds, maxrss_mb, run_worker, time_queries

TOKENIZE = "porter unicode61 remove_diacritics 2"
SCHEMA = (
    "CREATE VIRTUAL TABLE paragraphs USING fts5("
    "text, reference UNINDEXED, symbol UNINDEXED, kind UNINDEXED, lang UNINDEXED, "
    f"year UNINDEXED, tokenize='{TOKENIZE}')"
)
COLUMNS = ("text", "key", "symbol", "kind", "lang", "year")


def sql_for(where: str) -> str:
    """Return the top-k query; ``where`` is an optional extra SQL condition."""
    extra = f" AND {where}" if where else ""
    return (
        "SELECT reference, rank FROM paragraphs WHERE paragraphs MATCH ?"
        f"{extra} ORDER BY rank LIMIT ?"
    )


def build(jsonl: Path, db: Path) -> int:
    """Index the JSON-lines paragraphs into a new FTS5 table; return how many."""
    if db.exists():
        db.unlink()
    con = sqlite3.connect(db)
    con.execute(SCHEMA)
    count = 0

    def rows() -> Any:
        nonlocal count
        with jsonl.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                count += 1
                yield tuple(record[c] for c in COLUMNS)

    with con:
        con.executemany("INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?)", rows())
    con.close()
    return count


def main(job: dict[str, Any]) -> dict[str, Any]:
    baseline = maxrss_mb()
    db = Path(job["index"]) / "fts5.sqlite"
    db.parent.mkdir(parents=True, exist_ok=True)
    start, cpu_start = time.perf_counter(), cpu_seconds()
    count = build(Path(job["paragraphs"]), db)
    build_seconds = time.perf_counter() - start
    build_cpu = cpu_seconds() - cpu_start
    peak_build = maxrss_mb()

    con = sqlite3.connect(db)
    limit = job["limit"]

    def run(query: dict[str, str]) -> tuple[int, Any]:
        sql = sql_for(query["sqlite_where"])
        rows = con.execute(sql, (query["sqlite_match"], limit)).fetchall()
        return len(rows), None

    timings = time_queries(run, job["queries"], warmup=job["warmup"], repeat=job["repeat"])
    for query in job["queries"]:  # total matches, outside the timed loop
        extra = f" AND {query['sqlite_where']}" if query["sqlite_where"] else ""
        total = con.execute(
            f"SELECT count(*) FROM paragraphs WHERE paragraphs MATCH ?{extra}",
            (query["sqlite_match"],),
        ).fetchone()[0]
        timings["by_type"][query["type"]]["total"] = total
    con.close()
    return {
        "engine": "sqlite",
        "version": f"SQLite {sqlite3.sqlite_version} FTS5 ({TOKENIZE})",
        "indexed": count,
        "build_seconds": build_seconds,
        "build_cpu_seconds": build_cpu,
        "rss_baseline_mb": baseline,
        "peak_rss_build_mb": peak_build,
        "peak_rss_mb": maxrss_mb(),
        "index_path": str(db),
        **timings,
    }


if __name__ == "__main__":
    run_worker(main)
