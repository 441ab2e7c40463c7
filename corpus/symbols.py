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
from dataclasses import dataclass
from functools import cache

__all__ = [
    "NUMBER_PATTERN",
    "SYMBOL_PATTERN",
    "TypedSymbol",
    "is_document_symbol",
    "normalize_symbol",
    "read_symbol",
    "short_form",
    "suffix_re",
    "symbol_forms",
    "symbol_re",
]

# The patterns are compiled on first use (functools.cache): a search uses few
# of them, and compiling them all cost every `resolu search` some milliseconds.

_PART = r"(?:E?S-\d+|[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)"
#: A UN document symbol, with an optional ``(1967)``/``(XV)`` suffix.
SYMBOL_PATTERN = (
    rf"(?<![\w/])[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*(?:/{_PART})+"
    r"(?:\s?\((?:\d{4}|[IVXLC]+)\))?(?![\w/])"
)
#: A resolution or decision number such as ``55/109`` or ``1999/25``.
NUMBER_PATTERN = r"(?<![\w/])\d{1,4}(?:/\d{1,4})+(?![\w/])"


@cache
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


@cache
def symbol_re() -> re.Pattern[str]:
    """Return :data:`SYMBOL_PATTERN` compiled."""
    return re.compile(SYMBOL_PATTERN)


# One part of any UN document symbol: words joined by "." or "-" (CN.4, ES-10,
# 8-9), a qualifier glued on (PC(III), UNEP(DTIE)) or, last, spaced (2202 (2015),
# 308 (Part II)).
_WORDS = r"[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*"
_GLUED = rf"{_WORDS}(?:\({_WORDS}\))?"
#: A whole document symbol, of any series (resolutions, reports, agendas):
#: what the readers accept as the symbol of a document they did not find in
#: the text itself (a UN Parallel Corpus id, say).
_DOCUMENT_SYMBOL = rf"(?=[A-Za-z]){_GLUED}(?:/{_GLUED})+(?: \({_WORDS}(?: {_WORDS})*\))?"
#: The longest symbol accepted (the UN's run to about 40 characters).
SYMBOL_MAX_CHARS = 80


def is_document_symbol(symbol: str) -> bool:
    """Tell whether ``symbol`` is shaped like a UN document symbol (and not ``.`` or ``../..``).

    >>> is_document_symbol("A/CONF.224/PC(III)/L.1"), is_document_symbol("S/RES/2202 (2015)")
    (True, True)
    >>> is_document_symbol("../.."), is_document_symbol("A" * 81 + "/1")
    (False, False)
    """
    return (
        len(symbol) <= SYMBOL_MAX_CHARS
        and _compiled(_DOCUMENT_SYMBOL).fullmatch(symbol) is not None
    )


_SUFFIX = r"\s*\((?:\d{4}|[IVXLC]+)\)$"


def is_symbol(text: str) -> bool:
    """Tell whether a :func:`symbol_re` match is a symbol and not a word pair like ``and/or``."""
    return any(c.isdigit() for c in text)


def normalize_symbol(symbol: str) -> str:
    """Return the search form of a symbol: lower case, no spaces, no year suffix.

    >>> normalize_symbol("S/RES/242 (1967)")
    's/res/242'
    >>> normalize_symbol("A/RES/55/109")
    'a/res/55/109'
    """
    return _compiled(_SUFFIX, re.IGNORECASE).sub("", symbol.strip()).replace(" ", "").lower()


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


# ---------------------------------------------------------------- what people type

_ROMAN_OR_YEAR = r"\d{4}|[IVXLC]+"
#: A symbol as people type or print it: ``S/RES/2803 (2025)``, ``S/RES/2803(2025)``,
#: ``A/RES/217 A (III)``, ``A/RES/217(III) A``, ``217 A (III)``, ``2803``,
#: ``55/109``, a series ``A/RES/69/*``.
_TYPED = rf"""(?P<head>[A-Za-z0-9][^\s()*"]*?|)
    (?:\s*(?P<letter>[A-Ha-h])(?=\s*\())?
    (?:\s*\((?P<suffix>{_ROMAN_OR_YEAR})\))?
    (?:\s*(?P<after>[A-Ha-h]))?
    (?P<star>\*)?"""
#: A resolution number without its series: ``2803``, ``55/109``, ``ES-10/2``.
_BARE = r"(?:e?s-\d+|\d{1,4})(?:/\d{1,4})*"
#: A full symbol: series letters first, a ``/``, a digit somewhere.
_FULL = rf"[a-z][a-z0-9]*(?:\.[a-z0-9]+)*(?:/{_PART})+"


def _bare(text: str) -> bool:
    return _compiled(_BARE, re.IGNORECASE).fullmatch(text) is not None


@cache
def suffix_re() -> re.Pattern[str]:
    """Return what may follow a symbol typed in a query and still be part of it.

    `` (2025)``, `` A (III)``, ``(III) A``: read by the query lexer after
    ``symbol:``/``cites:``.
    """
    return re.compile(r"(?:\s*[A-H](?=\s*\())?\s*\((?:\d{4}\)|[IVXLC]+\)(?:\s+[A-H](?![\w/(]))?)")


@dataclass(frozen=True)
class TypedSymbol:
    """A symbol as a person typed it, read by :func:`read_symbol`.

    ``key`` is the form the index holds (lower case, no spaces, no year or
    session, no letter): ``s/res/2803``, ``a/res/217``, or a bare number
    ``2803``, ``55/109``; for a series (``A/RES/69/*``) the prefix ``a/res/69/``.
    """

    key: str
    #: The letter of a pre-1976 resolution (``217 A (III)``: ``A``), else "".
    letter: str = ""
    #: The year or session in parentheses (``2025``, ``III``), else "".
    suffix: str = ""
    #: True for a series typed with a trailing ``*``.
    series: bool = False

    @property
    def bare(self) -> bool:
        """Tell whether no series was typed (``2803``, ``55/109``, ``217 A (III)``)."""
        return not self.key[:1].isalpha() or _bare(self.key)

    @property
    def printed(self) -> str:
        """Return the symbol as the UN prints it: ``S/RES/2803 (2025)``, ``A/RES/217 A (III)``."""
        text = self.key.upper() + ("*" if self.series else "")
        if self.letter:
            text += f" {self.letter}"
        return f"{text} ({self.suffix})" if self.suffix else text

    def matches(self, term: str) -> bool:
        """Tell whether a symbol the index holds (a ``key``: ``s/res/2803``) is one this names.

        A bare number matches the symbols it is the number of; a year in
        parentheses names a Security Council resolution, a roman session any
        other (the General Assembly's and the Economic and Social Council's
        before 1976).

        >>> read_symbol("2803").matches("s/res/2803"), read_symbol("217 (III)").matches("s/res/217")
        (True, False)
        """
        if self.series:
            return term.startswith(self.key)
        if not self.bare:
            return term == self.key
        if term != self.key and short_form(term) != self.key:
            return False
        if not self.suffix or term == self.key:
            return True
        council = term.startswith("s/res/")
        return council if self.suffix.isdigit() else not council


def read_symbol(text: str) -> TypedSymbol | None:
    """Read a symbol in any form it is printed or typed, or return None when it is not one.

    >>> read_symbol("S/RES/2803 (2025)") == read_symbol("s/res/2803(2025)")
    True
    >>> read_symbol("A/RES/217 A (III)")
    TypedSymbol(key='a/res/217', letter='A', suffix='III', series=False)
    >>> read_symbol("A/RES/217(III) A") == read_symbol("A/RES/217 A (III)")
    True
    >>> read_symbol("A/RES/69/*"), read_symbol("paix")
    (TypedSymbol(key='a/res/69/', letter='', suffix='', series=True), None)
    """
    m = _compiled(_TYPED, re.VERBOSE | re.IGNORECASE).fullmatch(text.strip())
    if not m or (m["letter"] and m["after"]):
        return None
    head = m["head"].replace(" ", "").lower()
    letter = (m["letter"] or m["after"] or "").upper()
    suffix = (m["suffix"] or "").upper()
    if m["star"]:
        if letter or suffix or not (head == "" or head.endswith("/") or head[-1].isalnum()):
            return None
        return TypedSymbol(head, series=True) if head else None
    full = _compiled(_FULL, re.IGNORECASE).fullmatch(head)
    if not (_bare(head) or (full and is_symbol(head))):
        return None
    if letter and not (suffix and not suffix.isdigit()):
        return None  # a letter comes only with a session: 217 A (III)
    return TypedSymbol(head, letter, suffix)
