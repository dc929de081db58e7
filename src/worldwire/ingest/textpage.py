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
    r"post comment|submit comment|cancel reply|comments?|\d+ comments?|comments?\s*\(\d+\)|no comments( yet)?",
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
    r"\((additional )?(reporting|writing|editing|compiled)( by)? .*\)",
    r"skip to (main )?content|menu|search|sign in|log in|subscribe|(now|you are) reading\s*:.*|back to top",
    # pages that need a script ("<noscript>Please enable JavaScript.</noscript>")
    r"(please )?(enable|turn on|activate) javascript\b.*|(javascript|js) (is )?(required|disabled)\b.*",
    r"facebook|twitter|x|whatsapp|email|e-mail|linkedin|telegram|reddit|pinterest|share",
]
FURNITURE_RE = re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in _FURNITURE) + r")$", re.IGNORECASE)

# A block that opens with one of these is a list of links to other pages.
LINK_LIST_RE = re.compile(
    r"^(read more|read also|also read|related( stories| articles| coverage| content)?|most read|most popular|"
    r"recommended( for you)?|trending( now)?|more from .*|latest( news)?|you may also like|more stories|top stories)\s*:?$",
    re.IGNORECASE,
)
# Navigation menus and footers: three or more short items separated by "|",
# bullets or runs of spaces ("Asia | Europe | Americas", "Email  Facebook  Twitter").
MENU_SPLIT_RE = re.compile(r"\s*[|·•]\s*|\s{2,}")
MENU_ITEM_MAX_WORDS = 5
# A sentence-like line longer than this is body text even when it opens with a
# furniture word ("Copyright lawyers in Brussels said ...").
FURNITURE_MAX_BODY_WORDS = 12

BREADCRUMB_RE = re.compile(r"^(home|start|main)(\s*[>›»/|]\s*|\s+)[A-Za-z]", re.IGNORECASE)
BYLINE_RE = re.compile(r"^[Bb][Yy]:?\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,4}\b", re.UNICODE)
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


# The site's name from its copyright line: "© 2023 Meridian Wire. All rights
# reserved.", "Eastgate Post © 2023 | About us", "© The Harbour Ledger 2023".
SITE_RES = [
    re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s+)?(?P<site>[A-Z][\w&'’.\- ]{1,60}?)(?:\s+\d{4})?\s*(?:[.|,]|all rights|$)", re.IGNORECASE),
    re.compile(r"^(?P<site>[A-Z][\w&'’.\- ]{1,60}?)\s*(?:©|\(c\))\s*\d{4}"),
]


def find_site(line: str) -> str | None:
    for rx in SITE_RES:
        m = rx.match(line.strip())
        if m and not m["site"].strip().isdigit():
            return m["site"].strip().rstrip(".")
    return None


def _masthead(lines: list[str]) -> str | None:
    """A masthead in capitals at the top ("EASTGATE POST") that the page also
    writes in ordinary case elsewhere (the footer): the site's name as written there."""
    for ln in lines[:6]:
        words = ln.split()
        if 2 <= len(words) <= 4 and ln.isupper() and ln.replace(" ", "").isalpha():
            rx = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)
            for other in lines:
                m = rx.search(other)
                if m and not m.group(0).isupper():
                    return m.group(0)
    return None


@dataclass(slots=True)
class ScrapedPage:
    headline: str | None
    published: date | None
    author: str | None
    site: str | None = None
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


def is_furniture(line: str) -> bool:
    """Site furniture: comment forms, share bars, ads, menus, credits."""
    sentence = line.rstrip("”\"’')").endswith((".", "!", "?")) and len(line.split()) > FURNITURE_MAX_BODY_WORDS
    if FURNITURE_RE.match(line) and not sentence:
        return True
    items = [i for i in MENU_SPLIT_RE.split(line) if i]
    return len(items) >= 3 and all(len(i.split()) <= MENU_ITEM_MAX_WORDS for i in items) and not line.rstrip().endswith(".")


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
    # "。！？": Chinese and Japanese sentences (no spaces) are body too, so the
    # language check, not the line filter, decides them
    return len(line.split()) > HEADING_MAX_WORDS or line.rstrip("”\"’')」").endswith(tuple(".!?…。！？"))


def _headline(lines: list[str], crumbs: set[int]) -> str | None:
    """The first line repeated near the top, else the tail of the breadcrumb,
    else the first headline-shaped line (5 to 25 words, no final stop)
    before the first body paragraph."""
    top = lines[:15]
    counts: dict[str, int] = {}
    for ln in top:
        counts[_norm(ln)] = counts.get(_norm(ln), 0) + 1
    repeated = next((ln for i, ln in enumerate(top) if counts[_norm(ln)] > 1 and i not in crumbs and not is_furniture(ln)), None)
    if repeated:
        return repeated
    for i in sorted(crumbs):
        for ln in top:
            if ln is not lines[i] and _norm(lines[i]).endswith(_norm(ln)) and len(ln.split()) >= 3:
                return ln
    for i, ln in enumerate(top):
        if i in crumbs or is_furniture(ln) or find_date(ln) or BYLINE_RE.match(ln):
            continue
        words = len(ln.split())
        if 5 <= words <= 25 and ln.rstrip("”\"’')")[-1:] not in ".!?":
            return ln
        if words > 25 or ln.rstrip("”\"’')").endswith(tuple(".!?")):
            break
    return None


def parse_scraped_text(text: str) -> ScrapedPage:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Blocks are separated by blank lines; a block that opens with "Read more:"
    # or "Related stories" is a list of links and goes whole.
    lines: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        block_lines = [re.sub(r"[ \t\u00a0\u200b]{3,}", "   ", re.sub(r"[\u00a0\u200b]", " ", ln)).strip() for ln in block.split("\n")]
        block_lines = [ln for ln in block_lines if ln]
        if block_lines and LINK_LIST_RE.match(block_lines[0]):
            continue
        lines += block_lines
    published: date | None = None
    author: str | None = None
    crumbs = {
        i
        for i, ln in enumerate(lines[:5])
        if BREADCRUMB_RE.match(ln) and not ln.endswith(tuple(".!?"))
    }
    headline = _headline(lines, crumbs)
    head_norm = _norm(headline) if headline else None
    if head_norm:
        crumbs |= {i for i, ln in enumerate(lines[:5]) if BREADCRUMB_RE.match(ln) and _norm(ln).endswith(head_norm)}

    site = _masthead(lines)
    kept: list[str] = []
    for i, ln in enumerate(lines):
        n = _norm(ln)
        if i in crumbs or n == head_norm:
            continue
        # a dateline is short and not a sentence; it may be long for a heading
        # ("Published 21 March 2023, 14:05 GMT | Updated 21 March 2023, 16:40 GMT")
        sentence = ln.rstrip("”\"’')").endswith((".", "!", "?"))
        if not sentence and len(ln.split()) <= 20 and (i < 15 or DATELINE_HINT_RE.search(ln)):
            d = find_date(ln)
            if d is not None and (BYLINE_RE.match(ln) or DATELINE_HINT_RE.search(ln) or len(ln.split()) <= 8):
                published = published or d
                if BYLINE_RE.match(ln):
                    author = author or _byline_name(ln)
                continue
        if BYLINE_RE.match(ln) and not _is_body(ln):
            author = author or _byline_name(ln)
            continue
        if len(ln.split()) <= FURNITURE_MAX_BODY_WORDS:
            site = site or find_site(ln)
        if is_furniture(ln):
            continue
        kept.append(ln)

    blocks: list[tuple[str, str]] = []
    for i, ln in enumerate(kept):
        started = any(kind == "p" for kind, _ in blocks)
        next_body = i + 1 < len(kept) and _is_body(kept[i + 1])
        if _is_body(ln):
            blocks.append(("p", ln))
        elif started and next_body and _is_heading_shape(ln):
            blocks.append(("heading", ln))
        # other short unpunctuated lines are furniture: section names,
        # kickers, link lists, menus the patterns above did not know.
    while blocks and blocks[-1][0] == "heading":
        blocks.pop()
    return ScrapedPage(headline=headline, published=published, author=author, blocks=blocks, site=site)


def _byline_name(line: str) -> str:
    return re.split(r"\s*[|·•,]\s*", line[3:], maxsplit=1)[0].strip()
