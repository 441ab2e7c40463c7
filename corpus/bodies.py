"""The UN bodies whose resolutions resolu reads: one table, for readers, labels and queries.

>>> body_by_code("SC").name, body_by_code("SC").series
('Security Council', 'S/RES/')
>>> body_from_symbol("A/RES/69/244")
'General Assembly'
>>> body_by_alias("Conseil de sécurité").code
'SC'
"""

from __future__ import annotations

from dataclasses import dataclass

from unidecode import unidecode

__all__ = ["BODIES", "Body", "body_by_alias", "body_by_code", "body_by_name", "body_from_symbol"]


@dataclass(frozen=True)
class Body:
    """One adopting body: its code, names, the series of its resolutions, how users name it."""

    #: The code the readers use (``GA``).
    code: str
    #: English name, as the index stores it (``General Assembly``).
    name: str
    #: French name as the UN prints it (``Assemblée générale``).
    name_fr: str
    #: Prefix of its resolutions' symbols (``A/RES/``).
    series: str
    #: What a user may type in ``body:``, folded (no accents, lower case).
    aliases: tuple[str, ...]


#: Most specific first: a Human Rights Council masthead also names the General Assembly.
BODIES: tuple[Body, ...] = (
    Body(
        "HRC",
        "Human Rights Council",
        "Conseil des droits de l’homme",
        "A/HRC/RES/",
        ("hrc", "cdh", "human rights council", "conseil des droits de l'homme"),
    ),
    Body(
        "SC",
        "Security Council",
        "Conseil de sécurité",
        "S/RES/",
        ("sc", "cs", "s", "security council", "conseil de securite", "security"),
    ),
    Body(
        "ECOSOC",
        "Economic and Social Council",
        "Conseil économique et social",
        "E/RES/",
        ("ecosoc", "e", "economic and social council", "conseil economique et social"),
    ),
    Body(
        "GA",
        "General Assembly",
        "Assemblée générale",
        "A/RES/",
        ("ga", "ag", "a", "assembly", "general assembly", "assemblee generale", "assemblee"),
    ),
)

_BY_CODE = {b.code: b for b in BODIES}
_BY_NAME = {b.name: b for b in BODIES}
_BY_ALIAS = {alias: b for b in BODIES for alias in b.aliases}
#: The first segment of a symbol that names its body without doubt.
_BY_SYMBOL_HEAD = {"A": _BY_CODE["GA"], "S": _BY_CODE["SC"], "E": _BY_CODE["ECOSOC"]}


def body_by_code(code: str) -> Body:
    """Return the body of a reader's code (``GA``, ``SC``, ``ECOSOC``, ``HRC``)."""
    return _BY_CODE[code]


def body_by_name(name: str) -> Body | None:
    """Return the body of an English name as stored in the index, or None."""
    return _BY_NAME.get(name)


def body_by_alias(text: str) -> Body | None:
    """Return the body a user names (``AG``, ``CS``, ``Conseil de sécurité``), or None."""
    return _BY_ALIAS.get(unidecode(text).lower().replace("’", "'").strip())


def body_from_symbol(symbol: str) -> str:
    """Return the English name of the body a symbol's first segment names, or ``""``."""
    if symbol.startswith("A/HRC/"):
        return _BY_CODE["HRC"].name
    body = _BY_SYMBOL_HEAD.get(symbol.split("/", 1)[0])
    return body.name if body else ""
