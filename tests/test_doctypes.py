"""Document types: read from the symbol and masthead, stored, searchable, counted honestly."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from resolu.corpus.doctypes import DOC_TYPES, doc_type_by_alias, document_type
from resolu.corpus.uncorpus import read_parallel
from resolu.index import IndexReport, build_index
from resolu.search import Index, QuerySyntaxError, ReferenceNotFound, open_index
from resolu.search.cli import cli
from support import shared

TYPES = [
    ("A/RES/55/109", (), "resolution"),
    ("S/RES/2202 (2015)", (), "resolution"),
    ("E/RES/2014/36", (), "resolution"),
    ("A/HRC/RES/59/25", (), "resolution"),
    ("A/RES/217 A (III)", (), "resolution"),
    ("A/DEC/55/488", (), "decision"),
    ("E/DEC/2014/201", (), "decision"),
    ("S/PRST/2015/4", (), "statement"),
    ("E/CN.6/2015/NGO/259", (), "statement"),
    ("A/HRC/28/NI/4", (), "statement"),
    ("S/Agenda/7364", (), "agenda"),
    ("CEDAW/C/ARG/7", (), "report"),
    ("CEDAW/C/RUS/Q/8", (), "other"),
    ("A/HRC/WG.6/22/PAN/1", (), "report"),
    ("S/2015/55", ["Lettre datée du 23 janvier 2015, adressée au Président"], "letter"),
    ("S/2015/46", ["Letter dated 20 January 2015 from the Permanent Representative"], "letter"),
    ("A/69/745", ["Note verbale datée du 5 janvier 2015"], "letter"),
    ("E/2015/1", ["Ordre du jour provisoire"], "agenda"),
    ("A/HRC/28/1", ["Annotated agenda"], "agenda"),
    ("A/HRC/28/2", ["Programme de travail"], "other"),  # no masthead the rules know: no guess
    ("A/69/702", ["Rapport du Secrétaire général"], "report"),
    ("A/69/100", ["Report of the Special Committee on Peacekeeping Operations"], "report"),
    ("A/CONF.222/1", ["Déclaration du Président de la Conférence"], "statement"),
    ("A/HRC/28/NGO/1", ["Written statement submitted by Amnesty International"], "statement"),
    ("A/69/767", ["Soixante-neuvième session"], "other"),
    # A sentence that mentions a report is not a masthead.
    (
        "A/69/745",
        ["Rapport du Comité " + "qui, dans sa longue analyse de la situation, " * 5 + "a conclu."],
        "other",
    ),
    ("NPT/CONF.2015/WP.1", (), "other"),
]


@pytest.mark.parametrize(("symbol", "masthead", "expected"), TYPES)
def test_document_type(symbol: str, masthead: list[str], expected: str) -> None:
    assert document_type(symbol, masthead) == expected


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("résolution", "resolution"),
        ("Résolutions", "resolution"),
        ("resolution", "resolution"),
        ("décision", "decision"),
        ("rapport", "report"),
        ("lettre", "letter"),
        ("ordre du jour", "agenda"),
        ("déclaration", "statement"),
        ("autre", "other"),
        ("agenda", "agenda"),
        ("livre", None),
    ],
)
def test_type_aliases(alias: str, expected: str | None) -> None:
    assert doc_type_by_alias(alias) == expected


def test_query_field_type_takes_french_aliases(corpus_index: Index) -> None:
    everything = corpus_index.search("droits", limit=100)
    assert everything.total and {h.doc_type for h in everything} == {"resolution"}
    for value in ["resolution", "résolution", "Résolution", "resolutions"]:
        assert corpus_index.search(f"droits type:{value}", limit=100).total == everything.total
    assert corpus_index.search("droits type:lettre").total == 0
    with pytest.raises(QuerySyntaxError, match="unknown type 'livre'"):
        corpus_index.search("droits type:livre")


def test_json_carries_the_type(corpus_index_dir: Path) -> None:
    out = CliRunner().invoke(
        cli, ["search", "dialogue", "--json", "--index-dir", str(corpus_index_dir)]
    )
    assert out.exit_code == 0, out.output
    assert {h["type"] for h in json.loads(out.stdout)["hits"]} == {"resolution"}


def _ids_by_type(ids: Path) -> tuple[Counter[str], Counter[str]]:
    """Count documents and lines of resolutions, from the ids file itself (``/res/`` in the id)."""
    docs: set[str] = set()
    lines: Counter[str] = Counter()
    for line in ids.read_text(encoding="utf-8").splitlines():
        doc = line.split()[0]
        kind = "resolution" if "/res/" in doc else "not"
        docs.add(f"{kind} {doc}")
        lines[kind] += 1
    return Counter(d.split()[0] for d in docs), lines


@pytest.fixture(scope="module")
def devset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, IndexReport]:
    corpus = tmp_path_factory.mktemp("devset") / "un"
    shutil.copytree(shared("un_v1_devset"), corpus)
    target = tmp_path_factory.mktemp("devset-index") / "ix"
    return target, build_index(corpus, target)


def test_parallel_corpus_sample_is_counted_per_type(devset: tuple[Path, IndexReport]) -> None:
    report = devset[1]
    docs, lines = _ids_by_type(shared("un_v1_devset", "UNv1.0.devset.ids"))
    types = {name: (documents, paragraphs) for name, documents, paragraphs in report.types}
    # Every one of the 732 documents once, whatever its languages; every line of both.
    assert sum(d for d, _ in types.values()) == docs.total() == 732
    assert sum(p for _, p in types.values()) == report.paragraphs == 8000
    assert types["resolution"] == (docs["resolution"], 2 * lines["resolution"])
    assert docs["resolution"] == 31  # not "5622 resolutions"
    assert set(types) <= set(DOC_TYPES) and {"letter", "agenda", "statement", "report"} <= set(
        types
    )
    assert list(types) == [t for t in DOC_TYPES if t in types]  # in the order of DOC_TYPES


def test_type_resolution_returns_only_resolutions(devset: tuple[Path, IndexReport]) -> None:
    target, report = devset
    with open_index(target) as ix:
        found = ix.search("type:resolution", limit=1000, facets=True)
        assert found.total == dict((t, p) for t, _, p in report.types)["resolution"]
        assert all("/RES/" in h.symbol and h.doc_type == "resolution" for h in found)
        assert ix.search("type:résolution", limit=0).total == found.total
        letters = ix.search("type:lettre", limit=1000)
        assert letters.total and {h.doc_type for h in letters} == {"letter"}
        assert all("/RES/" not in h.symbol for h in letters)
        # The type facet counts what type: finds.
        assert found.facets is not None
        assert [(v.value, v.paragraphs) for v in found.facets["type"]] == [
            ("resolution", found.total)
        ]
        everything = ix.search("conseil OR council", limit=0, facets=True)
        assert everything.facets is not None
        counted = {v.value: v.paragraphs for v in everything.facets["type"]}
        for value, n in counted.items():
            assert ix.search(f"(conseil OR council) type:{value}", limit=0).total == n


IDS = (
    "2015/a/res/69/1 en:1:1 fr:1:1\n"
    "2015/s/2015/55 en:3:1 fr:3:1\n"
    "2015/s/2015/55 en:1:1 fr:1:1\n"
    "2015/s/agenda/7364 en:1:1 fr:1:1\n"
)
FRENCH = (
    "3. Décide de rester saisi.\n"
    "Le Conseil a examiné la question.\n"
    "Lettre datée du 23 janvier 2015, adressée au Président du Conseil de sécurité\n"
    "Ordre du jour provisoire\n"
)
ENGLISH = (
    "3. Decides to remain seized.\n"
    "The Council considered the question.\n"
    "Letter dated 23 January 2015 addressed to the President of the Security Council\n"
    "Provisional agenda\n"
)


def _tiny(folder: Path) -> Path:
    folder.mkdir()
    (folder / "tiny.fr").write_text(FRENCH, encoding="utf-8")
    (folder / "tiny.en").write_text(ENGLISH, encoding="utf-8")
    (folder / "tiny.ids").write_text(IDS, encoding="utf-8")
    return folder


def test_every_run_of_a_document_takes_the_type_its_masthead_says(tmp_path: Path) -> None:
    runs = list(read_parallel(_tiny(tmp_path / "c") / "tiny.fr"))
    assert [(r.symbol, r.doc_type) for r in runs] == [
        ("A/RES/69/1", "resolution"),
        ("S/2015/55", "letter"),  # its masthead line comes in the next run
        ("S/Agenda/7364", "agenda"),
    ]


def test_index_report_and_hits_say_the_types(tmp_path: Path) -> None:
    corpus = _tiny(tmp_path / "c")
    where = ["--index-dir", str(tmp_path / "ix")]
    run = CliRunner().invoke
    out = run(cli, ["index", str(corpus), *where], env={"LANG": "fr_FR.UTF-8"})
    assert out.exit_code == 0, out.output
    assert "indexés\u00a0: 1 résolution, 1 lettre, 1 ordre du jour, 8 paragraphes" in out.stdout
    out = run(cli, ["index", str(corpus), "--rebuild", *where])
    assert "; 1 resolution, 1 letter, 1 agenda, 8 paragraphs indexed" in out.stdout
    out = run(cli, ["search", "Conseil", *where], env={"LANG": "fr_FR.UTF-8"})
    assert out.exit_code == 0, out.output
    assert "[S/2015/55#l3]" in out.stdout and "(lettre)" in out.stdout
    out = run(cli, ["search", "Décide", *where])
    assert "[A/RES/69/1#l1]" in out.stdout and "(" not in out.stdout.splitlines()[0]


def test_symbols_outside_the_grammar_still_show(devset: tuple[Path, IndexReport]) -> None:
    # Parallel-corpus symbols with a part or a session inside: compared as printed.
    with open_index(devset[0]) as ix:
        for symbol in ["A/69/308 (Part II)", "A/CONF.224/PC(III)/L.1", "S/RES/2202 (2015)"]:
            res = ix.get_resolution(symbol)
            assert res.symbol == symbol and res.paragraphs
        assert ix.get_resolution("2202").symbol == "S/RES/2202 (2015)"
        with pytest.raises(ReferenceNotFound):
            ix.get_resolution("A/69/308")  # only its part II is in the sample
