"""The short report `make demo` prints: what a store holds, at a glance."""

from __future__ import annotations

from .nlp.takeaways import takeaways
from .store import Store


def report(store: Store, pairs: int = 10) -> str:
    c = store.counts()
    lines = [
        f"worldwire store {store.path}",
        f"  {c['articles']} articles ({c['article_locations']} locations), {c['sentences']} sentences, "
        f"{c['mentions']} actor mentions, {c['events']} events, {c['quotes']} quotations",
        "",
        "Events by type",
    ]
    for t, n in store.event_types():
        lines.append(f"  {t:<10} {n:>5}")
    lines += ["", "Top actor pairs (source → target, events)"]
    for s, t, n in store.top_pairs(pairs):
        lines.append(f"  {s:>5} → {t:<5} {n:>4}")
    arts = store.articles()
    if arts:
        best = max(arts, key=lambda a: (len(a["sections"]) > 0, a["n_events"]))
        a = store.article(best["id"])
        lines += ["", f"Takeaways: {a['title']} ({a['id']}, {a.get('published') or 'undated'}, {a.get('source') or ''})"]
        for tk in takeaways(a, store.events(article=a["id"]), mentions=store.mentions(a["id"])):
            head = f"{tk['heading']}: " if tk["heading"] else ""
            lines.append(f"  {tk['rank']}. {head}{tk['text']}")
    return "\n".join(lines)
