"""Store queries for duplicates, rewrites and stories (functions taking a Store).

Tables (migration 2): ``dedup_fingerprints`` (one MinHash/fact fingerprint an
article), ``dedup_bands`` (LSH band keys), ``article_dedup`` (copy group,
``duplicate_of``/``rewrite_of``, story), ``story_terms`` and
``story_term_df``. Writes happen inside the article's transaction
(:func:`worldwire.ingest.dedup.record`); the rest are read queries for the
CLI and analyses.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np

from ..analysis.stories import Candidate
from ..errors import NotFoundError
from ..ingest.dedup import SCHEME, Fingerprint
from .db import Store, _actor_match, _limit, _now, _where, date_range

# IN-lists up to this many keys use the band index; longer ones a hash join.
_IN_LIST_MAX = 2048


# -- writes and lookups for matching -----------------------------------------
def band_matches(store: Store, keys: list[int]) -> list[tuple[int, str]]:
    """(key, article_id) for every stored band key among ``keys``."""
    keys = sorted({int(k) for k in keys})
    if not keys:
        return []
    if len(keys) <= _IN_LIST_MAX:
        # literal integers: DuckDB uses the ART index for a constant IN-list
        return store.con.execute(
            f"SELECT key, article_id FROM dedup_bands WHERE key IN ({','.join(map(str, keys))})").fetchall()
    return store.con.execute(
        "SELECT b.key, b.article_id FROM dedup_bands b SEMI JOIN (SELECT unnest(?::BIGINT[]) AS key) q ON b.key = q.key",
        [keys]).fetchall()


@dataclass(slots=True)
class Stored:
    """A stored article as matching needs it."""

    fp: Fingerprint
    published: date | None
    order: float  # ingestion time, seconds
    report_id: str
    duplicate_of: str | None
    rewrite_of: str | None
    story_id: str


def _blob(b: bytes) -> np.ndarray:
    return np.frombuffer(bytes(b), dtype=np.uint32).copy()


def load(store: Store, ids: list[str]) -> dict[str, Stored]:
    """Fingerprints and copy-group rows of stored articles (same scheme only)."""
    if not ids:
        return {}
    rows = store.con.execute(
        """SELECT f.article_id, f.n_shingles, f.text_minhash, f.n_words, f.words_minhash, f.facts, f.facts_minhash,
                  a.published, epoch(a.ingested_at), d.report_id, d.duplicate_of, d.rewrite_of, d.story_id
           FROM dedup_fingerprints f JOIN articles a ON a.id = f.article_id JOIN article_dedup d ON d.article_id = f.article_id
           WHERE f.scheme = ? AND f.article_id IN (SELECT unnest(?::VARCHAR[]))""",
        [SCHEME, sorted(set(ids))]).fetchall()
    out = {}
    for (aid, n_sh, text, n_words, words, facts, fsig, published, order, report, dup, rw, story) in rows:
        fp = Fingerprint(aid, n_sh, _blob(text), _blob(words), n_words, np.array(facts, dtype=np.int64), _blob(fsig))
        out[aid] = Stored(fp, published, float(order), report, dup, rw, story)
    return out


def members(store: Store, report_ids: list[str]) -> dict[str, list[str]]:
    """The stored members of copy groups, canonical included."""
    out: dict[str, list[str]] = defaultdict(list)
    if report_ids:
        for aid, rid in store.con.execute(
                "SELECT article_id, report_id FROM article_dedup WHERE report_id IN (SELECT unnest(?::VARCHAR[]))",
                [sorted(set(report_ids))]).fetchall():
            out[rid].append(aid)
    return out


def window_reports(store: Store, lo: date, hi: date) -> list[Candidate]:
    """Stored reports (canonical articles) published between lo and hi, with their story terms."""
    rows = store.con.execute(
        """SELECT d.article_id, d.story_id, coalesce(a.published, CAST(a.ingested_at AS DATE)) AS day, t.term, t.weight
           FROM article_dedup d JOIN articles a ON a.id = d.article_id JOIN story_terms t ON t.article_id = d.article_id
           WHERE d.report_id = d.article_id AND coalesce(a.published, CAST(a.ingested_at AS DATE)) BETWEEN ? AND ?""",
        [lo, hi]).fetchall()
    by: dict[str, Candidate] = {}
    for aid, story, day, term, weight in rows:
        c = by.get(aid)
        if c is None:
            c = by[aid] = Candidate(aid, story, day, {})
        c.terms[term] = weight
    return list(by.values())


def add_terms(store: Store, terms: dict[str, dict[str, float]]) -> int:
    """Store each article's story terms, count them in the document frequencies;
    return the frequencies of every term given and the number of articles counted."""
    con = store.con
    rows = [(aid, t, w) for aid, ts in terms.items() for t, w in ts.items()]
    if rows:
        con.execute("INSERT INTO story_terms SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::DOUBLE[])",
                    [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]])
        counts: dict[str, int] = defaultdict(int)
        for ts in terms.values():
            for t in ts:
                counts[t] += 1
        con.execute(
            """INSERT INTO story_term_df SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[])
               ON CONFLICT (term) DO UPDATE SET n = story_term_df.n + excluded.n""",
            [list(counts), list(counts.values())])
    return con.execute("SELECT count(*) FROM article_dedup").fetchone()[0] + len(terms)


def term_df(store: Store, terms: set[str]) -> dict[str, int]:
    if not terms:
        return {}
    return dict(store.con.execute(
        "SELECT term, n FROM story_term_df WHERE term IN (SELECT unnest(?::VARCHAR[]))", [sorted(terms)]).fetchall())


def save_fingerprints(store: Store, fps: list[Fingerprint], keys: dict[str, list[int]]) -> None:
    if not fps:
        return
    store.con.execute(
        """INSERT INTO dedup_fingerprints SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[]),
               unnest(?::BLOB[]), unnest(?::INTEGER[]), unnest(?::BLOB[]), unnest(?::BIGINT[][]), unnest(?::BLOB[])""",
        [[f.article_id for f in fps], [f.scheme for f in fps], [f.n_shingles for f in fps],
         [f.text.astype(np.uint32).tobytes() for f in fps], [f.n_words for f in fps],
         [f.words.astype(np.uint32).tobytes() for f in fps], [[int(x) for x in f.facts] for f in fps],
         [f.facts_sig.astype(np.uint32).tobytes() for f in fps]])
    rows = [(k, aid) for aid, ks in keys.items() for k in ks]
    if rows:
        store.con.execute("INSERT INTO dedup_bands SELECT unnest(?::BIGINT[]), unnest(?::VARCHAR[])",
                          [[r[0] for r in rows], [r[1] for r in rows]])


def save_links(store: Store, new: list[dict], changed: list[dict]) -> None:
    """Insert the rows of new articles; update the copy-group columns of stored ones."""
    if new:
        store.con.execute(
            """INSERT INTO article_dedup SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
                   unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::DOUBLE[]), ?""",
            [[r["article_id"] for r in new], [r["report_id"] for r in new], [r["duplicate_of"] for r in new],
             [r["rewrite_of"] for r in new], [_json(r.get("similarity")) for r in new], [r["story_id"] for r in new],
             [r.get("story_score") for r in new], _now()])
    for r in changed:
        store.con.execute(
            "UPDATE article_dedup SET report_id = ?, duplicate_of = ?, rewrite_of = ?, similarity = ? WHERE article_id = ?",
            [r["report_id"], r["duplicate_of"], r["rewrite_of"], _json(r.get("similarity")), r["article_id"]])


def unindexed(store: Store) -> list[str]:
    """Stored articles without a fingerprint of the current scheme (stored before
    migration 2, or under other tuned numbers), oldest first."""
    return [r[0] for r in store.con.execute(
        """SELECT a.id FROM articles a WHERE NOT EXISTS (
               SELECT 1 FROM dedup_fingerprints f WHERE f.article_id = a.id AND f.scheme = ?)
           ORDER BY a.ingested_at, a.id""", [SCHEME]).fetchall()]


def forget(store: Store, ids: list[str]) -> None:
    """Drop the dedup rows of articles (before indexing them again)."""
    if not ids:
        return
    for table in ("dedup_fingerprints", "dedup_bands", "article_dedup", "story_terms"):
        store.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])


def _json(value) -> str | None:
    return json.dumps(value) if value is not None else None


# -- queries -----------------------------------------------------------------
_DAY = "coalesce(a.published, CAST(a.ingested_at AS DATE))"


def ready(store: Store) -> bool:
    """Whether the store has the dedup tables (migration 2)."""
    return store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'article_dedup'").fetchone()[0] > 0


def _require(store: Store) -> None:
    if not ready(store):
        raise NotFoundError(f"The store {store.path} has no duplicate or story index yet; "
                            f"run `worldwire stories reindex --db {store.path}`.")


def relations(store: Store, article_id: str) -> dict:
    """What an article copies and what copies it, and its story: for ``show``."""
    aid = store.resolve_article_id(article_id)
    if not ready(store):
        return {"article_id": aid, "indexed": False}
    row = store._dicts(
        """SELECT d.*, r.title AS report_title, r.source AS report_source, r.published AS report_published
           FROM article_dedup d JOIN articles r ON r.id = d.report_id WHERE d.article_id = ?""", [aid])
    if not row:
        return {"article_id": aid, "indexed": False}
    d = row[0]
    copies = store._dicts(
        """SELECT d.article_id AS id, a.published, a.source, a.title, d.duplicate_of, d.rewrite_of
           FROM article_dedup d JOIN articles a ON a.id = d.article_id
           WHERE d.report_id = ? AND d.article_id <> ? ORDER BY a.published NULLS LAST, d.article_id""",
        [d["report_id"], aid])
    story = stories(store, story=d["story_id"])
    return {
        "article_id": aid, "indexed": True, "report_id": d["report_id"], "duplicate_of": d["duplicate_of"],
        "rewrite_of": d["rewrite_of"], "similarity": json.loads(d["similarity"]) if d["similarity"] else None,
        "report": {"id": d["report_id"], "title": d["report_title"], "source": d["report_source"],
                   "published": _iso(d["report_published"])},
        "copies": [{**c, "published": _iso(c["published"]),
                    "relation": "duplicate" if c["duplicate_of"] else "rewrite" if c["rewrite_of"] else "report"}
                   for c in copies],
        "story": story[0] if story else None,
    }


def duplicates(store: Store, since: date | None = None, until: date | None = None, actor: str | None = None,
               limit: int | None = None) -> list[dict]:
    """Articles that duplicate or rewrite another, and articles found at more than one location."""
    _require(store)
    where, params = ["(d.report_id <> d.article_id OR (SELECT count(*) FROM article_locations l WHERE l.article_id = a.id) > 1)"], []
    dates, values = date_range("a.published", since, until)
    where, params = where + dates, params + values
    if actor:
        where.append("EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND " + _actor_match("m") + ")")
        params += [actor] * 3
    rows = store._dicts(
        f"""SELECT a.id, a.published, a.source, a.title,
                   CASE WHEN d.duplicate_of IS NOT NULL THEN 'duplicate' WHEN d.rewrite_of IS NOT NULL THEN 'rewrite'
                        ELSE 'exact' END AS relation,
                   CASE WHEN d.report_id <> d.article_id THEN d.report_id END AS "of",
                   r.source AS of_source, r.published AS of_published, d.similarity,
                   (SELECT count(*) FROM article_locations l WHERE l.article_id = a.id) AS locations, d.story_id
            FROM article_dedup d JOIN articles a ON a.id = d.article_id JOIN articles r ON r.id = d.report_id
            {_where(where)} ORDER BY d.report_id, a.published NULLS LAST, a.id {_limit(limit)}""", params)
    for r in rows:
        r["published"], r["of_published"] = _iso(r["published"]), _iso(r["of_published"])
        r["similarity"] = json.loads(r["similarity"]) if r["similarity"] else None
    return rows


def _story_sql(where: str) -> str:
    return f"""
        WITH m AS (
            SELECT d.story_id, d.article_id, d.report_id, d.duplicate_of, d.rewrite_of, a.title, a.source, a.published,
                   {_DAY} AS day, a.ingested_at
            FROM article_dedup d JOIN articles a ON a.id = d.article_id
        ), s AS (
            SELECT story_id,
                   arg_min(title, (CASE WHEN report_id = article_id THEN 0 ELSE 1 END, day, ingested_at, article_id)) AS title,
                   min(day) AS first_seen, max(day) AS last_seen, min(ingested_at) AS first_ingested,
                   list(DISTINCT source ORDER BY source) FILTER (WHERE source IS NOT NULL) AS sources,
                   count(*) AS articles,
                   count(*) FILTER (WHERE report_id = article_id) AS reports,
                   count(*) FILTER (WHERE duplicate_of IS NOT NULL) AS duplicates,
                   count(*) FILTER (WHERE rewrite_of IS NOT NULL) AS rewrites
            FROM m GROUP BY story_id
        ), e AS (
            SELECT m.story_id, count(*) AS events FROM events ev JOIN m ON m.article_id = ev.article_id GROUP BY 1
        )
        SELECT s.story_id AS id, s.title, s.first_seen, s.last_seen, s.first_ingested, s.sources,
               len(s.sources) AS n_sources, s.articles, s.reports, s.duplicates, s.rewrites,
               coalesce(e.events, 0) AS events
        FROM s LEFT JOIN e ON e.story_id = s.story_id
        {where}"""


def stories(store: Store, since: date | None = None, until: date | None = None, actor: str | None = None,
            story: str | None = None, limit: int | None = None) -> list[dict]:
    """Stories with title (their first report's), first-seen day, sources and counts."""
    _require(store)
    where, params = [], []
    if story:
        where.append("starts_with(s.story_id, ?)")
        params.append(story)
    dates, values = date_range("s.last_seen", since, until, until_column="s.first_seen")
    where, params = where + dates, params + values
    if actor:
        where.append("EXISTS (SELECT 1 FROM article_dedup d2 JOIN mentions x ON x.article_id = d2.article_id "
                     "WHERE d2.story_id = s.story_id AND " + _actor_match("x") + ")")
        params += [actor] * 3
    rows = store._dicts(_story_sql(_where(where)) + f" ORDER BY s.first_seen, s.first_ingested, s.story_id {_limit(limit)}",
                        params)
    if rows:
        one = rows[0]["id"] if len(rows) == 1 else None
        counted = {r["story_id"]: r["n"] for r in event_counts(store, by="story", group_by_story=True, story=one)}
        for r in rows:
            r["first_seen"], r["last_seen"] = _iso(r["first_seen"]), _iso(r["last_seen"])
            r["first_ingested"] = r["first_ingested"].isoformat(timespec="seconds") if r["first_ingested"] else None
            r["events_distinct"] = counted.get(r["id"], 0)
    return rows


def story(store: Store, story_id: str) -> dict:
    """One story: its row, ``members`` (its articles with their copy relations),
    ``counted_events`` (once a story a day) and ``terms`` (the heaviest, tf x idf)."""
    ids = [r[0] for r in store.con.execute(
        "SELECT DISTINCT story_id FROM article_dedup WHERE starts_with(story_id, ?) ORDER BY 1 LIMIT 2", [story_id]).fetchall()]
    if not ids:
        raise NotFoundError(f"No story with id {story_id!r}. List ids with `worldwire stories`.")
    if len(ids) > 1:
        raise NotFoundError(f"Story id prefix {story_id!r} is ambiguous; give more characters.")
    sid = ids[0]
    row = stories(store, story=sid)[0]
    arts = store._dicts(
        f"""SELECT a.id, a.published, a.source, a.title, d.report_id, d.duplicate_of, d.rewrite_of, d.story_score,
                   (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events
            FROM article_dedup d JOIN articles a ON a.id = d.article_id WHERE d.story_id = ?
            ORDER BY {_DAY}, a.ingested_at, a.id""", [sid])
    for a in arts:
        a["published"] = _iso(a["published"])
        a["relation"] = "duplicate" if a["duplicate_of"] else "rewrite" if a["rewrite_of"] else "report"
    row["members"] = arts
    row["counted_events"] = event_counts(store, by="story", story=sid)
    row["terms"] = [{"term": t, "weight": round(w, 2)} for t, w in store.con.execute(
        """SELECT t.term, sum(t.weight * ln((n.total + 1) / (coalesce(df.n, 1) + 0.5))) AS w
           FROM story_terms t JOIN article_dedup d ON d.article_id = t.article_id AND d.report_id = d.article_id
           LEFT JOIN story_term_df df ON df.term = t.term, (SELECT count(*) AS total FROM article_dedup) n
           WHERE d.story_id = ? GROUP BY t.term ORDER BY w DESC, t.term LIMIT 12""", [sid]).fetchall()]
    return row


COUNT_BY = ("mention", "report", "story")


def event_counts(store: Store, by: str = "story", type: str | None = None, actor: str | None = None,
                 since: date | None = None, until: date | None = None, story: str | None = None,
                 group_by_story: bool = False, limit: int | None = None) -> list[dict]:
    """Events counted by mention, by report or by story.

    - ``mention``: every coded event, copies included (what GDELT counts);
    - ``report``: once per (report, type, source, target): the copies of a
      report and its repeated mentions of one event count once;
    - ``story``: once per (story, type, source, target, day) — the
      one-a-day filter of ICEWS/Phoenix applied within a story: the same
      action reported by five outlets on one day is one event. The day is
      the publication day of the event's report (a copy published a day
      later reports the same day's events).

    ``since``/``until`` filter on that day.

    Source and target are the event's actors by country (ISO3) or actor id,
    sorted and joined with "+"; an event without a source or target keeps
    "?". Rows: type, source, target, n (with story_id when grouped by story).
    """
    if by not in COUNT_BY:
        raise ValueError(f"by must be one of {', '.join(COUNT_BY)}")
    _require(store)
    where, params = [], []
    if type:
        where.append("k.type = ?")
        params.append(type.upper())
    dates, values = date_range("k.day", since, until)
    where, params = where + dates, params + values
    if story:
        where.append("k.story_id = ?")
        params.append(story)
    if actor:
        where.append("EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = k.event_id AND " + _actor_match("x") + ")")
        params += [actor] * 3
    unit = {"mention": "k.event_id", "report": "k.report_id", "story": "k.day"}[by]
    sql = f"""
        WITH ends AS (
            SELECT event_id, role, string_agg(DISTINCT coalesce(country, actor_id), '+' ORDER BY coalesce(country, actor_id)) AS who
            FROM event_actors GROUP BY event_id, role
        ), k AS (
            SELECT e.id AS event_id, e.type, coalesce(s.who, '?') AS source, coalesce(t.who, '?') AS target,
                   coalesce(d.report_id, e.article_id) AS report_id, coalesce(d.story_id, e.article_id) AS story_id,
                   coalesce(r.published, CAST(r.ingested_at AS DATE)) AS day
            FROM events e LEFT JOIN article_dedup d ON d.article_id = e.article_id
            JOIN articles r ON r.id = coalesce(d.report_id, e.article_id)
            LEFT JOIN ends s ON s.event_id = e.id AND s.role = 'source'
            LEFT JOIN ends t ON t.event_id = e.id AND t.role = 'target'
        ), u AS (
            SELECT DISTINCT k.type, k.source, k.target, k.story_id, {unit} FROM k {_where(where)}
        )
        SELECT {"story_id, " if group_by_story else ""}type, source, target, count(*) AS n
        FROM u GROUP BY ALL ORDER BY n DESC, type, source, target {_limit(limit)}"""
    rows = store._dicts(sql, params)
    if group_by_story:
        totals: dict[str, int] = defaultdict(int)
        for r in rows:
            totals[r["story_id"]] += r["n"]
        return [{"story_id": s, "n": n} for s, n in totals.items()]
    return rows


def story_of_events(store: Store, event_ids: list[str]) -> dict[str, dict]:
    """event id -> {article_id, report_id, story_id}: how events link to their story (via their article)."""
    if not event_ids:
        return {}
    return {r["event_id"]: r for r in store._dicts(
        """SELECT e.id AS event_id, e.article_id, d.report_id, d.story_id
           FROM events e LEFT JOIN article_dedup d ON d.article_id = e.article_id
           WHERE e.id IN (SELECT unnest(?::VARCHAR[]))""", [event_ids])}


def _iso(d) -> str | None:
    if d is None:
        return None
    return d.isoformat() if isinstance(d, (date, datetime)) else str(d)
