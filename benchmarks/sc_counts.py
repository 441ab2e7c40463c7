"""Count what the reader makes of the 902 English Security Council texts: citations and structure.

    python benchmarks/sc_counts.py [FOLDER]   # default: ../shared/data/en_only/cr-unsc_res_en_gold
    python benchmarks/sc_counts.py --list      # also name the files behind each count
    python benchmarks/sc_counts.py --at 08852e0  # read with the reader of another commit

Prints files read and rejected (with the reason), paragraphs citing at least one
symbol and the citations found, resolutions with no operative paragraph,
paragraphs beginning with an adoption line ("Adopted at…", "Adoptée à…"),
resolutions whose trailer was read into metadata (meeting, votes),
resolutions without a body, footnotes, footnotes holding the body of the next
one ("… S/25810. 11 Ibid., …") and footnotes no paragraph cites. ``--at``
runs the same counts with the packages of another commit (taken with
``git archive``, nothing in the work tree changes), so that a reader change is
compared in one command.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from _at_commit import run_at

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared/data/en_only/cr-unsc_res_en_gold"
#: How a paragraph that is an adoption line begins, in English and French.
ADOPTION = ("Adopted at", "Adopted unanimously", "Adoptée à", "Adoptée à l’unanimité")
#: An adoption line anywhere in a paragraph, a scan's "Adapted" too.
INSIDE = re.compile(
    r"\b(?:Adopted|Adapted|Approved)(?: unanimously)? at the\b(?! request)"
    r"|\bAdoptée? (?:à l’unanimité )?à sa\b"
)


def _footnotes(res: Any) -> tuple[list[str], list[str], list[str]]:
    """Return a resolution's footnotes, those holding the next one's body, those never cited."""
    cited = {n for p in res.paragraphs for n in p.cites_footnotes}
    notes = [p for p in res.paragraphs if p.kind == "footnote"]
    merged = [
        f"{p.reference}: {p.text[:80]}"
        for p in notes
        if p.number.isdigit() and re.search(rf"(?:^|[.;)] ){int(p.number) + 1} [A-Z]", p.text)
    ]
    return (
        [p.reference for p in notes],
        merged,
        [p.reference for p in notes if p.number not in cited],
    )


def count(folder: Path, *, show: bool) -> None:
    from resolu.corpus import CorpusError, corpus_files, read_resolution

    rejected: list[str] = []
    no_operative: list[str] = []
    adopted_at: list[str] = []
    no_body: list[str] = []
    inside: list[str] = []
    voted: list[str] = []
    notes: list[str] = []
    merged: list[str] = []
    uncited: list[str] = []
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
        adopted_at += [p.reference for p in res.paragraphs if p.text.startswith(ADOPTION)]
        inside += [
            f"{p.reference}: …{p.text[m.start() : m.start() + 60]}"
            for p in res.paragraphs
            for m in [INSIDE.search(p.text)]
            if m and not p.text.startswith(ADOPTION)
        ]
        if not res.body:
            no_body.append(res.symbol)
        for into, found in zip((notes, merged, uncited), _footnotes(res), strict=True):
            into += found
        if "meeting" in res.meta or "votes" in res.meta or "votes_for" in res.meta:
            voted.append(res.symbol)
    print(f"{folder.name}: {len(files)} files, {read} read, {paragraphs} paragraphs")
    print(f"  paragraphs citing a symbol: {citing}")
    print(f"  citations found: {cited}")
    print(f"  resolutions with their meeting or votes in metadata: {len(voted)}")
    rows = [
        ("files rejected", rejected),
        ("resolutions with no operative paragraph", no_operative),
        ("paragraphs beginning with an adoption line ('Adopted at', 'Adoptée à')", adopted_at),
        ("other paragraphs holding an adoption line", inside),
        ("resolutions without a body", no_body),
        ("footnotes", notes),
        ("footnotes holding the next footnote's body", merged),
        ("footnotes no paragraph cites", uncited),
    ]
    for name, items in rows:
        print(f"  {name}: {len(items)}")
        if show:
            for item in items:
                print(f"    {item}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--list", action="store_true", help="name the files behind each count")
    ap.add_argument("--at", metavar="COMMIT", help="read with the packages of this commit")
    args = ap.parse_args()
    if not args.folder.is_dir():
        sys.exit(f"no folder {args.folder} (see ../shared/data/PROVENANCE.md)")
    if args.at:
        rest = [str(args.folder), *(["--list"] if args.list else [])]
        sys.exit(run_at(args.at, __file__, rest))
    count(args.folder, show=args.list)


if __name__ == "__main__":
    main()
