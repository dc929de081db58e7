"""PETRARCH/TABARI dictionaries in, the user's actors layered on the KB."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from worldwire.cli import cli
from worldwire.kb import load_kb
from worldwire.kb.petrarch import convert, parse
from worldwire.pipeline import Coder
from worldwire.records import Article, content_id
from worldwire.settings import Settings

SAMPLE = Path(__file__).resolve().parent / "data" / "actors_petrarch_sample.txt"


def test_parse_reads_names_synonyms_dated_codes_and_comments():
    entries = {e.name: e for e in parse(SAMPLE.read_text(encoding="utf-8"))}
    marta = entries["Marta Kovalenko"]
    assert marta.default == "UKRELI" and marta.synonyms == ["Kovalenko", "Marta Kovalenko Ivanivna"]
    assert marta.dated == [("UKRGOV", date(2024, 3, 1), date(2025, 6, 1))]
    bellini = entries["Arturo Bellini"]
    assert bellini.dated == [("ITAELI", None, date(2019, 12, 31)), ("ITAGOVMIL", date(2020, 1, 1), date(2022, 10, 22)),
                             ("ITAELI", date(2022, 10, 23), None)]
    assert not any("invented" in n for n in entries)  # comments are not names


def test_convert_fills_the_gaps_of_a_default_code():
    rows = [r for r in convert(parse(SAMPLE.read_text(encoding="utf-8")), load_kb()) if r.get("person_id") == "marta-kovalenko"]
    assert [(r["sector"], r["start"], r["end"]) for r in rows] == [
        ("ELI", "", "2024-02-29"), ("GOV", "2024-03-01", "2025-06-01"), ("ELI", "2025-06-02", "")]


def test_convert_kinds():
    rows = convert(parse(SAMPLE.read_text(encoding="utf-8")), load_kb())
    kinds = {r["name"]: r["kind"] for r in rows}
    assert kinds["Harbour Front Movement"] == "org" and kinds["China"] == "state" and kinds["coastguardsmen"] == "agent"
    assert kinds["Lena Ostrova"] == "person"
    ostrova = next(r for r in rows if r["name"] == "Lena Ostrova")
    assert (ostrova["org"], ostrova["sector"]) == ("UN", "IGO")


@pytest.fixture(scope="module")
def extra_csv(tmp_path_factory):
    out = tmp_path_factory.mktemp("petrarch") / "mine.csv"
    result = CliRunner().invoke(cli, ["kb", "import-petrarch", str(SAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 people with 8 roles" in result.output
    return out


def test_import_writes_the_documented_columns(extra_csv):
    rows = list(csv.DictReader(io.StringIO(extra_csv.read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["kind", "person_id", "name", "aliases", "qid", "role", "iso3", "org", "sector", "start", "end", "title"]


def _resolve(coder, text, on):
    article = Article(id=content_id(text), text=text, url=None, location="<test>", published=on)
    return {m.actor.text: m.actor for m in coder.code([article])[0].mentions}


def test_a_dated_role_from_the_import_changes_resolution(coder, extra_csv):
    mine = Coder.load(Settings.from_env(kb_extra=str(extra_csv)))
    text = "Marta Kovalenko met Putin in Kyiv."
    before = _resolve(coder, text, date(2024, 6, 1))
    assert before["Marta Kovalenko"].actor_id == "~marta-kovalenko" and before["Putin"].sector == "GOV"
    during = _resolve(mine, text, date(2024, 6, 1))
    assert (during["Marta Kovalenko"].actor_id, during["Marta Kovalenko"].country, during["Marta Kovalenko"].sector) == \
        ("marta-kovalenko", "UKR", "GOV")
    assert during["Marta Kovalenko"].reason.startswith("kb-extra alias")
    after = _resolve(mine, text, date(2025, 7, 1))
    assert after["Marta Kovalenko"].sector == "ELI"
    # the user's coding of a shipped person wins over the shipped roles
    assert (during["Putin"].country, during["Putin"].sector) == ("RUS", "MIL")
    earlier = _resolve(mine, "Putin spoke.", date(2023, 6, 1))["Putin"]  # the user's roles only: none yet
    assert earlier.sector == "ELI" and "not yet in office" in earlier.reason


def test_user_state_alias_and_agent_word(extra_csv):
    kb = load_kb(extra=str(extra_csv))
    assert kb.lookup("Cathay")[0].actor_id == "CHN"
    assert kb.sector_nouns["coastguardsmen"] == "MIL"
    assert "Cathay" not in load_kb().aliases  # the shipped KB is untouched


def test_ingest_with_kb_extra(tmp_path, extra_csv):
    doc = tmp_path / "story.txt"
    doc.write_text("Kyiv, June 1\n\nUkrainian minister Marta Kovalenko met Italian officials on Monday to discuss "
                   "reconstruction loans, grain exports and air defence deliveries before the summit in Rome.\n",
                   encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(doc), "--db", str(db), "--date", "2024-06-01",
                                      "--kb-extra", str(extra_csv)])
    assert result.exit_code == 0, result.output
    rows = json.loads(CliRunner().invoke(cli, ["actors", "--db", str(db), "--format", "json"]).output)
    assert "marta-kovalenko" in {r["actor_id"] for r in rows}


def test_kb_extra_setting_from_the_environment(monkeypatch, extra_csv):
    monkeypatch.setenv("WORLDWIRE_KB_EXTRA", str(extra_csv))
    assert Settings.from_env().kb_extra == str(extra_csv)
