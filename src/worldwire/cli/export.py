"""Export rows to files for other tools: Parquet, CSV, JSONL; GDELT and PLOVER styles (issue 12)."""

from __future__ import annotations

import click

from .options import day, open_db, store_option


@click.command("export")
@click.argument("what", type=click.Choice(["events", "quotes", "articles", "actors", "dyads"]))
@click.argument("pair", nargs=-1)
@store_option
@click.option("--to", "to", required=True, type=click.Path(dir_okay=False), help="The file to write.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl"]),
              help="File format (default: from the suffix of --to: .parquet, .csv, .jsonl).")
@click.option("--style", type=click.Choice(["plain", "gdelt", "plover"]), default="plain", show_default=True,
              help="events only: gdelt = GDELT 2.0 event-table columns then worldwire's; plover = PLOVER JSON "
                   "records (jsonl). See docs/export.md.")
@click.option("--article", help="Article id (or a unique prefix of it).")
@click.option("--actor", help="Actor id, country code (ISO3) or exact name.")
@click.option("--type", "type_", help="events: PLOVER type (CONSULT); quotes: kind (direct); actors: kind (person).")
@click.option("--modality", help="events: asserted, negated, future, hypothetical or historical.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after YYYY-MM-DD.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before YYYY-MM-DD.")
@click.option("--limit", type=int, help="At most this many rows.")
@click.option("--by", type=click.Choice(["day", "week", "month", "all"]), default="week", show_default=True,
              help="dyads: the period of each row.")
def export(what, pair, db, to, fmt, style, article, actor, type_, modality, since, until, limit, by) -> None:
    """Write events, quotes, articles, actors or a dyad series (WHAT; dyads
    take two actors A B) to a Parquet, CSV or JSONL file, with the usual
    filters. Nested values (actors, locations) stay nested in Parquet and
    JSONL and are JSON text in CSV. Columns and the GDELT mapping: docs/export.md.

    Example: worldwire export events --to events.parquet --actor RUS --since 2023-03-01

    Example: worldwire export events --style gdelt --to events.csv

    Example: worldwire export dyads CHN RUS --by month --to chn_rus.csv
    """
    from ..export import export as run

    with open_db(db) as store:
        n = run(store, what, to, fmt=fmt, style=style, article=article, actor=actor, type=type_, modality=modality,
                since=day(since), until=day(until), limit=limit, pair=tuple(pair) or None, by=by)
    click.echo(f"wrote {n} {what} to {to}", err=True)


COMMANDS = [export]
