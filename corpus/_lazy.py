"""Load a package's public names on first use (PEP 562), so that importing it stays cheap."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_getattr(package: str, names: dict[str, str]) -> Callable[[str], Any]:
    """Return a module ``__getattr__`` importing ``names[name]`` (a relative module) on demand."""

    def __getattr__(name: str) -> Any:
        if name in names:
            return getattr(import_module(names[name], package), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__


def lazy_dir(module_globals: dict[str, Any], names: dict[str, str]) -> Callable[[], list[str]]:
    """Return a module ``__dir__`` that lists the lazy names too, for ``dir()`` and ``help()``."""

    def __dir__() -> list[str]:
        return sorted(set(module_globals) | set(names))

    return __dir__
