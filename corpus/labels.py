"""Canonical references and human labels, as the UN cites paragraphs.

A reference is ``SYMBOL#LOCAL``: ``pp1`` (first preambular paragraph), ``op4``,
``op4.a``, ``op4.a.ii`` (sub-paragraphs), ``fn1`` (footnote), ``ann1.op2``
(paragraph 2 of the first annex). Labels follow UN usage in the resolution's
language: ``A/RES/55/109, préambule, 1er alinéa``, ``A/RES/55/109, par. 4 a)``;
``S/RES/242 (1967), preambular paragraph 1``, ``paragraph 2 (a)``. The articles
of a declaration are ``art1`` and ``art26.2`` (paragraph 2 of article 26), cited
``A/RES/217 A (III), article 26, par. 2`` (``article 26, paragraph 2``).
"""

from __future__ import annotations

import re

from .symbols import read_symbol

__all__ = ["article_label", "label", "read_label", "read_local", "reference"]


def reference(symbol: str, local: str) -> str:
    """Join a symbol and a local paragraph id into a canonical reference."""
    return f"{symbol}#{local}"


def _fr_ordinal(n: str) -> str:
    return "1er" if n == "1" else f"{n}e"


def label(symbol: str, kind: str, number: str, language: str, *, annex: str = "") -> str:
    """Return the human label of a paragraph in the resolution's language.

    >>> label("A/RES/55/109", "preambular", "1", "fr")
    'A/RES/55/109, préambule, 1er alinéa'
    >>> label("A/RES/55/109", "subparagraph", "4.a.ii", "fr")
    'A/RES/55/109, par. 4 a) ii)'
    >>> label("S/RES/242 (1967)", "subparagraph", "2.a", "en")
    'S/RES/242 (1967), paragraph 2 (a)'
    """
    fr = language == "fr"
    head, *subs = number.split(".")
    sub = "".join(f" {s})" if fr else f" ({s})" for s in subs)
    prefix = f"{symbol}, "
    if annex:
        prefix += (
            (f"annexe {annex}, " if annex != "1" else "annexe, ")
            if fr
            else (f"annex {annex}, " if annex != "1" else "annex, ")
        )
    if kind == "preambular":
        text = f"préambule, {_fr_ordinal(head)} alinéa" if fr else f"preambular paragraph {head}"
    elif kind == "footnote":
        text = f"note {head}" if fr else f"footnote {head}"
    elif kind == "line":
        text = f"ligne {head}" if fr else f"line {head}"
    elif kind == "annex" and not head.isdigit():
        text = f"{_fr_ordinal(head[1:])} alinéa" if fr else f"paragraph {head[1:]} (unnumbered)"
    else:
        text = f"par. {head}{sub}" if fr else f"paragraph {head}{sub}"
    return prefix + text


def article_label(symbol: str, number: str, language: str) -> str:
    """Return the label of an article of a declaration, or of a numbered paragraph in it.

    >>> article_label("A/RES/217 A (III)", "1", "fr")
    'A/RES/217 A (III), article 1'
    >>> article_label("A/RES/217 A (III)", "26.2", "fr")
    'A/RES/217 A (III), article 26, par. 2'
    >>> article_label("A/RES/217 A (III)", "26.2", "en")
    'A/RES/217 A (III), article 26, paragraph 2'
    """
    fr = language == "fr"
    article, *parts = number.split(".")
    text = f"{symbol}, article {article}"
    if parts:
        head, *subs = parts
        sub = "".join(f" {s})" if fr else f" ({s})" for s in subs)
        text += f", par. {head}{sub}" if fr else f", paragraph {head}{sub}"
    return text


# ---------------------------------------------------------------- reading labels back

_SUBS = r"(?P<subs>(?:\s*\(?[a-z0-9]{1,5}\))*)"
_ORDINAL = r"(?P<n>\d+)\s*(?:er|re|e|ème|eme|ᵉ|st|nd|rd|th)?"
#: What follows the symbol in a label, French and English, each with its local id.
_LOCALS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), local)
    for pattern, local in (
        (rf"(?:préambule|preambule),?\s*{_ORDINAL}\s*alinéa", "pp"),
        (rf"{_ORDINAL}\s*alinéa\s*(?:du\s*)?(?:préambule|preambule)", "pp"),
        (r"preambular\s+paragraph\s+(?P<n>\d+)", "pp"),
        (rf"{_ORDINAL}\s*alinéa", "pp"),
        (r"paragraph\s+(?P<n>\d+)\s+\(unnumbered\)", "pp"),
        (rf"{_ORDINAL}\s+preambular\s+paragraph", "pp"),
        (r"(?:foot)?note\s+(?P<n>\d+)", "fn"),
        (r"(?:ligne|line)\s+(?P<n>\d+)", "l"),
        (rf"article\s+(?P<n>\d+)(?:,?\s*par(?:agraph|agraphe|\.)?\s*(?P<p>\d+){_SUBS})?", "art"),
        (rf"(?:par(?:agraph|agraphe|\.)?|§|op)\s*(?P<n>\d+){_SUBS}", "op"),
    )
)
_ANNEX = re.compile(r"annexe?(?:\s+(?P<a>[IVXLC\d]+))?,\s*", re.IGNORECASE)


def _subs(text: str) -> list[str]:
    return [s.lower() for s in re.findall(r"\(?([a-z0-9]{1,5})\)", text or "", re.IGNORECASE)]


def read_local(text: str) -> tuple[str, ...]:
    """Return the local ids a label's paragraph part may stand for, most likely first.

    A label does not always say which part a sub-paragraph belongs to
    (``par. 4 a)`` is the operative paragraph's, or a preambular one's), so
    several ids may come back; the index holds at most one of them.

    >>> read_local("préambule, 8e alinéa"), read_local("paragraph 1 (a)")
    (('pp8',), ('op1.a', 'pp1.a'))
    >>> read_local("annexe, par. 2"), read_local("article 26, par. 2")
    (('ann1.op2',), ('art26.2',))
    """
    annex = ""
    if m := _ANNEX.match(text.strip()):
        annex = f"ann{_annex_number(m['a'] or '1')}."
        text = text.strip()[m.end() :]
    for pattern, kind in _LOCALS:
        m = pattern.fullmatch(text.strip().rstrip("."))
        if not m:
            continue
        n = m["n"]
        if kind == "art":
            parts = [n] + ([m["p"], *_subs(m["subs"])] if m["p"] else [])
            return (f"art{'.'.join(parts)}",)
        if kind != "op":
            return (f"{annex}{kind}{n}",)
        number = ".".join([n, *_subs(m["subs"])])
        if "." not in number:
            return (f"{annex}op{number}",)
        return (f"{annex}op{number}", f"{annex}pp{number}")
    return ()


def _annex_number(text: str) -> str:
    """Return an annex's number in a reference (``ann2``) from ``2`` or ``II``."""
    if text.isdigit():
        return text
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, c in enumerate(text.upper()):
        v = values[c]
        total += -v if i + 1 < len(text) and values[text[i + 1].upper()] > v else v
    return str(total)


def read_label(text: str) -> tuple[str, tuple[str, ...]] | None:
    """Split a printed label into its symbol and the local ids it may stand for, or None.

    >>> read_label("A/RES/55/109, par. 4")
    ('A/RES/55/109', ('op4',))
    >>> read_label("S/RES/242 (1967), paragraph 1 (a)")
    ('S/RES/242 (1967)', ('op1.a', 'pp1.a'))
    >>> read_label("A/RES/55/109#op4") is None
    True
    """
    symbol, sep, rest = text.partition(",")
    if not sep or "#" in text or read_symbol(symbol) is None:
        return None
    locals_ = read_local(rest)
    return (symbol.strip(), locals_) if locals_ else None
