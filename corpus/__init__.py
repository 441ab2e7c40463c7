"""The resolution texts shipped with resolu, as extracted from the UN's PDFs (uncleaned)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["corpus_dir"]


def corpus_dir() -> Path:
    """Return the folder holding the shipped resolution files."""
    return Path(__file__).parent
