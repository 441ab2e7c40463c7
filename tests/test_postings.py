"""The in-memory segment writer writes what Whoosh's own writer writes, and searches the same."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from resolu.corpus import corpus_dir, corpus_files, read_file
from resolu.corpus.errors import CorpusError
from resolu.index import build_index
from resolu.index.analysis import (
    SymbolAnalyzer,
    english_analyzer,
    exact_analyzer,
    french_analyzer,
    text_terms,
    word_terms,
)
from resolu.index.impacts import impacts_path, write_impacts
from resolu.index.postings import INLINE_BELOW, PostingsWriter
from resolu.index.store import create_store, file_document, open_store, paragraph_documents
from resolu.search import open_index
from support import shared
from whoosh.formats import Existence


def _documents(folder: Path) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for path in corpus_files(folder):
        try:
            for res in read_file(path):
                docs.extend(paragraph_documents(res, str(path)))
        except CorpusError:
            pass
        docs.append(file_document(str(path), "digest", source=str(folder)))
    return docs


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped French resolution and 120 Security Council texts (many cite S/ symbols)."""
    folder = tmp_path_factory.mktemp("corpus")
    sc = shared("en_only", "cr-unsc_res_en_gold")
    for src in [*corpus_dir().glob("*.txt"), *sorted(sc.glob("*.txt"))[300:420]]:
        shutil.copyfile(src, folder / src.name)
    return folder


def _build(folder: Path, docs: list[dict[str, Any]], writer: Any) -> Any:
    folder.mkdir()
    ix = create_store(folder)
    w = writer(ix)
    for doc in docs:
        w.add_document(**doc)
    w.commit()
    return ix


def _postings(reader: Any, field: str, term: bytes) -> list[tuple[int, float, bytes]]:
    m = reader.postings(field, term)
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value()))
        m.next()
    return out


def _statistics(info: Any) -> tuple[Any, ...]:
    """Return what a term's entry in the term table says of its postings."""
    return (
        info.weight(),
        info.doc_frequency(),
        info.min_length(),
        info.max_length(),
        info.max_weight(),
        info.min_id(),
        info.max_id(),
    )


def _assert_same(whoosh: Any, mine: Any, count: int, *, inlines: bool = True) -> int:
    """Check that two indexes hold the same postings, lengths, stored fields and columns.

    With ``inlines``, also that ``mine`` kept in the term table the postings of the
    terms in fewer than ``INLINE_BELOW`` documents (Whoosh's writer cannot).
    """
    with whoosh.reader() as a, mine.reader() as b:
        assert a.doc_count_all() == b.doc_count_all() == count
        postings = inlined = 0
        for field in a.schema.names():
            if not a.schema[field].indexed:
                continue
            terms = list(a.lexicon(field))
            assert terms == list(b.lexicon(field)), field
            for term in terms:
                expected = _postings(a, field, term)
                assert _postings(b, field, term) == expected, (field, term)
                info_a, info_b = a.term_info(field, term), b.term_info(field, term)
                assert _statistics(info_a) == _statistics(info_b), (field, term)
                valued = type(a.schema[field].format) is not Existence
                inlined_here = inlines and valued and len(expected) < INLINE_BELOW
                assert info_b.is_inlined() == inlined_here, (field, term)
                inlined += inlined_here
                postings += len(expected)
            if a.schema[field].scorable:
                assert a.field_length(field) == b.field_length(field), field
                lengths = [a.doc_field_length(d, field) for d in range(count)]
                assert lengths == [b.doc_field_length(d, field) for d in range(count)]
        for docnum in range(count):
            assert a.stored_fields(docnum) == b.stored_fields(docnum)
        for field in a.schema.names():
            if a.schema[field].column_type:
                assert list(a.column_reader(field)) == list(b.column_reader(field)), field
        assert inlined > postings // 100 or not inlines
    whoosh.close()
    mine.close()
    return postings


def test_segment_is_whooshs(corpus: Path, tmp_path: Path) -> None:
    docs = _documents(corpus)
    whoosh = _build(tmp_path / "whoosh", docs, lambda ix: ix.writer())
    mine = _build(tmp_path / "mine", docs, PostingsWriter)
    assert _assert_same(whoosh, mine, len(docs)) > 50_000


def test_segments_merged_in_go_through_whooshs_pool(corpus: Path, tmp_path: Path) -> None:
    """A commit that merges earlier segments into its own writes what Whoosh's writer does."""
    docs = _documents(corpus)
    third = len(docs) // 3
    chunks = [docs[:third], docs[third : 2 * third], docs[2 * third :]]

    def build(folder: Path, writer: Any) -> Any:
        folder.mkdir()
        ix = create_store(folder)
        for n, chunk in enumerate(chunks):
            w = writer(ix)
            for doc in chunk:
                w.add_document(**doc)
            w.commit(optimize=n == len(chunks) - 1)  # the last merges the first two in
        assert len(ix._segments()) == 1
        return ix

    whoosh = build(tmp_path / "whoosh", lambda ix: ix.writer())
    mine = build(tmp_path / "mine", PostingsWriter)
    # Merged through Whoosh's pool, the postings are written by Whoosh's writer: in blocks.
    assert _assert_same(whoosh, mine, len(docs), inlines=False) > 50_000


def test_impacts_from_memory_are_the_ones_read_back(corpus: Path, tmp_path: Path) -> None:
    ix = _build(tmp_path / "ix", _documents(corpus), PostingsWriter)
    folder = Path(ix.storage.folder)
    (segment,) = ix._segments()
    written = impacts_path(folder, segment.segment_id())
    from_memory = written.read_bytes()
    written.unlink()
    ix.close()
    assert write_impacts(folder) == 1
    assert written.read_bytes() == from_memory


def _segmented(corpus: Path, tmp_path: Path, queries: list[str]) -> list[list[list[str]]]:
    """Build with the default budget (one segment) and with 1 MB (several); search both."""
    found = []
    for name, limitmb in (("one", 256), ("many", 1)):
        target = tmp_path / name
        if not target.exists():
            build_index(corpus, target, procs=1, limitmb=limitmb)
        ix = open_store(target)
        segments = len(ix._segments())
        ix.close()
        assert (segments == 1) == (name == "one"), segments
        with open_index(target) as index:
            found.append([[h.reference for h in index.search(q, limit=30)] for q in queries])
    assert all(found[0])
    return found


def test_small_budget_writes_several_segments_that_search_the_same(
    corpus: Path, tmp_path: Path
) -> None:
    queries = [
        "security council",
        "calls upon all states",
        "peacekeeping -lebanon",
        "symbol:S/RES/330*",
        "kind:operative sanctions",
        "apartheid namibia",
        "décide",
    ]
    one, many = _segmented(corpus, tmp_path, queries)
    assert one == many


def test_phrase_on_several_segments(corpus: Path, tmp_path: Path) -> None:
    one, many = _segmented(corpus, tmp_path, ['"calls upon all states"'])
    assert one == many


def _texts_of_files(corpus: Path) -> Iterator[list[str]]:
    """Yield the paragraph texts of each readable file of ``corpus``."""
    for path in corpus_files(corpus):
        try:
            yield [p.text for res in read_file(path) for p in res.paragraphs]
        except CorpusError:
            continue


def test_word_terms_are_the_analyzers(corpus: Path) -> None:
    checked = 0
    for paragraphs in _texts_of_files(corpus):
        for text in paragraphs:
            for analyzer in (english_analyzer(), french_analyzer(), exact_analyzer()):
                found = word_terms(analyzer, text)
                if found is None:
                    assert "/" in text
                    continue
                expected: dict[str, list[int]] = {}
                for t in analyzer(text, positions=True, mode="index"):
                    expected.setdefault(t.text, []).append(t.pos)
                assert found == expected, text
                checked += 1
    assert checked > 1000


def test_text_terms_are_the_analyzers_with_symbols_too(corpus: Path) -> None:
    """Term by term and position by position, texts citing symbols and numbers included."""
    analyzers = (english_analyzer(), french_analyzer(), exact_analyzer(), SymbolAnalyzer())
    symbols = 0
    for paragraphs in _texts_of_files(corpus):
        for text in [*paragraphs, "and/or 54/181 A/RES/55/109 (2000) s/res/9999 a/b/c/d"]:
            for analyzer in analyzers:
                expected = [(t.text, t.pos) for t in analyzer(text, positions=True, mode="index")]
                found = text_terms(analyzer, text)
                assert found is not None, text
                assert list(zip(*found, strict=True)) == expected, text
                symbols += "/" in text
    assert symbols > 500


@pytest.mark.parametrize(
    "numbers",
    [[], [3, 255], [3, 256, 7], [70_000, 5], [5, 300, 2**31 + 1, 9], [2**31 - 1, 2**16]],
)
def test_column_numbers_widen_as_whooshs_appends(numbers: list[int]) -> None:
    from resolu.index.columns import extend_growable as _extend
    from whoosh.util.numlists import GrowableArray

    one_by_one, at_once = GrowableArray(allow_longs=False), GrowableArray(allow_longs=False)
    one_by_one.append(1)
    at_once.append(1)
    for n in numbers:
        one_by_one.append(n)
    _extend(at_once, numbers)
    assert at_once.array.typecode == one_by_one.array.typecode
    assert at_once.array.tolist() == one_by_one.array.tolist()


def test_positions_encoded_at_once_pickle_as_one_at_a_time(corpus: Path, tmp_path: Path) -> None:
    """The values of each block, and so its pickle (which shares equal objects), are Whoosh's."""
    import pickle

    from resolu.index.postings import _Values
    from whoosh.formats import Positions

    ix = create_store(tmp_path)
    writer = PostingsWriter(ix)
    for doc in _documents(corpus):
        writer.add_document(**doc)
    found = writer._buffers["exact"].sorted(1.0)
    writer.cancel()
    at_once, one_by_one = _Values(found, Positions()), _Values(found, Positions())
    freqs = found.freqs.tolist()
    blocks = 0
    for start in range(0, len(freqs), 128):
        kept = freqs[start : start + 128]
        expected = one_by_one._positions(start, kept)
        assert expected == [Positions().encode(p) for p in _positions_of(found, start, kept)]
        assert pickle.dumps(tuple(at_once.block(start, kept)), 2) == pickle.dumps(
            tuple(expected), 2
        )
        blocks += 1
    assert at_once.window is not None and blocks > 100


def _positions_of(found: Any, start: int, freqs: list[int]) -> list[list[int]]:
    starts = found.position_starts()
    return [
        found.positions[starts[i] : starts[i + 1]].tolist()
        for i in range(start, start + len(freqs))
    ]


def test_length_bytes_are_whooshs() -> None:
    import numpy as np
    from resolu.index.postings import _NO_LENGTH, _length_bytes
    from whoosh.util.numeric import length_to_byte

    lengths = np.array([*range(0, 3000), 102_975, 106_373, 106_374, 10**6, _NO_LENGTH])
    expected = [length_to_byte(n) for n in lengths.tolist()[:-1]] + [length_to_byte(None)]
    assert _length_bytes(lengths).tolist() == expected
