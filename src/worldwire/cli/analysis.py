"""Relations between actors: dyad series and the relation network (issue 7)."""

from __future__ import annotations

import json

import click

from ..render import FORMATS, emit
from .options import day, open_db, store_option

_COUNT_HELP = "Count every coded event (as GDELT does) instead of once per story, type, direction and day."
_MODALITY_HELP = "Also count negated, hypothetical and historical events (default: asserted and future only)."


def _modalities(all_modalities: bool):
    from ..analysis.eventset import COUNTED_MODALITIES

    return None if all_modalities else COUNTED_MODALITIES


@click.command()
@click.argument("a")
@click.argument("b")
@store_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table for people, json or csv for tools.")
@click.option("--by", type=click.Choice(["day", "week", "month", "all"]), default="week", show_default=True,
              help="Period: day, week (from Monday), month, or all dates as one row.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after YYYY-MM-DD.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before YYYY-MM-DD.")
@click.option("--directed", is_flag=True, help="Only A → B events (default: both directions).")
@click.option("--by-mention", is_flag=True, help=_COUNT_HELP)
@click.option("--all-modalities", is_flag=True, help=_MODALITY_HELP)
@click.option("--png", "png", type=click.Path(dir_okay=False), help="Also draw the series as a PNG chart here.")
def dyads(a, b, db, fmt, by, since, until, directed, by_mention, all_modalities, png) -> None:
    """How two actors relate, period by period: events by quad class, mean
    Goldstein, cooperation share and the alignment index with a 95% bootstrap
    interval (formula in the README). A and B are actor ids, ISO3 codes or
    exact names.

    Example: worldwire dyads CHN RUS --by week --png chn_rus.png

    Example: worldwire dyads CHN RUS --parquet shards
    """
    from ..analysis.dyads import dyads as series

    count = "mention" if by_mention else "story"
    with open_db(db) as store:
        rows = series(store, a, b, by=by, since=day(since), until=day(until), directed=directed, count=count,
                      modalities=_modalities(all_modalities))
    if not rows:
        click.echo(f"No counted events between {a} and {b}. Actor ids and ISO3 codes: `worldwire actors`.", err=True)
    if png:
        from ..analysis.charts import dyad_chart, save_png

        if not rows:
            raise click.ClickException(f"No events between {a} and {b}: nothing to draw.")
        save_png(dyad_chart(rows, a, b, by=by, count=count), png)
        click.echo(f"wrote {png}", err=True)
    emit(rows, fmt, ["period", "events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict",
                     "goldstein_mean", "coop_share", "alignment", "ci_low", "ci_high"])


@click.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "gexf", "png"]), default="table",
              show_default=True,
              help="table: central actors and communities; json: nodes, edges, communities; gexf (Gephi) and png "
                   "need --out.")
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Write the json, gexf or png here.")
@click.option("--png", "png", type=click.Path(dir_okay=False), help="Also draw the network as a PNG here.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after YYYY-MM-DD.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before YYYY-MM-DD.")
@click.option("--nodes", "level", type=click.Choice(["state", "actor"]), default="state", show_default=True,
              help="state: actors under their country (IGOs and groups as themselves); actor: every actor id.")
@click.option("--min-events", type=int, default=1, show_default=True, help="Drop edges with fewer counted events.")
@click.option("--by-mention", is_flag=True, help=_COUNT_HELP)
@click.option("--all-modalities", is_flag=True, help=_MODALITY_HELP)
def network(db, fmt, out, png, since, until, level, min_events, by_mention, all_modalities) -> None:
    """The relation network: actors as nodes, edges weighted by cooperation and
    conflict, communities of actors that line up together, central actors.

    Example: worldwire network --since 2023-03-01 --format gexf --out relations.gexf --png relations.png
    """
    from ..analysis.network import network as build, write_gexf

    if fmt in ("gexf", "png") and not out:
        raise click.ClickException(f"--format {fmt} writes a file: give --out FILE.")
    with open_db(db) as store:
        net = build(store, since=day(since), until=day(until), level=level, min_events=min_events,
                    count="mention" if by_mention else "story", modalities=_modalities(all_modalities))
    pngs = [p for p in (png, out if fmt == "png" else None) if p]
    if pngs:
        from ..analysis.charts import network_chart, save_png

        if not net["nodes"]:
            raise click.ClickException("No relations in this window: nothing to draw.")
        chart = network_chart(net)
        for p in pngs:
            save_png(chart, p)
            click.echo(f"wrote {p}", err=True)
    if fmt == "gexf":
        write_gexf(net, out)
        click.echo(f"wrote {out}", err=True)
    elif fmt == "json":
        text = json.dumps(net, ensure_ascii=False, indent=2)
        if out:
            with open(out, "w", encoding="utf-8") as f:
                f.write(text + "\n")
            click.echo(f"wrote {out}", err=True)
        else:
            click.echo(text)
    elif fmt == "table":
        emit(net["nodes"][:25], "table",
             ["id", "name", "kind", "events", "coop", "conflict", "joint", "partners", "betweenness", "community"])
        for i, c in enumerate(net["communities"], start=1):
            click.echo(f"community {i}: {', '.join(c)}")


COMMANDS = [dyads, network]
