"""Browse a store: articles, one article, events, quotes, actors, takeaways."""

from __future__ import annotations

import click

from ..render import article_view, emit
from .options import day, db_option, filters, format_option, open_db

@click.command()
@db_option
@format_option
@filters
def articles(db, fmt, article, actor, since, until, limit) -> None:
    """List stored articles.

    Example: worldwire articles --since 2023-05-01 --format json
    """
    with open_db(db) as store:
        rows = store.articles(article=article, actor=actor, since=day(since), until=day(until), limit=limit)
    emit(rows, fmt, ["id", "published", "source", "title", "n_events", "n_quotes"])


@click.command()
@click.argument("article")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the marked-up article; json: the article with its events and quotes.")
def show(article: str, db: str, fmt: str) -> None:
    """Show an article: cleaned text with headings, event triggers and quotes marked.

    Headings print as '## ...', triggers as [[word|TYPE]], quotations in «...».

    Example: worldwire show 25935aa2
    """
    with open_db(db) as store:
        a = store.article(article)
        events = store.events(article=a["id"])
        quotes = store.quotes(article=a["id"])
    if fmt == "json":
        emit([{**a, "events": events, "quotes": quotes}], "json", [])
    else:
        click.echo(article_view(a, events, quotes))


@click.command()
@db_option
@format_option
@filters
@click.option("--type", "type_", help="PLOVER event type, e.g. CONSULT.")
@click.option("--modality", type=click.Choice(["asserted", "negated", "future", "hypothetical", "historical"]),
              help="Only events of this modality.")
def events(db, fmt, article, actor, since, until, limit, type_, modality) -> None:
    """List coded events with their sentence, trigger and actors.

    Example: worldwire events --actor RUS --type REQUEST --format json
    """
    with open_db(db) as store:
        rows = store.events(article=article, actor=actor, type=type_, since=day(since), until=day(until),
                            modality=modality, limit=limit)
    emit(rows, fmt, ["published", "type", "modality", "source", "target", "trigger", "sentence"])


@click.command()
@db_option
@format_option
@filters
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed"]), help="Only quotations of this kind.")
@click.option("--speaker", help="Speaker name, or part of it (\"Peskov\").")
def quotes(db, fmt, article, actor, since, until, limit, kind, speaker) -> None:
    """List quotations with their speakers.

    Example: worldwire quotes --actor RUS --kind direct --speaker Peskov
    """
    with open_db(db) as store:
        rows = store.quotes(article=article, actor=actor, since=day(since), until=day(until), kind=kind,
                            limit=limit, speaker=speaker)
    emit(rows, fmt, ["kind", "speaker", "speaker_text", "cue", "text"])


@click.command()
@db_option
@format_option
@click.option("--actor", help="Actor id, country code (ISO3) or exact name.")
@click.option("--kind", type=click.Choice(["state", "person", "igo", "org", "group"]), help="Only actors of this kind.")
@click.option("--limit", type=int, help="At most this many rows.")
def actors(db, fmt, actor, kind, limit) -> None:
    """List actors found, with mention, event and article counts.

    Example: worldwire actors --kind person --limit 20
    """
    with open_db(db) as store:
        rows = store.actors(actor=actor, kind=kind, limit=limit)
    emit(rows, fmt, ["actor_id", "name", "kind", "country", "mentions", "events", "articles"])


@click.command()
@click.argument("article")
@db_option
@format_option
@click.option("-k", "k", default=5, show_default=True, help="Number of takeaways.")
def takeaways(article: str, db: str, fmt: str, k: int) -> None:
    """Key takeaways of an article: its section headings with their lead
    sentences, else its lead sentences; each with its events.

    Example: worldwire takeaways 25935aa2 --format json
    """
    from ..nlp.takeaways import takeaways as make

    with open_db(db) as store:
        a = store.article(article)
        rows = make(a, store.events(article=a["id"]), k=k)
    emit(rows, fmt, ["rank", "heading", "text", "events"])


COMMANDS = [articles, show, events, quotes, actors, takeaways]
