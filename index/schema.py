"""The Whoosh schema: one document per paragraph, plus one per indexed file.

Ranked text lives in one field per language (``text_fr``, ``text_en``), each
with its own pipeline; the exact-phrase field (``exact``) keeps stop words and
is not stemmed; ``symbol`` and ``cites`` hold symbol terms only. File documents
(``doctype:file``) record each source file's content hash, its source and the
resolutions it holds, inside the same commit as its paragraphs, so an
incremental run never trusts a stale manifest.

Field names are spelled here and nowhere else: the store and the query
compiler use the constants below.
"""

from __future__ import annotations

from resolu.corpus.languages import LANGUAGES
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, FieldType, Schema

from .analysis import SymbolAnalyzer, english_analyzer, exact_analyzer, french_analyzer

__all__ = [
    "AGENDA",
    "BODY",
    "CITES",
    "DATE",
    "DIGEST",
    "DOCTYPE",
    "EXACT",
    "HOLDS",
    "KEY",
    "KEY_SEP",
    "KIND",
    "LANG",
    "MEETING",
    "PATH",
    "PAYLOAD",
    "RESKEY",
    "SESSION",
    "SORTKEY",
    "SOURCE",
    "SYMBOL",
    "TYPE",
    "YEAR",
    "build_schema",
    "sort_key",
    "text_field",
    "title_field",
]

#: Separates the symbol from the paragraph order in a sort key.
KEY_SEP = "\x00"

KEY = "key"
DOCTYPE = "doctype"
SYMBOL = "symbol"
BODY = "body"
SESSION = "session"
YEAR = "year"
LANG = "lang"
KIND = "kind"
SORTKEY = "sortkey"
EXACT = "exact"
CITES = "cites"
PATH = "path"
DIGEST = "digest"
PAYLOAD = "payload"
#: The resolution a paragraph belongs to, ``fr:A/RES/55/109``: what makes two copies the same.
RESKEY = "res"
#: On a file document: the source (folder or file) it was found in, resolved.
SOURCE = "source"
#: On a file document: each resolution it holds, its paragraph count, and whether it is indexed.
HOLDS = "holds"
#: Adoption date as a number, 20001204 (a column, for date filters and sorting).
DATE = "date"
#: Agenda item numbers ("66 67"), from the masthead.
AGENDA = "agenda"
#: The Security Council meeting that adopted it ("4253").
MEETING = "meeting"
#: What the document is: resolution, decision, report, letter, agenda, statement, other.
TYPE = "type"


def text_field(language: str) -> str:
    """Return the ranked text field of a language."""
    return f"text_{language if language in LANGUAGES else LANGUAGES[0]}"


def title_field(language: str) -> str:
    """Return the ranked title field of a language."""
    return f"title_{language if language in LANGUAGES else LANGUAGES[0]}"


def sort_key(symbol: str, order: int) -> str:
    """Return the column value that orders equal scores: by symbol, then document order."""
    return f"{symbol}{KEY_SEP}{order:08d}"


class SortColumn(ID):
    """A column of strings that orders documents and is never searched (so has no postings).

    Every paragraph has its own value: as an indexed ``ID`` it cost a term, a
    postings block and a term-table entry a paragraph, written and never read.
    """

    indexed = False

    def __init__(self) -> None:
        super().__init__(sortable=True)


_RANKED = {"fr": french_analyzer, "en": english_analyzer}


def build_schema() -> Schema:
    """Return the schema of a resolu index."""
    per_language: dict[str, FieldType] = {}
    for lang in LANGUAGES:
        per_language[title_field(lang)] = TEXT(analyzer=_RANKED[lang](), phrase=False)
        per_language[text_field(lang)] = TEXT(analyzer=_RANKED[lang]())
    fields: dict[str, FieldType | type[FieldType]] = {
        # Stored, never searched: a file document is found by its path and doctype.
        KEY: STORED,
        DOCTYPE: ID(stored=True),
        # Read from the stored fields, never searched: no postings.
        "reference": STORED,
        SYMBOL: TEXT(analyzer=SymbolAnalyzer(), stored=True, phrase=False),
        # Columns (sortable=True) for the fields results are counted by (facets):
        # counting reads them over the matching document numbers only.
        BODY: ID(stored=True, sortable=True),
        SESSION: ID(stored=True, sortable=True),
        YEAR: NUMERIC(int, stored=True, sortable=True, default=0),
        DATE: NUMERIC(int, sortable=True, default=0),
        LANG: ID(stored=True, sortable=True),
        KIND: ID(stored=True, sortable=True),
        TYPE: ID(stored=True, sortable=True),
        AGENDA: KEYWORD(lowercase=True),
        MEETING: ID,
        # Tie-break of equal scores: symbol, then place in the resolution. A
        # column, so ranking never has to read stored fields.
        SORTKEY: SortColumn(),
        **per_language,
        EXACT: TEXT(analyzer=exact_analyzer()),
        CITES: TEXT(analyzer=SymbolAnalyzer(), phrase=False),
        PATH: ID(stored=True),
        RESKEY: ID,
        DIGEST: STORED,
        SOURCE: STORED,
        HOLDS: STORED,
        PAYLOAD: STORED,
    }
    return Schema(**fields)
