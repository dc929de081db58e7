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
PATHS = ["/", "/index.json", "/events.json?type=CONSULT", "/events?actor=RUS", "/events.json?q=talks&size=50",
         "/articles.json", "/articles", "/dyads/CHN/RUS.json", "/dyads/RUS/UKR", "/network.json", "/stories.json",
         "/stories"]


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


async def client(http: httpx.AsyncClient, until, samples: list, statuses: Counter, k: int) -> None:
    i = k
    while not until():
        path = PATHS[i % len(PATHS)]
        i += 1
        start = time.perf_counter()
        try:
            r = await http.get(path)
            statuses[r.status_code] += 1
        except httpx.HTTPError as e:
            statuses[type(e).__name__] += 1
            continue
        samples.append(time.perf_counter() - start)


async def phase(base: str, clients: int, until) -> tuple[list[float], Counter, float]:
    samples: list[float] = []
    statuses: Counter = Counter()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    start = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
        await asyncio.gather(*(client(http, until, samples, statuses, k) for k in range(clients)))
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
        port = free_port()
        server = subprocess.Popen(CLI + ["serve", "--db", str(db), "--port", str(port)], env=env,
                                  stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    if httpx.get(base + "/index.json").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            print(f"serving a store of {db.stat().st_size / 2**20:.1f} MiB to {args.clients} concurrent clients")
            stop_at = time.perf_counter() + args.seconds
            report("idle store ", *asyncio.run(phase(base, args.clients, lambda: time.perf_counter() > stop_at)))

            docs = work / "docs"
            docs.mkdir()
            n = new_articles(docs, args.rounds)
            writer = subprocess.Popen(CLI + ["ingest", str(docs), "--db", str(db), "-q"], env=env,
                                      stderr=subprocess.PIPE, text=True)
            before = httpx.get(base + "/index.json").json()["counts"]["articles"]
            result = asyncio.run(phase(base, args.clients, lambda: writer.poll() is not None))
            err = writer.stderr.read().strip().splitlines()
            report("during ingest", *result)
            after = httpx.get(base + "/index.json").json()["counts"]["articles"]
            print(f"ingest of {n} new articles: exit {writer.returncode}, {err[-1] if err else ''}; "
                  f"articles served {before} → {after}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
