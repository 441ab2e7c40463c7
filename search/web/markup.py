"""HTML fragments and URLs the templates need: highlighted text, links, anchors.

Every document text goes through :func:`markupsafe.escape` before a ``<mark>``
is put around a match, so a paragraph holding ``<script>`` shows it as text.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from ..citation import official_url

__all__ = ["anchor", "marked", "official_url", "resolution_url", "search_url"]


def marked(text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> Markup:
    """Return ``text`` escaped, with each ``(start, end)`` span in ``<mark>``.

    >>> str(marked("a <b> c", [(2, 5)]))
    'a <mark>&lt;b&gt;</mark> c'
    """
    out: list[str] = []
    last = 0
    for start, end in sorted(spans):
        start = max(start, last)
        if end <= start:
            continue
        out.append(escape(text[last:start]))
        out.append(Markup("<mark>%s</mark>") % text[start:end])
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)


def anchor(reference: str) -> str:
    """Return the paragraph's place in its resolution: the part after ``#``.

    >>> anchor("A/RES/55/109#op4.a")
    'op4.a'
    """
    return reference.partition("#")[2]


def resolution_url(symbol: str, *, query: str = "", lang: str = "", local: str = "") -> str:
    """Return the page of a resolution, optionally with the search to highlight and an anchor.

    >>> resolution_url("A/RES/217 A (III)", query="droit", local="art26.2")
    '/A/RES/217%20A%20%28III%29?q=droit#art26.2'
    """
    params = {k: v for k, v in (("q", query), ("lang", lang)) if v}
    url = "/" + quote(symbol, safe="/")
    if params:
        url += "?" + urlencode(params)
    return url + (f"#{quote(local, safe='.')}" if local else "")


def search_url(query: str, *, page: int = 1, **extra: str) -> str:
    """Return the search page for ``query`` at ``page``."""
    params = {"q": query, **{k: v for k, v in extra.items() if v}}
    if page > 1:
        params["page"] = str(page)
    return "/?" + urlencode(params)
