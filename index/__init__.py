"""resolu.index: read UN resolutions into citable paragraphs and index them.

>>> from resolu.corpus import corpus_dir
>>> res = read_resolution(next(corpus_dir().glob("*.txt")))
>>> res.symbol, res.paragraphs[0].label
('A/RES/55/109', 'A/RES/55/109, préambule, 1er alinéa')
"""

from __future__ import annotations

from .analysis import english_analyzer, exact_analyzer, french_analyzer
from .builder import IndexReport, build_index, corpus_files
from .errors import (
    CorpusError,
    IndexCorrupt,
    IndexNotFound,
    QuerySyntaxError,
    ReferenceNotFound,
    ResoluError,
)
from .model import KINDS, Paragraph, Resolution
from .reader import read_resolution

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
