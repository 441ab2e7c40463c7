"""Whoosh's ``AndNot`` with a first match that the excluded side also holds.

Whoosh skipped the excluded side forward only when both sides started on the
same document: a search of an index holding two languages returned its first
match twice (once among the query's language, once among the rest).
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
