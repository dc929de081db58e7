"""Coded events as the relation analyses read them (dyads, network, actor summaries).

One query loads each event with its day, its story and its actors. Counting
follows the dedup issue (6):

- ``story`` (default): copies (duplicates and rewrites of a report) add
  nothing, and the same action between the same sides in one story on one day
  counts once: one per (story, type, direction, day), the one-a-day rule of
  ICEWS/Phoenix applied within a story;
- ``mention``: every coded event, as GDELT counts.

Where the store has no story tables (a store from before migration 2, or an
article not yet matched), an article is its own story.

Only asserted and future (pledged, planned) events count by default: a pledge
is itself an act of that day, while negated ("has yet to speak"),
hypothetical ("if China were to supply weapons") and historical ("since the
invasion began") events did not happen between the actors on that day.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from ..store.db import date_range

COUNTED_MODALITIES = ("asserted", "future")
COUNT_BY = ("story", "mention")
PERIODS = ("day", "week", "month", "all")
COOPERATION = (1, 2)  # quad classes: verbal and material cooperation
CONFLICT = (3, 4)  # verbal and material conflict


@dataclass(slots=True)
class Ev:
    """One coded event with what relation analyses need."""

    id: str
    article_id: str
    story_id: str
    copy: bool  # a duplicate or rewrite of another stored report
    day: date | None
    type: str
    quad_class: int
    goldstein: float
    modality: str
    source: list[dict]
    target: list[dict]


def _has_story_tables(store) -> bool:
    return bool(store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'article_dedup'").fetchone()[0])


def load_events(store, since: date | None = None, until: date | None = None,
                modalities: tuple[str, ...] | None = COUNTED_MODALITIES, article_ids: list[str] | None = None,
                ) -> list[Ev]:
    """Events with their actors, day (publication date, else ingestion date) and story."""
    day = "coalesce(a.published, CAST(a.ingested_at AS DATE))"
    where, params = date_range(day, since, until)
    if modalities:
        where.append("e.modality IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(modalities))
    if article_ids is not None:
        where.append("e.article_id IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(article_ids))
    if _has_story_tables(store):
        story = "coalesce(d.story_id, e.article_id)"
        copy = "coalesce(d.report_id <> d.article_id, false)"
        join = "LEFT JOIN article_dedup d ON d.article_id = e.article_id"
    else:
        story, copy, join = "e.article_id", "false", ""
    sql = f"""
        WITH x AS (
            SELECT event_id,
                   list({{'actor_id': actor_id, 'name': name, 'kind': kind, 'country': country, 'sector': sector}}
                        ORDER BY position) FILTER (WHERE role = 'source') AS source,
                   list({{'actor_id': actor_id, 'name': name, 'kind': kind, 'country': country, 'sector': sector}}
                        ORDER BY position) FILTER (WHERE role = 'target') AS target
            FROM event_actors GROUP BY event_id
        )
        SELECT e.id, e.article_id, {story} AS story_id, {copy} AS copy, {day} AS day, e.type, e.quad_class,
               e.goldstein, e.modality, x.source, x.target
        FROM events e JOIN articles a ON a.id = e.article_id {join} LEFT JOIN x ON x.event_id = e.id
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY day NULLS LAST, e.article_id, e.trigger_start, e.id"""
    return [Ev(r[0], r[1], r[2], bool(r[3]), r[4], r[5], int(r[6]), float(r[7]), r[8], r[9] or [], r[10] or [])
            for r in store.con.execute(sql, params).fetchall()]


def matches(actor: dict, query: str) -> bool:
    """Does an event's actor answer to ``query``: its actor id, its country (ISO3) or its exact name?"""
    return (actor["actor_id"] == query or actor.get("country") == query
            or (actor.get("name") or "").lower() == query.lower())


def node_key(actor: dict, level: str = "state") -> str | None:
    """The node an actor counts under: at ``state`` level its country (ISO3),
    IGOs and groups as themselves, other actors without a country dropped;
    at ``actor`` level its actor id."""
    if level == "actor":
        return actor["actor_id"]
    if actor.get("country"):
        return actor["country"]
    if actor.get("kind") in ("igo", "group"):
        return actor["actor_id"]
    return None


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO3 -> English short name, from the KB's countries.csv."""
    with resources.files("worldwire.kb").joinpath("data/countries.csv").open(encoding="utf-8") as f:
        return {row["iso3"]: row["name"] for row in csv.DictReader(f)}


def period_of(day: date | None, by: str) -> str:
    """Period label: day 2023-03-21, week 2023-03-20 (its Monday), month 2023-03, or 'all'."""
    if by == "all" or day is None:
        return "all" if by == "all" else "undated"
    if by == "day":
        return day.isoformat()
    if by == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    if by == "month":
        return day.strftime("%Y-%m")
    raise ValueError(f"by must be one of {', '.join(PERIODS)}")


def weight(quad_class: int) -> float:
    """Material acts weigh twice what words weigh (in the alignment index)."""
    return 2.0 if quad_class in (2, 4) else 1.0


def alignment(pos: float, neg: float) -> float:
    """(P - N) / (P + N + 1): +1 all cooperation, -1 all conflict, shrunk toward 0
    by one pseudo-event so that a single report does not make an alliance."""
    return (pos - neg) / (pos + neg + 1.0)


def representative(events: list[Ev]) -> tuple[int, float]:
    """Quad class (the most common) and mean Goldstein of events counted as one."""
    quad = Counter(e.quad_class for e in events).most_common(1)[0][0]
    return quad, sum(e.goldstein for e in events) / len(events)
