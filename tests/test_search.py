"""Searching the shipped corpus: the query language, phrases, ranking and highlights."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from resolu.corpus import Paragraph, Resolution, read_resolution
from resolu.search import Hit, Index, QuerySyntaxError, ReferenceNotFound, searching
from resolu.search.compiler import PASSAGE_TERMS
from resolu.search.parser import PASSAGE_CHARS
from support import SEED
from unidecode import unidecode


def refs(ix: Index, q: str, **kw) -> list[str]:
    """Return the local references of the hits holding every word (partial matches cut)."""
    results = ix.search(q, limit=50, **kw)
    hits = results.hits if results.complete is None else results.hits[: results.complete]
    return [h.reference.split("#")[1] for h in hits]


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


def _holds(ref: str, *words: str) -> list[bool]:
    text = next(p for p in read_resolution(SEED).paragraphs if p.reference.endswith("#" + ref))
    folded = unidecode(text.text).lower()
    return [w in folded for w in words]


def test_partial_matches_follow_the_complete_ones(corpus_index: Index) -> None:
    results = corpus_index.search("dialogue civilisations", limit=50)
    assert results.complete == 3 and not results.partial
    ranked = [h.reference.split("#")[1] for h in results]
    assert sorted(ranked[:3]) == ["pp1", "pp5", "pp8"]
    assert ranked[3:] and all(sum(_holds(r, "dialogue", "civilisation")) == 1 for r in ranked[3:])
    either = set(refs(corpus_index, "dialogue OR civilisations"))
    assert set(ranked) == either and results.total == len(either)


def test_every_page_agrees_on_the_partial_matches(corpus_index: Index) -> None:
    whole = corpus_index.search("dialogue civilisations", limit=50)
    pages = [corpus_index.search("dialogue civilisations", limit=2, offset=o) for o in (0, 2, 4)]
    assert all((p.total, p.complete) == (whole.total, whole.complete) for p in pages)
    assert [h.reference for p in pages for h in p] == [h.reference for h in whole.hits[:6]]


def test_explicit_and_and_many_complete_matches_add_no_partial_match(
    corpus_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    for q in ("dialogue ET civilisations", "dialogue AND civilisations"):
        strict = corpus_index.search(q, limit=50)
        assert strict.complete is None and strict.total == len(strict) == 3
    monkeypatch.setattr(searching, "FILL_BELOW", 3)
    enough = corpus_index.search("dialogue civilisations", limit=50)
    assert enough.complete is None and enough.total == 3


def test_partial_fallback_says_so(corpus_index: Index) -> None:
    results = corpus_index.search("dialogue zzyzx")
    assert results.partial and len(results) == len(refs(corpus_index, "dialogue"))
    assert not corpus_index.search("dialogue civilisations").partial
    assert not corpus_index.search("zzyzx").hits


@pytest.mark.parametrize(
    ("q", "message", "column"),
    [
        ("dialogue foo:bar", "unknown field 'foo:'", 9),
        ("les de la", "only stop words", 0),
        ("year:deux", "not a year", 0),
        ("kind:banane", "unknown kind", 0),
        ("-dialogue", "only exclude", 0),
        ("*", "empty query", 0),
        ("", "empty query", 0),
    ],
)
def test_malformed_queries_say_what_and_where(
    corpus_index: Index, q: str, message: str, column: int
) -> None:
    with pytest.raises(QuerySyntaxError, match=re.escape(message)) as err:
        corpus_index.search(q)
    assert err.value.position == column


@pytest.mark.parametrize(
    ("q", "same_as"),
    [
        # Before: each of these was a QuerySyntaxError (exit 2 on the command line).
        ('"dialogue entre', "dialogue entre"),
        ("(dialogue OR paix", "dialogue OR paix"),
        ("dialogue)", "dialogue"),
        ("dialogue AND", "dialogue"),
        ("OR dialogue", "dialogue"),
        ('dialogue ""', "dialogue"),
        ("dialogue ()", "dialogue"),
        ("**dialogue** civilisations", "dialogue civilisations"),
        ("d* dialogue", "dialogue"),
        ("dialogue -", "dialogue"),
    ],
)
def test_characters_outside_the_query_language_are_text(
    corpus_index: Index, q: str, same_as: str
) -> None:
    assert refs(corpus_index, q) == refs(corpus_index, same_as) != []


@pytest.mark.parametrize(
    ("q", "same_as", "operators"),
    [
        # Before: "ou" was a stop word: 1 hit for "dialogue ou transparence", 8 with OU.
        ("dialogue ou transparence", "dialogue OU transparence", [("ou", "OU")]),
        ("dialogue sauf religions", "dialogue SAUF religions", [("sauf", "SAUF")]),
        ("dialogue et transparence", "dialogue ET transparence", [("et", "ET")]),
        ('"dialogue" ou (transparence)', '"dialogue" OU transparence', [("ou", "OU")]),
        # First or last, or next to another operator, they are words.
        ("ou dialogue", "dialogue", []),
        ("dialogue sauf", "dialogue", []),
        ("dialogue ou OU transparence", "dialogue OU transparence", []),
        ('"dialogue ou transparence"', '"dialogue ou transparence"', []),
    ],
)
def test_lower_case_ou_et_sauf_between_two_terms_are_operators(
    corpus_index: Index, q: str, same_as: str, operators: list[tuple[str, str]]
) -> None:
    results = corpus_index.search(q, limit=50)
    assert [h.reference.split("#")[1] for h in results] == refs(corpus_index, same_as)
    assert list(results.operators) == operators


def test_ou_between_two_words_finds_either(corpus_index: Index) -> None:
    assert corpus_index.search("dialogue transparence").complete == 1
    either = corpus_index.search("dialogue ou transparence")
    assert (len(either), either.complete) == (8, None)


def test_a_long_passage_is_searched_by_its_rarest_words(corpus_index: Index) -> None:
    pp5 = corpus_index.get("A/RES/55/109#pp5")
    assert isinstance(pp5, Paragraph)
    pasted = f"**{pp5.text}** (cité)"
    results = corpus_index.search(pasted)
    assert results.hits[0].reference == "A/RES/55/109#pp5"
    assert 0 < len(results.passage) <= PASSAGE_TERMS and results.passage_cut == 0
    # Repeated, a short query is still that query (repeats count once): not a passage.
    repeated = corpus_index.search(" ".join(["dialogue civilisations religions"] * 200))
    assert not repeated.passage
    assert refs(corpus_index, " ".join(["dialogue civilisations religions"] * 200)) == refs(
        corpus_index, "dialogue civilisations religions"
    )


def test_a_passage_past_the_cap_is_cut_and_says_so(corpus_index: Index) -> None:
    pp5 = corpus_index.get_paragraph("A/RES/55/109#pp5")
    pasted = " ".join([pp5.text] * (PASSAGE_CHARS // len(pp5.text) + 2))
    results = corpus_index.search(pasted)
    assert results.passage and results.hits[0].reference == "A/RES/55/109#pp5"
    assert results.passage_cut == len(pasted) - PASSAGE_CHARS > 0
    assert results.hits


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


@pytest.mark.parametrize(
    ("q", "same_as"),
    [
        # Before: an acronym was only itself.
        ("ONU", 'ONU OR UN OR "Organisation des Nations Unies" OR "United Nations"'),
        ("onu", 'ONU OR UN OR "Organisation des Nations Unies" OR "United Nations"'),
        (
            "RDC",
            'RDC OR DRC OR "République démocratique du Congo" OR '
            '"Democratic Republic of the Congo"',
        ),
    ],
)
def test_acronyms_also_search_their_names(corpus_index: Index, q: str, same_as: str) -> None:
    results = corpus_index.search(q, limit=50)
    assert [h.reference.split("#")[1] for h in results] == refs(corpus_index, same_as)
    assert results.expansions[0][0] == q
    assert {f for _, forms in results.expansions for f in forms} > {"UN", "DRC"} & set(
        same_as.split()
    )


@pytest.mark.parametrize(("word", "forms"), [("un", ()), ("who", ()), ("WHO", ("OMS",))])
def test_stop_words_in_lower_case_are_not_acronyms(word: str, forms: tuple[str, ...]) -> None:
    from resolu.search.acronyms import acronym_forms

    assert acronym_forms(word)[: len(forms)] == forms


def test_the_organisation_is_found_by_its_acronym(corpus_index: Index) -> None:
    assert not corpus_index.search('"ONU"').hits
    assert corpus_index.search("ONU").hits


@pytest.mark.parametrize(
    ("q", "suggestions"),
    [
        # Before: "no results" and nothing else.
        ("civilisatoins", ("civilisations",)),
        ("dialogue civilisatoins", ("dialogue civilisations",)),
        ("cooperaton internationale", ("cooperation internationale",)),
        ("dialogue", ()),
        ("zzyzx", ()),
    ],
)
def test_did_you_mean_from_the_index_vocabulary(
    corpus_index: Index, q: str, suggestions: tuple[str, ...]
) -> None:
    results = corpus_index.search(q)
    assert results.suggestions[:1] == suggestions[:1]
    for s in results.suggestions:
        assert corpus_index.search(s).total > results.total or results.partial


def test_highlights_are_found_when_first_read(
    corpus_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = searching.highlight_spans

    def counting(text: str, *args: object) -> tuple[tuple[int, int], ...]:
        calls.append(text)
        return real(text, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(searching, "highlight_spans", counting)
    results = corpus_index.search("coopération internationale", limit=5)
    assert len(results) == 5 and calls == []  # citing references costs no highlighting
    hit = results[0]
    first = (hit.highlights, hit.snippet, hit.snippet_highlights)
    assert calls == [hit.text] and first[0]
    assert (hit.highlights, hit.snippet, hit.snippet_highlights) == first and len(calls) == 1
    assert hit.text[slice(*hit.highlights[0])].lower().startswith("coop")
