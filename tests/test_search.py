"""Searching the shipped corpus: the query language, phrases, ranking and highlights."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from resolu.corpus import Paragraph, Resolution, read_resolution
from resolu.search import Hit, Index, QuerySyntaxError, ReferenceNotFound
from support import SEED
from unidecode import unidecode


def refs(ix: Index, q: str, **kw) -> list[str]:
    return [h.reference.split("#")[1] for h in ix.search(q, limit=50, **kw)]


def test_exact_phrase(corpus_index: Index) -> None:
    assert sorted(refs(corpus_index, '"dialogue entre les civilisations"')) == ["pp1", "pp8"]


def test_stop_words_in_a_phrase_are_not_wildcards(corpus_index: Index) -> None:
    assert refs(corpus_index, '"dialogue sur les civilisations"') == []
    assert refs(corpus_index, '"dialogue entre la civilisations"') == []


def test_plain_words_all_match(corpus_index: Index) -> None:
    assert sorted(refs(corpus_index, "dialogue civilisations")) == ["pp1", "pp5", "pp8"]


def test_unaccented_words_find_accented_text(corpus_index: Index) -> None:
    found = refs(corpus_index, "cooperation internationale")
    expected = [
        p.reference.split("#")[1]
        for p in read_resolution(SEED).paragraphs
        if re.search(r"coopérations? internationales?", p.text)
    ]
    assert sorted(found) == sorted(expected) and len(expected) == 7


def test_field_filters_in_document_order(corpus_index: Index) -> None:
    assert refs(corpus_index, "symbol:55/109 kind:operative") == [f"op{i}" for i in range(1, 7)]
    assert refs(corpus_index, "symbol:A/RES/55/109 kind:dispositif") == [
        f"op{i}" for i in range(1, 7)
    ]
    assert refs(corpus_index, "kind:préambule symbol:55/109")[:2] == ["pp1", "pp2"]
    assert len(refs(corpus_index, "kind:footnote symbol:55/109")) == 3


def test_cites(corpus_index: Index) -> None:
    assert refs(corpus_index, "cites:54/181") == ["pp1"]
    assert refs(corpus_index, "cites:A/RES/54/181") == ["pp1"]


@pytest.mark.parametrize("q", ['"non-selectivite"', "non-sélectivité", "non selectivite"])
def test_hyphenated_compound(corpus_index: Index, q: str) -> None:
    assert sorted(refs(corpus_index, q)) == ["op3", "pp4"]


def test_boolean_operators_french_and_english(corpus_index: Index) -> None:
    both = sorted(refs(corpus_index, "dialogue ET transparence"))
    assert both == sorted(refs(corpus_index, "dialogue AND transparence")) == ["pp7"]
    either = set(refs(corpus_index, "dialogue OU transparence"))
    assert either == set(refs(corpus_index, "dialogue OR transparence"))
    assert either == set(refs(corpus_index, "dialogue")) | set(refs(corpus_index, "transparence"))
    without = set(refs(corpus_index, "dialogue SAUF civilisations"))
    assert without == set(refs(corpus_index, "dialogue NOT civilisations"))
    assert without == set(refs(corpus_index, "dialogue -civilisations"))
    assert without == set(refs(corpus_index, "dialogue")) - {"pp1", "pp5", "pp8"}
    grouped = set(refs(corpus_index, "(civilisations OR transparence) -religions"))
    assert grouped == {"pp1", "pp8", "pp7", "op3"}


def test_prefix(corpus_index: Index) -> None:
    assert sorted(refs(corpus_index, "civilis*")) == ["pp1", "pp5", "pp8"]


def test_year_session_lang_body(corpus_index: Index) -> None:
    n = len(refs(corpus_index, "dialogue"))
    assert len(refs(corpus_index, "dialogue year:2000")) == n
    assert len(refs(corpus_index, "dialogue year:1999..2001")) == n
    assert refs(corpus_index, "dialogue year:2001..2005") == []
    assert len(refs(corpus_index, "dialogue session:55 lang:fr body:AG")) == n
    assert refs(corpus_index, "dialogue lang:en") == []
    assert refs(corpus_index, "dialogue body:CS") == []


def test_partial_fallback_says_so(corpus_index: Index) -> None:
    results = corpus_index.search("dialogue zzyzx")
    assert results.partial and len(results) == len(refs(corpus_index, "dialogue"))
    assert not corpus_index.search("dialogue civilisations").partial
    assert not corpus_index.search("zzyzx").hits


@pytest.mark.parametrize(
    ("q", "message", "column"),
    [
        ('"dialogue entre', "unbalanced quote", 0),
        ("(dialogue OR paix", "unbalanced parenthesis", 0),
        ("dialogue)", "closes nothing", 8),
        ("dialogue foo:bar", "unknown field 'foo:'", 9),
        ("les de la", "only stop words", 0),
        ("dialogue AND", "needs something after", 9),
        ("OR dialogue", "needs something before", 0),
        ("year:deux", "not a year", 0),
        ("kind:banane", "unknown kind", 0),
        ("-dialogue", "only exclude", 0),
        ('""', "empty phrase", 0),
        ("*", "prefix", 0),
        ("", "empty query", 0),
    ],
)
def test_malformed_queries_say_what_and_where(
    corpus_index: Index, q: str, message: str, column: int
) -> None:
    with pytest.raises(QuerySyntaxError, match=re.escape(message)) as err:
        corpus_index.search(q)
    assert err.value.position == column


def test_ranking_is_deterministic_and_ties_follow_document_order(corpus_index: Index) -> None:
    first = [(h.reference, h.score) for h in corpus_index.search("droits", limit=50)]
    again = [(h.reference, h.score) for h in corpus_index.search("droits", limit=50)]
    assert first == again
    scores = [s for _, s in first]
    assert scores == sorted(scores, reverse=True)


def test_paging(corpus_index: Index) -> None:
    all_hits = [h.reference for h in corpus_index.search("droits", limit=50)]
    page2 = corpus_index.search("droits", limit=3, offset=3)
    assert [h.reference for h in page2] == all_hits[3:6]
    assert [h.rank for h in page2] == [4, 5, 6]
    assert page2.total == len(all_hits)


def test_group_by_resolution(corpus_index: Index) -> None:
    results = corpus_index.search("dialogue", group_by_resolution=True)
    assert results.grouped and results.total == 1 and len(results) == 1
    hit = results[0]
    assert len(hit.also) == len(refs(corpus_index, "dialogue")) - 1


def test_hits_are_complete_frozen_values(corpus_index: Index) -> None:
    hit = corpus_index.search('"dialogue entre les civilisations"')[0]
    assert isinstance(hit, Hit)
    assert hit.symbol == "A/RES/55/109" and hit.kind == "preambular"
    assert hit.title.startswith("Renforcement de la coopération")
    assert hit.label.startswith("A/RES/55/109, préambule,")
    with pytest.raises(AttributeError):
        hit.score = 0  # type: ignore[misc]


def test_highlights_point_at_accented_words(corpus_index: Index) -> None:
    hit = corpus_index.search("cooperation")[0]
    words = {hit.text[s:e] for s, e in hit.highlights}
    assert words == {"coopération"}
    assert all(hit.snippet[s:e] == "coopération" for s, e in hit.snippet_highlights)
    phrase = corpus_index.search('"dialogue entre les civilisations"')[0]
    assert [phrase.text[s:e] for s, e in phrase.highlights] == ["dialogue entre les civilisations"]


def test_get_paragraph_and_resolution(corpus_index: Index) -> None:
    p = corpus_index.get("A/RES/55/109#op4")
    assert isinstance(p, Paragraph) and p.text.startswith("4. Demande aux États Membres")
    res = corpus_index.get("A/RES/55/109")
    assert isinstance(res, Resolution) and len(res.paragraphs) == 17
    assert [x.reference for x in res.paragraphs] == [
        x.reference for x in read_resolution(SEED).paragraphs
    ]
    with pytest.raises(ReferenceNotFound):
        corpus_index.get("A/RES/55/109#op9")
    with pytest.raises(ReferenceNotFound):
        corpus_index.get("A/RES/1/1")


def test_results_survive_closing(corpus_index_dir) -> None:
    from resolu.search import open_index

    with open_index(corpus_index_dir) as ix:
        results = ix.search("dialogue")
    assert results[0].reference.startswith("A/RES/55/109#")


# ------------------------------------------------------------ the phrase oracle

_ELISION = re.compile(
    r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|quelqu)['’]", re.I
)


def _fold_words(text: str) -> list[str]:
    """An independent folding: unidecode, lower case, elision, words of letters and digits."""
    text = _ELISION.sub("", text.replace("’", "'"))
    return re.findall(r"[a-z0-9]+", unidecode(text).lower())


def _contains(words: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


_SEED_PARAGRAPHS = read_resolution(SEED).paragraphs
_SEED_WORDS = [w for p in _SEED_PARAGRAPHS for w in p.text.split()]


@settings(max_examples=60, deadline=None)
@given(start=st.integers(0, len(_SEED_WORDS) - 6), length=st.integers(2, 6))
def test_phrase_hits_equal_paragraphs_containing_the_folded_phrase(
    corpus_index_dir, start: int, length: int
) -> None:
    from resolu.search import open_index

    raw = " ".join(_SEED_WORDS[start : start + length])
    phrase = _fold_words(raw)
    if len(phrase) < 2 or '"' in raw:
        return
    with open_index(corpus_index_dir) as ix:
        found = {h.reference for h in ix.search(f'"{" ".join(phrase)}"', limit=100)}
    expected = {p.reference for p in _SEED_PARAGRAPHS if _contains(_fold_words(p.text), phrase)}
    assert found == expected, raw
