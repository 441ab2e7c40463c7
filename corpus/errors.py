"""The root of resolu's exceptions, and the error of reading a file.

One base class, so a script can catch everything resolu means to raise with a
single ``except ResoluError``. Each package adds its own errors under it
(:mod:`resolu.index.errors`, :mod:`resolu.search.errors`); the CLI maps them to
exit codes: usage errors (a malformed query) are told apart from runtime errors
(a file or an index cannot be read) by class.
"""

from __future__ import annotations

__all__ = ["CorpusError", "ResoluError"]


class ResoluError(Exception):
    """Base class of every error resolu raises on purpose."""


class CorpusError(ResoluError):
    """A file cannot be read as a resolution; the message names the file and the reason."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
