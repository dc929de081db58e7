"""Places: the place names of a stored article and how each was resolved;
scoring place resolution against a gold file."""

from __future__ import annotations

import json

import click

from ..render import emit
from .options import format_option, open_db, store_option


@click.command()
@click.argument("article")
@store_option
@format_option
@click.option("--role", type=click.Choice(["location", "actor", "qualifier", "dateline", "other"]),
              help="Only place names used in this role.")
def places(article: str, db: str, fmt: str, role: str | None) -> None:
    """Show the place names found in an article and how each was resolved.

    Each name gets its role (location, actor for a metonym such as "Moscow
    said", qualifier as in "Paris, Texas", dateline), the grammar behind the
    role, the gazetteer entry chosen (name, country, region, coordinates,
    precision), the number of candidates and the reason for the choice. The
    article is parsed again; nothing is written.

    Example: worldwire places 25935aa2 --format json
    """
    from datetime import date

    from ..pipeline import Coder
    from ..records import Article, Section

    with open_db(db) as store:
        a = store.article(article)
    published = date.fromisoformat(a["published"]) if a["published"] else None
    art = Article(id=a["id"], text=a["text"], url=a["url"], location=a["location"], title=a["title"],
                  published=published, sections=[Section(**s) for s in a["sections"]])
    coded = Coder.load().code([art])[0]
    rows = [p.to_dict() for p in coded.places if role is None or p.role == role]
    emit(rows, fmt, ["sentence_index", "text", "role", "name", "country", "admin1", "precision", "candidates",
                     "reason", "role_why"])


@click.command("evaluate-places")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table: the figures and the errors; json: one object with figures and errors.")
@click.option("--errors/--no-errors", default=True, show_default=True, help="List the mentions resolved wrongly.")
def evaluate_places(gold: str, fmt: str, errors: bool) -> None:
    """Score place resolution against a gold JSONL file.

    Prints country accuracy, exact-place accuracy and role accuracy
    (location vs actor, for metonyms such as "Moscow said"); the gold format
    is described in the README ("Places, dates and tone").

    Example: worldwire evaluate-places tests/data/places_gold.jsonl
    """
    from ..geo.evaluate import evaluate

    result = evaluate(gold)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(f"{result['gold']}  ({result['sentences']} sentences, {result['mentions']} place mentions)")
    for key in ("country_accuracy", "exact_accuracy", "role_accuracy", "found"):
        click.echo(f"  {key:<17} {result[key]:.3f}")
    if errors and result["errors"]:
        click.echo("  errors:")
        for e in result["errors"]:
            click.echo(f"    [{e['id']}] {e['text']!r}: gold {e['gold']} · got {e['got']}")


COMMANDS = [places, evaluate_places]
