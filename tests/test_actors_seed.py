"""The seed page resolves as a careful analyst would (issue 3's acceptance).

Skipped where the shared seed folder is absent.
"""

from __future__ import annotations

from datetime import date

import pytest

from worldwire.kb.scoring import resolve_text

from conftest import SEED

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="seed page not beside the repository")


@pytest.fixture(scope="module")
def mentions(coder):
    return resolve_text(SEED.read_text(encoding="utf-8"), coder, date(2023, 3, 22))


def _refs(mentions, text):
    return [m.ref for m in mentions if m.ref.text == text]


@pytest.mark.parametrize(
    "text, actor_id, country, sector",
    [
        ("Chinese President Xi Jinping", "xi-jinping", "CHN", "GOV"),
        ("Xi", "xi-jinping", "CHN", "GOV"),
        ("Russian President Vladimir Putin", "vladimir-putin", "RUS", "GOV"),
        ("Putin", "vladimir-putin", "RUS", "GOV"),
        ("Kremlin", "RUS", "RUS", "GOV"),
        ("Fumio Kishida", "fumio-kishida", "JPN", "GOV"),
        ("Japanese Prime Minister Kishida", "fumio-kishida", "JPN", "GOV"),
        ("Ukrainian President Vlodomyr Zelensky", "volodymyr-zelensky", "UKR", "GOV"),
        ("Zelensky", "volodymyr-zelensky", "UKR", "GOV"),
        ("NATO", "NATO", None, "IGO"),
        ("AUKUS", "AUKUS", None, "IGO"),
        ("United Nations", "UN", None, "IGO"),
        ("Group of Seven", "G7", None, "IGO"),
        ("China’s Foreign Ministry", "CHN", "CHN", "DIP"),
    ],
)
def test_named_actors(mentions, text, actor_id, country, sector):
    refs = _refs(mentions, text)
    assert refs, text
    assert {(r.actor_id, r.country, r.sector) for r in refs} == {(actor_id, country, sector)}
    assert all(r.reason for r in refs)


@pytest.mark.parametrize("text", ["Alexander Korolev", "Jean-Pierre Cabestan"])
def test_experts_are_people_in_academia(mentions, text):
    [ref] = _refs(mentions, text)
    assert ref.kind == "person" and ref.sector == "EDU" and ref.actor_id.startswith("~")


def test_expert_countries_come_from_their_institutions(mentions):
    assert _refs(mentions, "Alexander Korolev")[0].country == "AUS"
    assert _refs(mentions, "Jean-Pierre Cabestan")[0].country == "HKG"  # Hong Kong, coded apart as CAMEO and ISO 3166 do


@pytest.mark.parametrize("text", ["the two leaders", "both presidents", "Both presidents", "Both leaders"])
def test_group_anaphors_are_xi_and_putin(mentions, text):
    refs = _refs(mentions, text)
    assert {r.actor_id for r in refs} == {"xi-jinping", "vladimir-putin"}


def test_moscow_is_a_place_where_talks_happen_and_a_government_when_it_acts(mentions):
    moscow = _refs(mentions, "Moscow")
    reasons = [r.reason for r in moscow]
    assert "place: in Moscow" in reasons and "place: visit to Moscow" in reasons and "place: Moscow summit" in reasons
    assert "capital as agent" in reasons  # "Moscow is willing to promote Chinese businesses"
    assert all((r.sector is None) == r.reason.startswith("place") for r in moscow)


def test_pronouns_in_the_seed(mentions):
    he = [m.ref for m in mentions if m.ref.text == "He"]  # "He claimed that it was ..." after Korolev
    assert he and he[0].actor_id == "~alexander-korolev"
