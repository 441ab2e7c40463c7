"""Word resolutions: a .docx made from the shipped French text reads into the same
references and texts as the text itself, footnotes included."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from resolu.corpus import CorpusError, corpus_files, read_resolution
from resolu.corpus.word import docx_lines
from resolu.index import build_index
from resolu.search import open_index
from support import SEED

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Word numbers footnotes in the order they are referenced, whatever their ids:
#: ids far from 1, 2, 3 show that the reader does the same.
_IDS = {1: 41, 2: 42, 3: 40}
#: A footnote marker glued to a word or a closing quote: "l’homme1", "l’homme»3".
_MARKER = r"(?:(?<=[^\W\d_])|(?<=[»”])){n}(?=[\s,.;:]|$)"


def _unwrap(lines: list[str]) -> str:
    out = ""
    for line in lines:
        out = out + line if out.endswith("-") or not out else f"{out} {line}"
    return out


def _text_as_word(text: str) -> tuple[list[str], dict[int, str]]:
    """Turn text extracted from a PDF into Word paragraphs and footnotes.

    Page furniture (the symbol, page numbers, rules) goes; wrapped lines join;
    a line opening with the number of a footnote already referenced is its body.
    """
    paragraphs: list[str] = []
    notes: dict[int, str] = {}
    block: list[str] = []
    note: int | None = None
    for raw in [*text.split("\n"), ""]:
        line = raw.strip()
        m = re.match(r"(\d{1,2}) (\S.*)$", line)
        referenced = sum(len(re.findall(_MARKER.format(n=r"\d"), p)) for p in paragraphs)
        if (
            m
            and int(m.group(1)) == len(notes) + 1
            and int(m.group(1)) <= referenced + (1 if block else 0)
        ):
            if block:
                paragraphs.append(_unwrap(block))
                block = []
            note = int(m.group(1))
            notes[note] = m.group(2)
        elif not line or line.isdigit() or line == "A/RES/55/109":
            if block:
                paragraphs.append(_unwrap(block))
            block, note = [], None
        elif note is not None:
            notes[note] = _unwrap([notes[note], line])
        else:
            block.append(line)
    return paragraphs, notes


def _write_docx(paragraphs: list[str], notes: dict[int, str], target: Path) -> None:
    doc = Document()
    marker = 1
    for text in paragraphs:
        para = doc.add_paragraph()
        while m := re.search(_MARKER.format(n=marker), text):
            para.add_run(text[: m.start()])
            run = para.add_run()
            style = OxmlElement("w:rStyle")
            style.set(qn("w:val"), "FootnoteReference")
            props = OxmlElement("w:rPr")
            props.append(style)
            ref = OxmlElement("w:footnoteReference")
            ref.set(qn("w:id"), str(_IDS[marker]))
            run._r.append(props)
            run._r.append(ref)
            text = text[m.end() :]
            marker += 1
        para.add_run(text)
    body = "".join(
        f'<w:footnote w:id="{_IDS[n]}"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>'
        f'</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r>'
        "</w:p></w:footnote>"
        for n, text in notes.items()
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{_W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:footnote>{body}</w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        CONTENT_TYPE.WML_FOOTNOTES,
        xml.encode("utf-8"),
        doc.part.package,
    )
    doc.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    doc.save(str(target))


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    paragraphs, notes = _text_as_word(SEED.read_text(encoding="utf-8"))
    assert len(notes) == 3 and len(paragraphs) == 16  # title, body line, 8 + 6 paragraphs
    target = tmp_path_factory.mktemp("word") / "A_RES_55_109.fr.docx"
    _write_docx(paragraphs, notes, target)
    return target


def _shape(path: Path) -> tuple[object, ...]:
    res = read_resolution(path)
    paras = [
        (p.reference, p.label, p.kind, p.number, p.text, p.cites_footnotes) for p in res.paragraphs
    ]
    return res.symbol, res.title, res.body, res.language, res.session, res.year, paras


def test_a_word_copy_reads_as_the_text_does(seed_docx: Path) -> None:
    from_text, from_word = _shape(SEED), _shape(seed_docx)
    assert from_word == from_text
    assert len(from_word[-1]) == 17  # type: ignore[arg-type]


def test_footnotes_follow_the_body_numbered_by_first_reference(seed_docx: Path) -> None:
    lines = docx_lines(seed_docx)
    title = "55/109. Renforcement de la coopération internationale dans le domaine des"
    assert lines[0] == f"{title} droits de l’homme"
    assert "des droits de l’homme1, et rappelant également" in lines[4]
    notes = [x for x in lines if re.match(r"\d ", x)]
    assert notes == [
        "1 Voir Documents officiels du Conseil économique et social, 2000, Supplément no 3 "
        "et rectificatif (E/2000/23 et Corr.1), chap. II, sect. A.",
        "2 A/CONF.157/24 (Partie I), chap. III.",
        "3 Voir E/CN.4/2000/2-E/CN.4/Sub.2/1999/54, chap. II, sect. A.",
    ]
    fn1 = read_resolution(seed_docx).paragraphs[-3]
    assert fn1.reference == "A/RES/55/109#fn1" and fn1.text == notes[0][2:]


def test_deleted_text_field_codes_and_tables(tmp_path: Path) -> None:
    doc = Document()
    para = doc.add_paragraph("Rappelant ")
    deleted = OxmlElement("w:del")
    run = OxmlElement("w:r")
    gone = OxmlElement("w:delText")
    gone.text = "RETIRÉ "
    run.append(gone)
    deleted.append(run)
    para._p.append(deleted)
    field = para.add_run()
    code = OxmlElement("w:instrText")
    code.text = " HYPERLINK x "
    field._r.append(code)
    para.add_run("sa résolution\u00a054/181,")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Pour"
    table.cell(0, 1).text = "Contre"
    path = tmp_path / "essai.docx"
    doc.save(str(path))
    assert docx_lines(path) == ["Rappelant sa résolution 54/181,", "", "Pour", "", "Contre", ""]


def test_a_broken_word_file_is_a_corpus_error(tmp_path: Path) -> None:
    fake = tmp_path / "A_RES_55_109.fr.docx"
    fake.write_bytes(b"<html>not a Word file</html>")
    with pytest.raises(CorpusError, match=r"not a Word \.docx file"):
        read_resolution(fake)
    empty = tmp_path / "vide.docx"
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{_W}"/>')
    with pytest.raises(CorpusError, match="without a body"):
        read_resolution(empty)


def test_word_files_are_indexed_and_searchable(seed_docx: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    copy = corpus / seed_docx.name
    copy.write_bytes(seed_docx.read_bytes())
    assert corpus_files(corpus) == [copy]
    report = build_index(corpus, tmp_path / "ix")
    assert report.paragraphs == 17 and not report.skipped
    with open_index(tmp_path / "ix") as ix:
        hit = ix.search('"dialogue entre les civilisations"', limit=1).hits[0]
    assert hit.reference == "A/RES/55/109#pp8"
