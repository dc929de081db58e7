"""`worldwire ingest` end to end through click's CliRunner (loads the spaCy model)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from test_clean import CANONICAL, HTML_HEADINGS, HTML_PAGE
from test_textpage import BODY, HEADINGS, HEADLINE, PAGE
from worldwire.cli import cli
from worldwire.settings import SETTINGS

FEED = [
    {
        "url": "https://northsea.example/2023/05/21/norway-eu-energy",
        "title": "Norway and the EU agree to deepen energy cooperation",
        "published": "2023-05-21",
        "source": "North Sea Gazette",
        "text": "Norway and the European Union agreed on Sunday to deepen their cooperation on gas supplies and "
                "offshore wind, officials in Oslo said after a meeting of energy ministers.\n\n"
                "The Norwegian minister said his country would remain a reliable supplier to Europe and invited "
                "European firms to bid for new wind projects in the North Sea.",
    },
    {
        "url": "https://northsea.example/2023/05/22/iceland-fisheries",
        "title": "Iceland and the Faroe Islands renew fisheries deal",
        "published": "2023-05-22T08:30:00Z",
        "source": "North Sea Gazette",
        "text": "Iceland and the Faroe Islands renewed their fisheries agreement on Monday, allowing boats from "
                "each side to fish limited quotas of mackerel and herring in the other's waters.\n\n"
                "Officials from both governments said the deal would be reviewed next year after scientists "
                "publish new estimates of the stocks.",
    },
]
BAD_JSONL_LINE = '{"url": "https://northsea.example/broken", "text": "Denmark and'
COMMENT_FORM = ["Leave a Reply", "Please enter your comment", "Please enter your name here",
                "incorrect email address", "Post Comment"]


def _invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _json(db: str, command: str) -> list[dict]:
    result = _invoke(command, "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    src = root / "batch"
    src.mkdir()
    (src / "a_empty.txt").write_bytes(b"")
    (src / "b_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (src / "c_natuna.txt").write_text(PAGE, encoding="utf-8")
    (src / "d_lithium.html").write_text(HTML_PAGE, encoding="utf-8")
    (src / "e_feed.jsonl").write_text(
        "\n".join([json.dumps(FEED[0]), json.dumps(FEED[1]), BAD_JSONL_LINE]) + "\n", encoding="utf-8")
    db = str(root / "cli.duckdb")
    first = _invoke("ingest", str(src), "--db", db)
    before = {c: _json(db, c) for c in ("articles", "events", "quotes")}
    second = _invoke("ingest", str(src), "--db", db)
    after = {c: _json(db, c) for c in ("articles", "events", "quotes")}
    return {"src": src, "db": db, "first": first, "second": second, "before": before, "after": after}


def _errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_batch_with_bad_items_exits_1(batch):
    assert batch["first"].exit_code == 1


def test_one_error_line_per_bad_item(batch):
    assert len(_errors(batch["first"])) == 3


@pytest.mark.parametrize("where, reason", [
    ("a_empty.txt", "empty file"),
    ("b_binary.txt", "binary content"),
    ("e_feed.jsonl:3", "malformed JSON"),
])
def test_error_line_names_the_file_and_reason(batch, where, reason):
    expected = f"error: {batch['src'] / where}: "
    assert any(line.startswith(expected) and reason in line for line in _errors(batch["first"]))


def test_good_documents_are_stored(batch):
    articles = batch["before"]["articles"]
    assert len(articles) == 4
    assert {a["title"] for a in articles} == {HEADLINE, "Chile and Peru revive talks on shared lithium corridor",
                                              FEED[0]["title"], FEED[1]["title"]}


def test_jsonl_metadata_is_stored(batch):
    a = next(a for a in batch["before"]["articles"] if a["title"] == FEED[1]["title"])
    assert (a["url"], a["published"], a["source"]) == (FEED[1]["url"], "2023-05-22", "North Sea Gazette")


def test_html_metadata_is_stored(batch):
    a = next(a for a in batch["before"]["articles"] if a["url"] == CANONICAL)
    assert (a["published"], a["source"]) == ("2023-04-12", "The Andean Courier")
    assert [s["heading"] for s in a["sections"]] == HTML_HEADINGS


def test_second_run_reports_every_good_document_unchanged(batch):
    stderr = batch["second"].stderr
    assert batch["second"].exit_code == 1
    assert len(re.findall(r"^unchanged ", stderr, re.M)) == 4
    assert not re.search(r"^stored ", stderr, re.M)


@pytest.mark.parametrize("command", ["articles", "events", "quotes"])
def test_second_run_changes_no_output(batch, command):
    assert batch["after"][command] == batch["before"][command]


def test_events_and_quotes_were_coded(batch):
    assert batch["before"]["events"] and batch["before"]["quotes"]


def test_date_option_sets_published_for_an_undated_page(tmp_path):
    page = tmp_path / "undated.txt"
    page.write_text("\n\n".join([HEADLINE, *BODY]), encoding="utf-8")
    db = str(tmp_path / "dated.duckdb")
    result = _invoke("ingest", str(page), "--db", db, "--date", "2023-03-22")
    assert result.exit_code == 0, result.output
    [article] = _json(db, "articles")
    assert article["published"] == "2023-03-22"


@pytest.fixture(scope="module")
def shown(batch):
    article = next(a for a in batch["before"]["articles"] if a["title"] == HEADLINE)
    result = _invoke("show", article["id"][:8], "--db", batch["db"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _unmarked(line: str) -> str:
    """A line of the article view without its quotation and trigger marks."""
    return re.sub(r"\|[A-Z_]+\]\]", "", line).replace("[[", "").replace("«", "").replace("»", "")


def test_show_prints_headings_as_markdown(shown):
    assert [_unmarked(line[3:]) for line in shown.splitlines() if line.startswith("## ")] == HEADINGS


def test_show_prints_the_body(shown):
    assert all(paragraph in _unmarked(shown) for paragraph in BODY)


@pytest.mark.parametrize("text", COMMENT_FORM)
def test_show_has_no_comment_form_text(shown, text):
    assert text not in shown


def test_show_unknown_id_fails(batch):
    result = CliRunner().invoke(cli, ["show", "ffffffff", "--db", batch["db"]])
    assert result.exit_code != 0


def test_settings_lists_every_setting():
    result = _invoke("settings")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines() if line and not line[0].isspace()]
    assert names == [s.name for s in SETTINGS]
