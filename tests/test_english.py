"""English through the same stages: the English language pack (data/lang/en/),
the English time rules and the English attribution grammar. Every sentence here
is written for the test, none is taken from an article."""

from __future__ import annotations

from pathlib import Path

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


@pytest.mark.parametrize(
    ("text", "ctype", "guarantors", "beneficiaries", "status"),
    [
        # giving, with the English indirect object ("sent Ukraine tanks")
        ("Germany sent Ukraine tanks last week.", "military_aid", ["country:DEU"], ["country:UKR"], "in_force"),
        ("The United States will send Patriot missiles to Ukraine.", "air_defense", ["country:USA"], ["country:UKR"], "proposed"),
        ("Poland bought fighter jets from the United States.", "military_aid", ["country:USA"], ["country:POL"], "in_force"),
        ("Britain is considering deploying troops to Ukraine.", "troop_deployment", ["country:GBR"], ["country:UKR"], "proposed"),
        ("Britain offered to send troops to Ukraine.", "troop_deployment", ["country:GBR"], ["country:UKR"], "proposed"),
        ("France pledged military aid to Kyiv.", "military_aid", ["country:FRA"], ["country:UKR"], "agreed"),
        ("NATO refused to admit Ukraine.", "membership", ["organization:nato"], ["country:UKR"], "rejected"),
        # land given up: who cedes, who demands it
        ("The Kremlin has demanded that Ukraine withdraw from the Donbas region.", "territorial_arrangement", ["country:UKR"], ["country:RUS"], "requested"),
        ("Kyiv has refused to cede territory to Russia.", "territorial_arrangement", ["country:UKR"], ["country:RUS"], "rejected"),
        # a settlement is for both sides
        ("Russia and Ukraine agreed a peace deal.", "peace_plan", ["country:RUS", "country:UKR"], ["country:RUS", "country:UKR"], "agreed"),
    ],
)
def test_english_commitments_come_from_the_clause_layer(
    text: str, ctype: str, guarantors: list[str], beneficiaries: list[str], status: str
) -> None:
    found = [
        (c.type, sorted(c.guarantors), sorted(c.beneficiaries), c.status)
        for c in analyse(text).commitments
    ]
    assert (ctype, sorted(guarantors), sorted(beneficiaries), status) in found, found


def test_withdrawing_from_talks_is_no_territorial_arrangement() -> None:
    doc = analyse("Russia withdrew from the talks in protest.")
    assert not [c for c in doc.commitments if c.type == "territorial_arrangement"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("The envoys met on Feb. 3 and again on the 5th.", ["2026-02-03", "2026-02-05"]),
        ("Russia launched the strike on the 8th.", ["2026-02-08"]),
        ("The drones struck on the 24th.", ["2026-01-24"]),  # still ahead in February: January's
        ("The talks will resume on the 24th.", ["2026-02-24"]),
        ("It was the 24th round of talks.", []),
    ],
)
def test_a_day_of_the_month_takes_the_month_in_context(text: str, values: list[str]) -> None:
    assert [t.value for t in analyse(text).times] == values


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Ukraine's general staff said the strike hit a depot.", "government_body:ukrainian-general-staff"),
        ("The Ukrainian air force said it downed 50 drones.", "government_body:ukrainian-air-force"),
        ("Russia's defence ministry said its troops advanced.", "government_body:russian-defence-ministry"),
        ("The Russian Foreign Ministry summoned the envoy.", "government_body:russian-foreign-ministry"),
    ],
)
def test_english_government_bodies(text: str, actor: str) -> None:
    assert actor in {a.id for a in analyse(text).actors}


def test_apposition_names_the_person_and_the_country() -> None:
    ids = {a.id for a in analyse("Ukraine's president, Volodymyr Zelenskyy, said the talks were useful.").actors}
    assert {"country:UKR", "person:volodymyr-zelensky"} <= ids


# -- across languages: a translation links to its English original ----------------------------
# Two articles written for the test: an English wire report and a Vietnamese
# translation that credits it ("Theo Reuters") and keeps its figures.
ORIGINAL_EN = """---
title: Norway and Denmark pledge 1.7 billion euros of air defence for Estonia
outlet: Reuters
date: 2026-03-04
language: en
---

Norway and Denmark said on Wednesday they would pay 1.7 billion euros for 9 air defence systems for Estonia.

Under the plan, 260 Estonian soldiers will train in Norway for 14 months, the Norwegian defence minister said.

The first 48 interceptor missiles will arrive this autumn, and 120 more next year.
"""
TRANSLATION_VI = """---
title: Na Uy và Đan Mạch cam kết 1,7 tỷ euro phòng không cho Estonia
outlet: Tin Nhanh Quốc Tế
date: 2026-03-05
---

Theo Reuters, ngày 4/3, Na Uy và Đan Mạch cho biết sẽ chi 1,7 tỷ euro mua 9 hệ thống phòng không cho Estonia.

Theo kế hoạch, 260 binh sĩ Estonia sẽ được huấn luyện tại Na Uy trong 14 tháng.

48 tên lửa đánh chặn đầu tiên sẽ đến vào mùa thu này, và thêm 120 quả vào năm sau.
"""


def test_a_translation_crediting_an_english_outlet_links_to_the_original(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from pactwatch.api.app import create_app
    from pactwatch.ingest.batch import ingest_paths
    from pactwatch.store import open_store
    from pactwatch.stories.build import update_stories

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "goc_en.md").write_text(ORIGINAL_EN, encoding="utf-8")
    (articles / "ban_dich_vi.md").write_text(TRANSLATION_VI, encoding="utf-8")
    db = tmp_path / "t.db"
    with open_store(db) as store:
        ingest_paths([articles], store)
        update_stories(store)
        ids = {Path(p or "").name: i for i, p, _ in store.document_paths()}
    with TestClient(create_app(str(db))) as client:
        translation = client.get(f"/api/documents/{ids['ban_dich_vi.md']}").json()
        original = client.get(f"/api/documents/{ids['goc_en.md']}").json()
    assert [o["id"] for o in translation["originals"]] == [ids["goc_en.md"]]
    assert [t["id"] for t in original["translations"]] == [ids["ban_dich_vi.md"]]
    assert original["originals"] == [] and translation["translations"] == []


def test_the_verb_last_looks_nowhere_but_last_friday_looks_back() -> None:
    from pactwatch import analyze_text

    record = analyze_text(
        "The envoys met in Doha on the opening day. Talks expected to start on Thursday "
        "afternoon and last until Saturday will take place at a hotel. The ministers spoke "
        "last Friday.",
        published="2026-03-09",  # a Monday
    )
    values = [(t["text"], t["value"]) for t in record["times"]]
    assert ("Thursday", "2026-03-12") in values
    assert ("Saturday", "2026-03-14") in values
    assert ("last Friday", "2026-03-06") in values


def test_an_english_deadline_looks_forward_unless_its_verb_is_past() -> None:
    from pactwatch import analyze_text

    record = analyze_text(
        "They want a settlement by June, the minister said. The port was closed until "
        "March. The bridge had been rebuilt by May.",
        published="2026-02-18",
    )
    values = [(t["text"], t["value"]) for t in record["times"]]
    assert ("by June", "2026-06") in values
    assert any(text.endswith("March") and value == "2025-03" for text, value in values)
    assert ("by May", "2025-05") in values
