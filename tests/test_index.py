"""Building and updating an index: counts, incremental runs, skipped files, failure safety."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from resolu.index import IndexCorrupt, IndexFolderRefused, build_index
from resolu.index import builder as builder_module
from resolu.index.folder import current_generation
from resolu.search import open_index
from support import SEED, shared


def test_build_from_shipped_corpus(corpus_copy: Path, tmp_path: Path) -> None:
    report = build_index(corpus_copy, tmp_path / "ix")
    assert (report.files, report.added, report.resolutions, report.paragraphs) == (1, 1, 1, 17)
    assert report.total_paragraphs == 17 and report.rebuilt and report.changed
    with open_index(tmp_path / "ix") as ix:
        assert len(ix) == 17
        refs = [p.reference for p in ix.get("A/RES/55/109").paragraphs]  # type: ignore[union-attr]
    assert refs == [f"A/RES/55/109#pp{i}" for i in range(1, 9)] + [
        f"A/RES/55/109#op{i}" for i in range(1, 7)
    ] + [f"A/RES/55/109#fn{i}" for i in range(1, 4)]


def test_rerun_without_changes_touches_nothing(corpus_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "ix"
    build_index(corpus_copy, target)

    def files() -> dict[str, int]:
        # LOCK names the last run that held it: the one file every run rewrites.
        return {str(p): p.stat().st_mtime_ns for p in target.rglob("*") if p.name != "LOCK"}

    before = files()
    report = build_index(corpus_copy, target)
    assert not report.changed and report.unchanged == 1 and report.paragraphs == 0
    assert files() == before


def test_edit_reindexes_that_file_only_and_delete_removes_it(
    corpus_copy: Path, tmp_path: Path
) -> None:
    target = tmp_path / "ix"
    other = corpus_copy / "A_RES_55_110.fr.txt"
    text = SEED.read_text(encoding="utf-8")
    other.write_text(text.replace("55/109", "55/110"), encoding="utf-8")
    assert build_index(corpus_copy, target).paragraphs == 34

    other.write_text(
        text.replace("55/109", "55/110").replace("Décide de poursuivre", "Décide de clore"),
        encoding="utf-8",
    )
    report = build_index(corpus_copy, target)
    assert (report.updated, report.unchanged, report.paragraphs) == (1, 1, 17)
    with open_index(target) as ix:
        assert [h.symbol for h in ix.search("clore")] == ["A/RES/55/110"]
        assert ix.search("poursuivre symbol:55/110").total == 0
        assert ix.search("poursuivre symbol:55/109").total == 1

    other.unlink()
    report = build_index(corpus_copy, target)
    assert (report.removed, report.total_paragraphs) == (1, 17)
    with open_index(target) as ix:
        assert ix.search("symbol:55/110").total == 0


def test_garbage_is_reported_and_skipped(corpus_copy: Path, tmp_path: Path) -> None:
    (corpus_copy / "garbage.txt").write_bytes(b"\x00\xff\x00binary" * 50)
    (corpus_copy / "notes.txt").write_text("Rien à voir ici.\n", encoding="utf-8")
    report = build_index(corpus_copy, tmp_path / "ix")
    assert report.paragraphs == 17
    assert dict(report.skipped).keys() == {"garbage.txt", "notes.txt"}
    assert "binary" in dict(report.skipped)["garbage.txt"]


def test_failure_mid_run_leaves_the_previous_index_intact(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ix"
    build_index(corpus_copy, target)
    with open_index(target) as ix:
        before = [(h.reference, h.score) for h in ix.search("dialogue civilisations")]
    (corpus_copy / "A_RES_55_110.fr.txt").write_text(
        SEED.read_text(encoding="utf-8").replace("55/109", "55/110"), encoding="utf-8"
    )
    (corpus_copy / SEED.name).unlink()

    calls = 0
    real = builder_module.paragraph_documents

    def explode(*args, **kwargs):
        nonlocal calls
        calls += 1
        raise KeyboardInterrupt  # Ctrl-C in the middle of the run

    monkeypatch.setattr(builder_module, "paragraph_documents", explode)
    with pytest.raises(KeyboardInterrupt):
        build_index(corpus_copy, target)
    assert calls == 1
    with open_index(target) as ix:
        assert [(h.reference, h.score) for h in ix.search("dialogue civilisations")] == before
    # The same holds for a full rebuild, which works in a separate folder.
    with pytest.raises(KeyboardInterrupt):
        build_index(corpus_copy, target, rebuild=True)
    with open_index(target) as ix:
        assert [(h.reference, h.score) for h in ix.search("dialogue civilisations")] == before
    assert not list(tmp_path.glob("ix.building-*"))
    monkeypatch.setattr(builder_module, "paragraph_documents", real)
    report = build_index(corpus_copy, target)
    assert (report.added, report.removed) == (1, 1)


def test_refuses_to_replace_a_folder_that_is_not_an_index(
    corpus_copy: Path, tmp_path: Path
) -> None:
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.md").write_text("do not delete")
    with pytest.raises(IndexFolderRefused, match="not a resolu index"):
        build_index(corpus_copy, precious)
    assert (precious / "chapter1.md").read_text() == "do not delete"


def test_rebuild_replaces_the_index(corpus_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "ix"
    build_index(corpus_copy, target)
    report = build_index(corpus_copy, target, rebuild=True)
    assert report.rebuilt and report.total_paragraphs == 17


@pytest.mark.slow
@pytest.mark.parametrize("procs", [1, 2])
def test_all_security_council_resolutions(tmp_path: Path, procs: int) -> None:
    folder = shared("en_only", "cr-unsc_res_en_gold")
    corpus = tmp_path / "sc"
    shutil.copytree(folder, corpus)
    report = build_index(corpus, tmp_path / "ix", procs=procs)
    assert report.files == 902
    # Two files read as a symbol another file gives (S_RES_0542 reads "Resolution
    # 538 (1983)"): one copy of each is indexed, the report names the other.
    assert report.resolutions + len(report.duplicates) + len(report.skipped) == 902
    assert len(report.duplicates) == 2
    assert report.resolutions >= 895
    with open_index(tmp_path / "ix") as ix:
        assert len(ix) == report.paragraphs == report.total_paragraphs
        hits = ix.search('"inadmissibility of the acquisition of territory by war"', limit=100)
        assert "S/RES/242 (1967)#pp2" in {h.reference for h in hits}
        assert all("inadmissibility of the acquisition of territory by war" in h.text for h in hits)


def test_parallel_corpus_files_are_indexed(tmp_path: Path) -> None:
    folder = shared("un_v1_devset")
    corpus = tmp_path / "un"
    shutil.copytree(folder, corpus)
    report = build_index(corpus, tmp_path / "ix")
    assert report.files == 2 and report.paragraphs == 8000
    with open_index(tmp_path / "ix") as ix:
        hits = ix.search("changements climatiques lang:fr", limit=5)
        assert hits.total > 0
        for hit in hits:
            assert ix.get(hit.reference, lang="fr").text == hit.text  # type: ignore[union-attr]
            english = ix.get(hit.aligned[0])
            assert english.reference.split("#")[0] == hit.symbol  # type: ignore[union-attr]
            # "show REF --lang en": the aligned line, which points back.
            assert ix.get(hit.reference, lang="en") == english
            assert english.aligned == (f"fr:{hit.reference}",)  # type: ignore[union-attr]
        line = ix.get("A/RES/69/244#l58", lang="en")
        assert line.text.startswith("6. While retaining the intergovernmental character")  # type: ignore[union-attr]
        assert line.label == "A/RES/69/244, paragraph 6"  # type: ignore[union-attr]


def test_index_from_another_version_is_refused_then_rebuilt(
    corpus_copy: Path, tmp_path: Path
) -> None:
    target = tmp_path / "ix"
    build_index(corpus_copy, target)
    live = current_generation(target)
    assert live is not None
    (live / "VERSION").write_text("1\n")  # as if built by an older resolu
    with pytest.raises(IndexCorrupt, match="another version of resolu; rebuild it"):
        open_index(target)
    report = build_index(corpus_copy, target)
    assert report.rebuilt and report.total_paragraphs == 17
    with open_index(target) as ix:
        assert len(ix) == 17
