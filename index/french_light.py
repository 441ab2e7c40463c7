"""A light French stemmer: Jacques Savoy's "UniNE" rules, on folded (accentless) words.

Savoy, *Light stemming approaches for the French, Portuguese, German and Hungarian
languages* (SAC 2006); Lucene ships the same algorithm as ``FrenchLightStemmer``.
It removes plurals, feminines and a few derivational suffixes and leaves the
rest, where Snowball French removes much more (``expression`` and
``expressément`` are both ``express`` to Snowball, ``expresion`` and ``expres``
here). resolu measured both on its labelled set (``benchmarks/stemmers.py``);
the figures decide which one the index uses.

Words reach this stemmer already folded by ``FoldFilter`` (lower case, no
accents), so the rules for ``ième``, ``ère`` and ``ète`` are written ``ieme``,
``ere`` and ``ete``.

>>> [light_stem(w) for w in ("expression", "expressement", "liberte", "liberal", "chevaux")]
['expresion', 'expres', 'libert', 'liberal', 'cheval']
"""

from __future__ import annotations

__all__ = ["light_stem"]

#: (the word is longer than, suffix, what replaces it, stop after normalising).
#: Tried in order; a rule that does not stop lets the later ones see its result.
_RULES: tuple[tuple[int, str, str, bool], ...] = (
    (9, "issement", "ir", True),
    (8, "issant", "ir", True),
    (6, "ivement", "if", True),
    (6, "ement", "e", True),
    (11, "ficatrice", "fier", True),
    (10, "ficateur", "fier", True),
    (9, "catrice", "quer", True),
    (8, "cateur", "quer", True),
    (8, "atrice", "er", True),
    (7, "ateur", "er", True),
    (6, "trice", "teur", False),
    (5, "ieme", "", True),
    (7, "teuse", "ter", True),
    (6, "teur", "ter", True),
    (5, "euse", "eu", True),
    (8, "ere", "er", True),
    (7, "ive", "if", True),
    (4, "folle", "fou", True),
    (4, "molle", "mou", True),
    (9, "nnelle", "n", True),
    (9, "nnel", "n", True),
    (4, "ete", "et", False),
    (8, "ique", "", False),
    (8, "esse", "e", True),
    (7, "inage", "in", True),
    (9, "isateur", "", True),
    (8, "ation", "", True),
    (8, "ition", "", True),
)


def light_stem(word: str) -> str:
    """Return the light stem of a folded French word."""
    w = word
    if len(w) > 5 and w.endswith("x"):
        # chevaux -> cheval, but not eaux (bureaux -> bureau)
        w = w[:-3] + "al" if w.endswith("aux") and w[-4] != "e" else w[:-1]
    if len(w) > 3 and w[-1] in "xs":
        w = w[:-1]
    if len(w) > 9 and w.endswith("isation"):
        w = w[:-7]
        if len(w) > 5 and w.endswith("ual"):
            w = w[:-2] + "el"
        return _normalise(w)
    for longer_than, suffix, replacement, stop in _RULES:
        if len(w) > longer_than and w.endswith(suffix):
            w = w[: -len(suffix)] + replacement
            if stop:
                return _normalise(w)
    return _normalise(w)


def _normalise(w: str) -> str:
    """Collapse doubled letters; drop a final -ie, -r, -e, -ee (words of five letters or more)."""
    if len(w) <= 4:
        return w
    collapsed = [w[0]]
    for ch in w[1:]:
        if ch != collapsed[-1] or not ch.isalpha():
            collapsed.append(ch)
    w = "".join(collapsed)
    if len(w) > 4 and w.endswith("ie"):
        w = w[:-2]
    if len(w) > 4:
        for letter in "ree":
            if w.endswith(letter):
                w = w[:-1]
        if len(w) > 1 and w[-1] == w[-2] and w[-1].isalpha():
            w = w[:-1]
    return w
