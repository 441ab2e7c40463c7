"""The HTML pages: search, a resolution, the list of resolutions, and the error pages.

Each page reads its parameters, makes one or two library calls through the
shared index and renders a template. Library errors become pages here: a
malformed query is a 400 that says what is wrong, an unknown reference a 404,
a missing index a 503; never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from resolu.corpus.errors import ResoluError
from resolu.corpus.languages import LANGUAGES as DOC_LANGUAGES
from resolu.corpus.model import Paragraph, Resolution
from resolu.search.errors import QuerySyntaxError, ReferenceNotFound
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from ..searching import Index
from .features import facets_of, run_search, sort_orders, suggestions_of
from .limits import (
    MAX_OFFSET,
    MAX_QUERY,
    PAGE_SIZE,
    BadRequest,
    check_query,
    check_reference,
    int_param,
)
from .markup import anchor, marked, official_url, resolution_url, search_url
from .messages import LANGUAGES, MESSAGES, choose_language, plural
from .shared import SharedIndex

__all__ = [
    "browse_page",
    "http_error",
    "resolution_page",
    "search_page",
    "server_error",
]

Endpoint = Callable[[Request], Response]

#: The cookie that remembers the interface language chosen with ?ui=.
UI_COOKIE = "resolu_ui"
BROWSE_PAGE = 100

_env = Environment(
    loader=PackageLoader("resolu.search.web", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(
    marked=marked,
    anchor=anchor,
    resolution_url=resolution_url,
    search_url=search_url,
    official_url=official_url,
    plural=plural,
    MAX_QUERY=MAX_QUERY,
    MAX_PAGE=MAX_OFFSET // PAGE_SIZE,
)


class _Page:
    """One request's language, messages and way to answer."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.asked = request.query_params.get("ui")
        self.ui = choose_language(
            self.asked, request.cookies.get(UI_COOKIE), request.headers.get("accept-language")
        )
        self.t = MESSAGES[self.ui]

    def message(self, exc: BadRequest) -> str:
        return self.t[exc.key].format(**exc.values)

    def query_error(self, exc: QuerySyntaxError) -> str:
        where = "" if exc.position is None else self.t["at_column"].format(col=exc.position + 1)
        return self.t["malformed"].format(detail=exc.detail) + where

    def switch_url(self) -> str:
        other = next(x for x in LANGUAGES if x != self.ui)
        params = [
            (k, v[:MAX_QUERY]) for k, v in self.request.query_params.multi_items() if k != "ui"
        ][:10]
        path = quote(self.request.url.path, safe="/()")
        return f"{path}?{urlencode([*params, ('ui', other)])}"

    def render(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        html = _env.get_template(template).render(
            t=self.t, ui=self.ui, switch_url=self.switch_url(), **values
        )
        response = HTMLResponse(html, status_code=status)
        response.headers["Content-Language"] = self.ui
        response.headers["Vary"] = "Accept-Language, Cookie"
        if self.asked in LANGUAGES:
            response.set_cookie(
                UI_COOKIE, self.ui, max_age=365 * 24 * 3600, httponly=True, samesite="lax"
            )
        return response

    def error(self, status: int, message: str, **values: Any) -> HTMLResponse:
        return self.render("error.html", status, message=message, **values)


def search_page(shared: SharedIndex) -> Endpoint:
    """Return the search page's endpoint: ``/?q=…&page=…``."""

    def endpoint(request: Request) -> Response:
        page = _Page(request)
        params = request.query_params
        raw = params.get("q", "")
        values: dict[str, Any] = {
            "query": raw[:MAX_QUERY].strip(),
            "results": None,
            "error": None,
            "fault": None,
            "facets": [],
            "suggestions": [],
            "sorts": {},
            "sort": params.get("sort", ""),
            "page": 1,
            "pages": 0,
        }
        try:
            query = check_query(raw)
            number = int_param(
                params.get("page"), default=1, low=1, high=MAX_OFFSET // PAGE_SIZE, name="page"
            )
        except BadRequest as exc:
            return page.render("search.html", 400, **{**values, "error": page.message(exc)})
        if not query:
            return page.render("search.html", **values)
        values["page"] = number
        try:
            with shared.use() as ix:
                values["sorts"] = sort_orders(ix)
                results = run_search(
                    ix,
                    query,
                    limit=PAGE_SIZE,
                    offset=(number - 1) * PAGE_SIZE,
                    sort=values["sort"],
                    facets=True,
                )
        except QuerySyntaxError as exc:
            fault = None
            if exc.position is not None and 0 <= exc.position < len(query):
                fault = marked(query, [(exc.position, exc.position + 1)])
            return page.render(
                "search.html", 400, **{**values, "error": page.query_error(exc), "fault": fault}
            )
        except ResoluError as exc:
            return page.error(503, page.t["no_index"].format(detail=exc))
        values.update(
            results=results,
            pages=-(-results.total // PAGE_SIZE),
            facets=facets_of(results),
            suggestions=suggestions_of(results),
        )
        return page.render("search.html", **values)

    return endpoint


@dataclass(frozen=True)
class _Cell:
    """One paragraph in one language, its text already marked up."""

    lang: str
    paragraph: Paragraph
    html: Markup


@dataclass(frozen=True)
class _Row:
    """One place in the resolution: its anchor and a cell per language shown."""

    id: str
    depth: int
    cells: tuple[_Cell | None, ...]


def _versions(ix: Index, symbol: str) -> list[tuple[str, Resolution]]:
    """Return the resolution in each language the index holds, French first."""
    found = []
    for lang in DOC_LANGUAGES:
        try:
            res = ix.get(symbol, lang=lang)
        except ReferenceNotFound:
            continue
        if isinstance(res, Resolution):
            found.append((lang, res))
    if not found:
        raise ReferenceNotFound(f"nothing in the index is cited as {symbol}")
    return found


def _highlights(
    ix: Index, query: str, versions: list[tuple[str, Resolution]]
) -> dict[tuple[str, str], tuple[tuple[int, int], ...]]:
    """Return where ``query`` matched in the resolution's paragraphs, by (language, reference).

    The search runs through ``Index.search`` restricted to this symbol, so a
    paragraph is marked exactly where the search page marked it.
    """
    symbol = versions[0][1].symbol
    if '"' in symbol:
        return {}
    limit = sum(len(res.paragraphs) for _, res in versions)
    results = ix.search(f'({query}) symbol:"{symbol}"', limit=limit)
    return {(h.language, h.reference): h.highlights for h in results}


def _depth(p: Paragraph) -> int:
    return p.number.count(".") if p.kind == "subparagraph" else 0


def _rows(
    versions: list[tuple[str, Resolution]],
    marks: dict[tuple[str, str], tuple[tuple[int, int], ...]],
) -> list[_Row]:
    """Pair each paragraph with its counterpart in the other language shown, in order."""

    def cell(lang: str, p: Paragraph) -> _Cell:
        return _Cell(lang, p, marked(p.text, marks.get((lang, p.reference), ())))

    first_lang, first = versions[0]
    if len(versions) == 1:
        return [
            _Row(anchor(p.reference), _depth(p), (cell(first_lang, p),)) for p in first.paragraphs
        ]
    other_lang, other = versions[1]
    by_ref = {p.reference: p for p in other.paragraphs}
    used: set[str] = set()
    rows = []
    for p in first.paragraphs:
        aligned = [k.partition(":")[2] for k in p.aligned if k.startswith(f"{other_lang}:")]
        twin = next((by_ref[r] for r in aligned if r in by_ref), None) or by_ref.get(p.reference)
        if twin is not None:
            used.add(twin.reference)
        twin_cell = cell(other_lang, twin) if twin is not None else None
        rows.append(_Row(anchor(p.reference), _depth(p), (cell(first_lang, p), twin_cell)))
    for p in other.paragraphs:
        if p.reference not in used:
            rows.append(
                _Row(f"{other_lang}-{anchor(p.reference)}", _depth(p), (None, cell(other_lang, p)))
            )
    return rows


def resolution_page(shared: SharedIndex) -> Endpoint:
    """Return the endpoint of a resolution's page: ``/A/RES/55/109?q=…#op4``."""

    def endpoint(request: Request) -> Response:
        page = _Page(request)
        params = request.query_params
        try:
            ref = check_reference(request.path_params["symbol"])
            query = check_query(params.get("q", ""))
        except BadRequest as exc:
            return page.error(400, page.message(exc))
        symbol, sep, local = ref.partition("#")
        if sep:
            # /A/RES/55/109%23op4: a paragraph named whole; its place is the anchor.
            target = resolution_url(symbol, query=query, local=local)
            return RedirectResponse(target, status_code=303)
        notice = None
        marks: dict[tuple[str, str], tuple[tuple[int, int], ...]] = {}
        try:
            with shared.use() as ix:
                versions = _versions(ix, symbol)
                if query:
                    try:
                        marks = _highlights(ix, query, versions)
                    except QuerySyntaxError as exc:
                        notice = page.query_error(exc)
        except ReferenceNotFound:
            return page.error(404, page.t["not_found"].format(ref=ref))
        except ResoluError as exc:
            return page.error(503, page.t["no_index"].format(detail=exc))
        wanted = params.get("lang", "")
        versions.sort(key=lambda v: v[0] != wanted)
        return page.render(
            "resolution.html",
            versions=versions,
            rows=_rows(versions, marks),
            query=query,
            notice=notice,
            lang_param=wanted if wanted in DOC_LANGUAGES else "",
        )

    return endpoint


def browse_page(shared: SharedIndex) -> Endpoint:
    """Return the endpoint of the list of indexed resolutions: ``/resolutions?page=…``."""

    def endpoint(request: Request) -> Response:
        page = _Page(request)
        try:
            number = int_param(
                request.query_params.get("page"), default=1, low=1, high=10_000, name="page"
            )
        except BadRequest as exc:
            return page.error(400, page.message(exc))
        try:
            with shared.use() as ix:
                summaries = ix.resolutions()
        except ResoluError as exc:
            return page.error(503, page.t["no_index"].format(detail=exc))
        start = (number - 1) * BROWSE_PAGE
        return page.render(
            "browse.html",
            summaries=summaries[start : start + BROWSE_PAGE],
            total=len(summaries),
            page=number,
            pages=-(-len(summaries) // BROWSE_PAGE),
        )

    return endpoint


async def http_error(request: Request, exc: Exception) -> Response:
    """Answer a 404 or 405 from the router: JSON under /api/, a page elsewhere."""
    status = exc.status_code if isinstance(exc, HTTPException) else 404
    if request.url.path.startswith("/api/"):
        reason = "not found" if status == 404 else "method not allowed"
        return JSONResponse({"error": reason}, status)
    page = _Page(request)
    return page.error(status, page.t["page_not_found"])


async def server_error(request: Request, exc: Exception) -> Response:
    """Answer a bug with a plain page that shows no traceback and no path."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": "internal server error"}, 500)
    page = _Page(request)
    return page.error(500, page.t["server_error"])
