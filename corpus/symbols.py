"""UN document symbols: recognising, normalising and citing them.

A symbol is a chain of ``/``-separated parts whose first part is a series
letter (``A/RES/55/109``, ``E/CN.4/2000/2``, ``A/RES/ES-8/2``,
``S/RES/242 (1967)``, ``A/RES/1514 (XV)``); a resolution number is two or more
numbers joined by ``/`` (``55/109``, ``1999/25``). Both stay whole as search
terms. The trailing year or roman session of old symbols is dropped from the
normalised form because people cite ``S/RES/242`` and ``S/RES/242 (1967)`` alike.
"""

from __future__ import annotations

import re

__all__ = [
    "DOCUMENT_SYMBOL_RE",
    "NUMBER_RE",
    "SYMBOL_RE",
    "is_document_symbol",
    "normalize_symbol",
    "short_form",
    "symbol_forms",
]

_PART = r"(?:E?S-\d+|[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)"
#: A UN document symbol, with an optional ``(1967)``/``(XV)`` suffix.
SYMBOL_RE = re.compile(
    rf"(?<![\w/])[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*(?:/{_PART})+"
    r"(?:\s?\((?:\d{4}|[IVXLC]+)\))?(?![\w/])"
)
#: A resolution or decision number such as ``55/109`` or ``1999/25``.
NUMBER_RE = re.compile(r"(?<![\w/])\d{1,4}(?:/\d{1,4})+(?![\w/])")

# One part of any UN document symbol: words joined by "." or "-" (CN.4, ES-10,
# 8-9), a qualifier glued on (PC(III), UNEP(DTIE)) or, last, spaced (2202 (2015),
# 308 (Part II)).
_WORDS = r"[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*"
_GLUED = rf"{_WORDS}(?:\({_WORDS}\))?"
#: A whole document symbol, of any series (resolutions, reports, agendas):
#: what the readers accept as the symbol of a document they did not find in
#: the text itself (a UN Parallel Corpus id, say).
DOCUMENT_SYMBOL_RE = re.compile(
    rf"(?=[A-Za-z]){_GLUED}(?:/{_GLUED})+(?: \({_WORDS}(?: {_WORDS})*\))?"
)
#: The longest symbol accepted (the UN's run to about 40 characters).
SYMBOL_MAX_CHARS = 80


def is_document_symbol(symbol: str) -> bool:
    """Tell whether ``symbol`` is shaped like a UN document symbol (and not ``.`` or ``../..``).

    >>> is_document_symbol("A/CONF.224/PC(III)/L.1"), is_document_symbol("S/RES/2202 (2015)")
    (True, True)
    >>> is_document_symbol("../.."), is_document_symbol("A" * 81 + "/1")
    (False, False)
    """
    return len(symbol) <= SYMBOL_MAX_CHARS and DOCUMENT_SYMBOL_RE.fullmatch(symbol) is not None


_SUFFIX = re.compile(r"\s*\((?:\d{4}|[IVXLC]+)\)$", re.IGNORECASE)


def is_symbol(text: str) -> bool:
    """Tell whether a :data:`SYMBOL_RE` match is a symbol and not a word pair like ``and/or``."""
    return any(c.isdigit() for c in text)


def normalize_symbol(symbol: str) -> str:
    """Return the search form of a symbol: lower case, no spaces, no year suffix.

    >>> normalize_symbol("S/RES/242 (1967)")
    's/res/242'
    >>> normalize_symbol("A/RES/55/109")
    'a/res/55/109'
    """
    return _SUFFIX.sub("", symbol.strip()).replace(" ", "").lower()


def short_form(normalized: str) -> str | None:
    """Return the number by which a resolution is cited in running text, if any.

    >>> short_form("a/res/55/109"), short_form("s/res/242"), short_form("e/cn.4/2000/2")
    ('55/109', '242', None)
    """
    _, sep, tail = normalized.partition("/res/")
    return tail if sep and tail else None


def symbol_forms(symbol: str) -> list[str]:
    """Return the normalised symbol followed by its short form, when it has one."""
    full = normalize_symbol(symbol)
    short = short_form(full)
    return [full, short] if short and short != full else [full]
