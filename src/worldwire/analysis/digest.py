"""Story digests: the takeaways of a story across its sources (issue 7).

Each report of the story (duplicates and rewrites are left out: they repeat
their report) has its sentences scored as for article takeaways
(:func:`worldwire.nlp.takeaways.score_sentences`, article mode, scaled so each
report's best sentence is 1). Sentences from all reports are then grouped
greedily, best first: a sentence joins the first group whose lead sentence it
resembles (cosine of TF-IDF vectors over all the story's sentences, actor
tokens included, at least ``JOIN``), else starts a group. A group's score is
the sum over reports of its best sentence from that report, so what several
outlets report outranks what one does. The k best groups, picked with the
same redundancy penalty as article takeaways (MMR), become the digest; each
says its text (the group's best sentence), the sources that support it, and
their sentences and events.
"""

from __future__ import annotations

import math
from collections import Counter

from ..nlp.takeaways import MMR_LAMBDA, REDUNDANT, cosine, score_sentences, short_text, terms

JOIN = 0.3  # cosine to a group's lead sentence, calibrated on the sample corpus's five stories


def digest(store, article_ids: list[str], k: int = 5) -> list[dict]:
    """``[{rank, text, heading, article_id, sources [{article_id, source, published, title,
    sentence_index, text}], sentences [{article_id, index}], events [ids]}]``."""
    if k <= 0 or not article_ids:
        return []
    cands = []
    meta = {}
    for aid in article_ids:
        art = store.article(aid)
        meta[art["id"]] = art
        events = store.events(article=art["id"])
        scored, _ = score_sentences(art, events, store.mentions(art["id"]))
        scored = [s for s in scored if s.quality > 0]
        top = max((s.score("article") for s in scored), default=0.0) or 1.0
        for s in scored:
            heading = art["sections"][s.section]["heading"] if s.section is not None else None
            cands.append({"article_id": art["id"], "s": s, "rel": s.score("article") / top, "heading": heading})
    if not cands:
        return []
    # one vector space for the whole story
    docs = [terms(c["s"].text) + ["@" + a for a in c["s"].actors] for c in cands]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(d))
    n = len(docs)
    for c, d in zip(cands, docs):
        tf = Counter(d)
        c["vec"] = {t: (1 + math.log(v)) * (math.log((n + 1) / (df[t] + 1)) + 1) for t, v in tf.items()}
    cands.sort(key=lambda c: (-c["rel"], c["article_id"], c["s"].index))
    groups: list[list[dict]] = []
    for c in cands:
        for g in groups:
            if cosine(c["vec"], g[0]["vec"]) >= JOIN:
                g.append(c)
                break
        else:
            groups.append([c])
    scored_groups = []
    for g in groups:
        best: dict[str, float] = {}
        for c in g:
            best[c["article_id"]] = max(best.get(c["article_id"], 0.0), c["rel"])
        scored_groups.append((sum(best.values()), g))
    top = max(sc for sc, _ in scored_groups) or 1.0
    picked: list[tuple[float, list[dict]]] = []
    pool = list(scored_groups)
    while pool and len(picked) < k:
        pool = [p for p in pool if all(cosine(p[1][0]["vec"], q[1][0]["vec"]) < REDUNDANT for q in picked)] or pool
        best_g = max(pool, key=lambda p: MMR_LAMBDA * p[0] / top - (1 - MMR_LAMBDA) * max(
            (cosine(p[1][0]["vec"], q[1][0]["vec"]) for q in picked), default=0.0))
        picked.append(best_g)
        pool.remove(best_g)
    out = []
    for rank, (_, g) in enumerate(picked, start=1):
        lead = g[0]
        per_article: dict[str, dict] = {}
        for c in g:
            per_article.setdefault(c["article_id"], c)
        sources = []
        for aid, c in sorted(per_article.items(), key=lambda p: (meta[p[0]].get("published") or "", p[0])):
            a = meta[aid]
            sources.append({"article_id": aid, "source": a.get("source"), "published": a.get("published"),
                            "title": a.get("title"), "sentence_index": c["s"].index, "text": c["s"].text})
        out.append({
            "rank": rank, "text": short_text(lead["s"].text), "heading": lead["heading"],
            "article_id": lead["article_id"], "sources": sources,
            "sentences": [{"article_id": c["article_id"], "index": c["s"].index} for c in g],
            "events": [e["id"] for c in g for e in c["s"].events],
        })
    return out


def story_reports(store, story_id: str) -> list[str]:
    """The reports (canonical articles) of a story, oldest first; the story id
    may be a unique prefix. Needs the story tables (migration 2)."""
    from ..errors import NotFoundError

    has = store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'article_dedup'").fetchone()[0]
    if not has:
        raise NotFoundError("This store has no stories yet: open it once for writing to migrate it, then ingest.")
    ids = [r[0] for r in store.con.execute(
        "SELECT DISTINCT story_id FROM article_dedup WHERE starts_with(story_id, ?) ORDER BY 1 LIMIT 2",
        [story_id]).fetchall()]
    if not ids:
        raise NotFoundError(f"No story with id {story_id!r}. List ids with `worldwire stories`.")
    if len(ids) > 1:
        raise NotFoundError(f"Story id prefix {story_id!r} is ambiguous; give more characters.")
    return [r[0] for r in store.con.execute(
        """SELECT d.article_id FROM article_dedup d JOIN articles a ON a.id = d.article_id
           WHERE d.story_id = ? AND d.report_id = d.article_id
           ORDER BY coalesce(a.published, CAST(a.ingested_at AS DATE)), a.ingested_at, a.id""", [ids[0]]).fetchall()]


def story_digest(store, story_id: str, k: int = 5) -> list[dict]:
    """The digest of a stored story (see :func:`digest`)."""
    return digest(store, story_reports(store, story_id), k=k)
