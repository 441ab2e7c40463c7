"""Load less of Whoosh: modules a search never uses wait until something asks for them.

Whoosh's modules import one another whole: ``whoosh.query`` imports
``whoosh.lang.morph_en`` for its ``Variations`` query, ``whoosh.analysis`` the
Porter stemmer and the double metaphone, ``whoosh.collectors`` its sorting
facets, the codec its Levenshtein automata. resolu uses none of them in a
search (its analyzers stem with PyStemmer, it sorts on its own, it builds no
fuzzy query), yet loading them cost every ``resolu search`` process some 12 ms
of CPU, the morphology alone 8 to 10 ms as it compiles some thirty regular
expressions (benchmarks/cli_startup.py --importtime). (The highlighter and the
classifier load anyway: Whoosh's searcher reads them as it is defined and as it
answers.)

:func:`defer_unused_whoosh` installs, first on ``sys.meta_path``, a finder that
defers them through the import system, without touching Whoosh's files:

- a module imported as a module (``from whoosh import highlight``) loads on its
  first attribute access (:class:`importlib.util.LazyLoader`);
- a module whose functions are imported by name (``from whoosh.lang.porter
  import stem``) is first a stand-in whose functions load the real module on
  their first call; any other name read from it loads it too.

Whatever anything reads from these modules is what the real ones hold.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from importlib.abc import Loader  # not at run time: importlib.abc costs 15 ms to load

__all__ = ["LAZY_MODULES", "STAND_INS", "defer_unused_whoosh", "is_deferred"]

#: Modules imported as modules: loaded on first attribute access.
LAZY_MODULES = frozenset({"whoosh.sorting", "whoosh.automata.lev"})
#: Modules whose functions are imported by name, and those functions.
STAND_INS = {
    "whoosh.lang.morph_en": ("variations",),
    "whoosh.lang.porter": ("stem",),
    "whoosh.lang.dmetaphone": ("double_metaphone",),
}


def _real(name: str) -> ModuleType:
    """Return the real module ``name``, loading it in place of its stand-in on first use."""
    module = sys.modules.get(name)
    if module is None or getattr(module, "__loader__", None) is _FINDER:
        sys.modules.pop(name, None)
        _FINDER.passing.add(name)
        try:
            module = importlib.import_module(name)
        finally:
            _FINDER.passing.discard(name)
    return module


def _deferred(module: str, function: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(_real(module), function)(*args, **kwargs)

    call.__name__ = call.__qualname__ = function
    call.__module__ = module
    return call


class _Deferring:
    """The finder (and, for stand-ins, the loader) of the deferred modules."""

    def __init__(self) -> None:
        self.passing: set[str] = set()  # stand-ins being replaced by the real module

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name in self.passing:
            return None
        if name in STAND_INS:
            return ModuleSpec(name, cast("Loader", self))
        if name in LAZY_MODULES:
            spec = PathFinder.find_spec(name, path)
            if spec is not None and spec.loader is not None:
                spec.loader = importlib.util.LazyLoader(spec.loader)
            return spec
        return None

    def create_module(self, spec: ModuleSpec) -> None:
        return None  # the default module object

    def exec_module(self, module: ModuleType) -> None:
        name = module.__name__
        module.__doc__ = f"Stand-in for {name} (see resolu.index.whoosh_loading)."
        for function in STAND_INS[name]:
            setattr(module, function, _deferred(name, function))

        def module_getattr(attr: str) -> Any:
            if attr.startswith("__"):
                # The import system asks for __path__ and the like: a module's
                # own attributes, not Whoosh's names; answering would load it.
                raise AttributeError(f"module {name!r} has no attribute {attr!r}")
            return getattr(_real(name), attr)

        module.__getattr__ = module_getattr  # type: ignore[method-assign]


_FINDER = _Deferring()


def is_deferred(module: ModuleType) -> bool:
    """Tell whether ``module`` is a deferred module not loaded yet (a stand-in, or lazy)."""
    if type(module).__name__ == "_LazyModule":
        return True  # LazyLoader gives it back its own class once loaded
    return bool(object.__getattribute__(module, "__dict__").get("__loader__") is _FINDER)


def defer_unused_whoosh() -> None:
    """Defer the Whoosh modules a search does not use (idempotent; see the module's doc)."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
