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

__all__ = ["FieldPostings", "SortedPostings", "TermIds"]

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
    """The postings of one field of the segment being written.

    ``weighted`` keeps each posting's weight as given (otherwise it is the
    frequency times the field's boost, as Whoosh's formats compute it);
    ``positional`` keeps each posting's word positions.
    """

    def __init__(self, *, weighted: bool, positional: bool) -> None:
        self.ids = TermIds()
        self.tids = array("I")
        self.freqs = array("I")
        self.weights = array("f") if weighted else None
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
        for values in (self.tids, self.freqs, self.weights, self.positions):
            if values is not None:
                del values[:]
        del self.docnums[:]
        del self.counts[:]

    def add(self, docnum: int, tids: Any, freqs: Any, weights: Any = None) -> None:
        """Append one document's postings (term ids, frequencies, weights if kept)."""
        self.tids.extend(tids)
        self.freqs.extend(freqs)
        if self.weights is not None:
            self.weights.extend(weights)
        self.docnums.append(docnum)
        self.counts.append(len(tids))

    def sorted(self, boost: float) -> SortedPostings:
        """Return the postings sorted by term, then document."""
        terms = [t.encode("utf-8") if isinstance(t, str) else t for t in self.ids]
        order = sorted(range(len(terms)), key=terms.__getitem__)
        rank = np.empty(len(terms), dtype=np.uint32)
        rank[order] = np.arange(len(terms), dtype=np.uint32)
        keys = rank[np.frombuffer(self.tids, dtype=np.uint32)]
        perm = np.argsort(keys, kind="stable")
        counts = np.bincount(keys, minlength=len(terms))
        del keys
        docs = np.repeat(
            np.frombuffer(self.docnums, dtype=np.uint32),
            np.frombuffer(self.counts, dtype=np.uint32),
        )[perm]
        given = np.frombuffer(self.freqs, dtype=np.uint32)
        freqs = given[perm]
        if self.weights is not None:
            weights = np.frombuffer(self.weights, dtype=np.float32)[perm]
        else:
            # As Whoosh: a Python float (frequency times boost) stored on 4 bytes.
            weights = (freqs * float(boost)).astype(np.float32)
        positions = None
        if self.positions is not None:
            positions = _gather(np.frombuffer(self.positions, dtype=np.uint32), given, perm)
        return SortedPostings([terms[i] for i in order], counts, docs, freqs, weights, positions)


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
