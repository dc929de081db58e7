"""Events as PLOVER-style JSON records, and the JSON Schema they follow
(``plover.schema.json``, written from the PLOVER manual's field list:
id, date, actor, recipient, event, mode, context, text, eventText, location;
plus worldwire's modality, CAMEO coding and provenance).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .gdelt import actor_code

SCHEMA_FILE = "plover.schema.json"


@lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Schema of a worldwire PLOVER record (shipped in the package)."""
    return json.loads(resources.files("worldwire.export").joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))


def _actor(a: dict) -> dict:
    return {"code": actor_code(a), "actor_id": a["actor_id"], "name": a.get("name"), "kind": a.get("kind"),
            "country": a.get("country"), "sector": a.get("sector"), "text": a.get("text"),
            "start": a.get("start"), "end": a.get("end")}


def plover_record(e: dict) -> dict:
    """One event (``store.events`` shape) as a PLOVER record.

    ``actor``/``recipient`` are the first source/target's code (PLOVER's
    single-code fields), ``actorText``/``recipientText`` their words in the
    text; every source and target is kept under ``provenance``."""
    sources, targets = e.get("source") or [], e.get("target") or []
    loc = e.get("location")
    trigger = e.get("trigger") or {}
    return {
        "id": e["id"],
        "date": e.get("date") or e.get("published"),
        "actor": actor_code(sources[0]) if sources else None,
        "actorText": sources[0].get("text") if sources else None,
        "recipient": actor_code(targets[0]) if targets else None,
        "recipientText": targets[0].get("text") if targets else None,
        "event": e["type"],
        "mode": e.get("mode"),
        "context": [e["context"]] if e.get("context") else [],
        "text": e.get("sentence"),
        "eventText": trigger.get("text"),
        "location": None if not loc else {
            "name": loc.get("name"), "country": loc.get("country"), "admin1": loc.get("admin1"),
            "lat": loc.get("lat"), "lon": loc.get("lon"), "precision": loc.get("precision"),
        },
        "modality": e.get("modality"),
        "cameo": {"code": e.get("cameo_code"), "root": e.get("cameo_root"), "goldstein": e.get("goldstein"),
                  "quad_class": e.get("quad_class")},
        "provenance": {
            "article_id": e.get("article_id"), "url": e.get("article_url"), "published": e.get("published"),
            "sentence_index": e.get("sentence_index"),
            "trigger": {"text": trigger.get("text"), "start": trigger.get("start"), "end": trigger.get("end")},
            "actors": [_actor(a) for a in sources], "recipients": [_actor(a) for a in targets],
            "method": e.get("method"), "confidence": e.get("confidence"),
            "date_precision": e.get("date_precision"), "date_reason": e.get("date_reason"),
            "location_reason": (loc or {}).get("reason"), "location_text": (loc or {}).get("text"),
            "tone": e.get("tone"),
        },
    }


def plover_records(events: list[dict]) -> list[dict]:
    return [plover_record(e) for e in events]


def validate(records: list[dict]) -> None:
    """Raise ``jsonschema.ValidationError`` on the first record that breaks the schema."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    for r in records:
        validator.validate(r)
