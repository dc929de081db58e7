"""Property-based fuzzing (issue 10, item 2): every parser, the cleaning and
extraction stages and the coder raise nothing but worldwire's own documented
errors (WorldwireError: InputError and friends) on any input.

The suite runs a bounded, derandomised profile (50 examples a test). A longer,
random run: ``HYPOTHESIS_PROFILE=fuzz-long .venv/bin/python -m pytest -q tests/test_fuzz.py``
(2,000 examples a test; see README "Bad input and crash safety").
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worldwire.errors import WorldwireError
from worldwire.ingest.clean import assemble, clean, english_share, identity_text
from worldwire.ingest.decode import decode_bytes
from worldwire.ingest.sources import _gunzip, _jsonl_documents, parse_date, read_path
from worldwire.ingest.textpage import find_date, find_site, is_furniture, parse_scraped_text
from worldwire.records import Article, Document, content_id
from worldwire.settings import Settings

settings.register_profile("fuzz-ci", max_examples=50, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz-long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FUZZ = settings.get_profile("fuzz-long" if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz-long" else "fuzz-ci")

# -- strategies -------------------------------------------------------------------

WORDS = ["Russia", "China", "Ukraine", "Putin", "Xi Jinping", "Zelensky", "NATO", "the United Nations", "Kishida",
         "said", "met", "visited", "will", "not", "would", "accused", "signed", "an agreement", "talks", "attack",
         "sanctions", "the minister", "he", "she", "they", "in Moscow", "on Tuesday", "2023", "March 21", "of",
         "and", "the", "to", "with", "Beijing", "Kyiv", "'", '"', "“", "”", "‘", "’", ",", ".", "?", "!", ":", ";",
         "—", "-", "(", ")", "\n", "\n\n", "  ", "\t", "Home >", "Share", "Read more:", "By", "Published",
         "©", "|", "•", "e.g.", "U.S.", "Mr.", "é", "ß", "д", "中", "🙂", "\u200b", "\u00a0", "…", "A" * 40]
news_text = st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join)
any_text = st.one_of(st.text(max_size=400), news_text,
                     st.lists(st.one_of(news_text, st.text(max_size=40)), max_size=8).map("\n".join))

TAGS = ["p", "div", "span", "h1", "h2", "h3", "article", "main", "nav", "footer", "header", "aside", "table", "tr",
        "td", "ul", "li", "a", "b", "i", "script", "style", "blockquote", "br", "img", "title", "head", "body",
        "html", "time", "meta", "figure", "figcaption", "iframe", "form", "noscript", "template", "svg"]
ATTRS = ["", ' class="content"', ' id="main"', ' href="/x"', ' property="og:title" content="Talks"',
         ' itemprop="datePublished" content="2023-03-21"', ' name="author" content="A. Writer"', ' style="x"']


@st.composite
def html_pages(draw, depth: int = 0):
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 9 if depth < 4 else 2))
        if kind <= 2:
            parts.append(draw(news_text))
        elif kind == 3:
            parts.append(draw(st.sampled_from(["<", ">", "&", "&amp;", "&#0;", "&#x110000;", "<!--", "-->",
                                               "<![CDATA[", "]]>", "<?xml version='1.0'?>", "<!DOCTYPE html>",
                                               "</p>", "</div>", "<p", "\x00", "\x1b", "\ud800"])))
        else:
            tag = draw(st.sampled_from(TAGS))
            attr = draw(st.sampled_from(ATTRS))
            inner = draw(html_pages(depth + 1))
            close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}>"]))
            parts.append(f"<{tag}{attr}>{inner}{close}")
    return "".join(parts)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30) | news_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
records = st.fixed_dictionaries({}, optional={
    "url": json_values, "title": json_values, "published": st.one_of(json_values, st.dates().map(str),
                                                                      st.datetimes().map(lambda d: d.isoformat() + "Z")),
    "source": json_values, "text": st.one_of(json_values, news_text),
    "html": st.one_of(json_values, st.sampled_from(["<p>x</p>", "<html><body><p>Talks</p></body></html>"])),
})
jsonl_lines = st.one_of(records.map(json.dumps), json_values.map(json.dumps), st.text(max_size=80),
                        records.map(lambda r: json.dumps(r)[: len(json.dumps(r)) // 2]))
jsonl_files = st.lists(jsonl_lines, max_size=6).map("\n".join)


def _only_our_errors(call):
    try:
        return call()
    except WorldwireError:
        return None


# -- sources --------------------------------------------------------------------------

@FUZZ
@given(jsonl_files)
def test_jsonl_lines_become_documents_or_input_errors(text):
    from worldwire.errors import InputError

    for item in _jsonl_documents(text, "fuzz.jsonl"):
        assert isinstance(item, (Document, InputError))
        if isinstance(item, Document):
            assert isinstance(item.content, str) and item.content.strip()
            assert item.published is None or isinstance(item.published, date)


@FUZZ
@given(st.one_of(json_values, st.text(max_size=40)))
def test_parse_date_raises_only_value_error(value):
    try:
        parse_date(value)
    except ValueError:
        pass


@FUZZ
@given(st.one_of(st.binary(max_size=2000), any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                 any_text.map(lambda t: t.encode("utf-16")),
                 any_text.map(lambda t: t.encode("latin-1", "replace"))))
def test_decode_bytes_gives_text_or_input_error(data):
    text = _only_our_errors(lambda: decode_bytes(data, "fuzz.txt"))
    assert text is None or isinstance(text, str)


@FUZZ
@given(st.one_of(st.binary(max_size=600), st.binary(max_size=600).map(gzip.compress)), st.integers(0, 700),
       st.integers(1, 5000))
def test_gunzip_of_any_bytes_or_any_truncation(data, cut, max_bytes):
    out = _only_our_errors(lambda: _gunzip(data[:cut], "fuzz.txt.gz", max_bytes))
    assert out is None or len(out) <= max_bytes


@FUZZ
@given(st.binary(max_size=1500), st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.txt.gz", "a.jsonl.gz", "a.warc",
                                                  "a.warc.gz", "a.unknown"]))
def test_read_path_of_any_bytes_under_any_name(data, name):
    from worldwire.errors import InputError

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(gzip.compress(data) if name.endswith(".gz") and data[:1] == b"\x00" else data)
        for item in read_path(str(path), max_bytes=10_000):
            assert isinstance(item, (Document, InputError))


# -- cleaning ---------------------------------------------------------------------------

@FUZZ
@given(any_text)
def test_parse_scraped_text_gives_blocks(text):
    page = parse_scraped_text(text)
    assert all(kind in ("p", "heading") and isinstance(block, str) for kind, block in page.blocks)
    for line in text.splitlines()[:5]:
        is_furniture(line)
        find_date(line)
        find_site(line)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["p", "heading"]), any_text), max_size=6))
def test_assemble_section_spans_index_the_text(blocks):
    text, sections = assemble(blocks)
    for s in sections:
        assert text[s.start:s.end] == s.heading


@FUZZ
@given(any_text)
def test_identity_and_language_share_never_fail(text):
    assert 0.0 <= english_share(text) <= 1.0
    content_id(identity_text(text))


def _check_article(article):
    if article is None:
        return
    assert isinstance(article, Article) and len(article.text.split()) >= 1
    article.text.encode("utf-8")  # no lone surrogates reach the store
    assert "\x00" not in article.text
    for s in article.sections:
        assert article.text[s.start:s.end] == s.heading


@FUZZ
@given(any_text, st.sampled_from(["text", "html"]))
def test_clean_random_text_gives_article_or_input_error(text, fmt):
    doc = Document(location="fuzz", content=text, format=fmt)
    _check_article(_only_our_errors(lambda: clean(doc, Settings(min_words=3))))


@FUZZ
@given(html_pages())
def test_clean_random_html_gives_article_or_input_error(html):
    doc = Document(location="fuzz.html", content=html, format="html")
    _check_article(_only_our_errors(lambda: clean(doc, Settings(min_words=3))))


# -- the coder (parse, actors, events, quotes, places, dates, tone) ------------------------

@FUZZ
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join).filter(str.strip),
                min_size=1, max_size=2), st.one_of(st.none(), st.dates()))
def test_coder_on_random_short_texts(coder, texts, on):
    articles = [Article(id=content_id(t, i), text=t, url=None, location="fuzz", published=on)
                for i, t in enumerate(texts)]
    for coded in coder.code(articles):
        n = len(coded.article.text)
        for s in coded.sentences:
            assert 0 <= s.start <= s.end <= n
        for e in coded.events:
            assert 0 <= e.trigger.start <= e.trigger.end <= n
        for q in coded.quotes:
            assert 0 <= q.start <= q.end <= n
