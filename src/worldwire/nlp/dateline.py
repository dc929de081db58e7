"""Wire datelines ("MOSCOW, March 20 (Meridian Wire) - "), found once for
parsing (:mod:`worldwire.nlp.parse`), places and dates."""

from __future__ import annotations

import re

DATELINE_RE = re.compile(
    r"^[ \t]*(?P<names>[A-Z][A-Z'’.\- ]{1,30}[A-Z.](?:\s*/\s*[A-Z][A-Z'’.\- ]{1,30}[A-Z.])*)"
    r"(?:,\s*(?P<qual>[A-Z][A-Za-z'’.\- ]{1,30}?))?"
    r"(?:,?\s*(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}))?"
    r"\s*(?:\([^)\n]{1,40}\))?\s*[-—–]+\s",
    re.MULTILINE,
)
HEAD = 2000  # characters of an article a dateline may start in


def dateline(text: str) -> re.Match | None:
    """The dateline at the start of one of the first four paragraphs of ``text``."""
    head = text[:HEAD]
    for m in DATELINE_RE.finditer(head):
        if m.start() > 0 and head[m.start() - 1] != "\n":
            continue  # only at the start of a paragraph
        return m if head[: m.start()].count("\n\n") <= 3 else None
    return None
