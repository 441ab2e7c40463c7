"""Legacy Word resolutions (.doc) through antiword: the same references and texts as the
text, footnotes included; without antiword, skipped with the reason.

tests/word/A_RES_55_109.fr.doc is the shipped French resolution as a Word 97-2003 file:
LibreOffice 7.4 (``soffice --headless --convert-to doc``) saved it from the .docx that
tests/test_word.py makes of the text, with its footnotes numbered in order.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from resolu.corpus import CorpusError, corpus_files, legacy_word, read_resolution
from resolu.index import build_index
from resolu.search import open_index
from support import SEED
from test_word import _shape

DOC = Path(__file__).parent / "word" / "A_RES_55_109.fr.doc"
needs_antiword = pytest.mark.skipif(
    shutil.which("antiword") is None,
    reason="antiword is not installed (Debian package antiword; .ci/run installs it)",
)


@needs_antiword
def test_a_legacy_word_copy_reads_as_the_text_does() -> None:
    from_text, from_doc = _shape(SEED), _shape(DOC)
    assert from_doc == from_text
    notes = [p for p in from_doc[-1] if p[2] == "footnote"]  # type: ignore[union-attr]
    assert [n[0] for n in notes] == [f"A/RES/55/109#fn{i}" for i in (1, 2, 3)]
    assert notes[1][4] == "A/CONF.157/24 (Partie I), chap. III."


@needs_antiword
def test_doc_files_are_indexed_and_a_broken_one_is_skipped(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DOC, corpus / DOC.name)
    (corpus / "notes.doc").write_bytes(b"legacy Word? no: plain bytes")
    assert [p.name for p in corpus_files(corpus)] == [DOC.name, "notes.doc"]
    report = build_index(corpus, tmp_path / "ix")
    assert report.paragraphs == 17
    assert [name for name, _ in report.skipped] == ["notes.doc"]
    assert "not a readable Word .doc (antiword: " in report.skipped[0][1]
    with open_index(tmp_path / "ix") as ix:
        hit = ix.search('"dialogue entre les civilisations"', limit=1).hits[0]
    assert hit.reference == "A/RES/55/109#pp8"


def test_without_antiword_a_doc_is_skipped_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(legacy_word.shutil, "which", lambda name: None)
    with pytest.raises(CorpusError, match=r"needs antiword \(Debian package antiword\)"):
        read_resolution(DOC)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DOC, corpus / DOC.name)
    report = build_index(corpus, tmp_path / "ix")
    assert report.paragraphs == 0
    assert report.skipped == (
        (DOC.name, "a legacy Word .doc: reading it needs antiword (Debian package antiword)"),
    )
