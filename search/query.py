"""The query language: parse what a user types into a tree, then into Whoosh queries.

Grammar (operators in English or French, upper case)::

    query   := or ( ("OR" | "OU") or )*
    or      := and ( ["AND" | "ET"] and )*          adjacent terms: all must match
    and     := ("NOT" | "SAUF" | "-") and | primary
    primary := "(" query ")" | '"phrase"' | field ":" value | word | prefix "*"

Fields: ``symbol:`` ``body:`` ``session:`` ``year:`` (``year:1999..2001``)
``kind:`` ``lang:`` ``cites:``. Malformed input raises :class:`QuerySyntaxError`
with the column at fault; it is never silently turned into another query.

The tree is compiled once per language of the index (French and English text
live in their own fields with their own analysis) and the per-language queries
are OR-ed: a stop word is dropped from the French query but a French
paragraph is still required to hold every other word. Terms come out of the
schema's own analyzers (``field.process_text``), never from hand folding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from resolu.index.analysis import field_analyzer
from resolu.index.errors import QuerySyntaxError
from resolu.index.schema import LANGUAGES, text_field, title_field
from unidecode import unidecode
from whoosh import query as wq
from whoosh.fields import Schema

__all__ = ["FIELDS", "Compiled", "Node", "compile_query", "parse", "phrase_words"]

#: Field filters and what each accepts; shown in error messages and --help.
FIELDS = {
    "symbol": "a symbol or number: symbol:A/RES/55/109, symbol:55/109",
    "body": "the adopting body: body:AG, body:GA, body:CS, body:SC, body:ECOSOC, body:HRC",
    "session": "a General Assembly session: session:55",
    "year": "a year or a range: year:2000, year:1999..2001",
    "kind": "kind:operative (dispositif), kind:preambular (préambule), kind:subparagraph, "
    "kind:footnote (note), kind:annex, kind:line",
    "lang": "lang:fr or lang:en",
    "cites": "resolutions cited: cites:54/181, cites:A/RES/54/181",
}

_KIND_ALIASES = {
    "operative": "operative",
    "dispositif": "operative",
    "op": "operative",
    "preambular": "preambular",
    "preambule": "preambular",
    "pp": "preambular",
    "preamble": "preambular",
    "alinea": "preambular",
    "subparagraph": "subparagraph",
    "sous-paragraphe": "subparagraph",
    "sub": "subparagraph",
    "footnote": "footnote",
    "note": "footnote",
    "fn": "footnote",
    "annex": "annex",
    "annexe": "annex",
    "line": "line",
    "ligne": "line",
}
_BODY_ALIASES = {
    "General Assembly": (
        "ga",
        "ag",
        "a",
        "assembly",
        "general assembly",
        "assemblee generale",
        "assemblee",
    ),
    "Security Council": ("sc", "cs", "s", "security council", "conseil de securite", "security"),
    "Economic and Social Council": (
        "ecosoc",
        "e",
        "economic and social council",
        "conseil economique et social",
    ),
    "Human Rights Council": ("hrc", "cdh", "human rights council", "conseil des droits de l'homme"),
}
_LANG_ALIASES = {
    "fr": "fr",
    "french": "fr",
    "francais": "fr",
    "en": "en",
    "english": "en",
    "anglais": "en",
}
_OPERATORS = {"AND": "AND", "ET": "AND", "OR": "OR", "OU": "OR", "NOT": "NOT", "SAUF": "NOT"}


# ---------------------------------------------------------------- the tree


@dataclass(frozen=True)
class Node:
    """A node of the parsed query: ``op`` is word, phrase, prefix, field, and, or, not."""

    op: str
    text: str = ""
    name: str = ""
    children: tuple[Node, ...] = ()
    pos: int = 0


# ---------------------------------------------------------------- lexing

_LEX = re.compile(
    r"""\s*(?:
        (?P<lparen>\()
      | (?P<rparen>\))
      | (?P<field>[A-Za-z_]+):(?P<fvalue>"[^"]*"?|[^\s()"]+)?
      | (?P<phrase>"[^"]*"?)
      | (?P<word>-?[^\s()"]+)
    )""",
    re.VERBOSE,
)


@dataclass
class _Tok:
    kind: str
    text: str
    pos: int
    name: str = ""


def _lex(q: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i = 0
    while i < len(q):
        if q[i].isspace():
            i += 1
            continue
        m = _LEX.match(q, i)
        if not m or m.end() == i:  # pragma: no cover - the word branch matches anything else
            raise QuerySyntaxError(f"unexpected character {q[i]!r}", q, i)
        start = i
        kind = m.lastgroup
        if kind == "fvalue":
            kind = "field"
        if kind == "lparen":
            toks.append(_Tok("(", "(", start))
        elif kind == "rparen":
            toks.append(_Tok(")", ")", start))
        elif kind == "field":
            name = m.group("field")
            value = m.group("fvalue")
            if value is None:
                raise QuerySyntaxError(f"field '{name}:' has no value", q, start)
            if value.startswith('"'):
                if len(value) < 2 or not value.endswith('"'):
                    raise QuerySyntaxError(
                        "unbalanced quote: this phrase is never closed", q, m.start("fvalue")
                    )
                value = value[1:-1]
            toks.append(_Tok("field", value, start, name=name))
        elif kind == "phrase":
            text = m.group("phrase")
            if len(text) < 2 or not text.endswith('"'):
                raise QuerySyntaxError("unbalanced quote: this phrase is never closed", q, start)
            toks.append(_Tok("phrase", text[1:-1], start))
        else:
            word = m.group("word")
            if word in _OPERATORS:
                toks.append(_Tok(_OPERATORS[word], word, start))
            elif word.startswith("-") and len(word) > 1:
                toks.append(_Tok("NOT", "-", start))
                toks.append(_Tok("word", word[1:], start + 1))
            else:
                toks.append(_Tok("word", word, start))
        i = m.end()
    # "-" glued to a phrase or a parenthesis: -"a b", -(a OR b)
    out: list[_Tok] = []
    for t in toks:
        if t.kind == "word" and t.text == "-":
            out.append(_Tok("NOT", "-", t.pos))
        else:
            out.append(t)
    return out


# ---------------------------------------------------------------- parsing


class _Parser:
    def __init__(self, q: str) -> None:
        self.q = q
        self.toks = _lex(q)
        self.i = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def parse(self) -> Node:
        if not self.toks:
            raise QuerySyntaxError("empty query", self.q, 0)
        node = self.or_()
        t = self.peek()
        if t is not None:
            if t.kind == ")":
                raise QuerySyntaxError("unbalanced parenthesis: ')' closes nothing", self.q, t.pos)
            raise QuerySyntaxError(f"unexpected {t.text!r}", self.q, t.pos)  # pragma: no cover
        return node

    def or_(self) -> Node:
        parts = [self.and_()]
        while (t := self.peek()) is not None and t.kind == "OR":
            self.take()
            if self.peek() is None or self.peek().kind == ")":  # type: ignore[union-attr]
                raise QuerySyntaxError(f"'{t.text}' needs something after it", self.q, t.pos)
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else Node("or", children=tuple(parts), pos=parts[0].pos)

    def and_(self) -> Node:
        parts = [self.unary()]
        while (t := self.peek()) is not None and t.kind not in ("OR", ")"):
            if t.kind == "AND":
                self.take()
                nxt = self.peek()
                if nxt is None or nxt.kind in ("OR", ")", "AND"):
                    raise QuerySyntaxError(f"'{t.text}' needs something after it", self.q, t.pos)
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else Node("and", children=tuple(parts), pos=parts[0].pos)

    def unary(self) -> Node:
        t = self.peek()
        if t is None:  # pragma: no cover - callers check
            raise QuerySyntaxError("query ends too early", self.q, len(self.q))
        if t.kind == "NOT":
            self.take()
            if self.peek() is None or self.peek().kind in ("OR", "AND", ")"):  # type: ignore[union-attr]
                raise QuerySyntaxError(f"'{t.text}' needs something after it", self.q, t.pos)
            return Node("not", children=(self.unary(),), pos=t.pos)
        return self.primary()

    def primary(self) -> Node:
        t = self.take()
        if t.kind == "(":
            if self.peek() is None:
                raise QuerySyntaxError("unbalanced parenthesis: '(' is never closed", self.q, t.pos)
            if self.peek().kind == ")":  # type: ignore[union-attr]
                raise QuerySyntaxError("empty parentheses", self.q, t.pos)
            node = self.or_()
            close = self.peek()
            if close is None or close.kind != ")":
                raise QuerySyntaxError("unbalanced parenthesis: '(' is never closed", self.q, t.pos)
            self.take()
            return node
        if t.kind == ")":
            raise QuerySyntaxError("unbalanced parenthesis: ')' closes nothing", self.q, t.pos)
        if t.kind in ("AND", "OR"):
            raise QuerySyntaxError(f"'{t.text}' needs something before it", self.q, t.pos)
        if t.kind == "phrase":
            if not t.text.strip():
                raise QuerySyntaxError("empty phrase", self.q, t.pos)
            return Node("phrase", text=t.text, pos=t.pos)
        if t.kind == "field":
            name = t.name.lower()
            if name not in FIELDS:
                raise QuerySyntaxError(
                    f"unknown field '{t.name}:' (known: {', '.join(FIELDS)})", self.q, t.pos
                )
            return Node("field", text=t.text, name=name, pos=t.pos)
        text = t.text
        if text.endswith("*"):
            stem = text.rstrip("*")
            if len(stem) < 2 or "*" in stem:
                raise QuerySyntaxError(
                    "a prefix needs at least two letters before '*'", self.q, t.pos
                )
            return Node("prefix", text=stem, pos=t.pos)
        return Node("word", text=text, pos=t.pos)


def parse(q: str) -> Node:
    """Parse a query string into a :class:`Node` tree, or raise :class:`QuerySyntaxError`."""
    return _Parser(q).parse()


# ---------------------------------------------------------------- compiling


@dataclass
class Compiled:
    """Whoosh queries for one user query, with what highlighting needs to know."""

    query: wq.Query
    #: (field, term) pairs the user asked for (not negated), for highlighting.
    terms: set[tuple[str, str]] = field(default_factory=set)
    #: Folded prefixes per field.
    prefixes: set[tuple[str, str]] = field(default_factory=set)
    #: Exact phrases as lists of exact-field terms.
    phrases: list[list[str]] = field(default_factory=list)
    #: The same query with plain words OR-ed, for the partial-match fallback;
    #: None unless the query is two or more plain words.
    partial: wq.Query | None = None


_TITLE_BOOST = 0.3


def _any(queries: list[wq.Query]) -> wq.Query:
    return queries[0] if len(queries) == 1 else wq.Or(queries)


def _in_paragraph(make: Any, text_name: str, title_name: str, forms: list[str]) -> wq.Query:
    """Match a paragraph holding one of ``forms``; its title only adds to the score.

    ``make`` is the query class (``Term``, ``Prefix``) taking a field and a form.
    """
    return wq.AndMaybe(
        _any([make(text_name, f) for f in forms]),
        _any([make(title_name, f, boost=_TITLE_BOOST) for f in forms]),
    )


def phrase_words(schema: Schema, text: str) -> list[str]:
    """Return the exact-field words of a phrase, symbols broken into their parts.

    Symbols are matched by their parts (``54/181`` is ``54 181``), which the
    index holds at consecutive positions, so a phrase that runs through a
    symbol matches exactly where its words stand in the text.
    """
    return [t.text for t in field_analyzer(schema, "exact")(text, mode="index") if not t.symbol]


class _Compiler:
    def __init__(self, schema: Schema, q: str) -> None:
        self.schema = schema
        self.q = q
        self.out = Compiled(query=wq.NullQuery)
        self.stopped: list[str] = []

    def analyse(self, fieldname: str, text: str) -> list[list[str]]:
        """Return the query-time terms of ``text`` grouped by position (alternatives)."""
        groups: dict[int, list[str]] = {}
        for t in field_analyzer(self.schema, fieldname)(text, positions=True, mode="query"):
            groups.setdefault(t.pos, []).append(t.text)
        return [groups[p] for p in sorted(groups)]

    def word(self, node: Node, lang: str, negated: bool) -> wq.Query | None:
        tf, tt = text_field(lang), title_field(lang)
        groups = self.analyse(tf, node.text)
        if not groups:
            self.stopped.append(node.text)
            return None
        if not negated:
            self.out.terms.update((tf, term) for alts in groups for term in alts)
        conj = [_in_paragraph(wq.Term, tf, tt, alts) for alts in groups]
        return conj[0] if len(conj) == 1 else wq.And(conj)

    def phrase(self, node: Node, negated: bool) -> wq.Query:
        words = phrase_words(self.schema, node.text)
        if not words:
            raise QuerySyntaxError("this phrase has no searchable word", self.q, node.pos)
        if not negated:
            self.out.phrases.append(words)
            for w in words:
                self.out.terms.add(("exact", w))
        if len(words) == 1:
            return wq.Term("exact", words[0])
        return wq.Phrase("exact", words)

    def prefix(self, node: Node, lang: str, negated: bool) -> wq.Query | None:
        tf, tt = text_field(lang), title_field(lang)
        groups = field_analyzer(self.schema, tf)(node.text, mode="query")
        forms: set[str] = set()
        for t in groups:
            forms.add(getattr(t, "folded", "") or t.text)
            forms.add(t.text)
        if not forms:
            # A stop word as prefix ("les*"): fold it through the exact field instead.
            forms = {t.text for t in field_analyzer(self.schema, "exact")(node.text, mode="query")}
        if not forms:
            raise QuerySyntaxError("this prefix has no searchable letters", self.q, node.pos)
        if not negated:
            self.out.prefixes.update((tf, form) for form in forms)
        return _in_paragraph(wq.Prefix, tf, tt, sorted(forms))

    def field(self, node: Node) -> wq.Query:
        name, value = node.name, node.text.strip()
        folded = unidecode(value).lower().replace("’", "'")
        if name in ("symbol", "cites"):
            terms = [t.text for t in field_analyzer(self.schema, name)(value, mode="query")]
            if not terms:
                raise QuerySyntaxError(
                    f"'{value}' is not a symbol or a resolution number (e.g. {name}:54/181)",
                    self.q,
                    node.pos,
                )
            return wq.Term(name, terms[0])
        if name in ("kind", "lang"):
            table = _KIND_ALIASES if name == "kind" else _LANG_ALIASES
            canonical = table.get(folded)
            if canonical is None:
                raise QuerySyntaxError(
                    f"unknown {name} '{value}' ({FIELDS[name]})", self.q, node.pos
                )
            return wq.Term(name, canonical)
        if name == "body":
            for body, aliases in _BODY_ALIASES.items():
                if folded in aliases:
                    return wq.Term("body", body)
            raise QuerySyntaxError(f"unknown body '{value}' ({FIELDS['body']})", self.q, node.pos)
        if name == "session":
            return wq.Term("session", value.upper())
        # year
        m = re.fullmatch(r"(\d{4})(?:\.\.(\d{4}))?", value)
        if not m:
            raise QuerySyntaxError(
                f"'{value}' is not a year or a range like 1999..2001", self.q, node.pos
            )
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        if hi < lo:
            raise QuerySyntaxError(f"empty year range {value}", self.q, node.pos)
        return wq.NumericRange("year", lo, hi)

    def compile(self, node: Node, lang: str, negated: bool = False) -> wq.Query | None:
        if node.op == "word":
            return self.word(node, lang, negated)
        if node.op == "phrase":
            return self.phrase(node, negated)
        if node.op == "prefix":
            return self.prefix(node, lang, negated)
        if node.op == "field":
            return self.field(node)
        if node.op == "not":
            inner = self.compile(node.children[0], lang, not negated)
            return None if inner is None else wq.Not(inner)
        parts = [self.compile(c, lang, negated) for c in node.children]
        kept = [p for p in parts if p is not None]
        if not kept:
            return None
        if node.op == "or":
            return kept[0] if len(kept) == 1 else wq.Or(kept)
        positive = [p for p in kept if not isinstance(p, wq.Not)]
        if not positive:
            raise QuerySyntaxError(
                "a query cannot only exclude: say what to look for too", self.q, node.pos
            )
        return kept[0] if len(kept) == 1 else wq.And(kept)

    def partial(self, node: Node, lang: str) -> wq.Query | None:
        words = [c for c in node.children if c.op == "word"]
        ors = [q for q in (self.word(w, lang, False) for w in words) if q is not None]
        return wq.Or(ors) if len(ors) > 1 else None


def compile_query(q: str, schema: Schema) -> Compiled:
    """Parse and compile a query for an index with ``schema``."""
    tree = parse(q)
    if tree.op == "not":
        raise QuerySyntaxError("a query cannot only exclude: say what to look for too", q, 0)
    comp = _Compiler(schema, q)
    per_lang: list[wq.Query] = []
    empty_in: list[str] = []
    for lang in LANGUAGES:
        compiled = comp.compile(tree, lang)
        if compiled is None:
            empty_in.append(lang)
        else:
            per_lang.append(compiled)
    if empty_in:
        words = ", ".join(dict.fromkeys(comp.stopped)) or q
        raise QuerySyntaxError(
            f"the query has only stop words ({words}); quote them to search an exact phrase",
            q,
            0,
        )
    comp.out.query = per_lang[0] if len(per_lang) == 1 else wq.Or(per_lang)
    if tree.op == "and" and all(c.op == "word" for c in tree.children):
        parts = [p for p in (comp.partial(tree, lang) for lang in LANGUAGES) if p is not None]
        if parts:
            comp.out.partial = parts[0] if len(parts) == 1 else wq.Or(parts)
    return comp.out
