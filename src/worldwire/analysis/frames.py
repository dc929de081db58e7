"""Analysis results as data frames for notebooks: pandas (pinned), polars (optional).

Every analysis returns plain lists of dicts (the JSON the CLI prints); these
helpers turn them into frames, so a notebook and a pipe see the same data::

    from worldwire import open_store
    from worldwire.analysis.dyads import dyads_frame
    df = dyads_frame(open_store("worldwire.duckdb", read_only=True), "CHN", "RUS", by="week")
"""

from __future__ import annotations


def to_pandas(rows: list[dict], columns: list[str] | None = None):
    """A pandas DataFrame of the rows; ``columns`` fixes the columns (and their
    order) even when there are no rows."""
    import pandas as pd

    df = pd.DataFrame.from_records(rows)
    if columns is not None:
        for c in columns:
            if c not in df.columns:
                df[c] = None
        df = df[columns + [c for c in df.columns if c not in columns]]
    return df


def to_polars(rows: list[dict]):
    """A polars DataFrame of the rows; needs ``pip install polars`` (the ``polars`` extra)."""
    try:
        import polars as pl
    except ImportError as e:  # optional dependency
        raise ImportError("polars is not installed: pip install 'worldwire[polars]'") from e
    return pl.DataFrame(rows)
