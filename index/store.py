"""The stored document: what an index keeps of a resolution, and how to get it back.

A paragraph becomes one Whoosh document: searchable fields (see
:mod:`resolu.index.schema`) and a stored ``payload`` from which the
:class:`~resolu.corpus.model.Paragraph` and its
:class:`~resolu.corpus.model.Resolution` are rebuilt without re-reading the
file. This module is the only one that writes or reads that payload, and the
only one that knows how an index folder is laid out (Whoosh's files, named
``_resolu_*``, and the file recording the schema version).
"""

from __future__ import annotations

import gc
import re
import warnings
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from resolu.corpus.model import Paragraph, Resolution
from whoosh import index as whoosh_index

from .errors import IndexCorrupt, IndexNotFound
from .schema import (
    AGENDA,
    BODY,
    DATE,
    DIGEST,
    DOCTYPE,
    EXACT,
    KEY,
    KIND,
    LANG,
    MEETING,
    PATH,
    PAYLOAD,
    SESSION,
    SORTKEY,
    SYMBOL,
    YEAR,
    build_schema,
    sort_key,
    text_field,
    title_field,
)

__all__ = [
    "INDEX_NAME",
    "SCHEMA_VERSION",
    "VERSION_FILE",
    "create_store",
    "file_document",
    "has_index",
    "index_version",
    "open_store",
    "paragraph_documents",
    "paragraph_from_stored",
    "resolution_from_stored",
    "resolution_header",
    "write_version",
]

#: Bumped when the schema or the analysis changes, so old indexes are rebuilt.
SCHEMA_VERSION = 3
#: Whoosh's name for our index inside its folder (files ``_resolu_*``).
INDEX_NAME = "resolu"
#: The file in an index folder that records the SCHEMA_VERSION it was built with.
VERSION_FILE = "VERSION"


# ------------------------------------------------------------------ the folder


def index_version(index_dir: Path) -> int:
    """Return the schema version an index folder was built with (0 when unknown)."""
    try:
        return int((index_dir / VERSION_FILE).read_text().strip())
    except (OSError, ValueError):
        return 0


def write_version(index_dir: Path) -> None:
    """Record in a finished index folder the schema version it was built with."""
    (index_dir / VERSION_FILE).write_text(f"{SCHEMA_VERSION}\n")


def has_index(index_dir: Path) -> bool:
    """Tell whether a folder holds a Whoosh index of ours (current or not)."""
    return index_dir.is_dir() and any(index_dir.glob(f"_{INDEX_NAME}_*.toc"))


def create_store(work_dir: Path) -> Any:
    """Create an empty index in ``work_dir`` (which must exist) and return it."""
    return whoosh_index.create_in(str(work_dir), build_schema(), indexname=INDEX_NAME)


def open_store(index_dir: Path) -> Any:
    """Open the Whoosh index of a folder, checking that this version of resolu built it.

    Raises :class:`IndexNotFound` when there is none and :class:`IndexCorrupt`
    when it was built by another version or cannot be read.
    """
    if not has_index(index_dir):
        raise IndexNotFound(f"no index in {index_dir}")
    if index_version(index_dir) != SCHEMA_VERSION:
        # The analyzers are pickled into the index: one built by another
        # version of resolu may not even unpickle, and would analyse queries
        # differently from its documents if it did.
        raise IndexCorrupt(
            f"{index_dir} was built by another version of resolu; rebuild it: "
            f"resolu index CORPUS_DIR --rebuild --index-dir {index_dir}"
        )
    # Whoosh leaves the file it choked on open, held by the traceback; it is
    # released when the except clause ends: collect it here, quietly, rather
    # than warn about an unclosed file at some later moment.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
        except Exception as exc:
            reason = f"{index_dir}: the index cannot be read ({type(exc).__name__}: {exc})"
        gc.collect()
    raise IndexCorrupt(reason)


# ------------------------------------------------------------------ writing


def paragraph_documents(res: Resolution, path: str) -> Iterator[dict[str, Any]]:
    """Yield the index documents (field dicts) of one resolution's paragraphs.

    ``path`` is the source file's path relative to its corpus folder: the key
    by which an incremental run deletes what a changed file gave.
    """
    lang = res.language or "fr"
    shared = _resolution_fields(res)
    for p in res.paragraphs:
        doc = {
            KEY: f"{lang}:{p.reference}",
            DOCTYPE: "para",
            "reference": p.reference,
            SYMBOL: res.symbol,
            BODY: res.body,
            SESSION: res.session,
            YEAR: res.year,
            **shared,
            LANG: lang,
            KIND: p.kind,
            "order": p.order,
            SORTKEY: sort_key(res.symbol, p.order),
            title_field(lang): res.title,
            text_field(lang): p.text,
            EXACT: p.text,
            "cites": " ".join(p.cites_symbols),
            PATH: path,
            PAYLOAD: _payload(res, p),
        }
        # Whoosh rejects None for a NUMERIC field: leave the field out instead.
        yield {k: v for k, v in doc.items() if v is not None and v != ""}


def date_number(iso: str) -> int | None:
    """Return an ISO date (``2000-12-04``) as the number the ``date`` column holds.

    >>> date_number("2000-12-04"), date_number("")
    (20001204, None)
    """
    digits = iso[:10].replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else None


def _resolution_fields(res: Resolution) -> dict[str, Any]:
    """Return the filter fields every paragraph of ``res`` shares beyond symbol, body, year."""
    agenda = re.findall(r"\d+", res.meta.get("agenda_item", ""))
    return {
        DATE: date_number(res.adopted),
        AGENDA: " ".join(agenda),
        MEETING: res.meta.get("meeting", "").strip(),
    }


def file_document(path: str, digest: str) -> dict[str, Any]:
    """Return the document recording that ``path`` was indexed with content hash ``digest``."""
    return {KEY: f"file:{path}", DOCTYPE: "file", PATH: path, DIGEST: digest}


def _payload(res: Resolution, p: Paragraph) -> dict[str, Any]:
    return {
        "reference": p.reference,
        "label": p.label,
        "kind": p.kind,
        "number": p.number,
        "text": p.text,
        "order": p.order,
        "cites_footnotes": list(p.cites_footnotes),
        "cites_symbols": list(p.cites_symbols),
        "lines": list(p.lines),
        "aligned": list(p.aligned),
        "symbol": res.symbol,
        "res_number": res.number,
        "title": res.title,
        "body": res.body,
        "language": res.language,
        "session": res.session,
        "year": res.year,
        "adopted": res.adopted,
        "source": res.source,
        # What the readers found beyond the fields above (agenda item, meeting,
        # draft symbol, adoption line), for later fields and views.
        "meta": dict(res.meta),
    }


# ------------------------------------------------------------------ reading


def paragraph_from_stored(fields: dict[str, Any]) -> Paragraph:
    """Rebuild the :class:`Paragraph` a stored paragraph document came from."""
    p = fields[PAYLOAD]
    return Paragraph(
        reference=p["reference"],
        label=p["label"],
        kind=p["kind"],
        number=p["number"],
        text=p["text"],
        order=p["order"],
        cites_footnotes=tuple(p.get("cites_footnotes", ())),
        cites_symbols=tuple(p.get("cites_symbols", ())),
        lines=(int(p["lines"][0]), int(p["lines"][1])),
        aligned=tuple(p.get("aligned", ())),
    )


def resolution_from_stored(docs: list[dict[str, Any]]) -> Resolution:
    """Rebuild a :class:`Resolution` from its stored paragraph documents, in document order."""
    return replace(
        resolution_header(docs[0]), paragraphs=tuple(paragraph_from_stored(d) for d in docs)
    )


def resolution_header(fields: dict[str, Any]) -> Resolution:
    """Return the metadata of the resolution a stored paragraph belongs to (no paragraphs)."""
    p = fields[PAYLOAD]
    return Resolution(
        symbol=p["symbol"],
        number=p.get("res_number", ""),
        title=p.get("title", ""),
        body=p.get("body", ""),
        language=p.get("language", ""),
        paragraphs=(),
        session=p.get("session", ""),
        year=p.get("year"),
        adopted=p.get("adopted", ""),
        source=p.get("source", ""),
        meta=dict(p.get("meta", {})),
    )


def stored_value(fields: dict[str, Any], name: str) -> Any:
    """Return one value of a stored paragraph document's payload (``label``, ``title``...)."""
    return fields[PAYLOAD].get(name)
