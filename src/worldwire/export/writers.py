"""Rows to files: Parquet (pyarrow), CSV (pyarrow, nested values as JSON text)
and JSONL (nested values kept), and :func:`export`, what ``worldwire export``
calls: the rows of one kind (events, quotes, articles, actors, dyads), in one
style (plain, gdelt, plover), to one file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import WorldwireError

FORMATS = ("parquet", "csv", "jsonl")
KINDS = ("events", "quotes", "articles", "actors", "dyads")
STYLES = ("plain", "gdelt", "plover")
_SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl",
             ".json": "jsonl"}


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The file format: ``fmt`` when given, else from the file's suffix."""
    if fmt:
        if fmt not in FORMATS:
            raise WorldwireError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise WorldwireError(f"Cannot tell the format of {path} from its suffix; give --format "
                             f"({', '.join(FORMATS)}) or name it .parquet, .csv or .jsonl.")
    return _SUFFIXES[suffix]


def _plain(value: Any) -> Any:
    if isinstance(value, (date,)):
        return value.isoformat()
    return value


def _json_text(value: Any) -> Any:
    """A nested value (list, dict) as JSON text, for flat formats; scalars unchanged."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return _plain(value)


def to_arrow(rows: list[dict], columns: list[str] | None = None, flat: bool = False, types: dict | None = None):
    """A pyarrow Table of the rows (nested dicts and lists become structs and
    lists; with ``flat``, JSON text). ``columns`` fixes the columns and their
    order; without rows the table still has them (all null). ``types``: the
    pyarrow type of some columns (column name -> type)."""
    import pyarrow as pa

    if columns is None:
        columns = list(rows[0].keys()) if rows else []
        for r in rows[1:]:  # keys some rows lack, in first-seen order
            for k in r:
                if k not in columns:
                    columns.append(k)
    conv = _json_text if flat else _plain
    data = {c: [conv(r.get(c)) for r in rows] for c in columns}
    arrays = []
    for c in columns:
        try:
            if types and c in types:
                arrays.append(pa.array(data[c], type=types[c]))
                continue
            arrays.append(pa.array(data[c]))
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed types: keep them as text
            arrays.append(pa.array([None if v is None else _json_text(v) if isinstance(v, (list, dict)) else str(v)
                                    for v in data[c]], type=pa.string()))
    return pa.Table.from_arrays(arrays, names=columns)


def write(rows: list[dict], path: str | Path, fmt: str | None = None, columns: list[str] | None = None,
          types: dict | None = None) -> int:
    """Write the rows to ``path`` as Parquet, CSV or JSONL; returns the number of rows."""
    fmt = format_for(path, fmt)
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise WorldwireError(f"No folder {path.parent} to write {path.name} into.")
    if fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as f:
            for r in rows:
                row = r if columns is None else {c: r.get(c) for c in columns}
                f.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        import pyarrow.csv as pcsv

        pcsv.write_csv(to_arrow(rows, columns, flat=True, types=types), str(path))
    else:
        import pyarrow.parquet as pq

        pq.write_table(to_arrow(rows, columns, types=types), str(path))
    return len(rows)


def rows_for(store, kind: str, style: str = "plain", article: str | None = None, actor: str | None = None,
             type: str | None = None, since: date | None = None, until: date | None = None,
             modality: str | None = None, limit: int | None = None, pair: tuple[str, str] | None = None,
             by: str = "week") -> tuple[list[dict], list[str] | None]:
    """The rows of one kind and style, and their fixed columns (or None)."""
    if kind not in KINDS:
        raise WorldwireError(f"Unknown export {kind!r}; use one of {', '.join(KINDS)}.")
    if style not in STYLES:
        raise WorldwireError(f"Unknown style {style!r}; use one of {', '.join(STYLES)}.")
    if style != "plain" and kind != "events":
        raise WorldwireError(f"--style {style} is for events only.")
    if kind != "dyads" and pair:
        raise WorldwireError("Only dyads take two actors A B.")
    if type and kind in ("articles", "dyads"):
        raise WorldwireError(f"--type does not apply to {kind}.")
    if kind == "events":
        events = store.events(article=article, actor=actor, type=type, since=since, until=until,
                              modality=modality, limit=limit)
        if style == "gdelt":
            from .gdelt import ALL_COLUMNS, gdelt_rows

            return gdelt_rows(store, events), ALL_COLUMNS
        if style == "plover":
            from .plover import plover_records

            return plover_records(events), None
        return list(events), None
    if modality:
        raise WorldwireError("--modality is for events only.")
    if kind == "quotes":
        return list(store.quotes(article=article, actor=actor, since=since, until=until, kind=type, limit=limit)), None
    if kind == "articles":
        return list(store.articles(article=article, actor=actor, since=since, until=until, limit=limit)), None
    if kind == "actors":
        if article or since or until:
            raise WorldwireError("actors take --actor, --type (kind) and --limit only.")
        return list(store.actors(actor=actor, kind=type, limit=limit)), None
    # dyads
    from ..analysis.dyads import COLUMNS, dyads

    if not pair or len(pair) != 2:
        raise WorldwireError("dyads need two actors: worldwire export dyads A B --to FILE.")
    if article or actor:
        raise WorldwireError("dyads take A B, --since, --until and --by only.")
    rows = dyads(store, pair[0], pair[1], by=by, since=since, until=until)
    return rows[:limit] if limit else rows, COLUMNS + ["coop_share", "joint", "stories"]


def export(store, kind: str, path: str | Path, fmt: str | None = None, style: str = "plain", **filters) -> int:
    """Export rows of ``kind`` from the store to ``path``; returns the row count.

    The plover style is JSON: JSONL only. Filters: article, actor, type,
    since, until, modality, limit; dyads take ``pair=(A, B)`` and ``by``."""
    fmt = format_for(path, fmt)
    if style == "plover" and fmt != "jsonl":
        raise WorldwireError("--style plover writes JSON records: use a .jsonl file or --format jsonl.")
    rows, columns = rows_for(store, kind, style, **filters)
    types = None
    if style == "gdelt":
        from .gdelt import arrow_types

        types = arrow_types()
    return write(rows, path, fmt, columns, types)
