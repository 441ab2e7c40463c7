"""Where the index lives when the user does not say.

Never in the ``index/`` code folder: in the user's data directory
(``$XDG_DATA_HOME/resolu/index``, by default ``~/.local/share/resolu/index``),
unless ``RESOLU_INDEX`` names another folder.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_VAR", "LIBRARY_ENV_VAR", "default_index_dir", "default_library_dir"]

ENV_VAR = "RESOLU_INDEX"
LIBRARY_ENV_VAR = "RESOLU_LIBRARY"


def default_index_dir() -> Path:
    """Return the index folder used when none is given."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "resolu" / "index"


def default_library_dir() -> Path:
    """Return the folder ``resolu fetch`` downloads into when none is given: beside the index."""
    env = os.environ.get(LIBRARY_ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_index_dir().parent / "library"
