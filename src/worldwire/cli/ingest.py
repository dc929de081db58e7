"""Ingest: documents in, coded articles stored."""

from __future__ import annotations

import sys

import click

from ..settings import Settings
from .options import day, db_option, open_db

@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "default_date", type=click.DateTime(["%Y-%m-%d"]),
              help="Publication date for documents that carry none.")
@db_option
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary.")
@click.option("--kb-extra", "kb_extra", type=click.Path(exists=True, dir_okay=False),
              help="Your own actors CSV (from `worldwire kb import-petrarch`) layered on the shipped KB; "
                   "its entries win (env WORLDWIRE_KB_EXTRA).")
def ingest(paths: tuple[str, ...], default_date, db: str, quiet: bool, kb_extra: str | None) -> None:
    """Read, clean, code and store documents (files, directories, globs, - for stdin).

    Formats: .txt (scraped page text), .html/.htm, .jsonl ({url, title,
    published, source, text|html} a line), each optionally .gz. A bad file or
    line is reported with its reason; the rest of the batch is stored and the
    exit code is 1.

    Example: worldwire ingest ../shared/seeds/*.txt --date 2023-03-22
    """
    from ..pipeline import Coder, ingest as run_ingest

    coder = Coder.load(Settings.from_env(db=db, kb_extra=kb_extra))
    counts: dict[str, int] = {}
    with open_db(db, read_only=False) as store:
        for outcome in run_ingest(paths, store, coder, day(default_date)):
            report_outcome(outcome, counts, quiet)
    click.echo(summary(counts, db, "nothing to ingest"), err=True)
    if counts.get("rejected"):
        sys.exit(1)


def report_outcome(outcome, counts: dict[str, int], quiet: bool) -> None:
    """Count a document's outcome and print it: errors always, the rest unless ``quiet``
    (shared by ``ingest``, ``fetch`` and ``watch``)."""
    counts[outcome.status] = counts.get(outcome.status, 0) + 1
    if outcome.status == "rejected":
        click.echo(f"error: {outcome.location}: {outcome.reason}", err=True)
    elif not quiet:
        click.echo(f"{outcome.status:<9} {outcome.article_id or '-':<16}  {outcome.location}", err=True)


def summary(counts: dict[str, int], db: str, empty: str) -> str:
    """"3 stored, 1 rejected → DB", or ``empty`` when nothing came."""
    done = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    return f"{done or empty} → {db}"


COMMANDS = [ingest]
