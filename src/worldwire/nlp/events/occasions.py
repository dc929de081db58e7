"""Which events a sentence reports: nested acts, occasions and hosts.

An event whose trigger hangs from another event's trigger is mostly part of
it ("urged Germany to allow deliveries" is one REQUEST) and is dropped,
except a meeting told as the occasion of another act ("signed a treaty
during a visit by ...", "told Netanyahu in a phone call that ..."), which is
a CONSULT of its own between the parties it names, or else those of the act
(:func:`_main_events`, :func:`_occasion_parties`). A third side that hosted
talks between others consults with them (:func:`_hosts`, mode host). See
"Codebook" in the README.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token

from ...ontology.plover import Trigger
from ...records import ActorRef, Event
from ..actors import ActorIndex
from ..clauses import REPORTING
from ..triggers import doc_triggers
from ..places import trigger_token
from ..syntax import marked_clause, pobjs as _pobjs, sentences, subject_head
from .arguments import CONTENT_TAKING, _code, _coded, _event, _resolve_object, _unique


# Talks one side hosts for two others: "talks hosted by Saudi Arabia", "with Kazakhstan
# acting as host" are a CONSULT of the host with the parties (mode host), as the bank codes
# them where the talks took place or are planned; a summit's host is mostly a party itself
HOSTED = {"talk", "meeting", "ceremony", "negotiation", "round", "consultation"}
HOST_TRIGGER = Trigger("host", (), "VERB", "CONSULT", "host", "diplomatic")
HOSTING = {"host", "co-host", "act", "preside"}  # the lemmas that can name a host (:func:`_host_of`)
# talks held or still to come ("will hold talks near Washington, hosted by Antony Blinken"), as
# the bank codes both; not those a sentence denies or supposes
HOST_MODALITIES = {"asserted", "historical", "future"}


def _of_talks(hosted: Token) -> bool:
    """Whether "hosted" tells of talks: it follows their noun ("talks hosted
    by"), their venue ("talks at Camp David hosted by") or the verb that
    holds them ("will hold talks ..., hosted by")."""
    head = hosted.head
    if hosted.dep_ == "advcl":
        return head.pos_ == "VERB"
    if hosted.dep_ != "acl":
        return False
    # the venue is in a phrase of the talks' noun: "talks at Camp David hosted by"
    venue = head.head.head if head.dep_ == "pobj" and head.head.dep_ == "prep" else head
    return head.lemma_.lower() in HOSTED or venue.lemma_.lower() in HOSTED


def _host_of(tok: Token, index: ActorIndex) -> list[ActorRef]:
    """The host ``tok`` names: the agent of "hosted by" told of the talks,
    after their noun, their venue ("talks at Camp David hosted by Jimmy
    Carter") or the verb that holds them ("will hold talks near Washington,
    hosted by Antony Blinken"); or the subject of "with Kazakhstan acting as
    host", "with Marco Rubio presiding over the meeting", "with Donald Trump
    hosting the two leaders"."""
    lemma = tok.lemma_.lower()
    if lemma in ("host", "co-host") and tok.tag_ == "VBN" and _of_talks(tok):
        return [r for a in tok.children if a.dep_ == "agent" for o in _pobjs(a) for r in _resolve_object(o, index)
                if _coded(r)]
    if lemma == "act" and any(c.dep_ == "prep" and c.lower_ == "as" and any(o.lemma_.lower() == "host" for o in _pobjs(c))
                              for c in tok.children) \
            or lemma in ("host", "co-host", "preside") and tok.tag_ == "VBG" and tok.dep_ == "pcomp" \
            and tok.head.lower_ == "with":
        return [r for c in tok.children if c.dep_ == "nsubj" for r in _resolve_object(c, index) if _coded(r)]
    return []


def _hosts(events: list[Event], doc: Doc, index: ActorIndex, article_id: str, published: date | None,
           sent_index: dict[int, int]) -> list[Event]:
    """A CONSULT of a host with the parties of the talks or agreement it hosted
    (see :data:`HOSTED`, :func:`_host_of`): only for talks held or planned
    (``HOST_MODALITIES``) whose parties the sentence codes, the host not
    among them. Out of fold, the venue, the holding verb and "with X
    presiding/hosting" gained 2 train items, planned talks 2 more, none
    lost."""
    out: list[Event] = []
    met_in = {e.sentence_index for e in events if e.type in ("CONSULT", "AGREE")}
    for sent in sentences(doc):
        i = sent_index[sent.start]
        if i not in met_in:
            continue
        for tok in sent:
            host = _host_of(tok, index) if tok.lemma_.lower() in HOSTING else []
            if host:
                out += _hosting(tok, host, i, events, article_id, published)
    return out


def _hosting(tok: Token, host: list[ActorRef], i: int, events: list[Event], article_id: str,
             published: date | None) -> list[Event]:
    """The host's CONSULT with the parties of sentence ``i``'s talks, if they qualify (see :func:`_hosts`)."""
    met = [e for e in events if e.sentence_index == i and e.type in ("CONSULT", "AGREE")
           and e.modality in HOST_MODALITIES]
    parties = _unique([a for e in met for a in (*e.source, *e.target) if _coded(a)])
    hosts, codes = {_code(h) for h in host}, {_code(a) for a in parties}
    if len(codes - hosts) < 2 or hosts & codes:
        return []
    e = _event(tok, HOST_TRIGGER, _unique(host), parties, article_id, published, i, confidence=0.8, method="rule:host")
    return [replace(e, modality=met[0].modality) if e.modality != met[0].modality else e]


# Verbs that only grade an event their object names: "expand sanctions",
# "strengthen cooperation"; the object noun is the event.
GRADING = {"expand", "strengthen", "deepen", "extend", "tighten", "broaden", "widen", "step", "intensify", "escalate"}


def _beside(clause: Token, head: Token) -> bool:
    """A clause the parser hangs from the next one across a semicolon
    ("Thousands rallied in Bamako ...; security forces later detained ...")
    is a sentence of its own, not what the next one reports."""
    return clause.dep_ == "ccomp" and clause.i < head.i and any(
        t.text == ";" for t in clause.doc[clause.right_edge.i + 1:head.i])


def _outer_event(tok: Token, by_index: dict[int, Event], own: Event | None = None) -> tuple[Event | None, bool]:
    """The nearest event whose trigger ``tok`` hangs from (within its sentence),
    and whether the path up to it is coordination only ("released ... and deported")."""
    cur, coordinated = tok, True
    for _ in range(4):  # deeper, an event noun is a topic of its own ("blocking agreement on the EU's package of sanctions")
        head = cur.head
        if head.i == cur.i:
            return None, True
        if cur.dep_ == "advcl" and cur.i != tok.i and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            return None, True  # a clause of its own: "dismissed ... since it makes no mention of Moscow withdrawing"
        if _beside(cur, head):
            return None, True
        coordinated = coordinated and cur.dep_ == "conj"
        outer = by_index.get(head.i)
        if outer is not None and outer is not own:  # own: the verb carrying this event's noun
            return outer, coordinated
        cur = head
    return None, True


# A meeting told as the occasion of another act ("signed a treaty during
# Modi's visit to Washington", "urged Putin ... in a phone call", "released six
# Americans after Grenell met Maduro") is a CONSULT of its own: the visit or
# call happened, as the seed's "Xi's three-day visit to Moscow" did. The
# bank's codebook codes it so (see the README's "Codebook").
OCCASION_PREPS = {  # the meetings each preposition gives as an occasion ("take part in talks" is none)
    "during": {"visit", "trip", "talk", "meeting", "call", "summit", "conversation", "consultation"},
    "after": {"visit", "trip", "talk", "meeting", "call", "summit", "conversation", "consultation"},
    "on": {"visit", "trip"},
    "in": {"call", "meeting", "conversation"},
    "at": {"summit", "meeting", "talk"},
}
OCCASION_MARKS = {"after", "when", "as", "during", "before"}
PRESENT = {"VB", "VBP", "VBZ"}
OCCASION_VERBS = {"meet", "talk", "speak", "phone", "visit", "confer", "call"}  # "after Grenell met Maduro"
SHARED = {"talk", "meeting", "call", "summit", "conversation", "consultation"}  # its act's parties, when unnamed
OCCASION_MODALITIES = {"asserted", "historical"}  # a visit that happened, not one planned ("will urge ... during his visit")


def _occasion(e: Event | Trigger, tok: Token | None) -> bool:
    """Whether a CONSULT event (or a rule's match) is told as the occasion of
    another act: its noun sits in a phrase of time (``OCCASION_PREPS``), or
    its verb in a clause of time ("after the two leaders met")."""
    if tok is None or e.type != "CONSULT" or getattr(e, "modality", "asserted") not in OCCASION_MODALITIES:
        return False
    if tok.pos_ == "VERB":  # a meeting in the present tense is still to come: "when they meet in Abuja"
        return tok.lemma_.lower() in OCCASION_VERBS and tok.tag_ not in PRESENT and marked_clause(tok, OCCASION_MARKS)
    return _occasion_noun(tok)


def _act_matches(tok: Token | None, label: str) -> bool:
    """Whether the act an occasion is told of is a lexicon match of ``label``
    ("signed" in "It was signed during a visit by ...")."""
    if tok is None:
        return False
    if tok.pos_ == "VERB":
        act = tok.head  # "after the two leaders met": the clause's head
    else:
        anchor = _occasion_anchor(tok)
        if anchor is None:
            return False
        act = anchor.head  # the verb whose phrase or clause of time holds the meeting
    rule = doc_triggers(tok.doc)[act.i]
    return rule is not None and rule.type == label


# Verbs that only carry a meeting in a clause of time: "as Erdogan made his first
# visit to Baghdad", "after Sanchez held talks with King Mohammed", "as Xi began a
# two-day state visit"
OCCASION_HOLDERS = {"make", "pay", "hold", "begin", "start", "wrap", "end", "conclude", "have"}
MEETINGS = OCCASION_PREPS["during"]


def _occasion_anchor(tok: Token) -> Token | None:
    """What ties a meeting noun to the act it is the occasion of: the
    preposition of its phrase of time ("during a visit"), or the verb that
    carries it in a clause of time ("as Erdogan made his first visit")."""
    prep = _phrase_prep(tok)
    if prep is not None:
        return prep if tok.lemma_.lower() in OCCASION_PREPS.get(prep.lower_, ()) else None
    holder = tok.head
    if tok.dep_ == "dobj" and holder.lemma_.lower() in OCCASION_HOLDERS and tok.lemma_.lower() in MEETINGS \
            and marked_clause(holder, OCCASION_MARKS):
        return holder
    return None


def _told_calls(found: list[Event], doc: Doc) -> bool:
    """Whether a sentence's only events are calls in which one side told the
    other something ("told Netanyahu in a phone call that India stood firmly
    with Israel"): what was told is an act of its own."""
    return bool(found) and all(
        e.type == "CONSULT" and (tok := trigger_token(doc, e)) is not None and tok.pos_ != "VERB"
        and _told_in(tok) is not None for e in found)


def _told_in(tok: Token) -> Token | None:
    """The addressee of "told Netanyahu in a phone call that ...": the call is
    between the speaker and the one told, whatever the message is."""
    anchor = _occasion_anchor(tok)
    if anchor is None or anchor.pos_ != "ADP" or anchor.head.lemma_.lower() != "tell":
        return None
    return next((c for c in anchor.head.children if c.dep_ in ("dobj", "dative")), None)


SPANS = {"hour", "day", "night", "round", "session"}  # a meeting's length; "after months of talks" is a process


def _phrase_prep(tok: Token) -> Token | None:
    """The preposition whose object a noun is, through a list or compound
    ("during talks and a dinner", "in a phone call") or a span of time
    ("after 16 hours of talks", "after a second round of talks"), at most
    four steps up."""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.lemma_.lower() in SPANS:
            cur = cur.head.head
            continue
        if cur.dep_ == "pobj" and cur.head.dep_ == "prep":
            return cur.head
        if cur.dep_ not in ("conj", "compound", "appos"):
            return None
        cur = cur.head
    return None


def _occasion_noun(tok: Token) -> bool:
    """A noun in a phrase or clause of time: "during a visit", "in a phone
    call", "as Erdogan made his first visit"."""
    anchor = _occasion_anchor(tok)
    if anchor is None:
        return False
    said = anchor.head.lemma_.lower()
    # "Blinken said during a visit to Bogota": a statement's occasion, not coded
    return said not in REPORTING or said == "tell"


PARTY_PREPS = {"with", "between", "to", "by", "among", "from"}


def _named_parties(tok: Token) -> bool:
    """A meeting verb, or a meeting noun that names its parties ("Modi's
    visit", "talks with Xi", "a visit by Pezeshkian")."""
    if tok.pos_ == "VERB" or (tok.dep_ == "dobj" and subject_head(tok.head) is not None):
        return True  # "as Erdogan made his first visit": its clause's subject
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in PARTY_PREPS) for c in tok.children)


def _occasion_parties(e: Event, tok: Token, outer: Event) -> Event | None:
    """An occasion meeting names its parties less often than its act does:
    "urged Putin ... in a phone call" is Turkey's call to Russia, "signed
    ... during a visit by Pezeshkian" a visit to the other signatory. None
    when the act is only planned ("will urge Xi ... during his visit") or the
    meeting has no two parties ("arrested ... on a motorcycle trip")."""
    if outer.modality in ("future", "hypothetical"):
        return None
    source, target = e.source, e.target
    if not _named_parties(tok):
        if tok.lemma_.lower() not in SHARED:
            return None
        source, target = [], []  # "during talks outside Beijing": the place is the venue, not a party
    if not source and tok.pos_ == "VERB":  # "after the two leaders spoke by phone": both sides
        both = _unique([*outer.source, *outer.target])
        source, target = both, list(both)
    if not source:
        source = outer.source
    if not target:
        own = {a.actor_id for a in source}
        target = [a for a in _unique([*outer.target, *outer.source]) if a.actor_id not in own]
    if not target and len(source) > 1:  # "Serbia and Kosovo signed a deal after 12 hours of talks": among them
        target = list(source)
    return replace(e, source=source, target=target) if source and target else None


CONTRAST_MARKS = {"while", "whereas"}


def _contrasted(tok: Token | None) -> bool:
    """A clause set beside the main one ("while Sweden freed ..."), not its
    cause or time ("a day after Cairo criticised ...": background)."""
    return tok is not None and marked_clause(tok, CONTRAST_MARKS)


def _coded_doers(e: Event) -> set[str]:
    return {a.actor_id for a in e.source if _coded(a)}


# Acts that sides trade, so that one told in a clause of time or cause of the other is
# half of an exchange, not its background: releases ("freed ... after Hamas handed ...
# over"). An accusation "a day after Cairo criticised Addis Ababa" is background.
TRADED = {"RETREAT"}


def _answered(e: Event, outer: Event) -> bool:
    """The two acts are one exchange: of a traded type, and each one's doers
    are the other's targets ("Israel freed 39 Palestinians after Hamas handed
    13 Israeli hostages over": a release by each side)."""
    if e.type not in TRADED or outer.type != e.type:
        return False
    doers = {_code(a) for a in e.source if _coded(a)}
    outer_doers = {_code(a) for a in outer.source if _coded(a)}
    return bool(doers) and bool(outer_doers) and not doers & outer_doers \
        and doers <= {_code(a) for a in outer.target} and outer_doers <= {_code(a) for a in e.target}


def _own_act(e: Event, tok: Token, outer: Event) -> bool:
    """An act of the same type by other doers in a clause of its own: "Iran
    released Floderus, while Sweden freed a former Iranian official" is a
    release by each side, not one release with more targets; so is an act
    answering the other in a clause of time or cause (:func:`_answered`)."""
    if e.type != outer.type or tok.pos_ != "VERB" or not (_contrasted(tok) or _answered(e, outer)):
        return False
    doers = _coded_doers(e)
    return bool(doers) and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) \
        and not doers & _coded_doers(outer)


def _main_events(events: list[Event], doc: Doc) -> list[Event]:
    """Keep the events a sentence reports, not what its events take as content,
    cause, purpose or circumstance, and one event per type and actors in a
    sentence ("a visit ... and talks").

    An event whose trigger hangs from another event's trigger (other than by
    coordination) is part of that event: "urged Germany to allow deliveries"
    is one REQUEST, "imposed sanctions after Tehran's attack" one SANCTION,
    "sent frigates to protect shipping from attacks" no ASSAULT; an event of
    the same type lends it its targets ("arrived in Ukraine to meet Zelensky":
    one visit with both targets). A grading verb yields to the event noun it
    governs ("agreed to expand sanctions": SANCTION)."""
    tokens = {}
    for e in events:
        span = doc.char_span(e.trigger.start, e.trigger.end)
        if span is not None:
            tokens[id(e)] = span.root
    # only verbs hold other events: "agreement on the EU's package of sanctions" is two topics
    by_index = {tokens[id(e)].i: e for e in events if id(e) in tokens and tokens[id(e)].pos_ == "VERB"}
    # a verb that only carries an event noun holds what hangs from it as that event does:
    # "completed the withdrawal ..., handing over its last base" is one RETREAT
    for e in events:
        tok = tokens.get(id(e))
        if tok is not None and tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
            by_index.setdefault(tok.head.i, e)
    graded = set()
    for e in events:
        tok = tokens.get(id(e))
        if tok is not None and tok.pos_ == "NOUN" and tok.dep_ == "dobj":
            outer = by_index.get(tok.head.i)
            if outer is not None and outer.type != e.type and tok.head.lemma_.lower() in GRADING:
                graded.add(id(outer))
    kept: list[Event] = []
    absorbed: dict[int, list[ActorRef]] = defaultdict(list)
    for e in events:
        if id(e) in graded:
            continue
        tok = tokens.get(id(e))
        if tok is not None:
            outer, coordinated = _outer_event(tok, by_index, own=e)
            if outer is not None and id(outer) in graded:
                outer = None
            anchor = _occasion_anchor(tok) if outer is None and not e.target and tok.pos_ != "VERB" else None
            if anchor is not None and anchor.pos_ == "VERB" and _occasion(e, tok):
                # "signed ... in Hanoi as Xi began a state visit": the clause of time is the
                # act's, and the visit is to the act's other side
                outer, coordinated = by_index.get(anchor.head.i), False
            if outer is not None and not coordinated and outer.type != "CONSULT" and _occasion(e, tok):
                above = _outer_event(tokens[id(outer)], by_index, own=outer) if id(outer) in tokens else (None, False)
                if above[0] is not None and not above[1] and above[0].type in CONTENT_TAKING:
                    # "urged Putin to stop attacks in a phone call": the parse hangs the call from the
                    # content, but it is the occasion of the urging
                    outer = above[0]
                met = _occasion_parties(e, tok, outer)
                if met is not None:
                    kept.append(met)
                continue
            if outer is None and _occasion(e, tok) and (
                    not (e.source and e.target and _told_in(tok) is not None)) and (
                    not (e.source or e.target) or (tok.lemma_.lower() in SHARED and not _named_parties(tok))):
                continue  # "said in a phone call that ...": a call whose act is not coded; one with
                # the one told is theirs ("told Netanyahu in a phone call that ...")
            if outer is not None and not coordinated and not _own_act(e, tok, outer):
                if outer.type == e.type:
                    absorbed[id(outer)] += e.target
                continue
        kept.append(e)
    merged: list[Event] = []
    for e in kept:
        extra = [t for t in _unique(absorbed.get(id(e), [])) if t.actor_id not in {x.actor_id for x in e.target + e.source}]
        if extra:
            e = replace(e, target=e.target + extra)
        _merge(e, merged)
    return merged


def _merge(e: Event, merged: list[Event]) -> None:
    """Add ``e`` to ``merged``, or its targets to a twin there: an event of the
    same type and sentence that shares a doer ("a visit ... and talks")."""
    twin = next((i for i, k in enumerate(merged) if k.sentence_index == e.sentence_index and k.type == e.type
                 and {a.actor_id for a in k.source} & {a.actor_id for a in e.source or e.target}), None)
    if twin is None:
        merged.append(e)
        return
    k = merged[twin]
    extra = [t for t in e.target if t.actor_id not in {x.actor_id for x in k.target + k.source}]
    merged[twin] = replace(k, target=k.target + extra) if extra else k
