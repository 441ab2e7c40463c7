"""A stand-in for the UN's services on 127.0.0.1, for the fetch tests.

It answers as the Official Document System does (``/api/symbol/access?s=&l=&t=pdf``
redirects, here through a chain of three, to the PDF under ``/doc/``) and as
the Digital Library's search does (``/search?p=191__a:"A/RES/73/*"&of=xm&rg=&jrec=``
answers a MARCXML page with the total in a comment). The PDFs are the real ones
in ../shared/data/un_pdfs. Misbehaviour is scripted per (symbol, language): a
list of what to do on each successive request, the last one repeated.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit
from xml.sax.saxutils import escape

#: Symbols of the PDFs in ../shared/data/un_pdfs, written out (not derived from
#: file names) so that the client's own naming is tested against them.
PDFS = {
    "A/RES/73/3": "A_RES_73_3.en.pdf",
    "A/RES/73/6": "A_RES_73_6.en.pdf",
    "A/RES/73/7": "A_RES_73_7.en.pdf",
    "A/RES/73/8": "A_RES_73_8.en.pdf",
    "A/RES/70/10": "A_RES_70_10.en.pdf",
    "A/RES/78/323": "A_RES_78_323.en.pdf",
    "S/RES/2770 (2025)": "S_RES_2770_2025.en.pdf",
    "S/RES/2772 (2025)": "S_RES_2772_2025.en.pdf",
}
DATES = {
    "A/RES/73/3": "2018-10-10",
    "A/RES/73/6": "2018-10-26",
    "A/RES/73/7": "2018-10-26",
    "A/RES/73/8": "2018-11-01",
    "A/RES/70/10": "2015-11-23",
    "A/RES/78/323": "2024-08-09",
    "S/RES/2770 (2025)": "2025-01-24",
    "S/RES/2772 (2025)": "2025-02-17",
}
#: What an ODS miss looks like: a 200 carrying the site's single-page app.
APP_PAGE = (
    b"<!doctype html><html lang='en'><head><title>ODS</title></head>"
    b"<body><app-root></app-root></body></html>"
)


@dataclass
class FakeUN:
    """The server's state: its address, the scripts, and every request it received."""

    pdf_dir: Path
    url: str = ""
    scripts: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    retry_after: str = "7"
    slow_seconds: float = 2.0
    #: Extra MARCXML records: (symbol, date, title) with no file, or any symbol.
    extra_records: list[tuple[str, str, str]] = field(default_factory=list)
    #: The Word files served for ``t=doc``, by symbol (others: 404).
    word: dict[str, bytes] = field(default_factory=dict)

    def pdf(self, symbol: str) -> bytes:
        return (self.pdf_dir / PDFS[symbol]).read_bytes()

    def next_step(self, symbol: str, lang: str) -> str:
        script = self.scripts.get((symbol, lang))
        if not script:
            return "ok"
        return script.pop(0) if len(script) > 1 else script[0]

    def hits(self, part: str) -> int:
        return sum(part in r for r in self.requests)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass

    def do_GET(self) -> None:
        un = self.server.un
        un.requests.append(self.path)
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        kind = query.get("t", "pdf")
        if url.path == "/api/symbol/access":
            self._redirect(f"/api/hop1?s={quote(query['s'])}&l={query['l']}&t={kind}")
        elif url.path == "/api/hop1":
            self._redirect(f"/api/hop2?s={quote(query['s'])}&l={query['l']}&t={kind}")
        elif url.path == "/api/hop2":
            self._redirect(f"/doc/{query['l']}?s={quote(query['s'])}&t={kind}")
        elif url.path.startswith("/doc/") and kind == "doc":
            self._word(query["s"], url.path.rsplit("/", 1)[-1])
        elif url.path.startswith("/doc/"):
            self._document(query["s"], url.path.rsplit("/", 1)[-1])
        elif m := re.fullmatch(r"/record/\d+/files/(.+)-(EN|FR)\.pdf", url.path):
            symbol = next(s for s, f in PDFS.items() if f.startswith(m.group(1) + "."))
            self._document(symbol, m.group(2).lower())
        elif url.path == "/search":
            self._search(query)
        else:
            self._send(404, b"not found", "text/plain")

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(
        self, status: int, body: bytes, ctype: str, *, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _document(self, symbol: str, lang: str) -> None:
        un = self.server.un
        step = un.next_step(symbol, lang)
        if symbol not in PDFS or lang != "en" or step == "404":
            self._send(404, b"<html>Not found</html>", "text/html")
        elif step == "html200":
            self._send(200, APP_PAGE, "text/html; charset=utf-8")
        elif step == "429":
            self._send(429, b"slow down", "text/plain", headers={"Retry-After": un.retry_after})
        elif step == "503":
            self._send(503, b"busy", "text/plain")
        elif step == "slow":
            time.sleep(un.slow_seconds)
            self._send(200, un.pdf(symbol), "application/pdf")
        elif step == "drop":
            body = un.pdf(symbol)
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
        else:
            self._send(200, un.pdf(symbol), "application/pdf")

    def _word(self, symbol: str, lang: str) -> None:
        un = self.server.un
        step = un.next_step(symbol, lang)
        if symbol not in un.word or step == "404":
            self._send(404, b"<html>Not found</html>", "text/html")
        elif step == "html200":
            self._send(200, APP_PAGE, "text/html; charset=utf-8")
        else:
            self._send(200, un.word[symbol], "application/octet-stream")

    def _search(self, query: dict[str, str]) -> None:
        un = self.server.un
        m = re.fullmatch(r'191__a:"([^"*]*)\*"(?: AND year:(\d{4}))?', query.get("p", ""))
        assert m and query.get("of") == "xm", query
        prefix, year = m.group(1), m.group(2)
        rows = [(s, DATES[s], f"Resolution {s}") for s in PDFS] + un.extra_records
        rows = [r for r in rows if r[0].startswith(prefix) and (not year or r[1][:4] == year)]
        start, size = int(query.get("jrec", "1")), int(query.get("rg", "10"))
        page = rows[start - 1 : start - 1 + size]
        records = "".join(_record(un.url, n, *row) for n, row in enumerate(page, start))
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<!-- Search-Engine-Total-Number-Of-Results: {len(rows)} -->\n"
            f'<collection xmlns="http://www.loc.gov/MARC21/slim">{records}</collection>'
        )
        self._send(200, body.encode(), "application/xml")


def _record(base: str, recid: int, symbol: str, date: str, title: str) -> str:
    files = ""
    if symbol in PDFS:
        stem = PDFS[symbol].split(".")[0]
        for lang, name in (("EN", "English"), ("FR", "Français")):
            files += (
                '<datafield tag="856" ind1="4" ind2=" ">'
                f'<subfield code="u">{base}/record/{recid}/files/{stem}-{lang}.pdf</subfield>'
                f'<subfield code="y">{name}</subfield></datafield>'
            )
    return (
        f'<record><controlfield tag="001">{recid}</controlfield>'
        f'<datafield tag="191" ind1=" " ind2=" ">'
        f'<subfield code="a">{escape(symbol)}</subfield></datafield>'
        f'<datafield tag="245" ind1="1" ind2="0"><subfield code="a">{escape(title)} :</subfield>'
        '<subfield code="b">resolution / adopted by the General Assembly</subfield></datafield>'
        f'<datafield tag="269" ind1=" " ind2=" "><subfield code="a">{date}</subfield></datafield>'
        f"{files}</record>"
    )


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a slow answer in progress must not hold up the shutdown
    un: FakeUN


@contextmanager
def serve(pdf_dir: Path) -> Iterator[FakeUN]:
    """Run the fake services on a free port of 127.0.0.1 until the block ends."""
    server = _Server(("127.0.0.1", 0), _Handler)
    un = FakeUN(pdf_dir, url=f"http://127.0.0.1:{server.server_address[1]}")
    server.un = un
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield un
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
