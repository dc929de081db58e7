"""PLOVER types as data (``data/plover.yaml``) and their CAMEO/Goldstein coding."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

MODALITIES = ("asserted", "negated", "future", "hypothetical", "historical")
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    description: str
    quad_class: int
    cameo_root: str
    goldstein: float
    modes: dict[str, tuple[str, float]]
    future_cameo: tuple[str, float] | None


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    requires: tuple[str, ...]  # lemmas that must hang off the trigger ("call+for")
    pos: str  # VERB | NOUN
    type: str
    mode: str | None
    context: str | None
    firm: bool = False  # the word names its type unambiguously; the classifier may not relabel it

    @property
    def rule_id(self) -> str:
        return f"lex:{'+'.join((self.lemma, *self.requires))}/{self.pos.lower()}"


@lru_cache(maxsize=1)
def event_types() -> dict[str, EventType]:
    raw = yaml.safe_load(resources.files(__package__).joinpath("data/plover.yaml").read_text("utf-8"))
    types = {}
    for name, t in raw["types"].items():
        types[name] = EventType(
            name=name,
            description=t["description"],
            quad_class=int(t["quad_class"]),
            cameo_root=str(t["cameo_root"]),
            goldstein=float(t["goldstein"]),
            modes={m: (str(v[0]), float(v[1])) for m, v in (t.get("modes") or {}).items()},
            future_cameo=(str(t["future_cameo"][0]), float(t["future_cameo"][1])) if t.get("future_cameo") else None,
        )
    return types


@lru_cache(maxsize=1)
def word_classes() -> dict[str, frozenset[str]]:
    """The lexicon's word classes (``data/word_classes.yaml``): a pattern's
    ``@restriction`` requires any word of the class ("suspend+@restriction")."""
    raw = yaml.safe_load(resources.files(__package__).joinpath("data/word_classes.yaml").read_text("utf-8"))
    return {name: frozenset(str(w) for w in words) for name, words in raw.items()}


@lru_cache(maxsize=1)
def triggers() -> tuple[Trigger, ...]:
    return parse_triggers(resources.files(__package__).joinpath("data/triggers.csv").read_text("utf-8"))


def parse_triggers(text: str) -> tuple[Trigger, ...]:
    """The rows of a trigger lexicon (``triggers.csv``'s columns), checked:
    a known PLOVER type, known word classes, and no pattern listed twice for
    one part of speech (only the first row of such a pair ever matches)."""
    types = event_types()
    classes = word_classes()
    out = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        key = (row["pattern"], row["pos"])
        if key in seen:
            raise ValueError(f"triggers.csv line {line}: {row['pattern']!r} ({row['pos']}) repeats line {seen[key]};"
                             " only the first row would ever match, so merge the two")
        seen[key] = line
        lemma, *requires = row["pattern"].split("+")
        if row["type"] not in types:
            raise ValueError(f"triggers.csv: unknown PLOVER type {row['type']!r} for {row['pattern']!r}")
        unknown = [r for r in requires if r.startswith("@") and r[1:] not in classes]
        if unknown:
            raise ValueError(f"triggers.csv: unknown word class {unknown[0]!r} in {row['pattern']!r}"
                             " (classes are in word_classes.yaml)")
        mode = row["mode"] or None
        out.append(Trigger(lemma, tuple(requires), row["pos"], row["type"], mode, row["context"] or None,
                           firm=row.get("firm") == "y"))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class CameoCoding:
    code: str
    root: str
    goldstein: float
    quad_class: int


def cameo_for(type_name: str, mode: str | None, modality: str) -> CameoCoding:
    """CAMEO code, root, Goldstein score and quad class of a PLOVER event.

    Pledged or planned events (modality ``future``) take the CAMEO intent code
    when the type has one (03x express intent to cooperate, 13x threaten), as
    GDELT codes them; otherwise the mode's specific code, else the type's root.
    """
    t = event_types()[type_name]
    if modality == "future" and t.future_cameo:
        code, goldstein = t.future_cameo
    elif mode and mode in t.modes:
        code, goldstein = t.modes[mode]
    else:
        code, goldstein = t.cameo_root, t.goldstein
    root = code[:2]
    quad = _quad_of_root(root)
    return CameoCoding(code=code, root=root, goldstein=goldstein, quad_class=quad)


def _quad_of_root(root: str) -> int:
    n = int(root)
    if n <= 5:
        return 1
    if n <= 9:
        return 2
    if n <= 14:
        return 3
    return 4
