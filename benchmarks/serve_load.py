"""Load on `resolu serve`: concurrent clients, latency percentiles, and searches during indexing.

    .venv/bin/python benchmarks/serve_load.py                  # 20 clients, 2,000 searches
    .venv/bin/python benchmarks/serve_load.py --clients 5 --searches 500 --out load.json

Indexes the 902 English Security Council texts of ../shared/data/en_only into a
temporary folder, starts the real command (`python -m resolu.search serve`) on
127.0.0.1, and measures, all in this one run:

1. baseline: the same query mix through `Index.search` in this process, one at a
   time (the library's own latency, no HTTP);
2. load: N clients (threads, one keep-alive connection each) sending the searches
   in turn to /api/search and to the search page /?q=; throughput, p50/p95/p99,
   errors (any status but 200, any failed connection);
3. indexing while serving: the same clients search without pause while
   `resolu index` re-indexes 50 edited files into the same folder, then rebuilds
   it (`--rebuild`, a new folder swapped in); errors must stay at zero, and the
   50 edited files must be found by the server afterwards.

Figures are ratios against the in-process baseline of the same run; the core
count and corpus size are printed with them.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _timing import percentiles  # noqa: E402

DATA = HERE.parent.parent / "shared" / "data"
SC = Path("en_only") / "cr-unsc_res_en_gold"
MARKER = "zzloadmarker"

#: English queries over the Security Council texts: every kind the query language has.
QUERIES = (
    "council",
    "plebiscite",
    "peace security",
    '"the situation in the Middle East"',
    "sanctions NOT iraq",
    "withdrawal kind:operative",
    "cyprus",
    "israel lebanon",
    "cease-fire",
    "south africa apartheid",
    "iraq year:1990..1994",
    "refugees",
    "kashmir OR pakistan",
    "peace-keeping forces",
    '"report of the Secretary-General"',
    "namibia",
    "admission membership",
    "nuclear",
    "(angola OR mozambique) -portugal",
    "humanit*",
)


@dataclass
class Tally:
    """Latencies (seconds) and errors of a set of clients."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)


def request_paths(n: int) -> list[str]:
    """Return ``n`` search requests: the query mix, API and page in turn, first and second pages."""
    paths = []
    for i in range(n):
        q = quote(QUERIES[i % len(QUERIES)])
        page = (i // len(QUERIES)) % 2
        if i % 2:
            paths.append(f"/api/search?q={q}&limit=10&offset={page * 10}")
        else:
            paths.append(f"/?q={q}&page={page + 1}")
    return paths


def client(port: int, paths: list[str], tally: Tally, stop: threading.Event | None) -> None:
    """Send ``paths`` in order on one keep-alive connection (forever, in turn, until ``stop``)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    i = 0
    while (stop is None and i < len(paths)) or (stop is not None and not stop.is_set()):
        path = paths[i % len(paths)]
        i += 1
        started = time.perf_counter()
        error = None
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                error = f"{response.status} {path}: {body[:200]!r}"
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__} {path}: {exc}"
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        tally.add(time.perf_counter() - started, error)
    conn.close()


def run_clients(
    port: int, clients: int, paths: list[str], stop: threading.Event | None = None
) -> tuple[Tally, float]:
    """Share ``paths`` among ``clients`` threads; return the tally and the wall time."""
    tally = Tally()
    shares = [paths[i::clients] for i in range(clients)]
    threads = [threading.Thread(target=client, args=(port, share, tally, stop)) for share in shares]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally, time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(index_dir: Path, port: int) -> subprocess.Popen[bytes]:
    """Start `resolu serve` and wait until it answers."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "resolu.search", "serve", "--index-dir", str(index_dir),
         "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise SystemExit(f"serve_load: the server did not start: {err}") from None
            time.sleep(0.1)


def index(corpus: Path, index_dir: Path, *extra: str) -> float:
    """Run `resolu index` as a user would; return its wall time."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "resolu.search", "index", str(corpus), "--index-dir",
         str(index_dir), *extra],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


def library_total(index_dir: Path, query: str) -> int:
    """Return what Index.search, opened afresh in this process, counts for ``query``."""
    from resolu.search import open_index

    with open_index(index_dir) as ix:
        return ix.search(query, limit=0).total


def baseline(index_dir: Path, rounds: int) -> dict[str, float]:
    """Time the query mix through Index.search in this process, one search at a time."""
    from resolu.search import open_index

    samples = []
    with open_index(index_dir) as ix:
        for q in QUERIES:  # warm up the searcher's caches
            ix.search(q, limit=10)
        for i in range(rounds):
            q = QUERIES[i % len(QUERIES)]
            offset = ((i // len(QUERIES)) % 2) * 10
            started = time.perf_counter()
            ix.search(q, limit=10, offset=offset)
            samples.append(time.perf_counter() - started)
    return {**percentiles(samples), "per_s": len(samples) / sum(samples)}


def summary(tally: Tally, wall: float) -> dict[str, Any]:
    p = percentiles(tally.latencies)
    return {
        "searches": len(tally.latencies),
        "errors": len(tally.errors),
        "first_errors": tally.errors[:5],
        "wall_s": round(wall, 2),
        "per_s": round(len(tally.latencies) / wall, 1) if wall else 0.0,
        "p50_ms": round(p["p50"] * 1000, 2),
        "p95_ms": round(p["p95"] * 1000, 2),
        "p99_ms": round(p["p99"] * 1000, 2),
    }


def marker_hits(port: int) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", f"/api/search?q={MARKER}&limit=0")
    total = int(json.loads(conn.getresponse().read())["total"])
    conn.close()
    return total


def main() -> None:
    """Run the three phases and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--searches", type=int, default=2000)
    ap.add_argument("--baseline-rounds", type=int, default=400)
    ap.add_argument("--edited", type=int, default=50, help="files edited for the indexing phase")
    ap.add_argument("--out", type=Path, help="also write the figures as JSON")
    args = ap.parse_args()
    source = args.data / SC
    if not source.is_dir():
        raise SystemExit(f"serve_load: {source} is absent (../shared/data beside the repository)")

    with tempfile.TemporaryDirectory(prefix="resolu-serve-load-") as tmp:
        corpus, index_dir = Path(tmp) / "corpus", Path(tmp) / "index"
        shutil.copytree(source, corpus)
        files = sorted(corpus.glob("*.txt"))
        build_s = index(corpus, index_dir)
        from resolu.search import open_index

        with open_index(index_dir) as ix:
            paragraphs, resolutions = len(ix), len(ix.resolutions())
        base = baseline(index_dir, args.baseline_rounds)
        port = free_port()
        server = start_server(index_dir, port)
        try:
            run_clients(port, args.clients, request_paths(args.clients * 2))  # warm up
            load, wall = run_clients(port, args.clients, request_paths(args.searches))
            loaded = summary(load, wall)

            # Indexing while serving: edit files so that the next run re-indexes them.
            for f in files[: args.edited]:
                with f.open("a", encoding="utf-8") as out:
                    out.write(f"\n1. Notes the {MARKER} paragraph added for the load test.\n")
            stop = threading.Event()
            tally = Tally()
            paths = request_paths(args.searches)
            shares = [paths[i :: args.clients] for i in range(args.clients)]
            threads = [
                threading.Thread(target=client, args=(port, share, tally, stop)) for share in shares
            ]
            started = time.perf_counter()
            for t in threads:
                t.start()
            time.sleep(1.0)
            incremental_s = index(corpus, index_dir)
            seen_after_incremental = marker_hits(port)
            expected = library_total(index_dir, MARKER)
            rebuild_s = index(corpus, index_dir, "--rebuild")
            seen_after_rebuild = marker_hits(port)
            time.sleep(1.0)
            stop.set()
            for t in threads:
                t.join()
            during = summary(tally, time.perf_counter() - started)
        finally:
            server.terminate()
            server.wait(timeout=30)
            if server.stderr:
                server.stderr.close()

    base_p50_ms = base["p50"] * 1000
    result = {
        "cores": os.cpu_count(),
        "corpus": {
            "files": len(files),
            "resolutions": resolutions,
            "paragraphs": paragraphs,
            "build_s": round(build_s, 1),
        },
        "clients": args.clients,
        "baseline_in_process": {
            "searches": base["n"],
            "p50_ms": round(base_p50_ms, 2),
            "p95_ms": round(base["p95"] * 1000, 2),
            "p99_ms": round(base["p99"] * 1000, 2),
            "per_s_one_thread": round(base["per_s"], 1),
        },
        "load": loaded,
        "during_indexing": {
            **during,
            "edited_files": args.edited,
            "incremental_index_s": round(incremental_s, 1),
            "rebuild_index_s": round(rebuild_s, 1),
            "marker_total_in_process": expected,
            "marker_total_after_incremental": seen_after_incremental,
            "marker_total_after_rebuild": seen_after_rebuild,
        },
        "ratios": {
            "load_p50_over_in_process_p50": round(loaded["p50_ms"] / base_p50_ms, 1),
            "load_throughput_over_one_thread_in_process": round(loaded["per_s"] / base["per_s"], 2),
        },
    }
    report(result)
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")


def report(r: dict[str, Any]) -> None:
    c, b, load, d = r["corpus"], r["baseline_in_process"], r["load"], r["during_indexing"]
    print(
        f"corpus: {c['files']} files, {c['resolutions']} resolutions, {c['paragraphs']} "
        f"paragraphs (built in {c['build_s']} s); {r['cores']} cores; {r['clients']} clients"
    )
    print(
        f"in-process Index.search, one at a time: p50 {b['p50_ms']} ms, p95 {b['p95_ms']} ms, "
        f"p99 {b['p99_ms']} ms, {b['per_s_one_thread']}/s ({b['searches']} searches)"
    )
    print(
        f"resolu serve under load: {load['searches']} searches in {load['wall_s']} s = "
        f"{load['per_s']}/s; p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms, "
        f"p99 {load['p99_ms']} ms; errors {load['errors']}"
    )
    print(
        f"  ratios: p50 under load / in-process p50 = "
        f"{r['ratios']['load_p50_over_in_process_p50']}; throughput / one-thread in-process = "
        f"{r['ratios']['load_throughput_over_one_thread_in_process']}"
    )
    print(
        f"while `resolu index` ran (incremental {d['incremental_index_s']} s over "
        f"{d['edited_files']} edited files, then --rebuild {d['rebuild_index_s']} s): "
        f"{d['searches']} searches, errors {d['errors']}, p50 {d['p50_ms']} ms, "
        f"p99 {d['p99_ms']} ms; paragraphs of the edited files found by the server: "
        f"{d['marker_total_after_incremental']} after the incremental run (Index.search afresh: "
        f"{d['marker_total_in_process']}), {d['marker_total_after_rebuild']} after --rebuild"
    )
    for e in load["first_errors"] + d["first_errors"]:
        print("  error:", e)


if __name__ == "__main__":
    main()
