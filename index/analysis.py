"""Text analysis: the pipelines that turn paragraph text and queries into terms.

Each pipeline is ``tokenizer | filter | ...``, Whoosh style, and is attached to
a schema field, so the very same analysis runs at index time and at query time.

The French ranked pipeline::

    UNTokenizer | ApostropheFilter | FoldFilter | StopFilter(fr) | SnowballFilter(fr)

- ``UNTokenizer`` keeps UN symbols (``A/RES/55/109``) and resolution numbers
  (``54/181``) whole, and splits words at hyphens, so ``non-sélectivité`` is
  ``non`` + ``sélectivité`` and matches ``non selectivite`` and ``selectivite``.
- ``ApostropheFilter`` removes elided articles (``l’``, ``jusqu’``) whatever the
  apostrophe (``'``, ``’``, ``ʼ``) and the English possessive ``'s``.
- ``FoldFilter`` lower-cases and folds with unidecode *before* stemming
  (é→e, œ→oe), so the stemmer sees ``selectivite`` whether or not the user
  typed accents.
- ``SnowballFilter`` is the C Snowball stemmer of PyStemmer (Whoosh's own is
  pure Python and about a hundred times slower).

The exact pipeline (for phrases) stops after folding: it keeps stop words and
does not stem, so ``"dialogue entre les civilisations"`` matches that word
sequence and nothing else.

>>> [t.text for t in french_analyzer()(
...     "Réaffirmant que le dialogue entre les religions, les cultures et les civilisations")]
['reaffirm', 'dialogu', 'relig', 'cultur', 'civilis']
>>> [t.text for t in exact_analyzer()("Rappelant sa résolution 54/181, l’homme")]
['rappelant', 'sa', 'resolution', '54/181', '54', '181', 'homme']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import Stemmer
from resolu.corpus.symbols import NUMBER_PATTERN, SYMBOL_PATTERN, is_symbol, symbol_forms
from unidecode import unidecode
from whoosh.analysis import Analyzer, Filter, StopFilter, Token, Tokenizer

from .french_light import light_stem
from .lexicon import IRREGULAR, UNSTEMMED
from .stopwords import ELIDED_PREFIXES, STOP_WORDS

__all__ = [
    "ApostropheFilter",
    "FoldFilter",
    "SnowballFilter",
    "Span",
    "StemFilter",
    "SymbolAnalyzer",
    "UNToken",
    "UNTokenizer",
    "analysed_spans",
    "english_analyzer",
    "exact_analyzer",
    "field_analyzer",
    "french_analyzer",
    "split_words",
    "text_terms",
    "word_term",
    "word_terms",
]

_WORD = r"[^\W_]+(?:['’ʼ][^\W_]+)*"
_TOKEN = rf"(?P<sym>{SYMBOL_PATTERN})|(?P<num>{NUMBER_PATTERN})|(?P<word>{_WORD})"


@cache
def _token_re() -> re.Pattern[str]:
    # Compiled on first use: only a text with a "/" needs it, and compiling
    # it cost every `resolu search` a few milliseconds.
    return re.compile(_TOKEN, re.IGNORECASE)


_WORD_RE = re.compile(_WORD)
_PART = re.compile(r"[^\W_]+")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})
_NOT_TERM = re.compile(r"[^a-z0-9']+")

#: What a filter does to one word's text: the new text, or None where it drops the token.
_Step = Callable[[str], str | None]


class UNToken(Token):
    """A Whoosh token that also says whether it is a symbol, and its unstemmed form."""

    symbol: bool = False
    part: bool = False
    folded: str = ""


class UNTokenizer(Tokenizer):
    """Split text into words, keeping UN symbols and resolution numbers whole.

    A symbol yields, at one position, its normalised form and its short form
    (``a/res/55/109`` and ``55/109``), and at index time also its parts
    (``a``, ``res``, ``55``, ``109``) at consecutive positions from the same
    one, so that a query for a part still finds it and phrases can be matched
    on parts.
    Symbol tokens carry ``token.symbol = True`` and later filters leave them be.
    """

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[UNToken]:
        t = UNToken(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        if "/" not in value:
            # No symbol without a slash: the plain word pattern is several
            # times faster than the alternation, and most paragraphs take it.
            for m in _WORD_RE.finditer(value):
                t.text = m.group(0)
                t.boost = 1.0
                t.stopped = t.symbol = t.part = False
                t.folded = ""
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar = start_char + m.start()
                    t.endchar = start_char + m.end()
                pos += 1
                yield t
            return
        for m in _token_re().finditer(value):
            kind = m.lastgroup
            text = m.group(0)
            if kind == "sym" and not is_symbol(text):
                # "and/or": ordinary words after all.
                for part in self._parts(t, text, pos, start_char + m.start(), part=False):
                    yield part
                    pos += 1
                continue
            if kind == "word":
                yield self._emit(
                    t, text, pos, start_char + m.start(), start_char + m.end(), symbol=False
                )
                pos += 1
                continue
            start, end = start_char + m.start(), start_char + m.end()
            for form in symbol_forms(text):
                yield self._emit(t, form, pos, start, end, symbol=True)
            if mode == "query":
                pos += 1
                continue
            # Parts take consecutive positions, so the phrase "résolution 54 181"
            # matches "résolution 54/181": phrases are matched on parts.
            for part in self._parts(t, text, pos, start_char + m.start(), part=True):
                yield part
                pos += 1

    def _parts(
        self, t: UNToken, text: str, pos: int, offset: int, *, part: bool
    ) -> Iterator[UNToken]:
        """Yield the words of ``text`` (a symbol) at consecutive positions from ``pos``."""
        for i, m in enumerate(_PART.finditer(text)):
            yield self._emit(
                t,
                m.group(0),
                pos + i,
                offset + m.start(),
                offset + m.end(),
                symbol=False,
                part=part,
            )

    @staticmethod
    def _emit(
        t: UNToken, text: str, pos: int, start: int, end: int, *, symbol: bool, part: bool = False
    ) -> UNToken:
        # Whoosh reuses one Token object: every attribute a filter reads is reset here.
        t.text = text
        t.boost = 1.0
        t.stopped = False
        t.symbol = symbol
        t.part = part
        t.folded = ""
        if t.positions:
            t.pos = pos
        if t.chars:
            t.startchar = start
            t.endchar = end
        return t


class ApostropheFilter(Filter):
    """Remove elided prefixes (``l’``, ``qu’``, ``jusqu’``) and the possessive ``'s``."""

    def __init__(self, prefixes: frozenset[str] = ELIDED_PREFIXES) -> None:
        self.prefixes = prefixes

    def __call__(self, tokens: Iterator[UNToken]) -> Iterator[UNToken]:  # type: ignore[override]
        prefixes = self.prefixes
        for t in tokens:
            if t.symbol or t.text.isalnum():  # the common case: no apostrophe at all
                yield t
                continue
            text, head, tail = _unelided(t.text, prefixes)
            if t.chars:
                t.startchar += head
                t.endchar -= tail
            t.text = text
            yield t

    def word_step(self) -> _Step:
        """Return what this filter does to one word's text (see :func:`word_term`)."""
        prefixes = self.prefixes

        def step(word: str) -> str:
            return word if word.isalnum() else _unelided(word, prefixes)[0]

        return step


def _unelided(text: str, prefixes: frozenset[str]) -> tuple[str, int, int]:
    """Return ``text`` without its elided prefix and possessive, and the characters cut each end."""
    text = text.translate(_APOSTROPHES)
    head = tail = 0
    if "'" in text:
        first, _, rest = text.partition("'")
        if first.lower() in prefixes and rest:
            head = len(first) + 1
            text = rest
        if text.endswith("'s") and len(text) > 2:
            tail = 2
            text = text[:-2]
    return text, head, tail


class FoldFilter(Filter):
    """Fold to lower-case ASCII with unidecode (é→e, œ→oe, æ→ae, ß→ss).

    Runs before stemming so that accented and unaccented spellings meet in one
    stem. Characters that fold to nothing useful are dropped, and so is a token
    left empty, so every term is plain ASCII.
    """

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(self, tokens: Iterator[UNToken]) -> Iterator[UNToken]:  # type: ignore[override]
        # Words repeat: fold each distinct word once. The cache lives in the
        # module, not on the filter, because the filter is pickled into the
        # index and must not carry (or depend on) state of its own.
        cache = _FOLD_CACHE
        for t in tokens:
            if not t.symbol:
                raw = t.text
                text = cache.get(raw)
                if text is None:
                    text = _fold_new(raw)
                if not text:
                    continue
                t.text = text
            yield t

    def word_step(self) -> _Step:
        """Return what this filter does to one word's text (see :func:`word_term`)."""
        return _fold_word


#: Folded form of each word seen; cleared when it grows past 200,000 words.
_FOLD_CACHE: dict[str, str] = {}


def _fold_word(word: str) -> str | None:
    """Return the folded word, None where nothing is left of it (the filter drops the token)."""
    text = _FOLD_CACHE.get(word)
    if text is None:
        text = _fold_new(word)
    return text or None


def _fold_new(word: str) -> str:
    """Fold a word not in ``_FOLD_CACHE`` and remember it there."""
    text = _fold(word)
    if len(_FOLD_CACHE) > 200_000:
        _FOLD_CACHE.clear()
    _FOLD_CACHE[word] = text
    return text


def _fold(word: str) -> str:
    if not word.isascii():
        word = unidecode(word)
    return _NOT_TERM.sub("", word.lower()).strip("'")


class StemFilter(Filter):
    """Stem words; symbols are left whole, and so are the words of ``lexicon.UNSTEMMED``.

    ``algorithm`` is ``snowball`` (PyStemmer's C Snowball stemmer) or ``light``
    (:func:`~resolu.index.french_light.light_stem`, French only). Irregular
    forms (``children``) are first replaced by the word they inflect
    (``lexicon.IRREGULAR``). The unstemmed form stays on the token as
    ``token.folded`` so a prefix query can match either form. The stemmer is
    rebuilt after unpickling, since the schema (and so this filter) is pickled
    into the index.
    """

    is_morph = True

    def __init__(self, language: str, algorithm: str = "snowball") -> None:
        self.language = language
        self.algorithm = algorithm
        lang = _LANG_OF.get(language, language)
        self._unstemmed = UNSTEMMED.get(lang, frozenset())
        self._irregular = IRREGULAR.get(lang, {})
        if algorithm == "light":
            self._stem: Any = light_stem
        else:
            self._stem = Stemmer.Stemmer(language).stemWord

    def __getstate__(self) -> dict[str, Any]:
        return {"language": self.language, "algorithm": self.algorithm}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["language"], state.get("algorithm", "snowball"))  # type: ignore[misc]

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, StemFilter)
            and other.language == self.language
            and other.algorithm == self.algorithm
        )

    def __hash__(self) -> int:
        return hash((self.language, self.algorithm))

    def __call__(self, tokens: Iterator[UNToken]) -> Iterator[UNToken]:  # type: ignore[override]
        step = self.word_step()
        for t in tokens:
            t.folded = t.text
            if not t.symbol:
                t.text = step(t.text)
            yield t

    def word_step(self) -> Callable[[str], str]:
        """Return the stem of one word (see :func:`word_term`); the filter stems each token so."""
        stem, unstemmed, irregular = self._stem, self._unstemmed, self._irregular

        def step(text: str) -> str:
            if text in unstemmed:
                return text
            if text[-1:] == "s" and text[:-1] in unstemmed:
                return text[:-1]  # the plural of a word kept whole
            return stem(irregular.get(text, text))  # type: ignore[no-any-return]

        return step


#: Kept for code that named the filter by its former name.
SnowballFilter = StemFilter


class _SymbolOnly(Filter):
    """Keep only symbol tokens (for the ``symbol`` and ``cites`` fields)."""

    def __call__(self, tokens: Iterator[UNToken]) -> Iterator[UNToken]:  # type: ignore[override]
        for t in tokens:
            if t.symbol:
                yield t

    def word_step(self) -> _Step:
        """Return what this filter does to one word: drop it (a word is never a symbol)."""
        return _dropped


def _dropped(word: str) -> None:
    return None


_SNOWBALL = {"fr": "french", "en": "english"}
_LANG_OF = {name: lang for lang, name in _SNOWBALL.items()}

#: The French stemmer of new indexes, chosen by ``benchmarks/stemmers.py``
#: (the benchmark sets it to compare; the index records the one it used).
FRENCH_STEMMER = "snowball"


def _ranked(lang: str) -> Analyzer:
    algorithm = FRENCH_STEMMER if lang == "fr" else "snowball"
    return (
        UNTokenizer()
        | ApostropheFilter()
        | FoldFilter()
        | StopFilter(stoplist=STOP_WORDS[lang], minsize=1, renumber=False)
        | StemFilter(_SNOWBALL[lang], algorithm)
    )


def french_analyzer() -> Analyzer:
    """Return the French ranked pipeline: elision, folding, stop words, Snowball French."""
    return _ranked("fr")


def english_analyzer() -> Analyzer:
    """Return the English ranked pipeline: possessives, folding, stop words, Snowball English."""
    return _ranked("en")


def exact_analyzer() -> Analyzer:
    """Return the phrase pipeline: like the ranked one, but keeping stop words and unstemmed."""
    return UNTokenizer() | ApostropheFilter() | FoldFilter()


def field_analyzer(schema: Any, fieldname: str) -> Analyzer:
    """Return the analyzer of a schema field (every text field of ours has one)."""
    analyzer = schema[fieldname].analyzer
    if analyzer is None:  # pragma: no cover - our schema always sets one
        raise TypeError(f"field {fieldname!r} has no analyzer")
    return analyzer  # type: ignore[no-any-return]


def SymbolAnalyzer() -> Analyzer:
    """Return the pipeline of the ``symbol`` and ``cites`` fields: symbol terms only."""
    return UNTokenizer() | _SymbolOnly()


#: What :func:`analysed_spans` returns for each term: start and end characters,
#: the term, its unstemmed form ("" where the pipeline does not stem) and
#: whether it is a symbol.
Span = tuple[int, int, str, str, bool]

#: Filters that map each token to at most one, whatever its neighbours.
_PER_TOKEN = (ApostropheFilter, FoldFilter, StemFilter, _SymbolOnly)
#: Per analyzer (by id, the analyzer kept alive beside its table): each word's spans.
_WORD_SPANS: dict[int, tuple[Analyzer, dict[str, tuple[Span, ...]]]] = {}


def analysed_spans(
    analyzer: Analyzer, text: str, keep: Callable[[Span], bool] | None = None
) -> list[Span]:
    """Return the terms ``analyzer`` makes of ``text`` at index time, with their characters.

    The same as running the analyzer with ``chars=True, mode="index"`` and
    keeping the spans ``keep`` accepts (all without it), but where the text
    holds no ``/`` (so no symbol) and the pipeline works token by token, each
    distinct word is analysed once and remembered, and ``keep`` is asked once
    a distinct word of the text: highlighting the page's hits then costs a
    regular-expression pass and a look-up a word.

    >>> [s[2] for s in analysed_spans(english_analyzer(), "The Council's decisions")]
    ['council', 'decis']
    """
    words = _word_table(analyzer) if "/" not in text else None
    if words is None:
        found = _analysed_whole(analyzer, text)
        return found if keep is None else [span for span in found if keep(span)]
    out: list[Span] = []
    kept: dict[str, tuple[Span, ...]] = {}
    for m in _WORD_RE.finditer(text):
        word = m.group(0)
        mine = kept.get(word)
        if mine is None:
            spans = words.get(word)
            if spans is None:
                spans = tuple(_analysed_whole(analyzer, word))
                if len(words) > 200_000:
                    words.clear()
                words[word] = spans
            mine = kept[word] = spans if keep is None else tuple(filter(keep, spans))
        if mine:
            start = m.start()
            out.extend(
                (start + a, start + b, term, folded, sym) for a, b, term, folded, sym in mine
            )
    return out


def _analysed_whole(analyzer: Analyzer, text: str) -> list[Span]:
    return [
        (t.startchar, t.endchar, t.text, getattr(t, "folded", ""), getattr(t, "symbol", False))
        for t in analyzer(text, chars=True, mode="index")
    ]


def _word_table(analyzer: Analyzer) -> dict[str, tuple[Span, ...]] | None:
    """Return the analyzer's table of analysed words, or None if it does not work word by word."""
    entry = _WORD_SPANS.get(id(analyzer))
    if entry is not None and entry[0] is analyzer:
        return entry[1]
    if not _per_token(analyzer):
        return None
    if len(_WORD_SPANS) > 16:
        _WORD_SPANS.clear()
    table: dict[str, tuple[Span, ...]] = {}
    _WORD_SPANS[id(analyzer)] = (analyzer, table)
    return table


def _per_token(analyzer: Analyzer) -> bool:
    """Tell whether the analyzer is our tokenizer followed by filters working token by token."""
    items = getattr(analyzer, "items", None)
    if not items or type(items[0]) is not UNTokenizer:
        return False
    for item in items[1:]:
        per_token = isinstance(item, _PER_TOKEN) or (
            isinstance(item, StopFilter) and not item.renumber
        )
        if not per_token:
            return False
    return True


#: Per analyzer (by id, the analyzer kept alive beside its table): each word's
#: term at index time, "" for a word that gives none (a stop word), and the
#: ``term`` function :func:`word_term` returns.
_WORD_TERMS: dict[int, tuple[Analyzer, dict[str, str], Callable[[str], str]]] = {}


def split_words(text: str) -> list[str]:
    """Return the words of a text without ``/``, in order: the tokens the tokenizer makes of it.

    >>> split_words("l’homme, non-sélectivité")
    ['l’homme', 'non', 'sélectivité']
    """
    return _WORD_RE.findall(text)


def word_term(analyzer: Analyzer) -> Callable[[str], str] | None:
    """Return ``term(word)``: the term ``analyzer`` makes of one word at index time.

    A stop word gives "". Each distinct word is analysed once and remembered
    (a table per analyzer). Returns None for an analyzer that does not work
    token by token, whose terms depend on the neighbouring words.

    Where every filter of the analyzer is of a type :data:`_WORD_STEPS`
    knows, a word goes through those filters' word steps, plain functions
    on its text, instead of the analyzer's chain of generators and its
    token: the same term in under half the time (``benchmarks/analysis_speed.py``;
    a French x1 build analyses some 25,000 words for the first time).

    >>> term = word_term(english_analyzer())
    >>> term("Decides"), term("the")
    ('decid', '')
    """
    entry = _WORD_TERMS.get(id(analyzer))
    if entry is not None and entry[0] is analyzer:
        return entry[2]
    if not _per_token(analyzer):
        return None
    if len(_WORD_TERMS) > 16:
        _WORD_TERMS.clear()
    table: dict[str, str] = {}
    analyse = _word_analysis(analyzer)

    def term(word: str) -> str:
        found = table.get(word)
        if found is None:
            found = analyse(word)
            if len(table) > 200_000:
                table.clear()
            table[word] = found
        return found

    _WORD_TERMS[id(analyzer)] = (analyzer, table, term)
    return term


def _word_analysis(analyzer: Analyzer) -> Callable[[str], str]:
    """Return the function analysing one word, by word steps where all filters have one."""
    steps = []
    # The filters after the tokenizer (_per_token has checked it is ours).
    for item in getattr(analyzer, "items", ())[1:]:
        make = _WORD_STEPS.get(type(item))
        if make is None:
            return lambda word: _chain_term(analyzer, word)
        steps.append(make(item))

    def analyse(word: str) -> str:
        if _WORD_RE.fullmatch(word) is None:  # not one token of the tokenizer's
            return _chain_term(analyzer, word)
        text = word
        for step in steps:
            stepped = step(text)
            if stepped is None:  # the filter drops the token: no term
                return ""
            text = stepped
        return text

    return analyse


def _chain_term(analyzer: Analyzer, word: str) -> str:
    """Return the term of one word by running the analyzer's chain on it."""
    terms = [t.text for t in analyzer(word, mode="index")]
    if len(terms) > 1:  # pragma: no cover - a word without "/" is one token
        raise ValueError(f"{word!r} makes {len(terms)} terms")
    return terms[0] if terms else ""


def _stop_step(f: StopFilter) -> _Step:
    """Return what Whoosh's StopFilter does to one word (with stopped tokens removed)."""
    stops, minsize, maxsize = f.stops, f.min, f.max

    def step(word: str) -> str | None:
        size = len(word)
        kept = size >= minsize and (maxsize is None or size <= maxsize) and word not in stops
        return word if kept else None

    return step


#: The filters whose effect on one word :func:`word_term` knows, by exact type
#: (a subclass may analyse otherwise, so it takes the chain): how to get each
#: one's word step. Whoosh's StopFilter is not ours to give a method, hence a
#: table rather than a method looked up on each filter.
_WORD_STEPS: dict[type, Callable[[Any], _Step]] = {
    ApostropheFilter: ApostropheFilter.word_step,
    FoldFilter: FoldFilter.word_step,
    StopFilter: _stop_step,
    StemFilter: StemFilter.word_step,
    _SymbolOnly: _SymbolOnly.word_step,
}


#: Per analyzer (by id, the analyzer kept alive beside its table): the terms of
#: each symbol or number seen (kind and text), with their places from its own,
#: and the positions it takes; None where it cannot be analysed on its own.
_PIECES: dict[int, tuple[Analyzer, dict[tuple[str, str], _Piece | None]]] = {}
_Piece = tuple[tuple[tuple[str, int], ...], int]
_UNSEEN: Any = object()


def text_terms(analyzer: Analyzer, text: str) -> tuple[list[str], list[int]] | None:
    """Return the terms ``analyzer`` makes of ``text`` at index time and each one's position.

    The same terms at the same positions, in the order the analyzer yields
    them, as running it with ``positions=True, mode="index"`` (stopped tokens
    left out), found a word at a time (:func:`word_term`) and a symbol or
    number at a time, each distinct one analysed once. Returns None for an
    analyzer that does not work token by token, or a text with a piece that
    does not make the same tokens on its own; the caller then runs the analyzer.

    >>> terms, positions = text_terms(english_analyzer(), "Recalls its resolution S/RES/338")
    >>> list(zip(terms, positions))  # doctest: +NORMALIZE_WHITESPACE
    [('recal', 0), ('resolut', 2), ('s/res/338', 3), ('338', 3), ('s', 3), ('res', 4), ('338', 5)]
    """
    term_of = word_term(analyzer)
    if term_of is None:
        return None
    known = _WORD_TERMS[id(analyzer)][1].get  # the table term_of fills
    terms: list[str] = []
    positions: list[int] = []
    pieces = _piece_table(analyzer)
    pos = 0
    # One group matches a token, the others are "": (symbol, number, word).
    for sym, num, word in _token_re().findall(text):
        if word:
            term = known(word)
            if term is None:
                term = term_of(word)
            if term:
                terms.append(term)
                positions.append(pos)
            pos += 1
            continue
        key = ("sym", sym) if sym else ("num", num)
        piece = pieces.get(key, _UNSEEN)
        if piece is _UNSEEN:
            piece = _piece(analyzer, pieces, key)
        if piece is None:
            return None
        for term, at in piece[0]:
            terms.append(term)
            positions.append(pos + at)
        pos += piece[1]
    return terms, positions


def _piece_table(analyzer: Analyzer) -> dict[tuple[str, str], _Piece | None]:
    entry = _PIECES.get(id(analyzer))
    if entry is not None and entry[0] is analyzer:
        return entry[1]
    if len(_PIECES) > 16:
        _PIECES.clear()
    table: dict[tuple[str, str], _Piece | None] = {}
    _PIECES[id(analyzer)] = (analyzer, table)
    return table


def _piece(
    analyzer: Analyzer, pieces: dict[tuple[str, str], _Piece | None], key: tuple[str, str]
) -> _Piece | None:
    """Analyse a symbol or number alone and remember it (None if alone it is tokenized otherwise).

    The tokenizer gives a symbol (or what looked like one) its forms at its
    position and its parts at the positions from there, one a part.
    """
    text = key[1]
    alone = [(m.lastgroup, m.group(0)) for m in _token_re().finditer(text)]
    piece: _Piece | None = None
    if "/" in text and alone == [key]:
        found = analyzer(text, positions=True, mode="index")
        piece = tuple((t.text, t.pos) for t in found), len(_PART.findall(text))
    if len(pieces) > 200_000:
        pieces.clear()
    pieces[key] = piece
    return piece


def word_terms(analyzer: Analyzer, text: str) -> dict[str, list[int]] | None:
    """Return the terms ``analyzer`` makes of ``text`` at index time, each with its positions.

    The same terms and positions as running the analyzer with
    ``positions=True, mode="index"``, found a word at a time
    (:func:`word_term`). Returns None where that does not hold: a text with a
    ``/`` (it may hold a UN symbol, which makes several terms) or an analyzer
    that does not work token by token; the caller then runs the analyzer.

    >>> word_terms(english_analyzer(), "The Council decides that the Council")
    {'council': [1, 5], 'decid': [2]}
    """
    term_of = word_term(analyzer) if "/" not in text else None
    if term_of is None:
        return None
    out: dict[str, list[int]] = {}
    for pos, word in enumerate(split_words(text)):
        term = term_of(word)
        if term:
            poses = out.get(term)
            if poses is None:
                out[term] = [pos]
            else:
                poses.append(pos)
    return out
