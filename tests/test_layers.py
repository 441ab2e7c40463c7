"""The three floors: corpus reads, index stores, search asks; no floor leans on one above it."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
import resolu.corpus
import resolu.index
import resolu.search
from resolu.corpus import ResoluError
from resolu.index import IndexClosed
from resolu.index.schema import build_schema
from resolu.search import QUERY_FIELDS, Index, SearchableIndex, open_index
from support import REPO

_LOADED = """
import importlib, json, pkgutil, sys
package = importlib.import_module({package!r})
for info in pkgutil.iter_modules(package.__path__):
    if info.name != "__main__":
        importlib.import_module(f"{package}.{{info.name}}")
print(json.dumps(sorted(sys.modules)))
"""


def _modules_loaded_by(package: str) -> list[str]:
    """Import a package and every module of it in a fresh interpreter; return what got loaded."""
    code = _LOADED.format(package=package)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(out.stdout)
    return loaded


def _under(loaded: list[str], root: str) -> list[str]:
    return [m for m in loaded if m == root or m.startswith(root + ".")]


def test_the_corpus_floor_loads_no_whoosh_and_nothing_above_it() -> None:
    loaded = _modules_loaded_by("resolu.corpus")
    assert "resolu.corpus.formats" in loaded  # the test really imported the readers
    assert _under(loaded, "whoosh") == []
    assert _under(loaded, "resolu.index") == []
    assert _under(loaded, "resolu.search") == []


def test_the_index_floor_imports_nothing_of_search() -> None:
    loaded = _modules_loaded_by("resolu.index")
    assert "resolu.index.store" in loaded and "whoosh" in loaded
    assert _under(loaded, "resolu.search") == []


def test_every_error_is_a_resolu_error() -> None:
    for package in (resolu.corpus, resolu.index, resolu.search):
        errors = [getattr(package, n) for n in package.__all__ if n.endswith(("Error", "Corrupt"))]
        errors += [getattr(package, n) for n in package.__all__ if n.startswith("Index")]
        for error in errors:
            if isinstance(error, type) and issubclass(error, Exception):
                assert issubclass(error, ResoluError), error


@pytest.mark.parametrize("package", [resolu.corpus, resolu.index, resolu.search])
def test_public_names_are_visible_to_dir_and_help(package: object) -> None:
    names = set(dir(package))
    assert set(package.__all__) <= names  # type: ignore[attr-defined]
    for name in package.__all__:  # type: ignore[attr-defined]
        assert getattr(package, name) is not None


def test_help_of_the_search_package_shows_open_index() -> None:
    code = "import pydoc, resolu.search as s; print(pydoc.plain(pydoc.render_doc(s)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    for name in ("open_index", "class Index", "class Hit", "class Results"):
        assert name in out.stdout


def test_a_search_after_close_is_a_resolu_error(corpus_index_dir: Path) -> None:
    ix = open_index(corpus_index_dir)
    assert len(ix) > 0
    ix.close()
    ix.close()  # closing twice is harmless
    for call in (lambda: ix.search("dialogue"), lambda: ix.get("A/RES/55/109#op4"), ix.__len__):
        with pytest.raises(IndexClosed, match="closed"):
            call()


def test_the_whoosh_index_implements_the_protocol(corpus_index: Index) -> None:
    assert isinstance(corpus_index, SearchableIndex)


def test_every_query_field_filters_a_field_of_the_schema() -> None:
    from resolu.corpus.languages import LANGUAGES
    from resolu.index.schema import title_field

    schema = build_schema()
    for field in QUERY_FIELDS:
        if field.kind == "text":  # one field per language: title_fr, title_en
            assert all(title_field(lang) in schema.names() for lang in LANGUAGES), field.name
        else:
            assert field.index_field in schema.names(), field.name


def test_every_query_field_is_documented_in_the_readme_and_help() -> None:
    from click.testing import CliRunner
    from resolu.search.cli import cli

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = CliRunner().invoke(cli, ["search", "--help"]).output
    for field in QUERY_FIELDS:
        assert f"`{field.name}:" in readme, field.name
        assert f"{field.name}:" in shown, field.name


def test_no_module_of_the_store_or_search_is_left_unimported() -> None:
    # Guard for the layer tests above: they import what pkgutil lists.
    names = {info.name for info in pkgutil.iter_modules(resolu.index.__path__)}
    assert {"analysis", "schema", "store", "builder"} <= names
