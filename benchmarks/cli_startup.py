"""Time the CLI's start-up: ``resolu --help``, or ``resolu search`` against a bare SQLite script.

    python benchmarks/cli_startup.py [--rounds 20] [--baseline /path/to/other/venv/bin/resolu]
    python benchmarks/cli_startup.py --search council --index-dir IX [--sqlite DB] [--importtime]
        [--baseline /path/to/other/venv/bin/resolu] [--floor]

Runs are interleaved so that the load of a shared machine falls on all alike;
prints the median wall time and CPU time (user + system, less sensitive to the
load of a shared machine) of each, their ratios, and the machine's core count.
With ``--search``, resolu's sources are compiled to bytecode first, as
``pip install`` does (see benchmarks/README.md), and ``--sqlite DB`` adds the
minimal script ``_cli_sqlite.py`` over an FTS5 table (``run.py --keep`` leaves
one in its work folder). ``--baseline`` adds the same search by another
resolu (its sources compiled too). ``--floor`` adds a process that only
imports the modules other than resolu's that one search loads (click, Whoosh,
the standard library): what ``resolu search`` costs before any of its own
code runs; one that imports click alone, and ``python -c pass``.
``--importtime`` then prints the modules that cost the most to import in one
``resolu search`` process (``python -X importtime``).
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
    total = own = 0
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue  # the header line
        total += int(parts[0])
        if parts[2].strip().startswith("resolu."):
            own += int(parts[0])
        rows.append((int(parts[1]), parts[2].strip()))
    rows.sort(reverse=True)
    out = [
        f"imports: {total / 1000:.0f} ms in all (sum of self times, wall clock), "
        f"resolu's own modules {own / 1000:.0f} ms"
    ]
    out += [f"  {us / 1000:7.1f} ms  {name}" for us, name in rows[:top]]
    return out


#: Run one search through the click command and print, on stderr, the modules
#: it loaded that are not resolu's (a deferred module not loaded yet excluded).
_NOT_RESOLU_MODULES = """
import sys
from resolu.search.cli import main
sys.argv = ["resolu", "search", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
from resolu.index.whoosh_loading import is_deferred
names = [
    n for n, m in sys.modules.items()
    if not n.startswith(("resolu", "__editable__", "__main__")) and not is_deferred(m)
]
sys.stderr.write(" ".join(sorted(names)))
"""


def _floor(search: str, index_dir: Path) -> list[str]:
    """Return a command importing the modules other than resolu's that one search loads."""
    done = subprocess.run(
        [sys.executable, "-c", _NOT_RESOLU_MODULES, search, "--index-dir", str(index_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    names = done.stderr.split()
    # As resolu search: Whoosh's modules a search does not use deferred, no
    # cyclic collection while loading, no teardown (resolu.search._entry).
    code = "import gc, os\ngc.disable()\n"
    code += "from resolu.index.whoosh_loading import defer_unused_whoosh as d; d()\n"
    code += "".join(f"import {name}\n" for name in names)
    code += "os._exit(0)\n"
    return [sys.executable, "-c", code]


def _compile_sources(resolu: str) -> None:
    """Compile to bytecode the resolu packages that the ``resolu`` executable runs."""
    python = str(Path(resolu).with_name("python"))
    where = "import resolu.corpus as c, resolu.index as i, resolu.search as s\n"
    where += "print('\\n'.join(m.__path__[0] for m in (c, i, s)))"
    done = subprocess.run([python, "-c", where], capture_output=True, text=True, check=True)
    folders = done.stdout.split()
    subprocess.run([python, "-m", "compileall", "-q", *folders], capture_output=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--baseline", type=Path, help="another resolu executable")
    ap.add_argument("--search", metavar="QUERY", help="time `resolu search QUERY` instead")
    ap.add_argument("--index-dir", type=Path, help="the index --search reads")
    ap.add_argument("--sqlite", type=Path, help="an FTS5 file for _cli_sqlite.py (with --search)")
    ap.add_argument("--importtime", action="store_true", help="print the costliest imports")
    ap.add_argument("--floor", action="store_true", help="time the imports alone (see above)")
    args = ap.parse_args()
    resolu = str(Path(sys.executable).with_name("resolu"))
    commands: dict[str, list[str]] = {}
    if args.search:
        if args.index_dir is None:
            ap.error("--search needs --index-dir")
        folders = [str(REPO / name) for name in ("corpus", "index", "search")]
        subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], capture_output=True)
        asked = ["search", args.search, "--index-dir", str(args.index_dir)]
        commands["resolu search"] = [resolu, *asked]
        if args.baseline:
            _compile_sources(str(args.baseline))
            commands["baseline search"] = [str(args.baseline), *asked]
        if args.floor:
            commands["imports other than resolu's"] = _floor(args.search, args.index_dir)
            click_only = "import gc, os\ngc.disable()\nimport click\nos._exit(0)\n"
            commands["imports of click"] = [sys.executable, "-c", click_only]
            commands["python alone"] = [sys.executable, "-c", "pass"]
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
    sqlite = "sqlite script"
    for floor in ("imports other than resolu's", "imports of click", "python alone"):
        if floor in commands and sqlite in commands:
            ratio = statistics.median(cpus[floor]) / statistics.median(cpus[sqlite])
            print(f"{floor}/{sqlite}: {ratio:.2f}x CPU")
    if args.importtime:
        command = commands[first]
        script = "import sys; from resolu.search.cli import main; sys.exit(main())"
        print("\n".join(_importtime(["-c", script, *command[1:]])))


if __name__ == "__main__":
    main()
