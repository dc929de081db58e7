"""The relation network: who deals with whom, cooperatively or not (issue 7).

Nodes are actors: by default states (an actor counts under its country;
IGOs and groups such as the EU, NATO or "the West" as themselves; people and
organisations without a country are left out), or every actor id with
``level="actor"``. An edge joins two nodes for each counted event with one
among the sources and the other among the targets (dyadic), or both among the
sources (joint action). Counting, modalities and the alignment index are those
of the dyad series (:mod:`.dyads`, :mod:`.eventset`): one per (story, type,
pair, direction, day) by default.

Edge: ``events`` (dyadic), ``coop``, ``conflict``, ``joint``,
``goldstein_mean``, ``alignment`` and ``relation`` (cooperative when the
alignment is above ``RELATION_BAND``, hostile below minus it, else mixed).

Communities: Louvain (networkx, fixed seed) on the cooperation graph only,
each edge weighted by P - N of the alignment formula where that is positive:
a community is a group that lines up together; hostile edges never pull
actors into one. Central actors: most events, then most partners; betweenness
is given for each node.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from itertools import combinations

from .eventset import (CONFLICT, COOPERATION, COUNT_BY, COUNTED_MODALITIES, alignment, country_names, load_events,
                       node_key, representative, weight)

RELATION_BAND = 0.2
SEED = 0
LEVELS = ("state", "actor")


def network(store, since: date | None = None, until: date | None = None, level: str = "state",
            count: str = "story", modalities: tuple[str, ...] | None = COUNTED_MODALITIES,
            min_events: int = 1, top: int = 10) -> dict:
    """``{nodes, edges, communities, central}`` for events in the window.

    nodes: ``[{id, name, kind, events, coop, conflict, joint, partners,
    betweenness, community}]``; edges: ``[{a, b, events, coop, conflict, joint,
    goldstein_mean, alignment, relation}]`` (a < b); communities: lists of
    node ids, largest first; central: the ``top`` node ids by events then partners.
    Edges with fewer than ``min_events`` counted events (joint included) are dropped.
    """
    import networkx as nx

    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    if count not in COUNT_BY:
        raise ValueError(f"count must be one of {', '.join(COUNT_BY)}")
    names: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, Counter] = defaultdict(Counter)
    groups: dict[tuple, list] = defaultdict(list)
    for e in load_events(store, since, until, modalities):
        if count == "story" and e.copy:
            continue
        src, tgt = {}, {}
        for side, actors in ((src, e.source), (tgt, e.target)):
            for x in actors:
                k = node_key(x, level)
                if k is None:
                    continue
                side[k] = x
                if level == "actor" or x["actor_id"] == k:
                    names[k][x["name"]] += 1
                kinds[k]["state" if level == "state" and x.get("country") == k else x["kind"]] += 1
        seen = set()
        for s in src:
            for t in tgt:
                if s == t:
                    continue
                pair = tuple(sorted((s, t)))
                if pair in seen:
                    continue
                seen.add(pair)
                mutual = s in tgt and t in src
                direction = "mutual" if mutual else ("a->b" if s == pair[0] else "b->a")
                key = (pair, "dyadic", e.story_id, e.type, direction, e.day) if count == "story" else (pair, "dyadic", e.id)
                groups[key].append(e)
        for s, t in combinations(sorted(src), 2):
            pair = (s, t)
            if pair in seen or s in tgt or t in tgt:
                continue
            key = (pair, "joint", e.story_id, e.type, "joint", e.day) if count == "story" else (pair, "joint", e.id)
            groups[key].append(e)

    edges: dict[tuple, dict] = {}
    for key, evs in groups.items():
        pair, kind = key[0], key[1]
        quad, gold = representative(evs)
        ed = edges.setdefault(pair, {"a": pair[0], "b": pair[1], "events": 0, "coop": 0, "conflict": 0, "joint": 0,
                                     "_gold": 0.0, "_pos": 0.0, "_neg": 0.0, "_ids": []})
        ed["_ids"] += [e.id for e in evs]
        if kind == "joint":
            ed["joint"] += 1
            ed["_pos"] += weight(quad)
            continue
        ed["events"] += 1
        ed["_gold"] += gold
        if quad in COOPERATION:
            ed["coop"] += 1
            ed["_pos"] += weight(quad)
        elif quad in CONFLICT:
            ed["conflict"] += 1
            ed["_neg"] += weight(quad)
    out_edges = []
    for ed in edges.values():
        if ed["events"] + ed["joint"] < min_events:
            continue
        al = alignment(ed["_pos"], ed["_neg"])
        out_edges.append({
            "a": ed["a"], "b": ed["b"], "events": ed["events"], "coop": ed["coop"], "conflict": ed["conflict"],
            "joint": ed["joint"], "goldstein_mean": round(ed["_gold"] / ed["events"], 2) if ed["events"] else None,
            "alignment": round(al, 3),
            "relation": "cooperative" if al > RELATION_BAND else "hostile" if al < -RELATION_BAND else "mixed",
            "_pos": ed["_pos"], "_neg": ed["_neg"], "event_ids": ed["_ids"],
        })
    out_edges.sort(key=lambda x: (-(x["events"] + x["joint"]), x["a"], x["b"]))

    g = nx.Graph()
    for ed in out_edges:
        g.add_edge(ed["a"], ed["b"])
    comms = signed_communities(list(g.nodes), {(ed["a"], ed["b"]): (ed["_pos"], ed["_neg"]) for ed in out_edges})
    community = {n: i for i, c in enumerate(comms, start=1) for n in c}
    between = nx.betweenness_centrality(g) if g.number_of_nodes() > 2 else {n: 0.0 for n in g.nodes}

    nodes = []
    for n in g.nodes:
        inc = [ed for ed in out_edges if n in (ed["a"], ed["b"])]
        nodes.append({
            "id": n, "name": names[n].most_common(1)[0][0] if names[n] else country_names().get(n, n),
            "kind": kinds[n].most_common(1)[0][0] if kinds[n] else None,
            "events": sum(ed["events"] + ed["joint"] for ed in inc), "coop": sum(ed["coop"] for ed in inc),
            "conflict": sum(ed["conflict"] for ed in inc), "joint": sum(ed["joint"] for ed in inc),
            "partners": g.degree(n), "betweenness": round(between.get(n, 0.0), 3), "community": community.get(n),
        })
    nodes.sort(key=lambda x: (-x["events"], -x["partners"], x["id"]))
    for ed in out_edges:
        del ed["_pos"], ed["_neg"]
    return {"nodes": nodes, "edges": out_edges, "communities": comms, "central": [x["id"] for x in nodes[:top]],
            "level": level, "count": count,
            "since": since.isoformat() if since else None, "until": until.isoformat() if until else None}


def signed_modularity(parts: dict[str, int], weights: dict[tuple[str, str], tuple[float, float]]) -> float:
    """Modularity of a partition on a signed graph (Gómez, Jensen & Arenas 2009):
    positive weight inside communities beyond chance, minus negative weight
    inside beyond chance. ``weights``: (a, b) -> (positive, negative)."""
    kp: dict[str, float] = defaultdict(float)
    kn: dict[str, float] = defaultdict(float)
    for (a, b), (p, n) in weights.items():
        kp[a] += p
        kp[b] += p
        kn[a] += n
        kn[b] += n
    wp, wn = sum(kp.values()) / 2, sum(kn.values()) / 2
    if wp + wn == 0:
        return 0.0
    inside_p = sum(p for (a, b), (p, _) in weights.items() if parts[a] == parts[b])
    inside_n = sum(n for (a, b), (_, n) in weights.items() if parts[a] == parts[b])
    by_p: dict[int, float] = defaultdict(float)
    by_n: dict[int, float] = defaultdict(float)
    for v, c in parts.items():
        by_p[c] += kp[v]
        by_n[c] += kn[v]
    q = 0.0
    if wp:
        q += 2 * inside_p - sum(x * x for x in by_p.values()) / (2 * wp)
    if wn:
        q -= 2 * inside_n - sum(x * x for x in by_n.values()) / (2 * wn)
    return q / (2 * wp + 2 * wn)


def signed_communities(nodes: list[str], weights: dict[tuple[str, str], tuple[float, float]],
                       sweeps: int = 20) -> list[list[str]]:
    """Communities that line up together: Louvain (networkx, fixed seed) on the
    cooperation weights, then single-node moves while they raise the signed
    modularity, so that actors in conflict end up apart. Largest first."""
    import networkx as nx

    if not nodes:
        return []
    coop = nx.Graph()
    coop.add_nodes_from(nodes)
    for (a, b), (p, n) in weights.items():
        if p > 0:
            coop.add_edge(a, b, weight=p)
    parts = {v: i for i, c in enumerate(nx.community.louvain_communities(coop, weight="weight", seed=SEED)) for v in c}
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in weights:
        neighbours[a].add(b)
        neighbours[b].add(a)
    best = signed_modularity(parts, weights)
    for _ in range(sweeps):
        moved = False
        for v in sorted(nodes):
            here = parts[v]
            options = {parts[u] for u in neighbours[v]} | {max(parts.values()) + 1}
            for c in sorted(options - {here}):
                parts[v] = c
                q = signed_modularity(parts, weights)
                if q > best + 1e-12:
                    best, here, moved = q, c, True
                else:
                    parts[v] = here
        if not moved:
            break
    groups: dict[int, list[str]] = defaultdict(list)
    for v, c in parts.items():
        groups[c].append(v)
    return sorted((sorted(c) for c in groups.values()), key=lambda c: (-len(c), c))


def to_networkx(net: dict):
    """The network as a networkx Graph with node and edge attributes."""
    import networkx as nx

    g = nx.Graph()
    for n in net["nodes"]:
        g.add_node(n["id"], **{k: v for k, v in n.items() if k != "id" and v is not None})
    for ed in net["edges"]:
        attrs = {k: v for k, v in ed.items() if k not in ("a", "b", "event_ids") and v is not None}
        g.add_edge(ed["a"], ed["b"], weight=ed["events"] + ed["joint"], **attrs)
    return g


def write_gexf(net: dict, path) -> None:
    """GEXF for Gephi: nodes with community and counts, edges with relation and weight."""
    import networkx as nx

    nx.write_gexf(to_networkx(net), str(path))


def network_frames(store, **kwargs):
    """:func:`network` as two pandas DataFrames: (nodes, edges)."""
    from .frames import to_pandas

    net = network(store, **kwargs)
    return to_pandas(net["nodes"]), to_pandas([{k: v for k, v in e.items() if k != "event_ids"} for e in net["edges"]])
