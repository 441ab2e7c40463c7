"""Fetching resolutions from a fake UN on 127.0.0.1: every answer the issue lists, and after
each one a folder that holds only complete files."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_un import PDFS, FakeUN, serve
from resolu.corpus.digital_library import list_resolutions, parse_marcxml
from resolu.corpus.downloads import FetchError, Http, ServiceUnreachable
from resolu.corpus.fetch import MANIFEST, InvalidFetchRequest, fetch
from support import shared


class FakeTime:
    """A clock that moves only when slept on, and remembers each sleep."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture()
def un() -> Iterator[FakeUN]:
    with serve(shared("un_pdfs")) as server:
        yield server


@pytest.fixture()
def fake_time() -> FakeTime:
    return FakeTime()


def _http(fake_time: FakeTime, **kw: float) -> Http:
    options: dict[str, float] = {"timeout": 5.0, "retries": 2, "delay": 0.0, "backoff": 2.0}
    options.update(kw)
    return Http(clock=fake_time.clock, sleep=fake_time.sleep, **options)


def _only_complete_files(folder: Path, un: FakeUN) -> dict[str, str]:
    """Assert every file in the folder is whole and recorded; return name -> symbol."""
    if not folder.exists():
        return {}
    names = sorted(p.name for p in folder.iterdir())
    assert not [n for n in names if n.endswith(".part")], names
    manifest = json.loads((folder / MANIFEST).read_text()) if MANIFEST in names else {"files": {}}
    found = {}
    for name in names:
        if name == MANIFEST:
            continue
        entry = manifest["files"][name]
        assert (folder / name).read_bytes() == un.pdf(entry["symbol"]), name
        found[name] = entry["symbol"]
    assert set(found) == set(manifest["files"])
    return found


def test_fetches_by_symbol_through_a_redirect_chain(
    un: FakeUN, tmp_path: Path, fake_time: FakeTime
) -> None:
    lib = tmp_path / "library"
    report = fetch(
        ["A/RES/73/8", "S/RES/2770 (2025)"],
        langs=["en"],
        dest=lib,
        ods=un.url,
        http=_http(fake_time),
    )
    assert report.counts == {"fetched": 2}
    assert _only_complete_files(lib, un) == {
        "A_RES_73_8.en.pdf": "A/RES/73/8",
        "S_RES_2770_2025.en.pdf": "S/RES/2770 (2025)",
    }
    assert un.hits("/api/symbol/access?s=A/RES/73/8&l=en&t=pdf") == 1
    assert un.hits("/api/hop2") == 2 and un.hits("/doc/en") == 2
    assert report.files[0].size == len(un.pdf("A/RES/73/8"))


def test_a_second_run_fetches_nothing_again(
    un: FakeUN, tmp_path: Path, fake_time: FakeTime
) -> None:
    lib = tmp_path / "library"
    fetch(["A/RES/73/8"], langs=["en"], dest=lib, ods=un.url, http=_http(fake_time))
    asked = len(un.requests)
    again = fetch(["A/RES/73/8"], langs=["en"], dest=lib, ods=un.url, http=_http(fake_time))
    assert again.counts == {"skipped": 1}
    assert again.files[0].detail == "already fetched (same checksum)"
    assert len(un.requests) == asked
    # A file that no longer matches its checksum was changed by someone else: kept as is.
    (lib / "A_RES_73_8.en.pdf").write_bytes(b"%PDF-1.7 my annotated copy %%EOF")
    third = fetch(["A/RES/73/8"], langs=["en"], dest=lib, ods=un.url, http=_http(fake_time))
    assert third.files[0].detail == "changed since resolu fetched it: left as is"
    assert (lib / "A_RES_73_8.en.pdf").read_bytes().startswith(b"%PDF-1.7 my annotated")


def test_a_file_resolu_did_not_write_is_never_overwritten(
    un: FakeUN, tmp_path: Path, fake_time: FakeTime
) -> None:
    lib = tmp_path / "library"
    lib.mkdir()
    mine = lib / "A_RES_73_8.en.pdf"
    mine.write_bytes(b"my own notes")
    report = fetch(["A/RES/73/8"], langs=["en"], dest=lib, ods=un.url, http=_http(fake_time))
    assert report.files[0].status == "skipped"
    assert "not written by resolu" in report.files[0].detail
    assert mine.read_bytes() == b"my own notes" and un.requests == []


def test_an_unknown_symbol_or_language_is_missing(
    un: FakeUN, tmp_path: Path, fake_time: FakeTime
) -> None:
    lib = tmp_path / "library"
    report = fetch(
        ["A/RES/99/999", "A/RES/73/8"], langs=["fr"], dest=lib, ods=un.url, http=_http(fake_time)
    )
    assert report.counts == {"missing": 2}
    assert [f.detail for f in report.files] == ["HTTP 404", "HTTP 404"]
    assert _only_complete_files(lib, un) == {}


def test_an_html_page_with_status_200_is_refused(
    un: FakeUN, tmp_path: Path, fake_time: FakeTime
) -> None:
    un.scripts[("A/RES/73/8", "en")] = ["html200"]
    lib = tmp_path / "library"
    report = fetch(
        ["A/RES/73/8", "A/RES/73/7"], langs=["en"], dest=lib, ods=un.url, http=_http(fake_time)
    )
    assert [f.status for f in report.files] == ["refused", "fetched"]
    assert report.files[0].detail.startswith("an HTML page instead of a PDF (from http://127.0.0.1")
    assert _only_complete_files(lib, un) == {"A_RES_73_7.en.pdf": "A/RES/73/7"}


def test_429_then_success_waits_as_told(un: FakeUN, tmp_path: Path, fake_time: FakeTime) -> None:
    un.scripts[("A/RES/73/8", "en")] = ["429", "ok"]
    lib = tmp_path / "library"
    report = fetch(["A/RES/73/8"], langs=["en"], dest=lib, ods=un.url, http=_http(fake_time))
    assert report.counts == {"fetched": 1}
    assert fake_time.sleeps == [7.0]  # the server's Retry-After
    assert un.hits("/doc/en") == 2
    assert _only_complete_files(lib, un) == {"A_RES_73_8.en.pdf": "A/RES/73/8"}


def test_5xx_backs_off_then_gives_up(un: FakeUN, tmp_path: Path, fake_time: FakeTime) -> None:
    un.scripts[("A/RES/73/8", "en")] = ["503"]
    lib = tmp_path / "library"
    report = fetch(
        ["A/RES/73/8", "A/RES/73/7"], langs=["en"], dest=lib, ods=un.url, http=_http(fake_time)
    )
    assert [f.status for f in report.files] == ["failed", "fetched"]
    assert "HTTP 503" in report.files[0].detail and "3 attempts" in report.files[0].detail
    assert fake_time.sleeps == [2.0, 4.0]
    assert _only_complete_files(lib, un) == {"A_RES_73_7.en.pdf": "A/RES/73/7"}


def test_a_connection_dropped_mid_file_leaves_no_part(
    un: FakeUN, tmp_path: Path, fake_time: FakeTime
) -> None:
    un.scripts[("A/RES/73/8", "en")] = ["drop", "ok"]
    un.scripts[("A/RES/73/7", "en")] = ["drop"]
    lib = tmp_path / "library"
    report = fetch(
        ["A/RES/73/8", "A/RES/73/7"], langs=["en"], dest=lib, ods=un.url, http=_http(fake_time)
    )
    assert [f.status for f in report.files] == ["fetched", "failed"]
    size = len(un.pdf("A/RES/73/7"))
    assert f"connection dropped after {size // 2} of {size} bytes" in report.files[1].detail
    assert _only_complete_files(lib, un) == {"A_RES_73_8.en.pdf": "A/RES/73/8"}


def test_a_slow_answer_past_the_timeout_is_retried(
    un: FakeUN, tmp_path: Path, fake_time: FakeTime
) -> None:
    un.slow_seconds = 1.0
    un.scripts[("A/RES/73/8", "en")] = ["slow", "ok"]
    un.scripts[("A/RES/73/7", "en")] = ["slow"]
    lib = tmp_path / "library"
    http = _http(fake_time, timeout=0.2, retries=1)
    report = fetch(["A/RES/73/8", "A/RES/73/7"], langs=["en"], dest=lib, ods=un.url, http=http)
    assert [f.status for f in report.files] == ["fetched", "failed"]
    assert "timed out" in report.files[1].detail
    assert _only_complete_files(lib, un) == {"A_RES_73_8.en.pdf": "A/RES/73/8"}


def test_offline_names_the_host_and_writes_nothing(tmp_path: Path, fake_time: FakeTime) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    lib = tmp_path / "library"
    with pytest.raises(ServiceUnreachable) as err:
        fetch(
            ["A/RES/73/8"],
            langs=["en"],
            dest=lib,
            ods=f"http://127.0.0.1:{port}",
            http=_http(fake_time),
        )
    assert f"cannot reach 127.0.0.1:{port} (connection refused)" in str(err.value)
    assert list(lib.iterdir()) == []


def test_dry_run_asks_nothing_and_writes_nothing(
    un: FakeUN, tmp_path: Path, fake_time: FakeTime
) -> None:
    lib = tmp_path / "library"
    report = fetch(
        ["A/RES/73/8", "S/RES/2770(2025)"],
        langs=["fr", "en"],
        dest=lib,
        ods=un.url,
        http=_http(fake_time),
        dry_run=True,
    )
    assert report.counts == {"planned": 4}
    assert [Path(f.path).name for f in report.files] == [
        "A_RES_73_8.fr.pdf",
        "A_RES_73_8.en.pdf",
        "S_RES_2770_2025.fr.pdf",
        "S_RES_2770_2025.en.pdf",
    ]
    assert report.files[0].url == f"{un.url}/api/symbol/access?s=A/RES/73/8&l=fr&t=pdf"
    assert un.requests == [] and not lib.exists()


def test_requests_to_one_host_keep_the_delay(
    un: FakeUN, tmp_path: Path, fake_time: FakeTime
) -> None:
    done: list[tuple[int, int, str]] = []
    report = fetch(
        ["A/RES/73/8", "A/RES/73/7", "A/RES/73/6"],
        langs=["en"],
        dest=tmp_path / "library",
        ods=un.url,
        http=_http(fake_time, delay=1.5),
        progress=lambda n, total, what: done.append((n, total, what)),
    )
    assert report.counts == {"fetched": 3}
    assert fake_time.sleeps == [1.5, 1.5]
    assert done == [(1, 3, "A/RES/73/8 (en)"), (2, 3, "A/RES/73/7 (en)"), (3, 3, "A/RES/73/6 (en)")]


@pytest.mark.parametrize(
    ("symbols", "langs", "message"),
    [
        (["A/RES/73/8"], ["ja"], "unknown language 'ja'"),
        (["A/RES/73/8"], [], "no language given"),
        (["dialogue"], ["fr"], "not a UN document symbol: 'dialogue'"),
        (["../../etc/passwd"], ["fr"], "not a UN document symbol"),
    ],
)
def test_a_bad_request_is_refused_before_any_request(
    symbols: list[str], langs: list[str], message: str, tmp_path: Path
) -> None:
    with pytest.raises(InvalidFetchRequest, match=message):
        fetch(symbols, langs=langs, dest=tmp_path / "library", dry_run=True)


def test_lists_a_session_page_by_page(un: FakeUN, fake_time: FakeTime) -> None:
    records = list_resolutions(_http(fake_time), body="AG", session=73, base=un.url, page_size=3)
    assert [r.symbol for r in records] == ["A/RES/73/3", "A/RES/73/6", "A/RES/73/7", "A/RES/73/8"]
    assert [r.rsplit("&", 1)[-1] for r in un.requests] == ["jrec=1", "jrec=4"]
    first = records[0]
    assert first.date == "2018-10-10" and first.year == 2018
    assert first.title.startswith("Resolution A/RES/73/3 : resolution / adopted")
    assert first.file_for("en") == f"{un.url}/record/1/files/A_RES_73_3-EN.pdf"
    assert first.file_for("fr") == f"{un.url}/record/1/files/A_RES_73_3-FR.pdf"
    assert first.file_for("es") is None


def test_a_listing_keeps_only_the_body_and_year_asked(un: FakeUN, fake_time: FakeTime) -> None:
    # The fake search ignores "year:", as a looser answer would; the client filters.
    un.extra_records.append(("S/RES/2500 (2019)", "2019-12-04", "Somalia"))
    records = list_resolutions(_http(fake_time), body="CS", year=2025, base=un.url)
    assert [r.symbol for r in records] == ["S/RES/2770 (2025)", "S/RES/2772 (2025)"]
    assert "AND+year%3A2025" in un.requests[0]


def test_fetches_listed_records_from_their_own_addresses(
    un: FakeUN, tmp_path: Path, fake_time: FakeTime
) -> None:
    http = _http(fake_time)
    records = list_resolutions(http, body="AG", session=73, base=un.url)
    lib = tmp_path / "library"
    report = fetch(records[:2], langs=["fr", "en"], dest=lib, ods=un.url, http=http)
    assert [(f.symbol, f.language, f.status) for f in report.files] == [
        ("A/RES/73/3", "fr", "missing"),
        ("A/RES/73/3", "en", "fetched"),
        ("A/RES/73/6", "fr", "missing"),
        ("A/RES/73/6", "en", "fetched"),
    ]
    assert un.hits("/record/") == 4 and un.hits("/api/symbol/access") == 0
    assert _only_complete_files(lib, un) == {
        "A_RES_73_3.en.pdf": "A/RES/73/3",
        "A_RES_73_6.en.pdf": "A/RES/73/6",
    }


def test_a_catalogue_answer_that_is_not_marcxml_is_an_error() -> None:
    with pytest.raises(FetchError, match="did not answer MARCXML"):
        parse_marcxml(b"<!doctype html><html><body>Maintenance</body></html>")
    records, seen, total = parse_marcxml(
        b'<collection xmlns="http://www.loc.gov/MARC21/slim"><record>'
        b'<datafield tag="791"><subfield code="a">A/RES/217(III)</subfield></datafield>'
        b"</record><record/></collection>"
    )
    assert [r.symbol for r in records] == ["A/RES/217(III)"] and seen == 2 and total is None


def test_the_fake_serves_every_pdf_it_names() -> None:
    folder = shared("un_pdfs")
    assert all((folder / name).is_file() for name in PDFS.values())


@pytest.fixture(scope="module")
def word_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The shipped resolution as a .docx (made as the Word tests make it) and as a .doc."""
    from support import SEED
    from test_word import _text_as_word, _write_docx

    docx = tmp_path_factory.mktemp("word") / "seed.docx"
    _write_docx(*_text_as_word(SEED.read_text(encoding="utf-8")), docx)
    legacy = Path(__file__).parent / "word" / "A_RES_55_109.fr.doc"
    return {"docx": docx.read_bytes(), "doc": legacy.read_bytes()}


def test_word_files_are_fetched_as_docx_or_as_legacy_doc(
    un: FakeUN, tmp_path: Path, fake_time: FakeTime, word_files: dict[str, bytes]
) -> None:
    un.word = {"A/RES/55/109": word_files["docx"], "A/RES/55/110": word_files["doc"]}
    un.scripts[("A/RES/55/111", "fr")] = ["html200"]
    un.word["A/RES/55/111"] = word_files["docx"]
    lib = tmp_path / "library"
    symbols = ["A/RES/55/109", "A/RES/55/110", "A/RES/55/111", "A/RES/55/112"]
    report = fetch(symbols, langs=["fr"], dest=lib, ods=un.url, http=_http(fake_time), kind="doc")
    assert [(f.status, Path(f.path).name) for f in report.files] == [
        ("fetched", "A_RES_55_109.fr.docx"),
        ("fetched", "A_RES_55_110.fr.doc"),  # a legacy Word answer, named for what it is
        ("refused", "A_RES_55_111.fr.docx"),
        ("missing", "A_RES_55_112.fr.docx"),
    ]
    assert "an HTML page instead of a Word file" in report.files[2].detail
    assert all("&t=doc" in r for r in un.requests if r.startswith("/api/symbol/access"))
    assert (lib / "A_RES_55_109.fr.docx").read_bytes() == word_files["docx"]
    assert (lib / "A_RES_55_110.fr.doc").read_bytes() == word_files["doc"]
    manifest = json.loads((lib / MANIFEST).read_text())
    assert sorted(manifest["files"]) == ["A_RES_55_109.fr.docx", "A_RES_55_110.fr.doc"]
    again = fetch(
        symbols[:2], langs=["fr"], dest=lib, ods=un.url, http=_http(fake_time), kind="doc"
    )
    assert again.counts == {"skipped": 2}
    with pytest.raises(InvalidFetchRequest, match="unknown kind of file"):
        fetch(symbols, langs=["fr"], dest=lib, kind="odt")
