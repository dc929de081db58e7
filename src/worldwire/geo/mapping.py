"""Event maps: events on the Natural Earth 1:110m country outlines shipped in
``geo/data/countries_110m.json`` (public domain). No tiles, no network.

:func:`render_map` draws a PNG with matplotlib (``worldwire events
--png-map``); the web app draws SVG (``web/maps.py``) from the same pieces
here: :func:`places_of` (events by place), :func:`_extent` (the view fitted to
the events), :func:`fit_view` and :func:`outline_path` (an equirectangular
projection of that view and the outlines inside it, rounded to pixels).

One circle per place, its area by the number of events there, its colour by
the events' most frequent quad class (CAMEO: 1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict). Country-precision
locations sit at the country's point (the centroid of its largest polygon).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from .gazetteer import read_outlines

QUAD_COLOURS = {1: "#2a9d8f", 2: "#1d4e89", 3: "#f4a261", 4: "#c1121f"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _extent(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(lon0, lon1, lat0, lat1): the events with a margin, at least 16° wide; the world when they span it."""
    if not points:
        return -180, 180, -60, 85
    lons = [p[1] for p in points]
    lats = [p[0] for p in points]
    lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
    if lon1 - lon0 > 200:
        return -180, 180, -60, 85
    w = max(lon1 - lon0, 16.0)
    h = max(lat1 - lat0, 10.0)
    cx, cy = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    w, h = w * 1.35, h * 1.5
    lon0, lon1 = max(-180.0, cx - w / 2), min(180.0, cx + w / 2)
    lat0, lat1 = max(-85.0, cy - h / 2), min(85.0, cy + h / 2)
    return lon0, lon1, lat0, lat1


def _aspect(lat0: float, lat1: float) -> float:
    """Degrees of latitude per degree of longitude on screen: 1/cos(middle latitude), so that
    shapes are right in the middle of the view (equirectangular; at most 1/0.3)."""
    return 1 / max(math.cos(math.radians((lat0 + lat1) / 2)), 0.3)


def fit_view(extent: tuple[float, float, float, float], width: int = 900, min_height: int = 300,
             max_height: int = 520) -> tuple[tuple[float, float, float, float], int]:
    """The extent (lon0, lon1, lat0, lat1) widened so that it fills ``width`` × height pixels
    undistorted (:func:`_aspect`), the height kept within [min_height, max_height]; and that height."""
    lon0, lon1, lat0, lat1 = extent
    height = width * (lat1 - lat0) * _aspect(lat0, lat1) / (lon1 - lon0)
    if height > max_height:  # too tall: show more longitude
        span = min(360.0, (lat1 - lat0) * _aspect(lat0, lat1) * width / max_height)
        lon0, lon1 = _widen(lon0, lon1, span, -180.0, 180.0)
    elif height < min_height:  # too flat: show more latitude (the aspect changes with it: a few rounds)
        for _ in range(4):
            span = min(170.0, min_height * (lon1 - lon0) / (width * _aspect(lat0, lat1)))
            lat0, lat1 = _widen(lat0, lat1, span, -85.0, 85.0)
    height = width * (lat1 - lat0) * _aspect(lat0, lat1) / (lon1 - lon0)
    return (lon0, lon1, lat0, lat1), max(1, round(height))


def _widen(lo: float, hi: float, span: float, floor: float, ceiling: float) -> tuple[float, float]:
    """[lo, hi] grown to ``span`` about its middle, moved back inside [floor, ceiling]."""
    mid = (lo + hi) / 2
    lo, hi = mid - span / 2, mid + span / 2
    if lo < floor:
        lo, hi = floor, min(ceiling, floor + span)
    elif hi > ceiling:
        lo, hi = max(floor, ceiling - span), ceiling
    return lo, hi


def _clip(ring: list[tuple[int, int]], x0: int, y0: int, x1: int, y1: int) -> list[tuple[int, int]]:
    """A polygon clipped to a rectangle (Sutherland–Hodgman); the cut edges run along the rectangle."""
    def cut(points, inside, cross):
        out = []
        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        return out

    def at_x(x):
        return lambda p, q: (x, round(p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0])))

    def at_y(y):
        return lambda p, q: (round(p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1])), y)

    for inside, cross in ((lambda p: p[0] >= x0, at_x(x0)), (lambda p: p[0] <= x1, at_x(x1)),
                          (lambda p: p[1] >= y0, at_y(y0)), (lambda p: p[1] <= y1, at_y(y1))):
        ring = cut(ring, inside, cross)
        if not ring:
            break
    return ring


@lru_cache(maxsize=1)
def _outlines() -> dict[str, dict]:
    return read_outlines()


@lru_cache(maxsize=64)
def outline_path(view: tuple[float, float, float, float], width: int, height: int) -> str:
    """The country outlines inside ``view`` (lon0, lon1, lat0, lat1) projected onto ``width`` ×
    ``height`` pixels (equirectangular, north up), as SVG path data: every point rounded to a
    pixel, repeated points dropped, rings clipped to the view (with a margin) and rings under
    two pixels across left out; relative moves keep it short. Cached per view."""
    lon0, lon1, lat0, lat1 = view
    sx, sy = width / (lon1 - lon0), height / (lat1 - lat0)
    m = 4  # the margin: clipped edges fall outside what is shown
    parts: list[str] = []
    for country in _outlines().values():
        for ring in country["polygons"]:
            pts: list[tuple[int, int]] = []
            for lon, lat in ring:
                p = (round((lon - lon0) * sx), round((lat1 - lat) * sy))
                if not pts or p != pts[-1]:
                    pts.append(p)
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            if max(xs) < -m or min(xs) > width + m or max(ys) < -m or min(ys) > height + m:
                continue
            if max(xs) - min(xs) < 2 and max(ys) - min(ys) < 2:
                continue
            pts = _clip(pts, -m, -m, width + m, height + m)
            pts = [p for i, p in enumerate(pts) if p != pts[i - 1]]
            if len(pts) < 3:
                continue
            x, y = pts[0]
            steps = []
            for px, py in pts[1:]:
                steps.append(f"{px - x} {py - y}")
                x, y = px, py
            parts.append(f"M{pts[0][0]} {pts[0][1]}l" + " ".join(steps) + "z")
    return "".join(parts).replace(" -", "-")


def located(event: dict) -> bool:
    """Does an event have a location with coordinates (one a map can show)?"""
    loc = event.get("location")
    return bool(loc) and loc.get("lat") is not None and loc.get("lon") is not None


def places_of(events: list[dict]) -> list[dict]:
    """Events grouped by place: [{name, country, lat, lon, precision, n, quad}] by count."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for e in events:
        if located(e):
            loc = e["location"]
            groups[(loc["name"], loc.get("country"), round(loc["lat"], 3), round(loc["lon"], 3))].append(e)
    out = []
    for (name, country, lat, lon), evs in groups.items():
        quad = Counter(e.get("quad_class") for e in evs).most_common(1)[0][0]
        out.append({"name": name, "country": country, "lat": lat, "lon": lon, "n": len(evs), "quad": quad,
                    "precision": evs[0]["location"].get("precision")})
    return sorted(out, key=lambda p: (-p["n"], p["name"]))


def _labels(fig, ax, places: list[dict]) -> None:
    """Label the busiest places, each where it overlaps no label drawn before
    (tried right, left, above, below); a place with no free spot goes unlabelled."""
    fig.canvas.draw()
    to_px = ax.transData.transform
    placed: list[tuple[float, float, float, float]] = []
    for p in places:
        text = f"{p['name']} ({p['n']})"
        w, h = 6.2 * len(text) + 6, 15.0
        x, y = to_px((p["lon"], p["lat"]))
        for dx, dy in ((9, 4), (9, -h - 2), (-w - 9, 4), (-w - 9, -h - 2), (-w / 2, 12), (-w / 2, -h - 12)):
            box = (x + dx, y + dy, x + dx + w, y + dy + h)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                placed.append(box)
                ax.annotate(text, (p["lon"], p["lat"]), xytext=(dx * 72 / fig.dpi, dy * 72 / fig.dpi),
                            textcoords="offset points", fontsize=9, zorder=4, va="bottom",
                            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85})
                break


def render_map(events: list[dict], path: str | Path, title: str | None = None) -> dict:
    """Draw ``events`` (the store's JSON shape) to a PNG at ``path``; returns
    {events, located, places}."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection
    from matplotlib.lines import Line2D

    places = places_of(events)
    located = sum(p["n"] for p in places)
    lon0, lon1, lat0, lat1 = _extent([(p["lat"], p["lon"]) for p in places])
    aspect = _aspect(lat0, lat1)
    width = 12.0
    height = max(4.0, min(9.0, width * (lat1 - lat0) * aspect / (lon1 - lon0) + 1.2))
    fig, ax = plt.subplots(figsize=(width, height), dpi=110)
    ax.set_facecolor("#dbe9f4")
    polys = []
    for c in _outlines().values():
        for ring in c["polygons"]:
            polys.append(ring)
    ax.add_collection(PolyCollection(polys, facecolors="#f4f1ea", edgecolors="#9a9a9a", linewidths=0.5, zorder=1))
    step = 5 if lon1 - lon0 <= 40 else 10 if lon1 - lon0 <= 90 else 30
    for x in range(-180, 181, step):
        ax.axvline(x, color="white", lw=0.4, zorder=0.5)
    for y in range(-90, 91, step):
        ax.axhline(y, color="white", lw=0.4, zorder=0.5)
    biggest = max((p["n"] for p in places), default=1)
    for p in sorted(places, key=lambda p: -p["n"]):
        size = 40 + 900 * p["n"] / biggest
        ax.scatter(p["lon"], p["lat"], s=size, color=QUAD_COLOURS.get(p["quad"], "#555"), alpha=0.75,
                   edgecolors="black", linewidths=0.6, zorder=3,
                   marker="o" if p["precision"] == "city" else "s" if p["precision"] == "country" else "D")
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(aspect)
    _labels(fig, ax, places[:20])
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    handles = [Line2D([], [], marker="o", ls="", color=c, markersize=9, label=QUAD_NAMES[q]) for q, c in QUAD_COLOURS.items()]
    handles += [Line2D([], [], marker=m, ls="", color="#777", markersize=7, label=f"{lbl} precision")
                for m, lbl in (("o", "city"), ("D", "region"), ("s", "country"))]
    ax.legend(handles=handles, loc="lower left", fontsize=8, framealpha=0.9)
    ax.set_title(title or f"{located} of {len(events)} events at {len(places)} places", fontsize=12)
    fig.text(0.99, 0.01, "worldwire · country outlines: Natural Earth 1:110m (public domain)", ha="right",
             fontsize=7, color="#555")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return {"events": len(events), "located": located, "places": len(places)}
