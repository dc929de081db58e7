"""Article takeaways (issue 7): hand-built articles, then the seed page end to end."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from worldwire.cli import cli
from worldwire.nlp.takeaways import main_actors, short_text, takeaways
from worldwire.pipeline import ingest
from worldwire.store import open_store

from conftest import SEED


def _article(paragraphs: list[str], headings: dict[int, str] | None = None, title: str = "") -> dict:
    """An article as Store.article returns it: one sentence a paragraph; headings
    (by paragraph position) become sections and heading sentences."""
    headings = headings or {}
    text, sentences, sections = "", [], []
    parts: list[tuple[str, bool]] = []
    for i, p in enumerate(paragraphs):
        if i in headings:
            parts.append((headings[i], True))
        parts.append((p, False))
    for idx, (p, is_head) in enumerate(parts):
        start = len(text)
        text += p + "\n\n"
        sentences.append({"index": idx, "start": start, "end": start + len(p), "text": p})
        if is_head:
            sections.append({"heading": p, "start": start, "end": start + len(p)})
    return {"id": "a" * 16, "title": title, "text": text, "sections": sections, "sentences": sentences}


def _actor(iso: str, name: str | None = None) -> dict:
    return {"actor_id": iso, "name": name or iso, "kind": "state", "country": iso, "sector": None,
            "text": name or iso, "start": 0, "end": 0}


def _event(eid: str, sentence: int, src: list[str], tgt: list[str], modality: str = "asserted",
           quad: int = 1, goldstein: float = 4.0) -> dict:
    return {"id": eid, "sentence_index": sentence, "type": "COOPERATE", "modality": modality,
            "source": [_actor(s) for s in src], "target": [_actor(t) for t in tgt],
            "quad_class": quad, "goldstein": goldstein}


def test_one_takeaway_per_section_with_its_heading():
    art = _article(
        ["Lead paragraph about the summit in Moscow between the two presidents.",
         "The ministers discussed trade tariffs and grain exports at length.",
         "Officials also reviewed the schedule for the next round.",
         "The two armies will hold joint naval drills in the Pacific next month.",
         "Observers expect more exercises later in the year."],
        headings={1: "Trade on the table", 3: "Military drills"}, title="Summit in Moscow")
    out = takeaways(art, [], k=5)
    assert [t["heading"] for t in out] == [None, "Trade on the table", "Military drills"]
    assert [t["rank"] for t in out] == [1, 2, 3]
    assert set(out[0]) == {"rank", "text", "heading", "sentences", "events"}


def test_k_smaller_than_the_sections_keeps_the_best_sections_in_order():
    art = _article(["Alpha talks produced a pact between Russia and China.", "Bravo filler text here for sure.",
                    "Charlie: Russia and China signed a deal on gas supplies."],
                   headings={0: "Alpha", 1: "Bravo", 2: "Charlie"})
    events = [_event("e1", 1, ["RUS"], ["CHN"]), _event("e2", 5, ["CHN"], ["RUS"])]
    out = takeaways(art, events, k=2)
    assert len(out) == 2
    assert [t["heading"] for t in out] == ["Alpha", "Charlie"]


def test_section_pick_prefers_the_sentence_with_events_between_main_actors():
    art = _article(
        ["Russia and China held talks in Moscow on Tuesday.",
         "The weather in the capital was cold and grey that morning with some snow.",
         "Russia and China vowed to further develop military mutual trust and joint patrols."],
        headings={1: "Military mutual trust"}, title="Russia and China talks")
    events = [_event("e1", 0, ["RUS"], ["CHN"]), _event("e2", 3, ["RUS", "CHN"], ["RUS", "CHN"], modality="future")]
    out = takeaways(art, events, k=1)
    assert out[0]["text"].startswith("Russia and China vowed")
    assert out[0]["sentences"][0] == 3
    assert out[0]["events"][0] == "e2"


def test_without_headings_picks_are_not_redundant():
    same = "Armenia and Azerbaijan traded accusations over the deadly border clash near Tegh."
    art = _article([same, same.replace("traded", "exchanged"),
                    "Russia urged both sides to show restraint and return to talks.",
                    "The European Union said it regretted the loss of life."],
                   title="Armenia and Azerbaijan trade blame over Tegh clash")
    out = takeaways(art, [], k=2)
    texts = [t["text"] for t in out]
    assert texts[0] == same
    assert not any(t.startswith("Armenia and Azerbaijan exchanged") for t in texts)


def test_page_furniture_is_never_a_takeaway():
    art = _article(["China and Russia signed a pact on energy cooperation.",
                    "Save my name, email, and website in this browser for the next time I comment.",
                    "Here is what we know so far."])
    out = takeaways(art, [], k=3)
    assert all("Save my name" not in t["text"] and "what we know" not in t["text"] for t in out)


def test_short_text_drops_datelines_and_connectives():
    assert short_text("MOSCOW, March 20 (Meridian Wire) - Xi arrived in Moscow.") == "Xi arrived in Moscow."
    assert short_text("YEREVAN/BAKU, April 12 (Meridian Wire) – Armenia and Azerbaijan traded blame.") \
        == "Armenia and Azerbaijan traded blame."
    assert short_text("BRUSSELS — The EU adopted its package.") == "The EU adopted its package."
    assert short_text("But, the idea has been dismissed.") == "The idea has been dismissed."
    assert short_text("U.S. Secretary of State Antony Blinken said so.") == "U.S. Secretary of State Antony Blinken said so."


def test_main_actors_count_events_and_title():
    art = _article(["Xi met Putin."], title="Russia and China talk")
    events = [_event("e1", 0, ["RUS"], ["CHN"]), _event("e2", 0, ["CHN"], ["RUS"]), _event("e3", 0, ["USA"], [])]
    assert set(main_actors(art, events, [])[:2]) == {"RUS", "CHN"}


# -- the seed page -------------------------------------------------------------
seed = pytest.mark.skipif(not SEED.exists(), reason="seed page not beside the repository")


@pytest.fixture(scope="module")
def seed_takeaways(tmp_path_factory, coder):
    db = tmp_path_factory.mktemp("seed_tk") / "seed.duckdb"
    with open_store(db) as store:
        assert [o.status for o in ingest([str(SEED)], store, coder, default_date=date(2023, 3, 22))] == ["stored"]
    result = CliRunner().invoke(cli, ["takeaways", "2593", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "json"])
    return json.loads(result.output), {e["id"]: e for e in json.loads(shown.output)}


def _countries(event):
    return {a["country"] or a["actor_id"] for a in event["source"] + event["target"]}


@seed
def test_seed_has_five_takeaways_one_per_section(seed_takeaways):
    out, _ = seed_takeaways
    assert [t["heading"] for t in out] == [
        "There is no meaningful way forward in Ukraine",
        "New world order and anti-US alliance",
        "Defense ties and “military mutual trust”",
        "Economic and energy improvements",
        "A world divided",
    ]


@seed
def test_seed_takeaways_name_the_right_actors(seed_takeaways):
    out, events = seed_takeaways
    ukraine, order, defence, energy, divided = (t["text"] for t in out)
    assert "no advance" in ukraine and "Ukrain" in ukraine  # the talks produced no path to peace
    assert "China" in order and "Russia" in order and "US" in order
    assert "Russia" in defence and "China" in defence and "military mutual trust" in defence
    assert "Putin" in energy and ("Chinese" in energy or "China" in energy)
    assert "Zelensky" in divided and "Kishida" in divided


@seed
def test_seed_takeaways_carry_supporting_events(seed_takeaways):
    out, events = seed_takeaways
    defence = out[2]
    assert defence["events"], "the defence takeaway has no events"
    assert {"CHN", "RUS"} <= _countries(events[defence["events"][0]])
    for t in out:
        assert t["sentences"], t
        assert all(events[e]["sentence_index"] in t["sentences"] for e in t["events"])
