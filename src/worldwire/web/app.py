"""The web app and REST API: read-only pages over a store, each with a JSON twin (issue 8).

Every route builds one data structure (:mod:`.views`); the page renders it
with a Jinja2 template, and the same path with ``.json`` (or an ``Accept:
application/json`` header) returns it as JSON. Errors have one JSON shape,
``{"ok": false, "error": MESSAGE, "status": CODE}``, and no stack trace
reaches a client.

DuckDB allows one writer and no reader beside it: requests read a snapshot of
the store (:class:`Stores`, :mod:`..store.snapshot`) that the writer publishes
every few seconds, so the server keeps answering while ``worldwire ingest``
writes. The header ``X-Worldwire-Snapshot`` says when the data answered was
taken.
"""

from __future__ import annotations

import logging
import os
import threading
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Iterator, Literal
from urllib.parse import quote, urlencode

import duckdb
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import NotFoundError, WorldwireError
from ..store import Store, snapshot
from . import charts, views
from .cache import AnswerCache

log = logging.getLogger("worldwire.web")
HERE = Path(str(resources.files("worldwire.web")))
MAX_URL = 4096  # bytes of path and query string
MODALITIES = Literal["asserted", "negated", "future", "hypothetical", "historical"]


class StoreUnavailable(WorldwireError):
    """The store cannot be opened now (missing, locked by a writer, or not migrated)."""


class Stores:
    """Read-only stores, one per request, over the newest read snapshot (:mod:`..store.snapshot`).

    The server never holds the store file itself except for the moment it
    copies it, so ``worldwire ingest`` can write meanwhile; requests read the
    snapshot its writer last published (at most a few seconds old) and the
    store itself once it is free again. One DuckDB connection a snapshot is
    kept; each request reads through a cursor of its own.
    """

    def __init__(self, db_path: str):
        self.db_path = db_path
        self._reader: snapshot.Reader | None = None
        self._con = None
        self._con_path = None
        self._lock = threading.Lock()

    def snapshot(self) -> snapshot.Snapshot:
        """The snapshot to read now."""
        db_path = self.db_path
        if not os.path.exists(db_path):
            raise StoreUnavailable(f"No store at {db_path}. Create one with `worldwire ingest PATH --db {db_path}`.")
        if self._reader is None:
            self._reader = snapshot.Reader(db_path)
        snap = self._reader.current()
        if snap is None:
            raise StoreUnavailable(f"The store {db_path} is being written (an ingest is running) and has no read "
                                   "snapshot yet; the writer publishes one within seconds. Try again shortly.")
        return snap

    def open(self, snap: snapshot.Snapshot | None = None) -> Store:
        """A store over ``snap`` (default: the newest snapshot)."""
        for _ in range(3):  # a snapshot may be pruned between choosing and opening it
            snap = snap or self.snapshot()
            try:
                return Store.reading(self._cursor(snap.path), self.db_path)
            except FileNotFoundError:
                snap = None
        raise StoreUnavailable(f"Cannot open a read snapshot of {self.db_path}; try again.")

    def _cursor(self, path):
        with self._lock:
            if self._con_path != path:
                try:
                    con = duckdb.connect(str(path), read_only=True)
                except duckdb.Error as e:
                    if not path.exists():
                        raise FileNotFoundError(path) from e
                    raise StoreUnavailable(f"Cannot open the store {self.db_path}.") from e
                _check_schema(Store.reading(con, self.db_path))
                self._con, self._con_path = con, path
            return self._con.cursor()


def _check_schema(store: Store) -> None:
    from ..store.schema import MIGRATIONS

    latest = max(v for v, _, _ in MIGRATIONS)
    version = store.schema_version()
    if version < latest:
        store.close()
        raise StoreUnavailable(f"The store {store.path} has schema version {version}, this worldwire needs {latest}: "
                               f"open it once for writing (`worldwire ingest ... --db {store.path}`) to migrate it.")


def wants_json(request: Request) -> bool:
    if request.scope.get("worldwire_json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_body(status: int, message: str) -> dict:
    return {"ok": False, "error": message, "status": status}


def create_app(db_path: str | Path = "worldwire.duckdb") -> FastAPI:
    """The app over the store at ``db_path`` (opened read-only, once per request)."""
    db_path = str(db_path)
    app = FastAPI(title="worldwire", version="0.1.0",
                  description="Evidence-linked events, quotations and actors coded from news; read-only. "
                              "Every page answers as JSON with a `.json` suffix or `Accept: application/json`.")
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["q"] = lambda v: quote(str(v), safe="")
    templates.env.globals["page_url"] = lambda request, page: (
        request.url.path + "?" + urlencode({**request.query_params, "page": page}))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def json_suffix(request: Request, call_next):
        # /articles/ID.json is /articles/ID answered as JSON (datasette's habit); /index.json is /
        path = request.scope["path"]
        if path.endswith(".json") and path != "/openapi.json":
            path = path[: -len(".json")]
            request.scope["path"] = "/" if path in ("", "/index", "/") else path
            request.scope["worldwire_json"] = True
        # an HTML form sends its empty fields ("modality=&since="): they mean "no filter"
        query = request.scope.get("query_string", b"")
        if query:
            kept = [p for p in query.split(b"&") if p.partition(b"=")[2].strip(b"+ ")]
            request.scope["query_string"] = b"&".join(kept)
        snap = None
        if request.method == "GET" and not request.scope["path"].startswith("/static/"):
            try:
                snap = request.state.snap = stores.snapshot()
            except StoreUnavailable:
                pass  # the route's store() answers 503 with the reason
        if snap is None:
            return await call_next(request)
        response = await answers.serve(request, call_next, snap.path.name, "json" if wants_json(request) else "html")
        # how current the answer is: the time of the read snapshot it came from
        response.headers["X-Worldwire-Snapshot"] = datetime.fromtimestamp(snap.taken_at, timezone.utc).isoformat(
            timespec="seconds")
        return response

    @app.middleware("http")
    async def limits(request: Request, call_next):
        # a read-only server takes no request bodies, and no URL longer than any page needs
        target = len(request.scope.get("raw_path") or b"") + len(request.scope.get("query_string") or b"")
        if target > MAX_URL:
            return problem(request, 414, f"The URL is too long ({target} bytes; at most {MAX_URL}).")
        length = request.headers.get("content-length")
        chunked = "chunked" in request.headers.get("transfer-encoding", "").lower()
        if request.method in ("GET", "HEAD") and ((length and length.strip() != "0") or chunked):
            return problem(request, 413, "This server is read-only and takes no request body.")
        return await call_next(request)

    stores = Stores(db_path)
    answers = AnswerCache()

    def store(request: Request) -> Iterator:
        # the snapshot the middleware chose for this request (its cache key), else the newest
        s = stores.open(getattr(request.state, "snap", None))
        try:
            yield s
        finally:
            s.close()

    def answer(request: Request, template: str, data: dict, **extra) -> Response:
        if wants_json(request):
            return JSONResponse({"ok": True, **data}, headers={"Vary": "Accept"})
        return templates.TemplateResponse(request, template, {"data": data, "path": request.url.path, **extra},
                                          headers={"Vary": "Accept"})

    def problem(request: Request, status: int, message: str) -> Response:
        # an error page only for a browser; any other client gets the JSON shape
        if wants_json(request) or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse(error_body(status, message), status_code=status)
        return templates.TemplateResponse(request, "error.html", {"data": error_body(status, message), "path": ""},
                                          status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"No page at {request.url.path}. Pages: /, /articles, /events, /network, /stories."
        if exc.status_code == 405:
            message = "This server is read-only: only GET requests are answered."
        return problem(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {err.get('msg')}")
        return problem(request, 400, "Bad request: " + "; ".join(parts))

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError):
        return problem(request, 404, str(exc))

    @app.exception_handler(StoreUnavailable)
    async def unavailable(request: Request, exc: StoreUnavailable):
        return problem(request, 503, str(exc))

    @app.exception_handler(WorldwireError)
    async def bad_query(request: Request, exc: WorldwireError):
        return problem(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        log.exception("error answering %s", request.url.path)
        return JSONResponse(error_body(500, "Internal error; the server log has the details."), status_code=500)

    # -- routes -----------------------------------------------------------------
    html = {"response_class": HTMLResponse}

    @app.get("/", summary="Overview: corpus counts, events over time, top dyads, latest stories", **html)
    def index(request: Request, s=Depends(store)):
        data = views.overview(s)
        return answer(request, "index.html", data,
                      chart=None if wants_json(request) else charts.quad_bars(data["events_by_week"],
                                                                              "Events per week by quad class"))

    @app.get("/articles", summary="Articles, paginated", **html)
    def articles(request: Request, page: int = Query(1, ge=1, le=100_000),
                 size: int = Query(views.PAGE, ge=1, le=views.MAX_PAGE), actor: str | None = Query(None, max_length=200),
                 since: date | None = None, until: date | None = None, s=Depends(store)):
        return answer(request, "articles.html", views.articles(s, page, size, actor, since, until))

    @app.get("/articles/{article_id}", summary="One article with highlights, takeaways and copies", **html)
    def article(request: Request, article_id: str, s=Depends(store)):
        data = views.article(s, article_id)
        if wants_json(request):
            return answer(request, "article.html", data)
        return answer(request, "article.html", data, text=views.annotated_text(data), records=views.records_json(data))

    @app.get("/actors/{actor_id}", summary="One actor: roles, events over time, partners, adversaries, quotations",
             **html)
    def actor(request: Request, actor_id: str, s=Depends(store)):
        data = views.actor(s, actor_id)
        return answer(request, "actor.html", data,
                      chart=None if wants_json(request) else charts.roles_chart(data["over_time"], data["name"]))

    @app.get("/dyads/{a}/{b}", summary="Dyad series (cooperation vs conflict, alignment) with evidence", **html)
    def dyad(request: Request, a: str, b: str, by: Literal["day", "week", "month", "all"] = "week",
             s=Depends(store)):
        data = views.dyad(s, a, b, by)
        if wants_json(request):
            return answer(request, "dyad.html", data)
        from . import maps

        return answer(request, "dyad.html", data, chart=charts.dyad_svg(data["series"], a, b, by),
                      place_map=maps.event_map(data["places"], {"actor": a, "actor2": b}, data["unlocated"]))

    @app.get("/network", summary="The relation network for a period", **html)
    def network(request: Request, since: date | None = None, until: date | None = None,
                level: Literal["state", "actor"] = "state", min_events: int = Query(1, ge=1, le=10_000),
                s=Depends(store)):
        data = views.network(s, since, until, level, min_events)
        return answer(request, "network.html", data,
                      chart=None if wants_json(request) else charts.network_svg(data))

    @app.get("/events", summary="Event search: actor(s), type, modality, dates, text; paginated", **html)
    def events(request: Request, actor: str | None = Query(None, max_length=200),
               actor2: str | None = Query(None, max_length=200), type: str | None = Query(None, max_length=40),
               modality: MODALITIES | None = None, since: date | None = None, until: date | None = None,
               q: str | None = Query(None, max_length=200), page: int = Query(1, ge=1, le=100_000),
               size: int = Query(views.PAGE, ge=1, le=views.MAX_PAGE),
               country: str | None = Query(None, max_length=3, description="where the event happened (ISO3)"),
               place: str | None = Query(None, max_length=200, description="the name of the event's location"),
               s=Depends(store)):
        data = views.events(s, actor, actor2, type, modality, since, until, q, page, size, country, place)
        if wants_json(request):
            return answer(request, "events.html", data)
        from . import maps

        return answer(request, "events.html", data, modalities=MODALITIES.__args__,
                      place_map=maps.event_map(data["places"], data["filters"], data["unlocated"]))

    @app.get("/stories", summary="Stories, latest first, paginated", **html)
    def stories(request: Request, page: int = Query(1, ge=1, le=100_000),
                size: int = Query(views.PAGE, ge=1, le=views.MAX_PAGE), s=Depends(store)):
        return answer(request, "stories.html", views.stories(s, page, size))

    @app.get("/stories/{story_id}", summary="One story: its sources and digest", **html)
    def story(request: Request, story_id: str, s=Depends(store)):
        return answer(request, "story.html", views.story(s, story_id))

    return app
