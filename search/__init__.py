"""resolu.search: query an index of UN resolution paragraphs.

>>> from resolu.search import open_index                          # doctest: +SKIP
>>> with open_index(default_index_dir()) as ix:                   # doctest: +SKIP
...     results = ix.search('"dialogue entre les civilisations"')
...     [h.reference for h in results]
['A/RES/55/109#pp1', 'A/RES/55/109#pp8']
"""

from __future__ import annotations

from resolu.index.errors import (
    IndexCorrupt,
    IndexNotFound,
    QuerySyntaxError,
    ReferenceNotFound,
    ResoluError,
)

from .hits import Hit, Results
from .locations import default_index_dir
from .query import FIELDS, parse
from .searching import Index, open_index

__all__ = [
    "FIELDS",
    "Hit",
    "Index",
    "IndexCorrupt",
    "IndexNotFound",
    "QuerySyntaxError",
    "ReferenceNotFound",
    "ResoluError",
    "Results",
    "default_index_dir",
    "open_index",
    "parse",
]
