"""Throughput of the full coding pipeline against a bare spaCy nlp.pipe.

Usage: .venv/bin/python bench/throughput.py [--repeat N] [PATH ...]

Reads and cleans the documents once (default: examples/corpus), then times
(a) spaCy's nlp.pipe over the cleaned texts and (b) worldwire's coding of the
same articles (parse + actors + events + quotes, no store), each `--repeat`
times over the whole set, and prints articles/s, words/s and the ratio.
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

    t0 = time.perf_counter()
    for _ in range(args.repeat):
        list(coder.nlp.pipe(texts, batch_size=coder.settings.batch_size))
    bare = (time.perf_counter() - t0) / args.repeat

    t0 = time.perf_counter()
    for _ in range(args.repeat):
        coded = coder.code(articles)
    full = (time.perf_counter() - t0) / args.repeat

    n = len(articles)
    print(f"{n} articles, {words:,} words, mean of {args.repeat} runs, 1 process")
    print(f"  bare spaCy nlp.pipe : {n / bare:7.1f} articles/s  {words / bare:9,.0f} words/s")
    print(f"  worldwire coding    : {n / full:7.1f} articles/s  {words / full:9,.0f} words/s")
    print(f"  ratio (full / bare time): {full / bare:.2f}")
    print(f"  events {sum(len(c.events) for c in coded)}, quotes {sum(len(c.quotes) for c in coded)}")


if __name__ == "__main__":
    main()
