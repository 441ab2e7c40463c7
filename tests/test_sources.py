"""Several sources in one index: add, update, remove, list, rebuild, and copies indexed once."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_un import FakeUN, serve
from resolu.index import (
    IndexReport,
    SourceNotFound,
    SourceOverlap,
    build_index,
    list_sources,
    rebuild_index,
    remove_source,
)
from resolu.index import builder as builder_module
from resolu.index.folder import current_generation
from resolu.search import open_index
from resolu.search.cli import cli
from support import SEED, shared

FRENCH = {"LANG": "fr_FR.UTF-8"}


def _resolution(folder: Path, number: int, *, name: str | None = None, extra: str = "") -> Path:
    """Write the shipped French resolution as A/RES/55/<number> into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8").replace("55/109", f"55/{number}")
    if extra:
        text = text.replace("Décide de poursuivre", f"Décide de {extra}")
    path = folder / (name or f"A_RES_55_{number}.fr.txt")
    path.write_text(text, encoding="utf-8")
    return path


def _symbols(index_dir: Path) -> list[str]:
    with open_index(index_dir) as ix:
        return sorted(s.symbol for s in ix.resolutions())


def _held(index_dir: Path, symbols: list[str]) -> list[object]:
    """Return what the index holds of ``symbols``: whole resolutions and hits, scores aside."""
    with open_index(index_dir) as ix:
        found: list[object] = [ix.get(s) for s in symbols]
        for s in symbols:
            hits = ix.search(f"poursuivre symbol:{s}", limit=100).hits
            found += [(h.reference, h.label, h.text, h.snippet) for h in hits]
        return found


def _paragraph_keys(index_dir: Path) -> list[str]:
    with open_index(index_dir) as ix:
        hits = ix.search("kind:operative OR kind:preambular OR kind:footnote", limit=10_000)
        return sorted(h.key for h in hits.hits)


def test_two_folders_in_one_index(tmp_path: Path) -> None:
    a, b, ix = tmp_path / "a", tmp_path / "b", tmp_path / "ix"
    _resolution(a, 109)
    _resolution(a, 110)
    _resolution(b, 111)
    first = build_index(a, ix)
    second = build_index(b, ix)
    assert (second.added, second.removed, second.total_paragraphs) == (1, 0, 51)
    assert second.sources == 2 and second.corpus_dir == str(b.resolve())
    assert _symbols(ix) == ["A/RES/55/109", "A/RES/55/110", "A/RES/55/111"]
    assert first.total_paragraphs == 34
    again = build_index(a, ix)  # updating a source that did not change touches nothing
    assert not again.changed and again.unchanged == 2 and again.total_paragraphs == 51
    assert [(s.path, s.kind, s.files, s.resolutions, s.paragraphs) for s in list_sources(ix)] == [
        (str(a.resolve()), "folder", 2, 2, 34),
        (str(b.resolve()), "folder", 1, 1, 17),
    ]


def test_updating_one_source_leaves_the_other_untouched(tmp_path: Path) -> None:
    a, b, ix = tmp_path / "a", tmp_path / "b", tmp_path / "ix"
    _resolution(a, 109)
    _resolution(a, 110)
    changing = _resolution(b, 111)
    _resolution(b, 112)
    build_index(a, ix)
    build_index(b, ix)
    before = _held(ix, ["A/RES/55/109", "A/RES/55/110"])
    _resolution(b, 111, extra="clore")  # edited
    (b / "A_RES_55_112.fr.txt").unlink()  # removed
    _resolution(b, 113)  # added
    report = build_index(b, ix)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 0)
    assert _held(ix, ["A/RES/55/109", "A/RES/55/110"]) == before
    assert _symbols(ix) == ["A/RES/55/109", "A/RES/55/110", "A/RES/55/111", "A/RES/55/113"]
    with open_index(ix) as opened:
        assert [h.symbol for h in opened.search("clore")] == ["A/RES/55/111"]
    assert changing.is_file()


def test_remove_drops_one_source_even_when_its_folder_is_gone(tmp_path: Path) -> None:
    a, b, ix = tmp_path / "a", tmp_path / "b", tmp_path / "ix"
    _resolution(a, 109)
    _resolution(b, 111)
    build_index(a, ix)
    build_index(b, ix)
    before = _held(ix, ["A/RES/55/111"])
    shutil.rmtree(a)
    runner = CliRunner()
    out = runner.invoke(cli, ["index", "--remove", str(a), "--index-dir", str(ix)])
    assert out.exit_code == 0, out.output
    assert f"source removed: {a.resolve()}" in out.stdout
    assert "0 added, 0 updated, 1 removed" in out.stdout
    assert _symbols(ix) == ["A/RES/55/111"]
    assert _held(ix, ["A/RES/55/111"]) == before
    assert [s.path for s in list_sources(ix)] == [str(b.resolve())]
    again = runner.invoke(cli, ["index", "--remove", str(a), "--index-dir", str(ix)])
    assert again.exit_code == 1
    assert f"Error: {a} is not a source of {ix} (its sources: {b.resolve()})" in again.output
    usage = runner.invoke(cli, ["index", "--remove", "--index-dir", str(ix)])
    assert usage.exit_code == 2 and "--remove takes the source to remove" in usage.output
    with pytest.raises(SourceNotFound):
        remove_source(tmp_path / "never", ix)


def test_sources_in_french_and_in_json(tmp_path: Path) -> None:
    a, ix = tmp_path / "a", tmp_path / "ix"
    _resolution(a, 109)
    _resolution(a, 110)
    single = _resolution(tmp_path / "loose", 111)
    shutil.copy(a / "A_RES_55_109.fr.txt", a / "copie.txt")  # a copy: indexed once
    runner = CliRunner()
    for source in (a, single):
        out = runner.invoke(cli, ["index", str(source), "--index-dir", str(ix)], env=FRENCH)
        assert out.exit_code == 0, out.output
    text = runner.invoke(cli, ["sources", "--index-dir", str(ix)], env=FRENCH)
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert lines[0] == f"{a.resolve()}  (dossier)"
    assert lines[1].startswith(
        "   3 fichiers, 2 résolutions, 34 paragraphes, 1 doublon\u00a0; mise à jour\u00a0: 20"
    )
    assert lines[1].endswith(" UTC")
    assert lines[2] == f"{single.resolve()}  (fichier)"
    assert lines[3].startswith("   1 fichier, 1 résolution, 17 paragraphes\u00a0; mise à jour")
    assert lines[4] == f"2 sources dans {ix}"
    raw = runner.invoke(cli, ["sources", "--json", "--index-dir", str(ix)])
    data = json.loads(raw.stdout)
    assert data["index"] == str(ix)
    first = data["sources"][0]
    assert {k: first[k] for k in ("path", "kind", "present", "files", "resolutions")} == {
        "path": str(a.resolve()),
        "kind": "folder",
        "present": True,
        "files": 3,
        "resolutions": 2,
    }
    assert (first["paragraphs"], first["duplicates"]) == (34, 1)
    assert first["updated"].endswith("+00:00") and first["added"] <= first["updated"]
    shutil.rmtree(a)
    gone = runner.invoke(cli, ["sources", "--index-dir", str(ix)], env=FRENCH)
    assert gone.stdout.splitlines()[0] == f"{a.resolve()}  (dossier, introuvable)"
    nothing = runner.invoke(cli, ["sources", "--index-dir", str(tmp_path / "none")])
    assert nothing.exit_code == 1 and "no index in" in nothing.output


def test_copies_across_sources_are_indexed_once_and_named(tmp_path: Path) -> None:
    a, b, ix = tmp_path / "a", tmp_path / "b", tmp_path / "ix"
    _resolution(a, 109)
    _resolution(a, 110)
    shutil.copytree(a, b)  # the same two files again
    _resolution(b, 111)
    build_index(a, ix)
    once = _paragraph_keys(ix)
    report = build_index(b, ix)
    assert report.resolutions == 1 and report.total_paragraphs == 51
    assert sorted(
        (d.symbol, d.skipped, d.kept, d.reason, d.identical) for d in report.duplicates
    ) == [
        (
            "A/RES/55/109",
            "A_RES_55_109.fr.txt",
            str(a.resolve() / "A_RES_55_109.fr.txt"),
            "source",
            True,
        ),
        (
            "A/RES/55/110",
            "A_RES_55_110.fr.txt",
            str(a.resolve() / "A_RES_55_110.fr.txt"),
            "source",
            True,
        ),
    ]
    keys = _paragraph_keys(ix)
    assert len(keys) == len(set(keys)) == 51 and set(once) <= set(keys)
    with open_index(ix) as opened:
        hits = opened.search("poursuivre", limit=100).hits
        assert sorted(h.reference for h in hits) == [f"A/RES/55/{n}#op6" for n in (109, 110, 111)]
    out = CliRunner().invoke(cli, ["index", str(b), "--index-dir", str(ix)])
    assert out.exit_code == 0 and "up to date" in out.stdout


def test_text_and_pdf_of_one_resolution_keep_the_text(tmp_path: Path) -> None:
    from resolu.corpus.pdf import pdf_to_text

    pdf = shared("un_pdfs", "A_RES_73_8.en.pdf")
    folder, ix = tmp_path / "mixed", tmp_path / "ix"
    folder.mkdir()
    shutil.copy(pdf, folder / "z.pdf")
    (folder / "A_RES_73_8.en.txt").write_text(pdf_to_text(pdf), encoding="utf-8")
    report = build_index(folder, ix)
    assert [(d.symbol, d.language, d.skipped, d.kept, d.reason) for d in report.duplicates] == [
        ("A/RES/73/8", "en", "z.pdf", "A_RES_73_8.en.txt", "format")
    ]
    out = CliRunner().invoke(cli, ["index", str(folder), "--index-dir", str(tmp_path / "ix2")])
    assert (
        "duplicate A/RES/73/8 (en): z.pdf not indexed, A_RES_73_8.en.txt kept (preferred format)"
        in out.stderr
    )
    assert "duplicates not indexed: 1" in out.stdout


def test_removing_the_kept_copy_promotes_the_other(tmp_path: Path) -> None:
    a, b, ix = tmp_path / "a", tmp_path / "b", tmp_path / "ix"
    _resolution(a, 109)
    _resolution(b, 109, name="copie.txt")
    _resolution(b, 111)
    build_index(a, ix)
    build_index(b, ix)
    before = _paragraph_keys(ix)
    report = remove_source(a, ix)
    assert report.promoted == (("fr:A/RES/55/109", str(b.resolve() / "copie.txt")),)
    assert report.removed == 1 and report.paragraphs == 17 and report.total_paragraphs == 34
    assert _paragraph_keys(ix) == before
    with open_index(ix) as opened:
        found = opened.get("A/RES/55/109")
        assert found.source == str(b.resolve() / "copie.txt")  # type: ignore[union-attr]
    # The same when the kept file changes instead: its copy goes, the other comes.
    build_index(a, ix)  # a is added again, after b: b's copy stays
    with open_index(ix) as opened:
        assert opened.get("A/RES/55/109").source.endswith("copie.txt")  # type: ignore[union-attr]
    (b / "copie.txt").unlink()
    report = build_index(b, ix)
    assert report.promoted == (("fr:A/RES/55/109", str(a.resolve() / "A_RES_55_109.fr.txt")),)
    assert _paragraph_keys(ix) == before


def test_incremental_runs_hold_what_a_rebuild_holds(tmp_path: Path) -> None:
    a, b, ix = tmp_path / "a", tmp_path / "b", tmp_path / "ix"
    _resolution(a, 109)
    _resolution(b, 109, name="copie.txt")
    _resolution(b, 110)
    build_index(b, ix)
    build_index(a, ix)
    (b / "copie.txt").write_text("pas une résolution", encoding="utf-8")
    build_index(b, ix)  # promotes a's copy
    _resolution(a, 110, name="A_RES_55_110.fr.txt", extra="clore")  # a's copy of 110
    build_index(a, ix)  # b was added first: b's copy of 110 stays
    incremental = _held(ix, ["A/RES/55/109", "A/RES/55/110"])
    report = rebuild_index(ix)
    assert report.rebuilt and report.sources == 2
    assert _held(ix, ["A/RES/55/109", "A/RES/55/110"]) == incremental
    with open_index(ix) as opened:
        assert opened.search("clore").total == 0


def test_index_without_a_folder_updates_every_source(tmp_path: Path) -> None:
    a, b, c, ix = tmp_path / "a", tmp_path / "b", tmp_path / "c", tmp_path / "ix"
    _resolution(a, 109)
    _resolution(b, 111)
    _resolution(c, 112)
    for source in (a, b, c):
        build_index(source, ix)
    _resolution(a, 109, extra="clore")
    _resolution(b, 113)
    shutil.rmtree(c)  # an unplugged drive: an update leaves its paragraphs alone
    out = CliRunner().invoke(cli, ["index", "--index-dir", str(ix)])
    assert out.exit_code == 0, out.output
    assert "1 added, 1 updated, 0 removed, 1 unchanged files" in out.stdout
    assert f"source missing: {c.resolve()} (its paragraphs left as they were" in out.stderr
    assert _symbols(ix) == ["A/RES/55/109", "A/RES/55/111", "A/RES/55/112", "A/RES/55/113"]
    with open_index(ix) as opened:
        assert [h.symbol for h in opened.search("clore")] == ["A/RES/55/109"]


def test_a_folder_inside_a_source_is_refused(tmp_path: Path) -> None:
    a, ix = tmp_path / "a", tmp_path / "ix"
    _resolution(a / "sub", 109)
    build_index(a, ix)
    with pytest.raises(SourceOverlap, match="is inside"):
        build_index(a / "sub", ix)
    with pytest.raises(SourceOverlap, match="holds"):
        build_index(tmp_path, ix)
    out = CliRunner().invoke(cli, ["index", str(a / "sub"), "--index-dir", str(ix)])
    assert out.exit_code == 1 and "already a source of this index" in out.output


def test_a_failed_run_leaves_the_sources_and_the_index_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, ix = tmp_path / "a", tmp_path / "b", tmp_path / "ix"
    _resolution(a, 109)
    _resolution(b, 111)
    build_index(a, ix)
    before = _held(ix, ["A/RES/55/109"])

    def explode(*args: object) -> Iterator[dict[str, object]]:
        raise KeyboardInterrupt
        yield {}

    monkeypatch.setattr(builder_module, "paragraph_documents", explode)
    with pytest.raises(KeyboardInterrupt):
        build_index(b, ix)
    monkeypatch.undo()
    assert [s.path for s in list_sources(ix)] == [str(a.resolve())]
    assert _held(ix, ["A/RES/55/109"]) == before


def test_rebuild_reads_every_source_and_keeps_a_missing_one_listed(tmp_path: Path) -> None:
    a, b, ix = tmp_path / "a", tmp_path / "b", tmp_path / "ix"
    _resolution(a, 109)
    _resolution(b, 111)
    build_index(a, ix)
    build_index(b, ix)
    live = current_generation(ix)
    assert live is not None
    (live / "VERSION").write_text("1\n")  # as if another resolu had built it
    out = CliRunner().invoke(cli, ["search", "paix", "--index-dir", str(ix)])
    assert "resolu index --rebuild --index-dir" in out.output and out.exit_code == 1
    report = build_index(b, ix)  # rebuilt with every recorded source, not b alone
    assert report.rebuilt and "from its recorded sources" in report.repaired
    assert _symbols(ix) == ["A/RES/55/109", "A/RES/55/111"]
    shutil.rmtree(a)
    out = CliRunner().invoke(cli, ["index", "--rebuild", "--index-dir", str(ix)])
    assert out.exit_code == 0, out.output
    assert f"source missing: {a.resolve()} (kept in the list" in out.stderr
    assert _symbols(ix) == ["A/RES/55/111"]
    assert [(s.path, s.present, s.files) for s in list_sources(ix)] == [
        (str(a.resolve()), False, 0),
        (str(b.resolve()), True, 1),
    ]


def test_an_index_from_before_sources_is_rebuilt_from_the_folder_given(tmp_path: Path) -> None:
    a, ix = tmp_path / "a", tmp_path / "ix"
    _resolution(a, 109)
    build_index(a, ix)
    live = current_generation(ix)
    assert live is not None
    (live / "SOURCES.json").unlink()
    (live / "VERSION").write_text("4\n")
    with pytest.raises(SourceNotFound, match="records no source"):
        rebuild_index(ix)
    out = CliRunner().invoke(cli, ["index", "--index-dir", str(ix)])
    assert out.exit_code == 1 and "resolu index CORPUS_DIR --rebuild" in out.output
    report = build_index(a, ix)
    assert report.rebuilt and "did not record its sources" in report.repaired
    assert [s.path for s in list_sources(ix)] == [str(a.resolve())]


@pytest.fixture()
def un() -> Iterator[FakeUN]:
    with serve(shared("un_pdfs")) as server:
        yield server


def test_fetch_adds_its_library_beside_a_user_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, un: FakeUN
) -> None:
    from resolu.corpus.pdf import pdf_to_text

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for var in ("RESOLU_INDEX", "RESOLU_LIBRARY"):
        monkeypatch.delenv(var, raising=False)
    mine, lib, ix = tmp_path / "mine", tmp_path / "lib", tmp_path / "ix"
    _resolution(mine, 109)
    text = pdf_to_text(shared("un_pdfs", "A_RES_73_8.en.pdf"))
    (mine / "A_RES_73_8.en.txt").write_text(text, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(mine), "--index-dir", str(ix)]).exit_code == 0
    fast = ["--delay", "0", "--timeout", "2", "--retries", "1", "--ods-url", un.url]
    args = ["fetch", "A/RES/73/8", "A/RES/73/3", "--lang", "en", *fast]
    out = runner.invoke(cli, [*args, "--library", str(lib), "--index-dir", str(ix)])
    assert out.exit_code == 0, out.output
    assert "2 added, 0 updated, 0 removed" in out.stdout
    assert (
        f"duplicate A/RES/73/8 (en): A_RES_73_8.en.pdf not indexed, "
        f"{mine.resolve() / 'A_RES_73_8.en.txt'} kept (its source was added first)"
    ) in out.stderr
    assert _symbols(ix) == ["A/RES/55/109", "A/RES/73/3", "A/RES/73/8"]
    assert [(s.path, s.files, s.resolutions) for s in list_sources(ix)] == [
        (str(mine.resolve()), 2, 2),
        (str(lib.resolve()), 2, 1),
    ]
    # Without the user's folder, the library's copy takes its place.
    report: IndexReport = remove_source(mine, ix)
    assert report.promoted == (("en:A/RES/73/8", str(lib.resolve() / "A_RES_73_8.en.pdf")),)
    assert _symbols(ix) == ["A/RES/73/3", "A/RES/73/8"]
