"""The clause layer and the readers built on it, on sentences we wrote.

Each test is a construction the readers got wrong on articles nobody had tuned
on (issue 12), rebuilt with our own words: the fix is a rule of the language,
so a sentence of the same shape must read the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pactwatch import analyze_document, analyze_text
from pactwatch.document import Document, Predication
from pactwatch.extract.lexicon import pack_language

PUBLISHED = "2026-03-10"


def analyse(text: str, published: str = PUBLISHED) -> dict[str, Any]:
    return analyze_text(text, published=published)


def predication(record: dict[str, Any], lemma: str) -> dict[str, Any]:
    found = [p for p in record["predications"] if p["lemma"] == lemma]
    assert found, f"no predication for {lemma!r}: {[p['lemma'] for p in record['predications']]}"
    return found[0]


def commitments(record: dict[str, Any]) -> list[tuple[str, list[str], list[str], str]]:
    return [
        (c["type"], c["guarantors"], c["beneficiaries"], c["status"]) for c in record["commitments"]
    ]


# -- the frame: who acts, who receives, what, modality, polarity ------------------
def test_a_considered_giving_has_its_agent_recipient_object_and_modality() -> None:
    record = analyse("Chính quyền Mỹ đang cân nhắc cung cấp thêm khí tài quân sự cho Ukraine.")
    give = predication(record, "cung cấp")
    assert give["verb_class"] == "transfer"
    assert give["agent"] == ["country:USA"]
    assert give["recipient"] == ["country:UKR"]
    assert give["modality"] == "considered"
    assert give["governor"] == predication(record, "cân nhắc")["id"]
    assert any(o["commitment"] == "military_aid" for o in give["objects"])


def test_a_negated_deployment_is_negated_in_one_place() -> None:
    record = analyse("Pháp khẳng định sẽ không triển khai binh sĩ tới Ukraine.")
    deploy = predication(record, "triển khai")
    assert deploy["negated"] is True
    assert commitments(record) == [
        ("troop_deployment", ["country:FRA"], ["country:UKR"], "rejected")
    ]


def test_under_a_request_the_party_asked_is_the_one_who_would_act() -> None:
    record = analyse("Ba Lan đề nghị Mỹ triển khai thêm hệ thống phòng không trên lãnh thổ Ba Lan.")
    deploy = predication(record, "triển khai")
    assert deploy["agent"] == ["country:USA"]
    assert deploy["modality"] == "requested"


# -- commitments read from predications -------------------------------------------
def test_who_asks_for_a_deployment_is_who_would_receive_it() -> None:
    record = analyse(
        "Litva đề nghị Đức triển khai hệ thống phòng không IRIS-T trên lãnh thổ nước này."
    )
    assert ("air_defense", ["country:DEU"], ["country:LTU"], "requested") in commitments(record)


def test_a_pledged_presence_in_a_region_is_committed_to_that_region() -> None:
    record = analyse(
        "Liên minh châu Âu cam kết tăng cường hiện diện hải quân ở Ấn Độ Dương - Thái Bình Dương."
    )
    assert (
        "troop_deployment",
        ["organization:eu"],
        ["place:indo-pacific"],
        "agreed",
    ) in commitments(record)


def test_an_accusation_puts_no_deployment_on_record() -> None:
    record = analyse("Moskva cáo buộc NATO triển khai 40.000 binh sĩ tới Biển Đen.")
    assert not [c for c in commitments(record) if "organization:nato" in c[1]]


def test_a_possible_delivery_of_named_weapons_is_a_proposed_military_aid() -> None:
    record = analyse(
        "Washington có thể sẽ cung cấp thêm các tên lửa chống tăng Javelin cho quân đội Gruzia."
    )
    assert ("military_aid", ["country:USA"], ["country:GEO"], "proposed") in commitments(record)


def test_buying_from_someone_makes_the_seller_the_giver() -> None:
    record = analyse("Thổ Nhĩ Kỳ sẽ mua thêm một lô hệ thống S-400 từ Nga trong năm nay.")
    assert ("air_defense", ["country:RUS"], ["country:TUR"], "proposed") in commitments(record)


def test_wanting_to_buy_asks_the_seller() -> None:
    record = analyse("Đài Loan mong muốn mua tên lửa hành trình AGM-158 của Mỹ.")
    assert ("military_aid", ["country:USA"], ["country:TWN"], "requested") in commitments(record)


def test_an_approved_aid_package_is_agreed() -> None:
    record = analyse(
        "Tổng thống Pháp đã phê chuẩn gói viện trợ quân sự trị giá 200 triệu euro cho Moldova."
    )
    found = commitments(record)
    assert any(
        t == "military_aid" and b == ["country:MDA"] and s == "agreed" for t, _, b, s in found
    )


# -- structural guards --------------------------------------------------------------
def test_no_one_guarantees_themselves_outside_mutual_pacts() -> None:
    record = analyse("Belarus đã triển khai thêm binh sĩ tới biên giới phía tây của Belarus.")
    for ctype, guarantors, beneficiaries, _ in commitments(record):
        if ctype not in ("collective_defense", "peace_plan"):
            assert not set(guarantors) & set(beneficiaries)


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is absent")
def test_no_self_commitment_and_no_party_without_a_kind_on_real_articles() -> None:
    from pactwatch.ingest.readers import read_path

    for path in sorted(SEEDS.iterdir()):
        for doc in read_path(path):
            record = analyze_document(doc).as_dict()
            for c in record["commitments"]:
                if c["type"] not in ("collective_defense", "peace_plan"):
                    assert not set(c["guarantors"]) & set(c["beneficiaries"]), (path.name, c)
                for party in c["guarantors"] + c["beneficiaries"]:
                    assert party.split(":", 1)[0] in ("country", "organization", "group"), party


def test_a_third_party_opposing_a_membership_is_not_a_status_of_it() -> None:
    record = analyse("Nga phản đối việc Gruzia gia nhập NATO.")
    assert not [c for c in commitments(record) if c[0] == "membership"]


def test_a_negated_discussion_is_no_negotiation() -> None:
    record = analyse("Việc Moldova gia nhập NATO không được đưa ra thảo luận tại hội nghị.")
    assert not [c for c in commitments(record) if c[3] == "under_negotiation"]


def test_accepting_a_guarantee_does_not_make_the_acceptor_its_guarantor() -> None:
    record = analyse(
        "Điện Kremlin đã đồng ý với một điều khoản bảo đảm an ninh tương tự Điều 5 dành cho Ukraine."
    )
    for _, guarantors, _, _ in commitments(record):
        assert "country:RUS" not in guarantors
        assert "government_body:kremlin" not in guarantors


def test_mutual_help_between_border_guards_is_no_defence_pact() -> None:
    record = analyse(
        "Lực lượng biên phòng Lào và Campuchia cam kết tương trợ lẫn nhau trong công tác tuần tra."
    )
    assert not [c for c in commitments(record) if c[0] == "collective_defense"]


def test_we_in_an_office_holders_mouth_is_the_office_not_his_nationality() -> None:
    record = analyse(
        '"Mỹ đã cam kết bảo đảm an ninh cho chúng tôi", Tổng thư ký NATO Mark Rutte nói.'
    )
    found = commitments(record)
    assert found and all(b == ["organization:nato"] for _, _, b, _ in found)


def test_a_founding_year_never_dates_a_commitment_told_beside_it() -> None:
    record = analyse(
        "Ngày 5/6, Bắc Macedonia chính thức gia nhập NATO, liên minh được thành lập năm 1949."
    )
    dates = [c["date"] for c in record["commitments"] if c["type"] == "membership"]
    assert dates and all(d is None or not d.startswith("19") for d in dates)
    # the founding year is background: it dates neither the article nor "ngày 5/6"
    assert all(not (t["value"] or "").startswith("1950") for t in record["times"])


# -- quotes --------------------------------------------------------------------------
def test_an_apposition_names_whose_envoy_the_speaker_is_not_who_speaks() -> None:
    record = analyse(
        "Ông Steve Witkoff, đặc phái viên của Tổng thống Donald Trump, cho biết hai bên "
        "đã đạt được tiến triển đáng kể."
    )
    speakers = [q["speaker"] for q in record["quotes"]]
    assert speakers == ["person:steve-witkoff"]


def test_a_country_before_the_person_keeps_the_person_as_speaker() -> None:
    record = analyse(
        "Người phát ngôn của Nga Dmitry Peskov cho biết Moskva chưa nhận được đề xuất nào."
    )
    assert [q["speaker"] for q in record["quotes"]] == ["person:dmitry-peskov"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Giới chuyên gia lo ngại các cuộc tập trận sẽ làm căng thẳng leo thang.",
        "Bộ Quốc phòng Anh hy vọng các cuộc đàm phán sẽ sớm có kết quả.",
    ],
)
def test_concern_and_hope_report_speech(sentence: str) -> None:
    record = analyse(sentence)
    assert record["quotes"], sentence


# -- confidence ------------------------------------------------------------------------
def test_every_reading_carries_a_confidence_in_range() -> None:
    record = analyse(
        "Ngày 3/3, Đức đã chuyển giao hệ thống phòng không IRIS-T cho Ukraine, "
        'Bộ trưởng Quốc phòng Đức cho biết: "Chúng tôi sẽ tiếp tục hỗ trợ".'
    )
    items = record["quotes"] + record["events"] + record["commitments"] + record["predications"]
    assert items
    assert all(0.0 < item["confidence"] <= 1.0 for item in items)


def test_a_frame_with_both_sides_named_is_surer_than_one_taken_from_context() -> None:
    named = analyse("Nhật Bản đã chuyển giao tên lửa Patriot cho Philippines.")
    alone = analyse("Nhật Bản có thể chuyển giao tên lửa Patriot.")
    sure = max(c["confidence"] for c in named["commitments"])
    assert all(c["confidence"] < sure for c in alone["commitments"])


# -- the record ---------------------------------------------------------------------------
def test_predications_round_trip_through_the_record() -> None:
    record = analyse("Anh sẽ gửi thêm xe tăng Challenger 2 cho Ukraine.")
    again = Document.from_dict(record)
    assert [p.as_dict() for p in again.predications] == record["predications"]
    assert all(isinstance(p, Predication) for p in again.predications)


def test_every_predicate_span_is_its_text() -> None:
    record = analyse("Mỹ đã triển khai hệ thống THAAD tại Hàn Quốc và hứa bảo vệ đồng minh.")
    text = record["document"]["text"]
    for p in record["predications"]:
        assert text[p["predicate"]["start"] : p["predicate"]["end"]] == p["text"]
        for o in p["objects"]:
            assert text[o["start"] : o["end"]] == o["text"]


def test_an_unknown_language_is_read_with_the_vietnamese_pack() -> None:
    assert pack_language("xx") == "vi"
    assert pack_language("vi-VN") == "vi"


def test_a_body_named_after_its_state_acts_for_it() -> None:
    record = analyse(
        "Cơ quan Quản lý Hàng hải Liên bang Mỹ (FMA) ngày 2/3 kêu gọi các hãng tàu thận trọng."
    )
    body = [a for a in record["actors"] if "FMA" in [m["text"] for m in a["mentions"]]]
    assert body and body[0]["country"] == "USA"


# -- compounds, adverbial clauses, coordinated objects (issue 12, second pass) ----
@pytest.mark.parametrize(
    "sentence, lemma",
    [
        ("Không quân Pháp đã tấn công một kho đạn gần biên giới.", "tấn công"),
        ("Các máy bay không người lái của Iran đã tấn công một cảng biển.", "tấn công"),
        ("Đức không chỉ cung cấp vũ khí mà còn huấn luyện binh sĩ cho Moldova.", "cung cấp"),
        ("Nhật Bản đã đồng ý không chính thức triển khai tàu chiến tới Philippines.", "triển khai"),
    ],
)
def test_air_force_drones_and_not_only_negate_nothing(sentence: str, lemma: str) -> None:
    # "không" heads compounds (không quân, không người lái) and focus phrases
    # (không chỉ, không chính thức) that are no negation of the verb after them
    assert predication(analyse(sentence), lemma)["negated"] is False


def test_a_plain_negation_still_negates() -> None:
    record = analyse("Canada không cung cấp tên lửa cho Moldova.")
    assert predication(record, "cung cấp")["negated"] is True


def test_an_adverbial_clause_inside_the_sentence_has_its_own_subject() -> None:
    record = analyse(
        "Hải quân Ấn Độ hiện diện ở Sri Lanka từ năm 2019 sau khi Tổng thống Sri Lanka "
        "đề nghị Ấn Độ hỗ trợ tuần tra."
    )
    ask = predication(record, "đề nghị")
    assert "country:IND" not in ask["agent"]
    assert ask["patient"][:1] == ["country:IND"]


def test_help_with_a_material_object_gives_it() -> None:
    record = analyse("Na Uy đã hỗ trợ quân sự cho Estonia trong năm qua.")
    assert commitments(record) == [("military_aid", ["country:NOR"], ["country:EST"], "in_force")]


def test_help_with_no_material_object_commits_nobody() -> None:
    record = analyse("Na Uy đã hỗ trợ Estonia trong cuộc tìm kiếm ngư dân mất tích.")
    assert commitments(record) == []


def test_a_coordinated_help_shares_the_giver_of_the_clause_before_it() -> None:
    record = analyse("Hà Lan sẽ cung cấp đạn dược và hỗ trợ hậu cần cho Latvia.")
    assert predication(record, "hỗ trợ")["agent"] == ["country:NLD"]


def test_what_a_giving_verb_takes_as_object_shares_its_modality() -> None:
    record = analyse("Thụy Điển sẵn sàng cung cấp bảo đảm an ninh cho Phần Lan.")
    assert ("security_guarantee", ["country:SWE"], ["country:FIN"], "proposed") in commitments(record)


def test_discussing_a_guarantee_with_a_partner_names_no_giver() -> None:
    record = analyse("Moldova đang thảo luận với Pháp về một gói bảo đảm an ninh.")
    assert ("security_guarantee", ["country:MDA"], ["country:FRA"], "in_force") not in commitments(
        record
    )


def test_abandoning_a_deployment_withdraws_it() -> None:
    record = analyse("Bỉ đã từ bỏ việc triển khai binh sĩ tới Moldova.")
    assert ("troop_deployment", ["country:BEL"], ["country:MDA"], "withdrawn") in commitments(record)


# -- serial verbs, offers and the airlift (blind_c/blind_d development, 2026-12-03) --
def test_a_serial_verb_after_a_dispatch_shares_its_subject_and_commits_to_whom_it_helps() -> None:
    record = analyse(
        "Hải quân Nhật Bản đã điều động tàu cứu hộ từ Yokosuka tới hỗ trợ hải quân Philippines."
    )
    help_ = predication(record, "hỗ trợ")
    assert help_["agent"] == predication(record, "điều động")["agent"]
    # the Philippine navy, or the state it is named with
    assert {"country:PHL", "government_body:phl-navy"} & set(help_["patient"])
    # the helped navy is whom it helps, not naval forces given
    assert not [o for o in help_["objects"] if o["object_class"] == "troops"]
    assert ("logistics_support", ["country:JPN"], ["country:PHL"], "in_force") in commitments(record)


def test_a_destination_before_a_serial_verb_is_not_who_acts() -> None:
    record = analyse("Quân đội Pháp sẽ điều một đội không vận đến Mali hỗ trợ công tác tìm kiếm.")
    send = predication(record, "điều")
    help_ = predication(record, "hỗ trợ")
    assert send["negated"] is False  # "không vận" is an airlift, not a negation
    assert help_["agent"] == ["country:FRA"]
    assert help_["modality"] == "planned"
    assert ("logistics_support", ["country:FRA"], ["country:MLI"], "proposed") in commitments(
        record
    )


def test_what_a_search_looks_for_is_no_object_given() -> None:
    record = analyse("Hàn Quốc sẽ hỗ trợ tìm kiếm tàu ngầm mất tích cho Indonesia.")
    # the search is what is given, not a submarine
    assert [o["object_class"] for o in predication(record, "hỗ trợ")["objects"]] == ["logistics"]
    assert commitments(record) == [
        ("logistics_support", ["country:KOR"], ["country:IDN"], "proposed")
    ]


def test_the_word_dieu_as_a_noun_dispatches_nothing() -> None:
    record = analyse("Điều này khiến Nga phải điều chỉnh kế hoạch triển khai quân.")
    assert not [p for p in record["predications"] if p["lemma"] == "điều"]


def test_a_request_verb_with_the_act_right_after_it_is_an_offer() -> None:
    offered = predication(analyse("Ấn Độ đề nghị hỗ trợ quân sự cho Sri Lanka."), "hỗ trợ")
    assert offered["agent"] == ["country:IND"]
    assert offered["modality"] == "willing"
    asked = predication(analyse("Sri Lanka đề nghị Ấn Độ hỗ trợ quân sự."), "hỗ trợ")
    assert asked["agent"] == ["country:IND"]
    assert asked["modality"] == "requested"


def test_sending_an_envoy_is_no_deployment() -> None:
    record = analyse("Tổng thống Mỹ cũng cử Bộ trưởng Hải quân Mỹ John Smith sang Manila làm việc.")
    assert not [p for p in record["predications"] if p["lemma"] == "cử"]
    assert commitments(record) == []


def test_ships_sent_to_a_state_are_a_deployment_there() -> None:
    record = analyse("Hàn Quốc đã cử hai tàu chiến tới Indonesia.")
    assert predication(record, "cử")["recipient"] == ["country:IDN"]
    assert [c[:3] for c in commitments(record)] == [
        ("troop_deployment", ["country:KOR"], ["country:IDN"])
    ]


def test_help_asked_for_a_search_at_sea_is_logistics_requested_by_whom_asks() -> None:
    record = analyse("Philippines đã đề nghị Nhật Bản và Hàn Quốc hỗ trợ tìm kiếm tàu ngầm mất tích.")
    found = commitments(record)
    assert ("logistics_support", ["country:JPN", "country:KOR"], ["country:PHL"], "requested") in found


def test_an_english_not_of_another_phrase_negates_nothing() -> None:
    record = analyse(
        "Zelensky called it not fair that Washington kept pressing Kyiv to give up land. "
        "Moscow has not yet agreed to the ceasefire."
    )
    assert predication(record, "pressing")["negated"] is False
    assert predication(record, "agreed")["negated"] is True


def test_striking_a_deal_is_agreeing_not_attacking() -> None:
    record = analyse("Kyiv and Moscow could strike a deal on prisoners within weeks, officials said.")
    assert not [p for p in record["predications"] if p["event_type"] == "ASSAULT"]
    assert [p["event_type"] for p in record["predications"]] == ["AGREE"]


def test_a_weapon_made_by_another_state_is_its_makers_military_aid() -> None:
    record = analyse("Hải quân Philippines đang vận hành hai tàu khu trục do Hàn Quốc chế tạo.")
    made = predication(record, "chế tạo")
    assert made["agent"] == ["country:KOR"]
    assert [o["object_class"] for o in made["objects"]] == ["weapons"]  # not the navy
    assert commitments(record) == [("military_aid", ["country:KOR"], ["country:PHL"], "in_force")]


def test_the_state_named_with_a_made_weapon_holds_it() -> None:
    record = analyse("Chiếc tàu ngầm do Đức sản xuất gặp nạn ngoài khơi đảo Bali, Indonesia.")
    assert commitments(record) == [("military_aid", ["country:DEU"], ["country:IDN"], "in_force")]


def test_producing_with_no_maker_named_supplies_nobody() -> None:
    record = analyse("Ấn Độ sản xuất vắc xin và tên lửa cho quân đội của mình.")
    assert not [p for p in record["predications"] if p["verb_class"] == "build"]
    assert commitments(record) == []


def test_a_plan_named_with_its_author_is_proposed_by_that_author() -> None:
    record = analyse(
        "Ukraine and Russia met in Riyadh. Russia rejected Washington's 12-point peace plan "
        "on Monday. The peace framework put forward by Washington would freeze the front line."
    )
    found = commitments(record)
    assert ("peace_plan", ["country:USA"], ["country:RUS", "country:UKR"], "rejected") in [
        (t, g, sorted(b), s) for t, g, b, s in found
    ]
    assert any(t == "peace_plan" and g == ["country:USA"] and s == "proposed" for t, g, _, s in found)


def test_a_plan_named_after_its_subject_or_beside_a_speaker_has_no_author() -> None:
    record = analyse(
        "Zelensky said the peace plan was not ready. Talks on a Ukraine peace deal resumed "
        "in Geneva on Tuesday."
    )
    assert [c for c in commitments(record) if c[0] == "peace_plan"] == []


def test_who_weighs_a_plan_is_not_its_author() -> None:
    record = analyse("Ukraine and Russia met in Riyadh. Ukraine is considering the new peace plan.")
    assert predication(record, "peace plan")["agent"] == []


def test_rescue_craft_sent_to_a_state_are_logistics_support_and_forces_moved_are_not() -> None:
    sent = analyse("Malaysia đã điều động tàu cứu hộ MV Mega tới Indonesia.")
    assert commitments(sent) == [("logistics_support", ["country:MYS"], ["country:IDN"], "in_force")]
    moved = analyse("Nga đã điều động thêm quân tới Ukraine.")
    assert commitments(moved) == []


def test_sides_agreeing_a_plan_between_them_are_its_beneficiaries() -> None:
    record = analyse("Armenia and Azerbaijan agreed a peace deal on Friday.")
    assert ("peace_plan", ["country:ARM", "country:AZE"], ["country:ARM", "country:AZE"], "agreed") in [
        (t, sorted(g), sorted(b), s) for t, g, b, s in commitments(record)
    ]


# -- lists of names, promises and offers (blind batch D, 2026-12-03) ---------------
def test_a_list_of_names_closed_by_a_conjunction_is_one_subject_and_one_object() -> None:
    record = analyse("Bộ Quốc phòng cho biết Canada, Nhật Bản, Hàn Quốc và Philippines đã cam kết viện trợ.")
    assert predication(record, "cam kết")["agent"] == [
        "country:CAN", "country:JPN", "country:KOR", "country:PHL",
    ]
    record = analyse("Anh sẽ viện trợ quân sự cho Estonia, Latvia và Phần Lan.")
    assert set(predication(record, "viện trợ")["patient"]) == {"country:EST", "country:LVA", "country:FIN"}
    english = analyse("Canada, Japan and South Korea pledged to send ammunition to the Philippines.")
    assert english["events"][0]["source"] == ["country:CAN", "country:JPN", "country:KOR"]


def test_a_comma_between_a_place_and_a_new_subject_still_breaks_the_clause() -> None:
    record = analyse("Tại Estonia, Anh triển khai thêm binh sĩ.")
    assert predication(record, "triển khai")["agent"] == ["country:GBR"]
    record = analyse("Anh viện trợ quân sự cho Estonia, Latvia phản đối.")
    assert predication(record, "viện trợ")["patient"] == ["country:EST"]


def test_a_promise_of_aid_is_an_aid_event_planned_not_an_agreement() -> None:
    record = analyse("Nhật Bản và Canada đã cam kết viện trợ cho Philippines.")
    assert [(e["type"], e["status"]) for e in record["events"]] == [("AID", "planned")]
    english = analyse("Japan pledged to send weapons to the Philippines.")
    assert [(e["type"], e["status"]) for e in english["events"]] == [("AID", "planned")]


def test_an_offer_to_help_is_help_offered_and_asking_another_to_help_is_a_request() -> None:
    offered = analyse("Nhật Bản cũng đã đề nghị giúp đỡ Philippines.")
    assert [(e["type"], e["source"], e["target"], e["status"]) for e in offered["events"]] == [
        ("SUPPORT", ["country:JPN"], ["country:PHL"], "planned")
    ]
    asked = analyse("Philippines đề nghị Nhật Bản và Canada hỗ trợ.")
    assert [e["type"] for e in asked["events"]] == ["REQUEST"]
    # in the passive the subject was asked: "được X đề nghị giúp đỡ" offers nothing
    passive = analyse("Canada quay lại năm 2015 khi được chính phủ Philippines đề nghị giúp đỡ.")
    assert [e["type"] for e in passive["events"]] == ["REQUEST"]


def test_only_the_act_right_after_a_promise_is_what_it_promises() -> None:
    record = analyse("Ukraine's allies have vowed to defeat Russian forces by supplying weapons.")
    assert not [e for e in record["events"] if e["type"] == "AID" and e["source"] == ["country:RUS"]]


def test_the_alliance_in_an_object_is_the_organisation_named_last() -> None:
    english = analyse("NATO leaders met in Vilnius. Months later, Norway and Denmark joined the alliance.")
    assert commitments(english) == [
        ("membership", ["organization:nato"], ["country:NOR", "country:DNK"], "in_force")
    ]
    record = analyse("NATO họp tại Brussels. Áo đã chính thức gia nhập liên minh quân sự này.")
    assert commitments(record) == [("membership", ["organization:nato"], ["country:AUT"], "in_force")]
    # a name holding the word is that name, not a pointer back
    eu = analyse("NATO họp tại Brussels. Áo là thành viên Liên minh châu Âu.")
    assert not [c for c in commitments(eu) if c[1] == ["organization:nato"]]


def test_a_state_on_track_to_join_has_only_proposed_its_membership() -> None:
    record = analyse("NATO họp. Áo cũng đang trên đà gia nhập liên minh này.")
    assert commitments(record) == [("membership", ["organization:nato"], ["country:AUT"], "proposed")]
    english = analyse("NATO met. Austria is on track to join the alliance.")
    assert commitments(english) == [("membership", ["organization:nato"], ["country:AUT"], "proposed")]


def test_a_plan_the_talks_are_about_is_negotiated_by_the_sides_that_talk() -> None:
    held = analyse("Armenia and Azerbaijan held talks on a peace agreement in Vienna.")
    assert commitments(held) == [
        ("peace_plan", ["country:ARM", "country:AZE"], ["country:ARM", "country:AZE"], "under_negotiation")
    ]
    planned = analyse("Armenia and Azerbaijan will hold talks on a peace agreement next month.")
    assert [c[3] for c in commitments(planned)] == ["proposed"]


def test_what_a_state_receives_comes_only_from_whom_it_is_said_to_come_from() -> None:
    # "received intelligence suggesting X could …": X is what it says, not its source
    record = analyse("Canada received intelligence suggesting Russia could strike Estonia.")
    assert not commitments(record)
    given = analyse("Estonia received air defence systems from Germany.")
    assert [(c[1], c[2]) for c in commitments(given)] == [(["country:DEU"], ["country:EST"])]


# -- wrong facts seen on the 537-article database (2026-12-03) ----------------------
def test_a_states_forces_after_a_recipient_or_origin_marker_are_a_party_not_forces_sent() -> None:
    signal = analyse("Cuộc tập trận cho thấy Nhật Bản muốn gửi tín hiệu tới quân đội Nga.")
    assert not commitments(signal)
    bought = analyse("Năm 1995, Philippines đã mua lại 12 tàu từ hải quân Hàn Quốc.")
    assert not [c for c in commitments(bought) if c[0] == "troop_deployment"]
    armed = analyse("Canada cung cấp vũ khí cho quân đội Ukraine.")
    assert commitments(armed) == [("military_aid", ["country:CAN"], ["country:UKR"], "in_force")]


def test_a_defence_pact_with_one_state_on_both_sides_binds_nobody() -> None:
    drill = analyse("Bộ Quốc phòng Philippines cho biết các cuộc diễn tập nhằm củng cố thế trận phòng thủ chung.")
    assert not commitments(drill)
    treaty = analyse("Canberra giữ vững cam kết bảo vệ Papua New Guinea theo hiệp ước phòng thủ chung.")
    pacts = [c for c in commitments(treaty) if c[0] == "collective_defense"]
    assert pacts == [("collective_defense", ["country:AUS"], ["country:PNG"], "in_force")]


def test_stopping_an_act_suspends_it_and_ending_it_withdraws_it() -> None:
    assert commitments(analyse("Canada đã tạm dừng viện trợ quân sự cho Philippines.")) == [
        ("military_aid", ["country:CAN"], ["country:PHL"], "suspended")
    ]
    assert commitments(analyse("Nhật Bản tuyên bố chấm dứt cung cấp vũ khí cho Philippines.")) == [
        ("military_aid", ["country:JPN"], ["country:PHL"], "withdrawn")
    ]
    assert commitments(analyse("Ottawa suspended military aid to the Philippines.")) == [
        ("military_aid", ["country:CAN"], ["country:PHL"], "suspended")
    ]
    # ending a build-up near a border withdraws nothing promised to that state
    ended = analyse("Nga đã chấm dứt việc tăng cường lực lượng quân sự dọc biên giới Estonia.")
    assert not [c for c in commitments(ended) if c[2] == ["country:EST"]]


def test_moving_is_no_transfer_and_who_names_a_weapon_does_not_hold_it() -> None:
    assert not commitments(analyse("Binh sĩ Nga đang di chuyển lên các tàu đổ bộ để trở về căn cứ."))
    named = analyse('Hệ thống tên lửa ở Libya là "SA-2" theo cách gọi của NATO, do Nga chế tạo.')
    assert [c[2] for c in commitments(named)] in ([], [["country:LBY"]])


# -- announced lists, rescues for a state's craft, talks that seek a settlement ------
def test_a_list_an_opener_announces_needs_no_conjunction() -> None:
    record = analyse("Nhiều nước, trong đó có Nhật Bản, Canada, Úc đã điều tàu cứu hộ tới Philippines.")
    assert commitments(record) == [
        ("logistics_support", ["country:JPN", "country:CAN", "country:AUS"], ["country:PHL"], "in_force")
    ]
    english = analyse("Several states, including Japan, Canada, Australia, sent rescue vessels to the Philippines.")
    assert commitments(english) == [
        ("logistics_support", ["country:JPN", "country:CAN", "country:AUS"], ["country:PHL"], "in_force")
    ]
    # with no opener, a comma after a fronted name still breaks the clause
    fronted = analyse("Tại Nhật Bản, Canada điều tàu cứu hộ tới Philippines.")
    assert predication(fronted, "điều")["agent"] == ["country:CAN"]


def test_rescue_craft_sent_for_a_states_missing_craft_help_that_state() -> None:
    record = analyse("Nhật Bản và Canada đã điều các tàu cứu hộ để tìm kiếm tàu ngầm Philippines.")
    assert commitments(record) == [
        ("logistics_support", ["country:JPN", "country:CAN"], ["country:PHL"], "in_force")
    ]
    # rescue craft sent to a sea area alone help nobody named
    nowhere = analyse("Nhật Bản đã điều các tàu cứu hộ tới vùng biển phía nam.")
    assert commitments(nowhere) == []
    aircraft = analyse("Canada và Úc đã điều động tàu và máy bay cứu hộ tới Philippines.")
    assert [c[0] for c in commitments(aircraft)] == ["logistics_support"]


def test_talks_named_for_a_settlement_negotiate_it_and_a_mediator_offers_it() -> None:
    talks = analyse("Armenia and Azerbaijan resumed peace talks in Vienna on Monday.")
    assert commitments(talks) == [
        ("peace_plan", ["country:ARM", "country:AZE"], ["country:ARM", "country:AZE"], "under_negotiation")
    ]
    aimed = analyse("Negotiations between Sudan and Chad aimed at ending the war stalled in May.")
    assert [(c[0], sorted(c[2]), c[3]) for c in commitments(aimed)] == [
        ("peace_plan", ["country:SDN", "country:TCD"], "under_negotiation")
    ]
    mediated = analyse("Qatar-mediated peace talks between Sudan and Chad resumed on Monday.")
    [(kind, givers, takers, status)] = commitments(mediated)
    assert (kind, status) == ("peace_plan", "under_negotiation")
    assert "country:QAT" in givers and "country:QAT" not in takers
    vietnamese = analyse("Qatar làm trung gian cho cuộc hòa đàm giữa Sudan và Chad.")
    [(kind, givers, takers, status)] = commitments(vietnamese)
    assert kind == "peace_plan" and "country:QAT" in givers and sorted(takers) == ["country:SDN", "country:TCD"]
    # talks held by one side's envoys alone negotiate nothing between sides
    alone = analyse("Two US envoys, Jack Smith and Ann Lee, led the peace talks in Geneva.")
    assert [c for c in commitments(alone) if c[0] == "peace_plan"] == []
    # trade talks settle no war
    trade = analyse("Japan and Canada resumed trade talks on Monday.")
    assert commitments(trade) == []


# -- compounds that hold a passive marker, what is received, forces stationed --------
def test_a_passive_marker_inside_a_compound_or_after_a_verb_is_no_passive() -> None:
    prepared = analyse("Chính phủ Canada đang chuẩn bị viện trợ quân sự cho Philippines.")
    give = predication(prepared, "viện trợ")
    assert give["passive"] is None
    assert give["agent"] == ["country:CAN"]
    received = analyse("Philippines đã nhận được tên lửa Harpoon từ Canada.")
    assert predication(received, "nhận được")["passive"] is None
    # a real passive still reads as one
    attacked = analyse("Căn cứ của Philippines bị tấn công.")
    assert predication(attacked, "tấn công")["passive"] == "bị"


def test_help_named_right_after_a_receiving_verb_is_what_is_received() -> None:
    record = analyse("Philippines đã nhận được hỗ trợ quân sự từ Canada.")
    assert commitments(record) == [("military_aid", ["country:CAN"], ["country:PHL"], "in_force")]
    assert predication(record, "hỗ trợ")["nominal"] is True
    english = analyse("The Philippines received military assistance from Canada.")
    assert commitments(english) == [("military_aid", ["country:CAN"], ["country:PHL"], "in_force")]


def test_forces_named_before_a_stationing_verb_are_what_is_stationed() -> None:
    record = analyse("Canada hiện có khoảng 800 binh sĩ đồn trú tại Latvia.")
    assert commitments(record) == [("troop_deployment", ["country:CAN"], ["country:LVA"], "in_force")]
    english = analyse("About 800 Canadian troops are stationed in Latvia.")
    assert commitments(english) == [("troop_deployment", ["country:CAN"], ["country:LVA"], "in_force")]
    # a state's forces on its own soil are committed to nobody
    home = analyse("Quân đội Canada đóng quân ở Ottawa.")
    assert commitments(home) == []


def test_a_proposal_going_on_is_proposed_not_in_force() -> None:
    record = analyse("The Turks are proposing that the parties end the war by the autumn.")
    assert [(c[0], c[3]) for c in commitments(record)] == [("peace_plan", "proposed")]


def test_a_search_of_ones_own_is_a_mobilisation_and_craft_sent_from_abroad_are_aid() -> None:
    own = analyse("Hải quân Philippines đã triển khai nhiều tàu tìm kiếm tới khu vực.")
    assert [(e["type"], e["source"][-1]) for e in own["events"]] == [("MOBILIZE", "country:PHL")]
    sent = analyse("Nhật Bản đã điều động tàu cứu hộ tới Philippines.")
    assert [(e["type"], e["target"]) for e in sent["events"]] == [("AID", ["country:PHL"])]
    # an article about the Philippines' search: a foreign navy's rescue craft help it
    story = analyse(
        "Philippines mất liên lạc với một tàu tuần tra. Hải quân Philippines tìm kiếm con tàu. "
        "Philippines cho biết Nhật Bản cũng đã triển khai tàu cứu hộ tới khu vực."
    )
    assert ("AID", ["country:JPN"]) in [(e["type"], e["source"]) for e in story["events"]]


def test_back_after_a_verb_of_motion_or_reply_backs_nobody() -> None:
    for sentence in (
        "Ottawa fired back on Friday.",
        "When Smith came back from Warsaw, he briefed the cabinet.",
        "Canada went back to the table.",
    ):
        assert [e for e in analyse(sentence)["events"] if e["type"] == "SUPPORT"] == [], sentence
    backed = analyse("Canada backed the Polish proposal.")
    assert [(e["type"], e["source"]) for e in backed["events"]] == [("SUPPORT", ["country:CAN"])]


def test_of_after_an_english_act_names_what_is_acted_on_and_by_names_who_acts() -> None:
    invaded = analyse("The invasion of Moldova began in March 2031, officials said.")
    assert predication(invaded, "invasion")["patient"] == ["country:MDA"]
    assert not predication(invaded, "invasion")["agent"]
    attacked = analyse("It was the worst attack by Belarus in years.")
    assert [(e["type"], e["source"]) for e in attacked["events"]] == [("ASSAULT", ["country:BLR"])]


def test_joining_a_security_body_is_membership_and_joining_any_other_is_not() -> None:
    alliance = analyse("Úc tích cực tham gia vào Bộ Tứ, một nhóm không chính thức với Mỹ.")
    assert commitments(alliance) == [("membership", ["organization:quad"], ["country:AUS"], "in_force")]
    health = analyse("Canada gia nhập trở lại Tổ chức Y tế Thế giới (WHO).")
    assert commitments(health) == []
    talks = analyse("Chile's foreign minister is expected to join the discussions at the UN in Geneva.")
    assert commitments(talks) == []
    # taking part in an exercise is the exercise, with who takes part as its agent
    drill = analyse("Na Uy tham gia cuộc tập trận của NATO.")
    assert commitments(drill) == []
    assert [e["source"] for e in drill["events"]] == [["country:NOR"]]


def test_a_complementiser_opens_a_clause_with_its_own_subject() -> None:
    record = analyse("Đại sứ bác bỏ cáo buộc từ phía Gruzia rằng Iran đang điều động lực lượng tới Armenia.")
    assert predication(record, "điều động")["agent"] == ["country:IRN"]
    english = analyse("The envoy dismissed claims from Georgia that Iran is sending troops to Armenia.")
    assert predication(english, "sending")["agent"] == ["country:IRN"]


def test_exporting_arms_sells_them_to_every_state_of_the_list_after_the_marker() -> None:
    record = analyse("Pháp đã xuất khẩu tàu ngầm Scorpène cho Chile, Malaysia và Brazil.")
    assert commitments(record) == [
        ("military_aid", ["country:FRA"], ["country:CHL", "country:MYS", "country:BRA"], "in_force")
    ]
    english = analyse("France exported Scorpène submarines to Chile and Brazil.")
    assert commitments(english) == [("military_aid", ["country:FRA"], ["country:CHL", "country:BRA"], "in_force")]
    # exporting rice sells no arms
    assert commitments(analyse("Thái Lan xuất khẩu gạo sang Philippines.")) == []


# -- wrong facts the web audit found on the 537-article database (2026-12-03) -------
def test_in_the_air_is_no_negation() -> None:
    record = analyse("Canada đang điều máy bay hoạt động trên không tới hỗ trợ tìm kiếm tàu ngầm Chile.")
    assert [c[3] for c in commitments(record)] == ["in_force"]


def test_a_threatened_withdrawal_is_only_proposed() -> None:
    record = analyse("Ông Smith nhiều lần đe dọa sẽ rút Canada khỏi NATO.")
    assert [(c[0], c[3]) for c in commitments(record)] == [("membership", "proposed")]


def test_forces_massed_near_a_border_are_committed_to_nobody() -> None:
    record = analyse("Belarus đã triển khai hơn 20.000 binh sĩ ở Grodno và gần biên giới Ba Lan.")
    assert commitments(record) == []
    english = analyse("Belarus has massed 20,000 troops near the border with Poland.")
    assert commitments(english) == []
    hosted = analyse("Canada đã triển khai thêm 2.000 binh sĩ tới Latvia.")
    assert commitments(hosted) == [("troop_deployment", ["country:CAN"], ["country:LVA"], "in_force")]


def test_a_full_stop_inside_a_figure_ends_no_clause() -> None:
    record = analyse("Canada đã triển khai 12.000 binh sĩ tới Latvia.")
    deploy = predication(record, "triển khai")
    assert deploy["clause"]["end"] > record["document"]["text"].index("Latvia")


def test_a_month_a_plan_names_is_the_coming_one() -> None:
    record = analyse("Canada được cho là có kế hoạch điều hai tàu chiến đến Biển Đen vào tháng 5.", published="2021-04-20")
    assert [t["value"] for t in record["times"]] == ["2021-05"]


def test_a_status_cue_is_always_words_of_the_article() -> None:
    text = "Canada đang cân nhắc cung cấp thêm tên lửa cho Latvia. Canada sẵn sàng viện trợ quân sự cho Estonia."
    record = analyse(text)
    assert record["commitments"]
    for c in record["commitments"]:
        assert c["status_cue"] is None or c["status_cue"] in text
