"""One writer at a time: an OS file lock that dies with the process holding it.

``fcntl.flock`` on the folder's ``LOCK`` file: the kernel releases it when the
process ends, however it ends (``kill -9``, the OOM killer), so no lock
outlives its run. The holder writes its process id and command into the file,
so that a second run can name the run it waits for. Worker processes close
their copy of the descriptor and die with their parent (see
:mod:`resolu.index.workers`), so they cannot keep the lock alive either.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import IndexBusy
from .folder import LOCK

__all__ = ["held_lock_fd", "writer_lock"]

_held: list[int] = []


def held_lock_fd() -> int | None:
    """Return the descriptor of the lock this process holds (for workers to close), or None."""
    return _held[-1] if _held else None


@contextmanager
def writer_lock(folder: Path) -> Iterator[None]:
    """Hold the writers' lock of ``folder`` for the block; raise :class:`IndexBusy` if taken.

    A folder where the lock file can be neither created nor written (a
    read-only folder) is locked through a read-only descriptor when the file
    exists, and not at all when it does not: nobody can write there anyway.
    """
    import fcntl

    path = folder / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        writable = True
    except OSError as exc:
        if exc.errno not in (errno.EACCES, errno.EROFS, errno.EPERM):
            raise
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            yield
            return
        writable = False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusy(
                f"{folder}: another resolu run is writing to this index ({_holder(path)}); "
                "wait for it to end and try again"
            ) from None
        if writable:
            _describe_self(fd)
        _held.append(fd)
        try:
            yield
        finally:
            _held.remove(fd)
    finally:
        os.close(fd)  # releases the lock


def _describe_self(fd: int) -> None:
    command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"process {os.getpid()} ({command[:200]}) since {stamp}\n".encode(), 0)
    except OSError:
        pass  # the description is a courtesy; a full disk must not stop the run here


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text or "a process that did not say which"
