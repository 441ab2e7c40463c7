"""The compiler leaves out a language's branch only where it can match nothing.

A query is compiled once per language and the branches OR-ed; a branch whose
words the index does not hold is dropped (:func:`compiler._either`). These
tests compare every result, score included, with the OR of every branch, on
an index holding French and English, on both scoring paths, and show that a
branch that can match is kept.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from resolu.index import build_index
from resolu.search import QuerySyntaxError, open_index
from resolu.search import compiler as compiler_module
from resolu.search.compiler import AndMaybe, compile_query
from support import SEED, shared
from whoosh import query as wq

#: Queries on a mixed index: a word only French holds, only English, both
#: (a name), phrases (the exact field is shared by the languages), two words
#: (partial matches), exclusions, a field filter, a lang: filter, a prefix.
QUERIES = (
    "coopération",
    "civilisations",
    "council",
    "security",
    "justice",
    "international",
    "Nations Unies",
    "human rights",
    "droits homme",
    '"droits de l’homme"',
    '"the Security Council"',
    '"Nations Unies"',
    '"United Nations"',
    "council coopération",
    "security NOT council",
    "coopération NOT dialogue",
    "council kind:operative",
    "lang:en droits",
    "lang:fr security",
    "secur*",
    "paix OR peace",
    "zzzunknown security",
)


@pytest.fixture(scope="module")
def mixed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of French and English texts: A/RES/55/109, the UDHR in both, 30 SC texts."""
    corpus = tmp_path_factory.mktemp("mixed") / "corpus"
    corpus.mkdir()
    sc = sorted(shared("en_only", "cr-unsc_res_en_gold").glob("*.txt"))
    for path in [SEED, *shared("udhr").glob("*.html"), *sc[:30]]:
        shutil.copyfile(path, corpus / path.name)
    index_dir = corpus.parent / "ix"
    build_index(corpus, index_dir, procs=1)
    return index_dir


def _answers(index_dir: Path, *, fast: bool) -> list[object]:
    out: list[object] = []
    with open_index(index_dir, fast=fast) as ix:
        for q in QUERIES:
            try:
                results = ix.search(q, limit=30)
            except QuerySyntaxError as exc:
                out.append(str(exc))
                continue
            hits = [(h.key, h.score, h.rank) for h in results]
            out.append((hits, results.total, results.partial, results.complete, results.elsewhere))
    return out


def _every_branch(branches: list[wq.Query], df: object) -> wq.Query:
    return branches[0] if len(branches) == 1 else wq.Or(branches)


@pytest.mark.parametrize("fast", [True, False])
def test_dropping_branches_changes_no_result(
    mixed_index: Path, monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    pruned = _answers(mixed_index, fast=fast)
    monkeypatch.setattr(compiler_module, "_either", _every_branch)
    whole = _answers(mixed_index, fast=fast)
    differ = [(q, a, b) for q, a, b in zip(QUERIES, pruned, whole, strict=True) if a != b]
    assert not differ, f"{len(differ)} queries differ, first: {differ[0]}"
    found = [a for a in pruned if isinstance(a, tuple) and a[1]]
    assert len(found) > len(QUERIES) * 2 // 3


def _fields(q: wq.Query) -> set[str]:
    return {field for field, _ in q.iter_all_terms()}


def _compiled(index_dir: Path, text: str) -> wq.Query:
    with open_index(index_dir) as ix:
        s = ix._fresh()
        return compile_query(text, s.schema, reader=s.reader(), df=s.doc_frequency).query


def test_a_branch_that_can_match_is_kept(mixed_index: Path) -> None:
    # Only French holds it: the English branch goes, the French stays.
    assert _fields(_compiled(mixed_index, "coopération")) == {"text_fr", "title_fr"}
    # Only English holds it.
    assert _fields(_compiled(mixed_index, "council")) == {"text_en", "title_en"}
    # Both hold it (the same stem): both branches stay.
    assert {"text_fr", "text_en"} <= _fields(_compiled(mixed_index, "justice"))
    # A phrase searches the exact field in each branch: both stay, both match.
    phrase = _compiled(mixed_index, '"United Nations"')
    assert isinstance(phrase, wq.Or) and len(phrase.subqueries) == 2
    # No branch can match: nothing is searched.
    assert _compiled(mixed_index, "zzzunknown") is wq.NullQuery


_HELD = {("text_en", "council"), ("title_en", "council"), ("exact", "council"), ("kind", "x")}


def _df(field: str, text: str) -> int:
    return 1 if (field, text) in _HELD else 0


def _term(field: str, text: str) -> wq.Query:
    return wq.Term(field, text)


CASES: list[tuple[Callable[[], wq.Query], bool]] = [
    (lambda: _term("text_fr", "council"), True),
    (lambda: _term("text_en", "council"), False),
    # Not a word field: its vocabulary is not looked at.
    (lambda: _term("kind", "operative"), False),
    (lambda: AndMaybe(_term("text_fr", "council"), _term("title_en", "council")), True),
    (lambda: AndMaybe(_term("text_en", "council"), _term("title_fr", "council")), False),
    (lambda: wq.And([_term("text_en", "council"), _term("text_fr", "council")]), True),
    (lambda: wq.And([_term("text_en", "council"), wq.Not(_term("text_en", "x"))]), False),
    (lambda: wq.Or([_term("text_fr", "council"), _term("text_en", "council")]), False),
    (lambda: wq.Or([_term("text_fr", "council"), _term("exact", "zz")]), True),
    (lambda: wq.Phrase("exact", ["council", "zz"]), True),
    (lambda: wq.Phrase("exact", ["council", "council"]), False),
    (lambda: wq.AndNot(_term("text_fr", "council"), _term("kind", "x")), True),
    (lambda: wq.AndNot(_term("text_en", "council"), _term("text_en", "council")), False),
    (lambda: wq.Prefix("text_fr", "zz"), False),
    (lambda: wq.NumericRange("year", 1990, 2000), False),
    (lambda: wq.NullQuery, True),
]


@pytest.mark.parametrize(("make", "empty"), CASES)
def test_what_can_match_nothing(make: Callable[[], wq.Query], empty: bool) -> None:
    assert compiler_module._matches_nothing(make(), _df) is empty


def test_branches_are_kept_whole_when_two_can_match() -> None:
    a, b, c = _term("text_en", "council"), _term("exact", "council"), _term("text_fr", "x")
    assert compiler_module._either([a, b, c], _df) == wq.Or([a, b, c])
    assert compiler_module._either([c, b], _df) == b
    assert compiler_module._either([a, c], None) == wq.Or([a, c])
