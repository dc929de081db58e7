"""Answers cached per read snapshot.

A snapshot never changes (:mod:`..store.snapshot`), so the answer to a GET
of the same URL, in the same representation, over the same snapshot is the
same bytes: it is computed once, kept in a bounded LRU cache, and sent with
an ``ETag`` that a client can revalidate (``If-None-Match`` → 304);
``X-Worldwire-Cache: hit|miss`` says which it was. A new
snapshot gives new keys; old entries age out. Concurrent requests for an
answer being computed wait for it instead of computing it again.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

MAX_ENTRY = 2 * 2**20  # bytes: larger answers are not kept


@dataclass(frozen=True)
class Entry:
    body: bytes
    headers: tuple[tuple[str, str], ...]
    etag: str


class AnswerCache:
    def __init__(self, max_bytes: int = 64 * 2**20):
        self.max_bytes = max_bytes
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._pending: dict[tuple, asyncio.Event] = {}

    def _get(self, key: tuple) -> Entry | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def _put(self, key: tuple, entry: Entry) -> None:
        if len(entry.body) > MAX_ENTRY:
            return
        self._entries[key] = entry
        self.size += len(entry.body)
        while self.size > self.max_bytes and self._entries:
            _, old = self._entries.popitem(last=False)
            self.size -= len(old.body)

    async def serve(self, request: Request, call_next, version: str, variant: str) -> Response:
        """The answer for ``request`` over snapshot ``version`` in representation ``variant``."""
        key = (version, request.scope["path"], request.scope.get("query_string", b""), variant)
        entry = self._get(key)
        if entry is None and key in self._pending:
            await self._pending[key].wait()
            entry = self._get(key)
        if entry is not None:
            self.hits += 1
            return self._send(request, entry, "hit")
        self.misses += 1
        done = self._pending[key] = asyncio.Event()
        try:
            response = await call_next(request)
            if response.status_code != 200:
                return response
            body = b"".join([chunk async for chunk in response.body_iterator])
            headers = tuple((k, v) for k, v in response.headers.items() if k.lower() != "content-length")
            etag = 'W/"' + hashlib.blake2b(repr(key).encode() + body, digest_size=12).hexdigest() + '"'
            entry = Entry(body, headers, etag)
            self._put(key, entry)
            return self._send(request, entry, "miss")
        finally:
            del self._pending[key]
            done.set()

    @staticmethod
    def _send(request: Request, entry: Entry, how: str) -> Response:
        headers = dict(entry.headers)
        headers["ETag"] = entry.etag
        headers["X-Worldwire-Cache"] = how
        if entry.etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers={k: v for k, v in headers.items()
                                                      if k.lower() not in ("content-type",)})
        return Response(content=entry.body, status_code=200, headers=headers)
