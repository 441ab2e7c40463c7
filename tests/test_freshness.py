"""The cheap freshness check of a long-lived Index, and how it opens its files."""

from __future__ import annotations

from pathlib import Path

import pytest
from resolu.index import build_index
from resolu.index.folder import current_generation
from resolu.index.store import open_store
from resolu.search.freshness import CommitWatch
from support import seed_copies


def _watch(target: Path) -> CommitWatch:
    gen = current_generation(target)
    assert gen is not None
    store = open_store(target)
    try:
        return CommitWatch(target, gen, store.latest_generation())
    finally:
        store.close()


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """Return a one-resolution corpus folder and its index."""
    corpus, target = seed_copies(tmp_path / "corpus", 1), tmp_path / "ix"
    build_index(corpus, target)
    return corpus, target


def test_a_watch_sees_each_commit_and_each_rebuild_at_once(built: tuple[Path, Path]) -> None:
    corpus, target = built
    watch = _watch(target)
    assert watch.unchanged() and watch.unchanged()
    for n in (1, 2):  # incremental commits, each right after the watch: no timestamp to wait for
        seed_copies(corpus, 1, start=n)
        build_index(corpus, target)
        assert not watch.unchanged()
        watch = _watch(target)
        assert watch.unchanged()
    build_index(corpus, target, rebuild=True)  # another generation, switched by CURRENT
    assert not watch.unchanged()
    assert _watch(target).unchanged()


def test_a_watch_on_a_missing_folder_sends_to_the_full_check(built: tuple[Path, Path]) -> None:
    _, target = built
    watch = _watch(target)
    (target / "CURRENT").unlink()
    assert not watch.unchanged()


def test_an_index_maps_its_files_from_its_second_query_with_the_same_answers(
    tmp_path: Path,
) -> None:
    from resolu.search import open_index

    corpus, target = tmp_path / "corpus", tmp_path / "ix"
    corpus.mkdir()
    for n in range(3):
        seed_copies(corpus, 1, start=n)
    build_index(corpus, target)
    with open_index(target) as ix:
        first = ix.search("dialogue civilisations", limit=20)
        assert ix._ix.storage.supports_mmap is False  # a one-question process copies nothing
        again = ix.search("dialogue civilisations", limit=20)
        assert ix._ix.storage.supports_mmap is True  # a long-lived one holds the files
        assert [(h.reference, h.score) for h in again] == [(h.reference, h.score) for h in first]
        assert first.total == again.total > 0
