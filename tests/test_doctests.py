"""The examples in the docstrings run and show what the code really does."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest
import resolu.corpus
import resolu.index
import resolu.search

_SUBMODULES = (
    f"{package.__name__}.{info.name}"
    for package in (resolu.corpus, resolu.index, resolu.search)
    for info in pkgutil.iter_modules(package.__path__)
    if info.name != "__main__"
)
MODULES = [*sorted(_SUBMODULES), "resolu.corpus", "resolu.index"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_the_analyzer_documents_a_real_sentence() -> None:
    import resolu.index.analysis as analysis

    assert doctest.testmod(analysis).attempted >= 2
