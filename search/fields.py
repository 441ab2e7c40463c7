"""The query fields, declared once: the parser, the compiler, ``--help`` and the README read this.

Each :class:`QueryField` says what a user may type after ``name:`` and how its
value becomes a term of the index. Adding a field is one entry here (and, if
it filters on something the index does not hold yet, a field in the schema).
Nothing here knows the engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from resolu.corpus.bodies import body_by_alias
from resolu.corpus.doctypes import doc_type_by_alias
from resolu.corpus.languages import language_by_alias
from unidecode import unidecode

__all__ = ["FIELDS", "QUERY_FIELDS", "QueryField", "field_named", "fields_help"]

_KIND_ALIASES = {
    "operative": "operative",
    "dispositif": "operative",
    "op": "operative",
    "preambular": "preambular",
    "preambule": "preambular",
    "pp": "preambular",
    "preamble": "preambular",
    "alinea": "preambular",
    "subparagraph": "subparagraph",
    "sous-paragraphe": "subparagraph",
    "sub": "subparagraph",
    "footnote": "footnote",
    "note": "footnote",
    "fn": "footnote",
    "annex": "annex",
    "annexe": "annex",
    "line": "line",
    "ligne": "line",
    "article": "article",
    "art": "article",
}


def _folded(value: str) -> str:
    return unidecode(value).lower().replace("’", "'")


def _kind(value: str) -> str | None:
    return _KIND_ALIASES.get(_folded(value))


def _body(value: str) -> str | None:
    body = body_by_alias(value)
    return body.name if body else None


def _session(value: str) -> str | None:
    return value.upper()


def _digits(value: str) -> str | None:
    """Return the number a user typed for an agenda item or a meeting (``4253e`` -> ``4253``)."""
    m = re.fullmatch(r"(\d+)\s*(?:e|re|ᵉ|st|nd|rd|th)?", value.strip(), re.IGNORECASE)
    return m.group(1) if m else None


def _day_bounds(value: str) -> tuple[int, int] | None:
    """Return the first and last day a year, month or day stands for, as numbers.

    >>> _day_bounds("2000-12"), _day_bounds("2000-12-04")
    ((20001201, 20001231), (20001204, 20001204))
    """
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if month is None:
        return year * 10000 + 101, year * 10000 + 1231
    if not 1 <= int(month) <= 12 or (day is not None and not 1 <= int(day) <= 31):
        return None
    base = year * 10000 + int(month) * 100
    return (base + int(day), base + int(day)) if day else (base + 1, base + 31)


def _dates(value: str) -> tuple[int, int] | None:
    """Return the day bounds of ``2000-12-04``, ``2000-12``, ``2000`` or ``A..B`` of those."""
    lo_text, sep, hi_text = value.partition("..")
    lo = _day_bounds(lo_text)
    hi = _day_bounds(hi_text) if sep else lo
    return (lo[0], hi[1]) if lo and hi else None


def _years(value: str) -> tuple[int, int] | None:
    m = re.fullmatch(r"(\d{4})(?:\.\.(\d{4}))?", value)
    if not m:
        return None
    lo = int(m.group(1))
    return lo, int(m.group(2)) if m.group(2) else lo


@dataclass(frozen=True)
class QueryField:
    """One ``name:value`` filter of the query language."""

    name: str
    #: What the user may type, with examples (error messages and ``--help``).
    help: str
    #: The index field it filters on.
    index_field: str
    #: ``symbol``: analysed as a UN symbol; ``term``: one canonical value;
    #: ``range``: a numeric range; ``text``: words of the resolution's title;
    #: ``citedby``: paragraphs of other resolutions citing a symbol. Symbols,
    #: terms and ranges take several values, comma-separated (``body:AG,CS``).
    kind: Literal["symbol", "term", "range", "text", "citedby"]
    #: For ``term``: the canonical value of what the user typed, None if unknown.
    canonical: Callable[[str], str | None] | None = None
    #: For ``range``: the inclusive bounds of what the user typed, None if malformed.
    bounds: Callable[[str], tuple[int, int] | None] | None = None
    #: What a malformed value is said to be in the error message.
    expected: str = ""


QUERY_FIELDS: tuple[QueryField, ...] = (
    QueryField(
        "symbol",
        "a symbol or number: symbol:A/RES/55/109, symbol:55/109",
        "symbol",
        "symbol",
        expected="a symbol or a resolution number (e.g. symbol:54/181)",
    ),
    QueryField(
        "body",
        "the adopting body: body:AG, body:CS, body:ECOSOC, body:HRC; several: body:AG,CS",
        "body",
        "term",
        canonical=_body,
    ),
    QueryField(
        "session",
        "a General Assembly session: session:55",
        "session",
        "term",
        canonical=_session,
    ),
    QueryField(
        "year",
        "a year or a range: year:2000, year:1999..2001",
        "year",
        "range",
        bounds=_years,
        expected="a year or a range like 1999..2001",
    ),
    QueryField(
        "kind",
        "kind:operative (dispositif), kind:preambular (préambule), kind:subparagraph, "
        "kind:footnote (note), kind:annex, kind:article, kind:line",
        "kind",
        "term",
        canonical=_kind,
    ),
    QueryField(
        "type",
        "the type of document: type:resolution (résolution), type:decision (décision), "
        "type:report (rapport), type:letter (lettre), type:agenda (ordre du jour), "
        "type:statement (déclaration), type:other (autre)",
        "type",
        "term",
        canonical=doc_type_by_alias,
    ),
    QueryField("lang", "lang:fr or lang:en", "lang", "term", canonical=language_by_alias),
    QueryField(
        "cites",
        "resolutions cited: cites:54/181, cites:A/RES/54/181",
        "cites",
        "symbol",
        expected="a symbol or a resolution number (e.g. cites:54/181)",
    ),
    QueryField(
        "citedby",
        'paragraphs of other resolutions that cite it: citedby:54/181, citedby:"S/RES/242 (1967)"',
        "cites",
        "citedby",
        expected="a symbol or a resolution number (e.g. citedby:54/181)",
    ),
    QueryField(
        "title",
        'words of the title: title:civilisations, title:"dialogue civilisations"',
        "title",
        "text",
        expected="words of a title (e.g. title:civilisations)",
    ),
    QueryField(
        "date",
        "adoption date, a day, month or year, or a range: date:2000-12-04, date:2000-12..2001-01",
        "date",
        "range",
        bounds=_dates,
        expected="a date like 2000-12-04, 2000-12 or 2000, or a range like 2000-12..2001-01",
    ),
    QueryField(
        "agenda",
        "an agenda item number: agenda:66",
        "agenda",
        "term",
        canonical=_digits,
    ),
    QueryField(
        "meeting",
        "the Security Council meeting that adopted it: meeting:4253",
        "meeting",
        "term",
        canonical=_digits,
    ),
)

_BY_NAME = {f.name: f for f in QUERY_FIELDS}

#: Field name -> what it accepts (kept for scripts that listed the fields).
FIELDS = {f.name: f.help for f in QUERY_FIELDS}


def field_named(name: str) -> QueryField | None:
    """Return the query field a user named (case does not matter), or None."""
    return _BY_NAME.get(name.lower())


def fields_help() -> str:
    """Return one line per field, for ``--help``."""
    return "\n".join(f"  {f.name + ':':<9} {f.help}" for f in QUERY_FIELDS)
