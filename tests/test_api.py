"""The Python API (issue 12): typed results that are still lists of dicts."""

from __future__ import annotations

import json

import pytest

import worldwire
from worldwire.api import Record, Results


@pytest.fixture()
def store(corpus_db):
    s = worldwire.open_store(corpus_db, read_only=True)
    yield s
    s.close()


def test_queries_return_results_that_are_still_lists_of_dicts(store, corpus_store):
    events = store.events(actor="RUS", type="CONSULT")
    assert isinstance(events, Results) and isinstance(events, list) and events.kind == "events"
    assert events == corpus_store.events(actor="RUS", type="CONSULT")  # same rows as the plain store
    e = events[0]
    assert isinstance(e, Record) and isinstance(e, dict)
    assert e.type == e["type"] == "CONSULT"
    with pytest.raises(AttributeError):
        e.no_such_field
    assert json.loads(json.dumps(events)) == [dict(x) for x in events]
    assert isinstance(events[:2], Results) and len(events[:2]) == 2
    for name in ("quotes", "articles", "actors"):
        rows = getattr(store, name)()
        assert isinstance(rows, Results) and rows == getattr(corpus_store, name)()


def test_results_convert_to_frames_and_arrow(store):
    events = store.events(actor="CHN")
    df = events.to_pandas()
    assert len(df) == len(events) and list(df["id"]) == [e["id"] for e in events]
    assert list(df.columns[:3]) == ["published", "type", "mode"]
    table = events.to_arrow()
    assert table.num_rows == len(events) and table.column("id").to_pylist() == [e["id"] for e in events]
    pytest.importorskip("polars")
    pl_df = events.to_polars()
    assert pl_df.height == len(events) and pl_df["type"].to_list() == [e["type"] for e in events]
    empty = store.events(actor="NO-SUCH-ACTOR")
    assert empty == [] and list(empty.to_pandas().columns[:2]) == ["published", "type"]


def test_results_render_in_jupyter(store):
    quotes = store.quotes(kind="direct")
    html = quotes._repr_html_()
    assert html.startswith("<div>") and f"{len(quotes)} rows" in html and "<th>speaker_text</th>" in html
    assert "<script" not in html
    assert "<table>" in quotes[0]._repr_html_()
    assert repr(quotes).startswith("<Results quotes:")


def test_dyads_network_and_takeaways(store):
    from worldwire.analysis.dyads import dyads

    d = store.dyads("CHN", "RUS", by="week")
    assert isinstance(d, Results) and d == dyads(store, "CHN", "RUS", by="week")
    assert list(d.to_pandas()["period"]) == [r["period"] for r in d]
    net = store.network()
    assert isinstance(net.nodes, Results) and net.nodes and net["nodes"] is net.nodes
    nodes, edges = net.to_pandas()
    assert len(nodes) == len(net.nodes) and len(edges) == len(net.edges)
    assert net.to_networkx().number_of_nodes() == len(net.nodes)
    assert "nodes" in net._repr_html_()
    article = store.articles()[0]
    t = store.takeaways(article.id[:8], k=3)
    assert isinstance(t, Results) and 0 < len(t) <= 3 and t[0].rank == 1


def test_store_export(store, tmp_path):
    n = store.export("events", tmp_path / "e.jsonl", actor="RUS")
    assert n == len(store.events(actor="RUS"))


def test_process_codes_one_text_in_memory(coder):
    from datetime import date

    coded = worldwire.process("Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on "
                              "Tuesday, and the two leaders signed two joint statements on their partnership.",
                              date=date(2023, 3, 21), coder=coder)
    assert coded.events and {e.type for e in coded.events} & {"CONSULT", "AGREE"}
