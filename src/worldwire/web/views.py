"""One data structure per page, built from library calls (issue 8).

Each function takes an open (read-only) store and the page's parameters and
returns a plain dict: the JSON twin of the page is that dict, the HTML page
renders the same dict. The few helpers here are thin glue over the store and
analysis functions (pagination, a text filter, grouping events by week);
everything else lives in the library.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date

from markupsafe import Markup, escape

from ..analysis.eventset import matches, period_of
from ..errors import NotFoundError, WorldwireError

MAX_PAGE = 200  # page sizes are capped: a client cannot ask the server for the whole store at once
PAGE = 50
MAP_EVENTS = 5_000  # a page's map shows at most this many located events (the first, in the list's order)
QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}


def _page(rows: list[dict], page: int, size: int) -> dict:
    size = max(1, min(size, MAX_PAGE))
    page = max(1, page)
    total = len(rows)
    return {"page": page, "size": size, "total": total, "pages": max(1, -(-total // size)),
            "rows": rows[(page - 1) * size: page * size]}


def _stories_ready(store) -> bool:
    from ..store.stories import ready

    return ready(store)


def events_by_week(store) -> list[dict]:
    """``[{period, verbal_coop, material_coop, verbal_conflict, material_conflict, events}]``: coded
    events (every mention) per week of publication (from Monday, as :func:`.eventset.period_of`)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for week, quad, n in store.con.execute(
            """SELECT CAST(date_trunc('week', a.published) AS DATE), e.quad_class, count(*)
               FROM events e JOIN articles a ON a.id = e.article_id WHERE a.published IS NOT NULL
               GROUP BY ALL""").fetchall():
        counts[period_of(week, "week")][QUADS.get(quad, "other")] += n
    return [{"period": p, **{q: counts[p].get(q, 0) for q in QUADS.values()}, "events": sum(counts[p].values())}
            for p in sorted(counts)]


def map_data(events: list[dict]) -> dict:
    """Where ``events`` happened, for a page's map: ``places`` ``[{name, country, lat, lon,
    precision, n, quad}]`` (:func:`..geo.mapping.places_of`: busiest first, ``quad`` the most
    frequent quad class) over the first :data:`MAP_EVENTS` located events in the list's order;
    ``located``, how many have a location; ``unlocated``, how many have none (left off the map)."""
    from ..geo.mapping import located, places_of

    on_map = [e for e in events if located(e)]
    return {"places": places_of(on_map[:MAP_EVENTS]), "located": len(on_map),
            "unlocated": len(events) - len(on_map)}


# -- pages ---------------------------------------------------------------------
def overview(store) -> dict:
    """Corpus counts, events per week by quad class, top dyads, latest stories."""
    from ..store.stories import stories

    counts = store.counts()
    latest = stories(store)[::-1][:10] if _stories_ready(store) else []
    return {
        "counts": counts,
        "event_types": [{"type": t, "n": n} for t, n in store.event_types()],
        "events_by_week": events_by_week(store),
        "top_dyads": [{"a": a, "b": b, "events": n} for a, b, n in store.top_pairs(10)],
        "latest_stories": latest,
    }


def articles(store, page: int = 1, size: int = PAGE, actor: str | None = None, since: date | None = None,
             until: date | None = None) -> dict:
    rows = store.articles(actor=actor, since=since, until=until)
    return {"filters": {"actor": actor, "since": _iso(since), "until": _iso(until)}, **_page(rows, page, size)}


def article(store, article_id: str, k: int = 5) -> dict:
    """The article with its sentences, mentions, events, quotes, takeaways and copies."""
    from ..nlp.takeaways import takeaways
    from ..store.stories import relations

    a = store.article(article_id)
    events = store.events(article=a["id"])
    mentions = store.mentions(a["id"])
    return {
        "article": a, "events": events, "quotes": store.quotes(article=a["id"]), "mentions": mentions,
        "takeaways": takeaways(a, events, k=k, mentions=mentions), "copies": relations(store, a["id"]),
    }


def actor(store, actor_id: str) -> dict:
    """Who the actor is (KB roles), its counts, events as actor and recipient per week,
    partners and adversaries, quotations."""
    from ..analysis.actor_summary import actor_summary
    from ..kb import load_kb

    kb = load_kb()
    info = kb.describe(actor_id)
    rows = [r for r in store.actors(actor=actor_id)]
    if info is None and not rows:
        raise NotFoundError(f"No actor {actor_id!r} in the knowledge base or the store. "
                            f"Actor ids are listed at /events and by `worldwire actors`.")
    own = next((r for r in rows if r["actor_id"] == actor_id), None)
    events = store.events(actor=actor_id)
    as_source = [e for e in events if any(matches(x, actor_id) for x in e["source"])]
    as_target = [e for e in events if any(matches(x, actor_id) for x in e["target"])]
    weeks: dict[str, Counter] = defaultdict(Counter)
    for role, evs in (("as_source", as_source), ("as_target", as_target)):
        for e in evs:
            if e.get("published"):
                weeks[period_of(date.fromisoformat(e["published"]), "week")][role] += 1
    return {
        "actor_id": actor_id,
        "name": (info or {}).get("name") or (own or rows[0])["name"],
        "kb": info,
        "store": {k: (own or {}).get(k, 0) for k in ("mentions", "events", "articles")},
        "over_time": [{"period": p, "as_source": weeks[p]["as_source"], "as_target": weeks[p]["as_target"]}
                      for p in sorted(weeks)],
        "summary": actor_summary(store, actor_id),
        "events": events[-100:][::-1],
    }


def dyad(store, a: str, b: str, by: str = "week") -> dict:
    """The A–B series and the events behind it, each with its evidence sentence."""
    from ..analysis.dyads import dyad_items, dyads
    from ..analysis.eventset import load_events

    series = dyads(store, a, b, by=by)
    ids = {i for it in dyad_items(load_events(store), a, b) for i in it["events"]}
    events = [e for e in store.events(actor=a) if e["id"] in ids]
    return {"a": a, "b": b, "by": by, "series": series, "events": events, **map_data(events)}


def network(store, since: date | None = None, until: date | None = None, level: str = "state",
            min_events: int = 1) -> dict:
    from ..analysis.network import network as build

    return build(store, since=since, until=until, level=level, min_events=min_events)


def events(store, actor: str | None = None, actor2: str | None = None, type: str | None = None,
           modality: str | None = None, since: date | None = None, until: date | None = None, q: str | None = None,
           page: int = 1, size: int = PAGE, country: str | None = None, place: str | None = None) -> dict:
    """Event search: the store's filters (``country``: where the event happened, ISO3), plus a
    second actor, a text filter on the sentence and ``place`` (the name of the event's location,
    any case). The page's rows, and the places of all matching events for the map (:func:`map_data`)."""
    rows = store.events(actor=actor, type=type, modality=modality, since=since, until=until, country=country)
    if actor2:
        rows = [e for e in rows if any(matches(x, actor2) for x in e["source"] + e["target"])]
    if q:
        low = q.lower()
        rows = [e for e in rows if low in (e["sentence"] or "").lower() or low in (e["trigger"]["text"] or "").lower()]
    if place:
        low = place.strip().lower()
        rows = [e for e in rows if ((e.get("location") or {}).get("name") or "").lower() == low]
    return {"filters": {"actor": actor, "actor2": actor2, "type": type, "modality": modality, "since": _iso(since),
                        "until": _iso(until), "q": q, "country": country.upper() if country else None,
                        "place": place},
            **_page(rows, page, size), **map_data(rows)}


def stories(store, page: int = 1, size: int = PAGE) -> dict:
    from ..store.stories import stories as listing

    rows = listing(store)[::-1] if _stories_ready(store) else []
    return _page(rows, page, size)


def story(store, story_id: str, k: int = 5) -> dict:
    from ..analysis.digest import story_digest
    from ..store.stories import story as one

    if not _stories_ready(store):
        raise NotFoundError("This store has no stories yet.")
    s = one(store, story_id)
    return {"story": s, "digest": story_digest(store, s["id"], k=k)}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


# -- article markup ------------------------------------------------------------------
def annotated_text(view: dict) -> Markup:
    """The article text as escaped HTML: headings, actor mentions, event triggers
    and quotations wrapped in marks whose ``data-rec`` names the records they
    show (the page embeds them as JSON), each sentence starting at an anchor
    ``#s{index}``. Text is escaped piece by piece; only our own tags are added."""
    a = view["article"]
    text = a["text"]
    spans: list[tuple[int, int, str, str, str]] = []  # start, end, class, record key, title
    for s in a["sections"]:
        spans.append((s["start"], s["end"], "heading", "", ""))
    for i, m in enumerate(view["mentions"]):
        if m.get("method") == "place":
            continue
        spans.append((m["start"], m["end"], "actor", f"m{i}", f"{m['name']} ({m['actor_id']})"))
    for q in view["quotes"]:
        if q["start"] is not None and q["end"] is not None:
            who = (q["speaker"] or {}).get("name") or q.get("speaker_text") or "?"
            spans.append((q["start"], q["end"], "quote", f"q:{q['id']}", f"{q['kind']} quotation by {who}"))
    for e in view["events"]:
        t = e["trigger"]
        src = ", ".join(x["name"] for x in e["source"]) or "?"
        tgt = ", ".join(x["name"] for x in e["target"]) or "?"
        spans.append((t["start"], t["end"], "event", f"e:{e['id']}", f"{e['type']} ({e['modality']}): {src} → {tgt}"))
    anchors = {s["start"]: s["index"] for s in a["sentences"]}
    cuts = sorted({0, len(text), *anchors, *(p for s in spans for p in s[:2] if 0 <= p <= len(text))})
    out: list[str] = []
    for lo, hi in zip(cuts, cuts[1:]):
        if lo in anchors:
            out.append(f'<a class="anchor" id="s{anchors[lo]}"></a>')
        active = [s for s in spans if s[0] <= lo and hi <= s[1]]
        piece = str(escape(text[lo:hi]))
        if not active:
            out.append(piece)
            continue
        classes = " ".join(sorted({s[2] for s in active}))
        keys = " ".join(s[3] for s in active if s[3])
        title = "\n".join(s[4] for s in active if s[4])
        out.append(f'<span class="{classes}" data-rec="{escape(keys)}" title="{escape(title)}">{piece}</span>')
    return Markup("".join(out))


def records_json(view: dict) -> Markup:
    """The article's records by key, as JSON safe to embed in a <script> element."""
    recs = {f"e:{e['id']}": e for e in view["events"]}
    recs.update({f"q:{q['id']}": q for q in view["quotes"]})
    recs.update({f"m{i}": m for i, m in enumerate(view["mentions"])})
    text = json.dumps(recs, ensure_ascii=False, default=str)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


__all__ = ["overview", "articles", "article", "actor", "dyad", "network", "events", "stories", "story",
           "annotated_text", "records_json", "WorldwireError"]
