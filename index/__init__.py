"""resolu.index: read UN resolutions into citable paragraphs and index them.

>>> from resolu.corpus import corpus_dir
>>> from resolu.index import read_resolution
>>> res = read_resolution(next(corpus_dir().glob("*.txt")))
>>> res.symbol, res.paragraphs[0].label
('A/RES/55/109', 'A/RES/55/109, préambule, 1er alinéa')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_getattr
from .errors import (
    CorpusError,
    IndexCorrupt,
    IndexNotFound,
    QuerySyntaxError,
    ReferenceNotFound,
    ResoluError,
)

if TYPE_CHECKING:
    from .analysis import english_analyzer, exact_analyzer, french_analyzer
    from .builder import IndexReport, build_index, corpus_files
    from .model import KINDS, Paragraph, Resolution
    from .reader import read_resolution

# The rest loads on first use: `resolu search` starts without paying for the
# indexer, the reader or Whoosh's writer.
_LAZY = {
    "english_analyzer": ".analysis",
    "exact_analyzer": ".analysis",
    "french_analyzer": ".analysis",
    "IndexReport": ".builder",
    "build_index": ".builder",
    "corpus_files": ".builder",
    "KINDS": ".model",
    "Paragraph": ".model",
    "Resolution": ".model",
    "read_resolution": ".reader",
}

__getattr__ = lazy_getattr(__name__, _LAZY)


__all__ = [
    "KINDS",
    "CorpusError",
    "IndexCorrupt",
    "IndexNotFound",
    "IndexReport",
    "Paragraph",
    "QuerySyntaxError",
    "ReferenceNotFound",
    "ResoluError",
    "Resolution",
    "build_index",
    "corpus_files",
    "english_analyzer",
    "exact_analyzer",
    "french_analyzer",
    "read_resolution",
]
