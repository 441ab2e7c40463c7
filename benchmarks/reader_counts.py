"""Read every resolution file under a folder and count what the reader makes of it.

    python benchmarks/reader_counts.py [FOLDER]   # default: ../shared/data/en_only

Prints resolutions read, files rejected (with their reasons), paragraphs per
kind, and the files whose text gives a different symbol than their name.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

from resolu.corpus import CorpusError, corpus_files, read_resolution
from resolu.corpus.header import symbol_from_filename

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared/data/en_only"
    kinds: collections.Counter[str] = collections.Counter()
    rejected: list[tuple[str, str]] = []
    renamed: list[tuple[str, str]] = []
    read = 0
    files = [f for f in corpus_files(folder) if f.suffix.lower() in (".txt", ".pdf")]
    for path in files:
        try:
            res = read_resolution(path)
        except CorpusError as exc:
            rejected.append((path.name, exc.reason))
            continue
        read += 1
        kinds.update(p.kind for p in res.paragraphs)
        named = symbol_from_filename(path.name)
        if named and named.replace(" ", "") != res.symbol.replace(" ", ""):
            renamed.append((path.name, res.symbol))
    print(f"{folder}: {len(files)} files, {read} resolutions read, {len(rejected)} rejected")
    print(
        f"paragraphs: {sum(kinds.values())} = "
        + ", ".join(f"{k} {n}" for k, n in kinds.most_common())
    )
    for name, reason in rejected:
        print(f"  rejected {name}: {reason}")
    for name, symbol in renamed:
        print(f"  the text of {name} says {symbol}")


if __name__ == "__main__":
    main()
