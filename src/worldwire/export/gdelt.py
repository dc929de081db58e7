"""Events as rows of GDELT 2.0's event table: its 61 columns, in its order and
with its names, then worldwire's own fields. What each column holds, and
which cannot be filled, is in ``docs/export.md``.
"""

from __future__ import annotations

from datetime import date

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]

#: GDELT 2.0 event table, as published (codebook V2.0 and the BigQuery table), in order.
COLUMNS = (
    ["GlobalEventID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO] + [f"ActionGeo_{c}" for c in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)
#: worldwire's fields, after GDELT's.
EXTRA = ["event_id", "article_id", "type", "mode", "context", "modality", "sentence", "sentence_index",
         "trigger_text", "trigger_start", "trigger_end", "actor1_spans", "actor2_spans", "method", "confidence",
         "date_precision", "date_reason", "event_tone", "location_reason"]
ALL_COLUMNS = COLUMNS + EXTRA

_INT64 = {"GlobalEventID", "DATEADDED"}
_INT32 = {"SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources", "NumArticles",
          "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "sentence_index", "trigger_start", "trigger_end"}
_FLOAT = {"FractionDate", "GoldsteinScale", "AvgTone", "confidence", "event_tone"} | {
    f"{p}Geo_{c}" for p in ("Actor1", "Actor2", "Action") for c in ("Lat", "Long")}


def arrow_types() -> dict:
    """The pyarrow type of every column (GDELT's types; the rest text)."""
    import pyarrow as pa

    return {c: pa.int64() if c in _INT64 else pa.int32() if c in _INT32 else pa.float64() if c in _FLOAT
            else pa.string() for c in ALL_COLUMNS}


LEAD_SENTENCES = 2  # IsRootEvent: the event is in the article's first two sentences (worldwire keeps no paragraphs)


def global_event_id(event_id: str) -> int:
    """A stable 60-bit integer from worldwire's hex event id (GDELT's ids are integers)."""
    try:
        return int(event_id[:15], 16)
    except ValueError:
        import hashlib

        return int(hashlib.sha1(event_id.encode()).hexdigest()[:15], 16)


def actor_code(actor: dict) -> str:
    """CAMEO-style actor code: country + sector ("RUSGOV"), else the KB id of an
    IGO or group ("NATO", plus a sector other than IGO), else the actor id
    (people and organisations without a country: "josep-borrell", "~rsf")."""
    if actor.get("country"):
        return actor["country"] + (actor.get("sector") or "")
    if actor.get("kind") in ("igo", "group") and not actor["actor_id"].startswith("~"):
        sector = actor.get("sector")
        return actor["actor_id"] + (sector if sector and sector != "IGO" else "")
    return actor["actor_id"]


def _actor_cols(prefix: str, actors: list[dict]) -> dict:
    a = actors[0] if actors else None
    cols = {f"{prefix}{c}": None for c in _ACTOR}
    if a is None:
        return cols
    cols.update({
        f"{prefix}Code": actor_code(a),
        f"{prefix}Name": (a.get("name") or a["actor_id"]).upper(),
        f"{prefix}CountryCode": a.get("country"),
        f"{prefix}KnownGroupCode": a["actor_id"] if a.get("kind") in ("igo", "group") else None,
        f"{prefix}Type1Code": a.get("sector"),
    })
    return cols


def geo_type(location: dict) -> int:
    """GDELT's geo type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (first-level region)."""
    precision = location.get("precision")
    us = location.get("country") == "USA"
    if precision == "country":
        return 1
    if precision == "city":
        return 3 if us else 4
    return 2 if us else 5


def _geo_cols(prefix: str, location: dict | None, country_names: dict[str, str]) -> dict:
    cols = {f"{prefix}{c}": None for c in _GEO}
    if not location:
        return cols
    country = location.get("country")
    parts = [location.get("name")]
    if location.get("precision") != "country":
        if location.get("admin1") and location.get("admin1") != location.get("name"):
            parts.append(location["admin1"])
        if country:
            parts.append(country_names.get(country, country))
    cols.update({
        f"{prefix}Type": geo_type(location),
        f"{prefix}FullName": ", ".join(p for p in parts if p),
        f"{prefix}CountryCode": country,
        f"{prefix}ADM1Code": location.get("admin1"),
        f"{prefix}Lat": location.get("lat"),
        f"{prefix}Long": location.get("lon"),
    })
    return cols


def _day(e: dict) -> date | None:
    value = e.get("date") or e.get("published")
    return date.fromisoformat(value) if value else None


def gdelt_row(e: dict, article: dict | None = None, country_names: dict[str, str] | None = None) -> dict:
    """One event (``store.events`` shape) as a GDELT 2.0 event row plus worldwire's fields.
    ``article``: ``{tone, ingested_at}`` of its article (AvgTone, DATEADDED)."""
    article = article or {}
    d = _day(e)
    code = e.get("cameo_code") or e.get("cameo_root")
    row = {
        "GlobalEventID": global_event_id(e["id"]),
        "SQLDATE": int(d.strftime("%Y%m%d")) if d else None,
        "MonthYear": int(d.strftime("%Y%m")) if d else None,
        "Year": d.year if d else None,
        "FractionDate": round(d.year + d.timetuple().tm_yday / 365, 4) if d else None,
        **_actor_cols("Actor1", e.get("source") or []),
        **_actor_cols("Actor2", e.get("target") or []),
        "IsRootEvent": 1 if (e.get("sentence_index") or 0) < LEAD_SENTENCES else 0,
        "EventCode": code,
        "EventBaseCode": code[:3] if code else None,
        "EventRootCode": e.get("cameo_root"),
        "QuadClass": e.get("quad_class"),
        "GoldsteinScale": e.get("goldstein"),
        "NumMentions": 1, "NumSources": 1, "NumArticles": 1,
        "AvgTone": article.get("tone"),
        **_geo_cols("Actor1Geo_", None, {}),
        **_geo_cols("Actor2Geo_", None, {}),
        **_geo_cols("ActionGeo_", e.get("location"), country_names or {}),
        "DATEADDED": int(article["ingested_at"].strftime("%Y%m%d%H%M%S")) if article.get("ingested_at") else None,
        "SOURCEURL": e.get("article_url"),
    }
    trigger = e.get("trigger") or {}
    spans = lambda actors: "; ".join(f"{a['start']}-{a['end']}" for a in actors if a.get("start") is not None)  # noqa: E731
    row.update({
        "event_id": e["id"], "article_id": e.get("article_id"), "type": e.get("type"), "mode": e.get("mode"),
        "context": e.get("context"), "modality": e.get("modality"), "sentence": e.get("sentence"),
        "sentence_index": e.get("sentence_index"), "trigger_text": trigger.get("text"),
        "trigger_start": trigger.get("start"), "trigger_end": trigger.get("end"),
        "actor1_spans": spans(e.get("source") or []) or None, "actor2_spans": spans(e.get("target") or []) or None,
        "method": e.get("method"), "confidence": e.get("confidence"), "date_precision": e.get("date_precision"),
        "date_reason": e.get("date_reason"), "event_tone": e.get("tone"),
        "location_reason": (e.get("location") or {}).get("reason"),
    })
    return row


def gdelt_rows(store, events: list[dict]) -> list[dict]:
    """The events as GDELT rows, with their articles' tone and ingestion time from the store."""
    from ..analysis.eventset import country_names

    ids = sorted({e["article_id"] for e in events})
    articles = {}
    if ids:
        for aid, tone, ingested in store.con.execute(
                "SELECT id, tone, ingested_at FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall():
            articles[aid] = {"tone": tone, "ingested_at": ingested}
    names = country_names()
    return [gdelt_row(e, articles.get(e["article_id"]), names) for e in events]
