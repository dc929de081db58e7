"""Which verb of a sentence carries its event, and what hangs from it.

"Putin said Moscow is willing to ..." reports the clause under "said";
"pledged to work together" frames the clause under "pledged". The event coder
reads its arguments there (``nlp.events``) and the sentence classifier reads
its features there (``nlp.classify``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .modality import FUTURE_GOVERNORS

# Verbs that report another clause ("said Moscow would ...")
REPORTING = {"say", "tell", "report", "state", "add", "confirm", "announce", "write", "declare", "claim", "insist"}
# Verbs that only frame another event ("pledged to work together"): when their
# complement is itself a trigger, the complement is the event.
FRAMING = FUTURE_GOVERNORS | {"continue", "keep", "try", "begin", "start", "help"}
# Verbs whose complement carries the event
PASS_THROUGH = REPORTING | FRAMING


def reported_verb(verb: Token) -> Token:
    """"X said Y would lift the ban": "lift"; "pledged to back": "back"; any
    other verb is its own (at most three steps down)."""
    for _ in range(3):
        if verb.lemma_.lower() not in PASS_THROUGH:
            break
        inner = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), None)
        if inner is None:
            break
        verb = inner
    return verb


# The dependents that say what a clause reports: its parties, object,
# complements, prepositions, negation and auxiliaries
CLAUSE_DEPS = ("nsubj", "nsubjpass", "dobj", "prep", "xcomp", "ccomp", "agent", "neg", "aux")
ROOT_DEPS = ("nsubj", "nsubjpass", "dobj", "prep", "agent", "neg")
CONJUNCT_DEPS = ("dobj", "prep", "xcomp")
FUNCTION_DEPS = ("prep", "aux", "neg")  # read as the word itself, never as an entity type


def _word(t: Token) -> str:
    """A content word as its entity type ("<GPE>") or lemma."""
    return f"<{t.ent_type_}>" if t.ent_type_ else t.lemma_.lower()


def _deps(verb: Token, deps: tuple[str, ...], prefix: str, pobjs: bool = False) -> list[str]:
    out = []
    for c in verb.children:
        if c.dep_ in deps:
            out.append(f"{prefix}_{c.dep_}_{c.lemma_.lower() if c.dep_ in FUNCTION_DEPS else _word(c)}")
            if pobjs and c.dep_ == "prep":
                out += [f"{prefix}_{c.lemma_.lower()}_{_word(g)}" for g in c.children if g.dep_ == "pobj"]
    return out


def clause_features(sent: Span) -> list[str]:
    """The sentence's main clause as features: the reported verb
    ("MAIN_accuse"), its dependents ("D_dobj_<GPE>", "D_of_<NORP>"), the
    root's own dependents when the root only reports ("R_nsubj_ministry"),
    and the verbs coordinated with the main one ("met ... and announced")."""
    root = sent.root
    verb = reported_verb(root)
    out = [f"MAIN_{verb.lemma_.lower()}", *_deps(verb, CLAUSE_DEPS, "D", pobjs=True)]
    if verb is not root:
        out += _deps(root, ROOT_DEPS, "R")
    for k in verb.conjuncts:
        if k.pos_ == "VERB":
            out += [f"MAIN_{k.lemma_.lower()}", *_deps(k, CONJUNCT_DEPS, "D")]
    return out
