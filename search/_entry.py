"""Start the ``resolu`` command: a Ctrl-C while it loads ends it as quietly as one while it runs.

click turns a Ctrl-C during a command into "Aborted!" and exit 1; before click
runs, importing the command takes a few tenths of a second, and a Ctrl-C then
printed Python's traceback (found by benchmarks/attack.py). Only the start of
Python itself, before any of resolu loads, stays outside.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main() -> None:
    """Load and run the ``resolu`` command."""
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("Aborted!\n")
        raise SystemExit(1) from None
    run()
