"""Download resolutions from the UN into a library folder that resolu can index.

By symbol, through the Official Document System
(``https://documents.un.org/api/symbol/access?s=SYMBOL&l=fr&t=pdf``, which
redirects to the file); or from records listed by the Digital Library
(:mod:`resolu.corpus.digital_library`), through the addresses they give.
The PDF by default; with ``kind="doc"``, the Word file (``t=doc``): saved as
``.docx``, or as ``.doc`` when the UN answers a legacy Word 97-2003 file.

Each file is named for its symbol and language, as the reader expects
(``A/RES/55/109`` in French is ``A_RES_55_109.fr.pdf``). A manifest,
``.resolu-fetch.json`` in the folder, records what resolu wrote and its
SHA-256: a file already there with the same checksum is not fetched again, and
a file resolu did not write (or that changed since) is never overwritten.

>>> file_name("S/RES/242 (1967)", "fr")
'S_RES_242_1967.fr.pdf'
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .digital_library import CatalogueRecord
from .downloads import FetchError, Http, ServiceUnreachable, remove_stale_parts
from .errors import ResoluError
from .services import DEFAULT_ODS_URL

__all__ = [
    "DEFAULT_ODS_URL",
    "KINDS",
    "LANGUAGES",
    "MANIFEST",
    "FetchReport",
    "FetchedFile",
    "InvalidFetchRequest",
    "fetch",
    "file_name",
    "ods_url",
]

#: The UN's six official languages, as the ODS names them. The ODS answers an
#: unknown code with the English file, so any other code is refused up front.
LANGUAGES = ("fr", "en", "es", "ar", "ru", "zh")
MANIFEST = ".resolu-fetch.json"

#: Called after each file: (files done, files in all, "SYMBOL (lang)").
Progress = Callable[[int, int, str], None]

_SYMBOL = re.compile(r"[A-Za-z][\w.\-]*(?:/[\w.\-]+)+(?:\s?[A-Z])?(?:\s?\((?:\d{4}|[IVXLC]+)\))?")


class InvalidFetchRequest(ResoluError):
    """The request itself is wrong (not a symbol, not a UN language): a usage error."""


@dataclass(frozen=True)
class FetchedFile:
    """What became of one symbol in one language.

    ``status`` is ``fetched``, ``skipped`` (already there), ``missing`` (the
    service has no such document: 404), ``refused`` (an HTML page came where
    a PDF was expected), ``failed`` (the network failed past the retries) or,
    in a dry run, ``planned``. ``detail`` says why, for all but ``fetched``.
    """

    symbol: str
    language: str
    url: str
    path: str
    status: str
    detail: str = ""
    size: int = 0


@dataclass(frozen=True)
class FetchReport:
    """What a fetch did, file by file, with the folder it wrote into."""

    dest: str
    files: tuple[FetchedFile, ...]
    dry_run: bool
    seconds: float

    def with_status(self, status: str) -> tuple[FetchedFile, ...]:
        """Return the files whose outcome is ``status``."""
        return tuple(f for f in self.files if f.status == status)

    @property
    def counts(self) -> dict[str, int]:
        """Return how many files ended in each status, in a fixed order."""
        order = ("planned", "fetched", "skipped", "missing", "refused", "failed")
        return {s: n for s in order if (n := len(self.with_status(s)))}


@dataclass(frozen=True)
class _Kind:
    """A kind of file to fetch: the ODS's ``t=`` value, the file's suffix, what to accept."""

    ods: str
    extension: str
    accept: str
    check: Callable[[bytes, bytes], str | None]


def file_name(symbol: str, language: str, extension: str = ".pdf") -> str:
    """Return the library file name of a symbol in a language."""
    stem = re.sub(r"[^\w.\-]+", "_", symbol.strip()).strip("_")
    return f"{stem}.{language}{extension}"


def ods_url(symbol: str, language: str, *, base: str = DEFAULT_ODS_URL, kind: str = "pdf") -> str:
    """Return the Official Document System address of a symbol's file in a language.

    >>> ods_url("A/RES/55/109", "fr")
    'https://documents.un.org/api/symbol/access?s=A/RES/55/109&l=fr&t=pdf'
    >>> ods_url("A/RES/55/109", "fr", kind="doc")[-6:]
    '&t=doc'
    """
    # The ODS reads the slashes (and parentheses) of the symbol literally.
    symbol = quote(symbol, safe="/()")
    return f"{base.rstrip('/')}/api/symbol/access?s={symbol}&l={language}&t={KINDS[kind].ods}"


def _looks_like_pdf(head: bytes, tail: bytes) -> str | None:
    start = head.lstrip()[:64].lower()
    if start.startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        return "an HTML page instead of a PDF"
    if not head.startswith(b"%PDF-"):
        return "not a PDF"
    if b"%%EOF" not in tail:
        return "an incomplete PDF (no end-of-file marker)"
    return None


#: The start of a legacy Word 97-2003 file (an OLE2 compound file).
_OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")


def _looks_like_word(head: bytes, tail: bytes) -> str | None:
    start = head.lstrip()[:64].lower()
    if start.startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        return "an HTML page instead of a Word file"
    if head.startswith(_OLE2):
        return None  # a legacy .doc: its length was checked against the announced one
    if not head.startswith(b"PK\x03\x04"):
        return "not a Word file"
    if b"PK\x05\x06" not in tail:
        return "an incomplete Word file (no end of its zip directory)"
    return None


#: What ``fetch`` can fetch: ``pdf`` (the default) or ``doc`` (Word).
KINDS = {
    "pdf": _Kind("pdf", ".pdf", "application/pdf", _looks_like_pdf),
    "doc": _Kind(
        "doc",
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document, "
        "application/msword;q=0.9",
        _looks_like_word,
    ),
}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class _Manifest:
    """The record of what resolu wrote into a library folder, saved after each file."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST
        self.files: dict[str, dict[str, Any]] = {}
        if self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self.files = dict(data.get("files", {}))
            except (ValueError, AttributeError):
                raise FetchError(f"{self.path}: unreadable manifest; move it away") from None

    def why_skip(self, path: Path) -> str | None:
        """Return why an existing file is not fetched again (None if it is absent)."""
        if not path.exists():
            return None
        entry = self.files.get(path.name)
        if entry is None:
            return "present, not written by resolu: left as is"
        if entry.get("sha256") != _sha256(path):
            return "changed since resolu fetched it: left as is"
        return "already fetched (same checksum)"

    def record(self, path: Path, item: FetchedFile, sha256: str) -> None:
        self.files[path.name] = {
            "symbol": item.symbol,
            "language": item.language,
            "url": item.url,
            "size": item.size,
            "sha256": sha256,
            "fetched": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        part = self.path.with_name(f".{self.path.name}.{os.getpid()}.part")
        try:
            part.write_text(
                json.dumps({"version": 1, "files": self.files}, ensure_ascii=False, indent=1),
                encoding="utf-8",
            )
            os.replace(part, self.path)
        finally:
            part.unlink(missing_ok=True)


def _check_request(symbols: Sequence[str | CatalogueRecord], langs: Sequence[str]) -> None:
    if not langs:
        raise InvalidFetchRequest("no language given")
    for lang in langs:
        if lang not in LANGUAGES:
            raise InvalidFetchRequest(
                f"unknown language {lang!r}: the UN's are {', '.join(LANGUAGES)}"
            )
    for item in symbols:
        if isinstance(item, str) and not (
            _SYMBOL.fullmatch(item.strip()) and any(c.isdigit() for c in item)
        ):
            raise InvalidFetchRequest(f"not a UN document symbol: {item!r} (e.g. A/RES/55/109)")


def fetch(
    symbols: Iterable[str | CatalogueRecord],
    *,
    langs: Sequence[str] = ("fr",),
    dest: Path | str,
    ods: str = DEFAULT_ODS_URL,
    http: Http | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    kind: str = "pdf",
) -> FetchReport:
    """Download each resolution in each language into ``dest``; report file by file.

    A symbol is fetched from the ODS at ``ods``; a :class:`CatalogueRecord`
    from the address it lists for the language, else from the ODS. ``kind``
    is ``pdf`` or ``doc`` (the Word file, ``.docx``, or ``.doc`` where the UN
    has only that). With ``dry_run`` nothing is written and nothing is
    requested: every file that would be fetched is ``planned``.

    Raises :class:`InvalidFetchRequest` for a bad symbol or language and
    :class:`~resolu.corpus.downloads.ServiceUnreachable` (naming the host)
    when a service cannot be reached at all; files already complete stay,
    nothing half-written does.
    """
    started = time.perf_counter()
    items = list(symbols)
    _check_request(items, langs)
    if kind not in KINDS:
        raise InvalidFetchRequest(f"unknown kind of file {kind!r}: {' or '.join(KINDS)}")
    what = KINDS[kind]
    folder = Path(dest)
    client = http or Http()
    if not dry_run:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_parts(folder)
    manifest = _Manifest(folder)
    wanted = [(item, lang) for item in items for lang in langs]
    done: list[FetchedFile] = []
    for n, (item, lang) in enumerate(wanted):
        symbol = item if isinstance(item, str) else item.symbol
        symbol = symbol.strip()
        listed = None if isinstance(item, str) else item.file_for(lang, what.extension)
        url = listed or ods_url(symbol, lang, base=ods, kind=kind)
        path = folder / file_name(symbol, lang, what.extension)
        base = FetchedFile(symbol, lang, url, str(path), "planned")
        skip = manifest.why_skip(path) or (
            manifest.why_skip(path.with_suffix(".doc")) if kind == "doc" else None
        )
        if skip:
            done.append(replace(base, status="skipped", detail=skip))
        elif dry_run:
            done.append(base)
        else:
            done.append(_download(client, base, path, manifest, what))
        if progress is not None:
            progress(n + 1, len(wanted), f"{symbol} ({lang})")
    return FetchReport(str(folder), tuple(done), dry_run, time.perf_counter() - started)


def _download(
    client: Http, item: FetchedFile, path: Path, manifest: _Manifest, what: _Kind
) -> FetchedFile:
    try:
        got = client.download(item.url, path, accept=what.accept, check=what.check)
    except ServiceUnreachable:
        raise
    except FetchError as exc:
        return replace(item, status="failed", detail=str(exc))
    done = replace(item, status=got.status, detail=got.detail, size=got.size)
    if got.status == "fetched":
        if path.suffix == ".docx" and _starts_with(path, _OLE2):
            # A legacy Word file: its name says so, for the reader (antiword).
            legacy = path.with_suffix(".doc")
            os.replace(path, legacy)
            path, done = legacy, replace(done, path=str(legacy))
        manifest.record(path, done, got.sha256)
    return done


def _starts_with(path: Path, magic: bytes) -> bool:
    with path.open("rb") as f:
        return f.read(len(magic)) == magic
