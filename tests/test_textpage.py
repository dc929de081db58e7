"""Scraped text pages: furniture out, headline/date/author found, headings kept."""

from __future__ import annotations

from datetime import date

import pytest

from worldwire.ingest.textpage import find_date, is_furniture, parse_scraped_text

HEADLINE = "Indonesia and Vietnam agree to settle maritime boundary talks within a year"
BODY = [
    "HANOI, March 20 (Harbourline Daily) - Indonesian President Joko Widodo and his Vietnamese counterpart agreed "
    "on Monday to conclude negotiations on their overlapping exclusive economic zones in the Natuna Sea within "
    "twelve months, officials from both governments said after talks in Hanoi.",
    "The two leaders met for nearly three hours at the Presidential Palace and later signed a joint statement that "
    "called the boundary dispute \"a matter between friends\" and pledged to stop detaining each other's fishing "
    "crews while the talks continue.",
    "Jakarta has seized dozens of Vietnamese fishing boats in recent years, and Hanoi has repeatedly protested what "
    "it calls the harsh treatment of detained fishermen. Under the new arrangement, coast guard commanders from "
    "both sides will open a direct hotline and meet every quarter.",
    "Defence ministers from the two countries will also hold their first joint consultations in June, according to "
    "the statement, which spoke of building “military mutual trust” through naval port calls and officer exchanges.",
    "Regional analysts said the agreement was a rare bright spot in the South China Sea, where China’s sweeping "
    "claims overlap with those of both countries. Beijing did not comment on the talks.",
]
HEADINGS = ["Fishing crews and coast guards", "Defense ties and “military mutual trust”"]

PAGE = f"""Home NEWS World {HEADLINE}

HARBOURLINE DAILY
World | Business | Markets | Opinion
Asia   Europe   Americas   Africa   Middle East

{HEADLINE}

{HEADLINE}

By Linh Carvalho | March 20, 2023 | 4 min read

Share this article
Facebook Twitter WhatsApp Email

{BODY[0]}

{BODY[1]}

ADVERTISEMENT

{HEADINGS[0]}

{BODY[2]}

Related: Philippines and Japan open talks on visiting forces pact

{HEADINGS[1]}

{BODY[3]}

{BODY[4]}

Facebook
Twitter

Read more:
Vietnam's new president pledges to keep fighting corruption
Indonesia to host regional summit in Labuan Bajo
Malaysia and Singapore sign airspace deal

Most read
1. Quake shakes southern Java
2. Rice prices climb across region
3. Central bank holds rates steady

Tags: Indonesia, Vietnam, South China Sea, ASEAN

Leave a Reply
Please enter your comment!
Please enter your name here
You have entered an incorrect email address!
Post Comment

© 2023 Harbourline Daily. All rights reserved.
"""

FURNITURE = [
    "HARBOURLINE DAILY", "World | Business | Markets | Opinion", "Asia   Europe   Americas   Africa   Middle East",
    "By Linh Carvalho", "Share this article", "Facebook Twitter WhatsApp Email", "Facebook", "Twitter",
    "ADVERTISEMENT", "Related: Philippines and Japan", "Vietnam's new president pledges",
    "Indonesia to host regional summit", "Malaysia and Singapore sign airspace deal", "Most read",
    "Quake shakes southern Java", "Rice prices climb", "Tags:", "Leave a Reply", "Please enter your comment!",
    "Please enter your name here", "You have entered an incorrect email address!", "Post Comment", "© 2023",
    "All rights reserved",
]


@pytest.fixture(scope="module")
def page():
    return parse_scraped_text(PAGE)


def _texts(page) -> list[str]:
    return [text for _, text in page.blocks]


def test_repeated_headline_is_found(page):
    assert page.headline == HEADLINE


def test_headline_is_not_in_the_body(page):
    assert all(HEADLINE not in text for text in _texts(page))


def test_breadcrumb_is_removed(page):
    assert all(not text.startswith("Home") for text in _texts(page))


def test_byline_gives_author_and_date(page):
    assert (page.author, page.published) == ("Linh Carvalho", date(2023, 3, 20))


def test_published_dateline_gives_the_date():
    text = PAGE.replace("By Linh Carvalho | March 20, 2023 | 4 min read", "Published 21 March 2023, 09:14 GMT")
    parsed = parse_scraped_text(text)
    assert parsed.published == date(2023, 3, 21)
    assert all("Published" not in t for _, t in parsed.blocks)


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_is_absent_from_blocks(page, line):
    assert all(line not in text for text in _texts(page))


def test_body_paragraphs_are_kept_verbatim_and_in_order(page):
    assert [text for kind, text in page.blocks if kind == "p"] == BODY


def test_section_headings_become_heading_blocks_in_place(page):
    assert page.blocks == [
        ("p", BODY[0]), ("p", BODY[1]), ("heading", HEADINGS[0]), ("p", BODY[2]),
        ("heading", HEADINGS[1]), ("p", BODY[3]), ("p", BODY[4]),
    ]


def test_short_final_line_without_body_after_it_is_not_a_heading():
    parsed = parse_scraped_text("\n\n".join([HEADLINE, *BODY, "What comes next for the talks"]))
    assert [kind for kind, _ in parsed.blocks] == ["p"] * len(BODY)


def test_short_line_before_the_first_paragraph_is_not_a_heading():
    parsed = parse_scraped_text("\n\n".join([HEADLINE, "Maritime diplomacy", *BODY]))
    assert parsed.blocks[0] == ("p", BODY[0])


@pytest.mark.parametrize(
    "line",
    [
        "Share this article", "Facebook Twitter WhatsApp Email", "Facebook", "Twitter", "ADVERTISEMENT",
        "World | Business | Markets | Opinion", "Asia   Europe   Americas   Africa", "Tags: Indonesia, Vietnam",
        "Related: Philippines and Japan open talks on visiting forces pact", "Read more:", "Leave a Reply",
        "Please enter your comment!", "Please enter your name here", "You have entered an incorrect email address!",
        "Post Comment", "© 2023 Harbourline Daily. All rights reserved.",
    ],
)
def test_is_furniture_recognises_site_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [*BODY, *HEADINGS])
def test_is_furniture_keeps_body_and_headings(line):
    assert not is_furniture(line)


@pytest.mark.parametrize("line", [
    "Copyright disputes over shared fish stocks have strained ties between the two neighbours for a decade.",
    "Subscribers to the 1982 convention are bound by its rules on settling maritime disputes.",
], ids=["copyright", "subscribers"])
def test_is_furniture_keeps_body_paragraphs_starting_with_furniture_words(line):
    assert not is_furniture(line)


def test_short_body_paragraph_mentioning_a_posted_date_is_kept():
    line = "The foreign ministry posted the full text of the agreement on its website on 22 March 2023."
    parsed = parse_scraped_text(PAGE.replace(BODY[4], BODY[4] + "\n\n" + line))
    assert parsed.blocks[-1] == ("p", line)
    assert parsed.published == date(2023, 3, 20)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Updated 2023-03-21 10:02", date(2023, 3, 21)),
        ("Published 21 March 2023, 09:14 GMT", date(2023, 3, 21)),
        ("By Linh Carvalho | March 20, 2023 | 4 min read", date(2023, 3, 20)),
        ("Posted Mar. 20, 2023", date(2023, 3, 20)),
        ("Published 31 February 2023", None),
        ("Share this article", None),
    ],
)
def test_find_date_styles(line, expected):
    assert find_date(line) == expected


@pytest.mark.parametrize(
    "line, site",
    [
        ("Eastgate Post © 2023 | About us | Contact", "Eastgate Post"),
        ("© 2023 Meridian Wire. All rights reserved.", "Meridian Wire"),
        ("© The Harbour Ledger 2023", "The Harbour Ledger"),
        ("Copyright 2024", None),
    ],
)
def test_site_name_from_copyright_line(line, site):
    from worldwire.ingest.textpage import find_site

    assert find_site(line) == site
