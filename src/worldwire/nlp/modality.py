"""Modality of an event trigger: asserted, negated, future, hypothetical, historical.

Read off the dependency parse around the trigger: negation ("did not meet",
"has yet to speak", "no advance"), modal and conditional clauses ("would
merely freeze", "if ... attacked"), future and commitment ("will strengthen",
"pledged to work together"), and background ("since the invasion began").
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from .syntax import marked_clause

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "'d"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}
# Verbs, nouns and adjectives that put what they govern in the future:
# "pledged to work", "determination to strengthen", "ready to talk".
FUTURE_GOVERNORS = {
    "pledge", "vow", "promise", "plan", "intend", "aim", "seek", "hope", "want", "prepare",
    "expect", "commit", "determination", "ready", "willing", "set", "schedule", "agree", "decide",
    "resolve", "go", "propose", "offer", "push", "intention", "plan", "bid", "effort", "due",
}
# "confirmed that Zelensky would travel" reports a plan; "said a truce would
# merely freeze the war" stays a hypothesis, so plain say/tell are not here.
REPORTING_VERBS = {"confirm", "announce", "expect", "indicate", "signal", "promise", "pledge", "vow", "schedule"}
NEGATING_GOVERNORS = {"fail", "refuse", "decline", "avoid", "stop", "cease", "deny", "refrain"}
# Verbs that negate an event noun they govern: "denied any role in the attack",
# "denied planning attacks".
DENYING = {"deny", "refrain"}


def _governors(tok: Token):
    """The trigger and the tokens it hangs from through control and complement
    relations (xcomp, acl/relcl of a noun, ccomp), nearest first."""
    chain = [tok]
    cur = tok
    while cur.dep_ in ("xcomp", "acl", "ccomp", "pcomp", "pobj", "prep", "dobj", "advcl") and cur.head is not cur:
        cur = cur.head
        chain.append(cur)
        if len(chain) > 5:
            break
    return chain


def _negated(tok: Token) -> bool:
    # A noun trigger names an event the sentence presupposes ("made no mention
    # of Russia's invasion"): only its own determiners negate it.
    chain = _governors(tok)[:3] if tok.pos_ == "VERB" else [tok]
    # an adjunct participle is not negated by what it hangs from: "had failed
    # in their mission, blaming Moscow" blames
    adjunct = next((i for i, t in enumerate(chain)
                    if t.dep_ == "advcl" and t.tag_ == "VBG" and t.i > 0 and t.nbor(-1).text == ","), None)
    chain = chain if adjunct is None else chain[:adjunct + 1]
    if tok.pos_ != "VERB":
        cur = tok
        for _ in range(5):
            if cur.dep_ not in ("dobj", "pobj", "prep", "xcomp", "pcomp", "ccomp") or cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.lemma_.lower() in DENYING:
                return True
    for t in chain:
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if any(c.lower_ == "no" and c.dep_ == "det" for c in t.children):
            return True
        if t is not tok and t.lemma_.lower() in NEGATING_GOVERNORS:
            return True
        # "has yet to speak", "is yet to sign"
        if t is not tok and t.lemma_.lower() in ("have", "be") and tok.dep_ == "xcomp" and any(c.lower_ == "yet" for c in t.children):
            return True
        if t.dep_ == "pobj" and t.head.lower_ == "without":
            return True
    return False


def _conditional(tok: Token) -> bool:
    for t in [tok, *tok.ancestors]:
        if marked_clause(t, CONDITIONAL_MARKS):
            return True
    return False


def _reported_would(t: Token) -> bool:
    """"officials said Zelensky would travel": reported future, not a hypothesis."""
    return t.dep_ == "ccomp" and t.head.lemma_.lower() in REPORTING_VERBS


def _hypothetical(tok: Token) -> bool:
    if _conditional(tok):
        return True
    for t in _governors(tok):
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in t.children):
            if _reported_would(t) and any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in t.children):
                return False
            return True
    return False


# A phrase or clause of time that tells what came before an act: "agreed to end the
# violence after their first talks", "signed ... as Erdogan made his first visit"
BEFORE_PREPS = {"after", "following", "during"}
PAST_MARKS = {"after", "as", "when", "while"}


def _past_occasion(chain: list[Token]) -> bool:
    """Whether the trigger sits in a past phrase or clause of time: a clause
    of its own in the past tense ("after Sanchez held talks"), or a phrase
    "after ..." under a verb in the past tense ("agreed to end the violence
    after their talks"). What it hangs from does not make it future."""
    for i, t in enumerate(chain):
        if t.tag_ == "VBD" and marked_clause(t, PAST_MARKS):
            return True
        if t.dep_ == "prep" and t.lower_ in BEFORE_PREPS:
            return any(u.tag_ == "VBD" for u in chain[i + 1:])
    return False


def _future(tok: Token) -> bool:
    chain = _governors(tok)
    for t in chain:
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in t.children):
            return True
        if _reported_would(t) and any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in t.children):
            return True
    if _past_occasion(chain):
        return False
    return any(t.lemma_.lower() in FUTURE_GOVERNORS for t in chain[1:])


def _historical(tok: Token, published: date | None) -> bool:
    # inside a "since ..." phrase or clause: "since the invasion began"
    for t in [tok, *tok.ancestors]:
        if any(c.lower_ == "since" and c.dep_ == "mark" for c in t.children) and t is not tok:
            return True
        if t.lower_ == "since" and t is not tok:
            return True
        if t.dep_ in ("ROOT",):
            break
    if published is not None:
        clause = tok if tok.pos_ == "VERB" else tok.head
        for t in clause.subtree:
            if t.ent_type_ == "DATE" and len(t.text) == 4 and t.text.isdigit() and 1900 <= int(t.text) < published.year:
                nxt = t.nbor(1).lower_ if t.i + 1 < len(t.doc) else ""
                if nxt not in ("gmt", "utc", "hours", "hrs", "local", "cet", "est"):  # "1945 GMT" is a time
                    return True
    return False


def modality(tok: Token, published: date | None = None) -> str:
    if _negated(tok):
        return "negated"
    if _hypothetical(tok):
        return "hypothetical"
    if _historical(tok, published):
        return "historical"
    if _future(tok):
        return "future"
    return "asserted"
