"""Measure ranking quality on the labelled set in tests/relevance (issue 6).

Builds, in one run and over the same paragraphs (read with resolu's own readers):
resolu, SQLite FTS5 (``porter unicode61 remove_diacritics 2``) and Whoosh with its
stock ``LanguageAnalyzer("fr")`` / ``StemmingAnalyzer()``. Each query is run over the
paragraphs of its own language. Scores nDCG@10, MRR@10 and Recall@100 with
ir-measures, and judged@10 (the share of the top 10 a judge has read: where it is
low, the measures undercount), per language, on the tuned two thirds of the queries
and on the held-out third (a fixed split by hashing the query id), prints one table
and, with ``--out``, writes the same figures as JSON.

    python benchmarks/relevance.py [--data DIR] [--work DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ir_measures
from ir_measures import RR, R, nDCG

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "relevance" / "queries.jsonl"
MEASURES = (nDCG @ 10, RR @ 10, R @ 100)
NAMES = {str(nDCG @ 10): "nDCG@10", str(RR @ 10): "MRR@10", str(R @ 100): "R@100"}
DEPTH = 100
JUDGED = "judged@10"
FTS5_TOKENIZE = "porter unicode61 remove_diacritics 2"

Run = dict[str, dict[str, float]]


def part_of(query_id: str) -> str:
    """Return 'heldout' for a fixed third of the queries, 'tuned' for the rest."""
    return "heldout" if int(hashlib.sha1(query_id.encode()).hexdigest(), 16) % 3 == 0 else "tuned"


def load_queries(path: Path = QUERIES) -> list[dict[str, Any]]:
    """Return the labelled queries."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def qrels_of(queries: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Return {query id: {language:reference: grade}}."""
    return {
        q["id"]: {f"{r['language']}:{r['reference']}": r["grade"] for r in q["relevant"]}
        for q in queries
    }


# ---------------------------------------------------------------- corpora


def lay_out(data: Path, work: Path) -> dict[str, Path]:
    """Copy the judged collection into one corpus folder per language."""
    dev = data / "un_v1_devset"
    sc = data / "en_only" / "cr-unsc_res_en_gold"
    folders = {"fr": work / "corpus-fr", "en": work / "corpus-en"}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    wanted = {
        "fr": [
            *sorted((ROOT / "corpus").glob("*.txt")),
            dev / "UNv1.0.devset.fr",
            dev / "UNv1.0.devset.ids",
        ],
        "en": [dev / "UNv1.0.devset.en", dev / "UNv1.0.devset.ids", *sorted(sc.glob("*.txt"))],
    }
    for lang, files in wanted.items():
        for src in files:
            dst = folders[lang] / src.name
            if not dst.exists() or dst.stat().st_size != src.stat().st_size:
                shutil.copyfile(src, dst)
    return folders


def paragraphs(folder: Path) -> Iterator[tuple[str, str]]:
    """Yield (language:reference, text) for every paragraph resolu reads in ``folder``."""
    from resolu.corpus import CorpusError, corpus_files, read_resolution
    from resolu.corpus.uncorpus import is_parallel_corpus_file, read_parallel

    for path in corpus_files(folder):
        try:
            resolutions = (
                list(read_parallel(path))
                if is_parallel_corpus_file(path)
                else [read_resolution(path)]
            )
        except CorpusError:
            continue  # build_index skips the same files
        for res in resolutions:
            for p in res.paragraphs:
                yield f"{res.language or 'fr'}:{p.reference}", p.text


# ---------------------------------------------------------------- engines


def resolu_engine(folder: Path, index_dir: Path) -> Callable[[str], list[str]]:
    """Build (or update) resolu's index of ``folder`` and return its search function."""
    from resolu.index import build_index
    from resolu.search import QuerySyntaxError, open_index

    build_index(folder, index_dir)
    ix = open_index(index_dir)

    def search(query: str) -> list[str]:
        try:
            return [f"{h.language}:{h.reference}" for h in ix.search(query, limit=DEPTH)]
        except QuerySyntaxError:
            return []

    return search


_FTS_OPS = {"AND": "AND", "ET": "AND", "OR": "OR", "OU": "OR", "NOT": "NOT", "SAUF": "NOT"}


def fts5_query(query: str) -> str:
    """Write a user query as the FTS5 MATCH expression a SQLite user would.

    Words and phrases are quoted, operators (English or French) kept, ``word*`` kept
    as a prefix, ``-word`` written ``NOT word``, field filters left out.
    """
    out: list[str] = []
    for m in re.finditer(r'"[^"]*"|\S+', query):
        tok = m.group()
        if tok in _FTS_OPS:
            out.append(_FTS_OPS[tok])
            continue
        if re.match(r"[A-Za-z_]+:", tok):
            continue
        neg = tok.startswith("-") and len(tok) > 1
        tok = tok[1:] if neg else tok
        if tok.startswith('"'):
            words = tok.strip('"')
            piece = '"' + words.replace('"', "") + '"'
        else:
            prefix = tok.endswith("*")
            words = " ".join(re.findall(r"\w+", tok))
            if not words:
                continue
            piece = f'"{words}"' + ("*" if prefix else "")
        if neg:
            out.append("NOT")
        out.append(piece)
    while out and out[0] in ("AND", "OR", "NOT"):
        out.pop(0)
    while out and out[-1] in ("AND", "OR", "NOT"):
        out.pop()
    return " ".join(out)


def fts5_engine(docs: list[tuple[str, str]]) -> Callable[[str], list[str]]:
    """Index the paragraphs in an in-memory FTS5 table; return its search function."""
    con = sqlite3.connect(":memory:")
    con.execute(
        f"CREATE VIRTUAL TABLE p USING fts5(text, key UNINDEXED, tokenize='{FTS5_TOKENIZE}')"
    )
    con.executemany("INSERT INTO p (text, key) VALUES (?, ?)", [(t, k) for k, t in docs])
    con.commit()

    def search(query: str) -> list[str]:
        match = fts5_query(query)
        if not match:
            return []
        try:
            rows = con.execute(
                "SELECT key FROM p WHERE p MATCH ? ORDER BY rank LIMIT ?", (match, DEPTH)
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [r[0] for r in rows]

    return search


def whoosh_engine(docs: list[tuple[str, str]], lang: str) -> Callable[[str], list[str]]:
    """Index the paragraphs with Whoosh's stock analyzer for ``lang``; return search."""
    from whoosh.analysis import LanguageAnalyzer, StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.filedb.filestore import RamStorage
    from whoosh.qparser import QueryParser

    analyzer = LanguageAnalyzer("fr") if lang == "fr" else StemmingAnalyzer()
    schema = Schema(key=ID(stored=True), text=TEXT(analyzer=analyzer))
    ix = RamStorage().create_index(schema)
    with ix.writer(limitmb=256) as w:
        for key, text in docs:
            w.add_document(key=key, text=text)
    searcher = ix.searcher()
    parser = QueryParser("text", schema)

    def search(query: str) -> list[str]:
        try:
            q = parser.parse(query)
        except Exception:
            return []
        return [hit["key"] for hit in searcher.search(q, limit=DEPTH)]

    return search


# ---------------------------------------------------------------- scoring


def run_queries(search: Callable[[str], list[str]], queries: list[dict[str, Any]]) -> Run:
    """Return {query id: {key: score}}, scores decreasing with the engine's rank."""
    run: Run = {}
    for q in queries:
        keys = list(dict.fromkeys(search(q["query"])))[:DEPTH]
        run[q["id"]] = {k: float(DEPTH - i) for i, k in enumerate(keys)}
    return run


def per_query(
    qrels: dict[str, dict[str, int]], run: Run, ids: list[str]
) -> dict[str, dict[str, float]]:
    """Return each query's measures (a query with no hit scores 0)."""
    sub_qrels = {i: qrels[i] for i in ids}
    sub_run = {i: run.get(i) or {"-": 0.0} for i in ids}
    table: dict[str, dict[str, float]] = {i: dict.fromkeys(NAMES.values(), 0.0) for i in ids}
    for m in ir_measures.iter_calc(MEASURES, sub_qrels, sub_run):
        table[m.query_id][NAMES[str(m.measure)]] = m.value
    return table


def judged_at_10(qrels: dict[str, dict[str, int]], run: Run, query_id: str) -> float:
    """Return the share of the top 10 that a judge has read (any grade, 0 included).

    Low values mean the measures rest on unjudged paragraphs counted as not relevant:
    a ranking change that surfaces them looks worse than it is (pooling bias).
    """
    top = sorted(run.get(query_id, {}).items(), key=lambda kv: -kv[1])[:10]
    top = [(k, s) for k, s in top if k != "-"]
    if not top:
        return 1.0
    return sum(k in qrels[query_id] for k, _ in top) / len(top)


def evaluate(qrels: dict[str, dict[str, int]], run: Run, ids: list[str]) -> dict[str, float]:
    """Return the mean of each measure over ``ids``, and of judged@10."""
    table = per_query(qrels, run, ids)
    scores = {name: sum(table[i][name] for i in ids) / len(ids) for name in NAMES.values()}
    scores[JUDGED] = sum(judged_at_10(qrels, run, i) for i in ids) / len(ids)
    return scores


def _build(
    engine: str, folder: Path, docs: list[tuple[str, str]], lang: str, work: Path
) -> Callable[[str], list[str]]:
    if engine == "resolu":
        return resolu_engine(folder, work / f"index-{lang}")
    if engine == "fts5":
        return fts5_engine(docs)
    return whoosh_engine(docs, lang)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "resolu-relevance")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--engines", default="resolu,fts5,whoosh")
    ap.add_argument("--langs", default="fr,en", help="languages to run, comma-separated")
    ap.add_argument(
        "--per-query", type=Path, help="also write each query's measures (JSON) to compare runs"
    )
    args = ap.parse_args(argv)
    if not (args.data / "un_v1_devset").is_dir():
        print(f"no data in {args.data}", file=sys.stderr)
        return 1
    engines = args.engines.split(",")
    queries = load_queries()
    qrels = qrels_of(queries)
    folders = lay_out(args.data, args.work)
    results: dict[str, Any] = {"measures": [*NAMES.values(), JUDGED], "rows": [], "seconds": {}}
    runs: dict[str, Run] = {e: {} for e in engines}
    langs = args.langs.split(",")
    for lang, folder in folders.items():
        if lang not in langs:
            continue
        lang_queries = [q for q in queries if q["lang"] == lang]
        docs = list(paragraphs(folder))
        for engine in engines:
            start = time.perf_counter()
            search = _build(engine, folder, docs, lang, args.work)
            runs[engine].update(run_queries(search, lang_queries))
            results["seconds"][f"{engine}/{lang}"] = round(time.perf_counter() - start, 1)
    columns = [*NAMES.values(), JUDGED]
    header = f"{'lang':4} {'part':8} {'n':>3} {'engine':7} " + " ".join(f"{n:>9}" for n in columns)
    print(header)
    print("-" * len(header))
    for lang in langs:
        for part in ("tuned", "heldout", "all"):
            ids = [
                q["id"]
                for q in queries
                if q["lang"] == lang and (part == "all" or part_of(q["id"]) == part)
            ]
            for engine in engines:
                scores = evaluate(qrels, runs[engine], ids)
                results["rows"].append(
                    {"lang": lang, "part": part, "queries": len(ids), "engine": engine, **scores}
                )
                print(
                    f"{lang:4} {part:8} {len(ids):>3} {engine:7} "
                    + " ".join(f"{scores[n]:9.3f}" for n in columns)
                )
    print(
        "seconds (build + queries): " + ", ".join(f"{k} {v}" for k, v in results["seconds"].items())
    )
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.per_query:
        ids = [q["id"] for q in queries if q["lang"] in langs]
        table = {e: per_query(qrels, runs[e], ids) for e in engines}
        args.per_query.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
