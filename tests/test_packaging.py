"""Packaging: the wheel installs under one root, carries the corpus, and answers a search."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(out)],
        check=True,
    )
    (found,) = out.glob("resolu-*.whl")
    return found


@pytest.mark.slow
def test_wheel_installs_under_one_root_with_the_corpus(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    roots = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert roots == {"resolu"}
    assert "resolu/corpus/000_f730982b1d88a241.txt" in names
    assert {f"resolu/{p}/py.typed" for p in ("corpus", "index", "search")} <= set(names)
    assert "resolu/search/__main__.py" in names
    # resolu serve's templates and assets travel as package data.
    assert {
        "resolu/search/web/templates/search.html",
        "resolu/search/web/templates/resolution.html",
        "resolu/search/web/static/style.css",
        "resolu/search/web/static/cite.js",
    } <= set(names)
    seed = zipfile.ZipFile(wheel).read("resolu/corpus/000_f730982b1d88a241.txt")
    assert seed == (REPO / "corpus" / "000_f730982b1d88a241.txt").read_bytes()


@pytest.mark.slow
def test_installed_wheel_searches_the_shipped_corpus(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("RESOLU_INDEX", None)
    out = subprocess.run(
        [str(venv / "bin" / "resolu"), "search", '"dialogue entre les civilisations"'],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    assert "A/RES/55/109#pp1" in out.stdout and "A/RES/55/109#pp8" in out.stdout
    assert "indexing the shipped corpus" in out.stderr
    again = subprocess.run(
        [str(py), "-m", "resolu.search", "search", "cites:54/181"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    assert "A/RES/55/109#pp1" in again.stdout and again.stderr == ""
