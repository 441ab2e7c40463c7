"""What an index holds: one summary per indexed resolution, for browsing and ``/api/list``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from resolu.corpus.languages import LANGUAGES, preferred
from resolu.index.schema import DOCTYPE, KEY_SEP, LANG, SORTKEY
from resolu.index.store import resolution_header

__all__ = ["ResolutionSummary", "list_resolutions"]


@dataclass(frozen=True)
class ResolutionSummary:
    """One indexed resolution: its metadata in its first language (French first).

    ``languages`` lists every language the index holds it in; ``paragraphs``
    counts its paragraphs in the first of them.
    """

    symbol: str
    title: str
    body: str
    session: str
    year: int | None
    adopted: datetime.date | None
    languages: tuple[str, ...]
    paragraphs: int


def list_resolutions(searcher: Any) -> tuple[ResolutionSummary, ...]:
    """Return a summary of each resolution a Whoosh searcher sees, in symbol order.

    Reads the sort-key column and the language postings, and the stored
    fields of one paragraph per resolution and language only.
    """
    reader = searcher.reader()
    # An index with no document (its last source removed) has no column.
    keys = reader.column_reader(SORTKEY) if reader.has_column(SORTKEY) else []
    lang_of: dict[int, str] = {}
    for lang in LANGUAGES:
        for docnum in searcher.document_numbers(**{LANG: lang}):
            lang_of[docnum] = lang
    # (symbol, language) -> [paragraph count, smallest sort key, its document]
    groups: dict[tuple[str, str], list[Any]] = {}
    for docnum in searcher.document_numbers(**{DOCTYPE: "para"}):
        key = keys[docnum]
        group = (key.partition(KEY_SEP)[0], lang_of.get(docnum, LANGUAGES[0]))
        found = groups.get(group)
        if found is None:
            groups[group] = [1, key, docnum]
        else:
            found[0] += 1
            if key < found[1]:
                found[1], found[2] = key, docnum
    by_symbol: dict[str, list[tuple[str, list[Any]]]] = {}
    for (symbol, lang), found in groups.items():
        by_symbol.setdefault(symbol, []).append((lang, found))
    out = []
    for symbol in sorted(by_symbol):
        order = preferred([lang for lang, _ in by_symbol[symbol]])
        versions = sorted(by_symbol[symbol], key=lambda v: order.index(v[0]))
        count, _key, docnum = versions[0][1]
        res = resolution_header(searcher.stored_fields(docnum))
        out.append(
            ResolutionSummary(
                symbol=res.symbol,
                title=res.title,
                body=res.body,
                session=res.session,
                year=res.year,
                adopted=res.adopted,
                languages=tuple(lang for lang, _ in versions),
                paragraphs=count,
            )
        )
    return tuple(out)
