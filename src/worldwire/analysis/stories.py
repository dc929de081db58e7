"""Stories: different reports of the same happening, clustered as they arrive.

A *report* is the canonical article of a copy group (its duplicates and
rewrites follow it, see :mod:`worldwire.ingest.dedup`). A story is a set of
reports from any outlets, each published within ``WINDOW_DAYS`` of a report
of the story it is similar to.

Terms of a report: the named entities of its text — who and where, the
capitalised words that :func:`worldwire.ingest.dedup.facts` finds — weighted
by where they stand: title x3, lead paragraph x2, the rest x1 (a report names
its happening up front; the background comes later). Stored in
``story_terms``; their document frequencies in ``story_term_df``.

Similarity: the cosine of the log-tf x idf vectors, idf =
ln((N + IDF_PRIOR + 1)/(df + 0.5)) over every stored article, so that names
every report carries (Russia, the United States) weigh little and the names
of the happening (Hiroshima, Tegh, Jeddah) weigh much. ``IDF_PRIOR`` counts
unrelated articles a young store has not seen yet: without it the first few
dozen articles weigh any shared name as common and join almost nothing
(same-story pairs together 0.18-0.30 on the test corpus, against 0.44-0.46
with 20; with 50, the two summits merge at a threshold of 0.3).

Decision: a new report joins the story of its most similar report within
``WINDOW_DAYS`` when the cosine is at least ``THRESHOLD`` (single link to one
story: existing stories are never merged); otherwise it begins a story.
The threshold is set for no merge of different happenings on the labelled
corpus of tests/dedup_corpus.py (five stories, two of them with the same
actors in the same week: Xi and Putin in Moscow, the G7 with Kishida and
Zelensky in Hiroshima); ``.venv/bin/python bench/dedup_eval.py`` prints the
merges and how many same-story pairs are joined.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from scipy.sparse import csr_matrix

from ..ingest.dedup import Facts, facts
from ..records import Article, content_id

WINDOW_DAYS = 7  # a report joins a story with a report at most a week before or after it
THRESHOLD = 0.35  # cosine; test corpus (seeds 7, 11, 23): the two summits (A, B) merge at 0.25, none at 0.3 and up
WEIGHTS = {"title": 3.0, "lead": 2.0, "body": 1.0}
MAX_TERMS = 60  # the heaviest terms kept per article
IDF_PRIOR = 20  # pseudo-count of unrelated articles in the idf


def terms(article: Article, found: Facts | None = None) -> dict[str, float]:
    """The weighted entity terms of an article (``e:hiroshima`` -> 5.0);
    ``found``: the facts of its text, when already extracted."""
    found = found or facts(article.text or "")
    out: Counter[str] = Counter()
    for e, n in zip(found.entities, found.paragraphs):
        out["e:" + e] += WEIGHTS["lead"] if n == 0 else WEIGHTS["body"]
    named = set(found.entities)
    # a title in title case capitalises every word: only names the text also uses count
    for e in facts((article.title or "").strip() + ".").entities:
        if e in named:
            out["e:" + e] += WEIGHTS["title"]
    return dict(out.most_common(MAX_TERMS))


def story_id(article_id: str) -> str:
    return content_id("story", article_id)


def idf(df: int, n: int) -> float:
    """Inverse document frequency over the store, as if it also held
    ``IDF_PRIOR`` unrelated articles: a young store (the first few dozen
    articles) does not yet know which names are common, and without the
    prior two reports sharing a name weigh it as common."""
    return math.log((n + IDF_PRIOR + 1) / (df + 0.5))


@dataclass(slots=True)
class StoryItem:
    """A newly stored article waiting for its story."""

    article_id: str
    day: date
    terms: dict[str, float]
    story_id: str | None = None  # already known: a copy follows its report
    score: float | None = None


@dataclass(slots=True)
class Candidate:
    """A stored report within the window."""

    article_id: str
    story_id: str
    day: date
    terms: dict[str, float]


def _matrix(rows: list[dict[str, float]], vocab: dict[str, int], weights: np.ndarray) -> csr_matrix:
    data, ind, ptr = [], [], [0]
    for r in rows:
        for t, tf in r.items():
            if t in vocab:
                ind.append(vocab[t])
                data.append((1.0 + math.log(tf)) if tf >= 1 else tf)
        ptr.append(len(ind))
    m = csr_matrix((np.array(data, dtype=np.float64), np.array(ind, dtype=np.int64), np.array(ptr, dtype=np.int64)),
                   shape=(len(rows), len(vocab)))
    m = m.multiply(weights[np.newaxis, :]).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(m.multiply(1.0 / norms[:, np.newaxis]))


def assign(items: list[StoryItem], candidates: list[Candidate], df: dict[str, int], n: int) -> None:
    """Give every item without a story one, in order (sets ``story_id`` and ``score``).

    ``candidates`` are the stored reports within the window of the items,
    ``df`` the document frequencies of their terms (the items' included) and
    ``n`` the number of articles counted in ``df``.
    """
    todo = [it for it in items if it.story_id is None]
    if not todo:
        return
    vocab: dict[str, int] = {}
    for r in [c.terms for c in candidates] + [it.terms for it in todo]:
        for t in r:
            vocab.setdefault(t, len(vocab))
    weights = np.zeros(len(vocab))
    for t, i in vocab.items():
        weights[i] = idf(df.get(t, 1), n)
    new = _matrix([it.terms for it in todo], vocab, weights)
    old = _matrix([c.terms for c in candidates], vocab, weights)
    to_old = (new @ old.T).toarray() if candidates else np.zeros((len(todo), 0))
    to_new = (new @ new.T).toarray()
    window = timedelta(days=WINDOW_DAYS)
    for i, it in enumerate(todo):
        best: tuple[float, str | None] = (0.0, None)
        for k, c in enumerate(candidates):
            if abs(c.day - it.day) <= window and to_old[i, k] > best[0]:
                best = (float(to_old[i, k]), c.story_id)
        for j in range(i):
            if abs(todo[j].day - it.day) <= window and to_new[i, j] > best[0]:
                best = (float(to_new[i, j]), todo[j].story_id)
        if best[1] is not None and best[0] >= THRESHOLD:
            it.story_id, it.score = best[1], round(best[0], 4)
        else:
            it.story_id, it.score = story_id(it.article_id), None
