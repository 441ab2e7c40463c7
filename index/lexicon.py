"""Language data for stemming: words a stemmer gets wrong, written for a linguist to amend.

Every entry is folded (lower case, no accents), the form a word has when the
stemmer sees it. Changing a table changes the index: rebuild it
(``resolu index --rebuild``) after an edit.

- ``UNSTEMMED``: words indexed as they are (their plural in -s too, as the
  singular), because stemming would merge them with a word of another meaning
  (``expressément`` is not ``expression``, ``résolument`` is not
  ``résolution``, ``notamment`` is not ``note``).
- ``IRREGULAR``: inflected forms the stemmer cannot reach, with the word to stem
  in their place (``children`` → ``child``).
"""

from __future__ import annotations

__all__ = ["IRREGULAR", "UNSTEMMED"]

_FRENCH_UNSTEMMED = """
expressement resolument notamment communication
"""

_ENGLISH_IRREGULAR = {
    "children": "child",
    "women": "woman",
    "men": "man",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "halves": "half",
    "thieves": "thief",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "analyses": "analysis",
    "crises": "crisis",
    "theses": "thesis",
    "indices": "index",
    "appendices": "appendix",
}

#: Per language: words the stemmer must leave as they are.
UNSTEMMED: dict[str, frozenset[str]] = {
    "fr": frozenset(_FRENCH_UNSTEMMED.split()),
    "en": frozenset(),
}

#: Per language: irregular form -> the regular word to stem in its place.
IRREGULAR: dict[str, dict[str, str]] = {
    "fr": {"yeux": "oeil", "cieux": "ciel", "aieux": "aieul"},
    "en": _ENGLISH_IRREGULAR,
}
