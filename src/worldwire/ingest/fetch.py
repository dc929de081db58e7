"""Fetching pages from the web, safely and politely, into the pipeline.

:class:`Fetcher` asks for one URL and either returns its body (or "not
modified") or raises :class:`~worldwire.errors.FetchError` with the reason.
What it checks, on every request and on every redirect hop:

- the scheme is http or https;
- the host's addresses (all that ``getaddrinfo`` returns) are public: a
  private, loopback, link-local, multicast, reserved or unspecified address
  (also inside IPv4-mapped, 6to4 and Teredo IPv6 addresses) is refused unless
  the policy allows private addresses;
- the request then goes to the address that was checked (the URL's host
  replaced by the IP, the name in the ``Host`` header and, for https, in
  the TLS SNI and certificate check), so a second DNS answer (DNS rebinding)
  is never used;
- robots.txt of the host allows worldwire's user agent (fetched once per host
  and cached; a robots.txt that answers 401/403, 5xx or cannot be fetched
  forbids the whole host, one that is missing (other 4xx) allows it);
- at least ``host_delay`` seconds (or the robots.txt ``Crawl-delay``, when
  longer, up to ``max_crawl_delay``) pass between the end of one request to a
  host and the start of the next;
- redirects are followed by hand, at most ``max_redirects`` of them, each hop
  checked as above; httpx never follows one itself;
- the content type is one the caller accepts (pages: HTML, XHTML, plain text;
  feeds: RSS, Atom, XML);
- the body is at most ``max_bytes`` (decompressed), read as a stream and cut
  off at the limit; connect, each read and the whole response share one
  ``timeout``.

Conditional requests: given the ETag and Last-Modified remembered for a URL,
the request carries If-None-Match and If-Modified-Since, and a 304 answer is
"not modified". :class:`UrlState` keeps them, per URL, in the store
(``fetch_state``, migration 6), and :func:`ingest_urls` runs fetched pages
through the pipeline exactly like ingested files.

Connections are not kept alive (each request opens its own, to the address
just checked) and proxy variables from the environment are ignored, since a
proxy would connect to addresses worldwire never checked.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import Message
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin

import httpx

from ..errors import FetchError, InputError
from ..records import Document, Outcome
from ..store.db import _now
from .decode import decode_bytes

try:
    _VERSION = version("worldwire")
except PackageNotFoundError:  # running from a source tree that is not installed
    _VERSION = "0"

USER_AGENT = f"worldwire/{_VERSION} (news event coder; respects robots.txt)"

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "text/html", "text/plain")
REDIRECTS = {301, 302, 303, 307, 308}
TRANSIENT = {408, 425, 429, 500, 502, 503, 504}
ROBOTS_MAX_BYTES = 512_000
ROBOTS_RETRY = 60.0  # seconds before a robots.txt that failed for a passing reason is asked for again

Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address ``getaddrinfo`` gives for ``host`` (IPv4 and IPv6), in its order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def address_problem(address: str) -> str | None:
    """Why an address is not a public one ("loopback", "private", ...), or None when it is."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            inner = address_problem(str(embedded))
            if inner:
                return f"{inner}, inside an IPv6 address"
    for name in ("loopback", "link_local", "unspecified", "multicast", "reserved", "private"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    if not ip.is_global:
        return "not globally routable"
    return None


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What the fetcher allows; every limit has a default and a CLI option."""

    allow_private: bool = False
    timeout: float = 20.0  # seconds: connect, each read, and the whole response
    max_bytes: int = 20_000_000  # body, decompressed
    max_redirects: int = 5
    host_delay: float = 1.0  # seconds between requests to one host
    max_crawl_delay: float = 30.0  # a robots.txt Crawl-delay longer than this is cut to it
    robots_ttl: float = 3600.0  # seconds a host's robots.txt is kept
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said about a URL last time, for a conditional request."""

    url: str  # the URL (after redirects) that gave them
    etag: str | None = None
    last_modified: str | None = None


@dataclass(slots=True)
class Fetched:
    """A fetched URL: its body, or ``not_modified`` after a 304."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content: bytes = b""
    content_type: str | None = None  # media type, lower case, no parameters
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text: the charset the server names, else detected (as for files)."""
        if self.charset and self.content.strip():
            try:
                return self.content.decode(self.charset)
            except (LookupError, UnicodeDecodeError):
                pass
        return decode_bytes(self.content, self.url)

    def document(self) -> Document:
        fmt = "text" if self.content_type == "text/plain" else "html"
        return Document(location=self.url, content=self.text(), format=fmt, url=self.final_url)


def _media_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media = header.split(";", 1)[0].strip().lower()
    msg = Message()
    msg["content-type"] = header
    charset = msg.get_param("charset")
    return media or None, charset if isinstance(charset, str) else None


class Fetcher:
    """Fetches URLs under a :class:`FetchPolicy`.

    ``resolver(host, port)`` returns the host's addresses (default:
    ``getaddrinfo``); ``transport`` is an httpx transport (default: httpx's
    own); ``clock`` and ``sleep`` time the per-host delay. Tests inject all
    four.
    """

    def __init__(self, policy: FetchPolicy | None = None, resolver: Resolver | None = None,
                 transport: httpx.BaseTransport | None = None,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.policy = policy or FetchPolicy()
        self.resolver = resolver or resolve
        self.clock = clock
        self.sleep = sleep
        self.client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=False,
            trust_env=False,  # no proxies from the environment: they would connect to unchecked addresses
            limits=httpx.Limits(max_keepalive_connections=0),
            headers={"User-Agent": self.policy.user_agent},
        )
        self._last: dict[str, float] = {}  # host -> end of its last request (clock)
        # origin -> (parser, when read, why it forbids everything or None, whether that may pass)
        self._robots: dict[str, tuple[urllib.robotparser.RobotFileParser, float, str | None, bool]] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the public call ------------------------------------------------------
    def fetch(self, url: str, accept: tuple[str, ...] = PAGE_TYPES,
              validators: Validators | None = None) -> Fetched:
        """Fetch ``url``, following redirects by hand; FetchError when refused or failed."""
        return self._fetch(url, accept, validators, robots=True, max_bytes=self.policy.max_bytes)

    # -- the steps ------------------------------------------------------------
    def _fetch(self, url: str, accept: tuple[str, ...] | None, validators: Validators | None,
               robots: bool, max_bytes: int) -> Fetched:
        current = url
        for hop in range(self.policy.max_redirects + 1):
            parts = self._check_url(url, current)
            addresses = self._addresses(url, current, parts)
            if robots:
                self._check_robots(url, current, parts)
            headers = {}
            if validators is not None and validators.url == current:
                if validators.etag:
                    headers["If-None-Match"] = validators.etag
                if validators.last_modified:
                    headers["If-Modified-Since"] = validators.last_modified
            result = self._request(url, current, parts, addresses, headers, accept, max_bytes)
            if isinstance(result, Fetched):
                return result
            current = result  # a redirect: the next hop
        raise FetchError(url, f"too many redirects (more than {self.policy.max_redirects})")

    def _check_url(self, url: str, current: str):
        try:
            parts = httpx.URL(current)
        except (httpx.InvalidURL, TypeError) as e:
            raise FetchError(url, f"not a valid URL: {current!r} ({e})") from e
        if parts.scheme not in ("http", "https"):
            raise FetchError(url, f"only http and https URLs are fetched, not {current!r}")
        if not parts.host:
            raise FetchError(url, f"no host in {current!r}")
        return parts

    def _addresses(self, url: str, current: str, parts: httpx.URL) -> list[str]:
        host, port = parts.raw_host.decode("ascii"), parts.port or (443 if parts.scheme == "https" else 80)
        try:
            addresses = self.resolver(host, port)
        except (OSError, UnicodeError) as e:
            raise FetchError(url, f"cannot resolve {host}: {e}", transient=True) from e
        if not addresses:
            raise FetchError(url, f"cannot resolve {host}: no address", transient=True)
        if not self.policy.allow_private:
            for address in addresses:
                problem = address_problem(address)
                if problem:
                    via = "" if current == url else f" (redirected to {current})"
                    what = address if host.strip("[]") == address else f"{host} resolves to {address}, which"
                    raise FetchError(url, f"refused: {what} is a private/loopback address ({problem}){via}; "
                                          f"use --allow-private to fetch it")
        return addresses

    def _wait(self, host: str, delay: float) -> None:
        last = self._last.get(host)
        if last is None:
            return
        target = last + delay
        while (now := self.clock()) < target:
            self.sleep(target - now)

    def _delay(self, parts: httpx.URL) -> float:
        delay = self.policy.host_delay
        cached = self._robots.get(_origin(parts))
        if cached is not None:
            crawl = cached[0].crawl_delay(self.policy.user_agent)
            if crawl:
                delay = max(delay, min(float(crawl), self.policy.max_crawl_delay))
        return delay

    def _request(self, url: str, current: str, parts: httpx.URL, addresses: list[str], headers: dict,
                 accept: tuple[str, ...] | None, max_bytes: int) -> Fetched | str:
        """One request to the checked address: the Fetched result, or the URL a redirect points to."""
        host = parts.raw_host.decode("ascii")
        headers["Host"] = parts.netloc.decode("ascii")
        extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
        self._wait(host.lower(), self._delay(parts))
        deadline = self.clock() + self.policy.timeout
        try:
            last_error: Exception | None = None
            for address in addresses:
                target = parts.copy_with(host=address.split("%", 1)[0])
                request = self.client.build_request("GET", target, headers=headers, extensions=extensions)
                try:
                    response = self.client.send(request, stream=True)
                except httpx.ConnectError as e:  # try the next checked address
                    last_error = e
                    continue
                try:
                    return self._read(url, current, response, accept, max_bytes, deadline)
                finally:
                    response.close()
            raise FetchError(url, f"cannot connect to {host}: {last_error}", transient=True)
        except httpx.TimeoutException as e:
            raise FetchError(url, f"timed out after {self.policy.timeout:g} s ({type(e).__name__})",
                             transient=True) from e
        except httpx.DecodingError as e:
            raise FetchError(url, f"undecodable response from {host}: {e}") from e
        except httpx.HTTPError as e:
            raise FetchError(url, f"HTTP error from {host}: {type(e).__name__}: {e}", transient=True) from e
        finally:
            self._last[host.lower()] = self.clock()

    def _read(self, url: str, current: str, response: httpx.Response, accept: tuple[str, ...] | None,
              max_bytes: int, deadline: float) -> Fetched | str:
        status = response.status_code
        if status in REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise FetchError(url, f"HTTP {status} redirect without a Location header", status=status)
            return urljoin(current, location.strip())
        etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
        if status == 304:
            return Fetched(url, current, 304, etag=etag, last_modified=modified)
        if status != 200:
            raise FetchError(url, f"HTTP {status} {response.reason_phrase}".rstrip()
                             + ("" if current == url else f" from {current}"),
                             transient=status in TRANSIENT, status=status)
        ctype, charset = _media_type(response.headers.get("content-type"))
        if accept is not None and ctype not in accept:
            raise FetchError(url, f"content type {ctype or '(none)'} is not one fetched "
                                  f"({', '.join(accept)})", status=status)
        length = response.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise FetchError(url, f"too large: {int(length):,} bytes (limit {max_bytes:,})", status=status)
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > max_bytes:
                raise FetchError(url, f"too large: more than {max_bytes:,} bytes (limit {max_bytes:,})",
                                 status=status)
            if self.clock() > deadline:
                raise FetchError(url, f"timed out after {self.policy.timeout:g} s (the whole response)",
                                 transient=True, status=status)
        return Fetched(url, current, status, bytes(body), ctype, charset, etag, modified)

    # -- robots.txt -----------------------------------------------------------
    def _check_robots(self, url: str, current: str, parts: httpx.URL) -> None:
        origin = _origin(parts)
        cached = self._robots.get(origin)
        # a robots.txt that failed for a reason that may pass is asked for again after a minute
        ttl = min(self.policy.robots_ttl, ROBOTS_RETRY) if cached and cached[3] else self.policy.robots_ttl
        if cached is None or self.clock() - cached[1] > ttl:
            cached = self._load_robots(origin)
            self._robots[origin] = cached
        parser, _, failure, transient = cached
        if not parser.can_fetch(self.policy.user_agent, current):
            why = failure or f"{origin}/robots.txt disallows it"
            via = "" if current == url else f" (redirected to {current})"
            raise FetchError(url, f"refused by robots.txt: {why}{via}", transient=transient)

    def _load_robots(self, origin: str) -> tuple[urllib.robotparser.RobotFileParser, float, str | None, bool]:
        """RFC 9309: a missing robots.txt (4xx but 401/403) allows everything; one that
        cannot be read (401/403, 5xx, timeout, refused) forbids everything."""
        parser = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        try:
            got = self._fetch(f"{origin}/robots.txt", None, None, robots=False,
                              max_bytes=min(ROBOTS_MAX_BYTES, self.policy.max_bytes))
        except FetchError as e:
            parser.modified()
            if e.status is not None and 400 <= e.status < 500 and e.status not in (401, 403):
                parser.allow_all = True
                return parser, self.clock(), None, False
            parser.disallow_all = True
            transient = e.transient or (e.status is not None and e.status >= 500)
            return parser, self.clock(), f"{origin}/robots.txt could not be read ({e.reason})", transient
        parser.parse(got.content.decode("utf-8", errors="replace").splitlines())
        return parser, self.clock(), None, False


def _origin(parts: httpx.URL) -> str:
    default = {"http": 80, "https": 443}[parts.scheme]
    port = parts.port or default
    host = parts.raw_host.decode("ascii").lower()
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{host}" + ("" if port == default else f":{port}")


# -- state: what was fetched, per URL, kept in the store (migration 6) ------------
@dataclass(slots=True)
class UrlRecord:
    url: str
    kind: str
    final_url: str | None
    etag: str | None
    last_modified: str | None
    http_status: int | None
    status: str
    reason: str | None
    fetched_at: datetime
    article_id: str | None


class UrlState:
    """Per-URL fetch state in a worldwire store: validators for conditional
    requests, the last status, when, and the article a page holds; and the
    feed entries already seen."""

    KEEP = ("stored", "location", "unchanged", "fetched")  # statuses whose validators are worth sending

    def __init__(self, store):
        self.con = store.con

    def get(self, url: str) -> UrlRecord | None:
        row = self.con.execute(
            "SELECT url, kind, final_url, etag, last_modified, http_status, status, reason, fetched_at, article_id"
            " FROM fetch_state WHERE url = ?", [url]).fetchone()
        return UrlRecord(*row) if row else None

    def validators(self, url: str) -> Validators | None:
        rec = self.get(url)
        if rec is None or rec.status not in self.KEEP or not (rec.etag or rec.last_modified):
            return None
        return Validators(rec.final_url or url, rec.etag, rec.last_modified)

    def record(self, url: str, kind: str, status: str, fetched: Fetched | None = None,
               reason: str | None = None, article_id: str | None = None, http_status: int | None = None) -> None:
        """Remember the latest fetch of ``url``; a 304 keeps the validators and article of the last one."""
        old = self.get(url)
        final_url = etag = modified = None
        if fetched is not None:
            final_url, etag, modified, http_status = (fetched.final_url, fetched.etag, fetched.last_modified,
                                                      fetched.status)
            if fetched.not_modified and old is not None:
                final_url = old.final_url
                etag = etag or old.etag
                modified = modified or old.last_modified
                article_id = article_id or old.article_id
        self.con.execute(
            "INSERT OR REPLACE INTO fetch_state (url, kind, final_url, etag, last_modified, http_status, status,"
            " reason, fetched_at, article_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [url, kind, final_url, etag, modified, http_status, status, reason, _now(), article_id])

    def seen(self, feed_url: str, key: str) -> bool:
        return self.con.execute("SELECT 1 FROM feed_entries WHERE feed_url = ? AND entry_key = ?",
                                [feed_url, key]).fetchone() is not None

    def mark_seen(self, feed_url: str, key: str, link: str) -> None:
        self.con.execute("INSERT OR IGNORE INTO feed_entries VALUES (?, ?, ?, ?)", [feed_url, key, link, _now()])


# -- into the pipeline --------------------------------------------------------------
@dataclass(slots=True)
class PageResult:
    """One page's Outcome, and whether a failure may pass if tried again later."""

    outcome: Outcome
    transient: bool = False
    fetched: Fetched | None = field(default=None, repr=False)


def fetch_and_ingest(urls: Iterable[str], fetcher: Fetcher, store, coder, default_date: date | None = None,
                     dates: dict[str, date] | None = None) -> Iterator[PageResult]:
    """Fetch each URL (conditionally, when the store remembers its validators),
    then clean, code and store it like an ingested file. ``dates``: a date per
    URL to use when the page carries none (a feed entry's date)."""
    from ..pipeline import ingest_documents

    state = UrlState(store)
    done: dict[str, Fetched | FetchError | InputError] = {}

    def documents() -> Iterator[Document | InputError | Outcome]:
        for url in dict.fromkeys(urls):
            try:
                got = fetcher.fetch(url, PAGE_TYPES, state.validators(url))
            except FetchError as e:
                done[url] = e
                yield e
                continue
            done[url] = got
            if got.not_modified:
                old = state.get(url)
                yield Outcome(url, "unchanged", None, old.article_id if old else None)
                continue
            try:
                doc = got.document()
            except InputError as e:
                done[url] = e
                yield e
                continue
            if dates and dates.get(url):
                doc.crawled = dates[url]
            yield doc

    for outcome in ingest_documents(documents(), store, coder, default_date):
        got = done.pop(outcome.location, None)
        fetched = got if isinstance(got, Fetched) else None
        status_code = got.status if isinstance(got, FetchError) else None
        state.record(outcome.location, "page", outcome.status, fetched, outcome.reason, outcome.article_id,
                     status_code)
        yield PageResult(outcome, isinstance(got, FetchError) and got.transient, fetched)


def ingest_urls(urls: Iterable[str], fetcher: Fetcher, store, coder,
                default_date: date | None = None) -> Iterator[Outcome]:
    """Fetch, clean, code and store pages; one Outcome per URL (the URL is its location)."""
    for result in fetch_and_ingest(urls, fetcher, store, coder, default_date):
        yield result.outcome
