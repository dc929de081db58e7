"""Places: place names in an article, resolved against the gazetteer, and the
place where each event happened.

**Mentions.** spaCy's GPE, LOC and FAC entities, KB actor mentions whose
words are a place name ("Moscow", "the Kremlin"), proper nouns NER missed
that the grammar puts somewhere ("near Bakhmut", "in Odessa and Mykolaiv"),
each extended to the longest gazetteer name ("Rostov-on-Don"), and the wire
dateline
("MOSCOW, March 20 (Meridian Wire) -", "KYIV —", "PARIS, Texas —").

**Resolution** (``Resolver``): every gazetteer entry with that name is a
candidate, scored by population (log10), with a bonus for country names, for
national capitals and for hand-written regions and landmarks; a qualifier
("Paris, Texas", "Jeddah, Saudi Arabia") or a feature word ("the Donetsk
region", "the city of Kherson") narrows the choice, and a country named right
after "in" vetoes readings outside it ("Palma in northern Mozambique" is not
Palma, Spain: unresolved when the gazetteer has none inside); the article's countries
(from its actor mentions and its unambiguous places) and regions lift the
candidates inside them ("Paris" in a story about Dallas is Paris, Texas). The
reason for each choice is kept.

**Role.** A place name is a *location* when the sentence puts something
there: object of a locative preposition ("in", "at", "near", "across";
"to"/"from" after a verb or noun of motion: "visit to Moscow"), object of a
verb of visiting or attack ("visited Kyiv", "shelled Kherson"), modifier of an
event noun ("the Moscow summit", "Xi's Moscow trip"), a place noun's
complement ("the village of Tegh"). It is an *actor* when it stands for a
government (a metonym): subject of a verb ("Moscow said"), possessor ("Moscow's
decision"), object of other verbs or of "with", "against", "between". Only
locations place events.

**Event location** (``locate_events``), first found wins, recorded in
``location.reason``:

1. ``clause``: a location in the event's own clause (the trigger's phrase, the
   clause it belongs to, without nested clauses): "arrived in Ukraine", "talks
   in Moscow", "shelling near Bakhmut";
2. ``target``: for an attack or a visit, a place in the sentence inside the
   one country it targets ("opened fire on Armenian soldiers ... near Tegh"),
   else that country ("his invasion of Ukraine");
3. ``sentence``: the location nearest the trigger in the same sentence, but
   not one inside a relative clause the trigger is not in, nor one inside the
   phrase of another event of another quad class (the battlefield of "Russia's
   onslaught in Ukraine" is not where ties are strengthened);
4. ``earlier event``: the same event mentioned again (a noun or the same
   word, same type and mode, same actors) after it was located by its clause
   ("Xi's visit was offset by ..." after "Xi's visit to Moscow");
5. ``dateline``: the article's dateline place;

otherwise the event has no location (``null``).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.attrs import IDX, IS_TITLE, POS, TAG
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from ..geo.gazetteer import Gazetteer, Place, load_gazetteer, normalize
from ..records import Event
from .actors import _indices, entities
from .dateline import dateline
from .syntax import doc_text, sentence_of, sentences, span_text, tokens

ALWAYS_LOCATIVE = {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within", "over",
                   "along", "off", "beyond", "through", "into", "nearby", "amid", "aboard", "beside", "behind"}
MOTION_PREPS = {"to", "from", "toward", "towards", "onto"}
MOTION_HEADS = {
    "visit", "trip", "travel", "journey", "fly", "flight", "go", "come", "arrive", "arrival", "return", "head",
    "move", "deploy", "deployment", "relocate", "flee", "march", "advance", "tour", "invite", "invitation",
    "welcome", "withdraw", "withdrawal", "retreat", "leave", "depart", "departure", "evacuate", "evacuation",
    "pilgrimage", "mission", "delegation", "report", "reach", "drive", "sail", "walk", "cross", "enter",
    "push", "escape", "transfer", "trek", "voyage", "expedition", "stopover", "homecoming", "ride",
}
# Verbs whose object is where the event happens: "visited Kyiv", "shelled Kherson".
PLACE_OBJECT_VERBS = {
    "visit", "tour", "enter", "leave", "reach", "attack", "shell", "bomb", "strike", "hit", "target", "capture",
    "seize", "take", "liberate", "encircle", "occupy", "besiege", "surround", "invade", "raid", "storm",
    "defend", "bombard", "pound", "rock", "shake", "cross", "evacuate", "annex", "host", "recapture", "retake",
    "overrun", "blockade", "flood", "besiege", "patrol", "fortify", "flee", "devastate", "ravage", "quit",
    "abandon", "sweep", "engulf", "batter", "lash", "reach", "tour", "overfly", "lock", "cordon", "isolate",
    "paralyse", "paralyze", "cripple", "black", "darken", "hit",
}
# "to" X names a place except after these: "said to Moscow", "appealed to Washington", "aid to Kyiv".
RECIPIENT_HEADS = {
    "say", "tell", "speak", "talk", "write", "appeal", "turn", "offer", "give", "grant", "sell", "export",
    "supply", "provide", "lend", "loan", "pledge", "promise", "announce", "explain", "report", "complain",
    "apologise", "apologize", "object", "belong", "threat", "threaten", "letter", "message", "call", "request",
    "aid", "support", "assistance", "help", "loyalty", "allegiance", "answer", "reply", "respond", "response",
    "warning", "ultimatum", "gift", "payment", "debt", "credit", "pay", "owe", "signal", "proposal", "propose",
    "suggest", "demand", "plea", "note", "protest", "exports", "shipments", "defect", "recognition",
    "challenge", "relations", "ties", "link", "links", "loyal", "similar", "opposed", "committed", "hostile",
    "friendly", "vital", "important", "crucial", "key", "threatening", "dangerous",
}
# "from" X names a place except after these: "imports from China", "pressure from Washington".
SOURCE_HEADS = {
    "import", "imports", "aid", "support", "help", "assistance", "pressure", "threat", "threats", "delegation",
    "envoy", "envoys", "official", "officials", "diplomat", "diplomats", "counterpart", "counterparts",
    "message", "statement", "call", "letter", "signal", "invitation", "demand", "request", "response", "reply",
    "gas", "oil", "grain", "supplies", "weapons", "arms", "funding", "money", "loan", "loans", "investment",
    "criticism", "condemnation", "backing", "approval", "permission", "independence", "recognition", "buy",
    "purchase", "receive", "obtain", "get", "hear", "learn", "demand", "ban", "sanction", "sanctions",
}
PLACE_SUBJECT_VERBS = {"fall", "lie", "burn", "shake", "tremble", "sit", "border", "suffer", "flood", "see"}
# Nouns for parts of a place: "Ukraine's east", "Russia's border".
PART_NOUNS = {
    "east", "west", "north", "south", "border", "borders", "capital", "coast", "region", "territory", "outskirts",
    "centre", "center", "soil", "airspace", "skies", "city", "cities", "town", "towns", "village", "villages",
    "province", "provinces", "part", "parts", "frontline", "front", "streets", "heartland", "interior", "side",
    "shore", "shores", "waters", "north-east", "northeast", "southeast", "south-east", "northwest", "southwest",
    "port", "ports", "oblast", "district", "area", "areas", "countryside", "hinterland", "enclave", "suburbs",
}
PLACE_NOUNS = PART_NOUNS | {"state", "county", "governorate", "prefecture", "krai", "republic", "country", "island",
                            "islands", "peninsula", "strait", "sea", "gulf", "river", "valley", "basin", "corridor",
                            "municipality", "settlement", "hamlet", "suburb", "neighbourhood", "neighborhood", "zone"}
# "X of Y" where Y is a place: "the village of Tegh", "residents of Nikolaev"
OF_PLACE_HEADS = PLACE_NOUNS | {"resident", "residents", "inhabitant", "inhabitants", "people", "population",
                                "citizens", "mayor", "governor", "people", "streets", "ruins", "outskirts",
                                "centre", "heart", "edge", "gates", "skies"}
REGION_WORDS = {"region", "province", "oblast", "state", "governorate", "prefecture", "county", "krai", "district",
                "territory", "regions", "provinces", "oblasts"}
CITY_WORDS = {"city", "town", "village", "capital", "port", "settlement", "hamlet", "municipality"}
# Nouns an event-place modifier goes with: "the Moscow summit", "Xi's Moscow trip".
PLACE_MODIFIED = {
    "summit", "talks", "meeting", "meetings", "visit", "trip", "conference", "forum", "rally", "protest",
    "protests", "attack", "attacks", "strike", "strikes", "offensive", "battle", "fighting", "assault", "front",
    "frontline", "resident", "residents", "airport", "hospital", "station", "plant", "port", "bombing",
    "shelling", "raid", "blast", "explosion", "siege", "massacre", "uprising", "clashes", "clash", "negotiations",
    "ceremony", "parade", "visitors", "streets", "suburb", "outskirts", "hotel", "embassy", "consulate",
    "stopover", "tour", "journey", "gathering", "march", "vigil", "drills", "exercises",
}
# A place that modifies these stands for its government: "the Moscow government".
GOV_NOUNS = {"government", "regime", "authorities", "officials", "official", "leadership", "administration",
             "police", "army", "military", "forces", "troops", "parliament", "president", "minister", "navy",
             "court", "spokesman", "spokeswoman", "ministry", "source", "sources", "insiders", "diplomat",
             "diplomats", "policy", "list", "statement", "readout", "aide", "aides"}
# "jabs at Washington", "lashed out at Beijing": a target, not a place
AT_TARGETS = {"jab", "swipe", "dig", "criticism", "anger", "fire", "aim", "point", "lash", "hit", "shout", "laugh",
              "look", "glance", "direct", "level", "poke", "rail", "snap", "bark", "complain", "protest", "frustration",
              "outrage", "fury", "irritation"}
CLAUSAL = {"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "parataxis", "conj", "pcomp"}

@dataclass(slots=True)
class PlaceMention:
    text: str
    start: int  # character offsets in the article text
    end: int
    sentence_index: int | None
    source: str  # ner:GPE | ner:LOC | ner:FAC | ner:ORG (a gazetteer place) | kb | grammar | dateline
    role: str  # location | actor | qualifier | dateline | other
    role_why: str  # the grammar behind the role, e.g. "object of 'in'"
    place: Place | None = None
    reason: str = ""  # how the place was chosen among the candidates
    candidates: int = 0
    head: int | None = None  # token index of the name's head (None for the dateline)
    prep: str | None = None  # the preposition that governs it, if any
    hint: str | None = None  # city | region, from "the X region", "the city of X"
    qualifier: Place | None = None
    tokens: tuple[int, int] = (0, 0)

    def to_dict(self) -> dict:
        p = self.place
        return {
            "text": self.text, "start": self.start, "end": self.end, "sentence_index": self.sentence_index,
            "role": self.role, "role_why": self.role_why, "source": self.source,
            "name": p.name if p else None, "feature": p.feature if p else None, "country": p.country if p else None,
            "admin1": p.admin1 if p else None, "lat": p.lat if p else None, "lon": p.lon if p else None,
            "population": p.population if p else None, "precision": p.precision if p else None,
            "candidates": self.candidates, "reason": self.reason,
        }


# -- the resolver ------------------------------------------------------------
@dataclass(slots=True)
class Context:
    """What the article says about where it is: countries (ISO3) and regions
    (country, region key) with counts, by the name that gave them, so that a
    name does not vote for itself."""

    countries: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)
    by_key: dict[str, Counter] = field(default_factory=dict)
    # key -> the counters of the names holding it (see _own); emptied when a name is added
    _holding: dict[str, list[Counter]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def _counter(self, key: str) -> Counter:
        c = self.by_key.get(key)
        if c is None:
            c = self.by_key[key] = Counter()
            self._holding.clear()
        return c

    def add_country(self, iso3: str | None, key: str, n: int = 1) -> None:
        if iso3:
            self.countries[iso3] += n
            self._counter(key)[("c", iso3)] += n

    def add_region(self, iso3: str | None, region: str | None, key: str) -> None:
        if iso3 and region:
            k = (iso3, normalize(region))
            self.regions[k] += 1
            self._counter(key)[("r", k)] += 1

    def _own(self, key: str, item: tuple) -> int:
        """What names holding ``key`` contributed ("Georgia", "University of Georgia")."""
        holding = self._holding.get(key)
        if holding is None:
            padded = f" {key} "
            holding = self._holding[key] = [c for k, c in self.by_key.items() if padded in f" {k} "]
        return sum(c[item] for c in holding)

    def country_count(self, iso3: str | None, key: str) -> int:
        if not iso3:
            return 0
        return self.countries[iso3] - self._own(key, ("c", iso3))

    def region_count(self, iso3: str | None, region: str | None, key: str) -> int:
        if not iso3 or not region:
            return 0
        k = (iso3, normalize(region))
        return self.regions[k] - self._own(key, ("r", k))


CURATED = {"region", "sea", "continent", "fac"}
# Names that are words first: GeoNames has regions called "West" (Cameroon) or
# "Centre" (France), but "the West" is an actor and "the centre" no place.
GENERIC_NAMES = {"west", "east", "north", "south", "centre", "center", "central", "capital", "northern",
                 "southern", "eastern", "western", "coast", "littoral", "plateau", "lakes", "islands", "north west",
                 "north east", "south west", "south east", "northwest", "northeast", "southwest", "southeast",
                 "upper", "lower", "middle", "interior", "frontier", "border", "delta", "highlands", "lowlands",
                 "union", "federal", "federal district", "republic", "state", "kingdom", "gulf", "channel", "us",
                 "independence", "liberty", "victory", "unity", "progress", "hope", "providence", "concord", "mobile",
                 "nord", "sud", "est", "ouest", "university", "college", "academy", "institute", "hospital",
                 "parliament", "congress", "senate", "court", "embassy", "palace", "square", "bank", "church",
                 "temple", "mosque", "cathedral", "stream", "nato", "un", "eu"}


class Resolver:
    """Chooses one gazetteer entry for a place name, and says why."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or load_gazetteer()

    def candidates(self, text: str) -> list[tuple[Place, bool]]:
        # memoised on the gazetteer (the same names come back in every article), bounded
        memo = self.gaz.memo.get("candidates")
        if memo is None or len(memo) > 200_000:
            memo = self.gaz.memo["candidates"] = {}
        found = memo.get(text)
        if found is None:
            found = memo[text] = tuple(self._candidates(text))
        return list(found)

    def _candidates(self, text: str) -> list[tuple[Place, bool]]:
        if normalize(text) in GENERIC_NAMES:
            return [c for c in self.gaz.lookup(text) if c[0].feature in CURATED | {"country"}]
        found = self.gaz.lookup(text)
        if not found:
            # "the Donetsk region", "Kherson Oblast", "Syunik province": the name without its feature word
            words = text.split()
            if len(words) > 1 and words[-1].lower() in REGION_WORDS | CITY_WORDS:
                found = self.gaz.lookup(" ".join(words[:-1]))
        return found

    def score(self, place: Place, primary: bool, key: str, ctx: Context, hint: str | None,
              qualifier: Place | None) -> tuple[float, list[str]]:
        why = []
        s = math.log10(max(place.population, 1000))
        if place.feature == "country":
            s += 3
        elif place.feature == "admin1":
            s -= 1.5
        elif place.feature in CURATED:
            s += 6
        if place.capital:
            s += 1.5
            why.append("national capital")
        if not primary:
            s -= 2  # "Islamabad" is also an old name of Anantnag, "Quebec" of New Britain
        if qualifier is not None:
            if qualifier.feature == "country" and place.country == qualifier.country and place.id != qualifier.id:
                s += 10
                why.append(f"qualified by '{qualifier.name}'")
            elif (qualifier.feature == "admin1" and place.country == qualifier.country
                  and normalize(place.admin1 or "") == normalize(qualifier.name)):
                s += 10
                why.append(f"qualified by '{qualifier.name}'")
            else:
                s -= 5
        if hint == "region" and place.feature in ("admin1", "region"):
            s += 6
            why.append("called a region")
        elif hint == "city" and place.feature == "city":
            s += 3
            why.append("called a city")
        n = ctx.country_count(place.country, key)
        if n:
            s += 2.5 + 0.5 * min(n, 4) / 4
            why.append(f"article mentions {place.country}")
        region = place.name if place.feature == "admin1" else place.admin1
        if ctx.region_count(place.country, region, key):
            s += 2.5
            why.append(f"article mentions {region}")
        return s, why

    def resolve(self, text: str, ctx: Context | None = None, hint: str | None = None,
                qualifier: Place | None = None) -> tuple[Place | None, str, int]:
        """(place, reason, number of candidates)."""
        ctx = ctx or Context()
        cands = self.candidates(text)
        if not cands:
            return None, "not in the gazetteer", 0
        key = normalize(text)
        scored = []
        for p, prim in cands:
            s, why = self.score(p, prim, key, ctx, hint, qualifier)
            # "Odessa", "New York": the city rather than the region named after it
            if p.feature == "admin1" and hint != "region" and any(
                    c.feature == "city" and c.country == p.country and normalize(c.admin1 or "") == normalize(p.name)
                    and c.population >= 0.1 * p.population for c, _ in cands):
                s -= 3
            scored.append(((s, why), p))
        scored.sort(key=lambda x: (-x[0][0], -x[1].population, x[1].id))
        (best_score, why), best = scored[0]
        if len(scored) == 1:
            return best, "only place of that name", 1
        (second_score, _), second = scored[1]
        if best.feature == "country" and second.feature != "country":
            why = ["country name"] + why
        elif best.feature in CURATED and second.feature not in CURATED:
            why = ["named region or landmark"] + why
        if best.population > second.population and not any(w.startswith(("qualified", "article", "called")) for w in why):
            why.append(f"larger population ({_pop(best.population)} vs {_pop(second.population)} in {second.name}, {second.country})")
        return best, "; ".join(why) or "best match", len(cands)


def _pop(n: int) -> str:
    return f"{n / 1e6:.1f}M" if n >= 1e6 else f"{n / 1e3:.0f}k" if n >= 1e3 else str(n)


# -- mentions and their roles ------------------------------------------------
def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    toks = tokens(doc)
    while start < end and (toks[start].lower_ in ("the", "a", "an") or toks[start].is_punct or toks[start].is_space):
        start += 1
    while end > start and (toks[end - 1].is_punct or toks[end - 1].is_space or toks[end - 1].is_quote
                           or toks[end - 1].tag_ == "POS"):
        end -= 1
    return start, end


def _conj_root(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def role_of(head: Token) -> tuple[str, str, str | None]:
    """(role, why, governing preposition) of a place name given its head token."""
    tok = _conj_root(head)
    dep = tok.dep_
    if dep == "appos":
        return "qualifier", "apposition", None
    if dep == "pobj":
        prep = tok.head
        p = prep.lower_
        gov = prep.head
        if p == "at" and (gov.lemma_.lower() in AT_TARGETS or any(
                c.dep_ == "dobj" and c.lemma_.lower() in AT_TARGETS for c in gov.children)):
            return "actor", f"target of '{gov.text} at'", p
        if p in ALWAYS_LOCATIVE:
            return "location", f"object of '{p}'", p
        if p in MOTION_PREPS:
            if gov.lemma_.lower() in MOTION_HEADS:
                return "location", f"object of '{p}' after '{gov.text}'", p
            heads = SOURCE_HEADS if p == "from" else RECIPIENT_HEADS
            if gov.lemma_.lower() in heads or gov.lower_ in heads:
                return "actor", f"object of '{p}' after '{gov.text}'", p
            return "location", f"object of '{p}'", p
        if p == "on" and (tok.lemma_.lower() in PLACE_NOUNS or tok.lower_ in PLACE_NOUNS):
            return "location", f"object of '{p}'", p
        if p == "of" and (gov.lemma_.lower() in OF_PLACE_HEADS or gov.lower_ in OF_PLACE_HEADS):
            role, why, p2 = role_of(gov)
            return role if role != "actor" else "location", f"'{gov.text} of'; {why}", p2
        return "actor", f"object of '{p}'", p
    if dep in ("nsubj", "nsubjpass", "csubj"):
        verb = tok.head
        lemma = verb.lemma_.lower()
        if (dep == "nsubj" and lemma in PLACE_SUBJECT_VERBS) or (dep == "nsubjpass" and lemma in PLACE_OBJECT_VERBS):
            return "location", f"subject of '{verb.text}'", None
        return "actor", f"subject of '{verb.text}' (metonym)", None
    if dep == "poss":
        noun = tok.head
        if noun.lemma_.lower() in PART_NOUNS or noun.lower_ in PART_NOUNS:
            role, why, p = role_of(noun)
            return ("location" if role != "actor" else "actor"), f"'{tok.text}'s {noun.text}'; {why}", p
        return "actor", f"possessor of '{noun.text}' (metonym)", None
    if dep in ("dobj", "dative"):
        verb = tok.head
        if verb.lemma_.lower() in PLACE_OBJECT_VERBS:
            return "location", f"object of '{verb.text}'", None
        return "actor", f"object of '{verb.text}'", None
    if dep in ("compound", "amod", "nmod"):
        noun = tok.head
        lemma = noun.lemma_.lower()
        if lemma in GOV_NOUNS:
            return "actor", f"modifier of '{noun.text}' (metonym)", None
        if noun.lower_ in REGION_WORDS | CITY_WORDS or lemma in PLACE_NOUNS:
            role, why, p = role_of(noun)
            return role, f"'{tok.text} {noun.text}'; {why}", p
        if lemma in PLACE_MODIFIED or noun.lower_ in PLACE_MODIFIED:
            return "location", f"modifier of '{noun.text}'", None
        return "other", f"modifier of '{noun.text}'", None
    if dep == "npadvmod" and tok.head.pos_ == "VERB":
        return "location", f"adverbial of '{tok.head.text}'", None
    return "other", dep or "no relation", None


def _hint(doc: Doc, start: int, end: int) -> str | None:
    if end < len(doc):
        w = doc[end].lower_
        if w in REGION_WORDS:
            return "region"
        if w in ("city",):
            return "city"
    if start >= 2 and doc[start - 1].lower_ == "of":
        w = doc[start - 2].lower_
        if w in REGION_WORDS:
            return "region"
        if w in CITY_WORDS:
            return "city"
    return None


def _head_text(doc: Doc, n: int) -> str:
    """The start of the doc's text, at least ``n`` characters of it (all of it when shorter)."""
    whole = doc_text(doc)
    starts = doc.to_array(IDX).tolist() if len(doc) else []
    k = bisect_right(starts, n)  # tokens starting at or before character n, and one more
    return whole[:starts[k + 1]] if k + 1 < len(starts) else whole


def find_dateline(text: str) -> tuple[str, str | None, int, int] | None:
    """The dateline at the start of one of the first paragraphs:
    (place words, qualifier or None, start, end) of the first place."""
    m = dateline(text)
    if m is None:
        return None
    first = re.split(r"\s*/\s*", m.group("names"))[0].strip()
    start = m.start("names")
    return first, m.group("qual"), start, start + len(first)


PLACE_LABELS = ("GPE", "LOC", "FAC")


def names_a_place(ent: Span, gaz: Gazetteer) -> bool:
    """Whether an entity names a place: one of NER's place labels, or an
    organisation the gazetteer knows as a place under its own name ("Erbil",
    "Line of Control"), which is no actor either (nlp/actors.py)."""
    return ent.label_ in PLACE_LABELS or (ent.label_ == "ORG" and gaz.is_place(ent.text))


def find_places(doc: Doc, mentions=(), sent_index: dict[int, int] | None = None,
                resolver: Resolver | None = None, kb=None) -> list[PlaceMention]:
    """Place names in a parsed article, each resolved and given a role.

    ``mentions`` are the article's actor mentions (``ActorIndex.mentions``):
    their countries tell where the article is, and their spans are place
    names NER may have missed. ``sent_index`` maps a sentence's first token to
    its number; ``kb`` (the actor knowledge base) adds the countries of
    adjectives ("Greek firefighters") to what the article says about where it is."""
    resolver = resolver or Resolver()
    gaz = resolver.gaz
    sent_of = {}
    if sent_index is not None:
        for s in sentences(doc):
            n = sent_index.get(s.start)
            for i in range(s.start, s.end):
                sent_of[i] = n
    spans: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    n_tokens = len(doc)
    toks = tokens(doc)
    # people the KB knows are never places ("Georgia Meloni" would be); names NER or
    # the actor index could not place are, when the grammar puts them somewhere
    people = set()
    for m in mentions:
        if m.ref.kind == "person" and not m.ref.actor_id.startswith("~"):
            people.update(range(m.start, m.end))

    def add(start: int, end: int, source: str) -> None:
        start, end = _trim(doc, start, end)
        if end <= start or any(i in taken for i in range(start, end)):
            return
        if not source.startswith("ner:") and any(i in people for i in range(start, end)):
            return
        # the longest gazetteer name from here: "Rostov-on-Don", "Zaporizhzhia nuclear power plant";
        # up to 5 more tokens, none a sentence start, space, quote or separator, nor taken
        more = 0
        while more < 5 and end + more < n_tokens and end + more not in taken:
            t = toks[end + more]
            if t.is_sent_start or t.is_space or t.is_quote or t.text in (",", ".", ";", ":", "(", ")"):
                break
            more += 1
        for k in range(more, 0, -1):
            stop = end + k
            if not toks[stop - 1].is_punct and span_text(doc, start, stop) in gaz:
                end = stop
                break
        # "Alma-Ata": NER and the parse see "Ata"; up to 4 capitalised words or hyphens before, not taken
        less = 0
        while less < 4 and start - less - 1 >= 0 and start - less - 1 not in taken:
            t = toks[start - less - 1]
            if not ((t.is_alpha and t.text[:1].isupper() and t.lower_ not in ("the", "a", "an"))
                    or t.text in ("-", "'")):
                break
            less += 1
        for k in range(less, 0, -1):
            if span_text(doc, start - k, end) in gaz:
                start -= k
                break
        name = span_text(doc, start, end)
        if not resolver.candidates(name) and source == "kb":
            # "Senegal's opposition", "Kazakhstan's president": the name before the "'s"
            pos = next((i for i in range(start, end) if toks[i].tag_ == "POS"), None)
            if pos is not None and span_text(doc, start, pos) in gaz:
                end = pos
                name = span_text(doc, start, end)
        if not resolver.candidates(name) and (
                not source.startswith("ner:") or (end - start == 1 and toks[start].tag_ == "JJ")):
            return  # unknown names are kept when NER calls them places, but not adjectives ("Ukrainian")
        spans.append((start, end, source))
        taken.update(range(start, end))

    head = _head_text(doc, 2000)  # all find_dateline reads; doc.text joins every token
    dateline = find_dateline(head)
    dl_tokens: tuple[int, int] | None = None
    if dateline is not None:
        words, qual, c0, c1 = dateline
        dspan = doc.char_span(c0, c1, alignment_mode="expand")
        if dspan is not None:
            dl_tokens = (dspan.start, dspan.end)
            # the qualifier ("Saudi Arabia", "Texas") and any "/BAKU" belong to the dateline too
            end_tok = dspan.end
            while end_tok < len(doc) and doc[end_tok].idx < c1 + 60 and doc[end_tok].text not in ("-", "—", "–", "--"):
                end_tok += 1
            taken.update(range(dspan.start, end_tok))
    for ent in entities(doc):
        if names_a_place(ent, gaz):
            add(ent.start, ent.end, f"ner:{ent.label_}")
    for m in mentions:
        # states; unknown organisations whose name holds a place the gazetteer knows under another
        # spelling (exact place names NER calls organisations came in above: "Erbil", "Rhodes"); a
        # KB IGO or group only under a well-known name ("Brussels" for the EU, not "NATO" for Nato,
        # Philippines)
        if m.ref.kind == "state" or (m.ref.kind == "org" and m.ref.actor_id.startswith("~")) or (
                m.ref.kind in ("igo", "org", "group") and _well_known(resolver, doc[m.start:m.end].text)):
            add(m.start, m.end, "kb")
    for i in _indices(doc, POS, PROPN):
        tok = toks[i]
        if tok.text[:1].isupper() and tok.i not in taken and not (
                tok.dep_ == "compound" and tok.head.pos_ == "PROPN"):
            if role_of(tok)[0] == "location" or _well_known(resolver, tok.text):
                if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children) and not _well_known(resolver, tok.text):
                    continue  # "the University of New South Wales": an institution, not the town of University
                start = tok.i
                while start > 0 and toks[start - 1].dep_ == "compound" and toks[start - 1].head == tok \
                        and toks[start - 1].pos_ == "PROPN":
                    start -= 1
                add(start, tok.i + 1, "grammar")
    spans.sort()
    found: list[PlaceMention] = []
    for start, end, source in spans:
        span = doc[start:end]
        role, why, prep = role_of(span.root)
        text, c0 = span.text, span.start_char
        stripped = text.strip("-–—/ ")  # "anti-US", "China-Russia"
        c0 += len(text) - len(text.lstrip("-–—/ "))
        text = stripped
        found.append(PlaceMention(text, c0, c0 + len(text), sent_of.get(start), source, role, why,
                                  head=span.root.i, prep=prep, hint=_hint(doc, start, end), tokens=(start, end)))
    # qualifiers: "Paris, Texas", "Jeddah, Saudi Arabia"
    for a, b in zip(found, found[1:]):
        ta, tb = a.tokens, b.tokens
        if tb[0] == ta[1] + 1 and doc[ta[1]].text == ",":
            qual = _qualifier_place(resolver, a.text, b.text)
            if qual is not None:
                a.qualifier = qual
                b.role, b.role_why = "qualifier", f"qualifies '{a.text}'"
    # "Hamilton, the capital of Bermuda", "Mekelle, the capital of Tigray"
    by_head = {pm.head: pm for pm in found}
    for pm in found:
        if pm.qualifier is not None:
            continue
        for ap in doc[pm.head].children:
            if ap.dep_ == "appos" and ap.lemma_.lower() in CITY_WORDS | {"capital"}:
                of = next((c for c in ap.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                if obj is not None and obj.i in by_head:
                    q = _qualifier_place(resolver, pm.text, by_head[obj.i].text)
                    if q is not None:
                        pm.qualifier = q
    if dateline is not None and dl_tokens is not None:
        words, qual, c0, c1 = dateline
        qplace = _qualifier_place(resolver, words.title(), qual) if qual else None
        found.append(PlaceMention(head[c0:c1], c0, c1, sent_of.get(dl_tokens[0]), "dateline", "dateline",
                                  "wire dateline", qualifier=qplace, tokens=dl_tokens))
    # context: countries of the actors named and of places with one reading
    ctx = Context()
    for m in mentions:
        key = normalize(span_text(doc, m.start, m.end))
        ctx.add_country(m.ref.country, key)
    if kb is not None and n_tokens:
        for i in _indices(doc, IS_TITLE, 1, TAG, ("JJ",)):  # what follows asks for one or the other
            tok = toks[i]
            if tok.is_title and tok.pos_ in ("ADJ", "PROPN", "NOUN") and not tok.is_sent_start or tok.tag_ == "JJ":
                for entry in kb.lookup(tok.text):
                    if entry.kind == "state" and entry.how in ("adjective", "demonym") and entry.country:
                        ctx.add_country(entry.country, normalize(tok.text))
                        break
    for pm in found:
        cands = resolver.candidates(pm.text)
        countries = {p.country for p, _ in cands}
        if pm.qualifier is not None:
            ctx.add_country(pm.qualifier.country, normalize(pm.text))
        elif len(countries) == 1 and cands:
            key = normalize(pm.text)
            ctx.add_country(next(iter(countries)), key)
            top = max(cands, key=lambda c: c[0].population)[0]
            if len({p.id for p, _ in cands}) == 1 or top.feature == "admin1":
                ctx.add_region(top.country, top.name if top.feature == "admin1" else top.admin1, key)
    for pm in found:
        place, reason, n = resolver.resolve(pm.text, ctx, pm.hint, pm.qualifier)
        pm.place, pm.reason, pm.candidates = place, reason, n
    # a resolved city tells its region to the rest ("Dallas" → Texas), second pass
    for pm in found:
        if pm.place is not None and pm.candidates > 0:
            key = normalize(pm.text)
            if pm.place.feature == "city":
                ctx.add_region(pm.place.country, pm.place.admin1, key)
            elif pm.place.feature == "admin1":
                ctx.add_region(pm.place.country, pm.place.name, key)
    by_head = {pm.head: pm for pm in found if pm.head is not None}
    by_start = {pm.tokens[0]: pm for pm in found if pm.tokens is not None}
    for pm in found:
        if pm.candidates > 1:
            hint = pm.hint or _sibling_hint(doc, pm, by_head, resolver)
            place, reason, n = resolver.resolve(pm.text, ctx, hint, pm.qualifier)
            pm.place, pm.reason, pm.candidates = place, reason, n
        # only countries, capitals and seats of power stand for governments: "aid for
        # Kharkiv", "sanctions on Crimea", "on Capitol Hill" name places
        p = pm.place
        if p is not None and p.feature != "country" and (within := _named_within(doc, pm, by_start)) is not None \
                and within.country != p.country:
            # "Palma in northern Mozambique": a place the gazetteer lacks, not Palma in Spain
            pm.place, pm.reason = None, f"not in the gazetteer within {within.name} (its reading is in {p.country})"
            continue
        if pm.role == "actor" and pm.prep and p is not None and (
                p.feature in ("region", "sea", "continent", "admin1")
                or (p.feature == "city" and not p.capital)
                or (p.feature == "fac" and pm.prep in ("on", "at"))):
            pm.role, pm.role_why = "location", pm.role_why + f"; a {p.feature}, not a government"
    return found


COMPASS = {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
           "southeastern", "southwestern", "north", "south", "east", "west", "the", "far", "remote", "rural"}


def _named_within(doc: Doc, pm: PlaceMention, by_start: dict[int, PlaceMention]) -> Place | None:
    """The country a place name is said to be in, right after it: "Palma in
    northern Mozambique", "Owo in Nigeria" (``by_start``: the mentions by first token)."""
    if pm.tokens is None:
        return None
    i = pm.tokens[1]
    if i >= len(doc) or doc[i].lower_ != "in":
        return None
    i += 1
    while i < len(doc) and doc[i].lower_ in COMPASS:
        i += 1
    nxt = by_start.get(i)
    return nxt.place if nxt is not None and nxt.place is not None and nxt.place.feature == "country" else None


def _sibling_hint(doc: Doc, pm: PlaceMention, by_head: dict, resolver: Resolver) -> str | None:
    """Names in a list are alike: "in Assam and Bihar" (regions), "Odessa and Mykolaiv" (cities)."""
    if pm.head is None:
        return None
    features = set()
    for c in doc[pm.head].conjuncts:
        sib = by_head.get(c.i)
        if sib is not None and sib.place is not None and len({p.feature for p, _ in resolver.candidates(sib.text)}) == 1:
            features.add(sib.place.feature)
    if features == {"admin1"}:
        return "region"
    if features == {"city"}:
        return "city"
    return None


def _well_known(resolver: Resolver, text: str) -> bool:
    """A country, capital, first-level region or hand-written place: a place
    name whatever the grammar around it ("Senegal's", "the capital of Tigray")."""
    return any(p.feature in ("country", "admin1", "region", "sea", "continent", "fac") or p.capital
               for p, primary in resolver.candidates(text) if primary)


def _qualifier_place(resolver: Resolver, name: str, qual: str) -> Place | None:
    """The country or region ``qual`` when ``name`` has a reading inside it."""
    inner = resolver.candidates(name)
    for q, _ in sorted(resolver.candidates(qual), key=lambda c: -c[0].population):
        if q.feature == "country" and any(p.country == q.country and p.id != q.id for p, _ in inner):
            return q
        if q.feature == "admin1" and any(p.country == q.country and normalize(p.admin1 or "") == normalize(q.name)
                                         for p, _ in inner):
            return q
    return None


# -- event locations ---------------------------------------------------------
def location_dict(pm: PlaceMention, reason: str) -> dict:
    p = pm.place
    return {"name": p.name, "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
            "precision": p.precision, "reason": reason, "text": pm.text, "start": pm.start, "end": pm.end}


def trigger_token(doc: Doc, event: Event) -> Token | None:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _without_clauses(root: Token, keep: Token) -> set[int]:
    """``root``'s subtree less the nested clauses that do not hold ``keep``."""
    out: set[int] = set()
    stack = [root]
    while stack:
        t = stack.pop()
        out.add(t.i)
        for c in t.children:
            if c.dep_ in CLAUSAL and not (c.left_edge.i <= keep.i <= c.right_edge.i and keep in c.subtree):
                continue
            stack.append(c)
    return out


def clause_tokens(tok: Token) -> tuple[set[int], set[int]]:
    """(the trigger's own phrase, its clause) as token indices, both without
    nested clauses ("businesses that have left Russia" is not where the
    promoting happens). Computed once per trigger: places, dates and tone
    all read it (treat the sets as read-only)."""
    memo = tok.doc.user_data.setdefault("worldwire.clauses", {})
    if tok.i not in memo:
        memo[tok.i] = _clause_tokens(tok)
    return memo[tok.i]


def _clause_tokens(tok: Token) -> tuple[set[int], set[int]]:
    head = tok
    # a noun trigger belongs to the clause of the verb it is the subject or object of
    steps = 0
    while head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "prep") \
            and head.head is not head and steps < 4:
        head = head.head
        steps += 1
    if head.pos_ not in ("VERB", "AUX"):
        head = tok
    own = _without_clauses(tok, tok)
    clause = _without_clauses(head, tok)
    # "held in the shadow of Russia's onslaught in Ukraine": the trigger's clausal
    # dependents ("which ended Wednesday") are no part of its own phrase either
    return own, clause | own


def _snippet(pm: PlaceMention) -> str:
    return f"{pm.prep} {pm.text}" if pm.prep else pm.text


def locate_events(doc: Doc, events: list[Event], places: list[PlaceMention]) -> list[Event]:
    """Each event with its ``location`` (see the module doc for the order)."""
    located = [pm for pm in places if pm.role == "location" and pm.place is not None and pm.head is not None]
    dateline = next((pm for pm in places if pm.role == "dateline" and pm.place is not None), None)
    out: list[Event] = []
    triggers = [trigger_token(doc, e) for e in events]
    for e, tok in zip(events, triggers):
        loc = None
        if tok is not None:
            own, clause = clause_tokens(tok)
            in_own = [pm for pm in located if pm.head in own]
            in_clause = [pm for pm in located if pm.head in clause]
            pick = min(in_own or in_clause, key=lambda pm: abs(pm.head - tok.i), default=None)
            target = _target_country(e)
            if pick is not None:
                loc = location_dict(pick, f"clause: '{_snippet(pick)}'")
            elif target is not None:
                # a place in the sentence inside the country attacked or visited ("opened fire
                # on Armenian soldiers ... near Tegh"), else that country
                inside = [pm for pm in located if pm.sentence_index == e.sentence_index
                          and pm.place.country == target["country"] and pm.place.feature != "country"]
                pick = min(inside, key=lambda pm: abs(pm.head - tok.i), default=None)
                loc = location_dict(pick, f"sentence: '{_snippet(pick)}' (in the target country)") if pick else target
            else:
                # not a place inside another event's phrase ("Russia's onslaught in
                # Ukraine") unless that event governs this one ("arrived in Ukraine to meet")
                # of another kind (the battlefield of an attack is not where talks are held)
                others = set()
                for o, t in zip(events, triggers):
                    if t is not None and t.i != tok.i and sentence_of(t) == sentence_of(tok) and t not in tok.ancestors \
                            and o.quad_class != e.quad_class:
                        others |= _without_clauses(t, t)
                # nor one inside a relative clause the trigger is not in ("businesses that left Russia"),
                # unless it tells where the victims of a physical act were ("killed civilians digging
                # trenches around Barsalogho")
                for t in sentence_of(tok):
                    if t.dep_ in ("relcl", "acl") and tok not in t.subtree \
                            and not (e.type in PHYSICAL_ACTS and any(t.head in o.subtree for o in tok.children
                                                                     if o.dep_ == "dobj")):
                        others |= {x.i for x in t.subtree}
                same = [pm for pm in located if pm.sentence_index == e.sentence_index and pm.head not in others]
                pick = min(same, key=lambda pm: abs(pm.head - tok.i), default=None)
                if pick is not None:
                    loc = location_dict(pick, f"sentence: '{_snippet(pick)}'")
        if loc is None and tok is not None:
            earlier = next((o for o in reversed(out) if o.location and _same_event(o, e, tok)), None)
            if earlier is not None:
                loc = {**earlier.location, "reason": f"earlier event: {earlier.type} '{earlier.trigger.text}' "
                                                     f"in sentence {earlier.sentence_index}"}
        if loc is None and dateline is not None:
            loc = location_dict(dateline, f"dateline: '{dateline.text}'")
        out.append(replace(e, location=loc))
    return out


PHYSICAL_ACTS = {"ASSAULT", "COERCE"}  # acts done where their victims are


def _target_country(e: Event) -> dict | None:
    """An attack or a visit happens in the country it targets ("his invasion
    of Ukraine", "Kishida's visit to Ukraine" where the parse gives no place)."""
    if e.type != "ASSAULT" and e.mode != "visit":
        return None
    states = [t for t in e.target if t.kind == "state" and t.country]
    if len(states) != 1:
        return None
    place = load_gazetteer().country(states[0].country)
    if place is None:
        return None
    t = states[0]
    return {"name": place.name, "country": place.country, "admin1": None, "lat": place.lat, "lon": place.lon,
            "precision": "country", "reason": f"target: '{t.text}' ({e.type.lower()})", "text": t.text,
            "start": t.start, "end": t.end}


def _same_event(a: Event, b: Event, b_tok: Token) -> bool:
    """``b`` mentions again the event ``a``, located by its own clause: a noun
    or the same word ("the meetings", "Xi's visit"), same type and mode, a
    source in common, and targets in common unless one side names none."""
    if a.type != b.type or a.mode != b.mode or a.location is None:
        return False
    if not a.location.get("reason", "").startswith("clause"):
        return False
    if b_tok.pos_ not in ("NOUN", "PROPN") and b_tok.lower_ != a.trigger.text.lower():
        return False
    sa, sb = {x.actor_id for x in a.source}, {x.actor_id for x in b.source}
    ta, tb = {x.actor_id for x in a.target}, {x.actor_id for x in b.target}
    if not sa & sb:
        return False
    return not ta or not tb or bool(ta & tb)
