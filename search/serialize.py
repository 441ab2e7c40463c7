"""The JSON shapes of resolu's answers, shared by ``resolu … --json`` and the web API.

One serialiser for both, so that a script moving from the command line to
``/api/`` reads the same keys. Values are plain ``dict``/``list``/``str``/
``int``/``float``/``None``, ready for :func:`json.dumps`.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resolu.corpus.model import Paragraph, Resolution

from .citation import official_url
from .hits import Hit, Results
from .listing import ResolutionSummary

if TYPE_CHECKING:
    from resolu.index.sources import SourceInfo

__all__ = ["found_json", "hit_json", "resolutions_json", "results_json", "sources_json"]


def hit_json(h: Hit) -> dict[str, Any]:
    """Return one hit as JSON (the README documents its keys)."""
    return {
        "rank": h.rank,
        "score": h.score,
        "reference": h.reference,
        "key": h.key,
        "label": h.label,
        "symbol": h.symbol,
        "title": h.title,
        "kind": h.kind,
        "type": h.doc_type,
        "number": h.number,
        "language": h.language,
        "year": h.year,
        "text": h.text,
        "highlights": [list(s) for s in h.highlights],
        "snippet": h.snippet,
        "also": list(h.also),
        "aligned": list(h.aligned),
        "url": h.url,
        "body": h.body,
        "adopted": _iso(h.adopted),
    }


def results_json(results: Results, *, limit: int, offset: int) -> dict[str, Any]:
    """Return a page of results as JSON, with the paging that produced it."""
    out: dict[str, Any] = {
        "query": results.query,
        "total": results.total,
        "partial": results.partial,
        "complete": results.complete,
        "grouped": results.grouped,
        "sort": results.sort,
        "language": results.language,
        "elsewhere": dict(results.elsewhere),
        "suggestions": list(results.suggestions),
        "operators": [{"word": w, "operator": op} for w, op in results.operators],
        "passage": list(results.passage),
        "passage_cut": results.passage_cut,
        "expansions": [{"acronym": a, "forms": list(f)} for a, f in results.expansions],
        "symbols": [{"typed": t, "symbols": list(s)} for t, s in results.symbols],
        "offset": offset,
        "limit": limit,
        "hits": [hit_json(h) for h in results],
    }
    if results.facets is not None:
        out["facets"] = {
            name: [asdict(v) for v in values] for name, values in results.facets.items()
        }
    return out


def found_json(
    found: Paragraph | Resolution, *, with_source: bool = True, language: str = ""
) -> dict[str, Any]:
    """Return a paragraph or a whole resolution as JSON, with its official link (``url``).

    ``language`` is the paragraph's (a :class:`Paragraph` does not say; French
    where not given).
    ``with_source=False`` leaves out ``source``, the path of the file the
    resolution was read from: the web API never tells a client where files live.
    """
    out = asdict(found)
    if not with_source:
        out.pop("source", None)
    if isinstance(found, Resolution):
        out["url"] = official_url(found.symbol, found.language)
    else:
        out["url"] = official_url(found.reference.partition("#")[0], language or "fr")
    if "adopted" in out:
        out["adopted"] = _iso(out["adopted"])
    return out


def _iso(day: datetime.date | None) -> str:
    """Return a date as JSON writes it, ``YYYY-MM-DD`` ("" when unknown)."""
    return day.isoformat() if day else ""


def resolutions_json(
    summaries: tuple[ResolutionSummary, ...], *, limit: int, offset: int
) -> dict[str, Any]:
    """Return a page of the indexed resolutions as JSON."""
    return {
        "total": len(summaries),
        "offset": offset,
        "limit": limit,
        "resolutions": [
            {
                **asdict(s),
                "adopted": _iso(s.adopted),
                "url": official_url(s.symbol, s.languages[0] if s.languages else "fr"),
            }
            for s in summaries[offset : offset + limit]
        ],
    }


def sources_json(index_dir: Path, sources: list[SourceInfo]) -> dict[str, Any]:
    """Return the sources of an index as JSON (times in ISO 8601, UTC; null when unknown)."""
    return {
        "index": str(index_dir),
        "sources": [
            {
                **asdict(s),
                "added": s.added.isoformat() if s.added else None,
                "updated": s.updated.isoformat() if s.updated else None,
            }
            for s in sources
        ],
    }
