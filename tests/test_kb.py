from datetime import date

from worldwire.kb import load_kb


def test_kremlin_is_russian_government():
    entries = load_kb().lookup("Kremlin")
    assert any(e.actor_id == "RUS" and e.sector == "GOV" for e in entries)


def test_pentagon_is_us_military():
    assert any(e.actor_id == "USA" and e.sector == "MIL" for e in load_kb().lookup("Pentagon"))


def test_zelensky_spellings_name_one_person():
    kb = load_kb()
    ids = {e.actor_id for v in ("Zelensky", "Zelenskyy", "Zelenskiy", "Vlodomyr Zelensky") for e in kb.lookup(v)}
    assert len(ids) == 1


def test_japanese_prime_minister_depends_on_date():
    kb = load_kb()
    assert kb.holder("JPN", "head_of_government", date(2023, 3, 21)).name == "Fumio Kishida"
    assert kb.holder("JPN", "head_of_government", date(2019, 6, 1)).name == "Shinzo Abe"


def test_person_role_gives_country_only_while_in_office():
    kb = load_kb()
    kishida = kb.people[kb.lookup("Fumio Kishida")[0].actor_id]
    assert kishida.role_on(date(2023, 3, 21)).country == "JPN"
    assert kishida.role_on(date(2015, 1, 1)).role == "foreign_minister"
    assert kishida.role_on(date(2025, 6, 1)) is None


def test_every_un_member_has_a_country_row():
    assert len(load_kb().states) >= 195


def test_nato_aliases():
    kb = load_kb()
    for alias in ("NATO", "North Atlantic Treaty Organization"):
        assert any(e.actor_id == "NATO" for e in kb.lookup(alias))


def test_the_west_is_a_group():
    assert load_kb().lookup("the West")[0].kind == "group"
