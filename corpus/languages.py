"""The languages resolu reads and analyses: one table for readers, the store and queries.

French first: where a reference exists in several languages, French is the
default, and the order of :data:`LANGUAGES` is the order of preference.
"""

from __future__ import annotations

from unidecode import unidecode

__all__ = ["LANGUAGES", "language_by_alias", "preferred"]

#: Codes of the languages resolu analyses, in order of preference.
LANGUAGES: tuple[str, ...] = ("fr", "en")

_ALIASES = {
    "fr": ("fr", "french", "francais"),
    "en": ("en", "english", "anglais"),
}
_BY_ALIAS = {alias: code for code, aliases in _ALIASES.items() for alias in aliases}


def language_by_alias(text: str) -> str | None:
    """Return the language code a user names (``fr``, ``français``, ``english``), or None.

    >>> language_by_alias("Français"), language_by_alias("klingon")
    ('fr', None)
    """
    return _BY_ALIAS.get(unidecode(text).lower().strip())


def preferred(languages: set[str] | list[str]) -> list[str]:
    """Return ``languages`` in order of preference (French first, unknown ones last).

    >>> preferred({"en", "fr"})
    ['fr', 'en']
    """
    rank = {code: i for i, code in enumerate(LANGUAGES)}
    return sorted(languages, key=lambda x: (rank.get(x, len(rank)), x))
