"""One open index shared by every request of the web application.

Opening an index costs far more than a search, so the server opens it once.
:class:`~resolu.search.Index` already refreshes its searcher when an
incremental ``resolu index`` commits; a ``--rebuild`` instead swaps in a new
folder by renames, which this wrapper notices (the folder's inode changes) and
answers by opening the new index. Calls are serialised by a lock: the Whoosh
searcher and its refresh are not meant to be shared between threads.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from resolu.corpus.errors import ResoluError

from ..searching import Index, open_index

__all__ = ["SharedIndex"]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class SharedIndex:
    """The index folder a server answers from, opened on first use and kept open."""

    def __init__(self, index_dir: Path | str, index: Index | None = None) -> None:
        self.path = Path(index_dir).expanduser()
        self._lock = threading.Lock()
        self._index = index
        self._identity = _identity(self.path) if index is not None else None

    @contextmanager
    def use(self) -> Iterator[Index]:
        """Hold the index for one request's library calls.

        Raises :class:`IndexNotFound` or :class:`IndexCorrupt` when no index
        can be opened at all.
        """
        with self._lock:
            yield self._current()

    def _current(self) -> Index:
        now = _identity(self.path)
        if self._index is not None and (now is None or now == self._identity):
            # Same folder, or the instant of a swap when neither name exists:
            # the open index is still whole (its files stay readable until closed).
            return self._index
        try:
            fresh = open_index(self.path)
        except ResoluError:
            if self._index is not None:
                return self._index  # a swap in progress; keep serving the old one
            raise
        if self._index is not None:
            self._index.close()
        self._index, self._identity = fresh, now
        return fresh

    def close(self) -> None:
        """Close the open index, if any."""
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None
