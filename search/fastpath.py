"""Score a compiled query from the segments' impacts files, vectorised, with Whoosh's results.

:func:`score_all` walks the Whoosh query tree the compiler built and evaluates
it per segment on memory-mapped arrays (``resolu.index.impacts``) instead of
Whoosh's posting-at-a-time matchers. Every match gets the score Whoosh would
give it, to the last bit: BM25F with Whoosh's own statistics (idf, average
field length, encoded field lengths), operands added in the order Whoosh's
matcher tree adds them (a weighted tree for And, a balanced tree or a left fold
for Or, as Whoosh chooses), an excluded query (``NOT``) counting 1.0 as
Whoosh's inverse matcher does. Phrases are matched on the candidates that hold
every word, with positions read from Whoosh's postings. Deleted documents are
masked. A query holding something else (prefixes, year ranges) or an index
segment without its impacts file is not handled: the caller searches with
Whoosh, which gives the same results, only slower.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from resolu.index.impacts import POSITION_FIELDS, SegmentImpacts, impacts_path
from whoosh import query as wq

from .compiler import AndMaybe

__all__ = ["Impacts", "Unsupported", "score_all", "term_positions", "top_rows"]

#: Whoosh's Or preloads scores into an array in segments this small.
_SMALL_SEGMENT = 5000
_TOO_MANY_CLAUSES = 1024
#: Packs (candidate, phrase start) into one integer key.
_SHIFT = 1 << 32


class Unsupported(Exception):
    """The query (or the index) is outside what the fast path reproduces exactly."""


class Impacts:
    """The impacts files of an index's segments, opened once and kept while they live."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._open: dict[str, SegmentImpacts | None] = {}

    def segment(self, segment_id: str) -> SegmentImpacts | None:
        """Return a segment's impacts, or None when it has no (readable) file."""
        if segment_id not in self._open:
            path = impacts_path(self.index_dir, segment_id)
            try:
                found: SegmentImpacts | None = SegmentImpacts(path)
            except (OSError, ValueError, KeyError):
                found = None
            self._open[segment_id] = found
        return self._open[segment_id]


@dataclass(frozen=True)
class _Set:
    """Matches of a subquery in one segment: sorted local document numbers and scores."""

    ids: np.ndarray
    scores: np.ndarray


@dataclass(frozen=True)
class _Except:
    """Every live document but ``ids``, each scoring ``weight`` (Whoosh's inverse matcher)."""

    ids: np.ndarray
    weight: float


_EMPTY = _Set(np.zeros(0, np.int64), np.zeros(0, np.float64))


def score_all(searcher: Any, q: wq.Query, impacts: Impacts) -> tuple[np.ndarray, np.ndarray]:
    """Return every match of ``q`` as (global document numbers, scores), unsorted.

    Raises :class:`Unsupported` when the query or the index is not one the fast
    path reproduces exactly.
    """
    docs: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        segment = reader.segment()
        if segment is None:  # an empty index: nothing to match
            continue
        seg = impacts.segment(segment.segment_id())
        if seg is None or seg.doc_count != reader.doc_count_all():
            raise Unsupported("a segment has no impacts file")
        found = _Segment(searcher, sub, seg).run(q)
        if isinstance(found, _Except):
            raise Unsupported("a query that only excludes")
        docs.append(found.ids + offset)
        scores.append(found.scores)
    if not docs:
        return _EMPTY.ids, _EMPTY.scores
    return np.concatenate(docs), np.concatenate(scores)


def term_positions(
    searcher: Any, impacts: Impacts, field: str, text: str, docnums: list[int]
) -> dict[int, list[int]] | None:
    """Return the positions of a term in each of ``docnums`` (global numbers) that holds it.

    Returns None when a segment's impacts file does not keep the field's
    positions: the caller reads them from Whoosh's postings instead.
    """
    try:
        btext = searcher.schema[field].to_bytes(text)
    except (KeyError, ValueError):
        return {}
    found: dict[int, list[int]] = {}
    wanted = np.array(sorted(docnums), dtype=np.int64)
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        segment = reader.segment()
        mine = wanted[(wanted >= offset) & (wanted < offset + reader.doc_count_all())] - offset
        if segment is None or not len(mine):
            continue
        seg = impacts.segment(segment.segment_id())
        if seg is None or seg.doc_count != reader.doc_count_all() or not seg.has_positions(field):
            return None
        postings = seg.postings(field, btext)
        if postings is None:
            continue
        ids = postings[0]
        which = np.searchsorted(ids, mine)
        held = which < len(ids)
        held[held] = ids[which[held]] == mine[held]
        owner, pos = seg.positions(field, btext, which[held])
        docs = (mine[held] + offset).tolist()
        for doc in docs:
            found[doc] = []
        for i, p in zip(owner.tolist(), pos.tolist(), strict=True):
            found[docs[i]].append(p)
    return found


def top_rows(docnums: np.ndarray, scores: np.ndarray, n: int | None) -> list[tuple[float, int]]:
    """Return the ``n`` best (score, docnum) rows in Whoosh's order: score down, docnum up."""
    if n is not None and n < len(scores):
        if n <= 0:
            return []
        cut = np.partition(scores, len(scores) - n)[len(scores) - n]
        keep = scores >= cut
        docnums, scores = docnums[keep], scores[keep]
    order = np.lexsort((docnums, -scores))
    if n is not None:
        order = order[:n]
    return list(zip(scores[order].tolist(), docnums[order].tolist(), strict=True))


class _Segment:
    def __init__(self, top: Any, sub: Any, seg: SegmentImpacts) -> None:
        self.top = top
        self.reader = sub.reader()
        self.doccount = sub.doc_count_all()
        self.seg = seg
        self.weighting = top.weighting
        deleted = self.reader.deleted_docs_set if self.reader.has_deletions() else frozenset()
        self.deleted = np.fromiter(sorted(deleted), dtype=np.int64, count=len(deleted))
        # The compiler repeats subqueries (an exact phrase once per language):
        # each word and phrase is evaluated once. Results are never changed in
        # place. Compounds are not kept: hashing one hashes its whole subtree,
        # at every level, and combining kept leaves again costs less.
        self._done: dict[Any, _Set | _Except] = {}
        # Whoosh's estimate_size asks each level of a tree for its subtree
        # again: each term's frequency is looked up once.
        self._sizes: Any = _Frequencies(self.reader)  # stands in for the IndexReader

    def run(self, q: Any) -> _Set | _Except:
        if type(q) is not wq.Term and type(q) is not wq.Phrase:
            return self._run(q)
        try:
            return self._done[q]
        except KeyError:
            pass
        except TypeError:  # pragma: no cover - an unhashable query
            return self._run(q)
        found = self._done[q] = self._run(q)
        return found

    def _run(self, q: Any) -> _Set | _Except:
        kind = type(q)
        if q is wq.NullQuery:
            return _EMPTY
        if kind is wq.Term:
            return self.term(q)
        if kind is wq.And:
            return self.conjunction(q)
        if kind is wq.Or:
            return self.disjunction(q)
        if kind is AndMaybe:
            a, b = self.run(q.a), self.run(q.b)
            if isinstance(a, _Except) or isinstance(b, _Except):
                raise Unsupported("NOT inside an optional clause")
            return _maybe(a, b)
        if kind is wq.Not:
            inner = self.run(q.query)
            if isinstance(inner, _Except):
                raise Unsupported("NOT NOT")
            return _Except(inner.ids, 1.0)
        if kind is wq.Phrase:
            return self.phrase(q)
        if kind is wq.AndNot:
            return self.difference(q)
        raise Unsupported(type(q).__name__)

    # ------------------------------------------------------------ leaves

    def _postings(self, field: str, text: Any) -> tuple[np.ndarray, np.ndarray] | None:
        if field not in self.seg.fields:
            raise Unsupported(f"no impacts for field {field}")
        try:
            btext = self.top.schema[field].to_bytes(text)
        except ValueError:
            return None
        # The file lists every term of the segment's lexicon: absent from it
        # is absent from the segment.
        found = self.seg.postings(field, btext)
        if found is None:
            return None
        ids = found[0].astype(np.int64)
        weights = found[1].astype(np.float64)
        if len(self.deleted):
            live = _outside(ids, self.deleted)
            ids, weights = ids[live], weights[live]
        return ids, weights

    def term(self, q: wq.Term, boost: float | None = None) -> _Set:
        field = q.fieldname
        found = self._postings(field, q.text)
        if found is None:
            return _EMPTY
        ids, weights = found
        return self._scored(field, q.text, ids, weights, q.boost if boost is None else boost)

    def _scored(
        self, field: str, text: Any, ids: np.ndarray, weights: np.ndarray, factor: float
    ) -> _Set:
        """Return documents ``ids`` of a term with the scores Whoosh gives their postings."""
        if self.top.schema[field].scorable:
            btext = self.top.schema[field].to_bytes(text)
            scores = self._bm25(field, btext, weights, ids)
        else:
            scores = weights  # Whoosh's WeightScorer: the posting's weight
        if factor != 1.0:
            scores = scores * factor
        return _Set(ids, scores)

    def _bm25(self, field: str, btext: bytes, tf: np.ndarray, ids: np.ndarray) -> np.ndarray:
        w = self.weighting
        b = w._field_B.get(field, w.B)
        k1 = w.K1
        idf = self.top.idf(field, btext)
        avgfl = self.top.avg_field_length(field) or 1
        fl = self.seg.lengths(field)[ids].astype(np.float64)
        # The very expression of whoosh.scoring.bm25, operation for operation.
        scores: np.ndarray = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))
        return scores

    # ------------------------------------------------------------ compounds

    def conjunction(self, q: wq.And) -> _Set | _Except:
        subs = list(q.subqueries)
        if not subs:
            return _EMPTY
        if len(subs) == 1:
            return self._boosted(self.run(subs[0]), q.boost)
        if len(subs) == 2:
            # Two operands are added in either order alike (a + b == b + a):
            # no estimate of their sizes is needed to order them.
            return self._boosted(_intersect(self.run(subs[0]), self.run(subs[1])), q.boost)
        # Whoosh's And builds a Huffman-like tree on estimated sizes.
        items = [(0 - s.estimate_size(self._sizes), self.run(s)) for s in subs]
        return self._boosted(_weighted_tree(items, _intersect), q.boost)

    def difference(self, q: wq.AndNot) -> _Set:
        """Return the matches of ``q.a`` not in ``q.b``, scored as ``q.a`` (AndNotMatcher)."""
        a, b = self.run(q.a), self.run(q.b)
        if isinstance(a, _Except) or isinstance(b, _Except):
            raise Unsupported("NOT inside AND NOT")
        keep = _outside(a.ids, b.ids)
        return _Set(a.ids[keep], a.scores[keep])

    def disjunction(self, q: wq.Or) -> _Set:
        subs = list(q.subqueries)
        if not subs:
            return _EMPTY
        if len(subs) == 1:
            only = self.run(subs[0])
            if isinstance(only, _Except):
                raise Unsupported("NOT inside OR")
            return only
        if getattr(q, "scale", None) or getattr(q, "minmatch", 0):
            raise Unsupported("scaled OR")
        parts = []
        for s in subs:
            found = self.run(s)
            if isinstance(found, _Except):
                raise Unsupported("NOT inside OR")
            parts.append(found)
        if len(subs) >= _TOO_MANY_CLAUSES:
            raise Unsupported("too many clauses")
        if len(subs) > 2 and self.doccount <= _SMALL_SEGMENT:
            # Whoosh preloads such an Or into an array, keeping only positive
            # sums and walking it in parts: not worth reproducing for a
            # segment this small, which Whoosh searches quickly anyway.
            raise Unsupported("an OR of 3 or more clauses in a small segment")
        if len(parts) == 2:  # as for And: two operands need no estimate
            return _scaled(_union(parts[0], parts[1]), q.boost)
        sizes = [s.estimate_size(self._sizes) for s in subs]
        tree = _weighted_tree(list(zip(sizes, parts, strict=True)), _union)
        assert isinstance(tree, _Set)
        merged = _scaled(tree, q.boost)
        return merged

    def phrase(self, q: wq.Phrase) -> _Set:
        if q.slop != 1 or q.fieldname not in POSITION_FIELDS:
            raise Unsupported("sloppy phrase")
        if not self.seg.has_positions(q.fieldname):
            raise Unsupported(f"no positions for field {q.fieldname}")
        words = list(q.words)
        if len(words) == 1:
            return self.term(wq.Term(q.fieldname, words[0]), boost=q.boost)
        postings = []
        for word in words:
            found = self._postings(q.fieldname, word)
            if found is None or not len(found[0]):
                return _EMPTY
            postings.append(found)
        # Candidates hold every word; only those holding them in order are
        # scored (a common word's postings are many, the phrase's few).
        candidates = postings[0][0]
        for ids, _weights in postings[1:]:
            candidates = _common(candidates, ids)[0]
        if not len(candidates):
            return _EMPTY
        matches = candidates[self._in_order(q.fieldname, words, candidates)]
        if not len(matches):
            return _EMPTY
        sets = []
        for word, (ids, weights) in zip(words, postings, strict=True):
            at = np.searchsorted(ids, matches)
            sets.append(self._scored(q.fieldname, word, matches, weights[at], 1.0))
        # SpanNear2's scores: a balanced tree of additions of the words' scores
        # (an intersection of equal sets adds them, in this order).
        both = _tree(sets, _intersect)
        assert isinstance(both, _Set)
        return _scaled(both, q.boost)

    def _in_order(self, field: str, words: list[str], candidates: np.ndarray) -> np.ndarray:
        """Return a mask of the candidates where the words stand one after another.

        Whoosh's SpanNear2 (slop 1, in order) matches where word ``i`` stands at
        ``p + i`` for some ``p``: each word's positions, shifted back by ``i``,
        are keyed by candidate and intersected.
        """
        schema_field = self.top.schema[field]
        keys: np.ndarray | None = None
        for i, word in enumerate(words):
            btext = schema_field.to_bytes(word)
            found = self.seg.postings(field, btext)
            if found is None:  # pragma: no cover - candidates hold every word
                return np.zeros(len(candidates), dtype=bool)
            which = np.searchsorted(found[0], candidates)
            owner, pos = self.seg.positions(field, btext, which)
            mine = owner * _SHIFT + (pos - i + len(words))
            keys = mine if keys is None else np.intersect1d(keys, mine, assume_unique=True)
        mask = np.zeros(len(candidates), dtype=bool)
        if keys is not None:
            mask[np.unique(keys // _SHIFT)] = True
        return mask

    def _boosted(self, found: _Set | _Except, boost: float) -> _Set | _Except:
        if isinstance(found, _Except):
            if boost != 1.0:
                raise Unsupported("boosted NOT")
            return found
        return _scaled(found, boost)


class _Frequencies:
    """A segment's reader for Whoosh's ``estimate_size``, each answer looked up once."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._seen: dict[tuple[str, Any], int] = {}
        self._count: int | None = None

    def doc_frequency(self, fieldname: str, text: Any) -> int:
        key = (fieldname, text)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self._reader.doc_frequency(fieldname, text)
        return found

    def doc_count(self) -> int:
        if self._count is None:
            self._count = self._reader.doc_count()
        return self._count

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


#: Two sorted sets are intersected by a binary search of the smaller one's
#: documents in the larger from this ratio of their sizes on, and a set's
#: documents outside another found so up to this many of them; beyond, by
#: numpy's sort-based set operations (measured at x1: 5 against 9 us for 53 in
#: 277, 124 against 178 us for 5,000 in 15,000; isin costs 22 us for the first,
#: less than the search from about 2,000 documents on).
_RATIO = 2
_SEARCHED = 1500


def _found_in(big: np.ndarray, small: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return which of ``small`` are in ``big`` (a mask) and where (both sorted, unique)."""
    at = np.searchsorted(big, small)
    found = at < len(big)
    found[found] = big[at[found]] == small[found]
    return found, at


def _common(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the documents in both sorted sets and their indices in each, as intersect1d does."""
    if len(a) * _RATIO <= len(b):
        found, at = _found_in(b, a)
        return a[found], np.flatnonzero(found), at[found]
    if len(b) * _RATIO <= len(a):
        found, at = _found_in(a, b)
        return b[found], at[found], np.flatnonzero(found)
    ids, ia, ib = np.intersect1d(a, b, assume_unique=True, return_indices=True)
    return ids, ia, ib


def _outside(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return a mask of the documents of ``a`` not in ``b`` (both sorted, unique)."""
    if len(a) <= _SEARCHED:
        return ~_found_in(b, a)[0]
    mask: np.ndarray = ~np.isin(a, b, assume_unique=True)
    return mask


def _scaled(found: _Set, boost: float) -> _Set:
    return found if boost == 1.0 else _Set(found.ids, found.scores * boost)


def _weighted_tree(items: list[tuple[int, Any]], combine: Any) -> Any:
    """Combine like whoosh.util.make_weighted_tree: the two lightest first.

    Whoosh sorts (weight, matcher) pairs whose matchers compare as equal, so
    ties keep their order, and inserts each merged pair after its equals.
    """
    items = sorted(items, key=lambda item: item[0])
    weights = [w for w, _ in items]
    parts = [p for _, p in items]
    while len(parts) > 1:
        wa, a = weights.pop(0), parts.pop(0)
        wb, b = weights.pop(0), parts.pop(0)
        weight = wa + wb
        at = bisect_right(weights, weight)
        weights.insert(at, weight)
        parts.insert(at, combine(a, b))
    return parts[0]


def _tree(parts: list[_Set], combine: Any) -> _Set | _Except:
    """Combine like whoosh.util.make_binary_tree: halves, left then right."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    result: _Set | _Except = combine(_tree(parts[:half], combine), _tree(parts[half:], combine))
    return result


def _intersect(a: _Set | _Except, b: _Set | _Except) -> _Set | _Except:
    """Return the documents in both, scored ``a + b`` (Whoosh's IntersectionMatcher)."""
    if isinstance(a, _Except) and isinstance(b, _Except):
        return _Except(np.union1d(a.ids, b.ids), a.weight + b.weight)
    if isinstance(a, _Except):
        assert isinstance(b, _Set)
        keep = _outside(b.ids, a.ids)
        return _Set(b.ids[keep], a.weight + b.scores[keep])
    if isinstance(b, _Except):
        keep = _outside(a.ids, b.ids)
        return _Set(a.ids[keep], a.scores[keep] + b.weight)
    ids, ia, ib = _common(a.ids, b.ids)
    return _Set(ids, a.scores[ia] + b.scores[ib])


def _union(a: _Set, b: _Set) -> _Set:
    """Return the documents in either, scored ``a + b`` where both match (UnionMatcher)."""
    if not len(a.ids):
        return b
    if not len(b.ids):
        return a
    ids = np.union1d(a.ids, b.ids)
    sa = np.zeros(len(ids))
    sb = np.zeros(len(ids))
    pa = np.searchsorted(ids, a.ids)
    pb = np.searchsorted(ids, b.ids)
    sa[pa] = a.scores
    sb[pb] = b.scores
    ina = np.zeros(len(ids), dtype=bool)
    inb = np.zeros(len(ids), dtype=bool)
    ina[pa] = True
    inb[pb] = True
    # Where only one side matches, Whoosh returns that side's score untouched.
    scores = np.where(ina & inb, sa + sb, np.where(ina, sa, sb))
    return _Set(ids, scores)


def _maybe(a: _Set, b: _Set) -> _Set:
    """Return ``a``'s documents, adding ``b``'s score where it matches too (AndMaybeMatcher)."""
    if not len(b.ids) or not len(a.ids):
        return a
    _, ia, ib = _common(a.ids, b.ids)
    scores = a.scores.copy()
    scores[ia] = a.scores[ia] + b.scores[ib]
    return _Set(a.ids, scores)
