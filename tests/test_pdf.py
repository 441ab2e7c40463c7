"""Tests of resolu.corpus.pdf and .layout: PDF text, masthead, page furniture, mending, errors."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
from resolu.corpus import CorpusError, read_resolution
from resolu.corpus.layout import is_furniture, masthead, mend, strip_furniture
from resolu.corpus.model import Resolution
from resolu.corpus.ordinals import english_ordinal, french_ordinal, session_number
from resolu.corpus.pdf import pdf_to_text

PDF_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "un_pdfs"
GOLDEN = json.loads((Path(__file__).parent / "golden_pdfs.json").read_text(encoding="utf-8"))

needs_pdfs = pytest.mark.skipif(
    not (PDF_DIR / "PROVENANCE.md").is_file(), reason="shared/data/un_pdfs is absent"
)


def _provenance() -> dict[str, tuple[str, int]]:
    """Return file name -> (symbol, pages) from the PROVENANCE.md table."""
    rows: dict[str, tuple[str, int]] = {}
    if not (PDF_DIR / "PROVENANCE.md").is_file():
        return rows
    for line in (PDF_DIR / "PROVENANCE.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) > 4 and cells[0].endswith(".pdf"):
            rows[cells[0]] = (cells[1], int(cells[3]))
    return rows


PROVENANCE = _provenance()
PDF_NAMES = sorted(PROVENANCE) or ["(no pdfs)"]


@functools.cache
def _text(name: str) -> str:
    return pdf_to_text(PDF_DIR / name)


# --- pdf_to_text ----------------------------------------------------------------


@needs_pdfs
def test_provenance_lists_thirty_pdfs() -> None:
    assert len(PROVENANCE) == 30
    assert all((PDF_DIR / name).is_file() for name in PROVENANCE)


@needs_pdfs
@pytest.mark.parametrize("name", PDF_NAMES)
def test_pdf_to_text_has_one_page_per_form_feed(name: str) -> None:
    text = _text(name)
    assert text.count("\f") + 1 == PROVENANCE[name][1]
    assert "\n\n" in text  # paragraphs are set apart
    assert not re.search(r"  |\t| \n", text)  # justified spacing is evened out


@needs_pdfs
def test_pdf_to_text_shape_of_a_short_security_council_resolution() -> None:
    text = _text("S_RES_2768_2025.en.pdf")
    pages = text.split("\f")
    assert pages[0].startswith("United Nations S/RES/2768 (2025)\n\nSecurity Council Distr.")
    assert (
        "\n\n1. Extends the reporting request in paragraph 10 of resolution 2722 (2024)\n" in text
    )
    assert "attacks;\n\n25-00616 (E)\n*2500616*\n" in pages[0]
    assert pages[1].startswith("S/RES/2768 (2025)\n\n5. Urges caution")
    assert pages[1].rstrip().endswith("2/2 25-00616")


@needs_pdfs
def test_footnote_markers_are_glued_to_their_word() -> None:
    text = _text("A_RES_73_3.en.pdf")
    assert "Sustainable Development,1 including the" in text
    assert "Millennium Development Goals6 and associated" in text
    assert "\n1 Resolution 70/1.\n" in text  # the footnote itself keeps its number apart


@needs_pdfs
def test_glyphs_are_read_in_visual_order() -> None:
    # The PDF draws the final "s" of "progress" after a space; both pypdf and
    # pdfminer's own layout read "progres s".
    assert "global and national progress, across" in " ".join(_text("A_RES_73_3.en.pdf").split())


@needs_pdfs
def test_compounds_split_at_a_line_end_keep_their_hyphen() -> None:
    # pypdf and pdfminer's own layout give "drug -" / "resistant" here; the
    # glyph geometry gives the hyphen where the page prints it.
    text = _text("A_RES_73_3.en.pdf")
    assert "including its drug-\nresistant forms, is a critical challenge" in text


@needs_pdfs
@pytest.mark.parametrize("name", PDF_NAMES)
def test_no_spaced_hyphen_artefact_survives_mending(name: str) -> None:
    mended = mend(_text(name))
    assert not re.search(r"[^\W\d_] -(?:\n|[^\W\d_])", mended)


# --- errors ---------------------------------------------------------------------


def _one_page_pdf(path: Path, *, text: str | None = "Hello", password: str | None = None) -> Path:
    pypdf = pytest.importorskip("pypdf")
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(width=300, height=300)
    if text is not None:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        lines = "".join(f"BT /F1 10 Tf 20 {250 - 14 * i} Td ({text} {i}) Tj ET\n" for i in range(5))
        stream.set_data(lines.encode("latin-1"))
        page.replace_contents(stream)
    if password is not None:
        writer.encrypt(user_password=password, owner_password=password + "-owner")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def test_a_small_generated_pdf_reads(tmp_path: Path) -> None:
    path = _one_page_pdf(tmp_path / "ok.pdf", text="Decides to remain seized of the matter")
    assert pdf_to_text(path).splitlines()[0] == "Decides to remain seized of the matter 0"


def test_an_encrypted_pdf_raises_corpus_error(tmp_path: Path) -> None:
    path = _one_page_pdf(tmp_path / "locked.pdf", password="secret")
    with pytest.raises(CorpusError, match="encrypted") as caught:
        pdf_to_text(path)
    assert caught.value.path == str(path)


def test_a_pdf_without_text_raises_corpus_error(tmp_path: Path) -> None:
    path = _one_page_pdf(tmp_path / "scan.pdf", text=None)
    with pytest.raises(CorpusError, match="no text layer"):
        pdf_to_text(path)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a pdf at all",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << >>\n%%EOF",
    ],
)
def test_a_damaged_file_raises_corpus_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(content)
    with pytest.raises(CorpusError):
        pdf_to_text(path)


@needs_pdfs
@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_a_truncated_real_pdf_raises_corpus_error_or_reads(tmp_path: Path, keep: float) -> None:
    data = (PDF_DIR / "S_RES_2768_2025.en.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    try:
        text = pdf_to_text(path)
    except CorpusError as error:
        assert "truncated.pdf" in str(error)
    else:
        assert isinstance(text, str)


def test_a_missing_file_raises_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="cannot read"):
        pdf_to_text(tmp_path / "absent.pdf")


# --- masthead -------------------------------------------------------------------

_SESSIONLESS = {"Security Council"}


@needs_pdfs
@pytest.mark.parametrize("name", PDF_NAMES)
def test_masthead_of_every_pdf(name: str) -> None:
    head = masthead(_text(name))
    symbol = PROVENANCE[name][0]
    assert head["symbol"] == symbol
    organ = {"S": "Security Council", "A/HRC": "Human Rights Council"}.get(
        symbol.split("/RES")[0], "General Assembly"
    )
    assert head["organ"] == organ
    assert re.fullmatch(r"20\d\d-\d\d-\d\d", head["adopted"])
    assert re.fullmatch(r"20\d\d-\d\d-\d\d", head["distributed"])
    assert head["adopted"] <= head["distributed"]
    if organ == "Security Council":
        assert head["meeting"].isdigit()
        assert head["adopted"] == head["distributed"]
    else:
        assert head["session"].endswith("session")
        assert head["agenda_item"]
        assert head["title"]


@needs_pdfs
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "A_RES_73_3.en.pdf",
            {
                "organ": "General Assembly",
                "symbol": "A/RES/73/3",
                "distributed": "2018-10-18",
                "session": "Seventy-third session",
                "agenda_item": "129",
                "adopted": "2018-10-10",
                "draft": "A/73/L.4",
                "title": "Political declaration of the high-level meeting of the General "
                "Assembly on the fight against tuberculosis",
            },
        ),
        (
            "S_RES_2768_2025.en.pdf",
            {
                "organ": "Security Council",
                "symbol": "S/RES/2768 (2025)",
                "distributed": "2025-01-15",
                "adopted": "2025-01-15",
                "meeting": "9836",
            },
        ),
        (
            "A_HRC_RES_59_25.en.pdf",
            {
                "organ": "Human Rights Council",
                "symbol": "A/HRC/RES/59/25",
                "distributed": "2025-07-16",
                "session": "Fifty-ninth session",
                "agenda_item": "3",
                "adopted": "2025-07-08",
                "title": "Human rights and climate change",
            },
        ),
        ("A_RES_70_10.en.pdf", {"distributed": "2015-12-02", "draft": "A/70/L.8 and Add.1"}),
        ("S_RES_2776_2025.en.pdf", {"symbol": "S/RES/2776 (2025)", "meeting": "9872"}),
    ],
)
def test_masthead_values(name: str, expected: dict[str, str]) -> None:
    head = masthead(_text(name))
    assert {key: head.get(key) for key in expected} == expected


@needs_pdfs
@pytest.mark.parametrize("name", sorted(GOLDEN["files"]))
def test_masthead_matches_golden(name: str) -> None:
    golden = GOLDEN["files"][name]
    head = masthead(_text(name))
    assert (head["symbol"], head["adopted"], head["organ"]) == (
        golden["symbol"],
        golden["adopted"],
        golden["organ"],
    )


def test_masthead_from_plain_text() -> None:
    text = (
        "United Nations S/RES/1445 (2002)\n\nSecurity Council Distr.: General\n"
        "4 December 2002\n\n\nResolution 1445 (2002)\n\n"
        "Adopted by the Security Council at its 4653rd meeting,\non 4 December 2002\n\n"
        "The Security Council,\n\fS/RES/1445 (2002)\nAdopted by the Security Council at its "
        "1st meeting, on 1 January 2003\n"
    )
    assert masthead(text) == {
        "symbol": "S/RES/1445 (2002)",
        "organ": "Security Council",
        "distributed": "2002-12-04",
        "meeting": "4653",
        "adopted": "2002-12-04",
    }


def test_masthead_of_nothing_is_empty() -> None:
    assert masthead("") == {}


# --- French mastheads, as pdf_to_text gives the UN's French layout -----------------

FR_GA_PLENARY = """Nations Unies A/RES/73/3
Assemblée générale Distr. générale
18 octobre 2018

Soixante-treizième session
Point 123 de l’ordre du jour

Résolution adoptée par l’Assemblée générale
le 10 octobre 2018

[sans renvoi à une grande commission (A/73/L.4)]

73/3. Déclaration politique de la réunion de haut niveau de l’Assemblée
générale sur la lutte contre la tuberculose

L’Assemblée générale
"""

# The title names another organ: the adoption line, not the title, says who adopted it.
FR_GA_COMMITTEE = """Nations Unies A/RES/73/156
Assemblée générale Distr. générale
8 janvier 2019

Soixante-treizième session
Point 74 b) de l’ordre du jour

Résolution adoptée par l’Assemblée générale
le 1er novembre 2018

[sur la base du rapport de la Troisième Commission (A/73/583)]

73/156. Rapport du Conseil des droits de l’homme

L’Assemblée générale,
"""

FR_SC = """Nations Unies S/RES/2768 (2025)

Conseil de sécurité Distr. générale
17 janvier 2025

Résolution 2768 (2025)

Adoptée par le Conseil de sécurité à sa 9832e séance, le
17 janvier 2025

Le Conseil de sécurité,
"""

FR_HRC = """Nations Unies A/HRC/RES/59/25
Assemblée générale Distr. générale
16 juillet 2025

Original : anglais

Conseil des droits de l’homme
Cinquante-neuvième session
16 juin-8 juillet 2025
Point 3 de l’ordre du jour
Promotion et protection de tous les droits de l’homme, civils,
politiques, économiques, sociaux et culturels, y compris le droit
au développement

Résolution adoptée par le Conseil des droits de l’homme
le 8 juillet 2025

59/25. Droits de l’homme et changements climatiques

Le Conseil des droits de l’homme,
"""

# Straight apostrophes, an emergency special session, two agenda items.
FR_GA_EMERGENCY = """Nations Unies A/RES/ES-10/22
Assemblée générale Distr. générale
19 décembre 2023

Dixième session extraordinaire d'urgence
Points 5 et 6 de l'ordre du jour

Résolution adoptée par l'Assemblée générale le 12 décembre 2023

[sans renvoi à une grande commission (A/ES-10/L.27 et Add.1)]

ES-10/22. Protection des civils et respect des obligations juridiques
et humanitaires

L'Assemblée générale,
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            FR_GA_PLENARY,
            {
                "symbol": "A/RES/73/3",
                "organ": "General Assembly",
                "distributed": "2018-10-18",
                "session": "Soixante-treizième session",
                "session_number": "73",
                "agenda_item": "123",
                "adopted": "2018-10-10",
                "draft": "A/73/L.4",
                "title": "Déclaration politique de la réunion de haut niveau de l’Assemblée "
                "générale sur la lutte contre la tuberculose",
            },
        ),
        (
            FR_GA_COMMITTEE,
            {
                "symbol": "A/RES/73/156",
                "organ": "General Assembly",
                "distributed": "2019-01-08",
                "session": "Soixante-treizième session",
                "session_number": "73",
                "agenda_item": "74 b)",
                "adopted": "2018-11-01",
                "draft": "A/73/583",
                "title": "Rapport du Conseil des droits de l’homme",
            },
        ),
        (
            FR_SC,
            {
                "symbol": "S/RES/2768 (2025)",
                "organ": "Security Council",
                "distributed": "2025-01-17",
                "meeting": "9832",
                "adopted": "2025-01-17",
            },
        ),
        (
            FR_HRC,
            {
                "symbol": "A/HRC/RES/59/25",
                "organ": "Human Rights Council",
                "distributed": "2025-07-16",
                "session": "Cinquante-neuvième session",
                "session_number": "59",
                "agenda_item": "3",
                "adopted": "2025-07-08",
                "title": "Droits de l’homme et changements climatiques",
            },
        ),
        (
            FR_GA_EMERGENCY,
            {
                "symbol": "A/RES/ES-10/22",
                "organ": "General Assembly",
                "distributed": "2023-12-19",
                "session": "Dixième session extraordinaire d’urgence",
                "session_number": "ES-10",
                "agenda_item": "5 et 6",
                "adopted": "2023-12-12",
                "draft": "A/ES-10/L.27 et Add.1",
                "title": "Protection des civils et respect des obligations juridiques et "
                "humanitaires",
            },
        ),
    ],
    ids=["ga-plenary", "ga-committee", "sc", "hrc", "ga-emergency"],
)
def test_masthead_in_french(text: str, expected: dict[str, str]) -> None:
    assert masthead(text) == expected


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("le 1er novembre 2018", "2018-11-01"),
        ("le 1 novembre 2018", "2018-11-01"),
        ("le 3 février 2020", "2020-02-03"),
        ("le 3 fevrier 2020", "2020-02-03"),
        ("le 15 août 2021", "2021-08-15"),
        ("le 31 décembre 2019", "2019-12-31"),
        ("le 9 Mai 2022", "2022-05-09"),
    ],
)
def test_masthead_reads_french_dates(line: str, date: str) -> None:
    text = f"Nations Unies A/RES/1/1\nAssemblée générale Distr. générale\n{line[3:]}\n\n"
    text += f"Résolution adoptée par l’Assemblée générale\n{line}\n"
    head = masthead(text)
    assert (head["distributed"], head["adopted"]) == (date, date)


def test_masthead_reads_an_unspaced_or_spaced_french_meeting_number() -> None:
    for meeting in ("9832e", "9832 e", "1re"):
        text = FR_SC.replace("9832e", meeting)
        assert masthead(text)["meeting"] == meeting.rstrip(" er")


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("Premier", 1),
        ("première", 1),
        ("Deuxième", 2),
        ("second", 2),
        ("Troisième", 3),
        ("Quatrième", 4),
        ("Cinquième", 5),
        ("Neuvième", 9),
        ("Dixième", 10),
        ("Onzième", 11),
        ("Seizième", 16),
        ("Dix-septième", 17),
        ("Vingtième", 20),
        ("Vingt et unième", 21),
        ("Vingt-et-unième", 21),  # the 1990 spelling
        ("Vingt-septième", 27),
        ("Trentième", 30),
        ("Quarante-cinquième", 45),
        ("Cinquante-neuvième", 59),
        ("Soixantième", 60),
        ("Soixante-dixième", 70),
        ("Soixante et onzième", 71),
        ("Soixante-treizième", 73),
        ("Soixante-dix-septième", 77),
        ("Soixante-dix-neuvième", 79),
        ("Quatre-vingtième", 80),
        ("Quatre-vingt-unième", 81),
        ("Quatre-vingt-dixième", 90),
        ("Quatre-vingt-onzième", 91),
        ("Quatre-vingt-dix-neuvième", 99),
        ("Centième", 100),
        ("Cent unième", 101),
        ("Cent vingt-cinquième", 125),
        ("Septantième", 70),  # Belgium, Switzerland
        ("SOIXANTE-TREIZIÈME", 73),
        ("Soixante-treizie\u0300me", 73),  # decomposed accent
        # not ordinals
        ("", None),
        ("Reprise", None),
        ("Soixante-treize", None),
        ("treizième soixante", None),
        ("Seventy-third", None),
    ],
)
def test_french_ordinal(words: str, number: int | None) -> None:
    assert french_ordinal(words) == number


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("First", 1),
        ("Second", 2),
        ("Third", 3),
        ("Fifth", 5),
        ("Eighth", 8),
        ("Ninth", 9),
        ("Twelfth", 12),
        ("Seventieth", 70),
        ("Seventy-third", 73),
        ("Fifty-ninth", 59),
        ("One hundred and first", 101),
        ("Soixante-treizième", None),
        ("Resumed", None),
    ],
)
def test_english_ordinal(words: str, number: int | None) -> None:
    assert english_ordinal(words) == number


@pytest.mark.parametrize(
    ("printed", "number"),
    [
        ("Soixante-treizième session", "73"),
        ("Cinquante-neuvième session", "59"),
        ("Vingt-septième session extraordinaire", "S-27"),
        ("Dixième session extraordinaire d’urgence", "ES-10"),
        ("Seventy-third session", "73"),
        ("Twenty-seventh special session", "S-27"),
        ("Tenth emergency special session", "ES-10"),
        ("Reprise de la session", ""),
    ],
)
def test_session_number(printed: str, number: str) -> None:
    assert session_number(printed) == number


# --- is_furniture ---------------------------------------------------------------

TITLE = (
    "Political declaration of the high-level meeting of the General Assembly"
    " on the fight against tuberculosis"
)


@pytest.mark.parametrize(
    ("line", "symbol", "title", "expected"),
    [
        ("18-16895 (E) 241018", "A/RES/73/3", TITLE, True),
        ("18-16895 (E)    241018", "A/RES/73/3", TITLE, True),
        ("GE.25-11220 (E)", "A/HRC/RES/59/25", "", True),
        ("25-03579* (E)", "S/RES/2776 (2025)", "", True),
        ("*1816895*", "A/RES/73/3", TITLE, True),
        ("*1516764* Please recycle", "A/RES/70/10", "", True),
        ("Please recycle", "A/RES/70/10", "", True),
        ("2/10 18-16895", "A/RES/73/3", TITLE, True),
        ("18-16895 3/10", "A/RES/73/3", TITLE, True),
        ("7", "A/HRC/RES/59/25", "", True),
        ("S/RES/2768 (2025)", "S/RES/2768 (2025)", "", True),
        ("United Nations S/RES/2776 (2025)*", "S/RES/2776 (2025)", "", True),
        ("A/RES/73/3 on the fight against tuberculosis", "A/RES/73/3", TITLE, True),
        ("on the fight against tuberculosis A/RES/73/3", "A/RES/73/3", TITLE, True),
        (
            "Political declaration of the high-level meeting of the General Assembly",
            "A/RES/73/3",
            TITLE,
            True,
        ),
        ("United Nations", "A/RES/73/3", TITLE, True),
        ("Distr.: General", "A/RES/73/3", TITLE, True),
        ("General Assembly Distr.: General", "A/RES/73/3", TITLE, True),
        ("Security Council Distr.: General", "S/RES/2768 (2025)", "", True),
        ("Original: English", "A/HRC/RES/59/25", "", True),
        # text that must stay
        ("", "A/RES/73/3", TITLE, False),
        ("The General Assembly", "A/RES/73/3", TITLE, False),
        ("The Security Council,", "S/RES/2768 (2025)", "", False),
        ("6. Decides to remain actively seized of this matter.", "S/RES/2768 (2025)", "", False),
        ("until July 15, 2025;", "S/RES/2768 (2025)", "", False),
        (
            "(2016), 2292 (2016), 2357 (2017), 2362 (2017), 2420 (2018)",
            "S/RES/2769 (2025)",
            "",
            False,
        ),
        ("United Nations Charter,", "S/RES/2788 (2025)", "", False),
        ("1 Resolution 70/1.", "A/RES/73/3", TITLE, False),
        ("5 A/80/10, annex I.", "A/HRC/RES/59/25", "", False),
        ("Nations (S/2024/686) of 19 September 2024 transmitting", "S/RES/2769 (2025)", "", False),
        (
            "General Assembly on the fight against tuberculosis on 26 September 2018:",
            "A/RES/73/3",
            TITLE,
            False,
        ),
        ("18th plenary meeting", "A/RES/73/3", TITLE, False),
        ("__________________", "A/RES/73/3", TITLE, False),
        ("Arms Embargo", "S/RES/2769 (2025)", "", False),
    ],
)
def test_is_furniture(line: str, symbol: str, title: str, expected: bool) -> None:
    assert is_furniture(line, symbol=symbol, title=title) is expected


FR_TITLE = (
    "Déclaration politique de la réunion de haut niveau de l’Assemblée générale"
    " sur la lutte contre la tuberculose"
)


@pytest.mark.parametrize(
    ("line", "symbol", "title", "expected"),
    [
        ("18-17202 (F) 191018 231018", "A/RES/73/3", FR_TITLE, True),
        ("18-17202 (F)    191018    231018", "A/RES/73/3", FR_TITLE, True),
        ("GE.25-11220 (F)", "A/HRC/RES/59/25", "", True),
        ("*1817202*", "A/RES/73/3", FR_TITLE, True),
        ("Merci de recycler", "A/RES/73/3", FR_TITLE, True),
        ("*1817202* Merci de recycler", "A/RES/73/3", FR_TITLE, True),
        ("2/10 18-17202", "A/RES/73/3", FR_TITLE, True),
        ("18-17202 3/10", "A/RES/73/3", FR_TITLE, True),
        ("Nations Unies", "A/RES/73/3", FR_TITLE, True),
        ("Nations Unies A/RES/73/3", "A/RES/73/3", FR_TITLE, True),
        ("Nations Unies S/RES/2768 (2025)", "S/RES/2768 (2025)", "", True),
        ("Distr. générale", "A/RES/73/3", FR_TITLE, True),
        ("Assemblée générale Distr. générale", "A/RES/73/3", FR_TITLE, True),
        ("Conseil de sécurité Distr. générale", "S/RES/2768 (2025)", "", True),
        ("Assemblée générale", "A/RES/73/3", FR_TITLE, True),
        ("Conseil des droits de l’homme", "A/HRC/RES/59/25", "", True),
        ("Original : anglais", "A/HRC/RES/59/25", "", True),
        ("Original\u202f: anglais", "A/HRC/RES/59/25", "", True),
        ("A/RES/73/3 sur la lutte contre la tuberculose", "A/RES/73/3", FR_TITLE, True),
        (
            "Déclaration politique de la réunion de haut niveau de l’Assemblée générale",
            "A/RES/73/3",
            FR_TITLE,
            True,
        ),
        # text that must stay
        ("L’Assemblée générale,", "A/RES/73/3", FR_TITLE, False),
        ("L’Assemblée générale", "A/RES/73/3", FR_TITLE, False),
        ("Le Conseil de sécurité,", "S/RES/2768 (2025)", "", False),
        ("Le Conseil des droits de l’homme,", "A/HRC/RES/59/25", "", False),
        ("1. Décide de demeurer activement saisi de la question.", "S/RES/2768 (2025)", "", False),
        ("Conseil de sécurité, et", "S/RES/2768 (2025)", "", False),
        ("Charte des Nations Unies,", "S/RES/2768 (2025)", "", False),
        ("1 Résolution 70/1.", "A/RES/73/3", FR_TITLE, False),
        ("la lutte contre la tuberculose le 26 septembre 2018 :", "A/RES/73/3", FR_TITLE, False),
        ("81e séance plénière", "A/RES/73/3", FR_TITLE, False),
    ],
)
def test_is_furniture_in_french(line: str, symbol: str, title: str, expected: bool) -> None:
    assert is_furniture(line, symbol=symbol, title=title) is expected


def test_strip_furniture_keeps_lines_and_first_page_headings() -> None:
    text = (
        "United Nations A/RES/1/1\n\n1/1. Title of the thing that matters\n\nText,\n"
        "\n12-12345 (E) 010112\n*1212345*\n\fTitle of the thing that matters\nA/RES/1/1\n\n"
        "more text;\n\n2/2 12-12345"
    )
    stripped = strip_furniture(text, symbol="A/RES/1/1", title="Title of the thing that matters")
    assert stripped.count("\n") == text.count("\n")
    assert stripped.count("\f") == 1
    assert "1/1. Title of the thing that matters" in stripped
    assert stripped.split("\f")[1] == "\n\n\nmore text;\n\n"
    assert "12-12345" not in stripped


_FURNITURE_SCAN = re.compile(
    r"\b\d{2}-\d{5}\b|\*\d{6,8}\*|Please recycle|Distr\.: General|^\d+(?:/\d+)?$"
)


@needs_pdfs
@pytest.mark.parametrize("name", PDF_NAMES)
def test_no_furniture_survives_stripping(name: str) -> None:
    text = mend(_text(name))
    head = masthead(text)
    symbol, title = head["symbol"], head.get("title", "")
    stripped = strip_furniture(text, symbol=symbol, title=title)
    kept = [line for line in stripped.replace("\f", "\n").split("\n") if line.strip()]
    by_predicate = [
        line
        for line in text.replace("\f", "\n").split("\n")
        if line.strip() and not is_furniture(line, symbol=symbol, title=title)
    ]
    for lines in (kept, by_predicate):
        assert not [line for line in lines if _FURNITURE_SCAN.search(line)]
        assert not [line for line in lines if line.replace(symbol, "").strip(" *") == ""]
        assert not [line for line in lines if line.startswith("United Nations " + symbol)]
    # Running headers: no page after the first begins with the symbol or a piece of the title.
    for page in stripped.split("\f")[1:]:
        first = next((line for line in page.split("\n") if line.strip()), "")
        assert symbol not in first
        assert not (title and len(first) > 15 and first in title)


# --- mend -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("its drug -\nresistant forms", "its drug-resistant\nforms"),
        ("its drug -\nresistant", "its drug-resistant\n"),
        ("the high -level meeting", "the high-level meeting"),
        ("non-\nsélectivité", "non-\nsélectivité"),
        ("1990 - 2000", "1990 - 2000"),
        ("the 2030 Agenda - a plan", "the 2030 Agenda - a plan"),
        ("plain text\n\nmore", "plain text\n\nmore"),
    ],
)
def test_mend(before: str, after: str) -> None:
    assert mend(before) == after
    assert mend(before).count("\n") == before.count("\n")


# --- structure: PDFs read through the text reader ---------------------------------

_LABEL = re.compile(r"^(?:\d{1,3}\.|\(?[a-z]{1,4}\))\s+")


@functools.cache
def _read(name: str) -> Resolution:
    return read_resolution(PDF_DIR / name)


@needs_pdfs
@pytest.mark.parametrize("name", sorted(GOLDEN["files"]))
def test_golden_structure(name: str) -> None:
    golden = GOLDEN["files"][name]
    resolution = _read(name)
    assert resolution.symbol == golden["symbol"]
    assert str(resolution.adopted or "") == golden["adopted"]
    assert resolution.meta["organ"] == golden["organ"]
    counts = dict.fromkeys(golden["counts"], 0)
    for paragraph in resolution.paragraphs:
        kind = paragraph.kind
        if kind == "annex" and not paragraph.number.isdigit():
            kind = "annex_unnumbered"
        if kind in counts:
            counts[kind] += 1
    assert counts == golden["counts"]
    texts = {p.reference: _LABEL.sub("", p.text) for p in resolution.paragraphs}
    for reference, text in golden["paragraphs"].items():
        assert texts[reference] == text


@needs_pdfs
def test_annex_paragraphs_have_their_own_references_and_labels() -> None:
    resolution = _read("A_RES_73_3.en.pdf")
    by_reference = {p.reference: p for p in resolution.paragraphs}
    assert len(by_reference) == len(resolution.paragraphs)
    first = by_reference["A/RES/73/3#ann1.op1"]
    assert (first.kind, first.label) == ("annex", "A/RES/73/3, annex, paragraph 1")
    assert first.text.startswith("1. Reaffirm the 2030 Agenda for Sustainable Development, incl")
    assert first.cites_footnotes == ("1", "2")
    assert by_reference["A/RES/73/3#op1"].text.startswith("Adopts the following political")
    assert by_reference["A/RES/73/3#ann1.pp1"].text.startswith("We, Heads of State")
    assert resolution.meta["annex1"].startswith("Political declaration of the high-level")


@needs_pdfs
@pytest.mark.parametrize("name", PDF_NAMES)
def test_every_pdf_reads_with_its_masthead_symbol_and_date(name: str) -> None:
    resolution = _read(name)
    head = masthead(_text(name))
    assert resolution.symbol == PROVENANCE[name][0] == head["symbol"]
    assert str(resolution.adopted or "") == head["adopted"]
    assert resolution.meta["distributed"] == head["distributed"]
    assert resolution.year == int(head["adopted"][:4])
    assert any(p.kind == "operative" for p in resolution.paragraphs)


_PARAGRAPH_FURNITURE = re.compile(
    r"\b\d{2}-\d{5}\b|\*\d{6,8}\*|Please recycle|Distr\.: General|\b\d{1,2}/\d{1,2} \d{2}-"
    r"|^United Nations [AS]/|_{5,}"
)


@needs_pdfs
@pytest.mark.parametrize("name", PDF_NAMES)
def test_no_page_furniture_in_any_paragraph(name: str) -> None:
    resolution = _read(name)
    symbol = resolution.symbol
    title = resolution.title
    for paragraph in resolution.paragraphs:
        text = paragraph.text
        assert not _PARAGRAPH_FURNITURE.search(text), (paragraph.reference, text)
        # a running header: the symbol, alone or next to a piece of the title
        assert f" {symbol} " not in f" {text} ", (paragraph.reference, text)
        if title:
            assert f"{symbol} {title[:15]}" not in text
            assert f"{title[-15:]} {symbol}" not in text
    masthead_words = ("Distr.", "Original:", "Resolution adopted by", "Agenda item")
    assert not [p for p in resolution.paragraphs if p.text.startswith(masthead_words)]


# --- a PDF made from the shipped French text --------------------------------------

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _text_pdf(path: Path, lines: list[str], *, per_page: int = 50) -> Path:
    """Write ``lines`` as a PDF, one printed line each, in Helvetica (WinAnsi)."""
    pypdf = pytest.importorskip("pypdf")
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    writer = pypdf.PdfWriter()
    for start in range(0, len(lines), per_page):
        page = writer.add_blank_page(width=595, height=842)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        body = bytearray()
        for row, line in enumerate(lines[start : start + per_page]):
            if not line.strip():
                continue
            data = line.strip().encode("cp1252")
            data = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            body += b"BT /F1 10 Tf 40 %d Td (" % (800 - 14 * row) + data + b") Tj ET\n"
        stream = DecodedStreamObject()
        stream.set_data(bytes(body))
        page.replace_contents(stream)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


@pytest.mark.parametrize("source", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_a_pdf_of_the_french_text_reads_like_the_text(tmp_path: Path, source: Path) -> None:
    from_text = read_resolution(source)
    lines = source.read_text(encoding="utf-8").splitlines()
    pdf = _text_pdf(tmp_path / source.with_suffix(".pdf").name, lines)
    from_pdf = read_resolution(pdf)
    assert from_pdf.symbol == from_text.symbol
    assert from_pdf.adopted == from_text.adopted
    assert [p.reference for p in from_pdf.paragraphs] == [p.reference for p in from_text.paragraphs]
    assert [p.text for p in from_pdf.paragraphs] == [p.text for p in from_text.paragraphs]
    assert [p.label for p in from_pdf.paragraphs] == [p.label for p in from_text.paragraphs]


# --- a French PDF with its masthead and page furniture -----------------------------

# Page 1 ends mid-paragraph above its job number, barcode and recycling note;
# page 2 opens with a running header (the title around the symbol).
FR_GA_PAGES = (
    FR_GA_PLENARY.replace("L’Assemblée générale\n", "L’Assemblée générale,\n")
    + """
Rappelant sa résolution 70/1 du 25 septembre 2015, intitulée « Transformer
notre monde : le Programme de développement durable à l’horizon 2030 »,

Consciente que la tuberculose reste l’une des maladies infectieuses les plus
meurtrières au monde,

1. Adopte la déclaration politique approuvée par la réunion de haut niveau
le 26 septembre 2018 ;

2. Prie le Secrétaire général de lui présenter, à sa soixante-quinzième
session, un rapport sur les progrès accomplis dans la lutte contre la

18-17202 (F) 191018 231018
*1817202*
Merci de recycler
\f\
Déclaration politique de la réunion de haut niveau de l’Assemblée générale
A/RES/73/3 sur la lutte contre la tuberculose

tuberculose, y compris la tuberculose multirésistante ;

3. Décide de rester saisie de la question.

14e séance plénière
10 octobre 2018

2/2 18-17202
"""
)

FR_SC_PAGES = (
    FR_SC
    + """
Rappelant toutes ses résolutions sur la situation au Yémen et en mer Rouge,

1. Prolonge jusqu’au 15 juillet 2025 la demande de rapport formulée au
paragraphe 10 de la résolution 2722 (2024), et prie le Secrétaire général de

25-00616 (F) 170125 200125
*2500616*
Merci de recycler
\f\
S/RES/2768 (2025)

continuer à lui faire rapport chaque mois ;

2. Décide de rester activement saisi de la question.

2/2 25-00616
"""
)


def _pages_pdf(path: Path, text: str) -> Path:
    """Write ``text`` as a PDF through :func:`_text_pdf`, a page per form feed."""
    pages = [page.split("\n") for page in text.split("\f")]
    per_page = max(len(page) for page in pages)
    lines = [line for page in pages for line in [*page, *[""] * (per_page - len(page))]]
    return _text_pdf(path, lines, per_page=per_page)


_FRENCH_FURNITURE = re.compile(
    r"\d{2}-\d{5}|\*\d{6,8}\*|\(F\)|Merci de recycler|Distr\.|Nations Unies [AS]/|ordre du jour"
    r"|Résolution adoptée|Adoptée par le Conseil|[Ss]ession extraordinaire|Soixante-treizième"
    r"|grande commission|\b\d/\d\b|Déclaration politique de la réunion|[AS]/RES/"
)


@pytest.mark.parametrize(
    ("pages", "expected", "meta", "texts"),
    [
        (
            FR_GA_PAGES,
            ("A/RES/73/3", "2018-10-10", "73", 2018),
            {
                "organ": "General Assembly",
                "distributed": "2018-10-18",
                "session": "Soixante-treizième session",
                "session_number": "73",
                "agenda_item": "123",
                "draft": "A/73/L.4",
            },
            [
                "Rappelant sa résolution 70/1 du 25 septembre 2015, intitulée « Transformer "
                "notre monde : le Programme de développement durable à l’horizon 2030 »,",
                "Consciente que la tuberculose reste l’une des maladies infectieuses les plus "
                "meurtrières au monde,",
                "1. Adopte la déclaration politique approuvée par la réunion de haut niveau "
                "le 26 septembre 2018 ;",
                "2. Prie le Secrétaire général de lui présenter, à sa soixante-quinzième "
                "session, un rapport sur les progrès accomplis dans la lutte contre la "
                "tuberculose, y compris la tuberculose multirésistante ;",
                "3. Décide de rester saisie de la question.",
            ],
        ),
        (
            FR_SC_PAGES,
            ("S/RES/2768 (2025)", "2025-01-17", "", 2025),
            {"organ": "Security Council", "distributed": "2025-01-17", "meeting": "9832"},
            [
                "Rappelant toutes ses résolutions sur la situation au Yémen et en mer Rouge,",
                "1. Prolonge jusqu’au 15 juillet 2025 la demande de rapport formulée au "
                "paragraphe 10 de la résolution 2722 (2024), et prie le Secrétaire général de "
                "continuer à lui faire rapport chaque mois ;",
                "2. Décide de rester activement saisi de la question.",
            ],
        ),
    ],
    ids=["ga", "sc"],
)
def test_a_french_pdf_reads_its_masthead_and_drops_its_furniture(
    tmp_path: Path,
    pages: str,
    expected: tuple[str, str, str, int],
    meta: dict[str, str],
    texts: list[str],
) -> None:
    # a file name that spells no symbol: the symbol comes from the masthead
    pdf = _pages_pdf(tmp_path / "resolution.pdf", pages)
    assert pdf_to_text(pdf).count("\f") == 1
    resolution = read_resolution(pdf)
    got = (resolution.symbol, str(resolution.adopted or ""), resolution.session, resolution.year)
    assert got == expected
    assert resolution.language == "fr"
    assert {key: resolution.meta.get(key) for key in meta} == meta
    assert [p.text for p in resolution.paragraphs] == texts
    for paragraph in resolution.paragraphs:
        assert not _FRENCH_FURNITURE.search(paragraph.text), (paragraph.reference, paragraph.text)
