import csv
from datetime import date
from pathlib import Path

from worldwire.kb import load_kb


def test_kremlin_is_russian_government():
    entries = load_kb().lookup("Kremlin")
    assert any(e.actor_id == "RUS" and e.sector == "GOV" for e in entries)


def test_pentagon_is_us_military():
    assert any(e.actor_id == "USA" and e.sector == "MIL" for e in load_kb().lookup("Pentagon"))


def test_us_federal_departments_named_without_the_country_are_american(code):
    # news names them as it names the State Department: "The Commerce Department added ..."
    coded = code("The Commerce Department added dozens of Chinese chip firms to its export blacklist on Monday.",
                 on=date(2024, 12, 2))
    [e] = coded.events
    assert [(a.actor_id, a.sector) for a in e.source] == [("USA", "GOV")]
    assert any(e.actor_id == "GBR" for e in load_kb().lookup("Home Office"))


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


# -- issue 3: data coverage and integrity -------------------------------------------


DATA = Path(__file__).resolve().parent.parent / "src" / "worldwire" / "kb" / "data"


def _csv(name):
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_at_least_1500_dated_role_records():
    assert len(_csv("roles.csv")) >= 1500
    assert sum(len(p.roles) for p in load_kb().people.values()) >= 1500


def test_roles_are_consistent():
    people = {r["person_id"] for r in _csv("people.csv")}
    states = {r["iso3"] for r in _csv("countries.csv")}
    igos = {r["id"] for r in _csv("igos.csv")}
    keys = set()
    for r in _csv("roles.csv"):
        assert r["person_id"] in people, r
        assert (r["iso3"] in states) or (r["org"] in igos), r
        assert r["start"], r
        if r["end"]:
            assert date.fromisoformat(r["start"]) <= date.fromisoformat(r["end"]), r
        key = (r["person_id"], r["role"], r["iso3"], r["org"], r["start"])
        assert key not in keys, key
        keys.add(key)


def test_places_name_known_states_and_are_not_capitals():
    kb = load_kb()
    capitals = {a for a, es in kb.aliases.items() for e in es if e.how == "capital"}
    for row in _csv("places.csv"):
        assert row["iso3"] in kb.states, row
        assert row["name"] not in capitals, row
    assert kb.lookup("Kharkiv")[0].how == "place" and kb.lookup("Kharkiv")[0].country == "UKR"


def test_g20_and_watched_countries_have_defence_ministers():
    kb = load_kb()
    for iso in ("USA", "RUS", "CHN", "GBR", "FRA", "DEU", "JPN", "IND", "TUR", "UKR", "ISR", "IRN", "AUS", "CAN",
                "BRA", "ARG", "MEX", "KOR", "ITA", "ZAF", "EGY", "SAU", "POL", "HUN", "TWN", "PAK"):
        assert kb.holder(iso, "defence_minister", date(2023, 6, 1)) is not None, iso


def test_dated_holders_of_new_records():
    kb = load_kb()
    assert kb.holder("AUS", "defence_minister", date(2020, 1, 1)).name == "Linda Reynolds"
    assert kb.holder("KOR", "defence_minister", date(2016, 1, 1)).name == "Han Min-koo"
    assert kb.holder("IRQ", "head_of_government", date(2010, 1, 1)).name == "Nouri al-Maliki"
    assert kb.holder("FIN", "head_of_government", date(2021, 1, 1)).name == "Sanna Marin"


def test_sector_words_map_to_sectors():
    nouns = load_kb().sector_nouns
    expected = {
        "president": "GOV", "minister": "GOV", "spokesperson": "GOV", "ministry": "GOV",
        "army": "MIL", "troops": "MIL", "general": "MIL", "navy": "MIL",
        "rebels": "REB", "insurgents": "REB", "opposition": "OPP", "police": "COP",
        "protesters": "CVL", "civilians": "CVL", "company": "BUS", "business": "BUS",
        "journalists": "MED", "media": "MED", "professor": "EDU", "university": "EDU",
        "analyst": "EDU", "expert": "EDU", "judge": "JUD", "court": "JUD",
    }
    assert {w: nouns.get(w) for w in expected} == expected


def test_women_are_marked_for_pronouns():
    kb = load_kb()
    assert kb.people["giorgia-meloni"].gender == "f" and kb.people["emmanuel-macron"].gender is None


def test_role_on_prefers_the_newer_of_equal_offices():
    kb = load_kb()
    hemedti = kb.people["mohamed-hamdan-dagalo"]
    assert hemedti.role_on(date(2023, 5, 1)).sector == "REB"  # RSF commander at war, still formally deputy chair


def test_fuzzy_person_is_strict():
    kb = load_kb()
    person, score, _ = kb.fuzzy_person("Volodimir Zelenskky")
    assert person.person_id == "volodymyr-zelensky" and score >= 0.9
    assert kb.fuzzy_person("Vladimir Petrov") is None
    assert kb.fuzzy_person("Wang Wenjun") is None  # another man, not Wang Wenbin
    assert kb.fuzzy_person("Li Qiangg")[0].person_id == "li-qiang"
    assert kb.fuzzy_person("Wang Yu") is None  # too short to guess
    assert kb.fuzzy_state("Phillipines")[0] == "PHL"
    assert kb.fuzzy_state("Austria") is None or kb.fuzzy_state("Austria")[0] == "AUT"


def test_describe_gives_roles_in_order():
    info = load_kb().describe("vladimir-putin")
    starts = [r["start"] for r in info["roles"]]
    assert starts == sorted(starts) and {"head_of_state", "head_of_government"} <= {r["role"] for r in info["roles"]}
    assert load_kb().describe("NATO")["kind"] == "igo"
    assert load_kb().describe("no-such-actor") is None


def test_organisations_file_is_consistent():
    kb = load_kb()
    path = Path(__file__).parents[1] / "src/worldwire/kb/data/organisations.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 40
    assert len({r["id"] for r in rows}) == len(rows)
    sectors = {"GOV", "MIL", "REB", "BUS", "OPP", "MED", "NGO"}
    for r in rows:
        assert r["name"] and r["kind"] in ("armed_group", "state_body", "state_company", "company", "media", "ngo"), r
        assert not r["country"] or r["country"] in kb.states, r
        assert r["sector"] in sectors, r
        if r["kind"] == "company":
            assert not r["country"] and r["sector"] == "BUS", r  # multinationals: coded MNC
        if r["kind"] == "ngo":
            assert not r["country"] and r["sector"] == "NGO", r  # coded NGO
    hamas = kb.lookup("Hamas")[0]
    assert (hamas.kind, hamas.country, hamas.sector) == ("org", "PSE", "REB")
    assert kb.describe("hezbollah")["country"] == "LBN"
