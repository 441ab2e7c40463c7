"""Compare French stemmers on the labelled set (issue 15): Snowball, with exceptions, light.

For each variant, builds resolu's index of the judged French paragraphs (as
``benchmarks/relevance.py`` lays them out) with that stemmer, runs the French
queries and scores nDCG@10, MRR@10 and Recall@100 (ir-measures) on the tuned and
held-out parts. Also runs the English queries with and without the table of
irregular plurals. Then prints, per variant, which word pairs share a term
(``expression``/``expressément`` must not, ``liberté``/``libertés`` must) and the
hit counts of the issue's queries. ``--out`` writes the same figures as JSON.

    python benchmarks/stemmers.py [--data DIR] [--work DIR] [--out FILE] [--no-english]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import relevance

#: variant -> (French algorithm, use the French table of unstemmed words)
FRENCH_VARIANTS = {
    "snowball": ("snowball", False),
    "snowball+exceptions": ("snowball", True),
    "light": ("light", False),
    "light+exceptions": ("light", True),
}
ENGLISH_VARIANTS = {"snowball": False, "snowball+irregular": True}

#: (word, word, should they be one term?)
PAIRS = [
    ("expression", "expressément", False),
    ("liberté", "libéral", False),
    ("résolution", "résolument", False),
    ("note", "notamment", False),
    ("communication", "commune", False),
    ("civilisations", "civiles", False),
    ("organisation", "organe", False),
    ("liberté", "libertés", True),
    ("civilisation", "civilisations", True),
    ("droit", "droits", True),
    ("internationale", "internationaux", True),
    ("coopération", "coopérations", True),
    ("développement", "développements", True),
    ("réfugié", "réfugiées", True),
    ("enfant", "enfants", True),
    ("femme", "femmes", True),
    ("national", "nationaux", True),
]
ISSUE_QUERIES = ["expression", "expressément", "expression SAUF expressément"]


def configure(algorithm: str, exceptions: bool, irregular: bool = True) -> None:
    """Set the stemmer new indexes (and their searches) use, in this process."""
    from resolu.index import analysis, lexicon

    analysis.FRENCH_STEMMER = algorithm
    lexicon.UNSTEMMED["fr"] = (
        frozenset(lexicon._FRENCH_UNSTEMMED.split()) if exceptions else frozenset()
    )
    lexicon.IRREGULAR["en"] = dict(lexicon._ENGLISH_IRREGULAR) if irregular else {}


def score(
    lang: str, folder: Path, index_dir: Path, queries: list[dict[str, Any]]
) -> dict[str, Any]:
    """Build an index of ``folder`` and score the ``lang`` queries on each part."""
    from resolu.index import build_index

    start = time.perf_counter()
    build_index(folder, index_dir, rebuild=True)
    search = relevance.resolu_engine(folder, index_dir)
    lang_queries = [q for q in queries if q["lang"] == lang]
    run = relevance.run_queries(search, lang_queries)
    qrels = relevance.qrels_of(queries)
    out: dict[str, Any] = {"seconds": round(time.perf_counter() - start, 1)}
    for part in ("tuned", "heldout", "all"):
        ids = [q["id"] for q in lang_queries if part == "all" or relevance.part_of(q["id"]) == part]
        out[part] = {"queries": len(ids), **relevance.evaluate(qrels, run, ids)}
    return out


def cases(index_dir: Path) -> dict[str, Any]:
    """Return which pairs share a term, and the issue queries' hit counts, in this index."""
    from resolu.index.analysis import french_analyzer
    from resolu.search import open_index

    analyzer = french_analyzer()

    def term(word: str) -> str:
        return "".join(t.text for t in analyzer(word))

    pairs = [
        {"a": a, "b": b, "want_same": want, "same": term(a) == term(b), "terms": [term(a), term(b)]}
        for a, b, want in PAIRS
    ]
    with open_index(index_dir) as ix:
        counts = {q: ix.search(q, limit=1).total for q in ISSUE_QUERIES}
        top = [h.reference for h in ix.search("liberte d'expression", limit=3)]
    return {
        "pairs_right": sum(p["same"] == p["want_same"] for p in pairs),
        "pairs": pairs,
        "hits": counts,
        "liberte_d_expression_top3": top,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=relevance.ROOT.parent / "shared" / "data")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "resolu-stemmers")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--no-english", action="store_true")
    args = ap.parse_args(argv)
    if not (args.data / "un_v1_devset").is_dir():
        print(f"no data in {args.data}", file=sys.stderr)
        return 1
    queries = relevance.load_queries()
    folders = relevance.lay_out(args.data, args.work)
    results: dict[str, Any] = {"fr": {}, "en": {}}
    for name, (algorithm, exceptions) in FRENCH_VARIANTS.items():
        configure(algorithm, exceptions)
        index_dir = args.work / f"index-fr-{name}"
        results["fr"][name] = score("fr", folders["fr"], index_dir, queries)
        results["fr"][name]["cases"] = cases(index_dir)
    if not args.no_english:
        for name, irregular in ENGLISH_VARIANTS.items():
            configure("snowball", False, irregular)
            index_dir = args.work / f"index-en-{name}"
            results["en"][name] = score("en", folders["en"], index_dir, queries)
    configure("snowball", True)
    print_table(results)
    if args.out:
        args.out.write_text(
            json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


def print_table(results: dict[str, Any]) -> None:
    """Print the measures per language, variant and part, then the French cases."""
    names = list(relevance.NAMES.values())
    print(f"{'lang':4} {'variant':20} {'part':8} {'n':>3} " + " ".join(f"{n:>8}" for n in names))
    for lang, variants in results.items():
        for variant, row in variants.items():
            for part in ("tuned", "heldout", "all"):
                m = row[part]
                print(
                    f"{lang:4} {variant:20} {part:8} {m['queries']:>3} "
                    + " ".join(f"{m[n]:8.3f}" for n in names)
                )
    print()
    for variant, row in results["fr"].items():
        c = row["cases"]
        wrong = [f"{p['a']}/{p['b']}" for p in c["pairs"] if p["same"] != p["want_same"]]
        right = f"{c['pairs_right']}/{len(PAIRS)}"
        print(f"{variant:20} pairs right {right}; wrong: {', '.join(wrong) or '-'}")
        top = c["liberte_d_expression_top3"]
        print(f"{'':20} hits {c['hits']}; liberte d'expression top 3: {top}")


if __name__ == "__main__":
    sys.exit(main())
