"""Dyad series: how two actors relate, period by period (issue 7).

For actors A and B (actor ids, ISO3 codes or exact names; an event's actor
answers to A when its id, its country or its name is A), an event is *dyadic*
when A is among its sources and B among its targets, or the reverse (with
``directed``, A → B only); it is *joint* when A and B act together, both among
its sources, toward someone else ("Russia and China urged Washington to ...").

Per period (day, week from Monday, month, or all):

- ``events``: dyadic events, counted by story (see :mod:`.eventset`) or by mention;
- ``verbal_coop``, ``material_coop``, ``verbal_conflict``, ``material_conflict``:
  the same split by CAMEO quad class;
- ``goldstein_mean``: mean Goldstein score of the dyadic events;
- ``coop_share``: share of dyadic events that are cooperation;
- ``joint``: joint actions;
- ``alignment``: (P - N) / (P + N + 1), where P = verbal cooperation + 2 x
  material cooperation + joint actions (material joint actions count 2) and
  N = verbal conflict + 2 x material conflict; +1 is all cooperation, -1 all
  conflict, and the +1 in the denominator shrinks thin evidence toward 0;
- ``ci_low``, ``ci_high``: a 95% interval for the alignment by a two-stage
  bootstrap: resample the period's stories with replacement, then each drawn
  story's counted events (``BOOTSTRAP`` replicates, fixed seed, so the same
  store gives the same interval). Where no story tables exist, articles are
  the stories.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np

from ..errors import WorldwireError

from .eventset import (COOPERATION, COUNT_BY, COUNTED_MODALITIES, Ev, alignment, load_events, matches, period_of,
                       representative, weight)

BOOTSTRAP = 1000
SEED = 0
COLUMNS = ["period", "a", "b", "events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict",
           "goldstein_mean", "alignment", "ci_low", "ci_high"]


def dyad_items(events: list[Ev], a: str, b: str, directed: bool = False, count: str = "story") -> list[dict]:
    """The counted units between A and B: one per (story, type, direction, day)
    when counting by story, one per event by mention. Each has kind (dyadic or
    joint), direction (a->b, b->a, mutual, joint), story, day, quad_class,
    goldstein and the ids of the events it stands for."""
    if count not in COUNT_BY:
        raise ValueError(f"count must be one of {', '.join(COUNT_BY)}")
    groups: dict[tuple, list[Ev]] = defaultdict(list)
    directions: dict[tuple, str] = {}
    for e in events:
        if count == "story" and e.copy:
            continue
        sa = any(matches(x, a) for x in e.source)
        sb = any(matches(x, b) for x in e.source)
        ta = any(matches(x, a) for x in e.target)
        tb = any(matches(x, b) for x in e.target)
        ab, ba = sa and tb, sb and ta
        if ab and ba:
            direction = "mutual"
        elif ab:
            direction = "a->b"
        elif ba and not directed:
            direction = "b->a"
        elif sa and sb and not (ta or tb):
            direction = "joint"
        else:
            continue
        key = (e.story_id, e.type, direction, e.day) if count == "story" else (e.id,)
        groups[key].append(e)
        directions[key] = direction
    items = []
    for key, evs in groups.items():
        quad, gold = representative(evs)
        items.append({"kind": "joint" if directions[key] == "joint" else "dyadic", "direction": directions[key],
                      "story_id": evs[0].story_id, "day": evs[0].day, "type": evs[0].type, "quad_class": quad,
                      "goldstein": gold, "events": [e.id for e in evs]})
    items.sort(key=lambda i: (i["day"] or date.min, i["story_id"], i["type"], i["direction"]))
    return items


def _pos_neg(item: dict) -> tuple[float, float]:
    w = weight(item["quad_class"])
    if item["kind"] == "joint" or item["quad_class"] in COOPERATION:
        return w, 0.0
    return 0.0, w


def bootstrap_interval(stories: list[list[tuple[float, float]]], reps: int = BOOTSTRAP, seed: int = SEED,
                       level: float = 0.95) -> tuple[float | None, float | None]:
    """Two-stage bootstrap interval of the alignment over stories, each a list of (P, N) contributions."""
    stories = [s for s in stories if s]
    if not stories:
        return None, None
    rng = np.random.default_rng(seed)
    sizes = np.array([len(s) for s in stories])
    pos = np.array([p for s in stories for p, _ in s])
    neg = np.array([n for s in stories for _, n in s])
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    n = len(stories)
    # all replicates at once: stage 1 picks n stories per replicate, stage 2
    # picks as many contributions from each picked story, with replacement
    pick = rng.integers(0, n, (reps, n)).ravel()
    m = sizes[pick]
    idx = np.repeat(offsets[pick], m) + (rng.random(m.sum()) * np.repeat(m, m)).astype(int)
    rep_of = np.repeat(np.repeat(np.arange(reps), n), m)
    p = np.bincount(rep_of, weights=pos[idx], minlength=reps)
    q = np.bincount(rep_of, weights=neg[idx], minlength=reps)
    stats = (p - q) / (p + q + 1.0)
    lo, hi = np.quantile(stats, [(1 - level) / 2, 1 - (1 - level) / 2])
    return round(float(lo), 3), round(float(hi), 3)


def summarize(items: list[dict], a: str, b: str, by: str = "week", reps: int = BOOTSTRAP) -> list[dict]:
    """Per-period rows from counted units (see the module doc for the columns)."""
    periods: dict[str, list[dict]] = defaultdict(list)
    for it in items:
        periods[period_of(it["day"], by)].append(it)
    rows = []
    for period in sorted(periods):
        its = periods[period]
        dyadic = [i for i in its if i["kind"] == "dyadic"]
        quads = {q: sum(1 for i in dyadic if i["quad_class"] == q) for q in (1, 2, 3, 4)}
        pos = sum(_pos_neg(i)[0] for i in its)
        neg = sum(_pos_neg(i)[1] for i in its)
        by_story: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for i in its:
            by_story[i["story_id"]].append(_pos_neg(i))
        lo, hi = bootstrap_interval(list(by_story.values()), reps=reps)
        rows.append({
            "period": period, "a": a, "b": b, "events": len(dyadic),
            "verbal_coop": quads[1], "material_coop": quads[2], "verbal_conflict": quads[3], "material_conflict": quads[4],
            "goldstein_mean": round(sum(i["goldstein"] for i in dyadic) / len(dyadic), 2) if dyadic else None,
            "alignment": round(alignment(pos, neg), 3), "ci_low": lo, "ci_high": hi,
            "coop_share": round((quads[1] + quads[2]) / len(dyadic), 3) if dyadic else None,
            "joint": len(its) - len(dyadic), "stories": len(by_story),
        })
    return rows


def dyads(store, a: str, b: str, by: str = "week", since: date | None = None, until: date | None = None,
          directed: bool = False, count: str = "story", modalities: tuple[str, ...] | None = COUNTED_MODALITIES,
          reps: int = BOOTSTRAP) -> list[dict]:
    """The A–B series: ``[{period, a, b, events, verbal_coop, material_coop,
    verbal_conflict, material_conflict, goldstein_mean, alignment, ci_low,
    ci_high, coop_share, joint, stories}]``, periods in order, empty ones left out."""
    if a == b:
        raise WorldwireError(f"A dyad needs two different actors; got {a!r} twice.")
    items = dyad_items(load_events(store, since, until, modalities), a, b, directed=directed, count=count)
    return summarize(items, a, b, by=by, reps=reps)


def dyads_frame(store, a: str, b: str, **kwargs):
    """:func:`dyads` as a pandas DataFrame (for notebooks)."""
    from .frames import to_pandas

    return to_pandas(dyads(store, a, b, **kwargs), columns=COLUMNS + ["coop_share", "joint", "stories"])
