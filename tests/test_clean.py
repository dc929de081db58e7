"""clean(): documents become articles with title, date, source, url, headings;
identity by normalised text; clear rejections."""

from __future__ import annotations

from datetime import date

import pytest

from test_textpage import BODY, HEADINGS, HEADLINE, PAGE
from worldwire.errors import InputError
from worldwire.ingest.clean import clean, identity_text
from worldwire.records import Document, content_id
from worldwire.settings import Settings

HTML_BODY = [
    "Chile and Peru agreed on Tuesday to restart negotiations on a joint lithium corridor along their shared "
    "border, ending a two-year pause that officials in both capitals blamed on political turmoil and disputes "
    "over water rights in the Atacama region.",
    "Foreign ministers from the two countries met in Arica and said technical teams would draft a framework "
    "agreement by September, covering transport links, environmental monitoring and the sharing of royalties from "
    "deposits that straddle the frontier.",
    "Indigenous communities on both sides of the border have warned that new mines could drain fragile salt flats. "
    "The Chilean minister said any project would need the consent of local communities and independent studies of "
    "groundwater before a single permit was issued.",
    "Peruvian officials said they were willing to accept joint monitoring stations run by scientists from "
    "universities in both countries, a proposal first raised during talks in Lima in 2021.",
    "Neighbouring Bolivia, which holds some of the largest lithium reserves in the world, was not invited to the "
    "talks. A spokesman for the government in La Paz said it would follow the negotiations closely and remained "
    "open to a wider regional arrangement.",
    "Analysts in Santiago said the agreement could help both countries attract investment from battery makers in "
    "Asia and Europe, who have been looking for stable suppliers outside China.",
]
HTML_HEADINGS = ["Water rights remain the sticking point", "Bolivia watches from the sidelines"]
HTML_TITLE = "Chile and Peru revive talks on shared lithium corridor"
CANONICAL = "https://andeancourier.example/world/2023/04/12/chile-peru-lithium-talks"

HTML_PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Chile and Peru revive lithium talks | The Andean Courier</title>
  <meta property="og:title" content="{HTML_TITLE}">
  <meta property="og:site_name" content="The Andean Courier">
  <meta property="og:type" content="article">
  <meta name="author" content="Marisol Quintana">
  <meta property="article:published_time" content="2023-04-12T07:45:00Z">
  <link rel="canonical" href="{CANONICAL}">
</head>
<body>
  <nav class="site-nav"><a href="/">Home</a> <a href="/world">World news</a> <a href="/business">Business desk</a>
    <a href="/opinion">Opinion pages</a></nav>
  <div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your reading experience. Accept all
    cookies or manage your preferences.</p><button>Accept</button></div>
  <div class="ad ad-leaderboard">Advertisement</div>
  <main>
    <article>
      <h1>{HTML_TITLE}</h1>
      <p class="byline">By Marisol Quintana, April 12, 2023</p>
      <p>{HTML_BODY[0]}</p>
      <p>{HTML_BODY[1]}</p>
      <h2>{HTML_HEADINGS[0]}</h2>
      <p>{HTML_BODY[2]}</p>
      <p>{HTML_BODY[3]}</p>
      <h2>{HTML_HEADINGS[1]}</h2>
      <p>{HTML_BODY[4]}</p>
      <p>{HTML_BODY[5]}</p>
    </article>
    <aside class="related"><h3>Related stories</h3><ul>
      <li><a href="/world/argentina-lithium">Argentina lifts export limits on lithium carbonate</a></li>
      <li><a href="/world/bolivia-election">Bolivia sets date for presidential vote</a></li></ul></aside>
    <section class="comments" id="comments"><h3>Leave a Reply</h3><form class="comment-form">
      <p>Please enter your comment!</p><textarea name="comment"></textarea>
      <p>Please enter your name here</p><input name="author">
      <p>You have entered an incorrect email address!</p><button type="submit">Post Comment</button>
    </form></section>
  </main>
  <footer><p>© 2023 The Andean Courier. All rights reserved.</p>
    <p>About us | Contact | Privacy policy | Terms of use</p></footer>
</body>
</html>
"""

GERMAN = (
    "BERLIN - Die Außenminister Deutschlands und Polens haben sich am Dienstag in Warschau auf eine engere "
    "Zusammenarbeit bei der Sicherung der gemeinsamen Grenze verständigt. Nach einem mehrstündigen Treffen "
    "erklärten beide Seiten, man wolle die Gespräche über Entschädigungsforderungen aus dem Zweiten Weltkrieg "
    "nicht länger die übrigen Beziehungen belasten lassen. Die polnische Regierung hatte zuletzt mehrfach "
    "Reparationen verlangt, was Berlin ablehnt. Beobachter werteten das Treffen dennoch als Zeichen der "
    "Entspannung, zumal beide Minister einen gemeinsamen Besuch in der Ukraine noch vor dem Sommer ankündigten."
)
FRENCH = (
    "PARIS - Le président français et le Premier ministre indien se sont entretenus mardi à l'Élysée sur la "
    "coopération en matière de défense et d'énergie, a indiqué la présidence dans un communiqué. Les deux "
    "dirigeants ont salué la commande de nouveaux avions de combat et se sont engagés à renforcer leurs "
    "échanges dans le domaine spatial. Selon des diplomates, la question de la guerre en Ukraine a également "
    "été abordée, sans que les positions des deux pays ne se rapprochent vraiment. Une nouvelle rencontre est "
    "prévue en marge du sommet du G20 à New Delhi en septembre prochain."
)


@pytest.fixture(scope="module")
def html_article():
    return clean(Document("andean/lithium.html", HTML_PAGE, "html"))


@pytest.fixture(scope="module")
def text_article():
    return clean(Document("harbourline/natuna.txt", PAGE, "text"))


# -- HTML ---------------------------------------------------------------------


@pytest.mark.parametrize("field, expected", [
    ("title", HTML_TITLE),  # og:title
    ("published", date(2023, 4, 12)),  # article:published_time
    ("source", "The Andean Courier"),  # og:site_name
    ("url", CANONICAL),  # canonical link
    ("author", "Marisol Quintana"),  # author meta
])
def test_html_metadata_comes_from_the_head(html_article, field, expected):
    assert getattr(html_article, field) == expected


def test_html_body_paragraphs_are_present_in_order(html_article):
    positions = [html_article.text.find(p) for p in HTML_BODY]
    assert -1 not in positions and positions == sorted(positions)


@pytest.mark.parametrize("furniture", [
    "World news", "Business desk", "cookies", "Advertisement", "By Marisol Quintana", "Related stories",
    "Argentina lifts export limits", "Leave a Reply", "Please enter your comment", "Please enter your name",
    "incorrect email address", "Post Comment", "©", "All rights reserved", "Privacy policy",
])
def test_html_furniture_is_absent(html_article, furniture):
    assert furniture not in html_article.text


def test_html_sections_are_the_h2_headings(html_article):
    assert [s.heading for s in html_article.sections] == HTML_HEADINGS


def test_html_section_spans_index_the_text(html_article):
    assert all(html_article.text[s.start:s.end] == s.heading for s in html_article.sections)


def test_html_text_is_paragraphs_and_headings_joined_by_blank_lines(html_article):
    expected = [*HTML_BODY[:2], HTML_HEADINGS[0], *HTML_BODY[2:4], HTML_HEADINGS[1], *HTML_BODY[4:]]
    assert html_article.text == "\n\n".join(expected)


# -- text pages -----------------------------------------------------------------


def test_text_page_title_and_date_come_from_the_page(text_article):
    assert (text_article.title, text_article.published) == (HEADLINE, date(2023, 3, 20))


def test_text_page_text_is_body_and_headings(text_article):
    assert text_article.text == "\n\n".join([BODY[0], BODY[1], HEADINGS[0], BODY[2], HEADINGS[1], BODY[3], BODY[4]])


def test_text_page_sections_and_spans(text_article):
    assert [s.heading for s in text_article.sections] == HEADINGS
    assert all(text_article.text[s.start:s.end] == s.heading for s in text_article.sections)


def test_document_metadata_wins_over_the_page():
    doc = Document("feed.jsonl:1", PAGE, "text", url="https://harbourline.example/natuna", title="Natuna talks",
                   published=date(2023, 3, 19), source="Harbourline Daily")
    a = clean(doc)
    assert (a.url, a.title, a.published, a.source) == (doc.url, doc.title, doc.published, doc.source)


# -- default date ----------------------------------------------------------------


def test_default_date_fills_a_page_without_date():
    undated = "\n\n".join([HEADLINE, *BODY])
    assert clean(Document("u.txt", undated, "text"), default_date=date(2023, 3, 22)).published == date(2023, 3, 22)


def test_default_date_does_not_override_the_page_date():
    assert clean(Document("p.txt", PAGE, "text"), default_date=date(2023, 3, 22)).published == date(2023, 3, 20)


def test_default_date_does_not_override_html_meta_date():
    assert clean(Document("p.html", HTML_PAGE, "html"), default_date=date(2023, 3, 22)).published == date(2023, 4, 12)


# -- identity ------------------------------------------------------------------


def test_identity_text_normalises_whitespace_quotes_and_case():
    assert identity_text("  The “Talks”\n\n in   HANOI – ‘soon’ ") == identity_text("the \"talks\" in hanoi - 'soon'")


def test_article_id_is_the_hash_of_identity_text(text_article):
    assert text_article.id == content_id(identity_text(text_article.text))


def test_copies_differing_in_whitespace_quotes_and_case_share_an_id(text_article):
    variant = (PAGE.replace("\"a matter between friends\"", "“a matter between friends”")
               .replace("“military mutual trust”", "\"military mutual trust\"")
               .replace("HANOI, March 20", "Hanoi,  March 20")
               .replace("The two leaders met", "The two\n leaders   met"))
    copy = clean(Document("copy.txt", variant, "text"))
    assert copy.text != text_article.text
    assert copy.id == text_article.id


def test_different_text_gets_a_different_id(text_article):
    other = clean(Document("other.txt", PAGE.replace("within twelve months", "within eighteen months"), "text"))
    assert other.id != text_article.id


# -- rejections -------------------------------------------------------------------


def test_too_few_words_is_rejected():
    with pytest.raises(InputError) as e:
        clean(Document("short.txt", "Envoys met in Geneva on Tuesday and agreed to meet again next month.", "text"))
    assert e.value.path == "short.txt"
    assert "too little article text" in e.value.reason and "need 20" in e.value.reason


@pytest.mark.parametrize("text", [GERMAN, FRENCH], ids=["german", "french"])
def test_non_english_text_is_rejected(text):
    with pytest.raises(InputError) as e:
        clean(Document("foreign.txt", text, "text"))
    assert "not English" in e.value.reason


def test_html_without_article_text_is_rejected():
    page = ("<!DOCTYPE html><html><head><title>Loading</title><script>window.location='/app';</script></head>"
            "<body><script>var title = 'Talks between envoys continue in Geneva'; document.write(title);</script>"
            "<noscript>Please enable JavaScript.</noscript></body></html>")
    with pytest.raises(InputError) as e:
        clean(Document("app.html", page, "html"))
    assert e.value.path == "app.html"
    assert "no article text" in e.value.reason or "article text after cleaning (0 words" in e.value.reason


def test_text_over_max_chars_is_rejected():
    with pytest.raises(InputError) as e:
        clean(Document("p.txt", PAGE, "text"), Settings(max_chars=500))
    assert "too long" in e.value.reason and "500" in e.value.reason
