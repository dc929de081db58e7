"""Duplicates, rewrites and stories on the labelled test corpus: precision, recall, merges.

Builds the corpus of tests/dedup_corpus.py (originals from examples/corpus,
syndicated copies, spun copies, exact copies, d_06), ingests it into a fresh
store with the full pipeline and prints the figures the README quotes.

    .venv/bin/python bench/dedup_eval.py              # the figures
    .venv/bin/python bench/dedup_eval.py --pairs      # the signal distributions the thresholds separate
    .venv/bin/python bench/dedup_eval.py --fast       # no NLP coding (dedup and stories use the text only)
    .venv/bin/python bench/dedup_eval.py --seed 11    # another draw of the copies
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import dedup_corpus  # noqa: E402

from worldwire.ingest import dedup  # noqa: E402
from worldwire.store import open_store  # noqa: E402


def pairs(items, store) -> None:
    """Min / median / max of each signal per kind of pair."""
    fps = {}
    for loc, aid in store.con.execute("SELECT location, article_id FROM article_locations").fetchall():
        fps[loc] = aid
    from worldwire.store import stories as q

    loaded = q.load(store, list(set(fps.values())))
    named = {i.name: loaded[fps[i.location]].fp for i in items if i.kind != "exact" and i.location in fps}
    info = {i.name: i for i in items}
    stats = defaultdict(lambda: defaultdict(list))
    for x, y in itertools.combinations(sorted(named), 2):
        ix, iy = info[x], info[y]
        if (ix.of or x) == (iy.of or y):
            cls = "rewrite" if "rewrite" in (ix.kind, iy.kind) else "duplicate"
        elif ix.story == iy.story:
            cls = "same story"
        else:
            cls = "other story"
        c = dedup.compare(named[x], named[y])
        for k in ("text_jaccard", "containment", "facts_jaccard", "words_jaccard"):
            stats[cls][k].append(getattr(c, k))
    for cls in ("duplicate", "rewrite", "same story", "other story"):
        print(f"{cls} pairs ({len(stats[cls]['text_jaccard'])})")
        for k, v in stats[cls].items():
            v = sorted(v)
            print(f"  {k:<14} min {v[0]:.3f}  median {v[len(v) // 2]:.3f}  max {v[-1]:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--fast", action="store_true", help="skip NLP coding")
    ap.add_argument("--pairs", action="store_true", help="print the signal distributions")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        items = dedup_corpus.build(Path(tmp) / "corpus", seed=args.seed)
        store = open_store(Path(tmp) / "eval.duckdb")
        if args.fast:
            dedup_corpus.ingest_without_coding([str(Path(tmp) / "corpus")], store)
        else:
            from worldwire.pipeline import Coder, ingest

            list(ingest([str(Path(tmp) / "corpus")], store, Coder.load()))
        r = dedup_corpus.evaluate(store, items)
        if args.pairs:
            pairs(items, store)
        store.close()
    d, w = r["duplicate"], r["rewrite"]
    print(f"corpus (seed {args.seed}): {r['documents']} documents -> {r['articles']} articles "
          f"({', '.join(f'{n} {k}' for k, n in sorted(r['kinds'].items()))}); rewrites replace >= {r['min_replaced']:.0%} of words")
    print(f"near duplicates: precision {d['precision']:.3f} ({d['correct']}/{d['predicted']})  "
          f"recall {d['recall']:.3f} ({d['found']}/{d['true']})")
    print(f"rewrites:        precision {w['precision']:.3f} ({w['correct']}/{w['predicted']})  "
          f"recall {w['recall']:.3f} ({w['found']}/{w['true']})")
    print(f"exact copies stored as locations: {r['exact_copies_as_locations']}; originals kept as the report: "
          f"{r['originals_canonical']}; d_06 rewrite_of d_02: {r['d_06_rewrite_of_d_02']}")
    print(f"stories: {r['stories']}, merges of different stories: {len(r['story_merges'])} {r['story_merges'] or ''}, "
          f"same-story pairs together: {r['story_pair_recall']:.3f}")
    if r["missing"]:
        print("not stored:", r["missing"])


if __name__ == "__main__":
    main()
