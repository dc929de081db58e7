"""A bad-input corpus, generated into a directory at test time (nothing big is
committed): one file per kind, each with the outcome worldwire must give it.

``write_corpus(root)`` writes every kind and returns ``{location: Expect}``,
where location is what ``pipeline.ingest`` reports (the path, or ``path:line``
for a JSONL line). The README section "Bad input and crash safety" lists the
same outcomes.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

MB = 1_000_000


@dataclass(frozen=True)
class Expect:
    status: str  # "stored" or "rejected"
    reason: str | None = None  # a words in the rejection reason (lower case)
    contains: str | None = None  # a phrase the stored text must hold
    absent: tuple[str, ...] = ()  # what the stored text must not hold


# Subjects that make every good paragraph distinct (identity is the text's hash,
# and near-duplicates would be matched as rewrites).
_SUBJECTS = [
    ("Norway", "Sweden", "fisheries", "Oslo"), ("Chile", "Peru", "copper exports", "Lima"),
    ("Kenya", "Tanzania", "rail links", "Nairobi"), ("Canada", "Mexico", "vehicle tariffs", "Ottawa"),
    ("Vietnam", "Laos", "hydropower", "Hanoi"), ("Ghana", "Togo", "border crossings", "Accra"),
    ("Poland", "Lithuania", "gas pipelines", "Warsaw"), ("Egypt", "Sudan", "water sharing", "Cairo"),
    ("Japan", "the Philippines", "coast guard drills", "Manila"), ("Brazil", "Argentina", "grain shipping", "Brasilia"),
    ("Morocco", "Spain", "migration controls", "Rabat"), ("India", "Nepal", "power trading", "Kathmandu"),
    ("Austria", "Slovenia", "alpine tunnels", "Vienna"), ("Qatar", "Oman", "shipping lanes", "Doha"),
    ("Finland", "Estonia", "undersea cables", "Helsinki"), ("Senegal", "Mali", "river transport", "Dakar"),
    ("Ireland", "Iceland", "whaling limits", "Dublin"), ("Fiji", "Tonga", "cyclone relief", "Suva"),
    ("Jordan", "Iraq", "oil trucking", "Amman"), ("Uruguay", "Paraguay", "port fees", "Montevideo"),
    ("Belgium", "Luxembourg", "rail tickets", "Brussels"), ("Greece", "Cyprus", "energy grids", "Athens"),
    ("Bolivia", "Ecuador", "lithium mining", "La Paz"), ("Latvia", "Belarus", "border guards", "Riga"),
    ("Zambia", "Malawi", "maize imports", "Lusaka"), ("Cambodia", "Thailand", "temple tourism", "Phnom Penh"),
]


def prose(i: int, paragraphs: int = 3) -> list[str]:
    """Distinct English news paragraphs for kind number ``i``."""
    a, b, topic, city = _SUBJECTS[i % len(_SUBJECTS)]
    round_ = f"round {i + 2} of the"  # the subjects repeat after 26 kinds; the round number does not
    paras = [
        f"{a} and {b} agreed on Tuesday to resume talks about {topic}, officials in {city} said after {round_} "
        f"meetings of the two foreign ministers that lasted most of the day.",
        f"The minister from {a} said the government would work with its partners in {b} to settle the dispute "
        f"over {topic} before the end of the year, and that a joint commission would meet next month.",
        f"Critics in {city} said the agreement on {topic} did not go far enough, but business groups in {b} "
        f"welcomed the talks and called for a lasting deal between the two countries.",
        f"Diplomats from {b} are expected to travel to {city} in the spring to review progress on {topic}, "
        f"according to a statement released by the foreign ministry of {a} on Wednesday.",
    ]
    return paras[:paragraphs]


def text_page(i: int, eol: str = "\n") -> str:
    return (eol + eol).join(prose(i)) + eol


def html_page(i: int, title: str | None = None) -> str:
    a, b, topic, _ = _SUBJECTS[i % len(_SUBJECTS)]
    title = title or f"{a} and {b} resume talks on {topic}"
    body = "".join(f"<p>{p}</p>" for p in prose(i))
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>")


NON_ENGLISH = {
    "german": "Die Regierung in Berlin hat am Dienstag angekündigt, dass sie die Gespräche mit den Nachbarländern "
              "über die Energieversorgung fortsetzen wird. Der Minister sagte, man werde sich um eine schnelle "
              "Einigung bemühen und die Verhandlungen im nächsten Monat in Brüssel wieder aufnehmen. Kritiker "
              "bemängelten, dass die Pläne nicht weit genug gingen und die Kosten für die Bürger steigen würden.",
    "french": "Le gouvernement a annoncé mardi qu'il poursuivrait les négociations avec ses voisins sur "
              "l'approvisionnement en énergie. Le ministre a déclaré que les discussions reprendraient le mois "
              "prochain à Bruxelles et que les deux pays chercheraient un accord rapide. Les critiques ont estimé "
              "que ces projets n'allaient pas assez loin et que les coûts augmenteraient pour les citoyens.",
    "spanish": "El gobierno anunció el martes que continuará las negociaciones con los países vecinos sobre el "
               "suministro de energía. El ministro dijo que las conversaciones se reanudarán el próximo mes en "
               "Bruselas y que ambos países buscarán un acuerdo rápido. Los críticos señalaron que los planes no "
               "van lo suficientemente lejos y que los costes aumentarán para los ciudadanos.",
    "russian": "Правительство во вторник объявило, что продолжит переговоры с соседними странами о поставках "
               "энергии. Министр заявил, что переговоры возобновятся в следующем месяце в Брюсселе и что обе "
               "страны будут добиваться быстрого соглашения. Критики отметили, что планы недостаточно "
               "амбициозны и что расходы для граждан вырастут.",
    "chinese": "政府周二宣布，将继续与邻国就能源供应问题进行谈判。部长表示，谈判将于下月在布鲁塞尔恢复，"
               "两国将寻求尽快达成协议。批评人士指出，这些计划力度不够，公民的费用将会上升。"
               "外交部发言人在记者会上说，双方同意在能源、交通和贸易领域加强合作，并将成立联合委员会。",
}


def _w(path: Path, data: bytes | str) -> str:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def write_corpus(root: Path, big: bool = True) -> dict[str, Expect]:
    """Write every kind under ``root``; ``big`` adds the 50 MB and 10 MB files."""
    root.mkdir(parents=True, exist_ok=True)
    ex: dict[str, Expect] = {}
    n = iter(range(1000))

    def add(name: str, data: bytes | str, expect: Expect) -> str:
        path = _w(root / name, data)
        ex[path] = expect
        return path

    # -- good documents in the same batch ----------------------------------
    add("good_page.txt", text_page(next(n)), Expect("stored", contains="agreed on Tuesday"))
    add("good_page.html", html_page(next(n)), Expect("stored", contains="agreed on Tuesday"))

    # -- empty, blank, binary, size ----------------------------------------
    add("empty.txt", b"", Expect("rejected", "empty file"))
    add("whitespace_only.txt", b" \n\t\r\n   \n", Expect("rejected", "only whitespace"))
    add("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, Expect("rejected", "binary"))
    add("pdf_named.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n" + bytes(range(256)) * 4,
        Expect("rejected", "binary"))
    if big:
        # 50 MB of real text: refused from its size before it is read
        add("text_50mb.txt", b"The talks went on. " * (50 * MB // 19 + 1), Expect("rejected", "too large"))
        # 10 MB on one line: refused before the line filter sees it
        add("single_line_10mb.txt", ("talks " * (10 * MB // 6)).encode(), Expect("rejected", "too long"))
    gz_bomb = gzip.compress(b" " * 30 * MB, compresslevel=9)
    add("gzip_bomb.txt.gz", gz_bomb, Expect("rejected", "too large once decompressed"))

    # -- encodings -----------------------------------------------------------
    i = next(n)
    add("invalid_utf8.txt", text_page(i).encode().replace(b"Tuesday", b"Tuesday \xff\xfe", 1),
        Expect("stored", contains="agreed on Tuesday"))
    add("utf16_bom.txt", text_page(next(n)).encode("utf-16"), Expect("stored", contains="agreed on Tuesday"))
    i = next(n)
    add("latin1.txt", (text_page(i) + "\nThe café in Zürich, the ministers said, was closed for the talks on the "
                       "economy and on the trade in goods across the lake.\n").encode("latin-1"),
        Expect("stored", contains="café in Zürich"))
    i = next(n)
    add("cp1252_quotes.txt", (text_page(i) + "\n“We will not give up,” the minister said of the talks "
                              "that are due to continue in the spring with the other side.\n").encode("cp1252"),
        Expect("stored", contains="“We will not give up,”"))
    add("nul_bytes.txt", text_page(next(n)).replace(", officials", ",\x00 officials").encode(),
        Expect("stored", contains="agreed on Tuesday", absent=("\x00",)))
    add("control_chars.html", html_page(next(n)).replace("agreed on", "agreed\x1b on\x07"),
        Expect("stored", contains="agreed on Tuesday", absent=("\x1b", "\x07")))
    add("zero_width_flood.txt", "\u200b" * 20000 + "\n" + text_page(next(n)).replace(" ", " \u200b\u200c\ufeff"),
        Expect("stored", contains="on Tuesday"))
    add("mixed_line_endings.txt", text_page(next(n)).replace("\n\n", "\r\n\r\n", 1).replace("\n\n", "\r\r", 1),
        Expect("stored", contains="agreed on Tuesday"))

    # -- HTML shapes ---------------------------------------------------------
    i = next(n)
    add("nested_100k_divs.html", "<html><body>" + "<div>" * 100_000 + "".join(f"<p>{p}</p>" for p in prose(i))
        + "</div>" * 100_000 + "</body></html>", Expect("rejected", "no article text"))
    i = next(n)
    add("no_body.html", "<html><head><title>Talks</title></head>" + " ".join(prose(i)) + "</html>",
        Expect("stored", contains="agreed on Tuesday"))
    add("script_only.html", "<html><head><script>var a = 1;</script></head><body><script>"
        + "document.write('talks');" * 200 + "</script></body></html>", Expect("rejected", "no article text"))
    add("nav_only.html", "<html><body><nav><ul>" + "".join(f"<li><a href='/s{k}'>Section {k}</a></li>" for k in range(60))
        + "</ul></nav><footer>© 2023 Example</footer></body></html>", Expect("rejected", "no article text"))
    add("nav_only.txt", "\n".join(["Home | World | Politics | Business | Sport", "Menu", "Search", "Sign in",
                                   "Share on Facebook", "Twitter", "Related: Other news", "© 2023 Example News"]),
        Expect("rejected", "too little article text"))
    i = next(n)
    rows = "".join(f"<tr><td>{p}</td><td>{k}</td></tr>" for k, p in enumerate(prose(i)))
    add("table.html", f"<html><body><table><tr><th>Report</th><th>No.</th></tr>{rows}</table></body></html>",
        Expect("stored", contains="agreed on Tuesday"))
    i = next(n)
    add("list.html", "<html><body><h1>Talks</h1><ul>" + "".join(f"<li>{p}</li>" for p in prose(i)) + "</ul></body></html>",
        Expect("stored", contains="agreed on Tuesday"))
    add("list.txt", "\n".join(f"- {p}" for p in prose(next(n))) + "\n", Expect("stored", contains="agreed on Tuesday"))
    a, b, topic, city = _SUBJECTS[next(n)]
    quotes = [f"“We have agreed to resume the talks on {topic} with {b},” the minister of {a} said.",
              f"“There is still a long way to go before a deal is signed in {city},” she said.",
              f"“Our people expect results and we will not let them down,” said the envoy of {b}."]
    add("only_quotations.txt", "\n\n".join(quotes) + "\n", Expect("stored", contains="“We have agreed"))
    add("txt_holding_html.txt", html_page(next(n)), Expect("stored", contains="agreed on Tuesday", absent=("<p>", "</")))
    add("html_holding_text.html", text_page(next(n)), Expect("stored", contains="agreed on Tuesday"))
    add("entity_bomb.html", '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        "<html><body><p>&lol2;</p>" + "".join(f"<p>{p}</p>" for p in prose(next(n))) + "</body></html>",
        Expect("stored", contains="agreed on Tuesday", absent=("lollol",)))
    add("broken_markup.html", "<html><body><p>" + "</p><p><b><i>".join(prose(next(n))) + "<div></span></td></body>",
        Expect("stored", contains="agreed on Tuesday"))
    add("emoji_heavy.txt", "\n\n".join(f"🔥🌍✨ {p} 🤝🇳🇴🎉" for p in prose(next(n))) + "\n",
        Expect("stored", contains="agreed on Tuesday"))
    add("extremely_long_words.txt", text_page(next(n)) + "\n" + "x" * 50_000 + " and " + "y" * 50_000 + ".\n",
        Expect("stored", contains="agreed on Tuesday"))

    # -- languages -----------------------------------------------------------
    for lang, text in NON_ENGLISH.items():
        add(f"lang_{lang}.txt", f"{text}\n", Expect("rejected", "not english"))

    # -- JSONL ---------------------------------------------------------------
    good = json.dumps({"url": "https://example.test/a", "title": "Talks", "published": "2023-03-21",
                       "text": text_page(next(n))})
    lines = [good,
             json.dumps({"text": 12345}),
             json.dumps({"text": text_page(next(n)), "url": 7}),
             json.dumps({"text": text_page(next(n)), "published": 20230321}),
             json.dumps({"text": text_page(next(n)), "published": "yesterday"}),
             json.dumps({"title": "no body"}),
             json.dumps({}),
             json.dumps(["an", "array"]),
             json.dumps("a string"),
             "null",
             '{"text": "unterminated',
             "[" * 50_000 + "]" * 50_000,
             '{"text": ' + "9" * 5000 + "}",
             json.dumps({"text": text_page(next(n)).replace("Tuesday", "Tuesday \ud800", 1)})]
    path = _w(root / "feed.jsonl", "\n".join(lines) + "\n")
    reasons = [None, "no non-empty 'text'", "must be strings", "published", "published", "no non-empty 'text'",
               "no non-empty 'text'", "expected a json object", "expected a json object", "expected a json object",
               "malformed json", "unreadable json", "unreadable json", None]
    for k, reason in enumerate(reasons, start=1):
        ex[f"{path}:{k}"] = Expect("rejected", reason) if reason else Expect("stored", contains="agreed on Tuesday",
                                                                            absent=("\ud800",))
    path = _w(root / "bom.jsonl", b"\xef\xbb\xbf" + json.dumps({"text": text_page(next(n))}).encode() + b"\n")
    ex[f"{path}:1"] = Expect("stored", contains="agreed on Tuesday")

    # -- compressed and archives ----------------------------------------------
    add("good.txt.gz", gzip.compress(text_page(next(n)).encode()), Expect("stored", contains="agreed on Tuesday"))
    add("truncated.txt.gz", gzip.compress(text_page(next(n)).encode() * 20)[:80], Expect("rejected", "truncated gzip"))
    add("not_gzip.txt.gz", text_page(next(n)).encode(), Expect("rejected", "not valid gzip"))
    # WARC: sources.warc_documents (one outcome per record, "path#n")
    path = _w(root / "truncated.warc", _warc_record(html_page(next(n)))[:600])
    ex[f"{path}#1"] = Expect("rejected", "truncated warc record")
    add("truncated_header.warc", _warc_record(html_page(next(n)))[:100], Expect("rejected", "no complete warc record"))
    path = _w(root / "good.warc", _warc_record(html_page(next(n))))
    ex[f"{path}#1"] = Expect("stored", contains="agreed on Tuesday")
    return ex


def _warc_record(html: str) -> bytes:
    body = html.encode()
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n\r\n" + body)
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.test/talks\r\n"
            "WARC-Date: 2023-03-21T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"
