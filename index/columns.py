"""A segment's column values and stored fields, gathered as documents come, written in bulk.

Whoosh's column writers take one document's value at a time, each through a
conversion, a writer, a gap check and a file write in Python: for the nine
columns and the stored fields of a paragraph, a third of the time of adding
it. Here a column keeps its documents' values (:class:`ColumnValues`) and
writes them at once when the segment is written, the stored fields are
pickled and compressed as they come and written a megabyte at a time
(:class:`StoredFields`); each leaves its Whoosh writer in the state one call
a document would have, so the file is the one Whoosh writes, but for the
pickle protocol of the stored fields (:data:`PICKLE_PROTOCOL`).
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Callable
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import STORED_COLUMN
from whoosh.columns import CompressedBytesColumn, NumericColumn, VarBytesColumn

__all__ = ["PICKLE_PROTOCOL", "ColumnValues", "StoredFields", "extend_growable"]

#: The pickle protocol of what resolu writes into Whoosh's files (stored fields, postings
#: blocks and inlined postings). Whoosh writes protocol 2, which spells a ``bytes`` object
#: (a posting's positions) as a call to ``_codecs.encode`` on a str, and a str with four
#: bytes of length; protocol 4 writes them as they are, smaller and quicker to write and to
#: read. Whoosh reads any protocol.
PICKLE_PROTOCOL = 4

#: Bytes of stored fields held before they are written to the column's file.
_STORED_BUFFER = 1 << 20


class ColumnValues:
    """One column's values, for the documents (in order) that have one."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self.convert = convert
        self.docnums = array("I")
        self.values: list[Any] = []

    def __len__(self) -> int:
        return len(self.values)

    def write(self, writer: Any) -> None:
        """Give the values to the column's (new) Whoosh writer, and forget them."""
        # Values repeat (a resolution's body or year on each paragraph): convert each once.
        converted: dict[Any, Any] = {}
        convert = self.convert
        values = []
        for value in self.values:
            found = converted.get(value)
            if found is None:
                found = converted[value] = convert(value)
            values.append(found)
        docnums = self.docnums.tolist()
        if type(writer) is VarBytesColumn.Writer:
            _var_bytes(writer, docnums, values)
        elif type(writer) is NumericColumn.Writer:
            _numeric(writer, docnums, values)
        else:  # pragma: no cover - the schema's columns are the two above
            for docnum, value in zip(docnums, values, strict=True):
                writer.add(docnum, value)
        del self.docnums[:]
        self.values.clear()


def _var_bytes(writer: Any, docnums: list[int], values: list[bytes]) -> None:
    """Do what ``VarBytesColumn.Writer.add`` does for each value in turn, at once."""
    writer._dbfile.write(b"".join(values))
    _record(writer, docnums, [len(v) for v in values])


def _record(writer: Any, docnums: list[int], sizes: list[int]) -> None:
    """Record values of ``sizes`` bytes, already written, as ``VarBytesColumn.Writer.add`` does."""
    lengths: list[int] = []
    offsets: list[int] = []
    base, count = writer._offset_base, writer._count
    for docnum, size in zip(docnums, sizes, strict=True):
        if docnum > count:  # fill(): documents without a value
            lengths += [0] * (docnum - count)
            offsets += [base] * (docnum - count)
        lengths.append(size)
        offsets.append(base)
        base += size
        count = docnum + 1
    extend_growable(writer._lengths, lengths)
    extend_growable(writer._offsets, offsets)
    writer._offset_base, writer._count = base, count


def _numeric(writer: Any, docnums: list[int], values: list[int]) -> None:
    """Do what ``NumericColumn.Writer.add`` does for each value in turn, at once."""
    pack, default, filler = writer._pack, writer._default, writer._defaultbytes
    parts = []
    count = writer._count
    for docnum, value in zip(docnums, values, strict=True):
        if value == default:
            continue
        if docnum > count:
            parts.append(filler * (docnum - count))
        parts.append(pack(value))
        count = docnum + 1
    writer._dbfile.write(b"".join(parts))
    writer._count = count


def extend_growable(growable: Any, numbers: list[int]) -> None:
    """Append numbers to a Whoosh ``GrowableArray`` as its ``append`` would, one by one.

    Its array widens to the smallest type that holds the number that did not
    fit, again each time one does not: whatever the order, the type that
    holds the largest number (if that one did not fit).
    """
    if not numbers:
        return
    top = max(numbers)
    try:
        array(growable.array.typecode, [top])
    except (OverflowError, AttributeError):  # a list (widened past every type) has no typecode
        if not isinstance(growable.array, list):
            growable._retype(top)
    growable.array.extend(numbers)


class StoredFields:
    """The stored fields of a segment's documents, written as Whoosh's ``finish_doc`` does.

    Each document's fields are pickled (:data:`PICKLE_PROTOCOL`) and compressed
    when it is added (as the stored-fields column does) and written a megabyte
    at a time to the column's file; :meth:`finish` puts the lengths and offsets
    in its writer.
    """

    def __init__(self) -> None:
        child = STORED_COLUMN._child
        assert type(child) is CompressedBytesColumn
        self.level: int = child._level
        self.writer: Any = None
        self.docnums = array("I")
        self.lengths = array("I")
        self.parts: list[bytes] = []
        self.held = 0

    def add(self, perdocwriter: Any, docnum: int, fields: dict[str, Any]) -> None:
        """Add a document's stored fields (none: nothing)."""
        if not fields:
            return
        if self.writer is None:
            # The pickling wrapper's child compresses: both are done here.
            self.writer = perdocwriter._colwriters["_stored"]._child
        value = zlib.compress(dumps(fields, PICKLE_PROTOCOL), self.level)
        self.parts.append(value)
        self.docnums.append(docnum)
        self.lengths.append(len(value))
        self.held += len(value)
        if self.held > _STORED_BUFFER:
            self._write()

    def _write(self) -> None:
        if self.parts:
            self.writer._dbfile.write(b"".join(self.parts))
            self.parts.clear()
            self.held = 0

    def finish(self) -> None:
        """Write what is held and give the writer the lengths and offsets of every document."""
        if self.writer is None:
            return
        self._write()
        writer, self.writer = self.writer, None
        _record(writer, self.docnums.tolist(), self.lengths.tolist())
        del self.docnums[:]
        del self.lengths[:]
