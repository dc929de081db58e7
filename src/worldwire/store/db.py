"""The DuckDB store: migrations, one-transaction article writes, queries.

An article and everything coded from it (sentences, mentions, events,
quotes) are written in one transaction: a crash leaves all of it or none.
Identity is by content: writing an article already stored changes nothing
except, for a new file or URL holding the same text, one more location row.
"""

from __future__ import annotations

import json
import time
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable

import duckdb

from ..errors import NotFoundError, WorldwireError
from ..kb import KnowledgeBase
from ..records import CodedArticle
from . import snapshot
from .rows import TABLES, article_rows
from .schema import MIGRATIONS


class Store:
    def __init__(self, path: str | Path = "worldwire.duckdb", read_only: bool = False,
                 lock_timeout: float | None = None):
        """Open the store. A writer waits up to ``lock_timeout`` seconds (default 10) for
        readers that hold the file for a moment (a server refreshing its snapshot)."""
        self.path = str(path)
        wait = (0.0 if read_only else 10.0) if lock_timeout is None else lock_timeout
        deadline = time.monotonic() + wait
        while True:
            try:
                self.con = duckdb.connect(self.path, read_only=read_only)
                break
            except duckdb.Error as e:
                if "lock" in str(e).lower() and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                raise WorldwireError(f"cannot open store {self.path}: {e}") from e
        self._publisher = None
        if not read_only:
            self.migrate()
            self._publisher = snapshot.Publisher(self.path, self.con)

    @classmethod
    def reading(cls, con: duckdb.DuckDBPyConnection, path: str | Path) -> "Store":
        """A store over an open connection (a cursor of a read snapshot); closing it closes only that."""
        store = cls.__new__(cls)
        store.path, store.con, store._publisher = str(path), con, None
        return store

    def close(self) -> None:
        try:
            if self._publisher is not None:
                self._publisher.before_close()  # a reader is current once the writer is gone
        finally:
            self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema -----------------------------------------------------------
    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()[0]
        if not exists:
            return 0
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]

    def migrate(self) -> None:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        # every migration not yet applied, in list order (numbers may land out
        # of order: a store at 3 still gets a 2 that lands later)
        applied = {v for (v,) in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        for version, name, sql in sorted(MIGRATIONS, key=lambda m: m[0]):
            if version in applied:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, _now()])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise

    # -- writes -----------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def add_location(self, article_id: str, location: str, url: str | None) -> bool:
        """Record another place the same article was found; True if new."""
        known = self.con.execute(
            "SELECT 1 FROM article_locations WHERE article_id = ? AND location = ?", [article_id, location]
        ).fetchone()
        if known:
            return False
        self.con.execute("INSERT INTO article_locations VALUES (?, ?, ?)", [article_id, location, url])
        return True

    def write(self, coded: CodedArticle, kb: KnowledgeBase | None = None,
              also: Callable[[], None] | None = None) -> str:
        """Store one coded article atomically; returns stored | unchanged | location.

        ``also`` runs inside the same transaction once the article is written
        (the pipeline matches duplicates, rewrites and stories there), so the
        article and what depends on it are committed together or not at all.
        """
        a = coded.article
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if self.has_article(a.id):
                status = "location" if self.add_location(a.id, a.location, a.url) else "unchanged"
                con.execute("COMMIT")
                return status
            tables = article_rows(coded, kb, ingested_at=_now())
            for table in TABLES[:-1]:
                rows = tables[table]
                if rows:
                    cols = list(rows[0])
                    con.executemany(
                        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                        [[r[c] for c in cols] for r in rows],
                    )
            if tables["actors"]:
                # actors are shared across articles: the first article to name one records it
                con.executemany(
                    "INSERT INTO actors (actor_id, name, kind, qid) SELECT ?, ?, ?, ?"
                    " WHERE NOT EXISTS (SELECT 1 FROM actors WHERE actor_id = ?)",
                    [[r["actor_id"], r["name"], r["kind"], r["qid"], r["actor_id"]] for r in tables["actors"]],
                )
            if also is not None:
                also()
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        if self._publisher is not None:
            self._publisher.after_commit()  # a read snapshot for `worldwire serve`, when one is due
        return "stored"

    # -- queries ----------------------------------------------------------
    def _dicts(self, sql: str, params: list[Any] | None = None) -> list[dict]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def resolve_article_id(self, prefix: str) -> str:
        rows = self.con.execute("SELECT id FROM articles WHERE starts_with(id, ?) ORDER BY id LIMIT 2", [prefix]).fetchall()
        if not rows:
            raise NotFoundError(f"No article with id {prefix!r}. List ids with `worldwire articles`.")
        if len(rows) > 1:
            raise NotFoundError(f"Article id prefix {prefix!r} is ambiguous; give more characters.")
        return rows[0][0]

    def articles(self, article: str | None = None, actor: str | None = None, since: date | None = None,
                 until: date | None = None, limit: int | None = None) -> list[dict]:
        where, params = _article_filters("a", article, since, until)
        if actor:
            where.append("(EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND " + _actor_match("m") + "))")
            params += [actor] * 3
        sql = f"""
            SELECT a.id, a.url, a.title, a.published, a.source, a.sections, a.tone,
                   (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events,
                   (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS n_quotes
            FROM articles a {_where(where)}
            ORDER BY a.published NULLS LAST, a.id {_limit(limit)}"""
        rows = self._dicts(sql, params)
        for r in rows:
            r["published"] = r["published"].isoformat() if r["published"] else None
            r["sections"] = json.loads(r["sections"])
        return rows

    def article(self, article_id: str) -> dict:
        aid = self.resolve_article_id(article_id)
        row = self._dicts("SELECT * FROM articles WHERE id = ?", [aid])[0]
        row["published"] = row["published"].isoformat() if row["published"] else None
        row["sections"] = json.loads(row["sections"])
        row["ingested_at"] = row["ingested_at"].isoformat()
        row["locations"] = [r["location"] for r in self._dicts(
            "SELECT location FROM article_locations WHERE article_id = ? ORDER BY location", [aid])]
        row["sentences"] = self._dicts(
            "SELECT idx AS index, start_char AS start, end_char AS \"end\", text, tone FROM sentences WHERE article_id = ? ORDER BY idx",
            [aid])
        return row

    def events(self, article: str | None = None, actor: str | None = None, type: str | None = None,
               since: date | None = None, until: date | None = None, modality: str | None = None,
               limit: int | None = None, country: str | None = None,
               near: tuple[float, float] | None = None, km: float | None = None) -> list[dict]:
        """Events; ``country`` (ISO3) and ``near`` (lat, lon) within ``km``
        filter on where the event happened (its ``location``)."""
        where, params = _article_filters("a", article, since, until)
        if country:
            where.append("e.location_country = ?")
            params.append(country.upper())
        if near is not None:
            # haversine, mean Earth radius 6371 km (as geo.gazetteer.distance_km)
            where.append("2 * 6371 * asin(least(1, sqrt(power(sin(radians(e.location_lat - ?) / 2), 2) + "
                         "cos(radians(?)) * cos(radians(e.location_lat)) * power(sin(radians(e.location_lon - ?) / 2), 2)))) <= ?")
            params += [near[0], near[0], near[1], km if km is not None else 100.0]
        if type:
            where.append("e.type = ?")
            params.append(type.upper())
        if modality:
            where.append("e.modality = ?")
            params.append(modality.lower())
        if actor:
            where.append("EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND " + _actor_match("x") + ")")
            params += [actor] * 3
        rows = self._dicts(
            f"""SELECT e.*, a.url AS article_url, a.published FROM events e JOIN articles a ON a.id = e.article_id
                {_where(where)} ORDER BY a.published NULLS LAST, e.article_id, e.trigger_start, e.id {_limit(limit)}""",
            params,
        )
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        actors: dict[str, dict[str, list]] = {i: {"source": [], "target": []} for i in ids}
        for x in self._dicts(
            "SELECT * FROM event_actors WHERE event_id IN (SELECT unnest(?)) ORDER BY event_id, role, position", [ids]
        ):
            actors[x["event_id"]][x["role"]].append(_actor_json(x, "start_char", "end_char"))
        out = []
        for r in rows:
            out.append({
                "id": r["id"], "article_id": r["article_id"], "article_url": r["article_url"],
                "published": r["published"].isoformat() if r["published"] else None,
                "sentence": r["sentence"], "sentence_index": r["sentence_index"], "type": r["type"],
                "mode": r["mode"], "context": r["context"], "modality": r["modality"],
                "trigger": {"text": r["trigger_text"], "start": r["trigger_start"], "end": r["trigger_end"]},
                "source": actors[r["id"]]["source"], "target": actors[r["id"]]["target"],
                "cameo_root": r["cameo_root"], "cameo_code": r["cameo_code"], "goldstein": r["goldstein"],
                "quad_class": r["quad_class"], "confidence": r["confidence"], "method": r["method"],
                "location": json.loads(r["location"]) if r.get("location") else None,
                "date": r["event_date"].isoformat() if r.get("event_date") else None,
                "date_precision": r.get("date_precision"), "date_reason": r.get("date_reason"), "tone": r.get("tone"),
            })
        return out

    def quotes(self, article: str | None = None, actor: str | None = None, since: date | None = None,
               until: date | None = None, kind: str | None = None, limit: int | None = None,
               speaker: str | None = None) -> list[dict]:
        """Quotations; ``speaker`` matches the speaker's resolved name or the
        words naming them in the text, case-insensitively, in part."""
        where, params = _article_filters("a", article, since, until)
        if speaker:
            where.append("(contains(lower(q.speaker_name), lower(?)) OR contains(lower(q.speaker_text), lower(?)))")
            params += [speaker, speaker]
        if actor:
            where.append("(q.speaker_actor_id = ? OR q.speaker_country = ? OR lower(q.speaker_name) = lower(?))")
            params += [actor] * 3
        if kind:
            where.append("q.kind = ?")
            params.append(kind)
        rows = self._dicts(
            f"""SELECT q.*, a.url AS article_url FROM quotes q JOIN articles a ON a.id = q.article_id
                {_where(where)} ORDER BY a.published NULLS LAST, q.article_id, q.start_char {_limit(limit)}""",
            params,
        )
        out = []
        for r in rows:
            speaker = None
            if r["speaker_actor_id"]:
                speaker = {
                    "actor_id": r["speaker_actor_id"], "name": r["speaker_name"], "kind": r["speaker_kind"],
                    "country": r["speaker_country"], "sector": r["speaker_sector"], "text": r["speaker_text"],
                    "start": r["speaker_start"], "end": r["speaker_end"], "reason": r.get("speaker_reason"),
                }
            out.append({
                "id": r["id"], "article_id": r["article_id"], "article_url": r["article_url"],
                "sentence_index": r["sentence_index"], "text": r["text"], "kind": r["kind"], "cue": r["cue"],
                "speaker_text": r["speaker_text"], "speaker": speaker,
                "speakers": json.loads(r["speakers"]) if r.get("speakers") else [],
                "start": r["start_char"], "end": r["end_char"],
            })
        return out

    def mentions(self, article: str) -> list[dict]:
        """Actor mentions of one article (id or unique prefix), in text order."""
        aid = self.resolve_article_id(article)
        return self._dicts(
            """SELECT sentence_index, start_char AS start, end_char AS "end", text, actor_id, name, kind, country,
                      sector, method FROM mentions WHERE article_id = ? ORDER BY start_char""", [aid])

    def actors(self, actor: str | None = None, kind: str | None = None, limit: int | None = None) -> list[dict]:
        where, params = [], []
        if actor:
            where.append("(s.actor_id = ? OR s.country = ? OR lower(s.name) = lower(?))")
            params += [actor] * 3
        if kind:
            where.append("s.kind = ?")
            params.append(kind)
        sql = f"""
            WITH s AS (
                SELECT actor_id, name, kind, country, 'mention' AS what, article_id, NULL AS event_id FROM mentions
                WHERE method <> 'place'
                UNION ALL
                SELECT x.actor_id, x.name, x.kind, x.country, 'event', e.article_id, e.id
                FROM event_actors x JOIN events e ON e.id = x.event_id
            )
            SELECT s.actor_id, any_value(s.name) AS name, any_value(s.kind) AS kind,
                   mode(s.country) AS country,
                   count(*) FILTER (WHERE what = 'mention') AS mentions,
                   count(DISTINCT event_id) AS events,
                   count(DISTINCT article_id) AS articles
            FROM s {_where(where)}
            GROUP BY s.actor_id ORDER BY events DESC, mentions DESC, s.actor_id {_limit(limit)}"""
        return self._dicts(sql, params)

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "article_locations", "sentences", "mentions", "actors", "events", "event_actors", "quotes")}

    def event_types(self) -> list[tuple[str, int]]:
        return self.con.execute("SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, 1").fetchall()

    def top_pairs(self, limit: int = 10) -> list[tuple[str, str, int]]:
        """Most frequent source→target pairs of actors, by country (or actor id)."""
        return self.con.execute(
            """
            WITH ends AS (
                SELECT event_id, role, coalesce(country, actor_id) AS who FROM event_actors
            )
            SELECT s.who, t.who, count(DISTINCT s.event_id) AS n
            FROM ends s JOIN ends t ON s.event_id = t.event_id AND s.role = 'source' AND t.role = 'target'
            WHERE s.who <> t.who
            GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?""",
            [limit],
        ).fetchall()


def _actor_json(x: dict, start: str, end: str) -> dict:
    return {"actor_id": x["actor_id"], "name": x["name"], "kind": x["kind"], "country": x["country"],
            "sector": x["sector"], "text": x["text"], "start": x[start], "end": x[end], "reason": x.get("reason")}


def _actor_match(alias: str) -> str:
    return f"({alias}.actor_id = ? OR {alias}.country = ? OR lower({alias}.name) = lower(?))"


def date_range(column: str, since: date | None, until: date | None,
               until_column: str | None = None) -> tuple[list[str], list]:
    """SQL conditions for ``since <= column`` and ``until_column <= until``
    (``until_column`` defaults to ``column``; a span such as a story's
    first and last day overlaps the range when both hold)."""
    where, params = [], []
    if since:
        where.append(f"{column} >= ?")
        params.append(since)
    if until:
        where.append(f"{until_column or column} <= ?")
        params.append(until)
    return where, params


def _article_filters(alias: str, article: str | None, since: date | None, until: date | None) -> tuple[list[str], list]:
    where, params = [], []
    if article:
        where.append(f"starts_with({alias}.id, ?)")
        params.append(article)
    dates, values = date_range(f"{alias}.published", since, until)
    return where + dates, params + values


def _where(parts: list[str]) -> str:
    return ("WHERE " + " AND ".join(parts)) if parts else ""


def _limit(limit: int | None) -> str:
    return f"LIMIT {int(limit)}" if limit else ""


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def open_store(path: str | Path = "worldwire.duckdb", read_only: bool = False) -> Store:
    """Open (and create or migrate) a worldwire store."""
    return Store(path, read_only=read_only)
