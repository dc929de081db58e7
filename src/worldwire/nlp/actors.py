"""Actors: find mentions in a parsed article and resolve them to KB actors.

Resolution is by the article's date: "the Japanese prime minister" on
2023-03-21 is Fumio Kishida, and Kishida is Japan's government (JPN, GOV) only
while he held office. Mentions come from phrase matching on KB aliases, from
titles ("Russian President ...", "China's foreign minister"), from country +
sector phrases ("Russian troops", "China's Foreign Ministry") and, for people
and organisations the KB lacks, from spaCy's named entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..kb import KBEntry, KnowledgeBase
from ..records import ActorRef

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
GROUP_PRONOUNS = {"they", "them", "their"}
# Plural nouns that refer back to a group of leaders or of countries.
LEADER_NOUNS = {"leader", "president", "head", "premier", "minister"}
# An appositive headed by one of these makes a named entity a person even
# when NER calls it an organisation ("Jean-Pierre Cabestan, a professor at").
PERSON_NOUNS = {
    "professor", "analyst", "fellow", "researcher", "director", "expert", "specialist", "spokesman",
    "spokeswoman", "spokesperson", "official", "minister", "diplomat", "lecturer", "economist", "scholar",
    "commentator", "adviser", "advisor", "chief", "editor", "journalist", "correspondent", "resident",
    "ambassador", "envoy", "general", "commander", "lawmaker", "senator", "activist", "head", "founder",
}
STATE_NOUNS = {"country", "nation", "ally", "government", "capital", "power", "neighbour", "neighbor", "partner"}
# Where names are written family name first ("Wang Wenbin" is "Wang").
FAMILY_NAME_FIRST = {"CHN", "TWN", "KOR", "PRK", "VNM", "HKG", "MAC"}
# Singular role nouns that refer back to the last actor named with them.
ROLE_NOUNS = {"ministry", "spokesman", "spokeswoman", "spokesperson", "minister", "envoy", "army", "military",
              "government", "president", "chancellor", "premier", "commission", "council", "alliance", "bloc"}
# "both sides", "the two parties": whatever was last coordinated, states or not
PARTY_NOUNS = {"side", "party", "belligerent", "foe", "rival"}


@dataclass(slots=True)
class MentionSpan:
    start: int  # token indices, end exclusive
    end: int
    ref: ActorRef
    method: str  # kb | role | sector | ner


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@lru_cache(maxsize=4)
def _matcher(nlp: Language, kb: KnowledgeBase) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    texts = set()
    for alias in kb.aliases:
        texts.add(alias)
        if alias.startswith("the "):
            texts.add("The " + alias[4:])
    matcher.add("KB", list(nlp.tokenizer.pipe(sorted(texts))))
    return matcher


def _longest_phrase(tokens: list[Token], table: dict, max_len: int = 4) -> tuple[int, object] | None:
    """Longest prefix of ``tokens`` (lowercased) found in ``table``: (length, value)."""
    for n in range(min(max_len, len(tokens)), 0, -1):
        key = " ".join(t.lower_ for t in tokens[:n])
        if key in table:
            return n, table[key]
        lemma_key = " ".join([t.lower_ for t in tokens[: n - 1]] + [tokens[n - 1].lemma_.lower()])
        if lemma_key in table:
            return n, table[lemma_key]
    return None


class ActorIndex:
    """The actor mentions of one parsed article and the lookups that need them."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, on: date | None, nlp: Language):
        self.doc = doc
        self.kb = kb
        self.on = on
        self.mentions: list[MentionSpan] = []
        self._by_token: dict[int, MentionSpan] = {}
        self._unknown_surnames: dict[str, ActorRef] = {}
        self._find(nlp)
        self.groups = self._find_groups()

    # -- building ---------------------------------------------------------
    def _ref(self, entry: KBEntry, span: Span) -> ActorRef:
        country, sector, name = entry.country, entry.sector, entry.name
        if entry.kind == "person":
            person = self.kb.people[entry.actor_id]
            role = person.role_on(self.on)
            if role is not None:
                country, sector = role.country, role.sector
            else:
                former = person.last_role_before(self.on)
                country, sector = (former.country, "ELI") if former else (None, None)
        return ActorRef(entry.actor_id, name, entry.kind, country, sector, span.text, span.start_char, span.end_char)

    def _choose(self, entries: list[KBEntry]) -> KBEntry:
        people = [e for e in entries if e.kind == "person"]
        if people:
            active = [e for e in people if self.kb.people[e.actor_id].role_on(self.on) is not None]
            return (active or people)[0]
        order = {"name": 0, "metonym": 1, "capital": 2, "demonym": 3, "adjective": 4}
        return min(entries, key=lambda e: order.get(e.how, 9))

    def _person_ref(self, person_id: str, span: Span) -> ActorRef:
        person = self.kb.people[person_id]
        return self._ref(KBEntry(person_id, person.name, "person", None, None, "name"), span)

    def _find(self, nlp: Language) -> None:
        doc, kb = self.doc, self.kb
        spans = [Span(doc, s, e) for _, s, e in _matcher(nlp, kb)(doc)]
        spans = sorted(filter_spans(spans), key=lambda s: s.start)
        taken: set[int] = set()
        found: list[MentionSpan] = []
        for span in spans:
            if any(i in taken for i in range(span.start, span.end)):
                continue
            entries = kb.lookup(span.text) or kb.lookup("the " + span.text[4:])
            entry = self._choose(entries)
            if entry.kind == "state" and entry.how == "demonym" and any(e.how == "adjective" for e in entries):
                entry = replace(entry, how="adjective")  # "Russian" is both; as a modifier it is the adjective
            if entry.kind == "person" and self._inside_longer_name(span):
                continue  # "Jean-Pierre" inside "Jean-Pierre Cabestan" is not Karine Jean-Pierre
            if entry.how in ("adjective", "demonym", "name", "capital") and entry.kind == "state":
                composed = self._compose_state(span, entry, spans)
                if composed is not None:
                    found.append(composed)
                    taken.update(range(composed.start, composed.end))
                    continue
                if entry.how == "adjective":
                    continue  # "Russian gas": a modifier, not an actor
            ref = self._ref(entry, span)
            found.append(MentionSpan(span.start, span.end, ref, "kb"))
            taken.update(range(span.start, span.end))
        # later surname-only mentions of people named in full ("Wang" after
        # "Wang Wenbin") are the same person within an article
        for m in found:
            if m.ref.kind == "person" and m.end - m.start > 1:
                parts = m.ref.name.split()
                self._unknown_surnames.setdefault(parts[-1], m.ref)
                if m.ref.country in FAMILY_NAME_FIRST and len(parts) > 1:
                    self._unknown_surnames.setdefault(parts[0], m.ref)
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG") or any(i in taken for i in range(ent.start, ent.end)):
                continue
            ent = self._trim(ent)
            if ent is None:
                continue
            found.append(MentionSpan(ent.start, ent.end, self._unknown(ent), "ner"))
            taken.update(range(ent.start, ent.end))
        self.mentions = sorted(found, key=lambda m: m.start)
        for m in self.mentions:
            for i in range(m.start, m.end):
                self._by_token[i] = m

    def _compose_state(self, span: Span, entry: KBEntry, spans: list[Span]) -> MentionSpan | None:
        """Country + title or sector: "Russian President (Vladimir Putin)",
        "China's Foreign Ministry", "Ukrainian troops"."""
        doc, kb = self.doc, self.kb
        i = span.end
        if entry.how in ("name", "capital"):
            if i + 1 < len(doc) and doc[i].tag_ == "POS":
                i += 1
            else:
                return None
        after = list(doc[i : i + 5])
        title = _longest_phrase(after, kb.titles)
        if title:
            n, (role, sector) = title
            title_words = " ".join(t.lower_ for t in after[:n])
            if title_words == "leader" and entry.country:
                role = kb.leader_roles.get(entry.country, role)
                title_words = None
            end = i + n
            name_span = next((s for s in spans if s.start == end), None)
            if name_span is not None and any(e.kind == "person" for e in kb.lookup(name_span.text)):
                person_entry = self._choose(kb.lookup(name_span.text))
                whole = doc[span.start : name_span.end]
                return MentionSpan(whole.start, whole.end, self._ref(person_entry, whole), "kb")
            ent_after = next((e for e in doc.ents if e.start == end and e.label_ == "PERSON"), None)
            if ent_after is not None:
                whole = doc[span.start : ent_after.end]
                ref = self._unknown(ent_after)
                ref = replace(ref, country=entry.country, sector=sector, text=whole.text, start=whole.start_char, end=whole.end_char)
                return MentionSpan(whole.start, whole.end, ref, "role")
            whole = doc[span.start:end]
            holder = kb.holder(entry.country, role, self.on, title=title_words) if entry.country else None
            if holder is not None:
                return MentionSpan(whole.start, whole.end, self._person_ref(holder.person_id, whole), "role")
            return MentionSpan(whole.start, whole.end, ActorRef(entry.actor_id, entry.name, "state", entry.country, sector, whole.text, whole.start_char, whole.end_char), "role")
        sector = _longest_phrase(after, kb.sector_nouns)
        if sector:
            n, code = sector
            whole = doc[span.start : i + n]
            return MentionSpan(whole.start, whole.end, ActorRef(entry.actor_id, entry.name, "state", entry.country, code, whole.text, whole.start_char, whole.end_char), "sector")
        return None

    def _inside_longer_name(self, span: Span) -> bool:
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and ent.start <= span.start and span.end <= ent.end and len(ent) > len(span):
                trimmed = self._trim(ent)
                return trimmed is not None and not self.kb.lookup(trimmed.text) and len(trimmed) > len(span)
        return False

    @staticmethod
    def _trim(ent: Span) -> Span | None:
        doc = ent.doc
        start, end = ent.start, ent.end
        while start < end and (doc[start].is_punct or doc[start].lower_ in ("the", "a", "an")):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
            end -= 1
        return Span(doc, start, end, label=ent.label_) if end > start else None

    def _unknown(self, ent: Span) -> ActorRef:
        """An actor the KB lacks: a person or organisation named in the text."""
        kind = "person" if ent.label_ == "PERSON" or self._has_person_appositive(ent) else "org"
        text = ent.text
        if len(ent) == 1 and text in self._unknown_surnames:  # NER may call a lone surname an ORG
            known = self._unknown_surnames[text]
            return replace(known, text=text, start=ent.start_char, end=ent.end_char)
        sector = self._described_sector(ent)
        ref = ActorRef("~" + _slug(text), text, kind, None, sector, text, ent.start_char, ent.end_char)
        if kind == "person" and len(ent) > 1:
            self._unknown_surnames.setdefault(ent[-1].text, ref)
        return ref

    @staticmethod
    def _has_person_appositive(ent: Span) -> bool:
        return any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS for c in ent.root.children)

    def _described_sector(self, ent: Span) -> str | None:
        """Sector from an appositive or a preceding job noun: "..., a professor at
        ..." or "international relations specialist Alexander Korolev"."""
        nouns = self.kb.sector_nouns
        head = ent.root
        for child in head.children:
            if child.dep_ == "appos":
                for t in child.subtree:
                    if t.lower_ in nouns or t.lemma_.lower() in nouns:
                        return nouns.get(t.lower_) or nouns.get(t.lemma_.lower())
        for t in ent.doc[max(0, ent.start - 4) : ent.start]:
            if t.lemma_.lower() in nouns:
                return nouns[t.lemma_.lower()]
        return None

    def _find_groups(self) -> list[tuple[int, list[ActorRef]]]:
        """Coordinations of two or more actors ("Xi and Putin", "between A and B"),
        by position, for "the two leaders", "both countries" and "they"."""
        groups = []
        seen = set()
        for m in self.mentions:
            head = self._head_in(m)
            members = [m.ref]
            for c in head.conjuncts:
                cm = self._by_token.get(c.i)
                if cm is not None and cm.ref.actor_id not in {r.actor_id for r in members}:
                    members.append(cm.ref)
            key = tuple(sorted(r.actor_id for r in members))
            if len(members) >= 2 and (head.i, key) not in seen:
                start = min(self._by_token[c.i].start for c in [head, *head.conjuncts] if c.i in self._by_token)
                seen.add((head.i, key))
                groups.append((start, members))
        return sorted(groups, key=lambda g: g[0])

    def _head_in(self, m: MentionSpan) -> Token:
        span = self.doc[m.start : m.end]
        return span.root

    # -- lookups ----------------------------------------------------------
    def at(self, token: Token) -> MentionSpan | None:
        return self._by_token.get(token.i)

    def last_person(self, before: int) -> ActorRef | None:
        for m in reversed(self.mentions):
            if m.end <= before and m.ref.kind == "person":
                return m.ref
        return None

    def last_group(self, before: int, states: bool = False, persons: bool = False) -> list[ActorRef]:
        """The last coordination of actors before a token; ``persons`` asks for
        one made of people ("the two leaders"), ``states`` maps people to
        their countries ("both countries")."""
        for start, members in reversed(self.groups):
            if start >= before:
                continue
            if persons and not all(m.kind == "person" for m in members):
                continue
            return self._as_states(members) if states else members
        return []

    def _as_states(self, members: list[ActorRef]) -> list[ActorRef]:
        out = []
        for r in members:
            if r.kind == "person" and r.country:
                r = ActorRef(r.country, self.kb.state_name(r.country), "state", r.country, r.sector, r.text, r.start, r.end)
            if r.actor_id not in {o.actor_id for o in out}:
                out.append(r)
        return out

    def _anaphor(self, token: Token) -> list[ActorRef]:
        """Pronouns and "the two leaders"-style phrases, resolved backwards."""
        low = token.lower_
        if token.pos_ == "PRON":
            if low in PERSON_PRONOUNS:
                ref = self.last_person(token.i)
                return [self._retext(ref, token)] if ref else []
            if low in GROUP_PRONOUNS:
                return [self._retext(r, token) for r in self.last_group(token.i)]
            return []
        if token.tag_ == "NN" and low in ROLE_NOUNS and any(c.lower_ in ("the", "this") for c in token.children):
            # "the ministry", "the spokesman": the last actor named with that noun
            for m in reversed(self.mentions):
                if m.end <= token.i and any(t.lemma_.lower() == low for t in self.doc[m.start : m.end]):
                    return [self._retext(m.ref, token)]
            return []
        if token.tag_ in ("NNS", "NNPS"):
            mods = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet", "amod", "quantmod")}
            numbered = bool(mods & {"both", "two", "the"})
            lemma = token.lemma_.lower()
            if numbered and lemma in LEADER_NOUNS:
                return [self._retext(r, token) for r in self.last_group(token.i, persons=True)]
            if numbered and lemma in STATE_NOUNS:
                return [self._retext(r, token) for r in self.last_group(token.i, states=True)]
            if numbered and lemma in PARTY_NOUNS:
                return [self._retext(r, token) for r in self.last_group(token.i)]
        return []

    def _retext(self, ref: ActorRef, token: Token) -> ActorRef:
        span = self.doc[token.left_edge.i : token.i + 1] if token.pos_ != "PRON" else self.doc[token.i : token.i + 1]
        return replace(ref, text=span.text, start=span.start_char, end=span.end_char)

    def resolve_one(self, token: Token) -> list[ActorRef]:
        m = self.at(token)
        if m is not None:
            return [m.ref]
        for child in token.children:
            if child.dep_ == "appos":
                m = self.at(child)
                if m is not None:
                    return [m.ref]
        # "the Moscow government", "Kremlin officials": a sector noun whose
        # modifier names the actor
        if token.lemma_.lower() in self.kb.sector_nouns:
            for child in token.children:
                if child.dep_ == "compound" and self.at(child) is not None:
                    return [self.at(child).ref]
        return self._anaphor(token)

    def resolve(self, token: Token) -> list[ActorRef]:
        """Actors a noun phrase (given by its head) refers to, with its conjuncts."""
        out: list[ActorRef] = []
        for t in [token, *[c for c in token.conjuncts if c.i > token.i]]:
            for ref in self.resolve_one(t):
                if ref.actor_id not in {o.actor_id for o in out}:
                    out.append(ref)
        return out
