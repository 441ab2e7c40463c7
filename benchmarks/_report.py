"""Render the benchmark results as one plain-text table, plus the target checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["render_table", "target_lines"]

Engine = dict[str, Any]

#: (label, getter, format); getters return None where the figure is missing.
FIGURES: list[tuple[str, Callable[[Engine], Any], str]] = [
    ("paragraphs indexed", lambda e: e.get("indexed"), ",d"),
    ("index: paragraphs/s", lambda e: e.get("paragraphs_per_second"), ",.0f"),
    ("index: time (s)", lambda e: e.get("build_seconds"), ".2f"),
    ("index: CPU time (s)", lambda e: e.get("build_cpu_seconds"), ".2f"),
    (
        "index: paragraphs per CPU s",
        lambda e: e["indexed"] / e["build_cpu_seconds"] if e.get("build_cpu_seconds") else None,
        ",.0f",
    ),
    ("index: size on disk (MB)", lambda e: e.get("index_bytes", 0) / 1e6, ".2f"),
    ("index: peak RSS of build (MB)", lambda e: e.get("peak_rss_build_mb"), ".0f"),
    ("query p50 (ms, warm API)", lambda e: e["overall"]["p50"], ".3f"),
    ("query p95 (ms, warm API)", lambda e: e["overall"]["p95"], ".3f"),
    ("query p99 (ms, warm API)", lambda e: e["overall"]["p99"], ".3f"),
    ("query p50 (ms CPU, warm API)", lambda e: e["overall_cpu"]["p50"], ".3f"),
    ("query p95 (ms CPU, warm API)", lambda e: e["overall_cpu"]["p95"], ".3f"),
    ("CLI start-to-exit median (ms)", lambda e: e.get("cli", {}).get("median_ms"), ".0f"),
    ("CLI CPU median (ms)", lambda e: e.get("cli", {}).get("cpu_median_ms"), ".0f"),
]


def _cell(engine: Engine, getter: Callable[[Engine], Any], fmt: str) -> tuple[str, Any]:
    if "skipped" in engine:
        return "skipped", None
    if "error" in engine:
        return "FAILED", None
    try:
        value = getter(engine)
    except (KeyError, TypeError):
        value = None
    if value is None:
        return "n/a", None
    return format(value, fmt), value


def _ratio(a: Any, b: Any) -> str:
    if a is None or b is None or b == 0:
        return "-"
    return f"{a / b:.2f}x"


def _matches(engine: Engine) -> str:
    if "by_type" not in engine:
        return "-"
    return "/".join(
        "?" if v.get("total") is None else str(v["total"]) for v in engine["by_type"].values()
    )


def render_table(results: dict[str, Any]) -> str:
    """Return the one table: a block of figures per corpus, ratios resolu/other."""
    names = {"resolu": "resolu", "sqlite": "SQLite FTS5", "xapian": "Xapian"}
    columns = ["resolu", "sqlite", "xapian"]
    ratios = [("resolu", "sqlite"), ("resolu", "xapian")]
    if results.get("baseline"):
        names["baseline"] = f"resolu@{results['baseline']}"
        columns.insert(1, "baseline")
        ratios += [("baseline", "sqlite"), ("baseline", "xapian"), ("resolu", "baseline")]
    short = {**names, "sqlite": "SQLite", "baseline": "before"}
    header = (
        "figure",
        *(names[c] for c in columns),
        *(f"{short[a]}/{short[b]}" for a, b in ratios),
    )
    rows: list[tuple[str, ...] | str] = []
    for run in results["runs"]:
        corpus, engines = run["corpus"], run["engines"]
        rows.append(
            f"== {corpus['name']}: {corpus['description']}; {corpus['paragraphs']:,} paragraphs "
            f"from {corpus['resolutions']:,} documents ({corpus['distinct_symbols']:,} distinct "
            f"symbols), {corpus['characters']:,} chars; read in {corpus['read_seconds']:.1f}s"
        )
        for label, getter, fmt in FIGURES:
            cells = {e: _cell(engines[e], getter, fmt) for e in columns}
            rows.append(
                (
                    label,
                    *(cells[e][0] for e in columns),
                    *(_ratio(cells[a][1], cells[b][1]) for a, b in ratios),
                )
            )
        rows.append(
            (
                "matches " + "/".join(results["settings"]["query_types"]),
                *(_matches(engines[e]) for e in columns),
                *("" for _ in ratios),
            )
        )
        for note in corpus["notes"]:
            rows.append(f"   note: {note}")
        for name, engine in engines.items():
            if "error" in engine:
                rows.append(f"   {name} FAILED: {engine['error']}")
            if "search_missing" in engine:
                rows.append(f"   {name}: no queries: {engine['search_missing']}")
            if engine.get("cli_error"):
                rows.append(f"   {name} CLI not timed: {engine['cli_error']}")
            if isinstance(engine.get("cli"), dict) and "error" in engine["cli"]:
                rows.append(f"   {name} CLI FAILED: {engine['cli']['error']}")
    widths = [len(h) for h in header]
    for row in rows:
        if isinstance(row, tuple):
            widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]

    def line(cells: tuple[str, ...]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))
        return "  ".join((first, *rest))

    machine, versions = results["machine"], results["versions"]
    out = [
        f"resolu benchmark — {machine['cpu_count']} cores (os.cpu_count()), {machine['platform']}",
        "versions: "
        + "; ".join(f"{k} {v}" for k, v in versions.items() if k not in ("platform", "reader")),
        f"paragraphs from: {versions['reader']}; same paragraphs for every engine",
        "ratios are resolu / other: >1 means resolu's figure is bigger "
        "(slower for times, faster for paragraphs/s)",
        "",
        line(header),
        line(tuple("-" * w for w in widths)),
    ]
    out += [line(r) if isinstance(r, tuple) else r for r in rows]
    for engine, reason in results["skipped"].items():
        out.append(f"skipped: {engine}: {reason}")
    settings = results["settings"]
    out.append(
        f"query mix: {', '.join(settings['query_types'])}; {settings['repeat']} timed rounds "
        f"after {settings['warmup']} warm-up; top {settings['limit']}; CLI: "
        f"{settings['cli_rounds']} round(s) of the mix, one process per query; "
        "SQLite/Xapian CLI = minimal scripts"
    )
    if settings.get("profiled"):
        out.append("WARNING: resolu ran under cProfile; its timings are inflated")
    return "\n".join(out)


def target_lines(results: dict[str, Any]) -> list[str]:
    """Check issue 16's bars, per corpus and variant, then the growth from the smallest scale."""
    lines = ["", "targets (issue 16; ratios in this run):"]
    variants = ["resolu", "baseline"] if results.get("baseline") else ["resolu"]
    for run in results["runs"]:
        for variant in variants:
            label = run["corpus"]["name"] + (
                f" (resolu@{results['baseline']})" if variant == "baseline" else ""
            )
            lines.append(f"  {label}: " + _targets(run, variant))
    lines += _growth(results, variants)
    return lines


def _scale(name: str) -> int:
    """Return a corpus's scale from its name (``en-x10`` -> 10, ``fr`` -> 1)."""
    _, _, tail = name.rpartition("-x")
    return int(tail) if tail.isdigit() else 1


def _figure(engine: Engine, getter: Callable[[Engine], Any]) -> Any:
    try:
        return None if "skipped" in engine or "error" in engine else getter(engine)
    except (KeyError, TypeError):
        return None


def _targets(run: dict[str, Any], variant: str) -> str:
    engines = run["engines"]
    mine, sqlite, xapian = (engines.get(e, {}) for e in (variant, "sqlite", "xapian"))
    scale = _scale(run["corpus"]["name"])
    parts = []
    p50 = _figure(mine, lambda e: e["overall"]["p50"])
    p95 = _figure(mine, lambda e: e["overall"]["p95"])
    s50 = _figure(sqlite, lambda e: e["overall"]["p50"])
    s95 = _figure(sqlite, lambda e: e["overall"]["p95"])
    if p50 and s50:
        bar = {1: 3.0, 10: 1.5}.get(scale)
        verdict = f" (<={bar}: {p50 / s50 <= bar})" if bar else ""
        parts.append(f"query p50 {p50 / s50:.2f}x SQLite{verdict}")
        c50 = _figure(mine, lambda e: e["overall_cpu"]["p50"])
        sc50 = _figure(sqlite, lambda e: e["overall_cpu"]["p50"])
        if c50 and sc50:
            verdict = f" (<={bar}: {c50 / sc50 <= bar})" if bar else ""
            parts.append(f"in CPU time {c50 / sc50:.2f}x{verdict}")
    if p95 and s95 and scale >= 50:
        ok = p95 <= 100 and p95 < s95
        parts.append(f"p95 {p95:.1f} ms (<=100 and < SQLite's {s95:.1f}: {ok})")
    cli, scli = (_figure(e, lambda e: e["cli"]["median_ms"]) for e in (mine, sqlite))
    if cli and scli:
        parts.append(f"CLI {cli / scli:.2f}x the SQLite script (<=2: {cli / scli <= 2})")
    ccli, cscli = (_figure(e, lambda e: e["cli"]["cpu_median_ms"]) for e in (mine, sqlite))
    if ccli and cscli:
        parts.append(f"in CPU time {ccli / cscli:.2f}x")
    pps, xpps = (_figure(e, lambda e: e["paragraphs_per_second"]) for e in (mine, xapian))
    if pps and xpps:
        parts.append(f"index para/s {pps / xpps:.2f}x Xapian (>=0.5: {pps / xpps >= 0.5})")
    cpu, xcpu = (_figure(e, lambda e: e["build_cpu_seconds"]) for e in (mine, xapian))
    if cpu and xcpu and pps and xpps:
        ratio = (xcpu / cpu) * (mine["indexed"] / xapian["indexed"])
        parts.append(f"per CPU second {ratio:.2f}x")
    size, xsize = (_figure(e, lambda e: e["index_bytes"]) for e in (mine, xapian))
    if size and xsize:
        parts.append(f"size {size / xsize:.2f}x Xapian (<=2: {size / xsize <= 2})")
    rss = _figure(mine, lambda e: e["peak_rss_build_mb"])
    if rss and scale >= 50:
        parts.append(f"peak RSS of build {rss:.0f} MB (<1024: {rss < 1024})")
    return "; ".join(parts) if parts else "not measurable"


def _growth(results: dict[str, Any], variants: list[str]) -> list[str]:
    """Return query p50 and p95 per scale, per language and variant, with p50 against x1."""
    out = ["", "growth (query p50 / p95 ms, warm API; p50 against the x1 corpus of its language):"]
    by_lang: dict[str, list[dict[str, Any]]] = {}
    for run in results["runs"]:
        by_lang.setdefault(run["corpus"]["language"], []).append(run)
    for lang, runs in by_lang.items():
        runs = sorted(runs, key=lambda r: _scale(r["corpus"]["name"]))
        for variant in [*variants, "sqlite", "xapian"]:
            first = None
            cells = []
            for run in runs:
                engine = run["engines"].get(variant, {})
                p50 = _figure(engine, lambda e: e["overall"]["p50"])
                p95 = _figure(engine, lambda e: e["overall"]["p95"])
                if p50 is None:
                    continue
                first = p50 if first is None and _scale(run["corpus"]["name"]) == 1 else first
                growth = f", x{p50 / first:.1f}" if first else ""
                cells.append(f"x{_scale(run['corpus']['name'])} {p50:.2f}/{p95:.2f}{growth}")
            if cells:
                name = f"resolu@{results['baseline']}" if variant == "baseline" else variant
                out.append(f"  {lang} {name}: " + "; ".join(cells))
    return out
