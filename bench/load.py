"""Load test of `worldwire serve` over loopback, with and without an ingest writing the store.

Starts the server on a copy of a store, then runs CLIENTS concurrent
clients (each sends its next request when the previous one is answered)
against a mix of pages and JSON endpoints: first for --seconds with the
store idle, then for as long as a `worldwire ingest` of new articles runs
against the same store. Prints latency percentiles, throughput and status
codes for both phases.

    .venv/bin/python bench/load.py                       # builds a store from examples/corpus first
    .venv/bin/python bench/load.py --db worldwire.duckdb --clients 32 --seconds 20
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
CLI = [sys.executable, "-c", "import sys; from worldwire.cli import main; sys.argv[0] = 'worldwire'; main()"]
FIXED = ["/", "/index.json", "/articles", "/articles.json", "/network.json", "/network", "/stories", "/stories.json"]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "ASSAULT", "AID"]
WORDS = ["talks", "sanctions", "ceasefire", "visit", "border", "gas", "peace", "troops"]


def request_mix(db: Path, seed: int = 7) -> list[str]:
    """A few hundred distinct pages, as analysts would open them: searches by actor, pair, type,
    word and page, articles, actors and dyads of the store; shuffled, each used in turn."""
    import random

    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    actors = [r[0] for r in con.execute(
        "SELECT country FROM event_actors WHERE country IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 12").fetchall()]
    articles = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    con.close()
    paths = list(FIXED)
    for a in actors:
        paths += [f"/actors/{a}", f"/actors/{a}.json", f"/events?actor={a}", f"/events.json?actor={a}&page=2&size=20"]
        paths += [f"/dyads/{a}/{b}" + (".json" if i % 2 else "") for i, b in enumerate(actors) if b != a][:6]
        paths += [f"/events.json?actor={a}&type={t}" for t in TYPES[:5]]
    paths += [f"/events?type={t}&page={p}" for t in TYPES for p in (1, 2)]
    paths += [f"/events.json?q={w}" for w in WORDS] + [f"/events?q={w}&modality=asserted" for w in WORDS]
    paths += [f"/articles/{i}" + (".json" if n % 2 else "") for n, i in enumerate(articles)]
    random.Random(seed).shuffle(paths)
    return paths


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def new_articles(folder: Path, rounds: int) -> int:
    """Later versions of the sample's text pages (new text, so new articles to code)."""
    n = 0
    for r in range(rounds):
        for src in sorted(CORPUS.glob("*.txt")):
            text = src.read_text(encoding="utf-8").rstrip("\n")
            (folder / f"update_{r}_{src.name}").write_text(
                text + f"\n\nUpdated in round {r + 1} with comments from officials in the region.\n", encoding="utf-8")
            n += 1
    return n


async def client(http: httpx.AsyncClient, paths: list[str], until, samples: list, statuses: Counter, k: int) -> None:
    i = k * 7
    while not until():
        path = paths[i % len(paths)]
        i += 1
        start = time.perf_counter()
        try:
            r = await http.get(path)
            statuses[r.status_code] += 1
            statuses["cache " + r.headers.get("x-worldwire-cache", "none")] += 1
        except httpx.HTTPError as e:
            statuses[type(e).__name__] += 1
            continue
        samples.append(time.perf_counter() - start)


async def phase(base: str, paths: list[str], clients: int, until) -> tuple[list[float], Counter, float]:
    samples: list[float] = []
    statuses: Counter = Counter()
    # idle connections are dropped before the server's 5 s keep-alive timeout would close them
    # under a request (a client-side race, not a server failure)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=3)
    start = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
        await asyncio.gather(*(client(http, paths, until, samples, statuses, k) for k in range(clients)))
    return samples, statuses, time.perf_counter() - start


def report(name: str, samples: list[float], statuses: Counter, elapsed: float) -> None:
    if not samples:
        print(f"{name}: no answers; statuses {dict(statuses)}")
        return
    q = statistics.quantiles(samples, n=100, method="inclusive")
    print(f"{name}: {len(samples)} requests in {elapsed:.1f} s ({len(samples) / elapsed:.1f}/s); "
          f"latency p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms, p99 {q[98] * 1000:.0f} ms, "
          f"max {max(samples) * 1000:.0f} ms; statuses {dict(sorted(statuses.items(), key=str))}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="Store to serve (copied first); default: the sample corpus coded afresh.")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=20, help="Length of the idle phase.")
    ap.add_argument("--rounds", type=int, default=3, help="Versions of each sample page the ingest writes.")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="worldwire-load-"))
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    try:
        db = work / "store.duckdb"
        if args.db:
            shutil.copy(args.db, db)
            from worldwire.store import open_store

            open_store(db).close()  # migrated to this worldwire's schema
        else:
            subprocess.run(CLI + ["ingest", str(CORPUS), "--db", str(db), "-q"], check=True, env=env)
        paths = request_mix(db)
        port = free_port()
        log = open(work / "server.log", "w")
        server = subprocess.Popen(CLI + ["serve", "--db", str(db), "--port", str(port)], env=env, stderr=log)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    if httpx.get(base + "/index.json").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            time.sleep(8)  # as a server would be when its first user arrives: charts engine started
            print(f"serving a store of {db.stat().st_size / 2**20:.1f} MiB to {args.clients} concurrent clients, "
                  f"{len(paths)} distinct pages in turn")
            stop_at = time.perf_counter() + args.seconds
            report("idle store ", *asyncio.run(phase(base, paths, args.clients, lambda: time.perf_counter() > stop_at)))

            docs = work / "docs"
            docs.mkdir()
            n = new_articles(docs, args.rounds)
            writer = subprocess.Popen(CLI + ["ingest", str(docs), "--db", str(db), "-q"], env=env,
                                      stderr=subprocess.PIPE, text=True)
            before = httpx.get(base + "/index.json").json()["counts"]["articles"]
            result = asyncio.run(phase(base, paths, args.clients, lambda: writer.poll() is not None))
            err = writer.stderr.read().strip().splitlines()
            report("during ingest", *result)
            after = httpx.get(base + "/index.json").json()["counts"]["articles"]
            print(f"ingest of {n} new articles: exit {writer.returncode}, {err[-1] if err else ''}; "
                  f"articles served {before} → {after}")
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
            errors = [line for line in (work / "server.log").read_text().splitlines()
                      if "error" in line.lower() or "Traceback" in line]
            print(f"server log: {len(errors)} error lines" + (f"; first: {errors[0]}" if errors else ""))
            if os.environ.get("WORLDWIRE_LOAD_LOG"):
                shutil.copy(work / "server.log", os.environ["WORLDWIRE_LOAD_LOG"])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
