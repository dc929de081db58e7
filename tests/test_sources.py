"""Reading inputs: files, directories, globs, gzip, JSONL; every bad input is an
InputError naming the file (and JSONL line) with a reason."""

from __future__ import annotations

import gzip
import json
from datetime import date

import pytest

from worldwire.errors import InputError
from worldwire.ingest.decode import decode_bytes
from worldwire.ingest.sources import expand_paths, iter_documents, read_path
from worldwire.records import Document

TEXT = (
    "GENEVA (Lakeside Courier) - Envoys from Armenia and Azerbaijan met for a second day of talks on Tuesday, "
    "and Swiss officials said both sides had agreed to keep working on a draft peace treaty.\n\n"
    "The foreign ministers are expected to meet again in Brussels next month."
)
HTML = (
    "<!DOCTYPE html><html><head><title>Envoys meet in Geneva</title></head><body><article>"
    "<h1>Envoys meet in Geneva</h1><p>Envoys from Armenia and Azerbaijan met for a second day of talks.</p>"
    "</article></body></html>"
)
RECORD = {
    "url": "https://lakesidecourier.example/2023/05/21/geneva-talks",
    "title": "Armenia and Azerbaijan resume talks in Geneva",
    "published": "2023-05-21",
    "source": "Lakeside Courier",
    "text": TEXT,
}


def _write(path, data: bytes | str):
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def _one(path: str, **kw):
    items = list(read_path(path, **kw))
    assert len(items) == 1, items
    return items[0]


def _jsonl(*lines: object) -> str:
    return "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines) + "\n"


# -- good inputs --------------------------------------------------------------


@pytest.mark.parametrize("name, data, fmt", [("geneva.txt", TEXT, "text"), ("geneva.html", HTML, "html")])
def test_file_is_one_document_of_its_format(tmp_path, name, data, fmt):
    doc = _one(_write(tmp_path / name, data))
    assert isinstance(doc, Document)
    assert (doc.format, doc.content, doc.location) == (fmt, data, str(tmp_path / name))


def test_jsonl_file_yields_one_document_per_line_with_metadata(tmp_path):
    second = {**RECORD, "url": "https://lakesidecourier.example/b", "title": "Second day of talks"}
    path = _write(tmp_path / "feed.jsonl", _jsonl(RECORD, second))
    docs = list(read_path(path))
    assert [d.location for d in docs] == [f"{path}:1", f"{path}:2"]
    first = docs[0]
    assert (first.format, first.content, first.url, first.title, first.source, first.published) == (
        "text", TEXT, RECORD["url"], RECORD["title"], "Lakeside Courier", date(2023, 5, 21))
    assert docs[1].title == "Second day of talks"


@pytest.mark.parametrize(
    "name, data, fmt",
    [("geneva.txt.gz", TEXT, "text"), ("geneva.html.gz", HTML, "html"), ("feed.jsonl.gz", _jsonl(RECORD), "text")],
)
def test_gzipped_files_decompress_to_the_same_document(tmp_path, name, data, fmt):
    doc = _one(_write(tmp_path / name, gzip.compress(data.encode("utf-8"))))
    assert doc.format == fmt
    assert doc.content == (TEXT if name.startswith("feed") else data)


def test_jsonl_record_with_html_field_is_html(tmp_path):
    record = {"url": "https://lakesidecourier.example/c", "html": HTML}
    doc = _one(_write(tmp_path / "feed.jsonl", _jsonl(record)))
    assert (doc.format, doc.content) == ("html", HTML)


@pytest.mark.parametrize("value", ["2023-05-21", "2023-05-21T08:30:00Z"])
def test_jsonl_published_accepts_date_and_datetime(tmp_path, value):
    doc = _one(_write(tmp_path / "feed.jsonl", _jsonl({**RECORD, "published": value})))
    assert doc.published == date(2023, 5, 21)


def test_directory_yields_known_suffixes_only_sorted_and_recursive(tmp_path):
    for name in ["b.html", "a.txt", "notes.md", "photo.png", "c.jsonl", "sub/d.txt.gz", "sub/e.csv"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    assert list(expand_paths([str(tmp_path)])) == [
        str(tmp_path / n) for n in ["a.txt", "b.html", "c.jsonl", "sub/d.txt.gz"]]


def test_glob_expands_to_sorted_matching_files(tmp_path):
    for name in ["z.txt", "m.txt", "a.html"]:
        (tmp_path / name).write_text("x")
    assert list(expand_paths([str(tmp_path / "*.txt")])) == [str(tmp_path / "m.txt"), str(tmp_path / "z.txt")]


def test_iter_documents_reads_a_directory_in_order(tmp_path):
    _write(tmp_path / "b.txt", TEXT)
    _write(tmp_path / "a.html", HTML)
    docs = list(iter_documents([str(tmp_path)]))
    assert [(d.location, d.format) for d in docs] == [(str(tmp_path / "a.html"), "html"), (str(tmp_path / "b.txt"), "text")]


# -- decoding -----------------------------------------------------------------

LATIN = (
    "Swiss mediators hosted envoys from both governments at a café in Zürich on Thursday, and officials said "
    "the talks on a prisoner exchange would resume next month in Geneva."
)
LONG_LATIN = (
    "Swiss mediators hosted envoys from both governments at a café near the lake in Zürich on Thursday, the "
    "foreign ministry in Bern said. The délégués discussed a prisoner exchange and the reopening of consulates "
    "that were closed last year. Officials said the talks had been constructive and would continue next month."
)


def test_long_latin1_text_decodes_correctly():
    assert decode_bytes(LONG_LATIN.encode("latin-1"), "x.txt") == LONG_LATIN


def test_latin1_paragraph_decodes_cafe_and_zurich(tmp_path):
    doc = _one(_write(tmp_path / "zurich.txt", LATIN.encode("latin-1")))
    assert "café" in doc.content and "Zürich" in doc.content


def test_cp1252_paragraph_with_curly_quotes_decodes_exactly():
    text = ("The envoys met at a café in Zürich on Thursday – officials said the talks were “constructive” "
            "and that a second round would take place in Genève before the summer.")
    assert decode_bytes(text.encode("cp1252"), "x.txt") == text


def test_utf16_with_bom_decodes(tmp_path):
    doc = _one(_write(tmp_path / "zurich.txt", LATIN.encode("utf-16")))
    assert doc.content == LATIN


def test_utf8_bom_is_dropped(tmp_path):
    doc = _one(_write(tmp_path / "geneva.txt", b"\xef\xbb\xbf" + TEXT.encode("utf-8")))
    assert doc.content == TEXT


# -- bad files ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n  ", "only whitespace"),
        ("binary.txt", b"PK\x03\x04\x00\x00\x08\x00" + b"\x00\x01\x02" * 50, "binary content"),
        ("truncated.txt.gz", gzip.compress(TEXT.encode() * 20)[:60], "truncated gzip"),
        ("plain.txt.gz", TEXT.encode(), "not valid gzip"),
    ],
    ids=["empty", "whitespace", "binary", "truncated-gzip", "not-gzip"],
)
def test_bad_file_yields_input_error_with_path_and_reason(tmp_path, name, data, reason):
    path = _write(tmp_path / name, data)
    err = _one(path)
    assert isinstance(err, InputError)
    assert err.path == path and err.line is None
    assert reason in err.reason


def test_file_over_max_bytes_is_rejected(tmp_path):
    path = _write(tmp_path / "big.txt", TEXT)
    err = _one(path, max_bytes=100)
    assert isinstance(err, InputError) and err.path == path
    assert "too large" in err.reason and "max_bytes" in err.reason


def test_gzip_that_decompresses_over_max_bytes_is_rejected(tmp_path):
    path = _write(tmp_path / "bomb.txt.gz", gzip.compress(b"talks " * 2000))
    err = _one(path, max_bytes=1000)
    assert isinstance(err, InputError) and "too large once decompressed" in err.reason


def test_missing_file_is_reported_by_iter_documents(tmp_path):
    missing = str(tmp_path / "nowhere.txt")
    [err] = list(iter_documents([missing]))
    assert isinstance(err, InputError) and err.path == missing
    assert err.reason == "no such file or directory"


def test_uppercase_gz_suffix_is_decompressed(tmp_path):
    doc = _one(_write(tmp_path / "GENEVA.TXT.GZ", gzip.compress(TEXT.encode())))
    assert isinstance(doc, Document) and doc.content == TEXT


def test_multi_member_gzip_is_read_whole(tmp_path):
    first, second = TEXT[:80], TEXT[80:]
    doc = _one(_write(tmp_path / "geneva.txt.gz", gzip.compress(first.encode()) + gzip.compress(second.encode())))
    assert doc.content == TEXT


# -- bad JSONL lines ----------------------------------------------------------


def test_malformed_jsonl_line_is_an_error_and_good_lines_still_yield(tmp_path):
    path = _write(tmp_path / "feed.jsonl", _jsonl(RECORD, '{"url": "https://x.example", "text": ', RECORD))
    items = list(read_path(path))
    assert [type(i) for i in items] == [Document, InputError, Document]
    err = items[1]
    assert (err.path, err.line) == (path, 2)
    assert "malformed JSON" in err.reason
    assert items[2].location == f"{path}:3"


@pytest.mark.parametrize(
    "line, reason",
    [
        ([RECORD["title"], TEXT], "expected a JSON object, got list"),
        ({"url": RECORD["url"], "title": RECORD["title"]}, "no non-empty 'text' or 'html'"),
        ({**RECORD, "text": "   "}, "no non-empty 'text' or 'html'"),
        ({**RECORD, "title": 42}, "title must be strings"),
        ({**RECORD, "published": "last Tuesday"}, "bad 'published' value 'last Tuesday'"),
        ({**RECORD, "published": "2023-02-30"}, "bad 'published' value"),
        ({**RECORD, "published": 20230521}, "bad 'published' value 20230521"),
    ],
    ids=["list", "no-text-or-html", "blank-text", "title-number", "published-words", "published-no-such-day",
         "published-number"],
)
def test_bad_jsonl_record_yields_error_with_line_and_reason(tmp_path, line, reason):
    path = _write(tmp_path / "feed.jsonl", _jsonl(RECORD, line))
    good, err = list(read_path(path))
    assert isinstance(good, Document)
    assert isinstance(err, InputError)
    assert (err.path, err.line) == (path, 2)
    assert reason in err.reason
    assert str(err).startswith(f"{path}:2: ")


def test_blank_jsonl_lines_are_skipped_but_counted(tmp_path):
    path = _write(tmp_path / "feed.jsonl", _jsonl(RECORD, "", RECORD))
    assert [d.location for d in read_path(path)] == [f"{path}:1", f"{path}:3"]


def test_jsonl_text_with_line_separator_character_stays_one_record(tmp_path):
    record = {**RECORD, "text": TEXT.replace("\n\n", "\u2028")}
    path = _write(tmp_path / "feed.jsonl", _jsonl(record, RECORD))
    items = list(read_path(path))
    assert [i.location for i in items] == [f"{path}:1", f"{path}:2"]
    assert items[0].content == record["text"]
