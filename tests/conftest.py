"""Shared fixtures: the shipped corpus and indexes built from it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from resolu.corpus import corpus_dir
from resolu.index import IndexReport, build_index
from resolu.search import Index, open_index
from support import SEED, SHARED_DATA, index_of_files


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test in an English locale, whatever the machine's; French tests ask for it."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The shipped French resolution A/RES/55/109, as extracted from its PDF."""
    return SEED


@pytest.fixture(scope="session")
def corpus_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the shipped corpus, built once for the session."""
    target = tmp_path_factory.mktemp("corpus-index") / "index"
    build_index(corpus_dir(), target)
    return target


@pytest.fixture(scope="session")
def web_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the shipped resolution and, where ../shared/data has it, the UDHR (fr, en)."""
    return index_of_files(tmp_path_factory, "web", [SEED, *(SHARED_DATA / "udhr").glob("*.html")])


@pytest.fixture()
def corpus_index(corpus_index_dir: Path) -> Iterator[Index]:
    with open_index(corpus_index_dir) as ix:
        yield ix


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped corpus."""
    target = tmp_path / "corpus"
    target.mkdir()
    shutil.copy(SEED, target / SEED.name)
    return target


@pytest.fixture(scope="session")
def sc_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, IndexReport]:
    """An index of the 902 English Security Council texts in ../shared/data, built once."""
    from support import shared

    folder = shared("en_only", "cr-unsc_res_en_gold")
    target = tmp_path_factory.mktemp("sc-index") / "index"
    return target, build_index(folder, target)


@pytest.fixture(scope="session")
def sc_index_dir(sc_built: tuple[Path, IndexReport]) -> Path:
    return sc_built[0]


@pytest.fixture()
def sc_index(sc_index_dir: Path) -> Iterator[Index]:
    with open_index(sc_index_dir) as ix:
        yield ix
