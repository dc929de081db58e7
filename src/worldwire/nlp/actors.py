"""Actors: find mentions in a parsed article and resolve them to KB actors.

Resolution is by the article's date: "the Japanese prime minister" on
2023-03-21 is Fumio Kishida, and Kishida is Japan's government (JPN, GOV) only
while he held office. Mentions come from phrase matching on KB aliases, from
titles ("Russian President ...", "China's foreign minister"), from country +
sector phrases ("Russian troops", "China's Foreign Ministry"), from near
spellings of KB names ("Vlodomyr Zelensky") and, for people and organisations
the KB lacks, from spaCy's named entities with what their appositive says
("Jean-Pierre Cabestan, a political science professor at Hong Kong Baptist
University": EDU, CHN).

Every resolved mention carries a ``reason`` saying how it was resolved ("kb
alias: head_of_state RUS on 2023-03-21", "metonym", "capital as agent",
"place: in Moscow", "fuzzy 0.94", "appositive: professor → EDU", "coref:
pronoun → Xi Jinping", ...). Capitals and other place names used as places
("in Moscow", "a visit to Moscow") stay mentions, with method ``place``, no
sector and a ``place:`` reason, so events can still code a visit's
destination.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import numpy
from spacy.attrs import POS, TAG
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import PRON, PROPN
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..geo.gazetteer import load_gazetteer
from ..kb import KBEntry, KnowledgeBase
from ..kb.base import slug as _kb_slug
from ..records import ActorRef
from .syntax import sentence_numbers, sentence_of, subject_head

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
FEMALE_PRONOUNS = {"she", "her", "hers"}
GROUP_PRONOUNS = {"they", "them", "their"}
THING_PRONOUNS = {"its"}
# Plural nouns that refer back to a group of leaders or of countries.
LEADER_NOUNS = {"leader", "president", "head", "premier", "minister", "counterpart"}
# Groups whose members act for their side's country, as the KB codes the group
# itself: a "Houthi official" is YEM as the Houthis are (not a firm's employee)
ARMED_SECTORS = {"REB"}

# An appositive headed by one of these makes a named entity a person even
# when NER calls it an organisation ("Jean-Pierre Cabestan, a professor at").
PERSON_NOUNS = {
    "professor", "analyst", "fellow", "researcher", "director", "expert", "specialist", "spokesman",
    "spokeswoman", "spokesperson", "official", "minister", "diplomat", "lecturer", "economist", "scholar",
    "commentator", "adviser", "advisor", "chief", "editor", "journalist", "correspondent", "resident",
    "ambassador", "envoy", "general", "commander", "lawmaker", "senator", "activist", "head", "founder",
    "president", "leader", "judge", "reporter", "historian", "student", "lawyer", "chairman", "chairwoman",
    "executive", "ceo", "officer", "colonel", "lieutenant", "sergeant", "admiral", "soldier", "negotiator",
}
STATE_NOUNS = {"country", "nation", "ally", "government", "capital", "power", "neighbour", "neighbor", "partner",
               "state"}
# Where names are written family name first ("Wang Wenbin" is "Wang").
FAMILY_NAME_FIRST = {"CHN", "TWN", "KOR", "PRK", "VNM", "HKG", "MAC"}
# Singular role nouns that refer back to the last actor named with them.
ROLE_NOUNS = {"ministry", "spokesman", "spokeswoman", "spokesperson", "minister", "envoy", "army", "military",
              "government", "president", "chancellor", "premier", "commission", "council", "alliance", "bloc"}
# Sectors of a state's officials, whose country a press conference's place may give
OFFICIAL_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
SPEAKING_VERBS = {"say", "tell", "speak", "announce", "add", "warn", "insist", "declare"}
# Verbs whose subject and object make a pair: "Kishida met Zelensky. The two leaders ..."
MEETING_VERBS = {"meet", "host", "receive", "call", "phone", "welcome", "visit", "greet", "telephone", "join"}
# "both sides", "the two parties": whatever was last coordinated, states or not
PARTY_NOUNS = {"side", "party", "belligerent", "foe", "rival"}
# ... unless that coordination is more sentences back than this: then the story's two sides
GROUP_RECENT = 2

# Place use of a geographic name: the object of these prepositions ...
LOCATIVE_PREPS = {"in", "inside", "within", "across", "throughout", "near", "outside", "around", "along",
                  "beyond", "outskirts"}
# ... of to/from/into after a word of motion ("a visit to Moscow", "flew to Kyiv") ...
DIRECTION_PREPS = {"to", "into", "toward", "towards", "from", "via", "between"}
MOTION = {"visit", "trip", "travel", "fly", "go", "come", "return", "arrive", "journey", "move", "head", "flee",
          "deploy", "relocate", "evacuate", "tour", "drive", "sail", "march", "voyage", "way", "road", "route",
          "flight", "fled", "withdraw", "withdrawal", "retreat", "advance", "push", "travelled", "traveled",
          "escape", "migrate", "shuttle", "commute", "land", "arrival", "departure", "depart", "airlift",
          "evacuation", "pilgrimage", "expel", "deport", "transfer", "ship", "smuggle", "stretch", "extend",
          "pipeline", "train", "bus", "delegation", "visitor", "refugee", "invite", "welcome", "back", "roll", "race",
          "close", "converge", "stream", "swarm", "sail", "cross", "shuttle", "redeploy", "rush", "dispatch"}
# ... of "on" after a march or an attack ("marched on Moscow", "a strike on Beirut") ...
ON_PLACE = {"march", "advance", "converge", "descend", "strike", "attack", "assault", "raid", "bombing", "offensive",
            "airstrike", "drone", "missile", "fire", "bombardment", "shelling", "push"}
# ... the object of verbs of movement and of force ("entered Downing Street", "shelled Kyiv") ...
PLACE_OBJECT_VERBS = {"enter", "leave", "reach", "tour", "flee", "evacuate", "storm", "capture", "seize", "shell",
                      "bomb", "bombard", "besiege", "encircle", "occupy", "liberate", "retake", "overrun", "raid",
                      "strike", "hit", "attack", "target", "surround", "invade"}
# Objects that make "send X to Moscow" a destination rather than a recipient.
SENT_PEOPLE = {"envoy", "troops", "delegation", "soldier", "ship", "team", "ambassador", "minister", "force",
               "official", "diplomat", "mission", "warship", "jet", "aircraft", "plane", "unit", "adviser", "advisor"}
# Equipment is an actor only as a doer ("Russian tanks rolled"), not as a thing ("bought French jets").
EQUIPMENT = {"jets", "jet", "tanks", "tank", "drones", "drone", "warplanes", "warships", "missiles", "artillery",
             "weapons", "fighter jets", "air defences", "air defenses"}
# ... of "at" unless the word it hangs on aims at an actor ("jabs at Washington") ...
AT_TARGETS = {"jab", "aim", "point", "look", "fire", "strike", "lash", "swipe", "dig", "shot", "anger", "angry",
              "rage", "laugh", "hit", "direct", "target", "glance", "shout", "bark", "snap", "poke", "grumble",
              "annoy", "furious", "frustrated", "upset", "irritate", "bristle"}
# ... of "of" after a place noun ("the streets of Moscow") ...
PLACE_NOUNS = {"street", "outskirts", "centre", "center", "city", "mayor", "governor", "resident", "suburb",
               "capital", "heart", "skies", "sky", "region", "part", "north", "south", "east", "west", "edge",
               "border", "map", "territory", "soil", "ground", "airport", "port", "coast", "province", "district",
               "population", "people", "citizen", "inhabitant"}
# ... and a modifier of a venue noun ("the Moscow summit").
VENUE_NOUNS = {"summit", "talk", "meeting", "trip", "visit", "conference", "airport", "street", "resident", "region",
               "area", "city", "suburb", "metro", "mayor", "hotel", "forum", "format", "venue", "office", "embassy",
               "bureau", "correspondent", "station", "stock", "exchange", "skyline", "residents", "time"}

# Landmarks named after a city elsewhere: "Victoria Park", "Kingston Road"
LANDMARK_HEADS = {"park", "square", "street", "road", "avenue", "boulevard", "harbour", "harbor", "station",
                  "stadium", "gardens", "bridge", "lake", "falls", "terrace"}
# Heads of organisation names that are institutions rather than parts of a
# state: "Hong Kong Baptist University" is an organisation in Hong Kong, not
# Hong Kong; "Moscow State University" not the Russian government.
INSTITUTION_HEADS = {
    "university": "EDU", "institute": "EDU", "institution": "EDU", "academy": "EDU", "college": "EDU",
    "school": "EDU", "centre": "EDU", "center": "EDU", "endowment": "EDU", "foundation": "EDU",
    "council": None, "tank": "EDU", "observatory": "EDU", "programme": "EDU", "program": "EDU",
    "daily": "MED", "times": "MED", "post": "MED", "news": "MED", "television": "MED", "tv": "MED",
    "radio": "MED", "newspaper": "MED", "gazette": "MED", "journal": "MED", "herald": "MED", "tribune": "MED",
    "broadcaster": "MED", "telegraph": "MED", "guardian": "MED", "review": "MED", "monitor": "MED",
    "company": "BUS", "corporation": "BUS", "corp": "BUS", "airlines": "BUS", "airline": "BUS", "bank": "BUS",
    "group": None, "inc": "BUS", "ltd": "BUS", "motors": "BUS", "energy": "BUS", "oil": "BUS", "gas": "BUS",
    "hospital": "CVL",
}


NAME_PARTICLES = {"of", "the", "and", "for", "de", "del", "da", "al", "el", "bin", "von", "van", "on", "in", "at", "&"}


@dataclass(slots=True)
class MentionSpan:
    start: int  # token indices, end exclusive
    end: int
    ref: ActorRef
    method: str  # kb | role | sector | fuzzy | appos | ner | place | coref


def _slug(text: str) -> str:
    return _kb_slug(text)


# Verbs of saying whose "on"/"via" names the platform used ("said on Telegram")
PUBLISHING = {"say", "write", "post", "announce", "tweet", "publish", "share", "claim", "declare", "state",
              "comment", "report", "broadcast", "stream", "warn", "accuse", "deny", "confirm", "vow"}


def _medium(span: Span) -> bool:
    """Whether a firm's name is the platform a statement was made on."""
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in ("on", "via"):
        return False
    verb = prep.head if prep.head.pos_ == "VERB" else prep.head.head  # "posted the statement on Telegram"
    return verb.pos_ == "VERB" and verb.lemma_.lower() in PUBLISHING


def leaning(doc, start: int) -> bool:
    """Whether the name starting at token ``start`` follows "pro-": "the
    pro-Russian governor", "pro-Palestinian students" and "the pro-EU
    protests" name those who side with a state, not the state (as the
    sentence bank codes them in 14 of its 16 train sentences with one)."""
    if start >= 1 and doc[start - 1].lower_ == "pro-":
        return True
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "pro"


# Words that make a state's adjective a region's ("Latin American", "South American", "Central
# American"); the KB's own compounds ("South African", "North Korean") match as one span first
CONTINENT_PARTS = {"latin", "south", "north", "central"}


def regional(doc, start: int) -> bool:
    """Whether the adjective starting at token ``start`` is part of a
    region's ("Latin American governments", "South American leaders"): no
    state, though its last word names one."""
    return start >= 1 and doc[start - 1].lower_ in CONTINENT_PARTS


@lru_cache(maxsize=8)
def _matcher(nlp: Language, kb: KnowledgeBase) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    texts = set()
    for alias in kb.aliases:
        texts.add(alias)
        if alias.startswith("the "):
            texts.add("The " + alias[4:])
    matcher.add("KB", list(nlp.tokenizer.pipe(sorted(texts))))
    return matcher


_FIRST_WORDS: dict[int, tuple[dict, int, frozenset]] = {}


def _first_words(table: dict) -> frozenset:
    """The first words of a phrase table's keys (kept while the table is the same)."""
    hit = _FIRST_WORDS.get(id(table))
    if hit is None or hit[0] is not table or hit[1] != len(table):
        hit = _FIRST_WORDS[id(table)] = (table, len(table), frozenset(k.partition(" ")[0] for k in table))
    return hit[2]


def _longest_phrase(tokens: list[Token], table: dict, max_len: int = 4) -> tuple[int, object] | None:
    """Longest prefix of ``tokens`` (lowercased) found in ``table``: (length, value)."""
    m = min(max_len, len(tokens))
    if not m:
        return None
    lows = [t.lower_ for t in tokens[:m]]
    if " " not in lows[0] and lows[0] not in _first_words(table):
        # no key starts with the first word: only the lemma of a lone first word can match
        lemma_key = tokens[0].lemma_.lower()
        return (1, table[lemma_key]) if lemma_key in table else None
    for n in range(m, 0, -1):
        key = " ".join(lows[:n])
        if key in table:
            return n, table[key]
        lemma_key = " ".join(lows[: n - 1] + [tokens[n - 1].lemma_.lower()])
        if lemma_key in table:
            return n, table[lemma_key]
    return None


# Nouns a name labelled ORG may name rather than an organisation: the name is
# then no actor ("the patrol ship HMS Trent", "Caesar howitzers", "the Sea
# Breeze exercise", "its Oreshnik missile", "the port of Ust-Luga")
THING_NOUNS = {"ship", "vessel", "tanker", "frigate", "destroyer", "carrier", "submarine", "warship", "boat", "ferry",
               "probe", "satellite", "spacecraft", "rocket", "missile", "howitzer", "system", "tank", "jet", "aircraft",
               "drone", "exercise", "drill", "manoeuvre", "maneuver", "vaccine", "dose", "pipeline", "bridge", "tunnel"}
PLACE_HEADS = {"town", "city", "village", "port", "region", "province", "district", "county", "island", "enclave",
               "settlement", "camp", "valley", "corridor", "crossing", "border", "capital", "neighbourhood", "area"}
NOT_ACTOR_HEADS = THING_NOUNS | PLACE_HEADS
# Heads of names of texts, which the parser often labels ORG: treaties, laws, plans
DOCUMENT_WORDS = {"treaty", "accord", "accords", "agreement", "convention", "protocol", "act", "charter", "statute",
                  "plan", "initiative", "declaration", "resolution", "law", "bill", "memorandum", "framework"}


def _names_a_thing_or_place(ent: Span) -> bool:
    """Whether a name the parser labelled ORG names a ship, weapon, exercise
    or town by the noun it stands beside or belongs to."""
    root = ent.root
    cur = root
    for _ in range(3):  # "Caesar howitzers", "Caesar self-propelled howitzers", "HMS Trent, a patrol ship"
        if cur.dep_ not in ("compound", "nmod", "appos", "amod", "npadvmod") or cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.lemma_.lower() in NOT_ACTOR_HEADS and not ent.start <= cur.i < ent.end:
            return True
    if any(c.dep_ in ("compound", "appos", "nmod") and c.lemma_.lower() in THING_NOUNS and c.i < ent.start
           for c in root.children):
        return True  # "the oil tanker Eagle S"
    # "the town of Walikale", "the port of Ust-Luga"
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_HEADS


def _indices(doc: Doc, attr: int, value: int | str, attr2: int | None = None,
             values2: tuple[int | str, ...] = ()) -> list[int]:
    """Indices of the tokens whose ``attr`` (a spaCy attribute id: POS, TAG, IS_TITLE ...) is
    ``value``, or whose ``attr2`` is one of ``values2``, in order: cheaper than making every
    Token to ask it. String values (tags) are given as strings."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    ids = lambda vs: [strings[v] if isinstance(v, str) else v for v in vs]  # noqa: E731
    if attr2 is None:
        hit = doc.to_array(attr) == ids([value])[0]
    else:
        arr = doc.to_array([attr, attr2])
        hit = (arr[:, 0] == ids([value])[0]) | numpy.isin(arr[:, 1], ids(values2))
    return numpy.flatnonzero(hit).tolist()


def entities(doc: Doc) -> list[Span]:
    """The named entities of a parsed article, built once per doc (spaCy
    rebuilds every span on each ``doc.ents``); shared by actors and places."""
    cached = doc.user_data.get("worldwire.ents")
    if cached is None:
        cached = doc.user_data["worldwire.ents"] = list(doc.ents)
    return cached


def _day(on: date | None) -> str:
    return on.isoformat() if on else "undated (latest)"


class ActorIndex:
    """The actor mentions of one parsed article and the lookups that need them."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, on: date | None, nlp: Language):
        self.doc = doc
        self.kb = kb
        self.on = on
        self.mentions: list[MentionSpan] = []
        self._by_token: dict[int, MentionSpan] = {}
        self._unknown_surnames: dict[str, ActorRef] = {}
        self._kb_spans: list[Span] = []
        self._coref: list[MentionSpan] | None = None
        self._ents = entities(doc)
        self._longer_ents: list[tuple[Span, int, int]] | None = None
        self._find(nlp)
        self.groups = self._find_groups()

    # -- building ---------------------------------------------------------
    def _ref(self, entry: KBEntry, span: Span, reason: str | None = None) -> ActorRef:
        country, sector, name = entry.country, entry.sector, entry.name
        base = "kb-extra alias" if entry.source == "extra" else "kb alias"
        if entry.kind == "person":
            person = self.kb.people[entry.actor_id]
            role = person.role_on(self.on)
            if role is not None:
                country, sector = role.country, role.sector
                why = f"{role.role} {role.country or role.org} on {_day(self.on)}"
            else:
                former = person.last_role_before(self.on)
                future = person.first_role_after(self.on)
                if former:
                    country, sector = former.country, "ELI"
                    why = f"former {former.role} {former.country or former.org}, not in office on {_day(self.on)}"
                elif future:
                    country, sector = future.country, "ELI"
                    why = f"{future.role} {future.country or future.org} only from {future.start}, not yet in office"
                else:
                    country, sector, why = None, None, "no dated role"
            reason = f"{reason or base}: {why}"
        elif reason is None:
            reason = {"metonym": f"metonym: {span.text} → {entry.country} {entry.sector}",
                      "capital": "capital as agent", "demonym": "demonym", "adjective": "adjective"}.get(entry.how, base)
        return ActorRef(entry.actor_id, name, entry.kind, country, sector, span.text, span.start_char, span.end_char,
                        reason)

    def _choose(self, entries: list[KBEntry]) -> KBEntry:
        extra = [e for e in entries if e.source == "extra"]
        if extra:
            entries = extra  # user entries win
        people = [e for e in entries if e.kind == "person"]
        if people:
            active = [e for e in people if self.kb.people[e.actor_id].role_on(self.on) is not None]
            return (active or people)[0]
        order = {"name": 0, "metonym": 1, "capital": 2, "demonym": 3, "adjective": 4, "place": 5}
        return min(entries, key=lambda e: order.get(e.how, 9))

    def _person_ref(self, person_id: str, span: Span, reason: str | None = None) -> ActorRef:
        person = self.kb.people[person_id]
        return self._ref(KBEntry(person_id, person.name, "person", None, None, "name", person.source), span, reason)

    def _place_ref(self, entry: KBEntry, span: Span, why: str) -> ActorRef:
        iso = entry.country
        return self.kb.state_ref(iso, span.text, span.start_char, span.end_char, f"place: {why}")

    def _find(self, nlp: Language) -> None:
        doc, kb = self.doc, self.kb
        spans = [Span(doc, s, e) for _, s, e in _matcher(nlp, kb)(doc)]
        spans = sorted(filter_spans(spans), key=lambda s: s.start)
        self._kb_spans = spans
        taken: set[int] = set()
        found: list[MentionSpan] = []
        full_names: dict[str, str] = {}  # surname -> person id named in full earlier
        for span in spans:
            if any(i in taken for i in range(span.start, span.end)):
                continue
            entries = kb.lookup(span.text) or kb.lookup("the " + span.text[4:])
            entry = self._choose(entries)
            if entry.kind == "state" and entry.how == "demonym" and any(e.how == "adjective" for e in entries):
                entry = replace(entry, how="adjective")  # "Russian" is both; as a modifier it is the adjective
            if entry.kind == "person" and self._inside_longer_name(span):
                continue  # "Jean-Pierre" inside "Jean-Pierre Cabestan" is not Karine Jean-Pierre
            if (entry.kind == "group" and sum(t.lower_ != "the" for t in span) == 1
                    and span.end < len(doc) and doc[span.end].is_title):
                continue  # "West" in "West African leaders" is no bloc of its own
            if entry.kind in ("state", "igo") and self._inside_institution(span):
                continue  # "Hong Kong" in "Hong Kong Baptist University": the organisation is the actor
            if (entry.how == "capital" and span.end < len(doc) and doc[span.end].is_title
                    and doc[span.end].lower_ in LANDMARK_HEADS):
                continue  # "Victoria Park" in Hong Kong names a park, not the capital of the Seychelles
            if entry.kind == "state" and entry.how in ("adjective", "demonym") and regional(doc, span.start):
                taken.update(range(span.start, span.end))
                continue  # "Latin American governments", "South American leaders": a region, not the US
            if entry.kind in ("state", "igo", "group") and leaning(doc, span.start):
                taken.update(range(span.start, span.end))
                continue  # "pro-Russian": a leaning, not an actor
            if entry.sector == "BUS" and _medium(span):
                taken.update(range(span.start, span.end))
                continue  # "said on Twitter": where it was said, not who said it
            if entry.kind == "person" and len(span) == 1:
                earlier = full_names.get(span.text)
                if earlier and earlier != entry.actor_id and any(e.actor_id == earlier for e in entries):
                    entry = next(e for e in entries if e.actor_id == earlier)
                if earlier == entry.actor_id:
                    ref = self._person_ref(entry.actor_id, span, "surname after full name")
                    found.append(MentionSpan(span.start, span.end, ref, "kb"))
                    taken.update(range(span.start, span.end))
                    continue
            if entry.kind == "state" and entry.how in ("adjective", "demonym", "name", "capital", "metonym"):
                composed = self._compose_state(span, entry, spans)
                if composed is not None:
                    found.append(composed)
                    taken.update(range(composed.start, composed.end))
                    self._note_full_name(composed, full_names)
                    continue
                if entry.how == "adjective":
                    continue  # "Russian gas": a modifier, not an actor
            place = self._place_use(span, entry, entries)
            if place is not None:
                found.append(MentionSpan(span.start, span.end, place, "place"))
                taken.update(range(span.start, span.end))
                continue
            ref = self._ref(entry, span)
            m = MentionSpan(span.start, span.end, ref, "kb")
            found.append(m)
            taken.update(range(span.start, span.end))
            self._note_full_name(m, full_names)
        found += self._elided(found, taken)
        # later surname-only mentions of people named in full ("Wang" after
        # "Wang Wenbin") are the same person within an article; the surname as
        # the KB spells it and as the article does ("Kono" after "Taro Kono",
        # whom the KB names Tarō Kōno)
        for m in found:
            if m.ref.kind != "person":
                continue
            written = doc[m.start:m.end]
            as_written = written.text if m.method == "kb" and all(t.pos_ == "PROPN" for t in written) else ""
            for name in dict.fromkeys((m.ref.name, as_written)):
                parts = name.split()
                if len(parts) > 1:
                    self._unknown_surnames.setdefault(parts[-1], m.ref)
                    if m.ref.country in FAMILY_NAME_FIRST:
                        self._unknown_surnames.setdefault(parts[0], m.ref)
        for ent in self._ents:
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "FAC") or any(i in taken for i in range(ent.start, ent.end)):
                continue
            ent = self._trim(ent)
            if ent is None:
                continue
            m = self._from_entity(ent)
            if m is None:
                continue
            found.append(m)
            taken.update(range(m.start, m.end))
        # lone surnames NER did not tag ("Cabestan" after "Jean-Pierre Cabestan")
        for i in (_indices(doc, POS, PROPN) if self._unknown_surnames else ()):
            tok = doc[i]
            if tok.i in taken or tok.text not in self._unknown_surnames:
                continue
            known = self._unknown_surnames[tok.text]
            if tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN":
                continue
            found.append(MentionSpan(tok.i, tok.i + 1, replace(known, text=tok.text, start=tok.idx,
                                     end=tok.idx + len(tok.text), reason=f"surname after full name: {known.name}"),
                                     "ner"))
            taken.add(tok.i)
        self.mentions = sorted(found, key=lambda m: m.start)
        for m in self.mentions:
            for i in range(m.start, m.end):
                self._by_token[i] = m

    def _elided(self, found: list[MentionSpan], taken: set[int]) -> list[MentionSpan]:
        """States named by a word that shares the next name's last word:
        "North" in "North and South Korea" is North Korea, used as its
        partner is (an actor, or a place). "Japan and South Korea" and
        "Sudan and South Sudan" name no such state."""
        doc, out = self.doc, []
        for m in found:
            i = m.start
            if m.ref.kind != "state" or m.end - m.start < 2 or i < 2 or doc[i - 1].lower_ != "and":
                continue
            word = doc[i - 2]
            if word.i in taken or not word.is_title:
                continue
            name = f"{word.text} {doc[i + 1:m.end].text}"
            entries = [e for e in self.kb.lookup(name) if e.kind == "state" and e.how == "name"]
            if not entries or entries[0].actor_id == m.ref.actor_id:
                continue
            make = self._place_ref if m.method == "place" else self._ref
            ref = make(entries[0], doc[i - 2:i - 1], f"{name}, named with {doc[i:m.end].text}")
            out.append(MentionSpan(i - 2, i - 1, ref, m.method))
            taken.add(word.i)
        return out

    @staticmethod
    def _note_full_name(m: MentionSpan, full_names: dict[str, str]) -> None:
        if m.ref.kind == "person" and m.end - m.start > 1 and not m.ref.actor_id.startswith("~"):
            parts = m.ref.name.split()
            if len(parts) > 1:
                full_names.setdefault(parts[-1], m.ref.actor_id)

    def _from_entity(self, ent: Span) -> MentionSpan | None:
        """A named entity the KB phrases did not cover: a near spelling of a KB
        name, or an actor the KB lacks."""
        kb = self.kb
        if ent.label_ in ("GPE", "NORP"):
            if ent.label_ == "NORP" or kb.lookup(ent.text) or not ent.text[:1].isupper():
                return None  # adjectives and demonyms are known or not actors
            hit = kb.fuzzy_state(ent.text)
            if hit is None:
                return None
            iso, score, key = hit
            entry = KBEntry(iso, kb.state_name(iso), "state", iso, None, "name")
            place = self._place_use(ent, entry, [entry])
            ref = place or ActorRef(iso, entry.name, "state", iso, None, ent.text, ent.start_char, ent.end_char,
                                    f"fuzzy {score:.2f}: {key}")
            if place is not None:
                ref = replace(ref, reason=f"{ref.reason}; fuzzy {score:.2f}: {key}")
            return MentionSpan(ent.start, ent.end, ref, "place" if place else "fuzzy")
        if ent.label_ == "PERSON" or (ent.label_ == "ORG" and len(ent) > 1):
            hit = kb.fuzzy_person(ent.text)
            if hit is not None:
                person, score, key = hit
                return MentionSpan(ent.start, ent.end, self._person_ref(person.person_id, ent, f"fuzzy {score:.2f} ({key})"),
                                   "fuzzy")
        if ent.label_ == "FAC":
            return None
        if ent.label_ not in ("PERSON", "ORG"):
            return None
        if ent.label_ == "ORG" and any(t.is_alpha and t.is_lower and t.lower_ not in NAME_PARTICLES for t in ent):
            return None  # "European war": a common noun phrase, not a name
        if ent.label_ == "ORG" and load_gazetteer().is_place(ent.text):
            return None  # "Guayaquil", "Arunachal Pradesh" tagged as organisations: places (nlp/places.py)
        if ent.label_ == "ORG" and ent.root.lemma_.lower() in DOCUMENT_WORDS:
            return None  # "the Treaty on the Prohibition of Nuclear Weapons", "the Paris Agreement": a text
        if ent.label_ == "ORG" and _names_a_thing_or_place(ent):
            return None  # "the oil tanker Eagle S", "the Sea Breeze exercise", "the town of Walikale"
        ref, method = self._unknown(ent)
        return MentionSpan(ent.start, ent.end, ref, method)

    def _compose_state(self, span: Span, entry: KBEntry, spans: list[Span]) -> MentionSpan | None:
        """Country + title or sector: "Russian President (Vladimir Putin)",
        "China's Foreign Ministry", "Ukrainian troops", "US officials",
        "Kremlin spokesman"."""
        doc, kb = self.doc, self.kb
        i = span.end
        if entry.how in ("name", "capital", "metonym"):
            if i + 1 < len(doc) and doc[i].tag_ == "POS":
                i += 1
            elif entry.how in ("name", "metonym") and span.root.dep_ in ("compound", "nmod", "amod"):
                pass  # "US officials", "Kremlin spokesman": the name modifies the noun
            else:
                return None
        after = list(doc[i : i + 5])
        title = _longest_phrase(after, kb.titles)
        if title:
            n, (role, sector) = title
            title_words = " ".join(t.lower_ for t in after[:n])
            if title_words.endswith("s") and after[n - 1].tag_ == "NNS":
                # "Russian ministers": a group of the state's officials, not one office-holder
                whole = doc[span.start : i + n]
                return MentionSpan(whole.start, whole.end, ActorRef(
                    entry.actor_id, entry.name, "state", entry.country, sector, whole.text, whole.start_char,
                    whole.end_char, f"country+title: {title_words} → {sector}"), "sector")
            if title_words == "leader" and entry.country:
                role = kb.leader_roles.get(entry.country, role)
                title_words = None
            end = i + n
            name_span = next((s for s in spans if s.start == end), None)
            if name_span is not None and any(e.kind == "person" for e in kb.lookup(name_span.text)):
                person_entry = self._choose([e for e in kb.lookup(name_span.text) if e.kind == "person"])
                whole = doc[span.start : name_span.end]
                return MentionSpan(whole.start, whole.end, self._ref(person_entry, whole, "title+name"), "kb")
            ent_after = next((e for e in self._ents if e.start == end and e.label_ in ("PERSON", "ORG")), None)
            if ent_after is not None and ent_after.label_ == "ORG" and not self._looks_like_name(ent_after):
                ent_after = None
            if ent_after is not None:
                hit = kb.fuzzy_person(ent_after.text)
                whole = doc[span.start : ent_after.end]
                if hit is not None:
                    person, score, key = hit
                    return MentionSpan(whole.start, whole.end,
                                       self._person_ref(person.person_id, whole, f"title+name, fuzzy {score:.2f} ({key})"),
                                       "fuzzy")
                ent_span = Span(doc, ent_after.start, ent_after.end, label="PERSON")
                ref, _ = self._unknown(ent_span)
                ref = replace(ref, kind="person", country=entry.country, sector=sector, text=whole.text,
                              start=whole.start_char, end=whole.end_char,
                              reason=f"title: {span.text} {' '.join(t.text for t in after[:n])} → "
                                     f"{entry.country} {sector} (not in KB)")
                self._unknown_surnames[ent_after[-1].text] = replace(ref, reason=None)
                return MentionSpan(whole.start, whole.end, ref, "role")
            whole = doc[span.start:end]
            if entry.how == "metonym":
                holder = kb.holder(entry.country, role, self.on, title=title_words)
                if holder is not None and span.text.lower().replace("the ", "") in " ".join(
                        (r.title or "").lower() for r in holder.roles if r.active(self.on)):
                    return MentionSpan(whole.start, whole.end, self._person_ref(
                        holder.person_id, whole, "title+date"), "role")
                return MentionSpan(whole.start, whole.end, ActorRef(
                    entry.actor_id, entry.name, "state", entry.country, entry.sector, whole.text, whole.start_char,
                    whole.end_char, f"metonym+title: {whole.text} → {entry.country} {entry.sector}"), "role")
            holder = None
            if entry.country:
                if role in ("other", "envoy", "spokesperson"):
                    # many hold these at once: only an office-holder whose own title says so
                    holder = kb.holder(entry.country, role, self.on, title=title_words) if title_words else None
                    if holder is not None and not any(
                            r.active(self.on) and title_words in (r.title or "").lower() for r in holder.roles):
                        holder = None
                else:
                    holder = kb.holder(entry.country, role, self.on, title=title_words)
            if holder is not None:
                return MentionSpan(whole.start, whole.end, self._person_ref(
                    holder.person_id, whole, "title+date"), "role")
            return MentionSpan(whole.start, whole.end, ActorRef(
                entry.actor_id, entry.name, "state", entry.country, sector, whole.text, whole.start_char,
                whole.end_char, f"title: {whole.text} → {entry.country} {sector} (no holder on {_day(self.on)})"),
                "role")
        found = _longest_phrase(after, kb.sector_nouns)
        if found:
            n, code = found
            whole = doc[span.start : i + n]
            noun = " ".join(t.lower_ for t in after[:n])
            if noun in EQUIPMENT and whole.root.dep_ not in ("nsubj", "nsubjpass"):
                return None  # "bought French jets": equipment, not an actor
            if entry.how == "metonym" and code == "GOV":
                code = entry.sector  # "Pentagon officials" are the Pentagon's
            return MentionSpan(whole.start, whole.end, ActorRef(
                entry.actor_id, entry.name, "state", entry.country, code, whole.text, whole.start_char,
                whole.end_char, f"country+sector: {noun} → {code}"), "sector")
        return None

    @staticmethod
    def _looks_like_name(ent: Span) -> bool:
        return 2 <= len(ent) <= 4 and all(t.is_title or t.text in ("-", "al", "bin", "el", "de", "von") for t in ent)

    def _place_use(self, span: Span, entry: KBEntry, entries: list[KBEntry]) -> ActorRef | None:
        """A place name used as a place ("in Moscow", "a visit to Moscow",
        "the Moscow summit"), or any name that is only ever a place."""
        if entry.how == "place":
            return self._place_ref(entry, span, f"{span.text} ({entry.country})")
        geo = entry.kind == "state" and entry.how in ("name", "capital", "metonym")
        capital = next((e for e in entries if e.how == "capital"), None)
        if not geo and capital is None:
            return None
        why = self._locative(span)
        if why is None:
            return None
        target = entry if geo else capital
        return self._place_ref(target, span, why)

    @staticmethod
    def _locative(span: Span) -> str | None:
        root = span.root
        while root.dep_ in ("conj", "appos") and root.head is not root:
            root = root.head
        if root.dep_ == "pobj":
            prep = root.head
            p = prep.lower_
            gov = prep.head
            glemma = gov.lemma_.lower()
            if p in LOCATIVE_PREPS:
                return f"{p} {span.text}"
            if p in DIRECTION_PREPS and (glemma in MOTION or gov.lower_ in MOTION):
                return f"{glemma} {p} {span.text}"
            if p == "to" and glemma in ("send", "deploy", "dispatch") and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in SENT_PEOPLE for c in gov.children):
                return f"sent to {span.text}"
            if p == "on" and glemma in ON_PLACE:
                return f"{glemma} on {span.text}"
            if p == "at" and glemma not in AT_TARGETS and not any(
                    c.dep_ == "dobj" and c.lemma_.lower() in AT_TARGETS for c in gov.children):
                return f"at {span.text}"
            if p == "of" and glemma in PLACE_NOUNS:
                return f"{glemma} of {span.text}"
        if root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in VENUE_NOUNS:
            return f"{span.text} {root.head.text}"
        if root.dep_ == "dobj" and root.head.lemma_.lower() in PLACE_OBJECT_VERBS:
            return f"{root.head.lemma_.lower()} {span.text}"
        return None

    def _inside_institution(self, span: Span) -> bool:
        if self._longer_ents is None:  # only these can hold a span in the way asked below, trimmed once:
            # "The World Bank", "the World Bank's" are the World Bank, not an institution holding it
            self._longer_ents = [(e, t.start, t.end) for e in self._ents if len(e) > 1
                                 and e.label_ in ("ORG", "FAC", "LOC") and (t := self._trim(e)) is not None]
        for ent, start, end in self._longer_ents:
            if start <= span.start and span.end <= end and end - start > len(span):
                if ent.label_ in ("ORG", "FAC") and (INSTITUTION_HEADS.get(ent[-1].lower_) or INSTITUTION_HEADS.get(ent.root.lower_)):
                    return True
                if ent.label_ in ("LOC", "FAC") and not self.kb.lookup(ent.text) and span.start > ent.start:
                    return True  # "China" in "the South China Sea"
        return False

    def _inside_longer_name(self, span: Span) -> bool:
        for ent in self._ents:
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

    def _unknown(self, ent: Span) -> tuple[ActorRef, str]:
        """An actor the KB lacks: a person or organisation named in the text,
        with the sector and country its description gives."""
        text = ent.text
        if len(ent) == 1 and text in self._unknown_surnames:  # NER may call a lone surname an ORG
            known = self._unknown_surnames[text]
            return replace(known, text=text, start=ent.start_char, end=ent.end_char,
                           reason=f"surname after full name: {known.name}"), "ner"
        person = ent.label_ == "PERSON" or self._has_person_appositive(ent)
        kind = "person" if person else "org"
        sector = country = why = None
        if kind == "org":
            # an organisation's own name says what it is ("... University")
            head = ent[-1].lower_ if ent[-1].lower_ in INSTITUTION_HEADS else ent.root.lower_
            if INSTITUTION_HEADS.get(head):
                sector, why = INSTITUTION_HEADS[head], f"organisation name: {head} → {INSTITUTION_HEADS[head]}"
            elif ent.root.lemma_.lower() in self.kb.sector_nouns:
                sector = self.kb.sector_nouns[ent.root.lemma_.lower()]
                why = f"organisation name: {ent.root.lemma_.lower()} → {sector}"
            country = self._country_within(ent)
            if country and why:
                why += f", {country}"
            if country is None:
                # "Kenya's High Court", "China's Eastern Theater Command": a body of the possessing state
                owner = next((c for c in ent.root.children if c.dep_ == "poss" and c.i < ent.start), None)
                country = self._country_within([owner]) if owner is not None else None
                if country:
                    why = f"possessor: {owner.text} → {country}"
        if sector is None:
            d_sector, d_country, d_why = self._described(ent, person)
            if d_sector or (country is None and d_country):
                sector, why = d_sector, d_why
                country = country or d_country
        if person and sector in OFFICIAL_SECTORS and country is None:
            country = self._where_speaking(ent)  # "Deputy Prime Minister X told reporters in Kathmandu"
            if country:
                why = f"{why}, speaking in {country}"
        if why:
            reason = why
            method = "appos" if why.startswith(("appositive", "title", "described")) else "ner"
        else:
            reason = f"ner unknown {'person' if person else 'organisation'}"
            method = "ner"
        ref = ActorRef("~" + _slug(text), text, kind, country, sector, text, ent.start_char, ent.end_char, reason)
        if kind == "person" and len(ent) > 1:
            self._unknown_surnames.setdefault(ent[-1].text, replace(ref, reason=None))
        return ref, method

    def _where_speaking(self, ent: Span) -> str | None:
        """The country an official with no nationality speaks in, as the
        capital or country after "in" names it: "told reporters in Kathmandu",
        "said in New Delhi" (a visitor is mostly given a nationality)."""
        verb = ent.root.head
        if ent.root.dep_ != "nsubj" or verb.lemma_.lower() not in SPEAKING_VERBS:
            return None
        for t in (verb, *[c for c in verb.children if c.dep_ in ("dobj", "dative")]):
            for prep in t.children:
                if prep.dep_ == "prep" and prep.lower_ == "in":
                    for o in prep.children:
                        if o.dep_ == "pobj":
                            entries = self.kb.lookup(o.text)
                            if any(e.kind == "state" and e.how in ("name", "capital") for e in entries):
                                return next(e.country for e in entries if e.kind == "state")
        return None

    @staticmethod
    def _has_person_appositive(ent: Span) -> bool:
        return any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS for c in ent.root.children)

    def _country_within(self, tokens) -> str | None:
        """The country a stretch of text names: a KB state, capital, place or
        adjective inside it ("at Hong Kong Baptist University", "in Australia"),
        or an armed group of one ("a senior Houthi official": YEM)."""
        lo, hi = tokens[0].i, tokens[-1].i + 1
        for s in self._kb_spans:
            if lo <= s.start and s.end <= hi:
                for e in self.kb.lookup(s.text) or self.kb.lookup("the " + s.text[4:]):
                    if e.country and (e.kind == "state" or (e.kind == "org" and e.sector in ARMED_SECTORS)):
                        return e.country
        return None

    def _igo_within(self, tokens) -> str | None:
        """The name of a KB international organisation inside a stretch of
        text, when no KB state is named before it."""
        lo, hi = tokens[0].i, tokens[-1].i + 1
        for s in self._kb_spans:  # in text order
            if lo <= s.start and s.end <= hi:
                kinds = {e.kind for e in self.kb.lookup(s.text) or self.kb.lookup("the " + s.text[4:])}
                if "igo" in kinds:
                    return s.text
                if "state" in kinds:
                    return None
        return None

    def _described(self, ent: Span, person: bool) -> tuple[str | None, str | None, str | None]:
        """Sector and country from an appositive or a preceding job noun:
        "..., a political science professor at Hong Kong Baptist University",
        "international relations specialist Alexander Korolev at the University
        of New South Wales in Australia", "Japanese journalist X"."""
        doc = ent.doc
        head = ent.root
        parts: list[tuple[str, list[Token]]] = []
        for child in head.children:
            if child.dep_ == "appos" and child.i >= ent.end:
                parts.append(("appositive", list(child.subtree)))
        if head.dep_ == "appos" and head.head.i < ent.start:
            # "the professor, Jane Doe": the noun the name is in apposition to
            noun = head.head
            parts.append(("appositive", [t for t in noun.subtree if t.i < ent.start]))
        pre = [t for t in doc[max(0, ent.start - 6) : ent.start]]
        def breaks(p: Token) -> bool:  # a word hyphen ("long-time leader") does not end the phrase
            joined = p.text == "-" and p.i > 0 and not doc[p.i - 1].whitespace_ and not p.whitespace_
            return (p.is_punct and not joined) or p.pos_ in ("VERB", "AUX", "SCONJ", "ADP")

        while pre and (pre[0].is_punct or pre[0].pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ", "CCONJ", "DET")
                       or any(breaks(p) for p in pre[1:])):
            # only the noun phrase just before the name ("relations specialist X")
            pre = pre[1:]
        if pre:
            parts.append(("described", pre))
        post = [c for c in head.children if c.dep_ == "prep" and c.lower_ in ("at", "of", "from", "with") and c.i >= ent.end]
        for p in post:
            parts.append(("described", list(p.subtree)))
        sector = country = None
        why = None
        if person:
            # "European Union envoy Miroslav Lajcak", "X, the U.N. special envoy for Libya":
            # an organisation's official, when it is named before any state ("Ukraine's EU envoy")
            for label, toks in parts:
                org = self._igo_within(toks) if toks else None
                if org is not None:
                    return "IGO", None, f"{label}: {org} official"
        for label, toks in parts:
            if not toks:
                continue
            s, word = self._sector_in(toks, person)
            if s and sector is None:
                sector, why = s, f"{label}: {word} → {s}"
            c = self._country_within(toks)
            if c and country is None:
                country = c
        if not person and sector == "BUS" and not any(t.lower_.startswith("state") for _, toks in parts for t in toks):
            country = None  # "Australian gold miner Resolute": a private firm is no agent of its state (MNC)
        if why and country:
            why += f", {country}"
        elif country and not why:
            why = f"described: {country}"
        return sector, country, why

    def _sector_in(self, toks: list[Token], person: bool) -> tuple[str | None, str | None]:
        """The sector of the first job or group noun in ``toks``: a title
        ("foreign minister" → DIP) wins over a plain noun."""
        kb = self.kb
        for j, t in enumerate(toks):
            # the earliest job or group phrase, the longer of title and sector noun
            title = _longest_phrase(toks[j:], kb.titles)
            noun = _longest_phrase(toks[j:], kb.sector_nouns) if t.pos_ in ("NOUN", "PROPN", "ADJ") else None
            found = None
            if noun and (not title or noun[0] > title[0]):
                found = noun[1], " ".join(x.lower_ for x in toks[j : j + noun[0]])
            elif title:
                n, (role, sec) = title
                found = sec, " ".join(x.lower_ for x in toks[j : j + n])
            if found is not None:
                if found[1].split()[-1] in ("spokesman", "spokeswoman", "spokesperson") and found[0] == "GOV":
                    # "a spokesman for Iran's foreign ministry": the ministry's sector
                    rest, _ = self._sector_in(toks[j + 1 :], person)
                    if rest and rest not in ("GOV", "EDU"):
                        return rest, f"{found[1]} for {rest}"
                return found
        nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN")]
        for t in sorted(nouns, key=lambda t: (t.dep_ not in ("appos", "ROOT", "compound"), t.i)):
            hit = _longest_phrase(toks[toks.index(t):], kb.sector_nouns)
            key = t.lemma_.lower()
            if key in kb.sector_nouns:
                return kb.sector_nouns[key], key
            if t.lower_ in kb.sector_nouns:
                return kb.sector_nouns[t.lower_], t.lower_
            if hit:
                return hit[1], " ".join(x.lower_ for x in toks[toks.index(t) : toks.index(t) + hit[0]])
        return None, None

    def _find_groups(self) -> list[tuple[int, list[ActorRef]]]:
        """Coordinations of two or more actors ("Xi and Putin", "between A and B"),
        by position, for "the two leaders", "both countries" and "they"; and
        the two sides of a meeting ("Xi has yet to speak with Zelensky")."""
        groups = []
        seen = set()
        for m in self.mentions:
            if m.method == "place":
                continue
            head = self._head_in(m)
            members = [m.ref]
            for c in head.conjuncts:
                cm = self._by_token.get(c.i)
                if cm is not None and cm.method != "place" and cm.ref.actor_id not in {r.actor_id for r in members}:
                    members.append(cm.ref)
            key = tuple(sorted(r.actor_id for r in members))
            if len(members) >= 2 and (head.i, key) not in seen:
                start = min(self._by_token[c.i].start for c in [head, *head.conjuncts] if c.i in self._by_token)
                seen.add((head.i, key))
                groups.append((start, members))
            # "A spoke/met with B", "A met B", "talks between A and B" (handled above)
            verb = None
            if head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.pos_ == "VERB":
                verb = head.head.head
            elif head.dep_ == "dobj" and head.head.lemma_.lower() in MEETING_VERBS:
                verb = head.head
            if verb is not None:
                subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None and verb.dep_ in ("xcomp", "conj") :
                    subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
                sm = self._by_token.get(subj.i) if subj is not None else None
                if sm is not None and sm.method != "place" and sm.ref.actor_id != m.ref.actor_id:
                    key = tuple(sorted((sm.ref.actor_id, m.ref.actor_id)))
                    if (verb.i, key) not in seen:
                        seen.add((verb.i, key))
                        groups.append((min(sm.start, m.start), [sm.ref, m.ref]))
        return sorted(groups, key=lambda g: g[0])

    def _head_in(self, m: MentionSpan) -> Token:
        span = self.doc[m.start : m.end]
        return span.root

    # -- lookups ----------------------------------------------------------
    def at(self, token: Token) -> MentionSpan | None:
        return self._by_token.get(token.i)

    def last_person(self, before: int, female: bool | None = None, not_ids: set[str] = frozenset()) -> ActorRef | None:
        """The nearest person named before a token; ``female`` True skips
        people the KB knows as men, False skips those it knows as women;
        ``not_ids`` are people the pronoun cannot be (its own clause's subject)."""
        for m in reversed(self.mentions):
            if m.end <= before and m.ref.kind == "person" and m.ref.actor_id not in not_ids:
                if female is not None and not self._gender_fits(m.ref, female):
                    continue
                return m.ref
        return None

    def _previous_subject(self, token: Token, female: bool) -> ActorRef | None:
        """The person the last sentence is about, for a pronoun opening a
        sentence as its subject: "Rutte met Trump at the White House. He
        praised ..." is Rutte, the last sentence's subject, though Trump was
        named last."""
        sent = token.sent
        if token.dep_ not in ("nsubj", "nsubjpass") or token.i != sent.start or sent.start == 0:
            return None
        before = self.doc[sent.start - 1].sent
        subjects = [c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        m = self._by_token.get(subjects[0].i) if subjects else None  # the head's name, not "Putin's" in "Putin's spokesman"
        return m.ref if m is not None and m.ref.kind == "person" and self._gender_fits(m.ref, female) else None

    def _clause_subject_ids(self, token: Token) -> set[str]:
        """For an object pronoun ("Biden met him"), the ids of its verb's subject:
        "him" is not the person doing the meeting."""
        if token.lower_ not in ("him", "her") or token.dep_ not in ("dobj", "pobj", "dative", "iobj"):
            return set()
        verb = token.head if token.dep_ != "pobj" else token.head.head
        ids = set()
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                for i in range(c.left_edge.i, c.i + 1):
                    m = self._by_token.get(i)
                    if m is not None:
                        ids.add(m.ref.actor_id)
        return ids

    def _gender_fits(self, ref: ActorRef, female: bool) -> bool:
        person = self.kb.people.get(ref.actor_id)
        if person is None:
            words = (ref.text or "").lower().split()
            if any(w in ("spokeswoman", "ms", "ms.", "mrs", "mrs.", "chairwoman", "madam") for w in words):
                return female
            return True  # unknown people: either
        if person.gender == "f":
            return female
        return not female  # the KB marks women; the others are men

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

    def _group_for(self, token: Token, states: bool = False, persons: bool = False) -> list[ActorRef]:
        """A group anaphor's group: one coordinated earlier in the same
        sentence, else one coordinated later in the same sentence (a lead
        sentence: "talks between the two leaders ..., Chinese President Xi
        Jinping and Russian President Vladimir Putin affirmed"), else the last
        one before, unless that is more than ``GROUP_RECENT`` sentences back
        and the anaphor is not of leaders: then the story's two sides
        (:meth:`_story_pair`)."""
        sent = sentence_of(token)
        before = [g for g in self.groups if sent.start <= g[0] < token.i]
        after = [g for g in self.groups if token.i < g[0] < sent.end]
        ok = (lambda ms: all(m.kind == "person" for m in ms)) if persons else (lambda ms: True)
        for cand in (list(reversed(before)), after):
            for _, members in cand:
                if ok(members):
                    return self._as_states(members) if states else members
        if not persons:
            last = next((g for g in reversed(self.groups) if g[0] < token.i), None)
            sent_of = sentence_numbers(self.doc)
            if last is None or sent_of[token.i] - sent_of[last[0]] > GROUP_RECENT:
                pair = self._story_pair(token.i)
                if pair:
                    return pair
        return self.last_group(token.i, states=states, persons=persons)

    def _story_pair(self, before: int) -> list[ActorRef]:
        """A story's two sides: the two states named most often before a token,
        people counting for their country ("RIYADH - Saudi Arabia cut ties with
        Iran ... the foreign ministers of both countries"); none when a third
        is named as often as the second. A story about a deal a third state
        brokered can rank the broker second: on the team's gold news articles
        this mended six events and miscoded one ("The two countries had
        already fought wars" in a story on a summit at the White House)."""
        counts: dict[str, int] = {}
        first: dict[str, ActorRef] = {}
        for m in self.mentions:
            if m.end > before or m.method == "place":
                continue
            code = m.ref.actor_id if m.ref.kind == "state" else m.ref.country if m.ref.kind == "person" else None
            if code:
                counts[code] = counts.get(code, 0) + 1
                first.setdefault(code, m.ref)
        ranked = sorted(counts, key=lambda c: -counts[c])
        if len(ranked) < 2 or (len(ranked) > 2 and counts[ranked[2]] == counts[ranked[1]]):
            return []
        return self._as_states([first[c] for c in ranked[:2]])

    def _as_states(self, members: list[ActorRef]) -> list[ActorRef]:
        out = []
        for r in members:
            if r.kind == "person" and r.country:
                r = self.kb.state_ref(r.country, r.text, r.start, r.end, r.reason)
            if r.actor_id not in {o.actor_id for o in out}:
                out.append(r)
        return out

    def _anaphor(self, token: Token) -> list[ActorRef]:
        """Pronouns and "the two leaders"-style phrases, resolved backwards."""
        low = token.lower_
        if token.pos_ == "PRON":
            if low in PERSON_PRONOUNS:
                female = low in FEMALE_PRONOUNS
                ref = self._previous_subject(token, female) or self.last_person(
                    token.i, female=female, not_ids=self._clause_subject_ids(token))
                return [self._retext(ref, token, f"coref: pronoun → {ref.name}")] if ref else []
            if low in GROUP_PRONOUNS:
                group = self.last_group(token.i)
                return [self._retext(r, token, "coref: group (pronoun)") for r in group]
            if low in THING_PRONOUNS:
                own = self._own_subject(token)
                if own is not None:
                    return [self._retext(own, token, f"coref: pronoun → its clause's subject {own.name}")]
                for m in reversed(self.mentions):
                    if (m.end <= token.i and m.ref.kind in ("state", "igo", "org", "group") and m.method != "place"
                            and not (m.ref.kind == "org" and m.ref.sector is None)):
                        return [self._retext(m.ref, token, f"coref: pronoun → {m.ref.name}")]
                    if m.end <= token.i and m.ref.kind == "person":
                        break
            return []
        if token.tag_ == "NN" and low in ROLE_NOUNS and any(c.lower_ in ("the", "this") for c in token.children):
            # "the ministry", "the spokesman": the last actor named with that noun
            for m in reversed(self.mentions):
                if m.end <= token.i and any(t.lemma_.lower() == low for t in self.doc[m.start : m.end]):
                    return [self._retext(m.ref, token, f"coref: role noun → {m.ref.name}")]
            return []
        if token.tag_ in ("NNS", "NNPS"):
            lemma = token.lemma_.lower()
            if lemma not in LEADER_NOUNS and lemma not in STATE_NOUNS and lemma not in PARTY_NOUNS:
                return []
            mods = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet", "amod", "quantmod")}
            numbered = bool(mods & {"both", "two", "the", "three"})
            if numbered and lemma in LEADER_NOUNS:
                return [self._retext(r, token, "coref: group") for r in self._group_for(token, persons=True)]
            if numbered and lemma in STATE_NOUNS:
                return [self._retext(r, token, "coref: group") for r in self._group_for(token, states=True)]
            if numbered and lemma in PARTY_NOUNS:
                return [self._retext(r, token, "coref: group") for r in self._group_for(token)]
        return []

    def _own_subject(self, token: Token) -> ActorRef | None:
        """For "its" before the object of a verb ("Washington designated Syria a
        state sponsor of terrorism and tightened its sanctions"), the verb's
        subject when nothing is named between the verb and the pronoun: a
        possessive in the object points to who acts more often than to the
        last name ("struck Iran and its proxies" keeps Iran)."""
        if token.dep_ != "poss" or token.head.dep_ != "dobj":
            return None
        verb = token.head.head
        if verb.pos_ != "VERB" or verb.i > token.i or any(self._by_token.get(i) for i in range(verb.i, token.i)):
            return None
        head = subject_head(verb)
        m = self._by_token.get(head.i) if head is not None else None
        return m.ref if m is not None and m.method != "place" and m.ref.kind in ("state", "igo", "org", "group") else None

    def _retext(self, ref: ActorRef, token: Token, reason: str | None = None) -> ActorRef:
        span = self.doc[token.left_edge.i : token.i + 1] if token.pos_ != "PRON" else self.doc[token.i : token.i + 1]
        return replace(ref, text=span.text, start=span.start_char, end=span.end_char,
                       reason=reason or ref.reason)

    @property
    def coref_mentions(self) -> list[MentionSpan]:
        """Mentions made by coreference: pronouns, "the two leaders", "the
        ministry"; one per actor referred to."""
        if self._coref is None:
            out = []
            doc = self.doc
            for i in _indices(doc, POS, PRON, TAG, ("NN", "NNS", "NNPS")):
                if i in self._by_token:
                    continue
                tok = doc[i]
                for ref in self._anaphor(tok):
                    span_start = tok.left_edge.i if tok.pos_ != "PRON" else tok.i
                    out.append(MentionSpan(span_start, tok.i + 1, ref, "coref"))
            self._coref = out
        return self._coref

    def all_mentions(self) -> list[MentionSpan]:
        """Named, place and coreference mentions, in text order."""
        return sorted([*self.mentions, *self.coref_mentions], key=lambda m: (m.start, m.end))

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
        # "President Barack Obama and Russian President Dmitry Medvedev": the parse
        # hangs the second name on the first one's apposition
        mention = self.at(token)
        named = [] if mention is None else [a for a in token.children
                                            if a.dep_ == "appos" and a.i > token.i and self.at(a) is mention]
        # "Keir Starmer and Emmanuel Macron": the parse may hang the first name and
        # the "and" on the second as a modifier
        joined = [c for c in token.children if c.dep_ in ("nmod", "compound") and c.i < token.i
                  and any(g.dep_ == "cc" and g.lower_ in ("and", "&") for g in c.children)
                  and (m := self.at(c)) is not None and m is not mention]
        for t in [*joined, token, *[c for t0 in (token, *named) for c in t0.conjuncts if c.i > token.i]]:
            for ref in self.resolve_one(t):
                if ref.actor_id not in {o.actor_id for o in out}:
                    out.append(ref)
        return out
