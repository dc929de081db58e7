"""Match 100,000 synthetic articles for duplicates, rewrites and stories; print time and peak memory.

The articles are generated (a vocabulary with Zipf frequencies, invented
names and numbers, quotations), published over a year in date order, in
topics of a few reports each; a share are syndicated copies (a few words
edited, the last sentence cut) or spun copies (a third of the words swapped,
sentences shuffled) of an earlier article. They are written to a fresh
DuckDB store and matched in batches with ``worldwire.ingest.dedup.record``,
the function the pipeline calls for every stored article: band-key lookups
in SQL, verification against stored fingerprints, story clustering over the
window. No NLP coding: that is bench/throughput.py.

    .venv/bin/python bench/dedup.py                      # 100,000 articles
    .venv/bin/python bench/dedup.py -n 5000 --batch 500  # a quick look
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from worldwire.ingest import dedup
from worldwire.records import Article, content_id
from worldwire.store import open_store

FUNCTION = ("the of and to a in that is for on with as was by at from it he said has have but were are which "
            "not its an be this had after would their they been also who will more than over about".split())


class Generator:
    def __init__(self, seed: int = 1):
        self.rng = rng = random.Random(seed)
        syll = ["ka", "lo", "mi", "ter", "an", "vos", "re", "dul", "sen", "pra", "gi", "tor", "mel", "ba", "quin", "ost"]
        self.vocab = sorted({"".join(rng.choice(syll) for _ in range(rng.randint(2, 4))) for _ in range(30000)})
        self.names = sorted({"".join(rng.choice(syll) for _ in range(rng.randint(2, 3))).title() for _ in range(8000)})
        weights = [1 / (i + 1) for i in range(len(self.vocab))]
        self.cum = list(__import__("itertools").accumulate(weights))
        self.synonym = {w: rng.choice(self.vocab) for w in self.vocab}

    def _words(self, n: int) -> list[str]:
        rng = self.rng
        out = []
        for _ in range(n):
            if rng.random() < 0.45:
                out.append(rng.choice(FUNCTION))
            else:
                out.append(rng.choices(self.vocab, cum_weights=self.cum)[0])
        return out

    def topic(self) -> list[str]:
        return self.rng.sample(self.names, self.rng.randint(6, 12))

    def article(self, topic: list[str]) -> str:
        rng = self.rng
        paras = []
        for _ in range(rng.randint(5, 9)):
            sents = []
            for _ in range(rng.randint(1, 3)):
                words = self._words(rng.randint(12, 28))
                for _ in range(rng.randint(1, 3)):
                    words.insert(rng.randrange(len(words)), rng.choice(topic))
                if rng.random() < 0.3:
                    words.insert(rng.randrange(len(words)), str(rng.randint(2, 2000)))
                s = " ".join(words)
                s = s[0].upper() + s[1:] + "."
                if rng.random() < 0.15:
                    s = f'"{s}" {rng.choice(topic)} said.'
                sents.append(s)
            paras.append(" ".join(sents))
        return "\n\n".join(paras)

    def syndicate(self, text: str) -> str:
        rng = self.rng
        paras = text.split("\n\n")
        if len(paras) > 5 and rng.random() < 0.3:
            paras = paras[:-1]
        words = "\n\n".join(paras).split(" ")
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(words))
            if words[i].isalpha() and words[i].islower():
                words[i] = self.synonym.get(words[i], words[i])
        return "WIRE - " + " ".join(words)

    def spin(self, text: str) -> str:
        rng = self.rng
        out = []
        for p in text.split("\n\n"):
            sents = p.split(". ")
            rng.shuffle(sents)
            spun = []
            for s in sents:
                if s.startswith('"'):
                    spun.append(s)
                    continue
                spun.append(" ".join(self.synonym.get(w, w) if w.islower() and rng.random() < 0.55 else w
                                     for w in s.split(" ")))
            out.append(". ".join(spun))
        rng.shuffle(out)
        return "\n\n".join(out)


def generate(n: int, seed: int = 1):
    """(Article, kind, of) in publication order: ~72% reports, 16% syndicated copies, 12% spun copies."""
    g = Generator(seed)
    rng = g.rng
    start = date(2023, 1, 1)
    recent: list[tuple[str, str, list[str]]] = []  # (id, text, topic)
    topics: list[list[str]] = []
    for i in range(n):
        day = start + timedelta(days=int(365 * i / n))
        r = rng.random()
        if recent and r < 0.16:
            oid, text, topic = rng.choice(recent[-300:])
            body, kind, of = g.syndicate(text), "duplicate", oid
        elif recent and r < 0.28:
            oid, text, topic = rng.choice(recent[-300:])
            body, kind, of = g.spin(text), "rewrite", oid
        else:
            topic = rng.choice(topics[-40:]) if topics and rng.random() < 0.6 else g.topic()
            if topic not in topics[-40:]:
                topics.append(topic)
            body, kind, of = g.article(topic), "report", None
        aid = content_id(body)
        if kind == "report":
            recent.append((aid, body, topic))
        title = " ".join(topic[:2]) + " " + " ".join(g._words(5))
        yield Article(aid, body, None, f"synthetic:{i}", title=title, published=day, source=f"outlet{i % 50}"), kind, of


def insert(store, batch: list[Article]) -> None:
    now = datetime.now()
    cols = list(zip(*[(a.id, a.url, a.location, a.title, a.published, a.source, None, "en", a.text, "[]", now)
                      for a in batch]))
    store.con.execute(
        "INSERT INTO articles (id, url, location, title, published, source, author, language, text, sections, ingested_at) "
        "SELECT * FROM (SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
        "unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
        "unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::TIMESTAMP[]))", [list(c) for c in cols])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=1000, help="articles matched per call (one transaction)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.duckdb")
        truth: dict[str, tuple[str, str | None]] = {}
        t_gen = t_match = 0.0
        done = 0
        seen: set[str] = set()
        gen = generate(args.n, args.seed)
        t_all = time.perf_counter()
        while done < args.n:
            t0 = time.perf_counter()
            batch = []
            for a, kind, of in gen:
                done += 1
                if a.id not in seen:  # an exact copy is one article
                    seen.add(a.id)
                    batch.append(a)
                    truth[a.id] = (kind, of)
                if len(batch) >= args.batch or done >= args.n:
                    break
            t_gen += time.perf_counter() - t0
            t0 = time.perf_counter()
            store.con.execute("BEGIN TRANSACTION")
            insert(store, batch)
            dedup.record(store, batch)
            store.con.execute("COMMIT")
            t_match += time.perf_counter() - t0
            if done % 20000 < args.batch:
                print(f"  {done:>7,} articles  {t_match:7.1f} s matching", file=sys.stderr, flush=True)
        total = time.perf_counter() - t_all
        rows = store.con.execute("SELECT article_id, report_id, duplicate_of, rewrite_of, story_id FROM article_dedup").fetchall()
        size = Path(tmp, "bench.duckdb").stat().st_size
        store.close()
    # a copy is found when it and its original end in one group (whichever of
    # them is the report); a wrong link joins articles of different originals
    report = {aid: rid for aid, rid, *_ in rows}
    linked = {aid for aid, rid, dup, rw, _ in rows if dup or rw}
    root = {aid: (of or aid) for aid, (kind, of) in truth.items()}
    found = {k: 0 for k in ("duplicate", "rewrite")}
    wrong = sum(1 for aid in linked if root.get(report[aid]) != root.get(aid))
    for aid, (kind, of) in truth.items():
        if kind in found and report.get(aid) == report.get(of) and (aid in linked or of in linked):
            found[kind] += 1
    n_kind = {k: sum(1 for v in truth.values() if v[0] == k) for k in ("report", "duplicate", "rewrite")}
    stories = len({r[4] for r in rows})
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.n:,} synthetic articles ({n_kind['report']:,} reports, {n_kind['duplicate']:,} syndicated copies, "
          f"{n_kind['rewrite']:,} spun copies), batches of {args.batch}, 1 process")
    print(f"  matching (fingerprints, LSH lookups in DuckDB, verification, stories, writes): {t_match:.1f} s "
          f"= {1000 * t_match / args.n:.2f} ms/article; generating the texts: {t_gen:.1f} s; total {total:.1f} s")
    print(f"  copies found: syndicated {found['duplicate'] / max(1, n_kind['duplicate']):.3f}, "
          f"spun {found['rewrite'] / max(1, n_kind['rewrite']):.3f}; links to another group: {wrong}; stories: {stories:,}")
    print(f"  peak memory (max RSS): {peak:,.0f} MiB; store file: {size / 2**20:,.0f} MiB")


if __name__ == "__main__":
    main()
