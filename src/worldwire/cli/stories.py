"""Stories, copies and counting: `stories`, `stories show`, `stories reindex`, `counts`."""

from __future__ import annotations

import json

import click

from ..render import emit, story_view
from .options import day, db_option, format_option, open_db, store_option

_DATES = [
    click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Stories still reported on or after YYYY-MM-DD."),
    click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Stories first seen on or before YYYY-MM-DD."),
]


def _dates(f):
    for opt in reversed(_DATES):
        f = opt(f)
    return f


@click.group(invoke_without_command=True)
@store_option
@format_option
@_dates
@click.option("--actor", help="Stories mentioning this actor (id, ISO3 code or exact name).")
@click.option("--limit", type=int, help="At most this many rows.")
@click.pass_context
def stories(ctx, db, fmt, since, until, actor, limit) -> None:
    """List stories: reports of one happening from different outlets, each with
    its title (its first report's), first-seen day, sources and counts of
    articles, reports, duplicates, rewrites, events (by mention) and events
    counted once a story a day (events_distinct). Subcommands: show, reindex.

    Example: worldwire stories --since 2023-05-01 --actor RUS
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..store import stories as q

    with open_db(db) as store:
        rows = q.stories(store, since=day(since), until=day(until), actor=actor, limit=limit)
    emit(rows, fmt, ["id", "first_seen", "last_seen", "n_sources", "articles", "reports", "duplicates", "rewrites",
                     "events", "events_distinct", "title"])


@stories.command("show")
@click.argument("story")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for tools.")
def show_story(story: str, db: str, fmt: str) -> None:
    """Show one story (id or unique prefix): its articles and what each copies,
    the terms that tie it together and its events counted once a story a day.

    Example: worldwire stories show 56059952
    """
    from ..store import stories as q

    with open_db(db) as store:
        row = q.story(store, story)
    if fmt == "json":
        click.echo(json.dumps(row, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(story_view(row))


@stories.command("reindex")
@db_option
def reindex(db: str) -> None:
    """Fingerprint and match stored articles that have none yet (stored before
    this version, or before the dedup numbers were re-tuned), from their stored
    text, oldest first.

    Example: worldwire stories reindex --db worldwire.duckdb
    """
    from ..ingest.dedup import reindex as run

    with open_db(db, read_only=False) as store:
        n = run(store)
    click.echo(f"{n} article(s) matched → {db}", err=True)


@click.command()
@store_option
@format_option
@_dates
@click.option("--by", type=click.Choice(["story", "report", "mention"]), default="story", show_default=True,
              help="story: once per (story, type, source, target, day); report: once per (report, type, source, "
                   "target); mention: every coded event, copies included.")
@click.option("--type", "type_", help="PLOVER event type, e.g. ACCUSE.")
@click.option("--actor", help="Events with this actor (id, ISO3 code or exact name).")
@click.option("--limit", type=int, help="At most this many rows.")
def counts(db, fmt, since, until, by, type_, actor, limit) -> None:
    """Count events by type, source and target: once a story a day (one-a-day
    filtering within a story), once a report (copies count once) or by mention.

    Example: worldwire counts --by story --actor ARM
    """
    from ..store import stories as q

    with open_db(db) as store:
        rows = q.event_counts(store, by=by, type=type_, actor=actor, since=day(since), until=day(until), limit=limit)
    emit(rows, fmt, ["type", "source", "target", "n"])


COMMANDS = [stories, counts]
