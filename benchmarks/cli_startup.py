"""Time the CLI's start-up: ``resolu --help``, or ``resolu search`` against a bare SQLite script.

    python benchmarks/cli_startup.py [--rounds 20] [--baseline /path/to/other/venv/bin/resolu]
    python benchmarks/cli_startup.py --search council --index-dir IX [--sqlite DB] [--importtime]

Runs are interleaved so that the load of a shared machine falls on all alike;
prints the median wall time and CPU time (user + system, less sensitive to the
load of a shared machine) of each, their ratios, and the machine's core count.
With ``--search``, resolu's sources are compiled to bytecode first, as
``pip install`` does (see benchmarks/README.md), and ``--sqlite DB`` adds the
minimal script ``_cli_sqlite.py`` over an FTS5 table (``run.py --keep`` leaves
one in its work folder). ``--importtime`` then prints the modules that cost the
most to import in one ``resolu search`` process (``python -X importtime``).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def _once(command: list[str]) -> tuple[float, float]:
    """Run ``command``; return its wall time and CPU time (user + system) in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _importtime(command: list[str], top: int = 20) -> list[str]:
    """Return the ``top`` modules by cumulative import time in one run of ``command``."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command], capture_output=True, text=True, check=True
    )
    rows = []
    total = 0
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue  # the header line
        total += int(parts[0])
        rows.append((int(parts[1]), parts[2].strip()))
    rows.sort(reverse=True)
    out = [f"imports: {total / 1000:.0f} ms in all (sum of self times)"]
    out += [f"  {us / 1000:7.1f} ms  {name}" for us, name in rows[:top]]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--baseline", type=Path, help="another resolu executable")
    ap.add_argument("--search", metavar="QUERY", help="time `resolu search QUERY` instead")
    ap.add_argument("--index-dir", type=Path, help="the index --search reads")
    ap.add_argument("--sqlite", type=Path, help="an FTS5 file for _cli_sqlite.py (with --search)")
    ap.add_argument("--importtime", action="store_true", help="print the costliest imports")
    args = ap.parse_args()
    resolu = str(Path(sys.executable).with_name("resolu"))
    commands: dict[str, list[str]] = {}
    if args.search:
        if args.index_dir is None:
            ap.error("--search needs --index-dir")
        folders = [str(REPO / name) for name in ("corpus", "index", "search")]
        subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], capture_output=True)
        commands["resolu search"] = [
            resolu,
            "search",
            args.search,
            "--index-dir",
            str(args.index_dir),
        ]
        if args.sqlite:
            script = str(HERE / "_cli_sqlite.py")
            commands["sqlite script"] = [sys.executable, script, str(args.sqlite), args.search]
    else:
        commands["resolu --help"] = [resolu, "--help"]
        if args.baseline:
            commands["baseline --help"] = [str(args.baseline), "--help"]
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, command in commands.items():
            wall, cpu = _once(command)
            walls[name].append(wall)
            cpus[name].append(cpu)
    print(f"cores: {os.cpu_count()}, rounds: {args.rounds}")
    first = next(iter(commands))
    for name in commands:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        line = f"{name}: median {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU"
        if name != first:
            ratio_wall = statistics.median(walls[first]) / wall
            ratio_cpu = statistics.median(cpus[first]) / cpu if cpu else float("nan")
            line += f"; {first}/{name}: {ratio_wall:.2f}x wall, {ratio_cpu:.2f}x CPU"
        print(line)
    if args.importtime:
        command = commands[first]
        script = "import sys; from resolu.search.cli import main; sys.exit(main())"
        print("\n".join(_importtime(["-c", script, *command[1:]])))


if __name__ == "__main__":
    main()
