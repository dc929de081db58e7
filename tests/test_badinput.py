"""Bad input (issue 10, item 1): every kind in tests/badinput.py gets a clear
per-document outcome through pipeline.ingest and through `worldwire ingest`;
nothing crashes and the good documents of the same batch are stored."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from badinput import MB, Expect, text_page, write_corpus
from worldwire.cli import cli
from worldwire.pipeline import Coder, ingest
from worldwire.store import open_store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("badinput")
    return root, write_corpus(root / "bad")


@pytest.fixture(scope="module")
def ingested(corpus, coder):
    root, expected = corpus
    store = open_store(root / "bad.duckdb")
    outcomes = {}
    for o in ingest([str(root / "bad")], store, coder):
        assert o.location not in outcomes, f"two outcomes for {o.location}"
        outcomes[o.location] = o
    yield expected, outcomes, store
    store.close()


def test_corpus_has_at_least_30_kinds(corpus):
    _, expected = corpus
    files = {loc.split(":")[0].split("#")[0] for loc in expected}
    assert len(expected) >= 50 and len(files) >= 40


def test_every_document_gets_exactly_its_one_outcome(ingested):
    expected, outcomes, _ = ingested
    assert set(outcomes) == set(expected)


def _check(loc: str, want: Expect, outcomes, store) -> list[str]:
    o = outcomes[loc]
    name = Path(loc).name
    if o.status != want.status:
        return [f"{name}: {o.status} ({o.reason}), expected {want.status} ({want.reason})"]
    if want.status == "rejected":
        if not o.reason or (want.reason and want.reason not in o.reason.lower()):
            return [f"{name}: reason {o.reason!r} lacks {want.reason!r}"]
        return []
    text = store.con.execute("SELECT text FROM articles WHERE id = ?", [o.article_id]).fetchone()[0]
    problems = []
    if want.contains and want.contains not in text:
        problems.append(f"{name}: stored text lacks {want.contains!r}: {text[:120]!r}")
    problems += [f"{name}: stored text holds {a!r}" for a in want.absent if a in text]
    n_sentences = store.con.execute("SELECT count(*) FROM sentences WHERE article_id = ?", [o.article_id]).fetchone()[0]
    if not n_sentences:
        problems.append(f"{name}: stored without sentences")
    return problems


def test_each_kind_has_its_expected_outcome(ingested):
    expected, outcomes, store = ingested
    problems = [p for loc, want in expected.items() for p in _check(loc, want, outcomes, store)]
    assert not problems, "\n".join(problems)


def test_rejection_reasons_name_the_file_through_the_outcome(ingested):
    expected, outcomes, _ = ingested
    for loc, o in outcomes.items():
        if o.status == "rejected":
            assert Path(o.location.split(":")[0].split("#")[0]).exists(), o.location
            assert len(o.reason) >= 10


def test_good_documents_in_the_batch_are_stored(ingested):
    expected, outcomes, store = ingested
    stored = [loc for loc, want in expected.items() if want.status == "stored"]
    assert len(stored) >= 20
    ids = {outcomes[loc].article_id for loc in stored}
    assert len(ids) == len(stored)
    assert store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == len(stored)


def test_25mb_text_under_a_raised_limit_is_rejected_by_size_before_parsing(tmp_path, coder):
    path = tmp_path / "text_25mb.txt"
    path.write_bytes(b"The talks went on. " * (25 * MB // 19 + 1))
    raised = Coder(coder.nlp, coder.kb, replace(coder.settings, max_bytes=30 * MB))
    with open_store(tmp_path / "s.duckdb") as store:
        [o] = list(ingest([str(path)], store, raised))
    assert o.status == "rejected" and "too long to be one article" in o.reason and o.location == str(path)


def test_50mb_text_is_rejected_as_too_large_naming_the_setting(ingested):
    expected, outcomes, _ = ingested
    [loc] = [loc for loc in outcomes if loc.endswith("text_50mb.txt")]
    assert "too large" in outcomes[loc].reason and "max_bytes" in outcomes[loc].reason


# -- the CLI --------------------------------------------------------------------

CLI_KINDS = ["good_page.txt", "good_page.html", "empty.txt", "binary.txt", "truncated.txt.gz", "feed.jsonl",
             "nested_100k_divs.html", "lang_russian.txt", "truncated.warc"]


def _invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_exits_1_and_names_every_rejected_document(corpus, tmp_path):
    root, expected = corpus
    paths = [str(root / "bad" / k) for k in CLI_KINDS]
    result = _invoke("ingest", *paths, "--db", str(tmp_path / "cli.duckdb"))
    assert result.exit_code == 1, result.output
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    want = [loc for loc, e in expected.items()
            if e.status == "rejected" and any(loc.split(":")[0].split("#")[0] == p for p in paths)]
    assert len(errors) == len(want)
    for loc in want:
        assert any(f"error: {loc}: " in ln for ln in errors), loc
    assert "stored" in result.stderr.splitlines()[-1]


def test_cli_exits_0_when_nothing_is_rejected(tmp_path):
    for k in range(2):
        (tmp_path / f"ok{k}.txt").write_text(text_page(40 + k), encoding="utf-8")
    result = _invoke("ingest", str(tmp_path / "ok0.txt"), str(tmp_path / "ok1.txt"), "--db", str(tmp_path / "ok.duckdb"))
    assert result.exit_code == 0, result.output
    assert not [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
