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
    )
