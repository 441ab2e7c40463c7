"""A polite HTTP client for the UN's services: rate limit, retries, downloads that land whole.

The standard library's urllib is enough here: it follows redirect chains, takes a
timeout and streams a body; what the UN's servers need beyond that (a pause
between requests to one host, retries with backoff on 429, 5xx and timeouts,
a file that appears only when complete) is a few dozen lines and is here.

A download is written to a hidden temporary name beside its target
(``.NAME.PID.part``, which no corpus walk reads) and renamed only when the
whole body has arrived and passed the caller's check; on any error, Ctrl-C
included, the temporary file is removed.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from .errors import ResoluError

__all__ = [
    "USER_AGENT",
    "Downloaded",
    "FetchError",
    "Http",
    "HttpAnswer",
    "ServiceUnreachable",
    "remove_stale_parts",
]

USER_AGENT = "resolu/0.1 (full-text search of UN resolutions; polite: one request a second)"

#: Called with the first and the last bytes of a complete body; returns why it is
#: refused (an HTML page where a PDF was expected), or None to keep it.
Check = Callable[[bytes, bytes], "str | None"]

_HEAD = 2048
_TAIL = 1024
_CHUNK = 1 << 16
_MAX_RETRY_AFTER = 120.0
_PART = re.compile(r"^\..+\.(\d+)\.part$")
_T = TypeVar("_T")
#: Failures while a server answers (a timeout, a dropped or reset connection).
_TRANSIENT = (TimeoutError, http.client.HTTPException, ConnectionError)


class FetchError(ResoluError):
    """A download or a catalogue request failed; the message says which and why."""


class ServiceUnreachable(FetchError):
    """A host cannot be reached at all (offline, unknown name, refused connection)."""

    def __init__(self, host: str, reason: str) -> None:
        self.host = host
        self.reason = reason
        super().__init__(f"cannot reach {host} ({reason}); check the connection or the address")


class _Retry(Exception):
    """A failure worth another attempt; ``wait`` is the server's Retry-After, if any."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        self.reason = reason
        self.wait = wait
        super().__init__(reason)


@dataclass(frozen=True)
class HttpAnswer:
    """A small answer read into memory (a catalogue page): status, final address, body."""

    status: int
    url: str
    content_type: str
    body: bytes


@dataclass(frozen=True)
class Downloaded:
    """What became of one download: ``fetched``, ``missing`` (404) or ``refused``."""

    status: str
    url: str
    detail: str = ""
    size: int = 0
    sha256: str = ""


class Http:
    """Send GET requests to the UN's hosts, one host at a time and politely.

    ``delay`` is the least time between two requests to one host; ``retries``
    how many more attempts a 429, a 5xx, a timeout or a dropped connection
    gets, waiting ``backoff``, then twice that, and so on (or what the
    server's Retry-After says, up to two minutes). ``clock`` and ``sleep``
    are injectable so that tests need not wait.
    """

    def __init__(
        self,
        *,
        timeout: float = 60.0,
        retries: int = 3,
        delay: float = 1.0,
        backoff: float = 2.0,
        user_agent: str = USER_AGENT,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.timeout = timeout
        self.retries = retries
        self.delay = delay
        self.backoff = backoff
        self.user_agent = user_agent
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._opener = urllib.request.build_opener()

    def get(self, url: str, *, accept: str = "*/*") -> HttpAnswer:
        """Return the answer to a GET of ``url`` (after redirects); 4xx answers are returned too."""

        def attempt() -> HttpAnswer:
            try:
                with self._open(url, accept) as resp:
                    body = _read_all(resp)
                    return HttpAnswer(resp.status, resp.geturl(), _ctype(resp), body)
            except urllib.error.HTTPError as exc:
                _raise_if_retryable(exc)
                with exc:
                    return HttpAnswer(exc.code, exc.geturl(), _ctype(exc), exc.read())

        return self._with_retries(url, attempt)

    def download(self, url: str, target: Path, *, accept: str, check: Check) -> Downloaded:
        """Download ``url`` into ``target``, which appears only complete and checked.

        A 404 is ``missing`` and a body that ``check`` turns down is
        ``refused``; neither leaves a file. Other failures raise
        :class:`FetchError` (after the retries) or :class:`ServiceUnreachable`.
        """

        def attempt() -> Downloaded:
            part = target.with_name(f".{target.name}.{os.getpid()}.part")
            try:
                with self._open(url, accept) as resp:
                    size, digest, head, tail = _stream(resp, part)
                    final = resp.geturl()
                refusal = check(head, tail)
                if refusal:
                    return Downloaded("refused", final, f"{refusal} (from {final})")
                os.replace(part, target)
                return Downloaded("fetched", final, size=size, sha256=digest)
            except urllib.error.HTTPError as exc:
                _raise_if_retryable(exc)
                exc.close()
                if exc.code in (404, 410):
                    return Downloaded("missing", exc.geturl(), f"HTTP {exc.code}")
                raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
            finally:
                part.unlink(missing_ok=True)

        return self._with_retries(url, attempt)

    def _open(self, url: str, accept: str) -> http.client.HTTPResponse:
        request = urllib.request.Request(
            url, headers={"User-Agent": self.user_agent, "Accept": accept}
        )
        response: http.client.HTTPResponse = self._opener.open(request, timeout=self.timeout)
        return response

    def _with_retries(self, url: str, attempt: Callable[[], _T]) -> _T:
        host = urlsplit(url).netloc
        for n in range(self.retries + 1):
            self._wait_turn(host)
            try:
                return attempt()
            except urllib.error.HTTPError:
                raise  # answered: the attempt has dealt with it already
            except urllib.error.URLError as exc:
                if not isinstance(exc.reason, TimeoutError | ConnectionResetError):
                    raise ServiceUnreachable(host, _reason_text(exc.reason)) from None
                failure = _Retry(_reason_text(exc.reason))
            except _TRANSIENT as exc:
                failure = _Retry(_reason_text(exc))
            except _Retry as exc:
                failure = exc
            if n == self.retries:
                raise FetchError(f"{url}: {failure.reason} (gave up after {n + 1} attempts)")
            self._sleep(failure.wait if failure.wait is not None else self.backoff * 2**n)
        raise AssertionError("unreachable")  # the loop returns or raises

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = last + self.delay - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()


def _read_all(resp: http.client.HTTPResponse) -> bytes:
    try:
        body = resp.read()
    except _TRANSIENT as exc:
        raise _Retry(_reason_text(exc)) from None
    expected = resp.getheader("Content-Length")
    if expected and expected.isdigit() and len(body) < int(expected):
        raise _Retry(f"connection dropped after {len(body)} of {expected} bytes")
    return body


def _stream(resp: http.client.HTTPResponse, part: Path) -> tuple[int, str, bytes, bytes]:
    """Write the body into ``part``; return its size, SHA-256, first and last bytes."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    tail = b""
    try:
        with part.open("wb") as out:
            while chunk := resp.read(_CHUNK):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                if len(head) < _HEAD:
                    head = (head + chunk)[:_HEAD]
                tail = (tail + chunk)[-_TAIL:]
            out.flush()
            os.fsync(out.fileno())
    except _TRANSIENT as exc:
        raise _Retry(f"{_reason_text(exc)} after {size} bytes") from None
    expected = resp.getheader("Content-Length")
    # http.client returns a short body without complaint when the server
    # closes early; only the announced length tells a dropped connection.
    if expected and expected.isdigit() and size < int(expected):
        raise _Retry(f"connection dropped after {size} of {expected} bytes")
    return size, digest.hexdigest(), head, tail


def _raise_if_retryable(exc: urllib.error.HTTPError) -> None:
    if exc.code == 429 or 500 <= exc.code < 600:
        wait = _retry_after(exc.headers.get("Retry-After"))
        exc.close()
        raise _Retry(f"HTTP {exc.code} {exc.reason}", wait)


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return min(float(value), _MAX_RETRY_AFTER)
    return None


def _ctype(resp: http.client.HTTPResponse | urllib.error.HTTPError) -> str:
    return (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()


def _reason_text(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return "unknown host or no network"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError):
        return "timed out"
    text = str(reason) or type(reason).__name__
    return text if isinstance(reason, str) else f"{type(reason).__name__}: {text}"


def remove_stale_parts(folder: Path) -> list[Path]:
    """Remove the temporary files that a killed run of resolu left in ``folder``.

    Only names of the form ``.NAME.PID.part`` whose process is gone: a run
    still going (another ``resolu fetch`` into the same folder) keeps its own.
    """
    removed = []
    for path in folder.glob(".*.part"):
        m = _PART.match(path.name)
        if m and not _alive(int(m.group(1))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftovers cannot be in use: we have not started yet
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
