"""Exports for the tools analysts already use: Parquet, CSV and JSONL files,
GDELT 2.0 event-table columns and PLOVER JSON records (issue 12).

    from worldwire.export import export
    export(store, "events", "events.parquet", actor="RUS")

``docs/export.md`` documents the formats and the GDELT mapping field by field.
"""

from .writers import FORMATS, KINDS, STYLES, export, format_for, to_arrow, write

__all__ = ["FORMATS", "KINDS", "STYLES", "export", "format_for", "to_arrow", "write"]
