"""Whoosh's encoded positions (a ``Positions`` posting's value) for a whole field at once.

``Positions.encode`` makes a posting's value as the count of its positions
(4 bytes, big endian) then the pickle (protocol 2) of their gaps: a Python
loop and a pickle call a posting, the largest share of writing a segment's
postings. The pickle of a list of small integers is a fixed pattern (an
opcode and 1, 2 or 4 bytes an integer, between a fixed head and tail), so
here every value of a field is laid out at once with numpy, in one buffer,
and a posting's value is a slice of it: the same bytes, checked against
``Positions.encode`` by the tests.
"""

from __future__ import annotations

import numpy as np

__all__ = ["encode_positions"]

# pickle protocol 2: PROTO 2, EMPTY_LIST, BINPUT 0; then MARK items APPENDS, or one item APPEND.
_HEAD = np.frombuffer(b"\x80\x02]q\x00", dtype=np.uint8)
_MARK, _APPENDS, _APPEND, _STOP = ord("("), ord("e"), ord("a"), ord(".")
_BININT1, _BININT2, _BININT = ord("K"), ord("M"), ord("J")
#: Past this many items pickle splits a list into batches: such postings are left to Whoosh.
_BATCH = 1000


def encode_positions(positions: np.ndarray, freqs: np.ndarray) -> tuple[bytes, np.ndarray] | None:
    """Return every posting's encoded positions in one buffer, and where each one starts.

    ``positions`` holds each posting's positions in turn (rising), ``freqs``
    how many each has (at least one). Posting ``i``'s value is
    ``buffer[starts[i]:starts[i + 1]]``. Returns None where a posting has
    more positions than pickle puts in one batch, or a gap does not fit in
    4 signed bytes (the caller then encodes a posting at a time).

    >>> from whoosh.formats import Positions
    >>> buffer, starts = encode_positions(np.array([3, 9, 300, 7]), np.array([3, 1]))
    >>> buffer[starts[0] : starts[1]] == Positions().encode([3, 9, 300])
    True
    """
    counts = freqs.astype(np.int64)
    if len(counts) == 0:
        return b"", np.zeros(1, dtype=np.int64)
    if int(counts.max()) > _BATCH:
        return None
    first = np.zeros(len(counts), dtype=np.int64)
    np.cumsum(counts[:-1], out=first[1:])
    gaps = positions.astype(np.int64)
    gaps[1:] -= gaps[:-1].copy()
    gaps[first] = positions[first]  # each posting's first gap is from 0
    if len(gaps) and (int(gaps.min()) < 0 or int(gaps.max()) >= 1 << 31):
        return None
    # Bytes of each item: an opcode, then 1, 2 or 4 bytes.
    sizes = np.where(gaps < 1 << 8, 2, np.where(gaps < 1 << 16, 3, 5))
    ends = np.cumsum(sizes)
    items = ends[first + counts - 1] - (ends[first] - sizes[first])
    several = (counts > 1).astype(np.int64)
    lengths = 4 + len(_HEAD) + several + items + 2
    starts = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    out = np.zeros(int(starts[-1]), dtype=np.uint8)
    at = starts[:-1]
    for shift, byte in ((24, 0), (16, 1), (8, 2), (0, 3)):  # the count, big endian
        out[at + byte] = (counts >> shift) & 0xFF
    for i, code in enumerate(_HEAD.tolist()):
        out[at + 4 + i] = code
    out[(at + 4 + len(_HEAD))[counts > 1]] = _MARK
    # Each item's place: its posting's first item's, plus the items before it in the posting.
    within = ends - sizes - np.repeat(ends[first] - sizes[first], counts)
    place = np.repeat(at + 4 + len(_HEAD) + several, counts) + within
    out[place] = np.where(sizes == 2, _BININT1, np.where(sizes == 3, _BININT2, _BININT))
    for byte in range(4):  # little endian, as many bytes as the opcode takes
        kept = sizes > byte + 1
        out[place[kept] + 1 + byte] = (gaps[kept] >> (8 * byte)) & 0xFF
    out[starts[1:] - 2] = np.where(counts > 1, _APPENDS, _APPEND)
    out[starts[1:] - 1] = _STOP
    return out.tobytes(), starts
