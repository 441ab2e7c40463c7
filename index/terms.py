"""A field's rows of Whoosh's term table (each term's statistics and where its postings are).

Whoosh's field writer takes a term at a time (``start_term``, ``finish_term``):
a term info object, a postings writer reset, a packing and three file writes
in Python for each term. Here a field's rows are made from whole arrays (the
statistics of each term's postings, what ``W3TermInfo.add_block`` gathers a
block at a time) and written to the term table's file at once, leaving its
writer (an ``OrderedHashWriter``) as one ``add`` a term would.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from typing import Any

from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.system import pack_ushort

from .columns import extend_growable

__all__ = ["TermRows", "write_terms"]

#: A term info: flags (inlined or not), weight, documents, min and max length bytes, max weight,
#: first and last document; then where its postings are (offset, length).
_INFO = W3TermInfo._struct
_EXTENT = struct.Struct("!qi")
#: A hash file record's head: the lengths of its key and value.
_RECORD = struct.Struct("!ii")

#: Per term, in order: weight, documents, min and max length bytes, max weight, first and
#: last document, then offset and length of its postings, or its postings pickled (inlined).
TermRows = Sequence[
    tuple[float, int, int, int, float, int, int, int, int]
    | tuple[float, int, int, int, float, int, int, bytes]
]


def write_terms(fieldwriter: Any, terms: list[bytes], rows: TermRows) -> None:
    """Add a field's terms (sorted) and their rows to the field writer's term table."""
    table = fieldwriter._tindex
    if type(table) is not OrderedHashWriter or W3TermInfo._struct.format != "!BfIBBfII":
        raise TypeError("not the whoosh3 term table this writer knows")  # pragma: no cover
    prefix = pack_ushort(fieldwriter._fieldid)
    dbfile = table.dbfile
    at = dbfile.tell()
    hashed: Callable[[bytes], int] = table.hashfn
    buckets = table.buckets
    records: list[bytes] = []
    places: list[int] = []
    key = table.lastkey
    for term, row in zip(terms, rows, strict=True):
        if prefix + term <= key:
            raise ValueError(f"Keys must increase: {key!r}..{prefix + term!r}")
        key = prefix + term
        if len(row) == 8:
            value = _INFO.pack(True, *row[:7]) + row[7]
        else:
            value = _INFO.pack(False, *row[:7]) + _EXTENT.pack(*row[7:])
        records += (_RECORD.pack(len(key), len(value)), key, value)
        places.append(at)
        h = hashed(key)
        buckets[h & 255].append((h, at))
        at += _RECORD.size + len(key) + len(value)
    dbfile.write(b"".join(records))
    extend_growable(table.index, places)
    table.lastkey = key
