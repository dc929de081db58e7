"""The relation network (issue 7): signed communities by hand, then the sample corpus."""

from __future__ import annotations

import json

import networkx as nx
from click.testing import CliRunner

from worldwire.analysis.network import network, network_frames, signed_communities, to_networkx
from worldwire.cli import cli


def test_signed_communities_keep_hostile_blocs_apart():
    weights = {("A", "B"): (5.0, 0.0), ("B", "C"): (5.0, 0.0), ("A", "C"): (4.0, 0.0),
               ("X", "Y"): (5.0, 0.0), ("Y", "Z"): (5.0, 0.0), ("X", "Z"): (4.0, 0.0),
               ("C", "X"): (1.0, 6.0), ("A", "Z"): (0.0, 3.0)}
    comms = signed_communities(["A", "B", "C", "X", "Y", "Z"], weights)
    assert sorted(comms) == [["A", "B", "C"], ["X", "Y", "Z"]]


def _edge(net, a, b):
    a, b = sorted((a, b))
    return next(e for e in net["edges"] if e["a"] == a and e["b"] == b)


def _community(net, node):
    return next(n["community"] for n in net["nodes"] if n["id"] == node)


def test_corpus_network_shows_the_described_relations(corpus_store):
    net = network(corpus_store)
    chn_rus = _edge(net, "CHN", "RUS")
    assert chn_rus["relation"] == "cooperative" and chn_rus["goldstein_mean"] > 0 and chn_rus["coop"] > chn_rus["conflict"]
    assert _community(net, "CHN") == _community(net, "RUS")
    arm_aze = _edge(net, "ARM", "AZE")
    assert arm_aze["alignment"] < 0 and arm_aze["conflict"] > arm_aze["coop"]
    assert _edge(net, "EU", "RUS")["relation"] == "hostile"
    assert {"RUS", "CHN", "UKR"} <= set(net["central"][:5])


def test_nodes_are_states_by_default_and_actors_on_request(corpus_store):
    states = {n["id"] for n in network(corpus_store)["nodes"]}
    assert "xi-jinping" not in states and "CHN" in states and "EU" in states
    actors = {n["id"] for n in network(corpus_store, level="actor")["nodes"]}
    assert "xi-jinping" in actors


def test_network_as_networkx_and_frames(corpus_store):
    net = network(corpus_store, since=None, min_events=2)
    g = to_networkx(net)
    assert g.number_of_edges() == len(net["edges"]) and all(e["events"] + e["joint"] >= 2 for e in net["edges"])
    nodes, edges = network_frames(corpus_store)
    assert {"id", "community", "betweenness"} <= set(nodes.columns)
    assert {"a", "b", "relation", "alignment"} <= set(edges.columns)


def test_network_cli_writes_gexf_json_and_png(corpus_db, tmp_path):
    gexf, png, out = tmp_path / "net.gexf", tmp_path / "net.png", tmp_path / "net.json"
    result = CliRunner().invoke(cli, ["network", "--db", corpus_db, "--format", "gexf", "--out", str(gexf),
                                      "--png", str(png)])
    assert result.exit_code == 0, result.output
    g = nx.read_gexf(gexf)
    assert g.has_edge("CHN", "RUS")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    result = CliRunner().invoke(cli, ["network", "--db", corpus_db, "--format", "json", "--out", str(out),
                                      "--since", "2023-04-01", "--until", "2023-05-31"])
    assert result.exit_code == 0, result.output
    net = json.loads(out.read_text())
    assert net["since"] == "2023-04-01" and not any(e["a"] == "CHN" and e["b"] == "RUS" for e in net["edges"][:1])


def test_network_png_needs_out(corpus_db):
    result = CliRunner().invoke(cli, ["network", "--db", corpus_db, "--format", "png"])
    assert result.exit_code != 0 and "--out" in result.output
