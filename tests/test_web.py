"""The web app and REST API (issue 8): every route as HTML and JSON, one error shape, read-only."""

from __future__ import annotations

import re
import subprocess
import sys

import duckdb
import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from worldwire.store import open_store  # noqa: E402
from worldwire.web import create_app  # noqa: E402
from worldwire.web.views import MAX_PAGE, annotated_text  # noqa: E402

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def client(corpus_db):
    return TestClient(create_app(corpus_db))


@pytest.fixture(scope="module")
def ids(corpus_db):
    """An article with events, its story, and a dyad with counted events."""
    from worldwire.store.stories import stories

    with open_store(corpus_db, read_only=True) as s:
        art = next(a for a in s.articles() if a["n_events"] >= 3)
        story = stories(s)[0]["id"]
        a, b, _ = s.top_pairs(1)[0]
    return {"article": art["id"], "title": art["title"], "story": story, "a": a, "b": b}


def _routes(ids) -> list[str]:
    return ["/", "/articles", f"/articles/{ids['article']}", f"/actors/{ids['a']}", f"/dyads/{ids['a']}/{ids['b']}",
            "/network", "/events", "/stories", f"/stories/{ids['story']}"]


def _json_path(path: str) -> str:
    return "/index.json" if path == "/" else path + ".json"


def assert_error(r, status: int) -> None:
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status and isinstance(body["error"], str) and body["error"]
    assert "Traceback" not in body["error"]


def test_every_page_renders_as_html(client, ids):
    for path in _routes(ids):
        r = client.get(path, headers=HTML)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html"), path
        assert "<h1>" in r.text and "Traceback" not in r.text, path


def test_every_page_has_a_json_twin_by_suffix_and_by_accept_header(client, ids):
    for path in _routes(ids):
        by_suffix = client.get(_json_path(path))
        by_header = client.get(path, headers={"accept": "application/json"})
        assert by_suffix.status_code == by_header.status_code == 200, path
        assert by_suffix.json()["ok"] is True
        assert by_suffix.json() == by_header.json(), path


def test_json_twin_shapes(client, ids):
    home = client.get("/index.json").json()
    assert {"counts", "events_by_week", "top_dyads", "latest_stories"} <= set(home)
    assert home["counts"]["articles"] > 0 and home["top_dyads"]
    art = client.get(f"/articles/{ids['article']}.json").json()
    assert {"article", "events", "quotes", "mentions", "takeaways", "copies"} <= set(art)
    assert art["article"]["id"] == ids["article"] and art["events"] and art["takeaways"]
    actor = client.get(f"/actors/{ids['a']}.json").json()
    assert {"kb", "store", "over_time", "summary", "events"} <= set(actor)
    dyad = client.get(f"/dyads/{ids['a']}/{ids['b']}.json").json()
    assert dyad["series"] and dyad["events"]
    net = client.get("/network.json").json()
    assert net["nodes"] and net["edges"] and {"a", "b", "relation", "event_ids"} <= set(net["edges"][0])
    story = client.get(f"/stories/{ids['story']}.json").json()
    assert story["story"]["id"] == ids["story"] and story["story"]["members"] and "digest" in story


def test_pages_show_what_their_json_twin_holds(client, ids):
    rows = client.get("/articles.json").json()["rows"]
    page = client.get("/articles", headers=HTML).text
    for row in rows:
        assert f'/articles/{row["id"]}"' in page
    net = client.get("/network.json").json()
    page = client.get("/network", headers=HTML).text
    for e in net["edges"][:5]:
        assert f'data-a="{e["a"]}" data-b="{e["b"]}"' in page  # each edge of the graph links to its events


def test_article_page_highlights_records_and_anchors_sentences(client, ids):
    view = client.get(f"/articles/{ids['article']}.json").json()
    page = client.get(f"/articles/{ids['article']}", headers=HTML).text
    assert 'class="event"' in page or 'class="event ' in page
    for e in view["events"]:
        assert f'e:{e["id"]}' in page
        assert f'id="s{e["sentence_index"]}"' in page


def test_dyad_evidence_links_to_the_sentence_in_its_article(client, ids):
    dyad = client.get(f"/dyads/{ids['a']}/{ids['b']}.json").json()
    page = client.get(f"/dyads/{ids['a']}/{ids['b']}", headers=HTML).text
    e = dyad["events"][0]
    link = f'/articles/{e["article_id"]}#s{e["sentence_index"]}'
    assert link in page
    assert "<svg" in page  # the chart, drawn on the server
    article = client.get(f'/articles/{e["article_id"]}', headers=HTML).text
    assert f'id="s{e["sentence_index"]}"' in article


def test_events_search_filters(client):
    every = client.get("/events.json", params={"size": MAX_PAGE}).json()
    assert every["total"] > 0
    consult = client.get("/events.json", params={"type": "CONSULT", "size": MAX_PAGE}).json()
    assert consult["rows"] and all(e["type"] == "CONSULT" for e in consult["rows"])
    word = next(w for w in every["rows"][0]["sentence"].split() if len(w) > 5)
    found = client.get("/events.json", params={"q": word.lower(), "size": MAX_PAGE}).json()
    assert found["rows"] and all(word.lower() in e["sentence"].lower() or word.lower() in e["trigger"]["text"].lower()
                                 for e in found["rows"])
    pair = client.get("/events.json", params={"actor": "CHN", "actor2": "RUS"}).json()
    for e in pair["rows"]:
        sides = [x.get("country") or x["actor_id"] for x in e["source"] + e["target"]]
        assert "CHN" in sides and "RUS" in sides
    asserted = client.get("/events.json", params={"modality": "negated"}).json()
    assert all(e["modality"] == "negated" for e in asserted["rows"])


def test_events_pagination(client):
    first = client.get("/events.json", params={"size": 5, "page": 1}).json()
    second = client.get("/events.json", params={"size": 5, "page": 2}).json()
    assert first["size"] == 5 and len(first["rows"]) == 5 and first["pages"] == -(-first["total"] // 5)
    assert {e["id"] for e in first["rows"]}.isdisjoint({e["id"] for e in second["rows"]})
    beyond = client.get("/events.json", params={"size": 5, "page": first["pages"] + 1}).json()
    assert beyond["rows"] == []


def test_empty_form_fields_mean_no_filter(client):
    r = client.get("/events?actor=&type=&modality=&since=&until=&q=", headers=HTML)
    assert r.status_code == 200


def test_page_size_is_capped(client):
    assert_error(client.get("/events.json", params={"size": MAX_PAGE + 1}), 400)
    assert_error(client.get("/articles.json", params={"size": 0}), 400)


def test_bad_parameters_answer_400(client):
    assert_error(client.get("/events.json", params={"since": "yesterday"}), 400)
    assert_error(client.get("/events.json", params={"modality": "maybe"}), 400)
    assert_error(client.get("/network.json", params={"level": "galaxy"}), 400)
    assert_error(client.get("/dyads/RUS/RUS.json"), 400)  # a dyad needs two actors


def test_unknown_things_answer_404_in_the_error_shape(client):
    assert_error(client.get("/articles/ffffffffffff.json"), 404)
    assert_error(client.get("/actors/no-such-actor-anywhere.json"), 404)
    assert_error(client.get("/stories/ffffffffffff.json"), 404)
    assert_error(client.get("/no/such/page"), 404)
    r = client.get("/articles/ffffffffffff", headers=HTML)
    assert r.status_code == 404 and "No article" in r.text


def test_the_server_is_read_only(client):
    assert_error(client.post("/events", json={}), 405)
    assert_error(client.put("/articles/x"), 405)
    assert_error(client.delete("/stories"), 405)


def test_openapi_lists_every_route(client, ids):
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/", "/articles", "/articles/{article_id}", "/actors/{actor_id}", "/dyads/{a}/{b}",
                                  "/network", "/events", "/stories", "/stories/{story_id}"}
    assert all(set(ops) == {"get"} for ops in spec["paths"].values())


def test_no_cors_headers_by_default(client):
    r = client.get("/index.json", headers={"origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers


def test_an_unexpected_error_answers_500_without_details(corpus_db, monkeypatch):
    from worldwire.web import views

    def broken(store):
        raise ZeroDivisionError("secret internals")

    monkeypatch.setattr(views, "overview", broken)
    c = TestClient(create_app(corpus_db), raise_server_exceptions=False)
    for headers in ({"accept": "application/json"}, HTML):
        r = c.get("/", headers=headers)
        assert_error(r, 500)
        assert "secret" not in r.text and "ZeroDivisionError" not in r.text


def test_missing_store_answers_503(tmp_path):
    c = TestClient(create_app(tmp_path / "none.duckdb"))
    assert_error(c.get("/index.json"), 503)
    assert "worldwire ingest" in c.get("/index.json").json()["error"]


def test_store_from_an_older_schema_answers_503_saying_how_to_migrate(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER, name VARCHAR, applied_at TIMESTAMP)")
    con.execute("INSERT INTO schema_migrations VALUES (1, 'initial', now())")
    con.close()
    r = TestClient(create_app(path)).get("/index.json")
    assert_error(r, 503)
    assert "migrate" in r.json()["error"]


def _hold_write_lock(path):
    """Another process that holds the store's write lock until its stdin closes."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
                               "sys.stdin.read(); c.close()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ready"
    return holder


def test_store_locked_before_any_snapshot_answers_503(corpus_db, tmp_path):
    import shutil

    path = tmp_path / "locked.duckdb"
    shutil.copy(corpus_db, path)
    holder = _hold_write_lock(path)
    try:
        r = TestClient(create_app(path)).get("/index.json")
        assert_error(r, 503)
        assert "being written" in r.json()["error"]
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert TestClient(create_app(path)).get("/index.json").status_code == 200  # the writer is gone


def test_store_locked_after_a_snapshot_keeps_answering_from_it(corpus_db, tmp_path):
    import shutil

    path = tmp_path / "locked.duckdb"
    shutil.copy(corpus_db, path)
    c = TestClient(create_app(path))
    before = c.get("/index.json")
    assert before.status_code == 200 and "X-Worldwire-Snapshot" in before.headers
    holder = _hold_write_lock(path)
    try:
        during = c.get("/index.json")
        assert during.status_code == 200
        assert during.json()["counts"] == before.json()["counts"]
        assert c.get("/events.json?type=CONSULT").status_code == 200
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_request_limits(client):
    assert_error(client.get("/events.json?q=" + "x" * 5000), 414)
    assert_error(client.request("GET", "/events.json", content=b"x" * 100), 413)
    assert client.get("/events.json?q=" + "x" * 150).status_code == 200  # a long but sane query is answered


def test_answers_carry_an_etag_and_revalidate(client):
    first = client.get("/events.json?type=CONSULT")
    etag = first.headers["ETag"]
    again = client.get("/events.json?type=CONSULT")
    assert again.content == first.content and again.headers["ETag"] == etag
    assert client.get("/events.json?type=CONSULT", headers={"If-None-Match": etag}).status_code == 304
    html = client.get("/events?type=CONSULT", headers=HTML)
    assert html.headers["ETag"] != etag and html.text.lstrip().startswith("<!")  # one entry per representation
    assert client.get("/events.json?type=AGREE").headers["ETag"] != etag


def test_article_text_is_escaped(code, tmp_path):
    text = ("Russia accused Ukraine of shelling the plant on Monday. <script>alert('x')</script> "
            "The Kremlin said it would respond to the attack <img src=x onerror=alert(1)> soon.")
    coded = code(text)
    path = tmp_path / "xss.duckdb"
    with open_store(path) as s:
        s.write(coded)
    c = TestClient(create_app(path))
    page = c.get(f"/articles/{coded.article.id}", headers=HTML).text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(" in page
    assert c.get(f"/articles/{coded.article.id}.json").json()["article"]["text"] == coded.article.text


def test_annotated_text_nests_marks_and_escapes():
    text = 'Xi said "we & Russia agree" today.'
    view = {
        "article": {"text": text, "sections": [], "sentences": [{"index": 0, "start": 0, "end": len(text)}]},
        "mentions": [{"start": 0, "end": 2, "name": "Xi Jinping", "actor_id": "xi-jinping", "method": "kb"},
                     {"start": 14, "end": 20, "name": "Russia", "actor_id": "RUS", "method": "kb"}],
        "quotes": [{"id": "q1", "start": 9, "end": 26, "kind": "direct", "speaker": {"name": "Xi Jinping"}}],
        "events": [{"id": "e1", "trigger": {"text": "agree", "start": 21, "end": 26}, "type": "AGREE",
                    "modality": "asserted", "source": [{"name": "Xi Jinping"}], "target": []}],
    }
    html = str(annotated_text(view))
    assert html.startswith('<a class="anchor" id="s0"></a>')
    assert "we &amp; " in html
    assert re.search(r'<span class="actor quote" data-rec="m1 q:q1"[^>]*>Russia</span>', html)
    assert re.search(r'<span class="event quote" data-rec="q:q1 e:e1"[^>]*>agree</span>', html)
    assert re.sub(r"<[^>]+>", "", html).replace("&amp;", "&").replace("&#34;", '"') == text


def test_serve_command_is_registered_and_needs_a_store(tmp_path):
    from click.testing import CliRunner

    from worldwire.cli import cli

    r = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code != 0 and "No store" in r.output
    assert "--host" in CliRunner().invoke(cli, ["serve", "--help"]).output
