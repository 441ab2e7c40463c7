"""The web application over real HTTP on 127.0.0.1: pages, API, refresh, permalinks."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from resolu.index import build_index
from resolu.search import open_index
from resolu.search.cli import cli
from resolu.search.web import create_app
from resolu.search.web.messages import LANGUAGES, MESSAGES, choose_language, plural
from support import REPO, SEED, SHARED_DATA
from webserver import Server, running

UDHR = SHARED_DATA / "udhr"
PHRASE = quote('"dialogue entre les civilisations"')


@pytest.fixture(scope="module")
def server(web_index_dir: Path) -> Iterator[Server]:
    with running(create_app(web_index_dir)) as s:
        yield s


def need_udhr() -> None:
    if not (UDHR / "A_RES_217_A_III.fr.html").exists():
        pytest.skip(f"{UDHR} is absent (../shared/data is not beside this clone)")


def hit_references(html: str) -> list[str]:
    return re.findall(r'<li class="hit" id="hit-\d+" data-reference="([^"]+)"', html)


# ------------------------------------------------------------------ search page


def test_search_page_ranks_pp8_and_pp1_with_the_phrase_marked(server: Server) -> None:
    page = server.get(f"/?q={PHRASE}")
    assert page.status == 200
    assert hit_references(page.text) == ["A/RES/55/109#pp8", "A/RES/55/109#pp1"]
    assert page.text.count("<mark>dialogue entre les civilisations</mark>") == 2
    assert "2 paragraphes trouvés" in page.text
    assert "A/RES/55/109, préambule, 8e alinéa" in page.text
    # The hit links to its paragraph, carrying the search for highlighting.
    assert f'href="/A/RES/55/109?q={quote(chr(34))}dialogue' in page.text
    assert "lang=fr#pp8" in page.text


def test_search_page_is_french_unless_the_browser_prefers_english(server: Server) -> None:
    assert '<html lang="fr">' in server.get("/").text
    german = server.get("/", {"Accept-Language": "de-DE,de;q=0.9"})
    assert '<html lang="fr">' in german.text
    english = server.get("/", {"Accept-Language": "en-GB,en;q=0.9,fr;q=0.5"})
    assert '<html lang="en">' in english.text and "Search the paragraphs" in english.text
    assert english.headers["content-language"] == "en"


def test_language_switch_is_remembered_in_a_cookie(server: Server) -> None:
    switched = server.get("/?q=dialogue&ui=en")
    assert '<html lang="en">' in switched.text
    assert "paragraphs found" in switched.text
    cookie = switched.headers["set-cookie"]
    assert cookie.startswith("resolu_ui=en") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    later = server.get("/A/RES/55/109", {"Cookie": "resolu_ui=en"})
    assert '<html lang="en">' in later.text and "Copy the citation" in later.text
    # The switch link keeps the query and names the other language.
    assert 'href="/?q=dialogue&amp;ui=fr"' in switched.text


def test_pages_of_results(server: Server) -> None:
    need_udhr()
    first = server.get("/?q=droit")
    total = int(re.search(r"(\d+) paragraphes trouvés", first.text).group(1))  # type: ignore[union-attr]
    assert total > 10
    assert len(hit_references(first.text)) == 10
    second = server.get("/?q=droit&page=2")
    refs = hit_references(second.text)
    assert '<ol class="hits" start="11">' in second.text
    assert not set(refs) & set(hit_references(first.text))
    assert 'rel="prev" href="/?q=droit"' in second.text
    assert f"page 2 sur {-(-total // 10)}" in second.text


def test_partial_matches_follow_a_line_that_says_so(server: Server) -> None:
    page = server.get("/?q=dialogue+civilisations")
    before, line, after = page.text.partition('id="partial-after"')
    assert line and "(3 les contiennent tous)" in after.split("</p>")[0]
    assert len(hit_references(before)) == 3 and hit_references(after)
    assert '<ol class="hits" start="4">' in after


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1001"])
def test_a_bad_page_number_is_a_clear_400(server: Server, page: str) -> None:
    answer = server.get(f"/?q=droit&page={page}")
    assert answer.status == 400
    assert "Paramètre page non valable" in answer.text


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("year:deux", "colonne 1"),
        ("dialogue kind:banane", "colonne 10"),
        ("couleur:rouge", "couleur"),
        ("les", ""),
    ],
)
def test_a_malformed_query_is_explained_on_the_page(server: Server, query: str, said: str) -> None:
    answer = server.get(f"/?q={quote(query)}")
    assert answer.status == 400
    alert = re.search(
        r'<div class="error" role="alert" id="query-error">(.*?)</div>', answer.text, re.S
    )
    assert alert is not None and "Requête mal formée" in alert.group(1)
    assert said in alert.group(1)
    # The query stays in the box, to be corrected.
    assert f'value="{query.replace(chr(34), "&#34;")}"' in answer.text


def test_no_results_is_said_with_the_query(server: Server) -> None:
    answer = server.get("/?q=zzzyyyxxx")
    assert answer.status == 200
    assert "Aucun résultat pour «\u00a0zzzyyyxxx\u00a0»" in answer.text
    assert "0 paragraphe trouvé" in answer.text


# ------------------------------------------------------------------ resolution page


def test_resolution_page_has_every_paragraph_under_its_anchor(server: Server) -> None:
    page = server.get("/A/RES/55/109")
    assert page.status == 200
    with open_index(server_index(server)) as ix:
        res = ix.get("A/RES/55/109")
    ids = re.findall(r'<div class="row depth-\d+" id="([^"]+)">', page.text)
    assert ids == [p.reference.partition("#")[2] for p in res.paragraphs]  # type: ignore[union-attr]
    assert '<h1><span class="symbol">A/RES/55/109</span>' in page.text
    assert 'href="https://undocs.org/fr/A/RES/55/109"' in page.text
    # The citation is selectable text; the copy button waits for the script.
    assert '<span class="citation" id="cite-fr-op4">A/RES/55/109, par. 4</span>' in page.text
    assert re.search(r'<button type="button" class="copy"[^>]*hidden>', page.text)


def server_index(server: Server) -> Path:
    return Path(server.server.config.app.state.shared.path)


def test_resolution_page_marks_the_words_of_the_search(server: Server) -> None:
    page = server.get(f"/A/RES/55/109?q={PHRASE}")
    rows = dict(re.findall(r'id="(pp\d+|op\d+|fn\d+)">(.*?)</div>\n  </div>', page.text, re.S))
    assert "<mark>dialogue entre les civilisations</mark>" in rows["pp1"]
    assert "<mark>dialogue entre les civilisations</mark>" in rows["pp8"]
    assert "<mark>" not in rows["op4"]
    assert "Mots de la recherche" in page.text
    plain = server.get("/A/RES/55/109")
    assert "<mark>" not in plain.text


def test_both_languages_side_by_side(server: Server) -> None:
    need_udhr()
    page = server.get("/" + quote("A/RES/217 A (III)") + "?q=%C3%A9ducation")
    assert page.status == 200
    assert 'class="paragraphs cols-2"' in page.text
    row = re.search(r'id="art26\.1">(.*?)\n  </div>', page.text, re.S)
    assert row is not None
    cells = re.findall(r'<div class="cell kind-\w+" lang="(\w\w)">', row.group(1))
    assert cells == ["fr", "en"]
    assert "<mark>éducation</mark>" in row.group(1)
    assert "Toute personne a droit à l’" in row.group(1) and "Everyone has the right" in row.group(
        1
    )
    english_first = server.get("/" + quote("A/RES/217 A (III)") + "?lang=en")
    first_cell = re.search(r'<div class="cell kind-\w+" lang="(\w\w)">', english_first.text)
    assert first_cell is not None and first_cell.group(1) == "en"


def test_paragraph_permalink_redirects_to_its_anchor(server: Server) -> None:
    answer = server.get("/A/RES/55/109%23op4")
    assert answer.status == 303
    assert answer.headers["location"] == "/A/RES/55/109#op4"
    assert server.get("/A/RES/99/999").status == 404
    assert "Rien dans l’index n’est cité" in server.get("/A/RES/99/999").text


def test_browse_lists_the_indexed_resolutions(server: Server) -> None:
    page = server.get("/resolutions")
    assert page.status == 200
    assert '<a href="/A/RES/55/109">A/RES/55/109</a>' in page.text
    with open_index(server_index(server)) as ix:
        count = len(ix.resolutions())
    assert plural("fr", count, "browse_count") in page.text


# ------------------------------------------------------------------ refresh and reindexing


def test_server_sees_what_resolu_index_commits_and_permalinks_survive_rebuild(
    tmp_path: Path,
) -> None:
    need_udhr()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    target = tmp_path / "index"
    build_index(corpus, target)
    with running(create_app(target)) as s:
        assert "0 paragraphe trouvé" in s.get("/?q=proclame").text
        before = s.get("/A/RES/55/109").text
        shutil.copy(UDHR / "A_RES_217_A_III.fr.html", corpus)
        build_index(corpus, target)  # incremental: one commit into the same folder
        found = s.get("/?q=proclame")
        assert "A/RES/217 A (III)#op1" in hit_references(found.text)
        build_index(corpus, target, rebuild=True)  # a new folder swapped in by renames
        after = s.get("/A/RES/55/109").text
        assert s.get("/" + quote("A/RES/217 A (III)") + "%23art26.2").headers["location"] == (
            "/A/RES/217%20A%20%28III%29#art26.2"
        )
    ids = re.compile(r'id="([^"]+)">\s*<div class="cell[^>]*>\s*<p class="label">.*?</p>\s*<p')
    assert ids.findall(after) == ids.findall(before) and ids.findall(after)
    assert re.findall(r'<p class="text">(.*?)</p>', after) == re.findall(
        r'<p class="text">(.*?)</p>', before
    )


# ------------------------------------------------------------------ JSON API


def test_api_search_is_the_json_of_the_cli(server: Server) -> None:
    answer = server.get(f"/api/search?q={PHRASE}&limit=5&offset=0")
    assert answer.status == 200 and answer.headers["content-type"] == "application/json"
    out = CliRunner().invoke(
        cli,
        [
            "search",
            '"dialogue entre les civilisations"',
            "--json",
            "--limit",
            "5",
            "--index-dir",
            str(server_index(server)),
        ],
    )
    assert out.exit_code == 0
    assert answer.json() == json.loads(out.output)
    assert [h["reference"] for h in answer.json()["hits"]] == [
        "A/RES/55/109#pp8",
        "A/RES/55/109#pp1",
    ]


def test_api_get_is_the_json_of_the_cli_without_file_paths(server: Server) -> None:
    runner = CliRunner()
    for ref in ("A/RES/55/109#op4", "A/RES/55/109"):
        answer = server.get("/api/get?ref=" + quote(ref))
        assert answer.status == 200
        out = runner.invoke(cli, ["show", ref, "--json", "--index-dir", str(server_index(server))])
        expected = json.loads(out.output)
        expected.pop("source", None)
        assert answer.json() == expected
        assert "source" not in answer.json()
        assert str(SEED.parent) not in answer.text


def test_api_list(server: Server) -> None:
    answer = server.get("/api/list")
    assert answer.status == 200
    body = answer.json()
    symbols = [r["symbol"] for r in body["resolutions"]]
    assert "A/RES/55/109" in symbols and body["total"] == len(symbols)
    seed = next(r for r in body["resolutions"] if r["symbol"] == "A/RES/55/109")
    assert seed["paragraphs"] == 17 and seed["languages"] == ["fr"] and seed["year"] == 2000
    assert (
        server.get("/api/list?limit=1&offset=1").json()["resolutions"] == body["resolutions"][1:2]
    )


@pytest.mark.parametrize(
    ("path", "status", "said"),
    [
        ("/api/search?q=year%3Adeux", 400, "malformed query"),
        ("/api/search", 400, "empty"),
        ("/api/search?q=droit&limit=101", 400, "limit must be a whole number from 0 to 100"),
        ("/api/search?q=droit&offset=-1", 400, "offset"),
        ("/api/get?ref=A/RES/99/999", 404, "nothing in the index"),
        ("/api/get?ref=A/RES/55/109&lang=de", 400, "language"),
        ("/api/list?limit=5000", 400, "limit"),
        ("/api/nothing", 404, "no such API address"),
    ],
)
def test_api_errors_are_json(server: Server, path: str, status: int, said: str) -> None:
    answer = server.get(path)
    assert answer.status == status
    assert answer.headers["content-type"] == "application/json"
    assert said in answer.json()["error"]


def test_cli_json_comes_from_the_one_serialiser(corpus_index_dir: Path) -> None:
    from resolu.search.serialize import results_json

    out = CliRunner().invoke(
        cli,
        ["search", "cooperation", "--json", "--limit", "3", "--index-dir", str(corpus_index_dir)],
    )
    with open_index(corpus_index_dir) as ix:
        expected = results_json(ix.search("cooperation", limit=3), limit=3, offset=0)
    assert json.loads(out.output) == expected


# ------------------------------------------------------------------ messages


def test_every_language_has_every_message() -> None:
    keys = {lang: set(MESSAGES[lang]) for lang in LANGUAGES}
    assert keys["fr"] == keys["en"]
    # Templates read t.key: a key named like a dict method would show the method.
    assert not {k for k in keys["fr"] if hasattr({}, k)}


@pytest.mark.parametrize(
    ("asked", "cookie", "header", "chosen"),
    [
        (None, None, None, "fr"),
        (None, None, "en-US,en;q=0.9", "en"),
        (None, None, "en;q=0.5,fr;q=0.8", "fr"),
        (None, None, "fr-CA,en;q=0.9", "fr"),
        (None, None, "de,en;q=0.7", "en"),
        (None, None, "en;q=0", "fr"),
        (None, None, "en;q=abc", "fr"),
        (None, "en", "fr", "en"),
        ("fr", "en", "en", "fr"),
        ("xx", None, None, "fr"),
    ],
)
def test_choose_language(
    asked: str | None, cookie: str | None, header: str | None, chosen: str
) -> None:
    assert choose_language(asked, cookie, header) == chosen


@pytest.mark.parametrize(
    ("lang", "n", "text"),
    [
        ("fr", 0, "0 paragraphe trouvé"),
        ("fr", 1, "1 paragraphe trouvé"),
        ("fr", 2, "2 paragraphes trouvés"),
        ("en", 1, "1 paragraph found"),
        ("en", 0, "0 paragraphs found"),
        ("fr", 1234, "1 234 paragraphes trouvés"),
    ],
)
def test_plurals(lang: str, n: int, text: str) -> None:
    assert plural(lang, n, "hits") == text


def test_screenshots_are_committed_and_shown_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in ("search.png", "resolution.png"):
        assert (REPO / "docs" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"](docs/{name})" in readme


def test_the_page_offers_did_you_mean_from_the_library(server: Server) -> None:
    # Before: Results had no suggestions and the page showed none.
    answer = server.get("/?q=civilisatoins")
    assert answer.status == 200
    assert re.search(
        r'<p class="suggest">Vouliez-vous dire <a href="[^"]*">civilisations</a>', answer.text
    )


# ------------------------------------------------------------------ document types

# A letter and a resolution of the UN Parallel Corpus format: a hit says what it is
# (the command line does too), a resolution says nothing.
_LETTER_IDS = "2015/s/2015/100 en:1:1 fr:1:1\n2015/s/res/2202__2015_ en:5:1 fr:5:1\n"
_LETTER_FR = (
    "Lettre datée du 10 février 2015, adressée au Président du Conseil de sécurité "
    "par le Représentant permanent de l’Ukraine auprès de l’Organisation des Nations Unies\n"
    "Le Conseil de sécurité approuve l’ensemble de mesures en vue de l’application "
    "des accords de Minsk, adoptée le 12 février 2015.\n"
)


@contextmanager
def _server_of(
    factory: pytest.TempPathFactory, name: str, files: dict[str, str]
) -> Iterator[Server]:
    """Serve an index of a corpus made of ``files`` (file name to text)."""
    corpus = factory.mktemp(f"{name}-corpus")
    for file_name, text in files.items():
        (corpus / file_name).write_text(text, encoding="utf-8")
    target = factory.mktemp(f"{name}-index") / "index"
    build_index(corpus, target)
    with running(create_app(target)) as s:
        yield s


@pytest.fixture(scope="module")
def typed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    files = {"sample.fr": _LETTER_FR, "sample.ids": _LETTER_IDS}
    with _server_of(tmp_path_factory, "typed", files) as s:
        yield s


def _doctypes(html: str) -> dict[str, str]:
    """Return each hit's reference and the document type its heading shows ("" for none)."""
    found = {}
    for item in re.findall(r'<li class="hit".*?</li>', html, re.S):
        ref = re.search(r'data-reference="([^"]+)"', item)
        shown = re.search(r'<h3>.*?<span class="doctype[^"]*">([^<]+)</span></h3>', item, re.S)
        assert ref
        found[ref.group(1)] = shown.group(1) if shown else ""
    return found


def test_a_hit_shows_its_document_type(typed_server: Server) -> None:
    council = quote("Conseil de sécurité")
    page = typed_server.get(f"/?q={council}")
    assert _doctypes(page.text) == {"S/2015/100#l1": "lettre", "S/RES/2202 (2015)#l5": ""}
    english = typed_server.get(f"/?q={council}&ui=en")
    assert _doctypes(english.text)["S/2015/100#l1"] == "letter"
    only = typed_server.get(f"/?q={council}+{quote('type:lettre')}")
    assert _doctypes(only.text) == {"S/2015/100#l1": "lettre"}


# ------------------------------------------------------------------ adoption and organ

_VOTED = """Resolution 9999 (1999)
of 1 March 1999

The Security Council,

Recalling its previous resolutions on the question,

1. Decides to remain seized of the matter.

Adopted at the 4000th meeting by 14 votes to none, with 1 abstention.
"""

# A statement to the Commission on the Status of Women, in the UN Parallel Corpus format.
_CSW_IDS = "2015/e/cn_6/2015/ngo/161 en:1:1 fr:1:1\n"
_CSW_FR = (
    "Déclaration présentée par une organisation non gouvernementale dotée du statut consultatif\n"
)


@pytest.fixture(scope="module")
def adopted_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    files = {"S_RES_9999_1999_EN.txt": _VOTED, "csw.fr": _CSW_FR, "csw.ids": _CSW_IDS}
    with _server_of(tmp_path_factory, "adopted", files) as s:
        yield s


def _meta(html: str) -> dict[str, str]:
    """Return the resolution page's header list: label to value, tags stripped."""
    pairs = re.findall(r"<div><dt>(.*?)</dt><dd[^>]*>(.*?)</dd></div>", html, re.S)
    return {dt: re.sub(r"<[^>]+>", "", dd) for dt, dd in pairs}


def test_resolution_page_says_how_it_was_adopted_in_the_page_language(
    adopted_server: Server,
) -> None:
    french = _meta(adopted_server.get("/" + quote("S/RES/9999 (1999)")).text)
    assert french["Adoption"] == "adoptée à la 4000e séance, par 14 voix contre 0, 1 abstention"
    assert french["Organe"] == "Security Council"  # the document's own words: it is in English
    english = _meta(adopted_server.get("/" + quote("S/RES/9999 (1999)") + "?ui=en").text)
    assert english["Adoption"] == "adopted at the 4000th meeting, by 14 votes to 0, 1 abstention"


def test_resolution_page_names_the_organ_and_no_adoption_it_does_not_know(
    adopted_server: Server, server: Server
) -> None:
    csw = _meta(adopted_server.get("/" + quote("E/CN.6/2015/NGO/161")).text)
    assert csw["Organe"] == "Commission de la condition de la femme"
    assert "Adoption" not in csw
    ga = _meta(server.get("/A/RES/55/109").text)
    assert ga["Organe"] == "Assemblée générale" and "Adoption" not in ga
