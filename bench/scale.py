"""At-scale benchmarks: throughput on 1 and 2 processes, peak memory per worker,
and a dyad-series query over synthetic events in DuckDB and over Parquet.

Usage:
  .venv/bin/python bench/scale.py throughput [--copies 2] [--processes 1 2] [PATH ...]
  .venv/bin/python bench/scale.py dyads [--events 1000000]

throughput: reads and cleans the documents once (default examples/corpus,
repeated --copies times), then for each process count times (a) a bare spaCy
nlp.pipe and (b) worldwire's coding (parse + actors + events + quotes + the
shard rows, no writing) over the same texts, in one process pool whose workers
load the model, the KB and every stage's data once, before timing
(``run.local.coder_for``); bare and full alternate for
--rounds rounds and the best of each counts (other load on the machine only
ever slows a round down). Prints articles/s, words/s, the
ratio full/bare throughput (also by the workers' CPU seconds, which other
load on the machine disturbs less than wall time), each worker's peak
resident memory and the load average.

dyads: builds N synthetic events (store schema; a source and a target actor
each, 40 countries, 3 years) in a DuckDB file and as Parquet, then times the
weekly counts by quad class of one directed pair (CHN → RUS), median of 7.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

_STATE: dict = {}


def _init() -> None:
    from worldwire.run.local import coder_for
    from worldwire.settings import Settings

    _STATE["coder"] = coder_for(Settings.from_env())


def _work(task) -> tuple[int, float]:
    """Articles done and the CPU seconds this worker spent on them."""
    mode, articles = task
    coder = _STATE["coder"]
    cpu = time.process_time()
    if mode == "bare":
        for _ in coder.nlp.pipe([a.text for a in articles], batch_size=coder.settings.batch_size):
            pass
    else:
        from worldwire.store.rows import article_rows as rows

        for c in coder.code(articles):
            rows(c, coder.kb)
    return len(articles), time.process_time() - cpu


def _peak(_=None):
    import os

    from worldwire.run.local import peak_rss_bytes

    time.sleep(0.2)  # one call per worker
    return os.getpid(), peak_rss_bytes()


def _timed(n_proc: int, chunks: list, rounds: int) -> tuple[dict, dict, dict]:
    """Best of ``rounds`` for bare and full, alternated in one pool (robust to other load on the machine):
    wall seconds and the workers' CPU seconds, each the least over the rounds."""
    best = {"bare": float("inf"), "full": float("inf")}
    cpu = {"bare": float("inf"), "full": float("inf")}
    with ProcessPoolExecutor(n_proc, initializer=_init) as pool:
        list(pool.map(_work, [("full", chunks[0][:1])] * n_proc))  # warm (the initializer loads everything too)
        for _ in range(rounds):
            for mode in ("bare", "full"):
                t0 = time.perf_counter()
                out = list(pool.map(_work, [(mode, c) for c in chunks]))
                best[mode] = min(best[mode], time.perf_counter() - t0)
                cpu[mode] = min(cpu[mode], sum(c for _, c in out))
                assert sum(n for n, _ in out) == sum(len(c) for c in chunks)
        peaks = dict(pool.map(_peak, range(n_proc * 2)))
    return best, cpu, peaks


def throughput(args) -> None:
    from worldwire.errors import InputError
    from worldwire.ingest.clean import clean
    from worldwire.ingest.sources import iter_documents

    base = [clean(d) for d in iter_documents(args.paths) if not isinstance(d, InputError)]
    articles = base * args.copies
    words = sum(len(a.text.split()) for a in articles)
    chunks = [articles[i:i + args.chunk] for i in range(0, len(articles), args.chunk)]
    n = len(articles)
    print(f"{n} articles ({len(base)} x {args.copies}), {words:,} words, tasks of {args.chunk} articles")
    print(f"load average before: {_load()}")
    for p in args.processes:
        wall, cpu, peaks = _timed(p, chunks, args.rounds)
        bare, full = wall["bare"], wall["full"]
        print(f"{p} process(es), best of {args.rounds} alternating rounds")
        print(f"  bare spaCy nlp.pipe : {n / bare:7.1f} articles/s  {words / bare:9,.0f} words/s"
              f"  (CPU {1000 * cpu['bare'] / n:.0f} ms/article)")
        print(f"  worldwire coding    : {n / full:7.1f} articles/s  {words / full:9,.0f} words/s"
              f"  (CPU {1000 * cpu['full'] / n:.0f} ms/article)")
        print(f"  full / bare throughput: {bare / full:.2f}  (by the workers' CPU time: {cpu['bare'] / cpu['full']:.2f})")
        print("  peak memory per worker (MiB): " + ", ".join(f"{v / 2**20:,.0f}" for v in peaks.values()))
        print(f"  load average after: {_load()}")


def _load() -> str:
    import os

    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


DYAD_SQL = """
SELECT date_trunc('week', e.event_date) AS week, e.quad_class, count(*) AS n
FROM events e
JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' AND s.country = 'CHN'
JOIN event_actors t ON t.event_id = e.id AND t.role = 'target' AND t.country = 'RUS'
GROUP BY ALL ORDER BY week, e.quad_class
"""


def dyads(args) -> None:
    import duckdb

    from worldwire.store import open_store

    tmp = Path(tempfile.mkdtemp(prefix="ww_dyads_"))
    n = args.events
    t0 = time.perf_counter()
    store = open_store(tmp / "synthetic.duckdb")
    con = store.con
    countries = "['CHN','RUS','USA','UKR','JPN','IND','FRA','DEU','GBR','TUR','IRN','ISR','SAU','ARE','EGY','BRA'," \
                "'ZAF','NGA','KOR','PRK','PAK','AFG','POL','HUN','ITA','ESP','CAN','MEX','AUS','IDN','VNM','PHL'," \
                "'THA','MMR','ARM','AZE','GEO','BLR','KAZ','SRB']"
    con.execute(f"""
        CREATE TEMP TABLE syn AS
        SELECT i, printf('%016x', hash(i)) AS id, printf('%016x', hash(i // 10)) AS article_id,
               DATE '2021-01-01' + CAST(i % 1095 AS INTEGER) AS d,
               {countries}[1 + CAST(hash(i * 7) % 40 AS INTEGER)] AS src,
               {countries}[1 + CAST(hash(i * 13) % 40 AS INTEGER)] AS tgt,
               1 + CAST(hash(i * 17) % 4 AS INTEGER) AS quad
        FROM range({n}) r(i)""")
    con.execute("""
        INSERT INTO events (id, article_id, sentence_index, sentence, trigger_text, trigger_start, trigger_end, type,
                            modality, cameo_root, cameo_code, goldstein, quad_class, confidence, method, event_date)
        SELECT id, article_id, 0, 'synthetic', 'met', 0, 3, 'CONSULT', 'asserted', '04', '040', 1.0, quad, 0.9,
               'synthetic', d FROM syn""")
    con.execute("""
        INSERT INTO event_actors (event_id, role, position, actor_id, name, kind, country, sector, text, start_char,
                                  end_char)
        SELECT id, 'source', 0, src, src, 'state', src, NULL, src, 0, 3 FROM syn
        UNION ALL
        SELECT id, 'target', 0, tgt, tgt, 'state', tgt, NULL, tgt, 0, 3 FROM syn""")
    con.execute("CHECKPOINT")
    pq_dir = tmp / "parquet"
    pq_dir.mkdir()
    for t in ("events", "event_actors"):
        con.execute(f"COPY {t} TO '{pq_dir / t}.parquet' (FORMAT parquet, COMPRESSION zstd)")
    build = time.perf_counter() - t0
    pairs = con.execute("SELECT count(*) FROM syn WHERE src = 'CHN' AND tgt = 'RUS'").fetchone()[0]
    print(f"{n:,} synthetic events, {2 * n:,} event actors, built in {build:.1f} s; CHN → RUS events: {pairs:,}")

    def bench(label, c):
        c.execute(DYAD_SQL).fetchall()  # warm
        times = []
        for _ in range(7):
            t = time.perf_counter()
            out = c.execute(DYAD_SQL).fetchall()
            times.append((time.perf_counter() - t) * 1000)
        print(f"  {label:<28}: median {statistics.median(times):7.1f} ms  (min {min(times):.1f}; {len(out)} rows: "
              f"week x quad class)")
        return out

    a = bench("DuckDB store (file)", con)
    p = duckdb.connect()
    for t in ("events", "event_actors"):
        p.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{pq_dir / t}.parquet')")
    b = bench("Parquet (DuckDB views)", p)
    assert a == b
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="what", required=True)
    t = sub.add_parser("throughput")
    t.add_argument("paths", nargs="*", default=["examples/corpus"])
    t.add_argument("--copies", type=int, default=2)
    t.add_argument("--chunk", type=int, default=4)
    t.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    t.add_argument("--rounds", type=int, default=3)
    d = sub.add_parser("dyads")
    d.add_argument("--events", type=int, default=1_000_000)
    args = ap.parse_args()
    throughput(args) if args.what == "throughput" else dyads(args)


if __name__ == "__main__":
    main()
