"""The web server is safe by default: escaping, no files, caps, headers, localhost only."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from resolu.index import build_index
from resolu.search.cli import cli
from resolu.search.web import create_app, is_loopback
from resolu.search.web.app import SECURITY_HEADERS
from resolu.search.web.limits import MAX_QUERY
from support import SEED
from webserver import Server, running

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped resolution with HTML and script written into its op4."""
    corpus = tmp_path_factory.mktemp("hostile-corpus")
    text = SEED.read_text(encoding="utf-8")
    marker = "4. "
    at = text.index("\n" + marker) + 1 + len(marker)
    (corpus / SEED.name).write_text(text[:at] + HOSTILE + " " + text[at:], encoding="utf-8")
    build_index(corpus, corpus.parent / "hostile-index")
    return corpus.parent / "hostile-index"


@pytest.fixture(scope="module")
def server(hostile_index: Path) -> Iterator[Server]:
    with running(create_app(hostile_index)) as started:
        yield started


def test_the_hostile_paragraph_is_indexed(server: Server) -> None:
    found = server.get("/api/get?ref=A/RES/55/109%23op4").json()
    assert HOSTILE in found["text"]


def test_document_text_comes_out_escaped(server: Server) -> None:
    for path in ("/A/RES/55/109", "/?q=alert", "/A/RES/55/109?q=alert"):
        page = server.get(path).text
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.replace(
            "<mark>", ""
        ).replace("</mark>", ""), path
        assert "<script>alert" not in page and "<img src=x" not in page, path


def test_query_comes_out_escaped(server: Server) -> None:
    query = '"><script>alert(1)</script><b x="'
    page = server.get("/?q=" + quote(query))
    assert "<script>alert(1)" not in page.text and "<b x=" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    reference = server.get("/" + quote("<script>alert(1)</script>"))
    assert reference.status == 404 and "<script>alert(1)" not in reference.text


def test_pages_hold_no_inline_script_or_style(server: Server) -> None:
    for path in ("/", "/?q=dialogue", "/A/RES/55/109?q=dialogue", "/resolutions", "/?q=(x"):
        html = server.get(path).text
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
        assert scripts and all('src="/static/' in attrs and not body for attrs, body in scripts)
        assert "<style" not in html and " style=" not in html
        # No onclick= and the like in any tag (escaped text may say "onerror=").
        assert not re.search(r"<[^>]*\son[a-z]+=", html), path


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?q=dialogue",
        "/A/RES/55/109",
        "/static/style.css",
        "/static/cite.js",
        "/api/search?q=dialogue",
        "/api/nothing",
        "/nothing/at/all",
        "/?q=%28",
    ],
)
def test_every_response_carries_the_security_headers(server: Server, path: str) -> None:
    answer = server.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert answer.headers[name.lower()] == value
    csp = answer.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "server" not in answer.headers


@pytest.mark.parametrize(
    "path",
    [
        "/static/../pyproject.toml",
        "/static/../../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2fpyproject.toml",
        "/static/%2Fetc%2Fpasswd",
        "/../../../etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/%5C..%5C..%5Cetc%5Cpasswd",
        "/A/RES/55/109/../../../etc/passwd",
        "/api/get?ref=../../etc/passwd",
        "/api/get?ref=/etc/passwd",
        "/api/get?ref=%2Fetc%2Fpasswd",
        "/api/get?ref=" + quote(str(SEED)),
    ],
)
def test_dot_dot_and_absolute_paths_are_refused(server: Server, path: str) -> None:
    answer = server.get(path)
    assert answer.status in (400, 404), (path, answer.status)
    assert b"root:" not in answer.body and b"[project]" not in answer.body
    assert b"<!doctype html>" in answer.body or answer.headers["content-type"] == "application/json"


def test_static_serves_only_the_packaged_assets(server: Server) -> None:
    assert server.get("/static/cite.js").headers["content-type"].startswith("text/javascript")
    assert server.get("/static/style.css").headers["content-type"].startswith("text/css")
    assert server.get("/static/__init__.py").status == 404
    assert server.get("/static/").status == 404


def test_a_100000_character_query_is_refused_cleanly(server: Server) -> None:
    long_query = "civilisations " * (100_000 // 14 + 1)
    page = server.get("/?q=" + quote(long_query[:100_000]))
    assert page.status == 400
    assert f"au plus {MAX_QUERY}" in page.text and "100000 caractères" in page.text
    assert len(page.body) < 20_000  # the query is not echoed back whole
    api = server.get("/api/search?q=" + quote(long_query[:100_000]))
    assert api.status == 400 and "too long" in api.json()["error"]
    resolution = server.get("/A/RES/55/109?q=" + quote(long_query[:100_000]))
    assert resolution.status == 400


def test_a_long_query_sent_in_pieces_gets_the_same_refusal(server: Server) -> None:
    # A loaded machine delivers a long request line in several reads; before, h11
    # then reset the connection at 16 KiB instead of letting the page refuse it.
    path = "/?q=" + quote(("civilisations " * (100_000 // 14 + 1))[:100_000])
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        for start in range(0, len(request), 8192):
            sock.sendall(request[start : start + 8192])
            time.sleep(0.005)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert "100000 caractères".encode() in answer


def test_page_size_is_capped(server: Server) -> None:
    assert server.get("/api/search?q=dialogue&limit=100").status == 200
    assert server.get("/api/search?q=dialogue&limit=1000").status == 400
    assert server.get("/api/search?q=dialogue&offset=10001").status == 400


def test_read_only_other_methods_are_refused(server: Server) -> None:
    for method in ("POST", "PUT", "DELETE"):
        assert server.get("/api/search?q=dialogue", method=method).status == 405
        assert server.get("/", method=method).status == 405


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60))
def test_no_query_gives_a_500(server: Server, query: str) -> None:
    for path in ("/?q=", "/api/search?q=", "/A/RES/55/109?q="):
        answer = server.get(path + quote(query))
        assert answer.status in (200, 400), (query, answer.status)


# ------------------------------------------------------------------ binding


def test_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("::") and not is_loopback("10.1.2.3")


def test_serve_defaults_to_localhost_and_warns_about_every_interface(
    monkeypatch: pytest.MonkeyPatch, corpus_index_dir: Path
) -> None:
    calls: list[dict[str, Any]] = []

    def fake_serve(index_dir: Path, **kwargs: Any) -> None:
        calls.append({"index_dir": index_dir, **kwargs})
        kwargs["index"].close()

    monkeypatch.setattr("resolu.search.web.server.serve", fake_serve)
    runner = CliRunner()
    quiet = runner.invoke(cli, ["serve", "--index-dir", str(corpus_index_dir)])
    assert quiet.exit_code == 0, quiet.output
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8000
    assert "warning" not in quiet.stderr
    assert "http://127.0.0.1:8000/" in quiet.stderr
    loud = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--index-dir", str(corpus_index_dir)])
    assert loud.exit_code == 0
    assert calls[-1]["host"] == "0.0.0.0"
    assert "warning: listening on every network interface" in loud.stderr


def test_serve_without_an_index_is_a_one_line_error(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["serve", "--index-dir", str(tmp_path / "none")])
    assert out.exit_code == 1
    assert "no index in" in out.output and "Traceback" not in out.output


def _other_address() -> str | None:
    """An address of this machine that is not loopback, if it has one."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: no packet is sent for UDP connect
        address = str(probe.getsockname()[0])
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_resolu_serve_binds_to_localhost_only_by_default(corpus_index_dir: Path) -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "resolu.search",
            "serve",
            "--index-dir",
            str(corpus_index_dir),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(proc.stderr.read().decode() if proc.stderr else "")  # noqa: B904
                time.sleep(0.1)
        other = _other_address()
        if other is not None:
            with pytest.raises(OSError):
                socket.create_connection((other, port), timeout=2).close()
        # A page that names another host (DNS rebinding) is refused.
        import http.client

        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/", headers={"Host": "attacker.example"})
        assert conn.getresponse().status == 400
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/?q=dialogue")
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        if proc.stdout:
            proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()
    if other is None:
        pytest.skip("this machine has no address but loopback to try from")
