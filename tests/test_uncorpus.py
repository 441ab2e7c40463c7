"""Tests of the UN Parallel Corpus reader: symbols from ids, streaming, alignment, errors."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from resolu.corpus import CorpusError
from resolu.corpus.model import Paragraph, Resolution
from resolu.corpus.symbols import is_document_symbol
from resolu.corpus.uncorpus import (
    is_parallel_corpus_file,
    read_parallel,
    symbol_from_id,
    year_from_id,
)
from resolu.index import build_index
from resolu.search import open_index
from resolu.search.cli import cli

REPO_ROOT = Path(__file__).resolve().parent.parent
DEVSET = REPO_ROOT.parent / "shared" / "data" / "un_v1_devset"
DEVSET_FR = DEVSET / "UNv1.0.devset.fr"
DEVSET_EN = DEVSET / "UNv1.0.devset.en"
DEVSET_IDS = DEVSET / "UNv1.0.devset.ids"

needs_devset = pytest.mark.skipif(
    not (DEVSET_FR.is_file() and DEVSET_EN.is_file() and (DEVSET / "UNv1.0.devset.ids").is_file()),
    reason=f"UN Parallel Corpus development set not found in {DEVSET}",
)

#: Every kind of id in the development set, with the symbol the UN gives it.
SYMBOLS = [
    ("2015/a/res/69/244", "A/RES/69/244"),
    ("2015/s/res/2202__2015_", "S/RES/2202 (2015)"),
    ("2015/e/res/2014/36", "E/RES/2014/36"),
    ("2015/e/cn_7/2015/13", "E/CN.7/2015/13"),
    ("2015/a/69/308__part_ii_", "A/69/308 (Part II)"),
    ("a/69/308__part_ii_", "A/69/308 (Part II)"),
    ("2015/a/69/l_53/add_1", "A/69/L.53/Add.1"),
    ("a/69/l_53/add_1", "A/69/L.53/Add.1"),
    ("2015/a/69/176/corr_1", "A/69/176/Corr.1"),
    ("2015/a/69/586/corr_2", "A/69/586/Corr.2"),
    ("2015/a/69/3/rev_1", "A/69/3/Rev.1"),
    ("2015/a/68/908", "A/68/908"),
    ("2015/a/ac_105/c_2/106", "A/AC.105/C.2/106"),
    ("2015/a/ac_121/2015/l_2/rev_1", "A/AC.121/2015/L.2/Rev.1"),
    ("2015/a/c_4/69/inf/4/add_1", "A/C.4/69/INF/4/Add.1"),
    ("2015/a/c_5/69/sr_32", "A/C.5/69/SR.32"),
    ("2015/a/cn_4/677", "A/CN.4/677"),
    ("2015/a/conf_222/inf/1", "A/CONF.222/INF/1"),
    ("2015/a/conf_224/pc_iii_/l_1", "A/CONF.224/PC(III)/L.1"),
    ("2015/a/conf_226/pc_2/1", "A/CONF.226/PC.2/1"),
    ("2015/a/es_10/670", "A/ES-10/670"),
    ("2015/a/hrc/28/ni/4", "A/HRC/28/NI/4"),
    ("2015/a/hrc/wg_6/22/pan/1", "A/HRC/WG.6/22/PAN/1"),
    ("2015/a/inf/69/1/rev_1", "A/INF/69/1/Rev.1"),
    ("2015/cac/cosp/irg/i/3/1/add_17", "CAC/COSP/IRG/I/3/1/Add.17"),
    ("2015/cd/1998", "CD/1998"),
    ("2015/cedaw/c/ecu/co/8_9", "CEDAW/C/ECU/CO/8-9"),
    ("2015/cedaw/c/hrv/q/4_5/add_1", "CEDAW/C/HRV/Q/4-5/Add.1"),
    ("2015/cedaw/c/mmr/4_5", "CEDAW/C/MMR/4-5"),
    ("2015/clcs/87", "CLCS/87"),
    ("2015/dp/ops/2015/3", "DP/OPS/2015/3"),
    ("2015/e/2014/inf/2/add_1", "E/2014/INF/2/Add.1"),
    ("2015/e/cn_6/2015/ngo/161", "E/CN.6/2015/NGO/161"),
    ("2015/e/icef/2015/l_1", "E/ICEF/2015/L.1"),
    ("2015/fccc/kp/cmp/2012/13/add_1", "FCCC/KP/CMP/2012/13/Add.1"),
    ("2015/hsp/gc/25/2/add_6", "HSP/GC/25/2/Add.6"),
    ("2015/iccd/cric_13_/4", "ICCD/CRIC(13)/4"),
    ("2015/ipbes/3/2/add_1/rev_1", "IPBES/3/2/Add.1/Rev.1"),
    ("2015/isba/21/ltc/wp_1", "ISBA/21/LTC/WP.1"),
    ("2015/npt/conf_2015/wp_11", "NPT/CONF.2015/WP.11"),
    ("2015/pbc/9/oc/sr_1", "PBC/9/OC/SR.1"),
    ("2015/pbc_31/1/add_1", "PBC.31/1/Add.1"),
    ("2015/s/2015/10/add_10", "S/2015/10/Add.10"),
    ("2015/s/2015/2/rev_1", "S/2015/2/Rev.1"),
    ("2015/s/agenda/7355", "S/Agenda/7355"),
    ("2015/s/prst/2015/1", "S/PRST/2015/1"),
    ("2015/s/pv_7363", "S/PV.7363"),
    ("2015/s/ac_49/2014/7", "S/AC.49/2014/7"),
    ("2015/splos/l_75", "SPLOS/L.75"),
    ("2015/st/sg/ser_e/inf/31", "ST/SG/SER.E/INF/31"),
    ("2015/unep/chw_12/23/rev_1", "UNEP/CHW.12/23/Rev.1"),
    ("2015/unep/fao/rc/cop_7/1/add_1", "UNEP/FAO/RC/COP.7/1/Add.1"),
    ("2015/unep/ozl_pro_wg_1/35/1", "UNEP/OzL.Pro.WG.1/35/1"),
    ("2015/unep_dtie_/hg/inc_6/24", "UNEP(DTIE)/Hg/INC.6/24"),
    ("2015/unodc/ccpcj/eg_6/2015/2", "UNODC/CCPCJ/EG.6/2015/2"),
]


@pytest.mark.parametrize(("doc_id", "symbol"), SYMBOLS)
def test_symbol_from_id(doc_id: str, symbol: str) -> None:
    assert symbol_from_id(doc_id) == symbol


@needs_devset
def test_symbol_table_uses_real_ids() -> None:
    # The table must test ids the corpus really holds, not ones made up to pass.
    real = _distinct_ids()
    with_year = [doc_id for doc_id, _ in SYMBOLS if doc_id.startswith("2015/")]
    assert len(set(with_year)) >= 30
    assert set(with_year) <= real


@pytest.mark.parametrize(
    ("doc_id", "year"),
    [("2015/a/res/69/244", 2015), ("1999/s/res/1244__1999_", 1999), ("a/69/308__part_ii_", None)],
)
def test_year_from_id(doc_id: str, year: int | None) -> None:
    assert year_from_id(doc_id) == year


@given(st.from_regex(r"[a-z]{1,5}(/[a-z0-9_]{1,8}){0,5}", fullmatch=True))
def test_symbol_never_crashes_and_keeps_every_segment(doc_id: str) -> None:
    symbol = symbol_from_id(f"2015/{doc_id}")
    assert symbol.count("/") == doc_id.count("/")
    assert "_" not in symbol
    assert symbol == symbol_from_id(doc_id)


# --- the development set ---------------------------------------------------------


def _distinct_ids() -> set[str]:
    with (DEVSET / "UNv1.0.devset.ids").open(encoding="ascii") as ids:
        return {line.split()[0] for line in ids}


def _span(lines: str) -> tuple[int, int]:
    first, _, last = lines.partition("-")
    return int(first), int(last or first) + 1


def _paragraphs(resolutions: Iterator[Resolution]) -> Iterator[tuple[Resolution, Paragraph]]:
    for resolution in resolutions:
        for paragraph in resolution.paragraphs:
            yield resolution, paragraph


@needs_devset
def test_devset_french_lines_and_documents() -> None:
    resolutions = list(read_parallel(DEVSET_FR))
    paragraphs = [p for r in resolutions for p in r.paragraphs]
    assert len(paragraphs) == 4000
    assert sorted(p.lines[0] for p in paragraphs) == list(range(1, 4001))
    # Each document reads in its own line order (l14, l15, l16…), not in file order.
    for r in resolutions:
        firsts = [int(p.number.split("-")[0]) for p in r.paragraphs]
        assert firsts == sorted(firsts), r.symbol
        # the order is the place in the document: the same across a document's runs
        assert [p.order for p in r.paragraphs] == [
            int(p.number.split("-")[0]) * 1000 + len(range(*_span(p.number))) for p in r.paragraphs
        ]
    # Documents are interleaved, so runs outnumber documents; count them by id.
    assert len({r.meta["un_id"] for r in resolutions}) == 732
    # No two ids collapse into one symbol.
    assert len({r.symbol for r in resolutions}) == 732
    assert {r.language for r in resolutions} == {"fr"}
    assert {r.year for r in resolutions} == {2015}
    # A reference is unique per language, as the index requires.
    references = Counter(p.reference for p in paragraphs)
    assert references.most_common(1)[0][1] == 1
    # Each resolution is a run: consecutive resolutions never share an id.
    ids = [r.meta["un_id"] for r in resolutions]
    assert all(a != b for a, b in pairwise(ids))


@needs_devset
def test_devset_resolution_metadata_and_labels() -> None:
    found = {p.reference: (r, p) for r, p in _paragraphs(read_parallel(DEVSET_FR))}
    resolution, paragraph = found["A/RES/69/244#l25"]
    assert (resolution.symbol, resolution.number, resolution.session) == (
        "A/RES/69/244",
        "69/244",
        "69",
    )
    assert resolution.body == "General Assembly"
    assert resolution.title == ""
    assert resolution.source == str(DEVSET_FR)
    assert paragraph.kind == "line"
    assert paragraph.number == "25"
    assert paragraph.lines == (876, 876)
    assert paragraph.text.startswith("14. Prie le Président de sa soixante-neuvième session")
    assert paragraph.label == "A/RES/69/244, par. 14"
    assert paragraph.aligned == ("en:A/RES/69/244#l25",)

    resolution, paragraph = found["S/RES/2202 (2015)#l59"]
    assert (resolution.number, resolution.session, resolution.body) == (
        "2202 (2015)",
        "",
        "Security Council",
    )
    assert paragraph.label == "S/RES/2202 (2015), ligne 59"

    resolution = next(r for r, _ in found.values() if r.symbol == "E/CN.7/2015/13")
    assert (resolution.number, resolution.body) == ("E/CN.7/2015/13", "Economic and Social Council")
    assert not any(r.body for r, _ in found.values() if r.symbol.startswith("UNEP/"))


@needs_devset
def test_devset_segments_from_the_same_line_keep_distinct_references() -> None:
    # ids lines 1615 and 2371 cut two sentences from A/69/674 starting at French
    # line 59 (fr:59:2 and fr:59:4); the start alone would give both one reference.
    found = {p.lines[0]: p for _, p in _paragraphs(read_parallel(DEVSET_FR))}
    short, long = found[1615], found[2371]
    assert (short.reference, long.reference) == ("A/69/674#l59-60", "A/69/674#l59-62")
    assert short.text.startswith("Ceux-ci devront avoir une expérience")
    assert long.text.startswith("S'agissant de la sélection des membres du groupe consultatif")
    assert (short.aligned, long.aligned) == (("en:A/69/674#l62-63",), ("en:A/69/674#l62-65",))
    assert long.label == "A/69/674, lignes 59-62"


@needs_devset
def test_devset_english_labels_and_alignment_back() -> None:
    found = {p.reference: p for _, p in _paragraphs(read_parallel(DEVSET_EN))}
    paragraph = found["A/RES/69/244#l25"]
    assert paragraph.label == "A/RES/69/244, paragraph 14"
    assert paragraph.aligned == ("fr:A/RES/69/244#l25",)
    assert found["S/RES/2202 (2015)#l55"].label == "S/RES/2202 (2015), line 55"
    assert found["S/RES/2202 (2015)#l55"].aligned == ("fr:S/RES/2202 (2015)#l59",)


@needs_devset
def test_devset_aligned_keys_point_to_translations() -> None:
    english = {f"en:{p.reference}": p for _, p in _paragraphs(read_parallel(DEVSET_EN))}
    french = {p.reference: p for _, p in _paragraphs(read_parallel(DEVSET_FR))}
    # Every French line is aligned to an English line that exists, on the same file line.
    for paragraph in french.values():
        (key,) = paragraph.aligned
        assert english[key].lines == paragraph.lines
    # And by content, where the two languages number their lines differently.
    minsk = french["S/RES/2202 (2015)#l59"]
    assert minsk.aligned == ("en:S/RES/2202 (2015)#l55",)
    assert "Minsk" in minsk.text and "Minsk Protocol" in english[minsk.aligned[0]].text
    escwa = french["E/RES/2014/36#l17"]
    assert escwa.text.startswith("Se référant également au mandat du Comité technique")
    assert english[escwa.aligned[0]].text.startswith(
        "Referring also to the terms of reference of the Technical Committee"
    )


@needs_devset
def test_no_alignment_without_the_other_language(tmp_path: Path) -> None:
    shutil.copy(DEVSET_FR, tmp_path / "UNv1.0.devset.fr")
    shutil.copy(DEVSET / "UNv1.0.devset.ids", tmp_path / "UNv1.0.devset.ids")
    paragraphs = [p for _, p in _paragraphs(read_parallel(tmp_path / "UNv1.0.devset.fr"))]
    assert len(paragraphs) == 4000
    assert all(p.aligned == () for p in paragraphs)


#: Ceiling on tracemalloc's peak while streaming 100,000 lines (a 20 MB text file).
#: Reading the file whole would alone take about 20 MB; the reader should need only
#: the longest run of one document, well under a megabyte.
PEAK_LIMIT = 5 * 1024 * 1024


@needs_devset
def test_streaming_keeps_memory_bounded(tmp_path: Path) -> None:
    copies = 25
    for suffix in ("fr", "ids"):
        with (tmp_path / f"big.{suffix}").open("wb") as out:
            for _ in range(copies):
                with (DEVSET / f"UNv1.0.devset.{suffix}").open("rb") as sample:
                    shutil.copyfileobj(sample, out)
    big = tmp_path / "big.fr"
    assert big.stat().st_size > PEAK_LIMIT * 3
    lines = 0
    tracemalloc.start()
    try:
        for resolution in read_parallel(big):
            lines += len(resolution.paragraphs)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == 4000 * copies
    assert peak < PEAK_LIMIT, f"peak {peak / 1e6:.1f} MB"


# --- small synthetic files ---------------------------------------------------------


def _write(folder: Path, stem: str, **files: str | bytes) -> Path:
    for suffix, content in files.items():
        target = folder / f"{stem}.{suffix}"
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return folder / f"{stem}.fr"


IDS = (
    "2015/a/res/69/1 en:2:1 fr:3:1\n"
    "2015/a/res/69/1 en:4:2 fr:5:2\n"
    "2015/s/res/2202__2015_ en:7:1 fr:7:1\n"
    "2015/a/res/69/1 en:9:1 fr:9:1\n"
)
FRENCH = "3. Décide de rester saisi.\n  Prie le Secrétaire général.  \nTexte.\nEncore.\n"


def test_synthetic_runs_and_fields(tmp_path: Path) -> None:
    path = _write(tmp_path, "tiny", fr=FRENCH, ids=IDS, en="a\nb\nc\nd\n")
    resolutions = list(read_parallel(path))
    assert [(r.symbol, len(r.paragraphs)) for r in resolutions] == [
        ("A/RES/69/1", 2),
        ("S/RES/2202 (2015)", 1),
        ("A/RES/69/1", 1),
    ]
    first, second = resolutions[0].paragraphs
    assert first == Paragraph(
        reference="A/RES/69/1#l3",
        label="A/RES/69/1, par. 3",
        kind="line",
        number="3",
        text="3. Décide de rester saisi.",
        order=3001,  # line 3, one line long
        lines=(1, 1),
        aligned=("en:A/RES/69/1#l2",),
        symbol="A/RES/69/1",
        language="fr",
    )
    assert second.text == "Prie le Secrétaire général."
    assert (second.reference, second.number) == ("A/RES/69/1#l5-6", "5-6")
    assert second.label == "A/RES/69/1, lignes 5-6"
    assert (second.order, second.lines, second.aligned) == (5002, (2, 2), ("en:A/RES/69/1#l4-5",))
    assert resolutions[1].paragraphs[0].label == "S/RES/2202 (2015), ligne 7"
    assert resolutions[2].paragraphs[0].order == 9001


def test_is_parallel_corpus_file(tmp_path: Path) -> None:
    french = _write(tmp_path, "tiny", fr=FRENCH, ids=IDS)
    (tmp_path / "lonely.fr").write_text("x\n", encoding="utf-8")
    (tmp_path / "tiny.txt").write_text("x\n", encoding="utf-8")
    assert is_parallel_corpus_file(french)
    assert not is_parallel_corpus_file(tmp_path / "lonely.fr")
    assert not is_parallel_corpus_file(tmp_path / "tiny.txt")
    assert not is_parallel_corpus_file(tmp_path / "tiny.ids")
    assert not is_parallel_corpus_file(tmp_path / "tiny.en")


def test_missing_ids_file(tmp_path: Path) -> None:
    (tmp_path / "lonely.fr").write_text(FRENCH, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"missing ids file lonely\.ids") as raised:
        read_parallel(tmp_path / "lonely.fr")
    assert raised.value.path == str(tmp_path / "lonely.fr")


def test_ids_path_that_is_a_folder(tmp_path: Path) -> None:
    path = _write(tmp_path, "tiny", fr=FRENCH)
    (tmp_path / "tiny.ids").mkdir()
    with pytest.raises(CorpusError, match="missing ids file"):
        read_parallel(path)


def test_unreadable_ids_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "tiny", fr=FRENCH, ids=IDS)
    ids = tmp_path / "tiny.ids"
    ids.chmod(0)
    try:
        if os.access(ids, os.R_OK):
            pytest.skip("running with rights that read any file (root?)")
        with pytest.raises(CorpusError, match="cannot read ids file") as raised:
            list(read_parallel(path))
        assert raised.value.path == str(ids)
    finally:
        ids.chmod(0o644)


@pytest.mark.parametrize(
    ("french", "ids", "shorter"),
    [(FRENCH + "De trop.\n", IDS, "tiny.ids"), ("Seule.\n", IDS, "tiny.fr")],
)
def test_line_count_mismatch(tmp_path: Path, french: str, ids: str, shorter: str) -> None:
    path = _write(tmp_path, "tiny", fr=french, ids=ids)
    with pytest.raises(CorpusError, match=rf"{shorter} ends after line \d+"):
        list(read_parallel(path))


def test_undecodable_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "tiny", fr=b"ok\n\xff\xfe pas utf-8\nc\nd\n", ids=IDS)
    with pytest.raises(CorpusError, match=r"text file is not UTF-8") as raised:
        list(read_parallel(path))
    assert raised.value.path == str(path)


def test_undecodable_ids(tmp_path: Path) -> None:
    path = _write(tmp_path, "tiny", fr=FRENCH, ids=IDS.encode() + b"\xff\n")
    with pytest.raises(CorpusError, match=r"ids file is not UTF-8") as raised:
        list(read_parallel(path))
    assert raised.value.path == str(tmp_path / "tiny.ids")


@pytest.mark.parametrize(
    ("ids", "reason"),
    [
        ("2015/a/res/69/1 en:2:1 fr:3\n", "malformed position 'fr:3'"),
        ("2015/a/res/69/1 en:2:1\n", "no fr position"),
        ("\n", "empty ids line"),
    ],
)
def test_malformed_ids_line(tmp_path: Path, ids: str, reason: str) -> None:
    path = _write(tmp_path, "tiny", fr="Une ligne.\n", ids=ids)
    with pytest.raises(CorpusError, match=reason):
        list(read_parallel(path))


@pytest.mark.parametrize(
    "doc_id",
    [".", "../..", "2015/..", "2015/.", "a", "2015", "a//b", "a/\x01b", "a/" + "1" * 200, "é/1"],
)
def test_ids_that_spell_no_symbol_are_refused(tmp_path: Path, doc_id: str) -> None:
    path = _write(
        tmp_path, "tiny", fr="Une ligne.\nDeux.\n", ids=f"2015/a/res/69/1 fr:1:1\n{doc_id} fr:2:1\n"
    )
    with pytest.raises(CorpusError, match=r"ids file, line 2: '.*' is not a UN document id"):
        list(read_parallel(path))


@needs_devset
def test_every_id_of_the_development_set_spells_a_symbol() -> None:
    ids = {line.split()[0] for line in DEVSET_IDS.read_text(encoding="utf-8").splitlines()}
    assert len(ids) == 732
    assert all(is_document_symbol(symbol_from_id(doc_id)) for doc_id in ids)


def test_a_garbage_ids_file_indexes_nothing_under_junk_symbols(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, "junk", fr="Une ligne.\nDeux.\n", ids="../.. fr:1:1\n. fr:2:1\n")
    _write(corpus, "good", fr="Une ligne.\n", ids="2015/a/res/69/1 fr:1:1\n")
    report = build_index(corpus, tmp_path / "ix")
    assert dict(report.skipped) == {"junk.fr": "ids file, line 1: '../..' is not a UN document id"}
    with open_index(tmp_path / "ix") as ix:
        assert [r.symbol for r in ix.resolutions()] == ["A/RES/69/1"]


@given(ids=st.text(max_size=60), text=st.text(max_size=20))
def test_any_ids_line_reads_or_raises_corpus_error(ids: str, text: str) -> None:
    # The indexer catches CorpusError only; nothing else may escape, whatever the files hold.
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), "fuzz", fr=text.replace("\n", " ") + "\n", ids=ids + "\n")
        try:
            resolutions = list(read_parallel(path))
        except CorpusError:
            return
        assert sum(len(r.paragraphs) for r in resolutions) == 1
        assert all(is_document_symbol(r.symbol) for r in resolutions)  # never "." or "../.."


def test_not_a_french_or_english_file(tmp_path: Path) -> None:
    (tmp_path / "tiny.es").write_text("Hola.\n", encoding="utf-8")
    (tmp_path / "tiny.ids").write_text(IDS, encoding="utf-8")
    with pytest.raises(CorpusError, match="not a French or English corpus file"):
        read_parallel(tmp_path / "tiny.es")


# A document in two runs, its lines out of order in each (14, 17 … 16, 15, 6), as the
# development set has them: shown and returned in the document's own line order.
SCATTERED_IDS = (
    "2015/a/ac_182/l_139 en:14:1 fr:14:1\n"
    "2015/a/ac_182/l_139 en:17:1 fr:17:1\n"
    "2015/s/res/2202__2015_ en:7:1 fr:7:1\n"
    "2015/a/ac_182/l_139 en:16:1 fr:16:1\n"
    "2015/a/ac_182/l_139 en:15:2 fr:15:2\n"
    "2015/a/ac_182/l_139 en:6:1 fr:6:1\n"
)
SCATTERED_FR = "Quatorze.\nDix-sept.\nSept.\nSeize.\nQuinze et seize.\nSix.\n"


def test_a_document_in_runs_is_shown_in_its_own_line_order(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, "scattered", fr=SCATTERED_FR, ids=SCATTERED_IDS)
    build_index(corpus, tmp_path / "ix")
    expected = ["l6", "l14", "l15-16", "l16", "l17"]
    with open_index(tmp_path / "ix") as ix:
        res = ix.get_resolution("A/AC.182/L.139")
        assert [p.reference.partition("#")[2] for p in res.paragraphs] == expected
        assert [p.text for p in res.paragraphs][:2] == ["Six.", "Quatorze."]
    out = CliRunner().invoke(cli, ["show", "A/AC.182/L.139", "--index-dir", str(tmp_path / "ix")])
    assert out.exit_code == 0, out.output
    shown = re.findall(r"\[A/AC\.182/L\.139#(l[\d-]+)\]", out.output)
    assert shown == expected


@needs_devset
def test_each_document_names_the_organ_its_symbol_is_in() -> None:
    """A/HRC/28/NI/4 is the Human Rights Council's, not the Assembly's; E/CN.6/… the CSW's."""
    organs: dict[str, tuple[str, str]] = {}
    for r in read_parallel(DEVSET_FR):
        organs.setdefault(r.symbol, (r.body, r.organ))
    assert organs["A/HRC/28/NI/4"] == ("Human Rights Council", "Conseil des droits de l’homme")
    assert organs["E/CN.6/2015/NGO/259"] == (
        "Economic and Social Council",
        "Commission de la condition de la femme",
    )
    assert organs["A/RES/69/244"] == ("General Assembly", "Assemblée générale")
    assert organs["CEDAW/C/ECU/CO/8-9"][1].startswith("Comité pour l’élimination")
    # the Council's documents, and only they, have the Council for their body
    hrc = {s for s, (body, _) in organs.items() if body == "Human Rights Council"}
    assert hrc == {s for s in organs if s.startswith("A/HRC/")}
