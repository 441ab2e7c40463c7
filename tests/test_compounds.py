"""English compounds and irregular plurals, on Security Council resolutions (issue 15).

Before, over the 902 resolutions of en_only/cr-unsc_res_en_gold: peacekeeping 2 hits,
peace-keeping 270; ceasefire 9, cease-fire 280; child 0, children 8.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from resolu.index import build_index
from resolu.search import Index, open_index
from support import SHARED_DATA

SC = SHARED_DATA / "en_only" / "cr-unsc_res_en_gold"
FILES = {
    "S/RES/186 (1964)": "S_RES_0186_1964_EN_GOLD.txt",  # peace-keeping
    "S/RES/254 (1968)": "S_RES_0254_1968_EN_GOLD.txt",  # peacekeeping
    "S/RES/1445 (2002)": "S_RES_1445_2002_EN_GOLD.txt",  # peacekeeping
    "S/RES/30 (1947)": "S_RES_0030_1947_EN_GOLD.txt",  # cease-fire
    "S/RES/211 (1965)": "S_RES_0211_1965_EN_GOLD.txt",  # ceasefire
    "S/RES/234 (1967)": "S_RES_0234_1967_EN_GOLD.txt",  # cease fire
    "S/RES/392 (1976)": "S_RES_0392_1976_EN_GOLD.txt",  # schoolchildren, not children
}

pytestmark = pytest.mark.skipif(not SC.is_dir(), reason=f"no data in {SC}")


@pytest.fixture(scope="module")
def sc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    corpus = tmp_path_factory.mktemp("sc")
    for name in FILES.values():
        shutil.copy(SC / name, corpus / name)
    target = tmp_path_factory.mktemp("sc-index") / "index"
    build_index(corpus, target)
    with open_index(target) as ix:
        yield ix


def symbols(ix: Index, q: str) -> set[str]:
    return {h.symbol for h in ix.search(q, limit=100)}


@pytest.mark.parametrize(
    ("spellings", "holders"),
    [
        (
            ["peacekeeping", "peace-keeping", '"peace keeping"', '"peace-keeping"'],
            {"S/RES/186 (1964)", "S/RES/254 (1968)", "S/RES/1445 (2002)"},
        ),
        (
            ["ceasefire", "cease-fire", '"cease fire"', '"cease-fire"'],
            {"S/RES/30 (1947)", "S/RES/211 (1965)", "S/RES/234 (1967)"},
        ),
    ],
)
def test_joined_hyphenated_and_spaced_compounds_are_one(
    sc: Index, spellings: list[str], holders: set[str]
) -> None:
    found = [symbols(sc, q) for q in spellings]
    assert all(f == found[0] for f in found), dict(zip(spellings, found, strict=True))
    assert holders <= found[0]


def test_compounds_in_phrases(sc: Index) -> None:
    joined = symbols(sc, '"peacekeeping operations"')
    assert joined and joined == symbols(sc, '"peace-keeping operations"')
    assert joined == symbols(sc, '"peace keeping operations"')


def test_child_finds_children(sc: Index) -> None:
    assert symbols(sc, "child") == symbols(sc, "children") == {"S/RES/1445 (2002)"}
