"""The resolu command: exit codes, messages, JSON, first run; every command is documented."""

from __future__ import annotations

import gc
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from resolu.search import open_index
from resolu.search.cli import cli
from support import REPO

#: Seventeen words no index holds: with one real word, a passage (more than 16 distinct words).
NONSENSE = [f"zq{c}x" for c in "abcdefghijklmnopq"]


@pytest.fixture()
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    # Keep the default index out of the user's data directory.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("RESOLU_INDEX", raising=False)
    return CliRunner()


def test_first_run_builds_the_default_index_then_reuses_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    first = runner.invoke(cli, ["search", '"dialogue entre les civilisations"'])
    assert first.exit_code == 0, first.output
    assert "no index yet; indexing the shipped corpus" in first.stderr
    assert "A/RES/55/109#pp1" in first.stdout and "A/RES/55/109#pp8" in first.stdout
    assert (tmp_path / "data" / "resolu" / "index").is_dir()
    second = runner.invoke(cli, ["search", "dialogue", "civilisations"])
    assert second.exit_code == 0 and "no index yet" not in second.stderr
    complete = second.stdout.split("— the paragraphs below hold only some of the words")[0]
    assert complete.count("A/RES/55/109#") == 3


def test_search_output_has_reference_label_title_and_score(
    runner: CliRunner, corpus_index_dir: Path
) -> None:
    out = runner.invoke(cli, ["search", "cites:54/181", "--index-dir", str(corpus_index_dir)])
    assert out.exit_code == 0
    first = out.stdout.splitlines()[0]
    assert re.fullmatch(
        r"1\. A/RES/55/109, préambule, 1er alinéa  \[A/RES/55/109#pp1\]  score \d+\.\d\d", first
    )
    assert "Renforcement de la coopération internationale" in out.stdout


def test_json_output_parses_and_carries_references(
    runner: CliRunner, corpus_index_dir: Path
) -> None:
    out = runner.invoke(
        cli,
        ["search", "cooperation", "--json", "--limit", "3", "--index-dir", str(corpus_index_dir)],
    )
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert data["limit"] == 3 and len(data["hits"]) == 3 and data["total"] >= 3
    for hit in data["hits"]:
        assert hit["reference"].startswith("A/RES/55/109#")
        assert {hit["text"][s:e] for s, e in hit["highlights"]} == {"coopération"}


def test_no_results_exits_zero_with_a_line(runner: CliRunner, corpus_index_dir: Path) -> None:
    out = runner.invoke(cli, ["search", "zzyzx", "--index-dir", str(corpus_index_dir)])
    assert (out.exit_code, out.stdout) == (0, "no results for zzyzx\n")


def test_partial_matches_are_announced(runner: CliRunner, corpus_index_dir: Path) -> None:
    out = runner.invoke(cli, ["search", "dialogue", "zzyzx", "--index-dir", str(corpus_index_dir)])
    assert out.exit_code == 0
    assert out.stdout.startswith("no paragraph holds all the words; showing partial matches")


def test_partial_matches_after_the_complete_ones_are_marked(
    runner: CliRunner, corpus_index_dir: Path
) -> None:
    out = runner.invoke(
        cli, ["search", "dialogue civilisations", "--index-dir", str(corpus_index_dir)]
    )
    assert out.exit_code == 0
    before, marker, after = out.stdout.partition(
        "— the paragraphs below hold only some of the words (3 hold them all) —"
    )
    assert marker and before.count("A/RES/55/109#") == 3
    assert "4. A/RES/55/109" in after
    strict = runner.invoke(
        cli, ["search", "dialogue ET civilisations", "--index-dir", str(corpus_index_dir)]
    )
    assert "hold only some" not in strict.stdout and strict.stdout.count("A/RES/55/109#") == 3


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year:deux", "not a year"),
        ("kind:banane", "unknown kind"),
        ("foo:bar", "unknown field 'foo:'"),
        ("les", "only stop words"),
    ],
)
def test_malformed_query_exits_2_with_one_line(
    runner: CliRunner, corpus_index_dir: Path, query: str, message: str
) -> None:
    out = runner.invoke(cli, ["search", query, "--index-dir", str(corpus_index_dir)])
    assert out.exit_code == 2
    assert message in out.stderr and out.stderr.count("\n") == 1
    assert "Traceback" not in out.output


def test_missing_index_exits_1_with_the_command_to_build_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = runner.invoke(cli, ["search", "dialogue", "--index-dir", str(tmp_path / "none")])
    assert out.exit_code == 1
    assert "no index in" in out.stderr and "resolu index" in out.stderr
    assert out.stderr.count("\n") == 1


def test_corrupt_index_exits_1(runner: CliRunner, corpus_index_dir: Path, tmp_path: Path) -> None:
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(corpus_index_dir, broken)
    for seg in broken.glob("gen-*/*.seg"):
        seg.write_bytes(b"garbage")
    for toc in broken.glob("gen-*/*.toc"):
        toc.write_bytes(b"garbage")
    out = runner.invoke(cli, ["search", "dialogue", "--index-dir", str(broken)])
    assert out.exit_code == 1, out.output
    assert "Traceback" not in out.output and out.stderr.startswith("Error: ")
    assert "cannot be read" in out.stderr
    del out
    gc.collect()  # a file left open by the failed open would warn here, failing the test


def test_show_paragraph_resolution_and_unknown(runner: CliRunner, corpus_index_dir: Path) -> None:
    ix = ["--index-dir", str(corpus_index_dir)]
    para = runner.invoke(cli, ["show", "A/RES/55/109#op4", *ix])
    assert para.exit_code == 0
    assert para.stdout.startswith("A/RES/55/109, par. 4  [A/RES/55/109#op4]\n4. Demande aux États")
    whole = runner.invoke(cli, ["show", "A/RES/55/109", *ix])
    assert whole.exit_code == 0 and whole.stdout.count("[A/RES/55/109#") == 17
    missing = runner.invoke(cli, ["show", "A/RES/55/109#op9", *ix])
    assert missing.exit_code == 1 and "A/RES/55/109#op9" in missing.stderr


def test_index_command_reports_and_is_idempotent(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "ix"
    first = runner.invoke(cli, ["index", "--index-dir", str(target)])
    assert first.exit_code == 0, first.output
    assert "1 added" in first.stdout and "17 paragraphs indexed" in first.stdout
    again = runner.invoke(cli, ["index", "--index-dir", str(target)])
    assert "up to date, nothing to do" in again.stdout


def test_index_report_speaks_french_with_a_french_locale(runner: CliRunner, tmp_path: Path) -> None:
    # Before: "1 added, ...; 1 resolutions, 17 paragraphs indexed", in English whatever the locale.
    fr = {"LANG": "fr_FR.UTF-8"}
    first = runner.invoke(cli, ["index", "--index-dir", str(tmp_path / "ix")], env=fr)
    assert first.exit_code == 0, first.output
    assert "fichiers ajoutés\u00a0: 1" in first.stdout
    assert "1 résolution, 17 paragraphes" in first.stdout and "résolutions" not in first.stdout
    again = runner.invoke(cli, ["index", "--index-dir", str(tmp_path / "ix")], env=fr)
    assert "à jour, rien à faire (1 fichier, 17 paragraphes)" in again.stdout
    english = runner.invoke(cli, ["index", "--index-dir", str(tmp_path / "ix")])
    assert "up to date, nothing to do (1 file, 17 paragraphs)" in english.stdout
    nothing = runner.invoke(
        cli, ["search", "zzyzx", "--index-dir", str(tmp_path / "ix")], env={"LC_MESSAGES": "fr_CA"}
    )
    assert nothing.stdout == "aucun résultat pour zzyzx\n"
    typo = runner.invoke(
        cli, ["search", "civilisatoins", "--index-dir", str(tmp_path / "ix")], env=fr
    )
    assert typo.stdout.startswith("Vouliez-vous dire\u00a0: civilisations\u00a0?\n")


@pytest.mark.parametrize(
    ("args", "same_as"),
    [
        # Before: "No such option: -r" (exit 2) for the README's own syntax.
        (["dialogue", "-religions"], "dialogue SAUF religions"),
        (["-religions", "dialogue"], "dialogue SAUF religions"),
        (["dialogue", "-religions", "-n", "20"], "dialogue SAUF religions"),
        # -nations is not "-n ations": only the command's own options are options.
        (["dialogue", "-nations", "--limit=20"], "dialogue SAUF nations"),
        (["-n20", "dialogue", "-civilisations"], "dialogue SAUF civilisations"),
    ],
)
def test_a_leading_dash_word_is_an_exclusion_anywhere_on_the_line(
    runner: CliRunner, corpus_index_dir: Path, args: list[str], same_as: str
) -> None:
    out = runner.invoke(cli, ["search", *args, "--json", "--index-dir", str(corpus_index_dir)])
    assert out.exit_code == 0, out.output
    with open_index(corpus_index_dir) as ix:
        expected = [h.reference for h in ix.search(same_as, limit=20)]
        everything = [h.reference for h in ix.search("dialogue", limit=20)]
    assert [h["reference"] for h in json.loads(out.stdout)["hits"]] == expected
    assert set(expected) < set(everything)


def test_index_skips_bad_files_with_reasons(runner: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "bad.txt").write_bytes(b"\x00\x01" * 10)
    out = runner.invoke(cli, ["index", str(corpus), "--index-dir", str(tmp_path / "ix")])
    assert out.exit_code == 0
    assert "skipped bad.txt: binary file" in out.stderr


def test_user_index_becomes_the_default(runner: CliRunner, tmp_path: Path) -> None:
    from support import SEED

    corpus = tmp_path / "mine"
    corpus.mkdir()
    (corpus / "A_RES_55_110.fr.txt").write_text(
        SEED.read_text(encoding="utf-8").replace("55/109", "55/110"), encoding="utf-8"
    )
    assert runner.invoke(cli, ["index", str(corpus)]).exit_code == 0
    out = runner.invoke(cli, ["search", "dialogue", "civilisations"])
    assert "A/RES/55/110#" in out.stdout and "A/RES/55/109#" not in out.stdout


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        (["dialogue", "ou", "transparence"], {}, "“ou” read as the operator OU"),
        (
            ["dialogue", "ou", "transparence"],
            {"LANG": "fr_FR.UTF-8"},
            "«\u00a0ou\u00a0» lu comme l’opérateur OU",
        ),
        (["ONU"], {}, "ONU also searched as: UN | Organisation des Nations Unies"),
        (["ONU"], {"LANG": "fr_FR.UTF-8"}, "ONU cherché aussi sous\u00a0: UN | Organisation"),
        (["dialogue", *NONSENSE], {}, "searched as a passage: its rarest word (dialogue)"),
        (
            ["dialogue", "civilisations", *NONSENSE],
            {"LANG": "fr_FR.UTF-8"},
            "cherché comme un passage\u00a0: ses 2 mots les plus rares (civilisations, dialogue)",
        ),
    ],
)
def test_the_user_is_told_how_the_query_was_read(
    runner: CliRunner, corpus_index_dir: Path, args: list[str], env: dict[str, str], said: str
) -> None:
    out = runner.invoke(cli, ["search", *args, "--index-dir", str(corpus_index_dir)], env=env)
    assert out.exit_code == 0 and said in out.stderr, out.stderr


def test_index_dir_from_environment(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RESOLU_INDEX", str(tmp_path / "env-ix"))
    assert runner.invoke(cli, ["index"]).exit_code == 0
    assert (tmp_path / "env-ix").is_dir()


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["search"]).exit_code == 2
    assert runner.invoke(cli, ["search", "x", "--limit", "-1"]).exit_code == 2


def test_every_command_has_help_and_is_in_the_readme(runner: CliRunner) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert cli.commands
    for name, command in cli.commands.items():
        out = runner.invoke(cli, [name, "--help"])
        assert out.exit_code == 0 and len(out.stdout) > 200, name
        assert command.help or command.callback.__doc__, name
        assert f"resolu {name}" in readme, f"'resolu {name}' is missing from README.md"
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in readme, f"{name} {opt} is missing from README.md"
