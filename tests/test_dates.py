"""Event dates: expressions resolved against the publication date, the event's
own clause first, fallbacks that say so (issue 11)."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import SEED

WED = date(2023, 3, 22)  # a Wednesday


def _event(coded, trigger):
    return next(e for e in coded.events if e.trigger.text == trigger)


@pytest.mark.parametrize("sentence, trigger, expected, precision", [
    ("On Tuesday, Japanese Prime Minister Fumio Kishida arrived in Ukraine.", "arrived", "2023-03-21", "day"),
    ("Kishida met Zelensky in Kyiv on Wednesday.", "met", "2023-03-22", "day"),
    ("Kishida met Zelensky in Kyiv last Wednesday.", "met", "2023-03-15", "day"),
    ("Kishida met Zelensky in Kyiv yesterday.", "met", "2023-03-21", "day"),
    ("Kishida met Zelensky in Kyiv on March 20.", "met", "2023-03-20", "day"),
    ("Kishida met Zelensky in Kyiv on 20 March 2022.", "met", "2022-03-20", "day"),
    ("Kishida met Zelensky in Kyiv this week.", "met", "2023-03-20", "week"),
    ("Kishida met Zelensky in Kyiv last month.", "met", "2023-02-01", "month"),
    ("Kishida met Zelensky in Kyiv in January.", "met", "2023-01-01", "month"),
    ("Kishida met Zelensky in Kyiv last year.", "met", "2022-01-01", "year"),
    ("Kishida met Zelensky in Kyiv two weeks ago.", "met", "2023-03-06", "week"),
    ("Kishida will meet Zelensky in Kyiv on Friday.", "meet", "2023-03-24", "day"),
    ("Kishida will meet Zelensky in Kyiv next month.", "meet", "2023-04-01", "month"),
])
def test_relative_and_absolute_dates(code, sentence, trigger, expected, precision):
    e = _event(code(sentence, WED), trigger)
    assert (e.date, e.date_precision) == (expected, precision), e.date_reason
    assert e.date_reason.startswith(("clause", "sentence"))


def test_no_date_in_the_sentence_falls_back_to_publication_and_says_so(code):
    e = _event(code("Kishida met Zelensky in Kyiv.", WED), "met")
    assert (e.date, e.date_precision) == ("2023-03-22", "day")
    assert e.date_reason.startswith("publication date")


def test_since_marks_a_boundary_not_the_event_date(code):
    e = _event(code("Russia has shelled Kharkiv every day since March.", WED), "shelled")
    assert e.date == "2023-03-22" and e.date_reason.startswith("publication date")


def test_historical_event_without_a_date_stays_undated(code):
    coded = code("Xi has yet to speak with Zelensky since the Russian invasion began.", WED)
    invasion = [e for e in coded.events if e.modality == "historical"]
    for e in invasion:
        assert e.date is None and e.date_reason.startswith("historical")


def test_undated_article_never_invents_a_date(code):
    e = _event(code("Kishida met Zelensky in Kyiv on Tuesday.", None), "met")
    assert e.date is None and e.date_precision is None
    assert "no publication date" in e.date_reason and "Tuesday" in e.date_reason
    e = _event(code("Kishida met Zelensky in Kyiv.", None), "met")
    assert e.date is None and e.date_reason.startswith("undated")


def test_undated_article_still_takes_a_full_date_from_the_text(code):
    e = _event(code("Kishida met Zelensky in Kyiv on March 21, 2023.", None), "met")
    assert (e.date, e.date_precision) == ("2023-03-21", "day")


def test_dateline_date_is_not_an_event_date(code):
    coded = code("MOSCOW, March 20 (Meridian Wire) - Xi met Putin in Moscow on Tuesday.", WED)
    assert _event(coded, "met").date == "2023-03-21"


def test_may_the_verb_and_mar_a_lago_are_not_months(coder):
    from worldwire.nlp.dates import find_dates

    doc = coder.nlp("Talks may resume at Mar-a-Lago in May.")
    found = find_dates(doc, WED)
    assert [d.text for d in found] == ["May"] and found[0].date == date(2022, 5, 1)


def test_seed_tuesday_is_the_21st(code):
    if not SEED.exists():
        pytest.skip("seed page not beside the repository")
    coded = code(SEED.read_text(encoding="utf-8"), WED)
    e = _event(coded, "arrived")
    assert (e.date, e.date_precision) == ("2023-03-21", "day")
