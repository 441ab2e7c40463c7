"""Read the UN Parallel Corpus v1.0 format: one line of text per line, ids beside it.

The corpus (Ziemski et al. 2016) ships each language as a plain UTF-8 text file,
one paragraph per line (``UNv1.0.devset.fr``), and a companion ``.ids`` file with
the same stem (``UNv1.0.devset.ids``). Line *i* of the ids file names the source
document of line *i* and, per language, where that line sits in its document::

    2015/a/res/69/244 ar:25:1 en:25:1 es:25:1 fr:25:1 ru:27:1 zh:26:1

``fr:25:1`` reads "French line 25 of the document, spanning 1 source line".
Line *i* of ``.fr`` is the translation of line *i* of ``.en``.

Document ids to UN symbols
--------------------------
An id is the year of publication, then the symbol in lower case with ``/`` kept
and each of ``.``, space, ``(`` and ``)`` written ``_``. That loses information,
so :func:`symbol_from_id` undoes it with rules read off every one of the 732
distinct ids of the development set, applied to each ``/``-separated segment:

1. A leading four-digit segment is the year, not part of the symbol; it is
   dropped (``2015/a/res/69/244`` → ``A/RES/69/244``). Ids without it are read
   the same way (``a/69/308__part_ii_``).
2. ``X__Y_`` is a parenthesised qualifier after a space: ``2202__2015_`` →
   ``2202 (2015)``, ``308__part_ii_`` → ``308 (Part II)``.
3. ``X_Y_`` is a parenthesised qualifier glued to its word: ``pc_iii_`` →
   ``PC(III)``, ``cric_13_`` → ``CRIC(13)``, ``unep_dtie_`` → ``UNEP(DTIE)``.
4. ``N_M`` with digits on both sides is a range of combined periodic reports:
   ``cedaw/c/ecu/co/8_9`` → ``CEDAW/C/ECU/CO/8-9``.
5. ``es_N`` is an emergency special session: ``a/es_10/670`` → ``A/ES-10/670``.
6. Any other ``_`` was a period: ``cn_7`` → ``CN.7``, ``l_53`` → ``L.53``,
   ``s/pv_7363`` → ``S/PV.7363``, ``st/sg/ser_e/736`` → ``ST/SG/SER.E/736``.
7. Case: symbols are upper case except the words the UN writes in mixed case:
   ``Add``, ``Corr``, ``Rev`` (``a/69/l_53/add_1`` → ``A/69/L.53/Add.1``,
   ``a/69/176/corr_1`` → ``A/69/176/Corr.1``, ``a/69/3/rev_1`` → ``A/69/3/Rev.1``),
   ``Agenda`` (``S/Agenda/7355``), ``Hg`` (``UNEP(DTIE)/Hg/INC.6/24``), ``OzL`` and
   ``Pro`` (``UNEP/OzL.Pro.WG.1/35/1``), and ``Part`` inside a qualifier.

The rules give 732 distinct symbols for the 732 distinct ids of the sample, so
no two documents collapse into one. They cannot be exact for every id the full
corpus holds (a ``_`` that was a hyphen elsewhere would come out as a period).

What a line becomes
-------------------
:func:`read_parallel` yields one :class:`~resolu.corpus.model.Resolution` per run
of consecutive lines from the same document, and each line becomes one
``Paragraph`` of kind ``"line"``, referenced by the document lines it covers in
its language: ``A/RES/69/244#l25`` for ``fr:25:1``, ``A/69/674#l59-62`` for
``fr:59:4``. The range is there because the corpus cuts segments of different
lengths from the same starting line (``fr:59:2`` and ``fr:59:4`` are two texts;
548 French lines of the sample share their start with another), and a reference
must be unique per language.
The development set interleaves documents, so one document may come back as
several resolutions with the same symbol; ``meta["un_id"]`` keeps the raw id.
Only memory for the current run is held, never a whole file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from itertools import zip_longest
from pathlib import Path

from .bodies import body_from_symbol
from .citations import cited_symbols
from .doctypes import document_type
from .errors import CorpusError
from .limits import DEFAULT_LIMITS
from .model import Paragraph, Resolution
from .symbols import is_document_symbol

__all__ = ["is_parallel_corpus_file", "read_parallel", "symbol_from_id", "year_from_id"]

#: Languages this reader knows how to label, and the counterpart of each.
_COUNTERPART = {"fr": "en", "en": "fr"}

#: How a paragraph and a bare line are cited, per language.
_PARAGRAPH_WORD = {"fr": "par.", "en": "paragraph"}
_LINE_WORD = {"fr": "ligne", "en": "line"}
_LINES_WORD = {"fr": "lignes", "en": "lines"}

#: Words the UN spells in mixed case inside symbols; every other word is upper case.
_MIXED_CASE = {
    "add": "Add",
    "corr": "Corr",
    "rev": "Rev",
    "agenda": "Agenda",
    "hg": "Hg",
    "ozl": "OzL",
    "pro": "Pro",
    "part": "Part",
}

_YEAR = re.compile(r"[0-9]{4}")
_COUNT = re.compile(r"[0-9]+")
_SPACED_QUALIFIER = re.compile(r"(?P<head>[a-z0-9_]*?)__(?P<inner>[a-z0-9_]+)_")
_GLUED_QUALIFIER = re.compile(r"(?P<head>[a-z0-9]+)_(?P<inner>[a-z0-9]+)_")
_RANGE = re.compile(r"(?P<first>\d+)_(?P<last>\d+)")
_EMERGENCY_SESSION = re.compile(r"es_(?P<n>\d+)")
# A paragraph number opens the line: "14. Prie ...". Three digits at most, so that
# a sentence opening on a year ("2014. ...") is not taken for paragraph 2014, and a
# space after the period, so that a heading number ("2.1 Fourniture") is not either.
_PARAGRAPH_NUMBER = re.compile(r"(?P<n>\d{1,3})\.\s")


def _word(word: str) -> str:
    return _MIXED_CASE.get(word, word.upper())


def _dotted(segment: str) -> str:
    """Turn the words of one segment into a symbol part joined by periods (rules 6, 7)."""
    return ".".join(_word(word) for word in segment.split("_"))


def _segment(segment: str) -> str:
    """Recover one ``/``-separated part of a symbol from its id spelling."""
    if match := _SPACED_QUALIFIER.fullmatch(segment):
        inner = " ".join(_word(word) for word in match["inner"].split("_"))
        return f"{_dotted(match['head'])} ({inner})"
    if match := _GLUED_QUALIFIER.fullmatch(segment):
        return f"{_word(match['head'])}({_word(match['inner'])})"
    if match := _RANGE.fullmatch(segment):
        return f"{match['first']}-{match['last']}"
    if match := _EMERGENCY_SESSION.fullmatch(segment):
        return f"ES-{match['n']}"
    return _dotted(segment)


def _symbol_segments(doc_id: str) -> list[str]:
    segments = doc_id.strip().strip("/").lower().split("/")
    # The year prefix is four digits and followed by the symbol; no symbol starts
    # with a number, so a leading four-digit segment is always the year.
    if len(segments) > 1 and _YEAR.fullmatch(segments[0]):
        segments = segments[1:]
    return segments


# Kept for the ids met last: a file interleaves its documents' lines, and the dev
# set's 732 ids come back in 2,805 runs of lines.
@functools.lru_cache(maxsize=4096)
def symbol_from_id(doc_id: str) -> str:
    """Return the UN document symbol that a corpus document id spells.

    >>> symbol_from_id("2015/a/res/69/244")
    'A/RES/69/244'
    >>> symbol_from_id("2015/s/res/2202__2015_")
    'S/RES/2202 (2015)'
    >>> symbol_from_id("2015/e/cn_7/2015/13")
    'E/CN.7/2015/13'
    >>> symbol_from_id("a/69/l_53/add_1")
    'A/69/L.53/Add.1'
    """
    return "/".join(_segment(segment) for segment in _symbol_segments(doc_id))


def year_from_id(doc_id: str) -> int | None:
    """Return the year an id starts with, or None when it carries none.

    >>> year_from_id("2015/a/res/69/244"), year_from_id("a/69/308__part_ii_")
    (2015, None)
    """
    head, _, rest = doc_id.strip().strip("/").partition("/")
    return int(head) if rest and _YEAR.fullmatch(head) else None


def _number(symbol: str) -> str:
    """Return a resolution's number (``69/244``, ``2202 (2015)``), else the symbol."""
    parts = symbol.split("/")
    if len(parts) > 2 and parts[1] == "RES":
        return "/".join(parts[2:])
    return symbol


def _session(symbol: str) -> str:
    """Return the General Assembly session a symbol names, else ``""``.

    The session is the number after ``A/``, ``A/RES/``, ``A/INF/`` or a Main
    Committee (``A/C.5/69/17``). Other bodies number their own sessions
    (``A/HRC/28/41`` is the Council's 28th), so those are not taken for it.
    """
    parts = symbol.split("/")
    if len(parts) < 2 or parts[0] != "A":
        return ""
    if parts[1].isdigit():
        return parts[1]
    if (parts[1] in ("RES", "INF") or re.fullmatch(r"C\.\d", parts[1])) and len(parts) > 2:
        return parts[2] if parts[2].isdigit() else ""
    return ""


def _ids_path(path: Path) -> Path:
    return path.with_suffix(".ids")


def is_parallel_corpus_file(path: Path) -> bool:
    """Tell whether ``path`` is a ``.fr`` or ``.en`` corpus file with its ``.ids`` beside it."""
    path = Path(path)
    return path.suffix in (".fr", ".en") and path.is_file() and _ids_path(path).is_file()


def _parse_positions(ids_path: Path, file_line: int, fields: list[str]) -> dict[str, str]:
    """Map each language of an ids line to the document lines it covers.

    ``fr:25:1`` gives ``"25"`` and ``fr:59:4`` gives ``"59-62"``. The span must be
    kept: the corpus cuts one document line into several segments of different
    spans (``fr:59:2`` and ``fr:59:4`` are two different texts), so the start
    alone would not tell them apart.
    """
    positions: dict[str, str] = {}
    for field in fields:
        language, _, place = field.partition(":")
        start, _, span = place.partition(":")
        # [0-9], not str.isdigit(): "²" is a digit to isdigit() and an error to int().
        if not (language and _COUNT.fullmatch(start) and _COUNT.fullmatch(span) and int(span)):
            raise CorpusError(ids_path, f"line {file_line}: malformed position {field!r}")
        first, count = int(start), int(span)
        positions[language] = str(first) if count == 1 else f"{first}-{first + count - 1}"
    return positions


def _place(lines: str) -> int:
    """Return where the document lines ``"59"`` or ``"59-62"`` sit in their document.

    The first line, then the span: ``fr:59:2`` comes before ``fr:59:4``.

    >>> _place("25"), _place("59-60"), _place("59-62")
    (25001, 59002, 59004)
    """
    first, _, last = lines.partition("-")
    return int(first) * 1000 + (int(last) - int(first) + 1 if last else 1)


def _label(symbol: str, language: str, text: str, lines: str) -> str:
    if match := _PARAGRAPH_NUMBER.match(text):
        return f"{symbol}, {_PARAGRAPH_WORD[language]} {match['n']}"
    word = _LINES_WORD[language] if "-" in lines else _LINE_WORD[language]
    return f"{symbol}, {word} {lines}"


def _resolution(
    doc_id: str,
    symbol: str,
    language: str,
    paragraphs: list[Paragraph],
    path: Path,
    masthead: str = "",
) -> Resolution:
    # The sample's lines come in any order, and one document in several runs:
    # each line's order is its place in the document, so that the runs of a
    # document, indexed together, read in its own line order.
    ordered = sorted(paragraphs, key=lambda p: p.order)
    return Resolution(
        symbol=symbol,
        number=_number(symbol),
        title="",
        body=body_from_symbol(symbol),
        language=language,
        paragraphs=tuple(ordered),
        session=_session(symbol),
        year=year_from_id(doc_id),
        source=str(path),
        # One type for every run of a document's lines: its masthead line may be in another run.
        meta={"un_id": doc_id, "type": document_type(symbol, [masthead])},
    )


def _lines(path: Path, what: str, max_chars: int) -> Iterator[str]:
    """Yield the lines of one file, turning any failure to read it into a CorpusError.

    A line longer than ``max_chars`` is refused as soon as that much of it is
    read: a file of one huge line never sits whole in memory.
    """
    count = 0
    try:
        # newline="\n": a stray carriage return inside a line must not split it, or
        # the text and the ids would fall out of step. utf-8-sig drops a leading BOM.
        with path.open(encoding="utf-8-sig", newline="\n") as handle:
            while line := handle.readline(max_chars + 2):
                count += 1
                if len(line.rstrip("\n")) > max_chars:
                    reason = f"{what}, line {count}: longer than {max_chars:,} characters"
                    raise CorpusError(path, reason)
                yield line
    except UnicodeDecodeError as error:
        raise CorpusError(path, f"{what} is not UTF-8 after line {count}") from error
    except OSError as error:
        raise CorpusError(path, f"cannot read {what}: {error.strerror or error}") from error


def read_parallel(
    path: Path, *, max_line: int = DEFAULT_LIMITS.paragraph_chars
) -> Iterator[Resolution]:
    """Stream the resolutions of a ``.fr`` or ``.en`` corpus file, one per run of lines.

    The ids file must sit beside ``path`` with the same stem. A line of either
    file longer than ``max_line`` characters refuses the file. Paragraphs are
    aligned to the other language's lines when that file is beside it too.
    Raises :class:`CorpusError` at once when the ids file is missing, and while
    iterating when a file cannot be decoded or the two files differ in length;
    that mismatch shows only at the end of the shorter file, after earlier
    resolutions were yielded, so a caller should drop the whole file on error.
    """
    path = Path(path)
    language = path.suffix.removeprefix(".")
    if language not in _COUNTERPART:
        raise CorpusError(path, f"not a French or English corpus file (suffix {path.suffix!r})")
    ids_path = _ids_path(path)
    if not ids_path.is_file():
        raise CorpusError(path, f"missing ids file {ids_path.name}")
    other = _COUNTERPART[language]
    aligned_to = other if path.with_suffix(f".{other}").is_file() else None
    return _stream(path, ids_path, language, aligned_to, max_line)


def _stream(
    path: Path, ids_path: Path, language: str, aligned_to: str | None, max_line: int
) -> Iterator[Resolution]:
    current_id = ""
    symbol = ""
    paragraphs: list[Paragraph] = []
    mastheads = _mastheads(path, ids_path, max_line)
    pairs = zip_longest(_lines(path, "text file", max_line), _lines(ids_path, "ids file", max_line))
    for file_line, (text, ids) in enumerate(pairs, start=1):
        if text is None or ids is None:
            shorter = path.name if text is None else ids_path.name
            raise CorpusError(
                path, f"{shorter} ends after line {file_line - 1}: the text and ids differ"
            )
        fields = ids.split()
        if not fields:
            raise CorpusError(ids_path, f"line {file_line}: empty ids line")
        positions = _parse_positions(ids_path, file_line, fields[1:])
        if language not in positions:
            raise CorpusError(ids_path, f"line {file_line}: no {language} position")
        if fields[0] != current_id:
            if paragraphs:
                yield _resolution(
                    current_id, symbol, language, paragraphs, path, mastheads.get(current_id, "")
                )
            current_id, symbol, paragraphs = fields[0], _symbol(ids_path, file_line, fields[0]), []
        paragraphs.append(
            _paragraph(symbol, language, text.strip(), positions, file_line, aligned_to)
        )
    if paragraphs:
        yield _resolution(
            current_id, symbol, language, paragraphs, path, mastheads.get(current_id, "")
        )


def _mastheads(path: Path, ids_path: Path, max_line: int) -> dict[str, str]:
    """Return, by document id, the first line that names what the document is (a first pass).

    A document's lines come in several runs, and its masthead line ("Lettre
    datée du…") in one of them: every run takes the type it says. Both
    languages' files are read, French first, so that both give one type.
    """
    found: dict[str, str] = {}
    texts = [path.with_suffix(f".{lang}") for lang in _COUNTERPART]
    for text_path in [p for p in texts if p == path or p.is_file()]:
        lines = zip(
            _lines(text_path, "text file", max_line),
            _lines(ids_path, "ids file", max_line),
            strict=False,
        )
        for text, ids in lines:
            doc_id = ids.split(maxsplit=1)[0] if ids.strip() else ""
            if doc_id not in found and document_type("", [text]) != "other":
                found[doc_id] = text
    return found


def _symbol(ids_path: Path, file_line: int, doc_id: str) -> str:
    """Return the symbol an id spells, or refuse an id that spells none (``.``, ``../..``)."""
    symbol = symbol_from_id(doc_id)
    if not is_document_symbol(symbol):
        shown = doc_id if len(doc_id) <= 40 else doc_id[:40] + "…"
        raise CorpusError(
            ids_path, f"ids file, line {file_line}: {shown!r} is not a UN document id"
        )
    return symbol


def _paragraph(
    symbol: str,
    language: str,
    text: str,
    positions: dict[str, str],
    file_line: int,
    aligned_to: str | None,
) -> Paragraph:
    """Make one line's paragraph, whole: made once, it is never copied to be completed."""
    line_number = positions[language]
    series = "A/HRC" if symbol.startswith("A/HRC/") else symbol.split("/")[0]
    aligned: tuple[str, ...] = ()
    if aligned_to is not None and aligned_to in positions:
        aligned = (f"{aligned_to}:{symbol}#l{positions[aligned_to]}",)
    return Paragraph(
        reference=f"{symbol}#l{line_number}",
        label=_label(symbol, language, text, line_number),
        kind="line",
        number=line_number,
        text=text,
        # its place in its document: _resolution orders a run's lines by it
        order=_place(line_number),
        cites_symbols=cited_symbols(text, series=series),
        lines=(file_line, file_line),
        aligned=aligned,
        symbol=symbol,
        language=language,
    )
