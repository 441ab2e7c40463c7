"""Paths the tests share: the shipped corpus and the real UN texts beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from resolu.corpus import corpus_dir

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
SEED = next(corpus_dir().glob("*.txt"))


def shared(*parts: str) -> Path:
    """Return a path under ../shared/data, skipping the test where it is absent (a plain clone)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/data is not beside this clone)")
    return path
