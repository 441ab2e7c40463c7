"""Export hits, paragraphs and resolution lists as JSON lines, CSV, BibTeX or RIS.

Every format cites the UN way: symbol, title, adopting body, adoption date,
the paragraph's label (``A/RES/55/109, par. 4``) and the official link
(``https://undocs.org/fr/A/RES/55/109``). JSON of a whole answer is
:mod:`resolu.search.serialize`'s; this module turns the same answers into
records (one per hit, paragraph or resolution) and writes them out.

CSV comes from the standard library. BibTeX and RIS are written here: each is
one flat entry per record (``@misc{…}``, ``TY  - GOVDOC … ER  -``), and the
writers on PyPI bring a bibliography model for far more than that; the tests
read what we write back with independent parsers (bibtexparser, rispy).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from typing import Any

from resolu.corpus.bodies import body_by_name
from resolu.corpus.model import Paragraph, Resolution

from .arguments import check_instance
from .citation import official_url
from .hits import Results
from .listing import ResolutionSummary

__all__ = [
    "EXPORT_FORMATS",
    "export_records",
    "hit_records",
    "resolution_records",
    "summary_records",
]

#: What ``--format`` accepts; ``text`` and ``json`` are written by the CLI and the serialiser.
EXPORT_FORMATS = ("text", "json", "jsonl", "csv", "bibtex", "ris")

#: Columns of the CSV of hits and paragraphs, and of resolution lists.
PARAGRAPH_COLUMNS = (
    "reference",
    "label",
    "symbol",
    "title",
    "body",
    "adopted",
    "year",
    "kind",
    "number",
    "language",
    "url",
    "score",
    "text",
)
RESOLUTION_COLUMNS = (
    "symbol",
    "title",
    "body",
    "session",
    "year",
    "adopted",
    "languages",
    "paragraphs",
    "url",
)

Record = dict[str, Any]


def hit_records(results: Results) -> list[Record]:
    """Return one record per hit of ``results`` (the columns of :data:`PARAGRAPH_COLUMNS`)."""
    check_instance("results", results, Results)
    return [
        {
            "reference": h.reference,
            "label": h.label,
            "symbol": h.symbol,
            "title": h.title,
            "body": h.body,
            "adopted": str(h.adopted or ""),
            "year": h.year,
            "kind": h.kind,
            "number": h.number,
            "language": h.language,
            "url": h.url,
            "score": h.score,
            "text": h.text,
        }
        for h in results
    ]


def resolution_records(
    res: Resolution, paragraphs: Iterable[Paragraph] | None = None
) -> list[Record]:
    """Return one record per paragraph of ``res`` (or of ``paragraphs``, some of them)."""
    check_instance("res", res, Resolution)
    paragraphs = res.paragraphs if paragraphs is None else tuple(paragraphs)
    for p in paragraphs:
        check_instance("a paragraph", p, Paragraph)
    url = official_url(res.symbol, res.language)
    return [
        {
            "reference": p.reference,
            "label": p.label,
            "symbol": res.symbol,
            "title": res.title,
            "body": res.body,
            "adopted": str(res.adopted or ""),
            "year": res.year,
            "kind": p.kind,
            "number": p.number,
            "language": res.language,
            "url": url,
            "score": None,
            "text": p.text,
        }
        for p in paragraphs
    ]


def summary_records(summaries: Iterable[ResolutionSummary]) -> list[Record]:
    """Return one record per listed resolution (the columns of :data:`RESOLUTION_COLUMNS`)."""
    summaries = tuple(summaries)
    for s in summaries:
        check_instance("a summary", s, ResolutionSummary)
    return [
        {
            "symbol": s.symbol,
            "title": s.title,
            "body": s.body,
            "session": s.session,
            "year": s.year,
            "adopted": str(s.adopted or ""),
            "languages": ",".join(s.languages),
            "paragraphs": s.paragraphs,
            "url": official_url(s.symbol, s.languages[0] if s.languages else "fr"),
        }
        for s in summaries
    ]


def export_records(records: list[Record], fmt: str) -> str:
    """Write records as ``jsonl``, ``csv``, ``bibtex`` or ``ris``; raise ValueError otherwise.

    Records are those :func:`hit_records`, :func:`resolution_records` and
    :func:`summary_records` make: a record lacking one of their columns is a
    ValueError, one that is not a dict a TypeError.
    """
    records = _checked(records)
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if fmt == "csv":
        return _csv(records)
    if fmt == "bibtex":
        return "\n".join(_bibtex(r) for r in records)
    if fmt == "ris":
        return "".join(_ris(r) for r in records)
    raise ValueError(f"unknown export format '{fmt}' (known: jsonl, csv, bibtex, ris)")


#: Columns whose values are numbers (or None); the others are written as text.
_NUMBERS = frozenset({"year", "score", "paragraphs"})
#: Columns every format reads from every record (the others are optional).
_REQUIRED = ("symbol", "title", "body", "adopted", "year", "url")


def _checked(records: object) -> list[Record]:
    check_instance("records", records, list)
    out = []
    for r in records:  # type: ignore[attr-defined]
        check_instance("a record", r, dict)
        missing = [c for c in _REQUIRED if c not in r]
        if missing:
            raise ValueError(f"a record lacks {', '.join(missing)} (make them with *_records())")
        out.append({k: v if v is None or k in _NUMBERS else str(v) for k, v in r.items()})
    return out


def _csv(records: list[Record]) -> str:
    columns = RESOLUTION_COLUMNS if records and "reference" not in records[0] else PARAGRAPH_COLUMNS
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in records)
    return out.getvalue()


def _author(body: str, language: str) -> str:
    """Return the body as a corporate author: ``Nations Unies, Assemblée générale``."""
    found = body_by_name(body)
    if language == "fr":
        return f"Nations Unies, {found.name_fr}" if found else "Nations Unies"
    return f"United Nations, {found.name}" if found else "United Nations"


_BIB_SPECIAL = re.compile(r"([\\{}%&$#_~^])")


def bibtex_escape(text: str) -> str:
    r"""Escape what would break a BibTeX value or the LaTeX it is printed through.

    >>> bibtex_escape("50% {net}")
    '50\\% \\{net\\}'
    """
    return _BIB_SPECIAL.sub(r"\\\1", text)


def _key(record: Record) -> str:
    """Return the citation key: the reference (or symbol) in letters, digits and ``_``."""
    raw = record.get("reference") or record["symbol"]
    return re.sub(r"[^A-Za-z0-9]+", "_", raw).strip("_")


def _bibtex(r: Record) -> str:
    language = r.get("language") or (r.get("languages") or "fr").split(",")[0]
    fields = {
        "author": "{" + bibtex_escape(_author(r["body"], language)) + "}",
        "title": bibtex_escape(r["title"] or r["symbol"]),
        "number": bibtex_escape(r["symbol"]),
        "year": str(r["year"] or ""),
        "date": r["adopted"],
        "language": language,
        "url": r["url"],
        "note": bibtex_escape(r.get("label") or r["symbol"]),
        "abstract": bibtex_escape(r.get("text") or ""),
    }
    lines = [f"  {name} = {{{value}}}," for name, value in fields.items() if value]
    return "@misc{" + _key(r) + ",\n" + "\n".join(lines) + "\n}\n"


def _ris_line(tag: str, value: Any) -> str:
    text = " ".join(str(value).split())
    return f"{tag}  - {text}\n" if text else ""


def _ris(r: Record) -> str:
    language = r.get("language") or (r.get("languages") or "fr").split(",")[0]
    adopted = r["adopted"].replace("-", "/") if r["adopted"] else ""
    parts = [
        _ris_line("TY", "GOVDOC"),
        _ris_line("ID", _key(r)),
        _ris_line("AU", _author(r["body"], language)),
        _ris_line("TI", r["title"] or r["symbol"]),
        _ris_line("PY", r["year"] or ""),
        _ris_line("DA", adopted),
        _ris_line("CN", r["symbol"]),
        _ris_line("N1", r.get("label") or r["symbol"]),
        _ris_line("AB", r.get("text") or ""),
        _ris_line("LA", language),
        _ris_line("UR", r["url"]),
        "ER  - \n",
    ]
    return "".join(parts)
