"""Citing a resolution the UN way: its official link and its reference line.

The UN's document links (``undocs.org``) take the symbol as printed, without
spaces, after the language: ``https://undocs.org/fr/A/RES/55/109``.
"""

from __future__ import annotations

from urllib.parse import quote

__all__ = ["UNDOCS", "official_url"]

#: The UN's short-link service for official documents, by language and symbol.
UNDOCS = "https://undocs.org"
_UN_LANGUAGES = frozenset({"ar", "en", "es", "fr", "ru", "zh"})


def official_url(symbol: str, language: str = "fr") -> str:
    """Return the official link of a document in one of the UN's six languages.

    >>> official_url("A/RES/55/109", "fr")
    'https://undocs.org/fr/A/RES/55/109'
    >>> official_url("S/RES/242 (1967)", "en")
    'https://undocs.org/en/S/RES/242(1967)'
    """
    if not symbol:
        return ""
    lang = language if language in _UN_LANGUAGES else "fr"
    return f"{UNDOCS}/{lang}/{quote(symbol.replace(' ', ''), safe='/()')}"
