"""What a request may ask of the server, and how bad input is told apart from good.

The caps keep one request from costing the others much: a query's cost grows
with its length, a page's with its size.
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "MAX_LIMIT",
    "MAX_LIST",
    "MAX_OFFSET",
    "MAX_QUERY",
    "MAX_REFERENCE",
    "PAGE_SIZE",
    "BadRequest",
    "check_query",
    "check_reference",
    "int_param",
]

#: Characters in a query (a long paragraph pasted whole still fits).
MAX_QUERY = 1000
#: Hits in one page of /api/search.
MAX_LIMIT = 100
#: Resolutions in one page of /api/list.
MAX_LIST = 1000
#: How deep paging may go, in hits.
MAX_OFFSET = 10_000
#: Hits in one page of the search page.
PAGE_SIZE = 10
#: Characters in a symbol or paragraph reference.
MAX_REFERENCE = 200


class BadRequest(ValueError):
    """A request the server refuses; ``key`` names the message, ``values`` fill it in."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(f"{key}: {values}")


def check_query(query: str) -> str:
    """Return the query stripped, or raise :class:`BadRequest` when it is too long."""
    if len(query) > MAX_QUERY:
        raise BadRequest("too_long", n=len(query), max=MAX_QUERY)
    return query.strip()


def check_reference(reference: str) -> str:
    """Return a symbol or reference fit to look up, or raise :class:`BadRequest`.

    A reference is looked up in the index, never opened as a file; still, one
    that looks like a path (``..``, a leading ``/`` or ``\\``) or holds control
    characters is refused outright, so that no future change can turn it into one.

    >>> check_reference("A/RES/55/109#op4")
    'A/RES/55/109#op4'
    >>> check_reference("../../etc/passwd")
    Traceback (most recent call last):
    ...
    resolu.search.web.limits.BadRequest: bad_reference: {'ref': '../../etc/passwd'}
    """
    ref = reference.strip()
    if (
        not ref
        or len(ref) > MAX_REFERENCE
        or ".." in ref
        or ref[0] in "/\\"
        or "\\" in ref
        or any(unicodedata.category(c) == "Cc" for c in ref)
    ):
        raise BadRequest("bad_reference", ref=reference[:MAX_REFERENCE])
    return ref


def int_param(value: str | None, *, default: int, low: int, high: int, name: str) -> int:
    """Return a whole-number parameter within ``[low, high]``, or raise :class:`BadRequest`."""
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise BadRequest("bad_number", name=name, low=low, high=high) from None
    if not low <= number <= high:
        raise BadRequest("bad_number", name=name, low=low, high=high)
    return number
