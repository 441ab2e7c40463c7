"""Corpus limits: a file over one is a skipped file with its reason, in bounded memory."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile import bomb_stream, make_pdf
from resolu.corpus import CorpusError, read_file, read_resolution
from resolu.corpus.limits import DEFAULT_LIMITS, Limits
from resolu.index import build_index, builder
from resolu.search import open_index
from resolu.search.cli import cli
from support import SEED


def _skipped(corpus: Path, tmp_path: Path, limits: Limits = DEFAULT_LIMITS) -> dict[str, str]:
    report = build_index(corpus, tmp_path / "ix", limits=limits)
    assert report.total_paragraphs == 17  # the seed resolution beside, indexed all the same
    return dict(report.skipped)


def test_limits_are_checked_when_made(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pdf_pages must be at least 1"):
        Limits(pdf_pages=0)
    with pytest.raises(TypeError, match="file_bytes must be an int"):
        Limits(file_bytes=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="limits must be a Limits"):
        build_index(SEED.parent, tmp_path / "ix", limits={"pdf_pages": 3})  # type: ignore[arg-type]
    assert not (tmp_path / "ix").exists()


_BOMB_RUN = """
import json, resource, sys
from pathlib import Path
from resolu.corpus import read_resolution
from resolu.corpus.limits import Limits
from resolu.index import build_index, builder
from resolu.search import open_index
corpus, target, inflated_mb = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
read_resolution(corpus / "S_RES_2999_2025.en.pdf")  # pdfminer and the readers loaded: the baseline
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
report = build_index(corpus, target, limits=Limits(inflated_bytes=inflated_mb << 20), procs=1)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"skipped": report.skipped, "growth_kb": after - before,
                  "paragraphs": report.total_paragraphs}))
"""


@pytest.mark.parametrize("limit_mb", [256, 16])
def test_a_decompression_bomb_pdf_is_skipped_in_bounded_memory(
    corpus_copy: Path, tmp_path: Path, limit_mb: int
) -> None:
    # 1 MB on disk, 1 GiB inflated: the repro took the indexer to 3.2 GB.
    bomb = make_pdf(corpus_copy / "bomb.pdf", content=bomb_stream(1024))
    assert bomb.stat().st_size < 1.1e6
    make_pdf(corpus_copy / "S_RES_2999_2025.en.pdf", pages=2)
    run = subprocess.run(
        [sys.executable, "-c", _BOMB_RUN, str(corpus_copy), str(tmp_path / "ix"), str(limit_mb)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    reasons = dict(out["skipped"])
    assert reasons == {
        "bomb.pdf": f"compressed content inflates past {limit_mb:.1f} MB (a decompression bomb?)"
    }
    assert out["paragraphs"] > 17  # the seed and the good PDF
    # The check inflates a megabyte at a time and keeps none of it: a generous bound.
    assert out["growth_kb"] < 100 * 1024, out


def test_a_pdf_with_too_many_pages_is_skipped(corpus_copy: Path, tmp_path: Path) -> None:
    make_pdf(corpus_copy / "S_RES_2998_2025.en.pdf", pages=5)
    reasons = _skipped(corpus_copy, tmp_path, Limits(pdf_pages=4))
    assert reasons == {"S_RES_2998_2025.en.pdf": "too many pages (more than the limit of 4)"}
    assert read_resolution(
        corpus_copy / "S_RES_2998_2025.en.pdf", limits=Limits(pdf_pages=5)
    ).paragraphs


def test_an_over_long_paragraph_is_skipped(corpus_copy: Path, tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    # One line of 150,000 characters: refused before the splitter sees it.
    (corpus_copy / "long.txt").write_text(text + "\n\n" + "paix " * 30_000 + "\n", "utf-8")
    assert _skipped(corpus_copy, tmp_path) == {
        "long.txt": "paragraph too long (150,000 characters; the limit is 100,000)"
    }


def test_a_paragraph_of_many_short_lines_is_measured_whole(tmp_path: Path) -> None:
    seed = read_resolution(SEED)
    longest_paragraph = max(len(p.text) for p in seed.paragraphs)
    longest_line = max(len(line) for line in SEED.read_text(encoding="utf-8").splitlines())
    assert longest_line < longest_paragraph  # paragraphs wrap over several lines
    limit = Limits(paragraph_chars=longest_line)
    with pytest.raises(CorpusError, match=f"paragraph too long \\({longest_paragraph:,} char"):
        read_resolution(SEED, limits=limit)
    assert read_resolution(SEED, limits=Limits(paragraph_chars=longest_paragraph)) == seed


def test_a_too_large_file_is_skipped_before_it_is_read(corpus_copy: Path, tmp_path: Path) -> None:
    (corpus_copy / "huge.txt").write_bytes(b"x" * ((1 << 20) + 1))
    report = build_index(corpus_copy, tmp_path / "ix", limits=Limits(file_bytes=1 << 20))
    assert dict(report.skipped) == {"huge.txt": "file too large (1.0 MB; the limit is 1.0 MB)"}
    assert report.total_paragraphs == 17


@pytest.mark.parametrize("kept_bytes", [16 << 20, 0], ids=["read-once", "read-twice"])
def test_a_parallel_corpus_line_over_the_limit_skips_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept_bytes: int
) -> None:
    # The fault is on the last line: nothing of the file is indexed, whether
    # its checking pass is kept (a small file) or it is read again.
    monkeypatch.setattr(builder, "_KEPT_BYTES", kept_bytes)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "set.fr").write_text("Prie le Secrétaire général\n" + "paix " * 40 + "\n", "utf-8")
    (corpus / "set.ids").write_text("2015/a/res/69/244 fr:1:1\n2015/a/res/69/244 fr:2:1\n")
    report = build_index(corpus, tmp_path / "ix", limits=Limits(paragraph_chars=100))
    assert dict(report.skipped) == {"set.fr": "text file, line 2: longer than 100 characters"}
    assert report.total_paragraphs == 0
    assert build_index(corpus, tmp_path / "ix2").total_paragraphs == 2
    with open_index(tmp_path / "ix2") as ix:
        assert [h.reference for h in ix.search("paix")] == ["A/RES/69/244#l2"]


def test_a_word_file_that_inflates_past_the_limit_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (3 << 20))
    with pytest.raises(CorpusError, match=r"inflates past 2\.0 MB"):
        list(read_file(path, limits=Limits(inflated_bytes=2 << 20)))


def test_a_file_refused_is_read_again_by_a_rebuild(corpus_copy: Path, tmp_path: Path) -> None:
    make_pdf(corpus_copy / "S_RES_2998_2025.en.pdf", pages=5)
    target = tmp_path / "ix"
    refused = build_index(corpus_copy, target, limits=Limits(pdf_pages=4)).skipped
    assert "S_RES_2998_2025.en.pdf" in dict(refused)
    assert build_index(corpus_copy, target).total_paragraphs == 17  # unchanged: passed over
    report = build_index(corpus_copy, target, rebuild=True)  # the defaults admit it
    assert not report.skipped and report.total_paragraphs > 17


def test_the_cli_takes_the_limits_as_options_and_environment(
    corpus_copy: Path, tmp_path: Path
) -> None:
    make_pdf(corpus_copy / "S_RES_2998_2025.en.pdf", pages=5)
    runner = CliRunner()
    args = ["index", str(corpus_copy), "--index-dir", str(tmp_path / "ix")]
    refused = "S_RES_2998_2025.en.pdf: too many pages (more than the limit of 4)"
    result = runner.invoke(cli, [*args, "--max-pages", "4"])
    assert result.exit_code == 0 and refused in result.output, result.output
    result = runner.invoke(cli, [*args, "--rebuild"], env={"RESOLU_MAX_PAGES": "4"})
    assert result.exit_code == 0 and refused in result.output, result.output
    result = runner.invoke(cli, [*args, "--rebuild"])
    assert result.exit_code == 0 and "too many pages" not in result.output
    result = runner.invoke(cli, [*args, "--max-pages", "0"])
    assert result.exit_code == 2 and "--max-pages" in result.output


# ------------------------------------------------------------------ file-level faults


def test_a_device_is_passed_over_with_the_reason(corpus_copy: Path, tmp_path: Path) -> None:
    try:
        os.mknod(corpus_copy / "null.txt", 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device needs CAP_MKNOD")
    assert _skipped(corpus_copy, tmp_path) == {"null.txt": "not a regular file (device)"}


def test_a_file_that_vanishes_during_the_run_is_skipped(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resolu.index import builder

    shutil.copy(SEED, corpus_copy / "gone.txt")
    planned = builder.plan_run

    def plan_then_delete(*args: object, **kwargs: object) -> object:
        plan = planned(*args, **kwargs)  # type: ignore[arg-type]
        (corpus_copy / "gone.txt").unlink()  # after the walk and the hash, before reading
        return plan

    monkeypatch.setattr(builder, "plan_run", plan_then_delete)
    assert _skipped(corpus_copy, tmp_path) == {"gone.txt": "cannot read: No such file or directory"}


def test_an_unreadable_folder_is_passed_over_with_the_reason(
    corpus_copy: Path, tmp_path: Path
) -> None:
    locked = corpus_copy / "locked"
    locked.mkdir()
    shutil.copy(SEED, locked / "r.txt")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running with rights that read any folder (root?)")
        assert _skipped(corpus_copy, tmp_path) == {
            "locked": "folder cannot be read (Permission denied)"
        }
    finally:
        locked.chmod(0o755)
