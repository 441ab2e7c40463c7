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

from ..citation import adoption_line
from ..messages import Messages
from ..parallel import Spans, pair_rows, query_highlights, versions_of
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


def _rows(versions: list[Resolution], marks: dict[tuple[str, str], Spans]) -> list[_Row]:
    """Return the library's paired rows with their anchors and marked-up text."""
    other = versions[1].language if len(versions) > 1 else ""
    rows = []
    for row in pair_rows(versions[:2], marks):
        first = next(c for c in row.cells if c is not None)
        ident = anchor(first.paragraph.reference)
        if row.cells[0] is None:
            ident = f"{other}-{ident}"
        cells = tuple(
            None
            if c is None
            else _Cell(c.language, c.paragraph, marked(c.paragraph.text, c.highlights))
            for c in row.cells
        )
        rows.append(_Row(ident, row.depth, cells))
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
        marks: dict[tuple[str, str], Spans] = {}
        wanted = params.get("lang", "")
        order = tuple(sorted(DOC_LANGUAGES, key=lambda lang: lang != wanted))
        try:
            with shared.use() as ix:
                versions = versions_of(ix, symbol, order)
                if query:
                    try:
                        marks = query_highlights(ix, query, versions)
                    except QuerySyntaxError as exc:
                        notice = page.query_error(exc)
        except ReferenceNotFound:
            return page.error(404, page.t["not_found"].format(ref=ref))
        except ResoluError as exc:
            return page.error(503, page.t["no_index"].format(detail=exc))
        vote = versions[0].vote
        return page.render(
            "resolution.html",
            versions=[(res.language, res) for res in versions],
            adoption=adoption_line(vote, Messages(page.ui)) if vote else "",
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
