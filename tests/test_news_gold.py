"""The gold-coded news articles (training/news/articles.jsonl, and the
sealed articles_test.jsonl and articles_test2.jsonl): held-out whole
articles, every event tied to its sentence by its evidence."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

from worldwire.evaluate import read_gold
from worldwire.ontology.plover import MODALITIES, event_types
from worldwire.training.events import read_bank

NEWS = Path(__file__).resolve().parent.parent / "training" / "news"
SETS = ["articles.jsonl", "articles_test.jsonl", "articles_test2.jsonl"]


@pytest.mark.parametrize("name", SETS)
def test_every_gold_event_is_tied_to_its_sentence_and_coded_in_the_bank_s_terms(name):
    items = read_gold(NEWS / name)  # also checks that each evidence is a verbatim part of its text
    with resources.files("worldwire").joinpath("kb/data/countries.csv").open(encoding="utf-8") as fh:
        codes = {row["iso3"] for row in csv.DictReader(fh)} | {"IGO", "NGO", "MNC"}
    assert len(items) >= 10 and len({it["id"] for it in items}) == len(items)
    for it in items:
        assert it["split"] == "dev" and it["events"] and it["quotes"], it["id"]
        positions = [it["text"].find(e["evidence"]) for e in it["events"]]
        assert positions == sorted(positions), it["id"]  # listed in the order the article tells them
        for e in it["events"]:
            assert e["type"] in event_types() and e["modality"] in MODALITIES, (it["id"], e)
            assert e["source"] and set(e["source"]) | set(e["target"]) <= codes, (it["id"], e)
        assert all(q["quote"] in it["text"] and q["speaker"] for q in it["quotes"]), it["id"]


def test_the_news_articles_are_never_trained_on():
    news = {it["text"] for name in SETS for it in read_gold(NEWS / name)}
    assert len(news) >= 40 and not news & {it["text"] for it in read_bank()}
