"""Check the arguments of the library's entry points: TypeError for a type, ValueError a value.

Every public function of :mod:`resolu.search` raises, for a bad argument, only
these or a :class:`~resolu.corpus.errors.ResoluError` (issue 20), never the
``AttributeError`` of a ``None`` reaching the code.
"""

from __future__ import annotations

__all__ = ["check_instance", "check_int", "check_str"]


def check_instance(name: str, value: object, kind: type) -> None:
    """Raise TypeError unless ``value`` is a ``kind``."""
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be a {kind.__name__}, not {type(value).__name__}")


def check_int(name: str, value: object) -> None:
    """Raise TypeError unless ``value`` is an int (not a bool), ValueError if it is negative."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, not {value}")


def check_str(name: str, value: object) -> None:
    """Raise TypeError unless ``value`` is a str."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
