"""The index never costs a user a file, a lock or a worker: folders, locks, kills, swaps.

Kill and Ctrl-C tests run ``resolu index`` in a child process over a made-up
corpus (copies of the shipped resolution under other symbols), large enough
for its two worker processes to start.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from resolu.index import (
    IndexBusy,
    IndexCorrupt,
    IndexFolderRefused,
    IndexWriteFailed,
    build_index,
)
from resolu.index.folder import MARKER, current_generation
from resolu.index.lock import writer_lock
from resolu.search import open_index
from support import SEED, seed_copies


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# ------------------------------------------------------------------ foreign folders


@pytest.mark.parametrize("rebuild", [False, True])
def test_a_folder_with_a_version_file_is_not_an_index(
    corpus_copy: Path, tmp_path: Path, rebuild: bool
) -> None:
    # The repro of issue 20: VERSION made any folder look like an index, and
    # a (re)build deleted everything in it.
    project = tmp_path / "p"
    (project / "src").mkdir(parents=True)
    (project / "VERSION").write_text("1.0\n")
    (project / "src" / "main.py").write_text("x\n")
    before = _tree(project)
    with pytest.raises(IndexFolderRefused, match=r"not a resolu index \(it holds VERSION, src\)"):
        build_index(corpus_copy, project, rebuild=rebuild)
    assert _tree(project) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "p"]


def test_the_corpus_folder_cannot_be_its_own_index(corpus_copy: Path) -> None:
    before = _tree(corpus_copy)
    with pytest.raises(IndexFolderRefused, match="not a resolu index"):
        build_index(corpus_copy, corpus_copy, rebuild=True)
    assert _tree(corpus_copy) == before


def test_a_marker_with_other_content_is_not_ours(corpus_copy: Path, tmp_path: Path) -> None:
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / MARKER).write_text("my own notes\n")
    with pytest.raises(IndexFolderRefused):
        build_index(corpus_copy, fake)
    assert _tree(fake) == {MARKER: b"my own notes\n"}


def test_files_a_user_puts_in_an_index_folder_survive_a_rebuild(
    corpus_copy: Path, tmp_path: Path
) -> None:
    target = tmp_path / "ix"
    build_index(corpus_copy, target)
    (target / "notes.txt").write_text("mine")
    build_index(corpus_copy, target, rebuild=True)
    assert (target / "notes.txt").read_text() == "mine"
    with open_index(target) as ix:
        assert len(ix) == 17


def test_an_empty_folder_such_as_a_mount_point_is_used_in_place(
    corpus_copy: Path, tmp_path: Path
) -> None:
    target = tmp_path / "mnt"
    target.mkdir()
    inode = target.stat().st_ino
    build_index(corpus_copy, target)
    first = current_generation(target)
    build_index(corpus_copy, target, rebuild=True)
    second = current_generation(target)
    # The folder itself is never renamed (a mount point cannot be): a new
    # generation inside it is switched in, and the old one removed.
    assert target.stat().st_ino == inode
    assert first is not None and second is not None and first != second
    assert not first.exists() and second.is_dir()


def test_leftovers_of_a_killed_run_are_removed_by_the_next(
    corpus_copy: Path, tmp_path: Path
) -> None:
    target = tmp_path / "ix"
    build_index(corpus_copy, target)
    live = current_generation(target)
    assert live is not None
    # What a run killed at each step leaves: a half-built generation, a
    # half-written pointer, an uncommitted segment, and the folders the
    # resolu of before the marker left beside the index.
    (target / "gen-000099").mkdir()
    (target / "gen-000099" / "resolu_abc.seg").write_bytes(b"x" * 1000)
    (target / "CURRENT.tmp-4242").write_text("gen-000099\n")
    (live / "resolu_zzzzzzzz.seg").write_bytes(b"half a segment")
    old = tmp_path / "ix.building-4242"
    old.mkdir()
    (old / "resolu_abc.seg").write_bytes(b"x")
    (corpus_copy / "other.txt").write_text(
        SEED.read_text(encoding="utf-8").replace("55/109", "55/110")
    )
    report = build_index(corpus_copy, target)
    assert report.added == 1
    assert sorted(p.name for p in target.iterdir()) == ["CURRENT", "LOCK", MARKER, live.name]
    assert not (live / "resolu_zzzzzzzz.seg").exists() and not old.exists()
    with open_index(target) as ix:
        assert len(ix) == 34


# ------------------------------------------------------------------ one writer at a time


def test_a_second_writer_is_refused_naming_the_first(corpus_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "ix"
    build_index(corpus_copy, target)
    with writer_lock(target):
        for rebuild in (False, True):
            with pytest.raises(IndexBusy, match=rf"process {os.getpid()} \("):
                build_index(corpus_copy, target, rebuild=rebuild)
    assert build_index(corpus_copy, target).unchanged == 1  # the lock went with its holder


def test_concurrent_runs_one_writes_the_other_is_told(tmp_path: Path) -> None:
    corpus = seed_copies(tmp_path / "corpus", 60)
    target = tmp_path / "ix"
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "resolu.search",
                "index",
                str(corpus),
                "--index-dir",
                str(target),
            ]
            + (["--rebuild"] if n % 2 else []),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    errors = [p.communicate(timeout=300)[1] for p in runs]
    outcomes = [(p.returncode, err) for p, err in zip(runs, errors, strict=True)]
    for code, err in outcomes:
        assert "Traceback" not in err
        assert code == 0 or (code == 1 and "another resolu run is writing" in err), err
    assert any(code == 0 for code, _ in outcomes)
    with open_index(target) as ix:
        assert len(ix) == 60 * 17


# ------------------------------------------------------------------ kills


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_with_workers(
    corpus: Path, target: Path, *extra: str
) -> tuple[subprocess.Popen[str], set[int]]:
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "resolu.search",
            "index",
            str(corpus),
            "--index-dir",
            str(target),
            "--procs",
            "2",
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a command
        # A terminal's foreground command takes Ctrl-C; a test run launched in the
        # background of a script inherits SIGINT ignored, and Python keeps it so.
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        workers = _children(run.pid)
        if len(workers) >= 2 or run.poll() is not None:
            break
        time.sleep(0.05)
    time.sleep(0.3)
    assert run.poll() is None, "the run ended before its workers could be seen"
    return run, _children(run.pid)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("rebuild", [False, True])
def test_kill_9_leaves_no_worker_no_lock_and_the_index_intact(
    tmp_path: Path, rebuild: bool
) -> None:
    corpus = seed_copies(tmp_path / "corpus", 20)
    target = tmp_path / "ix"
    build_index(corpus, target, procs=1)
    (corpus / "r0000.txt").unlink()
    added = seed_copies(tmp_path / "corpus" / "more", 150)
    run, workers = _start_with_workers(corpus, target, *(["--rebuild"] if rebuild else []))
    os.kill(run.pid, signal.SIGKILL)
    run.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers and not any(_alive(w) for w in workers)
    with open_index(target) as ix:  # the last commit, whole
        assert len(ix) == 20 * 17
    shutil.rmtree(added)
    report = build_index(corpus, target)  # no lock left behind
    assert (report.removed, report.total_paragraphs) == (1, 19 * 17)
    assert sorted(p.name for p in target.iterdir())[:3] == ["CURRENT", "LOCK", MARKER]
    assert len([p for p in target.iterdir() if p.name.startswith("gen-")]) == 1
    assert not list(tmp_path.glob("ix.*"))


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_ctrl_c_stops_the_run_and_its_workers_quietly(tmp_path: Path) -> None:
    corpus = seed_copies(tmp_path / "corpus", 300)
    target = tmp_path / "ix"
    run, workers = _start_with_workers(corpus, target)
    os.killpg(run.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
    _, err = run.communicate(timeout=60)
    assert run.returncode != 0
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert not any(_alive(w) for w in workers)
    # A first build interrupted leaves an empty index folder and nothing else.
    assert sorted(p.name for p in target.iterdir()) == ["LOCK", MARKER]


def test_ctrl_c_while_the_command_loads_is_quiet_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Importing the command takes tenths of a second; a Ctrl-C then printed a traceback.
    from resolu.search import _entry

    class Interrupted:
        def find_spec(self, name: str, *args: object) -> None:
            if name == "resolu.search.cli":
                raise KeyboardInterrupt

    monkeypatch.delitem(sys.modules, "resolu.search.cli", raising=False)
    monkeypatch.setattr(sys, "meta_path", [Interrupted(), *sys.meta_path])
    with pytest.raises(SystemExit) as ended:
        _entry.main()
    assert ended.value.code == 1
    assert capsys.readouterr().err == "Aborted!\n"


# ------------------------------------------------------------------ a long-lived Index


def test_a_long_lived_index_sees_exactly_the_last_commit(tmp_path: Path) -> None:
    corpus = seed_copies(tmp_path / "corpus", 3)
    target = tmp_path / "ix"
    build_index(corpus, target)

    def fresh() -> tuple[int, int, list[str]]:
        with open_index(target) as other:
            results = other.search("dialogue", limit=100)
            return len(other), results.total, sorted(h.reference for h in results.hits)

    with open_index(target) as ix:
        for step in range(4):
            if step == 0:  # an incremental run that deletes a file and changes another
                (corpus / "r0000.txt").unlink()
                (corpus / "r0001.txt").write_text(
                    (corpus / "r0001.txt").read_text().replace("dialogue", "entretien", 2)
                )
            elif step == 1:  # a file added
                seed_copies(tmp_path / "corpus" / "more", 1)
            elif step == 2:  # a rebuild: another generation
                build_index(corpus, target, rebuild=True)
                continue
            else:  # everything gone but one file
                shutil.rmtree(corpus / "more")
                (corpus / "r0001.txt").unlink()
            build_index(corpus, target)
            results = ix.search("dialogue", limit=100)
            assert (len(ix), results.total, sorted(h.reference for h in results.hits)) == fresh()
        assert len(ix) == 17
        assert ix.search("dialogue").total == fresh()[1] > 0


def test_an_update_that_deletes_a_quarter_merges_its_statistics(tmp_path: Path) -> None:
    from resolu.index import builder
    from resolu.index.store import open_store

    def deleted(target: Path) -> int:
        ix = open_store(target)
        try:
            return int(ix.doc_count_all() - ix.doc_count())
        finally:
            ix.close()

    def top(target: Path) -> list[tuple[str, float]]:
        with open_index(target) as ix:
            return [(h.reference, h.score) for h in ix.search("dialogue nations", limit=20).hits]

    corpus = seed_copies(tmp_path / "corpus", 8)
    target = tmp_path / "ix"
    build_index(corpus, target, procs=1)
    # A file is 17 paragraphs and its file record: 18 documents.
    (corpus / "r0000.txt").unlink()  # 1 of 8 files: 12.5 % of the documents deleted, kept
    build_index(corpus, target, procs=1)
    assert deleted(target) == 18 and builder.MERGE_DELETED_FROM == 0.25
    for n in (1, 2):  # 3 of 8 files deleted: 37.5 %, merged away
        (corpus / f"r000{n}.txt").unlink()
    build_index(corpus, target, procs=1)
    assert deleted(target) == 0
    build_index(corpus, tmp_path / "rebuilt", procs=1)
    merged, rebuilt = top(target), top(tmp_path / "rebuilt")
    assert [r for r, _ in merged] == [r for r, _ in rebuilt]
    # Whoosh's merge sums field lengths stored on one byte: scores stay within 2 %.
    assert all(abs(a - b) <= 0.02 * b for (_, a), (_, b) in zip(merged, rebuilt, strict=True))


# ------------------------------------------------------------------ damage and full disks


def test_a_damaged_postings_block_is_reported_as_corruption(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One flipped byte in a block header made Whoosh raise its own
    # CorruptIndexError from Index.get, which escaped as a traceback.
    import pickle

    from resolu.index import postings
    from whoosh.filedb.structfile import StructFile

    # Every term's postings in blocks, none kept in the term table: a search reads blocks.
    monkeypatch.setattr(postings, "INLINE_BELOW", 1)
    build_index(corpus_copy, tmp_path / "ix")
    with open_index(tmp_path / "ix", fast=False) as ix:

        def damaged(self: StructFile) -> None:
            raise pickle.UnpicklingError("invalid load key, '\\xff'.")

        monkeypatch.setattr(StructFile, "read_pickle", damaged)
        with pytest.raises(IndexCorrupt, match=r"Damaged postings block.*rebuild"):
            ix.get("A/RES/55/109")
        with pytest.raises(IndexCorrupt, match="rebuild"):
            ix.search("dialogue civilisations")


def test_bit_flips_are_reported_as_corruption_then_repaired(
    corpus_copy: Path, tmp_path: Path
) -> None:
    pristine = tmp_path / "ix"
    build_index(corpus_copy, pristine)
    with open_index(pristine) as ix:
        expected = [(h.reference, h.score) for h in ix.search("dialogue civilisations").hits]
    gen = current_generation(pristine)
    assert gen is not None
    segment = max(gen.glob("*.seg"), key=lambda p: p.stat().st_size)
    size = segment.stat().st_size
    outcomes = set()
    for n, offset in enumerate(range(size // 9, size, size // 9)):
        broken = tmp_path / f"broken{n}"
        shutil.copytree(pristine, broken)
        damaged = broken / gen.name / segment.name
        data = bytearray(damaged.read_bytes())
        data[offset] ^= 0xFF
        damaged.write_bytes(bytes(data))
        try:
            with open_index(broken) as ix:
                ix.search("dialogue civilisations")
                ix.get("A/RES/55/109")
                outcomes.add("read")
        except IndexCorrupt as exc:
            assert "resolu index --rebuild --index-dir" in str(exc)
            outcomes.add("corrupt")
        report = build_index(corpus_copy, broken)  # verifies the checksums, and rebuilds
        assert report.repaired.startswith("the index was damaged") and report.rebuilt
        with open_index(broken) as ix:
            assert [
                (h.reference, h.score) for h in ix.search("dialogue civilisations").hits
            ] == expected
    assert outcomes <= {"read", "corrupt"}
    # A truncated segment cannot be read at all: IndexCorrupt, never a raw error.
    truncated = tmp_path / "truncated"
    shutil.copytree(pristine, truncated)
    damaged = truncated / gen.name / segment.name
    damaged.write_bytes(damaged.read_bytes()[: size // 2])
    with pytest.raises(IndexCorrupt, match="rebuild"), open_index(truncated, fast=False) as ix:
        ix.search("dialogue civilisations")
    assert build_index(corpus_copy, truncated).repaired


def test_a_flipped_byte_in_an_impacts_file_is_found_and_repaired(
    corpus_copy: Path, tmp_path: Path
) -> None:
    # The fast path reads the .impacts files, not the segment: a flip there can
    # change scores silently. resolu index checks them like the segments.
    target = tmp_path / "ix"
    build_index(corpus_copy, target)
    with open_index(target, fast=True) as ix:
        expected = [(h.reference, h.score) for h in ix.search("dialogue civilisations").hits]
    gen = current_generation(target)
    assert gen is not None
    (impacts,) = gen.glob("*.impacts")
    data = bytearray(impacts.read_bytes())
    data[len(data) // 2] ^= 0x01
    impacts.write_bytes(bytes(data))
    report = build_index(corpus_copy, target)
    assert (
        report.repaired == (f"the index was damaged ({impacts.name}): rebuilt from its sources")
        and report.rebuilt
    )
    with open_index(target, fast=True) as ix:
        assert [
            (h.reference, h.score) for h in ix.search("dialogue civilisations").hits
        ] == expected
    assert build_index(corpus_copy, target).repaired == ""  # the repaired index checks out
    # Truncated, it is not read at all: the segments answer (found by benchmarks/attack.py,
    # a numpy ValueError escaped the search).
    (impacts,) = current_generation(target).glob("*.impacts")  # type: ignore[union-attr]
    impacts.write_bytes(impacts.read_bytes()[: impacts.stat().st_size // 2])
    with open_index(target, fast=True) as ix:
        assert [
            (h.reference, h.score) for h in ix.search("dialogue civilisations").hits
        ] == expected


def test_files_that_cannot_be_read_are_skipped_with_their_reason(
    corpus_copy: Path, tmp_path: Path
) -> None:
    os.mkfifo(corpus_copy / "pipe.txt")
    (corpus_copy / "folder.txt").mkdir()  # a folder named like a file: walked, holds nothing
    (corpus_copy / "loop").symlink_to(corpus_copy, target_is_directory=True)
    (corpus_copy / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    bad_name = os.fsencode(corpus_copy) + b"/r\xe9solution.txt"
    with open(bad_name, "wb") as f:
        f.write(SEED.read_bytes())
    report = build_index(corpus_copy, tmp_path / "ix")
    reasons = dict(report.skipped)
    assert reasons["pipe.txt"] == "not a regular file (FIFO)"
    assert reasons["loop"] == "symbolic link loop: folder already walked"
    assert reasons["broken.txt"] == "broken symbolic link or vanished file"
    assert reasons["r\ufffdsolution.txt"] == "file name is not valid UTF-8: rename the file"
    assert report.total_paragraphs == 17  # the readable file, indexed once


@pytest.fixture()
def small_tmpfs(tmp_path: Path) -> Path:
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {made.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_fails_in_one_line_and_frees_its_space(
    tmp_path: Path, small_tmpfs: Path
) -> None:
    corpus = seed_copies(tmp_path / "corpus", 2)
    target = small_tmpfs  # the mount point itself is the index folder
    build_index(corpus, target)
    before = _tree(target)
    used = os.statvfs(target)
    seed_copies(tmp_path / "corpus" / "more", 80)
    for rebuild in (False, True):
        with pytest.raises(IndexWriteFailed, match="No space left on device") as caught:
            build_index(corpus, target, rebuild=rebuild)
        assert str(small_tmpfs) in str(caught.value) and "\n" not in str(caught.value)
        after = os.statvfs(target)
        assert after.f_bfree == used.f_bfree  # every block of the failed run freed
        assert {k: v for k, v in _tree(target).items() if k != "LOCK"} == {
            k: v for k, v in before.items() if k != "LOCK"
        }
        with open_index(target) as ix:
            assert len(ix) == 2 * 17
