"""Choose the web page's language for a request; its words are in :mod:`..messages`."""

from __future__ import annotations

from ..messages import LANGUAGES, MESSAGES, plural

__all__ = ["LANGUAGES", "MESSAGES", "choose_language", "plural"]


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
