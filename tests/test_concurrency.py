"""The web server keeps answering while an ingest writes the same store (issue 10).

DuckDB lets one process write a file and no other process read it meanwhile;
the server reads snapshots the writer publishes (store/snapshot.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

import duckdb
from fastapi.testclient import TestClient

from worldwire.store import snapshot
from worldwire.store.db import Store
from worldwire.web import create_app

from conftest import CORPUS

INGEST = "import sys; from worldwire.cli import main; sys.argv[0] = 'worldwire'; main()"


def _updated_copies(folder, n):
    """n sample articles as later versions of themselves: new text, so new articles to code."""
    sources = sorted(CORPUS.glob("*.txt"))[:n]
    for i, src in enumerate(sources):
        text = src.read_text(encoding="utf-8").rstrip("\n")
        (folder / f"update_{i}.txt").write_text(
            text + f"\n\nThis report was updated at 1{i}:30 with comments from officials in the region.\n",
            encoding="utf-8")
    return len(sources)


def test_server_answers_throughout_an_ingest_and_ends_current(corpus_db, tmp_path):
    path = tmp_path / "live.duckdb"
    shutil.copy(corpus_db, path)
    client = TestClient(create_app(path))
    first = client.get("/index.json")
    assert first.status_code == 200
    start = first.json()["counts"]["articles"]

    docs = tmp_path / "docs"
    docs.mkdir()
    n = _updated_copies(docs, 6)
    writer = subprocess.Popen([sys.executable, "-c", INGEST, "ingest", str(docs), "--db", str(path), "-q"],
                              stderr=subprocess.PIPE, text=True)
    seen, statuses = [], []
    try:
        while writer.poll() is None:
            r = client.get("/index.json")
            statuses.append(r.status_code)
            if r.status_code == 200:
                seen.append(r.json()["counts"]["articles"])
            assert client.get("/events.json?type=CONSULT&size=5").status_code == 200
            time.sleep(0.1)
        err = writer.stderr.read()
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0, err
    assert f"{n} stored" in err  # the writer was never locked out by the server
    assert len(statuses) >= 5 and set(statuses) == {200}
    assert seen == sorted(seen) and seen[0] >= start  # snapshots only move forward
    assert client.get("/index.json").json()["counts"]["articles"] == start + n  # current once the writer is done


def test_a_writer_publishes_snapshots_only_when_a_reader_wants_them(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        assert s._publisher is not None and not s._publisher.due()
        snapshot.folder(path).mkdir()
        assert s._publisher.due()
        s.con.execute("CREATE TABLE t AS SELECT 1 AS x")
        published = s._publisher.publish()
        assert not s._publisher.due()  # not again within the interval
    con = duckdb.connect(str(published), read_only=True)
    assert con.execute("SELECT x FROM t").fetchone() == (1,)
    con.close()


def test_reader_refreshes_from_a_free_store_and_keeps_two_snapshots(tmp_path):
    path = tmp_path / "r.duckdb"
    with Store(path) as s:
        s.con.execute("CREATE TABLE t (x INTEGER)")
    reader = snapshot.Reader(path, min_refresh_interval=0)
    for i in range(4):
        with Store(path) as s:
            s.con.execute("INSERT INTO t VALUES (?)", [i])
        time.sleep(0.01)  # a new modification time
        snap = reader.current()
        con = duckdb.connect(str(snap.path), read_only=True)
        assert con.execute("SELECT count(*) FROM t").fetchone() == (i + 1,)
        con.close()
    assert len(list(snapshot.folder(path).glob("*.duckdb"))) == snapshot.KEEP


def test_a_writer_that_closes_leaves_a_current_snapshot(tmp_path):
    """Commits made after the last timed snapshot are published when the writer closes the store,
    so a reader that asks right after is current even if its own refresh is throttled."""
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        snapshot.folder(path).mkdir()
        s.con.execute("CREATE TABLE t AS SELECT 1 AS x")
        s._publisher.after_commit()  # due: the first snapshot
        s.con.execute("INSERT INTO t VALUES (2)")
        s._publisher.after_commit()  # within the interval: not published yet
        assert s._publisher.unpublished
    newest = snapshot.newest(path)
    con = duckdb.connect(str(newest), read_only=True)
    assert con.execute("SELECT count(*) FROM t").fetchone() == (2,)
    con.close()
    reader = snapshot.Reader(path)
    reader._last_try = time.monotonic()  # a refresh tried a moment ago, as while the writer ran
    assert reader.current().path == newest


def test_a_writer_that_committed_nothing_copies_nothing(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    snapshot.folder(path).mkdir()
    Store(path).close()  # opened, migrated already, nothing written
    assert snapshot.newest(path) is None
