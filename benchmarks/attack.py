"""Attack resolu as issue 20's run did; print tried / clean / traceback / hang / loss per category.

    python benchmarks/attack.py [--queries 2000] [--cli-queries 100] [--kills 10]
                                [--interrupts 6] [--corruptions 40] [--sc-files 902] [--out F.json]

Categories (each trial is judged, not only run):

* ``queries (library)``: hostile queries (deep nesting, thousands of NOT/OR/AND/-word,
  long phrases, prefix storms, repeated words, random text) through ``Index.search``
  on the Security Council texts. Clean: hits or a one-line ``QuerySyntaxError``.
  Hang: over ``--hang`` seconds. ``slow`` counts queries under 1,000 characters
  that took over a second (the issue's bound).
* ``queries (CLI)``: a sample of them through ``resolu search``. Clean: exit 0, or exit 2
  with a one-line ``Error:``; any other exit or a traceback is not.
* ``bad corpus inputs``: a corpus of the shipped resolution plus one bad file (bombs,
  over-long paragraphs, non-UTF-8 names, FIFOs, devices, link loops, garbage ``.ids``,
  damaged PDFs, ...). Clean: the run ends with the bad file skipped with a reason (or
  read). Loss: the good resolution is not all in the index.
* ``kill -9 during indexing`` / ``Ctrl-C during indexing``: ``resolu index`` with two
  workers, killed (SIGKILL to the process) or interrupted (SIGINT to its process group)
  at a random moment. Clean: no worker left, the lock free, no traceback, the index
  opens with the last commit whole. Loss: it does not.
* ``corruptions``: a byte flipped, a file truncated, emptied or deleted in the index.
  Clean: searches answer or raise a ``ResoluError``; then ``build_index`` repairs.
  Loss: after that run, the answers differ from the pristine index's.
* ``library misuse``: wrong types and values, use after close, foreign folders. Clean:
  a ``ResoluError``, ``TypeError`` or ``ValueError`` (or a right answer). Loss: a file
  resolu did not write is changed or gone.

Everything runs in a temporary folder; sizes are options (the defaults run in about
ten minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from resolu.corpus import ResoluError, corpus_dir
from resolu.corpus.limits import Limits
from resolu.index import IndexBusy, build_index
from resolu.index.folder import current_generation
from resolu.index.lock import writer_lock
from resolu.search import QuerySyntaxError, open_index

REPO = Path(__file__).resolve().parent.parent
SC = REPO.parent / "shared" / "data" / "en_only" / "cr-unsc_res_en_gold"
SEED = next(corpus_dir().glob("*.txt"))
sys.path.insert(0, str(REPO / "tests"))
from hostile import bomb_stream, make_pdf  # noqa: E402


@dataclass
class Tally:
    """What the trials of one category gave."""

    category: str
    tried: int = 0
    clean: int = 0
    traceback: int = 0
    hang: int = 0
    loss: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, outcome: str, note: str = "") -> None:
        self.tried += 1
        setattr(self, outcome, getattr(self, outcome) + 1)
        if note and outcome != "clean" and len(self.notes) < 12:
            self.notes.append(note[:200])


class Hang(BaseException):
    """Raised by the alarm: a call ran past its time (a BaseException, so no reader swallows it)."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: Any) -> None:
        raise Hang

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# ------------------------------------------------------------------ queries

_WORDS = ["peace", "security", "council", "war", "se", "a", "the", "iraq", "Cyprus", "withdrawal"]


def hostile_queries(n: int, rng: random.Random) -> list[str]:
    """Return ``n`` hostile queries: the issue's shapes at random sizes, and random text."""
    shapes: list[Callable[[int], str]] = [
        lambda k: "(" * k + "peace" + ")" * k,
        lambda k: "(a OR " * k + "b" + ")" * k,
        lambda k: "NOT " * k + "peace",
        lambda k: " ".join(["-war"] * k),
        lambda k: " AND ".join(["peace"] * k),
        lambda k: " OR ".join(rng.choice(_WORDS) for _ in range(k)),
        lambda k: "se* " * k,
        lambda k: "peace " * k,
        lambda k: '"' + " ".join(rng.choice(_WORDS) for _ in range(k)) + '"',
        lambda k: " ".join(rng.choice(_WORDS) + "*" for _ in range(k)),
        lambda k: "".join(rng.choice('()"*-: ORNTAD') for _ in range(k)),
        lambda k: "".join(chr(rng.randrange(1, 0x3000)) for _ in range(k)),
        lambda k: " ".join(f"{f}:{rng.choice(_WORDS)}" for f in ["body", "year", "kind"] * k),
        lambda k: "year:" + "9" * k,
        lambda k: "chapter OR charter " * (k // 10 + 1),
    ]
    out = []
    for i in range(n):
        shape = shapes[i % len(shapes)]
        out.append(shape(rng.choice([1, 3, 10, 50, 100, 300, 1000, 5000])))
    return out


def attack_queries(index_dir: Path, queries: list[str], hang_s: float) -> tuple[Tally, int]:
    tally = Tally("queries (library)")
    slow = 0
    with open_index(index_dir) as ix:
        for q in queries:
            started = time.perf_counter()
            try:
                with deadline(hang_s):
                    results = ix.search(q, limit=10)
                assert results.total >= len(results.hits)
            except QuerySyntaxError as exc:
                outcome = "clean" if "\n" not in str(exc) else "traceback"
                tally.add(outcome, f"{q[:60]!r}: multi-line message")
            except Hang:
                tally.add("hang", f"{q[:60]!r} ({len(q)} chars) over {hang_s} s")
                continue
            except BaseException as exc:
                tally.add("traceback", f"{q[:60]!r}: {type(exc).__name__}: {exc}")
                continue
            else:
                tally.add("clean")
            if len(q) < 1000 and time.perf_counter() - started > 1.0:
                slow += 1
    return tally, slow


def attack_cli(index_dir: Path, queries: list[str], hang_s: float) -> Tally:
    tally = Tally("queries (CLI)")
    # The kernel refuses one argument over 128 KiB: no shell could pass those.
    for q in [q for q in queries if len(q.encode()) < 100_000]:
        try:
            run = subprocess.run(
                [sys.executable, "-m", "resolu.search", "search", "--index-dir", str(index_dir),
                 "--", q],
                capture_output=True, text=True, timeout=hang_s + 5,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            tally.add("hang", f"{q[:60]!r}")
            continue
        err = run.stderr.strip()
        if "Traceback" in run.stderr:
            tally.add("traceback", f"{q[:60]!r}: {err.splitlines()[-1]}")
        elif run.returncode == 0 or (run.returncode == 2 and err and "\n" not in err):
            tally.add("clean")
        else:
            tally.add("traceback", f"{q[:60]!r}: exit {run.returncode}: {err[:100]}")
    return tally


# ------------------------------------------------------------------ bad corpus inputs


def _write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def make(corpus: Path) -> None:
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)

    return make


def _fifo(corpus: Path) -> None:
    os.mkfifo(corpus / "pipe.txt")


def _device(corpus: Path) -> None:
    os.mknod(corpus / "null.txt", 0o600 | stat.S_IFCHR, os.makedev(1, 3))


def _loop(corpus: Path) -> None:
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)


def _self_loop(corpus: Path) -> None:
    (corpus / "self.txt").symlink_to(corpus / "self.txt")


def _broken(corpus: Path) -> None:
    (corpus / "broken.txt").symlink_to(corpus / "nowhere.txt")


def _bad_name(corpus: Path) -> None:
    with open(os.fsencode(corpus) + b"/r\xe9solution.txt", "wb") as f:
        f.write(SEED.read_bytes())


def _other_resolution() -> str:
    return SEED.read_text(encoding="utf-8").replace("55/109", "77/999")


def _unreadable(corpus: Path) -> None:
    path = corpus / "secret.txt"
    path.write_text(_other_resolution(), encoding="utf-8")
    path.chmod(0)  # root reads it all the same: then it is indexed


def _locked_folder(corpus: Path) -> None:
    folder = corpus / "locked"
    folder.mkdir()
    (folder / "r.txt").write_text(_other_resolution(), encoding="utf-8")
    folder.chmod(0)


def _bomb(corpus: Path) -> None:
    make_pdf(corpus / "bomb.pdf", content=bomb_stream(1024))


def _pages(corpus: Path) -> None:
    make_pdf(corpus / "S_RES_2999_2025.en.pdf", pages=1500)


def _docx_bomb(corpus: Path) -> None:
    import zipfile

    with zipfile.ZipFile(corpus / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (300 << 20))


def _parallel(fr: str, ids: str) -> Callable[[Path], None]:
    def make(corpus: Path) -> None:
        (corpus / "set.fr").write_text(fr, encoding="utf-8")
        (corpus / "set.ids").write_text(ids, encoding="utf-8")

    return make


_LINE = "Prie le Secrétaire général.\n"
CORPUS_CASES: list[tuple[str, Callable[[Path], None]]] = [
    ("empty .txt", _write("empty.txt", b"")),
    ("blank .txt", _write("blank.txt", "\n\n   \n")),
    ("binary .txt", _write("bin.txt", bytes(range(256)) * 40)),
    ("NUL bytes", _write("nul.txt", b"A/RES/1\x00\x00\x00")),
    ("Latin-1 junk", _write("latin.txt", b"\xe9\xe8\xff\xfe" * 500)),
    ("UTF-16 odd length", _write("u16.txt", b"\xff\xfeA\x00B")),
    ("not a resolution", _write("prose.txt", "Il était une fois une histoire.\n" * 50)),
    ("50 MB one paragraph", _write("huge.txt", "paix " * 10_000_000)),
    ("one 1 MB line", _write("line.txt", SEED.read_text("utf-8") + "x" * 1_000_000)),
    ("deep HTML", _write("deep.html", "<div>" * 100_000 + "paix" + "</div>" * 100_000)),
    ("HTML junk", _write("junk.html", "<html><<<>>>&&&#xffffffff;</html>")),
    ("empty .pdf", _write("empty.pdf", b"")),
    ("random .pdf", _write("random.pdf", random.Random(1).randbytes(50_000))),
    ("truncated .pdf", _write("cut.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R")),
    ("PDF decompression bomb", _bomb),
    ("PDF of 1,500 pages", _pages),
    ("docx zip bomb", _docx_bomb),
    ("random .docx", _write("random.docx", random.Random(2).randbytes(5000))),
    ("FIFO", _fifo),
    ("device", _device),
    ("symlink loop (folder)", _loop),
    ("symlink loop (file)", _self_loop),
    ("broken symlink", _broken),
    ("non-UTF-8 name", _bad_name),
    ("unreadable file", _unreadable),
    ("unreadable folder", _locked_folder),
    ("folder named .txt", lambda c: (c / "folder.txt").mkdir()),
    (".ids '.'", _parallel(_LINE, ". fr:1:1\n")),
    (".ids '../..'", _parallel(_LINE, "../.. fr:1:1\n")),
    (".ids control chars", _parallel(_LINE, "a/\x01b/1 fr:1:1\n")),
    (".ids absurd length", _parallel(_LINE, "a/" + "1" * 100_000 + " fr:1:1\n")),
    (".ids empty line", _parallel(_LINE, "\n")),
    (".ids bad position", _parallel(_LINE, "2015/a/res/69/1 fr:x:1\n")),
    (".ids shorter", _parallel(_LINE * 3, "2015/a/res/69/1 fr:1:1\n")),
    (".ids not UTF-8", lambda c: (_parallel(_LINE, "")(c), _write("set.ids", b"\xff\xfe\n")(c))),
    ("parallel 1 MB line", _parallel("x" * 1_000_000 + "\n", "2015/a/res/69/1 fr:1:1\n")),
    ("file named VERSION", _write("VERSION", "1.0\n")),
    ("10,000 tiny files", lambda c: [_write(f"t/{n}.txt", "x")(c) for n in range(10_000)]),
]


def attack_corpus(work: Path, hang_s: float) -> Tally:
    tally = Tally("bad corpus inputs")
    for n, (name, make) in enumerate(CORPUS_CASES):
        corpus = work / f"corpus-{n}"
        corpus.mkdir()
        shutil.copy(SEED, corpus / SEED.name)
        try:
            make(corpus)
        except PermissionError:
            continue  # cannot be made here (a device without CAP_MKNOD)
        try:
            with deadline(hang_s * 6):
                report = build_index(corpus, work / f"ix-corpus-{n}", procs=1)
        except Hang:
            tally.add("hang", name)
            continue
        except BaseException as exc:
            tally.add("traceback", f"{name}: {type(exc).__name__}: {exc}")
            continue
        finally:
            for p in corpus.rglob("*"):
                with contextlib.suppress(OSError):
                    if not p.is_symlink():
                        p.chmod(0o755)
        with open_index(work / f"ix-corpus-{n}") as ix:
            whole = len(ix.get("A/RES/55/109").paragraphs) == 17  # type: ignore[union-attr]
        if not whole:
            tally.add("loss", f"{name}: the good resolution is not whole")
        elif any(not why for _, why in report.skipped):
            tally.add("traceback", f"{name}: skipped without a reason")
        else:
            tally.add("clean")
    return tally


# ------------------------------------------------------------------ kill -9 and Ctrl-C


def seed_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    for n in range(count):
        (folder / f"r{n:04d}.txt").write_text(text.replace("55/109", f"77/{1000 + n}"))
    return folder


def _processes_naming(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
    return found


def _index_count(target: Path) -> int | None:
    try:
        with open_index(target) as ix:
            return len(ix)
    except ResoluError:
        return None


def attack_signals(work: Path, trials: int, sig: int, rng: random.Random) -> Tally:
    name = "kill -9 during indexing" if sig == signal.SIGKILL else "Ctrl-C during indexing"
    tally = Tally(name)
    corpus = seed_corpus(work / f"signal-corpus-{sig}", 250)
    pristine = work / f"signal-pristine-{sig}"
    build_index(seed_corpus(work / f"signal-first-{sig}", 20), pristine, procs=1)
    for trial in range(trials):
        target = work / f"ix-{sig}-{trial}"
        shutil.copytree(pristine, target)
        before = _index_count(target)
        extra = ["--rebuild"] if trial % 2 else []
        run = subprocess.Popen(
            [sys.executable, "-m", "resolu.search", "index", str(corpus), "--index-dir",
             str(target), "--procs", "2", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )  # fmt: skip
        time.sleep(rng.uniform(0.3, 4.0))
        if sig == signal.SIGKILL:
            os.kill(run.pid, sig)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(run.pid, sig)
        try:
            _, err = run.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            run.communicate()
            tally.add("hang", f"trial {trial}: still running 60 s after the signal")
            continue
        time.sleep(1.0)
        left = _processes_naming(str(target))
        count = _index_count(target)
        try:
            with writer_lock(target):
                locked = False
        except IndexBusy:
            locked = True
        if count not in (before, 250 * 17):
            tally.add("loss", f"trial {trial}: {count} paragraphs after, {before} before")
        elif left or locked:
            tally.add("traceback", f"trial {trial}: processes {left} left, lock held {locked}")
        elif "Traceback" in err:
            tally.add("traceback", f"trial {trial}: {err.strip().splitlines()[-1]}")
        else:
            tally.add("clean")
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    return tally


# ------------------------------------------------------------------ corruption


def _answers(target: Path) -> list[Any]:
    with open_index(target) as ix:
        out: list[Any] = [len(ix)]
        for q in ("dialogue civilisations", "nations", '"dialogue entre les civilisations"'):
            out.append([(h.reference, round(h.score, 4)) for h in ix.search(q, limit=20).hits])
        out.append(ix.get("A/RES/77/1003").symbol)  # type: ignore[union-attr]
        return out


def _damage(path: Path, how: str, rng: random.Random) -> None:
    data = bytearray(path.read_bytes())
    if how == "flip" and data:
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif how == "truncate":
        data = data[: len(data) // 2]
    elif how == "zero":
        data = bytearray(len(data))
    if how == "delete":
        path.unlink()
    else:
        path.write_bytes(bytes(data))


def attack_corruption(work: Path, trials: int, rng: random.Random) -> Tally:
    tally = Tally("corruptions")
    corpus = seed_corpus(work / "corpus-corrupt", 6)
    pristine = work / "pristine-corrupt"
    build_index(corpus, pristine, procs=1)
    expected = _answers(pristine)
    for trial in range(trials):
        target = work / f"ix-corrupt-{trial}"
        shutil.copytree(pristine, target)
        gen = current_generation(target)
        assert gen is not None
        files = sorted(p for p in gen.iterdir() if p.is_file()) + sorted(
            p for p in target.iterdir() if p.is_file() and p.name != "LOCK"
        )
        victim = rng.choice(files)
        how = rng.choice(["flip", "flip", "flip", "truncate", "zero", "delete"])
        _damage(victim, how, rng)
        what = f"{how} {victim.relative_to(target)}"
        try:
            _answers(target)
        except ResoluError:
            pass
        except BaseException as exc:
            tally.add("traceback", f"{what}: search: {type(exc).__name__}: {exc}")
            continue
        try:
            build_index(corpus, target, procs=1)
            after = _answers(target)
        except ResoluError as exc:
            tally.add("clean" if "\n" not in str(exc) else "traceback", f"{what}: {exc}")
            continue
        except BaseException as exc:
            tally.add("traceback", f"{what}: repair: {type(exc).__name__}: {exc}")
            continue
        if after != expected:
            tally.add("loss", f"{what}: the answers differ after resolu index")
        else:
            tally.add("clean")
    return tally


# ------------------------------------------------------------------ library misuse


def attack_misuse(work: Path) -> Tally:
    from resolu.search.browse import citations, list_indexed
    from resolu.search.export import export_records, hit_records
    from resolu.search.sorting import sort_order

    tally = Tally("library misuse")
    corpus = seed_corpus(work / "corpus-misuse", 2)
    target = work / "ix-misuse"
    build_index(corpus, target, procs=1)
    ix = open_index(target)
    closed = open_index(target)
    closed.close()
    foreign = work / "foreign"
    (foreign / "src").mkdir(parents=True)
    (foreign / "VERSION").write_text("1.0\n")
    (foreign / "src" / "main.py").write_text("print(1)\n")
    a_file = work / "a-file.txt"
    a_file.write_text("x")
    calls: list[tuple[str, Callable[[], Any]]] = [
        ("search(None)", lambda: ix.search(None)),  # type: ignore[arg-type]
        ("search(b'peace')", lambda: ix.search(b"peace")),  # type: ignore[arg-type]
        ("search(123)", lambda: ix.search(123)),  # type: ignore[arg-type]
        ("search limit=-1", lambda: ix.search("paix", limit=-1)),
        ("search limit=nan", lambda: ix.search("paix", limit=math.nan)),  # type: ignore[arg-type]
        ("search offset=nan", lambda: ix.search("paix", offset=math.nan)),  # type: ignore[arg-type]
        ("search offset=10**18", lambda: ix.search("paix", offset=10**18)),
        ("search limit=10**9", lambda: ix.search("paix", limit=10**9)),
        ("search limit=True", lambda: ix.search("paix", limit=True)),
        ("search sort=None", lambda: ix.search("paix", sort=None)),  # type: ignore[arg-type]
        ("search sort='hasard'", lambda: ix.search("paix", sort="hasard")),
        ("search facets='x'", lambda: ix.search("paix", facets="x")),  # type: ignore[arg-type]
        ("get(None)", lambda: ix.get(None)),  # type: ignore[arg-type]
        ("get(123)", lambda: ix.get(123)),  # type: ignore[arg-type]
        ("get('')", lambda: ix.get("")),
        ("get('#')", lambda: ix.get("#")),
        ("get lang=3", lambda: ix.get("A/RES/77/1000", lang=3)),  # type: ignore[arg-type]
        ("get_paragraph(None)", lambda: ix.get_paragraph(None)),  # type: ignore[arg-type]
        ("get_resolution([])", lambda: ix.get_resolution([])),  # type: ignore[arg-type]
        ("closed search", lambda: closed.search("paix")),
        ("closed get", lambda: closed.get("A/RES/77/1000")),
        ("closed len", lambda: len(closed)),
        ("closed resolutions", lambda: closed.resolutions()),
        ("closed close", lambda: closed.close()),
        ("open_index(missing)", lambda: open_index(work / "missing")),
        ("open_index(a file)", lambda: open_index(a_file)),
        ("open_index(foreign)", lambda: open_index(foreign)),
        ("open_index(None)", lambda: open_index(None)),  # type: ignore[arg-type]
        ("build_index procs=0", lambda: build_index(corpus, work / "b1", procs=0)),
        ("build_index procs=-3", lambda: build_index(corpus, work / "b2", procs=-3)),
        ("build_index procs=1.5", lambda: build_index(corpus, work / "b3", procs=1.5)),  # type: ignore[arg-type]
        ("build_index limitmb=0", lambda: build_index(corpus, work / "b4", limitmb=0)),
        ("build_index limits={}", lambda: build_index(corpus, work / "b5", limits={})),  # type: ignore[arg-type]
        ("build_index corpus=file", lambda: build_index(a_file, work / "b6")),
        ("build_index corpus=missing", lambda: build_index(work / "nope", work / "b7")),
        ("build_index into foreign", lambda: build_index(corpus, foreign)),
        ("build_index rebuild foreign", lambda: build_index(corpus, foreign, rebuild=True)),
        ("build_index into corpus", lambda: build_index(corpus, corpus)),
        ("build_index into a file", lambda: build_index(corpus, a_file)),
        ("Limits(pdf_pages=0)", lambda: Limits(pdf_pages=0)),
        ("Limits(file_bytes='1')", lambda: Limits(file_bytes="1")),  # type: ignore[arg-type]
        ("list_indexed(None)", lambda: list_indexed(ix, None)),  # type: ignore[arg-type]
        ("list_indexed limit=-1", lambda: list_indexed(ix, limit=-1)),
        ("citations(None)", lambda: citations(ix, None)),  # type: ignore[arg-type]
        ("citations(paragraph)", lambda: citations(ix, "A/RES/77/1000#op1")),
        ("sort_order(3)", lambda: sort_order(3)),  # type: ignore[arg-type]
        ("export_records(None)", lambda: export_records(None, "csv")),  # type: ignore[arg-type]
        ("export_records([{}])", lambda: export_records([{}], "bibtex")),
        ("export_records fmt=None", lambda: export_records([], None)),  # type: ignore[arg-type]
        ("hit_records(None)", lambda: hit_records(None)),  # type: ignore[arg-type]
    ]
    before = {p: p.read_bytes() for p in (foreign / "VERSION", foreign / "src" / "main.py")}
    for name, call in calls:
        try:
            call()
        except (ResoluError, TypeError, ValueError) as exc:
            outcome = "clean" if "\n" not in str(exc) else "traceback"
            tally.add(outcome, f"{name}: multi-line message")
        except BaseException as exc:
            tally.add("traceback", f"{name}: {type(exc).__name__}: {exc}")
        else:
            tally.add("clean")
    ix.close()
    if any(not p.exists() or p.read_bytes() != data for p, data in before.items()):
        tally.loss += 1
        tally.notes.append("a file of the foreign folder was changed or deleted")
    return tally


# ------------------------------------------------------------------ the run


def _sc_index(work: Path, files: int) -> Path:
    corpus = work / "sc"
    corpus.mkdir()
    if SC.is_dir():
        for path in sorted(SC.iterdir())[:files]:
            shutil.copy(path, corpus / path.name)
    else:  # a plain clone: the made-up corpus
        seed_corpus(corpus, min(files, 200))
    target = work / "ix-sc"
    build_index(corpus, target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--cli-queries", type=int, default=100)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--interrupts", type=int, default=6)
    parser.add_argument("--corruptions", type=int, default=40)
    parser.add_argument("--sc-files", type=int, default=902)
    parser.add_argument("--hang", type=float, default=10.0, help="seconds counted as a hang")
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--out", type=Path, help="write the table and notes as JSON here")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="resolu-attack-") as tmp:
        work = Path(tmp)
        sc = _sc_index(work, args.sc_files)
        queries = hostile_queries(args.queries, rng)
        lib, slow = attack_queries(sc, queries, args.hang)
        tallies = [
            lib,
            attack_cli(sc, rng.sample(queries, min(args.cli_queries, len(queries))), args.hang),
            attack_corpus(work, args.hang),
            attack_signals(work, args.kills, signal.SIGKILL, rng),
            attack_signals(work, args.interrupts, signal.SIGINT, rng),
            attack_corruption(work, args.corruptions, rng),
            attack_misuse(work),
        ]
    seconds = time.perf_counter() - started
    print(f"resolu attack: {args.sc_files} SC texts, {os.cpu_count()} cores, {seconds:.0f} s")
    print(f"{'category':<26}{'tried':>7}{'clean':>7}{'traceback':>11}{'hang':>6}{'loss':>6}")
    for t in tallies:
        row = f"{t.tried:>7}{t.clean:>7}{t.traceback:>11}{t.hang:>6}{t.loss:>6}"
        print(f"{t.category:<26}{row}")
    print(f"library queries under 1,000 characters over 1 s: {slow}")
    for t in tallies:
        for note in t.notes:
            print(f"  {t.category}: {note}")
    if args.out:
        payload = {"seconds": seconds, "slow_queries": slow, "args": vars(args) | {"out": None}}
        payload["tallies"] = [asdict(t) for t in tallies]
        args.out.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
