"""The event maps of the web app (issue 11): an inline SVG of the events' places on the
country outlines, on the event search and dyad pages, and ``places``/``unlocated`` in their JSON twins."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from worldwire.geo.gazetteer import distance_km, load_gazetteer  # noqa: E402
from worldwire.geo.mapping import QUAD_COLOURS, _extent, fit_view, outline_path  # noqa: E402
from worldwire.web import create_app  # noqa: E402
from worldwire.web.maps import MAX_PLACES, event_map  # noqa: E402
from worldwire.web.views import MAP_EVENTS, MAX_PAGE  # noqa: E402

HTML = {"accept": "text/html"}
CIRCLE = re.compile(r'<a href="([^"]*)"><circle [^>]*><title>([^<]*)</title></circle></a>')


@pytest.fixture(scope="module")
def client(corpus_db):
    return TestClient(create_app(corpus_db))


def _map(html: str) -> str:
    """The page's map section (the SVG, its words and its list of places)."""
    m = re.search(r'<section class="where">.*?</section>', html, re.S)
    assert m, "no map section"
    return m.group(0)


def _circles(section: str) -> dict[str, tuple[str, str]]:
    """{place name: (href, tooltip)} of the circles drawn."""
    return {title.split(":")[0].split(",")[0]: (href.replace("&amp;", "&"), title)
            for href, title in CIRCLE.findall(section)}


def _count(tooltip: str) -> int:
    return int(re.search(r": (\d+) events?", tooltip).group(1))


def _at(events: list[dict], name: str) -> list[dict]:
    return [e for e in events if (e["location"] or {}).get("name") == name]


def test_events_page_maps_the_events_of_the_search(client):
    every = client.get("/events.json", params={"actor": "CHN", "actor2": "RUS", "size": MAX_PAGE}).json()
    moscow = _at(every["rows"], "Moscow")
    assert moscow, "the sample corpus has China–Russia events in Moscow"
    section = _map(client.get("/events", params={"actor": "CHN", "actor2": "RUS"}, headers=HTML).text)
    assert '<svg class="map"' in section and 'role="img"' in section and "<desc" in section
    circles = _circles(section)
    assert "Moscow" in circles and _count(circles["Moscow"][1]) == len(moscow)
    assert "RUS" in circles["Moscow"][1] and "city precision" in circles["Moscow"][1]
    # one circle per place, all matching located events counted
    located = [e for e in every["rows"] if e["location"] and e["location"].get("lat") is not None]
    assert sum(_count(t) for _, t in circles.values()) <= len(located)
    assert sum(p["n"] for p in every["places"]) == len(located) == every["located"]
    assert len(circles) == len(every["places"])


def test_a_place_search_shows_one_circle_with_every_event(client):
    data = client.get("/events.json", params={"place": "Moscow", "size": MAX_PAGE}).json()
    assert data["total"] > 0 and data["unlocated"] == 0
    assert all(e["location"]["name"] == "Moscow" for e in data["rows"])
    assert [(p["name"], p["n"]) for p in data["places"]] == [("Moscow", data["total"])]
    html = client.get("/events", params={"place": "Moscow"}, headers=HTML).text
    section = _map(html)
    circles = _circles(section)
    assert list(circles) == ["Moscow"] and _count(circles["Moscow"][1]) == data["total"]
    assert f"{data['total']} of {data['total']} events on the map" in section
    assert 'value="Moscow"' in html  # the place filter is in the form


def test_a_circle_links_to_the_search_at_its_place_with_the_same_filters(client):
    section = _map(client.get("/events", params={"actor": "RUS"}, headers=HTML).text)
    href, tooltip = _circles(section)["Moscow"]
    url = urlsplit(href)
    assert url.path == "/events" and not url.netloc
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert query == {"actor": "RUS", "place": "Moscow", "country": "RUS"}
    there = client.get("/events.json", params={**query, "size": MAX_PAGE}).json()
    assert there["total"] == _count(tooltip)
    assert href.replace("&", "&amp;") in section.split("</svg>")[1]  # the list of places links there too


def test_dyad_page_shows_the_map_of_its_events(client):
    data = client.get("/dyads/CHN/RUS.json").json()
    located = [e for e in data["events"] if e["location"] and e["location"].get("lat") is not None]
    assert located and data["unlocated"] == len(data["events"]) - len(located)
    assert sum(p["n"] for p in data["places"]) == len(located)
    section = _map(client.get("/dyads/CHN/RUS", headers=HTML).text)
    circles = _circles(section)
    assert circles and _count(circles["Moscow"][1]) == len(_at(data["events"], "Moscow"))
    href = circles["Moscow"][0]
    assert parse_qs(urlsplit(href).query) == {"actor": ["CHN"], "actor2": ["RUS"], "place": ["Moscow"],
                                              "country": ["RUS"]}
    if data["unlocated"]:
        assert f"{data['unlocated']} event" in section and "left off the map" in section


def test_json_places_match_the_gazetteer(client):
    data = client.get("/events.json", params={"actor": "RUS"}).json()
    assert {"places", "unlocated", "located", "rows", "total", "filters"} <= set(data)
    for p in data["places"]:
        assert set(p) == {"name", "country", "lat", "lon", "precision", "n", "quad"}
    moscow = next(p for p in data["places"] if p["name"] == "Moscow")
    assert moscow["country"] == "RUS" and moscow["precision"] == "city"
    assert moscow["lat"] == pytest.approx(55.75, abs=0.02) and moscow["lon"] == pytest.approx(37.62, abs=0.02)
    gaz = next(pl for pl, _ in load_gazetteer().lookup("Moscow") if pl.country == "RUS")
    assert distance_km(moscow["lat"], moscow["lon"], gaz.lat, gaz.lon) < 1
    every = client.get("/events.json", params={"actor": "RUS", "size": MAX_PAGE}).json()
    assert every["total"] <= MAX_PAGE  # (the whole search fits one page here)
    unlocated = [e for e in every["rows"] if not e["location"] or e["location"].get("lat") is None]
    assert data["unlocated"] == len(unlocated) and data["located"] + data["unlocated"] == data["total"]


def test_no_located_events_means_no_circles_and_says_so(client):
    none = client.get("/events.json", params={"q": "no such words anywhere"}).json()
    assert none["total"] == 0 and none["places"] == [] and none["unlocated"] == 0
    section = _map(client.get("/events", params={"q": "no such words anywhere"}, headers=HTML).text)
    assert "<circle" not in section and "<svg" not in section and "No events, so no map." in section
    # a search whose events all lack a location: the count and a clear message, no map
    every = client.get("/events.json", params={"size": MAX_PAGE}).json()
    for e in (e for e in every["rows"] if not e["location"]):
        q = e["sentence"][:120]
        data = client.get("/events.json", params={"q": q}).json()
        if data["located"] == 0:
            break
    else:
        pytest.fail("no search in the sample corpus matches only events without a location")
    assert data["places"] == [] and data["unlocated"] == data["total"] > 0
    section = _map(client.get("/events", params={"q": q}, headers=HTML).text)
    assert "<svg" not in section and "<circle" not in section
    assert "No map:" in section and "location" in section


def test_the_map_fetches_nothing_from_outside(client):
    for path in ("/events", "/dyads/CHN/RUS"):
        section = _map(client.get(path, headers=HTML).text)
        assert "http:" not in section and "https:" not in section and "//" not in section.replace("</", "")
        for url in re.findall(r'(?:href|src)="([^"]*)"', section):
            assert url.startswith("/events?"), url


def test_the_map_is_small_and_accessible(client):
    html = client.get("/events", headers=HTML).text
    section = _map(html)
    svg = re.search(r"<svg .*?</svg>", section, re.S).group(0)
    assert len(svg.encode()) < 150_000
    assert re.search(r'<svg [^>]*role="img"[^>]*aria-labelledby="map-title map-desc"', svg)
    assert '<title id="map-title">Map of ' in svg and '<desc id="map-desc">' in svg
    assert "<table class=\"places\">" in section  # the places as a table too
    rows = re.findall(r"<tr><td><a href", section)
    assert len(rows) == len(CIRCLE.findall(svg))
    assert "Natural Earth" in svg


def test_event_map_caps_the_circles_and_rounds_the_outlines():
    places = [{"name": f"P{i}", "country": None, "lat": -40 + (i % 90), "lon": -170 + (i * 7) % 340,
               "precision": "city", "n": 1 + i % 50, "quad": 1 + i % 4} for i in range(MAX_PLACES + 50)]
    places.sort(key=lambda p: -p["n"])
    m = event_map(places, {"actor": "RUS"}, unlocated=3)
    assert len(m.places) == MAX_PLACES and m.left_out == 50
    assert len(CIRCLE.findall(str(m.svg))) == MAX_PLACES and len(str(m.svg).encode()) < 150_000
    assert "3 events without a location" in str(m.svg)
    assert all(QUAD_COLOURS[p["quad"]] == p["colour"] for p in m.places)
    assert event_map([], {}) is None
    view, height = fit_view(_extent([(55.75, 37.62)]))
    assert view[0] < 37.62 < view[1] and view[2] < 55.75 < view[3] and 300 <= height <= 520
    path = outline_path(view, 900, height)
    assert path.startswith("M") and "." not in path  # whole pixels only
    assert MAP_EVENTS == 5_000
