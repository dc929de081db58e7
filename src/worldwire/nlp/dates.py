"""Dates: when each event happened, from the words around it and the
publication date.

**Expressions** found in the text and resolved against the article's
publication date P (``dateparser`` for calendar dates):

| expression | date | precision |
|---|---|---|
| "today", "tonight", "this morning" | P | day |
| "yesterday", "last night" / "tomorrow" | P - 1 / P + 1 | day |
| "on Tuesday", "Tuesday evening", "Tuesday's talks" | the latest Tuesday on or before P (on or after P for a future event) | day |
| "last Tuesday" / "next Tuesday" | the Tuesday strictly before / after P | day |
| "March 20", "20 March", "March 20, 2023", "2023-03-20" | that day; without a year the latest one on or before P (after P for a future event) | day |
| "this week", "last week", "next week", "earlier this week" | Monday of that week | week |
| "this weekend", "last weekend" | Saturday of that weekend | week |
| "this month", "last month", "in March", "in March 2022", "early May" | the 1st of that month | month |
| "this year", "last year", "in 2022" | 1 January of that year | year |
| "three days ago" / "two weeks ago" / "a month ago" / "a year ago" | P minus that | day / week / month / year |

An expression governed by "since", "until", "before", "after", "ahead of" or
"prior to", or inside the wire dateline, does not date an event.

**Event date** (``date_events``), first found wins, recorded in
``date_reason``: an expression in the event's own clause (``clause``), then
the one nearest the trigger in its sentence (``sentence``; not for historical
or negated events, whose sentence's other dates are not theirs, nor read as
the future for a future event); otherwise a ``historical`` event (modality)
stays undated, and any other event takes the publication date (``publication
date``, precision day). An article without a
publication date keeps its events undated unless their sentence gives a full
date with its year; a relative expression ("Tuesday") is then left
unresolved and ``date_reason`` says so. No date is ever invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Doc

from ..records import Event
from .dateline import dateline
from .places import clause_tokens, trigger_token
from .syntax import doc_text, sentence_numbers

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
_MON = {m: i + 1 for i, m in enumerate(MONTHS)} | {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}
# A date after these bounds or spans the event rather than dating it.
NOT_EVENT_DATE = {"since", "until", "till", "before", "after", "ahead", "prior", "from", "by", "over", "for",
                  "throughout", "within"}

_WD = "|".join(WEEKDAYS)
_MN = "|".join(MONTHS + ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec"])
PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MN})\.?(?:,?\s+(\d{{4}}))?\b", re.I)),
    ("mdy", re.compile(rf"\b({_MN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?", re.I)),
    ("weekday", re.compile(rf"\b(?:(last|next|this|past|coming)\s+)?({_WD})(?:'s)?(?:\s+(morning|afternoon|evening|night))?\b", re.I)),
    ("rel_day", re.compile(r"\b(today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night)\b", re.I)),
    ("rel_span", re.compile(r"\b(?:(earlier|later)\s+)?(this|last|next|past|coming)\s+(week|weekend|month|year)\b", re.I)),
    ("ago", re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})\s+(day|week|month|year)s?\s+ago\b", re.I)),
    ("month", re.compile(rf"\b(?:(early|mid|late|mid-)\s*)?({_MN})\b(?:\s+(\d{{4}})\b)?", re.I)),
    ("year", re.compile(r"\b(?:in|during|of)\s+((?:19|20)\d{2})\b", re.I)),
]


@dataclass(slots=True)
class DateMention:
    text: str
    start: int  # character offsets in the article text
    end: int
    kind: str  # the pattern that found it
    relative: bool  # needs the publication date
    governed_by: str | None  # "since", "after", ... : then it does not date an event
    date: date | None = None  # resolved; None when it could not be
    precision: str | None = None  # day | week | month | year
    head: int | None = None  # token index
    governor: int | None = None  # token index of the "since"/"after"/... it hangs from
    match: re.Match | None = None

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind,
                "date": self.date.isoformat() if self.date else None, "precision": self.precision,
                "governed_by": self.governed_by}


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: date | None, prefer: str) -> date | None:
    import dateparser  # pinned in pyproject; imported on first use (it is slow to import)

    settings = {"PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False, "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    dt = dateparser.parse(text, languages=["en"], settings=settings)
    return dt.date() if dt else None


def _month_start(d: date, delta: int = 0) -> date:
    m = d.month - 1 + delta
    return date(d.year + m // 12, m % 12 + 1, 1)


def resolve(kind: str, m: re.Match, published: date | None, future: bool = False) -> tuple[date | None, str]:
    """(date, precision) of one matched expression; date None when it needs a
    publication date the article does not have."""
    P = published
    g = [x.lower() if isinstance(x, str) else x for x in m.groups()]
    if kind == "iso":
        try:
            return date(int(g[0]), int(g[1]), int(g[2])), "day"
        except ValueError:
            return None, "day"
    if kind in ("dmy", "mdy"):
        day, mon, year = (g[0], g[1], g[2]) if kind == "dmy" else (g[1], g[0], g[2])
        if year:
            try:
                return date(int(year), _MON[mon], int(day)), "day"
            except ValueError:
                return None, "day"
        if P is None:
            return None, "day"
        return _dateparser(f"{int(day)} {mon}", P, "future" if future else "past"), "day"
    if P is None:
        if kind == "month" and g[2]:
            return date(int(g[2]), _MON[g[1]], 1), "month"
        if kind == "year":
            return date(int(g[0]), 1, 1), "year"
        return None, {"weekday": "day", "rel_day": "day", "ago": "day"}.get(kind, "day")
    if kind == "weekday":
        which, wd = g[0], WEEKDAYS.index(g[1])
        back = (P.weekday() - wd) % 7
        ahead = (wd - P.weekday()) % 7
        if which in ("last", "past"):
            return P - timedelta(days=back or 7), "day"
        if which in ("next", "coming"):
            return P + timedelta(days=ahead or 7), "day"
        return (P + timedelta(days=ahead)) if future else (P - timedelta(days=back)), "day"
    if kind == "rel_day":
        w = " ".join(g[0].split())
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(w, 0)
        return P + timedelta(days=shift), "day"
    if kind == "rel_span":
        which, unit = g[1], g[2]
        step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(which, 0)
        if unit == "week":
            monday = P - timedelta(days=P.weekday())
            return monday + timedelta(weeks=step), "week"
        if unit == "weekend":
            saturday = P - timedelta(days=P.weekday()) + timedelta(days=5)  # this week's, maybe still ahead
            if which in ("last", "past"):
                return saturday - timedelta(weeks=1), "week"
            if which in ("next", "coming"):
                return saturday + timedelta(weeks=1 if P.weekday() >= 5 else 0), "week"
            return (saturday if future or P.weekday() >= 5 else saturday - timedelta(weeks=1)), "week"
        if unit == "month":
            return _month_start(P, step), "month"
        return date(P.year + step, 1, 1), "year"
    if kind == "ago":
        n = int(g[0]) if g[0].isdigit() else NUMBERS.get(g[0])
        if n is None:
            return None, "day"
        unit = g[1]
        if unit == "day":
            return P - timedelta(days=n), "day"
        if unit == "week":
            d = P - timedelta(weeks=n)
            return d - timedelta(days=d.weekday()), "week"
        if unit == "month":
            return _month_start(P, -n), "month"
        return date(P.year - n, 1, 1), "year"
    if kind == "month":
        mon = _MON[g[1]]
        if g[2]:
            return date(int(g[2]), mon, 1), "month"
        year = P.year
        if future and mon < P.month:
            year += 1
        elif not future and mon > P.month:
            year -= 1
        return date(year, mon, 1), "month"
    if kind == "year":
        return date(int(g[0]), 1, 1), "year"
    return None, "day"


def _governor(doc: Doc, head: int | None, text: str, start: int) -> tuple[str | None, int | None]:
    """The preposition that makes a date a boundary rather than the event's
    day ("since March", "after Tuesday's talks"): (word, token index)."""
    if head is not None:
        t = doc[head]
        steps = 0
        while t.dep_ in ("poss", "compound", "amod", "nummod", "npadvmod", "nmod") and t.head is not t and steps < 3:
            t = t.head
            steps += 1
        if t.dep_ == "pobj":
            p = t.head
            if p.lower_ in NOT_EVENT_DATE:
                return p.lower_, p.i
            if p.lower_ in ("of", "to") and p.head.lower_ in ("ahead", "prior"):
                return f"{p.head.lower_} {p.lower_}", p.head.i
    before = text[max(0, start - 12):start].lower().split()
    if before and before[-1] in NOT_EVENT_DATE - {"by", "from", "for", "within"}:
        return before[-1], None  # the parse missed it: a boundary for every event
    return None, None


def find_dates(doc: Doc, published: date | None, future_at: set[int] | None = None) -> list[DateMention]:
    """Date expressions in a parsed article, resolved against ``published``."""
    text = doc_text(doc)
    taken: list[tuple[int, int]] = []
    dl = dateline(text)
    if dl is not None:
        taken.append((dl.start(), dl.end()))
    out: list[DateMention] = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            month = {"dmy": 2, "mdy": 1, "month": 2}.get(kind)
            if month is not None:
                word = m.group(month)
                if not word[0].isupper():
                    continue  # "may" the verb
                if kind == "month" and (len(word) <= 4 and word.lower() not in ("may", "june", "july")):
                    continue  # "Mar-a-Lago": abbreviations only with a day
                if kind == "month" and word.lower() == "may" and not (m.group(1) or m.group(3)) and \
                        not re.search(r"\b(in|of|since|until|early|late|mid|by|last|next|this)\s+$", text[max(0, s - 8):s], re.I):
                    continue  # "May" at a sentence start is the modal
            span = doc.char_span(s, e, alignment_mode="expand")
            head = span.root.i if span is not None else None
            word, gov = _governor(doc, head, text, s)
            relative = not (kind in ("iso", "year") or (kind in ("dmy", "mdy", "month") and m.group(3)))
            taken.append((s, e))
            out.append(DateMention(m.group(0), s, e, kind, relative, word, head=head, governor=gov, match=m))
    out.sort(key=lambda d: d.start)
    for d in out:
        d.date, d.precision = resolve(d.kind, d.match, published)
    return out


def _event_future(e: Event) -> bool:
    return e.modality == "future"


def date_events(doc: Doc, events: list[Event], published: date | None,
                dates: list[DateMention] | None = None) -> list[Event]:
    """Each event with ``date``, ``date_precision`` and ``date_reason``."""
    if dates is None:
        dates = find_dates(doc, published)
    usable = [d for d in dates if d.head is not None and not (d.governed_by and d.governor is None)]
    sent_of = sentence_numbers(doc)
    out = []
    for e in events:
        tok = trigger_token(doc, e)
        pick, where = None, None
        if tok is not None:
            own, clause = clause_tokens(tok)
            # a boundary date ("since March", "after Tuesday's talks") dates only what
            # is inside that phrase (the talks), not the event outside it
            mine = [d for d in usable if d.governor is None or tok.i in {x.i for x in doc[d.governor].subtree}]
            in_clause = [d for d in mine if d.head in own] or [d for d in mine if d.head in clause]
            if in_clause:
                pick, where = min(in_clause, key=lambda d: abs(d.head - tok.i)), "clause"
            elif e.modality not in ("historical", "negated"):
                # another clause's date (the day a plan was announced) is not read as the future
                same = [d for d in mine if sent_of[d.head] == sent_of[tok.i]]
                if same:
                    pick, where = min(same, key=lambda d: abs(d.head - tok.i)), "sentence"
        if pick is not None:
            when, precision = resolve(pick.kind, pick.match, published, future=_event_future(e) and where == "clause")
            if when is None:
                out.append(replace(e, date=None, date_precision=None,
                                   date_reason=f"undated: '{pick.text}' is relative and the article has no publication date"))
            else:
                out.append(replace(e, date=when.isoformat(), date_precision=precision,
                                   date_reason=f"{where}: '{pick.text}'"))
            continue
        if e.modality == "historical":
            out.append(replace(e, date=None, date_precision=None,
                               date_reason="historical: no date in its sentence; the publication date is not used"))
        elif published is None:
            out.append(replace(e, date=None, date_precision=None,
                               date_reason="undated: no date in its sentence and the article has no publication date"))
        else:
            out.append(replace(e, date=published.isoformat(), date_precision="day",
                               date_reason="publication date: no date in its clause or sentence"))
    return out
