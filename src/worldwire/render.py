"""Output for people and pipes: tables, JSON, CSV, and the article view."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "json", "csv")


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_flat(v) for v in value)
    if isinstance(value, dict):
        if "actor_id" in value:
            return value.get("name") or value["actor_id"]
        if "text" in value:
            return str(value["text"])
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit(rows: list[dict], fmt: str, columns: list[str], out=None) -> None:
    """Write rows as a table (chosen columns), JSON (everything) or CSV."""
    out = out or sys.stdout
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    elif fmt == "csv":
        buf = io.StringIO()
        keys = columns if not rows else list(rows[0].keys())
        w = csv.DictWriter(buf, fieldnames=keys, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: _flat(r.get(k)) for k in keys})
        out.write(buf.getvalue())
    else:
        table = Table(show_lines=False)
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*[_flat(r.get(c)) for c in columns])
        Console(file=out, width=200 if not out.isatty() else None).print(table)


def article_view(article: dict, events: list[dict], quotes: list[dict], copies: dict | None = None) -> str:
    """The cleaned text with headings as '## ...', event triggers as
    [[trigger|TYPE]], quotations in «...», then the events and quotes listed;
    under the title, what the article duplicates or rewrites and its story
    (``copies``: ``store.stories.relations``)."""
    text = article["text"]
    marks: list[tuple[int, int, str]] = []  # (position, order, insertion)
    for sec in article["sections"]:
        marks.append((sec["start"], 0, "## "))
    for q in quotes:
        if q["kind"] != "indirect":
            # around the quotation marks themselves when they are there
            start = q["start"] - 1 if q["start"] > 0 and text[q["start"] - 1] in "“\"„«" else q["start"]
            end = q["end"] + 1 if q["end"] < len(text) and text[q["end"]] in "”\"»" else q["end"]
            marks.append((start, 1, "«"))
            marks.append((end, -1, "»"))
    for e in events:
        t = e["trigger"]
        marks.append((t["start"], 2, "[["))
        marks.append((t["end"], -2, f"|{e['type']}]]"))
    out, pos = [], 0
    for at, _, ins in sorted(marks, key=lambda m: (m[0], m[1])):
        out.append(text[pos:at])
        out.append(ins)
        pos = at
    out.append(text[pos:])
    lines = [
        f"# {article.get('title') or '(untitled)'}",
        f"id {article['id']} · {article.get('published') or 'undated'} · {article.get('source') or ''} · {article.get('url') or article['location']}",
        *copy_lines(copies),
        "",
        "".join(out),
        "",
        f"Events ({len(events)})",
    ]
    for e in events:
        src = ", ".join(_flat(a) for a in e["source"]) or "?"
        tgt = ", ".join(_flat(a) for a in e["target"]) or "?"
        lines.append(f"  s{e['sentence_index']:<3} {e['type']:<9} {e['modality']:<12} {src} → {tgt}  «{e['trigger']['text']}»")
    lines.append("")
    lines.append(f"Quotes ({len(quotes)})")
    for q in quotes:
        who = _flat(q["speaker"]) if q["speaker"] else (q.get("speaker_text") or "?")
        snippet = q["text"] if len(q["text"]) < 90 else q["text"][:87] + "..."
        lines.append(f"  s{q['sentence_index']:<3} {q['kind']:<8} {who}: “{snippet}”")
    return "\n".join(lines)


def copy_lines(rel: dict | None) -> list[str]:
    """'duplicate of ID (outlet, day) · text similarity 0.93', its copies, its story."""
    if not rel or not rel.get("indexed"):
        return []
    lines = []
    sim = rel.get("similarity") or {}
    rep = rel["report"]
    of = f"{rep['id']} ({rep.get('source') or '?'}, {rep.get('published') or 'undated'}: {rep.get('title') or ''})"
    if rel.get("duplicate_of"):
        lines.append(f"duplicate of {of} · text similarity {sim.get('text_jaccard', 0):.2f}")
    elif rel.get("rewrite_of"):
        lines.append(f"rewrite of {of} · facts {sim.get('facts_jaccard', 0):.2f}, words {sim.get('words_jaccard', 0):.2f}, "
                     f"text {sim.get('text_jaccard', 0):.2f}")
    copies = rel.get("copies") or []
    if copies:
        kinds = [c["relation"] for c in copies]
        told = ", ".join(f"{kinds.count(k)} {k}{'s' if kinds.count(k) > 1 else ''}" for k in ("duplicate", "rewrite", "report")
                         if kinds.count(k))
        lines.append(f"copies in its group: {told}: " + ", ".join(c["id"][:8] for c in copies))
    story = rel.get("story")
    if story:
        lines.append(f"story {story['id']}: {story['title']} ({story['reports']} reports, {story['n_sources']} sources, "
                     f"first seen {story['first_seen']})")
    return lines


def story_view(story: dict) -> str:
    """A story: its title and counts, its articles with what each copies, its terms and events."""
    lines = [
        f"# {story['title'] or '(untitled)'}",
        f"story {story['id']} · first seen {story['first_seen']} · last {story['last_seen']} · "
        f"{story['articles']} articles: {story['reports']} reports, {story['duplicates']} duplicates, "
        f"{story['rewrites']} rewrites · sources: {', '.join(story['sources'] or [])}",
        f"events: {story['events']} by mention, {story['events_distinct']} once a story a day",
        "",
        "Articles",
    ]
    for a in story["members"]:
        of = a["duplicate_of"] or a["rewrite_of"]
        how = f"{a['relation']} of {of[:8]}" if of else "report"
        lines.append(f"  {a['id'][:8]}  {a['published'] or 'undated':<10}  {(a['source'] or '?')[:22]:<22}  {how:<20}  "
                     f"{a['title'] or ''}")
    if story.get("terms"):
        lines += ["", "Terms: " + ", ".join(t["term"].split(":", 1)[-1] for t in story["terms"])]
    lines += ["", "Events, once a story a day (type, source → target: days)"]
    for e in story.get("counted_events") or []:
        lines.append(f"  {e['type']:<10} {e['source']} → {e['target']}: {e['n']}")
    return "\n".join(lines)
