"""At scale: code inputs into Parquet shards (in process or on Dask), load shards into a store."""

from __future__ import annotations

import sys

import click

from ..settings import Settings
from .options import day, db_option, open_db


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Directory of Parquet shards and their manifests (created; a re-run resumes it).")
@click.option("--workers", type=click.IntRange(1), help="Run on a new local Dask cluster of N worker processes.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on an existing Dask cluster: its address (tcp://10.0.0.5:8786) or scheduler file (.json).")
@click.option("--batch", type=click.IntRange(1), default=64, show_default=True,
              help="Documents per task; each coded batch is one shard.")
@click.option("--date", "default_date", type=click.DateTime(["%Y-%m-%d"]),
              help="Publication date for documents that carry none.")
@click.option("--kb-extra", "kb_extra", type=click.Path(exists=True, dir_okay=False),
              help="Your own actors CSV layered on the shipped KB (env WORLDWIRE_KB_EXTRA); workers must see "
                   "the same path.")
@click.option("--no-stories", is_flag=True,
              help="Do not match duplicates, rewrites and stories at the end (`load` matches them in the store).")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
def code(paths, out, workers, scheduler, batch, default_date, kb_extra, no_stories, quiet) -> None:
    """Code documents into Parquet shards partitioned by publication date.

    A bad document is reported with its reason and the exit code is 1; the
    rest are coded.

    Inputs as for ingest, plus .warc/.warc.gz web archives (HTML responses;
    other records are skipped and counted). Runs in this process, on a local
    Dask cluster (--workers) or on an existing one (--scheduler). Content
    already in DIR (by content hash) is skipped, so a killed run resumes where
    it stopped. At the end, the duplicates, rewrites and stories of the new
    articles are matched against those already in DIR and written with the
    shards. Query the shards with --parquet DIR (events, quotes, articles,
    dyads, network, stories ...), or copy them into a store with
    `worldwire load DIR`.

    Example: worldwire code examples/corpus crawl.warc.gz --out shards --workers 2
    """
    if workers and scheduler:
        raise click.UsageError("Give --workers or --scheduler, not both.")
    settings = Settings.from_env(kb_extra=kb_extra)
    if workers or scheduler:
        from ..run.dask import run_on_dask

        stats = run_on_dask(paths, out, workers=workers, scheduler=scheduler, settings=settings,
                            default_date=day(default_date), batch=batch, stories=not no_stories)
    else:
        from ..run.local import run

        stats = run(paths, out, settings=settings, default_date=day(default_date), batch=batch, max_inflight=1,
                    stories=not no_stories)
    if not quiet:
        for location, reason in stats.rejected:
            click.echo(f"error: {location}: {reason}", err=True)
    counts = ", ".join(f"{n} {k}" for k, n in sorted(stats.counts.items())) or "nothing to code"
    click.echo(f"{counts}; {stats.shards} shard(s) written → {out}", err=True)
    if stats.stories:
        click.echo(f"duplicates, rewrites and stories matched for {stats.stories} article(s)", err=True)
    if stats.skipped:
        click.echo(f"skipped {sum(stats.skipped.values())} records that are not articles ("
                   + ", ".join(f"{n} {k}" for k, n in sorted(stats.skipped.items())) + ")", err=True)
    if stats.orphans_removed:
        click.echo(f"removed {stats.orphans_removed} uncommitted file(s) of an interrupted run", err=True)
    if stats.peak_rss:
        peak = ", ".join(f"{v / 2**20:,.0f}" for v in stats.peak_rss.values())
        click.echo(f"peak memory per worker (MiB): {peak}", err=True)
    if stats.counts.get("rejected"):
        sys.exit(1)


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--no-stories", is_flag=True,
              help="Do not match duplicates, rewrites and stories for the loaded articles (faster).")
def load(directory: str, db: str, no_stories: bool) -> None:
    """Load Parquet shards written by `worldwire code` into a store.

    Articles the store holds already (same content id) are skipped, so
    loading again, or loading a resumed directory, adds nothing twice.

    Example: worldwire load shards --db worldwire.duckdb
    """
    from ..run.shards import load as load_shards

    with open_db(db, read_only=False) as store:
        added = load_shards(directory, store, stories=not no_stories)
    summary = ", ".join(f"{n} {t}" for t, n in added.items() if n) or "nothing new"
    click.echo(f"{summary} → {db}", err=True)


COMMANDS = [code, load]
