"""Per-document values of a few fields, read once per searcher, for facets and sorting.

Counting results by year or sorting them by date must not read stored fields
hit by hit: the values come from Whoosh columns (``sortable=True`` fields), or,
for a field indexed without a column, from its postings, into one list indexed
by document number. The lists are built on first use and kept until the index
changes (a new searcher), so a facet or a sort then costs one list lookup per
matching document.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from resolu.index.schema import KEY_SEP, SORTKEY

__all__ = ["Columns", "natural_key"]

_DIGITS = re.compile(r"(\d+)")


@lru_cache(maxsize=200_000)
def natural_key(symbol: str) -> str:
    """Return a key that orders symbols as people read them: numbers by value.

    >>> sorted(["A/RES/55/10", "A/RES/55/9"], key=natural_key)
    ['A/RES/55/9', 'A/RES/55/10']
    """
    return _DIGITS.sub(lambda m: m.group(1).zfill(8), symbol.lower())


class Columns:
    """The values of fields by document number for one searcher (built lazily, then kept)."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self._lists: dict[str, list[Any]] = {}
        self._symbols: tuple[list[int], list[str]] | None = None

    def values(self, field: str) -> list[Any]:
        """Return the value of ``field`` for every document number ("" or 0 where none)."""
        found = self._lists.get(field)
        if found is None:
            found = self._lists[field] = self._read(field)
        return found

    def has(self, field: str) -> bool:
        """Tell whether the index has ``field`` at all."""
        return field in self.searcher.schema

    def _read(self, field: str) -> list[Any]:
        reader = self.searcher.reader()
        if reader.has_column(field):
            return list(reader.column_reader(field))
        # No column (a field from another version of the schema): its postings.
        out: list[Any] = [""] * reader.doc_count_all()
        ftype = self.searcher.schema[field]
        for raw in reader.lexicon(field):
            value = ftype.from_bytes(raw)
            for docnum in reader.postings(field, raw).all_ids():
                out[docnum] = value
        return out

    def resolutions(self) -> tuple[list[int], list[str]]:
        """Return each document's resolution number and the symbols those numbers stand for."""
        if self._symbols is None:
            ids: dict[str, int] = {}
            per_doc = []
            for key in self.values(SORTKEY):
                symbol = key.partition(KEY_SEP)[0] if key else ""
                per_doc.append(ids.setdefault(symbol, len(ids)))
            self._symbols = (per_doc, list(ids))
        return self._symbols
