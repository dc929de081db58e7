"""examples/notebook.py runs and produces a dyad frame and a chart (issue 12)."""

from __future__ import annotations

import csv
import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_notebook_example_runs(corpus_db, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["notebook.py", "--out", str(tmp_path), "--db", corpus_db])
    runpy.run_path(str(ROOT / "examples" / "notebook.py"), run_name="__main__")
    png = tmp_path / "chn_rus.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    with open(tmp_path / "chn_rus.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and {"period", "events", "alignment"} <= set(rows[0]) and int(rows[0]["events"]) > 0
    assert (tmp_path / "events.parquet").stat().st_size > 0
    assert "exported" in capsys.readouterr().out
