"""Impacts: each Whoosh segment's postings and field lengths as flat, memory-mapped arrays.

Whoosh reads postings one at a time in Python, about a microsecond each: a
common word of the whole UN archive has hundreds of thousands of them. After
each commit, :func:`write_impacts` writes beside every segment a file
``resolu_<segment id>.impacts`` holding, for the fields queries score, every
term's document numbers and weights and every document's (Whoosh-encoded)
field length, so that ``resolu.search.fastpath`` scores a term in one
vectorised pass over a memory map. Whoosh stays the index of record: an
impacts file is derived from its segment, never read without it, and named so
that Whoosh deletes it with its segment when a merge retires that segment.
Deletions are not in the file (a segment's deletions change without the
segment being rewritten): readers mask them with the segment's own set.

The file: 8 bytes of magic, the length of a JSON header (8 bytes, little
endian), the header (names, dtypes, offsets and lengths of the arrays), then the
arrays, each aligned on 8 bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import pickle
import tempfile
from array import array
from collections.abc import Callable, Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

import numpy as np
from resolu.corpus.languages import LANGUAGES
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.formats import Positions
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

from .schema import BODY, CITES, EXACT, KIND, LANG, SESSION, SYMBOL, text_field, title_field
from .store import INDEX_NAME

__all__ = [
    "IMPACT_FIELDS",
    "POSITION_FIELDS",
    "ImpactsWriter",
    "SegmentImpacts",
    "impacts_path",
    "write_impacts",
]

#: The fields whose terms the query compiler turns into Term and Phrase queries.
IMPACT_FIELDS = (
    *(text_field(lang) for lang in LANGUAGES),
    *(title_field(lang) for lang in LANGUAGES),
    EXACT,
    SYMBOL,
    CITES,
    KIND,
    LANG,
    BODY,
    SESSION,
)
_MAGIC = b"RESIMP01"
_SUFFIX = ".impacts"
#: Fields whose word positions are kept too: the exact field to check phrases
#: on candidates, the text fields for the proximity re-ranking of the best hits.
POSITION_FIELDS = (EXACT, *(text_field(lang) for lang in LANGUAGES))
#: Whoosh's decoding of its one-byte field lengths, as a lookup table.
_LENGTHS = np.array([0] + [byte_to_length(b) for b in range(1, 256)], dtype=np.uint32)


def impacts_path(index_dir: Path, segment_id: str) -> Path:
    """Return the impacts file of a segment (``segment_id`` as Whoosh names it)."""
    return index_dir / f"{segment_id}{_SUFFIX}"


def write_impacts(index_dir: Path | str) -> int:
    """Write the impacts file of every segment of the index that lacks one; return how many.

    Run after each commit. A file is written under a temporary name and renamed,
    so a reader sees a whole file or none (and then searches with Whoosh alone).
    """
    folder = Path(index_dir)
    ix: Any = whoosh_index.open_dir(str(folder), indexname=INDEX_NAME)
    written = 0
    try:
        with ix.reader() as reader:
            for leaf, _offset in reader.leaf_readers():
                segment = leaf.segment()
                if segment is None:  # an empty index has a reader but no segment
                    continue
                segid = segment.segment_id()
                target = impacts_path(folder, segid)
                if not target.exists():
                    _write_segment(leaf, target)
                    written += 1
    finally:
        ix.close()
    return written


class _Spill:
    """An array written to an unnamed temporary file as it grows, so the writer's memory stays
    small however large the segment (a common word of the archive has ~10^5 postings a field)."""

    _FLUSH = 1 << 20

    def __init__(self, typecode: str, dtype: str, folder: Path) -> None:
        self.buffer = array(typecode)
        self.dtype = np.dtype(dtype)
        # Unlinked at once (no trace after a crash); closed by close().
        self.file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115
        self.written = 0
        self.largest = 0

    def __len__(self) -> int:
        return self.written + len(self.buffer)

    def append(self, value: Any) -> None:
        self.buffer.append(value)
        if len(self.buffer) >= self._FLUSH:
            self.flush()

    def extend(self, values: Any) -> None:
        self.buffer.extend(values)
        if len(self.buffer) >= self._FLUSH:
            self.flush()

    def extend_array(self, values: np.ndarray) -> None:
        """Append a whole numpy array (written at once, not element by element)."""
        self.flush()
        if len(values):
            self.largest = max(self.largest, int(values.max()))
        values.astype(self.dtype, copy=False).tofile(self.file)
        self.written += len(values)

    def flush(self) -> None:
        if self.buffer:
            self.largest = max(self.largest, max(self.buffer))
        self.buffer.tofile(self.file)
        self.written += len(self.buffer)
        del self.buffer[:]

    def chunks(self, start: int, end: int) -> Iterator[np.ndarray]:
        """Yield the values from ``start`` to ``end``, a million at a time."""
        self.flush()
        self.file.seek(start * self.dtype.itemsize)
        while start < end:
            count = min(end - start, 1 << 20)
            chunk = np.fromfile(self.file, dtype=self.dtype, count=count)
            if len(chunk) < count:  # pragma: no cover - the file is ours and whole
                raise OSError("impacts: temporary file came out short")
            start += count
            yield chunk

    def close(self) -> None:
        self.file.close()


@dataclasses.dataclass
class _Part:
    """One field's share of the impacts file: its terms, where its postings lie in the spills."""

    blob: bytearray = dataclasses.field(default_factory=bytearray)
    term_ends: list[int] = dataclasses.field(default_factory=list)
    counts: list[int] = dataclasses.field(default_factory=list)
    #: Where the field's postings start and end in the docs, weights and freqs spills.
    postings: tuple[int, int] = (0, 0)
    #: Where its positions start and end in the positions spill, and its postings' counts of
    #: positions in the freqs spill (position fields only).
    positions: tuple[int, int] = (0, 0)
    freqs: tuple[int, int] = (0, 0)


class ImpactsWriter:
    """Collect a segment's impacts field by field, in any order, then write the file.

    Each field's document numbers, weights and positions go to temporary
    files as they come (memory stays small however large the segment); the
    file lays the fields out in the order of :data:`IMPACT_FIELDS`.
    """

    def __init__(self, folder: Path) -> None:
        self.docs = _Spill("I", "<u4", folder)
        self.weights = _Spill("f", "<f4", folder)
        self.freqs = _Spill("I", "<u4", folder)
        self.positions = _Spill("I", "<u4", folder)
        self._parts: dict[str, _Part] = {}
        self._part = _Part()

    def start_field(self) -> None:
        """Start a field whose terms :meth:`add_term` gives one at a time."""
        self._part = _Part(
            postings=(len(self.docs), 0),
            positions=(len(self.positions), 0),
            freqs=(len(self.freqs), 0),
        )

    def add_term(self, term: bytes, count: int) -> None:
        """Record a term of the current field whose ``count`` postings were just appended."""
        part = self._part
        part.blob += term
        part.term_ends.append(len(part.blob))
        part.counts.append(count)

    def end_field(self, name: str) -> None:
        """Finish the current field."""
        part = self._part
        part.postings = (part.postings[0], len(self.docs))
        part.positions = (part.positions[0], len(self.positions))
        part.freqs = (part.freqs[0], len(self.freqs))
        self._parts[name] = part

    def add_field(
        self,
        name: str,
        terms: list[bytes],
        counts: np.ndarray,
        postings: tuple[np.ndarray, np.ndarray],
        positions: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        """Add a whole field: sorted terms, postings a term, (docs, weights), (freqs, positions)."""
        self.start_field()
        part = self._part
        part.blob = bytearray(b"".join(terms))
        part.term_ends = list(accumulate(map(len, terms)))
        part.counts = counts.tolist()
        self.docs.extend_array(postings[0])
        self.weights.extend_array(postings[1])
        if positions is not None:
            self.freqs.extend_array(positions[0])
            self.positions.extend_array(positions[1])
        self.end_field(name)

    def write(
        self, target: Path, schema: Any, doccount: int, lengths: Callable[[str], np.ndarray]
    ) -> None:
        """Write the impacts file of a segment of ``doccount`` documents (then close the spills)."""
        try:
            arrays = self._layout(schema, lengths)
            _write_arrays(
                target, {"doc_count": doccount, "fields": list(self._fields(schema))}, arrays
            )
        finally:
            for spill in (self.docs, self.weights, self.freqs, self.positions):
                spill.close()

    def _fields(self, schema: Any) -> list[str]:
        return [f for f in IMPACT_FIELDS if f in schema]

    def _layout(self, schema: Any, lengths: Callable[[str], np.ndarray]) -> dict[str, _Out]:
        arrays: dict[str, _Out] = {}
        docbase = posbase = 0
        ranges: list[tuple[int, int]] = []
        position_ranges: list[tuple[int, int]] = []
        for name in self._fields(schema):
            part = self._parts.get(name, _Part())
            arrays[f"{name}.terms"] = np.frombuffer(bytes(part.blob), dtype=np.uint8)
            arrays[f"{name}.toff"] = np.array([0, *part.term_ends], dtype=np.uint64)
            poff = np.zeros(len(part.counts) + 1, dtype=np.uint64)
            np.cumsum(part.counts, out=poff[1:])
            arrays[f"{name}.poff"] = poff + np.uint64(docbase)
            if schema[name].scorable:
                arrays[f"{name}.len"] = lengths(name)
            if name in POSITION_FIELDS:
                # Where each of the field's postings starts in "positions".
                arrays[f"{name}.pstart"] = _Starts(self.freqs, part.freqs, posbase)
                posbase += part.positions[1] - part.positions[0]
                position_ranges.append(part.positions)
            docbase += part.postings[1] - part.postings[0]
            ranges.append(part.postings)
        # Word positions: most paragraphs are far shorter than 65,536 words.
        narrow = self.positions.largest < 1 << 16
        arrays["docs"] = _Ranges(self.docs, ranges)
        arrays["weights"] = _Ranges(self.weights, ranges)
        arrays["positions"] = _Ranges(self.positions, position_ranges, "<u2" if narrow else None)
        return arrays


class _Ranges:
    """An array of the impacts file made of ranges of a spill, in turn."""

    def __init__(self, spill: _Spill, ranges: list[tuple[int, int]], dtype: str | None = None):
        self.spill = spill
        self.ranges = ranges
        self.dtype = np.dtype(dtype) if dtype else spill.dtype

    def __len__(self) -> int:
        return sum(b - a for a, b in self.ranges)

    def write(self, out: Any) -> None:
        for a, b in self.ranges:
            for chunk in self.spill.chunks(a, b):
                out.write(chunk.astype(self.dtype, copy=False).tobytes())


class _Starts:
    """The "pstart" array of a field: where each posting's positions start, from its freqs."""

    dtype = np.dtype("<u4")

    def __init__(self, freqs: _Spill, postings: tuple[int, int], base: int) -> None:
        self.freqs = freqs
        self.postings = postings
        self.base = base

    def __len__(self) -> int:
        return self.postings[1] - self.postings[0] + 1

    def write(self, out: Any) -> None:
        start = self.base
        out.write(np.array([start], dtype=self.dtype).tobytes())
        for chunk in self.freqs.chunks(*self.postings):
            ends = np.cumsum(chunk, dtype=np.int64) + start
            out.write(ends.astype(self.dtype).tobytes())
            start = int(ends[-1])


_Out = np.ndarray | _Ranges | _Starts


def _write_segment(leaf: Any, target: Path) -> None:
    """Write the impacts file of a committed segment, reading its postings back."""
    schema = leaf.schema
    doccount = leaf.doc_count_all()
    out = ImpactsWriter(target.parent)
    for name in out._fields(schema):
        out.start_field()
        for term in leaf.lexicon(name):
            out.add_term(term, _read_postings(leaf, name, term, out))
        out.end_field(name)
    out.write(target, schema, doccount, lambda name: _lengths(leaf, name, doccount))


def _write_arrays(target: Path, header: dict[str, Any], arrays: dict[str, _Out]) -> None:
    """Lay out and write an impacts file: magic, header length, header, aligned arrays."""
    # Offsets depend on the header's own length: lay the arrays out relative to
    # the end of the header, then fix the header length by padding.
    layout = {}
    pos = 0
    for key, arr in arrays.items():
        layout[key] = [pos, arr.dtype.str, len(arr)]
        pos += _align(len(arr) * arr.dtype.itemsize)
    header["arrays"] = layout
    text = json.dumps(header).encode()
    start = _align(len(_MAGIC) + 8 + len(text))
    tmp = target.with_name(f"{target.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(_MAGIC)
            f.write(start.to_bytes(8, "little"))
            f.write(text)
            f.write(b" " * (start - len(_MAGIC) - 8 - len(text)))
            for arr in arrays.values():
                size = len(arr) * arr.dtype.itemsize
                if isinstance(arr, np.ndarray):
                    f.write(arr.tobytes())
                else:
                    arr.write(f)
                f.write(b"\0" * (_align(size) - size))
        tmp.replace(target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _align(n: int) -> int:
    return (n + 7) & ~7


def _read_postings(leaf: Any, field: str, term: bytes, out: ImpactsWriter) -> int:
    """Append a term's postings to the writer's spills; return how many."""
    docs, weights, positions, freqs = out.docs, out.weights, out.positions, out.freqs
    before = len(docs)
    matcher: Any = leaf.postings(field, term)
    if isinstance(matcher, FilterMatcher):
        # Deleted documents stay in the file; readers mask them.
        matcher = matcher.child
    decode = _positions_decoder(leaf.schema[field].format) if field in POSITION_FIELDS else None
    if isinstance(matcher, W3LeafMatcher):
        # A block at a time: Whoosh decodes each block's ids and weights as arrays.
        block: Any = matcher
        while block.is_active():
            block._read_ids()
            block._read_weights()
            docs.extend(block._ids)
            weights.extend(block._weights)
            if decode is not None:
                block._read_values()
                for value in block._values:
                    found = list(decode(value))
                    positions.extend(found)
                    freqs.append(len(found))
            block._next_block()
        return len(docs) - before
    while matcher.is_active():  # postings inlined in the term dictionary: a few
        docs.append(matcher.id())
        weights.append(matcher.weight())
        if decode is not None:
            found = list(matcher.value_as("positions"))
            positions.extend(found)
            freqs.append(len(found))
        matcher.next()
    return len(docs) - before


def _positions_decoder(fmt: Any) -> Any:
    """Return a function from a posting's value to its positions, as the format decodes them.

    Whoosh's ``Positions`` keeps the count, then the pickled gaps between
    positions; its decoder adds them up in a Python loop. Here the sums run in
    ``itertools.accumulate`` (the same integers). Another format: its own decoder.
    """
    if type(fmt) is not Positions:
        return fmt.decoder("positions")

    def decode(value: bytes) -> Iterator[int]:
        if not value.endswith(b"."):  # Whoosh strips the pickle's final STOP
            value += b"."
        return accumulate(pickle.loads(value[_INT_SIZE:]))

    return decode


def _lengths(leaf: Any, field: str, doccount: int) -> np.ndarray:
    """Return the field's length per document, as Whoosh decodes it for scoring."""
    # Whoosh keeps the lengths of field F in the column "_F_len" (whoosh3._lenfield).
    column = leaf._perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
    out = np.zeros(doccount, dtype=np.uint32)
    if column is None:
        return out
    count = min(column._count, doccount)
    raw = np.frombuffer(column._dbfile.get(column._basepos, count), dtype=np.uint8)
    out[:count] = _LENGTHS[raw]
    return out


class SegmentImpacts:
    """The impacts file of one segment, memory-mapped."""

    def __init__(self, path: Path) -> None:
        # A plain ndarray over the map: slicing a np.memmap costs several
        # times more, and term look-ups slice it many times a query.
        raw = np.memmap(path, dtype=np.uint8, mode="r").view(np.ndarray)
        if raw[: len(_MAGIC)].tobytes() != _MAGIC:
            raise ValueError(f"{path}: not an impacts file")
        start = int.from_bytes(raw[8:16].tobytes(), "little")
        header = json.loads(raw[16:start].tobytes())
        self.doc_count: int = header["doc_count"]
        self.fields: frozenset[str] = frozenset(header["fields"])
        self._arrays: dict[str, np.ndarray] = {}
        for key, (offset, dtype, size) in header["arrays"].items():
            dt = np.dtype(dtype)
            begin = start + offset
            if begin + size * dt.itemsize > len(raw):  # a slice would just come out short
                raise ValueError(f"{path}: truncated")
            self._arrays[key] = raw[begin : begin + size * dt.itemsize].view(dt)
        self._docs = self._arrays["docs"]
        self._weights = self._arrays["weights"]
        self._positions = self._arrays["positions"]
        self._ranges: dict[tuple[str, bytes], tuple[int, int] | None] = {}

    def has_positions(self, field: str) -> bool:
        """Return whether the file keeps the field's word positions (older files: the exact one)."""
        return f"{field}.pstart" in self._arrays

    def lengths(self, field: str) -> np.ndarray:
        """Return the field's length per document (Whoosh's encoding, decoded)."""
        return self._arrays[f"{field}.len"]

    def postings(self, field: str, term: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """Return the term's (document numbers, weights), or None when it is absent."""
        found = self._range(field, term)
        if found is None:
            return None
        a, b = found
        return self._docs[a:b], self._weights[a:b]

    def positions(
        self, field: str, term: bytes, which: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return (posting index, position) pairs of the term's postings ``which``.

        ``which`` indexes the term's postings (as :meth:`postings` returns them);
        the field must be one of :data:`POSITION_FIELDS`.
        """
        found = self._range(field, term)
        if found is None:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        pstart = self._arrays[f"{field}.pstart"]
        base = found[0] - int(self._arrays[f"{field}.poff"][0])
        lo = pstart[base + which].astype(np.int64)
        hi = pstart[base + which + 1].astype(np.int64)
        counts = hi - lo
        owner = np.repeat(np.arange(len(which)), counts)
        # Index of each position: its posting's start plus its rank inside it.
        ranks = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        return owner, self._positions[np.repeat(lo, counts) + ranks].astype(np.int64)

    def _range(self, field: str, term: bytes) -> tuple[int, int] | None:
        key = (field, term)
        if key not in self._ranges:
            if len(self._ranges) > 100_000:
                self._ranges.clear()
            self._ranges[key] = self._search(field, term)
        return self._ranges[key]

    def _search(self, field: str, term: bytes) -> tuple[int, int] | None:
        """Return where the term's postings start and end, by binary search of the sorted terms."""
        blob = self._arrays[f"{field}.terms"]
        toff = self._arrays[f"{field}.toff"]
        lo, hi = 0, len(toff) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if blob[int(toff[mid]) : int(toff[mid + 1])].tobytes() < term:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(toff) - 1 or blob[int(toff[lo]) : int(toff[lo + 1])].tobytes() != term:
            return None
        poff = self._arrays[f"{field}.poff"]
        return int(poff[lo]), int(poff[lo + 1])
