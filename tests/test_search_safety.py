"""Hostile queries and misuse of the library: only the documented exceptions, quickly.

The documented exceptions are :class:`ResoluError` subclasses (a malformed or
too costly query is a :class:`QuerySyntaxError`, exit 2 at the CLI) and
``TypeError``/``ValueError`` for an argument of the wrong kind.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from resolu.corpus import ResoluError
from resolu.search import (
    Index,
    IndexClosed,
    QuerySyntaxError,
    ReferenceNotFound,
    open_index,
)
from resolu.search.cli import cli
from resolu.search.parser import MAX_DEPTH, MAX_TERMS, parse

HOSTILE = [
    ("(" * 247 + "paix" + ")" * 247, "too deeply nested"),
    ("(a OR " * 163 + "paix" + ")" * 163, "too deeply nested"),
    ("NOT " * 988 + "paix", "too deeply nested"),
    ("paix " + "-guerre " * 5000, None),  # one exclusion, said 5,000 times
    (" AND ".join(["paix"] * 5000), None),
    (" OR ".join(f"mot{i}" for i in range(5000)), "too many terms"),
    ("se* " * 100, None),
    ("paix " * 300, None),
    ('"' + " ".join(f"mot{i}" for i in range(3000)) + '"', "phrase too long"),
    ('"' + "de la " * 10 + '"', "comes back more than"),
    # '*' after one letter is text (#15): the words a, b, c, answered.
    ("a* b* c*", None),
    ("co* re* pe* se*", "too many prefixes"),
]


@pytest.mark.parametrize(("query", "error"), HOSTILE, ids=[q[:20] for q, _ in HOSTILE])
def test_hostile_queries_are_answered_or_refused_with_the_reason(
    corpus_index: Index, query: str, error: str | None
) -> None:
    if error is None:
        corpus_index.search(query)  # collapsed to what it means, and answered
    else:
        with pytest.raises(QuerySyntaxError, match=error):
            corpus_index.search(query)


def test_repeated_words_count_once() -> None:
    assert parse("paix paix paix") == parse("paix")
    assert parse(" OR ".join(["(paix OR guerre)"] * 50)).op == "or"
    words = " ".join(f"w{i}" for i in range(MAX_TERMS))
    assert parse(words + " " + words).op == "and"  # MAX_TERMS distinct words, twice
    assert parse("(" * MAX_DEPTH + "paix" + ")" * MAX_DEPTH).text == "paix"


def test_the_cli_exits_2_on_a_too_costly_query(runner: CliRunner, corpus_index_dir: Path) -> None:
    # Balanced: a parenthesis never closed is text (#15), not nesting.
    deep = "(" * 300 + "paix" + ")" * 300
    out = runner.invoke(cli, ["search", deep, "--index-dir", str(corpus_index_dir)])
    assert out.exit_code == 2
    assert "too deeply nested" in out.stderr and "Traceback" not in out.output


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


# ------------------------------------------------------------------ misuse


MISUSES = [
    (lambda ix: ix.get(None), TypeError),
    (lambda ix: ix.get(123), TypeError),
    (lambda ix: ix.get("A/RES/55/109", lang=3), TypeError),
    (lambda ix: ix.search(b"paix"), TypeError),
    (lambda ix: ix.search(None), TypeError),
    (lambda ix: ix.search("paix", offset=math.nan), TypeError),
    (lambda ix: ix.search("paix", limit=-1), ValueError),
    (lambda ix: ix.search("paix", limit=True), TypeError),
    (lambda ix: ix.get(""), ReferenceNotFound),
    (lambda ix: ix.get("#"), ReferenceNotFound),
]


@pytest.mark.parametrize(("call", "error"), MISUSES)
def test_misuse_raises_a_documented_error(corpus_index: Index, call: object, error: type) -> None:
    with pytest.raises(error):
        call(corpus_index)  # type: ignore[operator]


def test_an_index_used_after_close_says_so(corpus_index_dir: Path) -> None:
    ix = open_index(corpus_index_dir)
    ix.close()
    for call in (
        len,
        lambda i: i.search("paix"),
        lambda i: i.get("A/RES/55/109"),
        Index.resolutions,
    ):
        with pytest.raises(IndexClosed, match="closed"):
            call(ix)  # type: ignore[operator]


def test_build_index_refuses_bad_arguments(corpus_copy: Path, tmp_path: Path) -> None:
    from resolu.index import build_index

    for kwargs, error in [
        ({"procs": 0}, ValueError),
        ({"procs": -3}, ValueError),
        ({"limitmb": 0}, ValueError),
        ({"procs": 1.5}, TypeError),
    ]:
        with pytest.raises(error):
            build_index(corpus_copy, tmp_path / "ix", **kwargs)  # type: ignore[arg-type]
    assert not (tmp_path / "ix").exists()


# ------------------------------------------------------------------ fuzz

_PIECES = st.sampled_from(
    ["paix", "dialogue", "civilis*", "de", "la", "(", ")", '"', "OR", "OU", "AND", "ET", "NOT",
     "SAUF", "-", "*", ":", "symbol:", "year:", "year:2000-1990", "lang:en", "body:", "kind:",
     "A/RES/55/109", "droits", "l’homme", "«", "»", "\\", "\x00", "é", "‐", "“"]
)  # fmt: skip
_QUERIES = st.one_of(
    st.lists(_PIECES, max_size=30).map(" ".join),
    st.lists(_PIECES, max_size=30).map("".join),
    st.text(max_size=200),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=_QUERIES)
def test_fuzz_queries_raise_only_query_syntax_errors(corpus_index: Index, query: str) -> None:
    try:
        results = corpus_index.search(query, limit=3)
    except QuerySyntaxError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert results.total >= len(results.hits)


_REFS = st.one_of(
    st.text(max_size=60),
    st.builds(
        lambda lang, sym, sep, local: f"{lang}{sym}{sep}{local}",
        st.sampled_from(["", "fr:", "en:", "xx:", ":"]),
        st.sampled_from(["A/RES/55/109", "a/res/55/109", "A/RES/55", "S/RES/242(1967)", "", "/"]),
        st.sampled_from(["", "#", "##"]),
        st.sampled_from(["op1", "pp8", "fn3", "op99", "", "l2", "art1"]),
    ),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reference=_REFS, lang=st.sampled_from([None, "fr", "en", "xx", ""]))
def test_fuzz_references_raise_only_reference_not_found(
    corpus_index: Index, reference: str, lang: str | None
) -> None:
    try:
        found = corpus_index.get(reference, lang=lang)
    except ReferenceNotFound:
        return
    except ResoluError as exc:  # pragma: no cover - shown if it ever happens
        pytest.fail(f"{type(exc).__name__}: {exc}")
    assert found.reference if hasattr(found, "reference") else found.symbol  # type: ignore[union-attr]
