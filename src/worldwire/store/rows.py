"""One coded article as rows of the store's tables.

The single place that flattens records into table rows: ``Store.write``
inserts them and the Parquet shards (``run/shards.py``) write them, so the
two cannot drift apart.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from ..records import ActorRef, CodedArticle

#: tables an article fills, in insertion order (actors last: shared across articles)
TABLES = ("articles", "article_locations", "sentences", "mentions", "events", "event_actors", "quotes", "actors")


def where_when(e) -> list:
    """An event's location, date and tone columns."""
    loc = e.location or {}
    return [json.dumps(e.location, ensure_ascii=False) if e.location else None, loc.get("country"), loc.get("lat"),
            loc.get("lon"), e.date, e.date_precision, e.date_reason, e.tone]


def speaker_cols(ref: ActorRef | None) -> list:
    if ref is None:
        return [None] * 6
    return [ref.actor_id, ref.name, ref.kind, ref.country, ref.sector, ref.reason]


def article_rows(coded: CodedArticle, kb=None, ingested_at: datetime | None = None) -> dict[str, list[dict]]:
    """One coded article as ``{table: [row dict]}``."""
    a = coded.article
    now = ingested_at or datetime.now(timezone.utc).replace(tzinfo=None)
    out: dict[str, list[dict]] = {t: [] for t in TABLES}
    out["articles"].append({
        "id": a.id, "url": a.url, "location": a.location, "title": a.title, "published": a.published,
        "source": a.source, "author": a.author, "language": a.language, "text": a.text,
        "sections": json.dumps([s.to_dict() for s in a.sections]), "ingested_at": now, "tone": a.tone})
    out["article_locations"].append({"article_id": a.id, "location": a.location, "url": a.url})
    out["sentences"] = [{"article_id": s.article_id, "idx": s.index, "start_char": s.start, "end_char": s.end,
                         "text": s.text, "tone": s.tone} for s in coded.sentences]
    refs = [m.actor for m in coded.mentions]
    out["mentions"] = [{"article_id": m.article_id, "sentence_index": m.sentence_index, "start_char": m.actor.start,
                        "end_char": m.actor.end, "text": m.actor.text, "actor_id": m.actor.actor_id,
                        "name": m.actor.name, "kind": m.actor.kind, "country": m.actor.country,
                        "sector": m.actor.sector, "method": m.method, "reason": m.actor.reason}
                       for m in coded.mentions]
    where_cols = ("location", "location_country", "location_lat", "location_lon", "event_date", "date_precision",
                  "date_reason", "tone")
    for e in coded.events:
        out["events"].append({
            "id": e.id, "article_id": e.article_id, "sentence_index": e.sentence_index, "sentence": e.sentence,
            "trigger_text": e.trigger.text, "trigger_start": e.trigger.start, "trigger_end": e.trigger.end,
            "type": e.type, "mode": e.mode, "context": e.context, "modality": e.modality,
            "cameo_root": e.cameo_root, "cameo_code": e.cameo_code, "goldstein": e.goldstein,
            "quad_class": e.quad_class, "confidence": e.confidence, "method": e.method,
            **dict(zip(where_cols, where_when(e)))})
        for role, actors in (("source", e.source), ("target", e.target)):
            for pos, r in enumerate(actors):
                out["event_actors"].append({
                    "event_id": e.id, "role": role, "position": pos, "actor_id": r.actor_id, "name": r.name,
                    "kind": r.kind, "country": r.country, "sector": r.sector, "text": r.text,
                    "start_char": r.start, "end_char": r.end, "reason": r.reason})
                refs.append(r)
    speaker_names = ("speaker_actor_id", "speaker_name", "speaker_kind", "speaker_country", "speaker_sector",
                     "speaker_reason")
    for q in coded.quotes:
        out["quotes"].append({
            "id": q.id, "article_id": q.article_id, "sentence_index": q.sentence_index, "text": q.text,
            "start_char": q.start, "end_char": q.end, "kind": q.kind, "cue": q.cue, "speaker_text": q.speaker_text,
            "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
            **dict(zip(speaker_names, speaker_cols(q.speaker)))})
        out["quotes"][-1]["speakers"] = json.dumps([s.to_dict() for s in q.speakers])  # "both leaders"
        if q.speaker:
            refs.append(q.speaker)
        refs += q.speakers
    seen = set()
    for r in refs:
        if r.actor_id in seen:
            continue
        seen.add(r.actor_id)
        qid = kb.people[r.actor_id].qid if kb and r.kind == "person" and r.actor_id in kb.people else None
        out["actors"].append({"actor_id": r.actor_id, "name": r.name, "kind": r.kind, "qid": qid})
    return out
