"""Tone: how positive or negative the words of an article, a sentence or an
event's clause are, on GDELT's AvgTone scale.

    tone = 100 × (positive words − negative words) / words

Words are rated by VADER (``vaderSentiment`` 3.3.2, its 7,500-entry lexicon
of words rated by people, with its rules: a negation flips a word ("not
good"), boosters scale it, "but" shifts weight to what follows). A word
counts as positive or negative by the sign VADER gives it in context;
``words`` is every word of the text. This is GDELT's AvgTone construction
(the share of positive words minus the share of negative words, in percent)
with VADER's lexicon in place of GDELT's, so the range is −100..+100 and news
text usually falls between −10 and +10; 0 is neutral or balanced.

- sentence tone: over the sentence;
- article tone: over all body sentences together (headings excluded),
  i.e. the word-weighted mean of its sentences;
- event tone: over the event's clause (the trigger's clause without nested
  clauses; the whole sentence when that clause has fewer than 4 words).

Texts without words have no tone (None).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from ..records import Event, Sentence
from .places import clause_tokens, trigger_token

MIN_CLAUSE_WORDS = 4


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    class Valences(SentimentIntensityAnalyzer):
        """VADER that keeps the per-word valences it computes."""

        def score_valence(self, sentiments, text):  # noqa: D401 - VADER's hook
            self.last = list(sentiments)
            return super().score_valence(sentiments, text)

    return Valences()


def counts(text: str) -> tuple[int, int, int]:
    """(positive words, negative words, words) of a text."""
    if not text or not text.strip():
        return 0, 0, 0
    # an event's clause is often its whole sentence, and one sentence holds several events
    return _counts(text.strip())


@lru_cache(maxsize=4096)
def _counts(text: str) -> tuple[int, int, int]:
    vader = _analyzer()
    vader.last = []
    vader.polarity_scores(text)
    vals = vader.last
    return sum(1 for v in vals if v > 0), sum(1 for v in vals if v < 0), len(vals)


def from_counts(pos: int, neg: int, words: int) -> float | None:
    return round(100.0 * (pos - neg) / words, 2) if words else None


def tone(text: str) -> float | None:
    """Tone of a text on the −100..+100 scale; None without words."""
    return from_counts(*counts(text))


def tone_sentences(sentences: list[Sentence], skip: set[int] = frozenset()) -> tuple[list[Sentence], float | None]:
    """Sentences with their tone, and the article's tone over those not in ``skip`` (headings)."""
    out, P, N, W = [], 0, 0, 0
    for s in sentences:
        p, n, w = counts(s.text)
        out.append(replace(s, tone=from_counts(p, n, w)))
        if s.index not in skip:
            P, N, W = P + p, N + n, W + w
    return out, from_counts(P, N, W)


def tone_events(doc: Doc, events: list[Event]) -> list[Event]:
    out = []
    for e in events:
        text = e.sentence
        tok = trigger_token(doc, e)
        if tok is not None:
            _, clause = clause_tokens(tok)
            words = [doc[i] for i in sorted(clause)]
            if sum(1 for t in words if not t.is_punct) >= MIN_CLAUSE_WORDS:
                text = "".join(t.text_with_ws for t in words)
        out.append(replace(e, tone=tone(text)))
    return out
