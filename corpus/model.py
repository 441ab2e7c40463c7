"""The plain values the reader produces and the index stores.

They are frozen so that a caller can keep them, hash them and share them between
threads without asking who else holds them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from .bodies import body_by_name, organ_from_symbol
from .doctypes import document_type

__all__ = ["Paragraph", "Resolution", "Vote"]


@dataclass(frozen=True)
class Paragraph:
    """One citable paragraph of a resolution.

    ``number`` is the paragraph's number within its kind as a string: ``"4"``,
    ``"4.a"`` and ``"4.a.ii"`` for sub-paragraphs, ``"1"`` for a footnote.
    ``reference`` is canonical and unique in an index (``A/RES/55/109#op4.a``);
    ``label`` is how a person cites it, in the resolution's language
    (``A/RES/55/109, par. 4 a)``). ``lines`` is the 1-based, inclusive range of
    source lines the text came from (``(0, 0)`` where unknown). A reference is
    unique per language: an index keys paragraphs by ``"{language}:{reference}"``.
    """

    reference: str
    label: str
    kind: str
    number: str
    text: str
    order: int
    cites_footnotes: tuple[str, ...] = ()
    cites_symbols: tuple[str, ...] = ()
    lines: tuple[int, int] = (0, 0)
    #: Keys (``"en:A/RES/69/244#l2"``) of the same paragraph in other languages.
    aligned: tuple[str, ...] = ()
    #: The symbol and language of its resolution (set by :class:`Resolution`).
    symbol: str = ""
    language: str = ""

    @property
    def key(self) -> str:
        """Return the paragraph's key in an index: ``"fr:A/RES/55/109#op4"``."""
        return f"{self.language}:{self.reference}" if self.language else self.reference


@dataclass(frozen=True)
class Vote:
    """How a resolution was adopted, where its text says: the meeting and the votes.

    Read from the adoption line ("Adopted at the 177th meeting by 10 votes to
    none, with 1 abstention") or the masthead; a count the text does not give
    is None.
    """

    meeting: int | None = None
    in_favour: int | None = None
    against: int | None = None
    abstentions: int | None = None
    unanimous: bool = False

    @classmethod
    def from_meta(cls, meta: dict[str, str]) -> Vote | None:
        """Return the vote a resolution's metadata records, or None where it records none.

        >>> Vote.from_meta({"meeting": "177", "votes_for": "10", "votes_against": "0"})
        Vote(meeting=177, in_favour=10, against=0, abstentions=None, unanimous=False)
        """

        def number(key: str) -> int | None:
            value = meta.get(key, "").strip()
            return int(value) if value.isdigit() else None

        vote = cls(
            meeting=number("meeting"),
            in_favour=number("votes_for"),
            against=number("votes_against"),
            abstentions=number("abstentions"),
            unanimous=meta.get("votes") == "unanimous",
        )
        return None if vote == cls() else vote


@dataclass(frozen=True)
class Resolution:
    """A resolution as read from one file: its metadata and its paragraphs in order."""

    symbol: str
    number: str
    title: str
    body: str
    language: str
    paragraphs: tuple[Paragraph, ...]
    session: str = ""
    year: int | None = None
    #: The date of adoption, where the text gives it.
    adopted: datetime.date | None = None
    source: str = ""
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def doc_type(self) -> str:
        """Return what the document is: ``resolution``, ``report``… (:data:`.doctypes.DOC_TYPES`).

        A reader that knows better says so in ``meta["type"]``; else the symbol
        and the masthead (title, first paragraphs) tell.
        """
        return self.meta.get("type") or document_type(
            self.symbol, [self.title, *(p.text for p in self.paragraphs[:3])]
        )

    @property
    def organ(self) -> str:
        """Return the organ that issued the document, in its language, as the UN names it.

        The organ whose own series the symbol is in (``E/CN.6/…``: the
        Commission on the Status of Women, ``A/HRC/…``: the Human Rights
        Council), else the body (``Assemblée générale`` for a French text).
        """
        organ = organ_from_symbol(self.symbol, self.language)
        body = body_by_name(self.body)
        if organ and (body is None or organ not in (body.name, body.name_fr)):
            return organ
        if body is None:
            return self.body
        return body.name_fr if self.language == "fr" else body.name

    @property
    def vote(self) -> Vote | None:
        """Return how the resolution was adopted (meeting, votes), where its text says."""
        return Vote.from_meta(self.meta)

    def __post_init__(self) -> None:
        # Each paragraph knows the symbol and language of the resolution it is in.
        if any(p.symbol != self.symbol or p.language != self.language for p in self.paragraphs):
            owned = tuple(
                replace(p, symbol=self.symbol, language=self.language) for p in self.paragraphs
            )
            object.__setattr__(self, "paragraphs", owned)
