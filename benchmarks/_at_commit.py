"""resolu's packages as of another commit, to compare two readers or builds in one run.

The packages (``corpus``, ``index``, ``search``) of the commit are taken with
``git archive``: nothing in the work tree or the repository changes. A folder
holding ``resolu/{corpus,index,search}``, first on ``PYTHONPATH``, is found
before the editable install's finder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["packages_at", "run_at"]

REPO = Path(__file__).resolve().parents[1]


def packages_at(ref: str, work: Path) -> Path:
    """Extract resolu's packages as of ``ref`` under ``work`` and return a PYTHONPATH entry."""
    source, path = work / "baseline" / "src", work / "baseline" / "path"
    shutil.rmtree(work / "baseline", ignore_errors=True)
    source.mkdir(parents=True)
    (path / "resolu").mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", ref, "index", "search", "corpus"],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive.stdout, check=True)
    for package in ("index", "search", "corpus"):
        (path / "resolu" / package).symlink_to(source / package)
    return path


def run_at(ref: str, script: str, argv: list[str]) -> int:
    """Run ``script`` with ``argv`` under the packages of ``ref``; return its exit code."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(packages_at(ref, Path(tmp)))}
        print(f"reader of {ref}:", flush=True)
        return subprocess.run([sys.executable, script, *argv], env=env, check=False).returncode
