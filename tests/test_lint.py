"""The code stays as clean as the project says: ruff (lint and format) and mypy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO

PACKAGES = ("corpus", "index", "search")


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", "."], ["ruff", "format", "--check", "."]],
    ids=["ruff-check", "ruff-format"],
)
def test_clean(command: list[str]) -> None:
    out = subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_types(tmp_path: Path) -> None:
    # The folders install as resolu.corpus, resolu.index and resolu.search, a
    # mapping mypy cannot read from pyproject.toml: lay the packages out as
    # they import, so that types flow between them instead of becoming Any.
    root = tmp_path / "resolu"
    root.mkdir()
    for package in PACKAGES:
        (root / package).symlink_to(REPO / package, target_is_directory=True)
    command = ["mypy", "--explicit-package-bases", *(f"-p=resolu.{p}" for p in PACKAGES)]
    env = {**os.environ, "MYPYPATH": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stdout + out.stderr
