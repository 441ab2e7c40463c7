"""Read legacy Word resolutions (``.doc``, Word 97-2003) through antiword.

The ``.doc`` format is a binary one that no well-kept Python library reads;
the Debian package ``antiword`` does, and measured faithful
(``benchmarks/doc_converters.py``: .doc files saved by LibreOffice from
.docx files give the same references and texts as the .docx, footnotes
included). antiword writes one line per Word paragraph with a blank line
between, a footnote reference as ``[1]`` glued to its word and the footnotes
after the body as ``[1] text``: the references become plain numbers glued to
the word (``l’homme1``) and the footnotes lines opening with their number, as
:mod:`resolu.corpus.word` gives a ``.docx``, for the same splitter.

antiword numbers footnotes in the order the file stores them, which Word
keeps in the order of their references. Without antiword, a ``.doc`` is
skipped with the reason.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from .errors import CorpusError

__all__ = ["ANTIWORD", "doc_text"]

#: The program that reads .doc files (Debian package antiword).
ANTIWORD = "antiword"
#: Seconds one file may take; a resolution takes a few hundredths.
_TIMEOUT = 60

_REFERENCE = re.compile(r"(?<=\S)\[(\d{1,3})\]")
_NOTE = re.compile(r"^\[(\d{1,3})\] ", re.MULTILINE)
_RULE = re.compile(r"^-{10,}[ \t]*$", re.MULTILINE)


def doc_text(path: Path) -> str:
    """Return the text of a legacy Word resolution, ready for the text splitter.

    Raises :class:`CorpusError` when antiword is not installed or cannot read the file.
    """
    program = shutil.which(ANTIWORD)
    if program is None:
        raise CorpusError(
            path, "a legacy Word .doc: reading it needs antiword (Debian package antiword)"
        )
    try:
        # -w 0: one line per paragraph; UTF-8.txt: the text in UTF-8.
        done = subprocess.run(
            [program, "-w", "0", "-m", "UTF-8.txt", "--", str(path)],
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise CorpusError(path, f"antiword took more than {_TIMEOUT} s") from None
    except OSError as exc:
        raise CorpusError(path, f"antiword cannot run ({exc.strerror or exc})") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = said[-1] if said else f"exit code {done.returncode}"
        raise CorpusError(path, f"not a readable Word .doc (antiword: {reason})")
    return from_antiword(done.stdout.decode("utf-8", "replace"))


def from_antiword(text: str) -> str:
    """Return antiword's text with footnotes as the splitter reads them.

    >>> from_antiword("droits de l’homme[1], et\\n\\n---------------\\n[1] Voir E/2000/23.\\n")
    'droits de l’homme1, et\\n\\n\\n1 Voir E/2000/23.\\n'
    """
    text = _REFERENCE.sub(r"\1", text)
    text = _RULE.sub("", text)
    return _NOTE.sub(r"\1 ", text)
