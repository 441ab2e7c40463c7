"""resolu.search: query an index of UN resolution paragraphs.

>>> from resolu.search import open_index                          # doctest: +SKIP
>>> with open_index(default_index_dir()) as ix:                   # doctest: +SKIP
...     results = ix.search('"dialogue entre les civilisations"')
...     [h.reference for h in results]
['A/RES/55/109#pp1', 'A/RES/55/109#pp8']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resolu.corpus._lazy import lazy_dir, lazy_getattr
from resolu.corpus.errors import ResoluError
from resolu.index.errors import IndexClosed, IndexCorrupt, IndexNotFound

from .errors import QuerySyntaxError, ReferenceNotFound
from .locations import default_index_dir

if TYPE_CHECKING:
    from .citation import official_url
    from .fields import FIELDS, QUERY_FIELDS, QueryField
    from .hits import FacetValue, Hit, Results
    from .listing import ResolutionSummary
    from .parser import Node, parse
    from .protocol import SearchableIndex
    from .searching import Index, open_index
    from .sorting import SORTS

# Loaded on first use, so that `resolu --help` and `resolu index` do not import
# the search machinery (and Whoosh with it).
_LAZY = {
    "FIELDS": ".fields",
    "QUERY_FIELDS": ".fields",
    "QueryField": ".fields",
    "official_url": ".citation",
    "FacetValue": ".hits",
    "Hit": ".hits",
    "Results": ".hits",
    "ResolutionSummary": ".listing",
    "Node": ".parser",
    "parse": ".parser",
    "SearchableIndex": ".protocol",
    "Index": ".searching",
    "open_index": ".searching",
    "SORTS": ".sorting",
}

__getattr__ = lazy_getattr(__name__, _LAZY)
__dir__ = lazy_dir(globals(), _LAZY)


__all__ = [
    "FIELDS",
    "QUERY_FIELDS",
    "SORTS",
    "FacetValue",
    "Hit",
    "Index",
    "IndexClosed",
    "IndexCorrupt",
    "IndexNotFound",
    "Node",
    "QueryField",
    "QuerySyntaxError",
    "ReferenceNotFound",
    "ResoluError",
    "ResolutionSummary",
    "Results",
    "SearchableIndex",
    "default_index_dir",
    "official_url",
    "open_index",
    "parse",
]
