"""Render the benchmark results as one plain-text table, plus the target checks."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

__all__ = ["render_table", "target_lines"]

Engine = dict[str, Any]

#: (label, getter, format); getters return None where the figure is missing.
FIGURES: list[tuple[str, Callable[[Engine], Any], str]] = [
    ("paragraphs indexed", lambda e: e.get("indexed"), ",d"),
    ("index: paragraphs/s", lambda e: e.get("paragraphs_per_second"), ",.0f"),
    ("index: time (s)", lambda e: e.get("build_seconds"), ".2f"),
    ("index: size on disk (MB)", lambda e: e.get("index_bytes", 0) / 1e6, ".2f"),
    ("index: peak RSS of build (MB)", lambda e: e.get("peak_rss_build_mb"), ".0f"),
    ("query p50 (ms, warm API)", lambda e: e["overall"]["p50"], ".3f"),
    ("query p95 (ms, warm API)", lambda e: e["overall"]["p95"], ".3f"),
    ("query p99 (ms, warm API)", lambda e: e["overall"]["p99"], ".3f"),
    ("CLI start-to-exit median (ms)", lambda e: e.get("cli", {}).get("median_ms"), ".0f"),
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
    """Check this round's targets (issue 4) as medians of per-query-type ratios."""
    lines = ["", "targets (issue 4):"]
    variants = ["resolu", "baseline"] if results.get("baseline") else ["resolu"]
    for run in results["runs"]:
        for variant in variants:
            label = run["corpus"]["name"] + (
                f" (resolu@{results['baseline']})" if variant == "baseline" else ""
            )
            lines.append(f"  {label}: " + _targets(run["engines"], variant))
    return lines


def _targets(engines: dict[str, Engine], variant: str) -> str:
    resolu, sqlite, xapian = (engines[e] for e in (variant, "sqlite", "xapian"))
    ok = {n: "by_type" in e for n, e in engines.items()}
    parts = []
    if ok[variant] and ok["sqlite"]:
        ratios = [
            resolu["by_type"][t]["p50"] / sqlite["by_type"][t]["p50"]
            for t in resolu["by_type"]
            if sqlite["by_type"][t]["p50"] > 0
        ]
        median = statistics.median(ratios)
        parts.append(f"query p50 median ratio vs SQLite {median:.2f}x (<=3: {median <= 3})")
        a, b = resolu.get("cli", {}).get("median_ms"), sqlite.get("cli", {}).get("median_ms")
        if a and b:
            parts.append(f"CLI vs SQLite script {a / b:.2f}x (<=3: {a / b <= 3})")
    if ok[variant] and ok["xapian"]:
        r = resolu["paragraphs_per_second"] / xapian["paragraphs_per_second"]
        parts.append(f"index para/s vs Xapian {r:.2f}x (>=0.5: {r >= 0.5})")
    return "; ".join(parts) if parts else "not measurable"
