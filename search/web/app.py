"""The web application: routes, security headers and the assets it serves itself.

>>> from resolu.search.web import create_app                     # doctest: +SKIP
>>> app = create_app("~/.local/share/resolu/index")              # doctest: +SKIP

Every page and API answer is a thin adapter over :class:`resolu.search.Index`
(``search``, ``get``, ``resolutions``) reached through one
:class:`~resolu.search.web.shared.SharedIndex`; nothing here searches by
itself. Nothing reads a file at request time: templates and assets are loaded
from the package when the application is made.
"""

from __future__ import annotations

import mimetypes
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..searching import Index
from . import api, pages
from .shared import SharedIndex

__all__ = ["SECURITY_HEADERS", "create_app"]

#: Sent with every response. No inline script or style anywhere: the page's
#: one script and one style sheet come from /static/.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class _SecurityHeaders:
    """Add :data:`SECURITY_HEADERS` to every response, errors and assets included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _assets() -> dict[str, tuple[bytes, str]]:
    """Read the static assets once: name -> (content, media type)."""
    folder = resources.files(__package__) / "static"
    out = {}
    for item in folder.iterdir():
        if item.is_file() and not item.name.startswith("."):
            media = mimetypes.guess_type(item.name)[0] or "application/octet-stream"
            if media.startswith("text/") or media.endswith("javascript"):
                media += "; charset=utf-8"
            out[item.name] = (item.read_bytes(), media)
    return out


def _static(assets: dict[str, tuple[bytes, str]]) -> Any:
    def static(request: Request) -> Response:
        # A name, never a path: only the files read at start-up can be served.
        found = assets.get(request.path_params["name"])
        if found is None:
            return Response("not found\n", status_code=404, media_type="text/plain")
        body, media = found
        return Response(body, media_type=media, headers={"Cache-Control": "public, max-age=3600"})

    return static


def create_app(
    index_dir: Path | str,
    *,
    index: Index | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> Starlette:
    """Return the web application answering from the index in ``index_dir``.

    ``index``, when given, is an index already open on that folder. With
    ``allowed_hosts``, requests naming another ``Host`` are refused (400), which
    keeps a page on another site from reaching a server on 127.0.0.1 by DNS
    rebinding.
    """
    shared = SharedIndex(index_dir, index)
    middleware = [Middleware(_SecurityHeaders)]
    if allowed_hosts is not None:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    routes = [
        Route("/", pages.search_page(shared), methods=["GET"]),
        Route("/resolutions", pages.browse_page(shared), methods=["GET"]),
        Route("/static/{name}", _static(_assets()), methods=["GET"]),
        Route("/api/search", api.search(shared), methods=["GET"]),
        Route("/api/get", api.get(shared), methods=["GET"]),
        Route("/api/list", api.listing(shared), methods=["GET"]),
        Route("/api/{rest:path}", api.not_found, methods=["GET"]),
        # Last: every other path is a symbol (/A/RES/55/109, /S/RES/242 (1967)).
        Route("/{symbol:path}", pages.resolution_page(shared), methods=["GET"]),
    ]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        shared.close()

    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={404: pages.http_error, 405: pages.http_error, 500: pages.server_error},
        lifespan=lifespan,
    )
    app.state.shared = shared
    return app
