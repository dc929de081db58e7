"""Typed records that travel between stages.

Every record that comes out of an article carries its provenance: the article
id, the sentence index and character offsets into the article's cleaned text.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date


def content_id(*parts: object, size: int = 16) -> str:
    """A stable id from content: the same parts always give the same id."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:size]


@dataclass(slots=True)
class Document:
    """A raw document as a source yields it, before cleaning."""

    location: str  # file path (with ":line" for JSONL) or URL
    content: str  # decoded text or HTML
    format: str  # "text" | "html"
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None  # outlet / site name
    crawled: date | None = None  # when a crawler fetched it (WARC-Date): the date if the page gives none


@dataclass(slots=True)
class Section:
    heading: str
    start: int  # span of the heading text in Article.text
    end: int

    def to_dict(self) -> dict:
        return {"heading": self.heading, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Article:
    id: str  # content hash of the cleaned text
    text: str
    url: str | None
    location: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    author: str | None = None
    language: str = "en"
    sections: list[Section] = field(default_factory=list)
    tone: float | None = None  # -100..+100 over the body, see nlp/tone.py

    def to_dict(self) -> dict:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d


@dataclass(slots=True)
class Sentence:
    article_id: str
    index: int
    start: int
    end: int
    text: str
    tone: float | None = None  # -100..+100, see nlp/tone.py


@dataclass(slots=True)
class ActorRef:
    """An actor as it appears at one place in an article.

    ``actor_id`` is the knowledge-base id (ISO3 for states, a slug or QID for
    people, an IGO id) or, for actors the KB does not hold, ``~slug``.
    ``reason`` says how the mention was resolved ("kb alias: head_of_state RUS
    on 2023-03-21", "metonym", "place: in Moscow", "coref: group", ...).
    """

    actor_id: str
    name: str
    kind: str  # state | person | igo | org | group
    country: str | None
    sector: str | None
    text: str
    start: int
    end: int
    reason: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "ActorRef":
        return cls(**{k: d.get(k) for k in cls.__slots__})


@dataclass(slots=True)
class Mention:
    article_id: str
    sentence_index: int
    actor: ActorRef
    method: str  # kb | role | ner | coref

    def to_dict(self) -> dict:
        return {
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "method": self.method,
            **self.actor.to_dict(),
        }


@dataclass(slots=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Event:
    id: str
    article_id: str
    sentence_index: int
    sentence: str
    trigger: Span
    type: str  # PLOVER event type
    mode: str | None
    context: str | None
    modality: str  # asserted | negated | future | hypothetical | historical
    source: list[ActorRef]
    target: list[ActorRef]
    cameo_root: str
    cameo_code: str
    goldstein: float
    quad_class: int
    confidence: float
    method: str  # trigger rule id
    # where and when (nlp/places.py, nlp/dates.py) and tone (nlp/tone.py)
    location: dict | None = None  # {name, country, admin1, lat, lon, precision, reason, text, start, end}
    date: str | None = None  # ISO date: the day, or the first day of the week, month or year
    date_precision: str | None = None  # day | week | month | year
    date_reason: str | None = None  # "clause: 'on Tuesday'", "publication date: ...", "undated: ..."
    tone: float | None = None  # -100..+100, see nlp/tone.py

    def to_dict(self) -> dict:
        d = asdict(self)
        d["trigger"] = self.trigger.to_dict()
        d["source"] = [a.to_dict() for a in self.source]
        d["target"] = [a.to_dict() for a in self.target]
        return d


@dataclass(slots=True)
class Quote:
    id: str
    article_id: str
    sentence_index: int
    text: str
    start: int
    end: int
    kind: str  # direct | indirect | mixed
    cue: str | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker: ActorRef | None
    # every member of a collective speaker ("both leaders": Xi and Putin);
    # empty when one actor speaks
    speakers: list[ActorRef] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["speaker"] = self.speaker.to_dict() if self.speaker else None
        d["speakers"] = [s.to_dict() for s in self.speakers]
        return d


@dataclass(slots=True)
class CodedArticle:
    """Everything one article yields: the unit a store write keeps whole."""

    article: Article
    sentences: list[Sentence]
    mentions: list[Mention]
    events: list[Event]
    quotes: list[Quote]
    places: list = field(default_factory=list)  # nlp.places.PlaceMention, not stored


@dataclass(slots=True)
class Outcome:
    """What happened to one input document."""

    location: str
    status: str  # stored | unchanged | rejected
    reason: str | None = None
    article_id: str | None = None
