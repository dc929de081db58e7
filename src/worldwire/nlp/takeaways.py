"""Takeaways: k grounded statements per article, each with the sentences and
events that support it (issue 7).

With section headings (the seed has five), one takeaway per section: the
heading plus the sentence under it that best supports it. Without headings,
k sentences picked greedily by score and non-redundancy (MMR). When k leaves
room, a sectioned article also gets one takeaway for its lead (the text before
the first heading), where the main news of a report usually is.

A sentence's score mixes five signals, each in [0, 1]:

- events: salience of the events coded in it, highest for asserted events
  between the article's main actors (the actors it names most, title counted
  twice), lower for events with one main actor, negated, hypothetical or
  historical ones (``_event_weight``);
- centrality: cosine of its term vector to the article centroid;
- topic: cosine to the title (article mode) or to its section heading;
- position: lead sentences, and the first sentences under a heading, come first
  in news writing;
- actors: the share of the main actors it names.

Term vectors are TF-IDF over the article's sentences, on lower-cased,
crudely stemmed words plus one ``@KEY`` token per actor mentioned (its country
code, else its actor id), so "Beijing", "Chinese" and "Xi" all count as @CHN.

The weights (``WEIGHTS``) were calibrated as a set against hand-written
reference takeaways for the sample corpus; re-measure with
``.venv/bin/python bench/takeaways.py`` (ROUGE table in the README).
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

# Calibrated as a set on bench/data/takeaways_reference.json (bench/takeaways.py).
WEIGHTS = {
    # article mode (no headings, or the lead of a sectioned article)
    "article": {"events": 0.25, "centrality": 0.10, "topic": 0.35, "position": 0.25, "actors": 0.05},
    # section mode: the best sentence under one heading
    "section": {"events": 0.30, "centrality": 0.10, "topic": 0.20, "position": 0.40, "actors": 0.0},
}
MMR_LAMBDA = 0.7  # relevance vs. novelty when picking sentences without headings
REDUNDANT = 0.6  # cosine above which a sentence repeats one already picked and is skipped
MODALITY_WEIGHT = {"asserted": 1.0, "future": 0.8, "negated": 0.5, "historical": 0.4, "hypothetical": 0.3}

_STOP = frozenset("""
a about above after again against all also an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers
him his how i if in into is it its itself just let me more most my no nor not now of off on once only or other
our ours out over own same she should so some such than that the their theirs them then there these they this
those through to too under until up very was we were what when where which while who whom why will with would
you your said says say told according mr ms also its it’s one two three new
""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|\d+(?:[.,]\d+)?")
_DATELINE = re.compile(
    r"^[A-Z][A-Z/.'’ -]{2,}(?:,[^–—\n]{1,40}?)?(?:\s*\([^)]*\))?\s+[-–—]\s+"
)
_CONNECTIVE = re.compile(r"^(?:But|Yet|However|Instead|Still|Meanwhile|And|So),?\s+(?=\S)")
_FURNITURE = re.compile(
    r"(save my name|enter your (?:comment|name)|all you need to know|here(?:’s|'s| is) what we know|"
    r"^stay with |read more|sign up for|subscribe to|what should readers watch)", re.I)


@dataclass(slots=True)
class ScoredSentence:
    """A body sentence with its features and score (see the module doc)."""

    index: int
    text: str
    section: int | None  # index into article["sections"], None before the first heading
    position: int  # position among body sentences of its section (or of the lead)
    body_position: int  # position among all body sentences
    vector: dict[str, float] = field(default_factory=dict)
    actors: set[str] = field(default_factory=set)
    events: list[dict] = field(default_factory=list)
    event_score: float = 0.0
    centrality: float = 0.0
    title_sim: float = 0.0
    heading_sim: float = 0.0
    actor_share: float = 0.0
    quality: float = 1.0

    def score(self, mode: str) -> float:
        w = WEIGHTS[mode]
        if mode == "section":
            pos, topic = 1.0 / (1.0 + self.position), self.heading_sim
        else:
            pos, topic = 1.0 / (1.0 + self.body_position / 2.0), self.title_sim
        s = (w["events"] * self.event_score + w["centrality"] * self.centrality + w["topic"] * topic
             + w["position"] * pos + w["actors"] * self.actor_share)
        return s * self.quality


def actor_key(actor: dict) -> str:
    """The key an actor counts under: its country code, else its actor id."""
    return actor.get("country") or actor["actor_id"]


def stem(word: str) -> str:
    """A crude English stemmer: enough to match 'talks'/'talk', 'signed'/'signs'."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            return w[: len(w) - len(suffix)] + keep
    return w


def terms(text: str) -> list[str]:
    """Content-word stems of a text."""
    return [stem(t) for t in _WORD.findall(text) if t.lower() not in _STOP and len(t) > 1]


def short_text(sentence: str) -> str:
    """The sentence as a takeaway statement: no dateline, no leading connective."""
    s = _DATELINE.sub("", sentence.strip(), count=1)
    s = _CONNECTIVE.sub("", s, count=1)
    return s[:1].upper() + s[1:] if s else sentence.strip()


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


@lru_cache(maxsize=1)
def country_words() -> dict[str, str]:
    """One-word country names, adjectives, demonyms and capitals → ISO3, from
    the KB's countries.csv ("Ukrainian" → UKR, "Beijing" → CHN)."""
    out: dict[str, str] = {}
    with resources.files("worldwire.kb").joinpath("data/countries.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for col in ("name", "short_names", "adjectives", "demonyms", "capital", "capital_aliases"):
                for w in (row.get(col) or "").split("|"):
                    w = w.strip()
                    if w and " " not in w and len(w) > 3:
                        out.setdefault(w.lower(), row["iso3"])
    return out


def _country_tokens(text: str) -> set[str]:
    words = country_words()
    return {words[t.lower()] for t in _WORD.findall(text) if t.lower() in words}


def _surface_lexicon(mentions: list[dict], events: list[dict]) -> dict[str, str]:
    """Mention texts (lower-cased) → actor key, to find actors in titles."""
    lex: dict[str, str] = {}
    for m in mentions:
        lex.setdefault(m["text"].lower(), actor_key(m))
    for e in events:
        for a in e["source"] + e["target"]:
            lex.setdefault(a["text"].lower(), actor_key(a))
    return {k: v for k, v in lex.items() if len(k) > 2}


def _actors_in(text: str, lexicon: dict[str, str]) -> set[str]:
    low = text.lower()
    found = _country_tokens(text)
    for surface, key in lexicon.items():
        if re.search(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", low):
            found.add(key)
    return found


def main_actors(article: dict, events: list[dict], mentions: list[dict], top: int = 3) -> list[str]:
    """The actors an article is about: most mentioned (events and title count extra)."""
    counts: Counter[str] = Counter()
    for m in mentions:
        counts[actor_key(m)] += 1
    for e in events:
        for a in e["source"] + e["target"]:
            counts[actor_key(a)] += 1
    for key in _actors_in(article.get("title") or "", _surface_lexicon(mentions, events)):
        counts[key] += 2
    if not counts:
        return []
    best = counts.most_common(1)[0][1]
    return [k for k, n in counts.most_common(top) if n >= 0.4 * best]


def _event_weight(event: dict, main: set[str]) -> float:
    src = {actor_key(a) for a in event["source"]}
    tgt = {actor_key(a) for a in event["target"]}
    ms, mt = bool(src & main), bool(tgt & main)
    if ms and mt:
        pair = 1.0
    elif ms or mt:
        pair = 0.6 if (src and tgt) else 0.45
    else:
        pair = 0.3 if (src and tgt) else 0.2
    strength = 0.7 + 0.3 * min(abs(event.get("goldstein") or 0.0), 10.0) / 10.0
    return MODALITY_WEIGHT.get(event.get("modality"), 0.5) * pair * strength


def _quality(sentence: str) -> float:
    """Penalties for what reads badly as a takeaway: page furniture, fragments,
    very long sentences, questions, and sentences made mostly of quotation."""
    text = short_text(sentence)
    words = len(text.split())
    if _FURNITURE.search(text):
        return 0.0
    q = 1.0
    if words < 6:
        q *= 0.2
    elif words > 40:
        q *= max(0.7, 1.0 - (words - 40) / 60)
    quoted = sum(len(m) for m in re.findall(r"[“\"][^”\"]*[”\"]", text))
    q *= 1.0 - 0.4 * quoted / max(len(text), 1)
    if text.rstrip().endswith("?"):
        q *= 0.5
    if text.lstrip()[:1] in "“\"" and not re.search(r"[”\"],?\s+\w+\s+(?:said|told|says)", text):
        q *= 0.8
    return q


def score_sentences(article: dict, events: list[dict], mentions: list[dict] | None = None
                    ) -> tuple[list[ScoredSentence], dict]:
    """Body sentences with their features; also returns context (main actors,
    heading vectors, section bounds) for the pickers."""
    mentions = mentions or []
    sections = article.get("sections") or []
    heading_starts = {s["start"] for s in sections}
    text_len = len(article.get("text") or "")
    bounds = [(s["end"], nxt) for s, nxt in zip(sections, [s["start"] for s in sections[1:]] + [text_len + 1])]
    first_heading = sections[0]["start"] if sections else text_len + 1

    by_sentence_mentions: dict[int, set[str]] = {}
    for m in mentions:
        by_sentence_mentions.setdefault(m["sentence_index"], set()).add(actor_key(m))
    by_sentence_events: dict[int, list[dict]] = {}
    for e in events:
        by_sentence_events.setdefault(e["sentence_index"], []).append(e)
        for a in e["source"] + e["target"]:
            by_sentence_mentions.setdefault(e["sentence_index"], set()).add(actor_key(a))

    main = main_actors(article, events, mentions)
    lexicon = _surface_lexicon(mentions, events)

    out: list[ScoredSentence] = []
    per_unit: Counter = Counter()
    headings: dict[int, list[str]] = {}
    for s in article["sentences"]:
        if s["start"] in heading_starts:
            sec = next(i for i, h in enumerate(sections) if h["start"] == s["start"])
            keys = by_sentence_mentions.get(s["index"], set()) | _country_tokens(s["text"])
            headings[sec] = terms(s["text"]) + ["@" + k for k in keys]
            continue
        if s["start"] < first_heading:
            sec = None
        else:
            sec = next((i for i, (lo, hi) in enumerate(bounds) if lo <= s["start"] < hi), len(sections) - 1)
        pos = per_unit[sec]
        per_unit[sec] += 1
        actors = by_sentence_mentions.get(s["index"], set()) | _country_tokens(s["text"])
        out.append(ScoredSentence(index=s["index"], text=s["text"], section=sec, position=pos,
                                  body_position=len(out), actors=actors,
                                  events=by_sentence_events.get(s["index"], []), quality=_quality(s["text"])))
    for i, sec in enumerate(sections):  # headings given as sections but not split as sentences
        headings.setdefault(i, terms(sec["heading"]) + ["@" + k for k in _actors_in(sec["heading"], lexicon)])

    # TF-IDF over the article's body sentences
    docs = [terms(s.text) + ["@" + k for k in s.actors] for s in out]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(d))
    n = len(docs) or 1

    def vec(tokens: list[str]) -> dict[str, float]:
        tf = Counter(tokens)
        return {t: (1 + math.log(c)) * (math.log((n + 1) / (df.get(t, 0) + 1)) + 1) for t, c in tf.items()}

    for s, d in zip(out, docs):
        s.vector = vec(d)
    centroid: Counter[str] = Counter()
    for s in out:
        norm = math.sqrt(sum(v * v for v in s.vector.values())) or 1.0
        for t, v in s.vector.items():
            centroid[t] += v / norm
    title = article.get("title") or ""
    title_vec = vec(terms(title) + ["@" + k for k in _actors_in(title, lexicon)])
    heading_vecs = {i: vec(toks) for i, toks in headings.items()}

    main_set = set(main)
    for s in out:
        s.centrality = cosine(s.vector, centroid)
        s.title_sim = cosine(s.vector, title_vec)
        if s.section is not None:
            s.heading_sim = cosine(s.vector, heading_vecs.get(s.section, {}))
        s.actor_share = len(s.actors & main_set) / len(main_set) if main_set else 0.0
        miss = 1.0
        for e in s.events:
            miss *= 1.0 - _event_weight(e, main_set)
        s.event_score = 1.0 - miss
    for attr in ("centrality", "title_sim", "heading_sim"):
        # scaled to the best readable sentence, so a stray fragment ("HIROSHIMA -") sets no scale
        top = max((getattr(s, attr) for s in out if s.quality >= 0.5), default=0.0)
        if top > 0:
            for s in out:
                setattr(s, attr, min(1.0, getattr(s, attr) / top))
    return out, {"main_actors": main, "sections": sections}


def _support(chosen: ScoredSentence, pool: list[ScoredSentence], taken: set[int], same_section: bool,
             limit: int = 2) -> list[int]:
    """Up to ``limit`` other sentences with events that back the chosen one:
    under the same heading, those with salient events or similar wording;
    without headings, similar wording only."""
    cands = []
    for s in pool:
        if s.index == chosen.index or s.index in taken or s.quality == 0 or not s.events:
            continue
        sim = cosine(s.vector, chosen.vector)
        if sim >= 0.2 or (same_section and s.event_score >= 0.3):
            cands.append((0.5 * sim + 0.5 * s.event_score if same_section else sim, s.index))
    return sorted(i for _, i in sorted(cands, reverse=True)[:limit])


def _takeaway(rank: int, chosen: ScoredSentence, heading: str | None, support: list[int],
              by_index: dict[int, ScoredSentence], main: set[str]) -> dict:
    idx = [chosen.index, *support]
    # the statement's own events first, then the supporting sentences', most salient first
    evs = sorted(chosen.events, key=lambda e: -_event_weight(e, main))
    evs += sorted((e for i in support for e in by_index[i].events), key=lambda e: -_event_weight(e, main))
    return {"rank": rank, "text": short_text(chosen.text), "heading": heading, "sentences": idx,
            "events": [e["id"] for e in evs]}


def mmr(pool: list[ScoredSentence], k: int, mode: str = "article", lam: float = MMR_LAMBDA) -> list[ScoredSentence]:
    """Greedy maximal marginal relevance: score minus redundancy with what is picked."""
    cands = [s for s in pool if s.quality > 0]
    if not cands:
        return []
    top = max(s.score(mode) for s in cands) or 1.0
    picked: list[ScoredSentence] = []
    while cands and len(picked) < k:
        fresh = [s for s in cands if all(cosine(s.vector, p.vector) < REDUNDANT for p in picked)]
        cands = fresh or cands
        best = max(cands, key=lambda s: lam * s.score(mode) / top
                   - (1 - lam) * max((cosine(s.vector, p.vector) for p in picked), default=0.0))
        picked.append(best)
        cands.remove(best)
    return picked


def takeaways(article: dict, events: list[dict], k: int = 5, mentions: list[dict] | None = None) -> list[dict]:
    """k takeaways of one article, ``[{rank, text, heading, sentences, events}]``.

    ``article`` as ``Store.article`` returns it, ``events`` as ``Store.events``,
    ``mentions`` as ``Store.mentions`` (optional: without them the actors come
    from the events alone).
    """
    if k <= 0:
        return []
    scored, ctx = score_sentences(article, events, mentions)
    by_index = {s.index: s for s in scored}
    main = set(ctx["main_actors"])
    sections = ctx["sections"]
    out: list[dict] = []
    if sections:
        best_per_section: list[tuple[int, ScoredSentence]] = []
        for i in range(len(sections)):
            pool = [s for s in scored if s.section == i and s.quality > 0]
            if pool:
                best_per_section.append((i, max(pool, key=lambda s: s.score("section"))))
        lead_pool = [s for s in scored if s.section is None and s.quality > 0]
        with_lead = bool(lead_pool) and k > len(best_per_section)
        if len(best_per_section) > k:
            keep = sorted(best_per_section, key=lambda p: -p[1].score("section"))[:k]
            best_per_section = sorted(keep)
        chosen: list[tuple[str | None, ScoredSentence, list[ScoredSentence]]] = []
        if with_lead:
            lead = max(lead_pool, key=lambda s: s.score("article"))
            chosen.append((None, lead, lead_pool))
        for i, s in best_per_section:
            chosen.append((sections[i]["heading"], s, [x for x in scored if x.section == i]))
        taken = {s.index for _, s, _ in chosen}
        for rank, (heading, s, pool) in enumerate(chosen, start=1):
            out.append(_takeaway(rank, s, heading, _support(s, pool, taken, heading is not None), by_index, main))
        return out
    picked = mmr(scored, k)
    taken = {s.index for s in picked}
    for rank, s in enumerate(picked, start=1):
        out.append(_takeaway(rank, s, None, _support(s, scored, taken, False), by_index, main))
    return out
