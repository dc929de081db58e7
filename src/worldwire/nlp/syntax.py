"""Small dependency-parse helpers shared by events and quotes."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = ("nsubj", "csubj")


def sentences(doc: Doc) -> list[Span]:
    """The sentences of a parsed article, built once: spaCy's ``doc.sents`` and
    ``token.sent`` rebuild every sentence span on each call."""
    cached = doc.user_data.get("worldwire.sents")
    if cached is None:
        cached = list(doc.sents)
        owner = [0] * len(doc)
        for k, s in enumerate(cached):
            for i in range(s.start, s.end):
                owner[i] = k
        doc.user_data["worldwire.sents"] = cached
        doc.user_data["worldwire.sent_of"] = owner
    return cached


def tokens(doc: Doc) -> list[Token]:
    """The tokens of a parsed article as a list, built once: ``doc[i]`` makes a
    new Token object on every call."""
    cached = doc.user_data.get("worldwire.tokens")
    if cached is None:
        cached = list(doc)
        doc.user_data["worldwire.tokens"] = cached
    return cached


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once: spaCy joins every token on each call."""
    whole = doc.user_data.get("worldwire.text")
    if whole is None:
        whole = doc.user_data["worldwire.text"] = doc.text
    return whole


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` without building the span."""
    if end <= start:
        return ""
    whole = doc_text(doc)
    toks = tokens(doc)
    last = toks[end - 1]
    return whole[toks[start].idx:last.idx + len(last.text)]


def sentence_numbers(doc: Doc) -> list[int]:
    """For each token of a parsed article, the number of its sentence."""
    sentences(doc)
    return doc.user_data["worldwire.sent_of"]


def sentence_of(tok: Token) -> Span:
    """The sentence a token is in (cached ``token.sent``)."""
    sents = sentences(tok.doc)
    return sents[tok.doc.user_data["worldwire.sent_of"][tok.i]]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def marked_clause(tok: Token, marks: set[str] | frozenset[str] | tuple[str, ...]) -> bool:
    """An adverbial clause opened by one of ``marks`` ("if Russia attacked",
    "after Grenell met Maduro", "while Sweden freed ..."); the parser gives
    "when" as a wh-adverb, not a mark ("when the two men met in Riyadh")."""
    return tok.dep_ == "advcl" and any((c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB")) and c.lower_ in marks
                                       for c in tok.children)


def pobjs(prep: Token) -> list[Token]:
    return [o for o in prep.children if o.dep_ == "pobj"]


def subject_head(verb: Token, _depth: int = 0) -> Token | None:
    """The token heading the doer of ``verb``: its subject, its passive agent,
    or a subject inherited through control and coordination ("arrived ... to
    meet", "voiced concerns ... and stated", "urged X to stop": X), or the noun
    an acl clause modifies ("rhetoric from both countries blaming ...")."""
    if _depth > 4:
        return None
    passive = is_passive(verb)
    if passive:
        for c in verb.children:
            if c.dep_ == "agent" and pobjs(c):
                return pobjs(c)[0]
    else:
        # the subject nearest the verb: a wire dateline ("MOSCOW, March 20 -")
        # is often parsed as a second subject
        subjects = [_past_dateline(c) for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return min(subjects, key=lambda c: abs(verb.i - c.i))
    head = verb.head
    if head is verb:
        return None
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl"):
        return None  # "the communique, released on Saturday": the noun is what was acted on
    if verb.dep_ == "xcomp":
        objects = [c for c in head.children if c.dep_ == "dobj"]
        if objects:
            return objects[0]
        if is_passive(head) and not any(c.dep_ == "agent" for c in head.children):
            # "ministers are scheduled to meet", "Zelensky is expected to visit"
            raised = [c for c in head.children if c.dep_ == "nsubjpass"]
            if raised:
                return _past_dateline(raised[0])
        return subject_head(head, _depth + 1)
    if verb.dep_ in ("advcl", "conj"):
        return subject_head(head, _depth + 1)
    if verb.dep_ == "acomp":  # "Moscow is willing to promote": promote ← willing ← is
        return subject_head(head, _depth + 1)
    if verb.dep_ in ("acl", "relcl"):
        return head
    return None


def noun_source_fallback(noun: Token) -> Token | None:
    """For a noun that is not itself an actor: its possessor ("Beijing's
    determination to strengthen", "Xi's trip ... strengthening"), else the
    object of from/by/of ("rhetoric from both countries")."""
    for p in noun.children:
        if p.dep_ == "poss":
            return p
    for p in noun.children:
        if p.dep_ == "prep" and p.lower_ in ("from", "by", "of"):
            objs = pobjs(p)
            if objs:
                return objs[0]
    return None


def _past_dateline(tok: Token) -> Token:
    """A wire dateline ("DUBAI, Dec 5 — EU commissioner X said") is parsed as
    the subject with the real one as its appositive: take the appositive."""
    first = tok.i == sentence_of(tok).start
    if first and tok.text.isupper() and len(tok.text) > 2 and tok.i + 1 < len(tok.doc) and tok.nbor(1).text == ",":
        appos = [c for c in tok.children if c.dep_ == "appos" and c.i > tok.i + 2]
        if appos:
            return appos[-1]
    return tok
