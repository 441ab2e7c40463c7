"""Analysis throughput: resolu's French pipeline against Whoosh's stock LanguageAnalyzer("fr").

Both analyse the same French text (the shipped resolution and, where present,
the French lines of the UN Parallel Corpus sample) in the same process, in
alternating rounds; the figure that matters is the ratio.

    python benchmarks/analysis_speed.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from resolu.corpus import corpus_dir, read_resolution
from resolu.index import french_analyzer
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


if __name__ == "__main__":
    main()
