"""Session numbers as printed on UN mastheads: "Soixante-treizième session" → 73.

French (with the Belgian and Swiss septante, huitante, nonante) and English
ordinal words; special and emergency special sessions are numbered as their
symbols spell them (``S-27``, ``ES-10``).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["english_ordinal", "french_ordinal", "session_number"]

_FR_UNITS = (
    "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize"
)
# septante, huitante (octante), nonante: Belgian and Swiss French
_FR_TENS = "dix vingt trente quarante cinquante soixante septante huitante nonante"
_FR_CARDINALS = {word: n for n, word in enumerate(_FR_UNITS.split(), start=1)}
_FR_CARDINALS |= {word: 10 * n for n, word in enumerate(_FR_TENS.split(), start=1)}
_FR_CARDINALS |= {"octante": 80, "cent": 100}
_FR_ORDINALS = {
    {"cinq": "cinquième", "neuf": "neuvième"}.get(word, word.removesuffix("e") + "ième"): number
    for word, number in _FR_CARDINALS.items()
}
_EN_UNITS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_EN_UNITS += " fifteen sixteen seventeen eighteen nineteen"
_EN_TENS = "ten twenty thirty forty fifty sixty seventy eighty ninety"
_EN_CARDINALS = {word: n for n, word in enumerate(_EN_UNITS.split(), start=1)}
_EN_CARDINALS |= {word: 10 * n for n, word in enumerate(_EN_TENS.split(), start=1)}
_EN_CARDINALS["hundred"] = 100
_EN_IRREGULAR = {"one": "first", "two": "second", "three": "third", "five": "fifth"}
_EN_IRREGULAR |= {"eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
_EN_ORDINALS = {
    _EN_IRREGULAR.get(word, re.sub("y$", "ie", word) + "th"): number
    for word, number in _EN_CARDINALS.items()
}


def _compose(values: list[int]) -> int:
    """Return the number that ``values`` spell in order ("quatre vingt dix" -> 90)."""
    total = previous = 0
    for value in values:
        if value == 100:
            total = max(total, 1) * 100
        elif value == 20 and previous == 4:
            total += 80 - 4  # quatre-vingt
        else:
            total += value
        previous = value
    return total


def french_ordinal(words: str) -> int | None:
    """Return the number a French ordinal spells in words, or ``None``.

    >>> french_ordinal("Soixante-treizième"), french_ordinal("soixante et onzième")
    (73, 71)
    >>> french_ordinal("Quatre-vingt-dix-neuvième"), french_ordinal("Reprise")
    (99, None)
    """
    parts = [w for w in re.split(r"[-\s]+", unicodedata.normalize("NFC", words).lower()) if w]
    parts = [w for w in parts if w != "et"]
    if parts in (["premier"], ["première"]):
        return 1
    if parts in (["second"], ["seconde"]):
        return 2
    if not parts or parts[-1] not in _FR_ORDINALS or not set(parts[:-1]) <= _FR_CARDINALS.keys():
        return None
    return _compose([*(_FR_CARDINALS[w] for w in parts[:-1]), _FR_ORDINALS[parts[-1]]])


def english_ordinal(words: str) -> int | None:
    """Return the number an English ordinal spells in words, or ``None``.

    >>> english_ordinal("Seventy-third"), english_ordinal("one hundred and first")
    (73, 101)
    """
    parts = [w for w in re.split(r"[-\s]+", words.lower()) if w and w != "and"]
    if not parts or parts[-1] not in _EN_ORDINALS or not set(parts[:-1]) <= _EN_CARDINALS.keys():
        return None
    return _compose([*(_EN_CARDINALS[w] for w in parts[:-1]), _EN_ORDINALS[parts[-1]]])


def session_number(printed: str) -> str:
    """Return the session number a printed session line spells, or ``""``.

    Special sessions are numbered as their symbols spell them (``A/RES/S-27/2``,
    ``A/RES/ES-10/1``).

    >>> session_number("Soixante-treizième session"), session_number("Fifty-ninth session")
    ('73', '59')
    >>> session_number("Dixième session extraordinaire d’urgence")
    'ES-10'
    """
    words = re.split(r"\s(?:(?:emergency )?special )?session\b", printed)[0]
    number = french_ordinal(words) or english_ordinal(words)
    if not number:
        return ""
    if "emergency" in printed or "urgence" in printed:
        return f"ES-{number}"
    if "special" in printed or "extraordinaire" in printed:
        return f"S-{number}"
    return str(number)
