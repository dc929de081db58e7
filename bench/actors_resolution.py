"""Actor resolution speed: loading the knowledge base, then resolving the
seed page's mentions once the KB (and its phrase matcher) are loaded.

Usage: .venv/bin/python bench/actors_resolution.py [--repeat N] [FILE]

Prints the first KB load (CSV files to the in-memory KB), a cached load, the
phrase matcher's first build, and the time to find and resolve every mention
of FILE (default: the seed page beside the repository) on a parsed doc and
including the spaCy parse.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from worldwire.kb import load_kb
from worldwire.kb.base import KnowledgeBase
from worldwire.nlp.actors import ActorIndex, _matcher
from worldwire.nlp.parse import load_nlp
from worldwire.settings import Settings

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds" / "000_0fb71f7b8e0cb2ab.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(SEED))
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    text = Path(args.file).read_text(encoding="utf-8")
    nlp = load_nlp(Settings.from_env().model)

    t0 = time.perf_counter()
    kb = load_kb()
    first_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    load_kb()
    cached = time.perf_counter() - t0
    t0 = time.perf_counter()
    KnowledgeBase()
    fresh = time.perf_counter() - t0
    t0 = time.perf_counter()
    _matcher(nlp, kb)
    matcher = time.perf_counter() - t0

    doc = nlp(text)
    on = date(2023, 3, 22)
    index = ActorIndex(doc, kb, on, nlp)  # warm-up: rapidfuzz tables, lazy coref
    n = len(index.all_mentions())
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        ActorIndex(doc, kb, on, nlp).all_mentions()
    resolve = (time.perf_counter() - t0) / args.repeat
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        ActorIndex(nlp(text), kb, on, nlp).all_mentions()
    with_parse = (time.perf_counter() - t0) / args.repeat

    people = len(kb.people)
    roles = sum(len(p.roles) for p in kb.people.values())
    print(f"KB: {len(kb.states)} states, {len(kb.igos)} IGOs, {people} people, {roles} roles, "
          f"{len(kb.aliases):,} aliases")
    print(f"  first load_kb()           : {first_load * 1000:8.1f} ms")
    print(f"  cached load_kb()          : {cached * 1000:8.3f} ms")
    print(f"  KnowledgeBase() uncached  : {fresh * 1000:8.1f} ms")
    print(f"  phrase matcher first build: {matcher * 1000:8.1f} ms")
    print(f"{Path(args.file).name}: {len(text.split()):,} words, {n} mentions (named, places, coreference), "
          f"mean of {args.repeat}")
    print(f"  resolve on a parsed doc   : {resolve * 1000:8.1f} ms")
    print(f"  parse + resolve           : {with_parse * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
