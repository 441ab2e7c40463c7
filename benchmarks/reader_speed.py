"""Time resolu's reader alone, in CPU seconds, against another commit's reader in alternation.

    python benchmarks/reader_speed.py                         # this checkout, 5 rounds
    python benchmarks/reader_speed.py --against main --rounds 9 --out results.txt
    python benchmarks/reader_speed.py --against main --build   # and build_index on en-x1

The corpora are those of ``run.py`` at x1, read in place from ``../shared/data``:
``en-x1`` (the 902 English Security Council texts) and ``fr`` (the shipped
resolution, the French UDHR and the 4,000 French lines of the UN Parallel Corpus
dev set). On each round, each reader (the other commit's packages through
``_at_commit.packages_at``: nothing in the work tree changes) reads each corpus
in a fresh process, with ``read_file`` on every file, four times: the first read
counts the import of ``resolu.corpus`` (its sources compiled to bytecode before)
and the patterns compiled on first use, as an indexing run pays them once; the
others time the reader warm, and the fastest of them is kept. Rounds
alternate the order (A B, B A, ...) so that both readers meet every state of a
shared machine alike; medians are compared. Each process also reports a digest
of the ``repr`` of every resolution it read (paragraphs, lines and metadata
included), so the table says whether the two readers returned the same values.

With ``--build``, each round also times ``build_index`` (one process, a new
index) on the English texts in a fresh process per reader; the other commit's
reader then runs with this checkout's ``index`` and ``search`` packages, so
that the two builds differ by their reader alone.
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
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = REPO.parent / "shared" / "data"
ENGLISH = Path("en_only") / "cr-unsc_res_en_gold"
#: The name of the indexing run's figures (--build).
BUILD = "en-x1 build_index"
#: Warm reads after the first, in each process: the fastest is kept (the least disturbed).
WARM_READS = 3


def corpora(data: Path) -> dict[str, list[Path]]:
    """Return the files of each corpus, as ``run.py`` gathers them at x1."""
    english = sorted((data / ENGLISH).glob("S_RES_*_EN_GOLD.txt"))
    french = sorted((REPO / "corpus").glob("*.txt"))
    others = (data / "udhr" / "A_RES_217_A_III.fr.html", data / "un_v1_devset" / "UNv1.0.devset.fr")
    french += [path for path in others if path.exists()]
    return {name: files for name, files in (("en-x1", english), ("fr", french)) if files}


def _read_all(files: list[Path]) -> tuple[int, str]:
    """Read ``files``; return the paragraphs and a digest of everything read."""
    from resolu.corpus import CorpusError, read_file

    digest = hashlib.sha256()
    paragraphs = 0
    for path in files:
        try:
            for resolution in read_file(path):
                paragraphs += len(resolution.paragraphs)
                digest.update(repr(resolution).encode())
        except CorpusError as error:
            digest.update(str(error).encode())
    return paragraphs, digest.hexdigest()


def worker(data: Path, corpus: str) -> None:
    """Read one corpus twice in this fresh process; print the figures as one JSON line."""
    files = corpora(data)[corpus]
    start = time.process_time()
    import resolu.corpus

    paragraphs, digest = _read_all(files)
    first = time.process_time() - start
    warm = float("inf")
    for _ in range(WARM_READS):
        start = time.process_time()
        _read_all(files)
        warm = min(warm, time.process_time() - start)
    reader = str(Path(resolu.corpus.__file__).parent)
    figures = {"first": first, "warm": warm, "paragraphs": paragraphs, "digest": digest}
    print(json.dumps({**figures, "reader": reader}))


def build_worker(data: Path) -> None:
    """Index the English x1 texts with build_index in this fresh process; print the CPU time."""
    import resolu.corpus
    from resolu.index import build_index

    with tempfile.TemporaryDirectory() as tmp:
        start = time.process_time()
        build_index(data / ENGLISH, Path(tmp) / "index", rebuild=True, procs=1)
        build = time.process_time() - start
    print(json.dumps({"build": build, "reader": str(Path(resolu.corpus.__file__).parent)}))


class _Reader:
    """One reader: the packages on ``path`` (None: this checkout) and its rounds' figures."""

    def __init__(self, label: str, path: Path | None) -> None:
        self.label = label
        self.env = dict(os.environ)
        self.archived = path is not None
        if path is not None:
            self.env["PYTHONPATH"] = str(path)
        # PYTHONDONTWRITEBYTECODE may be set: compile the sources once, or every
        # first read would count compiling them.
        packages = (path / "resolu" if path else REPO).resolve()
        folders = [str(packages / name) for name in ("corpus", "index", "search")]
        subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], check=True)
        self.rounds: dict[str, list[dict[str, Any]]] = {}
        self.reader = ""

    def run(self, data: Path, corpus: str) -> None:
        """Read ``corpus`` in a fresh process and keep its figures."""
        worker = ["--build-worker"] if corpus == BUILD else ["--worker", corpus]
        done = subprocess.run(
            [sys.executable, __file__, *worker, "--data", str(data)],
            capture_output=True,
            text=True,
            env=self.env,
            check=False,
        )
        if done.returncode:
            raise SystemExit(f"the reader {self.label} failed on {corpus}:\n{done.stderr}")
        figures = json.loads(done.stdout)
        reader = figures.pop("reader")
        # where the packages were imported from; a baseline's is a temporary folder
        self.reader = "packages by git archive" if self.archived else reader
        self.rounds.setdefault(corpus, []).append(figures)

    def median(self, corpus: str, key: str) -> float:
        return statistics.median(r[key] for r in self.rounds[corpus])

    def best(self, corpus: str, key: str) -> float:
        return min(r[key] for r in self.rounds[corpus])


def _cells(readers: list[_Reader], name: str, key: str) -> str:
    """Return each reader's median (best) of one figure, and B/A where there are two."""
    row = "".join(f" {r.median(name, key):>15.3f} ({r.best(name, key):.3f})" for r in readers)
    if len(readers) == 2:
        a, b = readers
        median = b.median(name, key) / a.median(name, key)
        best = b.best(name, key) / a.best(name, key)
        row += f"   {median:>10.2f} ({best:.2f})"
    return row


def _table(readers: list[_Reader], found: dict[str, list[Path]], rounds: int) -> list[str]:
    """Return the figures as lines: one row per corpus and read, one column per reader."""
    names = "AB"
    lines = [
        f"reader_speed: read_file over each corpus in a fresh process, {rounds} rounds"
        f" alternated, {os.cpu_count()} cores, Python {platform.python_version()}",
        *(f"  {names[i]} = {r.label}: {r.reader}" for i, r in enumerate(readers)),
        "  first read: the import of resolu.corpus and its first read of every file;"
        f" warm: the fastest of {WARM_READS} reads after it",
        "",
        f"{'corpus':8} {'files':>6} {'paragraphs':>10} {'read':>6}"
        + "".join(f" {names[i] + ' CPU s, median (best)':>24}" for i in range(len(readers)))
        + ("   B/A median (best)  same output" if len(readers) == 2 else ""),
    ]
    for name, files in found.items():
        paragraphs = readers[-1].rounds[name][0]["paragraphs"]
        digests = {figures["digest"] for r in readers for figures in r.rounds[name]}
        same = "  yes" if len(digests) == 1 else "  NO"
        for key in ("first", "warm"):
            row = f"{name:8} {len(files):>6} {paragraphs:>10} {key:>6}"
            lines.append(row + _cells(readers, name, key) + (same if len(readers) == 2 else ""))
    if BUILD in readers[-1].rounds:
        lines += [
            "",
            f"{BUILD} (procs=1, CPU s; the same index package for both readers):",
            f"{'':33}" + _cells(readers, BUILD, "build"),
        ]
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


def _index_of_this_checkout(path: Path) -> None:
    """Make the packages on ``path`` use this checkout's index and search, not the reader."""
    for name in ("index", "search"):
        (path / "resolu" / name).unlink()
        (path / "resolu" / name).symlink_to(REPO / name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", metavar="REF", help="a git ref whose reader to time alongside")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, help="also write the table here")
    ap.add_argument(
        "--build",
        action="store_true",
        help="also time build_index on en-x1, with this checkout's index for both readers",
    )
    ap.add_argument("--worker", metavar="CORPUS", help=argparse.SUPPRESS)
    ap.add_argument("--build-worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.data, args.worker)
        return
    if args.build_worker:
        build_worker(args.data)
        return
    found = corpora(args.data)
    if not found:
        raise SystemExit(f"no corpus under {args.data}")
    with tempfile.TemporaryDirectory() as tmp:
        readers = []
        if args.against:
            sys.path.insert(0, str(HERE))
            from _at_commit import packages_at

            label = f"{args.against} ({_commit(args.against)})"
            path = packages_at(args.against, Path(tmp))
            if args.build:
                _index_of_this_checkout(path)
            readers.append(_Reader(label, path))
        readers.append(_Reader(f"this checkout ({_commit('HEAD')}{_dirty()})", None))
        for n in range(args.rounds):
            for corpus in [*found, *([BUILD] if args.build else [])]:
                for reader in readers if n % 2 == 0 else readers[::-1]:
                    reader.run(args.data, corpus)
    text = "\n".join(_table(readers, found, args.rounds))
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
