"""Fetch and watch: pages and RSS/Atom feeds from the web, coded and stored."""

from __future__ import annotations

import re
import sys
import time

import click

from ..settings import Settings
from .ingest import report_outcome, summary
from .options import day, db_option, open_db


class Duration(click.ParamType):
    """Seconds, or a number with s, m, h or d: 90, 30s, 15m, 1h, 1d."""

    name = "DURATION"
    UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}

    def convert(self, value, param, ctx) -> float:
        if isinstance(value, (int, float)):
            return float(value)
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", str(value).lower())
        if not m:
            self.fail(f"{value!r} is not a duration (e.g. 90, 30s, 15m, 1h)", param, ctx)
        return float(m.group(1)) * self.UNITS[m.group(2)]


def fetch_options(f):
    for opt in reversed([
        click.option("--date", "default_date", type=click.DateTime(["%Y-%m-%d"]),
                     help="Publication date for pages that carry none."),
        db_option,
        click.option("--allow-private", is_flag=True,
                     help="Also fetch private, loopback, link-local and other non-public addresses (refused by "
                          "default, for the URL and every redirect)."),
        click.option("--delay", type=click.FloatRange(0), default=1.0, show_default=True, metavar="SECONDS",
                     help="Least time between two requests to the same host (a longer robots.txt Crawl-delay "
                          "wins, up to 30 s)."),
        click.option("--timeout", type=click.FloatRange(0, min_open=True), default=20.0, show_default=True,
                     metavar="SECONDS", help="Give up on a request after this long (connect, each read, the "
                                             "whole response)."),
        click.option("--max-redirects", type=click.IntRange(0), default=5, show_default=True,
                     help="Most redirects followed for one URL."),
        click.option("--max-bytes", type=click.IntRange(1), metavar="N",
                     help="Largest response body, in bytes (default: the max_bytes setting)."),
        click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary."),
        click.option("--kb-extra", "kb_extra", type=click.Path(exists=True, dir_okay=False),
                     help="Your own actors CSV layered on the shipped KB; its entries win (env "
                          "WORLDWIRE_KB_EXTRA)."),
    ]):
        f = opt(f)
    return f


def _fetcher(settings: Settings, allow_private, delay, timeout, max_redirects, max_bytes):
    from ..ingest.fetch import Fetcher, FetchPolicy

    return Fetcher(FetchPolicy(allow_private=allow_private, timeout=timeout, max_bytes=max_bytes or settings.max_bytes,
                               max_redirects=max_redirects, host_delay=delay))


@click.command()
@click.argument("urls", nargs=-1, required=True)
@fetch_options
def fetch(urls, default_date, db, allow_private, delay, timeout, max_redirects, max_bytes, quiet, kb_extra) -> None:
    """Fetch web pages, then clean, code and store them like ingested files.

    Each URL and every redirect is checked before it is requested: http or
    https only; every address its host resolves to must be public (private,
    loopback, link-local, multicast and reserved addresses are refused unless
    --allow-private), and the request goes to that checked address; robots.txt
    must allow worldwire; the answer must be HTML or plain text, within the
    size limit and the timeout. Requests to one host are spaced by --delay. A
    page fetched before is asked for conditionally (ETag, Last-Modified): a
    304 answer reports it unchanged. A refused or failed URL is reported with
    its reason; the rest are stored and the exit code is 1.

    Example: worldwire fetch https://news.example.org/2023/03/21/xi-putin-talks --date 2023-03-21
    """
    from ..ingest.fetch import ingest_urls
    from ..pipeline import Coder

    settings = Settings.from_env(db=db, kb_extra=kb_extra)
    coder = Coder.load(settings)
    counts: dict[str, int] = {}
    with _fetcher(settings, allow_private, delay, timeout, max_redirects, max_bytes) as fetcher, \
            open_db(db, read_only=False) as store:
        for outcome in ingest_urls(urls, fetcher, store, coder, day(default_date)):
            report_outcome(outcome, counts, quiet)
    click.echo(summary(counts, db, "nothing fetched"), err=True)
    if counts.get("rejected"):
        sys.exit(1)


@click.command()
@click.option("--feeds", "feeds_file", required=True, type=click.Path(exists=True, dir_okay=False),
              help="File of RSS/Atom feed URLs, one a line (# starts a comment).")
@click.option("--every", type=Duration(), default="15m", show_default=True,
              help="Time between the starts of two rounds: seconds, or 30s, 15m, 1h.")
@click.option("--once", is_flag=True, help="Run one round and stop.")
@click.option("--rounds", type=click.IntRange(1), help="Run this many rounds and stop (default: until interrupted).")
@fetch_options
def watch(feeds_file, every, once, rounds, default_date, db, allow_private, delay, timeout, max_redirects, max_bytes,
          quiet, kb_extra) -> None:
    """Poll RSS/Atom feeds and store the pages of their new entries.

    Each round fetches every feed (conditionally: ETag, Last-Modified), then
    the link of each entry not seen before, with the checks of `worldwire
    fetch`; the store remembers the entries seen, so a later round (or a later
    run) fetches only new ones. An entry whose page failed for a reason that
    may pass (timeout, HTTP 5xx) is tried again next round. The store is open
    only during a round. The exit code is 1 when a feed or page was rejected.

    Example: worldwire watch --feeds feeds.txt --every 30m
    """
    from ..ingest.feeds import feed_round, read_feed_list
    from ..ingest.fetch import PageResult
    from ..pipeline import Coder

    if once and rounds:
        raise click.UsageError("use --once or --rounds, not both")
    rounds = 1 if once else rounds
    feeds = read_feed_list(feeds_file)
    if not feeds:
        raise click.UsageError(f"no feed URL in {feeds_file}")
    settings = Settings.from_env(db=db, kb_extra=kb_extra)
    coder = Coder.load(settings)
    counts: dict[str, int] = {}
    done = 0
    with _fetcher(settings, allow_private, delay, timeout, max_redirects, max_bytes) as fetcher:
        try:
            while True:
                started = time.monotonic()
                done += 1
                with open_db(db, read_only=False) as store:
                    for item in feed_round(feeds, fetcher, store, coder, day(default_date)):
                        if isinstance(item, PageResult):
                            report_outcome(item.outcome, counts, quiet)
                        elif item.status == "rejected":
                            counts["rejected"] = counts.get("rejected", 0) + 1
                            click.echo(f"error: {item.url}: {item.reason}", err=True)
                        elif not quiet:
                            what = f"{item.entries} entries, {item.new} new" if item.status == "fetched" else ""
                            click.echo(f"feed      {item.status:<16}  {item.url}  {what}".rstrip(), err=True)
                if rounds and done >= rounds:
                    break
                time.sleep(max(0.0, every - (time.monotonic() - started)))
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
    click.echo(f"{done} round{'s' if done != 1 else ''}: {summary(counts, db, 'nothing fetched')}", err=True)
    if counts.get("rejected"):
        sys.exit(1)


COMMANDS = [fetch, watch]
