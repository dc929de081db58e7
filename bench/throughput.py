"""Throughput of the full coding pipeline against a bare spaCy nlp.pipe.

Usage: .venv/bin/python bench/throughput.py [--repeat N] [PATH ...]

Reads and cleans the documents once (default: examples/corpus), then times
(a) spaCy's nlp.pipe over the cleaned texts and (b) worldwire's coding of the
same articles (parse + actors + events + quotes, no store), `--repeat` times
over the whole set, alternating (a) and (b), and prints articles/s, words/s
and the ratio by wall-clock and by this process's CPU time (the steadier of
the two on a shared machine).
"""

from __future__ import annotations

import argparse
import time

from worldwire.errors import InputError
from worldwire.ingest.clean import clean
from worldwire.ingest.sources import iter_documents
from worldwire.pipeline import Coder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=["examples/corpus"])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    coder = Coder.load()
    articles = [clean(d) for d in iter_documents(args.paths) if not isinstance(d, InputError)]
    words = sum(len(a.text.split()) for a in articles)
    texts = [a.text for a in articles]
    list(coder.nlp.pipe(texts[:2]))  # warm up

    bare = full = bare_cpu = full_cpu = 0.0
    for _ in range(args.repeat):  # alternating, so a busy moment weighs on both
        t0, c0 = time.perf_counter(), time.process_time()
        list(coder.nlp.pipe(texts, batch_size=coder.settings.batch_size))
        t1, c1 = time.perf_counter(), time.process_time()
        coded = coder.code(articles)
        t2, c2 = time.perf_counter(), time.process_time()
        bare, bare_cpu = bare + (t1 - t0) / args.repeat, bare_cpu + (c1 - c0) / args.repeat
        full, full_cpu = full + (t2 - t1) / args.repeat, full_cpu + (c2 - c1) / args.repeat

    n = len(articles)
    print(f"{n} articles, {words:,} words, mean of {args.repeat} runs, 1 process")
    print(f"  bare spaCy nlp.pipe : {n / bare:7.1f} articles/s  {words / bare:9,.0f} words/s")
    print(f"  worldwire coding    : {n / full:7.1f} articles/s  {words / full:9,.0f} words/s")
    print(f"  ratio (full / bare time): {full / bare:.2f}  (by this process's CPU time: {full_cpu / bare_cpu:.2f})")
    print(f"  events {sum(len(c.events) for c in coded)}, quotes {sum(len(c.quotes) for c in coded)}")


if __name__ == "__main__":
    main()
