"""Score place resolution against hand-written gold sentences.

Gold: JSONL, one object per text::

    {"id": "p001", "date": "2023-03-21", "text": "Xi arrived in Moscow on Monday.",
     "places": [{"text": "Moscow", "name": "Moscow", "country": "RUS", "role": "location"}]}

Each place gives the words as written (``text``; ``n``: which occurrence, 0
first, when the words appear more than once), the gazetteer entry it means
(``name`` as the gazetteer writes it, ``country`` ISO3 or null for places
across borders, optionally ``admin1``) and optionally its ``role``
(location, actor, qualifier, dateline, other).

Figures, over all gold place mentions:

- ``country_accuracy``: the resolved place is in the gold country;
- ``exact_accuracy``: the resolved place is the gold one (name and country,
  and region where the gold gives one);
- ``role_accuracy``: over mentions with a gold role, the role found;
- ``found``: share of mentions found at all.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from ..records import Article, content_id
from .gazetteer import normalize


def load_gold(path: str | Path) -> list[dict]:
    items = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                item = json.loads(line)
                item.setdefault("id", f"line{n}")
                items.append(item)
    return items


def _span(text: str, words: str, n: int) -> tuple[int, int] | None:
    """The ``n``-th occurrence of ``words`` as whole words ("Armenia", not in "Armenians")."""
    found = list(re.finditer(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text))
    return found[n].span() if n < len(found) else None


def evaluate(path: str | Path, coder=None) -> dict:
    from ..pipeline import Coder

    coder = coder or Coder.load()
    items = load_gold(path)
    articles = [Article(id=content_id(it["text"], it["id"]), text=it["text"], url=None, location=it["id"],
                        published=date.fromisoformat(it["date"]) if it.get("date") else None) for it in items]
    coded = coder.code(articles)
    total = country_ok = exact_ok = found = role_total = role_ok = 0
    errors = []
    for it, c in zip(items, coded):
        for g in it["places"]:
            total += 1
            span = _span(it["text"], g["text"], g.get("n", 0))
            if span is None:
                raise ValueError(f"{it['id']}: {g['text']!r} is not in the text")
            pm = next((p for p in c.places if p.start <= span[0] < p.end or span[0] <= p.start < span[1]), None)
            place = pm.place if pm else None
            got_country = place.country if place else None
            c_ok = pm is not None and place is not None and got_country == g.get("country")
            e_ok = c_ok and normalize(place.name) == normalize(g["name"]) and (
                not g.get("admin1") or normalize(place.admin1 or "") == normalize(g["admin1"]))
            found += pm is not None
            country_ok += c_ok
            exact_ok += e_ok
            r_ok = True
            if g.get("role"):
                role_total += 1
                r_ok = pm is not None and pm.role == g["role"]
                role_ok += r_ok
            if not (c_ok and e_ok and r_ok):
                want = f"{g['name']} ({g.get('country')}{', ' + g['admin1'] if g.get('admin1') else ''}) {g.get('role') or ''}"
                got = (f"{place.name} ({place.country}{', ' + place.admin1 if place.admin1 else ''}) {pm.role}"
                       f" [{pm.reason}; {pm.role_why}]") if place else ("not found" if pm is None else f"unresolved {pm.role}")
                errors.append({"id": it["id"], "text": g["text"], "gold": want.strip(), "got": got})

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    return {"gold": str(path), "sentences": len(items), "mentions": total,
            "country_accuracy": ratio(country_ok, total), "exact_accuracy": ratio(exact_ok, total),
            "role_accuracy": ratio(role_ok, role_total), "found": ratio(found, total),
            "roles_scored": role_total, "errors": errors}
