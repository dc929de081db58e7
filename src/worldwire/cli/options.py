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


_PARQUET = "worldwire.parquet"


def store_option(f):
    """``--db`` and ``--parquet DIR``, for commands that read a store: with
    ``--parquet``, :func:`open_db` opens the Parquet shards of ``worldwire code
    --out DIR`` instead (DuckDB views named like the store's tables over the
    committed files, ``run.shards.open_parquet``), so the command's store
    queries run on them unchanged."""
    f = click.option("--parquet", type=click.Path(exists=True, file_okay=False), expose_value=False,
                     callback=_remember_parquet,
                     help="Read the Parquet shards of `worldwire code --out DIR` instead of the store.")(f)
    return db_option(f)


def _remember_parquet(ctx: click.Context, _param, value):
    if value:
        ctx.meta[_PARQUET] = value  # meta is shared by a command and its subcommands
    return value


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
    """Open the store; reading a store that does not exist is an error that says what to do.
    A command given ``--parquet DIR`` (:func:`store_option`) reads the shards in DIR instead."""
    from ..store import open_store

    ctx = click.get_current_context(silent=True)
    parquet = ctx.meta.get(_PARQUET) if ctx is not None and read_only else None
    if parquet:
        from ..run.shards import open_parquet

        return open_parquet(parquet)
    if read_only and not os.path.exists(db):
        raise click.ClickException(f"No store at {db}. Create one with `worldwire ingest PATH --db {db}`.")
    return open_store(db, read_only=read_only)
