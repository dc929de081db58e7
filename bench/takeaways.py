"""Takeaways benchmark: worldwire against lead-k and TextRank, ROUGE-1/2/L.

The references are hand-written takeaways for the sample corpus
(bench/data/takeaways_reference.json). Each system picks k sentences per
article, k being the number of reference takeaways, and every system's
sentences go through the same clean-up (``short_text``: dateline and leading
connective removed), so the scores compare what is picked. ROUGE is
rouge-score's F1 with stemming, the takeaways of an article joined into one
text, averaged over articles.

    .venv/bin/python bench/takeaways.py                 # codes examples/corpus into a temporary store
    .venv/bin/python bench/takeaways.py --db worldwire.duckdb --json out.json

Needs the dev extras (rouge-score, sumy).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "bench" / "data" / "takeaways_reference.json"
CORPUS = ROOT / "examples" / "corpus"
SYSTEMS = ("lead-k", "textrank", "worldwire")


def _body(article: dict) -> list[dict]:
    heads = {s["start"] for s in article["sections"]}
    return [s for s in article["sentences"] if s["start"] not in heads]


def lead_k(article: dict, k: int) -> list[str]:
    return [s["text"] for s in _body(article)[:k]]


class _Tokenizer:
    """Words for sumy without NLTK's downloadable punkt data: the store already has sentences."""

    language = "english"

    def to_words(self, text: str) -> list[str]:
        return re.findall(r"\w+(?:['’]\w+)?", text)

    def to_sentences(self, text: str) -> list[str]:
        return [text]


def textrank(article: dict, k: int) -> list[str]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tok = _Tokenizer()
    doc = ObjectDocumentModel([Paragraph([Sentence(s["text"], tok) for s in _body(article)])])
    summarizer = TextRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return [str(s) for s in summarizer(doc, k)]


def worldwire_k(article: dict, events: list[dict], mentions: list[dict], k: int) -> list[str]:
    from worldwire.nlp.takeaways import takeaways

    by_index = {s["index"]: s["text"] for s in article["sentences"]}
    return [by_index[t["sentences"][0]] for t in takeaways(article, events, k=k, mentions=mentions)]


def run(store, reference: Path = REFERENCE) -> dict:
    """Scores per system and per article: {"systems": {name: {rouge1, rouge2, rougeL}}, "articles": [...]}."""
    from rouge_score import rouge_scorer

    from worldwire.nlp.takeaways import short_text

    refs = json.loads(reference.read_text(encoding="utf-8"))["articles"]
    by_file = {}
    for a in store.articles():
        art = store.article(a["id"])
        for loc in art["locations"]:
            by_file[loc.rsplit("/", 1)[-1]] = art
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    totals = {name: {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0} for name in SYSTEMS}
    rows = []
    for name, ref in refs.items():
        art = by_file.get(name)
        if art is None:
            raise SystemExit(f"reference article {name} is not in the store; ingest examples/corpus first")
        k = len(ref)
        events, mentions = store.events(article=art["id"]), store.mentions(art["id"])
        picks = {
            "lead-k": lead_k(art, k),
            "textrank": textrank(art, k),
            "worldwire": worldwire_k(art, events, mentions, k),
        }
        row = {"file": name, "article_id": art["id"], "k": k}
        for system, sents in picks.items():
            s = scorer.score("\n".join(ref), "\n".join(short_text(x) for x in sents))
            row[system] = {m: round(v.fmeasure, 4) for m, v in s.items()}
            for m, v in s.items():
                totals[system][m] += v.fmeasure
        rows.append(row)
    n = len(rows)
    return {"n_articles": n,
            "systems": {sys_: {m: round(v / n, 4) for m, v in ms.items()} for sys_, ms in totals.items()},
            "articles": rows}


def table(result: dict) -> str:
    lines = [f"{result['n_articles']} articles, ROUGE F1 (rouge-score, stemmed), mean over articles", "",
             "| system | ROUGE-1 | ROUGE-2 | ROUGE-L |", "|---|---|---|---|"]
    for name in SYSTEMS:
        s = result["systems"][name]
        lines.append(f"| {name} | {s['rouge1']:.3f} | {s['rouge2']:.3f} | {s['rougeL']:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="a store holding the sample corpus (default: code it into a temporary store)")
    ap.add_argument("--reference", default=str(REFERENCE), help="reference takeaways JSON")
    ap.add_argument("--json", help="write per-article scores here")
    args = ap.parse_args(argv)

    from worldwire.store import open_store

    if args.db:
        store = open_store(args.db)  # opened for writing so that an older store is migrated
    else:
        from worldwire.pipeline import Coder, ingest

        tmp = tempfile.mkdtemp()
        store = open_store(Path(tmp) / "corpus.duckdb")
        list(ingest([str(CORPUS)], store, Coder.load()))
    with store:
        result = run(store, Path(args.reference))
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
