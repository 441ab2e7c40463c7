"""Open an index and search it: the library face of resolu.

>>> from resolu.search import open_index                      # doctest: +SKIP
>>> with open_index("~/.local/share/resolu/index") as ix:     # doctest: +SKIP
...     for hit in ix.search('"dialogue entre les civilisations"'):
...         print(hit.reference, hit.label)
"""

from __future__ import annotations

import functools
import pickle
import struct
import sys
import warnings
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, cast

from resolu.corpus.dates import parse_iso
from resolu.corpus.languages import LANGUAGES, preferred
from resolu.corpus.symbols import normalize_symbol, read_symbol, short_form, symbol_re
from resolu.index.errors import IndexClosed, IndexCorrupt
from resolu.index.folder import current_generation
from resolu.index.schema import DOCTYPE, EXACT, LANG, PAYLOAD, SORTKEY, SYMBOL, text_field
from resolu.index.store import (
    open_store,
    paragraph_from_stored,
    payload_reader,
    rebuild_hint,
    release_files,
    resolution_from_stored,
)
from whoosh import query as wq
from whoosh.reading import CorruptIndexError

from .arguments import check_int as _check_int
from .arguments import check_str as _check_str
from .citation import official_url
from .compiler import Compiled, DocFrequency, compile_query
from .errors import ReferenceNotFound
from .freshness import CommitWatch
from .highlight import highlight_spans, snippet
from .hits import Hit, Marks, Results
from .language import detect_language
from .ranking import RERANK_DEPTH, PositionReader, rerank, weighting
from .sorting import sort_order
from .whoosh_fixes import apply as _correct_whoosh

# What only some searches or lookups need (facets, other orders, suggestions,
# references) is imported where it is used: `resolu search` starts without it.
if TYPE_CHECKING:
    from resolu.corpus.model import Paragraph, Resolution

    from .columns import Columns
    from .listing import ResolutionSummary
    from .ranked import Ranked

__all__ = ["Index", "open_index"]

_correct_whoosh()  # before any search (resolu.search.whoosh_fixes says why)

#: What Whoosh raises on reading damaged files: each becomes an IndexCorrupt.
_READ_FAULTS = (
    CorruptIndexError,  # a postings block whose header does not unpickle
    zlib.error,
    struct.error,
    pickle.UnpicklingError,
    EOFError,
    OSError,
    KeyError,
    IndexError,
    AttributeError,
    UnicodeDecodeError,
    AssertionError,
    MemoryError,
    OverflowError,
)

_F = TypeVar("_F", bound=Callable[..., Any])


def _reading(method: _F) -> _F:
    """Turn a fault of reading the index's files inside ``method`` into :class:`IndexCorrupt`."""

    @functools.wraps(method)
    def guarded(self: Index, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except _READ_FAULTS as exc:
            reason = f"{type(exc).__name__}: {exc}"
        release_files()
        raise IndexCorrupt(
            f"{self.path}: the index cannot be read ({reason}); {rebuild_hint(self.path)}"
        )

    return cast(_F, guarded)


#: Postings a query reads (summed document frequencies) from which the first
#: query of an Index is scored from the impacts files by default: below,
#: Whoosh's own loop (about a microsecond a posting) costs less than importing
#: numpy in a fresh process. Later queries of the same Index always take the
#: fast path: the import is paid once and the index is kept open for them.
FAST_FROM = 50_000

#: Terms whose document frequency an open index keeps (then it starts again).
_FREQUENCIES_KEPT = 100_000

#: Below this many paragraphs holding every word, the paragraphs holding some
#: of them follow (``Results.complete``). Measured on tests/relevance: filling
#: raised nDCG@10 from .714 to .845 (French) and .659 to .778 (English) and
#: worsened no query (benchmarks/relevance.py --per-query).
FILL_BELOW = 100


def open_index(index_dir: Path | str, *, fast: bool | None = None) -> Index:
    """Open the index in ``index_dir`` for searching.

    Queries are scored from the segments' impacts files where they can be
    (same hits, order and totals as Whoosh's own matchers, much faster on a
    large index): by default every query after the first, and a first query
    reading :data:`FAST_FROM` postings or more or made once numpy is loaded
    (a one-query process need not load it); ``fast=True`` every query the fast path
    handles, ``fast=False`` none (for comparison). Raises
    :class:`IndexNotFound` when there is none and :class:`IndexCorrupt` when it
    cannot be read.
    """
    path = Path(index_dir).expanduser()
    ix, searcher = _open(path, mapped=False)
    return Index(path, ix, searcher, fast=fast)


def _open(path: Path, *, mapped: bool) -> tuple[Any, Any]:
    """Open the live generation of an index folder and a searcher on it.

    A rebuild may switch generations and delete the old one between reading
    the pointer and opening the files: try again on the new one.
    """
    for attempt in range(3):
        gen = current_generation(path)
        try:
            ix = open_store(path, mapped=mapped)
        except IndexCorrupt:
            if attempt == 2 or current_generation(path) == gen:
                raise
            continue
        # Whoosh leaves the file it choked on open, held by the traceback.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                return ix, ix.searcher(weighting=weighting())
            except Exception as exc:
                reason = f"{type(exc).__name__}: {exc}"
            ix.close()
            release_files()
        if attempt == 2 or current_generation(path) == gen:
            raise IndexCorrupt(f"{path}: the index cannot be read ({reason}); {rebuild_hint(path)}")
    raise AssertionError("unreachable")


class Index:
    """An open index; a context manager, meant to be kept open across many queries."""

    def __init__(self, path: Path, ix: Any, searcher: Any, fast: bool | None = None) -> None:
        self.path = path
        self._ix = ix
        self._searcher = searcher
        self._gen = Path(ix.storage.folder)
        self._closed = False
        self._fast = fast
        self._impacts: Any = None  # fastpath.Impacts, made on first use (numpy loads then)
        self._column_cache: Columns | None = None
        self._sortkey_reader: tuple[Any, Any] | None = None
        self._payload_reader: tuple[Any, Callable[[int], dict[str, Any]]] | None = None
        self._frequency: tuple[Any, DocFrequency] | None = None
        self._searched = False  # a query was answered: later ones take the fast path
        self._langs: tuple[Any, list[str]] | None = None
        self._watch: CommitWatch | None = None  # set by the first full freshness check
        # An Index is opened reading its files as they are used, which costs
        # a one-question process least; it maps them (Whoosh then holds them
        # in memory) when it answers a second query, as a long-lived one does.
        self._mapped = False

    def __enter__(self) -> Index:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the searcher and the index files; later calls raise :class:`IndexClosed`."""
        if not self._closed:
            self._closed = True
            self._searcher.close()
            self._ix.close()

    def _fresh(self) -> Any:
        if self._closed:
            raise IndexClosed(f"the index {self.path} is closed; open it again with open_index()")
        settled = self._mapped or not self._searched
        if settled and self._watch is not None and self._watch.unchanged():
            return self._searcher
        # A long-lived Index sees exactly what the last indexing run committed:
        # a rebuild switches the generation, an incremental run commits a new
        # table of contents. Both reopen the index whole; Whoosh's refresh()
        # kept serving paragraphs deleted by the commit.
        watch: CommitWatch | None = CommitWatch(
            self.path, self._gen, self._searcher.reader().generation()
        )
        stale = current_generation(self.path) != self._gen or not self._searcher.up_to_date()
        if stale or not settled:
            mapped = self._mapped or self._searched
            ix, searcher = _open(self.path, mapped=mapped)
            self._mapped = mapped
            old_ix, old_searcher = self._ix, self._searcher
            self._ix, self._searcher = ix, searcher
            self._gen = Path(ix.storage.folder)
            if stale:
                self._impacts = None  # the new generation's, made on next use
            old_searcher.close()
            old_ix.close()
            watch = None  # the next query checks the new searcher in full, then watches
        self._watch = watch
        return self._searcher

    @_reading
    def __len__(self) -> int:
        """Return the number of paragraphs in the index."""
        return int(sum(1 for _ in self._fresh().document_numbers(**{DOCTYPE: "para"})))

    @_reading
    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        offset: int = 0,
        group_by_resolution: bool = False,
        sort: str = "relevance",
        facets: bool = False,
    ) -> Results:
        """Search the index and return ranked hits with their references.

        Plain words must all match; when no paragraph holds them all, the
        hits are ranked partial matches and ``Results.partial`` says so.
        ``sort`` is one of :data:`~resolu.search.sorting.SORTS` (``relevance``,
        ``newest``, ``oldest``, ``symbol``; ``date`` means ``newest``). With
        ``facets``, ``Results.facets`` counts the matching paragraphs and
        resolutions by body, year, session, kind, type and language.
        Raises :class:`QuerySyntaxError` for a malformed query and ValueError
        for an unknown sort order.
        """
        _check_str("query", query)
        _check_int("limit", limit)
        _check_int("offset", offset)
        order = sort_order(sort)
        s = self._fresh()
        compiled = compile_query(query, s.schema, reader=s.reader(), df=self._frequencies(s))
        if compiled.tree is not None and len(self._languages()) > 1:
            compiled.language = detect_language(s.schema, compiled.tree, self._count_in)
        if group_by_resolution or facets or order != "relevance":
            results = self._every_match(
                query, compiled, limit, offset, order, facets=facets, grouped=group_by_resolution
            )
        else:
            results = self._first_page(query, compiled, limit, offset)
        self._searched = True
        return self._as_read(query, results, compiled)

    def _first_page(self, query: str, compiled: Compiled, limit: int, offset: int) -> Results:
        """Return the page of hits in relevance order, scoring and sorting only what it needs."""
        s = self._searcher
        needed = offset + limit
        scored, total = self._in_language_order(compiled.query, compiled, needed=needed)
        partial = False
        if not scored and compiled.partial is not None:
            # Whoosh's own matchers: on large multi-segment indexes they count
            # a few matches fewer than the postings hold for these OR-ed words,
            # and the fast path, which counts them all, would change the total.
            scored, total = self._in_language_order(
                compiled.partial, compiled, needed=needed, fast=False
            )
            partial = bool(scored)
        complete: int | None = None
        if not partial:
            scored, total, complete = self._filled(compiled, scored, total, needed)
        page = scored[offset : offset + limit]
        payload = self._payloads(s)
        hits = tuple(
            self._hit(rank, score, payload(docnum), compiled)
            for rank, (score, docnum, _key) in enumerate(page, start=offset + 1)
        )
        return Results(query=query, hits=hits, total=total, partial=partial, complete=complete)

    def _every_match(
        self,
        query: str,
        compiled: Compiled,
        limit: int,
        offset: int,
        order: str,
        *,
        facets: bool,
        grouped: bool,
    ) -> Results:
        """Return the page of hits of a search that orders, counts or groups every match.

        The matches are arrays (:mod:`~resolu.search.ranked`): sorted by
        ``order``, counted by facet and grouped by resolution in vectorised passes.
        """
        from .facets import count_facets
        from .sorting import sort_permutation

        s = self._searcher
        ranked, total = self._all_in_language_order(compiled.query, compiled)
        partial = False
        if not len(ranked) and compiled.partial is not None:
            # Whoosh's own matchers, as for a first page (see _first_page).
            ranked, total = self._all_in_language_order(compiled.partial, compiled, fast=False)
            partial = bool(len(ranked))
        columns = self._columns(s)
        ranked = ranked.take(sort_permutation(ranked.docnums, order, columns))
        counted = count_facets(columns, ranked.docnums) if facets else None
        if not grouped:
            rows = ranked.rows(offset, offset + limit)
            complete: int | None = None
            if not partial and order == "relevance" and total < FILL_BELOW:
                every = [(score, docnum, "") for score, docnum in ranked.rows(0, len(ranked))]
                filled, total, complete = self._filled(compiled, every, total, None)
                rows = [(score, docnum) for score, docnum, _ in filled[offset : offset + limit]]
            payload = self._payloads(s)
            hits = tuple(
                self._hit(rank, score, payload(docnum), compiled)
                for rank, (score, docnum) in enumerate(rows, start=offset + 1)
            )
            return Results(
                query=query,
                hits=hits,
                total=total,
                partial=partial,
                complete=complete,
                sort=order,
                facets=counted,
            )
        total, hits = self._grouped(compiled, ranked, columns, limit, offset)
        return Results(
            query=query,
            hits=hits,
            total=total,
            partial=partial,
            grouped=True,
            sort=order,
            facets=counted,
        )

    def _grouped(
        self, compiled: Compiled, ranked: Ranked, columns: Columns, limit: int, offset: int
    ) -> tuple[int, tuple[Hit, ...]]:
        """Return how many resolutions match and the page's hits, one per resolution.

        Each hit is its resolution's best match; ``also`` lists the references
        of its other matches, best first.
        """
        from .ranked import group_page

        s = self._searcher
        total, page = group_page(ranked, columns.resolution_ids(), offset, limit)
        docnums = ranked.docnums.tolist()
        payload = self._payloads(s)
        hits = tuple(
            self._hit(
                rank,
                float(ranked.scores[at[0]]),
                payload(docnums[at[0]]),
                compiled,
                also=tuple(payload(docnums[r])["reference"] for r in at[1:].tolist()),
            )
            for rank, at in enumerate(page, start=offset + 1)
        )
        return total, hits

    def _filled(
        self,
        compiled: Compiled,
        scored: list[tuple[float, int, str]],
        total: int,
        needed: int | None,
    ) -> tuple[list[tuple[float, int, str]], int, int | None]:
        """Return ``scored`` followed by partial matches when few paragraphs hold every word.

        Below :data:`FILL_BELOW` complete matches, the paragraphs holding only
        some of the words follow them (complete matches first whatever their
        score), so that a query with one rare or misspelt word still shows
        what is near. Decided on the number of complete matches, not on the
        page, so that every page of a query agrees on ``total``.
        """
        if compiled.partial is None or not scored or total >= FILL_BELOW:
            return scored, total, None
        if len(scored) < total:
            scored, total = self._in_language_order(compiled.query, compiled, needed=None)
        more, more_total = self._in_language_order(
            compiled.partial,
            compiled,
            needed=None if needed is None else needed + total,
        )
        seen = {docnum for _, docnum, _ in scored}
        rest = [row for row in more if row[1] not in seen]
        if not rest:
            return scored, total, None
        return scored + rest, max(more_total, total + len(rest)), total

    def _as_read(self, query: str, results: Results, compiled: Compiled) -> Results:
        """Return ``results`` with how the query was read, for the user to be told."""
        return replace(
            results,
            language=compiled.language,
            elsewhere=self._elsewhere(compiled) if not results.total else {},
            suggestions=self._suggestions(query, results, compiled),
            operators=compiled.operators,
            passage=compiled.passage,
            passage_cut=compiled.passage_cut,
            expansions=compiled.expansions,
            symbols=tuple(dict.fromkeys(compiled.symbols)),
        )

    def _columns(self, s: Any) -> Columns:
        """Return the column values of searcher ``s``, read again only after the index changed."""
        from .columns import Columns

        found = self._column_cache
        if found is None or found.searcher is not s:
            found = self._column_cache = Columns(s)
        return found

    def _sortkeys(self, s: Any) -> Any:
        """Return the sort key column's reader of searcher ``s``, opened once per searcher.

        Opening it reads every document's offset (2.8 ms a query at x1, in
        proportion beyond), so it is kept while the searcher lives.
        """
        if self._sortkey_reader is None or self._sortkey_reader[0] is not s:
            reader = s.reader()
            # An index with no document (its last source removed) has no column.
            keys = reader.column_reader(SORTKEY) if reader.has_column(SORTKEY) else []
            self._sortkey_reader = (s, keys)
        return self._sortkey_reader[1]

    def _frequencies(self, s: Any) -> DocFrequency:
        """Return the document frequency of a term in a field of ``s``, each looked up once.

        What a searcher reads does not change while it lives: as Whoosh keeps
        each term's idf per searcher, the compiler's look-ups (a long word's
        cuts, each language's terms) are kept as long as it, up to a bound.
        """
        if self._frequency is None or self._frequency[0] is not s:
            seen: dict[tuple[str, str], int] = {}

            def frequency(fieldname: str, text: str) -> int:
                found = seen.get((fieldname, text))
                if found is None:
                    if len(seen) >= _FREQUENCIES_KEPT:
                        seen.clear()
                    found = seen[(fieldname, text)] = int(s.doc_frequency(fieldname, text))
                return found

            self._frequency = (s, frequency)
        return self._frequency[1]

    def _payloads(self, s: Any) -> Callable[[int], dict[str, Any]]:
        """Return the reader of hits' stored payloads of searcher ``s``, made once per searcher."""
        if self._payload_reader is None or self._payload_reader[0] is not s:
            self._payload_reader = (s, payload_reader(s.reader()))
        return self._payload_reader[1]

    def _count_in(self, word: str, lang: str) -> int:
        """Return how many paragraphs in ``lang`` hold ``word`` as written (all: ``word=""``)."""
        s = self._searcher
        if not word:
            return int(s.doc_frequency(LANG, lang))
        q = wq.And([wq.Term(EXACT, word), wq.Term(LANG, lang)])
        return sum(1 for _ in s.docs_for_query(q))

    def _languages(self) -> list[str]:
        """Return the languages the index holds paragraphs in (read once per searcher)."""
        s = self._searcher
        if self._langs is None or self._langs[0] is not s:
            self._langs = (s, [lang for lang in LANGUAGES if s.doc_frequency(LANG, lang)])
        return self._langs[1]

    def _in_language_order(
        self, q: wq.Query, compiled: Compiled, *, needed: int | None, fast: bool = True
    ) -> tuple[list[tuple[float, int, str]], int]:
        """Rank as :meth:`_run`, but paragraphs in the query's language first (mixed index)."""
        lang = compiled.language
        if lang not in LANGUAGES or len(self._languages()) < 2:
            return self._run(q, compiled, needed=needed, fast=fast)
        mine = wq.Term(LANG, lang)
        first, n_first = self._run(wq.And([q, mine]), compiled, needed=needed, fast=fast)
        rest_needed = None if needed is None else max(needed - len(first), 0)
        rest, n_rest = self._run(wq.AndNot(q, mine), compiled, needed=rest_needed, fast=fast)
        return first + rest, n_first + n_rest

    def _all_in_language_order(
        self, q: wq.Query, compiled: Compiled, *, fast: bool = True
    ) -> tuple[Ranked, int]:
        """Return every match in relevance order, the query's language first (mixed index)."""
        lang = compiled.language
        if lang not in LANGUAGES or len(self._languages()) < 2:
            return self._run_all(q, compiled, fast=fast)
        mine = wq.Term(LANG, lang)
        first, n_first = self._run_all(wq.And([q, mine]), compiled, fast=fast)
        rest, n_rest = self._run_all(wq.AndNot(q, mine), compiled, fast=fast)
        return first.then(rest), n_first + n_rest

    def _run_all(self, q: wq.Query, compiled: Compiled, *, fast: bool = True) -> tuple[Ranked, int]:
        """Return every match of ``q`` in the order :meth:`_run` gives a page, and their number."""
        from .ranked import by_relevance

        s = self._searcher
        top, positions_of = self._scorer(s, q, compiled, fast=fast)
        arrays = getattr(top, "arrays", None)
        if arrays is not None:
            scores, docnums, total = arrays()
        else:
            rows, total = top(None)
            scores = [score for score, _ in rows]
            docnums = [docnum for _, docnum in rows]
        key_ranks = self._columns(s).key_ranks()
        return by_relevance(scores, docnums, key_ranks, compiled, s, positions_of), total

    def _elsewhere(self, compiled: Compiled) -> dict[str, int]:
        """Return how many paragraphs each language has for the query without its lang: filter."""
        if compiled.unfiltered is None:
            return {}
        s = self._searcher
        counts = {
            lang: sum(
                1 for _ in s.docs_for_query(wq.And([compiled.unfiltered, wq.Term(LANG, lang)]))
            )
            for lang in self._languages()
        }
        return {lang: n for lang, n in counts.items() if n}

    def _suggestions(self, query: str, results: Results, compiled: Compiled) -> tuple[str, ...]:
        """Return "did you mean" queries when the query found little, else ()."""
        from .suggest import SUGGEST_BELOW, suggest

        if compiled.tree is None or compiled.passage:
            return ()
        if results.total > SUGGEST_BELOW and not results.partial:
            return ()
        return suggest(self._searcher, query, compiled.tree)

    def _run(
        self, q: wq.Query, compiled: Compiled, *, needed: int | None, fast: bool = True
    ) -> tuple[list[tuple[float, int, str]], int]:
        """Return sorted (score, docnum, sort key) rows and the number of matches.

        Only the rows needed for the page (and the re-ranking depth) are
        scored and sorted, and no stored field is read: the tie-break key is a
        column. Ties at the cut are settled beyond ``needed``.
        """
        s = self._searcher
        top, positions_of = self._scorer(s, q, compiled, fast=fast)
        fetch = None if needed is None else max(needed, RERANK_DEPTH) + 1
        while True:
            rows, total = top(fetch)
            if fetch is None or needed is None or needed == 0 or len(rows) < fetch:
                break
            # Whoosh settles ties by document number. Fetch more until the
            # cut falls between two different scores, then settle ties by
            # sort key, which does not depend on the order of indexing.
            if round(rows[-1][0], 6) != round(rows[needed - 1][0], 6):
                break
            fetch *= 2
        if RERANK_DEPTH and len(rows) > 1:
            rows[:RERANK_DEPTH] = rerank(rows[:RERANK_DEPTH], compiled, s, positions_of)
        keys = self._sortkeys(s)
        keyed = [(score, docnum, keys[docnum]) for score, docnum in rows]
        keyed.sort(key=lambda r: (-round(r[0], 6), r[2]))
        return keyed, total

    def _scorer(
        self, s: Any, q: wq.Query, compiled: Compiled, *, fast: bool = True
    ) -> tuple[Any, PositionReader | None]:
        """Return ``top(n) -> (best n (score, docnum) rows, number of matches)`` for ``q``.

        With it, where the fast path scored the query, the reader of word
        positions from the impacts files, for the re-ranking.
        """
        if fast and self._worth_it(s, compiled):
            import numpy as np

            from .fastpath import Impacts, Unsupported, score_all, term_positions, top_rows

            if self._impacts is None:
                self._impacts = Impacts(self._gen)
            impacts = self._impacts
            try:
                docnums, scores = score_all(s, q, impacts)
            except Unsupported:
                pass
            except (ValueError, IndexError, KeyError, OverflowError):
                # A damaged impacts file (resolu index repairs it): the
                # segments themselves still answer, through Whoosh.
                pass
            else:

                def fast_top(n: int | None) -> tuple[list[tuple[float, int]], int]:
                    return top_rows(docnums, scores, n), len(docnums)

                def arrays() -> tuple[Any, Any, int]:
                    order = np.lexsort((docnums, -scores))  # Whoosh's: score down, docnum up
                    return scores[order], docnums[order], len(docnums)

                fast_top.arrays = arrays  # type: ignore[attr-defined]
                return (
                    fast_top,
                    lambda field, term, docs: term_positions(s, impacts, field, term, docs),
                )

        def whoosh_top(n: int | None) -> tuple[list[tuple[float, int]], int]:
            # optimize=False scores every match instead of skipping blocks that
            # cannot reach the top: we need the exact count anyway, and one
            # full pass measured faster than a skipping pass plus a count. Nor
            # may the collector swap in a simpler matcher as its lowest kept
            # score rises (replace): that one drops a branch none of whose
            # documents can reach the score, and they went uncounted (a NOT
            # query over three segments counted 352 of its 386 matches).
            collector = s.collector(limit=n, optimize=False)
            collector.replace = 0
            s.search_with_collector(q, collector)
            results = collector.results()
            rows = [(score or 0.0, docnum) for docnum, score in results.items()]
            return rows, len(results)

        return whoosh_top, None

    def _worth_it(self, s: Any, compiled: Compiled) -> bool:
        if self._fast is not None:
            return self._fast
        if self._impacts is not None or self._searched or "numpy" in sys.modules:
            return True
        postings = sum(s.doc_frequency(field, term) for field, term in compiled.terms)
        return bool(postings >= FAST_FROM)

    def _hit(
        self,
        rank: int,
        score: float,
        p: dict[str, Any],
        compiled: Compiled,
        also: tuple[str, ...] = (),
    ) -> Hit:
        text = p["text"]
        lang = p.get("language") or LANGUAGES[0]
        schema = self._searcher.schema

        def marks() -> Marks:
            spans = highlight_spans(text, text_field(lang), compiled, schema)
            return (spans, *snippet(text, spans))

        return Hit(
            key=f"{lang}:{p['reference']}",
            rank=rank,
            score=round(score, 4),
            reference=p["reference"],
            label=p["label"],
            symbol=p["symbol"],
            title=p.get("title", ""),
            kind=p["kind"],
            number=p["number"],
            text=text,
            language=lang,
            year=p.get("year"),
            also=also,
            aligned=tuple(p.get("aligned", ())),
            url=official_url(p["symbol"], lang),
            body=p.get("body", ""),
            adopted=parse_iso(p.get("adopted", "")),
            marks=marks,
            doc_type=p.get("type", ""),
        )

    # ------------------------------------------------------------ lookups

    @_reading
    def resolutions(self) -> tuple[ResolutionSummary, ...]:
        """Return one summary per indexed resolution (symbol, title, languages, …), by symbol."""
        from .listing import list_resolutions

        return list_resolutions(self._fresh())

    @_reading
    def get(self, reference: str, *, lang: str | None = None) -> Paragraph | Resolution:
        """Return the paragraph a reference names, or the whole resolution for a bare symbol.

        A reference resolves in French first where the index holds several
        languages; a key (``en:A/RES/69/244#l2``) names one language. With
        ``lang``, the paragraph's counterpart in that language is returned: the
        aligned line of a parallel corpus, else the same reference in that
        language. Raises :class:`ReferenceNotFound`.
        """
        _check_str("reference", reference)
        if lang is not None:
            _check_str("lang", lang)
        own, ref = _split_key(reference.strip())
        symbol, locals_ = _read_reference(ref)
        docs = self._documents_of(symbol)
        if not docs:
            raise ReferenceNotFound(
                f"nothing in the index is cited as {reference}",
                suggestions=self._near_symbols(symbol),
            )
        languages = preferred({d[LANG] for d in docs})
        if locals_ is None:
            want = lang or own or languages[0]
            chosen = [d for d in docs if d[LANG] == want]
            if not chosen:
                raise ReferenceNotFound(f"{symbol} has no version in '{want}' in the index")
            return resolution_from_stored(chosen)
        matches = _paragraphs_named(docs, locals_, ref)
        source = own or next((x for x in languages if x in matches), None)
        if source is None or source not in matches:
            raise ReferenceNotFound(
                f"nothing in the index is cited as {reference}",
                suggestions=_near_references(docs, locals_),
            )
        if lang is None or lang == source:
            return paragraph_from_stored(matches[source])
        return self._counterpart(reference, matches, source, lang)

    def get_paragraph(self, reference: str, *, lang: str | None = None) -> Paragraph:
        """Return the paragraph a reference or key names (``hit.key``: exactly that hit's).

        Raises :class:`ReferenceNotFound` when nothing is cited so, or when the
        reference is a bare symbol (that is :meth:`get_resolution`).
        """
        from resolu.corpus.model import Paragraph

        found = self.get(reference, lang=lang)
        if not isinstance(found, Paragraph):
            raise ReferenceNotFound(
                f"{reference} names a resolution, not a paragraph: use get_resolution"
            )
        return found

    def get_resolution(self, symbol: str, *, lang: str | None = None) -> Resolution:
        """Return a whole resolution by its symbol (``A/RES/55/109``, ``en:A/RES/55/109``).

        A paragraph reference names its resolution too. Raises :class:`ReferenceNotFound`.
        """
        _check_str("symbol", symbol)
        own, ref = _split_key(symbol.strip())
        bare = ref.partition("#")[0]
        found = self.get(f"{own}:{bare}" if own else bare, lang=lang)
        from resolu.corpus.model import Resolution

        assert isinstance(found, Resolution)  # a reference without '#' names a resolution
        return found

    def _counterpart(
        self, reference: str, matches: dict[str, dict[str, Any]], source: str, lang: str
    ) -> Paragraph | Resolution:
        """Return the paragraph in ``lang`` that translates the one found in ``source``."""
        aligned_keys = matches[source][PAYLOAD].get("aligned", ())
        aligned = [k for k in aligned_keys if k.startswith(f"{lang}:")]
        if aligned:
            return self.get(aligned[0])
        if lang in matches and not aligned_keys:
            return paragraph_from_stored(matches[lang])
        raise ReferenceNotFound(f"{reference} has no counterpart in '{lang}' in the index")

    def _near_symbols(self, symbol: str) -> tuple[str, ...]:
        """Return the indexed symbols nearest to one that names nothing, nearest first."""
        import difflib

        from .listing import list_resolutions

        typed = read_symbol(symbol)
        wanted = typed.key if typed else symbol.strip().lower()
        printed: dict[str, str] = {}
        for summary in list_resolutions(self._fresh()):
            held = read_symbol(summary.symbol)
            key = held.key if held else summary.symbol.lower()
            printed.setdefault(key, summary.symbol)
            printed.setdefault(short_form(key) or key, summary.symbol)
        near = difflib.get_close_matches(wanted, list(printed), n=6, cutoff=0.6)
        return tuple(dict.fromkeys(printed[k] for k in near))[:_SUGGESTED]

    def _documents_as_printed(self, symbol: str) -> list[dict[str, Any]]:
        """Return the stored paragraphs of a symbol the grammar does not read, as printed.

        ``A/69/308 (Part II)``, ``A/CONF.224/PC(III)/L.1``: found by the symbol
        they start with, kept where the whole symbol is the one asked for.
        """
        s = self._fresh()
        start = symbol_re().search(symbol)
        if start is None:
            return []
        wanted = normalize_symbol(symbol)
        found = []
        for docnum in s.document_numbers(**{SYMBOL: normalize_symbol(start.group(0))}):
            fields = s.stored_fields(docnum)
            if normalize_symbol(fields[SYMBOL]) == wanted:
                found.append(fields)
        found.sort(key=lambda f: f[PAYLOAD]["order"])
        return found

    def _documents_of(self, symbol: str) -> list[dict[str, Any]]:
        """Return the stored paragraphs of the resolution a symbol names, in document order.

        The symbol may be typed in any printed form (:func:`read_symbol`); a
        bare number naming several resolutions raises :class:`ReferenceNotFound`
        with them as suggestions.
        """
        s = self._fresh()
        typed = read_symbol(symbol)
        if typed is None:
            return self._documents_as_printed(symbol)
        if typed.series:
            return []
        keys = [typed.key]
        if typed.bare:
            keys = [t for t in s.reader().field_terms(SYMBOL) if t[:1].isalpha()]
            keys = [t for t in keys if typed.matches(t)]
        by_key: dict[str, list[dict[str, Any]]] = {}
        for key in keys:
            for docnum in s.document_numbers(**{SYMBOL: key}):
                fields = s.stored_fields(docnum)
                held = read_symbol(fields[SYMBOL])
                if held and held.key == key and typed.letter in ("", held.letter):
                    by_key.setdefault(key, []).append(fields)
        if len(by_key) > 1:
            named = tuple(docs[0][SYMBOL] for docs in by_key.values())
            raise ReferenceNotFound(
                f"{symbol} names several resolutions: {', '.join(named)}", suggestions=named
            )
        found = next(iter(by_key.values()), [])
        found.sort(key=lambda f: f[PAYLOAD]["order"])
        return found


#: How many nearest references a :class:`ReferenceNotFound` suggests.
_SUGGESTED = 3


def _read_reference(ref: str) -> tuple[str, tuple[str, ...] | None]:
    """Return the symbol a reference or printed label names and its local ids (None: none).

    ``A/RES/55/109#op4`` and ``A/RES/55/109, par. 4`` both give ``op4``; a
    label whose paragraph part cannot be read gives ``()`` (matched on the
    stored labels), a bare symbol None.
    """
    from resolu.corpus.labels import read_label

    if "#" in ref:
        symbol, _, local = ref.partition("#")
        return symbol, (local,)
    labelled = read_label(ref)
    if labelled is not None:
        return labelled
    head, sep, _ = ref.partition(",")
    if sep and read_symbol(head) is not None:
        return head.strip(), ()
    return ref, None


def _label_tail(label: str) -> str:
    """Return what a label says after its symbol, folded for comparison."""
    return " ".join(label.partition(",")[2].casefold().split())


def _paragraphs_named(
    docs: list[dict[str, Any]], locals_: tuple[str, ...], ref: str
) -> dict[str, dict[str, Any]]:
    """Return, per language, the stored paragraph of the first local id the index holds.

    Failing those, the paragraph whose label says what ``ref`` says after its
    symbol (a label of a parallel-corpus line, ``…, lignes 14-16``).
    """
    for local in locals_:
        found = {d[LANG]: d for d in docs if d["reference"].partition("#")[2] == local}
        if found:
            return found
    if "#" in ref or not _label_tail(ref):
        return {}
    tail = _label_tail(ref)
    return {d[LANG]: d for d in docs if _label_tail(d[PAYLOAD]["label"]) == tail}


def _near_references(docs: list[dict[str, Any]], locals_: tuple[str, ...]) -> tuple[str, ...]:
    """Return the references of a resolution nearest to local ids it does not hold."""
    import difflib

    refs = list(dict.fromkeys(d["reference"] for d in docs))
    by_local = {r.partition("#")[2]: r for r in refs}
    near: list[str] = []
    for local in locals_:
        near += difflib.get_close_matches(local, list(by_local), n=_SUGGESTED, cutoff=0.5)
    found = [by_local[n] for n in dict.fromkeys(near)]
    return tuple(found[:_SUGGESTED] or refs[:_SUGGESTED])


def _split_key(ref: str) -> tuple[str | None, str]:
    """Split ``en:A/RES/69/244#l2`` into its language and reference (no language: None)."""
    if len(ref) > 3 and ref[2] == ":" and ref[:2] in LANGUAGES:
        return ref[:2], ref[3:]
    return None, ref
