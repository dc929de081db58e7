"""Event maps for the pages as inline SVG, drawn on the server: no tiles, no
script, no network.

The map is the web counterpart of ``worldwire events --png-map``
(:mod:`worldwire.geo.mapping`), from the same pieces: the places of the events
(:func:`~worldwire.geo.mapping.places_of`, computed by the view), the view
fitted to them (:func:`~worldwire.geo.mapping._extent`, :func:`~worldwire.geo.mapping.fit_view`)
and the Natural Earth 1:110m country outlines projected onto it, rounded to
pixels (:func:`~worldwire.geo.mapping.outline_path`, cached per view). One
circle per place, its size by the number of events there, its colour by their
most frequent quad class, dashed when the place is a region or a country; each
has a tooltip and links to the event search at that place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from markupsafe import Markup, escape

from ..geo.mapping import QUAD_COLOURS, QUAD_NAMES, _extent, fit_view, outline_path

WIDTH = 900
MAX_PLACES = 300  # circles drawn: the busiest places (keeps the page small); the JSON twin has them all
LEGEND = 44  # pixels under the map for the legend


@dataclass
class EventMap:
    """What a page shows: the SVG, the places drawn (each with its ``href``), the places left out."""

    svg: Markup
    places: list[dict] = field(default_factory=list)
    left_out: int = 0


def place_url(filters: dict, place: dict) -> str:
    """The event search with ``filters`` (the page's own) narrowed to ``place``:
    ``/events?...&place=NAME&country=ISO3``."""
    query = {k: v for k, v in filters.items() if v and k not in ("place", "country", "page")}
    query["place"] = place["name"]
    if place.get("country"):
        query["country"] = place["country"]
    return "/events?" + urlencode(query)


def _tooltip(p: dict) -> str:
    where = f"{p['name']}, {p['country']}" if p.get("country") else p["name"]
    events = f"{p['n']} event" + ("" if p["n"] == 1 else "s")
    quad = QUAD_NAMES.get(p.get("quad"), "unclassified")
    return f"{where}: {events}, mostly {quad} ({p.get('precision') or 'unknown'} precision)"


def event_map(places: list[dict], filters: dict, unlocated: int = 0, what: str = "events") -> EventMap | None:
    """The SVG map of ``places`` (``[{name, country, lat, lon, precision, n, quad}]``, busiest
    first), each circle linking to :func:`place_url` with ``filters``; ``unlocated`` (the events
    without a location) is said in its description. None when there are no places."""
    if not places:
        return None
    shown = places[:MAX_PLACES]
    view, height = fit_view(_extent([(p["lat"], p["lon"]) for p in shown]), WIDTH)
    lon0, lon1, lat0, lat1 = view
    sx, sy = WIDTH / (lon1 - lon0), height / (lat1 - lat0)
    biggest = max(p["n"] for p in shown)
    n = sum(p["n"] for p in places)
    busiest = ", ".join(f"{p['name']}{' (' + p['country'] + ')' if p.get('country') else ''} {p['n']}"
                        for p in shown[:5])
    title = f"Map of {n} {what} at {len(places)} place{'s' if len(places) != 1 else ''}"
    desc = (f"Country outlines with one circle per place, its size by the number of {what} there and its colour "
            f"by their most frequent class. Busiest: {busiest}."
            + (f" The {len(shown)} busiest places are drawn." if len(shown) < len(places) else "")
            + (f" {unlocated} {what} without a location are not shown." if unlocated else ""))
    out = [f'<svg class="map" viewBox="0 0 {WIDTH} {height + LEGEND}" width="{WIDTH}" height="{height + LEGEND}" '
           f'role="img" aria-labelledby="map-title map-desc">',
           f'<title id="map-title">{escape(title)}</title><desc id="map-desc">{escape(desc)}</desc>',
           f'<rect class="sea" width="{WIDTH}" height="{height}" fill="#dbe9f4"/>',
           f'<path class="land" fill="#f4f1ea" stroke="#9a9a9a" stroke-width=".6" stroke-linejoin="round" '
           f'd="{outline_path(view, WIDTH, height)}"/>',
           '<g class="places" fill-opacity=".75" stroke="#222" stroke-width=".8">']
    drawn = []
    for p in sorted(shown, key=lambda p: (-p["n"], p["name"])):  # the big ones first, the small ones on top
        x, y = (p["lon"] - lon0) * sx, (lat1 - p["lat"]) * sy
        r = 3 + 15 * math.sqrt(p["n"] / biggest)
        href = place_url(filters, p)
        drawn.append({**p, "href": href, "colour": QUAD_COLOURS.get(p.get("quad"), "#777"),
                      "mostly": QUAD_NAMES.get(p.get("quad"), "unclassified")})
        dash = "" if p.get("precision") == "city" else ' stroke-dasharray="3 2"'
        out.append(f'<a href="{escape(href)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
                   f'fill="{QUAD_COLOURS.get(p.get("quad"), "#777")}"{dash}>'
                   f'<title>{escape(_tooltip(p))}</title></circle></a>')
    out.append("</g>")
    out.append(_legend(height))
    out.append("</svg>")
    return EventMap(svg=Markup("".join(out)), places=drawn, left_out=len(places) - len(shown))


def _legend(top: int) -> str:
    y = top + 16
    items, x = [], 8
    for q, name in QUAD_NAMES.items():
        items.append(f'<circle cx="{x + 6}" cy="{y - 4}" r="6" fill="{QUAD_COLOURS[q]}" fill-opacity=".75" '
                     f'stroke="#222" stroke-width=".8"/><text x="{x + 16}" y="{y}">{name}</text>')
        x += 22 + 7 * len(name)
    items.append(f'<circle cx="{x + 6}" cy="{y - 4}" r="6" fill="#fff" stroke="#222" stroke-width=".8" '
                 f'stroke-dasharray="3 2"/><text x="{x + 16}" y="{y}">region or country precision</text>')
    return (f'<g class="legend" font-size="12" fill="#333">{"".join(items)}'
            f'<text x="8" y="{top + 36}" fill="#6b7280">Circle size by number of events; click a circle for its '
            f'events. Country outlines: Natural Earth 1:110m (public domain).</text></g>')
