from datetime import date

import pytest


def _events(coded, type_=None):
    return [e for e in coded.events if type_ is None or e.type == type_]


def _ids(actors):
    return {a.country or a.actor_id for a in actors}


def test_meeting_with_compound_subject_is_reciprocal(code):
    e = _events(code("Xi Jinping and Vladimir Putin met in Moscow on Monday."), "CONSULT")[0]
    assert _ids(e.source) == {"CHN", "RUS"} and _ids(e.target) == {"CHN", "RUS"}


def test_visit_noun_with_possessive_and_destination(code):
    e = _events(code("Xi's three-day visit to Moscow ended on Wednesday."), "CONSULT")[0]
    assert _ids(e.source) == {"CHN"} and _ids(e.target) == {"RUS"}
    assert e.mode == "visit" and e.cameo_code == "042"


def test_arrive_to_meet_is_one_visit_with_both_targets(code):
    coded = code("Japanese Prime Minister Fumio Kishida arrived in Ukraine to meet with Ukrainian President Volodymyr Zelensky.")
    [visit] = _events(coded, "CONSULT")
    assert _ids(visit.source) == {"JPN"} and _ids(visit.target) == {"UKR"}
    assert {a.kind for a in visit.target} == {"state", "person"}


def test_content_of_a_request_is_not_a_second_event(code):
    coded = code("Ukraine urged Germany to allow deliveries of tanks.")
    assert [e.type for e in coded.events] == ["REQUEST"]


def test_a_second_act_coordinated_with_the_main_verb_stays(code):
    # the classifier is sure of the accusation (one type per sentence); the expulsion and the border
    # closure coordinated with it are acts of their own, not background
    coded = code("The Czech government accused Russian military intelligence of sabotage at an arms depot and "
                 "expelled 18 Russian diplomats.", on=date(2021, 4, 17))
    assert [(e.type, _ids(e.source), _ids(e.target)) for e in coded.events] == [
        ("ACCUSE", {"CZE"}, {"RUS"}), ("SANCTION", {"CZE"}, {"RUS"})]
    coded = code("Lithuania accused Belarus of staging the balloon incursions and closed its border crossings with "
                 "the country.", on=date(2025, 10, 28))
    assert [e.type for e in coded.events] == ["ACCUSE", "COERCE"]
    # a demand joined to a condemnation is part of the same statement
    coded = code("The African Union condemned the coup in Gabon and demanded the immediate release of President "
                 "Ali Bongo.", on=date(2023, 8, 31))
    assert [e.type for e in coded.events] == ["ACCUSE"]


def test_an_act_named_in_the_object_and_read_as_another_is_the_main_verbs(code):
    # the lexicon's tariffs (a sanction, by the United States) are the object of "answer"; the classifier
    # reads the sentence as a threat, which is Canada's, made by answering, against the tariffs' doer
    coded = code("Canada's prime minister said Ottawa would answer any American tariffs with duties of its own on "
                 "goods from the United States.", on=date(2025, 2, 2))
    assert [(e.type, _ids(e.source), _ids(e.target), e.modality) for e in coded.events] == [
        ("THREATEN", {"CAN"}, {"USA"}, "hypothetical")]
    assert coded.events[0].trigger.text == "answer"


def test_passive_agent_is_source(code):
    e = _events(code("The plan has been dismissed by the West and Ukraine."), "REJECT")[0]
    assert _ids(e.source) == {"WST", "UKR"}


def test_request_target_is_the_object(code):
    e = _events(code("The two presidents urged NATO to respect the sovereignty of other countries."), "REQUEST")[0]
    assert _ids(e.target) == {"NATO"}


@pytest.mark.parametrize("text, source, target", [
    ("Pope Francis implored Armenia and Azerbaijan to return to the negotiating table.", {"VAT"}, {"ARM", "AZE"}),
    ("Ukraine's president pleaded with Germany to speed up deliveries of air defence systems.", {"UKR"}, {"DEU"}),
    ("The European Union exhorted Serbia to align its foreign policy with the bloc's.", {"EU"}, {"SRB"}),
])
def test_pleading_is_a_request(code, text, source, target):
    [e] = code(text).events
    assert e.type == "REQUEST" and e.method.startswith("lex:") and ">" not in e.method  # the lexicon's own
    assert (_ids(e.source), _ids(e.target)) == (source, target)


def test_trigger_span_points_into_text(code):
    text = "Russia accused Ukraine of shelling the border town."
    coded = code(text)
    e = _events(coded, "ACCUSE")[0]
    assert text[e.trigger.start : e.trigger.end] == "accused" == e.trigger.text
    assert e.sentence == text


@pytest.mark.parametrize(
    "text, modality",
    [
        ("Xi has yet to speak with Zelensky since the war began.", "negated"),
        ("Russia did not sign the agreement with Ukraine.", "negated"),
        ("China will strengthen its cooperation with Russia.", "future"),
        ("China and Russia pledged to work together on energy.", "future"),
        ("Zelensky said Russia would attack Ukraine again.", "hypothetical"),
        ("Kyiv confirmed that Zelensky would visit Japan.", "future"),
        ("If Russia attacked Poland, NATO would respond.", "hypothetical"),
        ("China met Russia.", "asserted"),
    ],
)
def test_modality(code, text, modality):
    events = code(text, on=date(2023, 3, 21)).events
    assert events, text
    assert events[0].modality == modality


def test_historical_background_event(code):
    coded = code("The two nations have held joint drills since Russia invaded Ukraine in 2022.", on=date(2023, 3, 21))
    invasion = [e for e in coded.events if e.type == "ASSAULT"][0]
    assert invasion.modality == "historical"


def test_pledged_cooperation_is_future_agree_with_cameo_intent_code(code):
    e = _events(code("China and Russia pledged to work together on energy."), "AGREE")[0]
    assert e.modality == "future"
    assert (e.cameo_root, e.quad_class, e.goldstein) == ("03", 1, 4.0)


def test_future_cooperation_uses_cameo_intent_code(code):
    e = _events(code("China will deepen its cooperation with Russia."), "COOPERATE")[0]
    assert e.modality == "future" and (e.cameo_root, e.quad_class) == ("03", 1)


def test_assault_is_material_conflict(code):
    e = _events(code("Azerbaijani forces shelled Armenian positions near Tegh."), "ASSAULT")[0]
    assert e.quad_class == 4 and e.goldstein < -5
    assert _ids(e.source) == {"AZE"} and _ids(e.target) == {"ARM"}


def test_sentence_without_actors_has_no_event(code):
    assert code("The meeting was long and the weather was cold.").events == []


def test_event_inside_a_quotation_is_the_speakers(code):
    coded = code("“We call on Baku and Yerevan to show restraint,” Russian foreign ministry spokeswoman Maria Zakharova said.",
                 on=date(2023, 4, 12))
    e = _events(coded, "REQUEST")[0]
    assert [a.name for a in e.source] == ["Maria Zakharova"]
    assert _ids(e.target) == {"AZE", "ARM"}
    assert e.method.endswith("+speaker")


def test_a_quotation_charging_another_party_is_the_speakers_accusation(code):
    coded = code("“Belarus has staged a deliberate provocation on our border, and it will not be the last,” Lithuanian "
                 "President Gitanas Nauseda told reporters in Vilnius on Monday.", on=date(2024, 5, 6))
    [e] = _events(coded, "ACCUSE")
    assert (_ids(e.source), _ids(e.target)) == ({"LTU"}, {"BLR"})
    assert (e.trigger.text, e.modality, e.method) == ("provocation", "asserted", "lex:quote+@charge")
    # a quotation naming nobody accuses the story's other side
    coded = code("Serbian police detained four Kosovo officers near the boundary line on Tuesday. “This is blackmail "
                 "and an act of open hostility,” Kosovo Prime Minister Albin Kurti said.", on=date(2024, 5, 7))
    [e] = _events(coded, "ACCUSE")
    assert (_ids(e.source), _ids(e.target)) == ({"XKX"}, {"SRB"})
    assert e.method == "lex:quote+@charge+story"


def test_calling_an_act_by_a_charging_word_is_an_accusation_the_lexicon_explains(code):
    coded = code("Estonian Prime Minister Kaja Kallas called the Russian decision deeply irresponsible.",
                 on=date(2023, 5, 2))
    [e] = coded.events
    assert (e.type, _ids(e.source), _ids(e.target), e.method) == ("ACCUSE", {"EST"}, {"RUS"}, "lex:call+@charge/verb")


def test_ordering_another_states_envoy_to_leave_is_an_expulsion_the_lexicon_explains(code):
    for text, target in [("Lithuania ordered the Belarusian ambassador to leave the country within a week.", {"BLR"}),
                         ("Ghana gave two Nigerian diplomats 48 hours to leave after a row over a trade dispute.",
                          {"NGA"})]:
        [e] = code(text, on=date(2024, 2, 1)).events
        assert (e.type, e.mode, _ids(e.target)) == ("SANCTION", "expel", target), text
        assert "+@envoy" in e.method, text


def test_concessions_the_lexicon_names_by_verb_and_object(code):
    for text, rule, sides in [
            ("Thailand extended the deadline for Myanmar migrant workers to renew their permits by three months.",
             "lex:extend+deadline/verb", ({"THA"}, {"MMR"})),
            ("Qatar and Egypt upgraded their relations to ambassador level on Monday.",
             "lex:upgrade+relation/verb", ({"EGY", "QAT"}, {"EGY", "QAT"})),
            ("Japan began paying reparations to the Philippines in 1956.", "lex:pay+reparation/verb",
             ({"JPN"}, {"PHL"}))]:
        [e] = code(text, on=date(2024, 3, 4)).events
        assert (e.type, e.method, (_ids(e.source), _ids(e.target))) == ("CONCEDE", rule, sides), text


def test_sinking_a_ship_is_an_attack_and_financing_a_project_is_aid(code):
    [e] = code("Ukrainian sea drones sank a Russian patrol ship in the Black Sea on Tuesday.", on=date(2024, 3, 5)).events
    assert (e.type, e.method, _ids(e.source), {a.country for a in e.target}) == (
        "ASSAULT", "lex:sink/verb", {"UKR"}, {"RUS"})
    [e] = code("The Asian Development Bank will finance a new power line between Uzbekistan and Afghanistan.",
               on=date(2024, 3, 5)).events
    assert (e.type, e.method, e.modality, _ids(e.target)) == ("AID", "lex:finance/verb", "future", {"AFG", "UZB"})


def test_a_denied_charge_or_an_analysts_verdict_in_a_quotation_is_no_accusation(code):
    for text in ("“Our exercises are not a provocation against anyone,” Chinese defence ministry spokesman Wu Qian "
                 "told reporters in Beijing.",
                 "“Moscow has been reckless for years, and nobody in Europe should be surprised,” said Mark Galeotti, "
                 "a historian of Russian security services at University College London."):
        assert _events(code(text, on=date(2024, 5, 6)), "ACCUSE") == [], text


def test_an_experts_comment_is_no_event_though_an_officials_report_is(code):
    # the classifier reads the analyst's wording as an agreement; the bank codes experts' comments as no event
    coded = code("\"Tehran wanted this deal signed before the new American president takes office,\" said Farid "
                 "Haddad, a Gulf politics researcher at a Beirut institute.", on=date(2024, 11, 20))
    assert coded.events == []
    coded = code("Kenya's interior minister said Somali militants had crossed the border to attack a police post in "
                 "Mandera.", on=date(2024, 5, 1))
    assert [(e.type, e.method.split("+")[0]) for e in coded.events] == [("ASSAULT", "model:classifier")]


def test_sentences_without_political_interaction_yield_at_most_five_percent_events(code):
    """tests/data/no_event_sentences.txt: sports, weather, markets, culture and
    hard negatives that name countries or leaders (issue 4)."""
    from pathlib import Path

    lines = [line.strip() for line in (Path(__file__).parent / "data" / "no_event_sentences.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) >= 50
    with_events = [line for line in lines if code(line, on=date(2023, 5, 1)).events]
    assert len(with_events) <= 0.05 * len(lines), with_events


def test_denied_act_is_the_act_negated(code):
    coded = code("Moscow denied shelling the Ukrainian city of Kharkiv.")
    assert [e.type for e in coded.events] == ["ASSAULT"]
    assert coded.events[0].modality == "negated" and _ids(coded.events[0].source) == {"RUS"}


def test_cause_of_a_reported_act_is_not_a_second_event(code):
    coded = code("Japan imposed sanctions on Russia after its invasion of Ukraine.")
    assert [e.type for e in coded.events] == ["SANCTION"]


def test_event_noun_in_a_background_phrase_is_not_coded(code):
    coded = code("Seoul recalled its ambassador from Tokyo amid fears of Japanese military drills.")
    assert "MOBILIZE" not in [e.type for e in coded.events]


def test_grading_verb_yields_to_the_event_noun(code):
    coded = code("Canada agreed to expand sanctions on Iran.")
    assert [e.type for e in coded.events] == ["SANCTION"]
    assert _ids(coded.events[0].target) == {"IRN"}


def test_coordinated_modifiers_are_all_doers(code):
    e = _events(code("U.S. and Indian troops held a joint exercise in Rajasthan."), "COOPERATE")[0]
    assert _ids(e.source) == {"USA", "IND"}


def test_domestic_arrest_targets_the_doer(code):
    e = _events(code("Turkish police detained dozens of students in Ankara."), "COERCE")[0]
    assert _ids(e.source) == _ids(e.target) == {"TUR"}


def test_recipient_after_the_object(code):
    e = _events(code("Norway sent 20 armoured vehicles to Ukraine."), "AID")[0]
    assert _ids(e.target) == {"UKR"}


@pytest.mark.parametrize("text, type_, rule", [
    ("Houthi fighters ambushed a Saudi border convoy near Jizan, killing three soldiers.", "ASSAULT", "lex:ambush/verb"),
    ("Thailand waived visa requirements for Chinese tourists from March.", "CONCEDE", "lex:waive/verb"),
    ("Ukrainian forces retreated from the town of Avdiivka to avoid encirclement.", "RETREAT", "lex:retreat/verb"),
    ("South Korea gifted a decommissioned corvette to the Philippine Navy.", "AID", "lex:gift/verb"),
    ("The World Food Programme voiced alarm over attacks on its convoys in North Darfur.", "ACCUSE",
     "lex:voice+@misgiving/verb"),
    ("A French researcher held for two years was set free by Iran on Friday.", "RETREAT", "lex:set+free/verb"),
    # two required words, so "on Sunday" no longer makes it fire+on, an attack
    ("Riot police fired tear gas on Sunday at students outside parliament in Belgrade.", "COERCE",
     "lex:fire+tear+gas/verb"),
    ("Police dispersed hundreds of opposition supporters in central Harare on Saturday.", "COERCE",
     "lex:disperse/verb"),
])
def test_lexicon_rows_from_the_bank(code, text, type_, rule):
    # words the train split uses for one type and the lexicon lacked: the lexicon now codes and explains them
    assert (type_, rule) in [(e.type, e.method.split(">")[0]) for e in code(text).events]


@pytest.mark.parametrize("text, target, rule", [
    ("The European Union suspended import duties on all Ukrainian goods for a year, the Commission said.",
     "UKR", "lex:suspend+@restriction/verb"),
    ("China will remove its tariffs on Australian barley from Saturday, the commerce ministry said.",
     "AUS", "lex:remove+@restriction/verb"),
    ("Trump said he would order the lifting of all sanctions on Syria.", "SYR", "lex:lifting+@restriction/noun"),
    ("Washington paused its new tariffs on Mexican steel for 90 days.", "MEX", "lex:pause+@restriction/verb"),
    # the measure named as a part of its object: "some of", "most of"
    ("Beijing suspended some of the export curbs it had placed on Japanese chipmakers.", "JPN",
     "lex:suspend+@restriction/verb"),
    ("Canada dropped most of its retaliatory tariffs on American goods on Monday.", "USA",
     "lex:drop+@restriction/verb"),
])
def test_lifting_a_restriction_is_a_concession(code, text, target, rule):
    # the restrictive noun would be a SANCTION on its own; its reversal is PLOVER's CONCEDE (ease sanctions)
    events = code(text).events
    assert [(e.type, e.method.split(">")[0]) for e in events] == [("CONCEDE", rule)]
    assert _ids(events[0].target) == {target} and events[0].mode == "ease-sanctions"


def test_suspending_without_a_restriction_is_still_a_sanction(code):
    [e] = code("Turkey suspended all trade with Israel over the war in Gaza.").events
    assert (e.type, e.method) == ("SANCTION", "lex:suspend/verb") and _ids(e.target) == {"ISR"}


def test_an_allegation_is_one_accusation(code):
    coded = code("Armenia's defence ministry alleged that Azerbaijani artillery had shelled settlements near Stepanakert.")
    [e] = coded.events
    assert (e.type, e.method) == ("ACCUSE", "lex:allege/verb")
    assert _ids(e.source) == {"ARM"} and _ids(e.target) == {"AZE"}


def test_a_counted_event_noun_takes_the_counting_nouns_objects(code):
    # the parse hangs "on Iran's nuclear facilities" from "waves", not from "strikes"
    [e] = code("Israel launched waves of air strikes on Iran's nuclear facilities overnight.").events
    assert e.type == "ASSAULT" and _ids(e.source) == {"ISR"} and _ids(e.target) == {"IRN"}


@pytest.mark.parametrize("text, source, target", [
    ("Moscow freed American teacher Marc Fogel, and Washington released Russian cryptocurrency fraudster "
     "Alexander Vinnik in return, the White House said.", "USA", "RUS"),
    ("North Korea released an Australian student it had detained in Pyongyang, officials in Canberra said.",
     "PRK", "AUS"),
    ("Venezuela released six Americans on Friday after a U.S. envoy met President Nicolas Maduro in Caracas.",
     "VEN", "USA"),
])
def test_releasing_a_person_is_a_retreat(code, text, source, target):
    # "release" needs a captive: a word of the class, a named person or a nationality as its object
    released = [e for e in code(text).events if e.method.startswith("lex:release+@captive")]
    assert [(e.type, _ids(e.source), _ids(e.target)) for e in released] == [("RETREAT", {source}, {target})]


@pytest.mark.parametrize("text", [
    "The defence ministry released a statement on the drills late on Sunday.",
    "The band released a new album featuring Taylor Swift.",
])
def test_releasing_a_thing_is_no_retreat(code, text):
    assert not [e for e in code(text).events if e.type == "RETREAT"]


def test_a_refusal_read_as_the_refused_act_is_that_act_negated(coder):
    # the classifier relabels "refused to release" as the release; the bank codes it RETREAT, negated
    from worldwire.nlp.events.arguments import _event
    from worldwire.nlp.events.rules import _relabel
    from worldwire.nlp.triggers import match_trigger

    doc = coder.nlp("Baku has refused to release Ruben Vardanyan, the former head of the Karabakh government.")
    tok = next(t for t in doc if t.lemma_ == "refuse")
    rule = match_trigger(tok)
    event = _event(tok, rule, [], [], "a", None, 0, 1.0, rule.rule_id)
    assert (event.type, event.modality) == ("REJECT", "asserted")
    relabelled = _relabel(event, "RETREAT")
    assert (relabelled.type, relabelled.modality, relabelled.cameo_root) == ("RETREAT", "negated", "08")
    assert _relabel(event, "REJECT").modality == "asserted"


def _lexicon_event(coder, text, lemma):
    from worldwire.nlp.events.arguments import _event
    from worldwire.nlp.triggers import match_trigger

    doc = coder.nlp(text)
    tok = next(t for t in doc if t.lemma_ == lemma)
    rule = match_trigger(tok)
    return doc, _event(tok, rule, [], [], "a", date(2023, 3, 21), 0, 1.0, rule.rule_id)


def _probs(**p):
    from worldwire.ontology.plover import event_types

    return {t: p.get(t, 0.0) for t in [*event_types(), "NONE"]}


def test_a_firm_event_is_relabelled_only_when_the_classifier_is_sure(coder):
    # a meeting told as the occasion of what the sentence reports
    from worldwire.nlp.events.classifier import _with_classifier

    text = "Jordan and Qatar restored full diplomatic relations on Monday after their foreign ministers met in Amman."
    doc, met = _lexicon_event(coder, text, "meet")
    assert met.type == "CONSULT"
    assert [e.type for e in _with_classifier([met], _probs(CONCEDE=0.6, CONSULT=0.2), doc)] == ["CONCEDE"]
    assert [e.type for e in _with_classifier([met], _probs(CONCEDE=0.45, CONSULT=0.1), doc)] == ["CONSULT"]
    # never the act the main verb reports ("signed" names the agreement), nor one
    # the sentence dates as background (see test_historical_background_event)
    doc, signed = _lexicon_event(coder, "The Asian Development Bank signed loans worth 400 million dollars "
                                        "to help Pakistan rebuild roads destroyed by the floods.", "sign")
    assert [e.type for e in _with_classifier([signed], _probs(AID=0.9), doc)] == ["AGREE"]
    doc, invaded = _lexicon_event(coder, "The two nations have held joint drills since Russia invaded Ukraine "
                                         "in 2022.", "invade")
    assert invaded.modality == "historical"
    assert [e.type for e in _with_classifier([invaded], _probs(COOPERATE=0.9), doc)] == ["ASSAULT"]


def test_a_relabelled_background_event_is_the_main_clause_act(code):
    [e] = code("Jordan and Qatar restored full diplomatic relations on Monday after their foreign ministers "
               "met in Amman.").events
    assert (e.type, e.trigger.text, e.method) == ("CONCEDE", "restored", "model:classifier")
    assert _ids(e.source) == _ids(e.target) == {"JOR", "QAT"}


def test_a_sure_classifier_keeps_only_the_main_clause_type(coder, code):
    from worldwire.nlp.events.classifier import _with_classifier

    text = ("Canberra froze the assets of twelve Russian businessmen linked to the invasion of Ukraine, "
            "the foreign ministry said on Monday.")
    assert [e.type for e in code(text).events] == ["SANCTION"]
    doc, froze = _lexicon_event(coder, text, "freeze")
    _, invasion = _lexicon_event(coder, text, "invasion")
    assert [e.type for e in _with_classifier([froze, invasion], _probs(SANCTION=0.9), doc)] == ["SANCTION"]
    assert [e.type for e in _with_classifier([froze, invasion], _probs(SANCTION=0.7), doc)] == ["SANCTION", "ASSAULT"]
    # the type named must be what the main verb reports, not an occasion in a phrase
    assert [e.type for e in _with_classifier([froze, invasion], _probs(ASSAULT=0.9), doc)] == ["SANCTION", "ASSAULT"]


def test_a_sure_classifier_chooses_when_no_event_is_the_main_verbs(coder, code):
    from worldwire.nlp.events.classifier import _with_classifier

    # the main verb ("rushed") matched no trigger: of the clash in a phrase and the alert in a
    # participle, the sure classifier's type is what the sentence reports
    text = ("Pakistan rushed extra troops and fighter jets to the Kashmir frontier after last week's clash "
            "near Uri, putting border posts on high alert.")
    [e] = code(text).events
    assert (e.type, _ids(e.source)) == ("MOBILIZE", {"PAK"})
    doc, clash = _lexicon_event(coder, text, "clash")
    _, alert = _lexicon_event(coder, text, "alert")
    assert [e.type for e in _with_classifier([clash, alert], _probs(MOBILIZE=0.9), doc)] == ["MOBILIZE"]
    assert [e.type for e in _with_classifier([clash, alert], _probs(MOBILIZE=0.7), doc)] == ["ASSAULT", "MOBILIZE"]
    # the acts of clauses the main verb says or is joined with stay: two acts of one statement
    said = ("Lin Jian, a foreign ministry spokesman, repeated that China firmly opposed any unilateral sanctions "
            "on its companies and warned that Beijing would respond.")
    doc, opposed = _lexicon_event(coder, said, "oppose")
    _, warned = _lexicon_event(coder, said, "warn")
    assert [e.type for e in _with_classifier([opposed, warned], _probs(THREATEN=0.9), doc)] == ["REJECT", "THREATEN"]


@pytest.mark.parametrize("text, source, target", [
    ("Kuwait scrambled fighter jets as Iraqi drones approached the border on Tuesday.", "KWT", "IRQ"),
    ("Warsaw sent two thousand more soldiers to the frontier after Belarusian helicopters crossed into "
     "Polish airspace.", "POL", "BLR"),
])
def test_a_deployment_aimed_at_a_state_named_elsewhere_in_the_sentence(code, text, source, target):
    [e] = _events(code(text), "MOBILIZE")
    assert (_ids(e.source), _ids(e.target)) == ({source}, {target})
    assert e.method.endswith("+sentence")


def test_a_missing_doer_is_the_first_party_named_before_the_trigger(code):
    from dataclasses import replace

    from worldwire.nlp.events import sentence_parties

    coded = code("Kuwait scrambled fighter jets as Iraqi drones approached the border on Tuesday.")
    [e] = _events(coded, "MOBILIZE")
    [bare] = sentence_parties([replace(e, source=[], target=[])], coded.mentions)
    assert (_ids(bare.source), _ids(bare.target)) == ({"KWT"}, {"IRQ"})
    # a speech act's doer is its speaker, credited elsewhere, never a bystander
    [accusation] = sentence_parties([replace(e, type="ACCUSE", source=[], target=[])], coded.mentions)
    assert accusation.source == []


def test_a_relabelled_event_in_a_phrase_takes_the_main_verbs_parties(code):
    # "talks" (firm CONSULT) sits in the object's phrase; the sentence reports Meloni's support
    [e] = code("Italian Prime Minister Giorgia Meloni threw her weight behind the Commission's proposal to open "
               "membership talks with Moldova.").events
    assert (e.type, e.trigger.text) == ("SUPPORT", "threw")
    assert (_ids(e.source), _ids(e.target)) == ({"ITA"}, {"MDA"})


def test_an_order_signed_alone_is_its_content_not_an_agreement(code):
    coded = code("US President Joe Biden signed an order imposing sanctions on four Israeli settlers accused of "
                 "violence against Palestinians in the occupied West Bank.", on=date(2024, 2, 1))
    assert [(e.type, _ids(e.source), _ids(e.target)) for e in coded.events] == [("SANCTION", {"USA"}, {"ISR"})]
    coded = code("Russia and Iran signed a strategic partnership treaty in Moscow.", on=date(2025, 1, 17))
    assert [e.type for e in coded.events] == ["AGREE"]


def test_an_event_in_the_wake_of_another_is_background(code):
    coded = code("Sweden ended two centuries of neutrality in the wake of Russia's invasion of Ukraine.",
                 on=date(2022, 5, 16))
    assert "ASSAULT" not in [e.type for e in coded.events]


def test_a_retaliation_and_a_crowds_demand_are_read_as_their_acts(code):
    # "retaliate" is a threat's rule but no speech act: what the sentence says it did or not is
    # the act; a crowd's demand is its protest (the crowd is the speaker, not what is spoken of)
    [e] = code("Canada has not retaliated against the Chinese tariffs on canola, preferring to keep talking.").events
    assert (e.type, e.modality, _ids(e.target)) == ("SANCTION", "negated", {"CHN"})
    [e] = code("Anti-government demonstrators in Basra demanded an end to corruption as the death toll climbed.").events
    assert e.type == "PROTEST"


def test_aid_read_as_a_deployment_is_aid_again_when_the_classifier_says_so(code):
    # "a brigade" makes the parse read "sent" as a deployment; the classifier reads the doctors' aid
    [e] = code("Cuba sent a brigade of 40 doctors and nurses to Andorra to help its hospitals cope with the "
               "outbreak.").events
    assert (e.type, _ids(e.source), _ids(e.target)) == ("AID", {"CUB"}, {"AND"})


def test_a_lexicon_row_repeating_an_earlier_pattern_is_refused():
    # the matcher takes the first row of a pattern, so a second one would be silently dead
    from worldwire.ontology.plover import parse_triggers

    header = "pattern,pos,type,mode,context,firm,note\n"
    assert len(parse_triggers(header + "hand+over,VERB,AID,,humanitarian,,\nhand,NOUN,SUPPORT,,diplomatic,,\n")) == 2
    with pytest.raises(ValueError, match=r"line 3: 'hand\+over' \(VERB\) repeats line 2"):
        parse_triggers(header + "hand+over,VERB,AID,,humanitarian,,\nhand+over,VERB,CONCEDE,,diplomatic,,\n")


def test_striking_a_deal_is_an_agreement_and_striking_a_compound_an_attack(code):
    # the classifier relabels most such sentences on its own; this one it reads as the lexicon does
    [deal] = code("Indonesia and Vietnam struck a pact on fishing boundaries in Jakarta.").events
    assert (deal.type, _ids(deal.source), _ids(deal.target)) == ("AGREE", {"IDN", "VNM"}, {"IDN", "VNM"})
    [strike] = code("Israeli jets struck a compound in southern Lebanon, according to officials.").events
    assert (strike.type, _ids(strike.target)) == ("ASSAULT", {"LBN"})


def test_calling_someone_somewhere_for_something_is_no_call_for_it(code):
    # "call X up/home for Y" is no request for Y; the classifier reads the act
    [up] = code("Estonia called up 1,500 reservists for snap exercises on Tuesday.").events
    assert up.type == "MOBILIZE"
    [home] = code("Chile called its ambassador home from Caracas for consultations on Monday.").events
    assert home.type != "REQUEST"
    [plea] = code("The UN Security Council called for urgent humanitarian pauses in Gaza.").events
    assert plea.type == "REQUEST"


def test_slamming_into_a_building_is_an_impact_not_a_criticism(code):
    [e] = code("Russian missiles slammed into an apartment block in Dnipro on Saturday, killing 12 people.").events
    assert (e.type, _ids(e.source)) == ("ASSAULT", {"RUS"})
    [e] = code("Lithuania slammed Minsk for the balloon incursions.").events
    assert (e.type, _ids(e.target)) == ("ACCUSE", {"BLR"})


def test_a_ban_on_a_states_own_people_is_repression_not_a_sanction(code):
    # a party, civic groups or a group of citizens at home: COERCE (CAMEO 172), the state its own target
    for text, state in [("Kyrgyzstan's supreme court banned the country's largest opposition party on Thursday.", "KGZ"),
                        ("Uganda's government suspended the licences of 54 civic groups, accusing them of failing to "
                         "file reports.", "UGA"),
                        ("Iran barred Iranian women from entering football stadiums in Tehran.", "IRN")]:
        [e] = code(text, on=date(2024, 5, 2)).events
        assert (e.type, e.mode, e.cameo_code) == ("COERCE", "restrict", "172"), text
        assert _ids(e.source) == _ids(e.target) == {state}, text
    # the ban and a raid on the same people are one act
    coded = code("Tajikistan banned the independent weekly Asia-Plus and raided its editors' homes.", on=date(2024, 5, 2))
    assert [(e.type, e.trigger.text) for e in coded.events] == [("COERCE", "banned")]
    # measures that reach another state, or stop dealings with others, stay sanctions
    for text in ["Russia barred Russian airlines from flying to Georgia from next month.",
                 "China banned imports of Japanese seafood on Thursday.",
                 "India banned 59 Chinese-owned mobile apps two weeks after a deadly border clash."]:
        assert [e.type for e in code(text, on=date(2024, 5, 2)).events] == ["SANCTION"], text


def test_lowering_a_measure_eases_it(code):
    # "reduce tariffs on ...": a concession (ease sanctions), not a new tariff
    for text, sides in [("Indonesia will reduce tariffs on Australian beef, the trade ministry said on Monday.",
                         ({"IDN"}, {"AUS"})),
                        ("Kenya plans to slash tariffs on Ugandan sugar from next month, officials said.",
                         ({"KEN"}, {"UGA"}))]:
        [e] = code(text, on=date(2024, 5, 2)).events
        assert (e.type, e.mode) == ("CONCEDE", "ease-sanctions"), text
        assert (_ids(e.source), _ids(e.target)) == sides, text
    # raising one is a sanction
    [e] = code("Washington raised tariffs on Chinese electric vehicles.", on=date(2024, 5, 2)).events
    assert e.type == "SANCTION"


def test_weapons_striking_are_an_attack_whatever_else_the_sentence_tells(code):
    # the classifier reads the signing in the clause of time; the rule with a weapon is firm
    coded = code("Russian drones struck the Ukrainian port of Izmail on Wednesday, hours after Kyiv and Bucharest "
                 "signed an agreement in Brussels to expand grain exports along the Danube.", on=date(2023, 9, 13))
    assert [(e.type, e.method) for e in coded.events] == [("ASSAULT", "lex:strike+@weapon/verb")]
    assert {a.country for a in coded.events[0].source} == {"RUS"}


def test_forces_abandoning_a_place_they_held_withdraw_and_abandoning_a_plan_is_no_withdrawal(code):
    coded = code("Malian army units abandoned the desert town of Tinzaouaten after two days of fighting with Tuareg "
                 "rebels.", on=date(2024, 7, 30))
    assert [(e.type, e.method) for e in coded.events] == [("RETREAT", "lex:abandon+@stronghold/verb")]
    coded = code("Ecuador's government abandoned plans for a new mining tax after weeks of talks with business "
                 "groups.", on=date(2024, 7, 30))
    assert not any(e.method.startswith("lex:abandon") for e in coded.events)


def test_an_act_told_again_with_one_side_unnamed_is_one_event(code):
    # "It killed ..." and a passive "... were hit" restate the strike of the sentence before
    for text, parties in [
        ("Russia launched more than 90 missiles and drones at Ukraine's power grid overnight. It killed at least "
         "nine people and caused blackouts in several regions.", ({"RUS"}, {"UKR"})),
        ("Israeli jets struck targets across southern Lebanon on Tuesday. Several Lebanese army posts were hit.",
         ({"ISR"}, {"LBN"})),
    ]:
        coded = code(text, on=date(2024, 11, 19))
        assert [(e.type, _ids(e.source), _ids(e.target)) for e in coded.events] == [("ASSAULT", *parties)]
    # a strike that names another target is an act of its own
    coded = code("Russian drones struck the port of Izmail overnight. They also hit a grain silo across the river "
                 "in Romania.", on=date(2023, 9, 4))
    assert [_ids(e.target) for e in coded.events] == [{"UKR"}, {"ROU"}]
