"""Cleaning: a raw document becomes an Article (text, title, date, headings).

HTML goes through trafilatura (main-text extraction, metadata); plain-text
scraped pages through :mod:`worldwire.ingest.textpage`. Both end as paragraphs
joined by blank lines, with section headings recorded as character spans.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import trafilatura
from lxml import etree
from spacy.lang.en.stop_words import STOP_WORDS

from ..errors import InputError
from ..records import Article, Document, Section, content_id
from ..settings import Settings
from .textpage import is_furniture, parse_scraped_text

# English news prose has 35-50% stop words; other languages rarely pass 15%
# of *English* stop words. Measured on the sample corpus and on German, French
# and Spanish news paragraphs (tests/test_clean.py).
ENGLISH_STOPWORD_SHARE = 0.15
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def english_share(text: str) -> float:
    words = _WORD_RE.findall(text.lower()[:20000])
    return sum(w in STOP_WORDS for w in words) / len(words) if words else 0.0


def identity_text(text: str) -> str:
    """The form of a text that decides identity: whitespace, quotes, case normalised."""
    t = text.translate(str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-"}))
    return re.sub(r"\s+", " ", t).strip().casefold()


def assemble(blocks: list[tuple[str, str]]) -> tuple[str, list[Section]]:
    """Join blocks into the article text; headings become Sections with spans."""
    parts: list[str] = []
    sections: list[Section] = []
    pos = 0
    for kind, block in blocks:
        block = re.sub(r"\s+", " ", block).strip()
        if not block:
            continue
        if parts:
            pos += 2  # the "\n\n" separator
        if kind == "heading":
            sections.append(Section(block, pos, pos + len(block)))
        parts.append(block)
        pos += len(block)
    return "\n\n".join(parts), sections


def _html_blocks(doc: Document) -> tuple[list[tuple[str, str]], dict]:
    try:
        xml = trafilatura.extract(
            doc.content,
            output_format="xml",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            url=doc.url,
        )
    except Exception as e:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(doc.location, f"malformed HTML ({type(e).__name__}: {e})") from e
    if not xml:
        raise InputError(doc.location, "no article text found in the HTML")
    root = etree.fromstring(xml.encode("utf-8"))
    meta = {k: root.get(k) for k in ("title", "author", "date", "sitename", "url")}
    title = (meta.get("title") or doc.title or "").strip()
    blocks: list[tuple[str, str]] = []
    main = root.find("main")
    # text straight inside <main> or between its elements (a page whose text
    # sits in <html> with no <body> or <p>) was dropped: it is a paragraph too
    loose = etree.Element("p")
    loose.text = main.text if main is not None else None
    items = [loose] if main is not None else []
    for el in (main if main is not None else []):
        items.append(el)
        if el.tail and el.tail.strip():
            tail = etree.Element("p")
            tail.text = el.tail
            items.append(tail)
    for el in items:
        text = " ".join("".join(el.itertext()).split())
        if not text:
            continue
        if el.tag == "head":
            if _same(text, title):
                continue
            if not title and el.get("rend") == "h1" and not blocks:
                meta["title"] = text
                continue
            blocks.append(("heading", text))
        elif not is_furniture(text):
            blocks.append(("p", text))
    while blocks and blocks[-1][0] == "heading":
        blocks.pop()
    return blocks, meta


def _same(a: str, b: str) -> bool:
    return identity_text(a) == identity_text(b)


# C0 control characters other than tab, newline, form feed and CR, and lone
# UTF-16 surrogates (JSON "\ud800" escapes): lxml rejects the first (a single
# ESC byte cost a page all its text), UTF-8 encoding the second (a crash).
# Zero-width spaces and joiners, word joiner and stray BOMs go too: a flood of
# them glued to words ("\ufeffand") hid every name from the actor matcher.
_UNSAFE_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff\u200b-\u200d\u2060\ufeff]")
# A plain-text page longer than this many times max_chars is rejected before
# parsing: its body could not fit max_chars, and the line filter costs seconds
# per megabyte (a 10 MB single line took 25 s to reach the same verdict).
TEXT_PAGE_MAX_FACTOR = 2
_HTML_START = ("<!doctype html", "<html", "<head>", "<body")
_TAG_RE = re.compile(r"<[A-Za-z!/?]")


def sanitize(text: str) -> str:
    """Drop control characters and lone surrogates that no article contains."""
    return _UNSAFE_CHARS_RE.sub("", text)


def effective_format(doc: Document) -> str:
    """The document's format, corrected when the name lies: a .txt holding an
    HTML page is HTML, a .html holding no tag at all is plain text."""
    if doc.format == "text" and doc.content.lstrip()[:200].lower().startswith(_HTML_START):
        return "html"
    if doc.format == "html" and not _TAG_RE.search(doc.content):
        return "text"
    return doc.format


def clean(doc: Document, settings: Settings | None = None, default_date: date | None = None) -> Article:
    """Turn a document into an article, or raise InputError with the reason."""
    settings = settings or Settings()
    doc = replace(doc, content=sanitize(doc.content))
    doc = replace(doc, format=effective_format(doc))
    if doc.format != "html" and len(doc.content) > TEXT_PAGE_MAX_FACTOR * settings.max_chars:
        raise InputError(doc.location, f"text too long to be one article ({len(doc.content):,} characters before "
                                       f"cleaning; limit {TEXT_PAGE_MAX_FACTOR} x max_chars {settings.max_chars:,})")
    if doc.format == "html":
        blocks, meta = _html_blocks(doc)
        title = doc.title or meta.get("title")
        published = doc.published
        if published is None and meta.get("date"):
            try:
                published = date.fromisoformat(meta["date"][:10])
            except ValueError:
                published = None
        author = meta.get("author")
        source = doc.source or meta.get("sitename")
        url = doc.url or meta.get("url")
    else:
        page = parse_scraped_text(doc.content)
        blocks = page.blocks
        title = doc.title or page.headline
        published = doc.published or page.published
        author, source, url = page.author, doc.source or page.site, doc.url
        if title:
            blocks = [b for b in blocks if not _same(b[1], title)]
    text, sections = assemble(blocks)
    n_words = len(text.split())
    # a long text of few "words" is Chinese, Japanese, Thai...: say it is not
    # English rather than that it is short
    unspaced = len(text) > 15 * max(n_words, 1) and english_share(text) < ENGLISH_STOPWORD_SHARE
    if n_words < settings.min_words and not unspaced:
        raise InputError(doc.location, f"too little article text after cleaning ({n_words} words, need {settings.min_words})")
    if len(text) > settings.max_chars:
        raise InputError(doc.location, f"article text too long ({len(text):,} characters, limit {settings.max_chars:,})")
    share = english_share(text)
    if share < ENGLISH_STOPWORD_SHARE:
        raise InputError(doc.location, f"not English (English stop-word share {share:.0%}); only English is coded")
    return Article(
        id=content_id(identity_text(text)),
        text=text,
        url=url,
        location=doc.location,
        title=title,
        published=published or doc.crawled or default_date,
        source=source,
        author=author,
        sections=sections,
    )
