"""A Whoosh segment writer that keeps the new segment's postings in memory.

Whoosh's own writer sends every posting of every document through a
"pool": a Python tuple a posting, pickled to temporary run files once the
pool is full, merged back by an external sort at commit, then fed one at a
time to the codec. :class:`PostingsWriter` keeps the postings of the segment
it writes as integers in flat arrays instead (:mod:`resolu.index.inverted`),
sorts them by term once, and feeds Whoosh's codec a block at a time; the
segment is Whoosh's own and reads back the same (its postings pickled with
:data:`resolu.index.columns.PICKLE_PROTOCOL`, a rare term's kept in the term
table: :data:`INLINE_BELOW`). It analyses as Whoosh does,
with two shortcuts that give the same terms: a value that repeats (a
resolution's title, symbol, year on each of its paragraphs) is analysed once,
and a text without a ``/`` (so no UN symbol) is analysed a word at a time
from a table of the words already seen (:func:`resolu.index.analysis.word_term`);
a positional field keeps each document's tokens as term ids and positions,
made into postings by one sort when the segment is written
(:class:`resolu.index.inverted.TokenPostings`).

When the postings outgrow ``limitmb`` the writer finishes the segment and
starts another, so memory stays bounded however large the corpus; each
segment gets its impacts file (:mod:`resolu.index.impacts`) from the same
sorted arrays, without reading the segment back.
"""

from __future__ import annotations

import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from pickle import dumps
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import (
    COMPRESSION_MIN_SIZE,
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
)
from whoosh.formats import Existence, Frequency, Positions
from whoosh.system import pack_int, pack_uint
from whoosh.util.numeric import byte_to_length
from whoosh.writing import PostingPool, SegmentWriter

from .analysis import split_words, text_terms, word_term, word_terms
from .columns import PICKLE_PROTOCOL, ColumnValues, StoredFields
from .impacts import IMPACT_FIELDS, POSITION_FIELDS, ImpactsWriter, impacts_path
from .inverted import (
    STOP,
    FieldPostings,
    SortedPostings,
    TermIds,
    TokenPostings,
    ValuePostings,
)
from .position_values import encode_positions
from .terms import TermRows, write_terms

__all__ = ["PostingsWriter"]

#: Bytes held a posting (term id, frequency, weight; doubled for the sort at the end) and a
#: position, and a term (its entry in the table of ids and its bytes). The segments a budget
#: gives follow from these figures: changing them moves where a large build starts a segment.
_POSTING_BYTES = 16
_POSITION_BYTES = 8
_TERM_BYTES = 120

#: A term in fewer documents than this keeps its postings in its entry of the term table.
#: Whoosh's writer would give it a block of its own (its ``inlinelimit`` is 1): a pickled
#: header and a pickled, often compressed, body for a word found in one paragraph, some 40%
#: of an index's terms. Inlined, they are one pickle, read with the entry (``ListMatcher``).
#: (Whoosh's own inlining fails: ``finish_postings`` calls a ``set_inline`` its term info
#: does not have. Its reading is sound, once corrected: ``resolu.search.whoosh_fixes``.)
INLINE_BELOW = 16

#: Values whose postings a text field without positions remembers (then forgets).
_VALUES_KEPT = 4096

#: Words whose term ids a positional field remembers (then forgets, and looks up again).
_WORDS_LIMIT = 500_000

#: What adding a document with a set of fields does: (name, adder) of its indexed fields,
#: the names of those stored, (name, values) of those with a column.
_Layout = tuple[list[tuple[str, "_Adder"]], list[str], list[tuple[str, ColumnValues]]]

#: Adds a field's value for a document; returns the field's length and the bytes it holds.
_Adder = Callable[[Any, int], tuple[int, int]]


class PostingsWriter(SegmentWriter):
    """Write the documents added into new segments, from postings held in memory.

    The documents of one writer land in one segment unless their postings
    outgrow ``limitmb`` (then in several, each written as it fills).
    """

    def __init__(self, ix: Any, *, limitmb: int = 256, **kwargs: Any) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)  # type: ignore[no-untyped-call]
        self._limitmb = limitmb
        self._budget = limitmb * 1024 * 1024
        self._folder = Path(ix.storage.folder)
        self._finished: list[Any] = []
        self._impacts: ImpactsWriter | None = None
        self._buffers: dict[str, FieldPostings | TokenPostings | ValuePostings] = {}
        # The words of the last text split: the paragraph goes to two fields (ranked and exact).
        self._split: list[Any] = [None, []]
        self._columns: dict[str, ColumnValues] = {}
        self._stored = StoredFields()
        self._plans = {name: self._plan(name) for name in self.schema.names()}
        self._known = frozenset(self._plans)
        # Documents come with the same fields in the same order: each set's plans, made once.
        self._layouts: dict[tuple[str, ...], _Layout] = {}
        self._start_postings()

    def _plan(self, name: str) -> tuple[_Adder | None, bool, ColumnValues | None]:
        """Return what adding a field's value does: its postings, whether stored, its column."""
        field = self.schema[name]
        column = self._columns[name] = ColumnValues(field.to_column_value)
        return (
            self._adder(name) if field.indexed else None,
            bool(field.stored),
            column if field.column_type else None,
        )

    def _layout(self, names: tuple[str, ...]) -> _Layout:
        """Return what adding a document with these fields does, each part in name order."""
        fieldnames = sorted(name for name in names if not name.startswith("_"))
        if not self._known.issuperset(fieldnames):
            self._check_fields(self.schema, fieldnames)  # type: ignore[no-untyped-call]
        plans = [(name, *self._plans[name]) for name in fieldnames]
        layout = (
            [(name, add) for name, add, _, _ in plans if add is not None],
            [name for name, _, keep, _ in plans if keep],
            [(name, column) for name, _, _, column in plans if column is not None],
        )
        self._layouts[names] = layout
        return layout

    # ------------------------------------------------------------ analysis

    def _adder(self, name: str) -> _Adder:
        """Return the function adding a field's postings for a value, as ``field.index`` gives."""
        field = self.schema[name]
        fmt = field.format
        analyzer = getattr(field, "analyzer", None)
        positional = type(fmt) is Positions
        if type(fmt) not in (Existence, Frequency, Positions):
            raise TypeError(f"{name}: no in-memory postings for {type(fmt).__name__}")
        if positional:
            tokens = self._buffers[name] = TokenPostings()
            return _token_adder(tokens, analyzer, self._split, scorable=field.scorable)
        if analyzer is not None and word_term(analyzer) is not None:
            buf = self._buffers[name] = FieldPostings()
            return _text_adder(buf, analyzer, scorable=field.scorable)
        values = ValuePostings(field.index, scorable=field.scorable, posting_bytes=_POSTING_BYTES)
        self._buffers[name] = values
        return values.add

    # ------------------------------------------------------------ adding

    def _start_postings(self) -> None:
        for buf in self._buffers.values():
            buf.clear()
        #: Per field, the documents with a length and their lengths.
        self._lengths: dict[str, tuple[array[int], array[int]]] = {}
        self._lengths_written = False
        self._size = 0

    def add_document(self, **fields: Any) -> None:
        """Add one document, as ``SegmentWriter.add_document`` does (no boosts)."""
        self._check_state()  # type: ignore[no-untyped-call]
        if self._size > self._budget:
            self._next_segment()
        perdocwriter = self.perdocwriter
        docnum = self.docnum
        if None in fields.values():
            # Whoosh leaves out a field whose value is None.
            fields = {name: value for name, value in fields.items() if value is not None}
        layout = self._layouts.get(tuple(fields))
        if layout is None:
            layout = self._layout(tuple(fields))
        indexed, stored, columns = layout
        # What start_doc does; the stored fields and columns are written in bulk (StoredFields,
        # ColumnValues), the lengths at the end (_write_lengths).
        perdocwriter._docnum = docnum
        perdocwriter._doccount += 1
        size = 0
        lengths = self._lengths
        for fieldname, add in indexed:
            length, added = add(fields[fieldname], docnum)
            size += added
            if length:
                found = lengths.get(fieldname)
                if found is None:
                    found = lengths[fieldname] = (array("I"), array("I"))
                found[0].append(docnum)
                found[1].append(length)
        for fieldname, column in columns:
            if not column.values:
                # Created where Whoosh creates it: the segment's file lists columns in order.
                perdocwriter._create_column(fieldname, self.schema[fieldname].column_type)
            column.docnums.append(docnum)
            column.values.append(fields[fieldname])
        self._stored.add(perdocwriter, docnum, {name: fields[name] for name in stored})
        self._size += size
        self._added = True
        self.docnum += 1

    def _length_column(self, name: str) -> bytes:
        """Return a field's length column: a byte a document up to the last with a length.

        Zero for a document without one: what the column's writer makes of one
        value at a time.
        """
        docnums, lengths = self._lengths[name]
        found = np.zeros(docnums[-1] + 1, dtype=np.uint8)
        found[np.frombuffer(docnums, dtype=np.uint32)] = _length_bytes(
            np.frombuffer(lengths, dtype=np.uint32).astype(np.int64)
        )
        return found.tobytes()

    def _write_lengths(self) -> None:
        """Write the columns and stored fields held, and each field's length column and total.

        Lengths are written as ``add_field`` does a document at a time.
        The column holds a byte a document up to the last with a length (zero
        for none), which is what the column's writer makes of one value at a time.
        """
        if self._lengths_written:
            return
        self._lengths_written = True
        perdocwriter = self.perdocwriter
        self._stored.finish()
        for name, values in self._columns.items():
            if len(values):
                values.write(perdocwriter._colwriters[name])
        for name in sorted(self._lengths):
            column = f"_{name}_len"  # whoosh3._lenfield
            perdocwriter._create_column(column, LENGTHS_COLUMN)
            writer = perdocwriter._colwriters[column]
            raw = self._length_column(name)
            writer._dbfile.write(raw)
            writer._count = len(raw)
            perdocwriter._fieldlengths[name] += sum(self._lengths[name][1])

    # ------------------------------------------------------------ writing

    def _next_segment(self) -> None:
        """Finish the segment being written and start a new one."""
        self._finished.append(self._finalize_segment())  # type: ignore[no-untyped-call]
        codec = self.codec
        self.newsegment = codec.new_segment(self.storage, self.indexname)
        self.compound = self.newsegment.should_assemble()
        self.perdocwriter = codec.per_document_writer(self.storage, self.newsegment)
        self.fieldwriter = codec.field_writer(self.storage, self.newsegment)
        self.pool = PostingPool(self._tempstorage, self.newsegment, limitmb=self._limitmb)  # type: ignore[no-untyped-call]
        self.docnum = self.docbase = 0
        self._start_postings()

    def _merge_segments(self, mergetype: Any, optimize: Any, merge: Any) -> Any:
        # The documents of segments merged into this one come after this
        # writer's, their lengths written a document at a time: write ours first.
        self._write_lengths()
        # The segments this writer already finished join whatever the merge policy keeps.
        kept = super()._merge_segments(mergetype, optimize, merge)  # type: ignore[no-untyped-call]
        return [*kept, *self._finished]

    def _sorted_fields(self) -> Iterator[tuple[str, SortedPostings]]:
        """Yield each field that has postings, sorted, in name order (emptying each as it goes)."""
        for name in sorted(self._buffers):
            buf = self._buffers[name]
            if len(buf):
                found = buf.sorted(self.schema[name].format.field_boost)
                buf.clear()
                yield name, found

    def _flush_segment(self) -> None:
        doccount = self.docnum
        self._write_lengths()
        if self.pool.current or self.pool.runs:
            # Segments merged into this one (an update's merge policy) came
            # through Whoosh's pool: let Whoosh write everything from it.
            for name, found in self._sorted_fields():
                for item in _pool_items(name, found, self.schema[name].format):
                    self.pool.add(item)  # type: ignore[no-untyped-call]
            super()._flush_segment()  # type: ignore[no-untyped-call]
            return
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        impacts = self._impacts = ImpactsWriter(self._folder)
        for name, found in self._sorted_fields():
            field = self.schema[name]
            fieldwriter.start_field(name, field)
            _write_field(fieldwriter, found, field.format, self._lengths_of(name, doccount))
            fieldwriter.finish_field()
            if name in IMPACT_FIELDS:
                positions = None
                if name in POSITION_FIELDS and found.positions is not None:
                    positions = (found.freqs, found.positions)
                impacts.add_field(
                    name,
                    found.terms,
                    found.counts,
                    (found.docs, found.weights),
                    positions,
                )
        fieldwriter.close()

    def _assemble_segment(self) -> None:
        super()._assemble_segment()  # type: ignore[no-untyped-call]
        impacts, self._impacts = self._impacts, None
        if impacts is None:
            return
        # After the compound file is made, so that it does not swallow the impacts file.
        doccount = self.docnum
        segid = self.get_segment().segment_id()  # type: ignore[no-untyped-call]
        target = impacts_path(self._folder, segid)
        impacts.write(target, self.schema, doccount, lambda n: self._lengths_of(n, doccount))

    def _lengths_of(self, name: str, doccount: int) -> np.ndarray:
        """Return the field's length per document, as Whoosh decodes its length bytes."""
        out = np.zeros(doccount, dtype=np.uint32)
        if name in self._lengths:
            raw = self._length_column(name)
            out[: len(raw)] = _BYTE_LENGTHS[np.frombuffer(raw, dtype=np.uint8)]
        return out


def _text_adder(buf: FieldPostings, analyzer: Any, *, scorable: bool) -> _Adder:
    """Return the adder of a text field without positions: a repeated value is analysed once.

    A title or a symbol repeats on each paragraph of its resolution, and a
    document's symbol on each of its runs of lines in a parallel corpus.
    """
    ids, cache = buf.ids, buf.cache

    def add(value: Any, docnum: int) -> tuple[int, int]:
        known = len(ids)
        found = cache.get(value) if isinstance(value, str) else None
        if found is None:
            counts = _term_counts(analyzer, value)
            tids = [ids[t] for t in counts]
            freqs = list(counts.values())
            found = (tids, freqs, sum(freqs))
            if isinstance(value, str):
                if len(cache) >= _VALUES_KEPT:
                    cache.clear()
                cache[value] = found
        tids, freqs, length = found
        buf.add(docnum, tids, freqs)
        size = (len(ids) - known) * _TERM_BYTES + len(tids) * _POSTING_BYTES
        return (length if scorable else 0), size

    return add


def _token_adder(
    tokens: TokenPostings, analyzer: Any, split: list[Any], *, scorable: bool
) -> _Adder:
    """Return the adder of a positional text field: a term id a word, from a table of words.

    A text without a ``/`` is its words, each one term (or none) at its place
    (:func:`resolu.index.analysis.word_term`); any other is analysed whole.
    ``split`` holds the last text split and its words, shared by the fields.
    """
    ids, words = tokens.ids, tokens.words
    term_of = word_term(analyzer)
    known_id = words.get

    def word_id(word: str) -> int:
        term = term_of(word) if term_of is not None else ""
        if len(words) > _WORDS_LIMIT:
            words.clear()
        tid = words[word] = ids[term] if term else STOP
        return tid

    def add(value: Any, docnum: int) -> tuple[int, int]:
        known = len(ids)
        tids: list[int]
        if term_of is not None and isinstance(value, str) and "/" not in value:
            if split[0] is not value:
                split[:] = [value, split_words(value)]
            found = split[1]
            known_ids = list(map(known_id, found))
            if None in known_ids:
                tids = [
                    word_id(w) if t is None else t for t, w in zip(known_ids, found, strict=True)
                ]
            else:
                tids = known_ids  # type: ignore[assignment]  # no None in it
            tokens.add(docnum, tids, range(len(tids)))
            length = len(tids) - tids.count(STOP)
        else:
            tids, positions = _tokens(analyzer, value, ids)
            tokens.add(docnum, tids, positions)
            length = len(tids)
        # A posting a distinct term of the document, a position a token with a term.
        postings = len(set(tids)) - (length < len(tids))
        size = (len(ids) - known) * _TERM_BYTES + postings * _POSTING_BYTES
        size += length * _POSITION_BYTES
        return (length if scorable else 0), size

    return add


def _term_counts(analyzer: Any, value: Any) -> dict[str, int]:
    """Return the terms the analyzer makes of a value, each with its count, as Whoosh does."""
    if isinstance(value, str):
        found = word_terms(analyzer, value)
        if found is not None:
            return {term: len(poses) for term, poses in found.items()}
        tokens = text_terms(analyzer, value)
        if tokens is not None:
            return Counter(tokens[0])
    return {term: len(poses) for term, poses in _analysed(analyzer, value).items()}


def _tokens(analyzer: Any, value: Any, ids: TermIds) -> tuple[list[int], Iterable[int]]:
    """Return the term ids and positions of a value's tokens, each term's positions rising."""
    found = text_terms(analyzer, value) if isinstance(value, str) else None
    if found is not None:
        return [ids[t] for t in found[0]], found[1]
    terms = _analysed(analyzer, value)
    return [ids[t] for t, poses in terms.items() for _ in poses], chain.from_iterable(
        terms.values()
    )


def _analysed(analyzer: Any, value: Any) -> dict[str, list[int]]:
    """Return the terms the analyzer makes of a value, each with its positions, as Whoosh does."""
    found: dict[str, list[int]] = {}
    for t in analyzer(value, positions=True, boosts=True, mode="index"):
        if not t.stopped:
            found.setdefault(t.text, []).append(t.pos)
    return found


def _write_field(fieldwriter: Any, found: SortedPostings, fmt: Any, lengths: np.ndarray) -> None:
    """Write a field's postings as Whoosh's postings writer does, a term at a time.

    Whoosh's ``W3PostingsWriter`` takes postings one by one and writes a
    block each ``blocklimit`` of them (the last one marked), updating the
    term's statistics a block at a time; here each term's blocks are encoded
    as its ``_write_block`` encodes them (:class:`_Blocks`), with the block
    and term statistics taken from whole arrays, the postings written a
    megabyte at a time and the term table's rows at once
    (:func:`resolu.index.terms.write_terms`).
    """
    writer = fieldwriter._postwriter
    blocks = _Blocks(found, fmt, lengths, writer._blocklimit, writer._compression)
    # Whoosh reads the inlined postings of a field without values (Existence) as values ""
    # (str), which its merging refuses: those stay in blocks.
    inline_below = 1 if type(fmt) is Existence else INLINE_BELOW
    postfile = writer._postfile
    offset = postfile.tell()
    extents: list[tuple[int, int] | tuple[bytes]] = []
    held: list[bytes] = []
    size = 0
    for start, end in blocks.extents():
        if end - start < inline_below and end - start <= blocks.step:  # see finish_postings
            extents.append((blocks.inlined(start, end),))
            continue
        data = blocks.term(start, end)
        extents.append((offset, len(data)))
        offset += len(data)
        held.append(data)
        size += len(data)
        if size > _POSTINGS_BUFFER:
            postfile.write(b"".join(held))
            held.clear()
            size = 0
    postfile.write(b"".join(held))
    write_terms(fieldwriter, found.terms, blocks.rows(extents))


class _Blocks:
    """Encode a field's sorted postings into Whoosh's blocks, a term at a time."""

    def __init__(
        self,
        found: SortedPostings,
        fmt: Any,
        lengths: np.ndarray,
        step: int,
        compression: int,
    ) -> None:
        self.step = step
        self.compression = compression
        self.counts = found.counts
        self.values = _Values(found, fmt)
        self.fixed = fmt.fixed_value_size()
        ends = np.cumsum(found.counts)
        blocks = (found.counts + step - 1) // step
        # Where each block starts: its term's start, plus ``step`` per block before it in the term.
        within = np.arange(int(blocks.sum())) - np.repeat(np.cumsum(blocks) - blocks, blocks)
        starts = np.repeat(ends - found.counts, blocks) + within * step
        docs = found.docs.astype(np.int64)
        doc_lengths = lengths[docs]
        maxweights = np.maximum.reduceat(found.weights, starts)
        self.maxweights = maxweights.tolist()
        # Whether each block's weights are all the same (then Whoosh keeps one, or none for 1.0).
        self.same = (np.minimum.reduceat(found.weights, starts) == maxweights).tolist()
        none = np.where(doc_lengths, doc_lengths, _NO_LENGTH)
        self.minbytes = _length_bytes(np.minimum.reduceat(none, starts)).tolist()
        self.maxbytes = _length_bytes(np.maximum.reduceat(doc_lengths, starts)).tolist()
        # Each term's statistics, as W3TermInfo.add_block gathers them block by block.
        first = ends - found.counts
        self.term_stats = (
            found.counts.tolist(),
            _length_bytes(np.minimum.reduceat(none, first)).tolist(),
            _length_bytes(np.maximum.reduceat(doc_lengths, first)).tolist(),
            np.maximum.reduceat(found.weights, first).tolist(),
            found.docs[first].tolist(),
            found.docs[ends - 1].tolist(),
        )
        #: Each term's total weight: Python's sum of each block's, added up as Whoosh does.
        self.totals: list[float] = []
        gaps = np.diff(docs, prepend=0)
        gaps[starts] = docs[starts]  # each block's ids are delta-encoded from 0
        self.arrays = (gaps, found.docs, found.weights, found.freqs)
        self.ends = ends.tolist()
        self.block = 0
        # The postings from ``self.first`` on as Python lists, a window at a time (memory).
        self.first = self.last = 0
        self.gaps: list[int] = []
        self.docs: list[int] = []
        self.weights: list[float] = []
        self.freqs: list[int] = []

    def _window(self, start: int, end: int) -> None:
        """Hold the postings from ``start`` to at least ``end`` as lists."""
        last = max(end, start + _WINDOW)
        self.gaps, self.docs, self.weights, self.freqs = (
            a[start:last].tolist() for a in self.arrays
        )
        self.first, self.last = start, last

    def extents(self) -> Iterator[tuple[int, int]]:
        """Yield where each term's postings start and end."""
        start = 0
        for end in self.ends:
            yield start, end
            start = end

    def term(self, start: int, end: int) -> bytes:
        """Return the bytes of a term's blocks, adding up its weight as each block would."""
        parts = [WHOOSH3_HEADER_MAGIC]
        if end > self.last:
            self._window(start, end)
        total: float = 0
        while start < end:
            stop = min(start + self.step, end)
            head, data = self._block(start - self.first, stop - self.first)
            total += sum(self.weights[start - self.first : stop - self.first])
            size = len(head) + len(data)
            parts += (pack_int(-size if stop == end else size), head, data)
            self.block += 1
            start = stop
        self.totals.append(total)
        return b"".join(parts)

    def inlined(self, start: int, end: int) -> bytes:
        """Return a term's postings as its entry in the term table keeps them, and count them.

        What ``W3PostingsWriter.finish_postings`` inlines: the documents,
        their weights and their non-empty values, pickled.
        """
        if end > self.last:
            self._window(start, end)
        at, stop = start - self.first, end - self.first
        weights = self.weights[at:stop]
        self.totals.append(sum(weights))
        self.block += 1
        kept = self.values.block(start, self.freqs[at:stop])
        return dumps((tuple(self.docs[at:stop]), tuple(weights), tuple(kept)), PICKLE_PROTOCOL)

    def rows(self, extents: list[tuple[int, int] | tuple[bytes]]) -> TermRows:
        """Return each term's row of the term table (after :meth:`term` for every term)."""
        counts, low, high, maxweights, minids, maxids = self.term_stats
        return [
            (total, df, a, b, w, i, j, *e)
            for total, df, a, b, w, i, j, e in zip(
                self.totals, counts, low, high, maxweights, minids, maxids, extents, strict=True
            )
        ]

    def _block(self, start: int, stop: int) -> tuple[bytes, bytes]:
        """Return a block's info and data bytes (W3PostingsWriter._write_block) and count it.

        ``start`` and ``stop`` are places in the window.
        """
        block = self.block
        weights = self.weights[start:stop]
        mini_weights: Any = tuple(weights)
        if self.same[block]:
            mini_weights = None if weights[0] == 1.0 else weights[0]
        kept = self.values.block(start + self.first, self.freqs[start:stop])
        fixed = self.fixed
        mini_values: Any = tuple(kept) if fixed is None or fixed < 0 else None
        if fixed:
            mini_values = b"".join(kept)
        data = dumps((tuple(self.gaps[start:stop]), mini_weights, mini_values), PICKLE_PROTOCOL)
        comp = self.compression if len(data) >= COMPRESSION_MIN_SIZE else 0
        if comp:
            data = zlib.compress(data, comp)
        info = (
            stop - start,
            self.docs[stop - 1],
            self.maxweights[block],
            comp,
            self.minbytes[block],
            self.maxbytes[block],
        )
        return dumps(info, PICKLE_PROTOCOL), data


class _Values:
    """The encoded values (Whoosh's bytes a posting) of a field's sorted postings."""

    def __init__(self, found: SortedPostings, fmt: Any) -> None:
        self.kind = type(fmt)
        self.encode: Any = getattr(fmt, "encode", None)
        self.freqs = found.freqs
        self.positions = found.positions
        self.starts = found.position_starts() if found.positions is not None else None
        self.single: dict[int, bytes] = {}
        # The encoded values of postings from ``first`` on, a window at a time (memory).
        self.first = self.last = 0
        self.window: list[bytes] | None = None

    def block(self, start: int, freqs: list[int]) -> list[bytes]:
        """Return the non-empty values (what a block keeps) of the postings from ``start`` on,
        of frequencies ``freqs``."""
        if self.kind is Existence:
            return []
        if self.kind is Frequency:
            return [_PACKED[f] if f < 256 else pack_uint(f) for f in freqs]
        stop = start + len(freqs)
        if stop > self.last or start < self.first:
            self._encode(start, stop)
        if self.window is None:
            return self._positions(start, freqs)
        at = start - self.first
        return self.window[at : at + len(freqs)]

    def _encode(self, start: int, stop: int) -> None:
        """Encode the values of the postings from ``start`` to at least ``stop`` at once."""
        assert self.positions is not None and self.starts is not None
        last = min(max(stop, start + _WINDOW), len(self.freqs))
        freqs = self.freqs[start:last]
        encoded = encode_positions(self.positions[self.starts[start] : self.starts[last]], freqs)
        self.first, self.last = start, last
        if encoded is None:
            self.window = None
            return
        found, ends = encoded
        # A block pickles its values: one object for equal single positions, as Whoosh's
        # codec gets them (_positions), makes pickle refer back to it rather than repeat it.
        ones = freqs == 1
        firsts = self.positions[self.starts[start:last][ones]].astype(np.int64)
        values = np.empty(last - start, dtype=object)
        if len(firsts):
            # The distinct positions; np.unique would load numpy.ma (some 6 ms) in every build.
            seen = np.zeros(int(firsts.max()) + 1, dtype=bool)
            seen[firsts] = True
            known = np.flatnonzero(seen)
            table = np.empty(int(known[-1]) + 1, dtype=object)
            table[known] = [self._single(p) for p in known.tolist()]
            values[ones] = table[firsts]
        several = np.flatnonzero(~ones)
        values[several] = list(
            map(found.__getitem__, map(slice, ends[several].tolist(), ends[several + 1].tolist()))
        )
        self.window = values.tolist()

    def _single(self, position: int) -> bytes:
        """Return the one value object of a posting with one position, ``position``."""
        value = self.single.get(position)
        if value is None:
            value = self.single[position] = self.encode([position])
        return value

    def all(self, start: int, stop: int) -> list[bytes]:
        """Return the values of postings ``start`` to ``stop``, empty ones included."""
        if self.kind is Existence:
            return [b""] * (stop - start)
        return self.block(start, self.freqs[start:stop].tolist())

    def _positions(self, start: int, freqs: list[int]) -> list[bytes]:
        """Encode a posting at a time (postings ``encode_positions`` leaves to Whoosh)."""
        assert self.positions is not None and self.starts is not None
        found = self.positions[self.starts[start] : self.starts[start + len(freqs)]].tolist()
        encode = self.encode
        out = []
        at = 0
        for f in freqs:
            out.append(self._single(found[at]) if f == 1 else encode(found[at : at + f]))
            at += f
        return out


def _pool_items(
    name: str, found: SortedPostings, fmt: Any
) -> Iterator[tuple[str, bytes, int, float, bytes]]:
    """Yield a field's postings as Whoosh's pool takes them, in order."""
    values = _Values(found, fmt)
    start = 0
    for term, count in zip(found.terms, found.counts.tolist(), strict=True):
        stop = start + count
        docs = found.docs[start:stop].tolist()
        weights = found.weights[start:stop].tolist()
        yield from (
            (name, term, d, w, v)
            for d, w, v in zip(docs, weights, values.all(start, stop), strict=True)
        )
        start = stop


def _length_bytes(lengths: np.ndarray) -> np.ndarray:
    """Return ``length_to_byte`` of each length, 0 for :data:`_NO_LENGTH` (None to Whoosh)."""
    found = np.minimum(np.searchsorted(_BYTE_LENGTHS, lengths, side="left"), 255)
    found[lengths == _NO_LENGTH] = 0
    return found


_BYTE_LENGTHS = np.array([0] + [byte_to_length(b) for b in range(1, 256)], dtype=np.uint32)
_PACKED = [pack_uint(f) for f in range(256)]
#: Bytes of postings held before they are written to the postings file.
_POSTINGS_BUFFER = 1 << 20
#: Postings held as Python lists at a time while blocks are encoded.
_WINDOW = 1 << 16
#: A block's shortest length when none of its documents has one.
_NO_LENGTH = 1 << 31
