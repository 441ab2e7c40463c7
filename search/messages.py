"""The words resolu says, French first: one catalogue for the command line and the web page.

One key per message, the same keys in every language (a test checks it).
Plurals follow each language's rule: in French 0 and 1 are singular, in
English only 1. The command line speaks French when the locale is French
(``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` = ``fr_*``, in POSIX's order of
precedence), English otherwise; the web page chooses per request.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["LANGUAGES", "MESSAGES", "Messages", "cli_messages", "locale_language", "plural"]

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
        "partial_after": (
            "Les paragraphes suivants ne contiennent qu’une partie des mots "
            "({n} les contiennent tous)."
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
        "adoption": "Adoption",
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
        # ---- the command line (resolu search, show, index, fetch, serve)
        "cli_no_index_yet": (
            "resolu\u00a0: pas encore d’index\u00a0; indexation du corpus fourni dans {path}"
        ),
        "cli_no_index": (
            "aucun index dans {path}\u00a0; construisez-le avec\u00a0: "
            "resolu index CORPUS_DIR --index-dir {path}"
        ),
        "cli_malformed": "requête mal formée\u00a0: {detail}",
        "cli_no_results": "aucun résultat pour {q}",
        "cli_no_more": "plus de résultats ({n} en tout)",
        "cli_partial": (
            "aucun paragraphe ne contient tous les mots\u00a0; voici les correspondances partielles"
        ),
        "cli_partial_after": (
            "— les paragraphes suivants ne contiennent qu’une partie des mots "
            "({n} les contiennent tous) —"
        ),
        "cli_also": "voir aussi\u00a0: {refs}",
        "cli_more": "({shown} sur {total}\u00a0; --offset {shown} pour la suite)",
        "cli_aligned": "(aussi\u00a0: {refs})",
        "cli_adopted_at": "adoptée à la {n}e séance",
        "cli_adopted": "adoptée",
        "cli_unanimously": "à l’unanimité",
        "cli_by_votes": "par {yes} voix contre {no}",
        "cli_by_votes_for": "par {yes} voix",
        "cli_abstentions_one": "{n} abstention",
        "cli_abstentions_many": "{n} abstentions",
        "cli_operator": (
            "«\u00a0{word}\u00a0» lu comme l’opérateur {op} (entre guillemets pour chercher le mot)"
        ),
        "cli_expanded": "{acronym} cherché aussi sous\u00a0: {forms}",
        "cli_nearest": "Références les plus proches\u00a0: {refs}",
        "cli_symbols": (
            "{typed} désigne plusieurs cotes de l’index, toutes cherchées\u00a0: {symbols}"
        ),
        "cli_did_you_mean": "Vouliez-vous dire\u00a0: {words}\u00a0?",
        "cli_passage_one": "cherché comme un passage\u00a0: son mot le plus rare ({words})",
        "cli_passage_many": "cherché comme un passage\u00a0: ses {n} mots les plus rares ({words})",
        "cli_passage_cut": "passage coupé à {n} caractères",
        "cli_other_lang_one": "aucun paragraphe en {language}\u00a0; l’index en a {n} en {other}",
        "cli_other_lang_many": "aucun paragraphe en {language}\u00a0; l’index en a {n} en {other}",
        "cli_lang_fr": "français",
        "cli_lang_en": "anglais",
        "cli_files_one": "{n} fichier",
        "cli_files_many": "{n} fichiers",
        "cli_paragraphs_one": "{n} paragraphe",
        "cli_paragraphs_many": "{n} paragraphes",
        "cli_type_resolution_one": "{n} résolution",
        "cli_type_resolution_many": "{n} résolutions",
        "cli_type_decision_one": "{n} décision",
        "cli_type_decision_many": "{n} décisions",
        "cli_type_report_one": "{n} rapport",
        "cli_type_report_many": "{n} rapports",
        "cli_type_letter_one": "{n} lettre",
        "cli_type_letter_many": "{n} lettres",
        "cli_type_agenda_one": "{n} ordre du jour",
        "cli_type_agenda_many": "{n} ordres du jour",
        "cli_type_statement_one": "{n} déclaration",
        "cli_type_statement_many": "{n} déclarations",
        "cli_type_other_one": "{n} autre document",
        "cli_type_other_many": "{n} autres documents",
        "type_resolution": "résolution",
        "type_decision": "décision",
        "type_report": "rapport",
        "type_letter": "lettre",
        "type_agenda": "ordre du jour",
        "type_statement": "déclaration",
        "type_other": "autre document",
        "cli_resolutions_one": "{n} résolution",
        "cli_resolutions_many": "{n} résolutions",
        "cli_up_to_date": "{dir}\u00a0: à jour, rien à faire ({files}, {paragraphs})",
        "cli_indexed": (
            "{dir}\u00a0: fichiers ajoutés\u00a0: {added}, mis à jour\u00a0: {updated}, "
            "retirés\u00a0: {removed}, inchangés\u00a0: {unchanged}\u00a0; indexés\u00a0: "
            "{resolutions}, {paragraphs} ({total} en tout) en {seconds} s"
        ),
        "cli_skipped_count": "\u00a0; ignorés\u00a0: {n}",
        "cli_skipped": "ignoré {path}\u00a0: {reason}",
        "cli_indexing": "indexation",
        "cli_indexing_line": "{done}/{total} fichiers indexés ({what})",
        "cli_fetching": "téléchargement",
        "cli_fetching_line": "{done}/{total} téléchargés ({what})",
        "cli_listed_one": "{n} résolution listée par la Bibliothèque numérique",
        "cli_listed_many": "{n} résolutions listées par la Bibliothèque numérique",
        "cli_failed_one": (
            "{n} téléchargement a échoué\u00a0; relancez la même commande pour le reprendre"
        ),
        "cli_failed_many": (
            "{n} téléchargements ont échoué\u00a0; relancez la même commande pour les reprendre"
        ),
        "cli_serving": "resolu\u00a0: {path} servi sur {url} (Ctrl+C pour arrêter)",
        "cli_warning": "resolu\u00a0: attention\u00a0: {warning}",
        "cli_cannot_listen": "impossible d’écouter sur {host}:{port}\u00a0: {reason}",
        "cli_duplicates_one": "{n} doublon",
        "cli_duplicates_many": "{n} doublons",
        "cli_duplicates_count": "\u00a0; doublons non indexés\u00a0: {n}",
        "cli_duplicate": (
            "doublon {symbol} ({lang})\u00a0: {skipped} non indexé, {kept} gardé ({reason})"
        ),
        "cli_reason_source": "sa source a été ajoutée avant",
        "cli_reason_format": "format préféré",
        "cli_reason_name": "premier par le nom",
        "cli_identical": "fichiers identiques\u00a0; {reason}",
        "cli_promoted": "{resolution} désormais indexée depuis {path}",
        "cli_source_gone": (
            "source introuvable\u00a0: {path} (gardée dans la liste, sans paragraphes\u00a0; "
            "resolu index --remove {path} l’oublie)"
        ),
        "cli_source_left": (
            "source introuvable\u00a0: {path} (ses paragraphes restent tels quels\u00a0; "
            "resolu index --remove {path} l’oublie)"
        ),
        "cli_source_removed": "source retirée\u00a0: {path}",
        "cli_kind_folder": "dossier",
        "cli_kind_file": "fichier",
        "cli_missing": "introuvable",
        "cli_unknown": "inconnue",
        "cli_source_line": "{files}, {resolutions}, {paragraphs}{duplicates}\u00a0; "
        "mise à jour\u00a0: {updated}",
        "cli_sources_one": "{n} source dans {dir}",
        "cli_sources_many": "{n} sources dans {dir}",
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
        "partial_after": ("The paragraphs below hold only some of the words ({n} hold them all)."),
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
        "adoption": "Adoption",
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
        # ---- the command line (resolu search, show, index, fetch, serve)
        "cli_no_index_yet": "resolu: no index yet; indexing the shipped corpus into {path}",
        "cli_no_index": (
            "no index in {path}; build one with: resolu index CORPUS_DIR --index-dir {path}"
        ),
        "cli_malformed": "malformed query: {detail}",
        "cli_no_results": "no results for {q}",
        "cli_no_more": "no more results ({n} in all)",
        "cli_partial": "no paragraph holds all the words; showing partial matches",
        "cli_partial_after": (
            "— the paragraphs below hold only some of the words ({n} hold them all) —"
        ),
        "cli_also": "also: {refs}",
        "cli_more": "({shown} of {total}; --offset {shown} for more)",
        "cli_aligned": "(also: {refs})",
        "cli_adopted_at": "adopted at the {nth} meeting",
        "cli_adopted": "adopted",
        "cli_unanimously": "unanimously",
        "cli_by_votes": "by {yes} votes to {no}",
        "cli_by_votes_for": "by {yes} votes",
        "cli_abstentions_one": "{n} abstention",
        "cli_abstentions_many": "{n} abstentions",
        "cli_operator": "“{word}” read as the operator {op} (quote it to search the word)",
        "cli_expanded": "{acronym} also searched as: {forms}",
        "cli_nearest": "Nearest references: {refs}",
        "cli_symbols": "{typed} names several symbols of the index, all searched: {symbols}",
        "cli_did_you_mean": "Did you mean: {words}?",
        "cli_passage_one": "searched as a passage: its rarest word ({words})",
        "cli_passage_many": "searched as a passage: its {n} rarest words ({words})",
        "cli_passage_cut": "passage cut at {n} characters",
        "cli_other_lang_one": "no paragraph in {language}; the index has {n} in {other}",
        "cli_other_lang_many": "no paragraph in {language}; the index has {n} in {other}",
        "cli_lang_fr": "French",
        "cli_lang_en": "English",
        "cli_files_one": "{n} file",
        "cli_files_many": "{n} files",
        "cli_paragraphs_one": "{n} paragraph",
        "cli_paragraphs_many": "{n} paragraphs",
        "cli_type_resolution_one": "{n} resolution",
        "cli_type_resolution_many": "{n} resolutions",
        "cli_type_decision_one": "{n} decision",
        "cli_type_decision_many": "{n} decisions",
        "cli_type_report_one": "{n} report",
        "cli_type_report_many": "{n} reports",
        "cli_type_letter_one": "{n} letter",
        "cli_type_letter_many": "{n} letters",
        "cli_type_agenda_one": "{n} agenda",
        "cli_type_agenda_many": "{n} agendas",
        "cli_type_statement_one": "{n} statement",
        "cli_type_statement_many": "{n} statements",
        "cli_type_other_one": "{n} other document",
        "cli_type_other_many": "{n} other documents",
        "type_resolution": "resolution",
        "type_decision": "decision",
        "type_report": "report",
        "type_letter": "letter",
        "type_agenda": "agenda",
        "type_statement": "statement",
        "type_other": "other document",
        "cli_resolutions_one": "{n} resolution",
        "cli_resolutions_many": "{n} resolutions",
        "cli_up_to_date": "{dir}: up to date, nothing to do ({files}, {paragraphs})",
        "cli_indexed": (
            "{dir}: {added} added, {updated} updated, {removed} removed, {unchanged} unchanged "
            "files; {resolutions}, {paragraphs} indexed ({total} in all) in {seconds} s"
        ),
        "cli_skipped_count": "; {n} skipped",
        "cli_skipped": "skipped {path}: {reason}",
        "cli_indexing": "indexing",
        "cli_indexing_line": "indexed {done}/{total} files ({what})",
        "cli_fetching": "fetching",
        "cli_fetching_line": "fetched {done}/{total} ({what})",
        "cli_listed_one": "{n} resolution listed by the Digital Library",
        "cli_listed_many": "{n} resolutions listed by the Digital Library",
        "cli_failed_one": "{n} download failed; run the same command again to retry it",
        "cli_failed_many": "{n} downloads failed; run the same command again to retry them",
        "cli_serving": "resolu: serving {path} on {url} (Ctrl+C to stop)",
        "cli_warning": "resolu: warning: {warning}",
        "cli_cannot_listen": "cannot listen on {host}:{port}: {reason}",
        "cli_duplicates_one": "{n} duplicate",
        "cli_duplicates_many": "{n} duplicates",
        "cli_duplicates_count": "; duplicates not indexed: {n}",
        "cli_duplicate": (
            "duplicate {symbol} ({lang}): {skipped} not indexed, {kept} kept ({reason})"
        ),
        "cli_reason_source": "its source was added first",
        "cli_reason_format": "preferred format",
        "cli_reason_name": "first by name",
        "cli_identical": "identical files; {reason}",
        "cli_promoted": "{resolution} now indexed from {path}",
        "cli_source_gone": (
            "source missing: {path} (kept in the list, with no paragraphs; "
            "resolu index --remove {path} forgets it)"
        ),
        "cli_source_left": (
            "source missing: {path} (its paragraphs left as they were; "
            "resolu index --remove {path} forgets it)"
        ),
        "cli_source_removed": "source removed: {path}",
        "cli_kind_folder": "folder",
        "cli_kind_file": "file",
        "cli_missing": "missing",
        "cli_unknown": "unknown",
        "cli_source_line": "{files}, {resolutions}, {paragraphs}{duplicates}; updated {updated}",
        "cli_sources_one": "{n} source in {dir}",
        "cli_sources_many": "{n} sources in {dir}",
    },
}


def plural(lang: str, n: int, key: str, **values: object) -> str:
    """Return the message ``key_one`` or ``key_many`` for ``n``, filled in.

    >>> plural("fr", 0, "hits"), plural("en", 0, "hits")
    ('0 paragraphe trouvé', '0 paragraphs found')
    >>> plural("fr", 1, "cli_files"), plural("en", 1, "cli_files"), plural("en", 2, "cli_files")
    ('1 fichier', '1 file', '2 files')
    """
    one = n <= 1 if lang == "fr" else n == 1
    number = f"{n:,}".replace(",", " ")
    return MESSAGES[lang][f"{key}_{'one' if one else 'many'}"].format(n=number, **values)


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """Return the language of the user's locale: "fr" for ``fr_*``, else "en".

    ``LC_ALL`` overrides ``LC_MESSAGES``, which overrides ``LANG`` (POSIX).

    >>> locale_language({"LANG": "fr_FR.UTF-8"}), locale_language({"LANG": "de_DE.UTF-8"})
    ('fr', 'en')
    >>> locale_language({"LANG": "fr_CA.UTF-8", "LC_MESSAGES": "C"})
    'en'
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


class Messages:
    """The catalogue in one language: ``say(key, **values)``, ``plural(n, key, **values)``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in MESSAGES else "en"

    def say(self, key: str, **values: object) -> str:
        """Return the message ``key`` filled in with ``values``."""
        return MESSAGES[self.lang][key].format(**values)

    def template(self, key: str) -> str:
        """Return the message ``key`` unfilled, for a caller that fills it many times."""
        return MESSAGES[self.lang][key]

    def plural(self, n: int, key: str, **values: object) -> str:
        """Return the singular or plural message ``key`` for ``n``."""
        return plural(self.lang, n, key, **values)


def cli_messages() -> Messages:
    """Return the catalogue in the language of the user's locale (read at each call)."""
    return Messages(locale_language())
