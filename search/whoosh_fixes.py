"""Corrections to Whoosh's matchers, applied when resolu searches.

Whoosh's ``AndNotMatcher`` (``a ANDNOT b``) skips ``b`` forward only when
both start on the same document. When ``b``'s first document comes before
``a``'s and ``a``'s first document is also in ``b``, that document is
returned although ``b`` holds it. resolu builds such a query for every search
of an index holding two languages (the query's language first, then the
rest, ``AndNot(q, lang)``), so the first match came back twice, once in each
part.

Whoosh's ``ListMatcher`` reads the postings a term keeps in its entry of the
term table (``resolu.index.postings.INLINE_BELOW``). Its ``copy()``, which a
phrase's span matchers call, drops the term and its entry: the copy's
``term()`` is None and asking it for a block's quality (the smallest length)
fails. The copy here keeps both. And its ``replace(minquality)``, which a
collector calls as its lowest kept score rises, drops the whole list when no
document in it could reach that score, even when the search counts every
match (``optimize=False``): those documents went uncounted, and the total
fell short of the fast path's. A matcher of postings blocks never does; here
neither does a list. (Whoosh's union and exclusion matchers prune the same way,
so resolu's own searches no longer let the collector replace matchers at all:
``Index._scorer`` in :mod:`resolu.search.searching`. That is what keeps their
count exact; this correction keeps a list like a block matcher for any other
caller.)
"""

from __future__ import annotations

from typing import Any

from whoosh.matching.binary import AndNotMatcher
from whoosh.matching.mcore import ListMatcher, NullMatcher

__all__ = ["apply"]


def _find_first(self: Any) -> None:
    a, b = self.a, self.b
    if not (a.is_active() and b.is_active()):
        return
    if b.id() < a.id():
        b.skip_to(a.id())
    if b.is_active() and a.id() == b.id():
        self._find_next()


def _copy(self: Any) -> Any:
    return type(self)(
        self._ids,
        self._weights,
        self._values,
        self._format,
        self._scorer,
        self._i,
        self._all_weights,
        term=self._term,
        terminfo=self._terminfo,
    )


def _replace(self: Any, minquality: float = 0) -> Any:
    return self if self.is_active() else NullMatcher()


def apply() -> None:
    """Install the corrections (idempotent)."""
    setattr(AndNotMatcher, "_find_first", _find_first)  # noqa: B010  (a method: mypy refuses assignment)
    setattr(ListMatcher, "copy", _copy)  # noqa: B010
    setattr(ListMatcher, "replace", _replace)  # noqa: B010
