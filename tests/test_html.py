"""The HTML reader: the Universal Declaration of Human Rights (FR/EN) and small synthetic pages."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from resolu.corpus import CorpusError, corpus_files, read_resolution
from resolu.corpus.header import symbol_from_filename
from resolu.corpus.html import html_resolution, parse_html
from resolu.index import build_index
from resolu.search import open_index
from support import shared

SYMBOL = "A/RES/217 A (III)"
NAME = "A_RES_217_A_III.{}.html"

# Articles whose text is a numbered list (<ol>), with the number of items.
NUMBERED = {11: 2, 13: 2, 14: 2, 15: 2, 16: 3, 17: 2, 20: 2}
NUMBERED |= {21: 3, 23: 4, 25: 2, 26: 3, 27: 2, 29: 3}

GOLDEN = {
    "fr": {
        "title": "Déclaration universelle des droits de l’homme",
        "pp1": "Considérant que la reconnaissance de la dignité inhérente à tous les membres",
        "op1": "L’Assemblée générale Proclame la présente Déclaration universelle",
        "art1": "Tous les êtres humains naissent libres et égaux en dignité et en droits.",
        "art26.2": "L’éducation doit viser au plein épanouissement de la personnalité humaine",
        "labels": {
            "pp1": f"{SYMBOL}, préambule, 1er alinéa",
            "op1": f"{SYMBOL}, par. 1",
            "art1": f"{SYMBOL}, article 1",
            "art26.2": f"{SYMBOL}, article 26, par. 2",
        },
    },
    "en": {
        "title": "Universal Declaration of Human Rights",
        "pp1": "Whereas recognition of the inherent dignity and of the equal",
        "op1": "Now, therefore, The General Assembly Proclaims this Universal Declaration",
        "art1": "All human beings are born free and equal in dignity and rights.",
        "art26.2": "Education shall be directed to the full development of the human personality",
        "labels": {
            "pp1": f"{SYMBOL}, preambular paragraph 1",
            "op1": f"{SYMBOL}, paragraph 1",
            "art1": f"{SYMBOL}, article 1",
            "art26.2": f"{SYMBOL}, article 26, paragraph 2",
        },
    },
}


def udhr(lang: str) -> Path:
    return shared("udhr", NAME.format(lang))


def expected_references() -> list[str]:
    locals_ = [f"pp{i}" for i in range(1, 8)] + ["op1"]
    for n in range(1, 31):
        items = NUMBERED.get(n, 0)
        locals_ += [f"art{n}.{i}" for i in range(1, items + 1)] if items else [f"art{n}"]
    return [f"{SYMBOL}#{local}" for local in locals_]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_udhr_metadata(lang: str) -> None:
    res = read_resolution(udhr(lang))
    assert res.symbol == SYMBOL
    assert res.number == "217 A (III)"
    assert res.title == GOLDEN[lang]["title"]
    assert res.language == lang
    assert res.body == "General Assembly"
    assert (res.session, res.year, str(res.adopted)) == ("3", 1948, "1948-12-10")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_udhr_counts_match_the_html(lang: str) -> None:
    """7 preambular paragraphs, 1 proclamation, 30 articles (17 whole, 13 in 32 numbered parts)."""
    raw = udhr(lang).read_text(encoding="utf-8")
    res = read_resolution(udhr(lang))
    kinds = [p.kind for p in res.paragraphs]
    opener = "Considérant" if lang == "fr" else "Whereas"
    header = re.search(r"<header>(.*?)</header>", raw, re.S)
    assert header
    assert kinds.count("preambular") == len(re.findall(rf"<p>{opener}\b", header.group(1))) == 7
    assert kinds.count("operative") == 1
    articles = re.findall(r'<article data-number="(\d+)">(.*?)</article>', raw, re.S)
    assert [int(n) for n, _ in articles] == list(range(1, 31))
    assert {int(n): body.count("<li>") for n, body in articles if "<li>" in body} == NUMBERED
    assert kinds.count("article") == 30 - len(NUMBERED) + sum(NUMBERED.values()) == 49
    assert [p.reference for p in res.paragraphs] == expected_references()
    assert [p.order for p in res.paragraphs] == list(range(1, 58))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_udhr_golden_texts_and_labels(lang: str) -> None:
    res = read_resolution(udhr(lang))
    by_local = {p.reference.partition("#")[2]: p for p in res.paragraphs}
    golden = GOLDEN[lang]
    for local in ("pp1", "op1", "art1", "art26.2"):
        assert by_local[local].text.startswith(golden[local]), local
        assert by_local[local].label == golden["labels"][local]
    assert by_local["art26.2"].number == "26.2"
    assert {p.kind for p in res.paragraphs if p.reference.partition("#")[2].startswith("art")} == {
        "article"
    }
    # Article 2 has two unnumbered paragraphs: both are the text of "article 2".
    assert "\n" not in by_local["art2"].text and "  " not in by_local["art2"].text
    assert by_local["art1"].lines[0] > by_local["op1"].lines[1] > 0


def _stream(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_udhr_visible_text_is_in_exactly_one_paragraph(lang: str) -> None:
    """The body's visible text, less its headings, is the paragraphs' text in order, once."""
    raw = udhr(lang).read_text(encoding="utf-8")
    body = raw.split("<body>", 1)[1].split("</body>", 1)[0]
    h1 = re.findall(r"<h1>(.*?)</h1>", body, re.S)
    h2 = re.findall(r"<h2>(.*?)</h2>", body, re.S)
    rest = re.sub(r"<(h1|h2)>.*?</\1>", "", body, flags=re.S)
    visible = _stream(html.unescape(re.sub(r"<[^>]+>", " ", rest)))
    res = read_resolution(udhr(lang))
    assert h1 == [res.title]
    assert h2[0] == ("Préambule" if lang == "fr" else "Preamble")
    first = "Article premier" if lang == "fr" else "Article 1"
    assert h2[1:] == [first] + [f"Article {n}" for n in range(2, 31)]
    assert _stream("".join(p.text for p in res.paragraphs)) == visible


@pytest.fixture(scope="module")
def udhr_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("udhr-corpus")
    for lang in ("fr", "en"):
        shutil.copy(udhr(lang), corpus / NAME.format(lang))
    target = tmp_path_factory.mktemp("udhr-index") / "ix"
    report = build_index(corpus, target)
    assert report.skipped == ()
    assert (report.resolutions, report.paragraphs) == (2, 2 * 57)
    return target


def test_udhr_index_references(udhr_index: Path) -> None:
    with open_index(udhr_index) as ix:
        assert ix.get(f"{SYMBOL}#art26.2", lang="fr").text.startswith(GOLDEN["fr"]["art26.2"])
        assert ix.get(f"{SYMBOL}#art26.2", lang="en").text.startswith(GOLDEN["en"]["art26.2"])
        assert ix.get(f"{SYMBOL}#pp7").label == f"{SYMBOL}, préambule, 7e alinéa"


@pytest.mark.parametrize(
    ("query", "lang", "wanted"),
    [
        ('"dignité"', "fr", {"pp1", "pp5", "art1", "art22", "art23.3"}),
        ('"libres et égaux en dignité"', "fr", {"art1"}),
        ('"dignity"', "en", {"pp1", "pp5", "art1", "art22", "art23.3"}),
        ('"torture" lang:fr', "fr", {"art5"}),
        ('"présumée innocente"', "fr", {"art11.1"}),
    ],
)
def test_udhr_search(udhr_index: Path, query: str, lang: str, wanted: set[str]) -> None:
    with open_index(udhr_index) as ix:
        hits = ix.search(query, limit=50).hits
    assert {h.reference.partition("#")[2] for h in hits if h.language == lang} == wanted
    assert all(h.symbol == SYMBOL for h in hits)


def test_corpus_files_takes_html(tmp_path: Path) -> None:
    for name in ("a.html", "b.HTM", "c.txt", "d.css", ".hidden.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in corpus_files(tmp_path)] == ["a.html", "b.HTM", "c.txt"]


@pytest.mark.parametrize(
    ("name", "symbol"),
    [
        ("A_RES_217_A_III.fr.html", "A/RES/217 A (III)"),
        ("A_RES_217_A_III.en.htm", "A/RES/217 A (III)"),
        ("A_RES_1514_XV.fr.html", "A/RES/1514 (XV)"),
        ("A_RES_55_109.fr.html", "A/RES/55/109"),
        ("udhr.fr.html", ""),
        ("A_RES_217.fr.html", ""),
    ],
)
def test_symbol_from_filename(name: str, symbol: str) -> None:
    assert symbol_from_filename(name) == symbol


# -- synthetic pages ---------------------------------------------------------

PAGE = """<!doctype html>
<html lang="{lang}"><head><title>Titre</title>{head}</head>
<body>
<h1>Déclaration d’essai</h1>
<p>Considérant que tout va bien,</p>
<p>L’Assemblée générale</p>
<p>Proclame la présente Déclaration.</p>
{articles}
</body></html>
"""


def page(tmp_path: Path, articles: str, *, name: str = NAME.format("fr"), **kw: str) -> Path:
    path = tmp_path / name
    values = {"lang": "fr", "head": ""} | kw
    path.write_text(PAGE.format(articles=articles, **values), encoding="utf-8")
    return path


def texts(path: Path) -> dict[str, str]:
    return {p.reference.partition("#")[2]: p.text for p in read_resolution(path).paragraphs}


def test_entities_are_decoded(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        "<article><h2>Article premier</h2>"
        "<p>L&#x2019;&eacute;galit&#233; &amp; la libert&eacute;&nbsp;; &lt;tous&gt;</p></article>",
    )
    assert texts(path)["art1"] == "L’égalité & la liberté ; <tous>"


def test_nested_tags_keep_their_text(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        "<article><h2>Article 1</h2><p>Tous <em>les <strong>êtres</strong></em>"
        "<a href='#'> humains</a>.</p></article>"
        "<article><h2>Article 2</h2><p>Chapeau<br>à la ligne</p><ol>"
        "<li><p>Un</p><p>suite</p></li>"
        "<li>Deux<ol><li>deux-un</li><li>deux-deux</li></ol></li></ol>"
        "texte libre</article>"
        '<article><h2>Article 3</h2><ol start="4"><li>Quatre</li></ol></article>',
    )
    res = read_resolution(path)
    got = {p.reference.partition("#")[2]: p for p in res.paragraphs}
    assert got["art1"].text == "Tous les êtres humains."
    assert got["art2"].text == "Chapeau à la ligne texte libre"
    assert got["art2.1"].text == "Un suite"
    assert got["art2.2"].text == "Deux"
    assert got["art2.2.1"].text == "deux-un"
    assert got["art2.2.1"].label == f"{SYMBOL}, article 2, par. 2 1)"
    assert got["art3.4"].text == "Quatre"
    assert [p.kind for p in res.paragraphs] == ["preambular", "operative"] + ["article"] * 7


def test_script_and_style_are_dropped(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        "<article><h2>Article 1</h2><script>var dignite = '<p>cache</p>';</script>"
        "<style>p { color: red }</style><p>Visible<template><p>non</p></template>.</p></article>",
        head="<style>body{}</style><script src='x.js'></script>",
    )
    got = texts(path)
    assert got["art1"] == "Visible."
    assert not any(word in text for text in got.values() for word in ("dignite", "color", "non"))


def test_blocks_of_a_page() -> None:
    doc = parse_html(
        '<html lang="en-GB"><head><title> A  title </title></head><body>'
        "loose <b>text</b><div><p>One</p>two</div><ul><li>dot</li></ul></body></html>"
    )
    assert (doc.title, doc.language) == ("A title", "en")
    assert [(b.tag, b.text, b.items) for b in doc.blocks] == [
        ("", "loose text", ()),
        ("p", "One", ()),
        ("", "two", ()),
        ("li", "dot", ()),
    ]


def test_english_page_and_lead_in(tmp_path: Path) -> None:
    source = (
        '<html lang="en"><h1>Declaration</h1><h2>Preamble</h2><p>Whereas all is well,</p>'
        "<p>Now, therefore,</p><p>The General Assembly</p><p>Proclaims this Declaration.</p>"
        "<h2>Article 1</h2><p>Everyone.</p><h2>Article 2</h2><p>No one.</p>"
    )
    res = html_resolution(source, source="x", filename=NAME.format("en"))
    assert [(p.reference.partition("#")[2], p.text) for p in res.paragraphs] == [
        ("pp1", "Whereas all is well,"),
        ("op1", "Now, therefore, The General Assembly Proclaims this Declaration."),
        ("art1", "Everyone."),
        ("art2", "No one."),
    ]


def test_french_lead_in_and_a_page_without_body_tag() -> None:
    source = (
        "<html lang=fr><head><title>T</title><h1>Déclaration</h1><p>Considérant que oui,</p>"
        "<p>Par conséquent,</p><p>L’Assemblée générale,</p><p>Proclame.</p>"
        "<h3>Article premier</h3><p>Tous.</p>"
    )
    res = html_resolution(source, source="x", filename=NAME.format("fr"))
    assert res.title == "Déclaration"
    assert [(p.reference.partition("#")[2], p.text) for p in res.paragraphs] == [
        ("pp1", "Considérant que oui,"),
        ("op1", "Par conséquent, L’Assemblée générale, Proclame."),
        ("art1", "Tous."),
    ]


def test_no_symbol_in_the_file_name_is_an_error(tmp_path: Path) -> None:
    # the refusal is worded in the page's language
    path = page(tmp_path, "<article><h2>Article 1</h2><p>Texte.</p></article>", name="udhr.html")
    with pytest.raises(CorpusError, match="pas de cote : le HTML n’en donne aucune"):
        read_resolution(path)
    article = "<article><h2>Article 1</h2><p>Text.</p></article>"
    english = page(tmp_path, article, name="u.html", lang="en")
    with pytest.raises(CorpusError, match="no symbol: the HTML names none"):
        read_resolution(english)


def test_no_body_line_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / NAME.format("fr")
    path.write_text("<html lang='fr'><p>Une page.</p><p>Rien d’autre.</p></html>", "utf-8")
    with pytest.raises(CorpusError, match="pas de ligne d’organe"):
        read_resolution(path)
    path.write_text("<html><p>A page of the web.</p><p>Nothing else in it.</p></html>", "utf-8")
    with pytest.raises(CorpusError, match="no body line"):
        read_resolution(path)


def test_mismatched_article_heading_is_an_error(tmp_path: Path) -> None:
    path = page(tmp_path, '<article data-number="2"><h2>Article 3</h2><p>x</p></article>')
    with pytest.raises(CorpusError, match="data-number=2"):
        read_resolution(path)


def test_latin1_page_with_a_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / NAME.format("fr")
    text = PAGE.format(
        lang="fr",
        head='<meta charset="iso-8859-1">',
        articles="<h2>Article 1</h2><p>Égalité.</p>",
    ).replace("’", "'")
    path.write_bytes(text.encode("latin-1"))
    assert texts(path)["art1"] == "Égalité."
