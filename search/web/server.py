"""Run the web application with uvicorn, on this machine only unless told otherwise."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import uvicorn

from ..searching import Index
from .app import create_app

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "exposure_warning",
    "is_loopback",
    "serve",
    "server_config",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    """Tell whether ``host`` is reachable from this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """Return a warning when ``host`` makes the server reachable from other machines."""
    if is_loopback(host):
        return None
    if host in ("0.0.0.0", "::", "[::]", ""):
        return (
            f"listening on every network interface ({host or '*'}): anyone who can reach "
            "this machine can read the index; use --host 127.0.0.1 to keep it local"
        )
    return f"listening on {host}: other machines on that network can read the index"


def serve(
    index_dir: Path | str,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    index: Index | None = None,
) -> None:
    """Serve the index in ``index_dir`` over HTTP until interrupted.

    On a loopback address, requests must name this machine in their ``Host``
    header (127.0.0.1, localhost, ::1), which refuses DNS-rebinding pages.
    """
    hosts = sorted({*_LOOPBACK_NAMES, host}) if is_loopback(host) else None
    app = create_app(index_dir, index=index, allowed_hosts=hosts)
    uvicorn.Server(server_config(app, host=host, port=port)).run()


#: The largest request line and headers uvicorn buffers before the page answers (bytes).
REQUEST_HEAD_LIMIT = 1024 * 1024


def server_config(
    app: Any, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
) -> uvicorn.Config:
    """Return how uvicorn runs the application: quiet, no server banner, no proxy headers."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        server_header=False,
        # Behind no proxy: X-Forwarded-* from a client must not be believed.
        proxy_headers=False,
        lifespan="on",
        # h11 refuses a request line still incomplete past this size (16 KiB by
        # default), so a long query's answer depended on how its bytes arrived:
        # the page's own "at most N characters" in one read, a bare reset when
        # split. Room for a 100,000-character query, percent-encoded, keeps the
        # answer the page's own; the limit still bounds what a client can buffer.
        h11_max_incomplete_event_size=REQUEST_HEAD_LIMIT,
    )
