"""The stage functions as tasks, and the driver that streams batches through them.

The same two task functions run in this process (no cluster) or on Dask
workers (``run/dask.py``): :func:`clean_batch` (documents → articles) and
:func:`code_batch` (articles → table rows, parse + actors + events + quotes).
The spaCy model and the knowledge base are loaded once per process
(:func:`coder_for`, cached). The driver reads inputs lazily, keeps at most
``max_inflight`` batches in flight (bounded memory), skips articles whose
content id a committed shard already holds, and writes each coded batch as a
shard (``run/shards.py``) as soon as it is done.
"""

from __future__ import annotations

import gc
import os
import resource
import sys
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ..errors import InputError
from ..records import Article
from ..pipeline import batches
from ..settings import Settings
from ..store.rows import article_rows as rows
from .shards import ShardDir, merge


# One short article that goes through every stage: coding it loads what the stages load on
# first use (gazetteer, sentence classifier, KB phrase matcher, date parser, tone lexicon).
WARM_TEXT = ("MOSCOW, March 21 (Meridian Wire) - Chinese President Xi Jinping met Russian President "
             "Vladimir Putin in Moscow on Tuesday and invited him to visit Beijing.\n\n"
             "\u201cWe will strengthen our ties,\u201d Putin said, as Ukraine shelled Donetsk.")


@lru_cache(maxsize=4)
def coder_for(settings: Settings):
    """The Coder of this process: model, KB and every stage's data loaded once,
    on first use (:func:`warm`), then reused."""
    from ..pipeline import Coder

    return warm(Coder.load(settings))


def warm(coder):
    """Load what the coding stages load lazily by coding one short article, so that
    a worker's first batch costs what every other batch costs."""
    from ..records import Article

    coder.code([Article(id="warm-up", text=WARM_TEXT, url=None, location="<warm-up>",
                        published=date(2023, 3, 21))])
    # what is loaded now lives as long as the process: the cyclic garbage collector need not
    # scan it again (its full collections over the model, KB and gazetteer took ~2% of coding)
    gc.freeze()
    return coder


def clean_batch(docs: list, settings: Settings, default_date: date | None = None) -> list:
    """Documents (or InputErrors from reading) → Article, or (location, reason) for each rejected one."""
    from ..ingest.clean import clean

    out: list = []
    for d in docs:
        if isinstance(d, InputError):
            out.append((d.path if d.line is None else f"{d.path}:{d.line}", d.reason))
            continue
        try:
            out.append(clean(d, settings, default_date=default_date))
        except InputError as e:
            out.append((d.location, e.reason))
    return out


def peak_rss_bytes() -> int:
    """Peak resident memory of this process so far."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def code_batch(articles: list[Article], settings: Settings) -> dict:
    """Code articles into the store's table rows; also which process did it and its peak memory."""
    coder = coder_for(settings)
    coded = coder.code(articles)
    return {"rows": merge([rows(c, coder.kb) for c in coded]), "pid": os.getpid(), "host": os.uname().nodename,
            "peak_rss": peak_rss_bytes()}


class Done:
    """A finished 'future' for running tasks in this process."""

    def __init__(self, value):
        self.value = value

    def done(self) -> bool:
        return True

    def result(self):
        return self.value


def in_process(fn: Callable, *args):
    return Done(fn(*args))


@dataclass
class RunStats:
    counts: dict[str, int] = field(default_factory=dict)  # coded, unchanged, location, rejected
    skipped: dict[str, int] = field(default_factory=dict)  # not articles (WARC records), by reason
    rejected: list[tuple[str, str]] = field(default_factory=list)
    shards: int = 0
    orphans_removed: int = 0
    peak_rss: dict[str, int] = field(default_factory=dict)  # worker (host:pid) → bytes
    stopped_early: bool = False
    stories: int = 0  # articles whose duplicates, rewrites and stories were matched at the end

    def add(self, status: str, n: int = 1) -> None:
        self.counts[status] = self.counts.get(status, 0) + n


def run(paths: Iterable[str], out: str, submit: Callable = in_process, settings: Settings | None = None,
        default_date: date | None = None, batch: int = 64, max_inflight: int = 4,
        stop_after: int | None = None, on_shard: Callable[[dict], None] | None = None,
        stories: bool = True) -> RunStats:
    """Code ``paths`` into shards under ``out``; resumable and incremental.

    ``submit(fn, *args)`` returns a future (``.done()``, ``.result()``): a Dask
    client's submit, or :func:`in_process`. ``stop_after`` stops once that
    many shards are written (a simulated kill, for tests). At the end, the
    duplicates, rewrites and stories of the articles in ``out`` not matched yet
    are matched and written (``ShardDir.match_stories``) unless ``stories`` is False.
    """
    settings = settings or Settings.from_env()
    shards = ShardDir(out)
    stats = RunStats(orphans_removed=shards.clean_orphans())
    claimed = shards.article_ids()  # committed, and handed to a worker in this run
    known_locs = shards.locations()
    docs = iter(batches(_read(paths, settings, stats), batch))
    cleaning: deque = deque()
    coding: list = []
    exhausted = False

    def write(fut) -> None:
        res, inputs = fut.result()
        shards.write_shard(res["rows"], inputs=inputs)
        stats.shards += 1
        stats.add("coded", len(res["rows"]["articles"]))
        stats.peak_rss[f"{res['host']}:{res['pid']}"] = res["peak_rss"]

    while True:
        while not exhausted and len(cleaning) + len(coding) < max_inflight:
            try:
                cleaning.append(submit(clean_batch, next(docs), settings, default_date))
            except StopIteration:
                exhausted = True
        for f in [f for f in coding if f[0].done()]:
            coding.remove(f)
            write(_Pair(*f))
            if on_shard:
                on_shard({"shards": stats.shards})
            if stop_after is not None and stats.shards >= stop_after:
                stats.stopped_early = True
                return stats
        if cleaning:
            todo, extra = [], []
            for item in cleaning.popleft().result():  # in input order: the first location of a text wins
                if isinstance(item, tuple):
                    stats.rejected.append(item)
                    stats.add("rejected")
                elif item.id in claimed:
                    if (item.id, item.location) in known_locs:
                        stats.add("unchanged")
                    else:
                        known_locs.add((item.id, item.location))
                        extra.append((item.id, item.location, item.url))
                        stats.add("location")
                else:
                    claimed.add(item.id)
                    known_locs.add((item.id, item.location))
                    todo.append(item)
            if extra:
                shards.write_shard({}, locations=extra)
            if todo:
                coding.append((submit(code_batch, todo, settings), sorted({a.location for a in todo})))
            continue
        if not coding:
            if exhausted:
                if stories:
                    stats.stories = shards.match_stories()
                return stats
            continue
        _wait_any([f for f, _ in coding])


class _Pair:
    def __init__(self, fut, inputs):
        self.fut, self.inputs = fut, inputs

    def result(self):
        return self.fut.result(), self.inputs


def _wait_any(futures: list) -> None:
    if all(isinstance(f, Done) for f in futures):
        return
    from distributed import wait

    wait(futures, return_when="FIRST_COMPLETED")


def _read(paths, settings: Settings, stats: RunStats):
    from ..ingest.sources import iter_documents

    yield from iter_documents(paths, settings.max_bytes, stats.skipped)
