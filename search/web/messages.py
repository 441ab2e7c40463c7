"""The words of the web pages, French first, and the choice of language for a request.

One catalogue, one key per message, the same keys in every language (a test
checks it). Plurals follow each language's rule: in French 0 and 1 are singular.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["LANGUAGES", "MESSAGES", "choose_language", "plural"]

#: Interface languages, the default first.
LANGUAGES = ("fr", "en")

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "fr": {
        "site": "resolu",
        "tagline": "Recherche dans les résolutions des Nations Unies, paragraphe par paragraphe",
        "search_label": "Rechercher dans les paragraphes",
        "search_button": "Rechercher",
        "search_hint": (
            "Des mots, une «\u00a0phrase exacte\u00a0» entre guillemets, OU, SAUF, "
            "civilis*, et des filtres\u00a0: symbol:55/109, year:1999..2001, body:AG, "
            "kind:dispositif, lang:en."
        ),
        "hits_one": "{n} paragraphe trouvé",
        "hits_many": "{n} paragraphes trouvés",
        "showing": "résultats {first} à {last}",
        "partial": (
            "Aucun paragraphe ne contient tous les mots\u00a0; "
            "voici les correspondances partielles."
        ),
        "no_results": "Aucun résultat pour «\u00a0{q}\u00a0».",
        "no_more": "Plus de résultats ({n} en tout).",
        "malformed": "Requête mal formée\u00a0: {detail}",
        "at_column": " (colonne {col})",
        "too_long": "La requête est trop longue\u00a0: {n} caractères, au plus {max}.",
        "bad_number": "Paramètre {name} non valable\u00a0: un nombre entier de {low} à {high}.",
        "did_you_mean": "Vouliez-vous dire",
        "refine": "Affiner",
        "sort": "Trier par",
        "results": "Résultats",
        "pages": "Pages de résultats",
        "previous": "Page précédente",
        "next": "Page suivante",
        "page_of": "page {page} sur {pages}",
        "cite": "Citer\u00a0:",
        "copy_citation": "Copier la citation",
        "copied": "Citation copiée",
        "permalink": "Lien permanent",
        "open_paragraph": "Ouvrir le paragraphe",
        "official": "Document officiel",
        "symbol": "Cote",
        "body": "Organe",
        "session": "Session",
        "date": "Date",
        "year": "Année",
        "languages": "Langues",
        "paragraphs": "Paragraphes",
        "matched_from": "Mots de la recherche «\u00a0{q}\u00a0» surlignés",
        "back_to_search": "Retour aux résultats",
        "new_search": "Nouvelle recherche",
        "not_found": "Rien dans l’index n’est cité sous la référence «\u00a0{ref}\u00a0».",
        "bad_reference": "Référence non valable\u00a0: {ref}",
        "empty_query": "La requête est vide\u00a0: paramètre q.",
        "bad_language": "Langue non valable\u00a0: {lang} (au choix\u00a0: {choices}).",
        "no_index": "L’index est introuvable ou illisible\u00a0: {detail}",
        "server_error": "Erreur interne du serveur.",
        "page_not_found": "Page introuvable.",
        "switch_to": "English",
        "switch_title": "Switch to English",
        "lang_fr": "Français",
        "lang_en": "Anglais",
        "skip": "Aller au contenu",
        "browse": "Toutes les résolutions",
        "browse_count_one": "{n} résolution dans l’index",
        "browse_count_many": "{n} résolutions dans l’index",
        "api": "API JSON",
    },
    "en": {
        "site": "resolu",
        "tagline": "Search United Nations resolutions, paragraph by paragraph",
        "search_label": "Search the paragraphs",
        "search_button": "Search",
        "search_hint": (
            "Words, an “exact phrase” in quotes, OR, NOT, civilis*, and filters: "
            "symbol:55/109, year:1999..2001, body:GA, kind:operative, lang:fr."
        ),
        "hits_one": "{n} paragraph found",
        "hits_many": "{n} paragraphs found",
        "showing": "results {first} to {last}",
        "partial": "No paragraph holds all the words; these are partial matches.",
        "no_results": "No results for “{q}”.",
        "no_more": "No more results ({n} in all).",
        "malformed": "Malformed query: {detail}",
        "at_column": " (column {col})",
        "too_long": "The query is too long: {n} characters, at most {max}.",
        "bad_number": "Parameter {name} must be a whole number from {low} to {high}.",
        "did_you_mean": "Did you mean",
        "refine": "Refine",
        "sort": "Sort by",
        "results": "Results",
        "pages": "Result pages",
        "previous": "Previous page",
        "next": "Next page",
        "page_of": "page {page} of {pages}",
        "cite": "Cite:",
        "copy_citation": "Copy the citation",
        "copied": "Citation copied",
        "permalink": "Permalink",
        "open_paragraph": "Open the paragraph",
        "official": "Official document",
        "symbol": "Symbol",
        "body": "Body",
        "session": "Session",
        "date": "Date",
        "year": "Year",
        "languages": "Languages",
        "paragraphs": "Paragraphs",
        "matched_from": "Words of the search “{q}” highlighted",
        "back_to_search": "Back to the results",
        "new_search": "New search",
        "not_found": "Nothing in the index is cited as “{ref}”.",
        "bad_reference": "Not a valid reference: {ref}",
        "empty_query": "The query is empty: parameter q.",
        "bad_language": "Not a valid language: {lang} (one of {choices}).",
        "no_index": "The index is missing or unreadable: {detail}",
        "server_error": "Internal server error.",
        "page_not_found": "Page not found.",
        "switch_to": "Français",
        "switch_title": "Passer en français",
        "lang_fr": "French",
        "lang_en": "English",
        "skip": "Skip to content",
        "browse": "All resolutions",
        "browse_count_one": "{n} resolution in the index",
        "browse_count_many": "{n} resolutions in the index",
        "api": "JSON API",
    },
}


def plural(lang: str, n: int, key: str) -> str:
    """Return the message ``key_one`` or ``key_many`` for ``n``, filled in.

    >>> plural("fr", 0, "hits"), plural("en", 0, "hits")
    ('0 paragraphe trouvé', '0 paragraphs found')
    """
    one = n <= 1 if lang == "fr" else n == 1
    return MESSAGES[lang][f"{key}_{'one' if one else 'many'}"].format(n=f"{n:,}".replace(",", " "))


def choose_language(asked: str | None, cookie: str | None, accept_language: str | None) -> str:
    """Return the interface language: the one asked for, else remembered, else the browser's.

    French unless the browser prefers English to French (``Accept-Language``
    weights, RFC 9110); anything else falls back to French.

    >>> choose_language(None, None, "en-GB,en;q=0.9,fr;q=0.8")
    'en'
    >>> choose_language(None, None, "de-DE,de;q=0.9")
    'fr'
    >>> choose_language("en", None, "fr-FR")
    'en'
    """
    for chosen in (asked, cookie):
        if chosen in LANGUAGES:
            return chosen
    best, best_q = LANGUAGES[0], -1.0
    for item in (accept_language or "").split(",")[:20]:
        tag, _, params = item.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                continue
        # Strictly greater: of equal weights, the one the browser listed first wins.
        if q > best_q:
            best, best_q = primary, q
    return best if best_q > 0 else LANGUAGES[0]
