"""The store: DuckDB schema, migrations, atomic writes and queries."""

from .db import Store, open_store

__all__ = ["Store", "open_store"]
