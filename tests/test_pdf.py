"""Tests of resolu.index.pdf: PDF text, masthead, page furniture, mending, errors."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
from resolu.index.errors import CorpusError
from resolu.index.model import Resolution
from resolu.index.pdf import is_furniture, masthead, mend, pdf_to_text, strip_furniture
from resolu.index.reader import read_resolution

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
    assert resolution.adopted == golden["adopted"]
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
    assert resolution.adopted == head["adopted"]
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
