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

__all__ = [
    "BODIES",
    "ORGANS",
    "Body",
    "body_by_alias",
    "body_by_code",
    "body_by_name",
    "body_from_symbol",
    "organ_from_symbol",
]


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
    """Return the English name of the principal body a symbol names, or ``""``.

    The Human Rights Council's documents (``A/HRC/…``) are its own, not the
    Assembly's; a subsidiary organ's (``E/CN.6/…``) are its principal body's.

    >>> body_from_symbol("A/HRC/28/NI/4"), body_from_symbol("E/CN.6/2015/NGO/259")
    ('Human Rights Council', 'Economic and Social Council')
    >>> body_from_symbol("CEDAW/C/ECU/CO/8-9")
    ''
    """
    if symbol.startswith("A/HRC/"):
        return _BY_CODE["HRC"].name
    body = _BY_SYMBOL_HEAD.get(symbol.split("/", 1)[0])
    return body.name if body else ""


#: Organs whose documents' symbols start with their own series: the symbol's first
#: segments, the English name, the French name. Most specific first.
ORGANS: tuple[tuple[str, str, str], ...] = (
    ("A/HRC/", "Human Rights Council", "Conseil des droits de l’homme"),
    ("A/C.1/", "First Committee", "Première Commission"),
    ("A/C.2/", "Second Committee", "Deuxième Commission"),
    ("A/C.3/", "Third Committee", "Troisième Commission"),
    ("A/C.4/", "Fourth Committee", "Quatrième Commission"),
    ("A/C.5/", "Fifth Committee", "Cinquième Commission"),
    ("A/C.6/", "Sixth Committee", "Sixième Commission"),
    ("A/CN.4/", "International Law Commission", "Commission du droit international"),
    (
        "A/CN.9/",
        "United Nations Commission on International Trade Law",
        "Commission des Nations Unies pour le droit commercial international",
    ),
    (
        "A/AC.105/",
        "Committee on the Peaceful Uses of Outer Space",
        "Comité des utilisations pacifiques de l’espace extra-atmosphérique",
    ),
    ("E/CN.3/", "Statistical Commission", "Commission de statistique"),
    ("E/CN.4/", "Commission on Human Rights", "Commission des droits de l’homme"),
    ("E/CN.5/", "Commission for Social Development", "Commission du développement social"),
    ("E/CN.6/", "Commission on the Status of Women", "Commission de la condition de la femme"),
    ("E/CN.7/", "Commission on Narcotic Drugs", "Commission des stupéfiants"),
    (
        "E/CN.9/",
        "Commission on Population and Development",
        "Commission de la population et du développement",
    ),
    (
        "E/CN.15/",
        "Commission on Crime Prevention and Criminal Justice",
        "Commission pour la prévention du crime et la justice pénale",
    ),
    (
        "E/CN.16/",
        "Commission on Science and Technology for Development",
        "Commission de la science et de la technique au service du développement",
    ),
    ("E/CN.18/", "United Nations Forum on Forests", "Forum des Nations Unies sur les forêts"),
    (
        "E/C.12/",
        "Committee on Economic, Social and Cultural Rights",
        "Comité des droits économiques, sociaux et culturels",
    ),
    (
        "E/C.19/",
        "Permanent Forum on Indigenous Issues",
        "Instance permanente sur les questions autochtones",
    ),
    ("E/ICEF/", "UNICEF Executive Board", "Conseil d’administration de l’UNICEF"),
    (
        "DP/",
        "Executive Board of UNDP, UNFPA and UNOPS",
        "Conseil d’administration du PNUD, du FNUAP et de l’UNOPS",
    ),
    (
        "CEDAW/C/",
        "Committee on the Elimination of Discrimination against Women",
        "Comité pour l’élimination de la discrimination à l’égard des femmes",
    ),
    (
        "UNEP/",
        "United Nations Environment Programme",
        "Programme des Nations Unies pour l’environnement",
    ),
    ("HSP/", "UN-Habitat", "ONU-Habitat"),
    ("ISBA/", "International Seabed Authority", "Autorité internationale des fonds marins"),
    ("CD/", "Conference on Disarmament", "Conférence du désarmement"),
    ("ST/", "Secretariat", "Secrétariat"),
)


def organ_from_symbol(symbol: str, language: str = "en") -> str:
    """Return the organ whose own series a symbol is in, in English or French; else its body.

    >>> organ_from_symbol("E/CN.6/2015/NGO/259"), organ_from_symbol("A/HRC/28/NI/4", "fr")
    ('Commission on the Status of Women', 'Conseil des droits de l’homme')
    >>> organ_from_symbol("A/69/767"), organ_from_symbol("A/CN.4/L.1", "fr")
    ('General Assembly', 'Commission du droit international')
    """
    for prefix, english, french in ORGANS:
        if symbol.startswith(prefix):
            return french if language == "fr" else english
    body = body_by_name(body_from_symbol(symbol))
    if body is None:
        return ""
    return body.name_fr if language == "fr" else body.name
