"""PLOVER events: trigger families, parties, status, date, place, de-duplication.

Every sentence here is written for the test (see fixtures/extract/docs.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures.extract.docs import make_doc
from pactwatch.document import Document, Event
from pactwatch.extract.clauses import read_clauses
from pactwatch.extract.events import extract_events
from pactwatch.extract.lexicon import event_lexicon
from pactwatch.extract.quotes import extract_quotes

PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


def events_of(*parts: tuple[str, str] | str, **meta: Any) -> Document:
    return extract_events(read_clauses(extract_quotes(make_doc(*parts, **meta))))


def one(doc: Document) -> Event:
    assert len(doc.events) == 1, [(e.type, e.trigger) for e in doc.events]
    return doc.events[0]


@pytest.mark.parametrize(
    ("sentence", "etype", "mode", "source", "target"),
    [
        (
            "Ông Putin hội đàm với ông Lukashenko.",
            "CONSULT",
            "meeting",
            ["person:vladimir-putin"],
            ["person:alexander-lukashenko"],
        ),
        (
            "Ông Trump điện đàm với ông Zelensky.",
            "CONSULT",
            "phone",
            ["person:donald-trump"],
            ["person:volodymyr-zelensky"],
        ),
        ("Ông Tập Cận Bình thăm Nga.", "CONSULT", "visit", ["person:xi-jinping"], ["country:RUS"]),
        ("Mỹ lên án Nga vì vụ tấn công mạng.", "ACCUSE", None, ["country:USA"], ["country:RUS"]),
        ("Trung Quốc chỉ trích NATO.", "ACCUSE", None, ["country:CHN"], ["organization:nato"]),
        (
            "Nga đe dọa NATO bằng các biện pháp đáp trả.",
            "THREATEN",
            None,
            ["country:RUS"],
            ["organization:nato"],
        ),
        (
            "Nga triển khai thêm binh sĩ tới Belarus.",
            "MOBILIZE",
            "troops",
            ["country:RUS"],
            ["country:BLR"],
        ),
        (
            "Nga khai triển tên lửa tới Belarus.",
            "MOBILIZE",
            "weapons",
            ["country:RUS"],
            ["country:BLR"],
        ),
        ("Ukraine bác bỏ đề xuất của Nga.", "REJECT", None, ["country:UKR"], ["country:RUS"]),
        (
            "Ukraine kêu gọi EU tăng cường hỗ trợ.",
            "REQUEST",
            None,
            ["country:UKR"],
            ["organization:eu"],
        ),
        # a promise of a named act is that act, planned (modality.yaml acts_through)
        ("Anh cam kết viện trợ cho Ukraine.", "AID", "military", ["country:GBR"], ["country:UKR"]),
        ("Anh cam kết sẽ đứng về phía Ukraine.", "AGREE", None, ["country:GBR"], ["country:UKR"]),
        ("Pháp ủng hộ Ukraine.", "SUPPORT", None, ["country:FRA"], ["country:UKR"]),
        (
            "Nhật Bản hỗ trợ tài chính cho Ukraine.",
            "AID",
            "economic",
            ["country:JPN"],
            ["country:UKR"],
        ),
        ("EU trừng phạt Nga.", "SANCTION", None, ["organization:eu"], ["country:RUS"]),
        ("Nga không kích Ukraine.", "ASSAULT", "aerial", ["country:RUS"], ["country:UKR"]),
        ("Nga rút quân khỏi Belarus.", "RETREAT", None, ["country:RUS"], ["country:BLR"]),
        (
            "Nga và Belarus tập trận chung.",
            "COOPERATE",
            "military",
            ["country:RUS", "country:BLR"],
            [],
        ),
    ],
)
def test_trigger_families(
    sentence: str, etype: str, mode: str | None, source: list[str], target: list[str]
) -> None:
    ev = one(events_of(sentence))
    assert (ev.type, ev.mode, ev.source, ev.target) == (etype, mode, source, target)


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Ông Putin đã gặp ông Lukashenko.", "occurred"),
        ("Ông Putin sẽ gặp ông Lukashenko.", "planned"),
        ("Ông Putin dự kiến gặp ông Lukashenko.", "planned"),
        ("Ông Putin không có kế hoạch gặp ông Lukashenko.", "denied"),
        ("Ông Putin chưa gặp ông Lukashenko.", "denied"),
        ("Ông Putin được cho là đã gặp ông Lukashenko.", "reported"),
        ("Nếu ông Putin gặp ông Lukashenko, hai bên sẽ bàn về an ninh.", "hypothetical"),
    ],
)
def test_status_from_negation_and_modality(sentence: str, status: str) -> None:
    assert one(events_of(sentence)).status == status


def test_a_threat_is_not_hypothetical() -> None:
    ev = one(events_of("Ông Peskov cảnh báo Nga có thể dùng vũ khí hạt nhân nếu bị tấn công."))
    assert ev.type == "THREATEN" and ev.status == "occurred"


def test_date_and_location_come_from_the_clause() -> None:
    ev = one(events_of("Ngày 6/4/2023, ông Lukashenko hội đàm với ông Putin tại Moskva."))
    assert ev.date == "2023-04-06"
    assert ev.location == "place:moscow"
    assert ev.source == ["person:alexander-lukashenko"]


def test_no_date_without_a_time_expression() -> None:
    ev = one(events_of("Ông Lukashenko hội đàm với ông Putin.", published="2023-04-07"))
    assert ev.date is None


def test_same_meeting_mentioned_three_times_is_one_event() -> None:
    doc = events_of(
        ("title", "Ông Lukashenko gặp ông Putin tại Moskva"),
        "Ngày 6/4/2023, ông Lukashenko và ông Putin hội đàm tại Moskva.",
        "Trong cuộc hội đàm, ông Putin và ông Lukashenko bàn về an ninh khu vực.",
    )
    consult = [e for e in doc.events if e.type == "CONSULT"]
    assert len(consult) == 1
    ev = consult[0]
    assert len(ev.evidence_all) == 3
    assert ev.date == "2023-04-06"
    assert set(ev.source + ev.target) == {
        "person:alexander-lukashenko",
        "person:vladimir-putin",
    }


def test_different_meetings_stay_apart() -> None:
    doc = events_of(
        "Ngày 6/4/2023, ông Putin gặp ông Lukashenko.",
        "Ngày 9/5/2023, ông Putin gặp ông Tập Cận Bình.",
    )
    assert len([e for e in doc.events if e.type == "CONSULT"]) == 2


def test_governed_trigger_is_part_of_the_governing_event() -> None:
    ev = one(events_of("Ông Trump đe dọa rút Mỹ khỏi NATO."))
    assert ev.type == "THREATEN"


def test_reported_event_takes_the_subject_of_the_reported_clause() -> None:
    doc = events_of("Ông Stoltenberg cho biết Nga đã triển khai binh sĩ tới Belarus.")
    ev = one(doc)
    assert ev.type == "MOBILIZE" and ev.source == ["country:RUS"]
    assert ev.quote == doc.quotes[0].id


def test_events_need_a_named_actor() -> None:
    assert events_of("Các bên đã gặp nhau để thảo luận về lệnh ngừng bắn.").events == []


def test_a_statement_is_not_an_event() -> None:
    assert events_of("Ông Putin cho biết thời tiết ở Moskva rất lạnh.").events == []


def test_a_trigger_used_as_a_noun_is_not_an_event() -> None:
    assert events_of("Ukraine cần sự hỗ trợ của Mỹ.").events == []


def test_captions_are_skipped() -> None:
    doc = events_of(
        ("caption", "Ông Putin gặp ông Lukashenko tại Minsk. Ảnh: TASS"),
        "Hai nhà lãnh đạo có quan hệ thân thiết.",
    )
    assert doc.events == []


def test_event_ids_confidence_and_evidence() -> None:
    doc = events_of("Nga lên án NATO. Ông Putin gặp ông Lukashenko.")
    assert [e.id for e in doc.events] == ["e1", "e2"]
    for ev in doc.events:
        assert 0.0 < ev.confidence <= 1.0
        assert ev.type in PLOVER_TYPES
        assert (
            ev.trigger is not None and ev.trigger in doc.text[ev.evidence.start : ev.evidence.end]
        )


def test_lexicon_types_are_plover() -> None:
    lex = event_lexicon()
    for term in lex.triggers.terms:
        # a predicate with no type heads or governs clauses but reports no event
        # of its own ("cân nhắc", "mua"); it must then say its verb class
        if term.data["type"] is None:
            assert term.data.get("class"), term.text
            continue
        assert term.data["type"] in PLOVER_TYPES, term.text
        for rule in term.data.get("by_object") or ():
            assert rule.get("type", term.data["type"]) in PLOVER_TYPES


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Nga",
                "Mỹ",
                "gặp",
                "tấn công",
                "không",
                "sẽ",
                "tại",
                "Moskva",
                "ông Putin",
                ",",
                ".",
                "“",
                "”",
                "ngày 6/4/2023",
                "và",
                "hội đàm",
                "\n",
                "cho biết",
            ]
        ),
        max_size=40,
    )
)
def test_no_exception_and_spans_inside_text(words: list[str]) -> None:
    text = " ".join(words).strip() or "x"
    doc = events_of(text)
    for ev in doc.events:
        assert 0 <= ev.evidence.start < ev.evidence.end <= len(doc.text)
        assert ev.source or ev.target


def test_a_meeting_pointed_back_to_is_not_a_new_event() -> None:
    doc = events_of(
        "Ngày 6/4/2023, ông Putin hội đàm với ông Lukashenko tại Moskva.",
        "Cuộc họp này diễn ra sau khi Nga công bố kế hoạch mới.",
    )
    assert [e.type for e in doc.events] == ["CONSULT"]


def test_a_description_after_a_copula_is_not_an_event() -> None:
    assert events_of("Ông Trump nói đó là một cuộc đàm phán bình thường với Nga.").events == []


def test_the_possessor_of_a_nominal_act_is_its_agent() -> None:
    ev = one(events_of("Thỏa thuận đó là nhượng bộ lớn của Ukraine."))
    assert ev.type == "CONCEDE" and ev.source == ["country:UKR"]


def test_generic_plural_subject_blocks_the_earlier_actor() -> None:
    doc = events_of("Pháp lập nhóm để tập hợp các quốc gia sẵn sàng gửi quân tới Ukraine.")
    assert doc.events == []


def test_rescue_deployment_is_humanitarian_aid() -> None:
    ev = one(events_of("Nhật Bản điều động tàu và máy bay cứu hộ tới Ukraine."))
    assert (ev.type, ev.mode) == ("AID", "humanitarian")


def test_the_date_of_the_clause_wins_over_another_in_the_sentence() -> None:
    ev = one(
        events_of("Ngày 9/5/2023, ông Putin cho biết hai bên đã hội đàm ngày 6/4/2023 tại Minsk.")
    )
    assert ev.type == "CONSULT" and ev.date == "2023-04-06"


def test_a_quoted_event_takes_no_date_from_the_speech_frame() -> None:
    doc = events_of("“Nga không kích Ukraine mỗi ngày”, ông Zelensky nói ngày 9/5/2023.")
    assert [(e.type, e.date) for e in doc.events] == [("ASSAULT", None)]


def test_a_headline_event_takes_the_date_of_its_lead_sentence() -> None:
    doc = events_of(
        "NATO chỉ trích Nga",
        "Ngày 5/4/2023, NATO cho biết hành động của Nga đe dọa an ninh châu Âu.",
    )
    accuse = [e for e in doc.events if e.type == "ACCUSE"]
    assert len(accuse) == 1 and accuse[0].date == "2023-04-05"


def test_a_sentence_ending_in_a_full_stop_is_not_a_headline() -> None:
    doc = events_of(
        "NATO chỉ trích Nga.",
        "Ngày 5/4/2023, NATO cho biết hành động của Nga đe dọa an ninh châu Âu.",
    )
    assert [e.date for e in doc.events if e.type == "ACCUSE"] == [None]


def test_this_country_stands_for_the_country_named_before() -> None:
    ev = one(events_of("Anh cho biết nước này sẽ gửi thêm binh sĩ tới Ukraine."))
    assert (ev.type, ev.source, ev.target, ev.status) == (
        "MOBILIZE",
        ["country:GBR"],
        ["country:UKR"],
        "planned",
    )


def test_imposing_sanctions_is_a_sanction() -> None:
    ev = one(events_of("Mỹ tuyên bố áp đặt lệnh trừng phạt mới đối với Nga."))
    assert (ev.type, ev.source, ev.target) == ("SANCTION", ["country:USA"], ["country:RUS"])


@pytest.mark.parametrize(
    "sentence",
    [
        "Nhật Bản triển khai nhiều biện pháp chống dịch bệnh.",
        "Trung Quốc đã gửi thư cảm ơn tới Nga.",
    ],
)
def test_civil_senses_of_military_triggers_are_not_events(sentence: str) -> None:
    assert events_of(sentence).events == []


def test_an_adverbial_clause_keeps_its_subject_to_itself() -> None:
    doc = events_of(
        "Kể từ khi Nga tấn công Ukraine, sự hợp tác quân sự giữa Nga và Belarus tăng lên."
    )
    coop = [e for e in doc.events if e.type == "COOPERATE"]
    assert len(coop) == 1 and "country:UKR" not in coop[0].source + coop[0].target


def test_the_two_countries_stand_for_the_last_two_named() -> None:
    doc = events_of("Nga và Belarus tăng cường quan hệ. Năm ngoái, hai nước này đã tập trận chung.")
    ev = one(doc)
    assert ev.type == "COOPERATE" and sorted(ev.source) == ["country:BLR", "country:RUS"]


def test_a_quarrel_named_as_a_noun_is_still_a_happening() -> None:
    ev = one(events_of("Cuộc đấu khẩu giữa ông Trump và ông Zelensky gây chấn động."))
    assert ev.type == "ACCUSE"
    assert set(ev.source + ev.target) == {"person:donald-trump", "person:volodymyr-zelensky"}


# -- generalising rules (sentences written for these tests) ---------------------
@pytest.mark.parametrize(
    ("sentence", "etype", "mode"),
    [
        ("Nga tổ chức cuộc tập trận lớn tại Crimea.", "MOBILIZE", "exercise"),
        ("Nga tập trận với Belarus.", "COOPERATE", "military"),
        ("Ông Zelensky hoan nghênh quyết định của Nga.", "SUPPORT", None),
        ("Ukraine hối thúc NATO hành động.", "REQUEST", None),
        ("Nga phủ nhận cáo buộc của Ukraine.", "REJECT", None),
        ("Nga tuyên bố sẽ trả đũa Mỹ.", "THREATEN", None),
        ("Nga triệu tập Đại sứ Pháp.", "PROTEST", None),
        ("EU cấm 8 quan chức Nga nhập cảnh.", "SANCTION", None),
        ("Nga chặn eo biển Kerch với tàu Ukraine.", "COERCE", "blockade"),
        ("Quân đội Mỹ phá hủy kho vũ khí của Nga.", "ASSAULT", None),
        ("Mỹ hủy kế hoạch đưa tàu chiến tới Biển Đen.", "CONCEDE", None),
        ("Mỹ bán tên lửa cho Nhật Bản.", "AID", "military"),
        ("Nhật Bản bày tỏ quan ngại về hành động của Trung Quốc.", "PROTEST", None),
    ],
)
def test_more_trigger_families(sentence: str, etype: str, mode: str | None) -> None:
    ev = one(events_of(sentence))
    assert (ev.type, ev.mode) == (etype, mode)


@pytest.mark.parametrize(
    ("sentence", "etype"),
    [
        ("Nga đã rút quân khỏi Belarus.", "RETREAT"),
        ("Nga ra lệnh rút quân khỏi Belarus.", "CONCEDE"),
        ("Nga sẽ rút quân khỏi Belarus.", "CONCEDE"),
        ("Ông Putin tuyên bố rút quân khỏi Belarus.", "CONCEDE"),
    ],
)
def test_announced_withdrawal_is_concede_carried_out_is_retreat(sentence: str, etype: str) -> None:
    assert one(events_of(sentence)).type == etype


def test_a_time_in_a_subordinate_clause_does_not_date_the_event() -> None:
    doc = events_of(
        "Ngày 27/4/2021, Pháp chỉ trích Nga về cách đối xử khi ông Putin gặp phái đoàn ngày 7/4/2021."
    )
    dates = {e.type: e.date for e in doc.events}
    assert dates == {"ACCUSE": "2021-04-27", "CONSULT": "2021-04-07"}


def test_a_starting_point_does_not_date_the_event() -> None:
    doc = events_of("Nga triển khai binh sĩ lớn nhất kể từ ngày 1/3/2014 tới Belarus.")
    assert one(doc).date is None


def test_a_joint_statement_mentioned_as_a_noun_is_not_an_event() -> None:
    doc = events_of("Hành động của Nga trái ngược với một tuyên bố chung của Trung Quốc.")
    assert not [e for e in doc.events if e.type == "AGREE"]


def test_a_quoted_fragment_in_the_reporters_sentence_keeps_its_event() -> None:
    doc = events_of('Ông Peskov cho biết Nga sẽ có "biện pháp đáp trả tương xứng".')
    ev = one(doc)
    assert (ev.type, ev.source, ev.status) == ("THREATEN", ["country:RUS"], "occurred")


def test_a_body_acts_for_its_state() -> None:
    doc = make_doc("Điện Kremlin chỉ trích NATO.")
    kremlin = doc.actor("government_body:kremlin")
    assert kremlin is not None
    kremlin.country = "RUS"
    ev = one(extract_events(read_clauses(extract_quotes(doc))))
    assert ev.source == ["government_body:kremlin", "country:RUS"]


def test_a_denied_threat_is_no_event() -> None:
    assert not events_of("Nga tuyên bố không đe dọa bất kỳ ai.").events
