"""Benchmark worker: index the paragraphs with Xapian, then time the query mix.

Runs under the system interpreter (``/usr/bin/python3``), which Debian's
``python3-xapian`` binds: ``/usr/bin/python3 _engine_xapian.py JOB.json``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import xapian
from _timing import cpu_seconds, maxrss_mb, run_worker, time_queries

STEMMERS = {"fr": "french", "en": "english"}
YEAR_SLOT = 0
PREFIXES = {"kind": "XK", "lang": "XL", "symbol": "XS"}


def build(jsonl: Path, path: Path, language: str) -> int:
    """Index the JSON-lines paragraphs into a new Xapian database; return how many."""
    db = xapian.WritableDatabase(str(path), xapian.DB_CREATE_OR_OVERWRITE)
    generator = xapian.TermGenerator()
    generator.set_stemmer(xapian.Stem(STEMMERS[language]))
    count = 0
    with jsonl.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            document = xapian.Document()
            generator.set_document(document)
            generator.index_text(record["text"])
            for field, prefix in PREFIXES.items():
                document.add_boolean_term(prefix + str(record[field]).lower())
            document.add_value(YEAR_SLOT, xapian.sortable_serialise(record["year"]))
            document.set_data(record["key"])
            document.add_boolean_term("Q" + record["key"])
            db.add_document(document)
            count += 1
    db.commit()
    db.close()
    return count


def parser_for(db: Any, language: str) -> Any:
    """Return a QueryParser set up like resolu's query language."""
    parser = xapian.QueryParser()
    parser.set_stemmer(xapian.Stem(STEMMERS[language]))
    parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    parser.set_default_op(xapian.Query.OP_AND)
    parser.set_database(db)
    for field, prefix in PREFIXES.items():
        parser.add_boolean_prefix(field, prefix)
    parser.add_rangeprocessor(xapian.NumberRangeProcessor(YEAR_SLOT, "year:"))
    return parser


FLAGS = (
    xapian.QueryParser.FLAG_PHRASE
    | xapian.QueryParser.FLAG_BOOLEAN
    | xapian.QueryParser.FLAG_LOVEHATE
    | xapian.QueryParser.FLAG_WILDCARD
)


def main(job: dict[str, Any]) -> dict[str, Any]:
    baseline = maxrss_mb()
    path = Path(job["index"]) / "xapian"
    language = job["language"]
    start, cpu_start = time.perf_counter(), cpu_seconds()
    count = build(Path(job["paragraphs"]), path, language)
    build_seconds = time.perf_counter() - start
    build_cpu = cpu_seconds() - cpu_start
    peak_build = maxrss_mb()

    db = xapian.Database(str(path))
    parser = parser_for(db, language)
    enquire = xapian.Enquire(db)
    limit = job["limit"]

    def run(query: dict[str, str]) -> tuple[int, Any]:
        enquire.set_query(parser.parse_query(query["xapian"], FLAGS))
        mset = enquire.get_mset(0, limit)
        keys = [m.document.get_data() for m in mset]
        return len(keys), mset.get_matches_estimated()

    timings = time_queries(run, job["queries"], warmup=job["warmup"], repeat=job["repeat"])
    for query in job["queries"]:  # exact totals, outside the timed loop
        enquire.set_query(parser.parse_query(query["xapian"], FLAGS))
        mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount())
        timings["by_type"][query["type"]]["total"] = mset.get_matches_estimated()
    db.close()
    return {
        "engine": "xapian",
        "version": f"Xapian {xapian.version_string()} (python3-xapian, Stem {STEMMERS[language]})",
        "indexed": count,
        "build_seconds": build_seconds,
        "build_cpu_seconds": build_cpu,
        "rss_baseline_mb": baseline,
        "peak_rss_build_mb": peak_build,
        "peak_rss_mb": maxrss_mb(),
        "index_path": str(path),
        **timings,
    }


if __name__ == "__main__":
    run_worker(main)
