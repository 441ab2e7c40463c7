"""resolu list and cited-by on the 902 Security Council texts: index report, text scan."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from resolu.index import IndexReport
from resolu.search import Index
from resolu.search.browse import citations, list_indexed
from resolu.search.cli import cli
from support import shared


def test_list_counts_equal_the_index_report(
    sc_index: Index, sc_built: tuple[Path, IndexReport]
) -> None:
    report = sc_built[1]
    listing = list_indexed(sc_index, limit=10_000)
    assert sum(s.paragraphs for s in listing.summaries) == report.total_paragraphs == len(sc_index)
    # Two files give a symbol another file gives too (S_RES_0542 reads "Resolution 538
    # (1983)"): the index holds one copy, and the report names the other.
    assert report.resolutions == listing.total
    assert report.files - len(report.skipped) - listing.total == len(report.duplicates) == 2
    out = CliRunner().invoke(cli, ["list", "--index-dir", str(sc_built[0]), "-n", "5"])
    assert out.exit_code == 0, out.output
    assert f"(5 of {listing.total} resolutions; --offset 5 for more)" in out.output


def test_list_filters_sorts_and_pages(sc_index: Index) -> None:
    q = "year:1990..1991"
    every = list_indexed(sc_index, q, limit=1000)
    assert every.total == sc_index.search(q, limit=0, group_by_resolution=True).total > 0
    assert {s.year for s in every.summaries} == {1990, 1991}
    newest = list_indexed(sc_index, q, sort="newest", limit=1000).summaries
    known = [s.adopted for s in newest if s.adopted]
    assert known == sorted(known, reverse=True) and all(s.adopted for s in newest[: len(known)])
    page = list_indexed(sc_index, q, sort="newest", limit=5, offset=5).summaries
    assert page == newest[5:10]
    numbers = [int(s.symbol.split("/")[2].split()[0]) for s in every.summaries]
    assert numbers == sorted(numbers)


def test_citedby_242_matches_a_plain_text_scan(sc_index: Index) -> None:
    folder = shared("en_only", "cr-unsc_res_en_gold")
    pattern = re.compile(r"\b242\s*\(1967\)")
    citing_files = {
        f.name
        for f in folder.glob("*.txt")
        if not f.name.startswith("S_RES_0242_")
        and pattern.search(" ".join(f.read_text(encoding="utf-8").split()))
    }
    results = sc_index.search('citedby:"S/RES/242 (1967)"', limit=100)
    citing = {h.symbol for h in results}
    assert len(citing) == len(citing_files) >= 5
    assert "S/RES/242 (1967)" not in citing
    assert all(pattern.search(" ".join(h.text.split())) for h in results)
    found = citations(sc_index, "S/RES/242")
    assert [h.reference for h in found.cited_by] == sorted(
        (h.reference for h in results), key=lambda r: int(r.split("/")[2].split()[0])
    )


def test_show_cited_by_lists_both_ways(sc_index_dir: Path) -> None:
    out = CliRunner().invoke(
        cli, ["show", "S/RES/338 (1973)", "--cited-by", "--index-dir", str(sc_index_dir)]
    )
    assert out.exit_code == 0, out.output
    assert "S/RES/338 (1973) is cited by" in out.output
    assert "S/RES/344 (1973), preambular paragraph 1" in out.output
    # 338 cites 242, which the index holds.
    assert re.search(r"^  S/RES/242 \(1967\)$", out.output, re.M)
