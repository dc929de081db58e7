"""Exports (issue 12): round trips through Parquet, CSV and JSONL, the GDELT
column list, PLOVER records against their schema, and the CLI."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest
from click.testing import CliRunner

from worldwire.cli import cli
from worldwire.errors import WorldwireError
from worldwire.export import export, format_for
from worldwire.export.plover import plover_records, schema, validate

# GDELT 2.0 event table, as published in the GDELT 2.0 event codebook (written out here, not imported)
GDELT_COLUMNS = """GlobalEventID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code
Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code
Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat
Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat
Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat
ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL""".split()


def _duckdb_rows(path) -> list[dict]:
    con = duckdb.connect()
    cur = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    con.close()
    return rows


@pytest.mark.parametrize("kind", ["events", "quotes", "articles", "actors"])
def test_parquet_round_trip_through_duckdb_gives_the_same_rows(corpus_store, tmp_path, kind):
    rows = getattr(corpus_store, kind)()
    assert rows
    path = tmp_path / f"{kind}.parquet"
    assert export(corpus_store, kind, path) == len(rows)
    assert _duckdb_rows(path) == rows


def test_parquet_round_trip_through_polars(corpus_store, tmp_path):
    pl = pytest.importorskip("polars")
    rows = corpus_store.events(actor="RUS")
    export(corpus_store, "events", tmp_path / "e.parquet", actor="RUS")
    assert pl.read_parquet(tmp_path / "e.parquet").to_dicts() == rows


def test_dyads_export_needs_two_actors_and_round_trips(corpus_store, tmp_path):
    from worldwire.analysis.dyads import dyads

    path = tmp_path / "d.parquet"
    n = export(corpus_store, "dyads", path, pair=("CHN", "RUS"), by="week")
    expected = dyads(corpus_store, "CHN", "RUS", by="week")
    assert n == len(expected) > 0
    got = _duckdb_rows(path)
    assert [r["period"] for r in got] == [r["period"] for r in expected]
    assert [r["events"] for r in got] == [r["events"] for r in expected]
    assert [r["alignment"] for r in got] == [r["alignment"] for r in expected]
    with pytest.raises(WorldwireError, match="two actors"):
        export(corpus_store, "dyads", path)


def test_jsonl_and_csv_keep_every_row(corpus_store, tmp_path):
    rows = corpus_store.quotes(kind="direct")
    export(corpus_store, "quotes", tmp_path / "q.jsonl", type="direct")
    lines = (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == rows
    export(corpus_store, "events", tmp_path / "e.csv", actor="CHN")
    events = corpus_store.events(actor="CHN")
    with open(tmp_path / "e.csv", encoding="utf-8", newline="") as f:
        got = list(csv.DictReader(f))
    assert [r["id"] for r in got] == [e["id"] for e in events]
    # nested values are JSON text in CSV
    assert [json.loads(r["source"]) for r in got] == [e["source"] for e in events]


def test_filters_narrow_the_export(corpus_store, tmp_path):
    n = export(corpus_store, "events", tmp_path / "e.parquet", actor="RUS", type="CONSULT")
    expected = corpus_store.events(actor="RUS", type="CONSULT")
    assert 0 < n == len(expected) < len(corpus_store.events())
    assert {r["type"] for r in _duckdb_rows(tmp_path / "e.parquet")} == {"CONSULT"}


def test_format_comes_from_the_suffix_unless_given():
    assert format_for("x.parquet") == "parquet"
    assert format_for("x.CSV") == "csv"
    assert format_for("x.jsonl") == "jsonl"
    assert format_for("x.txt", "csv") == "csv"
    with pytest.raises(WorldwireError, match="suffix"):
        format_for("x.txt")


def test_gdelt_csv_has_gdelt_columns_in_order_then_worldwire_fields(corpus_store, tmp_path):
    path = tmp_path / "gdelt.csv"
    export(corpus_store, "events", path, style="gdelt")
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        body = list(reader)
    assert len(GDELT_COLUMNS) == 61
    assert header[:61] == GDELT_COLUMNS
    assert {"modality", "sentence", "trigger_start", "trigger_end", "method"} <= set(header[61:])
    events = corpus_store.events()
    assert len(body) == len(events)
    # loads with GDELT's column list, and the values are the events'
    con = duckdb.connect()
    got = con.execute(f"SELECT {', '.join(GDELT_COLUMNS)}, event_id, modality FROM read_csv(?, header=true)",
                      [str(path)]).fetchall()
    con.close()
    by_id = {e["id"]: e for e in events}
    for row in got:
        r = dict(zip(GDELT_COLUMNS + ["event_id", "modality"], row))
        e = by_id[r["event_id"]]
        assert str(r["EventRootCode"]).zfill(2) == e["cameo_root"]
        assert r["QuadClass"] == e["quad_class"]
        assert r["GoldsteinScale"] == pytest.approx(e["goldstein"])
        assert r["modality"] == e["modality"]
        day = (e["date"] or e["published"]).replace("-", "")
        assert str(r["SQLDATE"]) == day and r["Year"] == int(day[:4])
        if e["source"] and e["source"][0]["country"]:
            assert r["Actor1CountryCode"] == e["source"][0]["country"]
        if e["location"]:
            assert r["ActionGeo_Lat"] == pytest.approx(e["location"]["lat"])
            assert r["ActionGeo_CountryCode"] == e["location"]["country"]
        else:
            assert r["ActionGeo_Type"] is None


def test_gdelt_parquet_has_gdelt_types(corpus_store, tmp_path):
    path = tmp_path / "gdelt.parquet"
    export(corpus_store, "events", path, style="gdelt", limit=5)
    con = duckdb.connect()
    types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))",
                             [str(path)]).fetchall())
    con.close()
    assert list(types)[:61] == GDELT_COLUMNS
    assert types["GlobalEventID"] == "BIGINT" and types["SQLDATE"] == "INTEGER"
    assert types["GoldsteinScale"] == "DOUBLE" and types["EventCode"] == "VARCHAR"


def test_plover_records_validate_against_the_schema(corpus_store, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    path = tmp_path / "plover.jsonl"
    n = export(corpus_store, "events", path, style="plover")
    records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert n == len(records) == len(corpus_store.events())
    jsonschema.Draft202012Validator.check_schema(schema())
    validate(records)
    r = records[0]
    for key in ("id", "date", "actor", "recipient", "event", "mode", "context", "text", "eventText", "location",
                "modality", "provenance"):
        assert key in r
    # the schema can fail: a record without its event type, or with a made-up one, does not validate
    broken = dict(r, event="TELEPORT")
    with pytest.raises(jsonschema.ValidationError):
        validate([broken])
    with pytest.raises(jsonschema.ValidationError):
        validate([{k: v for k, v in r.items() if k != "provenance"}])


def test_plover_record_fields_come_from_the_event():
    event = {
        "id": "abc", "article_id": "art1", "article_url": "https://example.org/a", "published": "2023-03-21",
        "sentence": "Xi met Putin in Moscow.", "sentence_index": 0, "type": "CONSULT", "mode": "meet",
        "context": "diplomatic", "modality": "asserted", "trigger": {"text": "met", "start": 3, "end": 6},
        "source": [{"actor_id": "xi-jinping", "name": "Xi Jinping", "kind": "person", "country": "CHN",
                    "sector": "GOV", "text": "Xi", "start": 0, "end": 2, "reason": None}],
        "target": [{"actor_id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person", "country": "RUS",
                    "sector": "GOV", "text": "Putin", "start": 7, "end": 12, "reason": None}],
        "cameo_root": "04", "cameo_code": "040", "goldstein": 1.0, "quad_class": 1, "confidence": 0.9,
        "method": "lex:meet/verb", "date": "2023-03-20", "date_precision": "day", "date_reason": "clause",
        "location": {"name": "Moscow", "country": "RUS", "admin1": "Moscow", "lat": 55.75, "lon": 37.62,
                     "precision": "city", "reason": "clause", "text": "Moscow", "start": 16, "end": 22},
        "tone": 0.0,
    }
    [r] = plover_records([event])
    validate([r])
    assert (r["actor"], r["recipient"], r["event"], r["eventText"], r["date"]) == (
        "CHNGOV", "RUSGOV", "CONSULT", "met", "2023-03-20")
    assert r["location"]["name"] == "Moscow" and r["provenance"]["url"] == "https://example.org/a"

    from worldwire.export.gdelt import gdelt_row

    g = gdelt_row(event)
    assert (g["SQLDATE"], g["MonthYear"], g["Year"]) == (20230320, 202303, 2023)
    assert (g["Actor1Code"], g["Actor1Name"], g["Actor2Code"]) == ("CHNGOV", "XI JINPING", "RUSGOV")
    assert (g["EventCode"], g["EventBaseCode"], g["EventRootCode"]) == ("040", "040", "04")
    assert (g["ActionGeo_Type"], g["ActionGeo_FullName"]) == (4, "Moscow, RUS")
    assert g["SOURCEURL"] == "https://example.org/a" and g["modality"] == "asserted"


def test_cli_export_writes_the_file(corpus_db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "e.parquet"
    result = runner.invoke(cli, ["export", "events", "--db", corpus_db, "--to", str(out), "--actor", "RUS",
                                 "--type", "CONSULT"])
    assert result.exit_code == 0, result.output
    rows = _duckdb_rows(out)
    assert rows and {r["type"] for r in rows} == {"CONSULT"}
    assert f"wrote {len(rows)} events" in result.output

    out = tmp_path / "g.data"
    result = runner.invoke(cli, ["export", "events", "--db", corpus_db, "--to", str(out), "--style", "gdelt",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith('"GlobalEventID","SQLDATE"')

    result = runner.invoke(cli, ["export", "dyads", "CHN", "RUS", "--db", corpus_db, "--to", str(tmp_path / "d.csv"),
                                 "--by", "month"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "d.csv").read_text(encoding="utf-8").splitlines()[0].startswith('"period","a","b"')


def test_cli_export_refuses_what_does_not_apply(corpus_db, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "quotes", "--db", corpus_db, "--to", str(tmp_path / "q.parquet"),
                                 "--style", "gdelt"])
    assert isinstance(result.exception, WorldwireError) and "events only" in str(result.exception)
    result = runner.invoke(cli, ["export", "events", "--db", corpus_db, "--to", str(tmp_path / "p.csv"),
                                 "--style", "plover"])
    assert isinstance(result.exception, WorldwireError) and "jsonl" in str(result.exception)
    assert not (tmp_path / "p.csv").exists()


def test_docs_describe_every_gdelt_and_worldwire_column():
    from pathlib import Path

    from worldwire.export.gdelt import COLUMNS, EXTRA

    doc = (Path(__file__).resolve().parent.parent / "docs" / "export.md").read_text(encoding="utf-8")
    assert COLUMNS == GDELT_COLUMNS
    for c in COLUMNS:
        # Actor2 columns are documented as "Actor2…" (as Actor1), the actor geo columns as one row each
        if c.startswith(("Actor1Geo_", "Actor2Geo_")):
            group = c.split("_")[0] + "_"
        elif c.startswith("Actor2"):
            group = "| Actor2… |"
        else:
            group = f"| {c} |"
        assert group in doc, f"GDELT column {c} is not in docs/export.md"
    for c in EXTRA:
        assert c in doc, f"worldwire column {c} is not in docs/export.md"
