"""Analysis throughput: resolu's French pipeline against Whoosh's stock LanguageAnalyzer("fr").

Both analyse the same French text (the shipped resolution and, where present,
the French lines of the UN Parallel Corpus sample) in the same process, in
alternating rounds; the figure that matters is the ratio.

A second table times what indexing does instead (``word_term``): each
distinct word of that text analysed once, by the analyzer's chain of
generators (as ``word_term`` did before issue 16) and by the filters' word
steps (as it does now), for the two per-word analyzers of a French build
(``text_fr``/``title_fr`` and ``exact``), in CPU seconds, rounds alternating,
the fold cache emptied before each; both must give the same terms.

    python benchmarks/analysis_speed.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from resolu.corpus import corpus_dir, read_resolution
from resolu.index import analysis, exact_analyzer, french_analyzer
from whoosh.analysis import LanguageAnalyzer

REPO = Path(__file__).resolve().parent.parent
DEVSET = REPO.parent / "shared" / "data" / "un_v1_devset" / "UNv1.0.devset.fr"


def texts() -> list[str]:
    found = [p.text for f in corpus_dir().glob("*.txt") for p in read_resolution(f).paragraphs]
    if DEVSET.exists():
        found += DEVSET.read_text(encoding="utf-8").splitlines()
    return found


def run(analyzer, paragraphs: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    tokens = 0
    for text in paragraphs:
        for _ in analyzer(text, mode="index"):
            tokens += 1
    return time.perf_counter() - start, tokens


def each_word(analyse: Callable[[str], str], words: list[str]) -> tuple[float, list[str]]:
    """Analyse each word once, from an empty fold cache; return CPU seconds and the terms."""
    analysis._FOLD_CACHE.clear()
    start = time.process_time()
    terms = [analyse(w) for w in words]
    return time.process_time() - start, terms


def words_table(paragraphs: list[str], rounds: int) -> None:
    words = sorted({w for text in paragraphs for w in analysis.split_words(text)})
    print(f"\n{len(words)} distinct words, each analysed once: CPU s (median of {rounds})")
    print(f"  {'analyzer':10s} {'chain':>8s} {'steps':>8s} {'ratio':>6s}")
    for name, analyzer in (("text_fr", french_analyzer()), ("exact", exact_analyzer())):
        ways = {
            "chain": lambda w, a=analyzer: analysis._chain_term(a, w),
            "steps": analysis._word_analysis(analyzer),
        }
        seconds: dict[str, list[float]] = {way: [] for way in ways}
        for _ in range(rounds):
            found = {}
            for way, analyse in ways.items():
                spent, found[way] = each_word(analyse, words)
                seconds[way].append(spent)
            if found["chain"] != found["steps"]:
                raise SystemExit(f"{name}: the word steps and the chain disagree")
        chain, steps = (statistics.median(seconds[way]) for way in ways)
        print(f"  {name:10s} {chain:8.3f} {steps:8.3f} {steps / chain:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    paragraphs = texts()
    chars = sum(map(len, paragraphs))
    engines = {
        "resolu french_analyzer()": french_analyzer(),
        'whoosh LanguageAnalyzer("fr")': LanguageAnalyzer("fr"),
    }
    rates: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(args.rounds):
        for name, analyzer in engines.items():
            seconds, tokens = run(analyzer, paragraphs)
            rates[name].append(tokens / seconds)
    print(
        f"{len(paragraphs)} paragraphs, {chars} characters, {os.cpu_count()} cores, "
        f"{args.rounds} alternating rounds (median)"
    )
    medians = {name: statistics.median(r) for name, r in rates.items()}
    for name, rate in medians.items():
        print(f"  {name:32s} {rate:12,.0f} tokens/s")
    names = list(medians)
    print(f"  ratio resolu/whoosh: {medians[names[0]] / medians[names[1]]:.2f}")
    words_table(paragraphs, args.rounds)


if __name__ == "__main__":
    main()
