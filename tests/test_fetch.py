"""Fetching and watching (ingest/fetch.py, ingest/feeds.py, cli/fetch.py), against local servers only.

Every server here is http.server in a thread on 127.0.0.1; "public" hosts are a
resolver that maps a name to a public-looking address and a transport that
routes that address to the local server. Nothing reaches the internet.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import httpx
import pytest
from click.testing import CliRunner

from worldwire.cli import cli
from worldwire.errors import FetchError
from worldwire.ingest.feeds import parse_feed, read_feed_list
from worldwire.ingest.fetch import (FEED_TYPES, USER_AGENT, Fetched, Fetcher, FetchPolicy, Validators,
                                    address_problem)
from worldwire.store import open_store
from worldwire.store.schema import MIGRATIONS

PUBLIC_IP = "93.184.216.34"  # a global address, routed to the local server by the test transport


def _page(title: str, published: str, paragraphs: list[str]) -> bytes:
    body = "\n".join(f"      <p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} | The Harbour Ledger</title>
  <meta property="og:title" content="{title}">
  <meta property="og:site_name" content="The Harbour Ledger">
  <meta property="article:published_time" content="{published}T09:00:00Z">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/markets">Markets</a></nav>
  <main>
    <article>
      <h1>{title}</h1>
{body}
    </article>
  </main>
  <footer><p>The Harbour Ledger, all rights reserved.</p></footer>
</body>
</html>
""".encode("utf-8")


ARTICLE = _page("Ghana and Togo agree to reopen border crossings", "2023-06-14", [
    "Ghana and Togo agreed on Wednesday to reopen three crossings on their shared border that were closed "
    "during a dispute over customs fees, the two foreign ministers said after talks in Accra.",
    "The Togolese minister said his government would cut the fees charged on Ghanaian trucks, and Ghana "
    "promised to speed up inspections at the Aflao crossing before the harvest season.",
    "Traders on both sides had urged the governments to settle the dispute, which stranded hundreds of "
    "vehicles loaded with cocoa, cement and fuel for more than a month.",
])
NEWS = {
    1: _page("Mongolia and South Korea sign mining cooperation pact", "2023-07-03", [
        "Mongolia and South Korea signed an agreement on Monday to cooperate on the mining of rare earth "
        "elements, officials in Ulaanbaatar said after a meeting of the two trade ministers.",
        "The South Korean minister said Seoul would help finance a processing plant near the Chinese border, "
        "and Mongolia pledged to give Korean firms access to new exploration licences.",
    ]),
    2: _page("Uruguay recalls its ambassador from Paraguay over river dispute", "2023-07-04", [
        "Uruguay recalled its ambassador from Paraguay on Tuesday after Asuncion rejected a proposal to share "
        "the cost of dredging the river that carries most of both countries' grain exports.",
        "The Uruguayan foreign minister accused Paraguay of breaking an earlier commitment and said talks "
        "would resume only when the two governments agreed on an independent survey of the channel.",
    ]),
    3: _page("Finland hosts Baltic ministers for talks on undersea cables", "2023-07-05", [
        "Finland hosted the foreign ministers of Estonia, Latvia and Lithuania in Helsinki on Wednesday for "
        "talks on protecting undersea cables and pipelines in the Baltic Sea after a series of breakdowns.",
        "The four ministers agreed to share data from coast guard patrols, and the Finnish minister said the "
        "governments would ask the European Union to fund new monitoring ships next year.",
    ]),
}


# -- a local server ----------------------------------------------------------------
class Server:
    """http.server on 127.0.0.1 in a thread; ``routes[path](handler)`` returns
    (status, headers, body) or None when it wrote the answer itself; every
    request is logged as (path, headers, monotonic time)."""

    def __init__(self):
        self.routes: dict = {}
        self.log: list[tuple[str, dict, float]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
                route = server.routes.get(self.path)
                answer = route(self) if route else (404, {"Content-Type": "text/plain"}, b"not found")
                if answer is None:
                    return
                status, headers, body = answer
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    if "Content-Length" not in headers:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [p for p, _, _ in self.log]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


def html(body: bytes, **headers):
    return lambda h: (200, {"Content-Type": "text/html; charset=utf-8", **headers}, body)


def local_fetcher(**policy) -> Fetcher:
    return Fetcher(FetchPolicy(**{"allow_private": True, "host_delay": 0.0, "timeout": 3.0, **policy}))


class Routed(httpx.BaseTransport):
    """Routes requests for PUBLIC_IP to the local server, records every request,
    and refuses to connect anywhere else (as the internet is not there)."""

    def __init__(self, port: int):
        self.port = port
        self.inner = httpx.HTTPTransport()
        self.seen: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        if request.url.host != PUBLIC_IP:
            raise httpx.ConnectError(f"test transport: no route to {request.url.host}", request=request)
        routed = httpx.Request(request.method, request.url.copy_with(host="127.0.0.1", port=self.port),
                               headers=request.headers, extensions=request.extensions)
        return self.inner.handle_request(routed)


def public_fetcher(server: Server, **policy) -> tuple[Fetcher, Routed, list]:
    """A fetcher (private addresses refused) where news.example.org is PUBLIC_IP, routed to ``server``."""
    transport = Routed(server.port)
    asked: list[str] = []
    table = {"news.example.org": [PUBLIC_IP], "127.0.0.1": ["127.0.0.1"], "169.254.169.254": ["169.254.169.254"]}

    def resolver(host, port):
        asked.append(host)
        return table[host]

    fetcher = Fetcher(FetchPolicy(**{"host_delay": 0.0, "timeout": 3.0, **policy}), resolver=resolver,
                      transport=transport)
    return fetcher, transport, asked


def _invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _articles(db: str) -> list[dict]:
    result = _invoke("articles", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- private addresses --------------------------------------------------------------
@pytest.mark.parametrize("address, problem", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.7", "private"),
    ("172.16.5.4", "private"), ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("224.0.0.251", "multicast"), ("ff02::1", "multicast"), ("0.0.0.0", "unspecified"), ("::", "unspecified"),
    ("240.0.0.1", "reserved"), ("100.64.0.1", "not globally routable"), ("fd00::1", "private"),
    ("::ffff:127.0.0.1", "loopback, inside an IPv6 address"), ("2002:7f00:1::", "loopback, inside an IPv6 address"),
])
def test_non_public_addresses_are_named(address, problem):
    assert address_problem(address) == problem


@pytest.mark.parametrize("address", [PUBLIC_IP, "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address):
    assert address_problem(address) is None


def test_fetch_cli_refuses_a_loopback_url_without_allow_private(server, tmp_path):
    server.routes["/article.html"] = html(ARTICLE)
    db = str(tmp_path / "w.duckdb")
    url = server.url("/article.html")
    result = _invoke("fetch", url, "--db", db, "--delay", "0")
    assert result.exit_code == 1
    assert f"error: {url}: refused: 127.0.0.1 is a private/loopback address (loopback)" in result.stderr
    assert "--allow-private" in result.stderr
    assert server.paths() == []  # neither the page nor robots.txt was asked for
    assert _articles(db) == []


def test_fetch_cli_stores_a_page_then_finds_it_unchanged(server, tmp_path):
    server.routes["/article.html"] = lambda h: (
        (304, {"ETag": '"v1"'}, b"") if h.headers.get("If-None-Match") == '"v1"'
        else (200, {"Content-Type": "text/html; charset=utf-8", "ETag": '"v1"',
                    "Last-Modified": "Wed, 14 Jun 2023 10:00:00 GMT"}, ARTICLE))
    server.routes["/missing.html"] = lambda h: (404, {"Content-Type": "text/html"}, b"<p>gone</p>")
    server.routes["/logo.png"] = lambda h: (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n")
    db = str(tmp_path / "w.duckdb")
    url, missing, logo = server.url("/article.html"), server.url("/missing.html"), server.url("/logo.png")

    first = _invoke("fetch", url, missing, logo, "--db", db, "--allow-private", "--delay", "0")
    assert first.exit_code == 1  # two bad URLs; the good page is stored all the same
    assert f"error: {missing}: HTTP 404 Not Found" in first.stderr
    assert f"error: {logo}: content type image/png is not one fetched" in first.stderr
    assert "2 rejected, 1 stored" in first.stderr
    [article] = _articles(db)
    assert (article["url"], article["title"], article["published"]) == (
        url, "Ghana and Togo agree to reopen border crossings", "2023-06-14")
    page_requests = [h for p, h, _ in server.log if p == "/article.html"]
    assert "worldwire" in page_requests[0]["user-agent"]

    second = _invoke("fetch", url, "--db", db, "--allow-private", "--delay", "0")  # a new process: state in the store
    assert second.exit_code == 0, second.output
    assert f"unchanged {article['id']}" in second.stderr
    last = [h for p, h, _ in server.log if p == "/article.html"][-1]
    assert last["if-none-match"] == '"v1"'
    assert last["if-modified-since"] == "Wed, 14 Jun 2023 10:00:00 GMT"
    with open_store(db, read_only=True) as store:
        row = store.con.execute("SELECT status, etag, article_id, kind FROM fetch_state WHERE url = ?",
                                [url]).fetchone()
    assert row == ("unchanged", '"v1"', article["id"], "page")


# -- redirects and DNS --------------------------------------------------------------
@pytest.mark.parametrize("private", ["http://127.0.0.1:{port}/secret", "http://169.254.169.254/latest/meta-data/"])
def test_a_redirect_from_a_public_host_to_a_private_address_is_refused(server, private):
    target = private.format(port=server.port)
    server.routes["/story"] = lambda h: (302, {"Location": target}, b"")
    server.routes["/secret"] = html(ARTICLE)
    fetcher, transport, asked = public_fetcher(server)
    with pytest.raises(FetchError) as e:
        fetcher.fetch("http://news.example.org/story")
    assert e.value.url == "http://news.example.org/story"
    assert "private/loopback address" in e.value.reason and f"redirected to {target}" in e.value.reason
    assert server.paths() == ["/robots.txt", "/story"]  # /secret never asked for
    assert {r.url.host for r in transport.seen} == {PUBLIC_IP}  # nothing sent anywhere else
    # the request went to the checked address, with the name in the Host header
    assert [(str(r.url), r.headers["host"]) for r in transport.seen][-1] == (
        f"http://{PUBLIC_IP}/story", "news.example.org")


def test_any_private_address_among_the_resolved_ones_is_refused(server):
    fetcher = Fetcher(FetchPolicy(host_delay=0), resolver=lambda host, port: [PUBLIC_IP, "10.0.0.8"],
                      transport=Routed(server.port))
    with pytest.raises(FetchError, match=r"news.example.org resolves to 10\.0\.0\.8, which is a private/loopback "
                                         r"address \(private\)"):
        fetcher.fetch("http://news.example.org/story")
    assert server.paths() == []


def test_a_name_is_checked_after_dns_resolution(server):
    server.routes["/a.html"] = html(ARTICLE)
    with pytest.raises(FetchError, match=r"refused: localhost resolves to (127\.0\.0\.1|::1), which is a "
                                         r"private/loopback address \(loopback\)"):
        Fetcher(FetchPolicy(host_delay=0)).fetch(f"http://localhost:{server.port}/a.html")  # getaddrinfo
    assert server.paths() == []


def test_https_goes_to_the_checked_address_with_the_name_for_sni_and_host():
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(404 if request.url.path == "/robots.txt" else 200,
                              headers={"Content-Type": "text/html"}, content=b"<p>ok</p>")

    calls = []
    fetcher = Fetcher(FetchPolicy(host_delay=0), transport=httpx.MockTransport(handler),
                      resolver=lambda host, port: calls.append((host, port)) or [PUBLIC_IP])
    got = fetcher.fetch("https://news.example.org/a?b=1")
    assert got.content == b"<p>ok</p>" and got.final_url == "https://news.example.org/a?b=1"
    assert calls == [("news.example.org", 443)] * 2  # robots.txt, then the page: resolved once per request
    for r in seen:
        assert r.url.host == PUBLIC_IP and r.url.scheme == "https"
        assert r.headers["host"] == "news.example.org"
        assert r.extensions["sni_hostname"] == "news.example.org"


def test_redirects_are_followed_by_hand_and_each_hop_checked(server):
    server.routes["/old"] = lambda h: (301, {"Location": "/new"}, b"")
    server.routes["/new"] = html(ARTICLE)
    fetcher, transport, asked = public_fetcher(server)
    got = fetcher.fetch("http://news.example.org/old")
    assert (got.url, got.final_url, got.status) == ("http://news.example.org/old", "http://news.example.org/new", 200)
    assert asked.count("news.example.org") == 3  # robots.txt, /old and /new: every request resolved and checked


def test_too_many_redirects_are_refused(server):
    for n in range(10):
        server.routes[f"/hop/{n}"] = (lambda n: lambda h: (302, {"Location": f"/hop/{n + 1}"}, b""))(n)
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        local_fetcher(max_redirects=3).fetch(server.url("/hop/0"))
    assert [p for p in server.paths() if p.startswith("/hop/")] == ["/hop/0", "/hop/1", "/hop/2", "/hop/3"]


def test_a_redirect_to_another_scheme_is_refused(server):
    server.routes["/ftp"] = lambda h: (302, {"Location": "file:///etc/passwd"}, b"")
    with pytest.raises(FetchError, match="only http and https"):
        local_fetcher().fetch(server.url("/ftp"))


# -- robots.txt -----------------------------------------------------------------------
def test_robots_txt_is_respected(server):
    server.routes["/robots.txt"] = lambda h: (200, {"Content-Type": "text/plain"},
                                              b"User-agent: *\nDisallow: /private/\n\n"
                                              b"User-agent: worldwire\nDisallow: /drafts/\n")
    server.routes["/private/memo.html"] = html(ARTICLE)
    server.routes["/drafts/a.html"] = html(ARTICLE)
    server.routes["/world/a.html"] = html(ARTICLE)
    fetcher = local_fetcher()
    assert fetcher.fetch(server.url("/world/a.html")).status == 200
    with pytest.raises(FetchError, match=r"refused by robots.txt: .*/robots.txt disallows it"):
        fetcher.fetch(server.url("/drafts/a.html"))  # the group naming worldwire applies
    assert fetcher.fetch(server.url("/private/memo.html")).status == 200  # the * group does not, then
    assert server.paths().count("/robots.txt") == 1  # read once per host
    assert "/drafts/a.html" not in server.paths()
    assert server.log[0][1]["user-agent"] == USER_AGENT


@pytest.mark.parametrize("status, transient", [(503, True), (403, False)])
def test_robots_txt_that_fails_forbids_the_host(server, status, transient):
    server.routes["/robots.txt"] = lambda h: (status, {"Content-Type": "text/plain"}, b"no")
    server.routes["/a.html"] = html(ARTICLE)
    with pytest.raises(FetchError, match=rf"robots.txt could not be read \(HTTP {status}") as e:
        local_fetcher().fetch(server.url("/a.html"))
    assert e.value.transient is transient  # a 5xx: a watch round tries the page again later
    assert "/a.html" not in server.paths()


# -- content: type, size, time ---------------------------------------------------------
def test_a_non_text_content_type_is_refused(server):
    server.routes["/chart.png"] = lambda h: (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(FetchError, match=r"content type image/png is not one fetched"):
        local_fetcher().fetch(server.url("/chart.png"))


def test_a_body_over_the_size_cap_is_refused(server):
    server.routes["/big.html"] = html(b"<p>" + b"x" * 5000 + b"</p>")
    with pytest.raises(FetchError, match=r"too large: 5,007 bytes \(limit 1,000\)"):
        local_fetcher(max_bytes=1000).fetch(server.url("/big.html"))


def test_a_body_without_length_is_cut_at_the_size_cap(server):
    def no_length(h):  # HTTP/1.0: the body runs to the end of the connection, its size unknown up front
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        try:
            for _ in range(50):
                h.wfile.write(b"<p>" + b"y" * 1000 + b"</p>\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    server.routes["/stream.html"] = no_length
    with pytest.raises(FetchError, match=r"too large: more than 10,000 bytes"):
        local_fetcher(max_bytes=10_000).fetch(server.url("/stream.html"))


def test_a_server_that_does_not_answer_in_time_is_given_up(server):
    def slow(h):
        time.sleep(1.5)
        return 200, {"Content-Type": "text/html"}, ARTICLE

    server.routes["/slow.html"] = slow
    with pytest.raises(FetchError, match=r"timed out after 0.3 s \(ReadTimeout\)") as e:
        local_fetcher(timeout=0.3).fetch(server.url("/slow.html"))
    assert e.value.transient


def test_a_server_that_trickles_is_given_up_after_the_whole_timeout(server):
    def trickle(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        try:
            for _ in range(30):
                h.wfile.write(b"<p>.</p>")
                h.wfile.flush()
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass

    server.routes["/trickle.html"] = trickle
    with pytest.raises(FetchError, match=r"timed out after 0.5 s \(the whole response\)"):
        local_fetcher(timeout=0.5).fetch(server.url("/trickle.html"))


# -- conditional requests and politeness -------------------------------------------------
def test_a_304_is_not_modified_and_the_validators_are_sent(server):
    def page(h):
        if h.headers.get("If-None-Match") == '"abc"' or h.headers.get("If-Modified-Since"):
            return 304, {"ETag": '"abc"'}, b""
        return 200, {"Content-Type": "text/html", "ETag": '"abc"', "Last-Modified": "Mon, 03 Jul 2023 08:00:00 GMT"}, ARTICLE

    server.routes["/a.html"] = page
    fetcher, url = local_fetcher(), server.url("/a.html")
    first = fetcher.fetch(url)
    assert (first.status, first.etag, first.last_modified) == (200, '"abc"', "Mon, 03 Jul 2023 08:00:00 GMT")
    second = fetcher.fetch(url, validators=Validators(url, first.etag, first.last_modified))
    assert second.not_modified and second.content == b""
    headers = [h for p, h, _ in server.log if p == "/a.html"]
    assert "if-none-match" not in headers[0]
    assert (headers[1]["if-none-match"], headers[1]["if-modified-since"]) == ('"abc"', "Mon, 03 Jul 2023 08:00:00 GMT")


def test_requests_to_one_host_are_spaced_by_the_delay(server):
    for n in range(3):
        server.routes[f"/p{n}.html"] = html(ARTICLE)
    fetcher = local_fetcher(host_delay=0.2)
    for n in range(3):
        fetcher.fetch(server.url(f"/p{n}.html"))
    times = [t for _, _, t in server.log]
    assert [p for p, _, _ in server.log] == ["/robots.txt", "/p0.html", "/p1.html", "/p2.html"]
    assert all(b - a >= 0.2 for a, b in zip(times, times[1:])), times


# -- feeds -------------------------------------------------------------------------------
def _rss(port: int, items: list[int]) -> bytes:
    entries = "".join(f"""
    <item>
      <title>Story {n}</title>
      <link>http://127.0.0.1:{port}/news/{n}.html</link>
      <guid isPermaLink="false">harbour-ledger-{n}</guid>
      <pubDate>{['Mon, 03 Jul 2023', 'Tue, 04 Jul 2023', 'Wed, 05 Jul 2023'][n - 1]} 09:00:00 GMT</pubDate>
    </item>""" for n in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>The Harbour Ledger: World</title>
    <link>http://127.0.0.1:{port}/world</link>
    <description>World news</description>{entries}
  </channel>
</rss>
""".encode("utf-8")


def test_feed_list_and_feed_parsing(tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# world desks\nhttp://a.example/rss  # the first\n\n  https://b.example/atom.xml\n"
                     "http://a.example/rss\n", encoding="utf-8")
    assert read_feed_list(feeds) == ["http://a.example/rss", "https://b.example/atom.xml"]
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            b'<entry><id>tag:x,2023:1</id><title>One</title><link href="/one.html"/>'
            b'<updated>2023-07-03T10:00:00Z</updated></entry></feed>')
    got = Fetched("https://b.example/atom.xml", "https://b.example/feeds/atom.xml", 200, atom, "application/atom+xml")
    [entry] = parse_feed(got)
    assert (entry.key, entry.link, entry.published.isoformat()) == (
        "tag:x,2023:1", "https://b.example/one.html", "2023-07-03")
    with pytest.raises(FetchError, match="not an RSS or Atom feed"):
        parse_feed(Fetched("u", "u", 200, b"<html><p>hello</p></html>", "text/html"))
    assert "application/atom+xml" in FEED_TYPES


def test_watch_stores_new_entries_only(server, tmp_path):
    feed = {"items": [1, 2]}

    def rss(h):
        body = _rss(server.port, feed["items"])
        etag = f'"{len(feed["items"])}"'
        if h.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": etag}, body

    server.routes["/world.rss"] = rss
    for n, page in NEWS.items():
        server.routes[f"/news/{n}.html"] = html(page)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test desk\n{server.url('/world.rss')}\n", encoding="utf-8")
    db = str(tmp_path / "w.duckdb")
    args = ["watch", "--feeds", str(feeds), "--once", "--db", db, "--allow-private", "--delay", "0"]

    first = _invoke(*args)
    assert first.exit_code == 0, first.output
    assert "2 entries, 2 new" in first.stderr
    assert sorted(a["title"] for a in _articles(db)) == [
        "Mongolia and South Korea sign mining cooperation pact",
        "Uruguay recalls its ambassador from Paraguay over river dispute"]
    assert sorted(p for p in server.paths() if p.startswith("/news/")) == ["/news/1.html", "/news/2.html"]

    feed["items"] = [1, 2, 3]
    server.log.clear()
    second = _invoke(*args)
    assert second.exit_code == 0, second.output
    assert "3 entries, 1 new" in second.stderr
    assert [p for p in server.paths() if p.startswith("/news/")] == ["/news/3.html"]
    assert [h.get("if-none-match") for p, h, _ in server.log if p == "/world.rss"] == ['"2"']
    articles = _articles(db)
    assert len(articles) == 3
    third = next(a for a in articles if a["url"].endswith("/news/3.html"))
    assert third["published"] == "2023-07-05"

    server.log.clear()
    quiet = _invoke(*args)  # nothing new: the feed answers 304, no page is asked for
    assert quiet.exit_code == 0, quiet.output
    assert "unchanged" in quiet.stderr
    assert server.paths() == ["/robots.txt", "/world.rss"]  # robots.txt: read once per run


def test_watch_retries_an_entry_whose_page_failed_for_a_passing_reason(server, tmp_path):
    state = {"down": True}
    server.routes["/world.rss"] = lambda h: (200, {"Content-Type": "application/rss+xml", "ETag": '"1"'},
                                             _rss(server.port, [1]))
    server.routes["/news/1.html"] = lambda h: (
        (503, {"Content-Type": "text/plain"}, b"busy") if state["down"]
        else (200, {"Content-Type": "text/html"}, NEWS[1]))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(server.url("/world.rss") + "\n", encoding="utf-8")
    db = str(tmp_path / "w.duckdb")
    args = ["watch", "--feeds", str(feeds), "--once", "--db", db, "--allow-private", "--delay", "0", "-q"]

    first = _invoke(*args)
    assert first.exit_code == 1
    assert "/news/1.html: HTTP 503 Service Unavailable" in first.stderr
    state["down"] = False
    server.log.clear()
    second = _invoke(*args)
    assert second.exit_code == 0, second.output
    # the feed was asked for unconditionally (an entry was left), and the page again
    assert [h.get("if-none-match") for p, h, _ in server.log if p == "/world.rss"] == [None]
    assert len(_articles(db)) == 1


def test_watch_rounds_and_every(server, tmp_path, monkeypatch):
    server.routes["/world.rss"] = lambda h: (200, {"Content-Type": "application/rss+xml"}, _rss(server.port, []))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(server.url("/world.rss") + "\n", encoding="utf-8")
    slept = []
    monkeypatch.setattr("worldwire.cli.fetch.time.sleep", lambda s: slept.append(s))
    result = _invoke("watch", "--feeds", str(feeds), "--rounds", "3", "--every", "2m", "--db",
                     str(tmp_path / "w.duckdb"), "--allow-private", "--delay", "0")
    assert result.exit_code == 0, result.output
    assert server.paths().count("/world.rss") == 3
    assert len(slept) == 2 and all(60 < s <= 120 for s in slept)
    assert "3 rounds" in result.stderr
    bad = _invoke("watch", "--feeds", str(feeds), "--every", "soon", "--once")
    assert bad.exit_code == 2 and "not a duration" in bad.output


# -- store: migration 6 ----------------------------------------------------------------
def test_migration_6_upgrades_a_store_at_version_5(tmp_path):
    path = tmp_path / "v5.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
    for version, name, sql in sorted(MIGRATIONS):
        if version <= 5:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
    con.close()
    with open_store(path) as store:
        assert store.schema_version() >= 6
        tables = {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"fetch_state", "feed_entries"} <= tables
