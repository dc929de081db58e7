"""Dyad series and alignment (issue 7): counting rules on hand-built events,
then the relations the sample corpus describes."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from worldwire.analysis.dyads import COLUMNS, bootstrap_interval, dyad_items, dyads, dyads_frame, summarize
from worldwire.analysis.eventset import Ev, alignment, period_of
from worldwire.cli import cli


def _a(iso, kind="state", actor_id=None):
    return {"actor_id": actor_id or iso, "name": iso, "kind": kind, "country": iso, "sector": None}


def _ev(eid, src, tgt, story="s1", day=date(2023, 3, 21), type_="CONSULT", quad=1, gold=1.0, copy=False):
    return Ev(eid, "art-" + story, story, copy, day, type_, quad, gold, "asserted",
              [_a(x) for x in src], [_a(x) for x in tgt])


def test_story_counting_keeps_one_per_story_type_direction_day():
    events = [_ev("e1", ["CHN"], ["RUS"]), _ev("e2", ["CHN"], ["RUS"]),  # same story, type, direction, day
              _ev("e3", ["RUS"], ["CHN"]),  # other direction
              _ev("e4", ["CHN"], ["RUS"], story="s2"),  # other story
              _ev("e5", ["CHN"], ["RUS"], day=date(2023, 3, 22))]  # other day
    items = dyad_items(events, "CHN", "RUS")
    assert len(items) == 4
    assert sorted(len(i["events"]) for i in items) == [1, 1, 1, 2]
    assert len(dyad_items(events, "CHN", "RUS", count="mention")) == 5


def test_copies_add_nothing_when_counting_by_story():
    events = [_ev("e1", ["CHN"], ["RUS"]), _ev("e2", ["CHN"], ["RUS"], type_="AGREE", copy=True)]
    assert [i["type"] for i in dyad_items(events, "CHN", "RUS")] == ["CONSULT"]
    assert len(dyad_items(events, "CHN", "RUS", count="mention")) == 2


def test_directed_keeps_a_to_b_and_mutual_only():
    events = [_ev("e1", ["CHN"], ["RUS"]), _ev("e2", ["RUS"], ["CHN"], type_="AGREE"),
              _ev("e3", ["RUS", "CHN"], ["RUS", "CHN"], type_="COOPERATE")]
    directions = {i["direction"] for i in dyad_items(events, "CHN", "RUS", directed=True)}
    assert directions == {"a->b", "mutual"}


def test_joint_action_counts_toward_alignment_not_events():
    events = [_ev("e1", ["CHN", "RUS"], ["USA"], type_="ACCUSE", quad=3, gold=-2.0)]
    [row] = summarize(dyad_items(events, "CHN", "RUS"), "CHN", "RUS", by="all")
    assert row["events"] == 0 and row["joint"] == 1
    assert row["alignment"] > 0


def test_actors_match_by_country_and_id():
    putin = {"actor_id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person", "country": "RUS", "sector": "GOV"}
    ev = Ev("e1", "a", "s", False, date(2023, 3, 21), "CONSULT", 1, 1.0, "asserted", [_a("CHN")], [putin])
    assert len(dyad_items([ev], "CHN", "RUS")) == 1
    assert len(dyad_items([ev], "CHN", "vladimir-putin")) == 1
    assert dyad_items([ev], "CHN", "USA") == []


def test_alignment_formula():
    assert alignment(0, 0) == 0
    assert alignment(3, 0) == 0.75
    assert alignment(0, 3) == -0.75
    # material acts weigh double: one material conflict outweighs one verbal cooperation
    events = [_ev("e1", ["ARM"], ["AZE"], type_="CONSULT", quad=1, gold=1.0),
              _ev("e2", ["AZE"], ["ARM"], type_="ASSAULT", quad=4, gold=-10.0)]
    [row] = summarize(dyad_items(events, "ARM", "AZE"), "ARM", "AZE", by="all")
    assert row["alignment"] == round((1 - 2) / (1 + 2 + 1), 3)
    assert row["verbal_coop"] == 1 and row["material_conflict"] == 1
    assert row["goldstein_mean"] == -4.5 and row["coop_share"] == 0.5


def test_bootstrap_interval_brackets_the_estimate_and_repeats():
    stories = [[(1.0, 0.0)] * 3, [(0.0, 1.0)], [(1.0, 0.0), (0.0, 2.0)]]
    lo, hi = bootstrap_interval(stories)
    pos = sum(p for s in stories for p, _ in s)
    neg = sum(n for s in stories for _, n in s)
    assert lo <= alignment(pos, neg) <= hi
    assert (lo, hi) == bootstrap_interval(stories)
    assert bootstrap_interval([]) == (None, None)


def test_periods():
    d = date(2023, 3, 22)  # a Wednesday
    assert period_of(d, "day") == "2023-03-22"
    assert period_of(d, "week") == "2023-03-20"
    assert period_of(d, "month") == "2023-03"
    assert period_of(d, "all") == "all"


# -- the sample corpus ------------------------------------------------------------
def _all(store, a, b, **kw):
    [row] = dyads(store, a, b, by="all", **kw)
    return row


def test_china_and_russia_cooperate_in_the_corpus(corpus_store):
    row = _all(corpus_store, "CHN", "RUS")
    assert row["events"] >= 5
    assert row["verbal_coop"] + row["material_coop"] > row["verbal_conflict"] + row["material_conflict"]
    assert row["goldstein_mean"] > 0
    assert row["alignment"] > 0.5
    assert row["ci_low"] <= row["alignment"] <= row["ci_high"] and row["ci_high"] > 0.5


def test_armenia_and_azerbaijan_are_hostile_in_the_corpus(corpus_store):
    row = _all(corpus_store, "ARM", "AZE")
    assert row["verbal_conflict"] + row["material_conflict"] > row["verbal_coop"] + row["material_coop"]
    assert row["alignment"] < 0


def test_eu_sanctions_make_eu_and_russia_hostile(corpus_store):
    row = _all(corpus_store, "EU", "RUS")
    assert row["material_conflict"] >= 1 and row["goldstein_mean"] < 0 and row["alignment"] < -0.5


def test_counting_by_mention_counts_at_least_as_many(corpus_store):
    assert _all(corpus_store, "CHN", "RUS", count="mention")["events"] >= _all(corpus_store, "CHN", "RUS")["events"]


def test_weekly_rows_are_ordered_and_sum_to_the_total(corpus_store):
    rows = dyads(corpus_store, "CHN", "RUS", by="week")
    assert [r["period"] for r in rows] == sorted(r["period"] for r in rows)
    assert sum(r["events"] for r in rows) == _all(corpus_store, "CHN", "RUS")["events"]


def test_dyads_frame_has_the_json_columns(corpus_store):
    df = dyads_frame(corpus_store, "CHN", "RUS", by="month")
    assert list(df.columns[: len(COLUMNS)]) == COLUMNS
    assert len(df) >= 1


def test_dyads_cli_json_and_png(corpus_db, tmp_path):
    png = tmp_path / "chn_rus.png"
    result = CliRunner().invoke(cli, ["dyads", "CHN", "RUS", "--db", corpus_db, "--by", "week",
                                      "--format", "json", "--png", str(png)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and set(COLUMNS) <= set(rows[0])
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_frames_keep_columns_when_empty():
    import pytest

    from worldwire.analysis.frames import to_pandas, to_polars

    df = to_pandas([], columns=COLUMNS)
    assert list(df.columns) == COLUMNS and len(df) == 0
    pl = pytest.importorskip("polars")
    frame = to_polars([{"period": "all", "events": 2}])
    assert isinstance(frame, pl.DataFrame) and frame.height == 1


def test_a_dyad_needs_two_actors(corpus_db):
    result = CliRunner().invoke(cli, ["dyads", "CHN", "CHN", "--db", corpus_db])
    assert result.exit_code != 0 and "two different actors" in str(result.exception)
