"""The Python API for notebooks: a store whose queries return typed results.

    >>> import worldwire
    >>> store = worldwire.open_store("worldwire.duckdb")
    >>> ev = store.events(actor="RUS", type="CONSULT")   # Results: a list of Record dicts
    >>> ev[0].type, ev[0]["type"]                          # attribute or key
    >>> ev.to_pandas()        # also .to_polars() (with polars installed), .to_arrow()
    >>> store.dyads("CHN", "RUS", by="week").to_pandas()
    >>> net = store.network(); net.nodes.to_pandas(), net.edges.to_pandas()
    >>> store.takeaways("a6ba3916")

Results are lists (of dicts), so code written for the plain store keeps
working; in Jupyter they render as tables (``_repr_html_``).
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from .store.db import Store as _BaseStore

HTML_ROWS = 20


class Record(dict):
    """One result row: a dict whose keys also read as attributes (``e.type``)."""

    __slots__ = ()

    def __getattr__(self, name: str):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __dir__(self):
        return list(super().__dir__()) + [k for k in self if isinstance(k, str) and k.isidentifier()]

    def _repr_html_(self) -> str:
        body = "".join(f"<tr><th style='text-align:left'>{html.escape(str(k))}</th><td style='text-align:left'>"
                       f"{html.escape(_cell(v))}</td></tr>" for k, v in self.items())
        return f"<table>{body}</table>"


def _cell(value) -> str:
    from .render import _flat

    text = _flat(value)
    return text if len(text) <= 200 else text[:199] + "…"


class Results(list):
    """A list of :class:`Record` rows of one kind (``events``, ``quotes`` ...),
    with conversions to data frames and an HTML view for Jupyter.

    ``columns``: the columns a table shows first (the CLI's table columns)."""

    def __init__(self, rows=(), kind: str = "rows", columns: list[str] | None = None):
        super().__init__(r if isinstance(r, Record) else Record(r) for r in rows)
        self.kind = kind
        self.columns = list(columns) if columns else None

    def __getitem__(self, index):
        item = super().__getitem__(index)
        if isinstance(index, slice):
            return Results(item, kind=self.kind, columns=self.columns)
        return item

    def _all_columns(self) -> list[str]:
        cols = list(self.columns or [])
        for r in self:
            for k in r:
                if k not in cols:
                    cols.append(k)
        return cols

    def to_pandas(self):
        """A pandas DataFrame, one row per record (nested values stay Python objects)."""
        from .analysis.frames import to_pandas

        return to_pandas([dict(r) for r in self], columns=self._all_columns() or None)

    def to_polars(self):
        """A polars DataFrame (needs ``pip install 'worldwire[polars]'``)."""
        try:
            import polars as pl
        except ImportError as e:  # optional dependency
            raise ImportError("polars is not installed: pip install 'worldwire[polars]'") from e
        return pl.from_arrow(self.to_arrow())

    def to_arrow(self):
        """A pyarrow Table (nested dicts and lists as structs and lists)."""
        from .export.writers import to_arrow

        return to_arrow([dict(r) for r in self], self._all_columns())

    def to_records(self) -> list[dict]:
        """Plain dicts (for json.dumps and the like; Records are dicts already)."""
        return [dict(r) for r in self]

    def __repr__(self) -> str:
        return f"<Results {self.kind}: {len(self)} rows> " + list.__repr__(self[:3] if len(self) > 3 else self)[:-1] + (
            ", …]" if len(self) > 3 else "]")

    def _repr_html_(self) -> str:
        cols = self.columns or (list(self[0].keys())[:12] if self else [])
        head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
        body = "".join("<tr>" + "".join(f"<td style='text-align:left'>{html.escape(_cell(r.get(c)))}</td>"
                                        for c in cols) + "</tr>" for r in list.__getitem__(self, slice(HTML_ROWS)))
        more = f" (first {HTML_ROWS} shown)" if len(self) > HTML_ROWS else ""
        return (f"<div><p><b>{html.escape(self.kind)}</b>: {len(self)} rows{more}</p>"
                f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


class Network(dict):
    """The relation network (``{nodes, edges, communities, central}``) with
    ``nodes`` and ``edges`` as :class:`Results`."""

    def __init__(self, net: dict):
        super().__init__(net)
        self["nodes"] = Results(net.get("nodes", []), kind="nodes", columns=_NODE_COLUMNS)
        self["edges"] = Results(net.get("edges", []), kind="edges", columns=_EDGE_COLUMNS)

    @property
    def nodes(self) -> Results:
        return self["nodes"]

    @property
    def edges(self) -> Results:
        return self["edges"]

    @property
    def communities(self) -> list[list[str]]:
        return self.get("communities", [])

    def to_networkx(self):
        from .analysis.network import to_networkx

        return to_networkx(self)

    def to_pandas(self):
        """(nodes, edges) as two pandas DataFrames."""
        return self.nodes.to_pandas(), self.edges.to_pandas()

    def _repr_html_(self) -> str:
        return (f"<div><p>{len(self.nodes)} nodes, {len(self.edges)} edges, {len(self.communities)} communities</p>"
                + self.nodes._repr_html_() + "</div>")


EVENT_COLUMNS = ["published", "type", "mode", "modality", "source", "target", "cameo_code", "goldstein",
                 "quad_class", "sentence"]
QUOTE_COLUMNS = ["article_id", "kind", "speaker_text", "cue", "text"]
ARTICLE_COLUMNS = ["id", "published", "source", "title", "n_events", "n_quotes"]
ACTOR_COLUMNS = ["actor_id", "name", "kind", "country", "mentions", "events", "articles"]
DYAD_COLUMNS = ["period", "a", "b", "events", "verbal_coop", "material_coop", "verbal_conflict",
                "material_conflict", "goldstein_mean", "alignment", "ci_low", "ci_high"]
TAKEAWAY_COLUMNS = ["rank", "heading", "text", "events"]
_NODE_COLUMNS = ["id", "name", "kind", "events", "coop", "conflict", "joint", "partners", "betweenness", "community"]
_EDGE_COLUMNS = ["a", "b", "events", "coop", "conflict", "joint", "goldstein_mean", "alignment", "relation"]


class Store(_BaseStore):
    """The store with typed results: every query returns :class:`Results`."""

    def events(self, *args, **kwargs) -> Results:
        return Results(super().events(*args, **kwargs), kind="events", columns=EVENT_COLUMNS)

    def quotes(self, *args, **kwargs) -> Results:
        return Results(super().quotes(*args, **kwargs), kind="quotes", columns=QUOTE_COLUMNS)

    def articles(self, *args, **kwargs) -> Results:
        return Results(super().articles(*args, **kwargs), kind="articles", columns=ARTICLE_COLUMNS)

    def actors(self, *args, **kwargs) -> Results:
        return Results(super().actors(*args, **kwargs), kind="actors", columns=ACTOR_COLUMNS)

    def mentions(self, article: str) -> Results:
        return Results(super().mentions(article), kind="mentions")

    def dyads(self, a: str, b: str, by: str = "week", since: date | None = None, until: date | None = None,
              **kwargs) -> Results:
        """The A–B series (``analysis.dyads.dyads``): one row per period."""
        from .analysis.dyads import dyads

        return Results(dyads(self, a, b, by=by, since=since, until=until, **kwargs), kind=f"dyads {a}–{b}",
                       columns=DYAD_COLUMNS)

    def network(self, **kwargs) -> Network:
        """The relation network (``analysis.network.network``; same keyword arguments)."""
        from .analysis.network import network

        return Network(network(self, **kwargs))

    def takeaways(self, article: str, k: int = 5) -> Results:
        """Key takeaways of one article (id or unique prefix)."""
        from .nlp.takeaways import takeaways

        a = self.article(article)
        rows = takeaways(a, super().events(article=a["id"]), k=k, mentions=super().mentions(a["id"]))
        return Results(rows, kind="takeaways", columns=TAKEAWAY_COLUMNS)

    def export(self, what: str, path: str | Path, fmt: str | None = None, style: str = "plain", **filters) -> int:
        """Write rows to a Parquet, CSV or JSONL file (``worldwire export``); returns the row count."""
        from .export import export

        return export(self, what, path, fmt=fmt, style=style, **filters)


def open_store(path: str | Path = "worldwire.duckdb", read_only: bool = False) -> Store:
    """Open (and create or migrate) a worldwire store with typed results."""
    return Store(path, read_only=read_only)
