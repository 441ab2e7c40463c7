"""``resolu search`` starts lean: it loads only what a search needs and ends with its answer.

Speed itself is measured by benchmarks/cli_startup.py; these tests guard the
means, so that a later change cannot quietly bring back what was taken out.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from resolu.search._entry import one_shot
from resolu.search.cli import cli

#: Runs one search through the click command in a fresh interpreter (not
#: through the console script, which would end the process before the print)
#: and prints the modules it loaded on stderr (a deferred module not loaded
#: yet is not: see resolu.index.whoosh_loading).
_SEARCH_THEN_MODULES = """
import sys
from resolu.search.cli import main
sys.argv = ["resolu", "search", *sys.argv[1:]]
try:
    main()
except SystemExit as done:
    assert not done.code, done.code
from resolu.index.whoosh_loading import is_deferred
loaded = sorted(name for name, m in sys.modules.items() if not is_deferred(m))
import json
sys.stderr.write(json.dumps(loaded))
"""

#: Modules that a plain search does not need, with what needs them instead.
NOT_LOADED = {
    "numpy": "the impacts files, for a query reading many postings or a second query",
    "whoosh.lang.morph_en": "whoosh.query.Variations, which resolu never builds",
    "whoosh.lang.porter": "Whoosh's stemming filter (resolu stems with PyStemmer)",
    "whoosh.lang.dmetaphone": "Whoosh's double metaphone filter",
    "whoosh.sorting": "Whoosh's sorting and facets (resolu sorts on its own)",
    "whoosh.automata.lev": "Whoosh's fuzzy terms",
    "json": "--json output",
    "resolu.search.serialize": "--json output",
    "resolu.search.export": "--format csv, bibtex, ris",
    "resolu.search.facets": "--facets",
    "resolu.search.columns": "--sort, --group, --facets",
    "resolu.search.fastpath": "the impacts files",
    "resolu.corpus.model": "resolu show and Index.get (hits come from the stored payload)",
    "resolu.index.builder": "resolu index",
    "resolu.corpus.limits": "resolu index (its options' help shows the limits)",
    "resolu.corpus.formats": "the readers, for resolu index",
    "pdfminer": "the PDF reader",
    "starlette": "resolu serve",
    "jinja2": "resolu serve",
}


def _modules_of_a_search(index_dir: Path, *words: str) -> tuple[str, list[str]]:
    env = {**os.environ, "LANG": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-c", _SEARCH_THEN_MODULES, *words, "--index-dir", str(index_dir)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    loaded: list[str] = json.loads(done.stderr)
    return done.stdout, loaded


def test_a_search_loads_none_of_what_only_other_commands_need(corpus_index_dir: Path) -> None:
    out, loaded = _modules_of_a_search(corpus_index_dir, "dialogue", "civilisations")
    assert "A/RES/55/109" in out  # the search ran and printed its hits
    assert "whoosh.searching" in loaded and "resolu.search.searching" in loaded
    extra = {
        name: why
        for name, why in NOT_LOADED.items()
        if name in loaded or any(m.startswith(name + ".") for m in loaded)
    }
    assert extra == {}


def _console(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``resolu ARGS`` as the console script does (resolu.search._entry.main)."""
    env = {**os.environ, "LANG": "C.UTF-8"}
    command = [sys.executable, "-m", "resolu.search", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def test_the_command_ends_early_with_the_same_output_and_exit_code(
    corpus_index_dir: Path,
) -> None:
    # On success the process skips Python's teardown: nothing of the output is lost.
    args = ["search", "dialogue", "--index-dir", str(corpus_index_dir), "-n", "3"]
    expected = CliRunner().invoke(cli, args)
    assert expected.exit_code == 0 and "A/RES/55/109" in expected.output
    done = _console(*args)
    assert (done.returncode, done.stdout, done.stderr) == (0, expected.output, "")
    as_json = _console(*args, "--json")
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout)["hits"][0]["reference"].startswith("A/RES/55/109")


def test_a_failed_search_still_exits_with_its_code(corpus_index_dir: Path, tmp_path: Path) -> None:
    bad = _console("search", "year:deux", "--index-dir", str(corpus_index_dir))
    assert bad.returncode == 2 and bad.stdout == ""
    assert "not a year" in bad.stderr and bad.stderr.count("\n") == 1
    missing = _console("search", "dialogue", "--index-dir", str(tmp_path / "none"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr


def test_one_shot_pauses_the_collector_and_resumes_it_even_after_an_error() -> None:
    assert gc.isenabled()
    with one_shot():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), one_shot():
        raise ValueError("inside")
    assert gc.isenabled()
    gc.disable()
    try:
        with one_shot():
            pass
        assert not gc.isenabled()  # a collector paused by the caller stays paused
    finally:
        gc.enable()


#: A command in a fresh interpreter: an object that says when Python tears it
#: down, then ``resolu.search._entry.main`` running a stand-in command.
_ENDING = """
import sys
import click
import resolu.search.cli
from resolu.search import _entry

class Witness:
    def __del__(self):
        sys.stderr.write("torn down\\n")

witness = Witness()

@click.command()
@click.option("--fail", is_flag=True)
@click.option("--at-exit", is_flag=True)
def command(fail, at_exit):
    with _entry.one_shot():
        click.echo("answer")
        if at_exit:
            import atexit
            atexit.register(lambda: sys.stderr.write("at exit\\n"))
        if fail:
            raise click.ClickException("no")

resolu.search.cli.main = command
_entry.main()
"""


@pytest.mark.parametrize(
    ("args", "code", "err"),
    [
        ([], 0, ""),  # success: the process ends with its output, before any teardown
        (["--fail"], 1, "Error: no\ntorn down\n"),
        (["--at-exit"], 0, "at exit\ntorn down\n"),  # something waits for the exit
    ],
)
def test_only_a_successful_one_shot_command_skips_the_teardown(
    args: list[str], code: int, err: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _ENDING, *args], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (code, "answer\n", err)


_DEFERRED = """
import sys
if sys.argv[1] == "resolu":
    import resolu.index
import whoosh.query, whoosh.analysis, whoosh.codec.base, whoosh.collectors
from whoosh.lang.morph_en import variations
from whoosh.lang.porter import stem
from whoosh.lang.dmetaphone import double_metaphone
import whoosh.lang.morph_en as module
from whoosh import sorting
from whoosh.automata import lev
print(sorted(variations("rendered")), len(module.exceptions), stem("nations"))
print(double_metaphone("Security"), sorting.ScoreFacet.__name__, lev.levenshtein_automaton.__name__)
print(sorted(type(sys.modules[name]).__name__ for name in (
    "whoosh.lang.morph_en", "whoosh.lang.porter", "whoosh.lang.dmetaphone",
    "whoosh.sorting", "whoosh.automata.lev",
)))
"""


def test_deferred_whoosh_modules_answer_as_the_real_ones() -> None:
    def run(first: str) -> list[str]:
        command = [sys.executable, "-c", _DEFERRED, first]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split(
            "\n"
        )

    plain, deferred = run("whoosh"), run("resolu")
    assert deferred == plain
    assert "'rendering'" in plain[0] and "nation" in plain[0]
    assert plain[2] == str(["module"] * 5)  # the real modules, once used


def test_the_index_limits_help_still_shows_their_defaults() -> None:
    from resolu.corpus.limits import DEFAULT_LIMITS

    shown = " ".join(CliRunner().invoke(cli, ["index", "--help"]).output.split())
    mb = DEFAULT_LIMITS.file_bytes >> 20
    assert f"Largest file, in MB (default {mb:,}; env RESOLU_MAX_FILE_MB)." in shown
    chars = DEFAULT_LIMITS.paragraph_chars
    assert f"(default {chars:,}; env RESOLU_MAX_PARAGRAPH_CHARS)." in shown
