"""English attribution constructions of the quotes stage (issue 14). Every sentence
here is written for the test; none is taken from an article."""

from __future__ import annotations

import pytest

from pactwatch.document import Document
from pactwatch.ingest.build import document_from_parts
from pactwatch.pipeline import build_pipeline

PIPELINE = build_pipeline()


def analyse(text: str) -> Document:
    doc = document_from_parts([("body", text)], source_path="t.md")
    doc.language = "en"
    doc.published = "2026-02-10"
    return PIPELINE(doc)


def quotes(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in analyse(text).quotes]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        # the name that opens the clause speaks, not the country in its appositions
        (
            "Anna Kovalenko, chief executive of Rivne Steel, Poland's largest maker of rails, "
            "said the plant would close in March.",
            "person:anna-kovalenko",
            "the plant would close in March",
        ),
        # a relative clause is an apposition too
        (
            "Georgia, which wants its lost regions back, said at the time that such terms "
            "would mean surrender for Tbilisi.",
            "country:GEO",
            "such terms would mean surrender for Tbilisi",
        ),
    ],
)
def test_the_actor_opening_the_clause_speaks_through_its_appositions(
    text: str, speaker: str, content: str
) -> None:
    assert (speaker, content) in quotes(text)


def test_a_verb_with_a_short_content_after_it_is_no_closing_frame() -> None:
    found = quotes("Coal output fell by a fifth last year, but economists say this reflects weak demand abroad.")
    # unnamed economists speak for nobody, and what they say follows the verb
    assert found == [(None, "this reflects weak demand abroad")]


def test_a_closing_frame_with_a_circumstance_still_frames_the_words_before() -> None:
    found = quotes("The envoys will meet again in Geneva next month, Marco Rubio said on Monday.")
    assert found == [("person:marco-rubio", "The envoys will meet again in Geneva next month")]


def test_according_to_names_a_source_not_a_subject() -> None:
    found = quotes(
        "Poland and Slovakia accounted for half of the power imports, according to the consultancy."
    )
    assert all(speaker not in {"country:POL", "country:SVK"} for speaker, _ in found)
    found = quotes(
        "Exports of grain rose by 10% in January, according to figures from the Food and "
        "Agriculture Organization."
    )
    assert found == [
        ("organization:food-and-agriculture-organization", "Exports of grain rose by 10% in January")
    ]


def test_it_said_is_the_body_quoted_last() -> None:
    found = quotes(
        "NATO, the Western military alliance, said the drills were the largest in a decade. "
        "Twelve jets were scrambled over four countries, it said in a statement."
    )
    assert found == [
        ("organization:nato", "the drills were the largest in a decade"),
        ("organization:nato", "Twelve jets were scrambled over four countries"),
    ]


def test_it_is_first_the_body_named_before_in_its_sentence() -> None:
    found = quotes("Norway last published its own figures in 2019, when it said it had lost 40 vessels.")
    assert found == [("country:NOR", "it had lost 40 vessels")]


def test_the_report_notes_is_its_author() -> None:
    found = quotes(
        "A survey by the Oslo Peace Institute counted 31 wars.\n\n"
        "“Most of these wars have no end in sight,” the report notes."
    )
    assert [speaker for speaker, _ in found] == ["organization:oslo-peace-institute"]


def test_the_paper_reported_is_the_outlet_named_last() -> None:
    found = quotes(
        "The war has drained the budget, Reuters reported last week.\n\n"
        "“We need 40,000 welders from somewhere,” the agency reported."
    )
    assert [speaker for speaker, _ in found] == ["outlet:reuters", "outlet:reuters"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an unnamed official speaks for the state named before the noun, modifiers between
        ("“The drills were a cover,” said one U.S. intelligence official.", "country:USA"),
        # ...or after it, past a preposition
        ("“The drills were a cover,” said an official from Norway.", "country:NOR"),
        # an officer speaks for the state as an official does
        ("“The drills were a cover,” said a Polish army officer.", "country:POL"),
        # an insider, like a source, is nobody that can be named
        ("“The drills were a cover,” said one Kremlin insider.", None),
    ],
)
def test_unnamed_speakers_and_whom_they_speak_for(text: str, speaker: str | None) -> None:
    found = quotes(text)
    assert found and found[0][0] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a closing ", said X" frames indirect words as it frames quoted ones
        ("Oil exports have fallen to a ten-year low, said Marco Rubio, speaking in Oslo.", "person:marco-rubio"),
        ("Oil exports have fallen to a ten-year low, said one U.S. official.", "country:USA"),
        # an organisation's own analysts speak for it; analysts of nobody named, for nobody
        ("The offensive has stalled along the whole front, NATO analysts note.", "organization:nato"),
        ("Border guards are turning back hundreds of people a day, Western analysts say.", None),
        ("Finland's strategy has worked so far, Marco Rubio pointed out.", "person:marco-rubio"),
    ],
)
def test_closing_frames_of_indirect_speech(text: str, speaker: str | None) -> None:
    found = quotes(text)
    assert len(found) == 1 and found[0][0] == speaker
    assert text.startswith(found[0][1])


def test_a_verb_that_takes_a_thing_reports_only_after_that() -> None:
    assert quotes("Marco Rubio recalled a dinner in Oslo that turned tense.") == []
    assert quotes("Marco Rubio recalled that the dinner in Oslo had turned tense.") == [
        ("person:marco-rubio", "the dinner in Oslo had turned tense")
    ]


def test_they_continue_the_group_quoted_last() -> None:
    found = quotes(
        "Pundits in Oslo warn that the ceasefire will not hold. They claim that both armies are rearming."
    )
    assert found == [
        (None, "the ceasefire will not hold"),
        (None, "both armies are rearming"),
    ]


def test_according_to_closes_a_sentence_without_a_comma() -> None:
    found = quotes("Norway will hold four drills a year according to a Danish official.")
    assert found == [("country:DNK", "Norway will hold four drills a year")]
