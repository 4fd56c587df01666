"""English people the knowledge base does not list (issue 13).

A run of two to four capitalised words is a person when the context says so: a
title or honorific before it, an appositive role after it, or a reporting verb
beside it; a later surname alone joins the full name. Every sentence here is
written for the test (invented people, real constructions), none from an article.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.actors.kb import default_kb
from pactwatch.actors.language import VIETNAMESE, person_words
from pactwatch.actors.stage import recognise
from pactwatch.document import Actor
from pactwatch.ingest.build import document_from_parts


@pytest.fixture(autouse=True)
def no_user_kb(monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's own KB file must not change what these tests see."""
    monkeypatch.setenv("PACTWATCH_KB_LOCAL", "/nonexistent/pactwatch-test-kb.yaml")


def english_actors(text: str) -> dict[str, Actor]:
    doc = document_from_parts([("body", text)], published="2026-02-10")
    doc.language = "en"
    return {a.id: a for a in recognise(doc, default_kb())}


def people(text: str) -> dict[str, Actor]:
    return {i: a for i, a in english_actors(text).items() if a.kind == "person"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # a reporting verb before the name, an appositive role after it
        ("The reserves are thin, said Marta Oliynyk, a senior fellow at a Kyiv think tank.",
         "person:marta-oliynyk"),
        ("According to Tomas Reinholt, an economist at a Berlin bank, growth has stalled.",
         "person:tomas-reinholt"),
        ("Oksana Marchuk, Moldova's justice minister, said the court would rule.",
         "person:oksana-marchuk"),
        ("Lukas Brenner, who heads the institute's energy desk, expects a hard winter.",
         "person:lukas-brenner"),
        # titles and roles before the name, with their owner written first
        ("Moldova's Energy Minister Viorel Cazacu announced new tariffs.", "person:viorel-cazacu"),
        ("The figures alarmed analyst Petra Lindqvist.", "person:petra-lindqvist"),
        ("Gen. Mikko Saarinen inspected the border posts.", "person:mikko-saarinen"),
        ("Finnish Foreign Minister Aino Kettunen met her counterpart.", "person:aino-kettunen"),
        ("Kremlin spokesman Arkady Volkhonsky declined to comment.", "person:arkady-volkhonsky"),
        ("Dr. Imre Halasz warned of shortages.", "person:imre-halasz"),
        # a reporting verb after the name, past an appositive clause
        ("Halina Dzyuba, who lives on the ninth floor, told reporters the lifts had stopped.",
         "person:halina-dzyuba"),
        # an institution's words between the title and the name belong to the title
        ("UN High Commissioner for Human Rights Anselm Rauchberg condemned the strikes.",
         "person:anselm-rauchberg"),
        # a title, then the name set off by commas
        ("Its deputy director for trade, Farid Nasseri, floated a deal.", "person:farid-nasseri"),
    ],
)
def test_a_person_behind_an_english_cue(text: str, person: str) -> None:
    assert person in people(text)


def test_the_surname_alone_joins_the_full_name() -> None:
    found = people(
        "The economy is overheating, said Marta Oliynyk, a fellow at a Kyiv institute. "
        "Wages cannot keep up, Oliynyk said. Oliynyk's forecast was bleak."
    )
    assert set(found) == {"person:marta-oliynyk"}
    said = [m.text for m in found["person:marta-oliynyk"].mentions]
    assert said == ["Marta Oliynyk", "Oliynyk", "Oliynyk"]


def test_role_and_country_are_kept() -> None:
    person = people("Moldova's Energy Minister Viorel Cazacu announced new tariffs.")[
        "person:viorel-cazacu"
    ]
    assert person.country == "MDA"
    assert person.roles == ["Moldova's Energy Minister"]
    appositive = people("Oksana Marchuk, Moldova's justice minister, said the court would rule.")
    assert appositive["person:oksana-marchuk"].country == "MDA"
    assert appositive["person:oksana-marchuk"].roles == ["Moldova's justice minister"]


@pytest.mark.parametrize(
    "text",
    [
        # organisations, places, months and outlets are no people, even beside a verb
        "The Baltic Policy Center said the sanctions were working.",
        "Bank of Estonia economists said inflation would ease.",
        "The World Trade Forum said on Monday that tariffs would rise.",
        "On Monday Ministers said the plan was ready.",
        "Next February said nothing about it.",
        "Dragon Harbour Capital said its clients were leaving.",
        # bylines and photo credits are the article's makers, not its actors
        "Reporting by Jane Roewood; Editing by John Doering and Mark Pellow",
        "Soldiers rest near the front. (Lena Krausova/AP)",
        "AP writers Olga Marusyak and Dan Pelletier contributed to this report.",
        # a title case heading is no title before a name
        "Envoy Says Both Sides Agreed",
    ],
)
def test_no_person_without_a_person_cue(text: str) -> None:
    assert people(text) == {}


def test_a_sentence_opener_is_no_given_name() -> None:
    # "When" before a surname the KB knows is not someone else's first name
    assert set(people("When Putin spoke, the hall fell silent.")) == {"person:vladimir-putin"}


def test_an_opening_article_is_no_part_of_a_short_country_name() -> None:
    # "The" opening a sentence before "US" or "UK" is not a first name
    assert {"country:USA", "country:GBR"} <= set(
        english_actors("The US said it would help. The UK agreed.")
    )


def test_vietnamese_text_keeps_its_own_words() -> None:
    assert person_words("vi") is VIETNAMESE
    assert person_words(None) is VIETNAMESE
    assert person_words("en").english


# -- properties ------------------------------------------------------------------------------

GIVEN = ["Marta", "Tomas", "Aino", "Viorel", "Halina", "Imre", "Farid", "Petra"]
SURNAMES = ["Oliynyk", "Reinholt", "Kettunen", "Cazacu", "Dzyuba", "Halasz", "Nasseri"]
FRAMES = [
    "{name} said the talks had stalled.",
    "The talks had stalled, said {name}, an analyst at a Riga institute.",
    "Analyst {name} told reporters the talks had stalled.",
    "{name}, Latvia's defence minister, said the talks had stalled.",
    "Latvian President {name} said the talks had stalled.",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    given_name=st.sampled_from(GIVEN),
    surname=st.sampled_from(SURNAMES),
    frame=st.sampled_from(FRAMES),
    lead=st.sampled_from(["", "Meanwhile, ", "On Tuesday, "]),
)
def test_framed_names_are_found_with_exact_offsets(
    given_name: str, surname: str, frame: str, lead: str
) -> None:
    name = f"{given_name} {surname}"
    text = lead + frame.format(name=name) + f" Later {surname} repeated it."
    doc = document_from_parts([("body", text)], published="2026-02-10")
    doc.language = "en"
    actors = recognise(doc, default_kb())
    for actor in actors:
        for m in actor.mentions:
            assert doc.text[m.start : m.end] == m.text
    persons = [a for a in actors if a.kind == "person"]
    assert [a.name for a in persons] == [name]
    assert [m.text for m in persons[0].mentions] == [name, surname]


def test_places_the_makers_wrote_from_are_no_actors() -> None:
    found = english_actors(
        "Officials in Brisbane said the talks would resume.\n"
        "Reporting by Jane Roewood in Brisbane and Tom Lee in Perth; Editing by Kim Ray"
    )
    assert "place:perth" not in found
    assert [m.text for m in found["place:brisbane"].mentions] == ["Brisbane"]
