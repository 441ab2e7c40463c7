"""The type of a UN document, read from its symbol and, failing that, its masthead.

Most of a symbol says what a document is: ``A/RES/55/109`` is a resolution,
``A/DEC/55/488`` a decision, ``S/PRST/2015/4`` a statement by the President of
the Security Council, ``E/CN.6/2015/NGO/259`` a statement by a
non-governmental organisation, ``S/Agenda/7364`` an agenda. The others
(``A/69/767``, ``S/2015/55``) are letters, reports and notes alike: their
masthead line says which ("Lettre datée du…", "Report of the…"), where the
text holds it. What neither tells is ``other``, never a guess.

>>> document_type("A/RES/55/109"), document_type("S/Agenda/7364")
('resolution', 'agenda')
>>> document_type("S/2015/55", ["Lettre datée du 23 janvier 2015, adressée au Président"])
'letter'
>>> document_type("A/69/767", ["Soixante-neuvième session"])
'other'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from unidecode import unidecode

__all__ = ["DOC_TYPES", "doc_type_by_alias", "document_type"]

#: The types, and how they are said in French (labels, aliases).
DOC_TYPES: dict[str, str] = {
    "resolution": "résolution",
    "decision": "décision",
    "report": "rapport",
    "letter": "lettre",
    "agenda": "ordre du jour",
    "statement": "déclaration",
    "other": "autre",
}


def _fold(value: str) -> str:
    return "-".join(unidecode(value).lower().split())


_ALIASES = {
    _fold(alias): name
    for name, fr in DOC_TYPES.items()
    for alias in (name, fr, f"{name}s", f"{fr}s")
} | {"res": "resolution", "dec": "decision", "odj": "agenda", "expose": "statement"}

#: Symbol segments that say the type outright.
_BY_SYMBOL: tuple[tuple[str, str], ...] = (
    (r"(?:^|/)RES/", "resolution"),
    (r"(?:^|/)DEC/", "decision"),
    (r"(?:^|/)PRST/", "statement"),
    (r"/(?:NGO|NI)/\d", "statement"),
    (r"(?:^|/)Agenda/\d", "agenda"),
    # States parties' periodic reports to a treaty body, national reports to the review
    (r"^CEDAW/C/[A-Z]{3}/\d", "report"),
    (r"^A/HRC/WG\.6/\d+/[A-Z]{3}/1$", "report"),
)

#: Masthead lines, French and English: a line that opens so names the document.
_BY_MASTHEAD: tuple[tuple[str, str], ...] = (
    (
        r"(?:Ordre du jour (?:provisoire|annot)|(?:Provisional|Annotated) (?:provisional )?"
        r"agenda)",
        "agenda",
    ),
    (
        r"(?:Lettres? (?:identiques? )?dat[ée]es? d|(?:Identical )?[Ll]etters? dated"
        r"|Note verbale)",
        "letter",
    ),
    (
        r"(?:Rapport (?:du|de la|de l['’]|des|annuel|sur)|(?:Annual )?Report (?:of|by|on) the)",
        "report",
    ),
    (
        r"(?:Expos[ée] [ée]crit pr[ée]sent[ée]|Written statement submitted"
        r"|D[ée]claration (?:du|de la) Pr[ée]sident|Statement by the President)",
        "statement",
    ),
)
#: A masthead line is short: a sentence that mentions a report is not one.
_MASTHEAD_CHARS = 200


@cache
def _compiled(table: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    # On first use: a search reads types from the index, never from symbols.
    return tuple((re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in table)


def document_type(symbol: str, masthead: Iterable[str] = ()) -> str:
    """Return the type of the document ``symbol`` names: one of :data:`DOC_TYPES`.

    ``masthead`` holds the lines that may name it (its title, its first
    lines); only a short line that opens with a document's name counts.
    """
    # every pattern needs some of the symbol: a masthead alone is not matched against ""
    for pattern, kind in _compiled(_BY_SYMBOL) if symbol else ():
        if pattern.search(symbol):
            return kind
    for line in masthead:
        text = " ".join(line.split())
        if not text or len(text) > _MASTHEAD_CHARS:
            continue
        for pattern, kind in _compiled(_BY_MASTHEAD):
            if pattern.match(text):
                return kind
    return "other"


def doc_type_by_alias(value: str) -> str | None:
    """Return the type a user named, in English or French (``résolution``, ``lettre``), or None.

    >>> doc_type_by_alias("Résolution"), doc_type_by_alias("rapport"), doc_type_by_alias("x")
    ('resolution', 'report', None)
    """
    return _ALIASES.get(_fold(value))
