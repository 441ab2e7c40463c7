"""The language of a query, in an index of both (the UDHR in French and English)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from resolu.search import Index, open_index
from resolu.search.cli import cli
from support import SHARED_DATA

pytestmark = pytest.mark.skipif(
    not (SHARED_DATA / "udhr").is_dir(), reason=f"no UDHR in {SHARED_DATA}"
)


@pytest.fixture()
def mixed(web_index_dir: Path) -> Iterator[Index]:
    with open_index(web_index_dir) as ix:
        yield ix


@pytest.mark.parametrize(
    ("q", "language"),
    [
        ("droits de l'homme", "fr"),
        ("liberté d'expression", "fr"),
        ("les nations", "fr"),
        ("human rights", "en"),
        ("the nations", "en"),
        ("freedom of expression", "en"),
        ("nations", "unknown"),
    ],
)
def test_the_query_language_is_detected(mixed: Index, q: str, language: str) -> None:
    assert mixed.search(q).language == language


@pytest.mark.parametrize(
    ("q", "first"), [("nations OU dignité", "fr"), ("nations OR dignity", "en")]
)
def test_paragraphs_in_the_query_language_come_first(mixed: Index, q: str, first: str) -> None:
    # Before: French and English paragraphs interleaved by score.
    languages = [h.language for h in mixed.search(q, limit=100)]
    assert set(languages) == {"fr", "en"}
    switch = languages.index(next(x for x in languages if x != first))
    assert set(languages[:switch]) == {first} and first not in languages[switch:]
    page = mixed.search(q, limit=5, offset=switch - 2)
    assert [h.language for h in page] == [first, first, *[languages[switch]] * 3]


def test_an_empty_lang_filter_says_what_the_other_language_has(mixed: Index) -> None:
    # Before: "droits homme lang:en" gave 0 and no hint.
    results = mixed.search("droits homme lang:en")
    assert results.total == 0
    assert dict(results.elsewhere) == {"fr": mixed.search("droits homme lang:fr").total}
    assert mixed.search("droits homme lang:fr").elsewhere == {}


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({}, "no paragraph in English; the index has 20 in French"),
        ({"LANG": "fr_FR.UTF-8"}, "aucun paragraphe en anglais\u00a0; l’index en a 20 en français"),
    ],
)
def test_the_cli_gives_the_hint(web_index_dir: Path, env: dict[str, str], said: str) -> None:
    out = CliRunner().invoke(
        cli, ["search", "droits", "homme", "lang:en", "--index-dir", str(web_index_dir)], env=env
    )
    assert out.exit_code == 0 and said in out.stdout


def test_a_hit_is_fetched_back_exactly_in_its_language(mixed: Index) -> None:
    # Before: ix.get(hit.reference) on an English hit returned the French paragraph.
    hit = mixed.search("human rights", limit=1)[0]
    assert hit.language == "en" and hit.key == f"en:{hit.reference}"
    para = mixed.get_paragraph(hit.key)
    assert (para.text, para.language, para.symbol) == (hit.text, "en", hit.symbol)
    assert para.key == hit.key
    french = mixed.get_paragraph(hit.reference)
    assert french.language == "fr" and french.text != hit.text


def test_typed_calls_for_a_paragraph_and_a_resolution(mixed: Index) -> None:
    from resolu.corpus import Paragraph, Resolution
    from resolu.search import ReferenceNotFound

    whole = mixed.get_resolution("A/RES/55/109")
    assert isinstance(whole, Resolution) and len(whole.paragraphs) == 17
    assert {(p.symbol, p.language) for p in whole.paragraphs} == {("A/RES/55/109", "fr")}
    assert mixed.get_resolution("A/RES/55/109#op4") == whole
    assert isinstance(mixed.get_paragraph("A/RES/55/109#op4"), Paragraph)
    with pytest.raises(ReferenceNotFound, match="get_resolution"):
        mixed.get_paragraph("A/RES/55/109")
    assert mixed.get("A/RES/55/109") == whole  # get keeps working
