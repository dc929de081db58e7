"""Sources: files, directories, globs and stdin into raw documents.

Formats by suffix: ``.txt`` (scraped page text), ``.html``/``.htm``, ``.jsonl``
(one ``{url, title, published, source, text|html}`` object a line), each
optionally ``.gz``; ``.warc``/``.warc.gz`` web archives (their HTML
responses, see :func:`warc_documents`). A problem with one file or line is yielded as an
:class:`InputError` in place of the document, so a batch goes on.
"""

from __future__ import annotations

import glob
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from ..errors import InputError
from ..records import Document
from .decode import decode_bytes

SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".warc": "warc"}


def _format_of(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return SUFFIXES.get(suffixes[-1]) if suffixes else None


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named, files under directories (sorted, known suffixes only), globs."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _format_of(child):
                    yield str(child)
        elif path.exists():
            yield p
        else:
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield p  # read_path reports it as missing
            yield from (m for m in matches if Path(m).is_file())


def _read_bytes(path: str, max_bytes: int) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(path, "no such file or directory")
        size = p.stat().st_size
        if size > max_bytes and not path.lower().endswith(".gz"):
            raise InputError(path, f"too large: {size:,} bytes (limit {max_bytes:,}, setting max_bytes)")
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
    if path.lower().endswith(".gz"):
        data = _gunzip(data, path, max_bytes)
    if len(data) > max_bytes:
        raise InputError(path, f"too large (limit {max_bytes:,} bytes, setting max_bytes)")
    return data


def _gunzip(data: bytes, path: str, max_bytes: int) -> bytes:
    """All members of a gzip file, never more than ``max_bytes`` of output:
    a small .gz can unpack to gigabytes."""
    out = b""
    rest = data
    try:
        while rest:
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out += d.decompress(rest, max_bytes + 1 - len(out))
            if len(out) > max_bytes:
                raise InputError(path, f"too large once decompressed (limit {max_bytes:,} bytes)")
            if not d.eof:
                raise InputError(path, "truncated gzip: the compressed stream ends early")
            rest = d.unused_data.lstrip(b"\x00")
    except zlib.error as e:
        raise InputError(path, f"not valid gzip ({e})") from e
    return out


def parse_date(value: object) -> date | None:
    """ISO dates and datetimes ("2023-03-21", "2023-03-21T08:30:00Z")."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be a string, not {type(value).__name__}")
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return date.fromisoformat(text[:10])


def _sniff(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p")):
        return "html"
    return "text"


def _jsonl_documents(text: str, path: str) -> Iterator[Document | InputError]:
    # split on "\n" only: U+2028 and friends may stand unescaped inside JSON strings
    for n, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(path, f"malformed JSON ({e.msg} at column {e.colno})", line=n)
            continue
        except (ValueError, RecursionError) as e:  # a 5,000-digit number; arrays nested 100,000 deep
            yield InputError(path, f"unreadable JSON ({type(e).__name__}: {str(e)[:80]})", line=n)
            continue
        if not isinstance(obj, dict):
            yield InputError(path, f"expected a JSON object, got {type(obj).__name__}", line=n)
            continue
        body, fmt = obj.get("text"), "text"
        if body is None:
            body, fmt = obj.get("html"), "html"
        if not isinstance(body, str) or not body.strip():
            yield InputError(path, "no non-empty 'text' or 'html' string field", line=n)
            continue
        bad = [k for k in ("url", "title", "source") if obj.get(k) is not None and not isinstance(obj[k], str)]
        if bad:
            yield InputError(path, f"field(s) {', '.join(bad)} must be strings", line=n)
            continue
        try:
            published = parse_date(obj.get("published"))
        except ValueError as e:
            yield InputError(path, f"bad 'published' value {obj.get('published')!r}: {e}", line=n)
            continue
        yield Document(
            location=f"{path}:{n}",
            content=body,
            format=fmt,
            url=obj.get("url"),
            title=obj.get("title"),
            published=published,
            source=obj.get("source"),
        )


def warc_documents(path: str, max_bytes: int = 20_000_000, skipped: dict | None = None) -> Iterator[Document | InputError]:
    """HTML responses of a WARC file (``.warc`` or ``.warc.gz``, read as a stream),
    with their target URI and the crawl date (used when the page has none).

    Records that are not articles (requests, metadata, non-200 responses,
    non-HTML bodies, empty or oversized bodies) are skipped and counted by
    reason in ``skipped``; a damaged archive stops with an InputError.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    def skip(reason: str) -> None:
        if skipped is not None:
            skipped[reason] = skipped.get(reason, 0) + 1

    try:
        with open(path, "rb") as fh:
            typed = 0  # records with a WARC-Type: none means a file cut in its first header
            for n, rec in enumerate(ArchiveIterator(fh), start=1):
                typed += rec.rec_type is not None
                if rec.rec_type != "response":
                    skip(f"WARC {rec.rec_type} record")
                    continue
                status = rec.http_headers.get_statuscode() if rec.http_headers else None
                if status != "200":
                    skip(f"HTTP status {status}")
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype:
                    skip("not HTML")
                    continue
                body = rec.content_stream().read(max_bytes + 1)
                # a record cut short (a crawl killed mid-write, a partial download)
                # reads without error: unread declared bytes say it is truncated
                missing = getattr(rec.raw_stream, "limit", 0)
                if len(body) <= max_bytes and missing:
                    yield InputError(f"{path}#{n}", f"truncated WARC record: {missing:,} of its "
                                                    f"{rec.length:,} declared bytes are missing")
                    continue
                if not body.strip():
                    skip("empty body")
                    continue
                if len(body) > max_bytes:
                    skip("too large")
                    continue
                uri = rec.rec_headers.get_header("WARC-Target-URI")
                try:
                    published = parse_date(rec.rec_headers.get_header("WARC-Date"))
                except ValueError:
                    published = None
                try:
                    text = decode_bytes(body, f"{path}#{n}")
                except InputError as e:
                    yield e
                    continue
                # the page's own date wins; the crawl date stands in when it has none
                yield Document(location=f"{path}#{n}", content=text, format="html", url=uri, crawled=published)
            if not typed:
                yield InputError(path, "no complete WARC record (truncated in its first header, or not a WARC file)")
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error) as e:
        yield InputError(path, f"not a readable WARC archive: {e}")


def read_path(path: str, max_bytes: int = 20_000_000, skipped: dict | None = None) -> Iterator[Document | InputError]:
    """Documents of one file (several for JSONL and WARC), or the error that stops it."""
    if path != "-" and _format_of(Path(path)) == "warc":
        if not Path(path).exists():
            yield InputError(path, "no such file or directory")
        else:
            yield from warc_documents(path, max_bytes, skipped)
        return
    try:
        text = decode_bytes(_read_bytes(path, max_bytes), path)
    except InputError as e:
        yield e
        return
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror or e}")
        return
    fmt = _format_of(Path(path)) if path != "-" else _sniff(text)
    if fmt is None:
        fmt = _sniff(text)
    if fmt == "jsonl":
        yield from _jsonl_documents(text, path)
    else:
        yield Document(location=path, content=text, format=fmt)


def iter_documents(paths: Iterable[str], max_bytes: int = 20_000_000,
                   skipped: dict | None = None) -> Iterator[Document | InputError]:
    """Documents of every path; records skipped as not articles (WARC) are counted in ``skipped``."""
    for path in expand_paths(paths):
        yield from read_path(path, max_bytes, skipped)
