"""Find where a query matched in a paragraph's original text, and cut a snippet.

Offsets come from the same analyzers the index used (tokens carry character
offsets into the original string), so ``cooperation`` highlights
``coopération`` as written, accents and all.
"""

from __future__ import annotations

from resolu.index.analysis import Span, analysed_spans, field_analyzer
from resolu.index.schema import EXACT
from whoosh.fields import Schema

from .compiler import Compiled

__all__ = ["highlight_spans", "snippet"]


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


def highlight_spans(
    text: str, fieldname: str, compiled: Compiled, schema: Schema
) -> tuple[tuple[int, int], ...]:
    """Return the merged character spans of ``text`` that the query matched."""
    spans: list[tuple[int, int]] = []
    terms = {t for f, t in compiled.terms if f == fieldname}
    prefixes = tuple(p for f, p in compiled.prefixes if f == fieldname)
    if terms or prefixes:

        def wanted(span: Span) -> bool:
            term, folded = span[2], span[3] or span[2]
            return term in terms or bool(
                prefixes and (term.startswith(prefixes) or folded.startswith(prefixes))
            )

        found = analysed_spans(field_analyzer(schema, fieldname), text, wanted)
        spans.extend((start, end) for start, end, *_ in found)
    if compiled.phrases:
        # The phrase's words as the exact field saw them, symbols as parts.
        seq = [
            (start, end, term)
            for start, end, term, _folded, symbol in analysed_spans(
                field_analyzer(schema, EXACT), text
            )
            if not symbol
        ]
        words = [w for _, _, w in seq]
        for phrase in compiled.phrases:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if words[i : i + n] == phrase:
                    spans.append((seq[i][0], seq[i + n - 1][1]))
    return _merge(spans)


def snippet(
    text: str, spans: tuple[tuple[int, int], ...], *, width: int = 240
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Cut about ``width`` characters of ``text`` around the first match, at word bounds."""
    if len(text) <= width:
        return text, spans
    center = spans[0][0] if spans else 0
    start = max(0, center - width // 3)
    end = min(len(text), start + width)
    start = max(0, end - width)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < center else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > center else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    inner = tuple(
        (max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end
    )
    return prefix + text[start:end] + suffix, inner
