"""Build the benchmark corpora: folders of resolution files and their paragraphs.

Each corpus is a folder that ``resolu.index.build_index`` reads, plus a JSON-lines
file holding the paragraphs resolu's reader produced from that same folder. SQLite
and Xapian index those JSON lines, so every engine sees the same paragraphs.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Corpus", "build_english", "build_french", "read_paragraphs"]

EN_DIR = Path("en_only") / "cr-unsc_res_en_gold"
UDHR_FR = Path("udhr") / "A_RES_217_A_III.fr.html"
DEVSET = Path("un_v1_devset")
#: Copy k of the English set renumbers S/RES/n as S/RES/(k * COPY_STRIDE + n).
COPY_STRIDE = 100_000
_NAME = re.compile(r"S_RES_(\d+)_(\d{4})_EN_GOLD\.txt")


@dataclass
class Corpus:
    """One corpus: the folder resolu indexes and the paragraphs for the others."""

    name: str
    language: str
    folder: Path
    jsonl: Path
    description: str
    files: int = 0
    paragraphs: int = 0
    characters: int = 0
    resolutions: int = 0
    distinct_symbols: int = 0
    distinct_keys: int = 0
    read_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def _renumber(text: str, number: int, year: str, offset: int) -> str:
    """Add ``offset`` to a resolution's own number (``242 (1967)``, ``S/RES/242``).

    The number is taken from the heading where it has one, since a few source files
    carry a heading that disagrees with their file name (S_RES_0542 reads
    "Resolution 538 (1983)"); the reader trusts the heading.
    """
    heading = re.search(rf"(?<![\d/])(\d{{1,4}})(?=\s*\(\s*{year}\s*\))", text[:600])
    if heading:
        number = int(heading.group(1))
    new = offset + number
    text = re.sub(rf"(?<![\d/]){number}(?=\s*\(\s*{year}\s*\))", str(new), text)
    return re.sub(rf"S/RES/0*{number}(?!\d)", f"S/RES/{new}", text)


def build_english(data: Path, work: Path, scale: int) -> Corpus:
    """Write ``scale`` copies of the 902 English Security Council resolutions.

    Copy 0 is the original; copy k renumbers every resolution ``S/RES/n`` as
    ``S/RES/(k*100000 + n)``, in its file name and in its heading, so that each copy
    holds distinct symbols.
    """
    source = data / EN_DIR
    folder = work / f"en-x{scale}" / "corpus"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    originals = sorted(source.glob("S_RES_*_EN_GOLD.txt"))
    for path in originals:
        shutil.copyfile(path, folder / path.name)
    for k in range(1, scale):
        for path in originals:
            match = _NAME.fullmatch(path.name)
            if match is None:
                continue
            number, year = int(match.group(1)), match.group(2)
            offset = k * COPY_STRIDE
            text = path.read_text(encoding="utf-8")
            out = folder / f"S_RES_{offset + number:04d}_{year}_EN_GOLD.txt"
            out.write_text(_renumber(text, number, year, offset), encoding="utf-8")
    corpus = Corpus(
        name=f"en-x{scale}",
        language="en",
        folder=folder,
        jsonl=folder.parent / "paragraphs.jsonl",
        description=(
            f"{len(originals)} English S/RES texts x{scale}"
            + (
                f" (copies 1..{scale - 1} renumbered S/RES/n -> S/RES/(k*{COPY_STRIDE}+n))"
                if scale > 1
                else ""
            )
        ),
    )
    return corpus


def _copy_devset(dev_fr: Path, dev_ids: Path, folder: Path, copy: int) -> None:
    """Write copy ``copy`` of the dev set, each document id given a segment ``c<copy>``.

    ``2015/a/69/767`` becomes ``2015/a/69/767/c2`` (symbol ``A/69/767/C2``): every
    copy holds distinct documents, symbols and paragraph references. The segment goes
    before a year qualifier (``2015/s/res/2204/c2__2015_``, symbol ``S/RES/2204/C2
    (2015)``), since an id with a segment after its qualifier spells no symbol and the
    reader refuses the file.
    """
    stem = f"{dev_fr.stem}-c{copy}"
    shutil.copyfile(dev_fr, folder / f"{stem}.fr")
    lines = []
    for line in dev_ids.read_text(encoding="utf-8").splitlines():
        doc_id, sep, rest = line.partition(" ")
        head, qualifier, year = doc_id.rstrip("/").partition("__")
        lines.append(f"{head}/c{copy}{qualifier}{year}{sep}{rest}")
    (folder / f"{stem}.ids").write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_french(data: Path, work: Path, shipped: Path, scale: int = 1) -> Corpus:
    """Gather the French texts: shipped resolution(s), the UDHR, the UNv1 dev set.

    With ``scale`` N above 1, the dev set N times: copy k (1..N-1) renumbers every
    document id (:func:`_copy_devset`), so each copy holds distinct documents.
    """
    from _reader import reader_handles

    name = "fr" if scale == 1 else f"fr-x{scale}"
    folder = work / name / "corpus"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    notes = []
    shipped_files = sorted(shipped.glob("*.txt"))
    for path in shipped_files:
        shutil.copyfile(path, folder / path.name)
    parts = [f"{len(shipped_files)} shipped resolution file(s)"]
    udhr = data / UDHR_FR
    if udhr.exists():
        ok, why = reader_handles(udhr)
        if ok:
            shutil.copyfile(udhr, folder / udhr.name)
            parts.append("French UDHR (html)")
        else:
            notes.append(f"French UDHR skipped: {why.replace(f'{udhr}: ', '')}")
    else:
        notes.append(f"French UDHR skipped: {udhr} not found")
    dev_fr = data / DEVSET / "UNv1.0.devset.fr"
    dev_ids = data / DEVSET / "UNv1.0.devset.ids"
    if dev_fr.exists() and dev_ids.exists():
        shutil.copyfile(dev_fr, folder / dev_fr.name)
        shutil.copyfile(dev_ids, folder / dev_ids.name)
        for copy in range(1, scale):
            _copy_devset(dev_fr, dev_ids, folder, copy)
        copies = f" x{scale} (copies 1..{scale - 1}: ids renumbered id -> id/c<k>)"
        parts.append("4,000 French lines of UNv1.0 devset" + (copies if scale > 1 else ""))
    else:
        notes.append("UNv1.0 devset not found")
    return Corpus(
        name=name,
        language="fr",
        folder=folder,
        jsonl=folder.parent / "paragraphs.jsonl",
        description=" + ".join(parts),
        notes=notes,
    )


def read_paragraphs(corpus: Corpus) -> None:
    """Read ``corpus.folder`` with resolu's reader and write its paragraphs as JSON lines."""
    from _reader import iter_resolutions

    start = time.perf_counter()
    symbols: set[str] = set()
    keys: set[str] = set()
    with corpus.jsonl.open("w", encoding="utf-8") as out:
        for resolution in iter_resolutions(corpus.folder, corpus.notes):
            corpus.resolutions += 1
            symbols.add(resolution.symbol)
            for p in resolution.paragraphs:
                corpus.paragraphs += 1
                corpus.characters += len(p.text)
                record = {
                    "key": f"{resolution.language}:{p.reference}",
                    "reference": p.reference,
                    "symbol": resolution.symbol,
                    "kind": p.kind,
                    "lang": resolution.language,
                    "year": resolution.year or 0,
                    "text": p.text,
                }
                keys.add(record["key"])
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    corpus.read_seconds = time.perf_counter() - start
    corpus.distinct_symbols = len(symbols)
    corpus.files = sum(1 for f in corpus.folder.rglob("*") if f.is_file())
    corpus.distinct_keys = len(keys)
    if corpus.distinct_keys < corpus.paragraphs:
        corpus.notes.append(
            f"{corpus.paragraphs - corpus.distinct_keys} paragraphs share a key "
            "(language:reference) with another"
        )
