"""Measure whether a Debian tool reads legacy Word (.doc) resolutions faithfully.

resolu reads .docx itself; a legacy .doc would go through an outside tool
(antiword or catdoc, both Debian packages). The measure: make .docx files
whose reading resolu knows (the shipped French resolution with its footnotes,
made as tests/test_word.py makes it, and Security Council texts of
../shared/data, one Word paragraph per paragraph of text), have LibreOffice
save each as .doc (Word 97-2003), read the .doc through each tool and resolu's
text splitter, and count the files that give the same references and texts as
the .docx, and the same footnotes.

    python benchmarks/doc_converters.py [--files N]

Needs soffice (libreoffice-writer-nogui), antiword and catdoc on PATH.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "tests"))


def _antiword(doc: Path) -> str:
    from resolu.corpus.legacy_word import doc_text

    return doc_text(doc)  # what resolu reads: antiword, footnotes as the splitter wants them


def _catdoc(doc: Path) -> str:
    return subprocess.run(
        ["catdoc", "-w", "-d", "utf-8", str(doc)], capture_output=True, text=True
    ).stdout


TOOLS = {"antiword": _antiword, "catdoc": _catdoc}


def _shape(res: object) -> list[tuple[str, str]]:
    return [(p.reference, p.text) for p in res.paragraphs]  # type: ignore[attr-defined]


def _notes(res: object) -> list[str]:
    return [p.text for p in res.paragraphs if p.kind == "footnote"]  # type: ignore[attr-defined]


def _plain_docx(text: str, target: Path) -> None:
    """Write one Word paragraph per blank-line block of ``text`` (wrapped lines joined)."""
    doc = Document()
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines:
            doc.add_paragraph(" ".join(lines))
    doc.save(str(target))


def _make_docx(folder: Path, count: int) -> list[Path]:
    import test_word
    from resolu.corpus import corpus_dir
    from test_word import _text_as_word, _write_docx

    seed = next(corpus_dir().glob("*.txt")).read_text(encoding="utf-8")
    made = []
    # The footnotes as tests/test_word.py numbers them (ids out of order: Word
    # numbers them by reference), then with ids in order.
    for name, ids in (("A_RES_55_109.fr", test_word._IDS), ("A_RES_55_109-ordered.fr", None)):
        if ids is None:
            test_word._IDS = {1: 1, 2: 2, 3: 3}
        made.append(folder / f"{name}.docx")
        _write_docx(*_text_as_word(seed), made[-1])
    sc = sorted((SHARED / "en_only" / "cr-unsc_res_en_gold").glob("*.txt"))[:count]
    for path in sc:
        target = folder / (path.stem + ".docx")
        _plain_docx(path.read_text(encoding="utf-8"), target)
        made.append(target)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100, help="Security Council texts to use")
    args = parser.parse_args(argv)
    for tool in ("soffice", *TOOLS):  # each reader is named for its program
        if shutil.which(tool) is None:
            print(f"{tool} is not installed", file=sys.stderr)
            return 1
    from resolu.corpus import CorpusError, read_resolution
    from resolu.corpus.splitter import split_resolution

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docx = _make_docx(work, args.files)
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "doc", "--outdir", str(work / "doc")]
            + [str(p) for p in docx],
            check=True,
            capture_output=True,
        )
        counts = {tool: [0, 0] for tool in TOOLS}  # same texts, readable
        differ: dict[str, list[str]] = {tool: [] for tool in TOOLS}
        compared = 0
        seed_notes: dict[str, object] = {}
        for path in docx:
            try:
                expected = read_resolution(path)
            except CorpusError:
                continue
            compared += 1
            doc = work / "doc" / (path.stem + ".doc")
            for tool, read in TOOLS.items():
                try:
                    got = split_resolution(read(doc), source=str(doc), filename=path.name)
                except CorpusError as exc:
                    differ[tool].append(f"{path.stem} ({exc.reason})")
                    continue
                counts[tool][1] += 1
                counts[tool][0] += _shape(got) == _shape(expected)
                if _shape(got) != _shape(expected):
                    differ[tool].append(path.stem)
                if path.name.startswith("A_RES_55_109"):
                    seed_notes[f"{path.stem} via {tool}"] = _notes(got)
                    seed_notes[f"{path.stem} via docx"] = _notes(expected)
    print(f"{compared} .docx read by resolu, saved as .doc by LibreOffice ({len(docx)} made)")
    for tool, (same, readable) in counts.items():
        print(
            f"{tool:9} read as a resolution: {readable}/{compared}; "
            f"same references and texts: {same}/{compared}"
        )
        print(f"          differ: {', '.join(differ[tool][:5]) or 'none'}")
    for name, notes in seed_notes.items():
        print(f"{name} footnotes: {notes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
