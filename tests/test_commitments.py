"""The commitments stage on documents we build by hand, with actors at known offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.document import Actor, Document, Mention, Quote, TimeExpr
from pactwatch.errors import KnowledgeBaseError
from pactwatch.extract.commitment_lexicon import load_lexicon, parse_lexicon
from pactwatch.extract.commitments import extract_commitments
from pactwatch.ingest.build import document_from_parts
from pactwatch.segment import segment

# name in the text -> (actor id, kind, country)
ACTORS = {
    "Mỹ": ("country:USA", "country", "USA"),
    "Washington": ("country:USA", "country", "USA"),
    "Ukraine": ("country:UKR", "country", "UKR"),
    "Kiev": ("country:UKR", "country", "UKR"),
    "Nga": ("country:RUS", "country", "RUS"),
    "Anh": ("country:GBR", "country", "GBR"),
    "Pháp": ("country:FRA", "country", "FRA"),
    "Belarus": ("country:BLR", "country", "BLR"),
    "Phần Lan": ("country:FIN", "country", "FIN"),
    "Canada": ("country:CAN", "country", "CAN"),
    "Nhật Bản": ("country:JPN", "country", "JPN"),
    "Đức": ("country:DEU", "country", "DEU"),
    "Ba Lan": ("country:POL", "country", "POL"),
    "Hàn Quốc": ("country:KOR", "country", "KOR"),
    "Moldova": ("country:MDA", "country", "MDA"),
    "Moskva": ("country:RUS", "country", "RUS"),
    "EU": ("organization:eu", "organization", None),
    "NATO": ("organization:nato", "organization", None),
    "SCO": ("organization:sco", "organization", None),
    "liên minh tự nguyện": ("group:coalition-of-the-willing", "group", None),
    "ông Zelensky": ("person:volodymyr-zelensky", "person", "UKR"),
    "Reuters": ("outlet:reuters", "outlet", None),
    "tờ Kyiv Post": ("outlet:kyiv-post", "outlet", None),
}


def build(*paragraphs: str, title: str | None = None, quotes: bool = False) -> Document:
    parts = ([("title", title)] if title else []) + [("body", p) for p in paragraphs]
    doc = segment(document_from_parts(parts, source_path="hand.txt", title=title))
    actors: dict[str, Actor] = {}
    taken: list[tuple[int, int]] = []
    for name in sorted(ACTORS, key=len, reverse=True):
        actor_id, kind, country = ACTORS[name]
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", doc.text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            actor = actors.setdefault(actor_id, Actor(actor_id, name, name, kind, country=country))
            actor.mentions.append(Mention(m.start(), m.end(), m.group(0)))
    doc.actors = list(actors.values())
    for m in re.finditer(r"ngày (\d+)/(\d+)/(\d{4})", doc.text, re.IGNORECASE):
        day, month, year = m.groups()
        value = f"{year}-{int(month):02d}-{int(day):02d}"
        doc.times.append(TimeExpr(m.start(), m.end(), m.group(0), value, "day", "absolute"))
    if quotes:
        for m in re.finditer(r"“[^”]+”", doc.text):
            doc.quotes.append(
                Quote(
                    "q1",
                    "person:volodymyr-zelensky",
                    True,
                    m.start(),
                    m.end(),
                    m.group(0),
                    reported_via=["outlet:reuters"],
                )
            )
    return extract_commitments(doc)


def only(doc: Document, ctype: str):
    found = [c for c in doc.commitments if c.type == ctype]
    assert len(found) == 1, [(c.type, c.guarantors, c.beneficiaries) for c in doc.commitments]
    return found[0]


def test_agreed_support_with_giver_and_receiver():
    doc = build("Mỹ đã đồng ý cung cấp thông tin tình báo cho Ukraine.")
    c = only(doc, "intelligence_support")
    assert (c.guarantors, c.beneficiaries, c.status) == (["country:USA"], ["country:UKR"], "agreed")
    assert doc.text[c.evidence.start : c.evidence.end].startswith("Mỹ đã đồng ý")
    assert c.status_cue == "đồng ý"


def test_informal_agreement_is_a_status_not_noise():
    doc = build("Theo Reuters, Mỹ đã đồng ý không chính thức hỗ trợ hậu cần cho Ukraine.")
    c = only(doc, "logistics_support")
    assert c.status == "agreed" and c.informal
    assert c.reported_via == ["outlet:reuters"]


def test_not_yet_committed_is_requested():
    doc = build(
        "Ukraine kêu gọi Mỹ đưa ra bảo đảm an ninh, nhưng Washington vẫn chưa chính "
        "thức đưa ra cam kết nào."
    )
    c = only(doc, "security_guarantee")
    assert c.status == "requested"
    assert c.guarantors == ["country:USA"] and c.beneficiaries == ["country:UKR"]


def test_conditions_and_date_are_kept():
    doc = build(
        "Ngày 14/12/2025, Mỹ tuyên bố sẵn sàng cung cấp cho Ukraine bảo đảm an ninh "
        "kiểu NATO, với điều kiện Kiev chấp nhận nhượng bộ lãnh thổ."
    )
    c = only(doc, "security_guarantee")
    assert c.status == "proposed" and c.date == "2025-12-14"
    assert c.conditions == ["với điều kiện Kiev chấp nhận nhượng bộ lãnh thổ"]
    assert not [x for x in doc.commitments if x.type == "territorial_arrangement"]


def test_rejection_of_troops():
    doc = build("Belarus không có kế hoạch gửi quân tới Ukraine.")
    c = only(doc, "troop_deployment")
    assert (c.guarantors, c.beneficiaries, c.status) == (
        ["country:BLR"],
        ["country:UKR"],
        "rejected",
    )


def test_joined_guarantors():
    doc = build("Anh và Pháp đề xuất triển khai lực lượng gìn giữ hòa bình tới Ukraine.")
    c = only(doc, "troop_deployment")
    assert c.guarantors == ["country:GBR", "country:FRA"]


def test_membership_parties_and_status():
    doc = build("Phần Lan đã chính thức gia nhập NATO.")
    c = only(doc, "membership")
    assert (c.guarantors, c.beneficiaries, c.status) == (
        ["organization:nato"],
        ["country:FIN"],
        "in_force",
    )


def test_membership_of_this_country_points_back():
    doc = build(
        "Belarus là đồng minh thân cận của Nga. Nước này đang trên đà trở thành thành viên của SCO."
    )
    c = only(doc, "membership")
    assert (c.guarantors, c.beneficiaries, c.status) == (
        ["organization:sco"],
        ["country:BLR"],
        "under_negotiation",
    )


def test_collective_defence_article_5():
    doc = build("Mỹ nhắc lại cam kết đối với Điều 5 về phòng thủ chung của liên minh.")
    c = only(doc, "collective_defense")
    assert c.guarantors == ["country:USA", "organization:nato"]
    assert c.beneficiaries == ["organization:nato"] and c.status == "in_force"


def test_first_person_beneficiary_is_the_speakers_country():
    doc = build(
        "“Các bảo đảm an ninh từ phía Canada và Nhật Bản dành cho chúng tôi rất quan "
        "trọng”, ông Zelensky nói.",
        quotes=True,
    )
    c = only(doc, "security_guarantee")
    assert c.guarantors == ["country:CAN", "country:JPN"]
    assert c.beneficiaries == ["country:UKR"]
    assert c.reported_via == ["outlet:reuters"]


def test_withdrawal_is_kept_apart_from_the_proposal():
    doc = build(
        "Anh và Pháp có kế hoạch gửi quân tới Ukraine.",
        "Tuy nhiên, Anh đã từ bỏ kế hoạch gửi quân tới Ukraine.",
    )
    statuses = sorted(c.status for c in doc.commitments if c.type == "troop_deployment")
    assert statuses == ["proposed", "withdrawn"]


def test_same_commitment_in_two_sentences_is_merged():
    doc = build(
        "Mỹ đề xuất viện trợ quân sự cho Ukraine.",
        "Sau đó Mỹ đã đồng ý viện trợ quân sự cho Ukraine.",
    )
    c = only(doc, "military_aid")
    assert c.status == "agreed" and len(c.evidence_all) == 2


def test_topic_words_without_status_are_not_commitments():
    doc = build("Bài viết phân tích gói viện trợ của Mỹ cho Ukraine.")
    assert doc.commitments == []


def test_no_actors_no_commitments():
    doc = segment(document_from_parts([("body", "Mỹ đồng ý hỗ trợ quân sự cho Ukraine.")]))
    assert extract_commitments(doc).commitments == []


def test_record_round_trip_keeps_added_fields():
    doc = build("Mỹ đã đồng ý không chính thức hỗ trợ hậu cần cho Ukraine.")
    again = Document.from_dict(doc.as_dict())
    assert again.commitments == doc.commitments


def test_lexicon_loads_and_rejects_unknown_types():
    assert load_lexicon().types
    with pytest.raises(KnowledgeBaseError, match="unknown commitment type"):
        parse_lexicon({"types": {"alliance": ["x"]}}, "lexicon.yaml")
    with pytest.raises(KnowledgeBaseError, match="bad pattern"):
        parse_lexicon({"types": {"peace_plan": ["("]}}, "lexicon.yaml")


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="Mỹ Ukraine đồng ý gửi quân bảo đảm an ninh cho, .“”", max_size=120))
def test_any_text_gives_valid_spans(text):
    doc = build(text or ".")
    for c in doc.commitments:
        assert 0 <= c.evidence.start <= c.evidence.end <= len(doc.text)
        assert c.guarantors and c.beneficiaries


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Đức sẽ cung cấp cho Ukraine thêm hệ thống phòng không.",
            ("air_defense", ["country:DEU"], ["country:UKR"], "proposed"),
        ),
        (
            "Ba Lan sẽ không gửi binh sĩ sang Ukraine.",
            ("troop_deployment", ["country:POL"], ["country:UKR"], "rejected"),
        ),
        (
            "Mỹ đình chỉ viện trợ quân sự cho Ukraine.",
            ("military_aid", ["country:USA"], ["country:UKR"], "suspended"),
        ),
        (
            "NATO sẽ không kết nạp Ukraine.",
            ("membership", ["organization:nato"], ["country:UKR"], "rejected"),
        ),
        (
            "Nga đã chuyển giao vũ khí hạt nhân cho Belarus.",
            ("nuclear_deployment", ["country:RUS"], ["country:BLR"], "in_force"),
        ),
        (
            "Nga bác bỏ kế hoạch hòa bình 28 điểm do Mỹ đề xuất.",
            ("peace_plan", ["country:USA"], None, "rejected"),
        ),
    ],
)
def test_common_sentence_shapes(sentence, expected):
    ctype, guarantors, beneficiaries, status = expected
    c = only(build(sentence), ctype)
    assert c.guarantors == guarantors and c.status == status
    if beneficiaries is not None:
        assert c.beneficiaries == beneficiaries


def test_threat_from_is_not_a_giver():
    doc = build("Mỹ và Nhật Bản nhất trí tăng cường phòng thủ chung trước mối đe dọa từ Nga.")
    c = only(doc, "collective_defense")
    assert c.guarantors == ["country:USA", "country:JPN"] and c.status == "agreed"


def test_troop_build_up_near_a_border_is_not_a_commitment():
    doc = build("Nga đã triển khai lực lượng gần biên giới Ukraine.")
    assert [c for c in doc.commitments if c.type == "troop_deployment"] == []


def test_request_for_a_defence_commitment_names_the_requester_as_beneficiary():
    c = only(
        build("Hàn Quốc yêu cầu Mỹ tái khẳng định cam kết phòng thủ chung."), "collective_defense"
    )
    assert (c.guarantors, c.beneficiaries) == (["country:USA"], ["country:KOR"])


def test_accession_talks_list_every_candidate():
    c = only(build("EU đồng ý mở đàm phán gia nhập với Ukraine và Moldova."), "membership")
    assert c.guarantors == ["organization:eu"]
    assert c.beneficiaries == ["country:UKR", "country:MDA"] and c.status == "agreed"


def test_if_clause_is_a_condition_and_give_up_is_not_from():
    doc = build(
        "Moskva tuyên bố sẵn sàng cung cấp bảo đảm an ninh cho Ukraine nếu Kiev từ bỏ "
        "tham vọng gia nhập NATO."
    )
    c = only(doc, "security_guarantee")
    assert (c.guarantors, c.beneficiaries, c.status) == (
        ["country:RUS"],
        ["country:UKR"],
        "proposed",
    )
    assert c.conditions == ["nếu Kiev từ bỏ tham vọng gia nhập NATO"]
    assert not [x for x in doc.commitments if x.type == "membership"]


# -- generalising cues (sentences written for these tests) ---------------------
def test_passive_article_5_protects_the_subject():
    doc = build("Từ nay, Phần Lan được bảo vệ bởi Điều 5 và cam kết bảo vệ các đồng minh.")
    found = {
        (c.type, tuple(c.guarantors), tuple(c.beneficiaries), c.status) for c in doc.commitments
    }
    assert ("collective_defense", ("organization:nato",), ("country:FIN",), "in_force") in found
    mutual = [c for c in doc.commitments if "country:FIN" in c.guarantors]
    assert mutual and mutual[0].type == "collective_defense" and mutual[0].status == "in_force"


def test_mutual_assistance_clause_binds_both_parties():
    doc = build(
        "Nga và Belarus ký hiệp ước mới.",
        "Văn kiện quy định hai bên hỗ trợ quân sự cho nhau nếu một bên bị tấn công.",
    )
    c = only(doc, "collective_defense")
    assert set(c.guarantors) == set(c.beneficiaries) == {"country:RUS", "country:BLR"}


def test_security_treaty_between_two_states_names_both():
    c = only(
        build("Mỹ khẳng định hiệp ước an ninh giữa Mỹ và Nhật Bản vẫn có hiệu lực."),
        "collective_defense",
    )
    assert "country:USA" in c.guarantors and "country:JPN" in c.beneficiaries


def test_reaffirmed_pledge_to_defend_is_a_guarantee_in_force():
    c = only(build("Washington tái khẳng định cam kết bảo vệ Nhật Bản."), "security_guarantee")
    assert (c.guarantors, c.beneficiaries, c.status) == (
        ["country:USA"],
        ["country:JPN"],
        "in_force",
    )


def test_status_cue_of_another_clause_keeps_the_agent():
    c = only(build("Theo tuyên bố chung, Mỹ sẽ bán cho Ba Lan 100 xe tăng."), "military_aid")
    assert (c.guarantors, c.beneficiaries, c.status) == (["country:USA"], ["country:POL"], "agreed")


def test_forces_of_one_state_stationed_in_another():
    c = only(
        build("Hai nước nhất trí tăng quân số của lực lượng Mỹ tại Hàn Quốc."), "troop_deployment"
    )
    assert (c.guarantors, c.beneficiaries, c.status) == (["country:USA"], ["country:KOR"], "agreed")


def test_forces_named_without_an_owner_are_no_commitment():
    doc = build("Mỹ đã đồng ý hỗ trợ quân đội châu Âu tại Ukraine.")
    assert not [c for c in doc.commitments if c.type == "troop_deployment"]


def test_invitation_to_join_is_a_proposed_membership():
    c = only(build("NATO sẽ mời Moldova gia nhập khi các điều kiện được đáp ứng."), "membership")
    assert (c.guarantors, c.beneficiaries, c.status) == (
        ["organization:nato"],
        ["country:MDA"],
        "proposed",
    )


def test_urging_an_approval_is_a_request():
    c = only(
        build("Ông Zelensky hối thúc NATO nhanh chóng phê duyệt kết nạp Ukraine."), "membership"
    )
    assert c.status == "requested"


def test_warships_sent_in_support_of_a_state():
    c = only(
        build("Anh có kế hoạch điều hai tàu chiến đến Biển Đen để hỗ trợ Ukraine."),
        "troop_deployment",
    )
    assert (c.guarantors, c.beneficiaries, c.status) == (
        ["country:GBR"],
        ["country:UKR"],
        "proposed",
    )


def test_helping_each_other_in_daily_life_is_no_pact():
    assert not build("Người dân Nga và Belarus giúp đỡ nhau trong mùa dịch.").commitments


# -- the words a cue pattern requires (the prefilter of the cue scan) ------------------
@settings(max_examples=40, deadline=None)
@given(st.data())
def test_every_match_of_a_cue_pattern_holds_one_of_its_required_words(data: st.DataObject) -> None:
    from pactwatch.extract.commitment_lexicon import required_words

    lexicon = load_lexicon()
    index = data.draw(st.integers(0, len(lexicon.lower_types) - 1))
    pattern = lexicon.lower_types[index]
    words = required_words(pattern)
    if words is None:
        return
    match = data.draw(st.from_regex(pattern, fullmatch=True))
    assert any(w in match for w in words), (pattern.pattern, match, words)


def test_required_words_of_alternations_and_options() -> None:
    import re

    from pactwatch.extract.commitment_lexicon import required_words

    assert required_words(re.compile("bảo vệ (?:an ninh )?cho")) == {"bảo vệ "}
    assert required_words(re.compile("(?:gửi|đưa|điều) quân")) == {" quân"}
    assert required_words(re.compile("(?:viện trợ|hỗ trợ) quân sự")) == {" quân sự"}
    assert required_words(re.compile("a|b")) is None
