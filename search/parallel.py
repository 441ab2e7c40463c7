"""A resolution in several languages, paragraph beside paragraph, with a query's matches.

``resolu show SYMBOL --lang fr,en --query …`` and the web page of a resolution
both read it through :func:`parallel_view`: the versions the index holds, each
paragraph paired with its counterpart (the aligned key of a parallel corpus,
else the same reference), and where the query matched, found by
:meth:`Index.search` itself so a paragraph is marked exactly where a search marks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from resolu.corpus.languages import LANGUAGES
from resolu.corpus.model import Paragraph, Resolution

from .errors import ReferenceNotFound

if TYPE_CHECKING:
    from .protocol import SearchableIndex

__all__ = [
    "Cell",
    "ParallelView",
    "Row",
    "depth",
    "pair_rows",
    "parallel_view",
    "query_highlights",
    "versions_of",
]

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Cell:
    """One paragraph in one language, and where the query matched in its text."""

    language: str
    paragraph: Paragraph
    highlights: Spans = ()


@dataclass(frozen=True)
class Row:
    """One place in the resolution: a cell per language shown (None where it has no counterpart).

    ``depth`` is how far the paragraph is indented: 1 for ``4 a)``, 2 for ``4 a) ii)``.
    """

    depth: int
    cells: tuple[Cell | None, ...]


@dataclass(frozen=True)
class ParallelView:
    """The versions of one resolution shown side by side, first language first."""

    versions: tuple[Resolution, ...]
    rows: tuple[Row, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        """Return the languages shown, in column order."""
        return tuple(v.language for v in self.versions)


def depth(p: Paragraph) -> int:
    """Return how far a paragraph is indented under its parent (0 unless a sub-paragraph)."""
    return p.number.count(".") if p.kind == "subparagraph" else 0


def versions_of(
    ix: SearchableIndex, symbol: str, languages: tuple[str, ...] = ()
) -> list[Resolution]:
    """Return the resolution in each of ``languages`` the index holds (all of them if none).

    Raises :class:`ReferenceNotFound` when it holds none of them.
    """
    found = []
    for lang in languages or LANGUAGES:
        try:
            res = ix.get(symbol, lang=lang)
        except ReferenceNotFound:
            continue
        if isinstance(res, Resolution):
            found.append(res)
    if not found:
        wanted = f" in {', '.join(languages)}" if languages else ""
        raise ReferenceNotFound(f"nothing in the index is cited as {symbol}{wanted}")
    return found


def query_highlights(
    ix: SearchableIndex, query: str, versions: list[Resolution]
) -> dict[tuple[str, str], Spans]:
    """Return where ``query`` matched in the versions' paragraphs, by (language, reference).

    Raises :class:`QuerySyntaxError` for a malformed query.
    """
    symbol = versions[0].symbol
    if not query.strip() or '"' in symbol:
        return {}
    limit = sum(len(res.paragraphs) for res in versions)
    results = ix.search(f'({query}) symbol:"{symbol}"', limit=limit)
    return {(h.language, h.reference): h.highlights for h in results}


def parallel_view(
    ix: SearchableIndex, symbol: str, *, languages: tuple[str, ...] = (), query: str = ""
) -> ParallelView:
    """Return a resolution's versions paired paragraph by paragraph, with ``query``'s matches.

    ``languages`` orders the columns (default: every language held, French
    first); two are paired, a third and more are left out of the rows.
    """
    versions = versions_of(ix, symbol, languages)
    marks = query_highlights(ix, query, versions) if query else {}
    return ParallelView(tuple(versions), tuple(pair_rows(versions[:2], marks)))


def pair_rows(versions: list[Resolution], marks: dict[tuple[str, str], Spans]) -> list[Row]:
    """Pair the first version's paragraphs with the second's; its unpaired ones come last."""

    def cell(res: Resolution, p: Paragraph) -> Cell:
        return Cell(res.language, p, marks.get((res.language, p.reference), ()))

    first = versions[0]
    if len(versions) == 1:
        return [Row(depth(p), (cell(first, p),)) for p in first.paragraphs]
    other = versions[1]
    by_ref = {p.reference: p for p in other.paragraphs}
    used: set[str] = set()
    rows = []
    for p in first.paragraphs:
        aligned = [k.partition(":")[2] for k in p.aligned if k.startswith(f"{other.language}:")]
        twin = next((by_ref[r] for r in aligned if r in by_ref), None) or by_ref.get(p.reference)
        if twin is not None:
            used.add(twin.reference)
        rows.append(Row(depth(p), (cell(first, p), cell(other, twin) if twin else None)))
    rows.extend(
        Row(depth(p), (None, cell(other, p))) for p in other.paragraphs if p.reference not in used
    )
    return rows
