"""The ``resolu`` command: a thin adapter over :mod:`resolu.search` and :mod:`resolu.index`.

Each command parses its arguments, calls one library function and formats the
result. Library errors become exit codes here and nowhere else: 2 for a
malformed query or bad usage, 1 for anything that went wrong at run time.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

import click
from resolu.corpus.errors import ResoluError
from resolu.corpus.services import (
    DEFAULT_DIGITAL_LIBRARY_URL,
    DEFAULT_ODS_URL,
    DIGITAL_LIBRARY_ENV_VAR,
    ODS_ENV_VAR,
)

from ._entry import one_shot
from .errors import QuerySyntaxError
from .locations import ENV_VAR, LIBRARY_ENV_VAR, default_index_dir, default_library_dir
from .messages import Messages, cli_messages
from .parser import PASSAGE_CHARS

__all__ = ["cli", "main"]

_QUERY_HELP = """\
Search the paragraphs of the indexed resolutions and print the best first.

\b
QUERY language (French or English operators, upper case):
  dialogue civilisations         every word must match (if none matches
                                 them all, ranked partial matches, said so)
  "dialogue entre les civilisations"
                                 exact phrase, stop words included
  dialogue OU transparence       either word (also OR)
  dialogue ET transparence       both words (also AND; the default)
  dialogue SAUF civilisations    exclude (also NOT, or -civilisations)
  (dialogue OR cooperation) -religions
  civilis*                       prefix
\b
Field filters:
{fields}

Accents, case, elision (l’, qu’) and inflection do not matter:
'cooperation internationale' finds 'coopérations internationales'.
"""


class _QueryHelpCommand(click.Command):
    """A command whose help lists the query fields, read from their table only when shown."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help is None:
            from .fields import fields_help

            self.help = _QUERY_HELP.format(fields=fields_help())
        super().format_help_text(ctx, formatter)


class _SearchCommand(_QueryHelpCommand):
    """``resolu search``: a ``-word`` anywhere on the line is an exclusion, not an option."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, query_words_last(args, self.get_params(ctx)))


def query_words_last(args: list[str], params: list[click.Parameter]) -> list[str]:
    """Return ``args`` with the options first, then ``--`` and the query words in order.

    Click reads ``-religions`` as the options ``-r -e …``; here a token is an option
    only if it names one of the command's options (``-n``, ``--limit``, ``--limit=5``,
    ``-n5``), so ``-religions`` and ``-nations`` stay words of the query.

    >>> query_words_last(["dialogue", "-religions", "-n", "3"], [click.Option(["-n"])])
    ['-n', '3', '--', 'dialogue', '-religions']
    """
    takes_value: dict[str, bool] = {}
    for p in params:
        if isinstance(p, click.Option):
            for name in (*p.opts, *p.secondary_opts):
                takes_value[name] = not (p.is_flag or p.count)
    options: list[str] = []
    words: list[str] = []
    i = 0
    while i < len(args):
        tok = args[i]
        i += 1
        if tok == "--":
            words.extend(args[i:])
            break
        name = tok.partition("=")[0] if tok.startswith("--") else tok
        short = tok[:2] if len(tok) > 2 and tok[1] != "-" and tok[2:].isdigit() else ""
        if name in takes_value:
            options.append(tok)
            if takes_value[name] and "=" not in tok and i < len(args):
                options.append(args[i])
                i += 1
        elif short in takes_value:
            options.append(tok)  # -n5
        else:
            words.append(tok)
    return [*options, "--", *words]


def _echo_json(value: Any) -> None:
    import json  # here: a search printed as text does not need it

    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


class _UsageError(click.ClickException):
    """A usage error shown in one line (click's own adds the usage block)."""

    exit_code = 2


def _fail(exc: ResoluError) -> NoReturn:
    if isinstance(exc, QuerySyntaxError):
        raise _UsageError(cli_messages().say("cli_malformed", detail=exc))
    near = getattr(exc, "suggestions", ())
    if near:
        nearest = cli_messages().say("cli_nearest", refs=", ".join(near))
        raise click.ClickException(f"{exc}\n{nearest}")
    raise click.ClickException(str(exc))


#: What --format accepts (resolu.search.export writes all but text and json).
_FORMATS = ("text", "json", "jsonl", "csv", "bibtex", "ris")
#: Sort orders, as resolu.search.sorting.SORTS names them (read here without loading Whoosh).
SORTS = ("relevance", "newest", "oldest", "symbol")


def _format_options(f: Any) -> Any:
    """Add ``--format`` and its alias ``--json``; the command receives ``fmt``."""

    def json_alias(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:
            ctx.meta["resolu_json"] = True

    def pick(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
        return value or ("json" if ctx.meta.get("resolu_json") else "text")

    f = click.option(
        "--format",
        "fmt",
        type=click.Choice(_FORMATS),
        default=None,
        callback=pick,
        help="Output: text (default), json, jsonl, csv, bibtex or ris (citing the UN way).",
    )(f)
    return click.option(
        "--json",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=json_alias,
        help="Same as --format json.",
    )(f)


def _index_dir_option(f: Any) -> Any:
    return click.option(
        "--index-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar=ENV_VAR,
        default=None,
        help=f"Index folder (default: ${ENV_VAR}, else {default_index_dir()}).",
    )(f)


def _open(index_dir: Path | None) -> Any:
    """Open the index; on first use of the default location, build it from the shipped corpus."""
    from resolu.index.errors import IndexNotFound

    from .searching import open_index

    explicit = index_dir is not None
    path = index_dir if explicit else default_index_dir()
    assert path is not None
    try:
        return open_index(path)
    except IndexNotFound:
        if explicit:
            raise IndexNotFound(cli_messages().say("cli_no_index", path=path)) from None
    from resolu.corpus import corpus_dir
    from resolu.index import build_index

    click.echo(cli_messages().say("cli_no_index_yet", path=path), err=True)
    build_index(corpus_dir(), path)
    return open_index(path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="resolu")
def cli() -> None:
    """Full-text search over United Nations resolutions, paragraph by paragraph.

    Start with: resolu search '"dialogue entre les civilisations"'
    """


@cli.command(
    "search",
    cls=_SearchCommand,
    short_help="Search the paragraphs of the indexed resolutions.",
)
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="How many hits to show.",
)
@click.option(
    "--offset",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="How many hits to skip (for the next page).",
)
@click.option("--group", is_flag=True, help="One hit per resolution, with its other matches.")
@click.option(
    "--sort",
    type=click.Choice([*SORTS, "date"]),
    default="relevance",
    show_default=True,
    help="Order: relevance; newest (or date) or oldest first; symbol (A/RES/55/9 before 55/10).",
)
@click.option(
    "--facets", is_flag=True, help="Count the matches by body, year, session, kind, type, lang."
)
@_format_options
@_index_dir_option
def search_command(
    query: tuple[str, ...],
    limit: int,
    offset: int,
    group: bool,
    sort: str,
    facets: bool,
    fmt: str,
    index_dir: Path | None,
) -> None:
    with one_shot():
        text = " ".join(query)
        try:
            with _open(index_dir) as ix:
                results = ix.search(
                    text,
                    limit=limit,
                    offset=offset,
                    group_by_resolution=group,
                    sort=sort,
                    facets=facets,
                )
        except ResoluError as exc:
            _fail(exc)
        if fmt == "json":
            from .serialize import results_json

            output = results_json(results, limit=limit, offset=offset)
            _echo_json(output)
        elif fmt != "text":
            from .export import export_records, hit_records

            click.echo(export_records(hit_records(results), fmt), nl=False)
        else:
            _print_results(results)
            if results.facets:
                _print_facets(results.facets)


@cli.command("show")
@click.argument("reference")
@click.option(
    "--lang",
    default=None,
    help="Languages to show, comma-separated (fr,en: side by side), where the index holds them.",
)
@click.option("--query", "-q", default="", help="Mark the words of this query (in bold).")
@click.option(
    "--cited-by",
    is_flag=True,
    help="List the paragraphs of other indexed resolutions that cite it, and what it cites.",
)
@_format_options
@_index_dir_option
def show_command(
    reference: str,
    lang: str | None,
    query: str,
    cited_by: bool,
    fmt: str,
    index_dir: Path | None,
) -> None:
    """Print the paragraph a REFERENCE names, or a whole resolution given its symbol.

    REFERENCE is like A/RES/55/109#op4; a symbol like A/RES/55/109.
    """
    from resolu.corpus.languages import LANGUAGES

    langs = tuple(x.strip() for x in (lang or "").split(",") if x.strip())
    unknown = [x for x in langs if x not in LANGUAGES]
    if unknown:
        raise _UsageError(f"unknown language '{unknown[0]}' (known: {', '.join(LANGUAGES)})")
    try:
        with _open(index_dir) as ix:
            if cited_by:
                _show_citations(ix, reference, fmt)
            else:
                _show(ix, reference, langs, query, fmt)
    except ResoluError as exc:
        _fail(exc)


def _show(ix: Any, reference: str, langs: tuple[str, ...], query: str, fmt: str) -> None:
    from resolu.corpus.model import Paragraph

    from .citation import adoption_line, official_url
    from .parallel import parallel_view, query_highlights
    from .terminal import bold_spans, render_view

    found = ix.get(reference, lang=langs[0] if langs else None)
    if fmt != "text":
        _export_found(ix, found, reference, langs, fmt)
        return
    if isinstance(found, Paragraph):
        res = ix.get(found.symbol, lang=langs[0] if langs else None)
        marks = query_highlights(ix, query, [res]) if query else {}
        spans = marks.get((res.language, found.reference), ())
        click.echo(click.style(found.label, bold=True) + f"  [{found.reference}]")
        click.echo(bold_spans(found.text, spans))
        if found.aligned:
            click.echo(cli_messages().say("cli_aligned", refs=", ".join(found.aligned)))
        click.echo(official_url(res.symbol, res.language))
        return
    view = parallel_view(ix, found.symbol, languages=langs or (found.language,), query=query)
    for res in view.versions:
        click.echo(click.style(f"{res.symbol}  {res.title}", bold=True))
        adopted = res.adopted.isoformat() if res.adopted else ""
        meta = ", ".join(x for x in (res.organ, adopted, res.language) if x)
        click.echo(f"{meta}  {official_url(res.symbol, res.language)}")
        if res.vote:
            click.echo(adoption_line(res.vote, cli_messages()))
    for line in render_view(view):
        click.echo(line)


def _export_found(ix: Any, found: Any, reference: str, langs: tuple[str, ...], fmt: str) -> None:
    from resolu.corpus.model import Paragraph

    if fmt == "json":
        from .serialize import found_json

        language = langs[0] if langs else ""
        if isinstance(found, Paragraph) and not language:
            language = ix.get(found.symbol).language
        _echo_json(found_json(found, language=language))
        return
    from .export import export_records, resolution_records

    if isinstance(found, Paragraph):
        res = ix.get(found.symbol, lang=langs[0] if langs else None)
        records = resolution_records(res, [found])
    else:
        records = resolution_records(found)
    click.echo(export_records(records, fmt), nl=False)


def _show_citations(ix: Any, reference: str, fmt: str) -> None:
    from .browse import citations

    found = citations(ix, reference)
    if fmt == "json":
        from .serialize import hit_json

        out = {
            "symbol": found.symbol,
            "cited_by": [hit_json(h) for h in found.cited_by],
            "cites": [{"symbol": s, "indexed": s in found.indexed} for s in found.cites],
        }
        _echo_json(out)
        return
    if fmt != "text":
        from .export import export_records, hit_records
        from .hits import Results

        hits = Results(query=f"citedby:{found.symbol}", hits=found.cited_by, total=0)
        click.echo(export_records(hit_records(hits), fmt), nl=False)
        return
    head = f"{found.symbol} is cited by {len(found.cited_by)} paragraphs"
    click.echo(click.style(head, bold=True))
    for h in found.cited_by:
        click.echo(f"  {h.label}  [{h.reference}]")
        click.echo(f"    {h.snippet}")
    click.echo(click.style(f"{found.symbol} cites {len(found.cites)} resolutions", bold=True))
    for symbol in found.cites:
        click.echo(f"  {symbol}" + ("" if symbol in found.indexed else "  (not in the index)"))


@cli.command("list")
@click.argument("query", nargs=-1)
@click.option(
    "--sort",
    type=click.Choice([*SORTS, "date"]),
    default="symbol",
    show_default=True,
    help="Order: symbol (natural order); newest (or date) or oldest first; relevance.",
)
@click.option(
    "--limit", "-n", type=click.IntRange(min=0), default=50, show_default=True, help="How many."
)
@click.option(
    "--offset", type=click.IntRange(min=0), default=0, show_default=True, help="How many to skip."
)
@_format_options
@_index_dir_option
def list_command(
    query: tuple[str, ...], sort: str, limit: int, offset: int, fmt: str, index_dir: Path | None
) -> None:
    """List the indexed resolutions: symbol, date, body, paragraphs, title.

    QUERY (optional) keeps the resolutions with a matching paragraph, in the
    query language: resolu list body:CS year:1990..1991
    """
    from .browse import list_indexed

    try:
        with _open(index_dir) as ix:
            listing = list_indexed(ix, " ".join(query), sort=sort, limit=limit, offset=offset)
    except ResoluError as exc:
        _fail(exc)
    if fmt == "json":
        from .serialize import resolutions_json

        out = resolutions_json(listing.summaries, limit=limit, offset=0)
        out.update(total=listing.total, offset=offset)
        _echo_json(out)
        return
    if fmt != "text":
        from .export import export_records, summary_records

        click.echo(export_records(summary_records(listing.summaries), fmt), nl=False)
        return
    for s in listing.summaries:
        when = str(s.adopted or "") or (str(s.year) if s.year else "")
        click.echo(
            click.style(s.symbol, bold=True)
            + f"  {when}  {s.body}  {s.paragraphs} par.  {','.join(s.languages)}  {s.title}"
        )
    shown = offset + len(listing.summaries)
    more = f"; --offset {shown} for more" if listing.total > shown else ""
    click.echo(f"({len(listing.summaries)} of {listing.total} resolutions{more})")


class _LimitOption(click.Option):
    """A corpus limit's option, whose help shows the default, read when the help is shown.

    The limits are loaded then, and by ``resolu index`` itself: not by a search.
    """

    def __init__(self, *args: Any, limit: tuple[str, int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit = limit

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from resolu.corpus.limits import DEFAULT_LIMITS

        field, unit, text = self.limit
        default = getattr(DEFAULT_LIMITS, field) // unit
        self.help = f"{text} (default {default:,}; env {self.envvar})."
        return super().get_help_record(ctx)


def _limit_option(flag: str, envvar: str, field: str, unit: int, text: str) -> Callable[[Any], Any]:
    """Return a ``resolu index`` option setting one of the corpus limits (default shown)."""

    def to_limit(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
        return None if value is None else value * unit

    return click.option(
        flag,
        field,
        cls=_LimitOption,
        limit=(field, unit, text),
        type=click.IntRange(min=1),
        default=None,
        envvar=envvar,
        callback=to_limit,
    )


@cli.command("index")
@click.argument("corpus_dir", required=False, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Rebuild every source into an empty index.")
@click.option(
    "--remove",
    is_flag=True,
    help="Remove the source CORPUS_DIR and its paragraphs (it need not exist any more).",
)
@click.option(
    "--procs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes for analysis (default 1; more use Whoosh's multiprocessing writer).",
)
@_index_dir_option
@_limit_option("--max-file-mb", "RESOLU_MAX_FILE_MB", "file_bytes", 1 << 20, "Largest file, in MB")
@_limit_option("--max-pages", "RESOLU_MAX_PAGES", "pdf_pages", 1, "Most pages of a PDF")
@_limit_option(
    "--max-inflated-mb",
    "RESOLU_MAX_INFLATED_MB",
    "inflated_bytes",
    1 << 20,
    "Most MB the compressed content of a PDF or .docx may inflate to",
)
@_limit_option(
    "--max-paragraph-chars",
    "RESOLU_MAX_PARAGRAPH_CHARS",
    "paragraph_chars",
    1,
    "Longest paragraph (and line), in characters",
)
def index_command(
    corpus_dir: Path | None,
    rebuild: bool,
    remove: bool,
    procs: int | None,
    index_dir: Path | None,
    **limits: int | None,
) -> None:
    """Add or update the source CORPUS_DIR, a folder or a file.

    An index holds any number of sources (resolu sources lists them); each run
    reads one and leaves the others as they are. Without CORPUS_DIR, every
    recorded source is updated (the shipped corpus in an index that has none).
    Reads .txt, .pdf, .docx, .doc (through antiword) and .html resolutions and UN
    Parallel Corpus files (.fr/.en with their .ids), recursively. Only new and
    changed files are read again. A file over a limit (--max-*) is skipped with
    the reason; after raising one, --rebuild reads such files again. A
    resolution two files give (same symbol, same language) is indexed once: from
    the source added first, then .txt before .docx, .doc, .html, parallel corpus
    and .pdf, then by name.
    """
    from resolu.corpus.limits import DEFAULT_LIMITS
    from resolu.index import build_index, remove_source

    chosen = replace(DEFAULT_LIMITS, **{k: v for k, v in limits.items() if v is not None})

    if remove and (corpus_dir is None or rebuild):
        raise click.UsageError("--remove takes the source to remove, without --rebuild")
    if corpus_dir is not None and not remove and not corpus_dir.exists():
        raise click.BadParameter(f"{corpus_dir} does not exist", param_hint="CORPUS_DIR")
    target = index_dir or default_index_dir()
    m = cli_messages()
    progress = _Progress(m.say("cli_indexing"), m.template("cli_indexing_line"), every=100)
    try:
        if remove:
            assert corpus_dir is not None
            report = remove_source(corpus_dir, target)
        elif corpus_dir is None:
            report = _every_source(target, rebuild, procs, progress, chosen)
        else:
            report = build_index(
                corpus_dir or _shipped(),
                target,
                rebuild=rebuild,
                procs=procs,
                progress=progress,
                limits=chosen,
            )
    except ResoluError as exc:
        _fail(exc)
    finally:
        progress.close()
    if remove:
        click.echo(m.say("cli_source_removed", path=report.corpus_dir))
    _print_index_report(report)


def _shipped() -> Path:
    from resolu.corpus import corpus_dir

    return corpus_dir()


def _every_source(
    target: Path, rebuild: bool, procs: int | None, progress: Any, limits: Any
) -> Any:
    """Update or rebuild every recorded source; where there is no index yet, the shipped corpus."""
    from resolu.index import IndexNotFound, build_index, rebuild_index, update_index

    run = rebuild_index if rebuild else update_index
    try:
        return run(target, procs=procs, progress=progress, limits=limits)
    except IndexNotFound:
        return build_index(
            _shipped(), target, rebuild=rebuild, procs=procs, progress=progress, limits=limits
        )


@cli.command("sources")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (keys as in the README).")
@_index_dir_option
def sources_command(as_json: bool, index_dir: Path | None) -> None:
    """List the sources of the index: folders and files, with what it holds from each."""
    from resolu.index import list_sources

    from .serialize import sources_json

    target = index_dir or default_index_dir()
    try:
        sources = list_sources(target)
    except ResoluError as exc:
        _fail(exc)
    if as_json:
        _echo_json(sources_json(target, sources))
        return
    _print_sources(target, sources)


def _print_sources(target: Path, sources: list[Any]) -> None:
    m = cli_messages()
    for s in sources:
        state = m.say(f"cli_kind_{s.kind}") + ("" if s.present else ", " + m.say("cli_missing"))
        click.echo(click.style(s.path, bold=True) + f"  ({state})")
        dups = ", " + m.plural(s.duplicates, "cli_duplicates") if s.duplicates else ""
        updated = s.updated.strftime("%Y-%m-%d %H:%M UTC") if s.updated else m.say("cli_unknown")
        line = m.say(
            "cli_source_line",
            files=m.plural(s.files, "cli_files"),
            resolutions=m.plural(s.resolutions, "cli_resolutions"),
            paragraphs=m.plural(s.paragraphs, "cli_paragraphs"),
            duplicates=dups,
            updated=updated,
        )
        click.echo(f"   {line}")
    click.echo(m.plural(len(sources), "cli_sources", dir=target))


class _Progress:
    """A progress bar on a terminal; elsewhere (a log, a pipe) a line every ``every`` items."""

    def __init__(self, label: str, line: str, *, every: int) -> None:
        self.label = label
        self.line = line
        self.every = every
        self.tty = sys.stderr.isatty()
        self.bar: Any = None

    def __call__(self, done: int, total: int, what: str) -> None:
        if self.tty:
            if self.bar is None:
                self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
                self.bar.__enter__()
            self.bar.update(1)
        elif done == total or done % self.every == 0:
            click.echo(self.line.format(done=done, total=total, what=what), err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


_FETCH_HELP = """\
Download resolutions from the UN into your library folder, then index it.

\b
By symbol, from the Official Document System:
  resolu fetch A/RES/55/109 'S/RES/242(1967)' --lang fr,en
By list, from the UN Digital Library's catalogue:
  resolu fetch --body AG --session 55      (General Assembly, 55th session)
  resolu fetch --body CS --year 2000       (Security Council, resolutions of 2000)
  resolu fetch A/RES/55/109 --format doc   (the Word file instead of the PDF)

A file already fetched (same checksum) is not fetched again, and a file
resolu did not write is never overwritten. Each file is written under a
temporary name and renamed when complete. The report lists what was fetched,
skipped, missing (404) or refused (an HTML page where a PDF was expected).
Exit 1 if a host cannot be reached or a download failed past its retries.

The library folder is then indexed as one source of the index, beside the
others (resolu sources lists them); --no-index leaves the index alone.
"""


@cli.command("fetch", help=_FETCH_HELP)
@click.argument("symbols", nargs=-1)
@click.option(
    "--lang",
    default="fr",
    show_default=True,
    help="Languages, comma-separated, among fr, en, es, ar, ru, zh.",
)
@click.option(
    "--body",
    type=click.Choice(["AG", "GA", "CS", "SC"], case_sensitive=False),
    help="List a body's resolutions: AG/GA (General Assembly), CS/SC (Security Council).",
)
@click.option(
    "--session", type=click.IntRange(min=1), help="General Assembly session (with --body AG)."
)
@click.option("--year", type=click.IntRange(1946, 2100), help="Year of adoption (with --body).")
@click.option(
    "--library",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=LIBRARY_ENV_VAR,
    default=None,
    help=f"Library folder (default: ${LIBRARY_ENV_VAR}, else beside the index).",
)
@click.option(
    "--format",
    "kind",
    type=click.Choice(["pdf", "doc"]),
    default="pdf",
    show_default=True,
    help="The PDF, or the Word file (.docx; .doc where the UN has only that).",
)
@click.option("--dry-run", is_flag=True, help="List what would be fetched; download nothing.")
@click.option("--no-index", is_flag=True, help="Download only; do not index the library.")
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds between two requests to one host.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Seconds to wait for an answer before retrying.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="Further attempts after a 429, a 5xx, a timeout or a dropped connection.",
)
@click.option(
    "--ods-url",
    envvar=ODS_ENV_VAR,
    default=DEFAULT_ODS_URL,
    show_default=True,
    help=f"Official Document System address (or ${ODS_ENV_VAR}).",
)
@click.option(
    "--digital-library-url",
    envvar=DIGITAL_LIBRARY_ENV_VAR,
    default=DEFAULT_DIGITAL_LIBRARY_URL,
    show_default=True,
    help=f"UN Digital Library address (or ${DIGITAL_LIBRARY_ENV_VAR}).",
)
@_index_dir_option
def fetch_command(
    symbols: tuple[str, ...],
    lang: str,
    body: str | None,
    session: int | None,
    year: int | None,
    library: Path | None,
    kind: str,
    dry_run: bool,
    no_index: bool,
    delay: float,
    timeout: float,
    retries: int,
    ods_url: str,
    digital_library_url: str,
    index_dir: Path | None,
) -> None:
    from resolu.corpus.digital_library import list_resolutions
    from resolu.corpus.downloads import Http
    from resolu.corpus.fetch import InvalidFetchRequest, fetch

    langs = [x.strip() for x in lang.split(",") if x.strip()]
    body = _listed_body(symbols, body, session, year)
    listing = body is not None
    folder = library or default_library_dir()
    http = Http(timeout=timeout, retries=retries, delay=delay)
    m = cli_messages()
    progress = _Progress(m.say("cli_fetching"), m.template("cli_fetching_line"), every=25)
    try:
        wanted: list[Any] = list(symbols)
        if listing:
            assert body is not None
            wanted = list_resolutions(
                http, body=body, session=session, year=year, base=digital_library_url
            )
            click.echo(m.plural(len(wanted), "cli_listed"), err=True)
        report = fetch(
            wanted,
            langs=langs,
            dest=folder,
            ods=ods_url,
            http=http,
            dry_run=dry_run,
            progress=None if dry_run else progress,
            kind=kind,
        )
    except InvalidFetchRequest as exc:
        raise _UsageError(str(exc)) from None
    except ResoluError as exc:
        _fail(exc)
    finally:
        progress.close()
    _print_fetch_report(report)
    if not dry_run and not no_index:
        _index_fetched(report, folder, index_dir)
    failed = len(report.with_status("failed"))
    if failed:
        raise click.ClickException(m.plural(failed, "cli_failed"))


def _listed_body(
    symbols: tuple[str, ...], body: str | None, session: int | None, year: int | None
) -> str | None:
    """Check what ``resolu fetch`` was asked; return the body to list, None for symbols."""
    listing = body is not None or session is not None or year is not None
    if symbols and listing:
        raise click.UsageError("give symbols or --body/--session/--year, not both")
    if not symbols and not listing:
        raise click.UsageError("give symbols (A/RES/55/109) or --body with --session or --year")
    if not listing:
        return None
    body = (body or "AG").upper()
    if session is None and year is None:
        raise click.UsageError("--body needs --session or --year")
    if session is not None and body in ("CS", "SC"):
        raise click.UsageError("--session is for the General Assembly (--body AG)")
    return body


def _print_fetch_report(report: Any) -> None:
    for f in report.files:
        if f.status == "planned":
            click.echo(f"would fetch {f.symbol} ({f.language}) -> {f.path}  [{f.url}]")
        elif f.status != "fetched":
            click.echo(f"{f.status} {f.symbol} ({f.language}): {f.detail}")
    counts = ", ".join(f"{n} {status}" for status, n in report.counts.items()) or "nothing to do"
    click.echo(f"{report.dest}: {counts} in {report.seconds:.1f} s")


def _index_fetched(report: Any, folder: Path, index_dir: Path | None) -> None:
    """Add or update the library folder as a source of the index when the run left files in it."""
    if not report.with_status("fetched") + report.with_status("skipped"):
        return
    from resolu.index import build_index

    try:
        indexed = build_index(folder, index_dir or default_index_dir())
    except ResoluError as exc:
        _fail(exc)
    _print_index_report(indexed)


def _print_index_report(report: Any) -> None:
    m = cli_messages()
    for path, reason in report.skipped:
        click.echo(m.say("cli_skipped", path=path, reason=reason), err=True)
    _print_copies(report)
    if not report.changed:
        files = m.plural(report.files, "cli_files")
        paragraphs = m.plural(report.total_paragraphs, "cli_paragraphs")
        click.echo(
            m.say("cli_up_to_date", dir=report.index_dir, files=files, paragraphs=paragraphs)
        )
        return
    line = m.say(
        "cli_indexed",
        dir=report.index_dir,
        added=report.added,
        updated=report.updated,
        removed=report.removed,
        unchanged=report.unchanged,
        resolutions=_documents_by_type(report, m),
        paragraphs=m.plural(report.paragraphs, "cli_paragraphs"),
        total=report.total_paragraphs,
        seconds=f"{report.seconds:.1f}",
    )
    skipped = m.say("cli_skipped_count", n=len(report.skipped)) if report.skipped else ""
    dups = m.say("cli_duplicates_count", n=len(report.duplicates)) if report.duplicates else ""
    click.echo(line + skipped + dups)


def _print_copies(report: Any) -> None:
    """Name the copies left out, the copies taken in their place, and the sources gone."""
    m = cli_messages()
    for d in report.duplicates:
        reason = m.say(f"cli_reason_{d.reason}")
        if d.identical:
            reason = m.say("cli_identical", reason=reason)
        click.echo(
            m.say(
                "cli_duplicate",
                symbol=d.symbol,
                lang=d.language,
                skipped=d.skipped,
                kept=d.kept,
                reason=reason,
            ),
            err=True,
        )
    for key, path in report.promoted:
        click.echo(m.say("cli_promoted", resolution=key, path=path), err=True)
    gone = "cli_source_gone" if report.rebuilt else "cli_source_left"
    for path in report.missing_sources:
        click.echo(m.say(gone, path=path), err=True)


def _documents_by_type(report: Any, m: Messages) -> str:
    """Say what was indexed, type by type: ``31 résolutions, 14 rapports, 555 autres documents``."""
    if not report.types:
        return m.plural(report.resolutions, "cli_resolutions")
    return ", ".join(m.plural(n, f"cli_type_{name}") for name, n, _ in report.types)


@cli.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 opens the server to the network (with a warning).",
)
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="TCP port."
)
@_index_dir_option
def serve_command(host: str, port: int, index_dir: Path | None) -> None:
    """Serve the index as a local web page and JSON API (read-only).

    Open http://127.0.0.1:8000/ in a browser: search page, resolutions with
    their paragraphs, and /api/search, /api/get, /api/list (the JSON of --json).
    """
    from .web.server import exposure_warning, serve

    try:
        ix = _open(index_dir)
    except ResoluError as exc:
        _fail(exc)
    warning = exposure_warning(host)
    m = cli_messages()
    if warning:
        click.echo(m.say("cli_warning", warning=warning), err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(m.say("cli_serving", path=ix.path, url=f"http://{shown}:{port}/"), err=True)
    try:
        serve(ix.path, host=host, port=port, index=ix)
    except OSError as exc:
        reason = exc.strerror or exc
        raise click.ClickException(
            m.say("cli_cannot_listen", host=host, port=port, reason=reason)
        ) from None


def _print_reading(results: Any) -> None:
    """Say how the query was read: words taken as operators, a passage and its words."""
    m = cli_messages()
    for word, op in results.operators:
        click.echo(m.say("cli_operator", word=word, op=op), err=True)
    if results.passage:
        shown = ", ".join(results.passage[:8]) + (", …" if len(results.passage) > 8 else "")
        click.echo(m.plural(len(results.passage), "cli_passage", words=shown), err=True)
    if results.passage_cut:
        click.echo(m.say("cli_passage_cut", n=PASSAGE_CHARS), err=True)
    for acronym, forms in results.expansions:
        click.echo(m.say("cli_expanded", acronym=acronym, forms=" | ".join(forms)), err=True)
    for typed, symbols in results.symbols:
        click.echo(m.say("cli_symbols", typed=typed, symbols=", ".join(symbols)), err=True)
    asked = _asked_language(results.query)
    for other, n in results.elsewhere.items():
        if asked and other != asked:
            lang, there = m.say(f"cli_lang_{asked}"), m.say(f"cli_lang_{other}")
            click.echo(m.plural(n, "cli_other_lang", language=lang, other=there))


def _asked_language(query: str) -> str:
    """Return the language a ``lang:`` filter of the query asks for ("" if none)."""
    from resolu.corpus.languages import language_by_alias

    for word in query.split():
        name, _, value = word.partition(":")
        if name.lower() == "lang" and value:
            return language_by_alias(value) or ""
    return ""


def _print_results(results: Any) -> None:
    m = cli_messages()
    from .terminal import bold_spans

    _print_reading(results)
    if results.suggestions:
        click.echo(m.say("cli_did_you_mean", words=" / ".join(results.suggestions)))
    if not results.hits:
        if results.total:
            click.echo(m.say("cli_no_more", n=results.total))
        else:
            click.echo(m.say("cli_no_results", q=results.query))
        return
    if results.partial:
        click.echo(m.say("cli_partial"))
    for h in results:
        if results.complete is not None and h.rank == results.complete + 1:
            click.echo(m.say("cli_partial_after", n=results.complete))
        # Resolutions are what people expect; any other document says what it is.
        what = "" if h.doc_type in ("", "resolution") else f"  ({m.say(f'type_{h.doc_type}')})"
        click.echo(
            click.style(f"{h.rank}. {h.label}", bold=True)
            + f"  [{h.reference}]  score {h.score:.2f}{what}"
        )
        if h.title:
            click.echo(f"   {h.title}")
        click.echo("   " + bold_spans(h.snippet, h.snippet_highlights))
        if h.also:
            click.echo("   " + m.say("cli_also", refs=", ".join(h.also)))
    shown = results.hits[-1].rank
    if results.total > shown:
        click.echo(m.say("cli_more", shown=shown, total=results.total))


def _print_facets(facets: Any, *, most: int = 8) -> None:
    """Print each facet on one line: ``year: 2002 13 (2 res.) · 1994 15 (5 res.) …``."""
    click.echo("")
    for name, values in facets.items():
        if not values:
            continue
        shown = " · ".join(
            f"{v.value} {v.paragraphs} ({v.resolutions} res.)" for v in values[:most]
        )
        more = f" · … {len(values) - most} more" if len(values) > most else ""
        click.echo(click.style(f"{name}:", bold=True) + f" {shown}{more}")


def main() -> None:
    """Run the ``resolu`` command."""
    cli(prog_name="resolu")
