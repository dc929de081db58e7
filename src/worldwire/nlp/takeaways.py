"""Takeaways, first version: one per section heading, else the lead sentences.

With headings (the seed has five), a takeaway is the heading plus the first
sentence under it and the events coded in that section; without, the first k
sentences of the article with their events.
"""

from __future__ import annotations


def takeaways(article: dict, events: list[dict], k: int = 5) -> list[dict]:
    """``article`` as ``Store.article`` returns it, ``events`` as ``Store.events``."""
    sentences = [s for s in article["sentences"]]
    sections = article["sections"]
    heading_starts = {s["start"] for s in sections}
    body = [s for s in sentences if s["start"] not in heading_starts]
    out: list[dict] = []
    if sections:
        bounds = [s["start"] for s in sections[1:]] + [len(article["text"]) + 1]
        for rank, (sec, end) in enumerate(zip(sections, bounds), start=1):
            inside = [s for s in body if sec["end"] <= s["start"] < end]
            if not inside:
                continue
            lead = inside[0]
            idx = {s["index"] for s in inside}
            out.append({
                "rank": rank,
                "text": lead["text"],
                "heading": sec["heading"],
                "sentences": [lead["index"]],
                "events": [e["id"] for e in events if e["sentence_index"] in idx],
            })
        return out[:k]
    for rank, s in enumerate(body[:k], start=1):
        out.append({
            "rank": rank,
            "text": s["text"],
            "heading": None,
            "sentences": [s["index"]],
            "events": [e["id"] for e in events if e["sentence_index"] == s["index"]],
        })
    return out
