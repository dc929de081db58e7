"""Throughput of the full coding pipeline against a bare spaCy nlp.pipe.

Usage: .venv/bin/python bench/throughput.py [--repeat N] [PATH ...]

Reads and cleans the documents once (default: examples/corpus), then times
(a) spaCy's nlp.pipe over the cleaned texts and (b) worldwire's coding of the
same articles (parse + actors + events + quotes, no store), `--repeat` times
over the whole set, alternating (a) and (b), and prints articles/s, words/s
and the ratio by wall-clock, by this process's CPU time, and of the fastest
run of each. Last, it measures what coding adds to spaCy's parse article by
article: each article is parsed and then coded (``Coder.code_doc``) before
the next one is read, by this process's CPU time, so that both halves of
every pair run at the same machine speed. On a shared machine the speed
drifts by a third within seconds (the same parse took 3.7 s, 5.4 s and 3.5 s
in three runs in a row), which whole-corpus runs of a few seconds each cannot
cancel; interleaved pairs of about 0.2 s can. It prints the added share of
each repeat and their median, the figure the closing notes quote.
"""

from __future__ import annotations

import argparse
import statistics
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
    best_bare = best_full = float("inf")
    for _ in range(args.repeat):  # alternating, so a busy moment weighs on both
        t0, c0 = time.perf_counter(), time.process_time()
        list(coder.nlp.pipe(texts, batch_size=coder.settings.batch_size))
        t1, c1 = time.perf_counter(), time.process_time()
        coded = coder.code(articles)
        t2, c2 = time.perf_counter(), time.process_time()
        bare, bare_cpu = bare + (t1 - t0) / args.repeat, bare_cpu + (c1 - c0) / args.repeat
        full, full_cpu = full + (t2 - t1) / args.repeat, full_cpu + (c2 - c1) / args.repeat
        best_bare, best_full = min(best_bare, t1 - t0), min(best_full, t2 - t1)

    # what coding adds to the parse, article by article: parse, then code that
    # parse (the stages cache per-document work in doc.user_data, so each
    # article is parsed afresh), by CPU time
    added = []
    for _ in range(args.repeat):
        parse = stages = 0.0
        for article, text in zip(articles, texts):
            c0 = time.process_time()
            doc = coder.nlp(text)
            c1 = time.process_time()
            coder.code_doc(article, doc)
            c2 = time.process_time()
            parse, stages = parse + (c1 - c0), stages + (c2 - c1)
        added.append(stages / parse)

    n = len(articles)
    print(f"{n} articles, {words:,} words, mean of {args.repeat} runs, 1 process")
    print(f"  bare spaCy nlp.pipe : {n / bare:7.1f} articles/s  {words / bare:9,.0f} words/s")
    print(f"  worldwire coding    : {n / full:7.1f} articles/s  {words / full:9,.0f} words/s")
    print(f"  ratio (full / bare time): {full / bare:.2f}  (by this process's CPU time: {full_cpu / bare_cpu:.2f};"
          f" best run of each: {best_full / best_bare:.2f})")
    print(f"  coding added to the parse, article by article (CPU time): median {statistics.median(added):.1%}"
          f" of the parse; repeats {', '.join(f'{a:.1%}' for a in added)}")
    print(f"  events {sum(len(c.events) for c in coded)}, quotes {sum(len(c.quotes) for c in coded)}")


if __name__ == "__main__":
    main()
