"""English through the same stages: the English language pack (data/lang/en/),
the English time rules and the English attribution grammar. Every sentence here
is written for the test, none is taken from an article."""

from __future__ import annotations

import pytest

from pactwatch.document import Document
from pactwatch.ingest.build import document_from_parts
from pactwatch.pipeline import build_pipeline
from pactwatch.times.english import ENGLISH_RULES
from pactwatch.times.patterns import RULES, find_times
from pactwatch.times.stage import rules_for


def analyse(text: str, published: str = "2026-02-10") -> Document:
    doc = document_from_parts([("body", text)], source_path="t.md")
    doc.language = "en"
    doc.published = published  # a Tuesday
    return build_pipeline()(doc)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The envoys met on Monday.", "2026-02-09"),
        ("The envoys met last Friday.", "2026-02-06"),
        ("The envoys will meet on Thursday.", "2026-02-12"),
        ("The talks resumed earlier this month.", "2026-02"),
        ("Another round is planned for next week.", "2026-W08"),
        ("The pact was signed last year.", "2025"),
        ("The ministers met on Feb. 3 in Oslo.", "2026-02-03"),
        ("The offensive began in June.", "2025-06"),
        ("Fighting has raged since 2014.", "2014"),
        ("The drills ended yesterday.", "2026-02-09"),
        ("The ministers met on Sunday, Jan. 18, 2026.", "2026-01-18"),
        ("The fleet sailed three days ago.", "2026-02-07"),
    ],
)
def test_english_times_resolve_against_the_article_date(text: str, value: str) -> None:
    doc = analyse(text)
    assert value in {t.value for t in doc.times}


def test_relative_count_from_the_previous_expression() -> None:
    doc = analyse("The ministers met on Feb. 3. Two days later, the envoys signed the text.")
    assert [t.value for t in doc.times] == ["2026-02-03", "2026-02-05"]


def test_english_rules_only_join_for_english() -> None:
    assert rules_for("vi") == RULES
    assert rules_for("en") == RULES + ENGLISH_RULES
    assert not find_times("The modal May stays a verb: it may rain.", rules=rules_for("en"))


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We will not accept any ultimatum from anyone," Marco Rubio said.', "person:marco-rubio"),
        ('"We will not accept any ultimatum from anyone," said Marco Rubio.', "person:marco-rubio"),
        ('Marco Rubio told Reuters: "We will not accept any ultimatum from anyone."', "person:marco-rubio"),
        ("Marco Rubio said on Monday that Washington would keep its embassy open.", "person:marco-rubio"),
        ("Washington will keep its embassy in Kyiv open, Marco Rubio said.", "person:marco-rubio"),
        ("According to the Kremlin, the envoys will meet again in the spring.", "government_body:kremlin"),
        ("The envoys will meet again in the spring, according to the Kremlin.", "government_body:kremlin"),
    ],
)
def test_english_quote_frames(text: str, speaker: str) -> None:
    doc = analyse(text)
    assert doc.quotes, text
    assert doc.quotes[0].speaker == speaker


def test_a_pronoun_continues_the_last_speaker() -> None:
    doc = analyse(
        '"The door to talks is open," Marco Rubio said. He said that the envoys would meet again soon.'
    )
    assert [q.speaker for q in doc.quotes] == ["person:marco-rubio", "person:marco-rubio"]


def test_outlet_told_is_the_channel_not_the_speaker() -> None:
    doc = analyse('"We are ready to guarantee the ceasefire line," Marco Rubio told Reuters.')
    assert doc.quotes[0].speaker == "person:marco-rubio"
    assert doc.quotes[0].reported_via == ["outlet:reuters"]


@pytest.mark.parametrize(
    ("text", "etype", "status"),
    [
        ("Russia launched 200 drones at Ukraine overnight.", "ASSAULT", "occurred"),
        ("The United States will send more weapons to Ukraine.", "AID", "planned"),
        ("Ukraine rejected the demand to withdraw from Donetsk.", "REJECT", "occurred"),
        ("Germany accused Russia of sabotage.", "ACCUSE", "occurred"),
        ("Poland and Ukraine signed a defence pact.", "AGREE", "occurred"),
    ],
)
def test_english_events(text: str, etype: str, status: str) -> None:
    events = analyse(text).as_dict()["events"]
    assert any(e["type"] == etype and e["status"] == status for e in events), events


def test_negation_and_refusal_read_in_english() -> None:
    preds = analyse("Russia refused to withdraw its troops from Ukraine.").predications
    withdraw = next(p for p in preds if p.lemma == "withdraw")
    assert withdraw.modality == "refused"


def test_us_and_nato_are_linked() -> None:
    doc = analyse("The U.S. and Nato met in Brussels. US officials said little.")
    ids = {a.id for a in doc.actors}
    assert {"country:USA", "organization:nato"} <= ids


def test_inflected_forms_are_triggers() -> None:
    from pactwatch.extract.lexicon import event_lexicon

    words = {t.text for t in event_lexicon("en").triggers.terms}
    assert {"provide", "provides", "provided", "providing"} <= words
