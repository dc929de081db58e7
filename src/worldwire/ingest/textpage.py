"""Plain-text scraped pages: strip site furniture, find headline, date, headings.

A page copied from a browser (like the seed) arrives as lines: a breadcrumb
("Home NEWS ..."), the headline two or three times, bylines and datelines,
share and advertisement lines, "Related:" links, and a comment form at the end.
This filter keeps the body paragraphs and turns short unpunctuated lines
between paragraphs into section headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

# Lines that are site furniture wherever they appear (matched on the whole
# stripped line, case-insensitively).
_FURNITURE = [
    # comment forms
    r"leave a (reply|comment)",
    r"please enter your (comment|name|email( address)?)( here)?!?",
    r"you have entered an incorrect email address!?",
    r"post comment|submit comment|cancel reply|comments?|\d+ comments?|no comments( yet)?",
    r"save my name,? email,? and website in this browser for the next time i comment\.?",
    r"(name|email|website|comment)\s*\*?:?",
    # sharing and following
    r"(share( this)?( article| story| post)?|share on \w+|tweet|print|copy link)(\s*[:|·•,]?\s*(facebook|twitter|x|whatsapp|email|e-mail|linkedin|telegram|reddit|pinterest|copy link|print))*:?",
    r"((facebook|twitter|x|whatsapp|email|e-mail|linkedin|telegram|reddit|pinterest|copy link|print)[\s|·•,]*){2,}",
    r"follow us( on .*)?|subscribe( to our newsletter| now)?.*|sign up for .*newsletter.*|get the latest .* in your inbox\.?",
    # advertising
    r"advertisements?|sponsored( content)?|promoted( content)?|ad|story continues below( advertisement)?|scroll to continue( with content)?|continue reading( below)?",
    # links to other pages
    r"(related( stories| articles| coverage| content)?|read more|read also|also read|see also|more from .*|recommended( for you)?|most read|trending( now)?|latest news)(\s*[:>\-–—].*)?",
    r"(tags?|topics?|filed under|categories|category)\s*:.*",
    # legal and credits
    r"(©|copyright|\(c\)).*|all rights reserved\.?",
    r"(photo|image|file photo|caption|credit|video)\s*:.*",
]
FURNITURE_RE = re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in _FURNITURE) + r")$", re.IGNORECASE)

BREADCRUMB_RE = re.compile(r"^(home|start|main)(\s*[>›»/|]\s*|\s+)[A-Za-z]", re.IGNORECASE)
BYLINE_RE = re.compile(r"^by\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,4}\b", re.UNICODE)
DATELINE_HINT_RE = re.compile(
    r"\b(published|updated|posted|last modified|min(ute)?s? read)\b|\s[|·•]\s", re.IGNORECASE
)

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
DATE_RES = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\.?,?\s+(\d{{4}})\b", re.IGNORECASE), "dmy"),
    (re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE), "mdy"),
]

# A heading has at most this many words and characters and no final stop.
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 100
_TERMINAL = ".!?:;,…"


@dataclass(slots=True)
class ScrapedPage:
    headline: str | None
    published: date | None
    author: str | None
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("heading"|"p", text)


def _norm(line: str) -> str:
    return re.sub(r"\s+", " ", line.replace("’", "'").replace("‘", "'")).strip().casefold()


def find_date(line: str) -> date | None:
    for rx, order in DATE_RES:
        m = rx.search(line)
        if not m:
            continue
        try:
            if order == "iso":
                return date(int(m[1]), int(m[2]), int(m[3]))
            if order == "dmy":
                day, month, year = m[1], m[2], m[3]
            else:
                month, day, year = m[1], m[2], m[3]
            month = month[:3].title()
            return datetime.strptime(f"{day} {month} {year}", "%d %b %Y").date()
        except ValueError:
            continue
    return None


def _is_heading_shape(line: str) -> bool:
    words = line.split()
    if not (1 <= len(words) <= HEADING_MAX_WORDS) or len(line) > HEADING_MAX_CHARS:
        return False
    last = line.rstrip("”\"’'")
    if not last or last[-1] in _TERMINAL:
        return False
    if line.endswith(("”", '"')) and line.count("“") + line.count('"') < 1:
        return False
    first = line.lstrip("“\"‘'(")
    return bool(first) and (first[0].isupper() or first[0].isdigit())


def _is_body(line: str) -> bool:
    return len(line.split()) > HEADING_MAX_WORDS or line.rstrip("”\"’')").endswith(tuple(".!?…"))


def parse_scraped_text(text: str) -> ScrapedPage:
    lines = [re.sub(r"[ \t\u00a0\u200b]+", " ", ln).strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    published: date | None = None
    author: str | None = None

    # The headline: the first line repeated near the top, else the tail of the
    # breadcrumb, else the first short unpunctuated line.
    top = lines[:12]
    counts: dict[str, int] = {}
    for ln in top:
        counts[_norm(ln)] = counts.get(_norm(ln), 0) + 1
    headline = next((ln for ln in top if counts[_norm(ln)] > 1 and not BREADCRUMB_RE.match(ln)), None)
    crumb_lines = {
        i
        for i, ln in enumerate(lines[:5])
        if BREADCRUMB_RE.match(ln)
        and (not ln.endswith(tuple(".!?")) or (headline and _norm(ln).endswith(_norm(headline))))
    }
    if headline is None:
        for i in sorted(crumb_lines):
            for ln in top:
                if ln is not lines[i] and _norm(lines[i]).endswith(_norm(ln)) and len(ln.split()) >= 3:
                    headline = ln
                    break
    if headline is None and top and _is_heading_shape(top[0]) and not crumb_lines:
        headline = top[0]
    head_norm = _norm(headline) if headline else None

    kept: list[str] = []
    for i, ln in enumerate(lines):
        n = _norm(ln)
        if i in crumb_lines or n == head_norm or FURNITURE_RE.match(ln):
            continue
        if i < 15 and not _is_body(ln) or (len(ln.split()) <= 20 and DATELINE_HINT_RE.search(ln)):
            d = find_date(ln)
            if d is not None and (BYLINE_RE.match(ln) or DATELINE_HINT_RE.search(ln) or len(ln.split()) <= 8):
                published = published or d
                if BYLINE_RE.match(ln):
                    author = author or re.split(r"\s*[|·•,]\s*", ln[3:], maxsplit=1)[0].strip()
                continue
        if BYLINE_RE.match(ln) and not _is_body(ln):
            author = author or re.split(r"\s*[|·•,]\s*", ln[3:], maxsplit=1)[0].strip()
            continue
        kept.append(ln)

    blocks: list[tuple[str, str]] = []
    for i, ln in enumerate(kept):
        prev_body = any(kind == "p" for kind, _ in blocks)
        next_body = i + 1 < len(kept) and _is_body(kept[i + 1])
        if prev_body and next_body and _is_heading_shape(ln) and not _is_body(ln):
            blocks.append(("heading", ln))
        elif _is_body(ln) or prev_body:
            blocks.append(("p", ln))
        # short unpunctuated lines before the first body paragraph are
        # leftover furniture (section names, kickers): dropped.
    # a trailing heading with no body after it is furniture too
    while blocks and blocks[-1][0] == "heading":
        blocks.pop()
    return ScrapedPage(headline=headline, published=published, author=author, blocks=blocks)
