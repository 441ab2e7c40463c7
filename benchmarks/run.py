"""Benchmark resolu against SQLite FTS5 and Xapian on real UN text.

Builds the corpora (French texts, the English Security Council set scaled ×1, ×10, ...)
from ``../shared/data``, indexes the same paragraphs (from resolu's reader) with every
engine in a child process of its own, times a fixed query mix through each engine's
Python API with a warm searcher, times ``resolu search`` end to end against minimal
SQLite and Xapian scripts, and prints one table of figures and ratios (also written
as JSON with ``--out``). See ``benchmarks/README.md``.

    python benchmarks/run.py                 # fr, en x1, en x10; all engines
    python benchmarks/run.py --scales 1,10,50 --out bench.json
    python benchmarks/run.py --scales 1,10 --french-scales same --baseline REF --out bench.json
    python benchmarks/run.py --quick --scales 1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from _at_commit import packages_at as prepare_baseline  # noqa: E402
from _corpora import Corpus, build_english, build_french, read_paragraphs  # noqa: E402
from _queries import QUERY_TYPES, queries_for  # noqa: E402
from _reader import find, reader_name  # noqa: E402
from _report import render_table, target_lines  # noqa: E402

ENGINES = ("resolu", "sqlite", "xapian")
#: Column order; "baseline" is resolu at another git ref (``--baseline REF``).
COLUMNS = ("resolu", "baseline", "sqlite", "xapian")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=REPO.parent / "shared" / "data",
        help="folder holding en_only/, udhr/, un_v1_devset/ (default: ../shared/data)",
    )
    parser.add_argument("--scales", default="1,10", help="copies of the English set, e.g. 1,10,50")
    parser.add_argument("--no-french", action="store_true", help="skip the French corpora")
    parser.add_argument(
        "--french-scales",
        help="copies of the French dev set, e.g. 1,10 (default: 1; 'same' for --scales)",
    )
    parser.add_argument("--no-english", action="store_true", help="skip the English corpora")
    parser.add_argument("--engines", default=",".join(ENGINES), help="subset, comma-separated")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run)")
    parser.add_argument("--repeat", type=int, help="timed rounds of the query mix (default 30)")
    parser.add_argument("--cli-rounds", type=int, help="rounds of CLI runs per query (default 3)")
    parser.add_argument("--procs", type=int, default=1, help="resolu build_index procs (default 1)")
    parser.add_argument("--xapian-python", default="/usr/bin/python3", help="python with xapian")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep corpora and indexes")
    parser.add_argument("--profile", type=Path, help="cProfile resolu into DIR")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    parser.add_argument(
        "--baseline",
        metavar="REF",
        help="also run resolu as of this git ref (before/after in the same run)",
    )
    args = parser.parse_args(argv)
    args.scales = [int(s) for s in args.scales.split(",") if s.strip()]
    french = args.french_scales or "1"
    args.french_scales = (
        list(args.scales) if french == "same" else [int(s) for s in french.split(",") if s.strip()]
    )
    args.engines = [e for e in args.engines.split(",") if e]
    unknown = set(args.engines) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engine(s): {', '.join(sorted(unknown))}")
    if args.repeat is None:
        args.repeat = 5 if args.quick else 30
    if args.cli_rounds is None:
        args.cli_rounds = 1 if args.quick else 3
    args.warmup = 1 if args.quick else 3
    return args


# --- what is available ------------------------------------------------------------------


def _resolu_cli() -> str | None:
    candidate = Path(sys.executable).parent / "resolu"
    return str(candidate) if candidate.exists() else shutil.which("resolu")


def availability(args: argparse.Namespace) -> dict[str, str | None]:
    """Return, per engine, None if it can run or the reason it is skipped."""
    reasons: dict[str, str | None] = {}
    if find("build_index", "resolu.index", "resolu.index.builder") is None:
        reasons["resolu"] = "resolu.index.build_index not found"
    else:
        reasons["resolu"] = None
    try:
        con = sqlite3.connect(":memory:")
        con.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61')")
        reasons["sqlite"] = None
    except sqlite3.Error as error:
        reasons["sqlite"] = f"SQLite without FTS5 ({error})"
    probe = (
        subprocess.run(
            [args.xapian_python, "-c", "import xapian"], capture_output=True, text=True, check=False
        )
        if Path(args.xapian_python).exists()
        else None
    )
    if probe is None:
        reasons["xapian"] = f"{args.xapian_python} not found"
    elif probe.returncode:
        reasons["xapian"] = f"no xapian for {args.xapian_python} (apt install python3-xapian)"
    else:
        reasons["xapian"] = None
    for engine in ENGINES:
        if engine not in args.engines:
            reasons[engine] = "not selected (--engines)"
    reasons["baseline"] = None if args.baseline else "no --baseline"
    return reasons


def versions(args: argparse.Namespace, reasons: dict[str, str | None]) -> dict[str, str]:
    found = {
        "python": f"{platform.python_version()} ({sys.executable})",
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }
    for package in ("resolu", "whoosh3", "PyStemmer"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--", "index", "search"],
        capture_output=True,
        text=True,
        check=False,
    )
    found["resolu_commit"] = commit.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    if reasons.get("xapian") is None:
        out = subprocess.run(
            [
                args.xapian_python,
                "-c",
                "import xapian, platform;print(xapian.version_string(), platform.python_version())",
            ],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        found["xapian"] = f"{out[0]} (python {out[1]}, {args.xapian_python})" if out else "?"
    found["reader"] = reader_name()
    return found


# --- running the engines ----------------------------------------------------------------


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def run_engine(
    engine: str, corpus: Corpus, args: argparse.Namespace, index_root: Path
) -> dict[str, Any]:
    """Build and query one engine in a child process; return its figures."""
    index_root = index_root / engine
    index_root.mkdir(parents=True, exist_ok=True)
    job = {
        "paragraphs": str(corpus.jsonl),
        "corpus": str(corpus.folder),
        "index": str(index_root),
        "language": corpus.language,
        "queries": queries_for(corpus.language),
        "warmup": args.warmup,
        "repeat": args.repeat,
        "limit": 10,
        "procs": args.procs,
        "profile": None,
    }
    if engine in ("resolu", "baseline") and args.profile:
        profile_dir = args.profile / corpus.name / engine
        profile_dir.mkdir(parents=True, exist_ok=True)
        job["profile"] = str(profile_dir)
    job_file = index_root / f"{engine}.job.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    python = args.xapian_python if engine == "xapian" else sys.executable
    worker = "resolu" if engine == "baseline" else engine
    command = [python, str(HERE / f"_engine_{worker}.py"), str(job_file)]
    start = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, env=_env(engine, args)
    )
    wall = time.perf_counter() - start
    if done.returncode:
        tail = done.stderr.strip().splitlines()[-3:]
        return {"error": f"worker exited {done.returncode}: {' | '.join(tail)}"}
    result: dict[str, Any] = json.loads(done.stdout)
    if engine == "baseline":
        result["engine"] = "baseline"
        result["version"] = f"resolu at {args.baseline}"
    result["worker_wall_seconds"] = wall
    result["index_bytes"] = _size(Path(result["index_path"]))
    return result


def _env(engine: str, args: argparse.Namespace) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "RESOLU_INDEX"}
    if engine == "baseline":
        env["PYTHONPATH"] = str(args.baseline_path)
    return env


def _compile_sources(args: argparse.Namespace) -> None:
    """Write the bytecode of resolu's sources (this tree's and the baseline's) before timing.

    ``pip install`` compiles an installed package's modules; an editable install
    under ``PYTHONDONTWRITEBYTECODE=1`` (as on the team's machines) would compile
    every module from source in every process instead, which no user pays.
    """
    folders = [REPO / name for name in ("corpus", "index", "search")]
    if args.baseline_path is not None:
        folders += [
            args.baseline_path.parent / "src" / name for name in ("corpus", "index", "search")
        ]
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *map(str, folders)],
        capture_output=True,
        check=False,
    )


def time_cli(
    corpus: Corpus,
    engines: dict[str, dict[str, Any]],
    args: argparse.Namespace,
) -> dict[str, Any]:
    """Time one search per process, start to exit: resolu's CLI and the minimal scripts."""
    commands: dict[str, Any] = {}
    if "resolu" in engines:
        cli = _resolu_cli()
        if cli is None:
            engines["resolu"]["cli_error"] = "no `resolu` executable"
        else:
            index_dir = engines["resolu"]["index_path"]
            commands["resolu"] = lambda q: [cli, "search", q["resolu"], "--index-dir", index_dir]
    if "baseline" in engines:
        base_dir = engines["baseline"]["index_path"]
        main = "import sys; from resolu.search.cli import main; sys.exit(main())"
        commands["baseline"] = lambda q: [
            sys.executable,
            "-c",
            main,
            "search",
            q["resolu"],
            "--index-dir",
            base_dir,
        ]
    if "sqlite" in engines:
        db = engines["sqlite"]["index_path"]
        script = str(HERE / "_cli_sqlite.py")
        commands["sqlite"] = lambda q: [
            sys.executable,
            script,
            db,
            q["sqlite_match"],
            q["sqlite_where"],
        ]
    if "xapian" in engines:
        xdb = engines["xapian"]["index_path"]
        xscript = str(HERE / "_cli_xapian.py")
        commands["xapian"] = lambda q: [
            args.xapian_python,
            xscript,
            xdb,
            corpus.language,
            q["xapian"],
        ]
    _compile_sources(args)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    errors: dict[str, str] = {}
    envs = {name: _env(name, args) for name in commands}
    for _ in range(args.cli_rounds):
        for query in queries_for(corpus.language):
            for name, make in commands.items():  # interleaved, so noise hits all alike
                if name in errors:
                    continue
                start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
                done = subprocess.run(
                    make(query), capture_output=True, text=True, env=envs[name], check=False
                )
                elapsed = (time.perf_counter() - start) * 1000
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                if done.returncode:
                    tail = (done.stderr.strip().splitlines() or [""])[-1]
                    errors[name] = f"exit {done.returncode} on {query['type']}: {tail}"
                    continue
                samples[name].append(elapsed)
                cpu[name].append(used * 1000)
    return {
        name: (
            {"error": errors[name]}
            if name in errors
            else {
                "median_ms": statistics.median(values),
                "cpu_median_ms": statistics.median(cpu[name]),
                "n": len(values),
            }
        )
        for name, values in samples.items()
    }


def bench_corpus(
    corpus: Corpus, args: argparse.Namespace, reasons: dict[str, str | None]
) -> dict[str, Any]:
    print(f"[{corpus.name}] reading paragraphs with {reader_name()} ...", file=sys.stderr)
    read_paragraphs(corpus)
    print(
        f"[{corpus.name}] {corpus.paragraphs} paragraphs, {corpus.resolutions} resolutions "
        f"({corpus.read_seconds:.1f}s)",
        file=sys.stderr,
    )
    engines: dict[str, dict[str, Any]] = {}
    outcome: dict[str, Any] = {}
    for engine in COLUMNS:
        if reasons[engine]:
            outcome[engine] = {"skipped": reasons[engine]}
            continue
        print(f"[{corpus.name}] {engine}: build + queries ...", file=sys.stderr)
        result = run_engine(engine, corpus, args, corpus.folder.parent / "indexes")
        outcome[engine] = result
        if "error" in result:
            print(f"[{corpus.name}] {engine} failed: {result['error']}", file=sys.stderr)
        else:
            engines[engine] = result
            indexed = result.get("indexed")
            count = indexed if isinstance(indexed, int) and indexed else corpus.paragraphs
            result["paragraphs_per_second"] = count / result["build_seconds"]
    if engines:
        print(f"[{corpus.name}] CLI start-to-exit runs ...", file=sys.stderr)
        for name, figures in time_cli(corpus, engines, args).items():
            engines[name]["cli"] = figures
    info = {
        key: getattr(corpus, key)
        for key in (
            "name",
            "language",
            "description",
            "files",
            "resolutions",
            "distinct_symbols",
            "distinct_keys",
            "paragraphs",
            "characters",
            "read_seconds",
            "notes",
        )
    }
    return {"corpus": info, "engines": outcome}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.data.is_dir():
        print(f"data folder not found: {args.data}", file=sys.stderr)
        return 2
    reasons = availability(args)
    work = args.work or Path(tempfile.mkdtemp(prefix="resolu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    args.baseline_path = prepare_baseline(args.baseline, work) if args.baseline else None
    results: dict[str, Any] = {
        "machine": {"cpu_count": os.cpu_count(), "platform": platform.platform()},
        "versions": versions(args, reasons),
        "settings": {
            "scales": args.scales,
            "french_scales": args.french_scales,
            "repeat": args.repeat,
            "warmup": args.warmup,
            "cli_rounds": args.cli_rounds,
            "procs": args.procs,
            "limit": 10,
            "query_types": list(QUERY_TYPES),
            "queries": {lang: queries_for(lang) for lang in ("fr", "en")},
            "profiled": bool(args.profile),
        },
        "skipped": {e: r for e, r in reasons.items() if r and e != "baseline"},
        "baseline": args.baseline,
        "runs": [],
    }
    started = time.perf_counter()
    try:
        corpora = []
        for scale in [] if args.no_french else args.french_scales:
            corpora.append(
                lambda scale=scale: build_french(args.data, work, REPO / "corpus", scale)
            )
        for scale in [] if args.no_english else args.scales:
            corpora.append(lambda scale=scale: build_english(args.data, work, scale))
        for make in corpora:
            corpus = make()
            results["runs"].append(bench_corpus(corpus, args, reasons))
            if not args.keep:
                shutil.rmtree(corpus.folder.parent, ignore_errors=True)
            # A large scale takes hours on a busy machine: keep what is measured.
            _write(results, args, started, final=False)
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    _write(results, args, started, final=True)
    return 0


def _write(
    results: dict[str, Any], args: argparse.Namespace, started: float, *, final: bool
) -> None:
    """Render the table of the corpora done so far; print it and write the JSON when final."""
    results["total_seconds"] = time.perf_counter() - started
    results["complete"] = final
    results["table"] = render_table(results)
    results["targets"] = target_lines(results)
    if final:
        print(results["table"])
        print("\n".join(results["targets"]))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
        if final:
            print(f"\nJSON written to {args.out}")


if __name__ == "__main__":
    raise SystemExit(main())
