"""Read the symbols a paragraph cites, as resolutions write them, in French and English.

Full symbols are taken as written (``A/CONF.157/24``, ``E/CN.4/2000/2``,
``S/RES/242 (1967)``). Resolution numbers are read after one
"résolution(s)"/"resolution(s)" (or "décision(s)"/"decision(s)"), in lists and
ranges (``53/199 … et 61/185``, ``1325 (2000), 1820 (2008) et 2242 (2015)``,
``2722 (2024), and 2739 (2024)``), a date or a short clause allowed after each
number. The organ named before the word ("Security Council resolutions",
"General Assembly resolution"), after the numbers ("… du Conseil de sécurité",
"… of the Human Rights Council") or, for "its"/"sa"/"ses", the citing body
decides the series:

* ``1325 (2000)``: the Security Council, ``S/RES/1325 (2000)``;
* ``53/199``: the General Assembly (``A/RES/53/199``), or the Human Rights
  Council (``A/HRC/RES/28/1``) where named or citing;
* ``2014/36``: the Economic and Social Council where named or citing
  (``E/RES/2014/36``), else kept bare (commissions number theirs alike);
* before 1976, ``217 A (III)`` and ``1514 (XV)``: the General Assembly
  (``A/RES/217 A (III)``), or the Economic and Social Council where named;
* decisions are apart: ``A/DEC/55/488``, ``E/DEC/2014/201``, ``A/HRC/DEC/28/115``.

A number whose organ is another one (a commission, a conference) is kept as
printed, so ``cites:2000/70`` still finds it.

>>> cited_symbols("Rappelant ses résolutions 53/199 du 15 décembre 1998 et 61/185", series="A")
('A/RES/53/199', 'A/RES/61/185')
>>> cited_symbols("les résolutions du Conseil de sécurité 1325 (2000), 1820 (2008) et 2242 (2015)")
('S/RES/1325 (2000)', 'S/RES/1820 (2008)', 'S/RES/2242 (2015)')
>>> cited_symbols("Résolution 217 A (III).", series="A")
('A/RES/217 A (III)',)
"""

from __future__ import annotations

import re

from .symbols import is_symbol, symbol_re

__all__ = ["cited_symbols", "printed_number"]

_APOS = "[’'ʼ]"
#: Organ names -> the prefix of their symbols; "" for organs whose numbers stay bare.
_ORGANS: tuple[tuple[str, str], ...] = (
    (r"Security\s+Council|Conseil\s+de\s+s[ée]curit[ée]", "S"),
    (rf"Human\s+Rights\s+Council|Conseil\s+des\s+droits\s+de\s+l{_APOS}\s?homme", "A/HRC"),
    (r"Economic\s+and\s+Social\s+Council|Conseil\s+[ée]conomique\s+et\s+social|ECOSOC", "E"),
    (r"General\s+Assembly|Assembl[ée]e\s+g[ée]n[ée]rale|Assembly|Assembl[ée]e", "A"),
    # Other organs number their resolutions too: their numbers stay as printed.
    (
        r"(?:Sub-)?Commission|Sous-Commission|Conference|Conf[ée]rence|Governing\s+Council"
        r"|Conseil\s+d{_APOS}administration|Board|Conseil\s+ex[ée]cutif|Executive|Comit[ée]"
        r"|Committee|Trusteeship\s+Council|Conseil\s+de\s+tutelle|World\s+Health\s+Assembly|Assembl[ée]e\s+mondiale|UNESCO|OMS|WHO",
        "",
    ),
)
_ORGAN = "|".join(f"(?:{pattern})" for pattern, _ in _ORGANS)

_ROMAN = r"[IVXLC]+"
#: One resolution number: ``53/199``, ``ES-10/2``, ``1325 (2000)``, ``217 A (III)``, ``1514 (XV)``.
_NUMBER = (
    r"(?:(?:E?S-)?\d{1,4}/\d{1,4}(?![\w/])|\d{1,4}\s?\(\d{4}\)"
    rf"|\d{{1,4}}(?:\s?[A-Z](?:\s?et\s?[A-Z]|\s?and\s?[A-Z])?)?\s?\({_ROMAN}\)"
    # a bare number ("resolution 1325 du Conseil de sécurité"): kept only for the Council
    r"|\d{1,4}(?![\w/(]|\s?\())"
)
_DATE = (
    r"(?:\s*,?\s*(?:du|of|de|dated|en\s+date\s+du|adopted\s+on|adoptée?s?\s+le)\s+"
    r"(?:\d{1,2}(?:er)?,?\s+)?[^\W\d_]+(?:\s+\d{4})?)"
)
#: What may stand between two numbers of one list, a date included.
_SEPARATOR = (
    rf"{_DATE}?\s*(?:,\s*(?:and|et)\s+|,|;|\s(?:and|et|as\s+well\s+as|ainsi\s+que)\s"
    r"|\s*(?:to|à|through|au|-|–)\s)\s*"
)
_RANGE = re.compile(r"^\s*(?:to|à|through|au|-|–)\s*$")
_WORD = re.compile(
    rf"\b(?P<word>[Rr][ée]solutions?|R[ÉE]SOLUTIONS?|[Dd][ée]cisions?|D[ÉE]CISIONS?)"
    rf"(?P<organ>\s+(?:du|de\s+l{_APOS}\s?|de\s+la|of\s+the)\s*(?:{_ORGAN}))?"
    rf"(?:\s+(?:nos?\.?|n°|nos|Nos\.?))?\s+(?P<list>{_NUMBER}(?:{_SEPARATOR}{_NUMBER})*)"
)
#: What each of _WORD's words holds ("résolutions", "DECISION"...).
_WORD_STEMS = ("solution", "SOLUTION", "cision", "CISION")
_ONE = re.compile(rf"({_NUMBER}){_DATE}?")
_BEFORE = re.compile(
    rf"(?P<organ>{_ORGAN})\s*(?:{_APOS}s)?\s*,?\s*(?:(?:dans|in|par)\s+)?(?:sa|ses|its|la|les)?\s*$",
    re.I,
)
#: Another organ named before the word, by a longer name ("Economic Commission for Latin
#: America and the Caribbean resolution 689 (XXXV)").
_OTHER_BEFORE = re.compile(
    r"\b(?:Commission|Conference|Committee|Board)(?:\s+(?:for|on|of|the|and|[A-Z][\w-]*)){0,8}\s*$"
)
_OWN = re.compile(r"\b(?:sa|ses|its|their|leurs?)\s*$", re.I)
_AFTER = re.compile(
    rf"{_DATE}?\s*,?\s*(?:du|de\s+l{_APOS}\s?|de\s+la|des|of\s+the|adopted\s+by\s+the"
    rf"|adopt[ée]e?s?\s+par\s+(?:l{_APOS}\s?|le|la))\s*(?P<organ>{_ORGAN})",
)
#: A full symbol of the old forms, spaced any way: "A/RES/217 A (III)", "A/RES/217(III) A".
_OLD_FULL = re.compile(
    rf"(?<![\w/])((?:A/HRC|A|E|S)/(?:RES|DEC)/)(\d{{1,4}}(?:\s?[A-Z])?\s?\((?:\d{{4}}|{_ROMAN})\)"
    r"(?:\s[A-Z](?![\w/]))?)"
)


#: How printed_number() and _symbol() read a number: "217(III) A", "217A (III)", "1325(2000)".
_LETTER_AFTER = re.compile(r"(\d+) ?\(([^)]+)\) ?([A-Z])")
_LETTER_BEFORE = re.compile(r"(?<=\d) ?([A-Z]) ?\(")
_GLUED_PARENTHESIS = re.compile(r"(?<=\d)\(")
_YEAR_AFTER = re.compile(r"\(\d{4}\)$")
_YEAR_FIRST = re.compile(r"^\d{4}/")
_SESSION_NUMBER = re.compile(r"(\d+)/(\d+)")
_ORGAN_PATTERNS = tuple((re.compile(pattern, re.I), prefix) for pattern, prefix in _ORGANS)
_ORGAN_ARTICLE = re.compile(rf"^\s*(?:du|de\s+l{_APOS}\s?|de\s+la|of\s+the)\s*")


def _prefix(organ_text: str) -> str | None:
    for pattern, prefix in _ORGAN_PATTERNS:
        if pattern.fullmatch(organ_text.strip()):
            return prefix
    return None


def _organ(text: str, m: re.Match[str], series: str) -> str | None:
    """Return the prefix of the organ a list of numbers belongs to; None when not named."""
    if m.group("organ"):
        return _prefix(_ORGAN_ARTICLE.sub("", m["organ"]))
    after = _AFTER.match(text, m.end())
    if after:
        return _prefix(after.group("organ"))
    before = text[max(0, m.start() - 80) : m.start()]
    named = _BEFORE.search(before)
    if named:
        return _prefix(named.group("organ"))
    if _OTHER_BEFORE.search(before):
        return ""
    if _OWN.search(before):
        return series or None
    return None


def printed_number(number: str) -> str:
    """Return a resolution number spaced as the UN prints it.

    >>> printed_number("217(III) A"), printed_number("1325(2000)"), printed_number("217A (III)")
    ('217 A (III)', '1325 (2000)', '217 A (III)')
    """
    number = " ".join(number.split())
    if "(" not in number:
        return number  # "1325", "53/199": each pattern below needs the parenthesis
    m = _LETTER_AFTER.fullmatch(number)
    if m:
        return f"{m[1]} {m[3]} ({m[2]})"
    number = _LETTER_BEFORE.sub(r" \1 (", number)
    return _GLUED_PARENTHESIS.sub(" (", number)


def _symbol(number: str, organ: str | None, *, decision: bool, series: str = "") -> str | None:
    """Return the symbol of one number read in a list of ``organ``'s resolutions or decisions."""
    number = printed_number(number)
    if number.isdigit():
        council = organ == "S" or (organ is None and series == "S")
        return f"S/RES/{number}" if council and not decision else None
    if _YEAR_AFTER.search(number):
        # only the Security Council numbers its resolutions "1325 (2000)"
        return f"S/RES/{number}" if organ != "" and not decision else number
    if organ is None:
        organ = _default_organ(number, series)
        if organ is None:
            return number
    year_first = _YEAR_FIRST.match(number)
    if organ == "" or (year_first and organ != "E"):
        return number
    if organ == "S":
        organ = "A"  # "resolution 60/1" in a Council text is the Assembly's
    return f"{organ}/{'DEC' if decision else 'RES'}/{number}"


def _default_organ(number: str, series: str) -> str | None:
    """Return the organ a number's form points to when the text names none."""
    if "(" in number:
        return "A"  # before 1976: "217 A (III)", "1514 (XV)"
    if _YEAR_FIRST.match(number):
        return None  # "2000/70": the Council's, or any commission's
    return series if series in ("A", "A/HRC") else "A"


def _numbers(listed: str) -> list[str]:
    """Return the numbers of a list, a range "N to M" of one session expanded."""
    out: list[str] = []
    last_end = 0
    for n in _ONE.finditer(listed):  # a number and its date: no day is read as a number
        between = listed[last_end : n.start()]
        prev = out[-1] if out else ""
        a, b = _SESSION_NUMBER.fullmatch(prev), _SESSION_NUMBER.fullmatch(n.group(1))
        if prev and _RANGE.match(between) and a and b and a[1] == b[1]:
            lo, hi = int(a[2]), int(b[2])
            if 0 < hi - lo <= 50:
                out.extend(f"{a[1]}/{k}" for k in range(lo + 1, hi))
        out.append(n.group(1))
        last_end = n.end(1)
    return out


def _full_symbols(text: str) -> list[tuple[int, str]]:
    """Return the full symbols written in ``text`` with their offsets."""
    if "/" not in text:  # both patterns need one; most paragraphs have none
        return []
    old = list(_OLD_FULL.finditer(text))
    found = [(m.start(), m[1] + printed_number(m[2])) for m in old]
    taken = {m.start() for m in old}
    for m in symbol_re().finditer(text):
        if is_symbol(m.group(0)) and m.start() not in taken:
            found.append((m.start(), m.group(0)))
    return found


def cited_symbols(text: str, *, series: str = "") -> tuple[str, ...]:
    """Return the symbols a paragraph cites, in order of first mention.

    ``series`` is the prefix of the citing body's symbols (``A``, ``S``, ``E``,
    ``A/HRC``): "sa résolution 54/181" in a General Assembly text cites
    ``A/RES/54/181``.

    >>> cited_symbols("Rappelant sa résolution 54/181 du 17 décembre 1999", series="A")
    ('A/RES/54/181',)
    """
    found = _full_symbols(text)
    # _WORD needs one of its words, in either case: most paragraphs have none.
    named = any(map(text.__contains__, _WORD_STEMS))
    for m in _WORD.finditer(text) if named else ():
        decision = m["word"].lower().startswith("d")
        organ = _organ(text, m, series)
        for number in _numbers(m.group("list")):
            symbol = _symbol(number, organ, decision=decision, series=series)
            if symbol:
                found.append((m.start("list"), symbol))
    if not found:
        return ()
    found.sort(key=lambda item: item[0])
    return tuple(dict.fromkeys(symbol for _, symbol in found))
