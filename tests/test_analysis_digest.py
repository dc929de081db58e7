"""Story digests and actor summaries (issue 7) on the sample corpus."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from worldwire.analysis.actor_summary import actor_summary, actor_summary_text
from worldwire.analysis.digest import digest, story_reports
from worldwire.cli import cli


def _by_file(store):
    out = {}
    for a in store.articles():
        for loc in store.article(a["id"])["locations"]:
            out[loc.rsplit("/", 1)[-1]] = a["id"]
    return out


def test_digest_groups_what_several_outlets_report(corpus_store):
    files = _by_file(corpus_store)
    ids = [files["d_01_border_clash_tegh.txt"], files["d_02_clash_blame.html"]]
    out = digest(corpus_store, ids, k=4)
    assert [t["rank"] for t in out] == [1, 2, 3, 4]
    top = out[0]
    assert {s["article_id"] for s in top["sources"]} == set(ids)  # both outlets report the clash
    assert "Tegh" in top["text"] or "soldiers" in top["text"]
    assert all({"article_id", "source", "published", "sentence_index", "text"} <= set(s) for s in top["sources"])
    assert len({t["text"] for t in out}) == len(out)


def test_story_digest_uses_the_story_tables(corpus_store):
    files = _by_file(corpus_store)
    clash = files["d_02_clash_blame.html"]
    story = corpus_store.con.execute("SELECT story_id FROM article_dedup WHERE article_id = ?", [clash]).fetchone()[0]
    reports = story_reports(corpus_store, story)
    assert clash in reports
    assert files["d_06_clash_blame_spun.txt"] not in reports  # a rewrite repeats its report


def test_takeaways_story_cli(corpus_db, corpus_store):
    files = _by_file(corpus_store)
    story = corpus_store.con.execute("SELECT story_id FROM article_dedup WHERE article_id = ?",
                                     [files["d_02_clash_blame.html"]]).fetchone()[0]
    result = CliRunner().invoke(cli, ["takeaways", "--story", story[:10], "--db", corpus_db, "-k", "3",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 3 and rows[0]["sources"]
    result = CliRunner().invoke(cli, ["takeaways", "--db", corpus_db])
    assert result.exit_code != 0 and "ARTICLE" in result.output


@pytest.mark.parametrize("actor,partner,adversary", [("RUS", "CHN", "EU"), ("ARM", "RUS", "AZE")])
def test_actor_summary_partners_and_adversaries(corpus_store, actor, partner, adversary):
    s = actor_summary(corpus_store, actor)
    assert partner in [p["id"] for p in s["partners"]]
    assert adversary in [a["id"] for a in s["adversaries"]]
    assert s["events"] > 0 and sum(s["event_mix"]["quad"].values()) == s["events"]
    assert s["quotes"] and s["n_quotes"] >= len(s["quotes"])
    text = "\n".join(actor_summary_text(s))
    assert "partners:" in text and partner in text


def test_actor_summary_of_a_person(corpus_store):
    s = actor_summary(corpus_store, "xi-jinping")
    assert s["partners"] and s["partners"][0]["id"] == "RUS"
    assert all(q["speaker"] == "Xi Jinping" for q in s["quotes"])
