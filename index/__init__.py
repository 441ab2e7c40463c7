"""resolu.index: the Whoosh store of resolution paragraphs, and building it.

Reading files is :mod:`resolu.corpus`'s job; this package analyses what the
readers produce (French and English pipelines), stores it (one document per
paragraph) and keeps the index up to date with its sources: any number of
folders and files, each added, updated or removed on its own.

>>> from resolu.index import french_analyzer
>>> [t.text for t in french_analyzer()("L’Assemblée générale réaffirme")]
['assemble', 'general', 'reaffirm']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resolu.corpus._lazy import lazy_dir, lazy_getattr

from .errors import (
    IndexBusy,
    IndexClosed,
    IndexCorrupt,
    IndexFolderRefused,
    IndexNotFound,
    IndexWriteFailed,
    SourceNotFound,
    SourceOverlap,
)
from .whoosh_loading import defer_unused_whoosh

if TYPE_CHECKING:
    from .analysis import english_analyzer, exact_analyzer, french_analyzer
    from .builder import IndexReport, build_index, rebuild_index, remove_source, update_index
    from .copies import Duplicate
    from .sources import SourceInfo, list_sources

# The rest loads on first use: `resolu search` starts without paying for the
# indexer or Whoosh's writer.
_LAZY = {
    "english_analyzer": ".analysis",
    "exact_analyzer": ".analysis",
    "french_analyzer": ".analysis",
    "IndexReport": ".builder",
    "build_index": ".builder",
    "rebuild_index": ".builder",
    "remove_source": ".builder",
    "update_index": ".builder",
    "Duplicate": ".copies",
    "SourceInfo": ".sources",
    "list_sources": ".sources",
}

__getattr__ = lazy_getattr(__name__, _LAZY)
defer_unused_whoosh()  # before anything loads Whoosh
__dir__ = lazy_dir(globals(), _LAZY)


__all__ = [
    "Duplicate",
    "IndexBusy",
    "IndexClosed",
    "IndexCorrupt",
    "IndexFolderRefused",
    "IndexNotFound",
    "IndexReport",
    "IndexWriteFailed",
    "SourceInfo",
    "SourceNotFound",
    "SourceOverlap",
    "build_index",
    "english_analyzer",
    "exact_analyzer",
    "french_analyzer",
    "list_sources",
    "rebuild_index",
    "remove_source",
    "update_index",
]
