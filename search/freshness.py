"""Tell in three ``stat`` calls whether an open index still shows the last commit.

A long-lived :class:`~resolu.search.Index` checks before every query that no
indexing run committed since it opened its searcher. The full check reads the
folder's marker and ``CURRENT`` and lists the generation's files; this one
stats three paths, and only what it cannot vouch for goes to the full check.
"""

from __future__ import annotations

import os
from pathlib import Path

from resolu.index.folder import CURRENT
from resolu.index.store import INDEX_NAME

__all__ = ["CommitWatch"]


class CommitWatch:
    """Whether nothing was committed to an index folder since this watch was made.

    A rebuild switches ``CURRENT`` with an atomic rename: another file, so
    another inode. An incremental run writes Whoosh's table of contents of the
    next generation (``_resolu_<n+1>.toc``), then deletes every other one. So
    while ``CURRENT`` is the same file and the searcher's own table of contents
    stands without the next one, the searcher is up to date. No timestamp is
    compared: their granularity varies with the kernel and the file system.
    Make the watch before the full check, so that a commit between the two
    shows at the next look.
    """

    def __init__(self, folder: Path, generation_folder: Path, generation: int) -> None:
        self._current = os.fspath(folder / CURRENT)
        self._toc = os.fspath(generation_folder / f"_{INDEX_NAME}_{generation}.toc")
        self._next = os.fspath(generation_folder / f"_{INDEX_NAME}_{generation + 1}.toc")
        self._seen = _identity(self._current)

    def unchanged(self) -> bool:
        """Tell whether ``CURRENT`` and the table of contents are as when the watch was made."""
        if self._seen is None or _identity(self._current) != self._seen:
            return False
        return os.path.exists(self._toc) and not os.path.exists(self._next)


def _identity(path: str) -> tuple[int, int, int, int] | None:
    """Return what tells one file from its replacement: device, inode, size, change time."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
