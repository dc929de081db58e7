"""Train the sentence-level event classifier from the labelled sentence bank.

    .venv/bin/python -m worldwire.training.events            # train on the bank's train split
    .venv/bin/python -m worldwire.training.events --check    # also print dev accuracy

The bank is ``training/events/*.jsonl`` (gold format, see the README); items
whose ``split`` is ``dev`` are never trained on. The result is a spaCy
``textcat`` pipeline (bag of words and bigrams, exclusive classes: the 16
PLOVER types and NONE) written to ``src/worldwire/ontology/model/event_textcat``,
which ships inside the package. Training is seeded, so it is repeatable.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from ..ontology.plover import event_types

ROOT = Path(__file__).resolve().parents[3]
BANK = ROOT / "training" / "events"
OUT = Path(__file__).resolve().parents[1] / "ontology" / "model" / "event_textcat"
# 2**16 hashed features keep the shipped model near 5 MB; 2**18 measured no
# better on the dev split.
FEATURES = 2**16
EPOCHS = 12
SEED = 7


def labels() -> list[str]:
    return [*event_types(), "NONE"]


def read_bank(bank: Path = BANK) -> list[dict]:
    items = []
    for path in sorted(bank.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            items += [json.loads(line) for line in fh if line.strip()]
    return items


def label_of(item: dict) -> str:
    events = item.get("events") or []
    return events[0]["type"] if events else "NONE"


def prepared(items: list[dict]) -> list[str]:
    """The bank's texts as the classifier reads them (parsed, entities masked)."""
    from ..nlp.classify import classifier_text
    from ..nlp.parse import load_nlp

    return [classifier_text(doc) for doc in load_nlp().pipe(it["text"] for it in items)]


def build(items: list[dict]):
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
        "no_output_layer": False, "length": FEATURES,
    }})
    for label in labels():
        textcat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {lab: float(lab == label_of(it)) for lab in labels()}})
        for text, it in zip(prepared(items), items)
    ]
    return nlp, examples


def train(items: list[dict], epochs: int = EPOCHS, seed: int = SEED):
    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp, examples = build(items)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def accuracy(nlp, items: list[dict]) -> float:
    docs = nlp.pipe(prepared(items))
    right = sum(max(d.cats, key=d.cats.get) == label_of(it) for d, it in zip(docs, items))
    return right / len(items) if items else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description="Train the event sentence classifier.")
    ap.add_argument("--bank", type=Path, default=BANK)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="print accuracy on the dev split")
    args = ap.parse_args()
    items = read_bank(args.bank)
    train_items = [it for it in items if it.get("split") != "dev"]
    dev_items = [it for it in items if it.get("split") == "dev"]
    nlp = train(train_items)
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    print(f"trained on {len(train_items)} items → {args.out}")
    if args.check:
        print(f"dev accuracy (sentence label) {accuracy(nlp, dev_items):.3f} on {len(dev_items)} items")


if __name__ == "__main__":
    main()
