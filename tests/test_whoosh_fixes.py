"""Whoosh's ``AndNot`` with a first match that the excluded side also holds; a copied
``ListMatcher``.

Whoosh skipped the excluded side forward only when both sides started on the
same document: a search of an index holding two languages returned its first
match twice (once among the query's language, once among the rest). A copy
of the matcher of postings kept in the term table lost its term and entry.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import resolu.search  # noqa: F401  (installs the correction)
from resolu.index import build_index
from resolu.search import open_index
from support import SEED
from whoosh import fields
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage
from whoosh.matching.mcore import ListMatcher

ENGLISH = """Resolution {n} (2001)

The Security Council,

{pp}

1. {op}
"""


def test_and_not_excludes_a_first_match_the_other_side_holds() -> None:
    schema = fields.Schema(id=fields.ID(stored=True), words=fields.KEYWORD)
    ix = RamStorage().create_index(schema)
    with ix.writer() as w:
        w.add_document(id="0", words="b")
        w.add_document(id="1", words="a b")
        w.add_document(id="2", words="a")
    with ix.searcher() as s:
        found = [
            hit["id"] for hit in s.search(wq.AndNot(wq.Term("words", "a"), wq.Term("words", "b")))
        ]
    assert found == ["2"]


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped French resolution and two English ones, the phrase in the second."""
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copyfile(SEED, corpus / SEED.name)
    texts = {
        "S_RES_0001_2001_EN.txt": (
            "Noting the report of the Secretary-General,",
            "Decides to remain seized of the matter.",
        ),
        "S_RES_0002_2001_EN.txt": (
            "Recalling its previous resolutions,",
            "Calls upon all States to cooperate fully.",
        ),
    }
    for n, (name, (pp, op)) in enumerate(texts.items(), start=1):
        (corpus / name).write_text(ENGLISH.format(n=n, pp=pp, op=op), encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("ix") / "index"
    report = build_index(corpus, index_dir)
    assert report.resolutions == 3
    return index_dir


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize(
    "query",
    ['"calls upon all states"', "calls upon all states", "states SAUF remain", "states OU matter"],
)
def test_a_mixed_language_index_returns_each_paragraph_once(
    two_languages: Path, query: str, fast: bool
) -> None:
    with open_index(two_languages, fast=fast) as index:
        results = index.search(query, limit=50)
        refs = [(hit.language, hit.reference) for hit in results]
    assert refs, query
    assert [r for r, n in Counter(refs).items() if n > 1] == []
    assert results.total == len(refs)


@pytest.fixture(scope="module")
def seed_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index of the shipped resolution alone.

    A word in one paragraph keeps its postings in the term table: Whoosh reads
    them with a ListMatcher.
    """
    corpus = tmp_path_factory.mktemp("seed")
    shutil.copyfile(SEED, corpus / SEED.name)
    index_dir = tmp_path_factory.mktemp("seed-ix") / "index"
    build_index(corpus, index_dir)
    return index_dir


def test_a_copied_list_matcher_keeps_its_term_and_entry(seed_only: Path) -> None:
    with open_index(seed_only) as index, index._ix.searcher() as s:
        matcher = s.postings("exact", "constructif")
        assert isinstance(matcher, ListMatcher) and matcher.term() is not None
        copy = matcher.copy()
        assert copy.term() == matcher.term() == ("exact", b"constructif")
        assert copy.block_min_length() == matcher.block_min_length() > 0
        assert list(copy.all_ids()) == list(matcher.all_ids())


@pytest.mark.parametrize("fast", [True, False])
def test_a_phrase_of_words_in_one_paragraph_is_found(seed_only: Path, fast: bool) -> None:
    with open_index(seed_only, fast=fast) as index:
        # "constructif" and "consultations" are each in one paragraph only.
        hits = index.search('"un dialogue constructif et des consultations"')
        assert [h.reference for h in hits] == ["A/RES/55/109#op4"]


def test_a_list_matcher_below_the_lowest_kept_score_is_still_counted(seed_only: Path) -> None:
    with open_index(seed_only) as index, index._ix.searcher() as s:
        matcher = wq.Term("exact", "constructif").matcher(s)  # scored: it has a quality
        assert isinstance(matcher, ListMatcher) and matcher.max_quality() > 0
        assert matcher.replace(matcher.max_quality() + 1) is matcher
        matcher.next()
        assert not matcher.replace(0).is_active()
