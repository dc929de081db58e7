"""Actors: list those found in a store, resolve a text, show one actor, score
resolution against gold data; and the knowledge base's import command."""

from __future__ import annotations

import json
import os
import sys

import click

from ..render import emit
from .options import day, db_option, format_option, open_db, store_option


def _kb_extra_option(f):
    return click.option("--kb-extra", "kb_extra", type=click.Path(exists=True, dir_okay=False),
                        help="Your own actors CSV layered on the shipped KB (env WORLDWIRE_KB_EXTRA).")(f)


def _coder(kb_extra: str | None):
    from ..pipeline import Coder
    from ..settings import Settings

    return Coder.load(Settings.from_env(kb_extra=kb_extra))


@click.group(invoke_without_command=True)
@store_option
@format_option
@click.option("--actor", help="Actor id, country code (ISO3) or exact name.")
@click.option("--kind", type=click.Choice(["state", "person", "igo", "org", "group"]), help="Only actors of this kind.")
@click.option("--limit", type=int, help="At most this many rows.")
@click.pass_context
def actors(ctx, db, fmt, actor, kind, limit) -> None:
    """List actors found, with mention, event and article counts (places not
    counted); or resolve a text, show one actor, score resolution (subcommands).

    Example: worldwire actors --kind person --limit 20
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_db(db) as store:
        rows = store.actors(actor=actor, kind=kind, limit=limit)
    emit(rows, fmt, ["actor_id", "name", "kind", "country", "mentions", "events", "articles"])


@actors.command()
@click.argument("text")
@click.option("--date", "on", type=click.DateTime(["%Y-%m-%d"]),
              help="Resolve as of this day (YYYY-MM-DD): who held which office. Default: the latest roles.")
@format_option
@_kb_extra_option
def resolve(text: str, on, fmt: str, kb_extra: str | None) -> None:
    """Print every actor mention of TEXT ('-' reads standard input) with its
    actor, country, sector and the reason it was resolved so.

    Example: worldwire actors resolve "Moscow agreed, Kishida said in Kyiv." --date 2023-03-21
    """
    from ..kb.scoring import mention_rows

    if text == "-":
        text = sys.stdin.read()
    rows = mention_rows(text, _coder(kb_extra), day(on))
    emit(rows, fmt, ["text", "actor_id", "kind", "country", "sector", "method", "reason"])


@actors.command()
@click.argument("actor_id")
@click.option("--date", "on", type=click.DateTime(["%Y-%m-%d"]),
              help="Also say which role the actor held on this day (YYYY-MM-DD).")
@click.option("--db", "db", envvar="WORLDWIRE_DB", default=None, type=click.Path(dir_okay=False),
              help="A store: when it exists, also print the actor's counts there (env WORLDWIRE_DB).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for tools.")
@_kb_extra_option
def show(actor_id: str, on, db: str | None, fmt: str, kb_extra: str | None) -> None:
    """Show one actor from the knowledge base (id or name) with its dated roles.

    Example: worldwire actors show vladimir-putin --date 2010-06-01
    """
    from ..kb import load_kb

    kb = load_kb(extra=kb_extra or os.environ.get("WORLDWIRE_KB_EXTRA") or None)
    info = kb.describe(actor_id)
    if info is None:
        ids = kb.find_ids(actor_id)
        if len(ids) > 1:
            raise click.ClickException(f"{actor_id!r} names several actors: {', '.join(ids)}. Give an id.")
        info = kb.describe(ids[0]) if ids else None
    if info is None:
        raise click.ClickException(f"No actor {actor_id!r} in the knowledge base. Try `worldwire actors resolve`.")
    if on is not None and info["kind"] == "person":
        person = kb.people[info["actor_id"]]
        role = person.role_on(on.date())
        info["on"] = {"date": on.date().isoformat(),
                      "role": role.role if role else None,
                      "country": role.country if role else None,
                      "sector": role.sector if role else ("ELI" if person.last_role_before(on.date()) else None)}
    if db and os.path.exists(db):
        from ..analysis.actor_summary import actor_summary

        with open_db(db) as store:
            rows = store.actors(actor=info["actor_id"])
            info["relations"] = actor_summary(store, info["actor_id"])  # partners, adversaries, event mix, quotes
        row = next((r for r in rows if r["actor_id"] == info["actor_id"]), None)
        info["store"] = {k: (row or {}).get(k, 0) for k in ("mentions", "events", "articles")}
    if fmt == "json":
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    click.echo(f"{info['name']}  ({info['actor_id']}, {info['kind']})")
    for key in ("qid", "country", "capital", "region", "founded", "parent", "sector", "source"):
        if info.get(key):
            click.echo(f"  {key}: {info[key]}")
    if info.get("aliases"):
        click.echo(f"  aliases: {' | '.join(info['aliases'])}")
    if info.get("metonyms"):
        click.echo(f"  metonyms: {' | '.join(info['metonyms'])}")
    if info.get("roles"):
        click.echo("  roles:")
        for r in info["roles"]:
            where = r.get("country") or r.get("org") or r.get("person") or ""
            click.echo(f"    {r.get('start') or '…'} – {r.get('end') or 'now':<10}  {r['role']:<26} {where:<10} "
                       f"{r.get('sector') or '':<4} {r.get('title') or ''}")
    if info.get("on"):
        o = info["on"]
        click.echo(f"  on {o['date']}: {o['role'] or 'no office'} {o['country'] or ''} {o['sector'] or ''}".rstrip())
    if "store" in info:
        s = info["store"]
        click.echo(f"  in {db}: {s['mentions']} mentions, {s['events']} events, {s['articles']} articles")
    if info.get("relations"):
        from ..analysis.actor_summary import actor_summary_text

        click.echo("\n".join(actor_summary_text(info["relations"])))


@actors.command(name="evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people; json: the figures and every error.")
@click.option("--errors", "n_errors", type=int, default=20, show_default=True,
              help="How many wrong mentions to list (text format).")
@_kb_extra_option
def evaluate_cmd(gold: str, fmt: str, n_errors: int, kb_extra: str | None) -> None:
    """Score actor resolution against gold JSONL: country accuracy, country+sector
    accuracy, actor accuracy (format in the README, "Actor resolution").

    Example: worldwire actors evaluate tests/data/actors_gold.jsonl
    """
    from ..kb.scoring import evaluate_actors

    result = evaluate_actors(gold, _coder(kb_extra))
    if fmt == "json":
        click.echo(json.dumps({"gold": gold, **result}, ensure_ascii=False, indent=2))
        return
    click.echo(f"{gold}  ({result['items']} items, {result['mentions']} actor mentions, "
               f"{result['non_actor_phrases']} non-actor phrases)")
    for key in ("country_accuracy", "country_sector_accuracy", "actor_accuracy", "non_actor_accuracy"):
        value = result[key]
        click.echo(f"  {key:<24} {'—' if value is None else f'{value:.3f}'}")
    for split, t in result["by_split"].items():
        click.echo(f"  split {split:<10} {t['n']:>4} mentions  country {t['country']:.3f}  country+sector {t['country_sector']:.3f}")
    click.echo("  by tag (n, country, country+sector):")
    for tag, t in result["by_tag"].items():
        click.echo(f"    {tag:<14} {t['n']:>4}  {t['country']:.3f}  {t['country_sector']:.3f}")
    if result["errors"] and n_errors:
        click.echo(f"  errors ({len(result['errors'])}, first {min(n_errors, len(result['errors']))}):")
        for e in result["errors"][:n_errors]:
            click.echo(f"    {e['id']}: {e['text']!r} gold {e['gold']} → {e['predicted']}")


@click.group()
def kb() -> None:
    """The knowledge base: bring your own actors.

    Example: worldwire kb import-petrarch Phoenix.Countries.actors.txt --out my_actors.csv
    """


@kb.command(name="import-petrarch")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Write the CSV here (default: standard output).")
def import_petrarch(file: str, out: str | None) -> None:
    """Convert a PETRARCH/TABARI actor or agent dictionary into worldwire's own
    actors CSV; use it with `ingest --kb-extra FILE.csv` or WORLDWIRE_KB_EXTRA.

    Names with underscores, '+' synonyms, codes in brackets with dated roles
    ([CHNGOV >20121115], [USAELI <20090120], [RUSGOV 20000507-20080507]) and
    '#' comments are read; see src/worldwire/kb/data/README.md.

    Example: worldwire kb import-petrarch actors.txt --out my_actors.csv
    """
    from ..kb import load_kb
    from ..kb.petrarch import import_petrarch as run

    rows, text = run(file, out, load_kb())
    if out is None:
        click.echo(text, nl=False)
    people = {r["person_id"] for r in rows if r["kind"] == "person"}
    roles = sum(1 for r in rows if r["kind"] == "person")
    others = len(rows) - roles
    click.echo(f"{len(people)} people with {roles} roles, {others} other entries"
               + (f" → {out}" if out else ""), err=True)


COMMANDS = [actors, kb]
