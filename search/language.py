"""The language of a query: French, English, or unknown, from the index's own words.

A stop word of one language only counts for it (``les``, ``the``); any other
word counts for the language whose paragraphs hold it more often, as written.
A mixed index ranks paragraphs of the query's language first.

>>> sorted(_STOP_ONLY["fr"] & {"les", "the", "a"}), sorted(_STOP_ONLY["en"] & {"les", "the"})
(['les'], ['the'])
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

from resolu.corpus.languages import LANGUAGES
from resolu.index.analysis import field_analyzer
from resolu.index.schema import EXACT
from resolu.index.stopwords import STOP_WORDS

from .parser import Node

__all__ = ["UNKNOWN", "detect_language"]

#: What :func:`detect_language` returns when the words do not decide.
UNKNOWN = "unknown"
#: Only the first words of a long query are weighed.
_MAX_WORDS = 50
#: A stop word of one language only: as strong as a word twenty times commoner there.
_STOP_VOTE = 3.0
#: The summed log-ratio a language needs to be chosen (a word twice as common is 0.7).
_MARGIN = 0.5

_STOP_ONLY = {
    lang: STOP_WORDS[lang] - frozenset().union(*(STOP_WORDS[o] for o in LANGUAGES if o != lang))
    for lang in LANGUAGES
}


def _texts(node: Node, negated: bool = False) -> Iterator[str]:
    if node.op in ("word", "phrase", "passage") and not negated:
        yield node.text
    for child in node.children:
        yield from _texts(child, negated != (node.op == "not"))


def detect_language(schema: Any, tree: Node, count: Callable[[str, str], int]) -> str:
    """Return "fr", "en" or :data:`UNKNOWN` for the words of a parsed query.

    ``count(word, lang)`` is how many paragraphs in ``lang`` hold the folded
    word as written (the exact-phrase field, unstemmed: ``entendus`` is French
    even though an English paragraph quotes a French name). Each word adds the
    log of its smoothed frequency ratio between the languages; a stop word of
    one language only adds a clear vote.
    """
    sizes = {lang: max(count("", lang), 1) for lang in LANGUAGES}
    first, second = LANGUAGES[0], LANGUAGES[1]
    score = 0.0
    exact = field_analyzer(schema, EXACT)
    words = [t.text for text in _texts(tree) for t in exact(text, mode="query")][:_MAX_WORDS]
    for word in words:
        if word in _STOP_ONLY[first]:
            score += _STOP_VOTE
        elif word in _STOP_ONLY[second]:
            score -= _STOP_VOTE
        else:
            a = (count(word, first) + 0.5) / sizes[first]
            b = (count(word, second) + 0.5) / sizes[second]
            score += math.log(a / b)
    if score > _MARGIN:
        return first
    if score < -_MARGIN:
        return second
    return UNKNOWN
