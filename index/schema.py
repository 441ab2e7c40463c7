"""The Whoosh schema: one document per paragraph, plus one per indexed file.

Ranked text lives in one field per language (``text_fr``, ``text_en``), each
with its own pipeline; the exact-phrase field (``exact``) keeps stop words and
is not stemmed; ``symbol`` and ``cites`` hold symbol terms only. File documents
(``doctype:file``) record each source file's content hash, inside the same
commit as its paragraphs, so an incremental run never trusts a stale manifest.
"""

from __future__ import annotations

from pathlib import Path

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from .analysis import SymbolAnalyzer, english_analyzer, exact_analyzer, french_analyzer

__all__ = [
    "INDEX_NAME",
    "KEY_SEP",
    "LANGUAGES",
    "SCHEMA_VERSION",
    "VERSION_FILE",
    "build_schema",
    "index_version",
    "sort_key",
    "text_field",
    "title_field",
]

#: Separates the symbol from the paragraph order in a sort key.
KEY_SEP = "\x00"

#: Bumped when the schema or the analysis changes, so old indexes are rebuilt.
SCHEMA_VERSION = 2
LANGUAGES = ("fr", "en")
#: Whoosh's name for our index inside its folder (files ``_resolu_*``).
INDEX_NAME = "resolu"
#: The file in an index folder that records the SCHEMA_VERSION it was built with.
VERSION_FILE = "VERSION"


def index_version(index_dir: Path) -> int:
    """Return the schema version an index folder was built with (0 when unknown)."""
    try:
        return int((index_dir / VERSION_FILE).read_text().strip())
    except (OSError, ValueError):
        return 0


def text_field(language: str) -> str:
    """Return the ranked text field of a language."""
    return f"text_{language if language in LANGUAGES else 'fr'}"


def title_field(language: str) -> str:
    """Return the ranked title field of a language."""
    return f"title_{language if language in LANGUAGES else 'fr'}"


def sort_key(symbol: str, order: int) -> str:
    """Return the column value that orders equal scores: by symbol, then document order."""
    return f"{symbol}{KEY_SEP}{order:08d}"


def build_schema() -> Schema:
    """Return the schema of a resolu index."""
    return Schema(
        key=ID(stored=True, unique=True),
        doctype=ID(stored=True),
        reference=ID(stored=True),
        symbol=TEXT(analyzer=SymbolAnalyzer(), stored=True, phrase=False),
        body=ID(stored=True),
        session=ID(stored=True),
        year=NUMERIC(int, stored=True),
        lang=ID(stored=True),
        kind=ID(stored=True),
        order=NUMERIC(int, stored=True, sortable=True),
        # Tie-break of equal scores: symbol, then place in the resolution. A
        # column, so ranking never has to read stored fields.
        sortkey=ID(sortable=True),
        title_fr=TEXT(analyzer=french_analyzer(), phrase=False),
        title_en=TEXT(analyzer=english_analyzer(), phrase=False),
        text_fr=TEXT(analyzer=french_analyzer()),
        text_en=TEXT(analyzer=english_analyzer()),
        exact=TEXT(analyzer=exact_analyzer()),
        cites=TEXT(analyzer=SymbolAnalyzer(), phrase=False),
        path=ID(stored=True),
        digest=STORED,
        payload=STORED,
    )
