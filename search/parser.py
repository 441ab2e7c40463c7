"""The query language: parse what a user types into a tree, knowing nothing of the engine.

Grammar (operators in English or French, upper case)::

    query   := or ( ("OR" | "OU") or )*
    or      := and ( ["AND" | "ET"] and )*          adjacent terms: all must match
    and     := ("NOT" | "SAUF" | "-") and | primary
    primary := "(" query ")" | '"phrase"' | field ":" value | word | prefix "*"

What people type is read as they mean it:

- lower-case ``ou``, ``et``, ``sauf`` standing *between two terms* (a word, a
  phrase, a field, a parenthesis) are the operators OU, ET, SAUF; first or last
  they are words. Which words were read so is returned by :func:`read_query`
  (``Query.operators``) so that the user is told.
- characters that only *look* like syntax are text: an unclosed quote, a
  parenthesis that closes nothing or is never closed, ``*`` not after two
  letters, an operator with nothing on one side, ``""`` and ``()``.
- a passage (more than :data:`PASSAGE_WORDS` words and no operator or field
  filter) is one ``passage`` node: searched by its rarest terms, not as an AND
  of every word; only its first :data:`PASSAGE_CHARS` characters are read.

A word repeated in the same group counts once (``peace peace`` is ``peace``).
Limits keep every query cheap (each query under 1,000 characters answers in
under a second on the 902 Security Council texts: ``benchmarks/attack.py``):
:data:`MAX_DEPTH` levels of parentheses and negations, :data:`MAX_TERMS`
words, phrases and fields, :data:`MAX_PREFIXES` prefixes and
:data:`MAX_PHRASE_WORDS` words in a phrase; beyond, a :class:`QuerySyntaxError`
says which limit. A passage is not held to them: it is searched by at most
:data:`~resolu.search.compiler.PASSAGE_TERMS` terms.

What remains an error (:class:`QuerySyntaxError`, with the column) is what
cannot mean anything: an unknown field, a field value it does not take, a query
of stop words or exclusions only, an empty query. :mod:`resolu.search.compiler`
turns the tree into Whoosh queries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from resolu.corpus.symbols import suffix_re

from .errors import QuerySyntaxError
from .fields import QUERY_FIELDS, field_named

__all__ = [
    "MAX_DEPTH",
    "MAX_PHRASE_REPEATS",
    "MAX_PHRASE_WORDS",
    "MAX_PREFIXES",
    "MAX_TERMS",
    "PASSAGE_CHARS",
    "PASSAGE_WORDS",
    "STRICT",
    "Node",
    "Query",
    "parse",
    "read_query",
]

#: Levels of parentheses and negations (NOT, -) one inside another.
MAX_DEPTH = 12
#: Words, phrases, prefixes and field filters in a query, repeats counted once.
MAX_TERMS = 16
#: Prefixes (``civilis*``) in a query: each may stand for dozens of words.
MAX_PREFIXES = 3
#: Words in one quoted phrase, and times one word may come back in it: matching a
#: phrase reads the positions of each of its words, every time it appears.
MAX_PHRASE_WORDS = 24
MAX_PHRASE_REPEATS = 4

_OPERATORS = {"AND": "AND", "ET": "AND", "OR": "OR", "OU": "OR", "NOT": "NOT", "SAUF": "NOT"}
#: Lower-case words read as operators between two terms.
_SPOKEN_OPERATORS = {"et": "AND", "ou": "OR", "sauf": "NOT"}
#: A query of more distinct words than this (the most a query may hold),
#: without operators or fields, is a passage.
PASSAGE_WORDS = MAX_TERMS
#: Only the first this many characters of a passage are read.
PASSAGE_CHARS = 20_000


# ---------------------------------------------------------------- the tree


#: The ``name`` of an "and" node whose words were joined by AND/ET: the user
#: asked for every word, so no partial match follows the complete ones.
STRICT = "strict"


@dataclass(frozen=True)
class Node:
    """A node of the parsed query: ``op`` is word, phrase, prefix, field, and, or, not."""

    op: str
    text: str = ""
    name: str = ""
    children: tuple[Node, ...] = ()
    pos: int = 0


@dataclass(frozen=True)
class Query:
    """A parsed query and how it was read: the tree, and what to tell the user."""

    tree: Node
    #: Lower-case words read as operators, with the operator: (("ou", "OU"),).
    operators: tuple[tuple[str, str], ...] = ()
    #: True when the query was searched as a passage.
    passage: bool = False
    #: Characters of a passage left unread (0 when all was read).
    cut: int = 0


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


def _without_open_quote(q: str) -> str:
    """Return ``q`` with an unclosed quote made text: the last quote is the one left open."""
    if q.count('"') % 2 == 0:
        return q
    cut = q.rindex('"')
    return q[:cut] + " " + q[cut + 1 :]


def _lex(q: str) -> list[_Tok]:
    q = _without_open_quote(q)
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
            end = m.end()
            if value.startswith('"'):
                if len(value) < 2 or not value.endswith('"'):
                    raise QuerySyntaxError(
                        "unbalanced quote: this phrase is never closed", q, m.start("fvalue")
                    )
                value = value[1:-1]
            else:
                value, end = _symbol_suffix(q, name, value, m.end())
            toks.append(_Tok("field", value, start, name=name))
            i = end
            continue
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
                toks.append(_Tok("word", _stars_as_text(word[1:]), start + 1))
            else:
                toks.append(_Tok("word", _stars_as_text(word), start))
        i = m.end()
    return _dangling_operators_as_text(_parentheses_as_text(_glued_dashes(toks)))


def _symbol_suffix(q: str, name: str, value: str, end: int) -> tuple[str, int]:
    """Take the year or session printed after a symbol into it: ``symbol:S/RES/2803 (2025)``.

    Parentheses group elsewhere; after a field that takes symbols, ``(2025)``,
    ``(III)``, `` A (III)`` and ``(III) A`` are part of the symbol as printed.
    """
    qf = field_named(name)
    if qf is None or qf.kind not in ("symbol", "citedby"):
        return value, end
    m = suffix_re().match(q, end)
    return (value + m.group(0), m.end()) if m else (value, end)


def _glued_dashes(toks: list[_Tok]) -> list[_Tok]:
    """Read "-" glued to a phrase or a parenthesis as NOT; drop empty words and phrases."""
    out: list[_Tok] = []
    for t in toks:
        if t.kind == "word" and t.text == "-":
            out.append(_Tok("NOT", "-", t.pos))
        elif not (t.kind == "phrase" and not t.text.strip()) and t.text != "":
            out.append(t)
    return out


def _stars_as_text(word: str) -> str:
    """Keep ``*`` only as a prefix mark after two letters; elsewhere it is text (dropped)."""
    if "*" not in word:
        return word
    stem = word.rstrip("*")
    if word.endswith("*") and len(stem) >= 2 and "*" not in stem:
        return stem + "*"
    return word.replace("*", "")


def _parentheses_as_text(toks: list[_Tok]) -> list[_Tok]:
    """Drop parentheses that close nothing, are never closed, or hold nothing."""
    dropped: set[int] = set()
    open_at: list[int] = []
    for i, t in enumerate(toks):
        if t.kind == "(":
            open_at.append(i)
        elif t.kind == ")":
            if not open_at:
                dropped.add(i)
            elif open_at[-1] == i - 1:
                dropped.update((open_at.pop(), i))  # "()"
            else:
                open_at.pop()
    dropped.update(open_at)
    return [t for i, t in enumerate(toks) if i not in dropped]


def _dangling_operators_as_text(toks: list[_Tok]) -> list[_Tok]:
    """Drop an operator with nothing on the side it needs (``dialogue OU``, ``ET paix``)."""
    out: list[_Tok] = []
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        prev = out[-1] if out else None
        needs_after = nxt is None or nxt.kind in ("OR", "AND", ")")
        if t.kind == "NOT" and needs_after:
            continue
        if t.kind in ("OR", "AND") and (
            needs_after or prev is None or prev.kind in ("(", "OR", "AND", "NOT")
        ):
            continue
        out.append(t)
    return out


_ENDS_TERM = ("word", "phrase", "field", ")")
_STARTS_TERM = ("word", "phrase", "field", "(", "NOT")


def _spoken_operators(toks: list[_Tok]) -> list[tuple[str, str]]:
    """Turn lower-case ou/et/sauf between two terms into operators; return those read so."""
    read: list[tuple[str, str]] = []
    for i in range(1, len(toks) - 1):
        t = toks[i]
        op = _SPOKEN_OPERATORS.get(t.text) if t.kind == "word" else None
        if op and toks[i - 1].kind in _ENDS_TERM and toks[i + 1].kind in _STARTS_TERM:
            toks[i] = _Tok(op, t.text, t.pos)
            read.append((t.text, t.text.upper()))
    return read


def _is_passage(toks: list[_Tok]) -> bool:
    """Tell whether the query is a pasted passage: many words, no operator, no field."""
    words = len({t.text.lower() for t in toks if t.kind in ("word", "phrase")})
    syntax = any(t.kind == "field" or t.text in _OPERATORS for t in toks)
    return words > PASSAGE_WORDS and not syntax


# ---------------------------------------------------------------- parsing


class _Parser:
    def __init__(self, q: str, toks: list[_Tok]) -> None:
        self.q = q
        self.toks = toks
        self.i = 0
        self.depth = 0

    def deeper(self, t: _Tok) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QuerySyntaxError(
                f"too deeply nested: at most {MAX_DEPTH} levels of parentheses and negations",
                self.q,
                t.pos,
            )

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
        said = ""
        while (t := self.peek()) is not None and t.kind not in ("OR", ")"):
            if t.kind == "AND":
                self.take()
                said = STRICT
                nxt = self.peek()
                if nxt is None or nxt.kind in ("OR", ")", "AND"):
                    raise QuerySyntaxError(f"'{t.text}' needs something after it", self.q, t.pos)
            parts.append(self.unary())
        if len(parts) == 1:
            return parts[0]
        return Node("and", name=said, children=tuple(parts), pos=parts[0].pos)

    def unary(self) -> Node:
        t = self.peek()
        if t is None:  # pragma: no cover - callers check
            raise QuerySyntaxError("query ends too early", self.q, len(self.q))
        if t.kind == "NOT":
            self.take()
            if self.peek() is None or self.peek().kind in ("OR", "AND", ")"):  # type: ignore[union-attr]
                raise QuerySyntaxError(f"'{t.text}' needs something after it", self.q, t.pos)
            self.deeper(t)
            inner = self.unary()
            self.depth -= 1
            return Node("not", children=(inner,), pos=t.pos)
        return self.primary()

    def primary(self) -> Node:
        t = self.take()
        if t.kind == "(":
            if self.peek() is None:
                raise QuerySyntaxError("unbalanced parenthesis: '(' is never closed", self.q, t.pos)
            if self.peek().kind == ")":  # type: ignore[union-attr]
                raise QuerySyntaxError("empty parentheses", self.q, t.pos)
            self.deeper(t)
            node = self.or_()
            self.depth -= 1
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
            words = t.text.lower().split()
            if len(words) > MAX_PHRASE_WORDS:
                raise QuerySyntaxError(
                    f"phrase too long: at most {MAX_PHRASE_WORDS} words", self.q, t.pos
                )
            if max(words.count(w) for w in words) > MAX_PHRASE_REPEATS:
                raise QuerySyntaxError(
                    f"a word comes back more than {MAX_PHRASE_REPEATS} times in this phrase",
                    self.q,
                    t.pos,
                )
            return Node("phrase", text=t.text, pos=t.pos)
        if t.kind == "field":
            qf = field_named(t.name)
            if qf is None:
                known = ", ".join(f.name for f in QUERY_FIELDS)
                raise QuerySyntaxError(f"unknown field '{t.name}:' (known: {known})", self.q, t.pos)
            return Node("field", text=t.text, name=qf.name, pos=t.pos)
        text = t.text
        if text.endswith("*"):
            stem = text.rstrip("*")
            if len(stem) < 2 or "*" in stem:
                raise QuerySyntaxError(
                    "a prefix needs at least two letters before '*'", self.q, t.pos
                )
            return Node("prefix", text=stem, pos=t.pos)
        return Node("word", text=text, pos=t.pos)


def read_query(q: str) -> Query:
    """Read a query as people type it: the tree, and which words were read as what.

    >>> read_query("dialogue ou transparence").operators
    (('ou', 'OU'),)
    >>> read_query("dialogue ou transparence").tree.op
    'or'
    """
    if not isinstance(q, str):
        raise TypeError(f"a query is a str, not {type(q).__name__}")
    toks = _lex(q)
    if _is_passage(toks):
        text = q[:PASSAGE_CHARS]
        return Query(Node("passage", text=text), passage=True, cut=len(q) - len(text))
    operators = _spoken_operators(toks)
    return Query(_limited(q, _Parser(q, toks).parse()), operators=tuple(operators))


def parse(q: str) -> Node:
    """Parse a query string into a :class:`Node` tree, or raise :class:`QuerySyntaxError`.

    >>> parse("paix paix").text
    'paix'
    """
    return read_query(q).tree


def _limited(q: str, tree: Node) -> Node:
    """Return the tree with repeats collapsed, or raise when it passes a limit."""
    tree = _collapse(tree)
    leaves = list(_leaves(tree))
    if len(leaves) > MAX_TERMS:
        raise QuerySyntaxError(
            f"too many terms: at most {MAX_TERMS} words, phrases and fields",
            q,
            leaves[MAX_TERMS].pos,
        )
    prefixes = [n for n in leaves if n.op == "prefix"]
    if len(prefixes) > MAX_PREFIXES:
        raise QuerySyntaxError(
            f"too many prefixes: at most {MAX_PREFIXES} words ending in '*'",
            q,
            prefixes[MAX_PREFIXES].pos,
        )
    return tree


def _key(node: Node) -> tuple[object, ...]:
    """Return what a node means, wherever it stands (its position left out)."""
    return (node.op, node.text, node.name, tuple(_key(c) for c in node.children))


def _collapse(node: Node) -> Node:
    """Return the tree with each repeated child of an AND or OR group kept once."""
    if not node.children:
        return node
    children: dict[tuple[object, ...], Node] = {}
    for child in node.children:
        kept = _collapse(child)
        children.setdefault(_key(kept), kept)
    if node.op in ("and", "or") and len(children) == 1:
        return next(iter(children.values()))
    return Node(node.op, node.text, node.name, tuple(children.values()), node.pos)


def _leaves(node: Node) -> Iterator[Node]:
    if node.children:
        for child in node.children:
            yield from _leaves(child)
    else:
        yield node
