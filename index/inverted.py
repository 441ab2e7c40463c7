"""One field's postings while a segment is written: flat arrays, sorted once at the end.

A posting is appended as integers (term id, frequency, positions) to arrays
that grow with the segment, with no Python object a posting and no list a
term; when the segment is written, one stable sort by term puts the postings
in the order Whoosh writes them (by term, then by document, since documents
come in order). Terms are numbered as they first come (:class:`TermIds`).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["FieldPostings", "SortedPostings", "TermIds", "ValuePostings"]

#: Values remembered a field (then forgotten, and numbered again as they come).
_VALUES_LIMIT = 50_000
#: Postings gathered at a time when positions are put in term order (bounds the sort's memory).
_CHUNK = 1 << 20


class TermIds(dict[Any, int]):
    """Number each term (``str`` or ``bytes``) the first time it is looked up.

    >>> ids = TermIds()
    >>> [ids[t] for t in ("council", "decides", "council")]
    [0, 1, 0]
    """

    def __missing__(self, term: Any) -> int:
        number = self[term] = len(self)
        return number


@dataclass(frozen=True)
class SortedPostings:
    """A field's postings in Whoosh's order: by term (as bytes), then by document."""

    terms: list[bytes]
    #: Postings of each term, in the order of ``terms``.
    counts: np.ndarray
    docs: np.ndarray
    freqs: np.ndarray
    weights: np.ndarray
    #: Each posting's positions in turn (positional fields), else None.
    positions: np.ndarray | None

    def position_starts(self) -> np.ndarray:
        """Return where each posting's positions start in ``positions``, then the end."""
        starts = np.zeros(len(self.freqs) + 1, dtype=np.int64)
        np.cumsum(self.freqs, out=starts[1:])
        return starts


class FieldPostings:
    """The postings of one text field of the segment being written.

    A posting's weight is its frequency times the field's boost, as Whoosh's
    formats compute it; ``positional`` keeps each posting's word positions.
    """

    def __init__(self, *, positional: bool) -> None:
        self.ids = TermIds()
        self.tids = array("I")
        self.freqs = array("I")
        self.positions = array("I") if positional else None
        # Postings per document (documents in order): the document of each posting, run-length.
        self.docnums = array("I")
        self.counts = array("I")
        #: Per value that repeats (a resolution's title on each paragraph): its prepared postings.
        self.cache: dict[Any, Any] = {}

    def __len__(self) -> int:
        return len(self.tids)

    def clear(self) -> None:
        """Forget every posting and term (for the next segment)."""
        self.ids.clear()
        self.cache.clear()
        for values in (self.tids, self.freqs, self.positions):
            if values is not None:
                del values[:]
        del self.docnums[:]
        del self.counts[:]

    def add(self, docnum: int, tids: Any, freqs: Any) -> None:
        """Append one document's postings (term ids and frequencies)."""
        self.tids.extend(tids)
        self.freqs.extend(freqs)
        self.docnums.append(docnum)
        self.counts.append(len(tids))

    def sorted(self, boost: float) -> SortedPostings:
        """Return the postings sorted by term, then document."""
        positions = None
        if self.positions is not None:
            positions = np.frombuffer(self.positions, dtype=np.uint32)
        return _sort(
            self.ids,
            np.frombuffer(self.tids, dtype=np.uint32),
            np.repeat(
                np.frombuffer(self.docnums, dtype=np.uint32),
                np.frombuffer(self.counts, dtype=np.uint32),
            ),
            np.frombuffer(self.freqs, dtype=np.uint32),
            boost,
            positions,
        )


class ValuePostings:
    """The postings of a field whose values repeat from document to document.

    A resolution's symbol, year, path or type is the same on each of its
    paragraphs: each value's postings (from Whoosh's items: term, frequency,
    weight) are kept once, and each document keeps the number of its value.
    """

    def __init__(self, items: Any, *, scorable: bool) -> None:
        self.items = items
        self.scorable = scorable
        self.clear()

    def __len__(self) -> int:
        return self.postings

    def clear(self) -> None:
        """Forget every value and posting (for the next segment)."""
        self.ids = TermIds()
        self.numbers: dict[Any, int] = {}
        # Each value's postings in turn, and where each value's start (and the last ends).
        self.tids = array("I")
        self.freqs = array("I")
        self.weights = array("f")
        self.starts = array("I", [0])
        self.lengths: list[int] = []
        # Each document that has the field, and its value's number.
        self.docnums = array("I")
        self.values = array("I")
        self.postings = 0

    def add(self, value: Any, docnum: int) -> tuple[int, int]:
        """Add a document's value; return its length (0 if not scorable) and its postings."""
        key = value if isinstance(value, (str, int, float)) else None
        number = self.numbers.get(key) if key is not None else None
        if number is None:
            number = self._add_value(value)
            if key is not None:
                if len(self.numbers) > _VALUES_LIMIT:
                    self.numbers.clear()
                self.numbers[key] = number
        self.docnums.append(docnum)
        self.values.append(number)
        count = self.starts[number + 1] - self.starts[number]
        self.postings += count
        return self.lengths[number], count

    def _add_value(self, value: Any) -> int:
        items = tuple(self.items(value))
        ids = self.ids
        self.tids.extend([ids[item[0]] for item in items])
        self.freqs.extend([item[1] for item in items])
        self.weights.extend([item[2] for item in items])
        self.starts.append(len(self.tids))
        self.lengths.append(sum(item[1] for item in items) if self.scorable else 0)
        return len(self.lengths) - 1

    def sorted(self, boost: float) -> SortedPostings:
        """Return the postings sorted by term, then document."""
        values = np.frombuffer(self.values, dtype=np.uint32)
        starts = np.frombuffer(self.starts, dtype=np.uint32).astype(np.int64)
        counts = (starts[1:] - starts[:-1])[values]
        # Each posting's place among the values' postings: its value's start plus its rank.
        ranks = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(
            np.cumsum(counts) - counts, counts
        )
        which = np.repeat(starts[:-1][values], counts) + ranks
        return _sort(
            self.ids,
            np.frombuffer(self.tids, dtype=np.uint32)[which],
            np.repeat(np.frombuffer(self.docnums, dtype=np.uint32), counts),
            np.frombuffer(self.freqs, dtype=np.uint32)[which],
            np.frombuffer(self.weights, dtype=np.float32)[which],
            None,
        )


def _sort(
    ids: TermIds,
    tids: np.ndarray,
    docs: np.ndarray,
    freqs: np.ndarray,
    weights: np.ndarray | float,
    positions: np.ndarray | None,
) -> SortedPostings:
    """Sort postings (in document order) by term; weights given, or a boost times frequencies."""
    terms = [t.encode("utf-8") if isinstance(t, str) else t for t in ids]
    order = sorted(range(len(terms)), key=terms.__getitem__)
    rank = np.empty(len(terms), dtype=np.uint32)
    rank[order] = np.arange(len(terms), dtype=np.uint32)
    keys = rank[tids]
    perm = np.argsort(keys, kind="stable")
    counts = np.bincount(keys, minlength=len(terms))
    del keys
    sorted_freqs = freqs[perm]
    if isinstance(weights, np.ndarray):
        sorted_weights = weights[perm]
    else:
        # As Whoosh: a Python float (frequency times boost) stored on 4 bytes.
        sorted_weights = (sorted_freqs * float(weights)).astype(np.float32)
    found = None if positions is None else _gather(positions, freqs, perm)
    return SortedPostings(
        [terms[i] for i in order], counts, docs[perm], sorted_freqs, sorted_weights, found
    )


def _gather(positions: np.ndarray, freqs: np.ndarray, perm: np.ndarray) -> np.ndarray:
    """Return the positions of the postings taken in the order ``perm``, a chunk at a time."""
    starts = np.zeros(len(freqs) + 1, dtype=np.int64)
    np.cumsum(freqs, out=starts[1:])
    out = np.empty(len(positions), dtype=np.uint32)
    done = 0
    for a in range(0, len(perm), _CHUNK):
        which = perm[a : a + _CHUNK]
        lo = starts[which]
        n = freqs[which].astype(np.int64)
        total = int(n.sum())
        # Each position's index: its posting's start, plus its rank inside the posting.
        ranks = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(n) - n, n)
        out[done : done + total] = positions[np.repeat(lo, n) + ranks]
        done += total
    return out
