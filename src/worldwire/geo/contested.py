"""Contested places: territory and waters two or more states claim, and whom
an act there is aimed at.

``geo/data/contested.csv`` (hand-written, one row a place) names a gazetteer
entry (``name``, ``country``, ``feature``, as ``aliases.csv`` does), its
claimants with the one holding it first, and optionally the claimant an
outsider's act there challenges (a foreign navy in the Taiwan Strait
challenges China's claim). News leaves that party unnamed: "Chinese coast
guard ships entered waters around the Senkaku Islands" is a show of force
against Japan, "India put its troops along the Line of Control on alert"
one against Pakistan. :func:`worldwire.nlp.events.extract.place_targets`
reads :meth:`Contest.counterpart` for acts at such a place that name no
other party.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .gazetteer import DATA, load_gazetteer, normalize


@dataclass(frozen=True)
class Contest:
    place: str
    claimants: tuple[str, ...]  # ISO3, the holder first
    outsiders: str | None  # whom an act by a state that claims nothing there challenges

    def counterpart(self, doers: set[str]) -> str | None:
        """The party an act by ``doers`` at the place is aimed at: for the
        holder, the first other claimant; for another claimant, the holder;
        for an outsider, ``outsiders``; none when the doers are on both sides
        (a clash is coded between them already)."""
        inside = [c for c in self.claimants if c in doers]
        if len(inside) > 1:
            return None
        if not inside:
            return self.outsiders
        if inside[0] == self.claimants[0]:
            return next((c for c in self.claimants[1:] if c not in doers), None)
        return self.claimants[0]


@lru_cache(maxsize=1)
def load_contested(data: Path = DATA) -> dict[tuple[str, str], Contest]:
    """Contests by (normalized place name, country code or ""). Stops with an
    error naming the row when the gazetteer has no such entry."""
    gaz = load_gazetteer()
    out: dict[tuple[str, str], Contest] = {}
    with open(data / "contested.csv", encoding="utf-8", newline="") as f:
        for n, r in enumerate(csv.DictReader(f), start=2):
            if not any(primary and (p.country or "") == r["country"] and p.feature == r["feature"]
                       for p, primary in gaz.lookup(r["name"])):
                raise ValueError(f"contested.csv line {n}: no {r['feature']} {r['name']!r} in {r['country']!r}")
            claimants = tuple(r["claimants"].split("|"))
            if len(claimants) < 2 or any(len(c) != 3 for c in claimants):
                raise ValueError(f"contested.csv line {n}: claimants must be two or more ISO3 codes: {r['claimants']!r}")
            out[(normalize(r["name"]), r["country"])] = Contest(r["name"], claimants, r["outsiders"] or None)
    return out


def contest_at(name: str | None, country: str | None) -> Contest | None:
    """The contest over a gazetteer place, given its name and country as an
    event's ``location`` records them."""
    if not name:
        return None
    return load_contested().get((normalize(name), country or ""))
