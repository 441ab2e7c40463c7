"""Citation extraction on real sentences: the shipped corpus and ../shared/data, French and English.

Each row: where the sentence comes from, the citing body's series, the
sentence as the reader gives it, and every symbol it cites, in order.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from resolu.corpus import read_file
from resolu.corpus.citations import cited_symbols

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

CASES = [
    # --- French: the shipped corpus (A/RES/55/109) and the UN Parallel Corpus sample
    (
        "A/RES/55/109#pp1",
        "A",
        "Rappelant sa résolution 54/181 du 17 décembre 1999, prenant note de la résolution "
        "2000/70 de la Commission des droits de l’homme, en date du 26 avril 2000, sur le "
        "renforcement de la coopération internationale dans le domaine des droits de l’homme, "
        "et rappelant également sa résolution 54/113 du 10 décembre 1999",
        ["A/RES/54/181", "2000/70", "A/RES/54/113"],
    ),
    (
        "A/RES/55/109#pp8",
        "A",
        "Rappelant l’adoption par la Sous-Commission de la promotion et de la protection des "
        "droits de l’homme, à sa cinquante et unième session, de la résolution 1999/25 du 26 "
        "août 1999",
        ["1999/25"],
    ),
    ("A/RES/55/109#fn2", "A", "A/CONF.157/24 (Partie I), chap. III.", ["A/CONF.157/24"]),
    (
        "A/RES/55/109#fn3",
        "A",
        "Voir E/CN.4/2000/2-E/CN.4/Sub.2/1999/54, chap. II, sect. A.",
        ["E/CN.4/2000/2", "E/CN.4/Sub.2/1999/54"],
    ),
    (
        "S/2015/52#l3 fr",
        "S",
        "que le Conseil de sécurité a créée par sa résolution 1990 (2011) en date du 27 juin "
        "2011 et dont il a le plus récemment prorogé le mandat par sa résolution 2179 (2014) du "
        "14 octobre 2014.",
        ["S/RES/1990 (2011)", "S/RES/2179 (2014)"],
    ),
    (
        "S/RES/2198 (2015)#l16 fr",
        "S",
        "en violation des résolutions 1533 (2004), 1807 (2008), 1857 (2008), 1896 (2009), "
        "1952 (2010), 2021 (2011), 2078 (2012) et 2136 (2014), et se déclarant déterminé",
        [
            *("S/RES/1533 (2004)", "S/RES/1807 (2008)", "S/RES/1857 (2008)"),
            *("S/RES/1896 (2009)", "S/RES/1952 (2010)", "S/RES/2021 (2011)"),
            *("S/RES/2078 (2012)", "S/RES/2136 (2014)"),
        ],
    ),
    (
        "S/2015/153#l6 fr",
        "S",
        "en particulier ses résolutions 2057 (2012), 2109 (2013), 2132 (2013), 2155 (2014) et "
        "2187 (2014),",
        [
            *("S/RES/2057 (2012)", "S/RES/2109 (2013)", "S/RES/2132 (2013)"),
            *("S/RES/2155 (2014)", "S/RES/2187 (2014)"),
        ],
    ),
    (
        "A/AC.172/2015/2#l1056 fr",
        "A",
        "Résolutions 1267 (1999) et 1989 (2011) du Conseil de sécurité",
        ["S/RES/1267 (1999)", "S/RES/1989 (2011)"],
    ),
    (
        "A/69/740#l96 fr",
        "A",
        "Dans sa résolution 2024 (2011), le Conseil de sécurité a confié à la FISNUA des tâches",
        ["S/RES/2024 (2011)"],
    ),
    (
        "E/CN.7/2015/14#l32 fr",
        "E",
        "la Commission des stupéfiants a été créée par la résolution 9 (I) du Conseil économique "
        "et social en date du 16 février 1946",
        ["E/RES/9 (I)"],
    ),
    (
        "E/CN.7/2015/14#l33-34 fr",
        "E",
        "officiellement reconnues par le Conseil économique et social dans sa résolution 1576 (L) "
        "du 20 mai 1971.",
        ["E/RES/1576 (L)"],
    ),
    (
        "E/RES/2014/34#l8 fr",
        "E",
        "1. Prend note de la résolution 689 (XXXV) de la Commission économique pour l'Amérique "
        "latine et les Caraïbes, en date du 9 mai 2014",
        ["689 (XXXV)"],
    ),
    (
        "ST/SG/SER.E/738#l6 fr",
        "ST",
        "(résolution 3235 (XXIX) de l'Assemblée générale, annexe), a l'honneur de transmettre",
        ["A/RES/3235 (XXIX)"],
    ),
    (
        "A/69/693#l29 fr",
        "A",
        "6. Décide que, conformément aux dispositions de sa résolution 973 (X) du 15 décembre "
        "1955, il sera déduit des sommes réparties",
        ["A/RES/973 (X)"],
    ),
    (
        "S/2014/961#l6-7 fr",
        "S",
        "reprendront donc en 2016, conformément à la décision 267 (2009) du Conseil "
        "d'administration.",
        ["267 (2009)"],
    ),
    (
        "E/CN.6/2015/NGO/169#l24 fr",
        "E",
        "élaborer un plan d'action national relatif à la résolution 1325 du Conseil de sécurité "
        "des Nations Unies, qui porte sur trois thèmes",
        ["S/RES/1325"],
    ),
    (
        "E/CN.9/2015/L.2#l7 fr",
        "E",
        "en application de la résolution 1894 (LVII) du Conseil économique et social",
        ["E/RES/1894 (LVII)"],
    ),
    (
        "S/2015/126#l21 fr",
        "S",
        "l'Équipe d'appui analytique et de surveillance des sanctions créée par la résolution "
        "1526 (2004), dont le mandat a été prorogé par la résolution 2161 (2014)",
        ["S/RES/1526 (2004)", "S/RES/2161 (2014)"],
    ),
    (
        "S/2015/160#l15-17 fr",
        "S",
        "le dix-septième rapport mensuel sur l'application de la résolution 2118 (2013) du "
        "Conseil, mes collègues et moi-même vous demandons :",
        ["S/RES/2118 (2013)"],
    ),
    (
        "S/2015/158#l4 fr",
        "S",
        "Rappelant sa résolution 1970 (2011) et toutes ses résolutions ultérieures sur la Libye,",
        ["S/RES/1970 (2011)"],
    ),
    (
        "S/RES/2200 (2015)#l42 fr",
        "S",
        "aux fins de l'application des mesures imposées par les résolutions 1591 (2005) et 1556 "
        "(2004), y compris l'imposition de mesures ciblées;",
        ["S/RES/1591 (2005)", "S/RES/1556 (2004)"],
    ),
    # --- English: the 902 Security Council texts and the UN's PDFs
    (
        "A/RES/78/323#pp3",
        "A",
        "Recalling also its resolutions 53/199 of 15 December 1998 and 61/185 of 20 December "
        "2006 on the proclamation of international years, and Economic and Social Council "
        "resolution 1980/67 of 25 July 1980 on international years and anniversaries,",
        ["A/RES/53/199", "A/RES/61/185", "E/RES/1980/67"],
    ),
    (
        "S/RES/2768 (2025)#pp1",
        "S",
        "Recalling all its relevant resolutions on the situation in Yemen and the Red Sea, "
        "including resolutions 2216 (2015), 2722 (2024), and 2739 (2024),",
        ["S/RES/2216 (2015)", "S/RES/2722 (2024)", "S/RES/2739 (2024)"],
    ),
    (
        "A/RES/73/6#fn2",
        "A",
        "Resolution 70/1. 3 Resolution 69/283, annex II. 4 See FCCC/CP/2015/10/Add.1, decision "
        "1/CP.21, annex.",
        ["A/RES/70/1", "A/RES/69/283", "FCCC/CP/2015/10/Add.1"],
    ),
    ("A/RES/78/323#fn9", "A", "A/CONF.157/24 (Part I), chap. III.", ["A/CONF.157/24"]),
    (
        "S/RES/82 (1950)#pp2",
        "S",
        "Mindful of the concern expressed by the General Assembly in its resolutions 195 (III) "
        "of 12 December 1948 and 293 (IV) of 21 October 1949 about the consequences",
        ["A/RES/195 (III)", "A/RES/293 (IV)"],
    ),
    (
        "S/RES/182 (1963)#pp7",
        "S",
        "Noting with deep satisfaction the overwhelming support for resolution 1881 (XVIII) "
        "adopted by the General Assembly on 11 October 1963,",
        ["A/RES/1881 (XVIII)"],
    ),
    (
        "S/RES/586 (1986)#pp1",
        "S",
        "Recalling its resolutions 425 (1978), 426 (1978), 501 (1982), 508 (1982), 509 (1982) "
        "and 520 (1982), as well as all its resolutions on the situation in Lebanon,",
        [
            *("S/RES/425 (1978)", "S/RES/426 (1978)", "S/RES/501 (1982)"),
            *("S/RES/508 (1982)", "S/RES/509 (1982)", "S/RES/520 (1982)"),
        ],
    ),
    (
        "S/RES/643 (1989)#pp1",
        "S",
        "in particular resolutions 435 (1978) of 29 September 1978, 629 (1989) of 16 January "
        "1989, 632 (1989) of 16 February 1989 and 640 (1989) of 29 August 1989,",
        ["S/RES/435 (1978)", "S/RES/629 (1989)", "S/RES/632 (1989)", "S/RES/640 (1989)"],
    ),
    (
        "S/RES/444 (1979)#pp1",
        "S",
        "Recalling its resolutions 425 (1978) and 426 (1978) of 19 March, 427 (1978) of 3 May "
        "and 434 (1978) of 18 September 1978,",
        ["S/RES/425 (1978)", "S/RES/426 (1978)", "S/RES/427 (1978)", "S/RES/434 (1978)"],
    ),
    (
        "S/RES/219 (1965)#op1",
        "S",
        "Reaffirms its resolutions 186 (1964) of 4 March, 187 (1964) of 13, March, 192(1964) "
        "of 20 June, 193 (1964) of 9 August",
        ["S/RES/186 (1964)", "S/RES/187 (1964)", "S/RES/192 (1964)", "S/RES/193 (1964)"],
    ),
    (
        "S/RES/73 (1949)#op2",
        "S",
        "supersede the truce provided for in Security Council resolutions 50 (1948) of 29 May "
        "and 54 (1948) of 15 July 1948;",
        ["S/RES/50 (1948)", "S/RES/54 (1948)"],
    ),
    (
        "S/RES/391 (1976)#op2",
        "S",
        "Reaffirms once again its resolution 365 (1974) of 13 December 1974, by which it "
        "endorsed General Assembly resolution 3212 (XXIX) adopted unanimously on 1 November "
        "1974,",
        ["S/RES/365 (1974)", "A/RES/3212 (XXIX)"],
    ),
    (
        "S/RES/391 (1976)#op4",
        "S",
        "the United Nations Peace-keeping Force, established under Security Council resolution "
        "186(1964), for a further period ending 15 December 1976,",
        ["S/RES/186 (1964)"],
    ),
    (
        "S/RES/683 (1990)#pp9",
        "S",
        "Taking note of Trusteeship Council resolution 2183 (LIII) of 28 May 1986 and of "
        "subsequent reports of the Trusteeship Council to the Security Council,",
        ["2183 (LIII)"],
    ),
    (
        "S/RES/330 (1973)#pp3",
        "S",
        "Further recalling General Assembly resolution 2993 (XXVII) of 15 December 1972 on "
        "implementation of the Declaration",
        ["A/RES/2993 (XXVII)"],
    ),
    (
        "S/RES/366 (1974)#pp2",
        "S",
        "Recalling Security Council resolutions 245 (1968) of 25 January and 246 (1968) of 14 "
        "March 1968, 264 (1969) of 20 March and 269 (1969) of 12 August 1969,",
        ["S/RES/245 (1968)", "S/RES/246 (1968)", "S/RES/264 (1969)", "S/RES/269 (1969)"],
    ),
    (
        "S/RES/2776 (2025)#op1",
        "S",
        "Recalls its decisions in its resolution 1844 (2008), which imposed targeted sanctions, "
        "and its resolutions 2002 (2011), 2093 (2013) and 2662 (2022), which expanded the "
        "listing criteria,",
        ["S/RES/1844 (2008)", "S/RES/2002 (2011)", "S/RES/2093 (2013)", "S/RES/2662 (2022)"],
    ),
    (
        "S/RES/473 (1980)#op11",
        "S",
        "Requests the Security Council Committee established by resolution 421 (1977) concerning "
        "the question of South Africa, in pursuance of resolution 418 (1977),",
        ["S/RES/421 (1977)", "S/RES/418 (1977)"],
    ),
    (
        "S/RES/706 (1991)#op4",
        "S",
        "as called for in paragraph 19 of resolution 687 (1991) and as defined in paragraph 6 of "
        "resolution 692 (1991), shall be the same as the percentage decided by the Council in "
        "paragraph 2 of resolution 70S (1991)",
        # "70S" is the scan's 705: no number, no guess
        ["S/RES/687 (1991)", "S/RES/692 (1991)"],
    ),
    (
        "S/RES/265 (1969)#pp1",
        "S",
        "Having considered the agenda contained in document S/Agenda/1466/Rev",
        ["S/Agenda/1466/Rev"],
    ),
    (
        "E/CN.7/2015/14#l33 en",
        "E",
        "the Commission on Narcotic Drugs was established by the Economic and Social Council by "
        "its resolution 9 (I) of 16 February 1946,",
        ["E/RES/9 (I)"],
    ),
    (
        "E/RES/2014/34#l8 en",
        "E",
        "1. Takes note of Economic Commission for Latin America and the Caribbean resolution "
        "689 (XXXV) of 9 May 2014,",
        ["689 (XXXV)"],
    ),
    (
        "A/HRC/RES/59/25#fn1",
        "A/HRC",
        "See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex.",
        ["FCCC/CP/2015/10/Add.1"],
    ),
    (
        "S/RES/816 (1993)#pp2",
        "S",
        "Recalling paragraph 6 of resolution 781 (1992) and paragraph 6 of resolution 786 (1992)",
        ["S/RES/781 (1992)", "S/RES/786 (1992)"],
    ),
]


@pytest.mark.parametrize(("where", "series", "sentence", "expected"), CASES)
def test_cited_symbols(where: str, series: str, sentence: str, expected: list[str]) -> None:
    assert list(cited_symbols(sentence, series=series)) == expected, where


def test_enough_real_sentences() -> None:
    assert len(CASES) >= 40
    assert sum(1 for c in CASES if "fr" in c[0] or "A/RES/55/109" in c[0]) >= 15


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rappelant ses résolutions 53/199 et 61/185", ["A/RES/53/199", "A/RES/61/185"]),
        ("Résolution 217 A (III).", ["A/RES/217 A (III)"]),
        ("sa résolution 1514 (XV) du 14 décembre 1960", ["A/RES/1514 (XV)"]),
        ("A/RES/217(III) A et A/RES/217 A (III)", ["A/RES/217 A (III)"]),
        ("les résolutions 55/1 à 55/4", ["A/RES/55/1", "A/RES/55/2", "A/RES/55/3", "A/RES/55/4"]),
        ("sa décision 55/488", ["A/DEC/55/488"]),
        ("décision 2001/201 du Conseil économique et social", ["E/DEC/2001/201"]),
        ("Human Rights Council resolutions 28/1 and 31/3", ["A/HRC/RES/28/1", "A/HRC/RES/31/3"]),
        ("its resolution 60/1", ["A/RES/60/1"]),  # a Council text citing the Assembly
    ],
)
def test_forms(text: str, expected: list[str]) -> None:
    assert list(cited_symbols(text, series="S" if "its" in text else "A")) == expected


def test_footnote_citations_go_on_the_paragraph_with_the_marker() -> None:
    pdf = DATA / "un_pdfs" / "A_RES_78_323.en.pdf"
    if not pdf.is_file():
        pytest.skip(f"{pdf} is absent (see ../shared/data/PROVENANCE.md)")
    (res,) = read_file(pdf)
    by_ref = {p.reference: p for p in res.paragraphs}
    carrying = [p for p in res.paragraphs if "9" in p.cites_footnotes]
    assert by_ref["A/RES/78/323#fn9"].cites_symbols == ("A/CONF.157/24",)
    assert carrying and all("A/CONF.157/24" in p.cites_symbols for p in carrying)
