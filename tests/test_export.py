"""--format json, jsonl, csv, bibtex and ris read back by their own parsers."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import bibtexparser
import pytest
import rispy
from click.testing import CliRunner
from resolu.search import Index
from resolu.search.cli import cli
from resolu.search.export import export_records, hit_records

QUERY = "cooperation internationale"


def _run(index_dir: Path, *args: str) -> str:
    out = CliRunner().invoke(cli, [*args, "--index-dir", str(index_dir)])
    assert out.exit_code == 0, out.output
    return out.output


def test_csv_and_jsonl_round_trip(corpus_index: Index) -> None:
    results = corpus_index.search(QUERY, limit=20)
    rows = list(csv.DictReader(io.StringIO(export_records(hit_records(results), "csv"))))
    lines = export_records(hit_records(results), "jsonl").splitlines()
    assert len(rows) == len(lines) == len(results) >= 5
    for h, row, line in zip(results, rows, lines, strict=True):
        assert row["reference"] == h.reference and row["text"] == h.text
        assert row["url"] == "https://undocs.org/fr/A/RES/55/109"
        assert json.loads(line)["label"] == h.label


def test_json_is_the_alias_of_format_json(corpus_index_dir: Path) -> None:
    a = json.loads(_run(corpus_index_dir, "search", QUERY, "--json"))
    b = json.loads(_run(corpus_index_dir, "search", QUERY, "--format", "json"))
    assert a == b and a["hits"][0]["url"].startswith("https://undocs.org/fr/")


def _unescape(text: str) -> str:
    return re.sub(r"\\([\\{}%&$#_~^])", r"\1", text)


def test_bibtex_round_trip(corpus_index_dir: Path, corpus_index: Index) -> None:
    results = corpus_index.search(QUERY, limit=20)
    library = bibtexparser.parse_string(
        _run(corpus_index_dir, "search", QUERY, "-n", "20", "--format", "bibtex")
    )
    assert not library.failed_blocks
    assert len(library.entries) == len(results)
    for h, entry in zip(results, library.entries, strict=True):
        assert entry.entry_type == "misc"
        assert _unescape(entry["note"]) == h.label
        assert _unescape(entry["abstract"]) == h.text
        assert entry["number"] == h.symbol and entry["url"] == h.url
        assert entry["author"] == "{Nations Unies, Assemblée générale}"


def test_bibtex_escapes_what_latex_would_read() -> None:
    record = {
        "reference": "A/RES/1#op1",
        "label": "A/RES/1, par. 1",
        "symbol": "A/RES/1",
        "title": "50% of {x} & y_z",
        "body": "",
        "adopted": "",
        "year": None,
        "language": "en",
        "url": "",
        "text": "a } b",
    }
    entry = bibtexparser.parse_string(export_records([record], "bibtex")).entries[0]
    assert _unescape(entry["title"]) == "50% of {x} & y_z"
    assert _unescape(entry["abstract"]) == "a } b"


def test_ris_round_trip(sc_index: Index) -> None:
    results = sc_index.search("withdrawal kind:operative", limit=15, sort="oldest")
    entries = rispy.loads(export_records(hit_records(results), "ris"))
    assert len(entries) == len(results) == 15
    for h, e in zip(results, entries, strict=True):
        assert e["type_of_reference"] == "GOVDOC"
        assert e["call_number"] == h.symbol
        assert e["notes"] == [h.label]
        assert e["abstract"] == " ".join(h.text.split())
        assert e["authors"] == ["United Nations, Security Council"]
        assert e["date"] == str(h.adopted or "").replace("-", "/")
        assert e["urls"] == [h.url]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "bibtex", "ris"])
def test_show_and_list_export(corpus_index_dir: Path, fmt: str) -> None:
    whole = _run(corpus_index_dir, "show", "A/RES/55/109", "--format", fmt)
    one = _run(corpus_index_dir, "show", "A/RES/55/109#op4", "--format", fmt)
    listed = _run(corpus_index_dir, "list", "--format", fmt)
    assert "A/RES/55/109" in whole and "A/RES/55/109" in one and "A/RES/55/109" in listed
    assert len(whole) > 5 * len(one)
