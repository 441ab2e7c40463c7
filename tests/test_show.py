"""resolu show: languages side by side, matches in bold, indented sub-paragraphs, links."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner
from resolu.search import Index
from resolu.search.cli import cli
from resolu.search.parallel import parallel_view
from resolu.search.terminal import render_view
from support import shared

UDHR = "A/RES/217(III) A"


def test_side_by_side_pairs_the_articles(web_index_dir: Path) -> None:
    shared("udhr")
    from resolu.search import open_index

    with open_index(web_index_dir) as ix:
        symbol = ix.search("dignité lang:fr", limit=1)[0].symbol
        view = parallel_view(ix, symbol, languages=("fr", "en"), query="dignité OR dignity")
    assert view.languages == ("fr", "en")
    paired = [r for r in view.rows if all(r.cells)]
    assert len(paired) >= 30
    marked = [c for r in view.rows for c in r.cells if c and c.highlights]
    assert {c.language for c in marked} == {"fr", "en"}
    lines = render_view(view, width=120)
    fr, en = paired[0].cells
    assert fr is not None and en is not None
    # Both labels stand on one line, the English one in the right-hand column.
    assert any(
        fr.paragraph.label in line and line.index(en.paragraph.label) >= 60
        for line in lines
        if en.paragraph.label in line
    )
    out = CliRunner().invoke(
        cli,
        ["show", symbol, "--lang", "fr,en", "-q", "dignité", "--index-dir", str(web_index_dir)],
        color=True,
    )
    assert out.exit_code == 0, out.output
    assert click.style("dignité", bold=True) in out.output
    assert "https://undocs.org/fr/" in out.output and "https://undocs.org/en/" in out.output


def test_sub_paragraphs_are_indented(sc_index_dir: Path) -> None:
    out = CliRunner().invoke(cli, ["show", "S/RES/242 (1967)", "--index-dir", str(sc_index_dir)])
    assert out.exit_code == 0, out.output
    assert "\n    S/RES/242 (1967), paragraph 1 (i)" in out.output
    assert "\nS/RES/242 (1967), paragraph 2" in out.output
    assert "https://undocs.org/en/S/RES/242(1967)" in out.output


def test_json_carries_the_official_link(corpus_index_dir: Path) -> None:
    out = CliRunner().invoke(
        cli, ["show", "A/RES/55/109#op4", "--json", "--index-dir", str(corpus_index_dir)]
    )
    assert json.loads(out.output)["url"] == "https://undocs.org/fr/A/RES/55/109"


def test_an_unknown_language_is_a_usage_error(corpus_index_dir: Path) -> None:
    out = CliRunner().invoke(
        cli, ["show", "A/RES/55/109", "--lang", "fr,xx", "--index-dir", str(corpus_index_dir)]
    )
    assert out.exit_code == 2 and "unknown language 'xx'" in out.output


def test_query_fields_title_date_meeting(sc_index: Index, corpus_index: Index) -> None:
    assert corpus_index.search("title:civilisations", limit=0).total == 0
    assert corpus_index.search("title:coopération", limit=0).total == len(corpus_index)
    day = sc_index.search("date:1967-11-22", limit=0).total
    assert day == sc_index.search('symbol:"S/RES/242 (1967)"', limit=0).total
    month = sc_index.search("date:1967-11", limit=0).total
    assert month == sc_index.search("date:1967-11-01..1967-11-30", limit=0).total > day
    assert sc_index.search("meeting:1382", limit=1)[0].symbol == "S/RES/242 (1967)"


def test_show_says_how_the_resolution_was_adopted(sc_index_dir: Path) -> None:
    # "Adopted at the 177th meet-\ning by 10 votes to none, with 1 abstention": metadata,
    # kept in the index and shown in the reader's language
    args = ["show", "S/RES/28 (1947)", "--index-dir", str(sc_index_dir)]
    english = CliRunner().invoke(cli, args, env={"LC_ALL": "", "LANG": "en_GB.UTF-8"})
    assert english.exit_code == 0, english.output
    assert "\nadopted at the 177th meeting, by 10 votes to 0, 1 abstention\n" in english.output
    assert "Adopted at" not in english.output  # never a paragraph
    french = CliRunner().invoke(cli, args, env={"LC_ALL": "fr_FR.UTF-8"})
    assert "\nadoptée à la 177e séance, par 10 voix contre 0, 1 abstention\n" in french.output
    unanimous = CliRunner().invoke(
        cli, ["show", "S/RES/242 (1967)", "--index-dir", str(sc_index_dir)], env={"LC_ALL": "C"}
    )
    assert "\nadopted at the 1382nd meeting, unanimously\n" in unanimous.output
    got = json.loads(CliRunner().invoke(cli, [*args, "--json"], env={"LC_ALL": "C"}).output)
    assert got["meta"]["meeting"] == "177" and got["meta"]["votes_for"] == "10"
