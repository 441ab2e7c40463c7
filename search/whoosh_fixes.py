"""Corrections to Whoosh's matchers, applied when resolu searches.

Whoosh's ``AndNotMatcher`` (``a ANDNOT b``) skips ``b`` forward only when
both start on the same document. When ``b``'s first document comes before
``a``'s and ``a``'s first document is also in ``b``, that document is
returned although ``b`` holds it. resolu builds such a query for every search
of an index holding two languages (the query's language first, then the
rest, ``AndNot(q, lang)``), so the first match came back twice, once in each
part.
"""

from __future__ import annotations

from typing import Any

from whoosh.matching.binary import AndNotMatcher

__all__ = ["apply"]


def _find_first(self: Any) -> None:
    a, b = self.a, self.b
    if not (a.is_active() and b.is_active()):
        return
    if b.id() < a.id():
        b.skip_to(a.id())
    if b.is_active() and a.id() == b.id():
        self._find_next()


def apply() -> None:
    """Install the corrections (idempotent)."""
    setattr(AndNotMatcher, "_find_first", _find_first)  # noqa: B010  (a method: mypy refuses assignment)
