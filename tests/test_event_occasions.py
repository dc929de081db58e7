"""A meeting told as the occasion of another act is a CONSULT of its own
(the README's "Codebook"): a visit, talks or a call that happened, not one
planned, nor the setting of a statement to the press."""

from __future__ import annotations

from datetime import date

import pytest

from worldwire.evaluate import actor_code


def _coded(coded):
    return sorted((e.type, sorted({actor_code(a) for a in e.source} - {None}),
                   sorted({actor_code(a) for a in e.target} - {None})) for e in coded.events)


def test_a_treaty_signed_during_a_visit_is_also_the_visit(code):
    coded = code("Russia and Iran signed a 20-year strategic partnership treaty in Moscow on Friday during a "
                 "visit by Iranian President Masoud Pezeshkian.", on=date(2025, 1, 17))
    assert _coded(coded) == [("AGREE", ["IRN", "RUS"], ["IRN", "RUS"]), ("CONSULT", ["IRN"], ["RUS"])]


def test_a_phone_call_takes_the_parties_of_its_act(code):
    coded = code("Turkish President Recep Tayyip Erdogan urged Russian President Vladimir Putin to give "
                 "negotiations a chance in a phone call on Friday.", on=date(2023, 9, 1))
    assert _coded(coded) == [("CONSULT", ["TUR"], ["RUS"]), ("REQUEST", ["TUR"], ["RUS"])]
    [call] = [e for e in coded.events if e.type == "CONSULT"]
    assert call.mode == "phone" and call.modality == "asserted"


def test_a_call_the_parse_hangs_from_the_content_is_the_urgings_occasion(code):
    # "in a phone call" is parsed under "to press Moscow to end the war"; it is still the call
    # in which Scholz urged Xi
    coded = code("German Chancellor Olaf Scholz urged Chinese President Xi Jinping to press Moscow to end the war "
                 "in a phone call on Monday.", on=date(2024, 4, 15))
    assert ("CONSULT", ["DEU"], ["CHN"]) in _coded(coded)


def test_two_leaders_who_spoke_by_phone_are_both_parties(code):
    coded = code("Canadian Prime Minister Mark Carney praised Mexican President Claudia Sheinbaum's handling of "
                 "trade tensions after the two leaders spoke by phone on Friday.", on=date(2025, 3, 7))
    assert ("CONSULT", ["CAN", "MEX"], ["CAN", "MEX"]) in _coded(coded)
    assert ("SUPPORT", ["CAN"], ["MEX"]) in _coded(coded)


def test_a_visit_still_to_come_is_not_coded(code):
    coded = code("French President Emmanuel Macron will urge Chinese President Xi Jinping to help end the war "
                 "in Ukraine during his visit to Beijing.", on=date(2023, 4, 3))
    assert _coded(coded) == [("REQUEST", ["FRA"], ["CHN"])]
    assert coded.events[0].modality == "future"


def test_a_statement_made_during_a_visit_is_not_a_meeting(code):
    coded = code("The United States will keep backing Colombia's efforts to build peace, Secretary of State "
                 "Antony Blinken said during a visit to Bogota.", on=date(2023, 10, 4))
    assert [t for t, _, _ in _coded(coded)] == ["SUPPORT"]


def test_due_to_sign_is_a_plan(code):
    coded = code("Thailand and Sri Lanka are due to sign a free trade agreement this weekend.", on=date(2024, 2, 1))
    [event] = coded.events
    assert event.type == "AGREE" and event.modality == "future"



def test_a_visit_told_as_the_occasion_of_an_act_with_no_parties_stays_a_visit(code):
    # "It was signed during a state visit": "it" names no party, so the signing is coded from the
    # first sentence; the visit is not relabelled into a second agreement
    coded = code("Poland and South Korea signed a defence cooperation pact on Monday. It was signed in Seoul "
                 "during a state visit by Polish President Andrzej Duda.", on=date(2024, 5, 20))
    assert sorted(e.type for e in coded.events) == ["AGREE", "CONSULT"]
    [visit] = [e for e in coded.events if e.type == "CONSULT"]
    assert [actor_code(a) for a in visit.source] == ["POL"]


def test_the_host_of_talks_between_others_consults_with_them(code):
    # a third side hosting talks is a CONSULT of its own (mode host), of the talks' modality
    coded = code("Armenian and Azerbaijani negotiators met in Geneva on Monday, in talks hosted by Switzerland.",
                 on=date(2024, 5, 13))
    assert _coded(coded) == [("CONSULT", ["ARM", "AZE"], ["ARM", "AZE"]), ("CONSULT", ["CHE"], ["ARM", "AZE"])]
    [host] = [e for e in coded.events if e.method == "rule:host"]
    assert host.mode == "host" and host.modality == "asserted"
    planned = code("Serbia and Kosovo will hold talks in Brussels next week hosted by the European Union.",
                   on=date(2024, 5, 13))
    assert [(e.type, e.method, e.modality) for e in planned.events] == [
        ("CONSULT", "lex:talk/noun", "future"), ("CONSULT", "rule:host", "future")]


@pytest.mark.parametrize("text, host", [
    # "hosted by" after the talks' venue, or after the verb that holds them
    ("Serbian and Kosovar negotiators held two days of talks at Lake Como hosted by Italian Foreign Minister "
     "Antonio Tajani.", "ITA"),
    ("Serbian and Kosovar negotiators will hold talks near Rome next week, hosted by Italian Foreign Minister "
     "Antonio Tajani.", "ITA"),
    # "with X presiding over" or "hosting" them
    ("The defence ministers of Thailand and Cambodia held talks in Kuala Lumpur on Monday, with Malaysian Prime "
     "Minister Anwar Ibrahim presiding over the meeting.", "MYS"),
    ("The presidents of Rwanda and Congo will meet in Doha next week, with the Qatari emir hosting the two "
     "leaders.", "QAT"),
])
def test_a_host_named_beside_the_talks(code, text, host):
    coded = code(text, on=date(2024, 5, 13))
    [e] = [e for e in coded.events if e.method == "rule:host"]
    [talks] = [e for e in coded.events if e.method != "rule:host"]
    assert [actor_code(a) for a in e.source] == [host]
    assert {actor_code(a) for a in e.target} == {actor_code(a) for a in talks.source} and len(e.target) == 2


def test_talks_after_which_an_agreement_was_reached_took_place(code):
    # "agreed to" makes what it governs a plan, but the talks in a phrase "after ..." under a verb in
    # the past tense happened before it
    coded = code("Serbia and Kosovo agreed to restore direct flights between Belgrade and Pristina after "
                 "talks with their EU envoy in Brussels on Tuesday.", on=date(2024, 6, 11))
    [talks] = [e for e in coded.events if e.type == "CONSULT"]
    assert talks.modality == "asserted"
    assert [e.modality for e in coded.events if e.type == "AGREE"] in (["asserted"], [])


def test_a_visit_begun_in_a_clause_of_time_is_the_signings_occasion(code):
    # the visit is the object of "began" in a clause opened by "as": a visit of its own, to the
    # signing's other side
    coded = code("Kenya and Japan signed four loan agreements in Nairobi on Monday as Japanese Prime Minister "
                 "Fumio Kishida began a two-day state visit.", on=date(2023, 5, 1))
    assert ("CONSULT", ["JPN"], ["KEN"]) in _coded(coded)
    held = code("Egypt and Greece agreed to expand gas cooperation after Greek Prime Minister Kyriakos Mitsotakis "
                "held talks with President Abdel Fattah al-Sisi in Cairo.", on=date(2024, 3, 17))
    assert ("CONSULT", ["GRC"], ["EGY"]) in _coded(held)


def test_a_call_in_which_one_leader_told_another_something_is_theirs(code):
    # what was told is the classifier's act; the call is between the speaker and the one told
    coded = code("Japan will keep supporting Ukraine's reconstruction, Japanese Prime Minister Shigeru Ishiba "
                 "told Volodymyr Zelensky in a phone call.", on=date(2025, 2, 26))
    assert ("CONSULT", ["JPN"], ["UKR"]) in _coded(coded)
    assert [t for t, _, _ in _coded(coded)].count("CONSULT") == 1 and len(coded.events) == 2


def test_a_meeting_told_again_is_one_meeting(code):
    # the second sentence's visit names no party the meeting before it does not
    coded = code("Australian Prime Minister Anthony Albanese met Chinese Premier Li Qiang in Beijing on Monday. "
                 "It was his first visit to China since taking office.", on=date(2023, 11, 6))
    assert _coded(coded) == [("CONSULT", ["AUS"], ["CHN"])]
    # one with a party of its own stays
    coded = code("Australian Prime Minister Anthony Albanese met Chinese Premier Li Qiang in Beijing on Monday. "
                 "Albanese then flew to Tokyo for talks with Japanese Prime Minister Fumio Kishida.", on=date(2023, 11, 6))
    assert _coded(coded) == [("CONSULT", ["AUS"], ["CHN"]), ("CONSULT", ["AUS"], ["JPN"])]


def test_a_meeting_in_a_when_clause_happened_unless_it_is_still_to_come(code):
    # the parser gives "when" as a wh-adverb, not as a clause mark
    coded = code("Chinese President Xi Jinping pressed Australian Prime Minister Anthony Albanese on trade when "
                 "they met in Bali.", on=date(2022, 11, 15))
    assert ("CONSULT", ["AUS", "CHN"], ["AUS", "CHN"]) in _coded(coded)
    coded = code("West African leaders are expected to condemn the junta when they meet in Abuja.", on=date(2023, 8, 9))
    assert [t for t, _, _ in _coded(coded)] == ["ACCUSE"]


def test_hours_of_talks_among_the_signatories_are_their_meeting(code):
    coded = code("Serbia and Kosovo signed a deal on licence plates after 12 hours of talks in Brussels.",
                 on=date(2022, 11, 24))
    assert _coded(coded) == [("AGREE", ["SRB", "XKX"], ["SRB", "XKX"]), ("CONSULT", ["SRB", "XKX"], ["SRB", "XKX"])]


def test_a_visit_during_which_an_agreement_was_made_took_place(code):
    # "agreed to expand" makes what hangs from it future, but not the visit in which it was agreed
    coded = code("Kenya and Ethiopia agreed to expand power trade during a state visit by William Ruto to Addis "
                 "Ababa in February.", on=date(2024, 3, 1))
    [visit] = [e for e in coded.events if e.type == "CONSULT"]
    assert visit.modality == "asserted" and _coded(coded)[-1] == ("CONSULT", ["KEN"], ["ETH"])


def test_a_release_answering_another_in_a_clause_of_time_is_a_release_each_way(code):
    # a swap told as one release after the other: each side freed the other's people
    coded = code("Azerbaijan freed six Armenian soldiers on Tuesday after Armenia released two Azerbaijani "
                 "prisoners at the border crossing near Gazakh.", on=date(2023, 12, 12))
    assert _coded(coded) == [("RETREAT", ["ARM"], ["AZE"]), ("RETREAT", ["AZE"], ["ARM"])]


def test_an_accusation_a_day_after_another_is_not_coded_again(code):
    # the earlier criticism is the background of the accusation, not half of an exchange
    coded = code("Serbia accused Croatia of stoking ethnic tension on Thursday, a day after Zagreb criticised "
                 "Belgrade's arms purchases from China.", on=date(2024, 5, 9))
    assert _coded(coded) == [("ACCUSE", ["SRB"], ["HRV"])]
