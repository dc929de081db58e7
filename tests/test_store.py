"""The DuckDB store: migrations, atomic idempotent writes, query shapes and filters."""

from __future__ import annotations

import dataclasses
from datetime import date

import duckdb
import pytest

from worldwire.errors import NotFoundError
from worldwire.records import ActorRef, Article, CodedArticle, Event, Mention, Quote, Section, Sentence, Span
from worldwire.store import open_store
from worldwire.store.schema import MIGRATIONS

TABLES = {"articles", "article_locations", "sentences", "actors", "mentions", "events", "event_actors", "quotes"}
# Tables of migration 2 (duplicates, rewrites and stories; tested in test_dedup.py)
DEDUP_TABLES = {"dedup_fingerprints", "dedup_bands", "article_dedup", "story_terms", "story_term_df"}
# Tables of migration 6 (fetch state and feed entries; tested in test_fetch.py)
FETCH_TABLES = {"fetch_state", "feed_entries"}
HANOI_ID = "5eed0000aaaa1111"
ANKARA_ID = "5eed0000bbbb2222"

HANOI_TEXT = (
    "Talks in Hanoi\n\n"
    "Indonesian President Joko Widodo met Vietnamese leaders in Hanoi on Monday. "
    "Widodo said: “We are neighbours and friends.” "
    "Vietnam urged Indonesia to release detained fishermen."
)
ANKARA_TEXT = (
    "Turkey and Sweden agreed on Thursday to form a joint committee on security concerns, "
    "Turkish officials said after talks in Ankara."
)


def _ref(text: str, sentence_text: str, offset: int, actor_id: str, name: str, kind: str, country: str | None,
         sector: str | None = None) -> ActorRef:
    start = offset + sentence_text.index(text)
    return ActorRef(actor_id, name, kind, country, sector, text, start, start + len(text))


def _sentences(article_id: str, text: str, parts: list[str]) -> list[Sentence]:
    out = []
    for i, part in enumerate(parts):
        start = text.index(part)
        out.append(Sentence(article_id, i, start, start + len(part), part))
    return out


def hanoi(article_id: str = HANOI_ID, location: str = "harbourline/hanoi.txt") -> CodedArticle:
    text = HANOI_TEXT
    article = Article(article_id, text, "https://harbourline.example/hanoi", location, title="Widodo in Hanoi",
                      published=date(2023, 3, 20), source="Harbourline Daily", author="Linh Carvalho",
                      sections=[Section("Talks in Hanoi", 0, 14)])
    s0, s1, s2 = _sentences(article_id, text, [
        "Indonesian President Joko Widodo met Vietnamese leaders in Hanoi on Monday.",
        "Widodo said: “We are neighbours and friends.”",
        "Vietnam urged Indonesia to release detained fishermen.",
    ])
    widodo = _ref("Joko Widodo", s0.text, s0.start, "joko-widodo", "Joko Widodo", "person", "IDN", "GOV")
    vietnamese = _ref("Vietnamese leaders", s0.text, s0.start, "VNM", "Vietnam", "state", "VNM")
    widodo2 = _ref("Widodo", s1.text, s1.start, "joko-widodo", "Joko Widodo", "person", "IDN", "GOV")
    vietnam = _ref("Vietnam", s2.text, s2.start, "VNM", "Vietnam", "state", "VNM")
    indonesia = _ref("Indonesia", s2.text, s2.start, "IDN", "Indonesia", "state", "IDN")
    mentions = [Mention(article_id, 0, widodo, "kb"), Mention(article_id, 0, vietnamese, "kb"),
                Mention(article_id, 1, widodo2, "coref"), Mention(article_id, 2, vietnam, "kb"),
                Mention(article_id, 2, indonesia, "kb")]
    met = text.index(" met ") + 1
    urged = text.index("urged")
    events = [
        Event(f"{article_id}-e0", article_id, 0, s0.text, Span("met", met, met + 3), "CONSULT", "visit", None,
              "asserted", [widodo], [vietnamese], "04", "042", 1.9, 1, 0.9, "consult.meet"),
        Event(f"{article_id}-e1", article_id, 2, s2.text, Span("urged", urged, urged + 5), "REQUEST", None, None,
              "asserted", [vietnam], [indonesia], "10", "100", -5.0, 1, 0.8, "request.urge"),
    ]
    qstart = text.index("We are")
    qtext = "We are neighbours and friends."
    quotes = [
        Quote(f"{article_id}-q0", article_id, 1, qtext, qstart, qstart + len(qtext), "direct", "said",
              widodo2.text, widodo2.start, widodo2.end, widodo2),
        Quote(f"{article_id}-q1", article_id, 2, s2.text, s2.start, s2.end, "indirect", None, None, None, None, None),
    ]
    return CodedArticle(article, [s0, s1, s2], mentions, events, quotes)


def ankara(article_id: str = ANKARA_ID) -> CodedArticle:
    text = ANKARA_TEXT
    article = Article(article_id, text, "https://bosporus.example/ankara", "bosporus/ankara.html",
                      title="Turkey and Sweden form committee", published=date(2023, 6, 15), source="Bosporus Post")
    [s0] = _sentences(article_id, text, [text])
    turkey = _ref("Turkey", text, 0, "TUR", "Turkey", "state", "TUR")
    sweden = _ref("Sweden", text, 0, "SWE", "Sweden", "state", "SWE")
    agreed = text.index("agreed")
    event = Event(f"{article_id}-e0", article_id, 0, text, Span("agreed", agreed, agreed + 6), "AGREE", None, None,
                  "asserted", [turkey, sweden], [], "05", "057", 4.0, 1, 0.7, "agree.agree")
    return CodedArticle(article, [s0], [Mention(article_id, 0, turkey, "kb"), Mention(article_id, 0, sweden, "kb")],
                        [event], [])


@pytest.fixture
def fresh_store(tmp_path):
    with open_store(tmp_path / "fresh.duckdb") as store:
        yield store


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    with open_store(tmp_path_factory.mktemp("store") / "filled.duckdb") as store:
        store.write(hanoi())
        store.write(ankara())
        yield store


def _tables(store) -> set[str]:
    return {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


# -- migrations -----------------------------------------------------------------


def test_migrations_create_every_table(fresh_store):
    assert _tables(fresh_store) == TABLES | DEDUP_TABLES | FETCH_TABLES | {"schema_migrations"}


def test_migrations_record_every_schema_version(fresh_store):
    versions = sorted(v for v, _, _ in MIGRATIONS)
    assert fresh_store.schema_version() == versions[-1]
    assert fresh_store.con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall() == [
        (v,) for v in versions]


def test_reopening_a_store_does_not_reapply_migrations(tmp_path):
    path = tmp_path / "twice.duckdb"
    with open_store(path) as store:
        store.write(hanoi())
        first = store.con.execute("SELECT * FROM schema_migrations").fetchall()
    with open_store(path) as store:
        assert store.con.execute("SELECT * FROM schema_migrations").fetchall() == first
        assert store.counts()["articles"] == 1


def test_read_only_store_can_be_queried(tmp_path):
    path = tmp_path / "ro.duckdb"
    with open_store(path) as store:
        store.write(hanoi())
    with open_store(path, read_only=True) as store:
        assert [a["id"] for a in store.articles()] == [HANOI_ID]


# -- writes ---------------------------------------------------------------------


def test_write_stores_every_row(fresh_store):
    assert fresh_store.write(hanoi()) == "stored"
    assert fresh_store.counts() == {"articles": 1, "article_locations": 1, "sentences": 3, "mentions": 5,
                                    "actors": 3, "events": 2, "event_actors": 4, "quotes": 2}


def test_writing_the_same_article_again_is_unchanged(fresh_store):
    fresh_store.write(hanoi())
    before = fresh_store.counts()
    assert fresh_store.write(hanoi()) == "unchanged"
    assert fresh_store.counts() == before


def test_same_article_from_new_location_adds_one_location_row(fresh_store):
    fresh_store.write(hanoi())
    before = fresh_store.counts()
    assert fresh_store.write(hanoi(location="mirror/hanoi-copy.txt")) == "location"
    assert fresh_store.counts() == {**before, "article_locations": before["article_locations"] + 1}
    assert fresh_store.article(HANOI_ID)["locations"] == ["harbourline/hanoi.txt", "mirror/hanoi-copy.txt"]


def test_shared_actors_are_stored_once(fresh_store):
    fresh_store.write(hanoi())
    fresh_store.write(hanoi(article_id="5eed0000cccc3333"))
    assert fresh_store.counts()["actors"] == 3


def _rows_of(store, article_id: str) -> dict[str, int]:
    q = {t: f"SELECT count(*) FROM {t} WHERE article_id = ?" for t in TABLES - {"articles", "actors", "event_actors"}}
    q["articles"] = "SELECT count(*) FROM articles WHERE id = ?"
    q["event_actors"] = "SELECT count(*) FROM event_actors WHERE event_id LIKE ? || '%'"
    return {t: store.con.execute(sql, [article_id]).fetchone()[0] for t, sql in q.items()}


def test_failed_write_leaves_no_row_of_the_article(fresh_store):
    fresh_store.write(ankara())
    before = fresh_store.counts()
    bad = hanoi()
    bad.mentions.append(Mention(HANOI_ID, 2, _ref("fishermen", bad.sentences[2].text, bad.sentences[2].start,
                                                  "~fishermen", "fishermen", "group", None), "role"))
    bad.events[1] = dataclasses.replace(bad.events[1], type=None)  # NOT NULL column: the write fails midway
    with pytest.raises(duckdb.Error):
        fresh_store.write(bad)
    assert set(_rows_of(fresh_store, HANOI_ID).values()) == {0}
    assert fresh_store.counts() == before
    assert not fresh_store.con.execute("SELECT 1 FROM actors WHERE actor_id = '~fishermen'").fetchall()


def test_store_still_works_after_a_failed_write(fresh_store):
    bad = hanoi()
    bad.events[0] = dataclasses.replace(bad.events[0], type=None)
    with pytest.raises(duckdb.Error):
        fresh_store.write(bad)
    assert fresh_store.write(hanoi()) == "stored"
    assert _rows_of(fresh_store, HANOI_ID) == {"articles": 1, "article_locations": 1, "sentences": 3, "mentions": 5,
                                               "events": 2, "event_actors": 4, "quotes": 2}


# -- queries ----------------------------------------------------------------------

EVENT_KEYS = {"id", "article_id", "article_url", "published", "sentence", "sentence_index", "type", "mode",
              "context", "modality", "trigger", "source", "target", "cameo_root", "cameo_code", "goldstein",
              "quad_class", "confidence", "method", "location", "date", "date_precision", "date_reason", "tone"}
ACTOR_KEYS = {"actor_id", "name", "kind", "country", "sector", "text", "start", "end", "reason"}


def test_events_have_the_documented_shape(filled):
    events = filled.events()
    assert events and all(set(e) == EVENT_KEYS for e in events)
    assert all(set(a) == ACTOR_KEYS for e in events for a in e["source"] + e["target"])


def test_event_round_trips_its_values(filled):
    coded = hanoi()
    e = next(e for e in filled.events() if e["id"] == f"{HANOI_ID}-e0")
    src = coded.events[0]
    assert e["trigger"] == {"text": "met", "start": src.trigger.start, "end": src.trigger.end}
    assert HANOI_TEXT[e["trigger"]["start"]:e["trigger"]["end"]] == "met"
    assert e["source"] == [src.source[0].to_dict()] and e["target"] == [src.target[0].to_dict()]
    assert (e["article_url"], e["sentence"], e["sentence_index"], e["type"], e["mode"], e["modality"]) == (
        "https://harbourline.example/hanoi", src.sentence, 0, "CONSULT", "visit", "asserted")
    assert (e["cameo_root"], e["goldstein"], e["quad_class"], e["confidence"], e["method"]) == (
        "04", 1.9, 1, 0.9, "consult.meet")


def test_event_with_two_sources_keeps_their_order(filled):
    [e] = filled.events(article=ANKARA_ID)
    assert [a["actor_id"] for a in e["source"]] == ["TUR", "SWE"] and e["target"] == []


def _ids(rows) -> list[str]:
    return [r["id"] for r in rows]


def test_events_filter_by_article_prefix(filled):
    assert _ids(filled.events(article="5eed0000b")) == [f"{ANKARA_ID}-e0"]


@pytest.mark.parametrize("actor", ["joko-widodo", "JOKO WIDODO", "joko widodo"])
def test_events_filter_by_actor_id_or_name(filled, actor):
    assert _ids(filled.events(actor=actor)) == [f"{HANOI_ID}-e0"]


def test_events_filter_by_actor_country(filled):
    assert _ids(filled.events(actor="IDN")) == [f"{HANOI_ID}-e0", f"{HANOI_ID}-e1"]


def test_events_filter_by_type_case_insensitively(filled):
    assert _ids(filled.events(type="request")) == [f"{HANOI_ID}-e1"]


def test_events_filter_since_and_until(filled):
    assert _ids(filled.events(since=date(2023, 6, 1))) == [f"{ANKARA_ID}-e0"]
    assert _ids(filled.events(until=date(2023, 3, 20))) == [f"{HANOI_ID}-e0", f"{HANOI_ID}-e1"]
    assert filled.events(since=date(2023, 3, 21), until=date(2023, 6, 14)) == []


def test_quotes_have_the_documented_shape(filled):
    quotes = filled.quotes()
    assert len(quotes) == 2
    assert all({"id", "article_id", "article_url", "text", "kind", "cue", "speaker", "start", "end"} <= set(q)
               for q in quotes)


def test_quote_speaker_is_an_actor_or_none(filled):
    direct, indirect = filled.quotes()
    assert (direct["kind"], direct["cue"], direct["text"]) == ("direct", "said", "We are neighbours and friends.")
    assert HANOI_TEXT[direct["start"]:direct["end"]] == direct["text"]
    assert direct["speaker"] == hanoi().quotes[0].speaker.to_dict()
    assert (indirect["kind"], indirect["speaker"]) == ("indirect", None)


def test_articles_have_the_documented_shape(filled):
    rows = filled.articles()
    assert all(set(r) == {"id", "url", "title", "published", "source", "sections", "tone", "n_events", "n_quotes"}
               for r in rows)
    assert rows[0] == {"id": HANOI_ID, "url": "https://harbourline.example/hanoi", "title": "Widodo in Hanoi",
                       "published": "2023-03-20", "source": "Harbourline Daily",
                       "sections": [{"heading": "Talks in Hanoi", "start": 0, "end": 14}], "tone": None,
                       "n_events": 2, "n_quotes": 2}


def test_articles_are_ordered_by_published_date(filled):
    assert _ids(filled.articles()) == [HANOI_ID, ANKARA_ID]


def test_resolve_article_id_with_unique_prefix(filled):
    assert filled.resolve_article_id("5eed0000a") == HANOI_ID


def test_resolve_unknown_article_id_raises_not_found(filled):
    with pytest.raises(NotFoundError, match="No article with id 'ffff'"):
        filled.resolve_article_id("ffff")


def test_resolve_ambiguous_prefix_raises_not_found(filled):
    with pytest.raises(NotFoundError, match="ambiguous"):
        filled.resolve_article_id("5eed")
