"""The bundled sample corpus, coded end to end: what `make demo` stores."""

from __future__ import annotations

from datetime import date

import pytest

from worldwire.pipeline import ingest
from worldwire.store import open_store

from conftest import CORPUS


@pytest.fixture(scope="module")
def store(tmp_path_factory, coder):
    s = open_store(tmp_path_factory.mktemp("corpus") / "corpus.duckdb")
    outcomes = list(ingest([str(CORPUS)], s, coder))
    assert [o for o in outcomes if o.status == "rejected"] == []
    yield s
    s.close()


@pytest.fixture(scope="module")
def articles(store):
    return {store.article(a["id"])["locations"][0].rsplit("/", 1)[-1]: a for a in store.articles()}


@pytest.fixture(scope="module")
def events(store):
    return store.events()


def _countries(actors):
    return {a["country"] or a["actor_id"] for a in actors}


def _of(events, article, type_, source, target=None):
    return [e for e in events if e["article_id"] == article["id"] and e["type"] == type_
            and source <= _countries(e["source"]) and (target is None or target <= _countries(e["target"]))]


def test_every_sample_is_stored_with_a_date_and_an_outlet(articles):
    assert len(articles) == 26
    assert all(a["published"] and a["source"] and a["title"] for a in articles.values())


def test_corpus_spans_six_weeks_and_four_stories_from_two_outlets(articles):
    days = sorted(date.fromisoformat(a["published"]) for a in articles.values())
    assert (days[-1] - days[0]).days >= 42
    outlets: dict[str, set[str]] = {}
    for name, a in articles.items():
        story = name[0] if not name.startswith("part") else None
        if story:
            outlets.setdefault(story, set()).add(a["source"])
    assert sum(len(v) >= 2 for v in outlets.values()) >= 4


def test_html_headings_become_sections(articles):
    sections = articles["a_02_xi_putin_statement.html"]["sections"]
    assert [s["heading"] for s in sections] == ["A peace plan without a withdrawal", "The pipeline question", "Washington unmoved"]


def test_pashinyan_accuses_azerbaijan(events, articles):
    found = _of(events, articles["d_02_clash_blame.html"], "ACCUSE", {"ARM"}, {"AZE"})
    assert found and found[0]["source"][0]["name"] == "Nikol Pashinyan"


def test_china_protests_to_japan_over_the_g7(events, articles):
    assert _of(events, articles["b_03_china_protests_g7.txt"], "PROTEST", {"CHN"}, {"JPN"})


def test_biden_meets_zelensky_in_hiroshima(events, articles):
    assert _of(events, articles["b_04_f16_coalition.html"], "CONSULT", {"USA"}, {"UKR"})


def test_xi_and_putin_sign_statements(events, articles):
    signed = [e for e in _of(events, articles["a_02_xi_putin_statement.html"], "AGREE", {"CHN", "RUS"}, {"CHN", "RUS"})
              if e["trigger"]["text"] == "signed"]
    assert len(signed) == 1
    assert signed[0]["mode"] == "sign" and signed[0]["cameo_code"] == "057" and signed[0]["modality"] == "asserted"


def test_eu_sanctions_russia(events, articles):
    found = _of(events, articles["e_02_hungary_blocks.html"], "SANCTION", {"EU"}, {"RUS"})
    assert found and found[0]["quad_class"] == 4


def test_no_event_is_coded_from_a_heading(store, events):
    for e in events:
        a = store.article(e["article_id"])
        heads = {s["heading"] for s in a["sections"]}
        assert e["sentence"] not in heads


def test_spans_index_the_text(store, events):
    texts = {}
    for e in events:
        text = texts.setdefault(e["article_id"], store.article(e["article_id"])["text"])
        assert text[e["trigger"]["start"] : e["trigger"]["end"]] == e["trigger"]["text"]
        for actor in e["source"] + e["target"]:
            assert text[actor["start"] : actor["end"]] == actor["text"]
    for q in store.quotes():
        text = texts.setdefault(q["article_id"], store.article(q["article_id"])["text"])
        assert text[q["start"] : q["end"]].strip() == q["text"]


def test_quotes_keep_their_speakers_in_the_reworded_copy(store, articles):
    """d_06 is a spun copy of d_02: its quotations survive and keep their speakers."""
    def speakers(name):
        return {q["text"]: (q["speaker"] or {}).get("actor_id")
                for q in store.quotes(article=articles[name]["id"]) if q["kind"] == "direct"}

    original, copy = speakers("d_02_clash_blame.html"), speakers("d_06_clash_blame_spun.txt")
    shared = set(original) & set(copy)
    assert len(shared) >= 2
    assert all(original[t] == copy[t] for t in shared)


def test_xi_quote_in_moscow(store, articles):
    quotes = store.quotes(article=articles["a_04_xi_leaves_moscow.html"]["id"])
    quotes += store.quotes(article=articles["a_02_xi_putin_statement.html"]["id"])
    assert any(q["speaker"] and q["speaker"]["actor_id"] == "xi-jinping" and q["kind"] == "direct" for q in quotes)


def test_reingesting_the_corpus_changes_nothing(store, coder):
    before = store.counts()
    outcomes = list(ingest([str(CORPUS)], store, coder))
    assert {o.status for o in outcomes} == {"unchanged"}
    assert store.counts() == before
