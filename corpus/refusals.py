"""Why a file is not read, said in the language of the file (French or English).

A French file refused gets a French reason, an English one an English reason:
the person who gave the file reads the language it is written in.
"""

from __future__ import annotations

import re

__all__ = ["file_language", "refusal"]

_REASONS = {
    "no body": {
        "fr": "pas une résolution : ni ligne d’organe (comme « L’Assemblée générale, ») "
        "ni paragraphes numérotés",
        "en": "not a resolution: no body line (such as 'The Security Council,') "
        "and no numbered paragraphs",
    },
    "no body html": {
        "fr": "pas une résolution : pas de ligne d’organe (comme « L’Assemblée générale ») "
        "dans le HTML",
        "en": "not a resolution: no body line (such as 'L’Assemblée générale') in the HTML",
    },
    "no symbol": {
        "fr": "pas de cote : le {what} n’en donne aucune et le nom du fichier non plus "
        "(nommez-le comme {example})",
        "en": "no symbol: the {what} names none and the file name spells none "
        "(name it like {example})",
    },
    "no paragraph": {
        "fr": "pas une résolution : aucun paragraphe après la ligne d’organe",
        "en": "not a resolution: no paragraph after the body line",
    },
}
_WHAT = {"fr": {"text": "texte", "HTML": "HTML"}, "en": {"text": "text", "HTML": "HTML"}}


def refusal(reason: str, language: str, *, html: bool = False) -> str:
    """Return why a file is refused, in ``language`` (English for any but French).

    >>> refusal("no paragraph", "fr")
    'pas une résolution : aucun paragraphe après la ligne d’organe'
    >>> refusal("no symbol", "fr", html=True)[:50]
    'pas de cote : le HTML n’en donne aucune et le nom '
    """
    lang = "fr" if language == "fr" else "en"
    what = _WHAT[lang]["HTML" if html else "text"]
    example = "A_RES_217_A_III.fr.html" if html else "A_RES_55_109.fr.txt"
    return _REASONS[reason][lang].format(what=what, example=example)


def file_language(text: str) -> str:
    """Guess whether a text is French or English from its commonest words.

    >>> file_language("Liste de courses : le pain et la confiture"), file_language("the bread")
    ('fr', 'en')
    """
    words = re.findall(r"[^\W\d_]+", text.lower())
    fr = sum(w in {"le", "la", "les", "des", "et", "du", "de", "que", "dans"} for w in words)
    en = sum(w in {"the", "and", "of", "to", "that", "in", "its", "with"} for w in words)
    return "fr" if fr >= en else "en"
