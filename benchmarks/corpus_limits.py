"""Measure the largest real values that the corpus limits bound, beside the default limits.

    python benchmarks/corpus_limits.py [FOLDER] [--out results.json]   # default: ../shared/data

For every file resolu reads under FOLDER: its size (files holding one
resolution), a PDF's pages and the bytes its compressed streams inflate to, the
longest line and the longest paragraph read. Prints the largest of each, the
default limit and the margin (limit / largest), and whether any real file is
refused by the defaults (it must be none).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from resolu.corpus import CorpusError, corpus_files, read_file
from resolu.corpus.formats import format_of
from resolu.corpus.limits import DEFAULT_LIMITS, Limits, inflate_budget

REPO = Path(__file__).resolve().parent.parent
_HUGE = Limits(
    file_bytes=1 << 40, pdf_pages=1 << 30, inflated_bytes=1 << 40, paragraph_chars=1 << 40
)


def _longest_line(path: Path) -> int:
    fmt = format_of(path)
    if fmt is not None and fmt.name == "pdf":
        from resolu.corpus.pdf import pdf_to_text

        text = pdf_to_text(path, _HUGE)
    elif fmt is not None and fmt.name == "word":
        from resolu.corpus.word import docx_text

        text = docx_text(path)
    else:
        text = path.read_text(encoding="utf-8", errors="replace")
    return max((len(line) for line in text.splitlines()), default=0)


def _pdf_figures(path: Path) -> tuple[int, int]:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from resolu.corpus.pdf import _read_glyphs

    with path.open("rb") as handle:
        pages = sum(1 for _ in PDFPage.create_pages(PDFDocument(PDFParser(handle))))
    with inflate_budget(path, _HUGE) as budget:
        _read_glyphs(path, _HUGE.pdf_pages)  # what pdf_to_text reads, under this budget
    return pages, budget.used


def measure(folder: Path) -> dict[str, tuple[int, str]]:
    """Return, for each limit, the largest real value and the file holding it."""
    largest: dict[str, tuple[int, str]] = {
        "file_bytes": (0, ""),
        "pdf_pages": (0, ""),
        "inflated_bytes": (0, ""),
        "paragraph_chars": (0, ""),
        "line_chars": (0, ""),
    }

    def keep(name: str, value: int, path: Path) -> None:
        if value > largest[name][0]:
            largest[name] = (value, str(path.relative_to(folder)))

    for path in corpus_files(folder):
        fmt = format_of(path)
        if fmt is None:
            continue
        if not fmt.many:
            keep("file_bytes", path.stat().st_size, path)
        if fmt.name == "pdf":
            pages, inflated = _pdf_figures(path)
            keep("pdf_pages", pages, path)
            keep("inflated_bytes", inflated, path)
        keep("line_chars", _longest_line(path), path)
        try:
            for res in read_file(path, limits=_HUGE):
                keep("paragraph_chars", max((len(p.text) for p in res.paragraphs), default=0), path)
        except CorpusError:
            continue  # refused for another reason than a limit (not a resolution)
    return largest


def refused_by_defaults(folder: Path) -> list[tuple[str, str]]:
    """Return the real files that the default limits refuse (and not the huge ones)."""
    out = []
    for path in corpus_files(folder):
        try:
            for _ in read_file(path):
                pass
        except CorpusError as exc:
            try:
                for _ in read_file(path, limits=_HUGE):
                    pass
            except CorpusError:
                continue  # refused anyway, for another reason
            out.append((str(path.relative_to(folder)), exc.reason))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args()
    if not args.folder.is_dir():
        sys.exit(f"{args.folder}: no such folder")
    files = corpus_files(args.folder)
    largest = measure(args.folder)
    refused = refused_by_defaults(args.folder)
    limit_of = {
        "file_bytes": DEFAULT_LIMITS.file_bytes,
        "pdf_pages": DEFAULT_LIMITS.pdf_pages,
        "inflated_bytes": DEFAULT_LIMITS.inflated_bytes,
        "paragraph_chars": DEFAULT_LIMITS.paragraph_chars,
        "line_chars": DEFAULT_LIMITS.paragraph_chars,
    }
    print(f"{args.folder}: {len(files)} files read by resolu")
    print(f"{'limit':<16} {'largest real':>14} {'default':>14} {'margin':>8}  file")
    rows = []
    for name, (value, where) in largest.items():
        margin = limit_of[name] / value if value else float("inf")
        print(f"{name:<16} {value:>14,} {limit_of[name]:>14,} {margin:>7.0f}x  {where}")
        rows.append({"limit": name, "largest": value, "default": limit_of[name], "file": where})
    print(f"real files refused by the default limits: {len(refused)}")
    for rel, why in refused:
        print(f"  {rel}: {why}")
    if args.out:
        payload = {
            "folder": str(args.folder),
            "files": len(files),
            "rows": rows,
            "refused": refused,
        }
        args.out.write_text(json.dumps(payload, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
