"""Bytes to text, with a reason when it cannot be done."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import InputError

# Share of control characters (other than tab/newline/CR/form feed) above which
# bytes are treated as binary rather than text with a few stray bytes.
BINARY_CONTROL_SHARE = 0.05


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    # NUL counts as one more control byte: a text with a few stray NULs is text
    # (clean drops them); UTF-16 without a BOM or a real binary has far more.
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample) > BINARY_CONTROL_SHARE


def decode_bytes(data: bytes, path: str) -> str:
    """Decode a document: UTF-8 (with or without BOM), UTF-16 with a BOM, else
    the encoding charset-normalizer finds coherent (Latin-1, cp1252, ...)."""
    if not data.strip():
        raise InputError(path, "empty file" if not data else "only whitespace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(path, f"invalid UTF-16 after its byte-order mark ({e.reason})") from e
    if looks_binary(data):
        raise InputError(path, "binary content, not text (NUL or control bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Only English is coded, so the Western single-byte encodings come first;
    # charset-normalizer guesses poorly on short Latin-1 paragraphs (cp775).
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(path, "cannot decode: not UTF-8 and no coherent encoding found")
    return str(best)
