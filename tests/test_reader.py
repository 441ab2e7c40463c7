"""The resolution reader: golden tests on the shipped text and real Security Council texts."""

from __future__ import annotations

import codecs
import contextlib
import datetime
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from resolu.corpus import CorpusError, read_resolution
from resolu.corpus.splitter import split_resolution
from support import SEED, shared

OPENERS = [
    "Rappelant sa résolution 54/181",
    "Réaffirmant sa volonté",
    "Sachant",
    "Consciente",
    "Réaffirmant que le dialogue",
    "Soulignant",
    "Insistant",
    "Rappelant l’adoption",
]


@pytest.fixture(scope="module")
def seed():
    return read_resolution(SEED)


def test_seed_metadata(seed) -> None:
    assert seed.symbol == "A/RES/55/109"
    assert seed.number == "55/109"
    assert seed.title == (
        "Renforcement de la coopération internationale dans le domaine des droits de l’homme"
    )
    assert (seed.body, seed.language, seed.session, seed.year) == (
        "General Assembly",
        "fr",
        "55",
        2000,
    )


def test_seed_structure(seed) -> None:
    by_kind = {
        k: [p for p in seed.paragraphs if p.kind == k]
        for k in ("preambular", "operative", "footnote")
    }
    assert [p.reference for p in by_kind["preambular"]] == [
        f"A/RES/55/109#pp{i}" for i in range(1, 9)
    ]
    assert [p.reference for p in by_kind["operative"]] == [
        f"A/RES/55/109#op{i}" for i in range(1, 7)
    ]
    assert [p.reference for p in by_kind["footnote"]] == [
        f"A/RES/55/109#fn{i}" for i in range(1, 4)
    ]
    assert len(seed.paragraphs) == 17
    for p, opener in zip(by_kind["preambular"], OPENERS, strict=True):
        assert p.text.startswith(opener), (p.reference, p.text[:40])


def test_seed_footnotes_cited_and_moved_out(seed) -> None:
    cites = {p.reference.split("#")[1]: p.cites_footnotes for p in seed.paragraphs}
    assert cites["pp1"] == ("1",) and cites["pp2"] == ("2",) and cites["pp8"] == ("3",)
    assert sum(len(c) for c in cites.values()) == 3
    fn = {p.number: p.text for p in seed.paragraphs if p.kind == "footnote"}
    assert fn["1"].startswith("Voir Documents officiels du Conseil économique et social, 2000")
    assert fn["1"].endswith("(E/2000/23 et Corr.1), chap. II, sect. A.")
    assert fn["2"] == "A/CONF.157/24 (Partie I), chap. III."
    assert fn["3"] == "Voir E/CN.4/2000/2-E/CN.4/Sub.2/1999/54, chap. II, sect. A."


def test_seed_texts_are_clean(seed) -> None:
    for p in seed.paragraphs:
        assert "\n" not in p.text and "  " not in p.text and p.text == p.text.strip()
        if p.kind != "footnote":
            assert "A/RES/55/109" not in p.text
            assert "Voir" not in p.text and "A/CONF.157" not in p.text
    pp = {p.reference.split("#")[1]: p.text for p in seed.paragraphs}
    # Markers stripped: "droits de l’homme1," and "»3".
    assert "droits de l’homme," in pp["pp1"] and "l’homme1" not in pp["pp1"]
    assert "l’homme»," in pp["pp8"] and "»3" not in pp["pp8"]
    # A line ending in a hyphen keeps it and joins without a space.
    assert "la non-sélectivité de l’examen" in pp["pp4"]
    # Numbers at the start of wrapped lines are not paragraph numbers.
    assert "26 avril 2000, sur le renforcement" in pp["pp1"]
    assert "la résolution 1999/25 du 26 août 1999" in pp["pp8"]
    # The page break between pp6 and pp7 (header, page number, footnotes) is gone.
    assert pp["pp6"].endswith("grâce, en particulier, à la coopération internationale,")
    assert pp["pp7"].startswith("Insistant sur le fait que")


def test_seed_labels_and_lines(seed) -> None:
    p = _by_local(seed)
    assert p["pp1"].label == "A/RES/55/109, préambule, 1er alinéa"
    assert p["pp2"].label == "A/RES/55/109, préambule, 2e alinéa"
    assert p["op4"].label == "A/RES/55/109, par. 4"
    assert p["fn1"].label == "A/RES/55/109, note 1"
    assert p["pp1"].lines == (6, 10)
    assert p["op6"].lines == (85, 86)
    assert "A/RES/54/181" in p["pp1"].cites_symbols


def test_file_name_does_not_matter_when_the_text_gives_the_symbol(tmp_path: Path) -> None:
    renamed = tmp_path / "S_RES_999_1999.txt"
    shutil.copy(SEED, renamed)
    assert read_resolution(renamed).symbol == "A/RES/55/109"


def test_symbol_from_file_name_only_when_the_text_has_none(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    bare = text.replace(" 55/109. ", " ").replace("A/RES/55/109\n", "\n")
    named = tmp_path / "A_RES_55_109.fr.txt"
    named.write_text(bare, encoding="utf-8")
    assert read_resolution(named).symbol == "A/RES/55/109"
    anonymous = tmp_path / "notes.txt"
    anonymous.write_text(bare, encoding="utf-8")
    with pytest.raises(CorpusError, match="pas de cote"):  # a French text: a French reason
        read_resolution(anonymous)


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("’", "'").replace("«", '"').replace("»", '"').encode("cp1252"),
        lambda t: t.replace("\n\nA/RES/55/109\n", "\n\f\nA/RES/55/109\n").encode("utf-8"),
        lambda t: (
            t.replace(" ", "\u00a0", 40).replace("dialogue", "dia\u00adlogue").encode("utf-8")
        ),
    ],
    ids=["bom", "crlf", "cp1252", "formfeed", "nbsp-softhyphen"],
)
def test_encodings_and_typography_read_the_same(tmp_path: Path, seed, encode) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(encode(SEED.read_text(encoding="utf-8")))
    res = read_resolution(path)
    assert [p.reference for p in res.paragraphs] == [p.reference for p in seed.paragraphs]
    assert res.paragraphs[0].text.startswith("Rappelant sa résolution 54/181")
    assert all("\u00a0" not in p.text and "\u00ad" not in p.text for p in res.paragraphs)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00" * 20, "binary"),
        # the refusal is worded in the file's language
        (b"Liste de courses\n\npain, lait, beurre\n", "pas une résolution"),
        (b"Shopping list\n\nbread and milk, the eggs of the farm\n", "not a resolution"),
        (bytes(range(128, 256)) * 4, "neither UTF-8"),
    ],
    ids=["empty", "binary", "not-a-resolution", "not-a-resolution-en", "undecodable"],
)
def test_bad_input_is_a_corpus_error_naming_the_file(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "A_RES_1_1.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusError, match=reason) as err:
        read_resolution(path)
    assert str(path) in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_file_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="cannot read"):
        read_resolution(tmp_path / "absent.txt")


def test_security_council_242(tmp_path: Path) -> None:
    res = read_resolution(shared("en_only", "cr-unsc_res_en_gold", "S_RES_0242_1967_EN_GOLD.txt"))
    assert (res.symbol, res.body, res.language, str(res.adopted)) == (
        "S/RES/242 (1967)",
        "Security Council",
        "en",
        "1967-11-22",
    )
    refs = [p.reference.split("#")[1] for p in res.paragraphs]
    assert refs == [
        "pp1",
        "pp2",
        "pp3",
        "op1",
        "op1.i",  # printed "(1)", a scan's "(i)": the list goes on "(ii)"
        "op1.ii",
        "op2",
        "op2.a",
        "op2.b",
        "op2.c",
        "op3",
        "op4",
    ]
    op4 = res.paragraphs[-1]
    assert op4.label == "S/RES/242 (1967), paragraph 4"
    assert op4.text.endswith("as soon as possible.")  # the adoption line is metadata
    assert res.meta["trailer"] == "Adopted unanimously at the 1382nd meeting."
    assert res.paragraphs[7].label == "S/RES/242 (1967), paragraph 2 (a)"
    assert res.paragraphs[5].label == "S/RES/242 (1967), paragraph 1 (ii)"


def test_security_council_page_break_mid_paragraph() -> None:
    res = read_resolution(shared("en_only", "cr-unsc_res_en_gold", "S_RES_1445_2002_EN_GOLD.txt"))
    op2 = next(p for p in res.paragraphs if p.reference.endswith("#op2"))
    assert "Congo, as well as progress in the implementation" in op2.text
    assert "02-72318" not in op2.text and "S/RES/1445" not in op2.text
    assert res.adopted == datetime.date(2002, 12, 4)
    assert sum(p.kind == "operative" for p in res.paragraphs) == 25


def test_all_security_council_texts_read_or_fail_cleanly() -> None:
    folder = shared("en_only", "cr-unsc_res_en_gold")
    read = failed = 0
    no_operative = []
    for path in sorted(folder.glob("*.txt")):
        try:
            res = read_resolution(path)
        except CorpusError as exc:
            assert path.name in str(exc)
            failed += 1
            continue
        read += 1
        assert res.symbol.startswith("S/RES/") and res.paragraphs
        assert len({p.reference for p in res.paragraphs}) == len(res.paragraphs)
        if not any(p.kind == "operative" for p in res.paragraphs):
            no_operative.append(res.symbol)
    assert (read, failed) == (902, 0)
    # Before: 12, then 4. What remains: 565's file stops before its operative part.
    assert no_operative == ["S/RES/565 (1985)"]


# ------------------------------------------------------------ property: nothing is lost

_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàçœ", min_size=1, max_size=10)
_sentence = st.lists(_word, min_size=3, max_size=30).map(" ".join)


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    preamble=st.lists(_sentence, min_size=1, max_size=4),
    operative=st.lists(_sentence, min_size=1, max_size=5),
    width=st.integers(min_value=20, max_value=90),
    page_break_after=st.integers(min_value=0, max_value=8),
)
def test_every_visible_character_ends_up_in_exactly_one_paragraph(
    preamble: list[str], operative: list[str], width: int, page_break_after: int
) -> None:
    blocks = [f"Rappelant {s}," for s in preamble]
    blocks += [f"{i}. Décide {s};" for i, s in enumerate(operative, 1)]
    lines = ["12/34. Titre de la résolution", "", "L’Assemblée générale,", ""]
    for n, block in enumerate(blocks):
        lines += _wrap(block, width)
        if n == page_break_after:
            lines += ["", "A/RES/12/34", "", "2", ""]
        lines.append("")
    res = split_resolution("\n".join(lines), source="gen.txt", filename="gen.txt")
    got = "".join("".join(p.text.split()) for p in res.paragraphs)
    assert got == "".join("".join(b.split()) for b in blocks)
    assert len(res.paragraphs) == len(blocks)


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_reader_raises_only_corpus_error(text: str) -> None:
    with contextlib.suppress(CorpusError):
        split_resolution(text, source="x.txt", filename="x.txt")


def test_no_invented_symbol() -> None:
    text = "L’Assemblée générale,\n\n1. Décide de rester saisie de la question.\n"
    with pytest.raises(CorpusError, match="pas de cote"):
        split_resolution(text, source="x.txt", filename="x.txt")
    english = "The General Assembly,\n\n1. Decides to remain seized of the matter.\n"
    with pytest.raises(CorpusError, match="no symbol"):
        split_resolution(english, source="x.txt", filename="x.txt")
    assert re.match(r"A/RES/", split_resolution(text, source="x", filename="A_RES_60_1.txt").symbol)


@pytest.mark.parametrize(
    ("heading", "body", "symbol", "session", "year"),
    [
        ("ES-8/2. Titre", "L’Assemblée générale,", "A/RES/ES-8/2", "ES-8", None),
        ("S-13/2. Titre", "L’Assemblée générale,", "A/RES/S-13/2", "S-13", None),
        ("1514 (XV). Déclaration", "L’Assemblée générale,", "A/RES/1514 (XV)", "15", 1960),
        ("28/1. Titre", "Le Conseil des droits de l’homme,", "A/HRC/RES/28/1", "28", None),
        ("2014/36. Titre", "Le Conseil économique et social,", "E/RES/2014/36", "", 2014),
        ("Résolution 242 (1967)", "Le Conseil de sécurité,", "S/RES/242 (1967)", "", 1967),
        ("55/109. Title", "The General Assembly,", "A/RES/55/109", "55", 2000),
    ],
)
def test_symbol_from_title_number_and_body(
    heading: str, body: str, symbol: str, session: str, year: int | None
) -> None:
    text = f"{heading}\n\n{body}\n\nRappelant sa résolution 1/1,\n\n1. Décide de rester saisi.\n"
    res = split_resolution(text, source="x.txt", filename="x.txt")
    assert (res.symbol, res.session, res.year) == (symbol, session, year)


def test_french_sub_paragraphs_and_labels() -> None:
    text = (
        "Résolution 242 (1967)\ndu 22 novembre 1967\n\nLe Conseil de sécurité,\n\n"
        "Exprimant sa préoccupation,\n\n1. Affirme que :\n\na) Retrait des forces;\n\n"
        "b) Cessation de toutes assertions :\n\ni) premier point;\n\nii) second point;\n\n"
        "2. Affirme en outre.\n"
    )
    res = split_resolution(text, source="x.txt", filename="x.txt")
    got = [(p.reference.split("#")[1], p.label.split(", ", 1)[1]) for p in res.paragraphs]
    assert got == [
        ("pp1", "préambule, 1er alinéa"),
        ("op1", "par. 1"),
        ("op1.a", "par. 1 a)"),
        ("op1.b", "par. 1 b)"),
        ("op1.b.i", "par. 1 b) i)"),
        ("op1.b.ii", "par. 1 b) ii)"),
        ("op2", "par. 2"),
    ]
    assert str(res.adopted) == "1967-11-22" and res.language == "fr"


_SC_GOLD = Path(__file__).resolve().parents[1].parent / "shared/data/en_only/cr-unsc_res_en_gold"


@pytest.mark.parametrize(
    ("name", "operative", "meta"),
    [
        # "Resolves…" after "The Security Council" is operative; "Adopted at the 177th
        # meet-\ning by 10 votes to none, with 1 abstention" is the trailer, not a paragraph
        (
            "S_RES_0028_1947_EN_GOLD.txt",
            ["Resolves to appoint"],
            {"meeting": "177", "votes_for": "10", "votes_against": "0", "abstentions": "1"},
        ),
        ("S_RES_0090_1951_EN_GOLD.txt", ["Resolves to remove"], {"votes": "unanimous"}),
        # "Takes note of that report…" closes with a full stop: operative
        ("S_RES_0156_1960_EN_GOLD.txt", ["Takes note of that report"], {"meeting": "895"}),
        # No number, no verb the reader knew, or a comma at the end: the first paragraph
        # opening with a verb ("Dissolves", "Deeply deplores", "Hereby resolves") decides
        ("S_RES_0097_1952_EN_GOLD.txt", ["Dissolves the Commission"], {"meeting": "571"}),
        ("S_RES_0251_1968_EN_GOLD.txt", ["Deeply deplores the holding"], {}),
        ("S_RES_0004_1946_EN_GOLD.txt", ["Hereby resolves", "To this end"], {}),
        ("S_RES_0003_1946_EN_GOLD.txt", ["Resolves that the Council", "Provided, however"], {}),
        ("S_RES_0034_1947_EN_GOLD.txt", ["(a) Resolves"], {}),
        ("S_RES_0086_1950_EN_GOLD.txt", ["Finds that the Republic"], {}),
        ("S_RES_0299_1971_EN_GOLD.txt", ["Recommends to the General Assembly"], {}),
        ("S_RES_0065_1948_EN_GOLD.txt", ["Requests the consular"], {}),
    ],
)
def test_old_security_council_structure(
    name: str, operative: list[str], meta: dict[str, str]
) -> None:
    path = _SC_GOLD / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (see ../shared/data/PROVENANCE.md)")
    res = read_resolution(path)
    ops = [p.text for p in res.paragraphs if p.kind == "operative"]
    assert [t[: len(s)] for t, s in zip(ops, operative, strict=False)] == operative
    assert not any(p.text.startswith("Adopted at") for p in res.paragraphs)
    assert meta.items() <= res.meta.items()
    assert res.body == "Security Council"


def test_every_security_council_text_has_its_body() -> None:
    path = _SC_GOLD / "S_RES_0001_1946_EN_GOLD.txt"  # opens with "MILITARY STAFF COMMITTEE"
    if not path.is_file():
        pytest.skip(f"{path} is absent (see ../shared/data/PROVENANCE.md)")
    assert read_resolution(path).body == "Security Council"


def _sc(name: str) -> Any:
    path = _SC_GOLD / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (see ../shared/data/PROVENANCE.md)")
    return read_resolution(path)


def _subs(res: Any, under: str) -> str:
    """Spell the sub-paragraphs under ``under``: "a=(a) b=(6)" (number as read = printed marker)."""
    return " ".join(
        f"{p.number.partition('.')[2]}={p.text.split(' ', 1)[0]}"
        for p in res.paragraphs
        if p.kind == "subparagraph" and p.reference.partition("#")[2].startswith(under + ".")
    )


@pytest.mark.parametrize(
    ("name", "under", "expected"),
    [
        # a scan's "(6)", "(5)" or "(2)" among letters is the letter it stands for
        ("S_RES_0027_1947_EN_GOLD.txt", "op1", "a=(a) b=(6)"),
        ("S_RES_0071_1949_EN_GOLD.txt", "op1", "a=(a) b=(5) c=(c)"),
        ("S_RES_0748_1992_EN_GOLD.txt", "op6", "a=(2) b=(b) c=(c)"),
        (
            "S_RES_0707_1991_EN_GOLD.txt",
            "op3",
            "a=(a) b=(b) c=(c) d=(2) e=(e) f=(f) g=(g) h=(h) i=(i)",
        ),
        ("S_RES_0883_1993_EN_GOLD.txt", "op3", "a=(a) b=(6) b.i=(i) b.ii=(ii) b.iii=(iii)"),
        # "(1)… (ii)" is a list of romans, side by side
        ("S_RES_0242_1967_EN_GOLD.txt", "op1", "i=(1) ii=(ii)"),
        # a list numbered "(1)", "(2)"… stays numbered so
        ("S_RES_0061_1948_EN_GOLD.txt", "op2", "1=(1) 2=(2)"),
        ("S_RES_0118_1956_EN_GOLD.txt", "op1", "1=(1) 2=(2) 3=(3) 4=(4) 5=(5) 6=(6)"),
    ],
)
def test_old_security_council_sub_paragraph_markers(name: str, under: str, expected: str) -> None:
    assert _subs(_sc(name), under) == expected


@pytest.mark.parametrize(
    ("name", "kinds", "operative"),
    [
        # "(1) … ; (2) … ;" inline, then "(3) The instrument…" on a new line: one paragraph,
        # and the footnote mark "Free Port), 1" no longer runs the decision into the preamble
        ("S_RES_0016_1947_EN_GOLD.txt", ["preambular", "operative", "footnote"], "Hereby records"),
        # "5 July 1948, 29" and "Senegal ,33": footnote marks set apart
        ("S_RES_0053_1948_EN_GOLD.txt", ["preambular", "operative", "footnote"], "Addresses"),
        ("S_RES_0158_1960_EN_GOLD.txt", ["preambular", "operative", "footnote"], "Recommends"),
        # no body line, no number: the symbol comes from the file name and the decision decides
        ("S_RES_0017_1947_EN_GOLD.txt", ["preambular", "operative"], "It is resolved"),
        ("S_RES_0462_1980_EN_GOLD.txt", ["preambular"] * 2 + ["operative"], "Decides to call"),
    ],
)
def test_old_security_council_decisions(name: str, kinds: list[str], operative: str) -> None:
    res = _sc(name)
    assert [p.kind for p in res.paragraphs] == kinds
    assert res.body == "Security Council" and res.language == "en"
    op1 = next(p for p in res.paragraphs if p.kind == "operative")
    assert op1.text.startswith(operative) and op1.reference.endswith("#op1")
    assert not any(p.text.startswith("Adopted") for p in res.paragraphs)
    assert "meeting" in res.meta


def test_a_text_without_body_line_is_read_only_with_a_resolution_symbol(tmp_path: Path) -> None:
    text = "Notes de réunion\n\nAyant examiné la question,\n\nDécide de revenir plus tard.\n"
    with pytest.raises(CorpusError, match="pas une résolution"):
        split_resolution(text, source="x.txt", filename="notes.txt")
    res = split_resolution(text, source="x.txt", filename="S_RES_9999_2030.fr.txt")
    assert [p.kind for p in res.paragraphs] == ["preambular", "operative"]


@pytest.mark.parametrize(
    ("name", "meta"),
    [
        # a trailer broken by a blank line, a scan's "Adapted", "meting", "meetings", "2729the",
        # "Approved", each one with no blank line kept from the paragraph before it
        ("S_RES_0325_1973_EN_GOLD.txt", {"meeting": "1686"}),
        ("S_RES_0349_1974_EN_GOLD.txt", {"meeting": "1771", "votes_for": "14", "abstentions": "1"}),
        ("S_RES_0368_1975_EN_GOLD.txt", {"meeting": "1821", "votes_for": "13"}),
        ("S_RES_0494_1981_EN_GOLD.txt", {"meeting": "2312", "votes": "unanimous"}),
        ("S_RES_0503_1982_EN_GOLD.txt", {"meeting": "2351", "votes": "unanimous"}),
        ("S_RES_0527_1982_EN_GOLD.txt", {"meeting": "2407", "votes": "unanimous"}),
        ("S_RES_0593_1986_EN_GOLD.txt", {"meeting": "2729", "votes": "unanimous"}),
        ("S_RES_0663_1990_EN_GOLD.txt", {"meeting": "2936", "votes": "unanimous"}),
        # the meeting named in the heading: "Adopted by the Security Council at its 3087th …"
        ("S_RES_0761_1992_EN_GOLD.txt", {"meeting": "3087"}),
        ("S_RES_0854_1993_EN_GOLD.txt", {"meeting": "3261"}),  # printed "326lst"
    ],
)
def test_old_security_council_trailers_are_metadata(name: str, meta: dict[str, str]) -> None:
    res = _sc(name)
    assert meta.items() <= res.meta.items()
    adoption = re.compile(r"\b(?:Adopted|Adapted|Approved)(?: unanimously)? at the\b")
    assert not [p.reference for p in res.paragraphs if adoption.search(p.text)]


def test_a_footnote_marked_in_the_trailer_is_a_footnote() -> None:
    res = _sc("S_RES_0368_1975_EN_GOLD.txt")  # "…by 13 votes to none. 11" then "11 Two members…"
    assert res.paragraphs[-1].reference.endswith("#fn11")
    assert res.paragraphs[-1].text.startswith("Two members (China and Iraq)")


def test_the_vote_is_read_into_a_typed_value() -> None:
    from resolu.corpus import Vote

    # "Adopted at the 177th meet-\ning by 10 votes to none, with 1 abstention (…)."
    assert _sc("S_RES_0028_1947_EN_GOLD.txt").vote == Vote(177, 10, 0, 1)
    assert _sc("S_RES_0242_1967_EN_GOLD.txt").vote == Vote(meeting=1382, unanimous=True)
    assert _sc("S_RES_0129_1958_EN_GOLD.txt").vote is None  # the file prints no adoption line


def _by_local(res: Any) -> dict[str, Any]:
    return {p.reference.partition("#")[2]: p for p in res.paragraphs}


def test_footnotes_printed_one_under_another_are_each_their_own() -> None:
    # "10 Ibid., documents S/25810 and Add.1." / "11 Ibid., document S/25797." / "12 …"
    p = _by_local(_sc("S_RES_0846_1993_EN_GOLD.txt"))
    assert [p[f"fn{n}"].text for n in (10, 11, 12)] == [
        "Ibid., documents S/25810 and Add.1.",
        "Ibid., document S/25797.",
        "Ibid., document S/25951.",
    ]
    assert p["pp2"].cites_footnotes == ("10",)
    assert p["pp2"].cites_symbols == ("S/25810",)  # no longer the symbols of 11 and 12
    # "1. Welcomes with appreciation the report of the Secretary-General; 10": cited again
    assert p["op1"].text.endswith("Secretary-General;")
    assert (p["op1"].cites_footnotes, p["op1"].cites_symbols) == (("10",), ("S/25810",))
    # a footnote whose body wraps ("document" / "S/842.") ends where the next one starts
    p = _by_local(_sc("S_RES_0055_1948_EN_GOLD.txt"))
    assert p["fn13"].text == "Ibid., Third Year, Supplement for June 1948, document S/842."
    assert p["pp1"].cites_footnotes == ("13", "14", "15", "16")
    assert p["op1"].cites_footnotes == ("17", "18", "19")
    assert " 14 " not in p["pp1"].text and p["fn19"].text == "Ibid., appendix VIII."


def test_a_footnote_cited_twice_in_one_paragraph_is_listed_once() -> None:
    # "Akbar Velayati 70 and the statement of [...] George / Bush, 70"
    p = _by_local(_sc("S_RES_0616_1988_EN_GOLD.txt"))
    assert p["pp2"].cites_footnotes == ("70",)
    assert p["pp2"].text.endswith("Vice-President George Bush,")


def test_a_footnote_line_that_wraps_onto_a_number_stays_one_footnote() -> None:
    text = (
        "Resolution 9998 (1948)\n\nThe Security Council,\n\n"
        "Noting the report of the Committee, 10\n\n"
        "1. Decides to remain seized of the matter.\n\n\n"
        "10 Official Records of the Security Council, Supplement for\n"
        "11 December 1948, document S/1100.\n"
    )
    res = split_resolution(text, source="t.txt", filename="S_RES_9998_1948_EN.txt")
    notes = [p for p in res.paragraphs if p.kind == "footnote"]
    assert [(n.number, n.text) for n in notes] == [
        (
            "10",
            "Official Records of the Security Council, Supplement for 11 December 1948, "
            "document S/1100.",
        ),
    ]


def test_a_footnote_whose_mark_was_lost_is_still_a_footnote() -> None:
    # "S/11052/Rev.1 32 dated": mark 32 reads as a number; "none33" is found, and
    # "32 Ibid." under the adoption line was glued to paragraph 2.
    p = _by_local(_sc("S_RES_0341_1973_EN_GOLD.txt"))
    assert p["op2"].text.endswith("provided the Security Council so decides.")
    assert (p["fn32"].text, p["fn33"].text) == (
        "Ibid.",
        "One member (China) did not participate in the voting.",
    )


def test_a_lost_footnote_mark_does_not_lose_the_next_ones() -> None:
    # "2015–20303" hides mark 3 in a year; "Agreement4" and "Treaty,5" are still found
    path = shared("un_pdfs", "A_RES_73_6.en.pdf")
    p = _by_local(read_resolution(path))
    assert p["pp5"].cites_footnotes == ("2", "4")
    assert "Paris Agreement requires" in p["pp5"].text
    assert p["pp13"].cites_footnotes == ("5",)
    assert [p[f"fn{n}"].text for n in (2, 3)] == [
        "Resolution 70/1.",
        "Resolution 69/283, annex II.",
    ]
    assert p["pp14"].text.startswith("Seriously concerned about the possibility of an arms race")
