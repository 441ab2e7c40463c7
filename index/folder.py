"""The index folder: a marker, a pointer to the live generation, and nothing resolu did not write.

An index folder looks like this::

    ix/
      RESOLU-INDEX      the marker: resolu writes it, and works only in folders that hold it
      LOCK              the writers' lock (see :mod:`resolu.index.lock`)
      CURRENT           the name of the live generation, switched by one atomic rename
      gen-000003/       Whoosh's files, the schema VERSION, the segments' CHECKSUMS and
                        SOURCES.json, the folders and files the index was built from

A rebuild writes ``gen-000004`` beside the live one and switches ``CURRENT``
with :func:`os.replace`, so the folder always holds a whole index, also when
it is a mount point (nothing renames the folder itself). A folder holding
anything else is refused, whatever it holds: resolu never deletes or replaces
a file it did not write. A folder is taken over only when it is empty or holds
an index of an older resolu (its files are then all of Whoosh's naming).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from .errors import IndexFolderRefused

__all__ = [
    "CURRENT",
    "LOCK",
    "MARKER",
    "MARKER_TEXT",
    "SOURCES_FILE",
    "adopt_folder",
    "clean_folder",
    "current_generation",
    "is_index_folder",
    "new_generation",
    "switch_generation",
]

MARKER = "RESOLU-INDEX"
MARKER_TEXT = (
    "resolu index folder, format 1\n"
    "resolu writes and deletes only its own files here (LOCK, CURRENT, gen-*).\n"
)
CURRENT = "CURRENT"
#: In a generation folder: the sources it was built from (see :mod:`resolu.index.sources`).
SOURCES_FILE = "SOURCES.json"
LOCK = "LOCK"
_GEN = re.compile(r"^gen-(\d{6})$")
_TEMP = re.compile(r"^(?:CURRENT|RESOLU-INDEX)\.tmp-\d+$")
#: The files of an index written by resolu before the marker existed (schema 2).
_LEGACY = re.compile(
    r"^(?:VERSION|_resolu_\d+\.toc|resolu_[0-9a-z]+\.[A-Za-z0-9_.]+|resolu_WRITELOCK)$"
)


def is_index_folder(folder: Path) -> bool:
    """Tell whether ``folder`` holds resolu's marker, by name and content."""
    try:
        return (folder / MARKER).read_text(encoding="utf-8") == MARKER_TEXT
    except (OSError, UnicodeDecodeError):
        return False


def adopt_folder(folder: Path) -> None:
    """Make ``folder`` an index folder, creating it if needed; refuse any folder with other content.

    Raises :class:`IndexFolderRefused` with the reason.
    """
    if folder.exists() or folder.is_symlink():
        if not folder.is_dir():
            raise IndexFolderRefused(f"{folder}: exists and is not a folder; refusing to use it")
        if is_index_folder(folder):
            return
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:
            raise IndexFolderRefused(f"{folder}: cannot be listed ({exc.strerror})") from exc
        foreign = [n for n in names if not (_TEMP.match(n) or _legacy(folder, n))]
        legacy = [n for n in names if _legacy(folder, n)]
        if legacy and not any(n.endswith(".toc") for n in legacy):
            foreign += legacy  # Whoosh-like names without a table of contents: not ours
        if foreign:
            shown = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
            raise IndexFolderRefused(
                f"{folder}: exists and is not a resolu index (it holds {shown}); "
                "refusing to write there: choose an empty or new folder"
            )
    else:
        folder.mkdir(parents=True, exist_ok=True)
    _write_atomically(folder, MARKER, MARKER_TEXT)


def _legacy(folder: Path, name: str) -> bool:
    if not _LEGACY.match(name) or not (folder / name).is_file():
        return False
    if name != "VERSION":
        return True
    try:
        return (folder / name).read_text(encoding="ascii").strip().isdigit()
    except (OSError, UnicodeDecodeError):
        return False


def current_generation(folder: Path) -> Path | None:
    """Return the live generation's folder, or None when there is none (or no marker)."""
    if not is_index_folder(folder):
        return None
    try:
        name = (folder / CURRENT).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return folder / name if _GEN.match(name) else None


def new_generation(folder: Path) -> Path:
    """Create and return an empty generation folder numbered after every existing one."""
    numbers = [int(m.group(1)) for n in os.listdir(folder) if (m := _GEN.match(n))]
    number = max(numbers, default=0) + 1
    while True:
        gen = folder / f"gen-{number:06d}"
        try:
            gen.mkdir()
            return gen
        except FileExistsError:
            number += 1


def switch_generation(folder: Path, gen: Path) -> None:
    """Point ``CURRENT`` at ``gen`` with one atomic rename (readers see the old or the new)."""
    _write_atomically(folder, CURRENT, f"{gen.name}\n")


def clean_folder(folder: Path) -> list[str]:
    """Remove what a killed or failed run left in ``folder``; return the names removed.

    Call with the writers' lock held. Removes the generations ``CURRENT`` does
    not name, half-written pointer files, and the files of an index written by
    an older resolu once a generation replaces it. Anything else stays.
    """
    live = current_generation(folder)
    removed: list[str] = []
    for name in sorted(os.listdir(folder)):
        path = folder / name
        if _GEN.match(name) and path != live and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif (_TEMP.match(name) and _writer_gone(name)) or (
            live is not None and _legacy(folder, name)
        ):
            path.unlink(missing_ok=True)
        else:
            continue
        removed.append(name)
    removed += _clean_siblings(folder)
    return removed


def _writer_gone(temp_name: str) -> bool:
    """Tell whether the process that writes a ``NAME.tmp-PID`` file has ended.

    The marker is written before the lock is taken: another run may be
    writing its temporary file right now.
    """
    if temp_name.startswith(CURRENT):
        return True  # written only under the lock, which this run holds
    try:
        os.kill(int(temp_name.rpartition("-")[2]), 0)
    except ProcessLookupError:
        return True
    except (OSError, ValueError):
        return False
    return False


def _clean_siblings(folder: Path) -> list[str]:
    """Remove ``ix.building-PID``/``ix.old-PID`` folders that resolu before the marker left."""
    removed: list[str] = []
    pattern = re.compile(rf"^{re.escape(folder.name)}\.(?:building|old)-\d+$")
    try:
        siblings = list(folder.parent.iterdir())
    except OSError:
        return removed
    for path in siblings:
        if not pattern.match(path.name) or path.is_symlink() or not path.is_dir():
            continue
        names = os.listdir(path)
        if all(_legacy(path, n) for n in names):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def _write_atomically(folder: Path, name: str, text: str) -> None:
    tmp = folder / f"{name}.tmp-{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, folder / name)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
