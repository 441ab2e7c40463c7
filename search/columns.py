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
from typing import TYPE_CHECKING, Any

from resolu.index.schema import KEY_SEP, SORTKEY

if TYPE_CHECKING:
    import numpy as np

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
        self._arrays: dict[str, Any] = {}

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

    # Arrays for vectorised facets and sorts. numpy is imported here, not at the
    # top: a plain search in a fresh process (``resolu search``) does not need it.

    def codes(self, field: str) -> tuple[np.ndarray, list[Any]]:
        """Return each document's value of ``field`` as a code, and the value of each code."""
        key = f"codes:{field}"
        if key not in self._arrays:
            import numpy as np

            ids: dict[Any, int] = {}
            per_doc = [ids.setdefault(v, len(ids)) for v in self.values(field)]
            self._arrays[key] = (np.array(per_doc, dtype=np.int64), list(ids))
        found: tuple[np.ndarray, list[Any]] = self._arrays[key]
        return found

    def numbers(self, field: str) -> np.ndarray:
        """Return ``field``'s numeric value for every document (0 where none), as an array."""
        key = f"numbers:{field}"
        if key not in self._arrays:
            import numpy as np

            self._arrays[key] = np.array([v or 0 for v in self.values(field)], dtype=np.int64)
        found: np.ndarray = self._arrays[key]
        return found

    def resolution_ids(self) -> np.ndarray:
        """Return each document's resolution number (:meth:`resolutions`) as an array."""
        if "resolutions" not in self._arrays:
            import numpy as np

            self._arrays["resolutions"] = np.array(self.resolutions()[0], dtype=np.int64)
        found: np.ndarray = self._arrays["resolutions"]
        return found

    def key_ranks(self) -> np.ndarray:
        """Return each document's rank in the order of its sort key (equal keys, equal ranks)."""
        if "key_ranks" not in self._arrays:
            self._arrays["key_ranks"] = _ranks(self.values(SORTKEY), lambda k: k)
        found: np.ndarray = self._arrays["key_ranks"]
        return found

    def symbol_ranks(self) -> np.ndarray:
        """Return each document's rank by symbol as people read it, then place in its text."""
        if "symbol_ranks" not in self._arrays:

            def by_symbol(key: str) -> tuple[str, str]:
                symbol, _, place = (key or "").partition(KEY_SEP)
                return natural_key(symbol), place

            self._arrays["symbol_ranks"] = _ranks(self.values(SORTKEY), by_symbol)
        found: np.ndarray = self._arrays["symbol_ranks"]
        return found


def _ranks(values: list[Any], key: Any) -> np.ndarray:
    """Return the rank of each value's ``key`` among the distinct keys, as an array."""
    import numpy as np

    keys = {v: key(v) for v in set(values)}
    ordered = sorted(set(keys.values()))
    rank = {k: i for i, k in enumerate(ordered)}
    return np.array([rank[keys[v]] for v in values], dtype=np.int64)
