"""Score extraction against hand-coded gold data (`worldwire evaluate GOLD.jsonl`).

Gold format, one JSON object a line::

    {"id": "...", "text": "...", "date": "2023-03-21",
     "events": [{"type": "CONSULT", "source": ["JPN"], "target": ["UKR"], "modality": "asserted"}],
     "quotes": [{"quote": "exact quoted words", "speaker": "Fumio Kishida", "kind": "direct"}]}

``date``, ``modality``, ``quotes`` and ``kind`` are optional; an item without
an ``events`` key is scored on its quotes only. A gold event may give its
``evidence``, a verbatim part of the text naming the act ("accused Israel
of"): when every gold event of an item does, the item is scored sentence by
sentence, each gold event against the events coded in the sentence that
holds its evidence (an article's CONSULT in its lede is not credited to a
meeting the coder found in its last paragraph). An actor code is an
ISO 3166-1 alpha-3 country code, or ``IGO``, ``NGO``, ``MNC`` for
organisations without a country. Each text is coded as one article.

Figures:
- type P/R/F1: per item, predicted event types against gold types as multisets;
- source/target F1: actor codes of each gold event against those of the
  predicted event it is paired with (same type, best overlap); codes of
  unpaired events count as misses or false alarms;
- triple F1: exact (type, source set, target set) matches;
- modality accuracy: over paired events whose gold gives a modality;
- type precision by method: the share of predicted events whose type the
  gold has (in the item, or in the sentence with ``evidence``), for events
  of a trigger rule ("lexicon"), a rule's event the classifier retyped
  ("relabelled") and events the classifier added ("classifier");
- confusion: gold type against predicted type for items with at most one
  gold event (``NONE`` for no event);
- speaker accuracy: over gold quotations found (span overlap), the share
  whose predicted speaker names the gold speaker (same person or actor, or
  the gold name contains the predicted name or vice versa);
- quote span F1: predicted and gold quotation spans pair when they overlap
  by at least half of the shorter; a predicted quotation of a kind no gold
  quotation of the file has is outside what the file annotates and no false
  alarm (indirect speech, where the gold lists direct quotations only).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import InputError
from .nlp import classify
from .pipeline import Coder
from .records import ActorRef, Article, Event, Quote, content_id

ORG_CODES = ("IGO", "NGO", "MNC")


def actor_code(a: ActorRef) -> str | None:
    """The gold-style code of an actor: its country, else IGO/MNC/NGO; None
    for people the KB cannot place. A group of states ("the West", KB id
    WST) has no code of its own in the gold format and is IGO, as the bank
    codes it."""
    if a.country:
        return a.country
    if a.kind in ("igo", "group") or a.sector == "IGO":  # an organisation or one of its office-holders
        return "IGO"
    if a.kind == "org":
        return "MNC" if a.sector == "BUS" else "NGO"
    return None


def _codes(actors: list[ActorRef]) -> set[str]:
    return {c for c in (actor_code(a) for a in actors) if c}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, pred: set, gold: set) -> None:
        self.tp += len(pred & gold)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Scores:
    items: int = 0
    types: Tally = field(default_factory=Tally)
    source: Tally = field(default_factory=Tally)
    target: Tally = field(default_factory=Tally)
    triple: Tally = field(default_factory=Tally)
    modality_ok: int = 0
    modality_n: int = 0
    confusion: Counter = field(default_factory=Counter)
    spans: Tally = field(default_factory=Tally)
    speaker_ok: int = 0
    speaker_n: int = 0
    speaker_by_kind: Counter = field(default_factory=Counter)
    speaker_n_by_kind: Counter = field(default_factory=Counter)
    by_method: Counter = field(default_factory=Counter)  # predicted events by how they were found
    by_method_ok: Counter = field(default_factory=Counter)  # ... of a type the gold has there

    def to_dict(self) -> dict:
        tp, tr, tf = self.types.prf()
        return {
            "items": self.items,
            "type_precision": round(tp, 4), "type_recall": round(tr, 4), "type_f1": round(tf, 4),
            "source_f1": round(self.source.prf()[2], 4),
            "target_f1": round(self.target.prf()[2], 4),
            "triple_f1": round(self.triple.prf()[2], 4),
            "modality_accuracy": round(self.modality_ok / self.modality_n, 4) if self.modality_n else None,
            "speaker_accuracy": round(self.speaker_ok / self.speaker_n, 4) if self.speaker_n else None,
            "speaker_accuracy_by_kind": {k: round(self.speaker_by_kind[k] / n, 4) for k, n in self.speaker_n_by_kind.items()},
            "quote_span_f1": round(self.spans.prf()[2], 4) if self.spans.tp + self.spans.fn else None,
            "type_precision_by_method": {m: {"events": n, "precision": round(self.by_method_ok[m] / n, 4)}
                                         for m, n in sorted(self.by_method.items())},
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
        }


def read_gold(path: str | Path) -> list[dict]:
    items = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(str(path), f"malformed JSON ({e.msg})", line=n) from e
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise InputError(str(path), "each line needs an object with a 'text' string", line=n)
            for e in obj.get("events") or []:
                if isinstance(e, dict) and "evidence" in e and (not isinstance(e["evidence"], str) or e["evidence"] not in obj["text"]):
                    raise InputError(str(path), f"event evidence {e['evidence']!r} is not a verbatim part of the text", line=n)
            items.append(obj)
    return items


def _pair_events(pred: list[Event], gold: list[dict]) -> list[tuple[Event | None, dict | None]]:
    """Pair gold and predicted events of the same type, best source overlap first."""
    pairs: list[tuple[Event | None, dict | None]] = []
    left = list(pred)
    for g in gold:
        same = [p for p in left if p.type == g["type"]]
        if not same:
            pairs.append((None, g))
            continue
        gs, gt = set(g.get("source", [])), set(g.get("target", []))
        best = max(same, key=lambda p: (len(_codes(p.source) & gs) + len(_codes(p.target) & gt), -abs(len(_codes(p.source)) - len(gs))))
        left.remove(best)
        pairs.append((best, g))
    pairs += [(p, None) for p in left]
    return pairs


def _fold(text: str) -> str:
    """Case- and accent-insensitive form of a name ("Péter Szijjártó" = "Peter Szijjarto")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _same_speaker(pred: Quote, gold: dict, kb=None) -> bool:
    if pred.speaker is None and not pred.speaker_text:
        return False
    if pred.speaker is not None and kb is not None:
        named = {e.actor_id for name in [gold.get("speaker", ""), *gold.get("speakers", [])] for e in kb.lookup(name)}
        if pred.speaker.actor_id in named:
            return True  # a KB alias of the same person ("Zelenskiy" = "Zelensky")
    want = _fold(gold.get("speaker", ""))
    names = {_fold(pred.speaker_text or "")}
    if pred.speaker is not None:
        names |= {_fold(pred.speaker.name), _fold(pred.speaker.text)}
        members = [_fold(m) for m in gold.get("speakers", [])]
        predicted = [_fold(s.name) for s in [pred.speaker, *pred.speakers]]
        if any(p in m or m in p for m in members for p in predicted):
            return True
        if gold.get("speaker_country") and pred.speaker.kind == "state" and pred.speaker.country == gold["speaker_country"]:
            return True
    names.discard("")
    return any(n and (n in want or want in n) or (n.split()[-1:] == want.split()[-1:] and len(n) > 2) for n in names)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def score_item(item: dict, coder: Coder, scores: Scores, kinds: set[str] | None = None) -> None:
    """Code one gold item and add its figures to ``scores``; ``kinds``: the
    quotation kinds the gold annotates (None: all)."""
    text = item["text"]
    on = date.fromisoformat(item["date"]) if item.get("date") else None
    article = Article(id=content_id(text), text=text, url=None, location=str(item.get("id", "<gold>")), published=on)
    coded = coder.code([article])[0]
    scores.items += 1
    if "events" in item:
        _score_events(item["events"] or [], coded, scores, text)
    if "quotes" in item:
        _score_quotes(text, item["quotes"] or [], coded, scores, coder.kb, kinds)


def _by_sentence(text: str, gold_events: list[dict], coded) -> list[tuple[list[dict], list[Event]]]:
    """Gold and coded events grouped by the sentence they are told in, when
    every gold event gives its ``evidence``; else one group. A sentence with
    neither is no group (it adds nothing to any figure)."""
    if not gold_events or not all(g.get("evidence") for g in gold_events):
        return [(gold_events, list(coded.events))]
    gold: dict[int, list[dict]] = {}
    for g in gold_events:
        at = text.find(g["evidence"])  # read_gold checked that it is there
        i = next((s.index for s in coded.sentences if s.start <= at < s.end), -1)
        gold.setdefault(i, []).append(g)
    pred: dict[int, list[Event]] = {}
    for e in coded.events:
        pred.setdefault(e.sentence_index, []).append(e)
    return [(gold.get(i, []), pred.get(i, [])) for i in sorted(set(gold) | set(pred))]


def _score_events(gold_events: list[dict], coded, scores: Scores, text: str = "") -> None:
    for gold, pred in _by_sentence(text, gold_events, coded):
        _score_group(gold, pred, scores)


def found_by(e: Event) -> str:
    """How an event was found: "lexicon" (a trigger rule), "relabelled" (a
    rule's event the classifier retyped) or "classifier" (added by it)."""
    if e.method.startswith(classify.METHOD):
        return "classifier"
    return "relabelled" if classify.METHOD in e.method else "lexicon"


def _score_group(gold_events: list[dict], events: list[Event], scores: Scores) -> None:
    pt, gt = Counter(e.type for e in events), Counter(g["type"] for g in gold_events)
    left = Counter(gt)
    for e in events:
        method = found_by(e)
        scores.by_method[method] += 1
        if left[e.type] > 0:
            left[e.type] -= 1
            scores.by_method_ok[method] += 1
    scores.types.tp += sum((pt & gt).values())
    scores.types.fp += sum((pt - gt).values())
    scores.types.fn += sum((gt - pt).values())
    if len(gold_events) <= 1:
        gold_type = gold_events[0]["type"] if gold_events else "NONE"
        pred_type = gold_type if gold_type in pt else (events[0].type if events else "NONE")
        scores.confusion[(gold_type, pred_type)] += 1
    for p, g in _pair_events(events, gold_events):
        ps, ptg = (_codes(p.source), _codes(p.target)) if p else (set(), set())
        gs, gtg = (set(g.get("source", [])), set(g.get("target", []))) if g else (set(), set())
        scores.source.add(ps, gs)
        scores.target.add(ptg, gtg)
        if p is not None and g is not None:
            if g.get("modality"):
                scores.modality_n += 1
                scores.modality_ok += p.modality == g["modality"]
    triples_p = Counter((e.type, frozenset(_codes(e.source)), frozenset(_codes(e.target))) for e in events)
    triples_g = Counter((g["type"], frozenset(g.get("source", [])), frozenset(g.get("target", []))) for g in gold_events)
    scores.triple.tp += sum((triples_p & triples_g).values())
    scores.triple.fp += sum((triples_p - triples_g).values())
    scores.triple.fn += sum((triples_g - triples_p).values())


def _score_quotes(text: str, gold_quotes: list[dict], coded, scores: Scores, kb=None,
                  kinds: set[str] | None = None) -> None:
    used: set[str] = set()
    for g in gold_quotes:
        start = text.find(g["quote"])
        span = (start, start + len(g["quote"])) if start >= 0 else None
        match = next((q for q in coded.quotes if span and q.id not in used and _overlap((q.start, q.end), span)), None)
        kind = g.get("kind", "direct")
        if match is None:
            scores.spans.fn += 1
            continue
        used.add(match.id)
        scores.spans.tp += 1
        scores.speaker_n += 1
        scores.speaker_n_by_kind[kind] += 1
        ok = _same_speaker(match, g, kb)
        scores.speaker_ok += ok
        scores.speaker_by_kind[kind] += ok
    # predicted quotations no gold quotation overlaps are false alarms
    scores.spans.fp += sum(1 for q in coded.quotes if q.id not in used and (kinds is None or q.kind in kinds))


def evaluate(gold_path: str | Path, coder: Coder | None = None, split: str | None = None) -> dict:
    """Score the coder on a gold file; ``split`` keeps items whose "split" field equals it."""
    coder = coder or Coder.load()
    scores = Scores()
    items = [it for it in read_gold(gold_path) if not split or it.get("split") == split]
    kinds = {q.get("kind", "direct") for it in items for q in it.get("quotes") or []} or None
    for item in items:
        score_item(item, coder, scores, kinds)
    return scores.to_dict()
