"""Options shared by commands: the store, output format, filters."""

from __future__ import annotations

import os
from datetime import date

import click

from ..render import FORMATS


def db_option(f):
    return click.option(
        "--db", "db", envvar="WORLDWIRE_DB", default="worldwire.duckdb", show_default=True,
        type=click.Path(dir_okay=False), help="DuckDB store (env WORLDWIRE_DB).",
    )(f)


def format_option(f):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="table for people, json or csv for tools.")(f)


def filters(f):
    for opt in reversed([
        click.option("--article", help="Article id (or a unique prefix of it)."),
        click.option("--actor", help="Actor id, country code (ISO3) or exact name."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after YYYY-MM-DD."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before YYYY-MM-DD."),
        click.option("--limit", type=int, help="At most this many rows."),
    ]):
        f = opt(f)
    return f


def day(value) -> date | None:
    return value.date() if value else None


def open_db(db: str, read_only: bool = True):
    """Open the store; reading a store that does not exist is an error that says what to do."""
    from ..store import open_store

    if read_only and not os.path.exists(db):
        raise click.ClickException(f"No store at {db}. Create one with `worldwire ingest PATH --db {db}`.")
    return open_store(db, read_only=read_only)
