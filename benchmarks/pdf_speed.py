"""Measure PDF extraction speed and its share of ``resolu index`` time.

Run ``python benchmarks/pdf_speed.py [PDF_DIR]`` (default: ``../shared/data/un_pdfs``).
It times, over the same PDFs: text extraction alone (:func:`pdf_to_text`), reading
into paragraphs (:func:`read_resolution`, extraction included), and a full
:func:`build_index` of a folder holding the PDFs; it prints pages per second and
the share of the build spent extracting text. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader
from resolu.corpus import read_resolution
from resolu.corpus.pdf import pdf_to_text
from resolu.index import build_index

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "un_pdfs"


def _best(function, repeat: int) -> float:
    """Return the fastest of ``repeat`` timed calls of ``function``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf_dir", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    pdfs = sorted(args.pdf_dir.glob("*.pdf"))
    if not pdfs:
        print(f"no PDF in {args.pdf_dir}", file=sys.stderr)
        return 1
    pages = sum(len(PdfReader(path).pages) for path in pdfs)
    extract = _best(lambda: [pdf_to_text(path) for path in pdfs], args.repeat)
    read = _best(lambda: [read_resolution(path) for path in pdfs], args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for path in pdfs:
            shutil.copy(path, corpus / path.name)

        def build() -> None:
            target = Path(tmp) / "built"
            shutil.rmtree(target, ignore_errors=True)
            report = build_index(corpus, target, rebuild=True)
            assert not getattr(report, "skipped", None), report

        index = _best(build, args.repeat)
    print(f"{len(pdfs)} PDFs, {pages} pages (best of {args.repeat})")
    print(f"extract (pdf_to_text)      {extract:7.2f} s  {pages / extract:6.1f} pages/s")
    print(f"read (+ structure)         {read:7.2f} s  {pages / read:6.1f} pages/s")
    print(f"resolu index (build_index) {index:7.2f} s  {pages / index:6.1f} pages/s")
    print(f"extraction share of index  {100 * extract / index:6.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
