"""Start the ``resolu`` command: a Ctrl-C while it loads ends it as quietly as one while it runs.

click turns a Ctrl-C during a command into "Aborted!" and exit 1; before click
runs, importing the command takes a few tenths of a second, and a Ctrl-C then
printed Python's traceback (found by benchmarks/attack.py). Only the start of
Python itself, before any of resolu loads, stays outside.

A one-question process (``resolu search``) also skips what only costs it:
Python's cyclic garbage collector while it loads and answers, and Python's
teardown once the answer is printed (see :func:`one_shot`).
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["main", "one_shot"]

#: Set when a command run inside :func:`one_shot` ended without an exception.
_done_early = False


@contextmanager
def one_shot() -> Iterator[None]:
    """Run the work of a command that ends its process: no cyclic collection, no teardown.

    Loading the modules of a search creates tens of thousands of objects and
    frees few: the collector ran about 45 times in one ``resolu search``, some
    15 ms finding nothing; it is paused here and resumed after. When the work
    ends without an exception, :func:`main` then ends the process as soon as
    click returns success, once the output is flushed: Python's own teardown
    (one more full collection, every module torn down) cost 20 to 40 ms and
    frees nothing the system does not. Under click's test runner, which does
    not go through :func:`main`, only the pause applies.
    """
    global _done_early
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
    _done_early = True


def _end_now(code: object) -> bool:
    """Tell whether the process may end without Python's teardown (see :func:`one_shot`).

    Only after success, and only when nothing waits for that teardown: a
    function registered to run at exit (a worker pool's clean-up, say) or a
    thread still running.
    """
    if not _done_early or code not in (None, 0):
        return False
    waiting = getattr(atexit, "_ncallbacks", lambda: 1)()
    return bool(waiting == 0 and threading.active_count() == 1)


def main() -> None:
    """Load and run the ``resolu`` command."""
    global _done_early
    _done_early = False
    collecting = gc.isenabled()
    gc.disable()  # loading: see one_shot
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("Aborted!\n")
        raise SystemExit(1) from None
    finally:
        if collecting:
            gc.enable()
    try:
        run()
    except SystemExit as done:
        if _end_now(done.code):
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except Exception:
                raise done from None  # let Python report it, as it would have
            os._exit(0)
        raise
