"""A Whoosh segment writer that keeps the new segment's postings in memory.

Whoosh's own writer sends every posting of every document through a
"pool": a Python tuple a posting, pickled to temporary run files once the
pool is full, merged back by an external sort at commit, then fed one at a
time to the codec. :class:`PostingsWriter` keeps the postings of the segment
it writes in per-field, per-term arrays instead, sorts the terms once, and
feeds Whoosh's codec writers directly; the segment is Whoosh's own and reads
back the same. It analyses as Whoosh does, with two shortcuts that give the
same terms: a value that repeats (a resolution's title, symbol, year on each
of its paragraphs) is analysed once, and a text without a ``/`` (so no UN
symbol) is analysed a word at a time from a table of the words already seen
(:func:`resolu.index.analysis.word_terms`).

When the postings outgrow ``limitmb`` the writer finishes the segment and
starts another, so memory stays bounded however large the corpus; each
segment gets its impacts file (:mod:`resolu.index.impacts`) from the same
arrays, without reading the segment back.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh.analysis import IDTokenizer
from whoosh.formats import Existence, Frequency, Positions
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import PostingPool, SegmentWriter

from .analysis import word_terms
from .impacts import write_segment_arrays

__all__ = ["PostingsWriter"]

#: (term, frequency, weight, encoded value): what ``FieldType.index`` yields.
Item = tuple[bytes, int, float, bytes]

_CACHE_LIMIT = 50_000


#: One field's postings: per term, its document numbers, weights and encoded values.
_Terms = dict[bytes, tuple["array[int]", "array[float]", list[bytes]]]


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
        self._caches: dict[str, dict[Any, tuple[Item, ...]]] = {}
        self._index_of = {name: self._indexer(name) for name in self.schema.names()}
        self._start_postings()

    # ------------------------------------------------------------ analysis

    def _indexer(self, name: str) -> Any:
        """Return the function giving a field's items for a value, as ``field.index`` does."""
        field = self.schema[name]
        if not field.indexed:
            return None
        fmt = field.format
        analyzer = getattr(field, "analyzer", None)
        if type(fmt) is Existence and type(analyzer) is IDTokenizer:
            boost = float(fmt.field_boost)
            whole = self._cached_indexer(name, field)

            def term(value: Any) -> Any:
                if type(value) is not str:
                    return whole(value)
                return ((value.encode("utf-8"), 1, boost, b""),)

            return term
        if type(fmt) in (Positions, Frequency) and analyzer is not None:
            return self._text_indexer(name, field)
        return self._cached_indexer(name, field)

    def _cached_indexer(self, name: str, field: Any) -> Any:
        cache = self._caches.setdefault(name, {})
        index = field.index

        def items(value: Any) -> tuple[Item, ...]:
            key = value if isinstance(value, (str, int, float)) else None
            if key is not None and (found := cache.get(key)) is not None:
                return found
            made = tuple(index(value))
            if key is not None:
                if len(cache) > _CACHE_LIMIT:
                    cache.clear()
                cache[key] = made
            return made

        return items

    def _text_indexer(self, name: str, field: Any) -> Any:
        """Return the items of a text field: word by word where the analyzer allows it."""
        whole = self._cached_indexer(name, field)
        analyzer = field.analyzer
        fmt = field.format
        boost = float(fmt.field_boost)
        positional = type(fmt) is Positions
        encode: Any = fmt.encode if positional else None
        single: dict[int, bytes] = {}

        def items(value: Any) -> Any:
            if not isinstance(value, str):
                return whole(value)
            found = word_terms(analyzer, value)
            if found is None:
                return whole(value)
            if not positional:
                return [
                    (term.encode("utf-8"), len(p), len(p) * boost, pack_uint(len(p)))
                    for term, p in found.items()
                ]
            out = []
            for term, poses in found.items():
                n = len(poses)
                if n == 1:
                    pos = poses[0]
                    vbytes = single.get(pos)
                    if vbytes is None:
                        vbytes = single[pos] = encode(poses)
                    out.append((term.encode("utf-8"), 1, boost, vbytes))
                else:
                    out.append((term.encode("utf-8"), n, n * boost, encode(poses)))
            return out

        return items

    # ------------------------------------------------------------ adding

    def _start_postings(self) -> None:
        self._postings: dict[str, _Terms] = {}
        self._lengths: dict[str, array[int]] = {}
        self._size = 0

    def add_document(self, **fields: Any) -> None:
        """Add one document, as ``SegmentWriter.add_document`` does (no boosts)."""
        self._check_state()  # type: ignore[no-untyped-call]
        if self._size > self._budget:
            self._next_segment()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)  # type: ignore[no-untyped-call]
        perdocwriter.start_doc(docnum)
        size = 0
        for fieldname in fieldnames:
            value = fields[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                length, added = self._add_postings(fieldname, field, value, docnum)
                size += added
            perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
        perdocwriter.finish_doc()
        self._size += size
        self._added = True
        self.docnum += 1

    def _add_postings(self, name: str, field: Any, value: Any, docnum: int) -> tuple[int, int]:
        """Add a field's postings for one document; return its length and bytes held."""
        terms = self._postings.get(name)
        if terms is None:
            terms = self._postings[name] = {}
        length = size = 0
        items = self._index_of[name](value)
        for tbytes, freq, weight, vbytes in items:
            entry = terms.get(tbytes)
            if entry is None:
                entry = terms[tbytes] = (array("I"), array("f"), [])
                size += 200 + len(tbytes)
            entry[0].append(docnum)
            entry[1].append(weight)
            entry[2].append(vbytes)
            length += freq
            if freq > 1:
                size += len(vbytes)
        size += 16 * len(items)
        if not field.scorable:
            length = 0
        if length:
            lengths = self._lengths.get(name)
            if lengths is None:
                lengths = self._lengths[name] = array("B")
            if len(lengths) < docnum:
                lengths.extend(bytes(docnum - len(lengths)))
            lengths.append(length_to_byte(length))
        return length, size

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
        # The segments this writer already finished join whatever the merge policy keeps.
        kept = super()._merge_segments(mergetype, optimize, merge)  # type: ignore[no-untyped-call]
        return [*kept, *self._finished]

    def _flush_segment(self) -> None:
        if self.pool.current or self.pool.runs:
            # Segments merged into this one (an update's merge policy) came
            # through Whoosh's pool: let Whoosh write everything from it.
            for item in self._sorted_postings():
                self.pool.add(item)  # type: ignore[no-untyped-call]
            self._postings = {}
            super()._flush_segment()  # type: ignore[no-untyped-call]
            return
        self.perdocwriter.close()
        doccount = self.docnum
        fieldwriter = self.fieldwriter
        schema = self.schema
        for name in sorted(self._postings):
            field = schema[name]
            fieldwriter.start_field(name, field)
            lengths = self._decoded_lengths(name, doccount)
            terms = self._postings[name]
            for tbytes in sorted(terms):
                fieldwriter.start_term(tbytes)
                _write_blocks(fieldwriter._postwriter, *terms[tbytes], lengths)
                fieldwriter.finish_term()
            fieldwriter.finish_field()
        fieldwriter.close()

    def _assemble_segment(self) -> None:
        super()._assemble_segment()  # type: ignore[no-untyped-call]
        if not self._postings:
            return
        # After the compound file is made, so that it does not swallow the impacts file.
        doccount = self.docnum
        write_segment_arrays(
            self._folder,
            self.get_segment().segment_id(),  # type: ignore[no-untyped-call]
            self.schema,
            doccount,
            {name: self._sorted_terms(name) for name in self._postings},
            {name: self._decoded_lengths(name, doccount) for name in self._lengths},
        )
        self._postings = {}

    def _decoded_lengths(self, name: str, doccount: int) -> list[int]:
        raw = self._lengths.get(name, array("B"))
        return [_BYTE_LENGTHS[b] for b in raw] + [0] * (doccount - len(raw))

    def _sorted_terms(self, name: str) -> Iterator[tuple[bytes, Any, Any, list[bytes]]]:
        terms = self._postings[name]
        for tbytes in sorted(terms):
            docs, weights, values = terms[tbytes]
            yield tbytes, docs, weights, values

    def _sorted_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        for name in sorted(self._postings):
            terms = self._postings[name]
            for tbytes in sorted(terms):
                docs, weights, values = terms[tbytes]
                for docnum, weight, vbytes in zip(docs, weights, values, strict=True):
                    yield (name, tbytes, docnum, weight, vbytes)


def _write_blocks(
    writer: Any, docs: array[int], weights: array[float], values: list[bytes], lengths: list[int]
) -> None:
    """Write one term's postings as Whoosh's postings writer does, a block at a time.

    Whoosh's ``W3PostingsWriter`` takes postings one by one and writes a
    block each ``blocklimit`` of them (the last one marked); here each
    block's buffers and statistics are set at once and its own
    ``_write_block`` encodes it, so the bytes are the ones it would write.
    """
    step = writer._blocklimit
    count = len(docs)
    for start in range(0, count, step):
        end = min(start + step, count)
        writer._ids = docs[start:end]
        block_weights = writer._weights = weights[start:end]
        writer._values = [v for v in values[start:end] if v]
        writer._maxweight = max(block_weights)
        found = [n for n in map(lengths.__getitem__, writer._ids) if n]
        writer._minlength = min(found) if found else None
        writer._maxlength = max(found) if found else 0
        writer._write_block(last=end == count)


_BYTE_LENGTHS = [0] + [byte_to_length(b) for b in range(1, 256)]
