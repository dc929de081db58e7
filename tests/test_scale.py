"""At scale: WARC input, Parquet shards and manifests, resumable runs, Dask workers, load."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from worldwire.cli import cli
from worldwire.ingest.sources import iter_documents, warc_documents
from worldwire.run import local
from worldwire.run.shards import TABLES, ShardDir, load, open_parquet
from worldwire.settings import Settings
from worldwire.store import open_store

from conftest import CORPUS

DOCS = sorted(str(p) for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))


def write_warc(path: Path, gzip: bool) -> None:
    """A small crawl: warcinfo, request/response pairs for two sample pages, and records that are not articles."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "worldwire tests"}))

        def response(uri, body: bytes, status="200 OK", ctype="text/html; charset=utf-8"):
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                                warc_headers_dict={"WARC-Date": "2023-05-20T08:00:00Z"}))

        for name in ("a_02_xi_putin_statement.html", "b_01_g7_opens_hiroshima.html"):
            response(f"https://news.example/{name}", (CORPUS / name).read_bytes())
        response("https://news.example/gone", b"<html>not found</html>", status="404 Not Found")
        response("https://news.example/logo.png", b"\x89PNG....", ctype="image/png")
        response("https://news.example/empty", b"")


@pytest.mark.parametrize("gzip", [False, True])
def test_warc_yields_html_responses_and_counts_the_rest(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip)
    skipped: dict = {}
    docs = list(iter_documents([str(tmp_path)], skipped=skipped))  # directories pick up WARC files too
    assert [d.url for d in docs] == ["https://news.example/a_02_xi_putin_statement.html",
                                     "https://news.example/b_01_g7_opens_hiroshima.html"]
    assert all(d.format == "html" and d.crawled.isoformat() == "2023-05-20" for d in docs)
    assert skipped == {"WARC warcinfo record": 1, "WARC request record": 5, "HTTP status 404": 1, "not HTML": 1,
                       "empty body": 1}


def test_damaged_warc_is_an_error(tmp_path):
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage")
    out = list(warc_documents(str(bad)))
    assert len(out) == 1 and "WARC" in out[0].reason


@pytest.fixture
def shared_coder(coder, monkeypatch):
    """In-process runs use the session's loaded coder."""
    monkeypatch.setattr(local, "coder_for", lambda settings: coder)
    return coder


def table_rows(store, table: str) -> list:
    cols = [r[0] for r in store.con.execute(f"DESCRIBE {table}").fetchall() if r[0] != "ingested_at"]
    sql = f"SELECT {', '.join(repr(c).replace(chr(39), chr(34)) for c in cols)} FROM {table}"
    return sorted(map(repr, store.con.execute(sql).fetchall()))


def assert_same(a, b, tables=TABLES) -> None:
    for t in tables:
        assert table_rows(a, t) == table_rows(b, t), t


def test_shards_hold_what_plain_ingest_stores(tmp_path, shared_coder, corpus_store):
    stats = local.run([str(CORPUS)], str(tmp_path / "out"), batch=8)
    assert stats.counts == {"coded": 26} and stats.shards == 4
    with open_parquet(tmp_path / "out") as shards:
        assert_same(shards, corpus_store)
    with open_store(tmp_path / "loaded.duckdb") as store:
        added = load(tmp_path / "out", store)
        assert added["articles"] == 26
        assert_same(store, corpus_store)
        n = store.con.execute("SELECT count(DISTINCT story_id) FROM article_dedup").fetchone()[0]
        assert n == corpus_store.con.execute("SELECT count(DISTINCT story_id) FROM article_dedup").fetchone()[0]
        assert load(tmp_path / "out", store) == {t: 0 for t in added}  # idempotent
    # partitioned by publication date, readable by DuckDB without worldwire
    days = {p.name for p in (tmp_path / "out" / "events").iterdir()}
    assert "date=2023-03-20" in days


def test_killed_run_resumes_without_duplicates_or_gaps(tmp_path, shared_coder):
    docs = DOCS[:7] + DOCS[:1]  # a copy of the first document at the same location: counted once
    whole = local.run(docs, str(tmp_path / "whole"), batch=2)
    assert whole.counts["coded"] == 7

    part = tmp_path / "part"
    first = local.run(docs, str(part), batch=2, stop_after=2)
    assert first.stopped_early and first.shards == 2
    # killed after a shard's Parquet files were written but before its manifest was
    manifests = sorted((part / "_manifest").glob("*.json"))
    victim = json.loads(manifests[-1].read_text())
    manifests[-1].unlink()
    (part / "events" / "date=2023-03-20").mkdir(parents=True, exist_ok=True)
    (part / "events" / "date=2023-03-20" / ".x.parquet.123.tmp").write_bytes(b"half a file")
    (part / "notes.parquet").write_bytes(b"the user's own file, left alone")
    with open_parquet(part) as shards:  # uncommitted files are never read
        assert shards.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 4 - len(victim["articles"])

    again = local.run(docs, str(part), batch=2)
    assert again.orphans_removed >= 2 and (part / "notes.parquet").exists()
    assert again.counts["coded"] == 7 - (4 - len(victim["articles"]))
    with open_parquet(part) as a, open_parquet(tmp_path / "whole") as b:
        assert_same(a, b)
        for table, key in (("articles", "id"), ("events", "id"), ("quotes", "id")):
            n, distinct = a.con.execute(f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()
            assert n == distinct
    ids = [aid for m in ShardDir(part).manifests() for aid in m["articles"]]
    assert len(ids) == len(set(ids)) == 7

    rerun = local.run(docs, str(part), batch=2)  # incremental: nothing left to code
    assert rerun.shards == 0 and set(rerun.counts) == {"unchanged"}


def test_new_location_of_coded_content_is_recorded_not_recoded(tmp_path, shared_coder):
    out = tmp_path / "out"
    local.run(DOCS[:1], str(out))
    copy = tmp_path / "copy" / Path(DOCS[0]).name
    copy.parent.mkdir()
    shutil.copy(DOCS[0], copy)
    stats = local.run([str(copy)], str(out))
    assert stats.counts == {"location": 1}
    with open_parquet(out) as shards:
        assert shards.con.execute("SELECT count(*) FROM article_locations").fetchone()[0] == 2
        assert shards.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_dask_local_cluster_yields_the_same_records(tmp_path, shared_coder):
    pytest.importorskip("distributed")
    from worldwire.run.dask import run_on_dask

    docs = DOCS[:3]
    plain = local.run(docs, str(tmp_path / "plain"), batch=2)
    stats = run_on_dask(docs, str(tmp_path / "dask"), workers=2, settings=Settings.from_env(), batch=1)
    assert stats.counts == plain.counts == {"coded": 3}
    assert len(stats.peak_rss) >= 1  # worker processes, each with its peak memory
    with open_parquet(tmp_path / "dask") as a, open_parquet(tmp_path / "plain") as b:
        assert_same(a, b)


def test_cli_code_load_and_events_over_parquet(tmp_path, shared_coder):
    write_warc(tmp_path / "crawl.warc.gz", gzip=True)
    out, db = str(tmp_path / "shards"), str(tmp_path / "w.duckdb")
    runner = CliRunner()
    r = runner.invoke(cli, ["code", DOCS[0], str(tmp_path / "crawl.warc.gz"), "--out", out])
    assert r.exit_code == 0, r.output
    assert "3 coded" in r.output and "skipped 9 records that are not articles" in r.output
    r = runner.invoke(cli, ["load", out, "--db", db])
    assert r.exit_code == 0 and "3 articles" in r.output, r.output
    r = runner.invoke(cli, ["load", out, "--db", db])
    assert "nothing new" in r.output
    from_db = runner.invoke(cli, ["events", "--db", db, "--format", "json"])
    from_parquet = runner.invoke(cli, ["events", "--parquet", out, "--format", "json"])
    assert from_parquet.exit_code == 0, from_parquet.output
    assert json.loads(from_parquet.output) == json.loads(from_db.output) != []
    r = runner.invoke(cli, ["code", DOCS[0], "--out", out, "--workers", "2", "--scheduler", "tcp://x:1"])
    assert r.exit_code != 0 and "not both" in r.output


# -- stories in the shards, and --parquet on the reading commands ------------------------------------
STORY_TABLES_COMPARED = ("dedup_fingerprints", "dedup_bands", "article_dedup", "story_terms", "story_term_df")


def story_rows(store, table: str) -> list:
    cols = [r[0] for r in store.con.execute(f"DESCRIBE {table}").fetchall() if r[0] != "matched_at"]
    sql = f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM {table}"
    return sorted(map(repr, store.con.execute(sql).fetchall()))


@pytest.fixture(scope="module")
def corpus_shards(tmp_path_factory, coder):
    """The sample corpus coded into shards (stories matched at the end) and loaded into a store."""
    root = tmp_path_factory.mktemp("corpus_shards")
    original = local.coder_for
    local.coder_for = lambda settings: coder
    try:
        stats = local.run([str(CORPUS)], str(root / "out"), batch=8)
    finally:
        local.coder_for = original
    with open_store(root / "loaded.duckdb") as store:
        load(root / "out", store)
    return root / "out", root / "loaded.duckdb", stats


def test_runs_match_stories_into_the_shards(corpus_shards):
    out, db, stats = corpus_shards
    assert stats.stories == 26
    files = ShardDir(out).story_files()
    assert sorted(files) == sorted(STORY_TABLES_COMPARED) and all(Path(f).exists() for f in files.values())
    with open_parquet(out) as shards, open_store(db, read_only=True) as store:
        for t in STORY_TABLES_COMPARED:  # the same as `load` matches in a store, in the same order
            assert story_rows(shards, t) == story_rows(store, t), t
        assert shards.con.execute("SELECT count(DISTINCT story_id) FROM article_dedup").fetchone()[0] > 1


def test_resumed_run_matches_the_stories_of_every_article_once(tmp_path, shared_coder):
    out = tmp_path / "out"
    first = local.run(DOCS[:6], str(out), batch=2, stop_after=1)  # killed: no stories yet
    assert first.stopped_early and first.stories == 0 and ShardDir(out).story_files() == {}
    again = local.run(DOCS[:6], str(out), batch=2)
    assert again.stories == 6
    more = local.run(DOCS[:8], str(out), batch=2)  # incremental: only the new articles are matched
    assert more.counts["coded"] == 2 and more.stories == 2
    assert len([p for p in (out / "_stories").iterdir() if p.is_dir()]) == 1  # older snapshots removed
    with open_parquet(out) as shards:
        n, distinct = shards.con.execute("SELECT count(*), count(DISTINCT article_id) FROM article_dedup").fetchone()
        assert n == distinct == 8
    assert local.run(DOCS[:8], str(out), batch=2).stories == 0


@pytest.mark.parametrize("args", [
    ["dyads", "CHN", "RUS", "--by", "all"],
    ["dyads", "ARM", "AZE", "--format", "json"],
    ["network", "--format", "json"],
    ["quotes", "--format", "json"],
    ["quotes", "--actor", "RUS", "--kind", "direct"],
    ["articles", "--format", "json"],
    ["stories", "--format", "json"],
    ["counts", "--by", "story", "--format", "json"],
    ["events", "--actor", "CHN", "--format", "json"],
    ["actors", "--kind", "person", "--format", "json"],
])
def test_parquet_option_reads_like_the_loaded_store(corpus_shards, args):
    out, db, _ = corpus_shards
    runner = CliRunner()
    from_db = runner.invoke(cli, [*args, "--db", str(db)])
    from_parquet = runner.invoke(cli, [*args, "--parquet", str(out)])
    assert from_db.exit_code == 0, from_db.output
    assert from_parquet.exit_code == 0, from_parquet.output
    assert from_parquet.output == from_db.output and from_db.output.strip() not in ("", "[]")


def test_export_and_places_read_the_shards_like_the_loaded_store(corpus_shards, tmp_path):
    out, db, _ = corpus_shards
    runner = CliRunner()
    for source, name in ((["--db", str(db)], "db.csv"), (["--parquet", str(out)], "shards.csv")):
        r = runner.invoke(cli, ["export", "events", "--style", "gdelt", "--to", str(tmp_path / name), *source])
        assert r.exit_code == 0, r.output
    assert (tmp_path / "db.csv").read_bytes() == (tmp_path / "shards.csv").read_bytes()
    assert len((tmp_path / "db.csv").read_text().splitlines()) > 100
    article = json.loads(runner.invoke(cli, ["articles", "--db", str(db), "--format", "json", "--limit", "1"]).output)[0]
    places = [runner.invoke(cli, ["places", article["id"], "--format", "json", *source]).output
              for source in (["--db", str(db)], ["--parquet", str(out)])]
    assert places[0] == places[1] and json.loads(places[0])
