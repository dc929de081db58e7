"""Resolve actor mentions in a text, and score resolution against gold data.

Gold format (JSONL, one item a line; ``tests/data/actors_gold.jsonl``)::

    {"id": "a001", "date": "2023-03-21", "text": "Moscow agreed ...",
     "mentions": [
        {"text": "Moscow", "actor": "RUS", "country": "RUS", "sector": "GOV", "tag": "metonym"},
        {"text": "Moscow", "n": 2, "actor": "RUS", "country": "RUS", "sector": null, "tag": "place"},
        {"text": "the two leaders", "tag": "coref",
         "members": [{"actor": "xi-jinping", "country": "CHN", "sector": "GOV"},
                     {"actor": "vladimir-putin", "country": "RUS", "sector": "GOV"}]},
        {"text": "Russian", "actor": null, "tag": "non-actor"}]}

``text`` is the mention as written (``n``: its n-th occurrence in the item,
default 1); ``actor`` the KB id (``~slug`` for people and organisations the
KB lacks, null for a phrase that is no actor); ``country`` ISO3 or null;
``sector`` a sector code or null (a place, a state as a whole, an IGO other
than IGO). A group anaphor lists its ``members``.

A gold mention is matched to the predicted mention that overlaps it most.
*Country* is right when the predicted country (or, for actors with no country,
the actor id: NATO, WST) equals the gold one; *country+sector* when the sector
is right as well; *actor* when the id is. For a group, the sets must be equal.
A non-actor phrase is right when no actor mention covers it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..nlp.actors import ActorIndex, MentionSpan


def resolve_text(text: str, coder, on: date | None = None) -> list[MentionSpan]:
    """Every actor mention of a text (named, places, coreference), resolved on ``on``."""
    doc = coder.nlp(text)
    return ActorIndex(doc, coder.kb, on, coder.nlp).all_mentions()


def mention_rows(text: str, coder, on: date | None = None) -> list[dict]:
    """The mentions as rows: what ``worldwire actors resolve`` prints."""
    rows = []
    for m in resolve_text(text, coder, on):
        r = m.ref
        rows.append({"text": r.text, "start": r.start, "end": r.end, "actor_id": r.actor_id, "name": r.name,
                     "kind": r.kind, "country": r.country, "sector": r.sector, "method": m.method, "reason": r.reason})
    return rows


def read_gold(path: str | Path) -> list[dict]:
    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(str(path), f"malformed JSON: {e.msg}", line=n) from e
        if not isinstance(item, dict) or "text" not in item or not isinstance(item.get("mentions"), list):
            raise InputError(str(path), "a gold item needs \"text\" and a \"mentions\" list", line=n)
        for g in item["mentions"]:
            if _find(item["text"], g.get("text", ""), g.get("n", 1)) is None:
                raise InputError(str(path), f"mention {g.get('text')!r} (n={g.get('n', 1)}) is not in the text", line=n)
        items.append(item)
    return items


def _find(text: str, needle: str, n: int) -> tuple[int, int] | None:
    start = -1
    for _ in range(max(n, 1)):
        start = text.find(needle, start + 1)
        if start < 0 or not needle:
            return None
    return start, start + len(needle)


def _key(actor: str | None, country: str | None) -> str | None:
    return country or actor


def score(items: list[dict], coder) -> dict:
    """Figures and errors for gold items (see the module docstring)."""
    total = ok_country = ok_sector = ok_actor = 0
    neg_total = neg_ok = 0
    by_tag: dict[str, Counter] = defaultdict(Counter)
    by_split: dict[str, Counter] = defaultdict(Counter)
    errors = []
    for item in items:
        split = item.get("split") or "main"
        on = date.fromisoformat(item["date"]) if item.get("date") else None
        predicted = resolve_text(item["text"], coder, on)
        for g in item["mentions"]:
            s, e = _find(item["text"], g["text"], g.get("n", 1))
            over = [(min(e, m.ref.end) - max(s, m.ref.start), m) for m in predicted
                    if m.ref.start < e and s < m.ref.end]
            tag = g.get("tag", "name")
            if "members" not in g and g.get("actor") is None:
                neg_total += 1
                good = all(m.method == "place" for _, m in over)
                neg_ok += good
                by_tag["non-actor"]["n"] += 1
                by_tag["non-actor"]["country"] += good
                by_tag["non-actor"]["sector"] += good
                if not good:
                    errors.append({"id": item.get("id"), "text": g["text"], "gold": None,
                                   "predicted": [_show(m) for _, m in over]})
                continue
            gold = g["members"] if "members" in g else [g]
            if over:
                best = max(o for o, _ in over)
                chosen = [m for o, m in over if o == best]
                # a group anaphor: every ref on that same span
                span = (chosen[0].ref.start, chosen[0].ref.end)
                chosen = [m for _, m in over if (m.ref.start, m.ref.end) == span]
            else:
                chosen = []
            pc = {_key(m.ref.actor_id, m.ref.country) for m in chosen}
            gc = {_key(x.get("actor"), x.get("country")) for x in gold}
            ps = {(_key(m.ref.actor_id, m.ref.country), m.ref.sector) for m in chosen}
            gs = {(_key(x.get("actor"), x.get("country")), x.get("sector")) for x in gold}
            pa = {m.ref.actor_id for m in chosen}
            ga = {x.get("actor") for x in gold}
            c_ok, s_ok, a_ok = pc == gc, ps == gs, pa == ga
            total += 1
            ok_country += c_ok
            ok_sector += s_ok
            ok_actor += a_ok
            for table, key in ((by_tag, tag), (by_split, split)):
                table[key]["n"] += 1
                table[key]["country"] += c_ok
                table[key]["sector"] += s_ok
            if not (c_ok and s_ok):
                errors.append({"id": item.get("id"), "text": g["text"], "tag": tag,
                               "gold": [f"{x.get('actor')} {x.get('country')} {x.get('sector')}" for x in gold],
                               "predicted": [_show(m) for m in chosen]})
    return {
        "items": len(items),
        "mentions": total,
        "country_accuracy": round(ok_country / total, 4) if total else None,
        "country_sector_accuracy": round(ok_sector / total, 4) if total else None,
        "actor_accuracy": round(ok_actor / total, 4) if total else None,
        "non_actor_phrases": neg_total,
        "non_actor_accuracy": round(neg_ok / neg_total, 4) if neg_total else None,
        "by_tag": {t: {"n": c["n"], "country": round(c["country"] / c["n"], 4), "country_sector": round(c["sector"] / c["n"], 4)}
                   for t, c in sorted(by_tag.items())},
        "by_split": {t: {"n": c["n"], "country": round(c["country"] / c["n"], 4), "country_sector": round(c["sector"] / c["n"], 4)}
                     for t, c in sorted(by_split.items())},
        "errors": errors,
    }


def _show(m: MentionSpan) -> str:
    r = m.ref
    return f"{r.actor_id} {r.country} {r.sector} [{m.method}: {r.reason}]"


def evaluate_actors(path: str | Path, coder) -> dict:
    return score(read_gold(path), coder)
