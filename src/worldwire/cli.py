"""The command line: thin commands over the library (store queries, pipeline)."""

from __future__ import annotations

import sys
from datetime import date

import click

from .errors import WorldwireError
from .render import FORMATS, article_view, emit
from .settings import SETTINGS, Settings


def _db_option(f):
    return click.option(
        "--db", "db", envvar="WORLDWIRE_DB", default="worldwire.duckdb", show_default=True,
        type=click.Path(dir_okay=False), help="DuckDB store (env WORLDWIRE_DB).",
    )(f)


def _format_option(f):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="table for people, json or csv for tools.")(f)


def _filters(f):
    for opt in reversed([
        click.option("--article", help="Article id (or a unique prefix of it)."),
        click.option("--actor", help="Actor id, country code (ISO3) or exact name."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after YYYY-MM-DD."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before YYYY-MM-DD."),
        click.option("--limit", type=int, help="At most this many rows."),
    ]):
        f = opt(f)
    return f


def _day(value) -> date | None:
    return value.date() if value else None


def _open(db: str, read_only: bool = True):
    from .store import open_store

    if read_only:
        import os

        if not os.path.exists(db):
            raise click.ClickException(f"No store at {db}. Create one with `worldwire ingest PATH --db {db}`.")
    return open_store(db, read_only=read_only)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="worldwire")
def cli() -> None:
    """worldwire: news in, evidence-linked events, quotations and actors out.

    Example: worldwire ingest examples/corpus && worldwire events --type CONSULT
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "default_date", type=click.DateTime(["%Y-%m-%d"]),
              help="Publication date for documents that carry none.")
@_db_option
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary.")
def ingest(paths: tuple[str, ...], default_date, db: str, quiet: bool) -> None:
    """Read, clean, code and store documents (files, directories, globs, - for stdin).

    Formats: .txt (scraped page text), .html/.htm, .jsonl ({url, title,
    published, source, text|html} a line), each optionally .gz. A bad file or
    line is reported with its reason; the rest of the batch is stored and the
    exit code is 1.

    Example: worldwire ingest ../shared/seeds/*.txt --date 2023-03-22
    """
    from .pipeline import Coder, ingest as run_ingest

    coder = Coder.load(Settings.from_env(db=db))
    counts: dict[str, int] = {}
    with _open(db, read_only=False) as store:
        for outcome in run_ingest(paths, store, coder, _day(default_date)):
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            if outcome.status == "rejected":
                click.echo(f"error: {outcome.location}: {outcome.reason}", err=True)
            elif not quiet:
                click.echo(f"{outcome.status:<9} {outcome.article_id}  {outcome.location}", err=True)
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    click.echo(f"{summary or 'nothing to ingest'} → {db}", err=True)
    if counts.get("rejected"):
        sys.exit(1)


@cli.command()
@_db_option
@_format_option
@_filters
def articles(db, fmt, article, actor, since, until, limit) -> None:
    """List stored articles.

    Example: worldwire articles --since 2023-05-01 --format json
    """
    with _open(db) as store:
        rows = store.articles(article=article, actor=actor, since=_day(since), until=_day(until), limit=limit)
    emit(rows, fmt, ["id", "published", "source", "title", "n_events", "n_quotes"])


@cli.command()
@click.argument("article")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(article: str, db: str, fmt: str) -> None:
    """Show an article: cleaned text with headings, event triggers and quotes marked.

    Headings print as '## ...', triggers as [[word|TYPE]], quotations in «...».

    Example: worldwire show 25935aa2
    """
    with _open(db) as store:
        a = store.article(article)
        events = store.events(article=a["id"])
        quotes = store.quotes(article=a["id"])
    if fmt == "json":
        emit([{**a, "events": events, "quotes": quotes}], "json", [])
    else:
        click.echo(article_view(a, events, quotes))


@cli.command()
@_db_option
@_format_option
@_filters
@click.option("--type", "type_", help="PLOVER event type, e.g. CONSULT.")
@click.option("--modality", type=click.Choice(["asserted", "negated", "future", "hypothetical", "historical"]))
def events(db, fmt, article, actor, since, until, limit, type_, modality) -> None:
    """List coded events with their sentence, trigger and actors.

    Example: worldwire events --actor RUS --type REQUEST --format json
    """
    with _open(db) as store:
        rows = store.events(article=article, actor=actor, type=type_, since=_day(since), until=_day(until),
                            modality=modality, limit=limit)
    emit(rows, fmt, ["published", "type", "modality", "source", "target", "trigger", "sentence"])


@cli.command()
@_db_option
@_format_option
@_filters
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed"]))
def quotes(db, fmt, article, actor, since, until, limit, kind) -> None:
    """List quotations with their speakers.

    Example: worldwire quotes --actor RUS --kind direct
    """
    with _open(db) as store:
        rows = store.quotes(article=article, actor=actor, since=_day(since), until=_day(until), kind=kind, limit=limit)
    emit(rows, fmt, ["kind", "speaker", "speaker_text", "cue", "text"])


@cli.command()
@_db_option
@_format_option
@click.option("--actor", help="Actor id, country code (ISO3) or exact name.")
@click.option("--kind", type=click.Choice(["state", "person", "igo", "org", "group"]))
@click.option("--limit", type=int)
def actors(db, fmt, actor, kind, limit) -> None:
    """List actors found, with mention, event and article counts.

    Example: worldwire actors --kind person --limit 20
    """
    with _open(db) as store:
        rows = store.actors(actor=actor, kind=kind, limit=limit)
    emit(rows, fmt, ["actor_id", "name", "kind", "country", "mentions", "events", "articles"])


@cli.command()
@click.argument("article")
@_db_option
@_format_option
@click.option("-k", "k", default=5, show_default=True, help="Number of takeaways.")
def takeaways(article: str, db: str, fmt: str, k: int) -> None:
    """Key takeaways of an article: its section headings with their lead
    sentences, else its lead sentences; each with its events.

    Example: worldwire takeaways 25935aa2 --format json
    """
    from .nlp.takeaways import takeaways as make

    with _open(db) as store:
        a = store.article(article)
        rows = make(a, store.events(article=a["id"]), k=k)
    emit(rows, fmt, ["rank", "heading", "text", "events"])


@cli.command()
@_db_option
def report(db: str) -> None:
    """Summarise a store: articles, events by type, top actor pairs, takeaways.

    Example: worldwire report --db worldwire.duckdb
    """
    from .report import report as make

    with _open(db) as store:
        click.echo(make(store))


@cli.command("settings")
def settings_cmd() -> None:
    """List settings, their environment variables, defaults and current values.

    Example: WORLDWIRE_BATCH_SIZE=64 worldwire settings
    """
    current = Settings.from_env()
    for s in SETTINGS:
        click.echo(f"{s.name:<11} WORLDWIRE_{s.name.upper():<11} default={s.default!r:<22} now={getattr(current, s.name)!r}")
        click.echo(f"{'':<11} {s.help}")


def main() -> None:
    try:
        cli(standalone_mode=True)
    except WorldwireError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
