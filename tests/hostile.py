"""Hostile files made on the spot: PDFs with many pages, decompression bombs.

Shared by the tests and ``benchmarks/attack.py``; nothing here needs pytest.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

_PAGE_TEXT = b"BT /F1 10 Tf 20 250 Td (Decides to remain seized of the matter) Tj ET\n"


def bomb_stream(inflated_mb: int, head: bytes = _PAGE_TEXT) -> bytes:
    """Return a zlib stream of about ``inflated_mb`` MB / 1,000 that inflates to ``head`` + spaces.

    Deflating a gigabyte takes seconds; with a sync flush after each megabyte
    of spaces, every megabyte after the first deflates to the same bytes, so
    the stream is assembled from two compressed chunks and its checksum.
    """
    chunk = b" " * (1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = deflate.compress(head + chunk) + deflate.flush(zlib.Z_SYNC_FLUSH)
    steady = deflate.compress(chunk) + deflate.flush(zlib.Z_SYNC_FLUSH)
    adler = zlib.adler32(head + chunk)
    for _ in range(inflated_mb - 1):
        adler = zlib.adler32(chunk, adler)
    body = first + steady * (inflated_mb - 1) + deflate.flush()
    return b"\x78\xda" + body + struct.pack(">I", adler)


def make_pdf(path: Path, *, pages: int = 1, content: bytes | None = None) -> Path:
    """Write a PDF of ``pages`` pages sharing one Flate content stream (default: a resolution)."""
    words = [b"The Security Council,", b"1. Decides to remain seized of the matter."]
    lines = b"".join(
        b"BT /F1 10 Tf 20 %d Td (%s) Tj ET\n" % (250 - 30 * n, text) for n, text in enumerate(words)
    )
    stream = content if content is not None else zlib.compress(lines)
    kids = " ".join(f"{5 + n} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] "
    page += b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    objects += [page] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path
