"""resolu.corpus: read UN resolutions, whatever their format, into citable paragraphs.

Nothing here imports Whoosh: reading is apart from storing (:mod:`resolu.index`)
and asking (:mod:`resolu.search`). The folder also ships the resolution resolu
was created from (A/RES/55/109, French, as extracted from the UN's PDF).

>>> from resolu.corpus import corpus_dir, read_resolution
>>> res = read_resolution(next(corpus_dir().glob("*.txt")))
>>> res.symbol, res.paragraphs[0].label
('A/RES/55/109', 'A/RES/55/109, préambule, 1er alinéa')
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ._lazy import lazy_dir, lazy_getattr
from .errors import CorpusError, ResoluError

if TYPE_CHECKING:
    from .bodies import BODIES, Body
    from .formats import FORMATS, Format, corpus_files, read_file, read_resolution
    from .languages import LANGUAGES
    from .model import Paragraph, Resolution, Vote

# Loaded on first use: `resolu --help` does not pay for the readers.
_LAZY = {
    "BODIES": ".bodies",
    "Body": ".bodies",
    "FORMATS": ".formats",
    "Format": ".formats",
    "corpus_files": ".formats",
    "read_file": ".formats",
    "read_resolution": ".formats",
    "LANGUAGES": ".languages",
    "Paragraph": ".model",
    "Resolution": ".model",
    "Vote": ".model",
}

__getattr__ = lazy_getattr(__name__, _LAZY)
__dir__ = lazy_dir(globals(), _LAZY)


def corpus_dir() -> Path:
    """Return the folder holding the shipped resolution files."""
    return Path(__file__).parent


__all__ = [
    "BODIES",
    "FORMATS",
    "LANGUAGES",
    "Body",
    "CorpusError",
    "Format",
    "Paragraph",
    "ResoluError",
    "Resolution",
    "Vote",
    "corpus_dir",
    "corpus_files",
    "read_file",
    "read_resolution",
]
