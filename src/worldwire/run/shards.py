"""Parquet shards, partitioned by publication date, with one manifest a shard.

Layout of an output directory::

    DIR/<table>/date=YYYY-MM-DD/<shard>.parquet    (date=unknown when undated)
    DIR/_manifest/<shard>.json                     what the shard holds

A shard is the output of one coded batch. Its Parquet files are written first
(each to a temporary name, then renamed), its manifest last, the same way: the
manifest is the commit. Files that no manifest names (a run killed between the
two) are never read and are removed by the next run, so a killed run resumes
without duplicates or gaps. Columns are those of the DuckDB store's tables
(``store/schema.py``), so DuckDB reads the shards directly and ``load`` copies
them into a store with plain ``INSERT ... SELECT``.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ..records import content_id
from ..store.db import Store
from ..store.rows import TABLES
from ..store.schema import MIGRATIONS

MANIFESTS = "_manifest"
STORIES = "_stories"
#: the store's tables of duplicates, rewrites and stories (``ingest.dedup.record`` fills them)
STORY_TABLES = ("dedup_fingerprints", "dedup_bands", "article_dedup", "story_terms", "story_term_df")

_ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
          "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"), "BOOLEAN": pa.bool_(), "FLOAT": pa.float32()}


@lru_cache(maxsize=1)
def schemas() -> dict[str, pa.Schema]:
    """Arrow schemas of the shard tables, read from the store's own migrations."""
    con = duckdb.connect()
    try:
        for _, _, sql in sorted(MIGRATIONS, key=lambda m: m[0]):
            con.execute(sql)
        out = {}
        for t in TABLES:
            cols = con.execute(f"DESCRIBE {t}").fetchall()
            out[t] = pa.schema([(name, _ARROW.get(typ, pa.string())) for name, typ, *_ in cols])
        return out
    finally:
        con.close()


def merge(parts: list[dict[str, list[dict]]]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {t: [] for t in TABLES}
    for p in parts:
        for t in TABLES:
            out[t].extend(p.get(t, []))
    return out


def _atomic_write(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write(tmp)
    os.replace(tmp, path)


class ShardDir:
    """An output directory of shards and manifests."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / MANIFESTS).mkdir(exist_ok=True)

    # -- manifests --------------------------------------------------------
    def manifests(self) -> list[dict]:
        out = []
        for p in sorted((self.root / MANIFESTS).glob("*.json")):
            try:
                out.append(json.loads(p.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                continue  # a manifest is renamed into place whole; anything else is not ours
        return sorted(out, key=lambda m: (m.get("written_at", ""), m["shard"]))

    def article_ids(self) -> set[str]:
        return {aid for m in self.manifests() for aid in m["articles"]}

    def locations(self) -> set[tuple[str, str]]:
        return {(aid, loc) for m in self.manifests() for aid, loc, _ in m.get("locations", [])}

    def files(self, table: str) -> list[str]:
        """The committed files of one table: those some manifest names."""
        return [str(self.root / f) for m in self.manifests() for f in m["files"].get(table, [])]

    def clean_orphans(self) -> int:
        """Remove Parquet and temporary files no manifest names (left by a killed run)."""
        named = {str(self.root / f) for m in self.manifests() for fs in m["files"].values() for f in fs}
        n = 0
        # only where shards go: other files in DIR are not ours to remove
        candidates = [p for t in TABLES for p in (self.root / t).glob("date=*/*")]
        candidates += list((self.root / MANIFESTS).glob(".*.tmp"))
        for p in candidates:
            if p.is_file() and (p.name.endswith(".tmp") or (p.suffix == ".parquet" and str(p) not in named)):
                p.unlink()
                n += 1
        return n

    # -- writing ----------------------------------------------------------
    def write_shard(self, table_rows: dict[str, list[dict]], inputs: list[str] | None = None,
                    locations: list[tuple] | None = None) -> dict:
        """Write one shard (its Parquet files by publication date, then its manifest); returns the manifest."""
        arts = table_rows.get("articles", [])
        ids = sorted(a["id"] for a in arts)
        locs = sorted(set(locations or []) | {(r["article_id"], r["location"], r["url"])
                                              for r in table_rows.get("article_locations", [])})
        shard = content_id("shard", *ids, *(f"{aid}@{loc}" for aid, loc, _ in locs))
        day_of = {a["id"]: (a["published"].isoformat() if a["published"] else "unknown") for a in arts}
        event_day = {e["id"]: day_of.get(e["article_id"], "unknown") for e in table_rows.get("events", [])}
        schemas_ = schemas()
        files: dict[str, list[str]] = {}
        counts: dict[str, int] = {}
        loc_rows = [{"article_id": aid, "location": loc, "url": url} for aid, loc, url in locs]
        for table in TABLES:
            rows_ = loc_rows if table == "article_locations" else table_rows.get(table, [])
            if not rows_:
                continue
            counts[table] = len(rows_)
            groups: dict[str, list[dict]] = {}
            for r in rows_:
                if table == "articles":
                    d = day_of[r["id"]]
                elif table == "event_actors":
                    d = event_day.get(r["event_id"], "unknown")
                elif table == "actors":
                    d = "all"
                else:
                    d = day_of.get(r["article_id"], "unknown")
                groups.setdefault(d, []).append(r)
            for d, group in sorted(groups.items()):
                rel = Path(table) / f"date={d}" / f"{shard}.parquet"
                tbl = pa.Table.from_pylist(_coerce(group, schemas_[table]), schema=schemas_[table])
                _atomic_write(self.root / rel, lambda tmp, tbl=tbl: pq.write_table(tbl, tmp, compression="zstd"))
                files.setdefault(table, []).append(str(rel))
        manifest = {"shard": shard, "written_at": datetime.now(timezone.utc).isoformat(), "articles": ids,
                    "locations": [list(x) for x in locs], "inputs": sorted(set(inputs or [])), "rows": counts,
                    "files": files,
                    "dates": sorted({day_of[i] for i in ids})}
        _atomic_write(self.root / MANIFESTS / f"{shard}.json",
                      lambda tmp: tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8"))
        return manifest

    # -- stories ----------------------------------------------------------
    def story_files(self) -> dict[str, str]:
        """The committed snapshot of the story tables: {table: file}, empty when there is none.

        ``DIR/_stories/<snapshot>/<table>.parquet``, committed by ``DIR/_stories/current.json``
        (renamed into place last): each run that codes new articles writes a new snapshot."""
        try:
            current = json.loads((self.root / STORIES / "current.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {t: str(self.root / f) for t, f in current.get("files", {}).items()}

    def match_stories(self) -> int:
        """Match the duplicates, rewrites and stories of the committed articles no
        snapshot holds yet, against those it holds, in shard order (as ``load``
        matches them in a store), and commit a new snapshot. Returns how many
        articles were matched."""
        store = Store(":memory:")
        try:
            con = store.con
            self.attach(con, stories=False)  # the story tables stay tables, filled below
            articles = self.files("articles")
            if not articles:
                return 0
            # matching reads articles' dates many times: a table without the texts, not the Parquet views
            con.execute("DROP VIEW articles")
            con.execute(f"CREATE TABLE articles AS SELECT * REPLACE (NULL::VARCHAR AS text) FROM "
                        f"({_select('articles', articles)}) QUALIFY row_number() OVER (PARTITION BY id "
                        "ORDER BY ingested_at) = 1")
            for table, f in self.story_files().items():
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet({_sql_list([f])})")
            done = {r[0] for r in con.execute("SELECT article_id FROM article_dedup").fetchall()}
            order = [aid for m in self.manifests() for aid in m["articles"] if aid not in done]
            if not order:
                return 0
            _match_in_order(store, f"({_select('articles', articles)})", list(dict.fromkeys(order)))
            self._write_stories(con)
            return len(set(order))
        finally:
            store.close()

    def _write_stories(self, con: duckdb.DuckDBPyConnection) -> None:
        ids = [r[0] for r in con.execute("SELECT article_id FROM article_dedup ORDER BY 1").fetchall()]
        snap = content_id("stories", *ids)
        files = {}
        for table in STORY_TABLES:
            rel = Path(STORIES) / snap / f"{table}.parquet"
            _atomic_write(self.root / rel, lambda tmp, t=table: con.execute(
                f"COPY (SELECT * FROM {t}) TO {_sql_list([str(tmp)])[1:-1]} (FORMAT parquet, COMPRESSION zstd)"))
            files[table] = str(rel)
        _atomic_write(self.root / STORIES / "current.json", lambda tmp: tmp.write_text(
            json.dumps({"snapshot": snap, "articles": len(ids), "files": files,
                        "written_at": datetime.now(timezone.utc).isoformat()}, indent=1), encoding="utf-8"))
        for old in (self.root / STORIES).iterdir():  # earlier snapshots and leftovers of a killed run
            if old.is_dir() and old.name != snap:
                for f in old.iterdir():
                    f.unlink()
                old.rmdir()

    # -- reading ----------------------------------------------------------
    def attach(self, con: duckdb.DuckDBPyConnection, stories: bool = True) -> None:
        """Views named like the store's tables over the committed shards (empty tables where none),
        and over the committed story snapshot (the story tables stay as they are where there is none)."""
        for table in TABLES:
            files = self.files(table)
            con.execute(f"DROP TABLE IF EXISTS {table}")
            con.execute(f"DROP VIEW IF EXISTS {table}")
            if files:
                con.execute(f"CREATE VIEW {table} AS {_select(table, files)}")
            else:
                con.execute(f"CREATE TABLE {table} AS SELECT * FROM ({_empty_select(table)})")
        for table, f in (self.story_files() if stories else {}).items():
            if table in STORY_TABLES:
                con.execute(f"DROP TABLE IF EXISTS {table}")
                con.execute(f"DROP VIEW IF EXISTS {table}")
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet({_sql_list([f])})")


def _select(table: str, files: list[str]) -> str:
    """The committed rows of a table; actors, repeated across shards, once each (first shard wins, as in a store)."""
    cols = ", ".join(f'"{c}"' for c in schemas()[table].names)
    listed = _sql_list(files)
    if table == "actors":
        return (f"SELECT DISTINCT ON (actor_id) {cols} FROM read_parquet({listed}, union_by_name = true, "
                f"filename = true) ORDER BY actor_id, list_position({listed}, filename)")
    return f"SELECT {cols} FROM read_parquet({listed}, union_by_name = true)"


def _coerce(rows_: list[dict], schema: pa.Schema) -> list[dict]:
    """ISO date strings (event dates) into dates for DATE columns."""
    dates = [f.name for f in schema if f.type == pa.date32()]
    for r in rows_:
        for c in dates:
            if isinstance(r.get(c), str):
                r[c] = date.fromisoformat(r[c][:10])
    return rows_


def _sql_list(items: list[str]) -> str:
    return "[" + ", ".join("'" + s.replace("'", "''") + "'" for s in items) + "]"


def _empty_select(table: str) -> str:
    duck = {v: k for k, v in _ARROW.items()}
    cols = ", ".join(f'CAST(NULL AS {duck.get(f.type, "VARCHAR")}) AS "{f.name}"' for f in schemas()[table])
    return f"SELECT {cols} WHERE false"


def _match_in_order(store: Store, articles: str, ids: list[str]) -> None:
    """Duplicates, rewrites and stories of ``ids``, one article after the other in that order,
    their texts read from the relation ``articles``."""
    from ..ingest.dedup import record as record_copies
    from ..records import Article, Section

    pos = {aid: i for i, aid in enumerate(ids)}
    rows = store.con.execute(
        f"SELECT DISTINCT ON (id) id, text, url, location, title, published, source, author, sections, tone "
        f"FROM {articles} WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
    rows.sort(key=lambda r: pos[r[0]])
    for r in rows:
        secs = [Section(**s) for s in json.loads(r[8])]
        record_copies(store, [Article(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], sections=secs, tone=r[9])])


def _require_shards(root: str | Path) -> None:
    root = Path(root)
    if not (root / MANIFESTS).is_dir():
        from ..errors import WorldwireError

        raise WorldwireError(f"No shards at {root}. Write some with `worldwire code INPUT --out {root}`.")


def open_parquet(root: str | Path) -> Store:
    """A read-only Store over Parquet shards: every Store query works on them."""
    _require_shards(root)
    store = Store(":memory:")  # the schema's other tables (dedup, stories) stay empty
    ShardDir(root).attach(store.con)
    store.path = str(root)
    return store


def load(root: str | Path, store: Store, stories: bool = True) -> dict[str, int]:
    """Copy committed shards into a store; articles it holds already are skipped
    (ids are content hashes), so loading twice changes nothing. Returns rows added per table."""
    _require_shards(root)
    shards = ShardDir(root)
    con = store.con
    added: dict[str, int] = {}
    con.execute("BEGIN TRANSACTION")
    try:
        for table in TABLES:
            files = shards.files(table)
            if not files:
                continue
            cols = ", ".join(f'"{c}"' for c in schemas()[table].names)
            rel = f"({_select(table, files)})"
            if table == "articles":
                con.execute("CREATE TEMP TABLE _new_ids AS SELECT DISTINCT id FROM " + rel +
                            " WHERE id NOT IN (SELECT id FROM articles)")
                sql = (f"INSERT INTO articles ({cols}) SELECT {cols} FROM {rel} WHERE id IN (SELECT id FROM _new_ids)"
                       " QUALIFY row_number() OVER (PARTITION BY id ORDER BY ingested_at) = 1")
            elif table == "article_locations":
                sql = (f"INSERT INTO article_locations ({cols}) SELECT DISTINCT ON (article_id, location) {cols} "
                       f"FROM {rel} s WHERE NOT EXISTS (SELECT 1 FROM article_locations l WHERE l.article_id = "
                       "s.article_id AND l.location = s.location)")
            elif table == "event_actors":
                sql = (f"INSERT INTO event_actors ({cols}) SELECT {cols} FROM {rel} WHERE event_id IN "
                       f"(SELECT id FROM read_parquet({_sql_list(shards.files('events'))}) WHERE article_id IN "
                       "(SELECT id FROM _new_ids))")
            elif table == "actors":
                sql = f"INSERT INTO actors ({cols}) SELECT {cols} FROM {rel} WHERE actor_id NOT IN (SELECT actor_id FROM actors)"
            else:
                sql = f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {rel} WHERE article_id IN (SELECT id FROM _new_ids)"
            before = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            con.execute(sql)
            added[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] - before
        if stories and added.get("articles"):
            # duplicates, rewrites and stories, matched in shard order as ingest matches them in input order
            new = {r[0] for r in con.execute("SELECT id FROM _new_ids").fetchall()}
            order = [aid for m in shards.manifests() for aid in m["articles"] if aid in new]
            _match_in_order(store, "articles", list(dict.fromkeys(order)))
        con.execute("DROP TABLE IF EXISTS _new_ids")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return added
