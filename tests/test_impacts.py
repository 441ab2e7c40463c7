"""The impacts files hold exactly what Whoosh's postings hold: documents, weights, positions."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
from resolu.corpus import corpus_dir
from resolu.index import build_index
from resolu.index.impacts import IMPACT_FIELDS, POSITION_FIELDS, SegmentImpacts, impacts_path
from resolu.index.store import open_store
from support import shared


def test_every_posting_and_position_is_whooshs(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sc = shared("en_only", "cr-unsc_res_en_gold")
    for src in [*corpus_dir().glob("*.txt"), *sorted(sc.glob("*.txt"))[:15]]:
        shutil.copyfile(src, corpus / src.name)
    build_index(corpus, tmp_path / "ix", procs=1)
    ix = open_store(tmp_path / "ix")
    checked = {field: 0 for field in POSITION_FIELDS}
    try:
        with ix.reader() as reader:
            for leaf, _offset in reader.leaf_readers():
                seg = SegmentImpacts(
                    impacts_path(Path(ix.storage.folder), leaf.segment().segment_id())
                )
                for field in IMPACT_FIELDS:
                    if field not in leaf.schema:
                        continue
                    for term in leaf.lexicon(field):
                        ids, weights = seg.postings(field, term)
                        matcher = leaf.postings(field, term)
                        expected = list(matcher.items_as("weight"))
                        assert list(zip(ids.tolist(), weights.tolist(), strict=True)) == [
                            (doc, float(w)) for doc, w in expected
                        ], (field, term)
                        if field not in POSITION_FIELDS:
                            continue
                        assert seg.has_positions(field)
                        owner, pos = seg.positions(field, term, np.arange(len(ids)))
                        mine = [[] for _ in ids]
                        for i, p in zip(owner.tolist(), pos.tolist(), strict=True):
                            mine[i].append(p)
                        whooshs = [
                            list(p) for _, p in leaf.postings(field, term).items_as("positions")
                        ]
                        assert mine == whooshs, (field, term)
                        checked[field] += 1
    finally:
        ix.close()
    assert all(count > 100 for field, count in checked.items() if "fr" not in field), checked
