"""Codebook rules that retype or reshape an event once its arguments are known.

- Joint acts: an agreement or cooperation done with a partner is both
  sides' act (:func:`_joint`); several doers meeting or agreeing with nobody
  else named act towards each other (:func:`_together`, :func:`_held_together`).
- Domestic measures: a ban a state imposes at home, or a state blocking a
  firm's service, is COERCE, not SANCTION (:func:`_repression`,
  :func:`_blocked_service`).
- Swaps: a release in exchange for another is a release each way
  (:func:`_each_way`).
- Targets: a domestic act with no other party is done to the doer itself
  (:func:`_own_target`); force is not aimed at its own side
  (:func:`_others_only`); a deployment's destination or frame is no target,
  and one that answers a threat targets the threatening state
  (:func:`_not_destination`, :func:`_adversary`).
- :func:`_relabel` and :func:`_retyped` change an event's type and keep
  the record consistent (CAMEO code, Goldstein score, ``method``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ...ontology.plover import cameo_for, triggers
from ...records import ActorRef, Event, content_id
from ..actors import ActorIndex, leaning
from .. import classify
from ..places import trigger_token
from ..syntax import sentence_of
from .arguments import (CONDEMNING, JOINT_TYPES, JOINT_WORDS, OWN_SIDE_TYPES, RECIPROCAL, _code, _coded, _firm,
                        _named_at, _other_state_named, _phrase, _phrase_head, _unique)


# Acts of one side even when a partner is named: accepting, ratifying or
# approving another's text, handing a suspect over, passing data on
ONE_SIDED = {"accept", "ratify", "approve", "adopt", "endorse", "extradite", "share", "hand", "send", "supply",
             "provide", "give", "offer", "join"}


REFUSING = {"decline", "refuse", "reject", "boycott", "quit", "leave", "abandon", "suspend", "halt", "end", "stop"}


def _joint(e: Event, doc: Doc) -> Event:
    """An agreement or cooperation done with a partner ("Poland signed contracts
    with South Korea", "Argentina reached an agreement with the IMF") is the
    partners' act together: PLOVER and the bank code all of them as both doers
    and targets, as for "Xi and Putin signed". Not when only one side is said
    to act: a refusal or a condition ("would sign ... with Israel if"), or
    one-sided verbs (:data:`ONE_SIDED`). Cooperation a sentence calls joint
    is the doers' together, or both sides' when one doer acts on one party
    (out of fold, 13 of 15 such events were coded so in the bank)."""
    if e.type not in JOINT_TYPES or not e.source or not e.target or e.modality in ("negated", "hypothetical"):
        return e
    if {a.actor_id for a in e.source} & {a.actor_id for a in e.target}:
        return e  # already reciprocal
    tok = trigger_token(doc, e)
    if tok is None or tok.lemma_.lower() in ONE_SIDED or (tok.head.lemma_.lower() in ONE_SIDED and tok.dep_ == "xcomp"):
        return e
    if any(a.lemma_.lower() in REFUSING for a in list(tok.ancestors)[:4]):
        return e  # "declined to take part in joint exercises with Greece": Turkey's act alone
    if e.type == "COOPERATE" and any(t.lower_ in JOINT_WORDS for t in tok.sent):
        # "Russian and Turkish troops held a joint patrol on Syria's M4 highway": the doers
        # together; "French and Ukrainian arms makers launched a joint venture": both sides
        both = list(e.source) if len(e.source) >= 2 else _unique([*e.source, *e.target])
        return replace(e, source=both, target=list(both))
    partners = set()
    # "with" on the trigger or on a noun of its object ("signed a series of agreements with China")
    objects = [t for c in tok.children if c.dep_ in ("dobj", "attr", "nsubjpass") for t in _phrase(c)
               if t.pos_ in ("NOUN", "PROPN")]
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        objects.append(tok.head)  # "reached a deal in Geneva with the United States"
    for holder in (tok, *objects):
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "with":
                partners.update(t.idx for t in _phrase(prep))
    if not any(a.start in partners for a in e.target):
        return e
    both = _unique([*e.source, *e.target])
    return replace(e, source=both, target=list(both))


PARTNER_PREPS = {"with", "to", "between", "among"}


def _together(e: Event, doc: Doc) -> Event:
    """A meeting, agreement or cooperation of several doers that names no
    other party ("Trump and Putin met at a military base in Anchorage",
    "Kishida and Biden met at the White House", "the presidents of Kazakhstan,
    ... gathered in Dushanbe") is done to each other: its doers are its
    targets, as the bank codes every such event. What it was about or where
    it was held is no party; one named as the object or partner of the act
    ("met Ukrainian President Zelensky", "a visit to Hanoi") stays."""
    if e.type not in RECIPROCAL or len({_code(a) for a in e.source if _coded(a)}) < 2:
        return e
    if {a.actor_id for a in e.source} >= {a.actor_id for a in e.target} and e.target:
        return e
    tok = trigger_token(doc, e)
    if tok is None:
        return e
    partners: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("dobj", "dative", "attr") or (c.dep_ == "prep" and c.lower_ in PARTNER_PREPS):
            partners.update(t.idx for t in _phrase(c))
    if any(a.start in partners for a in e.target):
        return e
    return replace(e, target=list(e.source))


def _held_together(e: Event) -> Event:
    """An exercise that several states hold ("Turkey, Azerbaijan and Georgia
    held trilateral military drills", "German and Dutch troops began an
    exercise in Lithuania") is their military cooperation, as a joint
    exercise is (the lexicon's "exercise+joint" row): all of them doers and
    targets, and where it is held or what it rehearses no party ("to test
    the reinforcement of NATO's eastern flank"), also when the classifier
    has relabelled it. One state's exercise stays a deployment. Parts 1, 3,
    4, 5 and 7 of the bank code all 74 of their train sentences with an
    exercise of several states so; part 2 codes them MOBILIZE (see the
    README's known limits)."""
    if e.type not in ("MOBILIZE", "COOPERATE") or e.method.split(">")[0] not in EXERCISE_RULES:
        return e  # the classifier may have read it as cooperation already, keeping the rule's parties
    states = _unique([a for a in e.source if a.kind == "state" and a.country])
    if len({a.country for a in states}) < 2:
        return e
    if e.type == "COOPERATE" and [a.actor_id for a in e.source] == [a.actor_id for a in e.target] == [
            a.actor_id for a in states]:
        return e
    return _retyped(e, "COOPERATE", "military", TOGETHER, source=states, target=list(states))


TOGETHER = "rule:held-together"
EXERCISE_RULES = {t.rule_id for t in triggers() if t.mode == "exercise"}


# Verbs of sanctions that a state also uses on its own people, parties, media and rights
DOMESTIC_VERBS = {"ban", "bar", "suspend", "restrict", "strip", "prohibit"}
# What such a verb stops that is dealings with others, not a freedom at home
DEALINGS = {"talk", "negotiation", "relation", "tie", "cooperation", "agreement", "deal", "aid", "export", "import",
            "flight", "trade", "visa", "exercise", "funding", "payment", "delivery", "shipment", "sale"}


def _repression(e: Event, doc: Doc, index: ActorIndex) -> Event:
    """A ban, bar or suspension a state imposes on its own people, parties,
    media or rights ("Germany banned the far-right magazine Compact", "the
    Taliban barred Afghan women from attending universities") is repression
    (COERCE, CAMEO 172), not a sanction, which PLOVER keeps for measures
    against another actor. Only when the sentence names no other state and
    the verb stops no dealings with others ("suspended talks with the ELN");
    the doer is its target, as for its police's arrests. A ban the classifier
    has already read as coercion is coded so too."""
    relabelled = e.type == "COERCE" and RULE_TYPES.get(e.method.split(">")[0]) == "SANCTION"
    if (e.type != "SANCTION" and not relabelled) or e.modality == "negated":
        return e
    tok = trigger_token(doc, e)
    if tok is None or tok.pos_ != "VERB" or tok.lemma_.lower() not in DOMESTIC_VERBS:
        return e
    own = {a.country for a in e.source if a.kind == "state" and a.country}
    # its targets are its own people or bodies, or groups with no country ("the weekly Asia-Plus")
    if not own or any(a.country not in own and (a.country or a.sector in ("IGO", "BUS")) for a in e.target):
        return e
    if any(c.lemma_.lower() in DEALINGS for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
        return e
    if _other_state_named(tok, own, index) or any(
            t.ent_type_ == "NORP" and index.at(t) is None and not leaning(doc, t.i)
            and {x.country for x in index.kb.lookup(t.text)} - own - {None}
            for t in sentence_of(tok)):  # "Chinese-owned mobile apps" is no mention but names China
        return e
    target = e.target or [a for a in e.source if a.kind == "state" and a.country]
    return _retyped(e, "COERCE", "restrict", REPRESSION, target=list(target))


REPRESSION = "rule:repression"


def _blocked_service(e: Event, doc: Doc) -> Event:
    """A state blocking a firm's service ("Pakistan blocked Facebook and
    YouTube", "blocked access to X") keeps its own people from it: COERCE
    (mode restrict), not a rejection, as the bank codes all 11 of its train
    sentences with a state blocking a firm; the firm stays the target."""
    if e.type != "REJECT" or not e.target or not any(a.kind == "state" for a in e.source):
        return e
    tok = trigger_token(doc, e)
    if tok is None or tok.lemma_.lower() != "block" or not all(a.kind == "org" and a.sector == "BUS" for a in e.target):
        return e
    return _retyped(e, "COERCE", "restrict", REPRESSION)


EXCHANGE_STEMS = ("exchang", "swap", "trad")


def _is_exchange(e: Event) -> bool:
    return e.type == "RETREAT" and e.trigger.text.lower().startswith(EXCHANGE_STEMS)


RELEASE_VERBS = {"free", "release"}


def _swapped(e: Event, doc: Doc) -> bool:
    """A release told as one side of a swap: "Russia freed Trevor Reed in
    exchange for Konstantin Yaroshenko", "released ... in return for", "freed
    Gershkovich and Whelan in the biggest prisoner swap with the West", also
    where the parse hangs the phrase from the one released ("released a
    Russian national held on cybercrime charges in exchange for ...")."""
    if e.type != "RETREAT":
        return False
    tok = trigger_token(doc, e)
    if tok is None or tok.lemma_.lower() not in RELEASE_VERBS:
        return False
    return any(o.dep_ == "pobj" and o.head.lower_ == "in" and (o.lemma_.lower() in SWAPS or (
        o.lower_ == "return" and any(f.dep_ == "prep" and f.lower_ == "for" for f in o.children)))
        for o in tok.subtree)


SWAPS = {"exchange", "swap"}


def _each_way(e: Event, doc: Doc, article: list[Event]) -> list[Event]:
    """An exchange between states ("Russia and Ukraine swapped prisoners") is a
    release by each side to the others, as PLOVER codes it: one RETREAT each
    way; so is one side's release in exchange for the other's ("the Taliban
    freed an American in exchange for an Afghan held in the United States"),
    unless the ``article``'s events hold the other side's release in
    the same sentence ("..., while Sweden freed ..., in a swap")."""
    if _swapped(e, doc):
        own = {_code(a) for a in e.source}
        other = [a for a in e.target if a.country and _code(a) not in own]
        sides = {_code(a) for a in other}
        if any(k.sentence_index == e.sentence_index and k.type == e.type and {_code(a) for a in k.source} == sides
               for k in article):
            return [e]
        if len(own) == 1 and other:
            return [e, replace(e, id=content_id(e.id, "swap"), source=other, target=e.source)]
        return [e]
    if not _is_exchange(e):
        return [e]
    sides = _unique([s for s in e.source if s.kind == "state"])
    if len(sides) < 2:
        return [e]
    return [replace(e, id=content_id(e.id, s.actor_id), source=[s], target=[o for o in sides if o is not s])
            for s in sides]


# Types whose events with no other party named are the doer's own affairs:
# police detaining protesters, a leader resigning, a ceasefire with rebels
# (the bank codes the doer as target too). Not attacks: "Russia's invasion"
# names no target, it is not an attack on Russia.
SELF_TARGET = {"COERCE", "PROTEST", "CONCEDE", "RETREAT", "AGREE", "COOPERATE"}


def _own_target(e: Event) -> Event:
    if e.target or not e.source or e.type not in SELF_TARGET:
        return e
    if e.type != "PROTEST" and all(_firm(a) for a in e.source):
        return e  # a firm's concession is to a regulator or a state (sentence_parties); its staff's strike is against it
    return replace(e, target=list(e.source))


def _others_only(e: Event) -> Event:
    """The doers' own countries out of the targets when others are named
    there too: "Zelensky travelled to Washington, his first trip outside
    Ukraine" is a visit to the United States, "Blinken met Xi, the
    highest-level American visit to China" one to China. Out of fold on the
    bank's train split, 27 of 29 such targets were the doer restated."""
    if e.type in OWN_SIDE_TYPES or not e.source or not e.target:
        return e
    own = {_code(a) for a in e.source}
    codes = {_code(a) for a in e.target}
    if not own <= codes or not codes - own:
        return e
    return replace(e, target=[a for a in e.target if _code(a) not in own])


DESTINATION_PREPS = {"to", "in", "through"}


def _destination(a: ActorRef, doc: Doc) -> bool:
    """Whether an actor is named as where forces go ("deployed a battlegroup to
    Estonia", "sent troops to US bases in Iraq")."""
    span = doc.char_span(a.start, a.end)
    if span is None:
        return False
    tok = _phrase_head(span.root)
    while tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.pos_ in ("NOUN", "PROPN"):
        tok = _phrase_head(tok.head.head)  # "to US bases in Iraq"
    if tok.dep_ != "pobj" or tok.head.lower_ not in DESTINATION_PREPS:
        return False
    mover = tok.head.head  # the verb, or the forces it moves ("deployed [a battlegroup to Estonia]")
    while mover.dep_ == "conj" and mover.head.i != mover.i:
        mover = mover.head  # "a THAAD battery and about 100 US troops to Israel"
    return mover.pos_ == "VERB" or (mover.dep_ in ("dobj", "nsubjpass") and mover.head.pos_ == "VERB")


# What forces join or serve under is no party to their deployment either ("for
# NATO's largest exercise", "as part of the EU's naval mission", "under NATO's
# forward presence", "to take part in NATO's exercise"), nor whom they shield
# ("to help protect Israel's airspace", "to assist the flotilla")
FRAME_PREPS = {"for", "under", "as", "within"}
SHIELDING = {"protect", "defend", "assist", "help", "escort", "reassure", "evacuate", "safeguard"}


def _framing(a: ActorRef, doc: Doc) -> bool:
    """Whether an actor is named as the frame forces serve in or the party they shield."""
    span = doc.char_span(a.start, a.end)
    if span is None:
        return False
    tok = _phrase_head(span.root)
    if tok.dep_ == "pobj" and tok.head.lower_ in ("of", "in") and tok.head.head.lemma_.lower() == "part":
        tok = _phrase_head(tok.head.head)  # "as part of", "take part in"
        if tok.dep_ == "dobj":
            return True
    if tok.dep_ == "pobj" and tok.head.lower_ in FRAME_PREPS:
        return True
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in SHIELDING


def _no_party(a: ActorRef, doc: Doc) -> bool:
    """Where a deployment goes, what it serves in or whom it shields (see above)."""
    return _destination(a, doc) or _framing(a, doc)


# What a deployment answers: "to deter Russian aggression", "in response to Chinese
# infrastructure build-up", "from a possible Iranian attack"
THREAT_NOUNS = {"aggression", "attack", "threat", "build", "buildup", "build-up", "incursion", "activity",
                "provocation", "invasion", "offensive", "advance", "expansion", "intimidation", "pressure",
                "retaliation", "presence", "manoeuvre", "maneuver", "exercise", "drill"}
ADVERSARY = "+adversary"


def _adversary(e: Event, doc: Doc, index: ActorIndex) -> Event:
    """A deployment that names no other party takes the state whose threat it
    answers ("The Pentagon ordered warships to the Middle East to protect US
    forces and Israel from a possible Iranian attack": IRN), as the bank
    codes a deployment's adversary (``method`` ends in ``+adversary``). Weapons
    seen coming ("as Iraqi drones approached") are left to
    :func:`sentence_parties`."""
    if e.type != "MOBILIZE" or not e.source:
        return e
    own = {_code(a) for a in e.source}
    if any(_coded(a) and _code(a) not in own for a in e.target):
        return e
    tok = trigger_token(doc, e)
    if tok is None:
        return e
    for t in doc[tok.i : tok.sent.end]:  # the trigger and what follows it
        if t.lemma_.lower() not in THREAT_NOUNS or t.pos_ != "NOUN":
            continue
        for c in t.children:
            if c.dep_ in ("amod", "poss", "compound") and c.i < t.i:
                r = _named_at(c, index)
                if r is not None and r.kind == "state" and _code(r) not in own:
                    return replace(e, target=[*e.target, r], method=e.method + ADVERSARY)
    return e


def _not_destination(e: Event, doc: Doc) -> Event:
    """A deployment without the place its forces go to as target: the host of
    "deployed a frigate to Romania" is no party to it. Forces sent "into" a
    country enter it, and one they face ("troops near the border with
    Ukraine", :func:`_aimed_at`) stays the target. Nor is the doer's own
    side: a state moves its forces against another (the bank codes its own
    country as a deployment's target once in 680 deployments)."""
    if e.type != "MOBILIZE" or not e.target:
        return e
    own = {_code(a) for a in e.source}
    keep = [t for t in e.target if not _no_party(t, doc) and _code(t) not in own]
    return e if len(keep) == len(e.target) else replace(e, target=keep)
RULE_TYPES = {t.rule_id: t.type for t in triggers()}


def _relabel(e: Event, label: str) -> Event:
    """A lexicon event the classifier confidently reads as another type ("joint
    drills" read as cooperation, "strike" as a labour strike); the method
    records both. A refusal read as the act refused is that act, negated
    ("refused to release Ruben Vardanyan": RETREAT, negated)."""
    modality = e.modality
    if e.method in REFUSAL_RULES and label != "REJECT" and modality == "asserted":
        modality = "negated"
    return _retyped(e, label, None, classify.METHOD, modality=modality)


def _retyped(e: Event, type_: str, mode: str | None, by: str, **changes) -> Event:
    """``e`` as an event of another type and mode, coded again for CAMEO,
    Goldstein and quad class, with ``by`` (what retyped it) appended to its
    method; ``changes`` are other fields to replace (modality, actors)."""
    return _recoded(e, type=type_, mode=mode, method=f"{e.method}>{by}", **changes)


def _recoded(e: Event, **changes) -> Event:
    """``e`` with ``changes`` (type, mode, modality, ...) and its CAMEO code,
    Goldstein score and quad class coded again for them."""
    coding = cameo_for(changes.get("type", e.type), changes.get("mode", e.mode), changes.get("modality", e.modality))
    return replace(e, cameo_root=coding.root, cameo_code=coding.code, goldstein=coding.goldstein,
                   quad_class=coding.quad_class, **changes)


REFUSAL_RULES = {t.rule_id for t in triggers() if t.lemma == "refuse" and not t.requires}


POINTING = (["the"], ["this"], ["these"], ["those"], ["such"])


def _told_before(e: Event, doc: Doc, nouns: set[str]) -> bool:
    """Whether the event's verb has one object, one of ``nouns`` with only a
    pointing determiner ("condemned the strikes", "dismissed the
    accusation"): an act the story told before, not one the phrase names."""
    verb = trigger_token(doc, e)
    if verb is None or verb.pos_ != "VERB":
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return len(objects) == 1 and objects[0].lemma_.lower() in nouns and (
        [c.lower_ for c in objects[0].children] in POINTING)


def _latest_told(e: Event, article: list[Event], type_: str | None, fits) -> Event | None:
    """The last event of ``type_`` (None: of any type) the story told in the
    ``STORY_LOOKBACK`` sentences before ``e`` for which ``fits`` holds."""
    earlier = [k for k in article if type_ in (None, k.type) and e.sentence_index - STORY_LOOKBACK <= k.sentence_index
               < e.sentence_index and fits(k)]
    return max(earlier, key=lambda k: (k.sentence_index, k.trigger.start), default=None)


ATTACKS = {"attack", "strike", "airstrike", "assault", "raid", "shelling", "bombing", "bombardment", "offensive",
           "incursion", "invasion"}
STORY_LOOKBACK = 12  # sentences: a story tells its attack or charge in the lead and the reactions after it


def _condemned_attack(e: Event, doc: Doc, article: list[Event]) -> Event:
    """A condemnation of "the attack" or "the strikes" a news story told
    earlier targets whoever carried it out: "Russian missiles struck the port
    of Odesa ... UN Secretary-General Antonio Guterres strongly condemned the
    strikes" is ACCUSE IGO -> RUS, not the Turkish president named beside
    him. The attack is the latest one coded in the sentences before, at most
    ``STORY_LOOKBACK`` back, with a doer other than the condemner's."""
    if e.type not in CONDEMNING or e.modality != "asserted" or not _told_before(e, doc, ATTACKS):
        return e  # "condemned Israel's strikes", "the latest strikes on Kyiv" name or place their attack
    own = {_code(a) for a in e.source}
    attack = _latest_told(e, article, "ASSAULT", lambda k: k.modality in ("asserted", "historical")
                          and bool({_code(a) for a in k.source if _coded(a)} - own))
    if attack is None:
        return e
    doers = [a for a in attack.source if _coded(a) and _code(a) not in own]
    return replace(e, target=doers, method=f"{e.method}+attack")


CHARGES = {"claim", "accusation", "charge", "allegation", "report"}
TOLD_PACTS = {"deal", "agreement", "accord", "pact", "treaty", "truce", "ceasefire", "settlement"}
PACT_ANSWERS = {"SUPPORT", "REJECT"}


def _answered_pact(e: Event, doc: Doc, article: list[Event]) -> Event:
    """Support for, or rejection of, "the deal" or "the treaty" a story told
    earlier, with no other party named, is aimed at its parties: "North and
    South Korea reached an agreement ... China also welcomed the deal" is
    SUPPORT CHN -> PRK, KOR. The pact is the latest agreement in the
    ``STORY_LOOKBACK`` sentences before with parties other than the
    speaker's side."""
    if e.type not in PACT_ANSWERS or e.target or not e.source or not _told_before(e, doc, TOLD_PACTS):
        return e  # "welcomed the EU-Tunisia pact" names its parties
    own = {_code(a) for a in e.source if _coded(a)}
    pact = _latest_told(e, article, "AGREE", lambda k: bool({_code(a) for a in k.source if _coded(a)} - own))
    if pact is None:
        return e
    parties = _unique([a for a in [*pact.source, *pact.target] if _coded(a) and _code(a) not in own])
    return replace(e, target=parties, method=f"{e.method}+pact")


def _rejected_charge(e: Event, doc: Doc, article: list[Event]) -> Event:
    """A rejection of "the accusation" or "the claims" a story told earlier,
    with no other party named, targets whoever made it: "Montenegro's
    prosecutor accused Russian military intelligence of plotting a coup ...
    The Kremlin has dismissed the accusation as absurd" is REJECT RUS -> MNE.
    The charge is the latest accusation against the rejecter's side in the
    ``STORY_LOOKBACK`` sentences before."""
    if e.type != "REJECT" or e.target or not e.source or not _told_before(e, doc, CHARGES):
        return e  # "rejected Kyiv's claims" names its accuser
    own = {_code(a) for a in e.source if _coded(a)}
    charge = _latest_told(e, article, "ACCUSE", lambda k: bool(own & {_code(a) for a in k.target if _coded(a)}))
    if charge is None:
        return e
    accusers = [a for a in charge.source if _coded(a) and _code(a) not in own]
    return replace(e, target=accusers, method=f"{e.method}+charge") if accusers else e
