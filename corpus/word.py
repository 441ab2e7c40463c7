"""Read Word resolutions (``.docx``) into the same lines the text reader splits.

A ``.docx`` is a zip of XML parts: the body in ``word/document.xml``, the
footnotes in ``word/footnotes.xml``. Each Word paragraph becomes one line,
with a blank line after it, as a paragraph of extracted text is; a footnote
reference becomes its number glued to the word before it (``l’homme1``), and
the footnotes follow the body, each on a line opening with its number, as at
the foot of a PDF's page. The text splitter then reads them like any text.

The standard library reads this well enough: python-docx, the well-kept
library for Word files, exposes neither footnotes nor the references to them
in a paragraph's runs, which are what a citable footnote needs.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

from .errors import CorpusError

__all__ = ["docx_lines", "docx_text"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
_FOOTNOTES = "/footnotes"
#: Containers whose paragraphs are the document's: tables, cells, content controls.
_CONTAINERS = {f"{_W}{t}" for t in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml")}
#: Inline elements whose text is not the document's (deleted text, field codes).
_SKIPPED = {f"{_W}{t}" for t in ("del", "delText", "instrText", "rPr", "pPr")}


def _target(archive: zipfile.ZipFile, rels_name: str, kind: str, base: str) -> str | None:
    """Return the part a relationship of ``kind`` points to, from a .rels part."""
    try:
        rels = ET.fromstring(archive.read(rels_name))
    except KeyError:
        return None
    for rel in rels.iter(f"{_REL}Relationship"):
        if rel.get("Type", "").endswith(kind) and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join(base, target))
    return None


def _inline_text(element: ET.Element, marks: dict[str, str]) -> Iterator[str]:
    """Yield a paragraph's text in order, footnote references as their numbers."""
    for child in element:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == f"{_W}t":
            yield child.text or ""
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            yield " "
        elif tag in (f"{_W}br", f"{_W}cr"):
            yield "\n"
        elif tag == f"{_W}noBreakHyphen":
            yield "-"
        elif tag == f"{_W}softHyphen":
            yield "\u00ad"
        elif tag == f"{_W}footnoteReference":
            ident = child.get(f"{_W}id", "")
            yield marks.setdefault(ident, str(len(marks) + 1))
        else:
            yield from _inline_text(child, marks)


def _paragraphs(container: ET.Element) -> Iterator[ET.Element]:
    for child in container:
        if child.tag == f"{_W}p":
            yield child
        elif child.tag in _CONTAINERS:
            yield from _paragraphs(child)


def _footnote_texts(archive: zipfile.ZipFile, name: str | None) -> dict[str, str]:
    if name is None or name not in archive.namelist():
        return {}
    root = ET.fromstring(archive.read(name))
    texts = {}
    for note in root.iter(f"{_W}footnote"):
        if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paras = ("".join(_inline_text(p, {})) for p in _paragraphs(note))
        texts[note.get(f"{_W}id", "")] = " ".join(" ".join(p.split()) for p in paras).strip()
    return texts


def docx_lines(path: Path) -> list[str]:
    """Return a Word file's text as lines: paragraphs apart, footnotes after the body.

    Raises :class:`CorpusError` for a file that is not a readable ``.docx``.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            main = _target(archive, "_rels/.rels", _OFFICE_DOCUMENT, "") or "word/document.xml"
            folder, name = posixpath.split(main)
            rels = posixpath.join(folder, "_rels", f"{name}.rels")
            notes = _footnote_texts(archive, _target(archive, rels, _FOOTNOTES, folder))
            body = ET.fromstring(archive.read(main)).find(f"{_W}body")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise CorpusError(path, f"not a Word .docx file ({exc})") from None
    except ET.ParseError as exc:
        raise CorpusError(path, f"damaged Word file ({exc})") from None
    except OSError as exc:
        raise CorpusError(path, f"cannot read ({exc.strerror or exc})") from None
    if body is None:
        raise CorpusError(path, "a Word file without a body")
    marks: dict[str, str] = {}
    lines: list[str] = []
    for para in _paragraphs(body):
        text = "".join(_inline_text(para, marks))
        for line in text.split("\n"):
            if line.strip():
                lines.append(re.sub(r"[ \t\u00a0]+", " ", line).strip())
        lines.append("")
    for ident, number in marks.items():
        if notes.get(ident):
            lines += [f"{number} {notes[ident]}", ""]
    return lines


def docx_text(path: Path) -> str:
    """Return the text of a Word resolution, ready for the text splitter."""
    return "\n".join(docx_lines(path))
