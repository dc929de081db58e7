"""Tone: GDELT-style percentage of positive minus negative words, by VADER (issue 11)."""

from __future__ import annotations

from datetime import date

import pytest

from worldwire.nlp.tone import counts, from_counts, tone


def test_tone_is_positive_minus_negative_words_in_percent():
    pos, neg, words = counts("The two leaders praised a peaceful and friendly partnership.")
    assert pos >= 3 and neg == 0
    assert tone("The two leaders praised a peaceful and friendly partnership.") == round(100 * (pos - neg) / words, 2)


def test_negative_news_has_negative_tone():
    assert tone("Missiles killed civilians and destroyed homes in a brutal attack.") < -10


def test_negation_flips_a_word():
    assert tone("The talks were good.") > 0
    assert tone("The talks were not good.") < 0


def test_range_and_empty_text():
    assert tone("war war war") == -100.0
    assert tone("") is None and tone("   ") is None
    assert from_counts(0, 0, 0) is None


@pytest.fixture(scope="module")
def coded(coder):
    from worldwire.records import Article, content_id

    text = ("Talks in Kyiv\n\nKishida praised Ukraine's courage and pledged friendly support on Tuesday. "
            "Russian missiles killed civilians and destroyed homes in Kharkiv.")
    return coder.code([Article(id=content_id(text), text=text, url=None, location="<t>", published=date(2023, 3, 21),
                               sections=[])])[0]


def test_sentences_articles_and_events_have_tone(coded):
    assert all(s.tone is not None for s in coded.sentences)
    praise, attack = coded.sentences[-2], coded.sentences[-1]
    assert praise.tone > 0 > attack.tone
    assert coded.article.tone is not None and attack.tone < coded.article.tone < praise.tone
    assert coded.events and all(e.tone is not None for e in coded.events)


def test_event_tone_follows_its_clause(coded):
    killed = next(e for e in coded.events if e.trigger.text in ("killed", "destroyed"))
    assert killed.tone < 0
