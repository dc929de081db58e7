"""Throughput of the full coding pipeline against a bare spaCy nlp.pipe.

Usage: .venv/bin/python bench/throughput.py [--repeat N] [PATH ...]

Reads and cleans the documents once (default: examples/corpus), then times
(a) spaCy's nlp.pipe over the cleaned texts and (b) worldwire's coding of the
same articles (parse + actors + events + quotes, no store), `--repeat` times
over the whole set, alternating (a) and (b), and prints articles/s, words/s
and the ratio by wall-clock, by this process's CPU time, and of the fastest
run of each. Last, it times the coding stages alone (``Coder.code_doc`` on
documents parsed beforehand, best of ``--repeat`` by CPU time) against the
best parse: what coding adds to spaCy's parse, the steadiest figure on a
shared machine.
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
    best_bare = best_full = best_bare_cpu = float("inf")
    for _ in range(args.repeat):  # alternating, so a busy moment weighs on both
        t0, c0 = time.perf_counter(), time.process_time()
        list(coder.nlp.pipe(texts, batch_size=coder.settings.batch_size))
        t1, c1 = time.perf_counter(), time.process_time()
        coded = coder.code(articles)
        t2, c2 = time.perf_counter(), time.process_time()
        bare, bare_cpu = bare + (t1 - t0) / args.repeat, bare_cpu + (c1 - c0) / args.repeat
        full, full_cpu = full + (t2 - t1) / args.repeat, full_cpu + (c2 - c1) / args.repeat
        best_bare, best_full = min(best_bare, t1 - t0), min(best_full, t2 - t1)
        best_bare_cpu = min(best_bare_cpu, c1 - c0)

    # the coding stages alone, on documents parsed beforehand (afresh each run: the
    # stages cache per-document work in doc.user_data): what coding adds to the parse
    stages = []
    for _ in range(args.repeat):
        docs = list(coder.nlp.pipe(texts, batch_size=coder.settings.batch_size))
        c0 = time.process_time()
        for article, doc in zip(articles, docs):
            coder.code_doc(article, doc)
        stages.append(time.process_time() - c0)

    n = len(articles)
    print(f"{n} articles, {words:,} words, mean of {args.repeat} runs, 1 process")
    print(f"  bare spaCy nlp.pipe : {n / bare:7.1f} articles/s  {words / bare:9,.0f} words/s")
    print(f"  worldwire coding    : {n / full:7.1f} articles/s  {words / full:9,.0f} words/s")
    print(f"  ratio (full / bare time): {full / bare:.2f}  (by this process's CPU time: {full_cpu / bare_cpu:.2f};"
          f" best run of each: {best_full / best_bare:.2f})")
    print(f"  coding stages alone on parsed docs: {min(stages):.2f} s CPU (best of {args.repeat}),"
          f" {min(stages) / best_bare_cpu:.2f} of the best parse's CPU time")
    print(f"  events {sum(len(c.events) for c in coded)}, quotes {sum(len(c.quotes) for c in coded)}")


if __name__ == "__main__":
    main()
