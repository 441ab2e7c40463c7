"""Load less of Whoosh: its English word variations wait until something asks for them.

``whoosh.query`` imports ``whoosh.lang.morph_en`` for its ``Variations``
query, which resolu never builds; as it loads, that module compiles some
thirty regular expressions and builds a table of six hundred exceptions: 8 to
10 ms of CPU in every process that searches (benchmarks/cli_startup.py
--importtime), about a twentieth of ``resolu search``.
:func:`defer_english_variations` puts a stand-in in its place, through the
import system (a finder first on ``sys.meta_path``): ``whoosh.query`` gets a
``variations`` function that loads the real module on its first call, and any
other name read from the stand-in loads it too. Nothing of Whoosh's own files
changes; what anything reads from the module is what the real one holds.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from importlib.abc import Loader  # not at run time: importlib.abc costs 15 ms to load

__all__ = ["MODULE", "defer_english_variations"]

#: The module kept from loading until used.
MODULE = "whoosh.lang.morph_en"


def _real() -> ModuleType:
    """Return the real module, loading it in place of the stand-in on first use."""
    module = sys.modules.get(MODULE)
    if module is None or getattr(module, "__loader__", None) is _LOADER:
        sys.modules.pop(MODULE, None)
        module = importlib.import_module(MODULE)  # the finder has stood aside by now
    return module


def _variations(word: str) -> Any:
    return _real().variations(word)


def _module_getattr(name: str) -> Any:
    if name.startswith("__"):
        # The import system asks for __path__ and the like: a module's own
        # attributes, not Whoosh's names; answering them would load the module.
        raise AttributeError(f"module {MODULE!r} has no attribute {name!r}")
    return getattr(_real(), name)


class _StandIn:
    """Finder and loader of the stand-in module (used once, then out of ``sys.meta_path``)."""

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name != MODULE:
            return None
        sys.meta_path[:] = [f for f in sys.meta_path if f is not self]
        return ModuleSpec(name, cast("Loader", self))

    def create_module(self, spec: ModuleSpec) -> None:
        return None  # the default module object

    def exec_module(self, module: ModuleType) -> None:
        module.__doc__ = "Stand-in for whoosh.lang.morph_en (see resolu.index.whoosh_loading)."
        module.variations = _variations  # type: ignore[attr-defined]
        module.__getattr__ = _module_getattr  # type: ignore[method-assign]


_LOADER = _StandIn()


def defer_english_variations() -> None:
    """Keep ``whoosh.lang.morph_en`` from loading until used (idempotent; no-op once loaded)."""
    if MODULE not in sys.modules and _LOADER not in sys.meta_path:
        sys.meta_path.insert(0, _LOADER)
