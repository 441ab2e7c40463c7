"""Whoosh's multiprocessing writer, with workers that cannot outlive their run.

Whoosh's own workers are plain child processes: after ``kill -9`` of the
parent they wait on their job queue forever (holding the index's files and
locks), Ctrl-C prints one traceback per worker, and ``cancel()`` only flips a
flag in the parent's copy of each worker. Here each worker asks the kernel to
kill it when its parent dies (``PR_SET_PDEATHSIG``), ignores Ctrl-C (the
parent handles it and ends them), closes its copy of the writers' lock, and
:meth:`WorkerWriter.cancel` ends them for good.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask

from .lock import held_lock_fd

__all__ = ["WorkerWriter"]

_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` ends (Linux); end now if it has."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the request took effect


class _Worker(SubWriterTask):
    def __init__(self, *args: Any, parent: int, lock_fd: int | None) -> None:
        super().__init__(*args)  # type: ignore[no-untyped-call]
        self.daemon = True
        self._parent = parent
        self._lock_fd = lock_fd

    def run(self) -> None:
        _die_with_parent(self._parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock_fd)  # the parent's lock is not the worker's to keep
        super().run()  # type: ignore[no-untyped-call]


class WorkerWriter(MpWriter):
    """An ``MpWriter`` whose workers die with the run, and are ended on ``cancel()``."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)  # type: ignore[no-untyped-call]

    def _new_task(self) -> _Worker:
        task = _Worker(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
            parent=os.getpid(),
            # Only a forked worker holds a copy of the parent's descriptors.
            lock_fd=held_lock_fd() if multiprocessing.get_start_method() == "fork" else None,
        )
        self.tasks.append(task)
        task.start()
        return task

    def cancel(self, **kwargs: Any) -> None:
        try:
            self.end_workers()
        finally:
            super().cancel(**kwargs)  # type: ignore[no-untyped-call]

    def end_workers(self) -> None:
        """Stop every worker now and wait for each to be gone."""
        for task in self.tasks:
            if task.is_alive():
                task.kill()
        for task in self.tasks:
            task.join(timeout=5)
        for q in (self.jobqueue, self.resultqueue):
            q.cancel_join_thread()
            q.close()
