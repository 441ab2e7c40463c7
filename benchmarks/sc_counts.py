"""Count what the reader makes of the 902 English Security Council texts: citations and structure.

    python benchmarks/sc_counts.py [FOLDER]   # default: ../shared/data/en_only/cr-unsc_res_en_gold
    python benchmarks/sc_counts.py --list      # also name the files behind each count

Prints files read and rejected (with the reason), paragraphs citing at least one
symbol and the citations found, resolutions with no operative paragraph,
paragraphs beginning "Adopted at" and resolutions without a body. Run it at two
commits to compare a reader change.
"""

from __future__ import annotations

import sys
from pathlib import Path

from resolu.corpus import CorpusError, corpus_files, read_resolution

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/en_only/cr-unsc_res_en_gold"


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--list"]
    show = "--list" in sys.argv
    folder = Path(args[0]) if args else DEFAULT
    if not folder.is_dir():
        sys.exit(f"no folder {folder} (see ../shared/data/PROVENANCE.md)")
    rejected: list[str] = []
    no_operative: list[str] = []
    adopted_at: list[str] = []
    no_body: list[str] = []
    citing = cited = paragraphs = read = 0
    files = corpus_files(folder)
    for path in files:
        try:
            res = read_resolution(path)
        except CorpusError as exc:
            rejected.append(f"{path.name}: {exc.reason}")
            continue
        read += 1
        paragraphs += len(res.paragraphs)
        citing += sum(1 for p in res.paragraphs if p.cites_symbols)
        cited += sum(len(p.cites_symbols) for p in res.paragraphs)
        if not any(p.kind == "operative" for p in res.paragraphs):
            no_operative.append(res.symbol)
        adopted_at += [p.reference for p in res.paragraphs if p.text.startswith("Adopted at")]
        if not res.body:
            no_body.append(res.symbol)
    print(f"{folder.name}: {len(files)} files, {read} read, {paragraphs} paragraphs")
    rows = [
        ("files rejected", rejected),
        ("resolutions with no operative paragraph", no_operative),
        ("paragraphs beginning 'Adopted at'", adopted_at),
        ("resolutions without a body", no_body),
    ]
    print(f"  paragraphs citing a symbol: {citing}")
    print(f"  citations found: {cited}")
    for name, items in rows:
        print(f"  {name}: {len(items)}")
        if show:
            for item in items:
                print(f"    {item}")


if __name__ == "__main__":
    main()
