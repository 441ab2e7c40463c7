"""Citing a resolution the UN way: its official link, its reference line, how it was adopted.

The UN's document links (``undocs.org``) take the symbol as printed, without
spaces, after the language: ``https://undocs.org/fr/A/RES/55/109``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from resolu.corpus.model import Vote

    from .messages import Messages

__all__ = ["UNDOCS", "adoption_line", "official_url"]

#: The UN's short-link service for official documents, by language and symbol.
UNDOCS = "https://undocs.org"
_UN_LANGUAGES = frozenset({"ar", "en", "es", "fr", "ru", "zh"})


# Every hit carries its link; quoting a symbol costs more than building the rest of the hit.
@lru_cache(maxsize=8192)
def official_url(symbol: str, language: str = "fr") -> str:
    """Return the official link of a document in one of the UN's six languages.

    >>> official_url("A/RES/55/109", "fr")
    'https://undocs.org/fr/A/RES/55/109'
    >>> official_url("S/RES/242 (1967)", "en")
    'https://undocs.org/en/S/RES/242(1967)'
    """
    if not symbol:
        return ""
    lang = language if language in _UN_LANGUAGES else "fr"
    return f"{UNDOCS}/{lang}/{quote(symbol.replace(' ', ''), safe='/()')}"


def _nth(n: int) -> str:
    """Return an English ordinal as the UN prints meetings: ``1382nd``, ``177th``, ``3111th``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def adoption_line(vote: Vote, messages: Messages) -> str:
    """Say how a resolution was adopted, in the messages' language.

    >>> from resolu.corpus.model import Vote
    >>> from resolu.search.messages import Messages
    >>> vote = Vote(meeting=177, in_favour=10, against=0, abstentions=1)
    >>> adoption_line(vote, Messages("fr"))
    'adoptée à la 177e séance, par 10 voix contre 0, 1 abstention'
    >>> adoption_line(vote, Messages("en"))
    'adopted at the 177th meeting, by 10 votes to 0, 1 abstention'
    >>> adoption_line(Vote(meeting=1382, unanimous=True), Messages("en"))
    'adopted at the 1382nd meeting, unanimously'
    """
    m = messages
    if vote.meeting is not None:
        parts = [m.say("cli_adopted_at", n=vote.meeting, nth=_nth(vote.meeting))]
    else:
        parts = [m.say("cli_adopted")]
    if vote.unanimous:
        parts.append(m.say("cli_unanimously"))
    if vote.in_favour is not None:
        key = "cli_by_votes_for" if vote.against is None else "cli_by_votes"
        parts.append(m.say(key, yes=vote.in_favour, no=vote.against))
    if vote.abstentions is not None:
        parts.append(m.plural(vote.abstentions, "cli_abstentions"))
    return ", ".join(parts)
