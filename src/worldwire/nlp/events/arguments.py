"""Who did it, and to whom: an event's doers and targets read from the parse.

A verb trigger's doers are its subject (or passive agent, or the subject it
inherits through control: "arrived ... to meet"); its targets are its
objects, prepositional objects ("with", "to", "against", "about",
"between") and their conjuncts (:func:`_subject_of`, :func:`_verb_targets`).
A noun trigger reads its possessor, modifiers and "of"/"by" phrases
("Xi's visit to Moscow", "the Russian invasion of Ukraine",
:func:`_noun_args`). When the parse gives no target, the nearest actors
deeper in what the trigger governs complete the event
(:func:`_complete_targets`), and :func:`_event` builds the record
(modality, CAMEO code, Goldstein score, and the sentence and trigger span
it was read from). Every helper here reads one trigger; the rules that look at
several events are in :mod:`.rules` and :mod:`.occasions`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Span as DocSpan, Token

from ...geo.gazetteer import load_gazetteer
from ...ontology.plover import Trigger, cameo_for, word_classes
from ...records import ActorRef, Event, Span, content_id
from ..actors import ActorIndex, leaning, regional
from ..clauses import REPORTING
from ..triggers import doc_triggers, lexicon_table, match_trigger
from ..modality import FUTURE_GOVERNORS, modality
from ..places import Resolver, names_a_place
from ..syntax import is_passive, noun_source_fallback, pobjs as _pobjs, sentence_of, span_text, subject_head


# Objects that make "send"/"dispatch" a deployment rather than aid: people and ships under arms.
MILITARY_UNITS = {"troop", "soldier", "force", "warship", "ship", "frigate", "destroyer", "vessel", "contingent",
                  "brigade", "battalion", "unit", "marine", "personnel", "officer", "paratrooper", "commando",
                  "carrier", "submarine", "fighter", "reservist", "guard", "police", "peacekeeper", "boat"}


def _military_unit(tok: Token) -> bool:
    """"sent troops", "dispatched the patrol ship", "sent 1,500 special forces troops"."""
    if tok.lemma_.lower() in MILITARY_UNITS or tok.lower_ in MILITARY_UNITS:
        return True
    # "sent a team of surgeons" is aid; "sent a contingent of troops" is not
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(o.lemma_.lower() in MILITARY_UNITS for o in _pobjs(p))
               for p in tok.children)


# "struck a revised Brexit deal" is an agreement, not an attack. The lexicon keeps one
# "strike" row: a second one with a word class retrained the classifier on changed features
# and cost more sentences than it mended (README, Evaluation)
STRUCK = {"strike"}
PACTS = {"deal", "agreement", "accord", "pact", "bargain", "compromise", "truce", "ceasefire", "settlement"}
# Verbs that lower a measure the noun names: "will lower tariffs on American farm
# products" eases it (CONCEDE), as the lexicon's "cut" and "lower" rows would; coded where
# the event is built, so the classifier's lexicon features stay as trained
LOWERING = {"lower", "reduce", "cut", "slash"}
# Verbs of criticism that also tell an impact: "slammed into", "blasted into", "hammered into"
IMPACT_VERBS = {"slam", "blast", "hammer", "lash"}
# "call X for Y" calls someone somewhere, no call for anything: "called a general strike for
# Friday", "called in the ambassadors for a reprimand"
CALLED_AWAY = {"up", "in", "home", "back", "off", "out"}
# Objects that make "deliver"/"send"/"provide" verbal rather than aid.
VERBAL_OBJECTS = {"speech", "remark", "message", "statement", "signal", "letter", "address", "warning", "note", "briefing"}
# What a government signs alone: "signed an executive order imposing sanctions" is
# the order's content, not an agreement (no train sentence of the bank codes it AGREE)
SIGNED_ORDERS = {"order", "decree", "law", "bill", "legislation", "ordinance", "proclamation"}
ORDER_PREPS = {"into"}  # "signed into law"
TARGET_PREPS = {"with", "to", "against", "on", "at", "about", "into", "toward", "towards", "from"}
NOUN_TARGET_PREPS = TARGET_PREPS | {"of"}  # "invasion of Ukraine"
AID_PREPS = {"for"}  # "aid for Ukraine", but "hailed X for Y" is no target
BENEFIT_TYPES = {"AID", "SUPPORT"}  # nouns whose "for" names who benefits: "support for Sudan's stability"
# what a verb that is no event lends its object noun: "increased its aid to the
# Palestinians", "expressed solidarity with Qatar" (not "from Singapore")
LENT_PREPS = {"to", "with", "on", "against", "toward", "towards"}
PLACE_PREPS = {"in", "to", "into", "at", "around", "near", "towards", "toward", "across", "inside", "off"}
RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}
JOINT_TYPES = {"AGREE", "COOPERATE"}  # done with a partner, the partner is a doer too (see _joint)
JOINT_WORDS = {"joint", "jointly", "together"}  # cooperation a sentence calls joint (see _joint)
# Verbs whose object noun carries the event: "held talks", "imposed sanctions".
LIGHT_VERBS = {
    "hold", "have", "make", "pay", "conduct", "launch", "stage", "carry", "begin", "start", "open", "resume",
    "impose", "announce", "adopt", "approve", "agree", "sign", "seal", "reach", "strike", "give", "offer",
    "provide", "send", "deliver", "extend", "pledge", "host", "mount", "level", "lodge", "file", "issue",
}


# Heads that name doers though the KB lists no sector for them: "Chinese coast
# guard personnel", "the UN's human rights chief", "the US Justice Department".
DOER_NOUNS = {
    "personnel", "investigator", "agent", "chief", "head", "aircraft", "plane", "ship", "vessel", "boat", "convoy",
    "coalition", "mission", "agency", "department", "treasury", "guard", "serviceman", "commando", "regulator",
    "watchdog", "donor", "ally", "nominee", "fire", "spokesman", "delegate", "representative", "team", "unit",
    "administration", "council", "assembly", "body", "bloc", "commission", "member", "state", "country", "nation",
    "capital", "leader", "official", "prosecutor", "court", "police", "authority", "troop", "force", "soldier",
    "pilot", "engineer", "crew", "inspector", "negotiator", "envoy", "diplomat", "service", "navy",
}
# Unnamed state agents ("Police detained mourners in several Russian cities",
# "a court in Belarus sentenced"): the country where they act
DOMESTIC_SECTORS = {"COP", "GOV", "JUD", "SPY", "LEG"}
# Unnamed armed men and crowds are coded by the country they act in, as the
# bank codes militants ("Cartel gunmen ambushed a convoy in Mexico's Michoacan")
LOCAL_DOERS = {"gunman", "gunmen", "militant", "insurgent", "separatist", "jihadist", "attacker", "assailant",
               "protester", "demonstrator", "rioter", "mob", "crowd", "fighter", "rebel"}
# Unnamed armed doers: with no place in their own clause they act where the sentence is
ARMED_DOERS = {"gunman", "gunmen", "militant", "insurgent", "separatist", "jihadist", "attacker", "assailant",
               "fighter", "rebel", "bomber", "gang", "militiaman", "militiamen", "extremist", "terrorist"}
WHERE_PREPS = {"in", "across", "at", "around", "throughout", "inside", "near"}
UNOWNED_DETS = {"the"}  # determiners that leave doers unnamed
PLACE_REASON = "place of the act"  # the reason of a state that unnamed doers stand for


def _placed(refs: list[ActorRef]) -> list[ActorRef]:
    """States that unnamed doers stand for, saying so in their reason: their
    own country stays a possible target ("gunmen killed 40 villagers in
    Nigeria's Plateau state" is NGA against NGA)."""
    return [replace(r, reason=f"{PLACE_REASON}: '{r.text}'") for r in refs]


def _doer_noun(tok: Token, index: ActorIndex) -> bool:
    lemma = tok.lemma_.lower()
    nouns = index.kb.sector_nouns  # listed as news writes them: "fighters", "coast guard"
    return lemma in nouns or tok.lower_ in nouns or lemma in DOER_NOUNS or _is_trigger_noun(tok)


def _noun_sector(tok: Token, index: ActorIndex) -> str | None:
    """The sector a doer noun names, with its compounds first: "security
    forces" are police (COP), "forces" alone soldiers (MIL)."""
    nouns = index.kb.sector_nouns
    compounds = [c.lower_ for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    if compounds:
        sector = nouns.get(" ".join([*compounds, tok.lower_]))
        if sector is not None:
            return sector
    return nouns.get(tok.lower_) or nouns.get(tok.lemma_.lower())


def _where(tok: Token, index: ActorIndex) -> list[ActorRef]:
    """The country a token's place phrases name: "in several Russian cities",
    "in Beijing", or a place the KB lacks but the gazetteer knows ("police in
    Batumi", :func:`_gazetteer_state`)."""
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in WHERE_PREPS:
            for o in _pobjs(p):
                refs = [r for r in _resolve_object(o, index, places=True) if r.kind == "state"] \
                    or _gazetteer_state(o, index)
                if refs:
                    return refs[:1]
    return []


def _gazetteer_state(tok: Token, index: ActorIndex) -> list[ActorRef]:
    """The country of the place a token's entity names by the gazetteer, when
    the KB's few places do not name it ("authorities in Xi'an", "in the
    northern city of Garoua")."""
    if not tok.ent_type_:
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if tok.lemma_.lower() in PLACE_NOUNS and of is not None:  # "the city of Garoua"
            return [r for o in _pobjs(of) for r in _gazetteer_state(o, index)][:1]
        return []
    ent = next((e for e in sentence_of(tok).ents if e.start <= tok.i < e.end), None)
    return _gazetteer_place(ent, index) if ent is not None and names_a_place(ent, load_gazetteer()) else []


PLACE_NOUNS = {"city", "town", "village", "province", "region", "district", "state", "port"}


def _gazetteer_place(ent: DocSpan, index: ActorIndex) -> list[ActorRef]:
    """The country of a place entity by the gazetteer's choice for the name
    alone (a country, a named region, a capital or the largest place of that
    name, :class:`~worldwire.nlp.places.Resolver`)."""
    place, _, _ = Resolver().resolve(ent.text)
    if place is None or not place.country or place.country not in index.kb.states:
        return []
    return [index.kb.state_ref(place.country, ent.text, ent.start_char, ent.end_char,
                               f"place: {ent.text} ({place.country}, gazetteer)")]


def _sentence_where(tok: Token, index: ActorIndex) -> list[ActorRef]:
    """The one country the place phrases of ``tok``'s sentence name, if they
    name only one: "Students marched through Dhaka ...; police responded with
    tear gas" puts the police in Bangladesh."""
    found: dict[str, ActorRef] = {}
    gaz = load_gazetteer()
    for ent in tok.sent.ents:
        if names_a_place(ent, gaz):
            for ref in _resolve_object(ent.root, index, places=True) or _gazetteer_place(ent, index):
                if ref.kind == "state" and ref.country:
                    found.setdefault(ref.country, ref)
    return list(found.values()) if len(found) == 1 else []


def _doer_of_means(verb: Token, rule: Trigger, index: ActorIndex) -> list[ActorRef]:
    """The doer of a passive act with no agent, told by the act of its type it
    came in: "Haniyeh was killed in an Israeli strike on his guesthouse" is
    Israel's."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for o in _pobjs(c):
                means = match_trigger(o) if _is_trigger_noun(o) else None
                if means is not None and means.type == rule.type:
                    doers = _noun_args(o, means, index, lent=False)[0]
                    if doers:
                        return doers
    return []


# Passives that tell a part taken, not an act suffered: "locked in talks", "engaged in negotiations"
ENGAGED_VERBS = {"lock", "engage", "involve", "embroil", "mire", "bog"}


def _engaged(verb: Token) -> Token | None:
    """The subject of a passive that tells a part taken in an act, not an
    act done to it: "officials from the two sides had been locked in talks",
    "were engaged in negotiations" (not "civilians were killed in strikes")."""
    if verb.lemma_.lower() not in ENGAGED_VERBS:
        return None
    if any(c.dep_ == "prep" and c.lower_ == "in" and any(_is_trigger_noun(o) for o in _pobjs(c)) for c in verb.children):
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return None


# Pronouns that, opening a sentence, carry on its predecessor's doer
OPENING_PRONOUNS = {"it", "they"}


def _subject_of(verb: Token, index: ActorIndex, back: int = 2) -> list[ActorRef]:
    """The doers a verb's subject names; ``back``: how many sentences an
    opening pronoun may look back through."""
    stray = _stray_subject(verb)
    if stray is not None:
        return index.resolve(stray)
    reporter = _reporting_verb(verb)
    if reporter is not None:
        return _subject_of(reporter, index, back)
    head = subject_head(verb)
    if head is None:
        if is_passive(verb) and not any(c.dep_ == "agent" for c in verb.children):
            rule = match_trigger(verb)
            if rule is not None and rule.type == "COERCE":  # "was detained in Vladivostok"
                return _where(verb, index)
            forces = _moved_forces(verb)
            if forces is not None and rule is not None and rule.type in ("MOBILIZE", "AID"):
                return _resolve_object(forces, index, depth=1, actors_only=True)  # "Nigerian soldiers were deployed"
            head = _engaged(verb)
            if head is None and rule is not None:
                return _doer_of_means(verb, rule, index)
        if head is None:
            return []
    refs = _resolve_object(head, index, depth=1, actors_only=True)
    for other in _split_subjects(verb, head):
        refs = [*refs, *_resolve_object(other, index, depth=1, actors_only=True)]
    if refs:
        refs = _unique([*_compounded_subjects(head, index), *refs])
    if not refs and back and head.pos_ == "PRON" and head.lower_ in OPENING_PRONOUNS and head.i == head.sent.start > 0:
        # "Kenyan youth groups vowed to stage fresh demonstrations. They accused the police ...":
        # a sentence opening on "it" or "they" goes on with the last sentence's doer
        refs = _subject_of(head.doc[head.i - 1].sent.root, index, back - 1)
    if not refs and head.pos_ in ("NOUN", "PROPN") and (
        _doer_noun(head, index) or head.lemma_.lower() in FUTURE_GOVERNORS or verb.dep_ in ("acl", "relcl")
    ):
        fallback = noun_source_fallback(head)
        if fallback is not None:
            refs = _resolve_object(fallback, index, depth=2)  # "the presidents of Kazakhstan, Kyrgyzstan, ..."
    if not refs and _is_trigger_noun(head) and not is_passive(verb):
        # "An air strike by the Saudi-led coalition ... killed at least 70 people": the doer of
        # the act that did it
        doer = noun_source_fallback(head)
        refs = _resolve_object(doer, index, depth=1, actors_only=True) if doer is not None else []
    if not refs and verb.dep_ == "acl" and head.i == verb.head.i and head.dep_ == "dobj" and (
            head.lemma_.lower() in SIGNED_ORDERS) and not _enabling(verb):
        refs = _subject_of(head.head, index, back)  # "Trump signed an executive order ending ...": his act
    if not refs and head.pos_ == "NOUN":
        refs = _placed(_unnamed_doers_place(head, verb, index))
    return refs


def _unnamed_doers_place(head: Token, verb: Token, index: ActorIndex) -> list[ActorRef]:
    """The state that doers named by no actor act for: police, officials or
    gunmen are of the country their clause places them in ("police in
    Nairobi"); police and armed men with no place in their clause are of the
    one country the sentence's places name ("Students marched through Dhaka
    ...; police responded", "Gunmen killed 40 people in overnight attacks on
    villages in Nigeria's Plateau state"), unless a word before them names
    whom they act for ("Hamas-led gunmen")."""
    lemma = head.lemma_.lower()
    sector = _noun_sector(head, index)
    if sector not in DOMESTIC_SECTORS and lemma not in LOCAL_DOERS | ARMED_DOERS:
        return []
    if any(c.dep_ in ("det", "poss") and c.lower_ not in UNOWNED_DETS for c in head.children):
        return []  # "their fighters", "those officials"
    refs = _where(head, index) or _where(verb, index)
    if not refs and (sector == "COP" or lemma in ARMED_DOERS) and not any(
            t.ent_type_ for t in head.subtree if t.i < head.i):
        refs = _sentence_where(verb, index)
    return refs


BLAMING_TYPES = {"ACCUSE", "PROTEST"}


def _reporting_verb(verb: Token) -> Token | None:
    """The verb that reports the clause a blaming participle hangs from: in
    "Pashinyan said Russian peacekeepers had failed in their mission, blaming
    Moscow for ...", the one who blames is who said it, not the peacekeepers.
    Only a reporter named first: in "Azerbaijan has kept the corridor shut,
    refusing to ..., Yerevan said" the participle goes on with the reported
    clause's subject."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    reported = verb.head
    reporter = reported.head
    if reported.dep_ != "ccomp" or reporter.lemma_.lower() not in REPORTING or reporter.i > reported.i:
        return None
    rule = match_trigger(verb)
    return reporter if rule is not None and rule.type in BLAMING_TYPES else None


def _split_subjects(verb: Token, head: Token) -> list[Token]:
    """Coordinated subjects the parse gave the verb as subjects of their own
    ("Kyrgyz President Sadyr Japarov and Tajik President Emomali Rahmon
    signed": two nsubj with "and" between them), but the one already read."""
    if head.dep_ != "nsubj" or head.head.i != verb.i:
        return []
    out = []
    for c in verb.children:
        if c.dep_ == "nsubj" and c.i != head.i:
            lo, hi = sorted((c.i, head.i))
            if any(t.dep_ == "cc" and t.lower_ == "and" for t in verb.doc[lo:hi]):
                out.append(c)
    return out


def _compounded_subjects(head: Token, index: ActorIndex) -> list[ActorRef]:
    """Names coordinated with the subject that the parse hung inside its
    compounds ("U.S. President Donald Trump and Russian President Vladimir
    Putin met": the first name a compound of the second): the actors named
    before the subject's own name, with "and" between and no preposition or
    possessive that would make them its modifiers."""
    doc = head.doc
    own = index.at(head)
    end = own.start if own is not None else head.i
    before = doc[head.left_edge.i:end]
    if not any(t.dep_ == "cc" and t.lower_ == "and" for t in before) or any(
            t.dep_ in ("prep", "poss", "case") for t in before):
        return []
    out, i = [], before.start
    while i < end:
        m = index.at(doc[i])
        if m is not None and m.end <= end and _coded(m.ref):
            out.append(m.ref)
            i = m.end
        else:
            i += 1
    return out


def _enabling(verb: Token) -> bool:
    """Whether a verb only enables the act its complement names ("a law
    allowing it to impose sanctions"): that act is the event."""
    return any(c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" and match_trigger(c) is not None
               for c in verb.children)


def _signs_order(verb: Token, preps: set[str] | None = ORDER_PREPS) -> bool:
    """Whether a verb signs an order, decree, law or bill (:data:`SIGNED_ORDERS`),
    which a government does alone: what it signs is no agreement. Its object
    or the object of one of ``preps`` ("signed into law") names it; the
    lexicon's check reads every preposition (``preps=None``)."""
    return verb.lemma_.lower() == "sign" and any(
        t.lemma_.lower() in SIGNED_ORDERS for t in _objects(verb, ("dobj",), preps))


# Aircraft a passive deployment or delivery moves, besides MILITARY_UNITS: "Japanese fighter jets were scrambled"
MOVED_AIRCRAFT = {"jet", "warplane", "bomber", "helicopter"}


def _moved_forces(verb: Token) -> Token | None:
    """The forces a passive deployment moves, which are the doer's ("Nigerian soldiers were deployed",
    "Japanese fighter jets were scrambled")."""
    return next((c for c in verb.children if c.dep_ == "nsubjpass" and (
        _military_unit(c) or c.lemma_.lower() in MOVED_AIRCRAFT)), None)


def _stray_subject(verb: Token) -> Token | None:
    """The subject of a coordinated verb that the parse took as the last item
    of the first verb's object: "Azerbaijan released 32 Armenian servicemen
    and Armenia freed two Azerbaijani soldiers", where "Armenia" is parsed as
    a second thing released."""
    if verb.dep_ != "conj" or verb.i == 0 or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    prev = verb.doc[verb.i - 1]
    if prev.dep_ == "conj" and prev.pos_ == "PROPN" and prev.head.dep_ == "dobj" and prev.head.head == verb.head:
        return prev
    return None


def _place_is_target(trigger: Trigger) -> bool:
    """A place is the target of a visit ("arrived in Kyiv": Ukraine) or an
    attack ("shelling in Ukraine"), but only the venue of a meeting."""
    return trigger.mode == "visit" or trigger.type == "ASSAULT"


MODIFIER_DEPS = ("amod", "compound", "nmod", "poss")
# "strikes on military sites across Syria": the place inside the object
NESTED_PREPS = {"in", "across", "near", "inside", "on", "of", "around", "along", "off"}


def _quoted_or_passive(tok: Token) -> bool:
    """A verb whose doer may be unnamed yet political: a passive ("was
    blocked"), or inside a quotation whose speaker supplies it ("We call on")."""
    return is_passive(tok) or any(c.lower_ in ("we", "i", "us") and c.dep_.startswith("nsubj") for c in tok.children)


def _is_trigger_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and (tok.lemma_.lower(), "NOUN") in lexicon_table()


def _modifier_actor(c: Token, head: Token, index: ActorIndex) -> ActorRef | None:
    """A state named by a modifier: "Afghan criminals", "an Indian fighter jet";
    not a leaning ("pro-Russian separatists", see :func:`actors.leaning`)."""
    if leaning(c.doc, c.i):
        return None
    kb = index.kb
    spans = [c.doc[c.i : c.i + 1]]
    if any(g.dep_ in ("amod", "compound") and g.i == c.i - 1 for g in c.lefts):
        spans.insert(0, c.doc[c.i - 1 : c.i + 1])  # "South African" in "South African and Mozambican police"
    for span in spans:
        if regional(span.doc, span.start):
            continue  # "Latin American governments": a region's adjective
        for entry in kb.lookup(span.text):
            if entry.kind == "state" and entry.how in ("adjective", "demonym", "name"):
                sector = kb.sector_nouns.get(head.lemma_.lower())
                return ActorRef(entry.actor_id, entry.name, "state", entry.country, sector, span.text,
                                span.start_char, span.end_char, reason=f"modifier of '{head.text}'")
    return None


def _unnamed_or_unknown(tok: Token, index: ActorIndex) -> bool:
    """The actor index names no actor the KB knows at a token."""
    m = index.at(tok)
    return m is None or m.ref.actor_id.startswith("~")


def _coordinated_modifiers(tok: Token) -> list[Token]:
    """The modifiers of a noun that name several parties, when they are
    coordinated: "U.S. and Indian troops"; "Costa Rican and Panamanian coast
    guards", where the parse hangs both adjectives from the noun and "and"
    from the first; "Indonesian, Malaysian and Philippine navies", where the
    first hangs alone; "Cambodian and Thai defence ministers", where they hang
    from the compound. Empty when nothing is coordinated."""
    mods = [c for c in tok.children if c.dep_ in MODIFIER_DEPS and c.i < tok.i]
    mods += [g for c in mods if c.dep_ in ("compound", "amod") for g in c.children
             if g.dep_ in ("amod", "compound") and g.i < c.i]
    if not any(k.dep_ in ("conj", "cc") for c in mods for k in c.children):
        return []
    out = {k for c in mods for k in (c, *c.conjuncts) if k.i < tok.i}
    return sorted(out, key=lambda k: k.i)


# What a state seeks of an organisation; the organisation named as its modifier is no party
MEMBERSHIP_NOUNS = {"membership", "bid", "accession", "candidacy", "application"}


def _resolve_object(tok: Token, index: ActorIndex, depth: int = 0, places: bool = False,
                    actors_only: bool = False) -> list[ActorRef]:
    """The actors a noun phrase names: the phrase itself, else its possessor
    ("NATO's deepening of ties" → NATO), else its state modifiers ("Afghan
    criminals" → AFG, "EU leaders" → EU), else, for physical actions (``places``), a place
    inside it ("strikes on sites across Syria" → SYR)."""
    refs = index.resolve(tok)
    # an adjective parsed as the phrase, its noun as a conjunct: "Thai and Malaysian troops" as
    # "Thai" and "troops" (the noun's actor resolved with it); "Vietnamese and Chinese coast guard
    # vessels" as "Vietnamese" and "vessels" (nothing resolved: the noun is read here)
    if refs:
        shared = index.at(tok) is None
    else:
        shared = tok.pos_ == "ADJ" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
    if shared:
        noun = next((k for k in tok.conjuncts if k.i > tok.i and k.pos_ == "NOUN"), None)
        own = _modifier_actor(tok, noun, index) if noun is not None else None
        if own is not None and not refs:
            return _unique([own, *_resolve_object(noun, index, depth, places, actors_only)])
        if own is not None:
            refs = _unique([own, *refs])
    if refs and tok.pos_ == "NOUN":
        # "U.S. and Indian troops": the phrase resolves to its nearest modifier only
        for k in _coordinated_modifiers(tok):
            m = index.at(k)  # a name, never an anaphor: "Italian" is no pronoun
            ref = m.ref if m is not None and not m.ref.actor_id.startswith("~") else _modifier_actor(k, tok, index)
            refs = refs + [ref] if ref is not None else refs
        # "the Iranian foreign minister and his Saudi counterpart": a conjunct named by its modifier
        for k in tok.conjuncts:
            if k.i > tok.i and k.pos_ == "NOUN" and index.at(k) is None:
                refs += [a for c in k.children if c.dep_ in ("amod", "compound")
                         for a in [_modifier_actor(c, k, index)] if a is not None][:1]
        return _unique(refs)
    if refs and refs[0].kind in ("state", "person"):
        # "Saudi Arabia, the United Arab Emirates, Bahrain and Egypt", "Macron, al-Sisi and King
        # Abdullah II": a list parsed as apposition (not "Xi Jinping, China's president")
        for a in tok.children:
            if a.dep_ == "appos":
                listed = [m.ref for k in [a, *a.conjuncts] if (m := index.at(k)) is not None
                          and m.ref.kind == refs[0].kind and m.ref.actor_id not in {r.actor_id for r in refs}]
                if listed and len(listed) == len([a, *a.conjuncts]):
                    refs = _unique(refs + listed)
    if refs or tok.pos_ not in ("NOUN", "PROPN", "PRON") or depth > 1:
        return refs
    # as a doer, only heads that name actors ("Russian jets struck"), not things
    # ("a Portuguese club signed"); as an object anything ("Ukrainian grain")
    if actors_only and not _doer_noun(tok, index):
        return refs
    # each modifier, and each conjunct of one ("Russian and Iranian ministries")
    modifiers = [c for c in tok.children if c.dep_ in MODIFIER_DEPS and c.i < tok.i]
    modifiers = sorted(set(modifiers) | set(_coordinated_modifiers(tok)), key=lambda c: c.i)
    resolved = [index.resolve_one(c) for c in modifiers]
    # "Sweden's NATO bid", "Ukraine's EU membership", "backed EU membership for Ukraine": the state
    # owns it, the organisation only qualifies it
    owned = tok.lemma_.lower() in MEMBERSHIP_NOUNS or \
        any(c.dep_ == "poss" and any(r.kind == "state" for r in refs_c) for c, refs_c in zip(modifiers, resolved))
    for c, refs_c in zip(modifiers, resolved):
        if c:
            # KB actors only; each conjunct on its own ("Canadian and U.S. police")
            found = [r for r in refs_c if not r.actor_id.startswith("~")]
            if owned and c.dep_ != "poss" and found and all(r.kind == "igo" for r in found):
                continue
            found = found or [a for a in [_modifier_actor(c, tok, index)] if a]
            for g in c.children:  # "British-flagged": British ← flagged; not "US-made": a maker is no party
                if not found and g.dep_ in ("npadvmod", "amod", "compound") and g.i < c.i \
                        and c.lower_ not in MAKER_WORDS:
                    found = [a for a in [_modifier_actor(g, tok, index)] if a]
            refs += found
    if refs or not places:
        return refs
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in NESTED_PREPS:
            for o in _pobjs(p):
                refs += _resolve_object(o, index, depth + 1, places)
    return refs


PHYSICAL = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT"}
# "US-made missiles", "Chinese-built railway": who made a thing is not who it is aimed at
MAKER_WORDS = {"made", "built", "designed", "manufactured", "produced", "supplied", "developed"}


# "voiced concerns about NATO", "closed crossings with Belarus", "sent aid to
# Gaza", "lifted sanctions on Syria": a target inside the object
OBJECT_TARGET_PREPS = {"about", "over", "with", "on", "at", "against", "to", "into"}
RECIPIENT_TYPES = {"AID", "CONCEDE", "SANCTION", "COOPERATE", "SUPPORT"}
GIVING_TYPES = {"AID", "CONCEDE"}
RECIPIENT_PREPS = {"for", "from"}  # "euros for Syria", "imports from Japan"


def _objects(verb: Token, deps: tuple[str, ...], preps: set[str] | None) -> list[Token]:
    """A verb's objects: its children of ``deps`` and the objects of its
    prepositions in ``preps`` (of every preposition when ``preps`` is None)."""
    return [o for c in verb.children for o in ([c] if c.dep_ in deps else _pobjs(c)
            if c.dep_ == "prep" and (preps is None or c.lower_ in preps) else [])]


# A motion put to a body: who rejects or vetoes it acts against the body that
# votes on it, not the states that drafted it or those it names ("vetoed an
# Algerian draft resolution", "voted against a UN General Assembly resolution"),
# unless the sentence says whose motion it is ("a resolution pushed by Britain")
MOTIONS = {"resolution", "draft", "motion"}


def _motion_bodies(verb: Token, trigger: Trigger, index: ActorIndex) -> list[ActorRef]:
    """The international bodies named in the sentence of a rejected motion (see :data:`MOTIONS`)."""
    if trigger.type != "REJECT":
        return []
    motions = [o for o in _objects(verb, ("dobj", "nsubjpass"), {"against"}) if o.lemma_.lower() in MOTIONS]
    if not motions or any(a.dep_ == "agent" for o in motions for c in o.children if c.dep_ == "acl" for a in c.children):
        return []  # "a resolution pushed by Britain, France and Germany" names its parties
    return _unique([r for t in sentence_of(verb) for r in [_named_at(t, index)] if r is not None and r.kind == "igo"])


def _argument_of(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` is the verb's object, or an object of its prepositions
    ("voted in favour of a resolution"), with no clause between them."""
    while tok.i != verb.i:
        if tok.dep_ not in ("dobj", "pobj", "prep") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _motion_cause(verb: Token, trigger: Trigger, index: ActorIndex) -> list[ActorRef]:
    """Whom a backed motion is for: the last party its clause names ("backed a
    UN resolution supporting Ukraine", "voted in favour of a resolution
    recommending full UN membership for the State of Palestine", "... demanding
    an end to the U.S. embargo on Cuba"), not the body that votes on it (the
    bank codes that beneficiary in 9 of 11 such train sentences). Not where it
    is about ("a ceasefire in Gaza")."""
    if trigger.type != "SUPPORT":
        return []
    motions = [t for t in verb.subtree if t.lemma_.lower() in MOTIONS and _argument_of(t, verb)]
    if not motions:
        return []
    own = {_code(a) for a in _subject_of(verb, index)}
    named: list[ActorRef] = []
    for clause in (c for o in motions for c in o.children if c.dep_ in ("acl", "relcl")):
        for t in clause.subtree:
            place = _phrase_head(t)
            if place.dep_ == "pobj" and place.head.lower_ in WHERE_PREPS:
                continue
            r = _named_at(t, index)
            if r is not None and _coded(r) and _code(r) not in own and r.kind in ("state", "group"):
                named.append(r)
    return named[-1:]


WALKOUT_MARKS = {"as", "when", "while", "if", "once"}


def _walked_out_on(verb: Token, trigger: Trigger, index: ActorIndex) -> list[ActorRef]:
    """Whom a walkout protests: the speaker of the clause it answers, not the
    session left ("walked out of a G20 session as Lavrov spoke": RUS)."""
    if trigger.type != "PROTEST" or verb.lemma_.lower() != "walk":
        return []
    return [r for c in verb.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in WALKOUT_MARKS for m in c.children)
            for r in _subject_of(c, index) if _coded(r)]


# A condemned act is aimed at who did it, not at its victims or its place: "condemned the
# killing of a Reuters journalist by Israeli shelling" (ISR), "denounced Israel's
# bombardment of Gaza" (ISR), "condemned the interception of a Canadian aircraft by Chinese jets"
CONDEMNING = {"ACCUSE", "PROTEST"}
ACT_NOUNS = {"killing", "rampage", "interception", "remark", "comment", "decision", "move", "plan", "conduct",
             "behaviour", "behavior", "policy", "action", "violation", "incursion", "crackdown", "shelling",
             "bombardment", "bombing", "detention", "execution", "seizure", "annexation", "occupation", "treatment",
             "harassment", "offensive", "assault", "raid", "strike", "attack", "arrest", "invasion", "aggression"}
CONDEMNED_PREPS = {"against", "over", "about", "at"}


# What a rejection turns down is someone's: "rejected calls by US Republicans", "dismissed
# objections from Vietnam", "did not reject the US-drafted peace framework"
REJECTED_NOUNS = {"call", "demand", "proposal", "offer", "plan", "request", "objection", "pressure", "ultimatum",
                  "claim", "framework", "initiative", "invitation", "appeal", "suggestion", "accusation",
                  "allegation", "criticism", "condition", "proposition", "counter-proposal", "overture"}


def _act_doers(verb: Token, trigger: Trigger, index: ActorIndex) -> list[ActorRef]:
    """Who did the act a condemnation or protest names as its object (see
    :data:`CONDEMNING`), or whose demand or plan a rejection turns down (see
    :data:`REJECTED_NOUNS`): the noun's "by" (or "from") phrase, its
    possessor, or a state adjective on it; empty when the object is no such
    noun or names no doer."""
    if trigger.type in CONDEMNING:
        wanted, by = ACT_NOUNS, ("by",)
    elif trigger.type == "REJECT":
        wanted, by = REJECTED_NOUNS, ("by", "from")
    else:
        return []
    out: list[ActorRef] = []
    for o in _objects(verb, ("dobj",), CONDEMNED_PREPS):
        if not (o.lemma_.lower() in wanted or (trigger.type in CONDEMNING and _is_trigger_noun(o))):
            continue
        # "the interception of a Canadian aircraft by Chinese jets": the parse may hang "by" from the victim
        victim_by = [g for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for q in _pobjs(c)
                     for g in q.children if g.dep_ == "prep" and g.lower_ in by]
        for c in [*o.children, *victim_by]:
            if c.dep_ == "prep" and c.lower_ in by:
                for b in _pobjs(c):  # "by Israeli shelling", where "shelling" may be tagged a verb
                    out += [r for r in _resolve_object(b, index) if _coded(r)] or \
                        [a for m in b.children if m.dep_ in ("amod", "compound")
                         for a in [_modifier_actor(m, b, index)] if a is not None]
            elif c.dep_ == "poss":
                out += [r for r in index.resolve(c) if _coded(r)]
        # "Russian shelling", "the overnight American and British strikes"
        modifiers = {c for c in o.children if c.dep_ in ("amod", "compound") and c.i < o.i} | set(_coordinated_modifiers(o))
        out += [a for c in sorted(modifiers, key=lambda c: c.i) for a in [_modifier_actor(c, o, index)] if a is not None]
    return _unique(out)


# Acts a condemnation may point back to with a pronoun or a definite noun, and words
# that name the same act in the sentence before ("Chinese military drills ... It condemned
# the exercises")
PEOPLE_PRONOUNS = {"them", "him", "her"}
SAME_ACT = [{"exercise", "drill", "manoeuvre", "maneuver"}, {"attack", "strike", "assault", "raid", "shelling", "bombing"}]


def _referent(verb: Token, trigger: Trigger, index: ActorIndex) -> list[ActorRef]:
    """Whom a condemnation or accusation opening a later sentence points back
    to: "It accused them of passing information" after "Ottawa expelled six
    Indian diplomats" accuses those the sentence before acted on (IND); "The
    UN force condemned the attack" after "Israeli tank fire hit a watchtower",
    "Zelensky condemned it" after "A Russian missile hit the centre of
    Chernihiv", whoever did that sentence's act, or the doers named on the
    same act there ("Chinese military drills ... It condemned the
    exercises")."""
    if trigger.type not in CONDEMNING or verb.sent.start == 0:
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if len(objects) != 1:
        return []
    [o] = objects
    word = o.lemma_.lower()
    pointing = o.lower_ == "it" or (word in ACT_NOUNS | {w for family in SAME_ACT for w in family} and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "these") for c in o.children) and len(list(o.children)) == 1)
    if o.lower_ not in PEOPLE_PRONOUNS and not pointing:
        return []
    before = verb.doc[verb.sent.start - 1].sent
    if o.lower_ in PEOPLE_PRONOUNS:  # those the sentence before acted on
        acted_on = [c for c in before.root.children if c.dep_ == "dobj"]
        return _unique([r for c in acted_on for r in _resolve_object(c, index) if _coded(r) and r.kind != "person"])
    family = next((f for f in SAME_ACT if word in f), {word})
    # the parse may tag the noun a verb ("monitor Chinese military drills") and hang the
    # state adjective from another modifier
    named = [t for t in before if t.lemma_.lower() in family and (t.pos_ == "NOUN" or t.dep_ in ("dobj", "pobj"))]
    mods = [(c, t) for t in named for c in t.children if c.dep_ in ("amod", "compound", "poss") and c.i < t.i]
    mods += [(g, t) for c, t in mods for g in c.children if g.dep_ in ("amod", "compound") and g.i < c.i]
    doers = [a for c, t in mods for a in [_modifier_actor(c, t, index)] if a is not None]
    return _unique(doers or [r for r in _subject_of(before.root, index, back=0) if _coded(r)])


CANDIDACY_TYPES = {"REJECT", "SUPPORT", "CONCEDE"}  # blocking, backing or unblocking a candidacy


def _candidate(verb: Token, trigger: Trigger, index: ActorIndex) -> list[ActorRef]:
    """The candidate of accession talks in a verb's object: blocking or backing
    "the opening of EU accession talks with Ukraine" is aimed at Ukraine, not
    at the bloc it would join."""
    if trigger.type not in CANDIDACY_TYPES:
        return []
    for o in (c for c in verb.children if c.dep_ == "dobj"):
        for t in o.subtree:
            if t.lemma_.lower() in ("talk", "negotiation") and any(
                    m.dep_ in ("compound", "amod") and m.lemma_.lower() in MEMBERSHIP_NOUNS for m in t.children):
                found = [r for p in t.children if p.dep_ == "prep" and p.lower_ == "with" for w in _pobjs(p)
                         for r in _resolve_object(w, index) if _coded(r)]
                if found:
                    return _unique(found)
    return []


def _verb_targets(verb: Token, trigger: Trigger, index: ActorIndex) -> list[ActorRef]:
    special = _motion_bodies(verb, trigger, index) or _motion_cause(verb, trigger, index) \
        or _walked_out_on(verb, trigger, index) or _act_doers(verb, trigger, index) \
        or _candidate(verb, trigger, index) or _referent(verb, trigger, index)
    if special:
        return special
    out: list[ActorRef] = []
    places = trigger.type in PHYSICAL
    passive = is_passive(verb)
    # "censure Ethiopia at the Arab League", "condemn Russia at the United Nations": with an
    # object named, "at" gives where it is said, not a second party ("lashed out at Washington" is one)
    venue_at = not places and any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children) \
        and any(c.dep_ == "dobj" and _resolve_object(c, index) for c in verb.children)
    # "handed Hong Kong back to China": the particle's prepositions are the verb's
    particles = [g for a in verb.children if a.dep_ in ("advmod", "prt") and a.lower_ in ("back", "over")
                 for g in a.children if g.dep_ == "prep" and g.lower_ == "to"]
    for c in [*verb.children, *particles]:
        if c.dep_ == "dative" and c.pos_ == "ADP":  # "sent vehicles to Ukraine"
            for o in _pobjs(c):
                out += _resolve_object(o, index, places=places)
        elif c.dep_ in ("dobj", "dative", "iobj") or (passive and c.dep_ == "nsubjpass"):
            if c.dep_ == "nsubjpass" and trigger.type == "MOBILIZE" and _military_unit(c):
                continue  # the forces moved are the doer's (_subject_of)
            out += _resolve_object(c, index, places=places)
        elif c.dep_ == "prep" and not (venue_at and c.lower_ == "at") and (
            c.lower_ in TARGET_PREPS
            or (_place_is_target(trigger) and c.lower_ in PLACE_PREPS)
            or (trigger.type == "AID" and c.lower_ in AID_PREPS)
        ):
            for o in _pobjs(c):
                out += _resolve_object(o, index, places=places)
    recipients = [o for c in [*verb.children, *particles] if c.lower_ == "to" and c.dep_ in ("prep", "dative")
                  for o in _pobjs(c)] if trigger.type in GIVING_TYPES else []
    if recipients:
        # "handed Hong Kong back to China": what is given is no party when a recipient is named
        to = {r.actor_id for o in recipients for r in _resolve_object(o, index, places=places)}
        given = {r.actor_id for c in verb.children if c.dep_ == "dobj" for r in _resolve_object(c, index, places=places)
                 if not any(p.dep_ == "poss" and p.idx <= r.start < p.idx + len(p.text) for p in c.children)}
        if to - given:
            out = [r for r in out if r.actor_id not in given - to]
    # "voiced concerns about NATO": the target hangs from the object; also when a measure's
    # modifier names whose it is ("ended the US sanctions programme on Syria")
    for c in verb.children:
        if c.dep_ == "dobj" and (not out or (_measure(c) and all(_in_modifier(r, c) for r in out))):
            for p in c.children:
                if p.dep_ == "prep" and (p.lower_ in OBJECT_TARGET_PREPS or (trigger.type in RECIPIENT_TYPES and p.lower_ in RECIPIENT_PREPS)):
                    for o in _pobjs(p):
                        out += _resolve_object(o, index)
    if not out and trigger.type in ANSWERING_TYPES:
        out = _authors(verb, index)
    return out


# Acts that answer a proposal, demand or measure, whose author is their target
ANSWERING_TYPES = {"REJECT", "SUPPORT", "ACCUSE", "CONCEDE"}


def _authors(verb: Token, index: ActorIndex) -> list[ActorRef]:
    """Who put forward what a verb's object names, told in a relative clause:
    "We rejected every ultimatum Moscow put on the table" answers Russia. Not
    a pronoun, mostly the doer itself ("dropped the demand it had made")."""
    return [r for c in verb.children if c.dep_ == "dobj" for rel in c.children if rel.dep_ == "relcl"
            for subj in rel.children if subj.dep_ == "nsubj" and subj.pos_ != "PRON"
            for r in _resolve_object(subj, index) if _coded(r)]


def _measure(noun: Token) -> bool:
    """A sanction, tariff, ban or other measure one side imposes on another
    (the lexicon's word class "restriction"), or a noun it qualifies ("the sanctions programme")."""
    measures = word_classes()["restriction"]
    return noun.lemma_.lower() in measures or any(
        m.dep_ == "compound" and m.lemma_.lower() in measures for m in noun.children)


def _in_modifier(r: ActorRef, noun: Token) -> bool:
    """Whether an actor is named in a compound or possessive before ``noun``
    ("the US sanctions programme", "Britain's ban")."""
    return any(m.dep_ in ("compound", "poss", "amod", "nmod") and m.i < noun.i
               and min(t.idx for t in m.subtree) <= r.start < max(t.idx + len(t) for t in m.subtree)
               for m in noun.children)


# Merchant ships seized, boarded or struck with no flag named are firms (MNC), as
# the bank codes them: "seized the oil tanker Eagle S", "hijacked the cargo ship
# Galaxy Leader"; a navy's or coast guard's boats are its state's (resolved before).
VESSEL_TYPES = {"COERCE", "ASSAULT", "RETREAT"}
VESSEL_ID = "~merchant-vessel"
VESSELS = {"ship", "vessel", "tanker", "freighter", "carrier", "bulker", "containership"}
MILITARY_VESSEL_WORDS = {"navy", "naval", "war", "coast", "guard", "patrol", "aircraft", "research", "survey", "aid",
                         "fishing", "spy", "submarine", "hospital"}


def _other_state_named(tok: Token, own: set[str], index: ActorIndex) -> bool:
    """Whether the sentence names a state other than the doers' ("a tanker
    carrying Iranian oil", "off the coast of Venezuela"): the bank then codes
    the ship's act against that state."""
    for t in sentence_of(tok):
        m = index.at(t)
        if m is not None and m.ref.country and m.ref.country not in own:
            return True
    return False


def _vessel(tok: Token) -> ActorRef | None:
    """A merchant ship named as an object, as a firm with no country."""
    if tok.lemma_.lower() not in VESSELS:
        # "the oil tanker Eagle S": the ship's name heads the phrase
        kind = next((c for c in tok.children if c.dep_ == "compound" and c.lemma_.lower() in VESSELS), None)
        if tok.pos_ != "PROPN" or kind is None:
            return None
        tok = kind
    if any(c.lower_ in MILITARY_VESSEL_WORDS or c.lemma_.lower() in MILITARY_VESSEL_WORDS
           for c in tok.children if c.dep_ in ("compound", "amod", "nmod")):
        return None
    start, end = tok.left_edge.idx, tok.idx + len(tok.text)
    name = next((c for c in tok.children if c.dep_ in ("appos", "npadvmod") and c.pos_ == "PROPN"), None)
    if name is None and tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
        name = tok.head
    if name is not None:
        start, end = min(start, name.left_edge.idx), max(end, name.idx + len(name.text))
    text = tok.doc.text[start:end]
    return ActorRef(VESSEL_ID, text, "org", None, "BUS", text, start, end,
                    reason="vessel: a merchant ship with no flag named, coded as a firm")


# Where a target may lie deeper than the verb's own objects: "sent planes
# carrying aid to Libya", "demanded that Russia withdraw", "spoke by telephone
# with Putin", "delivered food to people in Sudan".
DEEP_DEPS = {"dobj", "dative", "iobj", "prep", "pobj", "xcomp", "ccomp", "acl", "relcl", "appos", "compound",
             "amod", "nmod", "poss", "conj", "attr", "oprd", "pcomp", "nsubj", "nsubjpass", "npadvmod"}
DEEP_SKIP_PREPS = {"after", "following", "amid", "amidst", "despite", "since", "before", "during", "ahead", "until",
                   "by", "like", "as", "than", "because", "within", "under", "according"}  # who reports it
# types whose venue is not a party: "met at a base in Alaska", "signed in Dubai"
VENUE_TYPES = {"CONSULT", "AGREE", "MOBILIZE"}


def _deep_targets(tok: Token, trigger: Trigger, index: ActorIndex, exclude: set[str],
                  places: bool = True, codes: frozenset[str] | set[str] = frozenset()) -> list[ActorRef]:
    """The nearest actors in what a trigger governs, breadth first, when its
    direct objects name none; subjects only below the trigger ("demanded that
    Russia withdraw"), never background phrases; places ("in", "off", "near")
    only for types whose place is a party and when ``places``; none whose
    country (or id) is in ``codes``."""
    places = places and trigger.type not in VENUE_TYPES
    frontier = [c for c in tok.children if c.dep_ in DEEP_DEPS - {"nsubj", "nsubjpass", "conj", "npadvmod"}]
    seen = {tok.i}
    for _ in range(5):
        found: list[ActorRef] = []
        nxt: list[Token] = []
        for c in sorted(frontier, key=lambda c: c.i):
            if c.i in seen:
                continue
            seen.add(c.i)
            if c.dep_ == "prep" and c.lower_ in DEEP_SKIP_PREPS:
                continue
            if (c.dep_ == "prep" and c.lower_ in PLACE_PREPS - TARGET_PREPS and not places):
                continue
            if c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
                refs = [r for r in index.resolve(c) if _coded(r)]
                if not refs and c.dep_ in MODIFIER_DEPS and c.head.pos_ in ("NOUN", "PROPN") and trigger.type not in RECIPROCAL:
                    refs = [a for a in [_modifier_actor(c, c.head, index)] if a]  # "Japanese seafood"
                found += [r for r in refs if r.actor_id not in exclude and _code(r) not in codes]
            # not descriptions: "visitors, led by tourists from the US", "rifles taken from"
            nxt += [g for g in c.children if g.dep_ in DEEP_DEPS and g.pos_ != "VERB" or g.dep_ in ("ccomp", "xcomp", "pcomp")
                    or (g.dep_ == "acl" and g.tag_ != "VBN")]
        if found:
            return _unique(found)
        frontier = nxt
        if not frontier:
            break
    return []


# Nouns that count an event noun: "a wave of air strikes on Iran's nuclear sites",
# where the parse hangs "on ..." from "wave"
PARTITIVE = {"wave", "series", "barrage", "round", "spate", "volley", "salvo", "string", "flurry", "burst"}


def _noun_dependents(noun: Token) -> list[Token]:
    """A noun's dependents, with those of the noun that counts it ("waves of
    strikes on Iran": "on Iran" is the strikes')."""
    out = list(noun.children)
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in PARTITIVE:
        out += [c for c in noun.head.head.children if c.dep_ == "prep" and c.i != noun.head.i]
    return out


def _noun_args(noun: Token, trigger: Trigger, index: ActorIndex,
               lent: bool = True) -> tuple[list[ActorRef], list[ActorRef]]:
    """Doers and targets of an event noun; ``lent``: also the doer of the verb
    it is the object of (not when that verb asks the noun for its own)."""
    source: list[ActorRef] = []
    target: list[ActorRef] = []
    modifiers: list[ActorRef] = []  # "the Moscow summit", "Xi's Moscow trip"
    between = False
    # "the withdrawal of Russian troops from Kherson": who withdraws, and from where
    withdrawal = trigger.type == "RETREAT" and trigger.mode == "withdraw"
    for c in _noun_dependents(noun):
        if c.dep_ == "poss":
            source += index.resolve(c)
        elif c.dep_ == "amod" and _unnamed_or_unknown(c, index) and (state := _modifier_actor(c, noun, index)):
            # "an Israeli strike", "the Russian invasion": a state's adjective, which the actor
            # index leaves alone (or takes for an unknown name: "Azerbaijani shelling")
            modifiers.append(state)
        elif c.dep_ in ("compound", "amod") and index.at(c) is not None:
            modifiers += index.resolve(c)
        elif c.dep_ == "prep":
            objs = _pobjs(c)
            if withdrawal and c.lower_ in ("of", "from"):
                for o in objs:
                    (source if c.lower_ == "of" else target).extend(_resolve_object(o, index, places=True))
            elif c.lower_ == "between":
                between = True
                for o in objs:
                    source += index.resolve(o)
            elif c.lower_ in ("by", "from"):  # "attacks by", "threats from NATO"
                for o in objs:
                    source += index.resolve(o)
            elif c.lower_ in NOUN_TARGET_PREPS or (c.lower_ in PLACE_PREPS and _place_is_target(trigger)) \
                    or (c.lower_ in AID_PREPS and trigger.type in BENEFIT_TYPES):  # "support for Ukraine"
                if c.lower_ in PLACE_PREPS - TARGET_PREPS and between:
                    continue  # "talks in Kyiv between A and B": Kyiv is a place
                for o in objs:
                    target += _resolve_object(o, index)
    # "$800 million in military aid for Ukraine": the amount holds the recipient
    if trigger.type in BENEFIT_TYPES and noun.dep_ == "pobj" and noun.head.lower_ == "in" and _amount(noun.head.head):
        for c in noun.head.head.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "to"):
                for o in _pobjs(c):
                    target += _resolve_object(o, index)
    # a modifier is the doer when nothing else is ("Russian shelling"), the
    # destination of a visit otherwise ("Xi's Moscow trip")
    if modifiers:
        if source:
            target += modifiers
        else:
            source += modifiers
    # "the EU's package of sanctions against Russia": the possessor of the noun it belongs to
    if not source and noun.dep_ == "pobj" and noun.head.lower_ == "of":
        owner = next((c for c in noun.head.head.children if c.dep_ == "poss"), None)
        if owner is not None:
            source += index.resolve(owner)
    # "made jabs at Washington", "held talks with Kishida": a light verb lends
    # its subject and objects to the noun; so does any verb that is no event of
    # its own ("rolled over a loan to Islamabad", "expressed solidarity with Qatar")
    gov = _governing_verb(noun)
    if gov is not None and gov.pos_ == "VERB" and not target:
        light = gov.lemma_.lower() in LIGHT_VERBS
        if light or doc_triggers(gov.doc)[gov.i] is None:
            preps = (TARGET_PREPS if light else LENT_PREPS) | (AID_PREPS if trigger.type in BENEFIT_TYPES else set())
            for c in gov.children:
                if noun in c.subtree:
                    continue
                if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP" and light:  # "gave Pakistan $30 billion in aid"
                    target += _resolve_object(c, index)
                elif c.dep_ == "dative" and c.pos_ == "ADP" or c.dep_ == "prep" and c.lower_ in preps:
                    for o in _pobjs(c):
                        # "tariffs on all Brazilian goods" → BRA; "aid for flood victims in Pakistan" → PAK;
                        # "talks at the BRICS summit" is a venue
                        target += index.resolve(o) if c.lower_ == "at" else \
                            _resolve_object(o, index, places=trigger.type in BENEFIT_TYPES)
    # protesters acting on a party: "Protesters burned a Swedish flag", "stormed and set fire to the
    # Swedish embassy in Baghdad"
    if trigger.type == "PROTEST" and not target and noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        for verb in (noun.head, *noun.head.conjuncts):
            if verb.lemma_.lower() in CROWD_ACTS:
                target += _verb_targets(verb, trigger, index)
    # the doer of "France will complete the withdrawal", "Ottawa responded
    # with tariffs", "states approved a package of sanctions" is the verb's
    # subject, unless the verb reports on someone else's act ("condemned the attack")
    named_elsewhere = any(c.dep_ == "prep" and c.lower_ in ("by", "from") for c in noun.children) and not withdrawal
    if not source and gov is not None and not named_elsewhere and lent:
        rule = match_trigger(gov)
        if rule is None or rule.type not in CONTENT_TAKING | {"SUPPORT"}:
            source = _subject_of(gov, index)
    return source, target


# What crowds do to a party's emblems and premises (see _noun_args)
CROWD_ACTS = {"burn", "storm", "set", "pull", "tear", "torch", "deface", "vandalise", "vandalize", "ransack",
              "besiege", "surround", "occupy", "breach", "pelt", "throw", "hurl", "picket", "blockade", "attack"}


PART_NOUNS = {"involvement", "role", "part", "hand", "responsibility", "plan", "participation"}


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly or through a preposition
    ("responded with tariffs"), an "of" phrase ("approved a package of
    sanctions") or an amount ("released 5 million euros in aid")."""
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ == "VERB":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        prep = noun.head
        if prep.head.pos_ == "VERB":
            return prep.head
        # "denied any role in the attack", "admitted involvement in the raid"
        if prep.lower_ in ("in", "for") and prep.head.lemma_.lower() in PART_NOUNS and prep.head.dep_ == "dobj":
            return prep.head.head
        if prep.lower_ == "of" and prep.head.dep_ in ("dobj", "attr") and prep.head.head.pos_ == "VERB":
            return prep.head.head
        # "released 5 million euros in emergency aid": an amount of the noun
        if prep.lower_ == "in" and prep.head.dep_ == "dobj" and prep.head.head.pos_ == "VERB" and _amount(prep.head):
            return prep.head.head
    return None


def _amount(tok: Token) -> bool:
    """A counted quantity: "5 million euros", "a further $800 million"."""
    return any(k.dep_ in ("nummod", "quantmod") for k in tok.children)


COMMITMENT_VERBS = {"pledge", "vow", "promise", "agree", "commit", "undertake"}


def _committed(tok: Token) -> bool:
    """A cooperation verb governed by a commitment verb: "pledged to work together"."""
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in COMMITMENT_VERBS


def _coded(a: ActorRef) -> bool:
    """An actor a code can be given to (a state, an organisation, a KB actor), not an unplaced person."""
    return bool(a.country) or not a.actor_id.startswith("~") or a.actor_id == VESSEL_ID


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    out: list[ActorRef] = []
    for r in refs:
        if r.actor_id not in {o.actor_id for o in out}:
            out.append(r)
    return out


def _phrase(tok: Token) -> list[Token]:
    """``tok``'s subtree less the clauses inside it ("a company that has ties with China")."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack += [c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "xcomp")]
    return out


# Acts a state may do to its own side as well as another's: "Ecuadorean police
# stormed Mexico's embassy and arrested Jorge Glas"
OWN_SIDE_TYPES = {"COERCE", "ASSAULT"}


# Speech acts whose complement is their content, not a second event: "urged
# Germany to allow deliveries" is one REQUEST, "warned it would block" one THREATEN.
CONTENT_TAKING = {"REQUEST", "THREATEN", "REJECT", "ACCUSE"}
NOMINAL_DEPS = {"compound", "amod", "poss", "nmod", "appos", "conj"}


def _phrase_head(tok: Token) -> Token:
    """The noun a name or modifier belongs to ("US" in "US bases")."""
    while tok.dep_ in NOMINAL_DEPS and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _named_at(t: Token, index: ActorIndex) -> ActorRef | None:
    m = index.at(t)
    if m is not None:
        return m.ref
    return _modifier_actor(t, t.head, index) if t.dep_ == "amod" else None


def _complete_targets(tok: Token, trig: Trigger, source: list[ActorRef], target: list[ActorRef],
                      index: ActorIndex, deep_without_doer: bool) -> list[ActorRef]:
    """The targets of an event once its doers are known: the doers themselves
    left out; when none is left, the nearest actors deeper in what the trigger
    governs (:func:`_deep_targets`; without a doer only if ``deep_without_doer``,
    and then no places); for a reciprocal act of two or more doers with no
    other party, each doer with the others ("Xi and Putin met")."""
    ids = {s.actor_id for s in source if not (s.reason or "").startswith(PLACE_REASON)}
    target = [t for t in target if t.actor_id not in ids]
    reciprocal = len(source) >= 2 and (trig.type in RECIPROCAL or _mutual(tok))
    if not target and (source or deep_without_doer) and not reciprocal:
        target = _deep_targets(tok, trig, index, ids, places=bool(source))
    if not target and reciprocal:
        target = list(source)
    if not target and source and trig.type in OWN_SIDE_TYPES and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
        # the party of the act it is coordinated with: "boarded Philippine navy boats and seized
        # rifles", "crossed into Russia's Kursk region and seized dozens of settlements"
        target = [t for t in _verb_targets(tok.head, trig, index) if t.actor_id not in ids]
    if not target and source and trig.type not in NO_NEAREST_TARGET:
        target = _nearest_target(tok, ids, index, venues=trig.type in VENUE_TYPES and trig.mode != "visit")
    if not target and trig.type == "MOBILIZE":
        target = _aimed_at(tok, ids, index)
    if trig.type in VESSEL_TYPES and source and tok.pos_ == "VERB":
        # the ship first: the sentence is only read for other states when a ship is the object
        vessels = [r for c in tok.children if c.dep_ in ("dobj", "nsubjpass") for r in [_vessel(c)] if r is not None]
        own = {_code(a) for a in source}
        if vessels and not any(_coded(t) and _code(t) not in own for t in target) \
                and not _other_state_named(tok, own, index):
            target = vessels
    if trig.type in OTHER_PARTY and source and target:
        own = {_code(a) for a in source}
        if {_code(a) for a in target} <= own:
            # "Morawiecki warned that Warsaw would close the border with Belarus": Warsaw is
            # the threat's doer again; the party threatened is further on, or not named
            ids |= {a.actor_id for a in target}
            other = _deep_targets(tok, trig, index, ids, places=False, codes=own) \
                or _nearest_target(tok, ids, index, venues=True, codes=own)
            target = other or (target if trig.type not in NEVER_SELF else [])
    return target


# Acts two sides do to each other: "traded strikes", "exchanged fire", "clashed"
MUTUAL_VERBS = {"trade", "exchange", "clash", "skirmish", "fight", "battle"}


def _mutual(tok: Token) -> bool:
    """An act its doers do to one another: "praised each other's commitments",
    "India and Pakistan traded strikes", "Kyrgyz and Tajik forces clashed"."""
    verb = tok if tok.pos_ == "VERB" else tok.head if tok.head.pos_ == "VERB" else None
    if verb is not None and verb.lemma_.lower() in MUTUAL_VERBS:
        return True
    words = [t.lower_ for t in (verb or tok).subtree]
    return any(a in ("each", "one") and b in ("other", "another") for a, b in zip(words, words[1:]))


def _code(a: ActorRef) -> str:
    return a.country or a.actor_id


# Acts aimed at another party: a target of the doer's own country is the doer
# restated ("warned that Warsaw would respond", "reaffirmed Lisbon's backing
# for Ukraine"); a threat is never the doer's own target.
OTHER_PARTY = {"THREATEN", "SUPPORT"}
NEVER_SELF = {"THREATEN"}


# "drills around Taiwan", "warships off Libya", "troops near the border with Ukraine",
# "forces against Kyiv": a force placed facing a state is aimed at it ("deployed
# to Poland", "exercises in the Baltic" name a host or a venue, no party)
AIMED_PREPS = {"around", "near", "toward", "towards", "off", "against", "opposite", "encircling", "surrounding"}


def _aimed_at(tok: Token, exclude: set[str], index: ActorIndex) -> list[ActorRef]:
    """The state a deployment or exercise faces (see :data:`AIMED_PREPS`)."""
    holders = [tok]
    if tok.pos_ == "NOUN" and tok.head.pos_ == "VERB":
        holders.append(tok.head)  # "launched exercises around Taiwan", "held drills near Norway"
    for h in holders:
        # on the trigger, its object or a place phrase ("drills in the Barents Sea near Norway")
        for prep in _phrase(h):
            if prep.dep_ != "prep" or prep.lower_ not in AIMED_PREPS or prep.head.dep_ in ("nsubj", "nsubjpass"):
                continue
            for o in _pobjs(prep):
                # the place itself, else what it borders ("near the border with Ukraine")
                for named in (o, *[o2 for p2 in o.children if p2.dep_ == "prep" and p2.lower_ in ("with", "of")
                                   for o2 in _pobjs(p2)]):
                    found = [r for r in _resolve_object(named, index, places=True)
                             if r.actor_id not in exclude and (r.kind == "state" or r.country) and _coded(r)]
                    if found:
                        return found[:1]
    return []


# Types whose events often have no other party ("deployed troops", "went on strike")
NO_NEAREST_TARGET = {"MOBILIZE", "PROTEST"}


ASIDE_PREPS = {"as", "than", "like"}


def _nearest_target(tok: Token, exclude: set[str], index: ActorIndex, venues: bool = False,
                    codes: frozenset[str] | set[str] = frozenset()) -> list[ActorRef]:
    """The first actor named after the trigger in what it governs, when the
    parse links none to it ("bombarded the Houthi-controlled port",
    "apologised to Pacific communities for raids that targeted Samoan ...");
    with ``venues``, not a place where it happens ("signed a treaty in Prague");
    with the actors coordinated with it ("praised the initiative put forward
    by China and Brazil")."""
    def wanted(r: ActorRef | None) -> bool:
        return r is not None and r.actor_id not in exclude and _code(r) not in codes and _coded(r)

    # what a phrase of role or comparison names is no party: "its ties with its regional partners
    # as China's assertiveness has risen" (the parse's "as" phrase), "more than Russia"
    aside = {t.i for c in tok.subtree if c.dep_ == "prep" and c.lower_ in ASIDE_PREPS and c.i > tok.i
             for t in c.subtree}
    for t in tok.subtree:
        if t.i <= tok.i or t.i in aside:
            continue
        if venues and _at_venue(t, index):
            continue
        r = _named_at(t, index)
        if r is not None and r.kind != "state" and _according_to(t):
            continue  # "..., according to Amnesty International": who reports it (a ministry may be the victim's)
        if wanted(r):
            head = t
            while head.dep_ == "compound" and head.head.i > head.i:  # "United" in "the United States and Germany"
                head = head.head
            more = [_named_at(k, index) for k in head.conjuncts if k.i > head.i]
            return _unique([r, *[m for m in more if wanted(m)]])
    return []


def _at_venue(t: Token, index: ActorIndex) -> bool:
    """A place named as where something happens: "in Prague", "at talks in Doha"."""
    m = index.at(t)
    if m is None or m.method != "place":
        return False
    head = t
    while head.dep_ in ("compound", "conj", "appos") and head.head is not head:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS - {"to", "into", "towards", "toward"}


def _lexicon_confidence(trig: Trigger, source: list[ActorRef], target: list[ActorRef]) -> float:
    """How sure a lexicon event is: more when its doers and targets are found
    and when its rule required a dependent ("call+for")."""
    confidence = 0.5 + (0.2 if source else 0) + (0.2 if target else 0) + (0.05 if trig.requires else 0)
    return round(min(confidence, 0.95), 2)


def _event(tok: Token, trig: Trigger, source: list[ActorRef], target: list[ActorRef], article_id: str,
           published: date | None, sentence_index: int, confidence: float, method: str) -> Event:
    mod = modality(tok, published)
    coding = cameo_for(trig.type, trig.mode, mod)
    return Event(
        id=content_id(article_id, tok.idx, trig.type),
        article_id=article_id,
        sentence_index=sentence_index,
        sentence=span_text(tok.doc, (sent := sentence_of(tok)).start, sent.end).strip(),
        trigger=Span(tok.text, tok.idx, tok.idx + len(tok.text)),
        type=trig.type,
        mode=trig.mode,
        context=trig.context,
        modality=mod,
        source=source,
        target=target,
        cameo_root=coding.root,
        cameo_code=coding.code,
        goldstein=coding.goldstein,
        quad_class=coding.quad_class,
        confidence=confidence,
        method=method,
    )


CROWD_PLACE_PREPS = {"in", "through", "across", "outside", "at", "on", "near", "around", "into", "onto", "of"}


def _crowd_source(tok: Token, index: ActorIndex) -> list[ActorRef]:
    """Who protests when the doer is a crowd: "thousands of Romanians",
    "Georgian protesters", "protesters in Baghdad", else the country where
    they gather ("marched through Tbilisi")."""
    head = subject_head(tok) if tok.pos_ == "VERB" else tok
    steps: list[Token] = []
    if head is not None:
        steps.append(head)
        steps += [o for p in head.children if p.dep_ == "prep" and p.lower_ in ("of", "in", "from") for o in _pobjs(p)]
    for t in steps:
        for c in [t, *[c for c in t.children if c.dep_ in MODIFIER_DEPS and c.i < t.i]]:
            refs = [r for r in index.resolve(c) if not r.actor_id.startswith("~")]
            refs = refs or [a for a in [_modifier_actor(c, t, index)] if a]
            if refs:
                return refs
    verb = tok if tok.pos_ == "VERB" else tok.head
    for p in [*verb.children, *tok.children]:
        if p.dep_ == "prep" and p.lower_ in CROWD_PLACE_PREPS:
            for o in _pobjs(p):
                if o.lemma_.lower() in MISSIONS:
                    # the state an embassy belongs to is whom the crowd protests to, not the
                    # crowd: "gathered outside the Russian embassy in Yerevan" is Armenians
                    o = next((x for q in o.children if q.dep_ == "prep" and q.lower_ == "in" for x in _pobjs(q)), None)
                    if o is None:
                        continue
                refs = [r for r in _resolve_object(o, index, places=True) if r.kind == "state" or r.country]
                if refs:
                    return refs[:1]
    return []


MISSIONS = {"embassy", "consulate", "mission", "commission", "legation"}


# Prepositions that make an event noun the background of what a sentence
# reports: "following the attack", "amid fears of an offensive" ("after talks
# between the two leaders" still reports the talks).
BACKGROUND_PREPS = {"following", "amid", "amidst", "despite", "since", "before", "over", "at", "against",
                    "from", "without", "ahead"}


BACKGROUND_OF = {"ahead", "wake", "aftermath"}  # "ahead of the summit", "in the wake of Russia's invasion"


def _circumstance(noun: Token) -> bool:
    """An event noun inside a background phrase ("expelled advisers following
    a deadly attack", "summoned the envoy over Seoul's drills")."""
    cur = noun
    for _ in range(6):
        if cur.dep_ == "pobj" and cur.head.dep_ == "prep":
            if cur.head.lower_ in BACKGROUND_PREPS or (cur.head.lower_ == "of" and cur.head.head.lower_ in BACKGROUND_OF):
                return True
            if cur.head.lower_ == "after" and cur.head.head.lemma_.lower() in REPORTING:
                return True  # "Macron said after talks with Xi": the occasion of a statement
            cur = cur.head.head
        elif cur.dep_ in ("conj", "compound", "appos") or (cur.dep_ == "pcomp" and cur.head.lower_ in BACKGROUND_PREPS):
            cur = cur.head
        else:
            return False
        if cur.pos_ not in ("NOUN", "PROPN", "ADP"):
            return False
    return False


def _in_name(tok: Token, index: ActorIndex) -> bool:
    """A trigger noun that is a word of a proper name: a capitalised word after
    other name words that name no actor ("Marine Le Pen's National Rally";
    but "the NATO Summit" is a summit of NATO)."""
    if tok.pos_ != "PROPN" or not tok.is_title or tok.is_sent_start:
        return False
    words = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
    return bool(words) and all((m := index.at(c)) is None or m.ref.actor_id.startswith("~") for c in words)
PLACE_SOURCE_TYPES = {"ASSAULT", "PROTEST"}


def _firm(a: ActorRef) -> bool:
    """A company or other organisation with no country: no side of its own in a state's affairs."""
    return a.kind == "org" and not a.country


FRONTIERS = {"border", "frontier", "boundary", "line"}  # "line of contact", "Line of Control"


def _according_to(tok: Token) -> bool:
    """Whether a token is in the phrase naming who a report is according to
    ("according to Doctors Without Borders"; not in a clause inside it:
    "according to documents signed during Modi's visit")."""
    for a in (tok, *tok.ancestors):
        if a.dep_ == "prep" and a.lower_ == "according":
            return True
        if a.pos_ in ("VERB", "AUX"):
            return False
    return False
