"""The part of a resolution before its first paragraph: who adopted it, its symbol, title and date.

A resolution opens with its body line ("L’Assemblée générale," / "The Security
Council,"); what stands above it is heading and masthead, and is metadata, never
paragraphs. The symbol is read from the text first (a line holding only the
symbol, as page headers and mastheads do, or the title number "55/109." read
with the body line); the file name is only a fallback, so renaming a file never
changes what the text says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .bodies import body_by_code
from .dates import DATE, iso_date
from .symbols import is_symbol, symbol_re

__all__ = ["Header", "body_line", "parse_header", "symbol_from_filename", "with_masthead"]


def _body(name: str, article: str) -> re.Pattern[str]:
    # "The Security Council," / "Therefore the Security Council," / "The Security
    # Council" (old texts drop the comma); a bare "Security Council" is a masthead.
    return re.compile(
        rf"^(?:(?:Therefore,?\s+|Par\s+conséquent,?\s+)?{article}\s*{name}\s*[,.:]?|{name}\s*,)$",
        re.I,
    )


_BODY_LINES: list[tuple[re.Pattern[str], str, str]] = [
    (_body(r"Assembl[ée]e\s+g[ée]n[ée]rale", r"L[’'ʼ]\s?"), "GA", "fr"),
    (_body(r"Conseil\s+de\s+s[ée]curit[ée]", "Le"), "SC", "fr"),
    (_body(r"Conseil\s+[ée]conomique\s+et\s+social", "Le"), "ECOSOC", "fr"),
    (_body(r"Conseil\s+des\s+droits\s+de\s+l[’'ʼ]\s?homme", "Le"), "HRC", "fr"),
    (_body(r"General\s+Assembly", "The"), "GA", "en"),
    (_body(r"Security\s+Council", "The"), "SC", "en"),
    (_body(r"Economic\s+and\s+Social\s+Council", "The"), "ECOSOC", "en"),
    (_body(r"Human\s+Rights\s+Council", "The"), "HRC", "en"),
]

_DATE = re.compile(rf"\b{DATE}\b", re.I)
_ADOPTED = re.compile(
    r"(?:adopted|adopt[ée]e?|resolution adopted|of|du|on|le)\b[^\n]{0,80}?" + _DATE.pattern, re.I
)
# "55/109.", "ES-8/2.", "2014/36." and, before 1976, "1514 (XV)."
_TITLE_NUMBER = re.compile(r"^\s*((?:E?S-)?\d{1,4}/\d{1,4}|\d{1,4}\s?\([IVXLC]+\))\s*\.\s+(.*)$")
_SC_HEADING = re.compile(r"^\s*R[ée]solution\s+(\d{1,5})\s*\((\d{4})\)\s*$", re.I)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True)
class Header:
    """What the heading of a resolution says about it; empty strings where it says nothing."""

    symbol: str = ""
    number: str = ""
    title: str = ""
    body: str = ""
    language: str = ""
    adopted: str = ""
    session: str = ""
    year: int | None = None


def body_line(line: str) -> tuple[str, str] | None:
    """Return ``(body code, language)`` for a body line such as "L’Assemblée générale,"."""
    stripped = " ".join(line.split())
    for pattern, body, lang in _BODY_LINES:
        if pattern.match(stripped):
            return body, lang
    return None


def _roman(text: str) -> int:
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN[b] > v else v
    return total


def symbol_from_filename(name: str) -> str:
    """Read a symbol spelled in a file name (``A_RES_55_109.fr.txt``), or return ``""``.

    >>> symbol_from_filename("S_RES_0242_1967_EN_GOLD.txt")
    'S/RES/242 (1967)'
    >>> symbol_from_filename("A_RES_55_109.fr.txt"), symbol_from_filename("notes.txt")
    ('A/RES/55/109', '')
    >>> symbol_from_filename("A_RES_217_A_III.fr.html"), symbol_from_filename("A_RES_1514_XV.txt")
    ('A/RES/217 A (III)', 'A/RES/1514 (XV)')
    """
    stem = name.split(".")[0].upper()
    m = re.match(r"^S_RES_0*(\d+)_(\d{4})(?:_|$)", stem)
    if m:
        return f"S/RES/{m.group(1)} ({m.group(2)})"
    m = re.match(r"^(A_HRC|A|E)_RES_((?:E?S-)?\d+)_(\d+)(?:_|$)", stem)
    if m:
        return f"{m.group(1).replace('_', '/')}/RES/{m.group(2)}/{m.group(3)}"
    # Before 1976: "A_RES_217_A_III" is A/RES/217 A (III), "A_RES_1514_XV" A/RES/1514 (XV).
    m = re.match(r"^A_RES_(\d+)(?:_([A-Z]))?_([IVXLC]+)(?:_|$)", stem)
    if m:
        letter = f" {m.group(2)}" if m.group(2) else ""
        return f"A/RES/{m.group(1)}{letter} ({m.group(3)})"
    return ""


def session_and_year(symbol: str) -> tuple[str, int | None]:
    """Derive the session and, failing a date, the year from a symbol.

    General Assembly session N opened in 1945 + N, and most of its resolutions
    are adopted that year; the adoption date, when the text gives one, wins.
    """
    m = re.search(r"\((\d{4})\)", symbol)
    if m:
        return "", int(m.group(1))
    m = re.search(r"\(([IVXLC]+)\)", symbol)
    if m:
        roman = _roman(m.group(1))
        return str(roman), 1945 + roman
    m = re.match(r"^A/(?:HRC/)?RES/((?:E?S-)?\d{1,3})/\d+$", symbol)
    if m:
        session = m.group(1)
        if session.isdigit() and not symbol.startswith("A/HRC/"):
            return session, 1945 + int(session)
        return session, None
    m = re.match(r"^E/RES/(\d{4})/\d+$", symbol)
    if m:
        return "", int(m.group(1))
    return "", None


_MASTHEAD_NAME = re.compile(r"^(?:United Nations|Nations Unies)\s+")


def _text_symbol(lines: list[str]) -> str:
    """Find the symbol a page header or masthead spells on a line of its own."""
    counts: dict[str, int] = {}
    for line in lines:
        if "/" not in line:  # every symbol has one; most lines have none
            continue
        stripped = _MASTHEAD_NAME.sub("", line.strip())
        m = symbol_re().fullmatch(stripped)
        if m and is_symbol(stripped) and "/RES/" in stripped.upper():
            counts[stripped] = counts.get(stripped, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else ""


def _title_and_numbers(head: list[str]) -> tuple[list[str], str, str]:
    """Return the title's lines, the title number ("55/109") and a Security Council heading's."""
    title_lines: list[str] = []
    number = ""
    sc_number = ""
    for i, line in enumerate(head):
        m = _TITLE_NUMBER.match(line)
        if m and not number:
            number, rest = m.group(1), m.group(2).strip()
            title_lines = [rest]
            for more in head[i + 1 :]:
                if not more.strip():
                    break
                title_lines.append(more.strip())
        m2 = _SC_HEADING.match(line)
        if m2 and not sc_number:
            sc_number = f"{m2.group(1)} ({m2.group(2)})"
    return title_lines, number, sc_number


def _adopted(head: list[str]) -> str:
    """Return the adoption date the heading lines give (ISO), or ``""``."""
    head_text = "\n".join(head)
    m = _ADOPTED.search(head_text) or _DATE.search(head_text)
    d = _DATE.search(m.group(0)) if m else None
    return iso_date(*d.groups()) if d else ""


def parse_header(
    head: list[str], all_lines: list[str], body: str, language: str, filename: str
) -> Header:
    """Read the metadata from the heading lines (those above the body line)."""
    title_lines, number, sc_number = _title_and_numbers(head)
    symbol = _text_symbol(all_lines)
    if not symbol and body and (number or sc_number):
        prefix = body_by_code(body).series
        symbol = prefix + (sc_number if body == "SC" and sc_number else number or sc_number)
    if not symbol:
        symbol = symbol_from_filename(filename)
    if not number and symbol:
        m = re.search(r"/RES/(.+)$", symbol)
        number = m.group(1) if m else symbol
    title = " ".join(" ".join(title_lines).split())
    if not title and sc_number:
        title = ("Résolution " if language == "fr" else "Resolution ") + sc_number
    adopted = _adopted(head)
    session, year = session_and_year(symbol)
    if adopted:
        year = int(adopted[:4])
    return Header(
        symbol=symbol,
        number=number,
        title=title,
        body=body_by_code(body).name if body else "",
        language=language,
        adopted=adopted,
        session=session,
        year=year,
    )


def with_masthead(header: Header, head: dict[str, str]) -> Header:
    """Return ``header`` with what a printed masthead says (:func:`~resolu.corpus.layout.masthead`).

    The masthead's symbol and adoption date are the ones the UN printed on the
    first page, so they win over what the heading lines suggest.
    """
    if not head:
        return header
    symbol = head.get("symbol") or header.symbol
    number = header.number
    if symbol != header.symbol:
        m = re.search(r"/RES/(.+)$", symbol)
        number = m.group(1) if m else symbol
    adopted = head.get("adopted") or header.adopted
    session, year = session_and_year(symbol)
    return replace(
        header,
        symbol=symbol,
        number=number,
        title=header.title or head.get("title", ""),
        adopted=adopted,
        session=header.session or session,
        year=int(adopted[:4]) if adopted else header.year or year,
    )
