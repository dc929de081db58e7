"""One actor's relations: top partners and adversaries, event mix, quotations (issue 7).

The actor is an actor id, ISO3 code or exact name (as in ``--actor``): "RUS"
takes in every actor of Russia (Putin, the foreign ministry, ...),
"vladimir-putin" only him. Counterparts are counted at state level (see
:func:`.eventset.node_key`) and events by story, as in the dyad series
(:mod:`.eventset`): a partner is a counterpart whose alignment with the actor
is positive, an adversary one whose alignment is negative.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from .eventset import (CONFLICT, COOPERATION, COUNT_BY, COUNTED_MODALITIES, alignment, country_names, load_events,
                       matches, node_key, representative, weight)

QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}


def actor_summary(store, actor: str, since: date | None = None, until: date | None = None, count: str = "story",
                  modalities: tuple[str, ...] | None = COUNTED_MODALITIES, top: int = 5, quotes: int = 5) -> dict:
    """``{actor, events, event_mix {as_source, as_target, quad}, partners, adversaries, quotes}``.

    partners/adversaries: ``[{id, name, events, coop, conflict, goldstein_mean, alignment}]``,
    the ``top`` of each; quotes: the ``quotes`` latest quotations spoken by the actor.
    """
    if count not in COUNT_BY:
        raise ValueError(f"count must be one of {', '.join(COUNT_BY)}")
    as_source: Counter[str] = Counter()
    as_target: Counter[str] = Counter()
    quad: Counter[str] = Counter()
    seen_units: set[tuple] = set()
    groups: dict[tuple, list] = defaultdict(list)
    names: dict[str, Counter] = defaultdict(Counter)
    me_keys: set[str] = set()
    for e in load_events(store, since, until, modalities):
        if count == "story" and e.copy:
            continue
        in_src = any(matches(x, actor) for x in e.source)
        in_tgt = any(matches(x, actor) for x in e.target)
        if not (in_src or in_tgt):
            continue
        for x in e.source + e.target:
            if matches(x, actor):
                me_keys.add(node_key(x) or x["actor_id"])
        role = "source" if in_src else "target"
        unit = (e.story_id, e.type, role, e.day) if count == "story" else (e.id,)
        if unit not in seen_units:
            seen_units.add(unit)
            (as_source if in_src else as_target)[e.type] += 1
            quad[QUADS.get(e.quad_class, str(e.quad_class))] += 1
        others = e.target if in_src else e.source
        for x in others:
            k = node_key(x)
            if k is None or matches(x, actor):
                continue
            if x["actor_id"] == k:
                names[k][x["name"]] += 1
            key = (k, e.story_id, e.type, role, e.day) if count == "story" else (k, e.id)
            groups[key].append(e)
    rel: dict[str, dict] = {}
    for key, evs in groups.items():
        k = key[0]
        q, gold = representative(evs)
        r = rel.setdefault(k, {"id": k, "events": 0, "coop": 0, "conflict": 0, "_g": 0.0, "_p": 0.0, "_n": 0.0})
        r["events"] += 1
        r["_g"] += gold
        if q in COOPERATION:
            r["coop"] += 1
            r["_p"] += weight(q)
        elif q in CONFLICT:
            r["conflict"] += 1
            r["_n"] += weight(q)
    rows = []
    for k, r in rel.items():
        if k in me_keys:
            continue
        rows.append({"id": k, "name": names[k].most_common(1)[0][0] if names[k] else country_names().get(k, k),
                     "events": r["events"], "coop": r["coop"], "conflict": r["conflict"],
                     "goldstein_mean": round(r["_g"] / r["events"], 2), "alignment": round(alignment(r["_p"], r["_n"]), 3)})
    partners = sorted((r for r in rows if r["alignment"] > 0), key=lambda r: (-r["coop"], -r["alignment"], r["id"]))
    adversaries = sorted((r for r in rows if r["alignment"] < 0), key=lambda r: (-r["conflict"], r["alignment"], r["id"]))
    qs = store.quotes(actor=actor, since=since, until=until)
    latest = qs[::-1][:quotes]  # the store lists them oldest article first
    return {
        "actor": actor, "events": len(seen_units),
        "event_mix": {"as_source": dict(as_source.most_common()), "as_target": dict(as_target.most_common()),
                      "quad": {name: quad.get(name, 0) for name in QUADS.values()}},
        "partners": partners[:top], "adversaries": adversaries[:top],
        "quotes": [{"text": q["text"], "kind": q["kind"], "speaker": (q["speaker"] or {}).get("name"),
                    "article_id": q["article_id"], "sentence_index": q["sentence_index"]} for q in latest],
        "n_quotes": len(qs),
    }


def actor_summary_text(summary: dict) -> list[str]:
    """Lines for people (the ``actors show`` text output)."""
    lines = [f"  relations ({summary['events']} events counted by story):"]
    mix = summary["event_mix"]
    if mix["as_source"]:
        lines.append("    does:     " + ", ".join(f"{t} {n}" for t, n in mix["as_source"].items()))
    if mix["as_target"]:
        lines.append("    receives: " + ", ".join(f"{t} {n}" for t, n in mix["as_target"].items()))
    q = mix["quad"]
    lines.append(f"    cooperation {q['verbal_coop']} verbal, {q['material_coop']} material; "
                 f"conflict {q['verbal_conflict']} verbal, {q['material_conflict']} material")
    for title, rows in (("partners", summary["partners"]), ("adversaries", summary["adversaries"])):
        if rows:
            lines.append(f"    {title}: " + "; ".join(
                f"{r['id']} ({r['coop']}+/{r['conflict']}−, alignment {r['alignment']:+.2f})" for r in rows))
    if summary["quotes"]:
        lines.append(f"  quotes ({summary['n_quotes']}, latest {len(summary['quotes'])}):")
        for qt in summary["quotes"]:
            text = qt["text"] if len(qt["text"]) <= 100 else qt["text"][:97] + "..."
            lines.append(f"    “{text}” ({qt['kind']}, {qt['article_id'][:8]} s{qt['sentence_index']})")
    return lines
