"""Paths the tests share: the shipped corpus and the real UN texts beside the repository."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest
from resolu.corpus import corpus_dir
from resolu.index import build_index

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
SEED = next(corpus_dir().glob("*.txt"))


def shared(*parts: str) -> Path:
    """Return a path under ../shared/data, skipping the test where it is absent (a plain clone)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/data is not beside this clone)")
    return path


def seed_copies(folder: Path, count: int, *, start: int = 0) -> Path:
    """Write ``count`` copies of the shipped resolution into ``folder``, each its own resolution.

    Copy n is ``r{n:04d}.txt`` with the symbol ``<folder name>/<1000 + n>``, n from ``start``.
    """
    folder.mkdir(exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    for n in range(start, start + count):
        name = f"{folder.name}/{1000 + n}"
        (folder / f"r{n:04d}.txt").write_text(text.replace("55/109", name), encoding="utf-8")
    return folder


def index_of_files(factory: pytest.TempPathFactory, name: str, files: Iterable[Path]) -> Path:
    """Copy ``files`` into a new corpus folder, index it, and return the index folder."""
    corpus = factory.mktemp(f"{name}-corpus")
    for f in files:
        shutil.copy(f, corpus / f.name)
    target = factory.mktemp(f"{name}-index") / "index"
    build_index(corpus, target)
    return target
