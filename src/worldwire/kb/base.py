"""Load the knowledge base (``data/*.csv``, documented in ``data/README.md``).

The KB answers two questions: which actor does this alias name ("the Kremlin",
"Zelenskyy", "NATO", "Russian"), and who held an office on a given day
("the Japanese prime minister" on 2023-03-21).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

# Which role a bare "the Russian leader" means, in order of preference.
ROLE_PRIORITY = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister", "igo_head",
                 "spokesperson", "military_chief", "envoy", "deputy_head_of_government", "other")


@dataclass(frozen=True, slots=True)
class KBEntry:
    """What an alias can name.

    ``how`` tells the grammar of the alias: ``name`` (a state, IGO, group or
    person name), ``adjective`` ("Russian": a country only as a modifier),
    ``demonym`` ("Russians"), ``capital`` ("Moscow": the government as an
    actor, the city as a place), ``metonym`` ("the Kremlin").
    """

    actor_id: str
    name: str
    kind: str  # state | person | igo | group
    country: str | None
    sector: str | None
    how: str


@dataclass(frozen=True, slots=True)
class Role:
    person_id: str
    role: str
    country: str | None
    org: str | None
    sector: str | None
    start: date | None
    end: date | None
    title: str | None

    def active(self, on: date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(slots=True)
class Person:
    person_id: str
    name: str
    aliases: tuple[str, ...]
    qid: str | None
    roles: list[Role] = field(default_factory=list)

    def role_on(self, on: date | None) -> Role | None:
        """The person's main role on a day; undated articles get the latest."""
        active = [r for r in self.roles if r.active(on)]
        if not active and on is None and self.roles:
            active = [max(self.roles, key=lambda r: r.start or date.min)]
        if not active:
            return None
        return min(active, key=lambda r: ROLE_PRIORITY.index(r.role) if r.role in ROLE_PRIORITY else 99)

    def last_role_before(self, on: date | None) -> Role | None:
        """A former role ("former president"), for people out of office that day."""
        past = [r for r in self.roles if on is None or (r.start or date.min) <= on]
        return max(past, key=lambda r: r.end or date.max) if past else None


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class KnowledgeBase:
    def __init__(self, data_dir: Path | None = None):
        root = Path(data_dir) if data_dir else resources.files(__package__).joinpath("data")
        self._root = root
        self.aliases: dict[str, list[KBEntry]] = defaultdict(list)
        self.states: dict[str, dict] = {}
        self.igos: dict[str, dict] = {}
        self.groups: dict[str, dict] = {}
        self.people: dict[str, Person] = {}
        self.titles: dict[str, tuple[str, str]] = {}  # "prime minister" -> (role, sector)
        self.sector_nouns: dict[str, str] = {}  # "foreign ministry" -> DIP
        self._holders: dict[tuple[str, str], list[Role]] = defaultdict(list)
        self._org_holders: dict[str, list[Role]] = defaultdict(list)
        self._load()

    def _rows(self, name: str) -> list[dict]:
        path = self._root.joinpath(name)
        if not path.is_file():
            return []
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    def _add(self, alias: str, entry: KBEntry) -> None:
        alias = alias.strip()
        if alias and entry not in self.aliases[alias]:
            self.aliases[alias].append(entry)

    def _load(self) -> None:
        for row in self._rows("countries.csv"):
            iso = row["iso3"]
            self.states[iso] = row
            name = row["name"]
            for alias in [name, *_split(row.get("short_names"))]:
                self._add(alias, KBEntry(iso, name, "state", iso, None, "name"))
            for adj in _split(row.get("adjectives")):
                self._add(adj, KBEntry(iso, name, "state", iso, None, "adjective"))
            for dem in _split(row.get("demonyms")):
                self._add(dem, KBEntry(iso, name, "state", iso, None, "demonym"))
            for cap in [*_split(row.get("capital")), *_split(row.get("capital_aliases"))]:
                self._add(cap, KBEntry(iso, name, "state", iso, "GOV", "capital"))
        for row in self._rows("metonyms.csv"):
            iso = row["iso3"]
            state_name = self.states.get(iso, {}).get("name", iso)
            alias = row["alias"]
            entry = KBEntry(iso, state_name, "state", iso, row.get("sector") or "GOV", "metonym")
            self._add(alias, entry)
            if alias.lower().startswith("the "):
                self._add(alias[4:], entry)
        for row in self._rows("igos.csv"):
            self.igos[row["id"]] = row
            kind = "igo"
            for alias in [row["name"], row["id"] if row["id"].isalpha() else "", *_split(row.get("aliases"))]:
                if alias:
                    self._add(alias, KBEntry(row["id"], row["name"], kind, None, "IGO", "name"))
        for row in self._rows("groups.csv"):
            self.groups[row["id"]] = row
            for alias in [row["name"], *_split(row.get("aliases"))]:
                self._add(alias, KBEntry(row["id"], row["name"], "group", None, None, "name"))
                if alias.lower().startswith("the "):
                    self._add(alias[4:], KBEntry(row["id"], row["name"], "group", None, None, "name"))
        for row in self._rows("people.csv"):
            pid = row["person_id"]
            aliases = tuple(_split(row.get("aliases")))
            self.people[pid] = Person(pid, row["name"], aliases, row.get("qid") or None)
        for row in self._rows("roles.csv"):
            person = self.people.get(row["person_id"])
            if person is None:
                continue
            role = Role(
                person_id=row["person_id"],
                role=row["role"],
                country=row.get("iso3") or None,
                org=row.get("org") or None,
                sector=row.get("sector") or None,
                start=_date(row.get("start")),
                end=_date(row.get("end")),
                title=row.get("title") or None,
            )
            person.roles.append(role)
            if role.country:
                self._holders[(role.country, role.role)].append(role)
            if role.org:
                self._org_holders[role.org].append(role)
        for person in self.people.values():
            # A person's country and sector depend on the date, so the alias
            # entry carries none; resolution asks role_on(date).
            for alias in [person.name, *person.aliases]:
                self._add(alias, KBEntry(person.person_id, person.name, "person", None, None, "name"))
        self.leader_roles = {row["iso3"]: row["leader_role"] for row in self._rows("executives.csv")}
        for row in self._rows("titles.csv"):
            self.titles[row["title"]] = (row["role"], row["sector"])
        for row in self._rows("sectors.csv"):
            self.sector_nouns[row["noun"]] = row["sector"]

    def lookup(self, alias: str) -> list[KBEntry]:
        return self.aliases.get(alias, [])

    def holder(self, country: str, role: str, on: date | None, title: str | None = None) -> Person | None:
        """Who held ``role`` in ``country`` on the day (latest holder if undated).

        With ``title`` ("president"), an office-holder whose own title says so
        wins: Iran's president is not its head of state.
        """
        if title:
            titled = [r for (c, _), roles in self._holders.items() if c == country for r in roles
                      if r.active(on) and r.title and title in r.title.lower()]
            if titled:
                same_role = [r for r in titled if r.role == role] or titled
                best = max(same_role, key=lambda r: r.start or date.min)
                return self.people[best.person_id]
        roles = self._holders.get((country, role), [])
        active = [r for r in roles if r.active(on)]
        if not active:
            return None
        best = max(active, key=lambda r: r.start or date.min)
        return self.people[best.person_id]

    def org_holder(self, org: str, on: date | None) -> Person | None:
        active = [r for r in self._org_holders.get(org, []) if r.active(on) and r.role == "igo_head"]
        return self.people[max(active, key=lambda r: r.start or date.min).person_id] if active else None

    def state_name(self, iso3: str) -> str:
        return self.states.get(iso3, {}).get("name", iso3)


@lru_cache(maxsize=4)
def load_kb(data_dir: str | None = None) -> KnowledgeBase:
    """The knowledge base, loaded once per process (per data directory)."""
    return KnowledgeBase(Path(data_dir) if data_dir else None)
