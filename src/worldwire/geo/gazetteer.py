"""The offline gazetteer: place names to coordinates, countries and regions.

Three files in ``geo/data`` (documented in ``geo/data/README.md``):

- ``gazetteer.csv.gz``: countries, first-level regions and cities of 5,000
  people or more, derived from GeoNames by ``python -m worldwire.geo.build``;
- ``places_extra.csv``: hand-written regions, seas and landmarks GeoNames'
  city and country tables lack (Donbas, the Black Sea, the Kremlin);
- ``aliases.csv``: hand-written names for entries of the other two ("UK",
  "Kiev region", "Türkiye").

Names are matched case- and accent-insensitively, with a leading "the"
dropped: ``normalize("the Kremlin") == normalize("KREMLIN") == "kremlin"``.
"""

from __future__ import annotations

import csv
import gc
import gzip
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# feature -> precision of an event placed there
PRECISION = {"city": "city", "fac": "city", "admin1": "region", "region": "region", "sea": "region",
             "continent": "region", "country": "country"}


PLACE_FEATURES = {"city", "admin1", "country", "region"}  # features a name alone can stand for


@dataclass(frozen=True, slots=True)
class Place:
    id: str  # g<geonameid> for GeoNames cities, c<ISO3> countries, a<CC>.<name> regions, x:<slug> hand-written
    name: str
    feature: str  # country | admin1 | city | region | sea | continent | fac
    country: str | None  # ISO 3166-1 alpha-3; None for places across borders ("the Black Sea")
    admin1: str | None
    lat: float
    lon: float
    population: int
    capital: bool  # a national capital

    @property
    def precision(self) -> str:
        return PRECISION.get(self.feature, "region")

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "feature": self.feature, "country": self.country,
                "admin1": self.admin1, "lat": self.lat, "lon": self.lon, "population": self.population,
                "capital": self.capital, "precision": self.precision}


_SPACE = re.compile(r"[\s\-‐‑–—_/]+")
_DROP = re.compile(r"[.'’ʼ`´ʻ\"“”()]")


@lru_cache(maxsize=1 << 16)
def normalize(name: str) -> str:
    """The lookup key of a name: accents folded, lowercase, no leading "the",
    no dots or apostrophes, hyphens as spaces, "St" as "saint". Memoised:
    place finding asks for the same few hundred names many times an article."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = _DROP.sub("", s)
    s = _SPACE.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    if s.startswith("st "):
        s = "saint " + s[3:]
    return s


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Places by normalized name. ``lookup`` returns (place, primary) pairs:
    ``primary`` is True when the name is the entry's own name rather than an
    alternate or an alias."""

    def __init__(self, places: list[Place], alternates: dict[str, list[str]], keys: dict[str, str] | None = None):
        """``alternates``: place id -> alternate names as lookup keys (``normalize``d);
        ``keys``: place id -> the key of its name, where already known."""
        keys = keys or {}
        self.places = {p.id: p for p in places}
        names: dict[str, list[tuple[Place, bool]]] = defaultdict(list)
        for p in places:
            names[keys.get(p.id) or normalize(p.name)].append((p, True))
        for pid, alt in alternates.items():
            p = self.places[pid]
            for k in alt:  # the build keeps each place's alternates distinct from its name
                names[k].append((p, False))
        self._names = names
        # lookups derived from the names (``nlp.places.Resolver.candidates``), memoised by their
        # users; emptied whenever a name is added
        self.memo: dict = {}
        self.countries = {p.country: p for p in places if p.feature == "country"}
        self._admin1 = {(p.country, normalize(p.name)): p for p in places if p.feature == "admin1"}

    def add_alias(self, name: str, place: Place) -> None:
        self._add_key(normalize(name), place, False)

    def _add_key(self, key: str, place: Place, primary: bool) -> None:
        if key and all(p.id != place.id for p, _ in self._names.get(key, ())):
            self._names[key].append((place, primary))
            self.memo.clear()

    def lookup(self, name: str) -> list[tuple[Place, bool]]:
        return list(self._names.get(normalize(name), ()))

    def is_place(self, name: str) -> bool:
        """Whether a name is a populated place, region or country under its own
        name (not an alternate spelling): "Guayaquil", "Arunachal Pradesh",
        "Line of Control", where NER sometimes says organisation."""
        return any(primary and p.feature in PLACE_FEATURES for p, primary in self.lookup(name))

    def __contains__(self, name: str) -> bool:
        return normalize(name) in self._names

    def country(self, iso3: str | None) -> Place | None:
        return self.countries.get(iso3) if iso3 else None

    def admin1(self, iso3: str | None, name: str | None) -> Place | None:
        if not iso3 or not name:
            return None
        return self._admin1.get((iso3, normalize(name)))

    def __len__(self) -> int:
        return len(self.places)


def _rows(path: Path) -> list[dict]:
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _place(r: dict) -> Place:
    return Place(r["id"], r["name"], r["feature"], r["country"] or None, r["admin1"] or None, float(r["lat"]),
                 float(r["lon"]), int(r["population"] or 0), r.get("capital") == "1")


@lru_cache(maxsize=1)
def load_gazetteer(data: Path = DATA) -> Gazetteer:
    """The shipped gazetteer, loaded once per process (about 73,000 places).

    The cyclic garbage collector is paused while it loads: the load makes some
    300,000 objects and no garbage, and repeated collections over them took
    about two thirds of the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_gazetteer(data)
    finally:
        if enabled:
            gc.enable()


def _load_gazetteer(data: Path) -> Gazetteer:
    places, alternates, keys = [], {}, {}
    with gzip.open(data / "gazetteer.csv.gz", "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        cols = next(reader)
        assert cols == ["id", "name", "key", "feature", "country", "admin1", "lat", "lon", "population", "capital", "alt"], cols
        for pid, name, key, feature, country, admin1, lat, lon, pop, cap, alt in reader:
            # names are stored with their keys, alternates as keys
            places.append(Place(pid, name, feature, country or None, admin1 or None, float(lat), float(lon),
                                int(pop or 0), cap == "1"))
            keys[pid] = key
            if alt:
                alternates[pid] = alt.split("|")
    for r in _rows(data / "places_extra.csv"):  # hand-written: names as written
        p = _place(r)
        places.append(p)
        if r["alt"]:
            alternates[p.id] = sorted({normalize(a) for a in r["alt"].split("|")} - {normalize(p.name)})
    gaz = Gazetteer(places, alternates, keys)
    # aliases.csv: alias -> the most populous entry of that (name, country, feature)
    index: dict[tuple[str, str, str], Place] = {}
    for r in _rows(data / "aliases.csv"):
        for p, primary in gaz.lookup(r["name"]):
            k = (normalize(p.name), p.country or "", p.feature)
            if primary and (k not in index or p.population > index[k].population):
                index[k] = p
    for r in _rows(data / "aliases.csv"):
        target = index.get((normalize(r["name"]), r["country"], r["feature"]))
        if target is None:
            raise ValueError(f"aliases.csv: no {r['feature']} {r['name']!r} in {r['country']!r} for alias {r['alias']!r}")
        gaz.add_alias(r["alias"], target)
    return gaz


def read_outlines(data: Path = DATA) -> dict[str, dict]:
    """Natural Earth 1:110m country outlines: {ISO3: {name, polygons: [[[lon, lat], ...], ...]}}."""
    import json

    return json.loads((data / "countries_110m.json").read_text(encoding="utf-8"))["countries"]


__all__ = ["Gazetteer", "Place", "distance_km", "load_gazetteer", "normalize", "read_outlines"]
