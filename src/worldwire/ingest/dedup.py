"""Dedup: near duplicates by MinHash LSH, rewrites by fact fingerprints.

Every stored article gets a fingerprint, kept in the store so that a later
process matches new articles without reading any stored text again:

- ``text``: MinHash (datasketch, ``NUM_PERM`` permutations) of the article's
  word 4-shingles after identity normalisation (case, quotes, whitespace).
  Syndicated copies share most shingles whatever their furniture, headline or
  dateline; spun copies share few (one word in three replaced breaks most
  4-word windows).
- ``facts``: the exact set of what survives spinning — named entities
  (capitalised words), numbers (digits and number words) and quotations
  (word 3-grams inside quotation marks), each hashed to 64 bits — plus its
  MinHash for the LSH index.
- ``words``: MinHash of the set of content words (no stop words): a spinner
  that replaces a third of the words still leaves about half of the content
  vocabulary, while two independent reports of one happening share a fifth.

Candidates come from LSH: each MinHash is cut into ``BANDS`` bands of
``ROWS`` rows (datasketch's banding); every band is hashed to one 64-bit key
and stored in ``dedup_bands``, so that candidates are the articles sharing a
key, found with one SQL query. Candidates are then checked with the decision
rule (:func:`relation`):

- **duplicate** when the estimated Jaccard similarity of the text shingles is
  at least ``DUPLICATE_JACCARD``, or at least ``CUT_JACCARD`` with the smaller
  text at least ``DUPLICATE_CONTAINMENT`` contained in the other (a copy cut
  short);
- **rewrite** otherwise, when both have at least ``REWRITE_MIN_FACTS`` facts,
  the facts' Jaccard similarity is at least ``REWRITE_FACTS`` and the content
  words' at least ``REWRITE_WORDS``.

The numbers are tuned on the labelled corpus of ``tests/dedup_corpus.py``
(originals, syndicated copies, spun copies, other reports of the same five
stories); ``.venv/bin/python bench/dedup_eval.py --pairs`` prints the
distributions they separate and the precision and recall they give. Measured
there (seeds 7, 11, 23): duplicates have text Jaccard 0.78-0.99, rewrites
0.02-0.27 (the hand-written d_06: 0.27), other reports of the same story at
most 0.06; fact Jaccard is at least 0.53 for rewrites (a spun copy against a
copy cut short) and at most 0.24 between different reports; content-word
Jaccard at least 0.41 for rewrites, at most 0.33 between different reports.

A copy group has one canonical article, the *report*: the earliest
published, else the most complete (more than ``COMPLETE_MARGIN`` more
distinct shingles: a paragraph more, not an added credit line), else the
first stored. Every other member points at it with ``duplicate_of`` or
``rewrite_of``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH
from spacy.lang.en.stop_words import STOP_WORDS

from .clean import identity_text

# -- tuned numbers (re-measure: .venv/bin/python bench/dedup_eval.py --pairs) --
SHINGLE_WORDS = 4  # w-shingles of 4 words: a third of words replaced leaves ~20% of them
NUM_PERM = 128  # MinHash permutations: std. error of a Jaccard estimate <= 0.045
WORDS_PERM = 128  # the content-word MinHash is only verified, never banded
SEED = 1
BANDS, ROWS = 32, 4  # LSH: P(candidate) = 1-(1-J^4)^32: J=0.5 -> 0.87, 0.6 -> 0.99, 0.7 -> 0.9999, 0.2 -> 0.05
DUPLICATE_JACCARD = 0.5  # duplicates measured >= 0.78, rewrites <= 0.27
DUPLICATE_CONTAINMENT = 0.8  # a copy cut short: most of the smaller text inside the larger ...
CUT_JACCARD = 0.3  # ... and a Jaccard estimate above MinHash noise (containment from it is unreliable below)
REWRITE_FACTS = 0.4  # rewrites measured >= 0.53 (against a cut copy), different reports <= 0.24
REWRITE_WORDS = 0.35  # rewrites measured >= 0.41, different reports <= 0.33
REWRITE_MIN_FACTS = 8  # fewer facts are no evidence (a brief, a list of numbers)
MIN_SHINGLES = 8  # fewer shingles: too short to call a near duplicate
COMPLETE_MARGIN = 0.05  # on the same day, a copy must be 5% longer to count as more complete
# Fingerprints made with other numbers cannot be compared: the scheme is
# stored with each fingerprint and mixed into every band key.
SCHEME = f"w{SHINGLE_WORDS}-p{NUM_PERM}-q{WORDS_PERM}-s{SEED}-b{BANDS}x{ROWS}-affine32"

_NORM = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:'[^\W\d_]+)*|\d(?:[\d,.]*\d)?")
_QUOTE = re.compile(r'"([^"\n]+)"')
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "_ _ two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split()) if w != "_"}
_NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80",
                      "ninety": "90", "hundred": "100", "thousand": "1000", "million": "1000000",
                      "billion": "1000000000", "dozen": "12"})


@lru_cache(maxsize=1 << 18)
def _h64(text: str) -> int:
    """A stable signed 64-bit hash (DuckDB BIGINT)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


_M = np.uint64(0x9E3779B97F4A7C15)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every bit of the input moves every bit of the output."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(text: str, k: int = SHINGLE_WORDS) -> np.ndarray:
    """Distinct 64-bit hashes of the word k-shingles of the identity form of a text
    (each word hashed once, the k hashes of a window combined)."""
    words = _WORD.findall(identity_text(text))
    if not words:
        return np.zeros(0, dtype=np.uint64)
    h = np.array([_h64(w) for w in words], dtype=np.int64).view(np.uint64)
    if len(h) < k:
        k = len(h)
    with np.errstate(over="ignore"):
        acc = h[: len(h) - k + 1].copy()
        for j in range(1, k):
            acc = acc * _M + h[j: len(h) - k + 1 + j]
        return np.unique(_mix(acc))


def _identity(x):
    return x


# One permutation set each, shared by every MinHash (datasketch draws them from SEED).
_TEXT_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity)
_FACT_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED + 1, hashfunc=_identity)
_WORDS_TEMPLATE = MinHash(num_perm=WORDS_PERM, seed=SEED + 2, hashfunc=_identity)
# datasketch's banding for (BANDS, ROWS); kept to document and check the layout.
_LSH = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
assert _LSH.b * _LSH.r <= NUM_PERM


def _minhash(template: MinHash, hashes) -> np.ndarray:
    """datasketch MinHash of 64-bit hashes (their low 32 bits, which datasketch mixes again)."""
    m = MinHash(num_perm=template.num_perm, seed=template.seed, hashfunc=_identity,
                permutations=template.permutations, scheme="affine32")
    low = (np.asarray(hashes, dtype=np.int64).view(np.uint64) & np.uint64(0xFFFFFFFF)).tolist()
    if low:
        m.update_batch(low)
    return m.hashvalues.astype(np.uint32)


def band_keys(signature: np.ndarray, index: str) -> list[int]:
    """One 64-bit key per LSH band: equal keys mean the band's rows are equal."""
    return [_h64(f"{SCHEME}|{index}|{b}|" + signature[b * ROWS:(b + 1) * ROWS].tobytes().hex())
            for b in range(BANDS)]


# -- features ----------------------------------------------------------------
def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if len(w) > 2 and not w.isdigit() and w not in STOP_WORDS}


def is_heading(paragraph: str) -> bool:
    """A short line without a final stop: a section heading, spun or dropped by copiers."""
    return len(paragraph.split()) <= 12 and not paragraph.rstrip().endswith(tuple(".!?\"'"))


@dataclass(slots=True)
class Facts:
    """What survives spinning: entities, numbers and quotations of a text."""

    entities: list[str] = field(default_factory=list)  # lower-cased capitalised words
    paragraphs: list[int] = field(default_factory=list)  # of each entity: 0 the lead, 1, 2, ... (headings skipped)
    numbers: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)  # word 3-grams inside quotation marks

    def features(self) -> set[str]:
        return ({"e:" + x for x in self.entities} | {"n:" + x for x in self.numbers}
                | {"q:" + x for x in self.quotes})


def facts(text: str) -> Facts:
    """Entities, numbers and quotations of a text; headings are left out.

    An entity is a capitalised word (or an abbreviation such as U.S.) that is
    not a stop word; at the start of a sentence only if the text also
    capitalises it elsewhere ("Russia", not "Meanwhile").
    """
    out = Facts()
    t = text.translate(_NORM)
    initial: list[tuple[str, int]] = []
    inner: set[str] = set()
    n = -1
    for para in t.split("\n\n"):
        if not para.strip() or is_heading(para):
            continue
        n += 1
        for m in _TOKEN.finditer(para):
            tok = m.group(0)
            if tok[0].isdigit():
                out.numbers.append(tok.replace(",", ""))
                continue
            low = tok.lower()
            if low in _NUMBER_WORDS:
                out.numbers.append(_NUMBER_WORDS[low])
                continue
            if not tok[0].isupper():
                continue
            key = (low[:-2] if low.endswith("'s") else low).replace(".", "")
            if len(key) < 2 or key in STOP_WORDS:
                continue
            j = m.start() - 1
            while j >= 0 and para[j] in " \"'(\n\t":
                j -= 1
            if j < 0 or para[j] in ".!?:;":
                initial.append((key, n))
            else:
                inner.add(key)
                out.entities.append(key)
                out.paragraphs.append(n)
        for q in _QUOTE.findall(para):
            w = _WORD.findall(q.casefold())
            if len(w) >= 3:
                out.quotes += [" ".join(w[i:i + 3]) for i in range(len(w) - 2)]
            elif len(w) == 2:
                out.quotes.append(" ".join(w))
    for key, n in initial:
        if key in inner:
            out.entities.append(key)
            out.paragraphs.append(n)
    return out


# -- fingerprints ------------------------------------------------------------
@dataclass(slots=True)
class Fingerprint:
    article_id: str
    n_shingles: int
    text: np.ndarray  # uint32[NUM_PERM]
    words: np.ndarray  # uint32[WORDS_PERM]
    n_words: int  # distinct content words
    facts: np.ndarray  # sorted int64 hashes of the fact features
    facts_sig: np.ndarray  # uint32[NUM_PERM]
    scheme: str = SCHEME

    def keys(self) -> list[int]:
        """LSH band keys: text bands when the text is long enough, fact bands when there are enough facts."""
        keys = band_keys(self.text, "text") if self.n_shingles >= MIN_SHINGLES else []
        if len(self.facts) >= REWRITE_MIN_FACTS:
            keys += band_keys(self.facts_sig, "facts")
        return keys


def fingerprint(article_id: str, text: str, found: Facts | None = None) -> Fingerprint:
    """The fingerprint of a cleaned text (``found``: its facts, when already
    extracted). Any string is fine, the empty one too."""
    text = text if isinstance(text, str) else ""
    sh = shingle_hashes(text)
    words = [_h64(w) for w in content_words(text)]
    feats = sorted({_h64(f) for f in (found or facts(text)).features()})
    return Fingerprint(
        article_id=article_id,
        n_shingles=len(sh),
        text=_minhash(_TEXT_TEMPLATE, sh),
        words=_minhash(_WORDS_TEMPLATE, words),
        n_words=len(words),
        facts=np.array(feats, dtype=np.int64),
        facts_sig=_minhash(_FACT_TEMPLATE, feats),
    )


# -- the decision rule -------------------------------------------------------
@dataclass(slots=True)
class Comparison:
    text_jaccard: float
    containment: float
    facts_jaccard: float
    words_jaccard: float
    n_facts: int  # the smaller fact count

    def to_dict(self) -> dict:
        return {k: round(getattr(self, k), 3) if isinstance(getattr(self, k), float) else getattr(self, k)
                for k in self.__slots__}


def compare(a: Fingerprint, b: Fingerprint) -> Comparison:
    if a.n_shingles and b.n_shingles:
        tj = float(np.mean(a.text == b.text))
        inter = tj / (1 + tj) * (a.n_shingles + b.n_shingles)
        cont = min(1.0, inter / min(a.n_shingles, b.n_shingles))
    else:
        tj = cont = 0.0
    wj = float(np.mean(a.words == b.words)) if a.n_words and b.n_words else 0.0
    if len(a.facts) and len(b.facts):
        common = len(np.intersect1d(a.facts, b.facts, assume_unique=True))
        fj = common / (len(a.facts) + len(b.facts) - common)
    else:
        fj = 0.0
    return Comparison(tj, cont, fj, wj, min(len(a.facts), len(b.facts)))


def relation(c: Comparison, n_shingles: int = MIN_SHINGLES) -> str | None:
    """``duplicate``, ``rewrite`` or None (see the module docstring)."""
    if n_shingles >= MIN_SHINGLES and (
            c.text_jaccard >= DUPLICATE_JACCARD
            or (c.text_jaccard >= CUT_JACCARD and c.containment >= DUPLICATE_CONTAINMENT)):
        return "duplicate"
    if c.n_facts >= REWRITE_MIN_FACTS and c.facts_jaccard >= REWRITE_FACTS and c.words_jaccard >= REWRITE_WORDS:
        return "rewrite"
    return None


def score(c: Comparison, rel: str | None) -> float:
    """How strong a relation is, to pick the best of several candidates."""
    if rel == "duplicate":
        return 2.0 + c.text_jaccard
    if rel == "rewrite":
        return 1.0 + (c.facts_jaccard + c.words_jaccard) / 2
    return 0.0


def comes_first(a: tuple, b: tuple) -> bool:
    """Whether article ``a`` should be its group's report rather than ``b``;
    each is (published, n_shingles, order stored, id). The earliest published
    wins; on the same day the more complete, when it is more than
    ``COMPLETE_MARGIN`` longer (a paragraph more, not a credit line); else
    the first stored."""
    (pa, na, oa, ia), (pb, nb, ob, ib) = a, b
    if pa != pb:
        return (pa or date.max) < (pb or date.max)
    if abs(na - nb) > COMPLETE_MARGIN * max(na, nb):
        return na > nb
    return (oa, ia) < (ob, ib)


# -- matching against the store ---------------------------------------------
def _kind(m) -> str | None:
    return "duplicate" if m.duplicate_of else "rewrite" if m.rewrite_of else None


def record(store, articles: list) -> list[dict]:
    """Match newly stored articles against the store and each other, in order,
    and write their fingerprints, band keys, copy groups and stories.

    Runs inside the caller's transaction (``Store.write(..., also=...)``), so
    an article and its rows are committed together. Nothing stored is read but
    fingerprints, band keys and story terms: no text is read again.
    Returns one row per article: article_id, report_id, duplicate_of,
    rewrite_of, story_id.
    """
    import time

    from ..analysis import stories as st
    from ..store import stories as q

    if not articles:
        return []
    found = [facts(a.text or "") for a in articles]
    fps = [fingerprint(a.id, a.text, f) for a, f in zip(articles, found)]
    keys = {f.article_id: f.keys() for f in fps}
    by_key: dict[int, set[str]] = {}
    for k, aid in q.band_matches(store, [k for ks in keys.values() for k in ks]):
        by_key.setdefault(k, set()).add(aid)
    stored = q.load(store, sorted({aid for ids in by_key.values() for aid in ids}))
    batch: dict[str, q.Stored] = {}
    batch_keys: dict[int, list[str]] = {}
    changed: dict[str, q.Stored] = {}
    similarity: dict[str, dict | None] = {}
    t0 = time.time()

    def get(aid: str):
        if aid in batch:
            return batch[aid]
        if aid not in stored:
            stored.update(q.load(store, [aid]))
        return stored.get(aid)

    def ckey(m) -> tuple:
        return (m.published, m.fp.n_shingles, m.order, m.fp.article_id)

    for i, (a, fp) in enumerate(zip(articles, fps)):
        me = q.Stored(fp, a.published, t0 + i * 1e-3, a.id, None, None, "")
        cands = set()
        for k in keys[a.id]:
            cands |= by_key.get(k, set())
            cands.update(batch_keys.get(k, ()))
        cands.discard(a.id)
        best = None
        for cid in sorted(cands):
            other = get(cid)
            if other is None:
                continue
            c = compare(fp, other.fp)
            rel = relation(c, min(fp.n_shingles, other.fp.n_shingles))
            if rel and (best is None or score(c, rel) > best[0]):
                best = (score(c, rel), cid, rel, c)
        batch[a.id] = me
        for k in keys[a.id]:
            batch_keys.setdefault(k, []).append(a.id)
        if best is None:
            similarity[a.id] = None
            continue
        _, cid, rel, c = best
        report_id = get(cid).report_id
        rep = get(report_id)
        if rep is None:  # a dangling group: treat the candidate as its report
            report_id, rep = cid, get(cid)
        if comes_first(ckey(me), ckey(rep)):
            # the new article is earlier (or more complete): it becomes the report
            # the group as it stands now: stored rows not re-pointed earlier in
            # this batch, stored rows re-pointed to it, batch members
            group = {mid for mid in q.members(store, [report_id]).get(report_id, [])
                     if (m := get(mid)) is not None and m.report_id == report_id}
            group |= {mid for mid, m in list(stored.items()) + list(batch.items()) if m.report_id == report_id}
            group.discard(a.id)
            for mid in sorted(group):
                m = get(mid)
                if m is None:
                    continue
                cm = compare(m.fp, fp)
                kind = relation(cm, min(m.fp.n_shingles, fp.n_shingles)) or _kind(m) or rel
                m.report_id = a.id
                m.duplicate_of = a.id if kind == "duplicate" else None
                m.rewrite_of = a.id if kind == "rewrite" else None
                similarity[mid] = cm.to_dict()
                if mid not in batch:
                    changed[mid] = m
            me.story_id = rep.story_id
            similarity[a.id] = None
        else:
            cr = c if cid == report_id else compare(fp, rep.fp)
            kind = relation(cr, min(fp.n_shingles, rep.fp.n_shingles)) or rel
            me.report_id = report_id
            me.duplicate_of = report_id if kind == "duplicate" else None
            me.rewrite_of = report_id if kind == "rewrite" else None
            me.story_id = rep.story_id
            similarity[a.id] = cr.to_dict()

    # stories: copies follow their report's story; each new group is clustered once
    terms = {a.id: st.terms(a, f) for a, f in zip(articles, found)}
    n = q.add_terms(store, terms)
    published = {a.id: a.published for a in articles}
    groups: dict[str, list[str]] = {}
    for a in articles:
        if not batch[a.id].story_id:
            groups.setdefault(batch[a.id].report_id, []).append(a.id)
    items = [st.StoryItem(ids[0], published[ids[0]] or date.today(), terms[ids[0]]) for ids in groups.values()]
    scores: dict[str, float | None] = {}
    if items:
        days = [it.day for it in items]
        window = timedelta(days=st.WINDOW_DAYS)
        candidates = q.window_reports(store, min(days) - window, max(days) + window)
        needed = {t for c in candidates for t in c.terms} | {t for it in items for t in it.terms}
        st.assign(items, candidates, q.term_df(store, needed), n)
        for it, ids in zip(items, groups.values()):
            for aid in ids:
                batch[aid].story_id = it.story_id
            scores[it.article_id] = it.score

    q.save_fingerprints(store, fps, keys)
    rows = [{"article_id": a.id, "report_id": batch[a.id].report_id, "duplicate_of": batch[a.id].duplicate_of,
             "rewrite_of": batch[a.id].rewrite_of, "similarity": similarity.get(a.id), "story_id": batch[a.id].story_id,
             "story_score": scores.get(a.id)} for a in articles]
    q.save_links(store, rows, [{"article_id": m.fp.article_id, "report_id": m.report_id, "duplicate_of": m.duplicate_of,
                                "rewrite_of": m.rewrite_of, "similarity": similarity.get(m.fp.article_id)}
                               for m in changed.values()])
    return [{k: r[k] for k in ("article_id", "report_id", "duplicate_of", "rewrite_of", "story_id")} for r in rows]


def reindex(store, batch_size: int = 500) -> int:
    """Fingerprint and match stored articles that have no fingerprint of the
    current scheme (stored before migration 2, by ``Store.write`` without the
    pipeline, or under other tuned numbers), oldest publication first, from
    their stored text. Returns how many were matched."""
    from ..records import Article
    from ..store import stories as q

    ids = q.unindexed(store)
    if not ids:
        return 0
    rows = store.con.execute(
        """SELECT id, text, url, location, title, published, source FROM articles
           WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY published NULLS LAST, ingested_at, id""", [ids]).fetchall()
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        q.forget(store, ids)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    for start in range(0, len(rows), batch_size):
        chunk = [Article(id=r[0], text=r[1], url=r[2], location=r[3], title=r[4], published=r[5], source=r[6])
                 for r in rows[start:start + batch_size]]
        con.execute("BEGIN TRANSACTION")
        try:
            record(store, chunk)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return len(rows)
