"""resolu.search.web: a local web page and JSON API over :mod:`resolu.search`.

>>> from resolu.search.web import create_app, serve              # doctest: +SKIP
>>> serve("~/.local/share/resolu/index", host="127.0.0.1", port=8000)  # doctest: +SKIP

``create_app`` returns the ASGI application (Starlette) for any ASGI server;
``serve`` runs it with uvicorn, as ``resolu serve`` does.
"""

from __future__ import annotations

from .app import create_app
from .server import is_loopback, serve

__all__ = ["create_app", "is_loopback", "serve"]
