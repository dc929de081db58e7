"""Charts for the pages as inline SVG, drawn on the server (issue 8).

Altair specs rendered by vl-convert (the Vega engine ships inside its wheel),
so pages need no JavaScript and no network. The network graph is an SVG of
our own: each edge is a link to the events behind it.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from markupsafe import Markup, escape

from ..analysis.charts import QUAD_COLOURS, QUAD_LABELS, RELATION_COLOURS, RELATION_LABELS, _config

_KEYS = ("material_coop", "verbal_coop", "verbal_conflict", "material_conflict")


def svg(chart) -> Markup:
    """An Altair chart as an SVG string (vl-convert, offline).

    Rendering takes vl-convert a few hundred milliseconds, one chart at a time;
    the same spec (same data: a store snapshot does not change) is drawn once.
    """
    return Markup(_render(chart.to_json(indent=None)))


def warm_up() -> None:
    """Start vl-convert's JavaScript engine (several seconds the first time) before any page needs it."""
    import vl_convert as vlc

    vlc.vegalite_to_svg({"data": {"values": [{"x": 1}]}, "mark": "point", "encoding": {"x": {"field": "x"}}})


@lru_cache(maxsize=256)
def _render(spec: str) -> str:
    import vl_convert as vlc

    text = vlc.vegalite_to_svg(spec)
    return text[text.find("<svg"):]


def quad_bars(rows: list[dict], title: str, width: int = 640) -> Markup | None:
    """Events per period by quad class, cooperation above the line, conflict below."""
    import altair as alt
    import pandas as pd

    if not rows:
        return None
    periods = [r["period"] for r in rows]
    long = [{"period": r["period"], "kind": label, "events": sign * r[key], "n": r[key]}
            for r in rows for label, key, sign in zip(QUAD_LABELS, _KEYS, (1, 1, -1, -1)) if r[key]]
    chart = alt.Chart(pd.DataFrame(long, columns=["period", "kind", "events", "n"])).mark_bar().encode(
        x=alt.X("period:O", sort=periods, title="week (start)", axis=alt.Axis(labelAngle=-40)),
        y=alt.Y("sum(events):Q", title="events (conflict below 0)", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("kind:N", title="Event class", scale=alt.Scale(domain=QUAD_LABELS, range=QUAD_COLOURS),
                        sort=QUAD_LABELS),
        order=alt.Order("kind:N"),
    ).properties(width=width, height=220, title=title)
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#333").encode(y="y:Q")
    return svg(_config(chart + zero))


def roles_chart(rows: list[dict], name: str) -> Markup | None:
    """An actor's events per week, as actor and as recipient."""
    import altair as alt
    import pandas as pd

    if not rows:
        return None
    long = [{"period": r["period"], "role": role, "events": r[key]}
            for r in rows for role, key in (("as actor", "as_source"), ("as recipient", "as_target")) if r[key]]
    chart = alt.Chart(pd.DataFrame(long, columns=["period", "role", "events"])).mark_bar().encode(
        x=alt.X("period:O", title="week (start)", axis=alt.Axis(labelAngle=-40)),
        xOffset="role:N",
        y=alt.Y("events:Q", title="events", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("role:N", title="Role", scale=alt.Scale(range=["#4c566a", "#d08770"])),
    ).properties(width=max(320, 60 * len(rows)), height=200, title=f"Events of {name} per week")
    return svg(_config(chart))


def dyad_svg(rows: list[dict], a: str, b: str, by: str) -> Markup | None:
    from ..analysis.charts import dyad_chart

    return svg(dyad_chart(rows, a, b, by=by)) if rows else None


def network_svg(net: dict, max_nodes: int = 40, width: int = 1120, height: int = 680) -> Markup | None:
    """Nodes by a fixed-seed force layout; each edge a link to ``/events?actor=A&actor2=B``,
    coloured by relation (blue cooperative, red hostile, grey mixed), as wide as its events."""
    import networkx as nx

    from ..analysis.charts import COMMUNITY_COLOURS, _label, _packed_layout

    keep = {n["id"] for n in net["nodes"][:max_nodes]}
    if not keep:
        return None
    nodes = [n for n in net["nodes"] if n["id"] in keep]
    edges = [e for e in net["edges"] if e["a"] in keep and e["b"] in keep]
    g = nx.Graph()
    g.add_nodes_from(sorted(keep))
    for e in edges:
        g.add_edge(e["a"], e["b"], weight=e["events"] + e["joint"])
    # one component (the usual case): Kamada-Kawai spreads a dense core more evenly
    # than the spring layout; islands are packed beside it as in the PNG chart
    pos = nx.kamada_kawai_layout(g) if nx.is_connected(g) and len(g) > 2 else _packed_layout(g)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    pad = 60

    def at(n: str) -> tuple[float, float]:
        x, y = pos[n]
        sx = (x - min(xs)) / ((max(xs) - min(xs)) or 1)
        sy = (max(ys) - y) / ((max(ys) - min(ys)) or 1)
        return pad + sx * (width - 2 * pad), pad + sy * (height - 2 * pad)

    colour = dict(zip(RELATION_LABELS, RELATION_COLOURS))
    top = max((e["events"] + e["joint"] for e in edges), default=1)
    big = max((n["events"] for n in nodes), default=1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="relation network">']
    for e in edges:
        (x1, y1), (x2, y2) = at(e["a"]), at(e["b"])
        w = 1.5 + 8 * (e["events"] + e["joint"]) / top
        href = f"/events?actor={quote(e['a'], safe='')}&amp;actor2={quote(e['b'], safe='')}"
        tip = (f"{e['a']} – {e['b']}: {e['relation']}, {e['events']} events ({e['coop']} cooperation, "
               f"{e['conflict']} conflict), {e['joint']} joint, alignment {e['alignment']:+.2f}")
        parts.append(f'<a href="{href}" class="edge" data-a="{escape(e["a"])}" data-b="{escape(e["b"])}">'
                     f'<title>{escape(tip)}</title>'
                     f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke="{colour.get(e["relation"], "#999")}" stroke-width="{w:.1f}" stroke-opacity="0.75"/>'
                     f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="transparent" '
                     f'stroke-width="12"/></a>')
    for n in nodes:
        x, y = at(n["id"])
        r = 5 + 14 * (n["events"] / big) ** 0.5
        fill = COMMUNITY_COLOURS[(n["community"] - 1) % len(COMMUNITY_COLOURS)] if n["community"] else "#bbb"
        tip = f"{n['name']} ({n['id']}): {n['events']} events, {n['partners']} partners"
        parts.append(f'<a href="/actors/{quote(n["id"], safe="")}" class="node"><title>{escape(tip)}</title>'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" stroke="#fff" stroke-width="1.5"/>'
                     f'<text x="{x:.1f}" y="{y - r - 4:.1f}" text-anchor="middle">{escape(_label(n, net.get("level")))}'
                     f'</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
