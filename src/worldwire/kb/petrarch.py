"""Convert PETRARCH/TABARI actor and agent dictionaries into worldwire's
"your own actors" CSV (``kb_extra``; columns in ``base.EXTRA_COLUMNS``).

The dictionary text format (TABARI manual, PETRARCH's ``*.actors.txt`` and
``*.agents.txt``)::

    # comment lines start with '#'; so do trailing comments
    VLADIMIR_PUTIN_  [RUSELI]          # name, words joined by '_', default code
    +PUTIN_                            # '+' lines: synonyms of the entry above
    +VLADIMIR_VLADIMIROVICH_PUTIN_
    [RUSGOV 20000507-20080507]         # a code for a date range (inclusive)
    [RUSGOV >20120507]                 # from that day on
    [USAELI <20090120]                 # before that day
    AFGHANISTAN_ [AFG]                 # a bare country code: another name of the state
    PRESIDENT_ [~GOV]                  # agents: '~' codes are sector words

A code is a CAMEO country (ISO3; ``IGO`` for international organisations)
followed by three-letter role codes (``GOV``, ``MIL``, ``REB`` ...). A dated
code gives a role for its period; an entry's undated code applies on the days
no dated code covers, so it becomes one role per gap. Entries with dated codes
and names without organisation words are people; entries whose name has an
organisation word (party, army, ministry, ...) are organisations.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .base import EXTRA_COLUMNS, KnowledgeBase, slug

# CAMEO role codes that worldwire names differently.
SECTOR_MAP = {"INS": "REB", "UAF": "REB", "SEP": "REB", "RAD": "REB", "MNC": "BUS", "PTY": "GOV", "LAB": "CVL",
              "AGR": "CVL", "HRI": "CVL", "NGO": "CVL", "ENV": "CVL", "HLH": "CVL", "CRM": "CVL", "SPY": "SPY",
              "PRE": "GOV"}
KNOWN_SECTORS = {"GOV", "MIL", "REB", "OPP", "COP", "JUD", "LEG", "BUS", "MED", "EDU", "CVL", "REF", "ELI",
                 "SPY", "DIP", "IGO"}
# Sector codes that are more specific than GOV when both appear ("GOVDIP").
SPECIFIC = ("DIP", "MIL", "SPY", "COP", "JUD", "LEG", "REB", "OPP", "ELI")
# CAMEO IGO codes worldwire holds under its own ids.
IGO_MAP = {"UNO": "UN", "NAT": "NATO", "EEC": "EU", "EUR": "EU", "WTO": "WTO", "IMF": "IMF", "WBK": "WORLDBANK",
           "ARL": "ARABLEAGUE", "AFU": "AU", "ASN": "ASEAN", "OPC": "OPEC", "OSC": "OSCE", "SCO": "SCO",
           "GCC": "GCC", "ICC": "ICC", "IAE": "IAEA", "WHO": "WHO"}
ORG_WORDS = {"ministry", "party", "army", "council", "front", "movement", "bank", "university", "organization",
             "organisation", "committee", "association", "union", "group", "forces", "brigade", "brigades", "police",
             "court", "government", "agency", "company", "corporation", "league", "alliance", "federation",
             "institute", "assembly", "parliament", "congress", "senate", "office", "department", "service",
             "guard", "militia", "network", "news", "times", "embassy", "commission", "authority", "navy",
             "coalition", "fund", "program", "programme", "house", "board"}

_CODE = re.compile(r"\[\s*([~A-Za-z0-9]+)\s*([<>]?\s*\d{8}(?:\s*-\s*\d{8})?)?\s*\]")


@dataclass
class Entry:
    name: str
    synonyms: list[str] = field(default_factory=list)
    default: str | None = None
    dated: list[tuple[str, date | None, date | None]] = field(default_factory=list)
    line: int = 0


def _words(raw: str) -> str:
    """``VLADIMIR_PUTIN_`` -> ``Vladimir Putin`` (TABARI writes names in capitals)."""
    raw = re.sub(r"\{[^}]*\}", "", raw)  # plural forms {ARMIES}
    words = [w for w in raw.strip().strip("_").split("_") if w]
    out = []
    for w in words:
        w = w.strip()
        if not w:
            continue
        if w.isupper() or w.islower():
            w = "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))
            w = re.sub(r"^(Al|El|Bin|Ibn|De|Van|Von|Of|The|And|For)$", lambda m: m.group(1).lower(), w) if out else w
        out.append(w)
    return " ".join(out)


def _day(s: str) -> date:
    return date(int(s[:4]), int(s[4:6]), int(s[6:8]))


def _period(spec: str | None) -> tuple[date | None, date | None]:
    spec = (spec or "").replace(" ", "")
    if not spec:
        return None, None
    if spec.startswith(">"):
        return _day(spec[1:]), None
    if spec.startswith("<"):
        return None, _day(spec[1:]) - timedelta(days=1)
    a, b = spec.split("-")
    return _day(a), _day(b)


def parse(text: str) -> list[Entry]:
    """The entries of a PETRARCH/TABARI dictionary text."""
    entries: list[Entry] = []
    current: Entry | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            if current is not None:
                name = _words(_CODE.sub("", stripped[1:]))
                if name:
                    current.synonyms.append(name)
            continue
        if stripped.startswith("["):
            if current is not None:
                for code, spec in _CODE.findall(stripped):
                    start, end = _period(spec)
                    if spec:
                        current.dated.append((code.upper(), start, end))
                    else:
                        current.default = code.upper()
            continue
        if stripped.startswith(("<", "-", "=")):  # TABARI class markers and separators
            continue
        codes = _CODE.findall(stripped)
        name = _words(_CODE.sub("", stripped))
        if not name:
            continue
        current = Entry(name, line=n)
        for code, spec in codes:
            start, end = _period(spec)
            if spec:
                current.dated.append((code.upper(), start, end))
            else:
                current.default = code.upper()
        entries.append(current)
    return entries


def _split_code(code: str, kb: KnowledgeBase | None) -> tuple[str | None, str | None, str | None]:
    """CAMEO code -> (iso3, igo id, sector)."""
    code = code.lstrip("~").upper()
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    iso = org = None
    if parts and parts[0] == "IGO":
        rest = parts[1:]
        org = next((IGO_MAP[p] for p in rest if p in IGO_MAP), None)
        return None, org, "IGO"
    if parts and (kb is None or parts[0] in kb.states) and parts[0] not in KNOWN_SECTORS:
        iso, parts = parts[0], parts[1:]
    sectors = [SECTOR_MAP.get(p, p) for p in parts]
    sector = next((s for s in sectors if s in SPECIFIC), None) or next((s for s in sectors if s in KNOWN_SECTORS), None)
    return iso, org, sector or (sectors[0] if sectors else None)


def _gaps(dated: list[tuple[str, date | None, date | None]]) -> list[tuple[date | None, date | None]]:
    """The periods no dated code covers."""
    spans = sorted(((s or date.min), (e or date.max)) for _, s, e in dated)
    out: list[tuple[date | None, date | None]] = []
    cursor = date.min
    for s, e in spans:
        if s > cursor:
            out.append((None if cursor == date.min else cursor, s - timedelta(days=1)))
        if e == date.max:
            cursor = date.max
            break
        cursor = max(cursor, e + timedelta(days=1))
    if cursor != date.max:
        out.append((None if cursor == date.min else cursor, None))
    return out


def _is_org(name: str) -> bool:
    return any(w.lower().strip(".,") in ORG_WORDS for w in name.split())


def convert(entries: list[Entry], kb: KnowledgeBase | None = None) -> list[dict]:
    """Entries -> rows of the extra CSV (``base.EXTRA_COLUMNS``)."""
    rows: list[dict] = []
    for e in entries:
        aliases = "|".join(dict.fromkeys(s for s in e.synonyms if s != e.name))
        codes = [c for c, _, _ in e.dated] + ([e.default] if e.default else [])
        if not codes:
            continue
        if all(c.startswith("~") for c in codes):  # an agent: a sector word
            _, _, sector = _split_code(codes[0], kb)
            rows.append({"kind": "agent", "name": e.name.lower(), "aliases": "|".join(s.lower() for s in e.synonyms),
                         "sector": sector or ""})
            continue
        if not e.dated and e.default:
            iso, org, sector = _split_code(e.default, kb)
            if iso and not sector:
                rows.append({"kind": "state", "name": e.name, "aliases": aliases, "iso3": iso})
                continue
            if _is_org(e.name):
                rows.append({"kind": "igo" if org or sector == "IGO" else "org", "person_id": slug(e.name),
                             "name": e.name, "aliases": aliases, "iso3": iso or "", "org": org or "",
                             "sector": sector or ""})
                continue
        if _is_org(e.name) and not e.dated:
            continue
        pid = slug(e.name)
        periods = list(e.dated)
        if e.default:
            periods += [(e.default, s, t) for s, t in _gaps(e.dated)]
        for code, start, end in sorted(periods, key=lambda p: p[1] or date.min):
            iso, org, sector = _split_code(code, kb)
            if not iso and not org:
                continue
            rows.append({"kind": "person", "person_id": pid, "name": e.name, "aliases": aliases, "role": "other",
                         "iso3": iso or "", "org": org or "", "sector": sector or "",
                         "start": start.isoformat() if start else "", "end": end.isoformat() if end else "",
                         "title": f"{code} (PETRARCH)"})
    return rows


def write_csv(rows: list[dict], out) -> None:
    w = csv.DictWriter(out, list(EXTRA_COLUMNS), extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: r.get(k, "") for k in EXTRA_COLUMNS})


def import_petrarch(path: str | Path, out: str | Path | None = None, kb: KnowledgeBase | None = None) -> tuple[list[dict], str]:
    """Read a PETRARCH/TABARI dictionary file; return the rows and the CSV
    text (also written to ``out`` when given)."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    rows = convert(parse(text), kb)
    buf = io.StringIO()
    write_csv(rows, buf)
    if out is not None:
        Path(out).write_text(buf.getvalue(), encoding="utf-8")
    return rows, buf.getvalue()
