"""English demonyms and adjectives of countries (issue 14).

"Russian forces", "Ukrainian officials", "Ukrainians" mention the country; inside a
title before a named person ("Russian President Vladimir Putin") the adjective gives
the person's country and its mention is an affiliation. The sentences are written
for the test, none from an article.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.actors.demonyms import AFFILIATION, DEMONYM, DEMONYMS_FILE, demonym_table
from pactwatch.actors.kb import default_kb
from pactwatch.actors.stage import recognise
from pactwatch.document import Actor
from pactwatch.ingest.build import document_from_parts

COUNTRIES_FILE = Path(__file__).resolve().parents[1] / "src" / "pactwatch" / "data" / "kb" / "countries.yaml"


@pytest.fixture(autouse=True)
def no_user_kb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACTWATCH_KB_LOCAL", "/nonexistent/pactwatch-test-kb.yaml")


def actors_of(text: str, language: str = "en") -> dict[str, Actor]:
    doc = document_from_parts([("body", text)], published="2026-02-10")
    doc.language = language
    return {a.id: a for a in recognise(doc, default_kb())}


# -- the data file ---------------------------------------------------------------------------


def test_every_entry_has_a_source_and_a_kb_country() -> None:
    raw = yaml.safe_load(DEMONYMS_FILE.read_text(encoding="utf-8"))
    countries = default_kb().countries_by_iso3()
    seen: set[str] = set()
    for entry in raw["demonyms"]:
        assert entry.get("source"), entry
        assert entry["iso3"] in countries, entry
        assert entry["iso3"] not in seen, f"{entry['iso3']} listed twice"
        assert entry["adjectives"], entry
        seen.add(entry["iso3"])


def test_every_un_member_has_a_demonym() -> None:
    members = {
        c["iso3"]
        for c in yaml.safe_load(COUNTRIES_FILE.read_text(encoding="utf-8"))
        if c.get("status") == "un-member"
    }
    listed = set(demonym_table().iso3_of.values())
    # the Congos share "Congolese" and Dominica shares "Dominican" (documented in the file)
    assert members - listed <= {"COD", "COG", "DMA"}
    assert len(members) >= 190


def test_a_form_names_one_country_only() -> None:
    raw = yaml.safe_load(DEMONYMS_FILE.read_text(encoding="utf-8"))
    forms = [f for e in raw["demonyms"] for f in [*e["adjectives"], *(e.get("people") or [])]]
    assert len(forms) == len(set(forms))
    assert {"European", "Korean", "Congolese"}.isdisjoint(forms)


# -- in text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Ukrainian and Russian negotiators met in a hotel.", {"country:UKR", "country:RUS"}),
        ("Russian forces shelled the port overnight.", {"country:RUS"}),
        ("Ukrainian officials said the line held.", {"country:UKR"}),
        ("American troops left the base.", {"country:USA"}),
        ("British and French diplomats drafted a text.", {"country:GBR", "country:FRA"}),
        ("German and Chinese firms signed contracts.", {"country:DEU", "country:CHN"}),
        ("Millions of Ukrainians spent the night without heat.", {"country:UKR"}),
        ("South Sudanese troops crossed the river.", {"country:SSD"}),
        ("North Korean shells were found in the field.", {"country:PRK"}),
        ("The Russian-occupied town was cut off.", {"country:RUS"}),
        ("Troops entered Russian territory in the summer.", {"country:RUS"}),
    ],
)
def test_a_demonym_mentions_its_country(text: str, present: set[str]) -> None:
    found = actors_of(text)
    assert present <= set(found)
    for actor_id in present:
        assert {m.as_ for m in found[actor_id].mentions} == {DEMONYM}


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("European leaders met in the capital.", "organization:eu"),
        ("She answered in Russian.", "country:RUS"),
        ("Russian-language media repeated the claim.", "country:RUS"),
        ("Pro-Russian and anti-Ukrainian slogans were painted.", "country:RUS"),
        ("The Russian Orthodox Church blessed the troops.", "country:RUS"),
        ("Korean officials declined to comment.", "country:KOR"),
    ],
)
def test_a_demonym_that_is_no_state(text: str, absent: str) -> None:
    assert absent not in actors_of(text)


def test_a_demonym_in_a_title_gives_the_persons_country() -> None:
    found = actors_of("Finnish Foreign Minister Aino Kettunen met Estonian officials.")
    person = found["person:aino-kettunen"]
    assert person.country == "FIN"
    assert person.roles == ["Finnish Foreign Minister"]
    assert [m.as_ for m in found["country:FIN"].mentions] == [AFFILIATION]
    # the officials' adjective stays a mention of the country acting
    assert [m.as_ for m in found["country:EST"].mentions] == [DEMONYM]


def test_demonyms_are_read_in_english_text_only() -> None:
    assert "country:RUS" not in actors_of("Russian forces", language="vi")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=st.sampled_from(sorted(demonym_table().iso3_of)), noun=st.sampled_from(
    ["officials", "forces", "troops", "negotiators", "diplomats"]))
def test_any_listed_form_before_a_group_noun_is_its_country(form: str, noun: str) -> None:
    text = f"On Monday, {form} {noun} met in a hotel."
    doc = document_from_parts([("body", text)], published="2026-02-10")
    doc.language = "en"
    actors = recognise(doc, default_kb())
    iso3 = demonym_table().iso3_of[form]
    countries = {a.iso3 for a in actors if a.kind == "country"}
    assert iso3 in countries
    for actor in actors:
        for m in actor.mentions:
            assert doc.text[m.start : m.end] == m.text
