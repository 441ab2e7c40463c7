"""Get paragraphs from resolu's own reader, or say plainly that it is not there.

The benchmark feeds every engine the paragraphs resolu's reader produces. While that
reader is missing (early in the project) a naive blank-line splitter stands in, and
the run's notes say so: its figures then say nothing about resolu's reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace
from typing import Any

__all__ = ["find", "iter_resolutions", "reader_handles", "reader_name"]

#: Names a corpus-level reader might have in ``resolu.index`` (tried in order).
_CORPUS_READERS = ("iter_corpus", "read_corpus", "iter_resolutions", "read_resolutions")
_PARALLEL_SUFFIXES = (".fr", ".en", ".es", ".ar", ".ru", ".zh")


def find(name: str, *modules: str) -> Any | None:
    """Return ``name`` from the first of ``modules`` that has it."""
    for module in modules:
        try:
            found = getattr(import_module(module), name, None)
        except ImportError:
            continue
        if found is not None:
            return found
    return None


def _resolu_index() -> Any | None:
    read_resolution = find(
        "read_resolution", "resolu.corpus", "resolu.index", "resolu.index.reader"
    )
    if read_resolution is None:
        return None
    return SimpleNamespace(
        read_resolution=read_resolution,
        corpus=next(
            (
                (name, f)
                for name in _CORPUS_READERS
                if (f := find(name, "resolu.corpus", "resolu.index", "resolu.index.builder"))
                is not None
            ),
            None,
        ),
        read_parallel=find("read_parallel", "resolu.corpus.uncorpus", "resolu.index.uncorpus"),
        is_parallel=find(
            "is_parallel_corpus_file", "resolu.corpus.uncorpus", "resolu.index.uncorpus"
        ),
        # build_index's own file list and per-file reader, where they exist.
        files=find("corpus_files", "resolu.corpus", "resolu.index", "resolu.index.builder"),
        read_file=find("read_file", "resolu.corpus") or find("_read", "resolu.index.builder"),
    )


def reader_name() -> str:
    """Return which reader produces the paragraphs."""
    index = _resolu_index()
    if index is None:
        return "FALLBACK blank-line splitter (resolu.index.read_resolution missing)"
    if index.corpus:
        return f"resolu.index.{index.corpus[0]}"
    if index.files and index.read_file:
        return "resolu corpus_files + read_file (what build_index reads)"
    return "resolu read_resolution + read_parallel"


def reader_handles(path: Path) -> tuple[bool, str]:
    """Return whether resolu's reader yields paragraphs for ``path``, and why not."""
    index = _resolu_index()
    if index is None:
        return False, "resolu.index.read_resolution is missing"
    try:
        resolution = index.read_resolution(path)
    except Exception as error:
        return False, f"read_resolution raised {type(error).__name__}: {error}"
    if not resolution.paragraphs:
        return False, "read_resolution found no paragraphs"
    return True, ""


def iter_resolutions(folder: Path, notes: list[str]) -> Iterator[Any]:
    """Yield the resolutions under ``folder`` as resolu's ``build_index`` would read them.

    Files the reader rejects are skipped, as ``build_index`` skips them; ``notes``
    gets the first few reasons and the count.
    """
    index = _resolu_index()
    if index is None:
        notes.append("paragraphs from a FALLBACK splitter, not resolu's reader")
        yield from _fallback(folder)
        return
    if index.corpus:
        yield from index.corpus[1](folder)
        return
    skipped = 0
    for path, read in _files_and_readers(index, folder):
        try:
            yield from read(path)
        except Exception as error:
            skipped += 1
            if skipped <= 3:
                reason = str(error).replace(f"{path}: ", "")
                notes.append(f"reader skipped {path.name}: {reason}")
    if skipped > 3:
        notes.append(f"reader skipped {skipped} files in all")


def _files_and_readers(index: Any, folder: Path) -> Iterator[tuple[Path, Any]]:
    """Pair each file ``build_index`` would read with the reader it would use."""
    if index.files and index.read_file:
        for path in index.files(folder):
            yield path, index.read_file
        return
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix == ".ids":
            continue
        parallel = (
            index.is_parallel(path) if index.is_parallel else path.suffix in _PARALLEL_SUFFIXES
        )
        if parallel and index.read_parallel is not None:
            yield path, index.read_parallel
        elif not parallel:
            yield path, lambda p: [index.read_resolution(p)]


@dataclass(frozen=True)
class _Paragraph:
    reference: str
    kind: str
    number: str
    text: str


@dataclass(frozen=True)
class _Resolution:
    symbol: str
    language: str
    year: int | None
    paragraphs: tuple[_Paragraph, ...]


_EN_NAME = re.compile(r"S_RES_(\d+)_(\d{4})_EN_GOLD")


def _fallback(folder: Path) -> Iterator[_Resolution]:
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix == ".ids":
            continue
        if path.suffix in _PARALLEL_SUFFIXES:
            yield from _fallback_parallel(path)
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        match = _EN_NAME.match(path.stem)
        if match:
            symbol, year, language = f"S/RES/{int(match.group(1))}", int(match.group(2)), "en"
        else:
            symbol, year, language = path.stem, None, "fr"
        blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text)]
        paragraphs = tuple(
            _Paragraph(
                f"{symbol}#p{i}",
                "operative" if re.match(r"\d+\.", b) else "preambular",
                str(i),
                b,
            )
            for i, b in enumerate((b for b in blocks if b), 1)
        )
        yield _Resolution(symbol, language, year, paragraphs)


def _fallback_parallel(path: Path) -> Iterator[_Resolution]:
    ids = path.with_suffix(".ids").read_text(encoding="utf-8").splitlines()
    lines = path.read_text(encoding="utf-8").splitlines()
    language = path.suffix[1:]
    documents: dict[str, list[_Paragraph]] = {}
    for i, (doc, text) in enumerate(zip(ids, lines, strict=False), 1):
        symbol = doc.split()[0]
        documents.setdefault(symbol, []).append(_Paragraph(f"{symbol}#l{i}", "line", str(i), text))
    for symbol, paragraphs in documents.items():
        yield _Resolution(symbol, language, 2015, tuple(paragraphs))
