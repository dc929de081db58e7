"""Browse a store: articles, one article, events, quotes, actors, takeaways."""

from __future__ import annotations

import click

from ..render import article_view, emit
from .options import day, filters, format_option, open_db, store_option

@click.command()
@store_option
@format_option
@filters
@click.option("--duplicates", is_flag=True,
              help="Only articles that duplicate or rewrite another (with what they copy), or that were found at "
                   "more than one location (exact).")
def articles(db, fmt, article, actor, since, until, limit, duplicates) -> None:
    """List stored articles.

    Example: worldwire articles --since 2023-05-01 --format json

    Example: worldwire articles --duplicates
    """
    if duplicates:
        from ..store.stories import duplicates as copies

        with open_db(db) as store:
            rows = copies(store, since=day(since), until=day(until), actor=actor, limit=limit)
        emit(rows, fmt, ["id", "published", "source", "relation", "of", "of_source", "locations", "title"])
        return
    with open_db(db) as store:
        rows = store.articles(article=article, actor=actor, since=day(since), until=day(until), limit=limit)
    emit(rows, fmt, ["id", "published", "source", "title", "n_events", "n_quotes"])


@click.command()
@click.argument("article")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the marked-up article; json: the article with its events and quotes.")
def show(article: str, db: str, fmt: str) -> None:
    """Show an article: cleaned text with headings, event triggers and quotes
    marked; under the title what it duplicates or rewrites, and its story.

    Headings print as '## ...', triggers as [[word|TYPE]], quotations in «...».

    Example: worldwire show 25935aa2
    """
    from ..store.stories import relations

    with open_db(db) as store:
        a = store.article(article)
        events = store.events(article=a["id"])
        quotes = store.quotes(article=a["id"])
        copies = relations(store, a["id"])
    if fmt == "json":
        emit([{**a, "events": events, "quotes": quotes, "copies": copies}], "json", [])
    else:
        click.echo(article_view(a, events, quotes, copies))


@click.command()
@store_option
@format_option
@filters
@click.option("--type", "type_", help="PLOVER event type, e.g. CONSULT.")
@click.option("--modality", type=click.Choice(["asserted", "negated", "future", "hypothetical", "historical"]),
              help="Only events of this modality.")
@click.option("--country", help="Only events located in this country (ISO3, e.g. UKR).")
@click.option("--near", metavar="LAT,LON", help="Only events located within --km of this point, e.g. 50.45,30.52.")
@click.option("--km", type=float, default=100.0, show_default=True, help="Radius for --near, in kilometres.")
@click.option("--png-map", type=click.Path(dir_okay=False), help="Also draw the events on a world map to this PNG.")
def events(db, fmt, article, actor, since, until, limit, type_, modality, country, near, km, png_map) -> None:
    """List coded events with their sentence, trigger, actors, place, date and tone.

    Example: worldwire events --actor RUS --type REQUEST --format json

    Example: worldwire events --near 50.45,30.52 --km 50 --png-map kyiv.png

    Example: worldwire events --parquet shards --actor CHN
    """
    point = _lat_lon(near) if near else None
    with open_db(db) as store:
        rows = store.events(article=article, actor=actor, type=type_, since=day(since), until=day(until),
                            modality=modality, limit=limit, country=country, near=point, km=km)
    emit(rows, fmt, ["published", "date", "type", "modality", "source", "target", "trigger", "location", "tone",
                     "sentence"])
    if png_map:
        from ..geo.mapping import render_map

        stats = render_map(rows, png_map)
        click.echo(f"map: {png_map} ({stats['located']} of {stats['events']} events at {stats['places']} places)",
                   err=True)


def _lat_lon(value: str) -> tuple[float, float]:
    try:
        lat, lon = (float(x) for x in value.split(","))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not LAT,LON (e.g. 50.45,30.52)", param_hint="--near") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise click.BadParameter(f"{value!r} is out of range", param_hint="--near")
    return lat, lon


@click.command()
@store_option
@format_option
@filters
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed"]), help="Only quotations of this kind.")
@click.option("--speaker", help="Speaker name, or part of it (\"Peskov\").")
def quotes(db, fmt, article, actor, since, until, limit, kind, speaker) -> None:
    """List quotations with their speakers.

    Example: worldwire quotes --actor RUS --kind direct --speaker Peskov

    Example: worldwire quotes --parquet shards --actor RUS
    """
    with open_db(db) as store:
        rows = store.quotes(article=article, actor=actor, since=day(since), until=day(until), kind=kind,
                            limit=limit, speaker=speaker)
    emit(rows, fmt, ["kind", "speaker", "speaker_text", "cue", "text"])


@click.command()
@click.argument("article", required=False)
@store_option
@format_option
@click.option("-k", "k", default=5, show_default=True, help="Number of takeaways.")
@click.option("--story", help="A story id (or unique prefix): its digest across sources instead of one article.")
def takeaways(article: str | None, db: str, fmt: str, k: int, story: str | None) -> None:
    """Key takeaways of an article, each a sentence with the sentences and
    events that support it: one per section heading (the heading plus its best
    supporting sentence), else picked by event salience, centrality, position
    and non-redundancy. With --story, the digest of a story across its sources.

    Example: worldwire takeaways 25935aa2 --format json
    """
    from ..nlp.takeaways import takeaways as make

    if bool(article) == bool(story):
        raise click.UsageError("Give an ARTICLE id or --story ID (one of them).")
    with open_db(db) as store:
        if story:
            from ..analysis.digest import story_digest

            rows = story_digest(store, story, k=k)
            for r in rows:
                r["outlets"] = [s["source"] or s["article_id"][:8] for s in r["sources"]]
            emit(rows, fmt, ["rank", "outlets", "heading", "text"])
            return
        a = store.article(article)
        rows = make(a, store.events(article=a["id"]), k=k, mentions=store.mentions(a["id"]))
    emit(rows, fmt, ["rank", "heading", "text", "events"])


COMMANDS = [articles, show, events, quotes, takeaways]  # actors: cli/actors.py
