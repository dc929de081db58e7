from datetime import date


def _mentions(coded):
    return {(m.actor.text, m.actor.actor_id, m.actor.country, m.actor.sector) for m in coded.mentions}


def test_title_and_name_make_one_person_mention(code):
    coded = code("Japanese Prime Minister Fumio Kishida arrived in Kyiv on Tuesday.")
    m = [x.actor for x in coded.mentions if x.actor.kind == "person"]
    assert len(m) == 1
    assert m[0].text == "Japanese Prime Minister Fumio Kishida"
    assert (m[0].country, m[0].sector) == ("JPN", "GOV")


def test_title_alone_resolves_to_office_holder_on_the_day(code):
    coded = code("The Russian president spoke to reporters.", on=date(2023, 3, 21))
    person = [m.actor for m in coded.mentions if m.actor.kind == "person"][0]
    assert person.name == "Vladimir Putin"


def test_metonym_and_capital_are_governments(code):
    coded = code("The Kremlin said Beijing had been consulted.")
    found = {(m.actor.actor_id, m.actor.sector) for m in coded.mentions}
    assert ("RUS", "GOV") in found and ("CHN", "GOV") in found


def test_country_and_sector_noun(code):
    coded = code("China's Foreign Ministry released the statement, and Ukrainian troops held the line.")
    found = {(m.actor.actor_id, m.actor.sector) for m in coded.mentions}
    assert ("CHN", "DIP") in found and ("UKR", "MIL") in found


def test_adjective_alone_is_not_an_actor(code):
    coded = code("Exports of Russian gas fell sharply last year.")
    assert not [m for m in coded.mentions if m.actor.actor_id == "RUS"]


def test_former_office_holder_has_no_current_government_sector(code):
    coded = code("Shinzo Abe spoke in Tokyo.", on=date(2021, 5, 1))
    abe = [m.actor for m in coded.mentions if m.actor.kind == "person"][0]
    assert abe.sector == "ELI" and abe.country == "JPN"


def test_unknown_expert_gets_a_local_id_and_sector(code):
    coded = code("“It changes little,” said Miriam Okafor, a professor at the Lisbon Institute.")
    person = [m.actor for m in coded.mentions if m.actor.kind == "person"][0]
    assert person.actor_id == "~miriam-okafor"
    assert person.sector == "EDU"
