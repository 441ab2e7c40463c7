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
import json
import os
import pickle
import shutil
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
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
    "SegmentImpacts",
    "impacts_path",
    "write_impacts",
    "write_segment_arrays",
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
        # Unlinked at once (no trace after a crash); closed by copy_to.
        self.file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115
        self.written = 0
        self.largest = 0
        self._narrowed = False

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

    def flush(self) -> None:
        if self.buffer:
            self.largest = max(self.largest, max(self.buffer))
        self.buffer.tofile(self.file)
        self.written += len(self.buffer)
        del self.buffer[:]

    def narrow(self) -> None:
        """Store the values on 2 bytes each where every one fits (readers take the file's dtype)."""
        self.flush()
        if self.dtype == np.dtype("<u4") and self.largest < 1 << 16:
            self.dtype = np.dtype("<u2")
            self._narrowed = True

    def copy_to(self, out: Any) -> None:
        self.flush()
        self.file.seek(0)
        if not self._narrowed:
            shutil.copyfileobj(self.file, out, 1 << 20)
        else:
            while True:
                chunk = np.fromfile(self.file, dtype="<u4", count=1 << 20)
                if not len(chunk):
                    break
                out.write(chunk.astype("<u2").tobytes())
        self.file.close()


def _write_segment(leaf: Any, target: Path) -> None:
    schema = leaf.schema
    doccount = leaf.doc_count_all()

    def postings(name: str, out: _Columns) -> None:
        for term in leaf.lexicon(name):
            _read_postings(leaf, name, term, out)
            out.end_term(term)

    def lengths(name: str) -> np.ndarray:
        return _lengths(leaf, name, doccount)

    _write_file(target, schema, doccount, postings, lengths)


def write_segment_arrays(
    folder: Path,
    segment_id: str,
    schema: Any,
    doccount: int,
    terms: dict[str, Iterable[tuple[bytes, Any, Any, list[bytes]]]],
    lengths: dict[str, list[int]],
) -> None:
    """Write a segment's impacts file from its postings in memory (as the writer holds them).

    ``terms`` gives, per field, its terms in sorted order, each with its
    document numbers, weights and Whoosh-encoded values; ``lengths`` each
    field's decoded length per document. The file is the one
    :func:`write_impacts` would write from the segment once committed.
    """

    def postings(name: str, out: _Columns) -> None:
        decode = _positions_decoder(schema[name].format) if name in POSITION_FIELDS else None
        seen: dict[bytes, tuple[int, ...]] = {}
        for term, docs, weights, values in terms.get(name, ()):
            out.docs.extend(docs)
            out.weights.extend(weights)
            if decode is not None and out.starts is not None:
                for value in values:
                    found = seen.get(value)
                    if found is None:
                        found = tuple(decode(value))
                        if len(seen) > 100_000:
                            seen.clear()
                        seen[value] = found
                    out.positions.extend(found)
                    out.starts.append(len(out.positions))
            out.end_term(term)

    def lengths_of(name: str) -> np.ndarray:
        out = np.zeros(doccount, dtype=np.uint32)
        given = lengths.get(name)
        if given:
            out[: len(given)] = given
        return out

    _write_file(impacts_path(folder, segment_id), schema, doccount, postings, lengths_of)


class _Columns:
    """The arrays of an impacts file as they are filled, field after field."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.docs = _Spill("I", "<u4", folder)
        self.weights = _Spill("f", "<f4", folder)
        self.positions = _Spill("I", "<u4", folder)
        self.starts: _Spill | None = None
        self.blob = bytearray()
        self.term_offsets = [0]
        self.posting_offsets = [0]

    def start_field(self, positions: bool) -> None:
        self.blob = bytearray()
        self.term_offsets = [0]
        self.posting_offsets = [len(self.docs)]
        # Offsets into "positions": 4 bytes each, as a segment holds far fewer than 2**32.
        self.starts = _Spill("I", "<u4", self.folder) if positions else None
        if self.starts is not None:
            self.starts.append(len(self.positions))

    def end_term(self, term: bytes) -> None:
        self.blob += term
        self.term_offsets.append(len(self.blob))
        self.posting_offsets.append(len(self.docs))


def _write_file(
    target: Path,
    schema: Any,
    doccount: int,
    postings: Callable[[str, _Columns], None],
    lengths: Callable[[str], np.ndarray],
) -> None:
    """Lay out and write an impacts file, each field's postings given by ``postings``."""
    out = _Columns(target.parent)
    arrays: dict[str, np.ndarray | _Spill] = {}
    fields = [f for f in IMPACT_FIELDS if f in schema]
    for name in fields:
        out.start_field(name in POSITION_FIELDS)
        postings(name, out)
        arrays[f"{name}.terms"] = np.frombuffer(bytes(out.blob), dtype=np.uint8)
        arrays[f"{name}.toff"] = np.array(out.term_offsets, dtype=np.uint64)
        arrays[f"{name}.poff"] = np.array(out.posting_offsets, dtype=np.uint64)
        if schema[name].scorable:
            arrays[f"{name}.len"] = lengths(name)
        if out.starts is not None:
            # Where each of the field's postings starts in "positions".
            arrays[f"{name}.pstart"] = out.starts
    # Word positions: most paragraphs are far shorter than 65,536 words.
    out.positions.narrow()
    arrays["docs"], arrays["weights"], arrays["positions"] = out.docs, out.weights, out.positions
    header: dict[str, Any] = {"doc_count": doccount, "fields": fields, "arrays": {}}
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
                if isinstance(arr, _Spill):
                    arr.copy_to(f)
                else:
                    f.write(arr.tobytes())
                f.write(b"\0" * (_align(size) - size))
        tmp.replace(target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _align(n: int) -> int:
    return (n + 7) & ~7


def _read_postings(leaf: Any, field: str, term: bytes, out: _Columns) -> None:
    docs, weights, positions, starts = out.docs, out.weights, out.positions, out.starts
    matcher: Any = leaf.postings(field, term)
    if isinstance(matcher, FilterMatcher):
        # Deleted documents stay in the file; readers mask them.
        matcher = matcher.child
    decode = _positions_decoder(leaf.schema[field].format) if starts is not None else None
    if isinstance(matcher, W3LeafMatcher):
        # A block at a time: Whoosh decodes each block's ids and weights as arrays.
        block: Any = matcher
        while block.is_active():
            block._read_ids()
            block._read_weights()
            docs.extend(block._ids)
            weights.extend(block._weights)
            if decode is not None and starts is not None:
                block._read_values()
                for value in block._values:
                    positions.extend(decode(value))
                    starts.append(len(positions))
            block._next_block()
        return
    while matcher.is_active():  # postings inlined in the term dictionary: a few
        docs.append(matcher.id())
        weights.append(matcher.weight())
        if starts is not None:
            positions.extend(matcher.value_as("positions"))
            starts.append(len(positions))
        matcher.next()


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
