"""Serve a store as a local web app and REST API (issue 8)."""

from __future__ import annotations

import os

import click

from .options import db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default answers this machine only. 0.0.0.0 exposes the store to the network.")
@click.option("--port", default=8000, show_default=True, type=int, help="TCP port.")
def serve(db: str, host: str, port: int) -> None:
    """Serve the store read-only as web pages, each with a JSON twin (add .json),
    and a REST API described at /openapi.json. Ingestion may write the store
    meanwhile: the server reads snapshots of it (in STORE.snapshots/) that the
    writer refreshes every few seconds; the X-Worldwire-Snapshot header says
    when the data answered was taken.

    Example: worldwire serve --db worldwire.duckdb --port 8000
    """
    import threading

    import uvicorn

    from ..web import create_app
    from ..web.charts import warm_up

    if not os.path.exists(db):
        raise click.ClickException(f"No store at {db}. Create one with `worldwire ingest PATH --db {db}`.")
    click.echo(f"worldwire: serving {db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    threading.Thread(target=warm_up, name="chart-warm-up", daemon=True).start()
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


COMMANDS = [serve]
