"""Search results as plain frozen values, safe to keep after the index is closed."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

__all__ = ["FacetValue", "Hit", "Results"]

Spans = tuple[tuple[int, int], ...]
#: Where a query matched in a hit's text: (highlights, snippet, snippet highlights).
Marks = tuple[Spans, str, Spans]


def _unmarked() -> Marks:
    return (), "", ()


@dataclass(frozen=True)
class Hit:
    """One matching paragraph, with its citation and where the query matched.

    ``highlights`` are ``(start, end)`` character offsets into ``text`` (the
    original, accented text); ``snippet`` is an excerpt of ``text`` around the
    first match and ``snippet_highlights`` the offsets into it. The three are
    found when first read (re-reading the text with the index's analyzers,
    which needs no open index): a search whose caller only cites references
    does not pay for them.
    """

    rank: int
    score: float
    reference: str
    label: str
    symbol: str
    title: str
    kind: str
    number: str
    text: str
    language: str
    year: int | None
    #: In grouped results: the other matching paragraphs of the same resolution.
    also: tuple[str, ...] = ()
    #: Keys of the same paragraph in other languages (``"en:A/RES/69/244#l2"``).
    aligned: tuple[str, ...] = ()
    #: The official document in the hit's language (``https://undocs.org/fr/A/RES/55/109``).
    url: str = ""
    #: The adopting body (``General Assembly``) and the adoption date (None: unknown).
    body: str = ""
    adopted: datetime.date | None = None
    #: This paragraph's key (``"en:A/RES/69/244#l2"``): ``ix.get_paragraph(hit.key)``
    #: returns exactly it, in its language (a reference alone resolves in French first).
    key: str = ""
    #: Finds the marks when first read (the search's own highlighter).
    marks: Callable[[], Marks] = field(default=_unmarked, repr=False, compare=False)

    #: What the document is: resolution, decision, report, letter, agenda, statement, other.
    doc_type: str = ""

    @property
    def highlights(self) -> Spans:
        """Return the ``(start, end)`` offsets in ``text`` where the query matched."""
        return self._marked()[0]

    @property
    def snippet(self) -> str:
        """Return an excerpt of ``text`` around the first match."""
        return self._marked()[1]

    @property
    def snippet_highlights(self) -> Spans:
        """Return the offsets in ``snippet`` where the query matched."""
        return self._marked()[2]

    def _marked(self) -> Marks:
        found: Marks | None = self.__dict__.get("_marks_found")
        if found is None:
            found = self.marks()
            object.__setattr__(self, "_marks_found", found)  # a cache, not a field
        return found


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: how many matching paragraphs and resolutions hold it."""

    value: str
    paragraphs: int
    resolutions: int


@dataclass(frozen=True)
class Results:
    """The hits of one query, best first, and how they were found.

    ``partial`` is true when no paragraph matched every word and the hits are
    ranked partial matches instead. ``total`` counts every matching paragraph
    (or resolution, when grouped), not just this page. ``operators``,
    ``passage`` and the fields after them say how the query was read, for the
    user to be told.
    """

    query: str
    hits: tuple[Hit, ...]
    total: int
    partial: bool = False
    #: When few paragraphs hold every word and the page was filled with partial
    #: matches: how many hold them all (the hits ranked after are partial).
    complete: int | None = None
    grouped: bool = False
    #: The order of the hits (one of :data:`~resolu.search.sorting.SORTS`).
    sort: str = "relevance"
    #: With ``search(..., facets=True)``: facet name (the query field:
    #: ``body``, ``year``…) -> its values, with counts over every match.
    facets: Mapping[str, tuple[FacetValue, ...]] | None = field(
        default=None, compare=False, hash=False
    )
    #: The query's language ("fr", "en", "unknown"); a mixed index ranks it first.
    language: str = "unknown"
    #: When a ``lang:`` filter found nothing: paragraphs per language without it.
    elsewhere: Mapping[str, int] = field(default_factory=dict)
    #: "Did you mean" queries, best first, when the query found little.
    suggestions: tuple[str, ...] = ()
    #: Lower-case words read as operators: (("ou", "OU"),).
    operators: tuple[tuple[str, str], ...] = ()
    #: For a pasted passage: the words searched, rarest first; characters left unread.
    passage: tuple[str, ...] = ()
    passage_cut: int = 0
    #: Acronyms of the query and the forms also searched: (("ONU", ("UN", ...)),).
    expansions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: A number typed for a symbol that names several indexed symbols, and those
    #: searched: (("symbol:2803", ("S/RES/2803", "A/RES/2803")),).
    symbols: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, i: int) -> Hit:
        return self.hits[i]
