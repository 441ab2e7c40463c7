"""Write what the reader makes of the shipped corpus and ../shared/data, or compare two runs.

    python benchmarks/references.py --write refs.json     # every file's references
    python benchmarks/references.py --compare before.json after.json
    python benchmarks/references.py --write before.json --at 08852e0   # another commit's reader

Each file gives, per paragraph: symbol, language, title, body, year, reference,
label, kind, number, a hash of the text, cited symbols and footnotes, aligned
keys. Run ``--write`` at two commits (it reads with the layout of either: the
reader modules in ``resolu.index`` before the three-floors refactor, in
``resolu.corpus`` after) and ``--compare`` tells every difference.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FOLDERS = ("en_only", "un_pdfs", "udhr", "un_v1_devset")


def _reader() -> tuple[Any, Any, type[Exception]]:
    try:
        from resolu.corpus import CorpusError, corpus_files, read_file

        return corpus_files, read_file, CorpusError
    except ImportError:  # before the three-floors refactor
        from resolu.index.builder import _read, corpus_files  # type: ignore[attr-defined]
        from resolu.index.errors import CorpusError  # type: ignore[attr-defined]

        return corpus_files, _read, CorpusError


def _rows(read: Any, path: Path) -> Iterator[list[Any]]:
    for res in read(path):
        for p in res.paragraphs:
            digest = hashlib.md5(p.text.encode()).hexdigest()
            yield [
                *(res.symbol, res.language, res.title, res.body, res.year),
                *(p.reference, p.label, p.kind, p.number, digest),
                *(list(p.cites_symbols), list(p.cites_footnotes), list(p.aligned)),
            ]


def write(out: Path) -> None:
    from resolu.corpus import corpus_dir

    corpus_files, read, error = _reader()
    roots = [corpus_dir(), *(DATA / name for name in FOLDERS if (DATA / name).is_dir())]
    found: dict[str, Any] = {}
    for root in roots:
        for path in corpus_files(root):
            key = f"{root.name}/{path.relative_to(root)}"
            try:
                found[key] = list(_rows(read, path))
            except error as exc:
                found[key] = ["ERR", exc.reason]  # type: ignore[attr-defined]
    out.write_text(json.dumps(found, ensure_ascii=False, indent=0))
    paragraphs = sum(len(v) for v in found.values() if v[:1] != ["ERR"])
    print(f"{len(found)} files, {paragraphs} paragraphs -> {out}")


_COLUMNS = (
    "symbol language title body year reference label kind number text cites footnotes aligned"
)


def _what_differs(before: Any, after: Any) -> str:
    """Say how one file's rows differ: references gone and new, then the columns that changed."""
    if not before or not after or before[:1] == ["ERR"] or after[:1] == ["ERR"]:
        return f"{str(before)[:60]} -> {str(after)[:60]}"
    rows_a = {r[5].partition("#")[2]: r for r in before}
    rows_b = {r[5].partition("#")[2]: r for r in after}
    gone = [r for r in rows_a if r not in rows_b]
    new = [r for r in rows_b if r not in rows_a]
    said = [f"-{' -'.join(gone)}"] if gone else []
    said += [f"+{' +'.join(new)}"] if new else []
    names = _COLUMNS.split()
    for ref, row in rows_a.items():
        changed = [n for n, x, y in zip(names, row, rows_b.get(ref, row), strict=True) if x != y]
        if changed:
            said.append(f"{ref}: {','.join(changed)}")
    if not said and before != after:
        said.append("same rows, another order")
    return "; ".join(said)


def compare(before: Path, after: Path, *, every: bool = False) -> int:
    a, b = json.loads(before.read_text()), json.loads(after.read_text())
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    for key in differ if every else differ[:20]:
        print(f"differs: {key}" + (f"  {_what_differs(a.get(key), b.get(key))}" if every else ""))
    total = sum(len(v) for v in a.values())
    print(f"{len(a)} files and {total} paragraph rows before; {len(differ)} files differ")
    return 1 if differ else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", type=Path)
    ap.add_argument("--compare", type=Path, nargs=2)
    ap.add_argument("--at", metavar="COMMIT", help="--write with the packages of this commit")
    ap.add_argument("--all", action="store_true", help="--compare names every file that differs")
    args = ap.parse_args()
    if args.write and args.at:
        from _at_commit import run_at

        sys.exit(run_at(args.at, __file__, ["--write", str(args.write.resolve())]))
    if args.write:
        write(args.write)
    if args.compare:
        sys.exit(compare(*args.compare, every=args.all))


if __name__ == "__main__":
    main()
