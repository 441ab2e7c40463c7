"""The JSON API: ``/api/search``, ``/api/get`` and ``/api/list``.

The answers are those of ``resolu search --json`` and ``resolu show --json``
(one serialiser, :mod:`resolu.search.serialize`), except that ``source``, the
path of the file a resolution was read from, is never sent. Errors are
``{"error": "…"}`` with 400 (bad request or malformed query), 404 (unknown
reference) or 503 (no index).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from resolu.corpus.errors import ResoluError
from resolu.corpus.languages import LANGUAGES as DOC_LANGUAGES
from resolu.search.errors import QuerySyntaxError, ReferenceNotFound
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..serialize import found_json, resolutions_json, results_json
from .features import run_search
from .limits import (
    MAX_LIMIT,
    MAX_LIST,
    MAX_OFFSET,
    BadRequest,
    check_query,
    check_reference,
    int_param,
)
from .messages import MESSAGES
from .shared import SharedIndex

__all__ = ["get", "listing", "not_found", "search"]

Endpoint = Callable[[Request], Response]
_EN = MESSAGES["en"]


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _answer(call: Callable[[], Any]) -> Response:
    """Run one library call and turn its errors into JSON errors."""
    try:
        return JSONResponse(call())
    except BadRequest as exc:
        return _error(400, _EN[exc.key].format(**exc.values))
    except QuerySyntaxError as exc:
        return _error(400, f"malformed query: {exc}")
    except ReferenceNotFound as exc:
        return _error(404, str(exc))
    except ResoluError as exc:
        return _error(503, str(exc))


def search(shared: SharedIndex) -> Endpoint:
    """Return ``/api/search?q=…&limit=10&offset=0&group=1``: as ``resolu search --json``."""

    def endpoint(request: Request) -> Response:
        params = request.query_params

        def call() -> Any:
            query = check_query(params.get("q", ""))
            if not query:
                raise BadRequest("empty_query")
            limit = int_param(params.get("limit"), default=10, low=0, high=MAX_LIMIT, name="limit")
            offset = int_param(
                params.get("offset"), default=0, low=0, high=MAX_OFFSET, name="offset"
            )
            group = params.get("group", "") in ("1", "true", "yes")
            facets = params.get("facets", "") in ("1", "true", "yes")
            with shared.use() as ix:
                results = run_search(
                    ix,
                    query,
                    limit=limit,
                    offset=offset,
                    group=group,
                    sort=params.get("sort", ""),
                    facets=facets,
                )
            return results_json(results, limit=limit, offset=offset)

        return _answer(call)

    return endpoint


def get(shared: SharedIndex) -> Endpoint:
    """Return ``/api/get?ref=A/RES/55/109%23op4&lang=en``: as ``resolu show --json``."""

    def endpoint(request: Request) -> Response:
        params = request.query_params

        def call() -> Any:
            ref = check_reference(params.get("ref", ""))
            lang = params.get("lang") or None
            if lang is not None and lang not in DOC_LANGUAGES:
                raise BadRequest("bad_language", lang=lang[:10], choices=", ".join(DOC_LANGUAGES))
            with shared.use() as ix:
                found = ix.get(ref, lang=lang)
            return found_json(found, with_source=False)

        return _answer(call)

    return endpoint


def listing(shared: SharedIndex) -> Endpoint:
    """Return ``/api/list?limit=100&offset=0``: the indexed resolutions, by symbol."""

    def endpoint(request: Request) -> Response:
        params = request.query_params

        def call() -> Any:
            limit = int_param(params.get("limit"), default=100, low=0, high=MAX_LIST, name="limit")
            offset = int_param(params.get("offset"), default=0, low=0, high=10**6, name="offset")
            with shared.use() as ix:
                summaries = ix.resolutions()
            return resolutions_json(summaries, limit=limit, offset=offset)

        return _answer(call)

    return endpoint


def not_found(request: Request) -> Response:
    """Answer an unknown /api/ address."""
    return _error(404, f"no such API address: {request.url.path[:100]}")
