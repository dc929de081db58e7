"""The trigger lexicon (``ontology/data/triggers.csv``) matched against parsed tokens.

A rule is a lemma and part of speech, optionally with dependents it requires
("call" + "for" is a REQUEST, "call" alone is not; "suspend" + any word of
the class ``@restriction`` in ``ontology/data/word_classes.yaml`` is easing
a sanction, "suspend" alone imposing one; a class may name entity types of
the direct object, ``ent:PERSON``); the most specific rule
that a token's dependents satisfy wins. Both the event coder
(:mod:`worldwire.nlp.events`) and the sentence classifier
(:mod:`worldwire.nlp.classify`, which reads the matched types as features)
use it.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..ontology.plover import Trigger, triggers, word_classes
from .syntax import tokens


@lru_cache(maxsize=1)
def lexicon_table() -> dict[tuple[str, str], list[Trigger]]:
    table: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
    for t in triggers():
        table[(t.lemma, t.pos)].append(t)
    for rules in table.values():
        rules.sort(key=lambda t: -len(t.requires))
    return table


def dependent_lemmas(tok: Token) -> set[str]:
    """The lemmas of a token's dependents and of the words inside its
    prepositions and objects, and ``ent:LABEL`` for a direct object the
    parser tags as an entity ("released Alex Saab": ``ent:PERSON``)."""
    out = set()
    for c in tok.children:
        out.add(c.lemma_.lower())
        if c.dep_ == "dobj" and c.ent_type_:
            out.add(f"ent:{c.ent_type_}")
        # "agent": "spoke by phone"; "oprd": "called the launch an outrageous act"
        if c.dep_ in ("prep", "agent", "dobj", "prt", "advmod", "dative", "oprd"):
            out.update(g.lemma_.lower() for g in c.children if g.dep_ in ("pobj", "amod", "compound"))
        if c.dep_ == "dobj":  # and every object joined to it: "fired water cannon and tear gas at"
            for o in c.conjuncts:
                out.add(o.lemma_.lower())
                out.update(g.lemma_.lower() for g in o.children if g.dep_ in ("amod", "compound"))
        if c.dep_ == "dobj" and c.lemma_.lower() in PARTITIVES:  # "paused most of the new tariffs"
            out.update(o.lemma_.lower() for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                       for o in p.children if o.dep_ == "pobj")
    return out


# Objects that name a part of what follows "of": "suspended some of the countermeasures"
PARTITIVES = {"some", "most", "all", "part", "many", "several", "much", "half", "rest", "one", "two", "three",
              "remainder", "portion", "bulk"}


def _present(required: str, deps: set[str]) -> bool:
    """A required dependent lemma is there; ``@name``: any word of that class is."""
    if required.startswith("@"):
        return not word_classes()[required[1:]].isdisjoint(deps)
    return required in deps


def match_trigger(tok: Token) -> Trigger | None:
    pos = "VERB" if tok.pos_ == "VERB" else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None
    if pos is None:
        return None
    rules = lexicon_table().get((tok.lemma_.lower(), pos)) or []
    if not rules:
        return None
    deps = dependent_lemmas(tok)
    particle = any(c.dep_ == "prt" for c in tok.children)
    for rule in rules:
        if not all(_present(r, deps) for r in rule.requires):
            continue
        if particle and not rule.requires:
            continue  # a particle changes the verb: "back down", "call off", "hold up"
        return rule
    return None


def doc_triggers(doc: Doc) -> list[Trigger | None]:
    """The rule each token of a parsed article matches (None for most), matched
    once per document: the classifier's features and the event coder read the
    same list."""
    cached = doc.user_data.get("worldwire.triggers")
    if cached is None:
        cached = [match_trigger(t) for t in tokens(doc)]
        doc.user_data["worldwire.triggers"] = cached
    return cached
