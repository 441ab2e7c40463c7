"""Compile a parsed query into Whoosh queries over the index's fields.

The tree is compiled once per language of the index (French and English text
live in their own fields with their own analysis) and the per-language queries
are OR-ed: a stop word is dropped from the French query but a French
paragraph is still required to hold every other word. Terms come out of the
schema's own analyzers (``field.process_text``), never from hand folding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from resolu.corpus.languages import LANGUAGES
from resolu.corpus.symbols import TypedSymbol, read_symbol
from resolu.index.analysis import field_analyzer
from resolu.index.schema import DOCTYPE, EXACT, RESKEY, SYMBOL, text_field, title_field
from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.matching import AndMaybeMatcher, ReadTooFar

from .acronyms import ACRONYM, expand
from .errors import QuerySyntaxError
from .fields import QueryField, field_named
from .parser import STRICT, Node, read_query

__all__ = [
    "MAX_EXPANSIONS",
    "PASSAGE_TERMS",
    "AndMaybe",
    "Compiled",
    "DocFrequency",
    "compile_query",
    "phrase_words",
]

#: How many terms of a passage are searched: its rarest ones in the index.
PASSAGE_TERMS = 30

#: How many paragraphs of the index hold a term in a field (the searcher's own).
DocFrequency = Callable[[str, str], int]


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
    #: Lower-case words read as operators: (("ou", "OU"),).
    operators: tuple[tuple[str, str], ...] = ()
    #: For a passage: the words searched (rarest first), and characters left unread.
    passage: tuple[str, ...] = ()
    passage_cut: int = 0
    #: Acronyms of the query and the forms also searched: (("ONU", ("UN", ...)),).
    expansions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: The parsed query, before acronyms were expanded.
    tree: Node | None = None
    #: The query's language: "fr", "en" or "unknown" (set by the caller, who has the index).
    language: str = "unknown"
    #: The query without its ``lang:`` filters, when it has some at the top.
    unfiltered: wq.Query | None = None
    #: Numbers typed for a symbol that name several: (("2803", ("S/RES/2803", ...)),).
    symbols: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)


_TITLE_BOOST = 0.3
#: At most this many other spellings of a phrase (compounds joined or split).
_MAX_VARIANTS = 4


def _any(queries: list[wq.Query]) -> wq.Query:
    return queries[0] if len(queries) == 1 else wq.Or(queries)


class _FollowingMatcher(AndMaybeMatcher):
    """Whoosh's AndMaybeMatcher, with the optional side kept on the required one.

    Whoosh's ``skip_to(id)`` moves the optional side to ``id`` even when the
    required side went past it, so inside an intersection the optional side
    could lag behind and its score (a title's) be dropped for some
    paragraphs, depending on the order the matchers happened to walk in.
    """

    def skip_to(self, id: int) -> bool:  # type: ignore[override]
        if not self.a.is_active():
            raise ReadTooFar
        moved = bool(self.a.skip_to(id))
        if self.a.is_active() and self.b.is_active():
            moved = bool(self.b.skip_to(self.a.id())) or moved
        return moved


class AndMaybe(wq.AndMaybe):
    """``a``, scored with ``b`` added where ``b`` matches too, for every match of ``a``."""

    matcherclass = _FollowingMatcher


def _in_paragraph(make: Any, text_name: str, title_name: str, forms: list[str]) -> wq.Query:
    """Match a paragraph holding one of ``forms``; its title only adds to the score.

    ``make`` is the query class (``Term``, ``Prefix``) taking a field and a form.
    """
    return AndMaybe(
        _any([make(text_name, f) for f in forms]),
        _any([make(title_name, f, boost=_TITLE_BOOST) for f in forms]),
    )


def phrase_words(schema: Schema, text: str) -> list[str]:
    """Return the exact-field words of a phrase, symbols broken into their parts.

    Symbols are matched by their parts (``54/181`` is ``54 181``), which the
    index holds at consecutive positions, so a phrase that runs through a
    symbol matches exactly where its words stand in the text.
    """
    return [
        t.text
        for t in field_analyzer(schema, EXACT)(text, mode="index")
        if not getattr(t, "symbol", False)
    ]


#: Words of the index one prefix may stand for: each is one more list of postings to merge.
MAX_EXPANSIONS = 64


#: Fields whose terms are words: a term with no document there matches nothing.
_WORD_FIELDS = frozenset(
    {EXACT, *(text_field(lang) for lang in LANGUAGES), *(title_field(lang) for lang in LANGUAGES)}
)


def _matches_nothing(q: wq.Query, df: DocFrequency) -> bool:
    """Tell whether the index's vocabulary alone shows that ``q`` can match no document.

    A word or phrase one of whose terms no document holds matches nothing, and
    so does what requires it. Where the vocabulary cannot tell (a field
    filter, a prefix, a range, an exclusion), the answer is False.
    """
    if q is wq.NullQuery:
        return True
    if isinstance(q, wq.Term):
        return q.fieldname in _WORD_FIELDS and not df(q.fieldname, q.text)
    if isinstance(q, wq.Phrase):
        return q.fieldname in _WORD_FIELDS and not all(df(q.fieldname, w) for w in q.words)
    if isinstance(q, wq.And):
        return any(_matches_nothing(sub, df) for sub in q.subqueries)
    if isinstance(q, wq.Or):
        return all(_matches_nothing(sub, df) for sub in q.subqueries)
    if isinstance(q, (wq.AndMaybe, wq.AndNot)):
        return _matches_nothing(q.a, df)
    return False


def _either(branches: list[wq.Query], df: DocFrequency | None) -> wq.Query:
    """Return the OR of per-language branches, without those that can match nothing.

    Most indexes hold one language, where the other's branch finds none of its
    terms: leaving it out spares scoring it. Only when at most one branch can
    match: a union adds nothing to the scores of a side alone, so that branch
    scores every match as the OR did; between two or more, the order in which
    Whoosh adds their scores would change with their number.
    """
    if df is not None and len(branches) > 1:
        live = [b for b in branches if not _matches_nothing(b, df)]
        if len(live) <= 1:
            return live[0] if live else wq.NullQuery
    return branches[0] if len(branches) == 1 else wq.Or(branches)


def _paragraphs_without(excluded: wq.Not) -> wq.Query:
    """Return the paragraphs an exclusion leaves, scored as the bare exclusion is."""
    return wq.And([wq.Term(DOCTYPE, "para", boost=0.0), excluded])


def _remembered(df: DocFrequency) -> DocFrequency:
    """Return ``df`` answering each (field, term) from the index once."""
    seen: dict[tuple[str, str], int] = {}

    def frequency(fieldname: str, text: str) -> int:
        key = (fieldname, text)
        found = seen.get(key)
        if found is None:
            found = seen[key] = df(fieldname, text)
        return found

    return frequency


class _Compiler:
    def __init__(
        self, schema: Schema, q: str, reader: Any = None, df: DocFrequency | None = None
    ) -> None:
        self.schema = schema
        self.q = q
        self.reader = reader
        # Each language's compilation asks the same frequencies (a long word's
        # cuts, a phrase's compounds): each is looked up in the index once.
        self.df = None if df is None else _remembered(df)
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
        found = conj[0] if len(conj) == 1 else wq.And(conj)
        if len(groups) > 1 and all(len(alts) == 1 for alts in groups) and self.df is not None:
            # One hyphenated word (peace-keeping): its parts side by side.
            found = wq.Phrase(tf, [alts[0] for alts in groups])
        other = self.compound(node.text, lang)
        return found if other is None else wq.Or([found, other])

    def compound(self, text: str, lang: str) -> wq.Query | None:
        """Return the other spelling of a compound the index holds, as a query, or None.

        ``peace-keeping`` is also ``peacekeeping``; ``peacekeeping`` is also the
        two words ``peace keeping`` side by side (a phrase: hyphenated and
        spaced texts hold them at consecutive positions). Asked of the index's
        vocabulary, so a word is never split where the text does not.
        """
        if self.df is None:
            return None
        words = phrase_words(self.schema, text)
        if len(words) == 2:
            joined = self.analyse(text_field(lang), "".join(words))
            term = joined[0][0] if len(joined) == 1 else ""
            if term and self.df(text_field(lang), term):
                return _in_paragraph(wq.Term, text_field(lang), title_field(lang), [term])
            return None
        if len(words) == 1:
            split = self.split(words[0])
            stems = [] if split is None else self.analyse(text_field(lang), " ".join(split))
            if len(stems) == 2 and all(len(alts) == 1 for alts in stems):
                return wq.Phrase(text_field(lang), [alts[0] for alts in stems])
        return None

    def split(self, word: str) -> tuple[str, str] | None:
        """Return ``word`` cut into two words the index holds (each 4 letters or more), or None."""
        if self.df is None or len(word) < 8 or not word.isalpha():
            return None
        for i in range(4, len(word) - 3):
            left, right = word[:i], word[i:]
            if self.df(EXACT, left) and self.df(EXACT, right):
                return left, right
        return None

    def joined(self, words: list[str]) -> list[list[str]]:
        """Return the other spellings of a phrase's words: compounds joined or split."""
        if self.df is None:
            return []
        variants: list[list[str]] = []
        for i in range(len(words) - 1):
            together = words[i] + words[i + 1]
            if together.isalpha() and self.df(EXACT, together):
                variants.append([*words[:i], together, *words[i + 2 :]])
        for i, w in enumerate(words):
            split = self.split(w)
            if split:
                variants.append([*words[:i], *split, *words[i + 1 :]])
        return variants[:_MAX_VARIANTS]

    def phrase(self, node: Node, negated: bool) -> wq.Query:
        words = phrase_words(self.schema, node.text)
        if not words:
            raise QuerySyntaxError("this phrase has no searchable word", self.q, node.pos)
        if not negated:
            self.out.phrases.append(words)
            for w in words:
                self.out.terms.add((EXACT, w))
        spellings = [words, *self.joined(words)]
        found = [wq.Term(EXACT, w[0]) if len(w) == 1 else wq.Phrase(EXACT, w) for w in spellings]
        return found[0] if len(found) == 1 else wq.Or(found)

    def prefix(self, node: Node, lang: str, negated: bool) -> wq.Query | None:
        tf, tt = text_field(lang), title_field(lang)
        groups = field_analyzer(self.schema, tf)(node.text, mode="query")
        forms: set[str] = set()
        for t in groups:
            forms.add(getattr(t, "folded", "") or t.text)
            forms.add(t.text)
        if not forms:
            # A stop word as prefix ("les*"): fold it through the exact field instead.
            forms = {t.text for t in field_analyzer(self.schema, EXACT)(node.text, mode="query")}
        if not forms:
            raise QuerySyntaxError("this prefix has no searchable letters", self.q, node.pos)
        self.check_expansions(node, tf, forms)
        if not negated:
            self.out.prefixes.update((tf, form) for form in forms)
        return _in_paragraph(wq.Prefix, tf, tt, sorted(forms))

    def check_expansions(self, node: Node, fieldname: str, forms: set[str]) -> None:
        if self.reader is None or fieldname not in self.reader.indexed_field_names():
            return
        words: set[bytes] = set()
        for form in forms:
            for word in self.reader.expand_prefix(fieldname, form):
                words.add(word)
                if len(words) > MAX_EXPANSIONS:
                    raise QuerySyntaxError(
                        f"'{node.text}*' stands for more than {MAX_EXPANSIONS} words of the "
                        "index: give more letters",
                        self.q,
                        node.pos,
                    )

    def passage(self, node: Node, lang: str) -> wq.Query | None:
        """Match paragraphs holding the passage's rarest terms, ranked by BM25F.

        One pass over the text counts its terms; each distinct term costs one
        lookup of its document frequency: linear in the passage's length.
        """
        tf, tt = text_field(lang), title_field(lang)
        counts: Counter[str] = Counter()
        words: dict[str, str] = {}
        for t in field_analyzer(self.schema, tf)(node.text, mode="query"):
            counts[t.text] += 1
            words.setdefault(t.text, getattr(t, "folded", "") or t.text)
        if self.df is None:
            ranked = [term for term, _ in counts.most_common()]
        else:
            df = self.df
            found = {term: df(tf, term) for term in counts}
            ranked = sorted(
                (t for t in counts if found[t]), key=lambda t: (found[t], -counts[t], t)
            )
        chosen = ranked[:PASSAGE_TERMS]
        if not chosen:
            self.stopped.append(node.text[:40])
            return None
        self.out.terms.update((tf, term) for term in chosen)
        if lang == LANGUAGES[0] or not self.out.passage:
            self.out.passage = tuple(words[t] for t in chosen)
        return wq.Or([_in_paragraph(wq.Term, tf, tt, [term]) for term in chosen])

    def field(self, node: Node, lang: str) -> wq.Query:
        qf = field_named(node.name)
        assert qf is not None  # the parser lets only known fields through
        value = node.text.strip()
        if qf.kind == "text":
            return self.title(qf, value, node, lang)
        if qf.kind == "citedby":
            # Its own paragraphs citing it (a footnote) are not "cited by".
            return wq.AndNot(self.symbol(qf, value, node), self.symbol(qf, value, node, own=True))
        values = [v.strip() for v in value.split(",") if v.strip()]
        if not values:
            raise QuerySyntaxError(f"field '{qf.name}:' has no value", self.q, node.pos)
        return _any([self.one_value(qf, v, node) for v in values])

    def one_value(self, qf: QueryField, value: str, node: Node) -> wq.Query:
        if qf.kind == "symbol":
            return self.symbol(qf, value, node)
        if qf.kind == "range":
            return self.range(qf, value, node)
        canonical = qf.canonical(value) if qf.canonical else value
        if canonical is None:
            raise QuerySyntaxError(f"unknown {qf.name} '{value}' ({qf.help})", self.q, node.pos)
        return wq.Term(qf.index_field, canonical)

    def title(self, qf: QueryField, value: str, node: Node, lang: str) -> wq.Query:
        """Match paragraphs whose resolution's title holds every word of ``value``."""
        name = title_field(lang)
        groups = self.analyse(name, value)
        if not groups:
            raise QuerySyntaxError(f"'{value}' is not {qf.expected}", self.q, node.pos)
        conj = [_any([wq.Term(name, t) for t in alts]) for alts in groups]
        return conj[0] if len(conj) == 1 else wq.And(conj)

    def symbol(self, qf: QueryField, value: str, node: Node, own: bool = False) -> wq.Query:
        """Match what a typed symbol names in the field: one symbol, those a number names, a series.

        With ``own``, the same symbols in the paragraph's own ``symbol`` field
        (what ``citedby:`` leaves out).
        """
        typed = read_symbol(value)
        name = SYMBOL if own else qf.index_field
        if typed is None:
            # A symbol the grammar does not read (A/CONF.224/PC(III)/L.1): its first symbol.
            analyzer = field_analyzer(self.schema, qf.index_field)
            terms = [t.text for t in analyzer(value, mode="query")]
            if not terms:
                raise QuerySyntaxError(f"'{value}' is not {qf.expected}", self.q, node.pos)
            return wq.Term(name, terms[0])
        if typed.series:
            return wq.Prefix(name, typed.key)
        if typed.letter and name == SYMBOL:
            return self.lettered(typed)
        terms = self.symbols_named(qf.index_field, typed)
        if len(terms) > 1 and not own:
            self.out.symbols.append((f"{qf.name}:{value}", tuple(t.upper() for t in terms)))
        return _any([wq.Term(name, t) for t in terms]) if terms else wq.NullQuery

    def lettered(self, typed: TypedSymbol) -> wq.Query:
        """Match the resolution of one letter: ``217 B (III)``, and not ``217 A (III)``.

        The symbol field holds ``a/res/217`` for both; each paragraph's
        resolution key (``fr:A/RES/217 A (III)``) holds the symbol as printed.
        """
        reader = self.reader
        found: list[wq.Query] = []
        if reader is not None and RESKEY in reader.indexed_field_names():
            for term in reader.field_terms(RESKEY):
                held = read_symbol(str(term).partition(":")[2])
                if held and held.letter == typed.letter and typed.matches(held.key):
                    found.append(wq.Term(RESKEY, term))
        return _any(found) if found else wq.NullQuery

    def symbols_named(self, fieldname: str, typed: TypedSymbol) -> list[str]:
        """Return the symbols of the index a typed symbol names, as the index holds them.

        A full symbol names itself. A bare number (``2803``, ``217 A (III)``)
        names the indexed symbols it is the number of, read as the texts read
        it (a year: the Security Council's); failing those, itself as printed
        (a commission's ``2000/70``).
        """
        if not typed.bare or self.reader is None:
            return [typed.key]
        if fieldname not in self.reader.indexed_field_names():
            return []
        held = list(self.reader.field_terms(fieldname))
        full = [t for t in held if t[:1].isalpha() and typed.matches(t)]
        return full or ([typed.key] if typed.key in held and not typed.suffix else [])

    def range(self, qf: QueryField, value: str, node: Node) -> wq.Query:
        bounds = qf.bounds(value) if qf.bounds else None
        if bounds is None:
            raise QuerySyntaxError(f"'{value}' is not {qf.expected}", self.q, node.pos)
        lo, hi = bounds
        if hi < lo:
            raise QuerySyntaxError(f"empty {qf.name} range {value}", self.q, node.pos)
        return wq.NumericRange(qf.index_field, lo, hi)

    def compile(self, node: Node, lang: str, negated: bool = False) -> wq.Query | None:
        if node.op == "word":
            return self.word(node, lang, negated)
        if node.op == "phrase":
            return self.phrase(node, negated)
        if node.op == "prefix":
            return self.prefix(node, lang, negated)
        if node.op == "passage":
            return self.passage(node, lang)
        if node.op == "field":
            return self.field(node, lang)
        if node.op == "not":
            inner = self.compile(node.children[0], lang, not negated)
            return None if inner is None else wq.Not(inner)
        parts = [self.compile(c, lang, negated) for c in node.children]
        kept = [p for p in parts if p is not None]
        if not kept:
            return None
        if node.op == "or":
            # An exclusion that stands alone in an OR matches everything it does
            # not name, the index's file records included: keep it to paragraphs.
            kept = [_paragraphs_without(p) if isinstance(p, wq.Not) else p for p in kept]
            return kept[0] if len(kept) == 1 else wq.Or(kept)
        positive = [p for p in kept if not isinstance(p, wq.Not)]
        if not positive:
            raise QuerySyntaxError(
                "a query cannot only exclude: say what to look for too", self.q, node.pos
            )
        return kept[0] if len(kept) == 1 else wq.And(kept)

    def partial(self, node: Node, lang: str) -> wq.Query | None:
        words = [c for c in node.children if _is_word(c)]
        ors = [q for q in (self.compile(w, lang) for w in words) if q is not None]
        return wq.Or(ors) if len(ors) > 1 else None


def _is_word(node: Node) -> bool:
    """Tell whether a node is a plain word (an acronym with its forms is one)."""
    return node.op == "word" or (node.op == "or" and node.name == ACRONYM)


def _without_lang(comp: _Compiler, tree: Node) -> wq.Query | None:
    """Compile ``tree`` without its top-level ``lang:`` filters (None when it has none)."""
    parts = tree.children if tree.op == "and" else (tree,)
    kept = tuple(c for c in parts if not (c.op == "field" and c.name == "lang"))
    if len(kept) == len(parts) or not kept:
        return None
    rest = kept[0] if len(kept) == 1 else Node("and", children=kept, pos=tree.pos)
    out = comp.out
    saved = (set(out.terms), set(out.prefixes), list(out.phrases))
    found = [q for q in (comp.compile(rest, lang) for lang in LANGUAGES) if q is not None]
    out.terms, out.prefixes, out.phrases = saved  # highlighting is the filtered query's
    return _either(found, comp.df) if found else None


def compile_query(
    q: str, schema: Schema, *, reader: Any = None, df: DocFrequency | None = None
) -> Compiled:
    """Parse and compile a query for an index with ``schema``.

    With the index's ``reader``, a prefix standing for more than
    :data:`MAX_EXPANSIONS` words is refused (it would be slow to search).
    ``df`` (the index's document frequency of a term in a field) lets a pasted
    passage be searched by its rarest terms (without it, by its commonest) and
    compounds by their other spellings.
    """
    read = read_query(q)
    tree, expansions = expand(read.tree)
    if tree.op == "not":
        raise QuerySyntaxError("a query cannot only exclude: say what to look for too", q, 0)
    comp = _Compiler(schema, q, reader, df)
    comp.out.operators = read.operators
    comp.out.passage_cut = read.cut
    comp.out.expansions = expansions
    comp.out.tree = read.tree
    per_lang: list[wq.Query] = []
    empty_in: list[str] = []
    for lang in LANGUAGES:
        compiled = comp.compile(tree, lang)
        if compiled is None:
            empty_in.append(lang)
        else:
            per_lang.append(compiled)
    if tree.op == "passage":
        # A passage none of whose words the index holds finds nothing: not an error.
        empty_in = []
        per_lang = per_lang or [wq.NullQuery]
    if empty_in:
        words = ", ".join(dict.fromkeys(comp.stopped)) or q
        raise QuerySyntaxError(
            f"the query has only stop words ({words}); quote them to search an exact phrase",
            q,
            0,
        )
    comp.out.query = _either(per_lang, comp.df)
    comp.out.unfiltered = _without_lang(comp, tree)
    if tree.op == "and" and tree.name != STRICT and all(_is_word(c) for c in tree.children):
        parts = [p for p in (comp.partial(tree, lang) for lang in LANGUAGES) if p is not None]
        if parts:
            comp.out.partial = _either(parts, comp.df)
    return comp.out
