"""Time resolu's reader alone, in CPU seconds, against another commit's reader in alternation.

    python benchmarks/reader_speed.py                         # this checkout, 5 rounds
    python benchmarks/reader_speed.py --against main --rounds 9 --out results.txt

The corpora are those of ``run.py`` at x1, read in place from ``../shared/data``:
``en-x1`` (the 902 English Security Council texts) and ``fr`` (the shipped
resolution, the French UDHR and the 4,000 French lines of the UN Parallel Corpus
dev set). Each reader runs in a worker process of its own (the other commit's
packages through ``_at_commit.packages_at``, nothing in the work tree changes);
a worker reads every file once with ``read_file`` to warm up, then on each round
reads them all again and reports the CPU time of each corpus. Rounds alternate
the order (A B, B A, ...) so that both readers meet every state of a shared
machine alike; medians are compared. Each worker also reports a digest of the
``repr`` of every resolution it read (paragraphs, lines and metadata included),
so the table says whether the two readers returned exactly the same values.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = REPO.parent / "shared" / "data"


def corpora(data: Path) -> dict[str, list[Path]]:
    """Return the files of each corpus, as ``run.py`` gathers them at x1."""
    english = sorted((data / "en_only" / "cr-unsc_res_en_gold").glob("S_RES_*_EN_GOLD.txt"))
    french = sorted((REPO / "corpus").glob("*.txt"))
    others = (data / "udhr" / "A_RES_217_A_III.fr.html", data / "un_v1_devset" / "UNv1.0.devset.fr")
    french += [path for path in others if path.exists()]
    return {name: files for name, files in (("en-x1", english), ("fr", french)) if files}


def _read_all(files: list[Path]) -> tuple[float, int, str]:
    """Read ``files``; return the CPU seconds, the paragraphs and a digest of what was read."""
    from resolu.corpus import CorpusError, read_file

    digest = hashlib.sha256()
    paragraphs = 0
    start = time.process_time()
    for path in files:
        try:
            for resolution in read_file(path):
                paragraphs += len(resolution.paragraphs)
                digest.update(repr(resolution).encode())
        except CorpusError as error:
            digest.update(str(error).encode())
    return time.process_time() - start, paragraphs, digest.hexdigest()


def worker(data: Path) -> None:
    """Answer each line on stdin with one JSON line: every corpus read once, timed."""
    import resolu.corpus

    found = corpora(data)
    for files in found.values():
        _read_all(files)  # warm up: imports, compiled patterns, the file cache
    print(json.dumps({"reader": str(Path(resolu.corpus.__file__).parent)}), flush=True)
    for _ in sys.stdin:
        figures = {}
        for name, files in found.items():
            seconds, paragraphs, digest = _read_all(files)
            figures[name] = {"cpu": seconds, "paragraphs": paragraphs, "digest": digest}
        print(json.dumps(figures), flush=True)


class _Worker:
    """A worker process reading with the packages on ``path`` (None: this checkout)."""

    def __init__(self, label: str, path: Path | None, data: Path) -> None:
        env = dict(os.environ)
        if path is not None:
            env["PYTHONPATH"] = str(path)
        self.label = label
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", "--data", str(data)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.reader = self._answer()["reader"]
        self.rounds: list[dict[str, Any]] = []

    def _answer(self) -> dict[str, Any]:
        stdout: IO[str] | None = self.process.stdout
        line = stdout.readline() if stdout else ""
        if not line:
            raise SystemExit(f"the worker for {self.label} stopped")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def run_round(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        self.rounds.append(self._answer())

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait()

    def median(self, corpus: str) -> float:
        return statistics.median(r[corpus]["cpu"] for r in self.rounds)

    def best(self, corpus: str) -> float:
        return min(r[corpus]["cpu"] for r in self.rounds)


def _table(workers: list[_Worker], found: dict[str, list[Path]], rounds: int) -> list[str]:
    """Return the figures as lines: one row per corpus, one column per reader (A, B)."""
    names = "AB"
    python = platform.python_version()
    lines = [
        f"reader_speed: read_file over each corpus, {rounds} rounds alternated,"
        f" {os.cpu_count()} cores, Python {python}",
        *(f"  {names[i]} = {w.label}: {w.reader}" for i, w in enumerate(workers)),
        "",
        f"{'corpus':8} {'files':>6} {'paragraphs':>10}"
        + "".join(f" {names[i] + ' CPU s, median (best)':>24}" for i in range(len(workers)))
        + ("    B/A  same output" if len(workers) == 2 else ""),
    ]
    for name, files in found.items():
        row = f"{name:8} {len(files):>6} {workers[-1].rounds[0][name]['paragraphs']:>10}"
        row += "".join(f" {w.median(name):>15.3f} ({w.best(name):.3f})" for w in workers)
        if len(workers) == 2:
            a, b = workers
            digests = {r[name]["digest"] for w in workers for r in w.rounds}
            same = "yes" if len(digests) == 1 else "NO"
            row += f"   {b.median(name) / a.median(name):.2f}  {same}"
        lines.append(row)
    return lines


def _commit(ref: str) -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", ref],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def _dirty() -> str:
    status = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--", "corpus"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " + changes to corpus/" if status.strip() else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", metavar="REF", help="a git ref whose reader to time alongside")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, help="also write the table here")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.data)
        return
    found = corpora(args.data)
    if not found:
        raise SystemExit(f"no corpus under {args.data}")
    with tempfile.TemporaryDirectory() as tmp:
        workers = []
        if args.against:
            sys.path.insert(0, str(HERE))
            from _at_commit import packages_at

            label = f"{args.against} ({_commit(args.against)})"
            workers.append(_Worker(label, packages_at(args.against, Path(tmp)), args.data))
        workers.append(_Worker(f"this checkout ({_commit('HEAD')}{_dirty()})", None, args.data))
        for n in range(args.rounds):
            for w in workers if n % 2 == 0 else workers[::-1]:
                w.run_round()
        for w in workers:
            w.close()
    text = "\n".join(_table(workers, found, args.rounds))
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
