"""resolu.search: query an index of UN resolution paragraphs.

>>> from resolu.search import open_index                          # doctest: +SKIP
>>> with open_index(default_index_dir()) as ix:                   # doctest: +SKIP
...     results = ix.search('"dialogue entre les civilisations"')
...     [h.reference for h in results]
['A/RES/55/109#pp1', 'A/RES/55/109#pp8']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resolu.index._lazy import lazy_getattr
from resolu.index.errors import (
    IndexCorrupt,
    IndexNotFound,
    QuerySyntaxError,
    ReferenceNotFound,
    ResoluError,
)

from .locations import default_index_dir

if TYPE_CHECKING:
    from .hits import Hit, Results
    from .listing import ResolutionSummary
    from .query import FIELDS, parse
    from .searching import Index, open_index

# Loaded on first use, so that `resolu --help` and `resolu index` do not import
# the search machinery.
_LAZY = {
    "Hit": ".hits",
    "Results": ".hits",
    "ResolutionSummary": ".listing",
    "FIELDS": ".query",
    "parse": ".query",
    "Index": ".searching",
    "open_index": ".searching",
}

__getattr__ = lazy_getattr(__name__, _LAZY)


__all__ = [
    "FIELDS",
    "Hit",
    "Index",
    "IndexCorrupt",
    "IndexNotFound",
    "QuerySyntaxError",
    "ReferenceNotFound",
    "ResoluError",
    "ResolutionSummary",
    "Results",
    "default_index_dir",
    "open_index",
    "parse",
]
