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

__all__ = ["article_label", "label", "reference"]


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
