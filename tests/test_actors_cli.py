"""`worldwire actors` (listing, resolve, show, evaluate) and the store's reason column."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from worldwire.cli import cli
from worldwire.store import open_store
from worldwire.store.schema import MIGRATIONS

TEXT = ("Xi Jinping and Vladimir Putin met in Moscow on Tuesday. The two leaders signed a joint statement, "
        "and the Kremlin said Moscow would deepen ties with Beijing.")


def _run(*args):
    result = CliRunner().invoke(cli, [*args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    d = tmp_path_factory.mktemp("actors")
    (d / "talks.txt").write_text("Talks in Moscow\n\n" + TEXT + "\n", encoding="utf-8")
    db = d / "a.duckdb"
    _run("ingest", str(d / "talks.txt"), "--db", str(db), "--date", "2023-03-21")
    return db


def test_actors_without_subcommand_lists_actors(store_path):
    rows = json.loads(_run("actors", "--db", str(store_path), "--format", "json"))
    by_id = {r["actor_id"]: r for r in rows}
    assert {"xi-jinping", "vladimir-putin", "RUS", "CHN"} <= set(by_id)
    people = json.loads(_run("actors", "--db", str(store_path), "--kind", "person", "--format", "json"))
    assert {r["kind"] for r in people} == {"person"}
    assert len(json.loads(_run("actors", "--db", str(store_path), "--limit", "1", "--format", "json"))) == 1


def test_places_are_not_counted_as_actor_mentions(store_path):
    with open_store(store_path, read_only=True) as s:
        methods = dict(s.con.execute("SELECT text, method FROM mentions WHERE actor_id = 'RUS'").fetchall())
        reasons = [r for (r,) in s.con.execute("SELECT reason FROM mentions").fetchall()]
    assert methods["Moscow"] in ("place", "kb")
    assert all(reasons)
    rus = [r for r in json.loads(_run("actors", "--db", str(store_path), "--actor", "RUS", "--format", "json"))
           if r["actor_id"] == "RUS"][0]
    # "in Moscow" (x2, heading and body) are places; "the Kremlin" and "Moscow would" are the government
    assert rus["mentions"] == 2


def test_events_carry_reasons(store_path):
    events = json.loads(_run("events", "--db", str(store_path), "--format", "json"))
    actors = [a for e in events for a in e["source"] + e["target"]]
    assert actors and all("reason" in a and a["reason"] for a in actors)


def test_resolve_prints_actor_country_sector_and_reason():
    out = _run("actors", "resolve", "Moscow agreed, and Xi flew to Moscow.", "--date", "2023-03-21", "--format", "json")
    rows = json.loads(out)
    assert [(r["text"], r["country"], r["sector"], r["reason"]) for r in rows] == [
        ("Moscow", "RUS", "GOV", "capital as agent"),
        ("Xi", "CHN", "GOV", "kb alias: head_of_state CHN on 2023-03-21"),
        ("Moscow", "RUS", None, "place: fly to Moscow"),
    ]
    table = _run("actors", "resolve", "The Kremlin said so.")
    assert "metonym" in table and "RUS" in table


def test_show_prints_dated_roles_and_store_counts(store_path):
    out = _run("actors", "show", "vladimir-putin", "--date", "2010-06-01", "--db", str(store_path))
    assert "Vladimir Putin" in out and "head_of_government" in out and "2008-05-08" in out
    assert "on 2010-06-01: head_of_government RUS GOV" in out
    assert "mentions" in out and "events" in out
    info = json.loads(_run("actors", "show", "Kishida", "--format", "json"))
    assert info["actor_id"] == "fumio-kishida" and any(r["role"] == "head_of_government" for r in info["roles"])
    assert "store" not in info
    missing = CliRunner().invoke(cli, ["actors", "show", "nobody-at-all"])
    assert missing.exit_code != 0 and "No actor" in missing.output


def test_evaluate_command(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "1", "date": "2023-03-21", "text": "Moscow agreed.",
                                "mentions": [{"text": "Moscow", "actor": "RUS", "country": "RUS", "sector": "GOV"}]}),
                    encoding="utf-8")
    data = json.loads(_run("actors", "evaluate", str(gold), "--format", "json"))
    assert data["country_accuracy"] == 1.0 and data["country_sector_accuracy"] == 1.0
    assert "country_accuracy" in _run("actors", "evaluate", str(gold))


# -- schema: migration 3 ---------------------------------------------------------------


def test_migration_3_upgrades_a_version_1_store(tmp_path):
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
    v1 = next(m for m in MIGRATIONS if m[0] == 1)
    con.execute(v1[2])
    con.execute("INSERT INTO schema_migrations VALUES (1, 'v1', now())")
    con.close()
    with open_store(path) as store:
        versions = [v for (v,) in store.con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]
        assert versions == sorted(m[0] for m in MIGRATIONS)
        cols = {c for (c,) in store.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'mentions'").fetchall()}
        assert "reason" in cols


def test_a_lower_migration_that_lands_later_is_still_applied(tmp_path, monkeypatch):
    import worldwire.store.db as db

    path = tmp_path / "late.duckdb"
    open_store(path).close()
    late = (max(m[0] for m in MIGRATIONS) - 1, "late", "CREATE TABLE late_table (x INTEGER);")
    present = {m[0] for m in MIGRATIONS}
    if late[0] in present:
        late = (0, "late", "CREATE TABLE late_table (x INTEGER);")
    monkeypatch.setattr(db, "MIGRATIONS", [*MIGRATIONS, late])
    with open_store(path) as store:
        assert store.con.execute("SELECT count(*) FROM late_table").fetchone()[0] == 0
