"""Charts as PNG files, rendered offline: Altair specs, drawn by vl-convert
(the Vega engine and its fonts ship inside the vl-convert wheel; nothing is
fetched). Blue is cooperation, red is conflict, everywhere."""

from __future__ import annotations

from pathlib import Path

QUAD_LABELS = ["Material cooperation", "Verbal cooperation", "Verbal conflict", "Material conflict"]
QUAD_COLOURS = ["#08519c", "#6baed6", "#fc9272", "#cb181d"]
RELATION_LABELS = ["cooperative", "mixed", "hostile"]
RELATION_COLOURS = ["#2166ac", "#9e9e9e", "#d6604d"]
# communities: neither blue nor red, so they never read as cooperation or conflict
COMMUNITY_COLOURS = ["#1b9e77", "#e6ab02", "#7570b3", "#66a61e", "#a6761d", "#e7298a", "#999999", "#17becf"]
FONT = "DejaVu Sans"


def _config(chart):
    return (chart.configure(font=FONT)
            .configure_title(fontSize=17, anchor="start", subtitleFontSize=12, subtitleColor="#555")
            .configure_axis(labelFontSize=12, titleFontSize=13)
            .configure_legend(labelFontSize=12, titleFontSize=13)
            .configure_view(strokeWidth=0))


def dyad_chart(rows: list[dict], a: str, b: str, by: str = "week", count: str = "story"):
    """Two panels over the periods: events by quad class (cooperation up,
    conflict down) and the alignment index with its 95% interval."""
    import altair as alt
    import pandas as pd

    periods = [r["period"] for r in rows]
    long = []
    for r in rows:
        for label, key, sign in zip(QUAD_LABELS, ("material_coop", "verbal_coop", "verbal_conflict", "material_conflict"),
                                    (1, 1, -1, -1)):
            if r[key]:
                long.append({"period": r["period"], "kind": label, "events": sign * r[key], "n": r[key]})
    bars_df = pd.DataFrame(long, columns=["period", "kind", "events", "n"])
    x = alt.X("period:O", sort=periods, title=f"{by} (start)" if by in ("week",) else by,
              axis=alt.Axis(labelAngle=-40))
    bars = alt.Chart(bars_df).mark_bar().encode(
        x=x,
        y=alt.Y("sum(events):Q", title="events (conflict below 0)", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("kind:N", title="Event class", scale=alt.Scale(domain=QUAD_LABELS, range=QUAD_COLOURS),
                        sort=QUAD_LABELS),
        order=alt.Order("kind:N"),
        tooltip=["period", "kind", "n"],
    ).properties(width=max(360, 48 * len(periods)), height=220,
                 title=alt.TitleParams(f"Events between {a} and {b}, by {by}",
                                       subtitle=f"counted by {count}; cooperation above the line, conflict below"))
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#333").encode(y="y:Q")
    from .network import RELATION_BAND

    def relation(v: float) -> str:
        return "cooperative" if v > RELATION_BAND else "hostile" if v < -RELATION_BAND else "mixed"

    al_df = pd.DataFrame([{"period": r["period"], "alignment": r["alignment"], "ci_low": r["ci_low"],
                           "ci_high": r["ci_high"], "sign": relation(r["alignment"])}
                          for r in rows], columns=["period", "alignment", "ci_low", "ci_high", "sign"])
    relation_scale = alt.Scale(domain=RELATION_LABELS, range=RELATION_COLOURS)
    y = alt.Y("alignment:Q", title="alignment (−1 hostile … +1 aligned)", scale=alt.Scale(domain=[-1, 1]))
    band = alt.Chart(al_df).mark_rule(strokeWidth=3, opacity=0.45).encode(
        x=x, y=alt.Y("ci_low:Q", scale=alt.Scale(domain=[-1, 1])), y2="ci_high:Q",
        color=alt.Color("sign:N", title="Alignment", scale=relation_scale))
    line = alt.Chart(al_df).mark_line(color="#555", strokeDash=[4, 3]).encode(x=x, y=y)
    points = alt.Chart(al_df).mark_point(filled=True, size=110, opacity=1).encode(
        x=x, y=y, color=alt.Color("sign:N", title="Alignment", scale=relation_scale),
        tooltip=["period", "alignment", "ci_low", "ci_high"])
    lower = (zero + band + line + points).properties(
        width=max(360, 48 * len(periods)), height=200,
        title=alt.TitleParams(f"Alignment of {a} and {b}",
                              subtitle="(P − N) / (P + N + 1); bars: 95% bootstrap interval over stories"))
    return _config(alt.vconcat(bars + zero, lower).resolve_scale(color="independent"))


def network_chart(net: dict, max_nodes: int = 40, title: str | None = None):
    """Nodes placed by a force layout (fixed seed), sized by events and filled by
    community; edges coloured by relation and as wide as their event count."""
    import altair as alt
    import networkx as nx
    import pandas as pd

    keep = {n["id"] for n in net["nodes"][:max_nodes]}
    nodes = [n for n in net["nodes"] if n["id"] in keep]
    edges = [e for e in net["edges"] if e["a"] in keep and e["b"] in keep]
    g = nx.Graph()
    g.add_nodes_from(keep)
    for e in edges:
        g.add_edge(e["a"], e["b"], weight=e["events"] + e["joint"])
    pos = _packed_layout(g)
    edf = pd.DataFrame([{"a": e["a"], "b": e["b"], "x": pos[e["a"]][0], "y": pos[e["a"]][1],
                         "x2": pos[e["b"]][0], "y2": pos[e["b"]][1], "relation": e["relation"],
                         "events": e["events"] + e["joint"], "alignment": e["alignment"]} for e in edges],
                       columns=["a", "b", "x", "y", "x2", "y2", "relation", "events", "alignment"])
    ndf = pd.DataFrame([{"id": n["id"], "label": _label(n, net.get("level")), "name": n["name"],
                         "x": pos[n["id"]][0], "y": pos[n["id"]][1],
                         "events": n["events"],
                         "community": f"group {n['community']}" if n["community"] is not None else "none"}
                        for n in nodes], columns=["id", "label", "name", "x", "y", "events", "community"])
    axis = dict(axis=None)
    xs_, ys_ = [p[0] for p in pos.values()] or [0.0], [p[1] for p in pos.values()] or [0.0]
    pad_x, pad_y = 0.08 * (max(xs_) - min(xs_) or 1), 0.1 * (max(ys_) - min(ys_) or 1)
    xs = alt.Scale(domain=[min(xs_) - pad_x, max(xs_) + pad_x])
    ys = alt.Scale(domain=[min(ys_) - pad_y, max(ys_) + pad_y])
    e_layer = alt.Chart(edf).mark_rule(opacity=0.75).encode(
        x=alt.X("x:Q", scale=xs, **axis), y=alt.Y("y:Q", scale=ys, **axis), x2="x2:Q", y2="y2:Q",
        color=alt.Color("relation:N", title="Relation (edge)",
                        scale=alt.Scale(domain=RELATION_LABELS, range=RELATION_COLOURS)),
        strokeWidth=alt.StrokeWidth("events:Q", title="Events (edge width)", scale=alt.Scale(range=[1, 9])),
        tooltip=["a", "b", "relation", "events", "alignment"])
    n_layer = alt.Chart(ndf).mark_circle(stroke="white", strokeWidth=1.5, opacity=1).encode(
        x=alt.X("x:Q", scale=xs, **axis), y=alt.Y("y:Q", scale=ys, **axis),
        size=alt.Size("events:Q", title="Events (node size)", scale=alt.Scale(range=[80, 1400])),
        fill=alt.Fill("community:N", title="Community", scale=alt.Scale(range=COMMUNITY_COLOURS)),
        tooltip=["id", "name", "events", "community"])
    labels = alt.Chart(ndf).mark_text(dy=-14, fontSize=12, fontWeight="bold", color="#222").encode(
        x=alt.X("x:Q", scale=xs, **axis), y=alt.Y("y:Q", scale=ys, **axis), text="label:N")
    when = " – ".join(x for x in (net.get("since"), net.get("until")) if x) or "all dates"
    chart = (e_layer + n_layer + labels).properties(
        width=820, height=640,
        title=alt.TitleParams(title or f"Relation network ({'states' if net.get('level') == 'state' else 'actors'}, {when})",
                              subtitle="edges: blue cooperative, red hostile, grey mixed; width = events; "
                                       "node fill = community (who lines up together); size = events"),
    ).resolve_scale(color="independent")
    return _config(chart)


def _label(node: dict, level: str | None) -> str:
    """States and IGOs by their code; people by name (surname when long); others by name."""
    if node["kind"] == "person":
        return node["name"] if len(node["name"]) <= 14 else node["name"].split()[-1]
    if node["id"].startswith("~"):
        return node["name"]
    return node["id"]


def _packed_layout(g) -> dict:
    """A force layout per connected component (fixed seed), components packed
    in rows, each in a square whose area grows with its node count, so that
    small islands do not squeeze the main component into a corner."""
    import networkx as nx

    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c))
    if not comps:
        return {}
    sides = [2.0 * max(1, len(c)) ** 0.5 for c in comps]
    width = max(sides[0], 1.3 * sum(x * x for x in sides) ** 0.5)
    pos, x, y, row_h = {}, 0.0, 0.0, 0.0
    for comp, side in zip(comps, sides):
        if x > 0 and x + side > width:
            x, y, row_h = 0.0, y - row_h, 0.0
        sub = g.subgraph(comp)
        if len(comp) == 1:
            local = {comp[0]: (0.0, 0.0)}
        else:
            local = nx.spring_layout(sub, seed=0, weight="weight", iterations=200)
        half = side / 2 * 0.8
        for n, (px, py) in local.items():
            pos[n] = (x + side / 2 + px * half, y - side / 2 + py * half)
        x += side
        row_h = max(row_h, side)
    return pos


def save_png(chart, path: str | Path, scale: float = 2.0) -> Path:
    """Render an Altair chart to PNG offline (vl-convert)."""
    path = Path(path)
    chart.save(str(path), format="png", scale_factor=scale)
    return path
