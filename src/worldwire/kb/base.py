"""Load the knowledge base (``data/*.csv``, documented in ``data/README.md``).

The KB answers two questions: which actor does this alias name ("the Kremlin",
"Zelenskyy", "NATO", "Russian"), and who held an office on a given day
("the Japanese prime minister" on 2023-03-21).

A user's own CSV (``kb_extra``, the format ``worldwire kb import-petrarch``
writes; see ``data/README.md``) is layered on top of the shipped data: its
people, roles and aliases win over the shipped ones.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..records import ActorRef

# Which role a bare "the Russian leader" means, in order of preference.
ROLE_PRIORITY = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister", "igo_head",
                 "spokesperson", "military_chief", "envoy", "deputy_head_of_government", "other")

# Columns of the user's extra CSV (the people and roles files in one).
EXTRA_COLUMNS = ("kind", "person_id", "name", "aliases", "qid", "role", "iso3", "org", "sector", "start", "end", "title")

# Fuzzy matching thresholds (0-100, rapidfuzz ratio on case- and accent-folded text).
FUZZY_PERSON = 90.0
FUZZY_STATE = 88.0


@dataclass(frozen=True, slots=True)
class KBEntry:
    """What an alias can name.

    ``how`` tells the grammar of the alias: ``name`` (a state, IGO, group or
    person name), ``adjective`` ("Russian": a country only as a modifier),
    ``demonym`` ("Russians"), ``capital`` ("Moscow": the government as an
    actor, the city as a place), ``metonym`` ("the Kremlin"), ``place`` (a
    city or region that is only ever a place: "Kharkiv", "Crimea").
    ``source`` is ``kb`` for the shipped data and ``extra`` for the user's.
    """

    actor_id: str
    name: str
    kind: str  # state | person | igo | group | org
    country: str | None
    sector: str | None
    how: str
    source: str = "kb"


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

    def describe(self) -> str:
        where = self.country or self.org or "?"
        span = f"{self.start or '…'}..{self.end or ''}"
        return f"{self.role} {where} {self.sector or ''} {span} {self.title or ''}".strip()


@dataclass(slots=True)
class Person:
    person_id: str
    name: str
    aliases: tuple[str, ...]
    qid: str | None
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None  # "f" where the KB knows; None otherwise
    source: str = "kb"

    def role_on(self, on: date | None) -> Role | None:
        """The person's main role on a day; undated articles get the latest."""
        active = [r for r in self.roles if r.active(on)]
        if not active and on is None and self.roles:
            active = [max(self.roles, key=lambda r: r.start or date.min)]
        if not active:
            return None
        # the highest office; between equals, the one taken up last
        return min(active, key=lambda r: (ROLE_PRIORITY.index(r.role) if r.role in ROLE_PRIORITY else 99,
                                          -(r.start or date.min).toordinal()))

    def last_role_before(self, on: date | None) -> Role | None:
        """A former role ("former president"), for people out of office that day."""
        past = [r for r in self.roles if on is None or (r.start or date.min) <= on]
        return max(past, key=lambda r: r.end or date.max) if past else None

    def first_role_after(self, on: date | None) -> Role | None:
        """The first office a person will hold ("president-elect"), for people not yet in office."""
        future = [r for r in self.roles if on is not None and r.start and r.start > on]
        return min(future, key=lambda r: r.start) if future else None


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value.strip()) if value and value.strip() else None


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation to spaces: the form fuzzy matching compares."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


class KnowledgeBase:
    def __init__(self, data_dir: Path | None = None, extra: tuple[str, ...] | list[str] = ()):
        root = Path(data_dir) if data_dir else resources.files(__package__).joinpath("data")
        self._root = root
        self.aliases: dict[str, list[KBEntry]] = defaultdict(list)
        self.states: dict[str, dict] = {}
        self.igos: dict[str, dict] = {}
        self.groups: dict[str, dict] = {}
        self.orgs: dict[str, dict] = {}  # non-person actors from the user's extra file
        self.places: dict[str, dict] = {}  # "Kharkiv" -> row of places.csv
        self.people: dict[str, Person] = {}
        self.titles: dict[str, tuple[str, str]] = {}  # "prime minister" -> (role, sector)
        self.sector_nouns: dict[str, str] = {}  # "foreign ministry" -> DIP
        self.extra_files: tuple[str, ...] = tuple(str(p) for p in extra)
        self._holders: dict[tuple[str, str], list[Role]] = defaultdict(list)
        self._org_holders: dict[str, list[Role]] = defaultdict(list)
        self._fuzzy: dict[str, tuple[list[str], list[str]]] = {}
        self._fuzzy_hits: dict[tuple[str, str], tuple | None] = {}  # (person|state, text) -> result
        self._load()
        for path in self.extra_files:
            self._load_extra(Path(path))
        self._index_roles()

    def _rows(self, name: str) -> list[dict]:
        path = self._root.joinpath(name)
        if not path.is_file():
            return []
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    def _add(self, alias: str, entry: KBEntry, first: bool = False) -> None:
        alias = alias.strip()
        if not alias or entry in self.aliases[alias]:
            return
        if first:
            self.aliases[alias].insert(0, entry)
        else:
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
        for row in self._rows("places.csv"):
            iso = row["iso3"]
            self.places[row["name"]] = row
            entry = KBEntry(iso, self.states.get(iso, {}).get("name", iso), "state", iso, None, "place")
            for alias in [row["name"], *_split(row.get("aliases"))]:
                self.places.setdefault(alias, row)
                self._add(alias, entry)
        for row in self._rows("igos.csv"):
            self.igos[row["id"]] = row
            for alias in [row["name"], row["id"] if row["id"].isalpha() else "", *_split(row.get("aliases"))]:
                if alias:
                    self._add(alias, KBEntry(row["id"], row["name"], "igo", None, "IGO", "name"))
        for row in self._rows("groups.csv"):
            self.groups[row["id"]] = row
            for alias in [row["name"], *_split(row.get("aliases"))]:
                self._add(alias, KBEntry(row["id"], row["name"], "group", None, None, "name"))
                if alias.lower().startswith("the "):
                    self._add(alias[4:], KBEntry(row["id"], row["name"], "group", None, None, "name"))
        for row in self._rows("organisations.csv"):
            # armed groups, state bodies and companies: actors of kind "org"
            # with the country and sector they are coded by (companies without
            # a state owner have no country: evaluate codes them MNC)
            self.orgs[row["id"]] = {**row, "iso3": row.get("country") or "", "source": "kb"}
            entry = KBEntry(row["id"], row["name"], "org", (row.get("country") or "").strip() or None,
                            (row.get("sector") or "").strip() or None, "name")
            for alias in [row["name"], *_split(row.get("aliases"))]:
                self._add(alias, entry)
                if alias.lower().startswith("the "):
                    self._add(alias[4:], entry)
        for row in self._rows("people.csv"):
            pid = row["person_id"]
            aliases = tuple(_split(row.get("aliases")))
            self.people[pid] = Person(pid, row["name"], aliases, row.get("qid") or None,
                                      gender=(row.get("gender") or None))
        for row in self._rows("roles.csv"):
            person = self.people.get(row["person_id"])
            if person is not None:
                person.roles.append(_role(row))
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

    def _load_extra(self, path: Path) -> None:
        """The user's CSV (see data/README.md, "Your own actors"): its entries win."""
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        replaced: set[str] = set()
        for row in rows:
            kind = (row.get("kind") or "person").strip().lower()
            name = (row.get("name") or "").strip()
            aliases = _split(row.get("aliases"))
            if kind == "agent":  # a sector noun: "ambassador" -> DIP
                for noun in [name, *aliases]:
                    if noun and row.get("sector"):
                        self.sector_nouns[noun.lower()] = row["sector"].strip()
                continue
            if kind == "state":
                iso = (row.get("iso3") or "").strip()
                if iso in self.states:
                    entry = KBEntry(iso, self.states[iso]["name"], "state", iso, row.get("sector") or None, "name", "extra")
                    for alias in [name, *aliases]:
                        self._add(alias, entry, first=True)
                continue
            if kind in ("org", "igo", "group"):
                actor_id = (row.get("person_id") or "").strip() or slug(name)
                if kind == "igo" and (row.get("org") or "").strip() in self.igos:
                    actor_id = row["org"].strip()
                self.orgs[actor_id] = row
                entry = KBEntry(actor_id, name or actor_id, kind, (row.get("iso3") or "").strip() or None,
                                (row.get("sector") or "").strip() or ("IGO" if kind == "igo" else None), "name", "extra")
                for alias in [name, *aliases]:
                    self._add(alias, entry, first=True)
                continue
            pid = (row.get("person_id") or "").strip() or slug(name)
            person = self.people.get(pid)
            if person is None:
                person = self.people[pid] = Person(pid, name or pid, (), (row.get("qid") or "").strip() or None)
            if pid not in replaced:
                # user entries win: the user's roles replace the shipped ones
                replaced.add(pid)
                if any((r.get("person_id") or "").strip() == pid and (r.get("role") or "").strip() for r in rows):
                    person.roles = []
                person.source = "extra"
            if name and name != person.name and name not in person.aliases:
                person.aliases = (*person.aliases, name)
            person.aliases = (*person.aliases, *[a for a in aliases if a not in person.aliases])
            if (row.get("qid") or "").strip():
                person.qid = row["qid"].strip()
            if (row.get("role") or "").strip() and ((row.get("iso3") or "").strip() or (row.get("org") or "").strip()):
                person.roles.append(_role({**row, "person_id": pid}))
            entry = KBEntry(pid, person.name, "person", None, None, "name", "extra")
            for alias in [person.name, *person.aliases]:
                self._add(alias, entry, first=True)

    def _index_roles(self) -> None:
        for person in self.people.values():
            for role in person.roles:
                if role.country:
                    self._holders[(role.country, role.role)].append(role)
                if role.org:
                    self._org_holders[role.org].append(role)

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

    def state_ref(self, iso3: str, text: str, start: int, end: int, reason: str | None = None) -> ActorRef:
        """The state ``iso3`` as an actor mentioned by ``text`` at ``start``-``end``
        (a place, a claimant, the country a person or a protest stands for)."""
        return ActorRef(iso3, self.state_name(iso3), "state", iso3, None, text, start, end, reason)

    # -- fuzzy matching ---------------------------------------------------
    def _choices(self, what: str) -> tuple[list[str], list[str]]:
        if what not in self._fuzzy:
            keys, ids = [], []
            if what == "person":
                for p in self.people.values():
                    for alias in {p.name, *p.aliases}:
                        keys.append(fold(alias))
                        ids.append(p.person_id)
            else:
                for iso, row in self.states.items():
                    for alias in {row["name"], *_split(row.get("short_names"))}:
                        if len(alias) >= 6:
                            keys.append(fold(alias))
                            ids.append(iso)
            self._fuzzy[what] = (keys, ids)
        return self._fuzzy[what]

    def _memo(self, what: str, text: str, find):
        """Fuzzy results by text: the same names come back article after article (bounded)."""
        key = (what, text)
        if key in self._fuzzy_hits:
            return self._fuzzy_hits[key]
        if len(self._fuzzy_hits) > 100_000:
            self._fuzzy_hits.clear()
        hit = self._fuzzy_hits[key] = find(text)
        return hit

    def fuzzy_person(self, text: str) -> tuple[Person, float, str] | None:
        """A KB person whose name is a near spelling of ``text`` ("Vlodomyr
        Zelenskky"): (person, score 0-1, matched alias), or None.

        Strict: the whole name must score >= 90 and every word of it >= 75,
        with as many words as the alias; single words need 8 letters."""
        return self._memo("person", text, self._fuzzy_person)

    def _fuzzy_person(self, text: str) -> tuple[Person, float, str] | None:
        from rapidfuzz import fuzz, process

        q = fold(text)
        words = q.split()
        if len(q) < 8 or (len(words) == 1 and len(q) < 8):
            return None
        keys, ids = self._choices("person")
        for key, score, i in process.extract(q, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_PERSON, limit=5):
            kw = key.split()
            if len(kw) != len(words):
                continue
            if all(fuzz.ratio(a, b) >= 75 for a, b in zip(words, kw)) and words[-1][0] == kw[-1][0]:
                return self.people[ids[i]], score / 100, key
        return None

    def fuzzy_state(self, text: str) -> tuple[str, float, str] | None:
        """A state whose name is a near spelling of ``text`` ("Phillipines")."""
        return self._memo("state", text, self._fuzzy_state)

    def _fuzzy_state(self, text: str) -> tuple[str, float, str] | None:
        from rapidfuzz import fuzz, process

        q = fold(text)
        if len(q) < 6:
            return None
        keys, ids = self._choices("state")
        best = process.extractOne(q, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_STATE)
        if best is None:
            return None
        key, score, i = best
        return ids[i], score / 100, key

    # -- describing -------------------------------------------------------
    def describe(self, actor_id: str) -> dict | None:
        """Everything the KB holds on one actor id (``actors show``)."""
        if actor_id in self.people:
            p = self.people[actor_id]
            roles = sorted(p.roles, key=lambda r: (r.start or date.min, r.role))
            return {"actor_id": p.person_id, "name": p.name, "kind": "person", "qid": p.qid,
                    "aliases": list(p.aliases), "source": p.source,
                    "roles": [{"role": r.role, "country": r.country, "org": r.org, "sector": r.sector,
                               "start": r.start.isoformat() if r.start else None,
                               "end": r.end.isoformat() if r.end else None, "title": r.title} for r in roles]}
        if actor_id in self.states:
            row = self.states[actor_id]
            return {"actor_id": actor_id, "name": row["name"], "kind": "state", "country": actor_id,
                    "aliases": _split(row.get("short_names")), "adjectives": _split(row.get("adjectives")),
                    "capital": row.get("capital"), "region": row.get("regions"),
                    "metonyms": sorted({a for a, es in self.aliases.items() for e in es
                                        if e.actor_id == actor_id and e.how == "metonym" and not a.startswith("the ")}),
                    "roles": []}
        if actor_id in self.igos:
            row = self.igos[actor_id]
            heads = sorted(self._org_holders.get(actor_id, []), key=lambda r: r.start or date.min)
            return {"actor_id": actor_id, "name": row["name"], "kind": "igo", "aliases": _split(row.get("aliases")),
                    "founded": row.get("founded"), "parent": row.get("parent") or None,
                    "roles": [{"role": r.role, "person": self.people[r.person_id].name, "start": r.start.isoformat() if r.start else None,
                               "end": r.end.isoformat() if r.end else None, "title": r.title} for r in heads]}
        if actor_id in self.groups:
            row = self.groups[actor_id]
            return {"actor_id": actor_id, "name": row["name"], "kind": "group", "aliases": _split(row.get("aliases")),
                    "note": row.get("note"), "roles": []}
        if actor_id in self.orgs:
            row = self.orgs[actor_id]
            return {"actor_id": actor_id, "name": row.get("name"), "kind": row.get("kind"), "country": row.get("iso3") or None,
                    "sector": row.get("sector") or None, "aliases": _split(row.get("aliases")),
                    "source": row.get("source") or "extra", "note": row.get("note") or None, "roles": []}
        return None

    def find_ids(self, query: str) -> list[str]:
        """Actor ids a name or alias names (exact, then case-insensitive)."""
        ids = [e.actor_id for e in self.lookup(query)]
        if not ids:
            low = query.lower()
            ids = [e.actor_id for a, es in self.aliases.items() if a.lower() == low for e in es]
        return list(dict.fromkeys(ids))


def _role(row: dict) -> Role:
    return Role(
        person_id=row["person_id"],
        role=(row.get("role") or "other").strip(),
        country=(row.get("iso3") or "").strip() or None,
        org=(row.get("org") or "").strip() or None,
        sector=(row.get("sector") or "").strip() or None,
        start=_date(row.get("start")),
        end=_date(row.get("end")),
        title=(row.get("title") or "").strip() or None,
    )


def _extra_paths(extra) -> tuple[str, ...]:
    if not extra:
        return ()
    if isinstance(extra, (str, Path)):
        import os

        return tuple(p for p in str(extra).split(os.pathsep) if p)
    return tuple(str(p) for p in extra)


def load_kb(data_dir: str | None = None, extra: str | tuple[str, ...] | None = None) -> KnowledgeBase:
    """The knowledge base, loaded once per process (per data directory and
    extra files). ``extra`` is the user's CSV (or several, joined with the
    path separator) layered on top of the shipped data."""
    return _load_kb(str(data_dir) if data_dir else None, _extra_paths(extra))


@lru_cache(maxsize=8)
def _load_kb(data_dir: str | None, extra: tuple[str, ...]) -> KnowledgeBase:
    return KnowledgeBase(Path(data_dir) if data_dir else None, extra)


load_kb.cache_clear = _load_kb.cache_clear  # type: ignore[attr-defined]
