"""One symbol grammar: every printed form of a symbol names the same resolution.

Through :func:`read_symbol`, the query fields ``symbol:``/``cites:``/``citedby:``,
``Index.get`` and ``resolu show``/``get``, on the real texts of ../shared/data.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from resolu.corpus.labels import article_label, label, read_label
from resolu.corpus.symbols import TypedSymbol, read_symbol
from resolu.index import build_index
from resolu.search import Index, ReferenceNotFound, open_index
from resolu.search.cli import cli
from support import SEED, index_of_files, shared

# ---------------------------------------------------------------- the grammar

SAME = [
    (
        ["S/RES/2803 (2025)", "S/RES/2803(2025)", "s/res/2803 (2025)", " S/RES/2803  (2025) "],
        TypedSymbol("s/res/2803", suffix="2025"),
    ),
    (
        ["A/RES/217 A (III)", "A/RES/217A (III)", "A/RES/217(III) A", "A/RES/217 (III) A"],
        TypedSymbol("a/res/217", letter="A", suffix="III"),
    ),
    (["217 A (III)", "217 A(III)", "217(III) A"], TypedSymbol("217", letter="A", suffix="III")),
    (["A/RES/217(III)", "A/RES/217 (III)"], TypedSymbol("a/res/217", suffix="III")),
    (["A/RES/55/109", "a/res/55/109"], TypedSymbol("a/res/55/109")),
    (["55/109"], TypedSymbol("55/109")),
    (["2803"], TypedSymbol("2803")),
    (["A/RES/69/*"], TypedSymbol("a/res/69/", series=True)),
    (["S/RES/*", "s/res/*"], TypedSymbol("s/res/", series=True)),
    (["A/RES/ES-10/2"], TypedSymbol("a/res/es-10/2")),
    (["E/CN.4/2000/2"], TypedSymbol("e/cn.4/2000/2")),
    (["A/HRC/RES/59/25"], TypedSymbol("a/hrc/res/59/25")),
    (["1514 (XV)"], TypedSymbol("1514", suffix="XV")),
]


@pytest.mark.parametrize(
    ("typed", "expected"), [(t, e) for forms, e in SAME for t in forms], ids=lambda x: str(x)
)
def test_every_printed_form_reads_the_same(typed: str, expected: TypedSymbol) -> None:
    assert read_symbol(typed) == expected


@pytest.mark.parametrize(
    "text", ["paix", "and/or", "*", "", "S/RES/2803 (2025) A", "217 A", "A/RES/217 A (1948)"]
)
def test_what_is_not_a_symbol(text: str) -> None:
    assert read_symbol(text) is None


def test_a_bare_number_is_read_as_the_texts_read_it() -> None:
    assert read_symbol("2803").matches("s/res/2803")  # type: ignore[union-attr]
    assert read_symbol("217").matches("a/res/217")  # type: ignore[union-attr]
    assert read_symbol("217").matches("s/res/217")  # type: ignore[union-attr]
    # A year is the Security Council's; a roman session another organ's.
    assert not read_symbol("217 (1965)").matches("a/res/217")  # type: ignore[union-attr]
    assert read_symbol("217 (1965)").matches("s/res/217")  # type: ignore[union-attr]
    assert not read_symbol("217 A (III)").matches("s/res/217")  # type: ignore[union-attr]
    assert not read_symbol("55/109").matches("a/res/55/1090")  # type: ignore[union-attr]
    assert read_symbol("A/RES/69/*").matches("a/res/69/244")  # type: ignore[union-attr]
    assert not read_symbol("A/RES/69/*").matches("a/res/70/1")  # type: ignore[union-attr]


_SERIES = st.sampled_from(["A/RES", "S/RES", "E/RES", "A/HRC/RES", "A/RES/ES-10", ""])
_ROMAN = st.sampled_from(["I", "III", "XV", "XXIX", "XLVIII"])


@st.composite
def _symbols(draw: st.DrawFn) -> TypedSymbol:
    series = draw(_SERIES)
    number = str(draw(st.integers(1, 3999)))
    if series in ("A/RES", "E/RES", "") and draw(st.booleans()):
        # before 1976: a session, sometimes a letter
        letter = draw(st.sampled_from(["", "A", "B", "C"]))
        suffix = draw(_ROMAN)
    else:
        letter = ""
        suffix = str(draw(st.integers(1946, 2030))) if series == "S/RES" else ""
        if series in ("A/RES", "E/RES", "A/HRC/RES"):
            number = f"{draw(st.integers(1, 80))}/{number}"
    key = f"{series}/{number}".lower() if series else number.lower()
    return TypedSymbol(key, letter, suffix)


@given(_symbols(), st.sampled_from(["", " "]), st.booleans())
def test_what_is_printed_reads_back(symbol: TypedSymbol, space: str, after: bool) -> None:
    assert read_symbol(symbol.printed) == symbol
    # The other ways the UN prints it: no space, the letter after the session.
    glued = symbol.key.upper()
    if symbol.letter and after:
        glued += f"{space}({symbol.suffix}) {symbol.letter}"
    elif symbol.letter:
        glued += f" {symbol.letter}{space}({symbol.suffix})"
    elif symbol.suffix:
        glued += f"{space}({symbol.suffix})"
    assert read_symbol(glued) == symbol


# ---------------------------------------------------------------- in an index

_GOLD = "en_only/cr-unsc_res_en_gold"


@pytest.fixture(scope="module")
def symbols_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped text, the UDHR (A/RES/217 A (III)), S/RES/217 (1965) and 242 (1967), two PDFs."""
    files = [
        SEED,
        *shared("udhr").glob("*.html"),
        shared(_GOLD, "S_RES_0217_1965_EN_GOLD.txt"),
        shared(_GOLD, "S_RES_0242_1967_EN_GOLD.txt"),
        shared("un_pdfs", "S_RES_2803_2025.en.pdf"),
        shared("un_pdfs", "S_RES_2768_2025.en.pdf"),
    ]
    return index_of_files(tmp_path_factory, "symbols", files)


@pytest.fixture()
def ix(symbols_index_dir: Path) -> Iterator[Index]:
    with open_index(symbols_index_dir) as index:
        yield index


def _symbols_found(ix: Index, query: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for h in ix.search(query, limit=1000):
        found[h.symbol] = found.get(h.symbol, 0) + 1
    return found


SEARCHED = [
    (
        [
            "symbol:S/RES/2803 (2025)",
            'symbol:"S/RES/2803 (2025)"',
            "symbol:S/RES/2803(2025)",
            "symbol:s/res/2803",
            "symbol:2803",
            "symbol:2803 (2025)",
        ],
        "S/RES/2803 (2025)",
    ),
    (
        [
            "symbol:A/RES/217 A (III)",
            "symbol:A/RES/217(III)",
            "symbol:A/RES/217(III) A",
            "symbol:217 A (III)",
            'symbol:"A/RES/217 A (III)"',
            "symbol:217 (III)",
        ],
        "A/RES/217 A (III)",
    ),
    (["symbol:S/RES/217 (1965)", "symbol:217 (1965)"], "S/RES/217 (1965)"),
    (["symbol:A/RES/55/109", "symbol:55/109"], "A/RES/55/109"),
]


@pytest.mark.parametrize(
    ("query", "symbol"), [(q, s) for qs, s in SEARCHED for q in qs], ids=lambda x: str(x)
)
def test_every_form_finds_the_whole_resolution(ix: Index, query: str, symbol: str) -> None:
    summary = next(s for s in ix.resolutions() if s.symbol == symbol)
    whole = sum(len(ix.get_resolution(f"{lang}:{symbol}").paragraphs) for lang in summary.languages)
    assert whole > 1
    results = ix.search(query, limit=1000)
    assert _symbols_found(ix, query) == {symbol: whole}
    assert results.symbols == ()  # one symbol named: nothing to say


def test_a_symbol_in_a_query_keeps_the_words_after_it(ix: Index) -> None:
    found = ix.search("symbol:S/RES/2803 (2025) Gaza", limit=100)
    assert found.total and all(h.symbol == "S/RES/2803 (2025)" for h in found)
    assert all("gaza" in h.text.lower() or "gaza" in h.title.lower() for h in found)
    # A parenthesis that is not a year or a session still groups.
    grouped = ix.search("symbol:55/109 (coopération OR cooperation)", limit=100)
    assert grouped.total and {h.symbol for h in grouped} == {"A/RES/55/109"}


def test_a_number_naming_several_searches_all_and_says_so(ix: Index) -> None:
    results = ix.search("symbol:217", limit=1000)
    assert set(_symbols_found(ix, "symbol:217")) == {"A/RES/217 A (III)", "S/RES/217 (1965)"}
    assert results.symbols == (("symbol:217", ("A/RES/217", "S/RES/217")),)


def test_a_series_with_a_star(ix: Index) -> None:
    assert set(_symbols_found(ix, "symbol:S/RES/*")) == {
        "S/RES/217 (1965)",
        "S/RES/242 (1967)",
        "S/RES/2768 (2025)",
        "S/RES/2803 (2025)",
    }
    assert set(_symbols_found(ix, "symbol:A/RES/55/*")) == {"A/RES/55/109"}
    assert _symbols_found(ix, "symbol:A/RES/69/*") == {}


def test_cites_in_every_form(ix: Index) -> None:
    # S/RES/2768 (2025) cites "2722 (2024), and 2739 (2024)" in its first paragraph.
    for query in ["cites:S/RES/2739 (2024)", "cites:S/RES/2739(2024)", "cites:2739"]:
        assert [h.reference for h in ix.search(query)] == ["S/RES/2768 (2025)#pp1"], query
    for query in ["citedby:2739", "citedby:S/RES/2739 (2024)"]:
        assert [h.reference for h in ix.search(query)] == ["S/RES/2768 (2025)#pp1"], query


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("A/RES/217(III)#art1", "A/RES/217 A (III)#art1"),
        ("A/RES/217 A (III)#art1", "A/RES/217 A (III)#art1"),
        ("217 A (III)#art1", "A/RES/217 A (III)#art1"),
        ("S/RES/2803(2025)#op1", "S/RES/2803 (2025)#op1"),
        ("2803#op1", "S/RES/2803 (2025)#op1"),
        ("S/RES/242#op1", "S/RES/242 (1967)#op1"),
        ("55/109#op4", "A/RES/55/109#op4"),
    ],
)
def test_get_reads_every_form(ix: Index, reference: str, expected: str) -> None:
    assert ix.get_paragraph(reference).reference == expected


def test_get_of_a_number_naming_several_suggests_them(ix: Index) -> None:
    with pytest.raises(ReferenceNotFound) as caught:
        ix.get("217")
    assert set(caught.value.suggestions) == {"A/RES/217 A (III)", "S/RES/217 (1965)"}
    with pytest.raises(ReferenceNotFound):
        ix.get("A/RES/217 B (III)")  # another resolution of the same number


def test_cli_search_and_show_in_every_form(symbols_index_dir: Path) -> None:
    where = ["--index-dir", str(symbols_index_dir)]
    run = CliRunner().invoke
    out = run(cli, ["search", "symbol:S/RES/2803", "(2025)", "-n", "0", *where])
    assert out.exit_code == 0, out.output
    assert "(33 in all)" in out.output
    out = run(cli, ["show", "S/RES/2803(2025)", *where])
    assert out.exit_code == 0 and "S/RES/2803 (2025)" in out.output
    out = run(cli, ["search", "symbol:217", *where])
    assert out.exit_code == 0
    assert "symbol:217 names several symbols of the index, all searched" in out.output


def test_cli_says_it_in_french(symbols_index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    out = CliRunner().invoke(cli, ["search", "symbol:217", "--index-dir", str(symbols_index_dir)])
    assert out.exit_code == 0
    assert "symbol:217 désigne plusieurs cotes de l’index" in out.output


# ---------------------------------------------------------------- printed labels

LABELS = [
    ("A/RES/55/109, par. 4", "A/RES/55/109#op4"),
    ("A/RES/55/109, par. 4.", "A/RES/55/109#op4"),
    ("A/RES/55/109, paragraphe 4", "A/RES/55/109#op4"),
    ("A/RES/55/109, préambule, 8e alinéa", "A/RES/55/109#pp8"),
    ("A/RES/55/109, préambule, 1er alinéa", "A/RES/55/109#pp1"),
    ("A/RES/55/109, 8e alinéa du préambule", "A/RES/55/109#pp8"),
    ("55/109, par. 4", "A/RES/55/109#op4"),
    ("S/RES/242 (1967), paragraph 2 (a)", "S/RES/242 (1967)#op2.a"),
    ("S/RES/242(1967), paragraph 2 (a)", "S/RES/242 (1967)#op2.a"),
    ("S/RES/242 (1967), paragraph 1 (ii)", "S/RES/242 (1967)#op1.ii"),
    ("S/RES/242 (1967), preambular paragraph 2", "S/RES/242 (1967)#pp2"),
    ("S/RES/2803 (2025), paragraph 4", "S/RES/2803 (2025)#op4"),
    ("A/RES/217 A (III), article 26, par. 2", "A/RES/217 A (III)#art26.2"),
    ("A/RES/217(III) A, article 1", "A/RES/217 A (III)#art1"),
]


@pytest.mark.parametrize(("label", "reference"), LABELS)
def test_get_reads_printed_labels(ix: Index, label: str, reference: str) -> None:
    assert ix.get_paragraph(label).reference == reference


def test_every_label_the_index_prints_reads_back(ix: Index) -> None:
    # The labels resolu itself prints, French and English, in every resolution here.
    seen = 0
    for summary in ix.resolutions():
        for lang in summary.languages:
            for p in ix.get_resolution(f"{lang}:{summary.symbol}").paragraphs:
                assert ix.get_paragraph(f"{lang}:{p.label}").reference == p.reference, p.label
                seen += 1
    assert seen == len(ix) > 200


def test_labels_of_the_security_council_texts_read_back(sc_index: Index) -> None:
    # One Council text in ten, every paragraph: (1)-style numbers, sub-paragraphs, footnotes.
    seen = 0
    for summary in sc_index.resolutions()[::10]:
        for p in sc_index.get_resolution(summary.symbol).paragraphs:
            assert sc_index.get_paragraph(p.label).reference == p.reference, p.label
            seen += 1
    assert seen > 800


@st.composite
def _labels(draw: st.DrawFn) -> tuple[str, str, str]:
    symbol = draw(_symbols())
    printed = symbol.printed if not symbol.bare else f"A/RES/{symbol.printed}"
    kind = draw(st.sampled_from(["preambular", "operative", "subparagraph", "footnote", "line"]))
    n = str(draw(st.integers(1, 99)))
    if kind == "subparagraph":
        n += "." + draw(st.sampled_from(["a", "b", "c", "aa"]))
        n += draw(st.sampled_from(["", ".i", ".ii", ".iv"]))
    prefix = {"preambular": "pp", "operative": "op", "subparagraph": "op", "footnote": "fn"}
    return (
        label(printed, kind, n, draw(st.sampled_from(["fr", "en"]))),
        printed,
        (f"{prefix.get(kind, 'l')}{n}"),
    )


@given(_labels())
def test_labels_read_back_to_their_symbol_and_paragraph(case: tuple[str, str, str]) -> None:
    text, symbol, local = case
    read = read_label(text)
    assert read is not None
    assert read_symbol(read[0]) == read_symbol(symbol)
    assert read[1][0] == local


@given(
    _symbols(), st.integers(1, 30), st.sampled_from(["", "2", "2.a"]), st.sampled_from(["fr", "en"])
)
def test_article_labels_read_back(symbol: TypedSymbol, article: int, rest: str, lang: str) -> None:
    number = f"{article}.{rest}" if rest else str(article)
    read = read_label(article_label(symbol.printed, number, lang))
    assert read is not None and read_symbol(read[0]) == symbol
    assert read[1] == (f"art{number}",)


def test_a_reference_not_found_suggests_the_nearest(ix: Index) -> None:
    with pytest.raises(ReferenceNotFound) as caught:
        ix.get("A/RES/55/109, par. 40")
    assert caught.value.suggestions[0] == "A/RES/55/109#op4"
    with pytest.raises(ReferenceNotFound) as caught:
        ix.get("A/RES/55/190")
    assert caught.value.suggestions[0] == "A/RES/55/109"
    with pytest.raises(ReferenceNotFound) as caught:
        ix.get("S/RES/2804")
    assert caught.value.suggestions[0] == "S/RES/2803 (2025)"


def test_cli_show_reads_labels_and_suggests(
    symbols_index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = ["--index-dir", str(symbols_index_dir)]
    run = CliRunner().invoke
    out = run(cli, ["show", "A/RES/55/109, par. 4", *where])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("A/RES/55/109, par. 4  [A/RES/55/109#op4]\n4. Demande")
    out = run(cli, ["show", "A/RES/55/109, préambule, 8e alinéa", "--json", *where])
    assert out.exit_code == 0 and '"reference": "A/RES/55/109#pp8"' in out.output
    out = run(cli, ["show", "A/RES/55/109, par. 40", *where])
    assert out.exit_code == 1
    assert out.output == (
        "Error: nothing in the index is cited as A/RES/55/109, par. 40\n"
        "Nearest references: A/RES/55/109#op4, A/RES/55/109#pp4, A/RES/55/109#op6\n"
    )
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    out = run(cli, ["show", "A/RES/55/190", *where])
    assert out.exit_code == 1 and "Références les plus proches\u00a0: A/RES/55/109" in out.output


_PETITION = """217 B (III). Droit de pétition

L’Assemblée générale,

Considérant que le droit de pétition est un droit essentiel de la personne humaine,

Décide de ne prendre aucune décision sur cette question à la présente session.
"""


def test_a_letter_names_one_resolution_of_a_number(tmp_path: Path) -> None:
    """``symbol:A/RES/217 B (III)`` finds 217 B, not 217 A (both held as ``a/res/217``)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(shared("udhr", "A_RES_217_A_III.fr.html"), corpus)
    (corpus / "A_RES_217_B_III.fr.txt").write_text(_PETITION, encoding="utf-8")
    build_index(corpus, tmp_path / "index")
    with open_index(tmp_path / "index") as ix:
        for query in ["symbol:A/RES/217 B (III)", "symbol:217 B (III)", "symbol:A/RES/217(III) B"]:
            assert set(_symbols_found(ix, query)) == {"A/RES/217 B (III)"}, query
        for query in ["symbol:A/RES/217 A (III)", "symbol:217 A (III)"]:
            assert set(_symbols_found(ix, query)) == {"A/RES/217 A (III)"}, query
        assert _symbols_found(ix, "symbol:A/RES/217 C (III)") == {}
        both = {"A/RES/217 A (III)", "A/RES/217 B (III)"}
        assert set(_symbols_found(ix, "symbol:A/RES/217 (III)")) == both
        assert ix.get_resolution("A/RES/217 B (III)").symbol == "A/RES/217 B (III)"
