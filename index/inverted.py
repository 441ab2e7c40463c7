"""One field's postings while a segment is written: flat arrays, sorted once at the end.

A posting (term id, frequency) or, in a positional field, a token (term id,
position) is appended as integers to arrays that grow with the segment, with
no Python object a posting and no list a term; when the segment is written,
one stable sort by term puts them in the order Whoosh writes them (by term,
then by document, since documents come in order). Terms are numbered as they
first come (:class:`TermIds`).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "STOP",
    "FieldPostings",
    "SortedPostings",
    "TermIds",
    "TokenPostings",
    "ValuePostings",
]

#: Values remembered a field (then forgotten, and numbered again as they come).
_VALUES_LIMIT = 50_000


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
    """The postings of one text field without positions, a posting at a time.

    A posting's weight is its frequency times the field's boost, as Whoosh's
    formats compute it.
    """

    def __init__(self) -> None:
        self.ids = TermIds()
        self.tids = array("I")
        self.freqs = array("I")
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
        for values in (self.tids, self.freqs, self.docnums, self.counts):
            del values[:]

    def add(self, docnum: int, tids: Any, freqs: Any) -> None:
        """Append one document's postings (term ids and frequencies)."""
        self.tids.extend(tids)
        self.freqs.extend(freqs)
        self.docnums.append(docnum)
        self.counts.append(len(tids))

    def sorted(self, boost: float) -> SortedPostings:
        """Return the postings sorted by term, then document."""
        return _sort(
            self.ids,
            np.frombuffer(self.tids, dtype=np.uint32),
            _each_token(self.docnums, self.counts),
            np.frombuffer(self.freqs, dtype=np.uint32),
            boost,
        )


#: The term id of a token that gives no term (a stop word): it holds its
#: place in the positions and is dropped when the postings are made.
STOP = 0xFFFFFFFF


class TokenPostings:
    """The postings of one positional text field, kept as its tokens until the segment is written.

    Each document appends, token by token, a term id (:data:`STOP` for a stop
    word) and a position: a few list operations in C a document, where
    gathering the positions of each term in a dictionary cost a Python step a
    word. One stable sort by term at the end puts the tokens in the order
    Whoosh writes positions (by term, then document, then position), and the
    postings (document, frequency) are where the term or the document changes.
    ``words`` remembers the term id of each word seen, a look-up a word.
    """

    def __init__(self) -> None:
        self.ids = TermIds()
        self.words: dict[str, int] = {}
        self.tids = array("I")
        self.positions = array("I")
        # Tokens per document (documents in order), run-length.
        self.docnums = array("I")
        self.counts = array("I")

    def __len__(self) -> int:
        return len(self.tids)

    def clear(self) -> None:
        """Forget every token and term (for the next segment)."""
        self.ids.clear()
        self.words.clear()
        for values in (self.tids, self.positions, self.docnums, self.counts):
            del values[:]

    def add(self, docnum: int, tids: Any, positions: Any) -> None:
        """Append one document's tokens: term ids and positions, each term's positions rising."""
        self.tids.extend(tids)
        self.positions.extend(positions)
        self.docnums.append(docnum)
        self.counts.append(len(tids))

    def sorted(self, boost: float) -> SortedPostings:
        """Return the postings sorted by term, then document, with their positions."""
        tids = np.frombuffer(self.tids, dtype=np.uint32)
        positions = np.frombuffer(self.positions, dtype=np.uint32)
        docs = _each_token(self.docnums, self.counts)
        kept = tids != STOP
        if not kept.all():
            tids, positions, docs = tids[kept], positions[kept], docs[kept]
        del kept
        terms, rank = _ranks(self.ids)
        keys = rank[tids]
        perm = np.argsort(keys, kind="stable")
        keys, docs, positions = keys[perm], docs[perm], positions[perm]
        del perm
        # A posting starts where the term or the document changes.
        starts = np.flatnonzero(
            np.concatenate(([True], (keys[1:] != keys[:-1]) | (docs[1:] != docs[:-1])))
        )
        freqs = np.diff(np.append(starts, len(keys))).astype(np.uint32)
        counts = np.bincount(keys[starts], minlength=len(terms))
        # As Whoosh: a Python float (frequency times boost) stored on 4 bytes.
        weights = (freqs * float(boost)).astype(np.float32)
        return SortedPostings(terms, counts, docs[starts], freqs, weights, positions)


class ValuePostings:
    """The postings of a field whose values repeat from document to document.

    A resolution's symbol, year, path or type is the same on each of its
    paragraphs: each value's postings (from Whoosh's items: term, frequency,
    weight) are kept once, and each document keeps the number of its value.
    """

    def __init__(self, items: Any, *, scorable: bool, posting_bytes: int = 0) -> None:
        self.items = items
        self.scorable = scorable
        self.posting_bytes = posting_bytes
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
        # The last value added (the same object on each paragraph of a resolution), its
        # number, postings and what add returns for it.
        self.last: tuple[Any, int, int, tuple[int, int]] = (None, 0, 0, (0, 0))

    def add(self, value: Any, docnum: int) -> tuple[int, int]:
        """Add a document's value; return its length (0 if not scorable) and the bytes it holds.

        The bytes are ``posting_bytes`` a posting.
        """
        last = self.last
        if value is not last[0]:
            last = self.last = self._last(value)
        self.docnums.append(docnum)
        self.values.append(last[1])
        self.postings += last[2]
        return last[3]

    def _last(self, value: Any) -> tuple[Any, int, int, tuple[int, int]]:
        key = value if isinstance(value, (str, int, float)) else None
        number = self.numbers.get(key) if key is not None else None
        if number is None:
            number = self._add_value(value)
            if key is not None:
                if len(self.numbers) > _VALUES_LIMIT:
                    self.numbers.clear()
                self.numbers[key] = number
        count = self.starts[number + 1] - self.starts[number]
        return value, number, count, (self.lengths[number], count * self.posting_bytes)

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
        )


def _sort(
    ids: TermIds,
    tids: np.ndarray,
    docs: np.ndarray,
    freqs: np.ndarray,
    weights: np.ndarray | float,
) -> SortedPostings:
    """Sort postings (in document order) by term; weights given, or a boost times frequencies."""
    terms, rank = _ranks(ids)
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
    return SortedPostings(terms, counts, docs[perm], sorted_freqs, sorted_weights, None)


def _ranks(ids: TermIds) -> tuple[list[bytes], np.ndarray]:
    """Return the terms as bytes in Whoosh's order, and each term id's rank in it."""
    terms = [t.encode("utf-8") if isinstance(t, str) else t for t in ids]
    order = sorted(range(len(terms)), key=terms.__getitem__)
    rank = np.empty(len(terms), dtype=np.uint32)
    rank[order] = np.arange(len(terms), dtype=np.uint32)
    return [terms[i] for i in order], rank


def _each_token(docnums: array[int], counts: array[int]) -> np.ndarray:
    """Return the document of each entry, from documents and their counts of entries."""
    return np.repeat(
        np.frombuffer(docnums, dtype=np.uint32), np.frombuffer(counts, dtype=np.uint32)
    )
