"""`resolu fetch` against the fake UN on 127.0.0.1: report, exit codes, and an index that
holds exactly the complete files of the library."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_un import FakeUN, serve
from resolu.search import open_index
from resolu.search.cli import cli
from support import shared


@pytest.fixture()
def un() -> Iterator[FakeUN]:
    with serve(shared("un_pdfs")) as server:
        yield server


@pytest.fixture()
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, un: FakeUN) -> CliRunner:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for var in ("RESOLU_INDEX", "RESOLU_LIBRARY"):
        monkeypatch.delenv(var, raising=False)
    # Both services from the environment, as a user behind a mirror would set them.
    monkeypatch.setenv("RESOLU_ODS_URL", un.url)
    monkeypatch.setenv("RESOLU_DIGITAL_LIBRARY_URL", un.url)
    return CliRunner()


FAST = ["--delay", "0", "--timeout", "2", "--retries", "1"]


def _indexed_symbols(index_dir: Path) -> set[str]:
    with open_index(index_dir) as ix:
        hits = ix.search("kind:operative", limit=1000, group_by_resolution=True)
        return {h.symbol for h in hits}


def test_fetches_then_indexes_into_the_default_places(runner: CliRunner, tmp_path: Path) -> None:
    out = runner.invoke(cli, ["fetch", "A/RES/73/8", "S/RES/2770 (2025)", "--lang", "en", *FAST])
    assert out.exit_code == 0, out.output
    library = tmp_path / "data" / "resolu" / "library"
    assert sorted(p.name for p in library.glob("*.pdf")) == [
        "A_RES_73_8.en.pdf",
        "S_RES_2770_2025.en.pdf",
    ]
    assert f"{library}: 2 fetched in" in out.stdout
    assert "2 added, 0 updated, 0 removed" in out.stdout
    index = tmp_path / "data" / "resolu" / "index"
    assert _indexed_symbols(index) == {"A/RES/73/8", "S/RES/2770 (2025)"}
    again = runner.invoke(cli, ["fetch", "A/RES/73/8", "--lang", "en", *FAST])
    assert again.exit_code == 0, again.output
    assert "1 skipped" in again.stdout and "up to date" in again.stdout


def test_the_report_names_what_was_missing_or_refused(
    runner: CliRunner, un: FakeUN, tmp_path: Path
) -> None:
    un.scripts[("A/RES/73/7", "en")] = ["html200"]
    lib, ix = tmp_path / "lib", tmp_path / "ix"
    args = ["fetch", "A/RES/73/8", "A/RES/73/7", "A/RES/99/999", "--lang", "en", *FAST]
    out = runner.invoke(cli, [*args, "--library", str(lib), "--index-dir", str(ix)])
    assert out.exit_code == 0, out.output
    assert "missing A/RES/99/999 (en): HTTP 404" in out.stdout
    assert "refused A/RES/73/7 (en): an HTML page instead of a PDF" in out.stdout
    assert "1 fetched, 1 missing, 1 refused" in out.stdout
    assert [p.name for p in lib.iterdir() if not p.name.startswith(".")] == ["A_RES_73_8.en.pdf"]
    assert _indexed_symbols(ix) == {"A/RES/73/8"}


def test_a_failed_download_exits_1_after_indexing_the_rest(
    runner: CliRunner, un: FakeUN, tmp_path: Path
) -> None:
    un.scripts[("A/RES/73/7", "en")] = ["drop"]
    lib, ix = tmp_path / "lib", tmp_path / "ix"
    args = ["fetch", "A/RES/73/8", "A/RES/73/7", "--lang", "en", *FAST]
    out = runner.invoke(cli, [*args, "--library", str(lib), "--index-dir", str(ix)])
    assert out.exit_code == 1
    assert "failed A/RES/73/7 (en):" in out.stdout and "connection dropped" in out.stdout
    assert out.stderr.strip().splitlines()[-1] == (
        "Error: 1 download failed; run the same command again to retry it"
    )
    assert sorted(p.name for p in lib.iterdir()) == [".resolu-fetch.json", "A_RES_73_8.en.pdf"]
    assert _indexed_symbols(ix) == {"A/RES/73/8"}


def test_offline_is_one_line_naming_the_host_and_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    lib, ix = tmp_path / "lib", tmp_path / "ix"
    out = runner.invoke(
        cli,
        ["fetch", "A/RES/73/8", *FAST, "--library", str(lib), "--index-dir", str(ix)],
        env={"RESOLU_ODS_URL": f"http://127.0.0.1:{port}"},
    )
    assert out.exit_code == 1
    assert out.stderr.strip().splitlines() == [
        f"Error: cannot reach 127.0.0.1:{port} (connection refused); "
        "check the connection or the address"
    ]
    assert list(lib.iterdir()) == [] and not ix.exists()


def test_dry_run_of_a_session_lists_what_would_come(
    runner: CliRunner, un: FakeUN, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    args = ["fetch", "--body", "AG", "--session", "73", "--dry-run", "--library", str(lib)]
    out = runner.invoke(cli, [*args, *FAST])
    assert out.exit_code == 0, out.output
    assert "4 resolutions listed by the Digital Library" in out.stderr
    lines = [x for x in out.stdout.splitlines() if x.startswith("would fetch")]
    assert lines[0] == (
        f"would fetch A/RES/73/3 (fr) -> {lib}/A_RES_73_3.fr.pdf  "
        f"[{un.url}/record/1/files/A_RES_73_3-FR.pdf]"
    )
    assert len(lines) == 4 and "4 planned" in out.stdout
    assert not lib.exists() and un.hits("/record/") == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["A/RES/73/8", "--lang", "ja"], "unknown language 'ja'"),
        (["bonjour"], "not a UN document symbol: 'bonjour'"),
        ([], "give symbols (A/RES/55/109) or --body"),
        (["A/RES/73/8", "--body", "AG", "--session", "73"], "not both"),
        (["--body", "CS", "--session", "55"], "--session is for the General Assembly"),
        (["--body", "AG"], "--body needs --session or --year"),
    ],
)
def test_bad_usage_exits_2(runner: CliRunner, args: list[str], message: str) -> None:
    out = runner.invoke(cli, ["fetch", *args, "--dry-run"])
    assert out.exit_code == 2, out.output
    assert message in out.stderr


def test_format_doc_fetches_and_indexes_word_files(
    runner: CliRunner, un: FakeUN, tmp_path: Path
) -> None:
    from support import SEED
    from test_word import _text_as_word, _write_docx

    docx = tmp_path / "seed.docx"
    _write_docx(*_text_as_word(SEED.read_text(encoding="utf-8")), docx)
    un.word["A/RES/55/109"] = docx.read_bytes()
    lib, ix = tmp_path / "lib", tmp_path / "ix"
    args = ["fetch", "A/RES/55/109", "--format", "doc", *FAST]
    out = runner.invoke(cli, [*args, "--library", str(lib), "--index-dir", str(ix)])
    assert out.exit_code == 0, out.output
    assert [p.name for p in lib.iterdir() if not p.name.startswith(".")] == ["A_RES_55_109.fr.docx"]
    assert "1 added" in out.stdout and "17 paragraphs indexed" in out.stdout
    bad = runner.invoke(cli, [*args, "--format", "odt"])
    assert bad.exit_code == 2
