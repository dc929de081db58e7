"""The flow, one article at a time or in batches:

    document ─► clean ─► (skip if stored) ─► parse ─► actors ─► events, quotes
             ─► store, with its duplicates, rewrites and story (ingest.dedup.record)

Each stage is a plain function (``ingest.clean.clean``, ``nlp.actors.ActorIndex``,
``nlp.events.extract_events``, ``nlp.quotes.extract_quotes``); this module only
strings them together and hands results to the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from .errors import InputError
from .ingest.clean import clean
from .ingest.dedup import record as record_copies
from .ingest.sources import iter_documents
from .kb import KnowledgeBase, load_kb
from .nlp.actors import ActorIndex
from .nlp.classify import Classifier, sentence_scores
from .nlp.events import (credit_quoted_events, extract_events, place_targets, quoted_charges, sentence_parties,
                         story_counterparts)
from .nlp.dates import date_events
from .nlp.parse import load_nlp
from .nlp.places import find_places, locate_events
from .nlp.quotes import extract_quotes
from .nlp.syntax import doc_text, sentence_numbers, sentences as parsed_sentences
from .nlp.tone import tone_events, tone_sentences
from .records import Article, CodedArticle, Document, Mention, Outcome, Sentence
from .settings import Settings


@dataclass(slots=True)
class Coder:
    """The loaded models and data a coding run needs, loaded once."""

    nlp: Language
    kb: KnowledgeBase
    settings: Settings
    classifier: Classifier | None = None  # the event classifier; None: the shipped one

    @classmethod
    def load(cls, settings: Settings | None = None) -> "Coder":
        settings = settings or Settings.from_env()
        return cls(load_nlp(settings.model), load_kb(extra=settings.kb_extra or None), settings)

    def code_doc(self, article: Article, doc: Doc) -> CodedArticle:
        sentences = []
        sent_index: dict[int, int] = {}
        whole = doc_text(doc)
        for i, s in enumerate(parsed_sentences(doc)):
            sent_index[s.start] = i
            raw = whole[s.start_char:s.end_char]
            text = raw.strip()
            start = s.start_char + (len(raw) - len(raw.lstrip()))
            sentences.append(Sentence(article.id, i, start, start + len(text), text))
        index = ActorIndex(doc, self.kb, article.published, self.nlp)
        sent_of = sentence_numbers(doc)
        mentions = [Mention(article.id, sent_of[m.start], m.ref, m.method) for m in index.all_mentions()]
        headings = [(s.start, s.end) for s in article.sections]
        # A heading restates its section: events are coded from the body only,
        # so each is counted once.
        heading_sents = {s.index for s in sentences if any(h0 <= s.start < h1 for h0, h1 in headings)}
        scores = dict(enumerate(sentence_scores(parsed_sentences(doc), self.classifier)))
        events = [e for e in extract_events(doc, index, article.id, article.published, sent_index, scores)
                  if e.sentence_index not in heading_sents]
        quotes = extract_quotes(doc, index, article.id, sent_index, headings)
        events = quoted_charges(credit_quoted_events(events, quotes), quotes, doc, mentions, article.published)
        # where, when and how: places, dates, tone (nlp/places.py, nlp/dates.py, nlp/tone.py)
        places = find_places(doc, index.mentions, sent_index, kb=self.kb)
        located = place_targets(locate_events(doc, events, places), self.kb)
        events = story_counterparts(sentence_parties(located, mentions, doc, self.kb))
        events = tone_events(doc, date_events(doc, events, article.published))
        sentences, article_tone = tone_sentences(sentences, heading_sents)
        article = replace(article, tone=article_tone)
        return CodedArticle(article, sentences, mentions, events, quotes, places)

    def code(self, articles: list[Article]) -> list[CodedArticle]:
        docs = self.nlp.pipe((a.text for a in articles), batch_size=self.settings.batch_size)
        return [self.code_doc(a, d) for a, d in zip(articles, docs)]


def process(text: str, date: date | None = None, title: str | None = None, url: str | None = None,
            html: bool = False, coder: Coder | None = None) -> CodedArticle:
    """Code one text in memory, no store: ``worldwire.process(text, date=...)``."""
    coder = coder or Coder.load()
    doc = Document(location=url or "<text>", content=text, format="html" if html else "text", url=url,
                   title=title, published=date)
    article = clean(doc, coder.settings, default_date=date)
    return coder.code([article])[0]


def batches(items: Iterable, size: int) -> Iterator[list]:
    """Lists of at most ``size`` items, streamed."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(paths: Iterable[str], store, coder: Coder, default_date: date | None = None) -> Iterator[Outcome]:
    """Read, clean, code and store; one Outcome per document, errors included.

    Articles already in the store are not parsed again (identity is the hash
    of the cleaned text); a new location of a stored article is recorded.
    """
    yield from ingest_documents(iter_documents(paths, coder.settings.max_bytes), store, coder, default_date)


def ingest_documents(items: Iterable[Document | InputError | Outcome], store, coder: Coder,
                     default_date: date | None = None) -> Iterator[Outcome]:
    """Clean, code and store documents already read (files, fetched pages); one Outcome each.

    An InputError in the stream is reported as rejected with its reason; an
    Outcome (a source that decided already, e.g. a page the server says is
    unchanged) is passed on as it is.
    """
    settings = coder.settings
    for batch in batches(items, settings.batch_size):
        todo: list[Article] = []
        copies: list[Article] = []  # same text twice in one batch
        for item in batch:
            if isinstance(item, Outcome):
                yield item
                continue
            if isinstance(item, InputError):
                yield Outcome(item.path if item.line is None else f"{item.path}:{item.line}", "rejected", item.reason)
                continue
            try:
                article = clean(item, settings, default_date=default_date)
            except InputError as e:
                yield Outcome(item.location, "rejected", e.reason)
                continue
            if any(a.id == article.id for a in todo):
                copies.append(article)
                continue
            if store.has_article(article.id):
                new_place = store.add_location(article.id, article.location, article.url)
                yield Outcome(article.location, "location" if new_place else "unchanged", None, article.id)
                continue
            todo.append(article)
        for coded in coder.code(todo):
            # duplicates, rewrites and stories are matched in the article's own transaction
            status = store.write(coded, coder.kb, also=lambda: record_copies(store, [coded.article]))
            yield Outcome(coded.article.location, status, None, coded.article.id)
        for article in copies:
            new_place = store.add_location(article.id, article.location, article.url)
            yield Outcome(article.location, "location" if new_place else "unchanged", None, article.id)
