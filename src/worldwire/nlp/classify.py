"""The sentence event classifier and how it combines with the trigger lexicon.

The classifier (``ontology/model/event_textcat``, trained by
``python -m worldwire.training.events`` on the team's sentence bank) gives each
sentence a probability for every PLOVER type and NONE. The lexicon stays the
primary coder, because it explains itself and finds the arguments; the
classifier:

- vetoes lexicon events in sentences it is sure hold no political event
  (P(NONE) >= ``NONE_VETO``): sports, markets and weather use the same verbs;
- adds an event where the lexicon found none but the classifier is confident
  (top type with P >= ``ADD_MIN``), taking the sentence's main verb as trigger
  and its subject and objects as actors; such events carry
  ``method = "model:textcat"`` and the probability as confidence.

Thresholds were chosen by 5-fold cross-validation on the bank's train split
(out-of-fold classifier scores, the whole coder scored as ``worldwire
evaluate`` does); the dev split is only reported.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

NONE_VETO = 0.9
ADD_MIN = 0.3
RELABEL_MIN = 0.7
RELABEL_MAX_OLD = 0.05
MODEL_DIR = "ontology/model/event_textcat"


@lru_cache(maxsize=1)
def load_classifier() -> Language | None:
    """The shipped classifier, or None when the package has none (then the
    lexicon codes alone)."""
    path = Path(str(resources.files("worldwire").joinpath(MODEL_DIR)))
    if not (path / "config.cfg").is_file():
        return None
    return spacy.load(path)


MASKED_ENTITIES = {"GPE", "NORP", "PERSON", "ORG", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT",
                   "QUANTITY", "ORDINAL"}


def classifier_text(span) -> str:
    """What the classifier reads: lemmas, with named entities and numbers
    replaced by their type, so it learns the wording of events rather than
    which countries were in the news."""
    out = []
    for t in span:
        if t.is_space:
            continue
        if t.ent_type_ in MASKED_ENTITIES:
            if t.ent_iob_ == "B" or not out or out[-1] != f"<{t.ent_type_}>":
                out.append(f"<{t.ent_type_}>")
            continue
        out.append(t.lemma_.lower())
    return " ".join(out)


def sentence_scores(sentences) -> list[dict[str, float]]:
    """Probabilities by type for parsed sentences (spaCy spans)."""
    clf = load_classifier()
    if clf is None:
        return [{} for _ in sentences]
    # a whitespace-only sentence reads as "": an empty doc in a batch with
    # others crashes thinc (IndexError, found by tests/test_fuzz.py), so it
    # gets no scores instead
    texts = [classifier_text(s) for s in sentences]
    scored = iter(clf.pipe([t for t in texts if t], batch_size=64))
    return [dict(next(scored).cats) if t else {} for t in texts]
