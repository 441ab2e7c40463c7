"""Bytes to text: detect the encoding of a resolution file, never guess it wrong.

UTF-8 (with or without BOM) is tried first and is strict. A file that is not
UTF-8 is read as Windows-1252 only when the result is plausibly prose: no
control characters, mostly letters and spaces. Anything else is an error,
because a wrong guess would index mojibake that no query can find.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .errors import CorpusError

__all__ = ["decode_text", "read_bytes"]

# Control characters other than line and page breaks, and the C1 range that
# Windows-1252 leaves undefined: signs of binary data or a wrong encoding.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NOT_LETTER_OR_SPACE = re.compile(r"[^\w\s]|[\d_]")
#: The ASCII characters _NOT_LETTER_OR_SPACE matches.
_ASCII_NOT_LETTER_OR_SPACE = bytes(
    c for c in range(128) if not (chr(c).isalpha() or chr(c).isspace())
)


def _looks_like_text(text: str) -> bool:
    if not text.strip() or _CONTROLS.search(text):
        return False
    # The ASCII letters and spaces are counted by bytes.translate, far faster than
    # the pattern; the other characters are read only where they could tip the share.
    ascii_only = text.encode("ascii", "ignore")
    kept = len(ascii_only.translate(None, _ASCII_NOT_LETTER_OR_SPACE))
    others = len(text) - len(ascii_only)
    if kept / len(text) > 0.6:
        return True
    if (kept + others) / len(text) <= 0.6:
        return False
    letters_and_spaces = len(_NOT_LETTER_OR_SPACE.sub("", text))
    return letters_and_spaces / len(text) > 0.6


def decode_text(data: bytes, path: Path | str) -> str:
    """Decode a resolution file's bytes, or raise :class:`CorpusError` saying why not."""
    if not data.strip():
        raise CorpusError(path, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise CorpusError(path, f"invalid UTF-16 at byte {exc.start}") from None
    elif b"\x00" in data:
        raise CorpusError(path, "binary file (contains NUL bytes), not a text resolution")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise CorpusError(
                    path, f"neither UTF-8 (bad byte at {exc.start}) nor Windows-1252/Latin-1"
                ) from None
            if not _looks_like_text(text):
                raise CorpusError(
                    path, f"neither UTF-8 (bad byte at {exc.start}) nor plausible Latin-1 text"
                ) from None
            return text
    if not _looks_like_text(text):
        raise CorpusError(path, "binary or non-text content, not a text resolution")
    return text


def read_bytes(path: Path) -> bytes:
    """Return a file's bytes, or raise :class:`CorpusError` saying why they cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CorpusError(path, f"cannot read: {exc.strerror or exc}") from None
