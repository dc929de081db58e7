"""A labelled test corpus for duplicates, rewrites and stories, built from the samples.

``build(dest)`` writes files under ``dest`` and returns one :class:`Item` per
document with what it is: an ``original`` (the 25 sample reports, story A
moved eight weeks later so that it runs in the same week as story B with the
same actors: Xi, Putin, Kishida, Zelensky, China, Russia, Japan, Ukraine), a
``duplicate`` (a syndicated copy: another outlet's page furniture, another
headline, the dateline changed or dropped, a few words edited, sometimes the
last paragraph cut or a credit line added), a ``rewrite`` (a spun copy: at
least 30% of the words replaced from the synonym table below, sentences and
paragraphs reordered, names, numbers and quotations kept), an ``exact`` copy
(the same text at another URL: a second location of one article), and the
hand-written spun copy ``d_06`` of ``d_02`` from the sample corpus.

The story of each document is the letter of the sample it comes from
(examples/corpus/README.md): A-E are five different happenings.

Used by tests/test_dedup_corpus.py and bench/dedup_eval.py; deterministic for
a given seed.
"""

from __future__ import annotations

import html
import json
import random
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from worldwire.ingest.clean import clean
from worldwire.ingest.sources import iter_documents
from worldwire.records import Article

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"

# The JSONL records of the sample corpus, by line (examples/corpus/README.md).
JSONL_NAMES = {"part1.jsonl:1": "a_05", "part1.jsonl:2": "b_05", "part1.jsonl:3": "b_06", "part1.jsonl:4": "e_04",
               "part2.jsonl:1": "c_05", "part2.jsonl:2": "d_05"}
SHIFT_A = timedelta(days=59)  # story A: 2023-03-20.. → 2023-05-18.., the week of story B (G7, 19-22 May)

# -- the spinner's synonym table ----------------------------------------------
# Written for this corpus: news verbs, nouns and connectives with the
# replacements a content farm's spinner makes. Several keys are phrases.
SYNONYMS: dict[str, list[str]] = {
    # reporting verbs
    "said": ["stated", "noted", "remarked"], "says": ["states", "notes"], "told": ["informed"],
    "saying": ["stating", "noting"], "added": ["included", "went on"], "warned": ["cautioned"],
    "urged": ["pressed", "called on"], "accused": ["charged", "blamed"], "accusing": ["charging", "blaming"],
    "announced": ["declared", "unveiled"], "described": ["characterised", "portrayed"],
    "called": ["termed", "labelled"], "rejected": ["turned down", "dismissed"], "dismissed": ["brushed aside"],
    "welcomed": ["hailed", "applauded"], "reported": ["relayed"], "insisting": ["maintaining"],
    "insisted": ["maintained"], "pledged": ["vowed", "promised"], "pledging": ["vowing", "promising"],
    "thanked": ["expressed gratitude to"], "invited": ["asked"], "repeated": ["reiterated"],
    "expected": ["anticipated", "predicted"], "agreed": ["consented"], "signed": ["inked"],
    "discuss": ["talk about", "go over"], "discussed": ["talked about"], "met": ["sat down with"],
    "held": ["staged", "conducted"], "hosted": ["welcomed", "received"], "opened": ["began", "launched"],
    "began": ["started", "got under way"], "ended": ["concluded", "wrapped up"], "arrived": ["landed", "showed up"],
    "left": ["departed"], "visited": ["toured"], "travelled": ["journeyed"], "killed": ["slain"],
    "issued": ["released", "put out"], "released": ["put out", "published"], "raised": ["voiced"],
    "help": ["assist", "aid"], "helping": ["assisting"], "keep": ["maintain", "retain"], "take": ["carry"],
    "give": ["provide", "hand"], "make": ["create"], "made": ["created"], "use": ["employ", "utilise"],
    "using": ["employing", "exploiting"], "used": ["employed"], "show": ["demonstrate", "display"],
    "support": ["backing", "assistance"], "supported": ["backed"], "backs": ["supports"], "backed": ["supported"],
    "remained": ["stayed"], "remains": ["stays"], "respond": ["react", "retaliate"], "responded": ["reacted"],
    "continue": ["carry on", "proceed"], "continued": ["persisted", "went on"], "halt": ["stop", "cease"],
    "stop": ["halt", "end"], "protect": ["safeguard", "shield"], "sought": ["tried"], "seek": ["pursue"],
    "planned": ["intended"], "planning": ["plotting"], "proposed": ["suggested", "put forward"],
    "adopt": ["approve", "pass"], "adopted": ["approved", "passed"], "agree": ["consent"],
    "block": ["obstruct"], "blocked": ["obstructed"], "targeted": ["aimed at"], "deployed": ["stationed"],
    "damaged": ["harmed", "hurt"], "won": ["gained"], "hold": ["maintain"], "put": ["placed"],
    "meet": ["convene"], "supply": ["provide", "furnish"], "supplying": ["furnishing", "providing"],
    "train": ["instruct"], "training": ["instruction"], "reached": ["achieved", "attained"],
    "failed": ["did not manage"], "brokered": ["mediated", "arranged"], "tried": ["attempted"],
    "allow": ["permit", "let"], "allowing": ["permitting"], "restrict": ["limit", "curb"],
    "evade": ["dodge", "escape"], "stressed": ["emphasised", "underlined"], "condemned": ["denounced"],
    "criticised": ["slammed"], "demanded": ["insisted on"], "threatened": ["menaced"],
    "fell": ["dropped"], "rose": ["climbed"], "hit": ["struck"], "sent": ["dispatched"],
    "offered": ["proposed"], "promised": ["vowed"], "included": ["encompassed"], "including": ["such as"],
    "comes": ["arrives"], "follows": ["comes after"], "marked": ["signalled"], "became": ["turned into"],
    # nouns
    "talks": ["discussions", "negotiations"], "meeting": ["gathering", "session"], "statement": ["declaration"],
    "statements": ["declarations"], "war": ["conflict"], "conflict": ["war"], "countries": ["nations", "states"],
    "country": ["nation"], "leaders": ["heads of state", "chiefs"], "leader": ["head", "chief"],
    "summit": ["conference", "gathering"], "visit": ["trip", "tour"], "trip": ["journey", "voyage"],
    "peace": ["harmony"], "ceasefire": ["cessation of hostilities"], "truce": ["armistice", "pause in fighting"],
    "deal": ["pact", "arrangement"], "agreement": ["accord", "pact"], "treaty": ["pact", "accord"],
    "sanctions": ["penalties", "punitive measures"], "package": ["bundle", "set"], "measures": ["steps"],
    "accusations": ["allegations", "charges"], "reporters": ["journalists", "the press"],
    "spokesman": ["spokesperson", "representative"], "spokeswoman": ["spokesperson", "representative"],
    "officials": ["authorities", "functionaries"], "troops": ["forces", "soldiers"], "soldiers": ["troops"],
    "army": ["military"], "border": ["frontier"], "clash": ["skirmish", "confrontation"],
    "attack": ["assault", "onslaught"], "attacks": ["assaults"], "fighting": ["combat", "hostilities"],
    "fire": ["gunfire", "shooting"], "forces": ["troops"], "territory": ["land", "soil"], "region": ["area", "zone"],
    "sides": ["parties", "camps"], "side": ["party", "camp"], "companies": ["firms", "businesses"],
    "firms": ["companies", "businesses"], "weapons": ["arms", "armaments"], "aid": ["assistance", "help"],
    "trade": ["commerce"], "economy": ["economic system"], "energy": ["power"], "ties": ["links", "relations"],
    "relations": ["ties"], "cooperation": ["collaboration"], "partnership": ["alliance"],
    "security": ["safety"], "concerns": ["worries", "misgivings"], "plan": ["scheme", "blueprint"],
    "proposal": ["plan", "suggestion"], "document": ["paper", "text"], "paper": ["document"],
    "negotiations": ["talks", "bargaining"], "tool": ["instrument", "mechanism"], "list": ["roster"],
    "restrictions": ["curbs", "limits"], "exports": ["shipments abroad"], "goods": ["products", "merchandise"],
    "jets": ["aircraft", "warplanes"], "pilots": ["aviators"], "residents": ["locals", "inhabitants"],
    "civilians": ["non-combatants", "ordinary people"], "homes": ["houses", "dwellings"], "city": ["town"],
    "capital": ["seat of government"], "week": ["seven-day period"], "day": ["date"], "time": ["moment"],
    "year": ["twelvemonth"], "months": ["moons"], "hours": ["hrs"], "analyst": ["expert", "observer"],
    "analysts": ["experts", "observers"], "fellow": ["researcher", "scholar"], "researcher": ["scholar"],
    "professor": ["academic"], "director": ["head"], "chief": ["head"], "diplomats": ["envoys"],
    "envoy": ["emissary"], "ministers": ["cabinet members"], "delegations": ["delegates"], "mission": ["operation"],
    "invasion": ["incursion", "offensive"], "withdrawal": ["pullout", "retreat"], "warrant": ["writ"],
    "pipeline": ["conduit"], "gas": ["natural gas"], "oil": ["crude"], "strikes": ["raids", "bombardments"],
    "checkpoint": ["control post", "checkpost"], "road": ["route", "highway"], "corridor": ["passage"],
    "village": ["hamlet", "settlement"], "province": ["district"], "position": ["stance", "standpoint"],
    "positions": ["emplacements"], "objections": ["reservations", "complaints"], "steps": ["measures"],
    "efforts": ["attempts"], "hospitals": ["clinics"], "people": ["individuals", "persons"],
    "situation": ["state of affairs"], "conference": ["meeting"], "declaration": ["pledge"],
    "group": ["bloc"], "bloc": ["union", "group"], "world": ["globe"], "media": ["press"], "news": ["press"],
    "relief": ["assistance"], "violations": ["breaches"], "issue": ["matter"], "question": ["matter"],
    "crisis": ["emergency"], "threat": ["danger"], "risk": ["danger", "hazard"], "role": ["part"],
    "influence": ["sway", "clout"], "pressure": ["strain"], "interests": ["concerns"],
    # adjectives and adverbs
    "new": ["fresh", "latest"], "first": ["initial", "maiden"], "last": ["previous", "past"],
    "next": ["following", "coming"], "senior": ["high-ranking", "top"], "deadly": ["lethal", "fatal"],
    "military": ["armed"], "economic": ["financial"], "political": ["governmental"], "joint": ["shared", "common"],
    "formal": ["official"], "informal": ["casual", "unofficial"], "full": ["complete", "total"],
    "main": ["principal", "chief"], "major": ["significant", "big"], "big": ["large", "major"],
    "small": ["minor", "little"], "long": ["lengthy"], "short": ["brief"], "late": ["overdue"],
    "early": ["initial"], "possible": ["potential", "likely"], "ready": ["prepared", "willing"],
    "deeply": ["profoundly", "seriously"], "widely": ["broadly", "generally"], "quickly": ["rapidly", "swiftly"],
    "repeatedly": ["again and again"], "closely": ["carefully"], "firmly": ["strongly", "resolutely"],
    "strongly": ["firmly"], "sharply": ["steeply"], "only": ["merely", "just"], "still": ["yet"],
    "already": ["by now"], "also": ["additionally", "in addition"], "however": ["nevertheless", "nonetheless"],
    "again": ["once more"], "later": ["afterwards", "subsequently"], "earlier": ["previously", "before"],
    "nearly": ["almost"], "almost": ["nearly"], "about": ["around", "roughly"], "around": ["about", "roughly"],
    "several": ["a number of", "various"], "many": ["numerous", "lots of"], "other": ["additional", "further"],
    "further": ["additional"], "any": ["whatever"], "own": ["personal"], "same": ["identical"],
    "international": ["global"], "humanitarian": ["relief"], "civilian": ["non-military"], "fragile": ["shaky"],
    "routine": ["regular"], "current": ["present"], "key": ["crucial", "vital"], "important": ["significant"],
    "western": ["occidental"], "foreign": ["overseas"], "rival": ["competing", "opposing"],
    "warring": ["belligerent", "feuding"], "lethal": ["deadly"], "nuclear": ["atomic"], "public": ["open"],
    "committed": ["dedicated"], "concerned": ["worried", "troubled"], "genuinely": ["truly"],
    # connectives and prepositions
    "after": ["following", "once"], "before": ["prior to", "ahead of"], "near": ["close to", "next to"],
    "while": ["whereas", "even as"], "but": ["yet", "though"], "and": ["as well as", "plus"],
    "because": ["since", "as"], "since": ["ever since"], "during": ["throughout", "in the course of"],
    "over": ["regarding", "concerning"], "with": ["alongside", "together with"], "without": ["lacking"],
    "against": ["versus"], "between": ["amid"], "among": ["amid"], "into": ["inside"], "across": ["throughout"],
    "from": ["out of"], "under": ["beneath"], "for": ["intended for"], "by": ["through"], "whether": ["if"],
    "would": ["will", "could"], "could": ["might", "may"], "should": ["ought to"], "must": ["has to"],
    "will": ["is set to", "is going to"], "can": ["is able to"], "not": ["never"], "did": ["had"],
    "has": ["has got"], "have": ["have got"], "had": ["had got"], "is": ["remains"], "was": ["had been"],
    "were": ["had been"], "been": ["become"], "be": ["become"], "in": ["within", "inside"], "on": ["upon"],
    "at": ["in"], "to": ["towards"], "that": ["which"], "who": ["that"], "which": ["that"], "this": ["the"],
    "a": ["one"], "an": ["one"], "its": ["their"], "their": ["its"], "of": ["belonging to"],
}
PHRASES: dict[tuple[str, ...], list[str]] = {
    ("told", "reporters"): ["informed journalists", "told the press"], ("according", "to"): ["as reported by"],
    ("prime", "minister"): ["premier"], ("foreign", "minister"): ["top diplomat"], ("said", "that"): ["stated"],
    ("as", "well", "as"): ["along with"], ("in", "order", "to"): ["so as to"], ("more", "than"): ["over"],
    ("due", "to"): ["set to"], ("a", "statement"): ["a declaration"], ("were", "killed"): ["died", "perished"],
    ("was", "killed"): ["died"], ("had", "been"): ["were"], ("have", "been"): ["were"], ("would", "not"): ["won't"],
    ("did", "not"): ["didn't"], ("does", "not"): ["doesn't"], ("is", "not"): ["isn't"], ("the", "two"): ["both"],
    ("both", "sides"): ["the two parties"], ("the", "bloc"): ["the union"], ("at", "least"): ["no fewer than"],
    ("on", "the", "first", "anniversary"): ["one year after the start"], ("in", "the", "day"): ["that day"],
}
# Words a syndicating editor changes (American spellings, tenses).
EDITS = {"defence": "defense", "honour": "honor", "sceptical": "skeptical", "centre": "center", "said": "says",
         "travelled": "traveled", "labour": "labor", "organisation": "organization", "favour": "favor"}

_QUOTE_SPLIT = re.compile(r"(“[^”]*”|\"[^\"\n]*\")")
_TOKEN = re.compile(r"(\w+(?:['’]\w+)?)")
_SENTENCE_END = re.compile(r"(?<=[.!?])([”\"]?)\s+(?=[“\"A-Z(])")
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Sample:
    name: str  # a_01, ..., part1 records as a_05 etc.
    story: str
    article: Article
    path: Path


@dataclass(slots=True)
class Item:
    location: str  # where ingest records it: a path, or "path:line" for JSONL
    name: str  # a_01, a_01+dup, a_01+spin, a_01+same, d_06
    story: str
    kind: str  # original | duplicate | rewrite | exact
    of: str | None  # the name of the original it copies
    published: date | None
    replaced: float | None = None  # share of the original's words not in the rewrite


def load_samples() -> list[Sample]:
    out = []
    for doc in iter_documents([str(CORPUS)]):
        article = clean(doc)
        base = doc.location.rsplit("/", 1)[-1]
        name = JSONL_NAMES.get(base, base[:4])
        out.append(Sample(name, name[0].upper(), article, Path(doc.location.split(":")[0])))
    return out


# -- text transformations ----------------------------------------------------
def _paragraphs(article: Article) -> list[tuple[str, str]]:
    heads = {s.heading for s in article.sections}
    return [("heading" if p in heads else "p", p) for p in article.text.split("\n\n")]


def _case_like(word: str, repl: str) -> str:
    return repl[0].upper() + repl[1:] if word[:1].isupper() else repl


def _spin_segment(seg: str, rng: random.Random, rate: float, sentence_start: bool) -> str:
    """Swap words and phrases of prose (never names, numbers or quotations)."""
    parts = _TOKEN.split(seg)
    out: list[str] = []
    i = 0
    at_start = sentence_start
    while i < len(parts):
        piece = parts[i]
        if i % 2 == 0:  # separator
            out.append(piece)
            if re.search(r"[.!?]\s*$", piece):
                at_start = True
            elif piece.strip():
                at_start = False
            i += 1
            continue
        words = [parts[j].lower() for j in range(i, min(i + 8, len(parts)), 2)]
        replaced = False
        protected = piece[:1].isupper() and not at_start or piece[:1].isdigit()
        if not protected and rng.random() < rate:
            for n in (4, 3, 2):
                key = tuple(words[:n])
                if len(key) == n and key in PHRASES and all(
                        parts[j] == " " for j in range(i + 1, i + 2 * n - 1, 2)):
                    out.append(_case_like(piece, rng.choice(PHRASES[key])))
                    i += 2 * n - 1
                    replaced = True
                    break
            if not replaced and words[0] in SYNONYMS:
                out.append(_case_like(piece, rng.choice(SYNONYMS[words[0]])))
                i += 1
                replaced = True
        if not replaced:
            out.append(piece)
            i += 1
        at_start = False
    return "".join(out)


def spin_paragraph(text: str, rng: random.Random, rate: float = 1.0) -> str:
    """Spin the prose of a paragraph; quotations stay word for word."""
    out = []
    for k, seg in enumerate(_QUOTE_SPLIT.split(text)):
        if k % 2 == 1:
            out.append(seg)
        else:
            start = k == 0 or bool(re.search(r"[.!?][”\"]?\s*$", out[-1] if out else ""))
            out.append(_spin_segment(seg, rng, rate, start))
    return "".join(out)


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (good enough to shuffle them); a
    quotation of several sentences stays whole."""
    quotes: list[str] = []

    def hide(m: re.Match) -> str:
        quotes.append(m.group(0))
        return f"“\x00{len(quotes) - 1}\x00”"

    hidden = _QUOTE_SPLIT.sub(hide, text)
    return [re.sub(r"“\x00(\d+)\x00”", lambda m: quotes[int(m.group(1))], s) for s in _split(hidden)]


def _split(text: str) -> list[str]:
    pieces = _SENTENCE_END.split(text)
    out = []
    for k in range(0, len(pieces), 2):
        s = pieces[k] + (pieces[k + 1] if k + 1 < len(pieces) else "")
        if out and (re.search(r"\b(?:[A-Z]\.|Feb\.|Mr\.|Dr\.|St\.|U\.S\.|U\.N\.)$", out[-1].rstrip("”\""))):
            out[-1] += " " + s
        else:
            out.append(s)
    return [s.strip() for s in out if s.strip()]


def replaced_share(original: str, copy: str) -> float:
    """Share of the original's word tokens that the copy does not have (multiset)."""
    a, b = Counter(_WORD.findall(original.lower())), Counter(_WORD.findall(copy.lower()))
    n = sum(a.values())
    return 1 - sum((a & b).values()) / n if n else 0.0


def rewrite(article: Article, rng: random.Random) -> list[tuple[str, str]]:
    """A content farm's spun copy: words swapped, sentences and paragraphs reordered."""
    paras = [(k, spin_paragraph(p, rng)) for k, p in _paragraphs(article)]
    body = []
    for kind, p in paras:
        if kind == "heading":
            continue  # spinners drop the section headings
        ss = sentences(p)
        if len(ss) > 1:
            rng.shuffle(ss)
        body.append(" ".join(ss))
    lead, rest = body[:1], body[1:]
    rng.shuffle(rest)
    # merge two short neighbours now and then, as spinners do
    merged: list[str] = []
    for p in lead + rest:
        if merged and len(merged[-1]) < 200 and len(p) < 200 and rng.random() < 0.5:
            merged[-1] += " " + p
        else:
            merged.append(p)
    return [("p", p) for p in merged]


def syndicate(article: Article, outlet: str, rng: random.Random) -> list[tuple[str, str]]:
    """A syndicated copy: the dateline changed or dropped, a few words edited,
    sometimes the last paragraph cut or a credit line added."""
    paras = _paragraphs(article)
    kind, first = paras[0]
    m = re.match(r"^([A-Z][A-Z/ .'-]+,\s+[A-Z]?[a-z]*\.?\s*\d{0,2}\s*)\(([^)]+)\)\s*[-–—]\s*", first)
    if m:
        first = (m.group(1) + f"({outlet}) - " if rng.random() < 0.5 else "") + first[m.end():]
    elif re.match(r"^[A-Z]{3,}[A-Z ,/]*\s+[-–—]\s+", first):
        first = re.sub(r"^[A-Z]{3,}[A-Z ,/]*\s+[-–—]\s+", "", first)
    paras[0] = (kind, first)
    n_edits = rng.randint(1, 3)
    for _ in range(n_edits):
        k = rng.randrange(len(paras))
        kind, p = paras[k]
        words = [w for w in _TOKEN.findall(p) if w.lower() in EDITS or w.lower() in SYNONYMS and w.islower()]
        if words:
            w = rng.choice(words)
            repl = EDITS.get(w.lower()) or rng.choice(SYNONYMS[w.lower()])
            p = re.sub(rf"\b{re.escape(w)}\b", repl, p, count=1)
            paras[k] = (kind, p)
    if len(paras) > 8 and rng.random() < 0.3:
        paras = paras[:-1]
        while paras[-1][0] == "heading":
            paras.pop()
    if rng.random() < 0.3:
        paras.append(("p", f"This story was first published by {article.source} and is republished here with permission."))
    return paras


def retitle(title: str, rng: random.Random, spun: bool) -> str:
    if spun:
        return spin_paragraph(title, rng).title()
    how = rng.randrange(4)
    if how == 0:
        return "UPDATE 1-" + title
    if how == 1:
        return title + " - report"
    if how == 2:
        return title.upper()[:1] + title[1:].rstrip(".") + ": what we know"
    return "WATCH: " + title


# -- page furniture ----------------------------------------------------------
OUTLETS = ["Pacific Courier", "Northern Star Online", "Wire Digest Daily", "Global Syndicate News", "The Morning Aggregator",
           "Capital Newswire", "Frontline Report"]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def text_page(outlet: str, title: str, day: date, blocks: list[tuple[str, str]], rng: random.Random) -> str:
    lines = [f"Home > World > {rng.choice(['Europe', 'Asia', 'Africa', 'Politics'])}", "", outlet.upper(),
             "World | Politics | Business | Opinion | Video | Podcasts", "", title, "",
             f"By {outlet} Staff | {day:%B} {day.day}, {day.year}", "", "Share", "Facebook", "Twitter", "Email", "",
             "ADVERTISEMENT", ""]
    for n, (kind, text) in enumerate(blocks):
        lines += [text, ""]
        if n == 3:
            lines += ["ADVERTISEMENT", "", f"Related: {rng.choice(['Five things to know', 'Analysis', 'Explainer'])} about the week's news", ""]
    lines += ["Tags: World, Diplomacy, Conflict", "", "Leave a Reply", "Please enter your comment!",
              "Please enter your name here", "Post Comment", "", f"© {day.year} {outlet}. All rights reserved."]
    return "\n".join(lines) + "\n"


def html_page(outlet: str, title: str, day: date, blocks: list[tuple[str, str]], url: str) -> str:
    body = "\n".join(f"<h2>{html.escape(t)}</h2>" if k == "heading" else f"<p>{html.escape(t)}</p>" for k, t in blocks)
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(title)} | {e(outlet)}</title>
<meta property="og:title" content="{e(title)}">
<meta property="og:site_name" content="{e(outlet)}">
<meta property="article:published_time" content="{day.isoformat()}T09:00:00Z">
<link rel="canonical" href="{e(url)}">
</head><body>
<header><a href="/">{e(outlet)}</a><nav><ul><li><a href="/world/">World</a></li><li><a href="/business/">Business</a></li>
<li><a href="/opinion/">Opinion</a></li></ul></nav></header>
<div class="cookie-banner"><p>We use cookies to improve your experience. By continuing you accept our use of cookies.</p></div>
<main><article><h1>{e(title)}</h1>
<p class="byline">By {e(outlet)} staff · <time datetime="{day.isoformat()}">{day.isoformat()}</time></p>
<div class="body">
{body}
</div></article>
<aside><h3>More from {e(outlet)}</h3><ul><li><a href="/a">Markets close higher</a></li><li><a href="/b">Weather: storms ahead</a></li></ul></aside>
</main><footer><p>&copy; {day.year} {e(outlet)}. All rights reserved.</p></footer></body></html>
"""


# -- the corpus --------------------------------------------------------------
def build(dest: Path, seed: int = 7, min_replaced: float = 0.30) -> list[Item]:
    """Write the test corpus under ``dest``; return what each document is."""
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    samples = [s for s in load_samples() if s.name != "d_06"]
    items: list[Item] = []

    def when(s: Sample) -> date:
        assert s.article.published is not None
        return s.article.published + (SHIFT_A if s.story == "A" else timedelta(0))

    # originals: B-E as they are; story A moved (re-emitted with its new date)
    moved = []
    for s in samples:
        if s.story == "A":
            moved.append({"url": s.article.url, "title": s.article.title, "published": when(s).isoformat(),
                          "source": s.article.source, "text": _plain(s.article)})
            items.append(Item(f"{dest / 'originals_a.jsonl'}:{len(moved)}", s.name, "A", "original", None, when(s)))
    (dest / "originals_a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in moved), encoding="utf-8")
    copied: set[Path] = set()
    for s in samples:
        if s.story == "A" or s.path.suffix == ".jsonl":
            continue
        shutil.copy(s.path, dest / s.path.name)
        copied.add(s.path)
        items.append(Item(str(dest / s.path.name), s.name, s.story, "original", None, when(s)))
    jsonl = [s for s in samples if s.path.suffix == ".jsonl" and s.story != "A"]
    records = []
    for s in jsonl:
        records.append({"url": s.article.url, "title": s.article.title, "published": when(s).isoformat(),
                        "source": s.article.source, "text": _plain(s.article)})
        items.append(Item(f"{dest / 'originals_feed.jsonl'}:{len(records)}", s.name, s.story, "original", None, when(s)))
    (dest / "originals_feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    # the hand-written spun copy of d_02
    shutil.copy(CORPUS / "d_06_clash_blame_spun.txt", dest / "d_06_clash_blame_spun.txt")
    items.append(Item(str(dest / "d_06_clash_blame_spun.txt"), "d_06", "D", "rewrite", "d_02", date(2023, 4, 13)))

    for n, s in enumerate(samples):
        a = s.article
        # syndicated copy
        outlet = OUTLETS[n % len(OUTLETS)]
        day = when(s) + timedelta(days=rng.randint(0, 1))
        blocks = syndicate(a, outlet, rng)
        title = retitle(a.title or "", rng, spun=False)
        if n % 2:
            name = f"{s.name}_syndicated.txt"
            (dest / name).write_text(text_page(outlet, title, day, blocks, rng), encoding="utf-8")
        else:
            name = f"{s.name}_syndicated.html"
            url = f"https://{_slug(outlet)}.example/{day:%Y/%m/%d}/{_slug(title)}"
            (dest / name).write_text(html_page(outlet, title, day, blocks, url), encoding="utf-8")
        items.append(Item(str(dest / name), f"{s.name}+dup", s.story, "duplicate", s.name, day))
        # spun copy
        farm = OUTLETS[(n + 3) % len(OUTLETS)]
        day = when(s) + timedelta(days=rng.randint(1, 3))
        blocks = rewrite(a, rng)
        share = replaced_share(a.text, "\n\n".join(t for _, t in blocks))
        if share < min_replaced:
            continue
        title = retitle(a.title or "", rng, spun=True)
        name = f"{s.name}_spun.txt"
        (dest / name).write_text(text_page(farm, title, day, blocks, rng), encoding="utf-8")
        items.append(Item(str(dest / name), f"{s.name}+spin", s.story, "rewrite", s.name, day, round(share, 3)))

    # exact copies: the same page saved again, the same feed record at another URL:
    # one article with two locations
    exact = []
    for s in samples[::8]:
        original = next(i for i in items if i.name == s.name and i.kind == "original")
        if ".jsonl:" in original.location:
            path, line = original.location.rsplit(":", 1)
            record = json.loads(Path(path).read_text(encoding="utf-8").splitlines()[int(line) - 1])
            record["url"] = f"https://mirror.example/{_slug(s.article.title or s.name)}"
            exact.append(record)
            location = f"{dest / 'mirror.jsonl'}:{len(exact)}"
        else:
            location = str(dest / f"mirror_{s.path.name}")
            shutil.copy(s.path, location)
        items.append(Item(location, f"{s.name}+same", s.story, "exact", s.name, when(s)))
    (dest / "mirror.jsonl").write_text("".join(json.dumps(r) + "\n" for r in exact), encoding="utf-8")
    return items


def _plain(article: Article) -> str:
    return article.text


def ingest_without_coding(paths: list[str], store) -> None:
    """Clean and store without NLP coding (duplicates, rewrites and stories use
    the text only), with the dedup hook inside each article's transaction as
    the pipeline runs it."""
    from worldwire.ingest import dedup
    from worldwire.records import CodedArticle

    for doc in iter_documents(paths):
        if not hasattr(doc, "content"):  # an InputError
            continue
        a = clean(doc)
        if store.has_article(a.id):
            store.add_location(a.id, a.location, a.url)
            continue
        store.write(CodedArticle(a, [], [], [], []), also=lambda: dedup.record(store, [a]))


# -- scoring ------------------------------------------------------------------
def evaluate(store, items: list[Item]) -> dict:
    """Score what the store made of the corpus against the labels.

    Near duplicates and rewrites are scored on links: every stored article that
    points at a report (``duplicate_of`` or ``rewrite_of``) is one predicted
    link, correct when both are copies of the same original and the kind is
    right (``rewrite`` when either of the two is a spun copy, else
    ``duplicate``). A labelled copy is found when it is linked, with the right
    kind, to a member of its own group (or its group's members are linked to
    it). Stories: a merge is a story holding reports of two different sample
    stories; recall is the share of same-story pairs of articles put together.
    """
    import itertools

    rows = store.con.execute(
        """SELECT l.location, d.article_id, d.report_id, d.duplicate_of, d.rewrite_of, d.story_id
           FROM article_locations l JOIN article_dedup d ON d.article_id = l.article_id""").fetchall()
    at = {loc: r for loc, *r in rows}
    by_name = {i.name: i for i in items}
    name_of: dict[str, Item] = {}
    missing = []
    for i in items:
        r = at.get(i.location)
        if r is None:
            missing.append(i.name)
        elif i.kind != "exact":
            name_of[r[0]] = i
    root = {aid: (i.of or i.name) for aid, i in name_of.items()}

    def true_kind(x: Item, y: Item) -> str:
        return "rewrite" if "rewrite" in (x.kind, y.kind) else "duplicate"

    links = []
    for aid, i in name_of.items():
        _, report, dup, rw, _ = at[i.location]
        if dup or rw:
            links.append((aid, report, "duplicate" if dup else "rewrite"))
    scores = {}
    for kind in ("duplicate", "rewrite"):
        predicted = [lk for lk in links if lk[2] == kind]
        correct = [lk for lk in predicted if lk[1] in name_of and root[lk[0]] == root[lk[1]]
                   and true_kind(name_of[lk[0]], name_of[lk[1]]) == kind]
        truth = [i for i in name_of.values() if i.kind == kind]
        found = 0
        for i in truth:
            aid = at[i.location][0]
            partners = {lk[1] for lk in links if lk[0] == aid and lk[2] == kind} | {
                lk[0] for lk in links if lk[1] == aid and lk[2] == kind}
            if any(p in root and root[p] == root[aid] for p in partners):
                found += 1
        scores[kind] = {"predicted": len(predicted), "correct": len(correct), "true": len(truth), "found": found,
                        "precision": len(correct) / len(predicted) if predicted else 1.0,
                        "recall": found / len(truth) if truth else 1.0}
    canonical = sum(1 for aid, i in name_of.items() if i.kind == "original" and at[i.location][1] == aid)
    stories: dict[str, set[str]] = {}
    for aid, i in name_of.items():
        stories.setdefault(at[i.location][4], set()).add(i.story)
    merges = sorted(sorted(s) for s in stories.values() if len(s) > 1)
    arts = list(name_of.items())
    pairs = [(x, y) for x, y in itertools.combinations(arts, 2) if x[1].story == y[1].story]
    together = sum(at[x[1].location][4] == at[y[1].location][4] for x, y in pairs)
    exact = [i for i in items if i.kind == "exact"]
    exact_ok = sum(1 for i in exact if i.location in at and at[i.location][0] == at[by_name[i.of].location][0])
    d06 = at.get(by_name["d_06"].location) if "d_06" in by_name else None
    d02 = at.get(by_name["d_02"].location) if "d_02" in by_name else None
    return {
        "articles": len(name_of), "documents": len(items), "missing": missing,
        "kinds": dict(Counter(i.kind for i in items)),
        "duplicate": scores["duplicate"], "rewrite": scores["rewrite"],
        "originals_canonical": f"{canonical}/{sum(1 for i in name_of.values() if i.kind == 'original')}",
        "exact_copies_as_locations": f"{exact_ok}/{len(exact)}",
        "d_06_rewrite_of_d_02": bool(d06 and d02 and d06[3] == d02[0]),
        "stories": len(stories), "story_merges": merges,
        "story_pair_recall": together / len(pairs) if pairs else 1.0,
        "min_replaced": min((i.replaced for i in items if i.replaced is not None), default=None),
    }
