"""List resolutions through the UN Digital Library's search, which answers MARCXML.

``/search?p=QUERY&of=xm&rg=200&jrec=1`` returns a MARC21 ``<collection>`` of
``<record>``s, 200 a page, with the number of hits in a comment
(``<!-- Search-Engine-Total-Number-Of-Results: 12 -->``). In each record the
symbol is in field 191 ``$a`` (791 for some), the title in 245 ``$a``/``$b``,
the date in 269 ``$a``, and each file in an 856: ``$u`` its address, ``$y``
its language (also told by the file name, ``A_RES_55_109-FR.pdf``).

>>> search_query(body="AG", session=55)
'191__a:"A/RES/55/*"'
>>> search_query(body="CS", year=2000)
'191__a:"S/RES/*" AND year:2000'
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from .downloads import FetchError, Http
from .services import DEFAULT_DIGITAL_LIBRARY_URL

__all__ = [
    "BODIES",
    "DEFAULT_URL",
    "CatalogueRecord",
    "list_resolutions",
    "parse_marcxml",
    "search_query",
    "search_url",
]

DEFAULT_URL = DEFAULT_DIGITAL_LIBRARY_URL
#: Adopting bodies, French and English abbreviations, to the series of their resolutions.
BODIES = {"AG": "A/RES/", "GA": "A/RES/", "CS": "S/RES/", "SC": "S/RES/"}
PAGE = 200
_MAX_PAGES = 200  # 40,000 records: more than every resolution of both bodies

_TOTAL = re.compile(rb"Search-Engine-Total-Number-Of-Results:\s*(\d+)")
_LANGUAGE_NAMES = {
    "arabic": "ar",
    "عربي": "ar",
    "chinese": "zh",
    "中文": "zh",
    "english": "en",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "russian": "ru",
    "русский": "ru",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
}
_FILE_LANGUAGE = re.compile(r"-(AR|EN|ES|FR|RU|ZH)\.\w+$", re.IGNORECASE)


@dataclass(frozen=True)
class CatalogueRecord:
    """One resolution as the Digital Library lists it, with its files by language."""

    symbol: str
    title: str
    date: str
    #: ``(language, address)`` of each file, in the record's order.
    files: tuple[tuple[str, str], ...]

    @property
    def year(self) -> int | None:
        """Return the year of the record's date, if it has one."""
        m = re.match(r"\d{4}", self.date)
        return int(m.group(0)) if m else None

    def file_for(self, language: str, extension: str = ".pdf") -> str | None:
        """Return the address of the file in ``language`` with ``extension``, if listed."""
        for lang, url in self.files:
            if lang == language and urlsplit(url).path.lower().endswith(extension):
                return url
        return None


def search_query(*, body: str, session: int | None = None, year: int | None = None) -> str:
    """Return the Digital Library query for a body's resolutions of a session or a year."""
    series = BODIES[body.upper()]
    pattern = f"{series}{session}/*" if session is not None else f"{series}*"
    query = f'191__a:"{pattern}"'
    return f"{query} AND year:{year}" if year is not None else query


def search_url(base: str, query: str, *, start: int = 1, size: int = PAGE) -> str:
    """Return the address of one page (``start`` is 1-based) of a MARCXML search."""
    params = {"p": query, "of": "xm", "rg": str(size), "jrec": str(start)}
    return f"{base.rstrip('/')}/search?{urlencode(params)}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _subfields(record: ET.Element, tag: str) -> Iterator[dict[str, str]]:
    for field in record:
        if _local(field.tag) == "datafield" and field.get("tag") == tag:
            codes: dict[str, str] = {}
            for sub in field:
                if _local(sub.tag) == "subfield":
                    codes.setdefault(sub.get("code", ""), (sub.text or "").strip())
            yield codes


def _first(record: ET.Element, tag: str, code: str) -> str:
    for sub in _subfields(record, tag):
        if sub.get(code):
            return sub[code]
    return ""


def _language(description: str, url: str) -> str:
    named = _LANGUAGE_NAMES.get(description.strip().lower())
    if named:
        return named
    m = _FILE_LANGUAGE.search(urlsplit(url).path)
    return m.group(1).lower() if m else ""


def _record(record: ET.Element) -> CatalogueRecord | None:
    symbol = _first(record, "191", "a") or _first(record, "791", "a")
    if not symbol:
        return None
    title = " ".join(
        part for part in (_first(record, "245", "a"), _first(record, "245", "b")) if part
    )
    files = []
    for sub in _subfields(record, "856"):
        url = sub.get("u", "")
        language = _language(sub.get("y", ""), url)
        if url and language:
            files.append((language, url))
    return CatalogueRecord(
        symbol=symbol,
        title=title.rstrip(" /:;,"),
        date=_first(record, "269", "a"),
        files=tuple(files),
    )


def parse_marcxml(data: bytes) -> tuple[list[CatalogueRecord], int, int | None]:
    """Return the records of one MARCXML answer, how many it held, and the total announced.

    Records without a symbol are left out of the list but counted, for paging.

    Raises :class:`FetchError` if the answer is not MARCXML (an HTML page).
    """
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise FetchError(f"the Digital Library did not answer MARCXML ({exc})") from None
    if _local(root.tag) not in ("collection", "record"):
        raise FetchError(f"the Digital Library answered <{_local(root.tag)}>, not MARCXML")
    elements = [root] if _local(root.tag) == "record" else list(root)
    elements = [e for e in elements if _local(e.tag) == "record"]
    records = [r for e in elements if (r := _record(e))]
    m = _TOTAL.search(data[:4096])
    return records, len(elements), int(m.group(1)) if m else None


def list_resolutions(
    http: Http,
    *,
    body: str,
    session: int | None = None,
    year: int | None = None,
    base: str = DEFAULT_URL,
    page_size: int = PAGE,
) -> list[CatalogueRecord]:
    """Return the resolutions of a body for a session or a year, page after page.

    Only records whose symbol is in the body's series (and session) and whose
    date is in ``year`` are kept, so a looser answer than asked never brings
    other documents into the library.
    """
    prefix = BODIES[body.upper()] + (f"{session}/" if session is not None else "")
    query = search_query(body=body, session=session, year=year)
    found: dict[str, CatalogueRecord] = {}
    start = 1
    for _ in range(_MAX_PAGES):
        answer = http.get(
            search_url(base, query, start=start, size=page_size), accept="application/xml"
        )
        if answer.status != 200:
            raise FetchError(f"{answer.url}: the Digital Library answered HTTP {answer.status}")
        records, seen, total = parse_marcxml(answer.body)
        for rec in records:
            if not rec.symbol.upper().startswith(prefix):
                continue
            if year is not None and rec.year is not None and rec.year != year:
                continue
            found.setdefault(rec.symbol, rec)
        start += seen
        if seen < page_size or (total is not None and start > total):
            break
    return list(found.values())
