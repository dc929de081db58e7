"""The actor resolution test set (tests/data/actors_gold.jsonl) and its scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from worldwire.errors import InputError
from worldwire.kb.scoring import evaluate_actors, read_gold, score

GOLD = Path(__file__).resolve().parent / "data" / "actors_gold.jsonl"


@pytest.fixture(scope="module")
def result(coder):
    return evaluate_actors(GOLD, coder)


def test_the_set_is_large_and_covers_the_tricky_cases():
    items = read_gold(GOLD)
    mentions = [m for i in items for m in i["mentions"]]
    assert len(mentions) >= 300
    tags = {m.get("tag") for m in mentions}
    assert {"metonym", "place", "former", "appositive", "coref", "translit", "fuzzy", "title"} <= tags


def test_country_and_sector_accuracy_meet_the_bar(result):
    assert result["country_accuracy"] >= 0.95
    assert result["country_sector_accuracy"] >= 0.90
    assert result["by_split"]["heldout"]["country"] >= 0.95


def test_scorer_counts_wrong_gold_as_errors(coder):
    item = {"id": "x", "date": "2023-03-21", "text": "Moscow agreed, and Xi flew to Moscow.",
            "mentions": [{"text": "Moscow", "actor": "RUS", "country": "RUS", "sector": None},  # wrong: agent
                         {"text": "Moscow", "n": 2, "actor": "RUS", "country": "RUS", "sector": None},
                         {"text": "Xi", "actor": "xi-jinping", "country": "JPN", "sector": "GOV"}]}  # wrong country
    r = score([item], coder)
    assert r["mentions"] == 3
    assert r["country_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert r["country_sector_accuracy"] == pytest.approx(1 / 3, abs=1e-3)
    assert {e["text"] for e in r["errors"]} == {"Moscow", "Xi"}


def test_group_gold_needs_every_member(coder):
    item = {"id": "g", "date": "2023-03-21", "text": "Xi and Putin met. The two leaders signed a statement.",
            "mentions": [{"text": "The two leaders", "members": [
                {"actor": "xi-jinping", "country": "CHN", "sector": "GOV"},
                {"actor": "fumio-kishida", "country": "JPN", "sector": "GOV"}]}]}
    assert score([item], coder)["country_accuracy"] == 0.0


def test_gold_mention_missing_from_text_is_an_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "Moscow agreed.", "mentions": [{"text": "Kyiv", "actor": "UKR"}]}), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_gold(path)
    assert err.value.line == 1 and "Kyiv" in err.value.reason
