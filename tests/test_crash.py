"""Crash safety (issue 10, item 3): ingestion killed with SIGKILL at random
points leaves a store that opens, holds no partial article (an article's rows
are all there or none are) and completes the batch when run again.

The child is a fork of the test process (its models already loaded), killed
at a random delay within about one run's length, so over the runs the kills
fall in store creation, cleaning, coding and the per-article write
transactions. The seed (WORLDWIRE_CRASH_SEED) is in every failure message;
WORLDWIRE_CRASH_STORES sets the number of stores (default 10, two kills each: 20 kills).
"""

from __future__ import annotations

import os
import random
import signal
import time
from dataclasses import replace

import pytest

from badinput import text_page
from worldwire.pipeline import Coder, ingest
from worldwire.records import Article
from worldwire.store.db import Store

KILLS = int(os.environ.get("WORLDWIRE_CRASH_STORES", 10))  # two kills a store
N_DOCS = 6


def _ingest_in_child(db: str, src: str, coder) -> tuple[int, int]:
    """Fork (the models are loaded already: a child costs nothing to start) and
    ingest; returns (pid, read end of a pipe the child reports outcomes on)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: ingest, report, never return into pytest
        os.close(r)
        try:
            store = Store(db)
            os.write(w, b"opened\n")
            for outcome in ingest([src], store, coder):
                os.write(w, f"{outcome.status}\n".encode())
            store.close()
            os.write(w, b"done\n")
        except BaseException as e:  # noqa: BLE001 - reported to the parent
            os.write(w, f"error {type(e).__name__}: {e}\n".encode())
        finally:
            os._exit(0)
    os.close(w)
    return pid, r


# rows that belong to an article, by the column naming it
CHILD_TABLES = ["sentences", "mentions", "events", "quotes", "article_locations"]


def _batch(root):
    src = root / "batch"
    src.mkdir()
    for i in range(N_DOCS):
        # distinct subjects, a few paragraphs each
        (src / f"doc{i}.txt").write_text(text_page(100 + i) + "\n" + text_page(200 + i), encoding="utf-8")
    return src


def _run_and_kill(db: str, src: str, coder, delay: float) -> str:
    pid, r = _ingest_in_child(db, src, coder)
    try:
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
    finally:
        os.waitpid(pid, 0)
    with os.fdopen(r) as fh:
        return fh.read()


def _check_whole(db: str, why: str) -> int:
    store = Store(db)  # must open (and replay its WAL)
    try:
        con = store.con
        tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "articles" not in tables:
            return 0  # killed before the schema was committed: an empty store is a whole store
        for table in CHILD_TABLES:
            orphans = con.execute(
                f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)"
            ).fetchone()[0]
            assert orphans == 0, f"{why}: {orphans} {table} rows of an article not stored"
        orphans = con.execute(
            "SELECT count(*) FROM event_actors x WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = x.event_id)"
        ).fetchone()[0]
        assert orphans == 0, f"{why}: {orphans} event_actors rows of an event not stored"
        bare = con.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)"
            " OR NOT EXISTS (SELECT 1 FROM article_locations l WHERE l.article_id = a.id)"
        ).fetchone()[0]
        assert bare == 0, f"{why}: {bare} articles stored without their sentences or location"
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        store.close()


def _counts(db: str) -> dict[str, int]:
    with Store(db) as store:
        return {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ["articles", *CHILD_TABLES, "event_actors"]}


@pytest.fixture(scope="module")
def reference(tmp_path_factory, coder):
    """The batch ingested without interruption: the counts a finished run must reach."""
    root = tmp_path_factory.mktemp("crash")
    src = _batch(root)
    coder.code([Article(id="warm", text=text_page(99), url=None, location="warm-up")])  # lazy loads out of the timing
    db = str(root / "reference.duckdb")
    started = time.monotonic()
    with Store(db) as store:
        outcomes = list(ingest([str(src)], store, coder))
    took = time.monotonic() - started  # only to spread the kills over a run, never asserted
    assert [o.status for o in outcomes] == ["stored"] * N_DOCS
    return src, _counts(db), took


def test_sigkill_at_random_points_leaves_whole_articles_and_rerun_completes(reference, coder, tmp_path):
    src, expected, took = reference
    small = Coder(coder.nlp, coder.kb, replace(coder.settings, batch_size=2))  # writes between codings
    seed = int(os.environ.get("WORLDWIRE_CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    history = []
    for k in range(KILLS):
        # each kill interrupts a run on its own store, the first kill of a store
        # twice over: a random point of a fresh run, then of the run resuming it
        db = str(tmp_path / f"killed{k}.duckdb")
        for attempt in range(2):
            delay = rng.uniform(0.0, 0.6 * took)  # a forked run is quicker than the first, warming one
            out = _run_and_kill(db, str(src), small, delay)
            assert "error" not in out, out
            stored = _check_whole(db, f"seed {seed}, store {k}, kill {attempt} after {delay:.2f}s ({out.split()})")
            history.append((k, round(delay, 2), out.count("stored"), stored))
        # run again to the end, in this process: the batch completes with exact counts
        with Store(db) as store:
            outcomes = list(ingest([str(src)], store, coder))
        assert len(outcomes) == N_DOCS and {o.status for o in outcomes} <= {"stored", "unchanged"}, (seed, history)
        assert _check_whole(db, f"seed {seed}, store {k}, after the rerun") == N_DOCS
        assert _counts(db) == expected, (seed, history)
