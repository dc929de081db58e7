"""The takeaways benchmark (issue 7): worldwire beats lead-k and TextRank on
the hand-written reference takeaways of the sample corpus."""

from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import ROOT

pytest.importorskip("rouge_score")
pytest.importorskip("sumy")


def _bench():
    spec = importlib.util.spec_from_file_location("bench_takeaways", ROOT / "bench" / "takeaways.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_references_cover_twenty_sample_articles():
    refs = json.loads((ROOT / "bench" / "data" / "takeaways_reference.json").read_text(encoding="utf-8"))["articles"]
    assert len(refs) >= 20
    assert all(3 <= len(v) <= 6 for v in refs.values())


def test_worldwire_beats_lead_k_and_textrank(corpus_store):
    result = _bench().run(corpus_store)
    assert result["n_articles"] >= 20
    s = result["systems"]
    for metric in ("rouge1", "rouge2", "rougeL"):
        assert s["worldwire"][metric] > s["lead-k"][metric], metric
        assert s["worldwire"][metric] > s["textrank"][metric], metric
