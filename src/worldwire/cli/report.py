"""Summaries and settings."""

from __future__ import annotations

import click

from ..settings import SETTINGS, Settings
from .options import open_db, store_option

@click.command()
@store_option
def report(db: str) -> None:
    """Summarise a store: articles, events by type, top actor pairs, takeaways.

    Example: worldwire report --db worldwire.duckdb
    """
    from ..report import report as make

    with open_db(db) as store:
        click.echo(make(store))


@click.command("settings")
def settings_cmd() -> None:
    """List settings, their environment variables, defaults and current values.

    Example: WORLDWIRE_BATCH_SIZE=64 worldwire settings
    """
    current = Settings.from_env()
    for s in SETTINGS:
        click.echo(f"{s.name:<11} WORLDWIRE_{s.name.upper():<11} default={s.default!r:<22} now={getattr(current, s.name)!r}")
        click.echo(f"{'':<11} {s.help}")


COMMANDS = [report, settings_cmd]
