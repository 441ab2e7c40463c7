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
import hashlib
import os
import re
import shutil
import warnings
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from resolu.corpus.dates import parse_iso
from whoosh import index as whoosh_index
from whoosh.filedb import filestore

from .errors import IndexCorrupt, IndexNotFound
from .folder import SOURCES_FILE, current_generation
from .schema import (
    AGENDA,
    BODY,
    DATE,
    DIGEST,
    DOCTYPE,
    EXACT,
    HOLDS,
    KEY,
    KIND,
    LANG,
    MEETING,
    PATH,
    PAYLOAD,
    RESKEY,
    SESSION,
    SORTKEY,
    SOURCE,
    SYMBOL,
    TYPE,
    YEAR,
    build_schema,
    sort_key,
    text_field,
    title_field,
)

if TYPE_CHECKING:
    # Loaded where a paragraph is rebuilt: a search builds its hits from the
    # stored payload and need not create these classes (4 ms of start-up).
    from resolu.corpus.model import Paragraph, Resolution

__all__ = [
    "CHECKSUMS_FILE",
    "INDEX_NAME",
    "SCHEMA_VERSION",
    "VERSION_FILE",
    "FileRecord",
    "Held",
    "create_store",
    "damaged_files",
    "file_document",
    "file_records",
    "has_index",
    "index_version",
    "open_generation",
    "open_store",
    "paragraph_documents",
    "paragraph_from_stored",
    "payload_reader",
    "rebuild_hint",
    "release_files",
    "remove_uncommitted",
    "resolution_from_stored",
    "resolution_header",
    "resolution_key",
    "write_checksums",
    "write_version",
]

#: Bumped when the schema or the analysis changes, so old indexes are rebuilt.
#: 8: no ``order`` field (the payload holds a paragraph's place; ``sortkey`` orders); the
#: postings of a rare term kept in the term table (``resolu.index.postings.INLINE_BELOW``),
#: which resolu reads right only with the corrections of ``resolu.search.whoosh_fixes``;
#: stored fields and postings pickled with protocol 4 (``resolu.index.columns``).
SCHEMA_VERSION = 8
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
    """Tell whether an index folder points at a live generation."""
    return current_generation(index_dir) is not None


def rebuild_hint(index_dir: Path) -> str:
    """Return the command that rebuilds the index in ``index_dir``, for error messages.

    An index that recorded its sources is rebuilt from them; one of an older
    resolu, which did not, from the folder given.
    """
    gen = current_generation(index_dir)
    if gen is not None and (gen / SOURCES_FILE).is_file():
        return f"rebuild it from its sources: resolu index --rebuild --index-dir {index_dir}"
    return f"rebuild it: resolu index CORPUS_DIR --rebuild --index-dir {index_dir}"


def create_store(work_dir: Path) -> Any:
    """Create an empty index in ``work_dir`` (which must exist) and return it."""
    return whoosh_index.create_in(str(work_dir), build_schema(), indexname=INDEX_NAME)


def open_store(index_dir: Path, *, mapped: bool = True) -> Any:
    """Open the Whoosh index of a folder, checking that this version of resolu built it.

    ``mapped=False`` reads the segments' files as they are used instead of
    mapping them: Whoosh copies each mapped file it opens into memory whole,
    which a process asking one question pays in proportion to the index.
    Raises :class:`IndexNotFound` when there is none and :class:`IndexCorrupt`
    when it was built by another version or cannot be read.
    """
    gen = current_generation(index_dir)
    if gen is None:
        if any(index_dir.glob(f"_{INDEX_NAME}_*.toc")):
            raise IndexCorrupt(
                f"{index_dir} was built by an older version of resolu; {rebuild_hint(index_dir)}"
            )
        raise IndexNotFound(f"no index in {index_dir}")
    return open_generation(gen, index_dir, mapped=mapped)


def open_generation(gen: Path, index_dir: Path, *, mapped: bool = True) -> Any:
    """Open the Whoosh index of one generation folder of ``index_dir`` (see :func:`open_store`)."""
    if index_version(gen) != SCHEMA_VERSION:
        # The analyzers are pickled into the index: one built by another
        # version of resolu may not even unpickle, and would analyse queries
        # differently from its documents if it did.
        raise IndexCorrupt(
            f"{index_dir} was built by another version of resolu; {rebuild_hint(index_dir)}"
        )
    # Whoosh leaves the file it choked on open, held by the traceback; it is
    # released when the except clause ends: collect it here, quietly, rather
    # than warn about an unclosed file at some later moment.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            storage: Any = cast(Any, filestore).FileStorage(str(gen), supports_mmap=mapped)
            return storage.open_index(INDEX_NAME)
        except Exception as exc:
            reason = (
                f"{index_dir}: the index cannot be read ({type(exc).__name__}: {exc}); "
                f"{rebuild_hint(index_dir)}"
            )
        gc.collect()
    raise IndexCorrupt(reason)


# ------------------------------------------------------------------ writing


def paragraph_documents(res: Resolution, path: str) -> Iterator[dict[str, Any]]:
    """Yield the index documents (field dicts) of one resolution's paragraphs.

    ``path`` identifies the source file (its absolute path): the key by which
    an incremental run deletes what a changed file gave.
    """
    lang = res.language or "fr"
    doc_type = res.doc_type
    # What every paragraph shares is made once. The values are the very objects each
    # paragraph used to get: a stored value that is also in the payload is pickled once.
    shared = _present(
        {
            DOCTYPE: "para",
            SYMBOL: res.symbol,
            BODY: res.body,
            SESSION: res.session,
            YEAR: res.year,
            **_resolution_fields(res),
            RESKEY: resolution_key(res),
            LANG: lang,
            TYPE: doc_type,
            title_field(lang): res.title,
            PATH: path,
        }
    )
    about = {**_resolution_payload(res), "type": doc_type}
    if about["source"] == path:
        # The stored path's own object: pickled once in each paragraph's record, not twice.
        about["source"] = path
    text = text_field(lang)
    for p in res.paragraphs:
        doc = {
            KEY: f"{lang}:{p.reference}",
            "reference": p.reference,
            KIND: p.kind,
            SORTKEY: sort_key(res.symbol, p.order),
            text: p.text,
            EXACT: p.text,
            "cites": " ".join(p.cites_symbols),
            PAYLOAD: {**_paragraph_payload(p), **about},
        }
        yield {**_present(doc), **shared}


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    # Whoosh rejects None for a NUMERIC field: leave the field out instead.
    return {k: v for k, v in fields.items() if v is not None and v != ""}


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
        DATE: date_number(res.adopted.isoformat() if res.adopted else ""),
        AGENDA: " ".join(agenda),
        MEETING: res.meta.get("meeting", "").strip(),
    }


def resolution_key(res: Resolution) -> str:
    """Return what makes two copies of a resolution the same: its language and symbol.

    >>> from resolu.corpus.model import Resolution
    >>> resolution_key(Resolution("A/RES/55/109", "55/109", "", "GA", "fr", ()))
    'fr:A/RES/55/109'
    """
    return f"{res.language or 'fr'}:{res.symbol}"


@dataclass(frozen=True)
class Held:
    """One resolution a file holds: its key, its paragraph count, and whether it is indexed."""

    key: str
    paragraphs: int
    kept: bool


@dataclass(frozen=True)
class FileRecord:
    """What the index records of one source file."""

    path: str
    source: str
    digest: str
    holds: tuple[Held, ...]


def file_document(
    path: str, digest: str, *, source: str = "", holds: tuple[Held, ...] = ()
) -> dict[str, Any]:
    """Return the document recording that ``path`` was indexed with content hash ``digest``."""
    return {
        KEY: f"file:{path}",
        DOCTYPE: "file",
        PATH: path,
        DIGEST: digest,
        SOURCE: source,
        HOLDS: [[h.key, h.paragraphs, h.kept] for h in holds],
    }


def file_records(searcher: Any) -> dict[str, FileRecord]:
    """Return the record of every file an open index holds, by path."""
    records = {}
    for f in searcher.documents(**{DOCTYPE: "file"}):
        holds = tuple(Held(str(k), int(n), bool(kept)) for k, n, kept in f.get(HOLDS) or ())
        records[f[PATH]] = FileRecord(f[PATH], f.get(SOURCE, ""), f[DIGEST], holds)
    return records


def _paragraph_payload(p: Paragraph) -> dict[str, Any]:
    """Return the first part of a paragraph's payload: the paragraph's own values."""
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
    }


def _resolution_payload(res: Resolution) -> dict[str, Any]:
    """Return the rest of each of a resolution's paragraphs' payloads, in that order."""
    return {
        "symbol": res.symbol,
        "res_number": res.number,
        "title": res.title,
        "body": res.body,
        "language": res.language,
        "session": res.session,
        "year": res.year,
        "adopted": res.adopted.isoformat() if res.adopted else "",
        "source": res.source,
        # What the readers found beyond the fields above (agenda item, meeting,
        # draft symbol, adoption line), for later fields and views.
        "meta": dict(res.meta),
    }


# ------------------------------------------------------------------ reading


def paragraph_from_stored(fields: dict[str, Any]) -> Paragraph:
    """Rebuild the :class:`Paragraph` a stored paragraph document came from."""
    from resolu.corpus.model import Paragraph

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
        symbol=p.get("symbol", ""),
        language=p.get("language", ""),
    )


def resolution_from_stored(docs: list[dict[str, Any]]) -> Resolution:
    """Rebuild a :class:`Resolution` from its stored paragraph documents, in document order."""
    return replace(
        resolution_header(docs[0]), paragraphs=tuple(paragraph_from_stored(d) for d in docs)
    )


def resolution_header(fields: dict[str, Any]) -> Resolution:
    """Return the metadata of the resolution a stored paragraph belongs to (no paragraphs)."""
    from resolu.corpus.model import Resolution

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
        adopted=parse_iso(p.get("adopted", "")),
        source=p.get("source", ""),
        meta=dict(p.get("meta", {})),
    )


def payload_reader(reader: Any) -> Callable[[int], dict[str, Any]]:
    """Return ``payload(docnum)``: the stored payload of a paragraph document of ``reader``.

    Whoosh's ``stored_fields`` checks the name of each stored field against
    the schema on every call, a third of the time of reading a hit; here each
    segment's stored fields are read as written (this module wrote them).
    """
    leaves = list(reader.leaf_readers())
    reads = [
        getattr(getattr(leaf, "_perdoc", None), "stored_fields", leaf.stored_fields)
        for leaf, _ in leaves
    ]
    if len(reads) == 1:
        read = reads[0]
        return lambda docnum: read(docnum)[PAYLOAD]
    offsets = [offset for _, offset in leaves]

    def payload(docnum: int) -> dict[str, Any]:
        at = bisect_right(offsets, docnum) - 1
        return reads[at](docnum - offsets[at])[PAYLOAD]  # type: ignore[no-any-return]

    return payload


# ------------------------------------------------------------------ checksums

#: The file of a generation folder recording a checksum for each file of its segments.
CHECKSUMS_FILE = "CHECKSUMS"


def _committed_files(gen: Path) -> list[str]:
    """Return the files the latest commit of a generation uses (its table of contents first)."""
    storage, toc_class = _whoosh_toc(gen)
    toc = toc_class.read(storage, INDEX_NAME)
    ids = {s.segment_id() for s in toc.segments}
    pattern = toc_class._segment_pattern(INDEX_NAME)
    names = sorted(n for n in os.listdir(gen) if (m := pattern.match(n)) and m.group(1) in ids)
    return [f"_{INDEX_NAME}_{toc.generation}.toc", *names]


def _checksum(path: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_checksums(gen: Path) -> None:
    """Record the checksum of every file the latest commit of ``gen`` uses."""
    import json  # here and in damaged_files: a search reads no checksums

    sums = {name: _checksum(gen / name) for name in _committed_files(gen)}
    tmp = gen / f"{CHECKSUMS_FILE}.tmp"
    tmp.write_text(json.dumps(sums, indent=0, sort_keys=True), encoding="utf-8")
    os.replace(tmp, gen / CHECKSUMS_FILE)


def damaged_files(gen: Path) -> list[str]:
    """Return the files of ``gen``'s latest commit that are missing or differ from their checksum.

    A file committed without a recorded checksum (a run killed between its
    commit and the record) is trusted. An unreadable table of contents is
    reported as damaged.
    """
    import json

    try:
        recorded = json.loads((gen / CHECKSUMS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = {}
    try:
        names = _committed_files(gen)
    except Exception:
        return [f"the table of contents of {gen.name}"]
    bad = []
    for name in names:
        try:
            if name in recorded and _checksum(gen / name) != recorded[name]:
                bad.append(name)
        except OSError:
            bad.append(name)
    return bad


def remove_uncommitted(gen: Path) -> None:
    """Remove the files of a generation that its latest commit does not use (a failed run's)."""
    storage, toc_class = _whoosh_toc(gen)
    try:
        toc = toc_class.read(storage, INDEX_NAME)
    except Exception:
        return  # nothing committed can be told apart: leave the folder to a rebuild
    whoosh_index.clean_files(storage, INDEX_NAME, toc.generation, toc.segments)
    for path in gen.iterdir():  # Whoosh's temporary job files and folders
        if path.suffix in (".tmp", ".doclist") or path.name.endswith(".tmp"):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _whoosh_toc(gen: Path) -> tuple[Any, Any]:
    """Return the storage of a generation folder and Whoosh's table-of-contents class."""
    storage: Any = cast(Any, filestore).FileStorage(str(gen))
    return storage, cast(Any, whoosh_index).TOC


def release_files() -> None:
    """Close, quietly, the files a failed Whoosh read left open (held by its traceback)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
