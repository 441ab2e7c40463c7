"""Spelling suggestions from the index's own vocabulary ("did you mean civilisations?").

A word of the query that the index holds in no paragraph, or in far fewer than
a word one or two letters away, is replaced by its most frequent neighbours in
the exact-phrase field (folded words, as written in the texts). Only whole
queries are suggested, so that each suggestion can be searched as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from resolu.index.schema import EXACT

from .compiler import phrase_words
from .parser import Node

__all__ = ["SUGGEST_BELOW", "suggest"]

#: Suggestions are looked for when a query has at most this many hits.
SUGGEST_BELOW = 3
#: A neighbour must be in this many times more paragraphs than the word typed.
_MORE_FREQUENT = 5
#: Only a word in at most this many paragraphs is looked at ("matches very little"):
#: the scan of the vocabulary is the costly part.
_RARE = 2


def _positive_words(node: Node, negated: bool = False) -> Iterator[Node]:
    if node.op == "word" and not negated:
        yield node
    for child in node.children:
        yield from _positive_words(child, negated != (node.op == "not"))


def _neighbours(searcher: Any, word: str, limit: int) -> list[str]:
    """Return up to ``limit`` words near ``word`` that are much more frequent, best first."""
    df = searcher.doc_frequency(EXACT, word)
    if df > _RARE:
        return []
    maxdist = 1 if len(word) <= 5 else 2
    found = []
    for candidate in searcher.reader().terms_within(EXACT, word, maxdist, prefix=1):
        if candidate == word or not candidate.isalpha():
            continue
        cdf = searcher.doc_frequency(EXACT, candidate)
        if cdf >= max(2, _MORE_FREQUENT * df):
            found.append((-cdf, candidate))
    return [c for _, c in sorted(found)[:limit]]


def suggest(searcher: Any, query: str, tree: Node, *, limit: int = 3) -> tuple[str, ...]:
    """Return up to ``limit`` corrected queries, best first, or () when every word is fine."""
    replacements: list[tuple[Node, list[str]]] = []
    for node in _positive_words(tree):
        if query[node.pos : node.pos + len(node.text)] != node.text:
            continue
        forms = phrase_words(searcher.schema, node.text)
        if len(forms) != 1 or len(forms[0]) < 4 or not forms[0].isalpha():
            continue
        better = _neighbours(searcher, forms[0], limit)
        if better:
            replacements.append((node, better))
    out: list[str] = []
    for i in range(limit):
        text = query
        for node, better in sorted(replacements, key=lambda r: -r[0].pos):
            word = better[min(i, len(better) - 1)]
            text = text[: node.pos] + word + text[node.pos + len(node.text) :]
        if replacements and text not in out:
            out.append(text)
    return tuple(out)
