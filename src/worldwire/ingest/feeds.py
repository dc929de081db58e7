"""Feed rounds: fetch RSS/Atom feeds, then the pages of their new entries.

A round fetches every feed (conditionally: a 304 means nothing new), parses
it with feedparser, and fetches the link of each entry the store has not seen
from that feed, through the same :class:`~worldwire.ingest.fetch.Fetcher`
(same address, robots.txt, size and type checks) and the same pipeline as
``worldwire fetch``. An entry is remembered as seen (``feed_entries``,
migration 6) once its page was stored or rejected for good; a page that
failed for a reason that may pass (a timeout, HTTP 5xx) is tried again next
round.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import feedparser

from ..errors import FetchError, InputError
from .fetch import FEED_TYPES, Fetched, Fetcher, PageResult, UrlState, fetch_and_ingest


@dataclass(frozen=True, slots=True)
class Entry:
    key: str  # the entry's id (guid), else its link
    link: str
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True, slots=True)
class FeedReport:
    """What a round did with one feed: fetched (with its entries and how many
    were new), unchanged (304) or rejected (with the reason)."""

    url: str
    status: str  # fetched | unchanged | rejected
    entries: int = 0
    new: int = 0
    reason: str | None = None


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs from a file: one a line; blank lines and lines starting with # are skipped,
    and anything after the URL (a ``# comment``) is ignored."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(path), f"cannot read the feed list: {e}") from e
    urls = []
    for line in text.splitlines():
        words = line.split()
        if words and not words[0].startswith("#"):
            urls.append(words[0])
    return list(dict.fromkeys(urls))


def parse_feed(got: Fetched) -> list[Entry]:
    """The entries of a fetched RSS or Atom feed, links made absolute; FetchError when it is not a feed."""
    parsed = feedparser.parse(io.BytesIO(got.content),
                              response_headers={"content-location": got.final_url,
                                                "content-type": got.content_type or "application/xml"})
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise FetchError(got.url, "not an RSS or Atom feed" + (f" ({problem})" if problem else ""))
    entries = []
    for e in parsed.entries:
        link = e.get("link")
        if not link:
            continue
        link = urljoin(got.final_url, link.strip())
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        published = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        entries.append(Entry(e.get("id") or link, link, e.get("title"), published))
    return entries


def feed_round(feeds: Iterable[str], fetcher: Fetcher, store, coder,
               default_date: date | None = None) -> Iterator[FeedReport | PageResult]:
    """One round over ``feeds``: a FeedReport per feed, then a PageResult per new entry's page."""
    state = UrlState(store)
    todo: dict[str, list[tuple[str, Entry]]] = {}  # link -> the (feed, entry) pairs that list it
    fetched: dict[str, tuple[Fetched, int]] = {}  # feed -> its response, entries still to store
    for feed_url in feeds:
        try:
            got = fetcher.fetch(feed_url, FEED_TYPES, state.validators(feed_url))
            if got.not_modified:
                state.record(feed_url, "feed", "unchanged", got)
                yield FeedReport(feed_url, "unchanged")
                continue
            entries = parse_feed(got)
        except FetchError as e:
            state.record(feed_url, "feed", "rejected", reason=e.reason, http_status=e.status)
            yield FeedReport(feed_url, "rejected", reason=e.reason)
            continue
        new = [e for e in entries if not state.seen(feed_url, e.key)]
        fetched[feed_url] = (got, len(new))
        yield FeedReport(feed_url, "fetched", len(entries), len(new))
        for entry in new:
            todo.setdefault(entry.link, []).append((feed_url, entry))
    dates = {link: pairs[0][1].published for link, pairs in todo.items() if pairs[0][1].published}
    for result in fetch_and_ingest(list(todo), fetcher, store, coder, default_date, dates):
        if not result.transient:
            for feed_url, entry in todo.get(result.outcome.location, []):
                state.mark_seen(feed_url, entry.key, entry.link)
                got, left = fetched[feed_url]
                fetched[feed_url] = (got, left - 1)
        yield result
    # A feed's validators are kept only once every new entry of it is stored or
    # rejected for good: otherwise a 304 next round would hide the entries left.
    for feed_url, (got, left) in fetched.items():
        state.record(feed_url, "feed", "fetched", got if left == 0 else None, http_status=got.status)
