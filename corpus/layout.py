"""The printed layout of a UN resolution, shared by text files and PDFs: mastheads, furniture.

Text extracted from the UN's PDFs (by :mod:`resolu.corpus.pdf`, or shipped as
text files that keep the printed layout) carries what the printer put around
the resolution: a masthead on the first page, job numbers, barcodes, running
headers, page numbers, hyphens split by extraction. The functions here are
pure functions of strings: :func:`masthead` reads the first page's metadata,
:func:`mend` undoes extraction artefacts, :func:`strip_furniture` blanks the
furniture lines of a printed layout and :func:`is_page_residue` recognises what
any text (printed layout or not) may keep between paragraphs.
"""

from __future__ import annotations

import re
import unicodedata

from .bodies import BODIES
from .dates import DATE, iso_date
from .ordinals import session_number

__all__ = [
    "is_furniture",
    "is_page_number",
    "is_page_residue",
    "masthead",
    "mend",
    "strip_furniture",
]

# --- Mending extraction artefacts -------------------------------------------------

_SPLIT_HYPHEN = re.compile(r"(\w) -\n(\S+)[ \t]?")
_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_]) -(?=[^\W\d_])")


def mend(text: str) -> str:
    """Undo extraction artefacts without changing the number of lines.

    A compound split at a line end with a stray space before its hyphen is
    joined back, the rest of the word moving up to the first line; a stray
    space before a hyphen inside a line is dropped.

    >>> mend("including its drug -\\nresistant forms, is")
    'including its drug-resistant\\nforms, is'
    >>> mend("the high -level meeting")
    'the high-level meeting'
    """
    text = _SPLIT_HYPHEN.sub(lambda m: f"{m.group(1)}-{m.group(2)}\n", text)
    return _SPACED_HYPHEN.sub("-", text)


# --- Page furniture ---------------------------------------------------------------

_JOB = r"(?:GE\.)?\d{2}-\d{5}\*?(?:\s?\([A-Z]\))?"
_FURNITURE_TOKEN = re.compile(
    rf"^(?:{_JOB}|\d{{6}}|\*\d{{6,8}}\*|\d{{1,3}}/\d{{1,3}}|\d{{1,3}}|[A-Z]\.\d{{2}}-\d{{5}})$"
)
_APOSTROPHE = "[’'ʼ]"
#: The organ names a masthead prints, English and French.
_ORGAN_NAMES = (
    r"General Assembly|Security Council|Human Rights Council|Assemblée générale"
    rf"|Conseil de sécurité|Conseil des droits de l{_APOSTROPHE}homme"
)
_DISTRIBUTION = r"Distr\.\s?:?\s?(?:General|générale)"
_RECYCLE = r"Please recycle|Merci de recycler"
_FURNITURE_LINE = re.compile(
    rf"^(?:United Nations|Nations Unies|{_DISTRIBUTION}|{_RECYCLE}|Original\s?:\s?\w+|"
    rf"{_ORGAN_NAMES})$",
    re.IGNORECASE,
)
_MASTHEAD_LINE = re.compile(
    rf"^(?:United Nations|Nations Unies|{_ORGAN_NAMES})"
    rf"\s+(?:{_DISTRIBUTION}|[A-Z]/\S+(?:\s\(\d{{4}}\))?\*?)$"
)


def _squash(text: str) -> str:
    """Return ``text`` with hyphen spacing and runs of spaces evened out."""
    text = unicodedata.normalize("NFKC", text).replace("\u2011", "-")
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def is_furniture(line: str, *, symbol: str, title: str) -> bool:
    """Tell whether a line is page furniture rather than text of the resolution.

    Furniture is a line made only of job numbers, print dates, barcodes, page
    numbers and the symbol; a masthead line in English or French ("United
    Nations", "Distr.: General", "Nations Unies", "Distr. générale"); a
    recycling note; or a running header repeating part of the title (three
    words or more, no closing punctuation, so that a wrapped line of a
    paragraph is not taken for one).

    >>> is_furniture("18-16895 (E)    241018", symbol="A/RES/73/3", title="")
    True
    >>> is_furniture("18-17202 (F)    191018    231018", symbol="A/RES/73/3", title="")
    True
    >>> is_furniture("2. Decides to remain seized.", symbol="S/RES/1 (1946)", title="")
    False
    """
    stripped = line.strip()
    if not stripped:
        return False
    if _FURNITURE_LINE.match(stripped) or _MASTHEAD_LINE.match(stripped):
        return True
    rest = stripped
    if symbol:
        rest = re.sub(re.escape(symbol) + r"\*?", " ", rest)
    rest = re.sub(rf"\([A-Z]\)|{_RECYCLE}", " ", rest)
    tokens = rest.split()
    if tokens and all(_FURNITURE_TOKEN.match(token) for token in tokens):
        return True
    if not tokens and rest != stripped:
        return True  # the symbol alone
    return _is_title_fragment(" ".join(tokens) if rest != stripped else stripped, title)


def strip_furniture(text: str, *, symbol: str, title: str) -> str:
    """Blank the furniture lines of ``text``, keeping its line count and page breaks.

    Every line :func:`is_furniture` recognises is emptied, except that a line
    recognised only as a piece of the title is emptied only in the running
    header of a page after the first (the lines between a form feed and the
    first blank line), so that the title and annex headings on the first page
    stay. Line numbers into the result are line numbers into ``text``.
    """
    pages: list[str] = []
    for number, page in enumerate(text.split("\f")):
        in_head = number > 0
        lines: list[str] = []
        for line in page.split("\n"):
            if not line.strip():
                in_head = False
            elif is_furniture(line, symbol=symbol, title=title if in_head else ""):
                line = ""
            lines.append(line)
        pages.append("\n".join(lines))
    return "\f".join(pages)


def _is_title_fragment(text: str, title: str) -> bool:
    """Tell whether ``text`` is a running-header piece of ``title``."""
    if not title or not text or text[-1] in ",;:." or len(text.split()) < 3:
        return False
    return _squash(text) in _squash(title)


# --- Masthead ---------------------------------------------------------------------

_SYMBOL = re.compile(r"\b((?:A|S)/(?:[A-Z]+/)*RES/[\w.-]+(?:/[\w.-]+)*(?: \(\d{4}\))?)(\*)?")
#: Printed organ name -> the organ's (English) name, most specific first: a
#: Human Rights Council masthead also names the General Assembly.
_ORGANS = {printed: b.name for b in BODIES for printed in (b.name, b.name_fr)}
#: The adoption line: (organ, date) or, in the Security Council, (organ, meeting, date).
_ADOPTIONS = [
    re.compile(rf"Resolution adopted by the (General Assembly|Human Rights Council) on {DATE}"),
    re.compile(
        r"Résolution adoptée par (?:l’|le )(Assemblée générale|Conseil des droits de l’homme)"
        rf" le {DATE}"
    ),
    re.compile(
        rf"Adopted by the (Security Council) at its (\d+)(?:st|nd|rd|th) meeting, on {DATE}"
    ),
    re.compile(rf"Adoptée par le (Conseil de sécurité) à sa (\d+) ?(?:e|re|ᵉ) séance, le {DATE}"),
]
_SESSIONS = [
    # "Seventy-third session", "Tenth emergency special session"
    re.compile(r"\b[A-Z][a-z]+(?:-[a-z]+)? (?:special |emergency special )?session\b"),
    # "Soixante-treizième session", "Soixante et onzième session",
    # "Dixième session extraordinaire d’urgence"
    re.compile(
        r"\b[A-ZÉ][a-zéè]+(?:(?:-| et )[a-zéè]+)* session(?: extraordinaire(?: d’urgence)?)?"
        r"(?![\w’])"
    ),
]
_AGENDA = re.compile(
    r"\bAgenda items? ([\w()]+(?:(?:,| and) [\w()]+)*)|\bPoints? (.{1,40}?) de l’ordre du jour"
)


def masthead(text: str) -> dict[str, str]:
    """Return the metadata that the first page's masthead gives, in English or French.

    Keys, each present only where found: ``organ`` (its English name, whatever
    the language: "General Assembly", "Security Council", "Human Rights
    Council"), ``symbol``, ``distributed`` and ``adopted`` (ISO dates),
    ``session`` (as printed: "Seventy-third session", "Soixante-treizième
    session") and ``session_number`` ("73"; "S-27" for a special session,
    "ES-10" for an emergency special session, as symbols spell them),
    ``agenda_item`` (as printed: "129", "12 et 115"), ``meeting`` (Security
    Council), ``draft`` (the draft or report the adoption line names),
    ``title`` (General Assembly and Council titles).

    >>> masthead("United Nations S/RES/2768 (2025)\\n\\nSecurity Council Distr.: General\\n"
    ...          "15 January 2025\\n\\nAdopted by the Security Council at its 9836th meeting, "
    ...          "on\\n15 January 2025\\n")["adopted"]
    '2025-01-15'
    >>> head = masthead("Nations Unies A/RES/73/3\\nAssemblée générale Distr. générale\\n"
    ...                 "18 octobre 2018\\nSoixante-treizième session\\n")
    >>> head["organ"], head["distributed"], head["session_number"]
    ('General Assembly', '2018-10-18', '73')
    """
    page = text.split("\f", 1)[0]
    flat = re.sub(r"\s+", " ", page).replace("'", "’").replace("ʼ", "’")
    found: dict[str, str] = {}
    symbol = _SYMBOL.search(page)
    if symbol:
        found["symbol"] = symbol.group(1)
    head = flat[: flat.find("Distr.") + 200] if "Distr." in flat else flat[:400]
    adoption = next(filter(None, (pattern.search(flat) for pattern in _ADOPTIONS)), None)
    organs = [organ for printed, organ in _ORGANS.items() if printed in head]
    if adoption:
        found["organ"] = _ORGANS[adoption.group(1)]
    elif organs:
        found["organ"] = organs[0]
    if match := re.search(r"Distr\. ?:? ?\w+ .{0,40}?" + DATE, flat):
        found["distributed"] = iso_date(*match.groups())
    found.update(_session_and_agenda(flat))
    if adoption and len(adoption.groups()) == 5:
        found["meeting"] = adoption.group(2)
    if adoption:
        found["adopted"] = iso_date(*adoption.groups()[-3:])
    if match := re.search(r"\[[^\]]*?\(([A-Z]/[^()\]]+)\)\]", flat):
        found["draft"] = match.group(1)
    if match := re.search(r"\n *(?:E?S-)?\d+/\d+\. +(.+(?:\n(?!\s*\n).+)*)", page):
        found["title"] = re.sub(r"\s+", " ", match.group(1)).strip()
    return found


def _session_and_agenda(flat: str) -> dict[str, str]:
    """Return the masthead's ``session``, ``session_number`` and ``agenda_item``, where printed."""
    found: dict[str, str] = {}
    # Both patterns need the word: a text without it (most Council texts) is not searched.
    sessions = [m for p in _SESSIONS if " session" in flat and (m := p.search(flat))]
    if sessions:
        found["session"] = min(sessions, key=lambda match: match.start()).group(0)
        if number := session_number(found["session"]):
            found["session_number"] = number
    if ("Agenda item" in flat or "Point" in flat) and (match := _AGENDA.search(flat)):
        found["agenda_item"] = match.group(1) or match.group(2)
    return found


# --- What any text keeps between paragraphs -----------------------------------------

_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
_JOB_NUMBER = re.compile(r"^\s*(?:GE\.)?\d{2}-\d{4,6}\s*\([A-Z]\)(?:\s+\d{6})?(?:\s+\d{6})?\s*$")
_BARCODE = re.compile(r"^\s*\*\d{6,}\*\s*$")
_RECYCLE_LINE = re.compile(r"^\s*(?:Please recycle|Merci de recycler)\b.*$", re.I)
_RULE = re.compile(r"^[_\u2014\u2013-]{5,}$")  # the rule above a page's footnotes
#: The patterns above that a stripped line opening with a digit, or with another
#: character, may match.
_RESIDUE_AFTER_DIGIT = (_PAGE_NUMBER, _JOB_NUMBER)
_RESIDUE_AFTER = {
    "-": (_PAGE_NUMBER, _RULE),
    "G": (_JOB_NUMBER,),
    "*": (_BARCODE,),
    **dict.fromkeys("PpMm", (_RECYCLE_LINE,)),
    **dict.fromkeys("_\u2014\u2013", (_RULE,)),
}


def is_page_number(line: str) -> bool:
    """Tell whether a line is a bare page number ("12", "- 3 -")."""
    s = line.strip()
    # one opens with a digit or a dash: a line of prose is spared the pattern
    return (s[:1] == "-" or s[:1].isdigit()) and bool(_PAGE_NUMBER.match(s))


def is_page_residue(line: str, *, symbol: str, title: str) -> bool:
    """Tell whether a line of any resolution text is what a page left behind, not text.

    Unlike :func:`is_furniture`, which reads a printed layout known to have a
    masthead, this applies to every text: a form feed, a page or job number, a
    barcode, a recycling note, the rule above footnotes, a line holding only
    the symbol, or one repeating the whole title.

    >>> is_page_residue("- 3 -", symbol="", title="")
    True
    >>> is_page_residue("A/RES/55/ 109", symbol="A/RES/55/109", title="")
    True
    """
    s = line.strip()
    first = s[:1]
    # Each pattern is tried only on a line opening as it can: most lines are spared them all.
    for pattern in _RESIDUE_AFTER_DIGIT if first.isdigit() else _RESIDUE_AFTER.get(first, ()):
        if pattern.match(s):
            return True
    # The line is the symbol or the title only if it opens as it does: the
    # spaces of the others are evened out only then.
    bare = symbol.replace(" ", "")
    if symbol and s[:1] == bare[:1] and "".join(s.split()) == bare:
        return True
    long_title = len(title) > 20
    return long_title and s[:1] == title[:1] and " ".join(s.split()) == title
