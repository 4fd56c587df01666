"""Quotes: direct, indirect, block quotes, carried speakers, attribution chains.

Every sentence here is written for the test (see fixtures/extract/docs.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures.extract.docs import make_doc
from pactwatch.document import Document
from pactwatch.extract.lexicon import reporting_lexicon
from pactwatch.extract.quotes import extract_quotes


def quotes_of(*parts: tuple[str, str] | str, **meta: Any) -> Document:
    return extract_quotes(make_doc(*parts, **meta))


def only(doc: Document, snippet: str):
    found = [q for q in doc.quotes if snippet in q.text]
    assert len(found) == 1, [q.text for q in doc.quotes]
    return found[0]


@pytest.mark.parametrize(
    ("text", "snippet", "speaker"),
    [
        # frame after the quote, role reference as the speaker
        (
            '"Chúng tôi sẽ tiếp tục hỗ trợ Ukraine trong mùa đông này", Thủ tướng Anh cho biết.',
            "tiếp tục hỗ trợ Ukraine",
            "person:keir-starmer",
        ),
        # dash frame; the addressee after "nói với" is not the speaker
        (
            "“Chúng ta cần một thỏa thuận công bằng cho cả hai bên” - ông Trump nói với ông Putin.",
            "thỏa thuận công bằng",
            "person:donald-trump",
        ),
        # frame before the quote, with a colon
        (
            "Ông Putin nói: “Nga không có ý định tấn công bất kỳ nước nào trong khu vực.”",
            "không có ý định tấn công",
            "person:vladimir-putin",
        ),
        # guillemets
        (
            "Ông Zelensky tuyên bố: «Chúng tôi sẽ không nhượng bộ bất kỳ vùng lãnh thổ nào».",
            "không nhượng bộ",
            "person:volodymyr-zelensky",
        ),
        # person preferred over the body named before them
        (
            "Người phát ngôn Điện Kremlin Peskov cho biết: “Moskva sẵn sàng đối thoại với phương Tây.”",
            "sẵn sàng đối thoại",
            "person:dmitry-peskov",
        ),
    ],
)
def test_direct_quote_speaker(text: str, snippet: str, speaker: str) -> None:
    q = only(quotes_of(text), snippet)
    assert q.direct
    assert q.speaker == speaker
    assert q.speaker_text is not None and q.speaker_span is not None


def test_multi_paragraph_quote_takes_speaker_from_its_end() -> None:
    doc = quotes_of(
        '"Chúng tôi đã chờ đợi quá lâu. Người dân cần được bảo vệ.',
        'Vì vậy chúng tôi đề nghị các đối tác hành động ngay", ông Zelensky cho hay.',
    )
    q = only(doc, "chờ đợi quá lâu")
    assert "hành động ngay" in q.text
    assert q.speaker == "person:volodymyr-zelensky"
    assert doc.text[q.start : q.end] == q.text


def test_standalone_quote_paragraph_carries_previous_speaker() -> None:
    doc = quotes_of(
        "Ông Putin nói: “Hai nước sẽ tiếp tục tăng cường hợp tác quốc phòng.”",
        "“Đây là điều rất cần thiết trong bối cảnh quốc tế hiện nay.”",
    )
    q = only(doc, "rất cần thiết")
    assert q.speaker == "person:vladimir-putin"


def test_block_quote_with_dash_attribution() -> None:
    doc = quotes_of(
        ("body", "Giới chuyên gia lo ngại về tương lai của liên minh."),
        (
            "blockquote",
            '"Liên minh đang bước vào giai đoạn khó khăn nhất từ trước tới nay",\n'
            "— Stoltenberg, cựu Tổng thư ký NATO.",
        ),
    )
    q = only(doc, "giai đoạn khó khăn")
    assert q.direct and q.speaker == "person:jens-stoltenberg"


def test_scare_quotes_and_names_are_not_quotes() -> None:
    doc = quotes_of(
        "Các nước thuộc 'liên minh tự nguyện' họp tại Hà Nội về “kế hoạch hòa bình” mới."
    )
    assert doc.quotes == []


def test_short_quote_in_a_speech_frame_is_kept() -> None:
    doc = quotes_of("Ông Trump gọi đề xuất này là “vô lý”.")
    assert [q.speaker for q in doc.quotes] == ["person:donald-trump"]


@pytest.mark.parametrize("verb", ["cho biết", "khẳng định", "nhấn mạnh", "cảnh báo", "cho rằng"])
def test_indirect_speech(verb: str) -> None:
    doc = quotes_of(f"Ông Stoltenberg {verb} NATO cần tăng chi tiêu quốc phòng trong năm tới.")
    q = only(doc, "tăng chi tiêu quốc phòng")
    assert not q.direct and q.speaker == "person:jens-stoltenberg" and q.verb == verb
    assert q.text.startswith("NATO cần")


def test_indirect_speech_skips_complementiser_and_addressee() -> None:
    doc = quotes_of("Ông Trump nói với ông Zelensky rằng Mỹ sẽ xem xét lại gói viện trợ.")
    q = only(doc, "xem xét lại")
    assert q.speaker == "person:donald-trump"
    assert q.text.startswith("Mỹ sẽ")


def test_appositive_after_the_speaker_name() -> None:
    doc = quotes_of(
        "Trong cuộc phỏng vấn với TASS, ông Peskov, người phát ngôn Điện Kremlin, "
        "cảnh báo rằng Nga sẽ đáp trả mọi hành động khiêu khích."
    )
    q = only(doc, "đáp trả")
    assert q.speaker == "person:dmitry-peskov"
    assert q.reported_via == ["outlet:tass"]


def test_unnamed_officials_speak_for_their_state() -> None:
    doc = quotes_of("Các quan chức Mỹ cho biết cuộc đàm phán đã đạt tiến triển đáng kể.")
    q = only(doc, "tiến triển đáng kể")
    assert q.speaker == "country:USA"
    assert q.speaker_text == "Các quan chức Mỹ"
    assert not any(a.kind == "group" for a in doc.actors)


def test_officials_named_after_their_state_in_english() -> None:
    from pactwatch import analyze_text

    record = analyze_text(
        "Talks resumed in Geneva on Tuesday. Ukrainian officials said the talks had made "
        "progress on an exchange of prisoners, and the negotiators would meet again soon.",
        published="2026-02-17",
    )
    said = [q for q in record["quotes"] if "made progress" in q["text"]]
    assert [q["speaker"] for q in said] == ["country:UKR"]


def test_anonymous_experts_and_observers_are_no_actor() -> None:
    doc = quotes_of(
        "Giới quan sát nhận định căng thẳng sẽ còn kéo dài trong nhiều tháng.",
        "Các chuyên gia Nga cho rằng lệnh trừng phạt sẽ khó có hiệu quả.",
    )
    observed = only(doc, "căng thẳng")
    assert observed.speaker is None
    assert observed.speaker_text == "Giới quan sát"
    assert only(doc, "lệnh trừng phạt").speaker is None


def test_attribution_chain_nearest_first() -> None:
    doc = quotes_of(
        "Theo hãng tin AP, Mỹ đã đồng ý chia sẻ thông tin tình báo với châu Âu.",
        "Thông tin trên được hãng tin này trích dẫn từ tờ The Guardian. Theo đó, "
        "các quan chức Anh tiết lộ rằng kế hoạch đã được thảo luận từ nhiều tuần trước.",
    )
    q = only(doc, "kế hoạch đã được thảo luận")
    assert q.speaker == "country:GBR"
    assert q.reported_via == ["outlet:the-guardian", "outlet:ap"]


def test_theo_outlet_opening_a_paragraph_applies_to_it() -> None:
    doc = quotes_of(
        "Theo Bloomberg, cuộc gọi kéo dài hơn mười phút. Ông Trump cho biết "
        "hai bên đã thảo luận nhiều vấn đề quan trọng."
    )
    assert only(doc, "nhiều vấn đề").reported_via == ["outlet:bloomberg"]


def test_article_credits_apply_when_nothing_nearer() -> None:
    doc = quotes_of(
        "Ông Putin khẳng định Nga sẵn sàng đàm phán với Ukraine.",
        credited_sources=["Reuters"],
    )
    assert only(doc, "sẵn sàng đàm phán").reported_via == ["outlet:reuters"]


def test_quotes_never_come_from_captions() -> None:
    doc = quotes_of(
        ("caption", "Ông Putin nói: “Đây là một ngày lịch sử của hai nước chúng ta.” Ảnh: TASS"),
        "Hai bên đã ký nhiều văn kiện hợp tác.",
    )
    assert doc.quotes == []


def test_fragment_inside_indirect_speech_belongs_to_it() -> None:
    doc = quotes_of("Ông Stoltenberg mô tả cam kết đó là “những lời nói suông” của Moskva.")
    assert len(doc.quotes) == 1
    assert not doc.quotes[0].direct and "lời nói suông" in doc.quotes[0].text


def test_ids_are_sequential_in_text_order() -> None:
    doc = quotes_of(
        "Ông Putin cho biết Nga sẽ tăng cường phòng thủ ở biên giới phía tây.",
        "Ông Zelensky khẳng định Ukraine cần thêm hệ thống phòng không.",
    )
    assert [q.id for q in doc.quotes] == ["q1", "q2"]
    assert doc.quotes[0].start < doc.quotes[1].start


def test_reporting_verbs_lexicon_is_sourced_and_glossed() -> None:
    lex = reporting_lexicon()
    assert len(lex.verbs.terms) >= 20
    assert all(t.data.get("en") for t in lex.verbs.terms)


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab Ông Putin nói: “”\"'‘’«»,.—-\nMỹ cho biết")), max_size=200
    )
)
def test_spans_slice_the_text_on_arbitrary_input(text: str) -> None:
    doc = quotes_of(text) if text.strip() else quotes_of("x")
    for q in doc.quotes:
        assert doc.text[q.start : q.end] == q.text
        assert q.start < q.end
        if q.speaker_span is not None:
            assert doc.text[q.speaker_span.start : q.speaker_span.end] == q.speaker_text


def test_title_with_country_refers_to_the_person_introduced_with_it() -> None:
    doc = quotes_of(
        "Ngoại trưởng Pháp ông Jean Martin đến Hà Nội hôm qua.",
        '"Chúng tôi ủng hộ một giải pháp hòa bình", Ngoại trưởng Pháp cho biết.',
        extra_actors={"Jean Martin": ("person:jean-martin", "person")},
    )
    q = only(doc, "giải pháp hòa bình")
    assert q.speaker == "person:jean-martin"
    assert q.speaker_text == "Ngoại trưởng Pháp"


def test_dash_inside_running_text_is_not_an_attribution() -> None:
    doc = quotes_of(
        "Mỹ ủng hộ các nước thuộc 'liên minh an ninh' – những nước muốn bảo vệ Ukraine."
    )
    assert doc.quotes == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Ông Trump nói với phóng viên tại Nhà Trắng vào sáng thứ Hai.",
        "Ông Zelensky phát biểu trên truyền hình quốc gia tối qua.",
    ],
)
def test_circumstances_of_speaking_are_not_indirect_speech(sentence: str) -> None:
    assert quotes_of(sentence).quotes == []


def test_verb_particle_is_not_part_of_the_content() -> None:
    doc = quotes_of("Ông Putin cho biết thêm Nga sẽ mở rộng hợp tác với Belarus.")
    assert only(doc, "mở rộng hợp tác").text.startswith("Nga sẽ")


def test_pronoun_speaker_refers_to_the_last_person_quoted() -> None:
    doc = quotes_of(
        "Ông Zelensky nói: “Chúng tôi cần thêm hệ thống phòng không ngay lập tức.”",
        "“Mỗi ngày trôi qua đều có thêm thương vong”, ông nói thêm.",
    )
    assert only(doc, "thương vong").speaker == "person:volodymyr-zelensky"


def test_title_after_a_name_also_introduces_the_person() -> None:
    doc = quotes_of(
        "Ông Jean Martin - Đặc phái viên tổng thống Pháp đã đến Hà Nội.",
        "Đặc phái viên tổng thống Pháp cũng cho biết hai bên sẽ gặp lại vào tháng tới.",
        extra_actors={"Jean Martin": ("person:jean-martin", "person")},
    )
    assert only(doc, "gặp lại").speaker == "person:jean-martin"


def test_a_reporting_verb_introducing_a_direct_quote_adds_no_indirect_one() -> None:
    doc = quotes_of("Ông Putin nói: “Nga sẽ đáp trả. Chúng tôi đã cảnh báo nhiều lần.”")
    assert len(doc.quotes) == 1 and doc.quotes[0].direct


def test_block_quote_without_marks_takes_the_dash_line_speaker() -> None:
    doc = quotes_of(
        (
            "blockquote",
            "Chúng ta phải tự lo cho an ninh của chính mình trong những năm tới.\n"
            "— Ông Zelensky, Tổng thống Ukraine.",
        ),
    )
    q = only(doc, "tự lo cho an ninh")
    assert q.speaker == "person:volodymyr-zelensky" and "Zelensky" not in q.text


# -- relays and accusations (sentences written for these tests) ----------------
def test_outlet_relaying_an_accusation_credits_the_accuser() -> None:
    doc = quotes_of('Reuters đưa tin, Điện Kremlin đã cáo buộc Mỹ có "động thái thiếu thiện chí".')
    q = only(doc, "thiếu thiện chí")
    assert q.speaker == "government_body:kremlin"
    assert q.reported_via == ["outlet:reuters"]


def test_quote_then_accusation_verb_names_the_speaker() -> None:
    q = only(
        quotes_of('"Mục tiêu của họ là kìm hãm sự phát triển của Nga", Điện Kremlin cáo buộc.'),
        "kìm hãm",
    )
    assert q.speaker == "government_body:kremlin" and q.direct


def test_outlet_citing_a_statement_credits_the_state() -> None:
    q = only(
        quotes_of(
            '"Khu vực này tạm thời nguy hiểm đối với các chuyến bay", TASS trích thông báo của Nga.'
        ),
        "tạm thời nguy hiểm",
    )
    assert q.speaker == "country:RUS" and q.reported_via == ["outlet:tass"]


def test_a_second_speaker_in_the_sentence_takes_the_turn() -> None:
    doc = quotes_of(
        "Ukraine cáo buộc Nga điều động quân đội tới biên giới, tuy nhiên, "
        "Nga tuyên bố động thái của họ là vì lý do an ninh."
    )
    assert only(doc, "điều động quân đội").speaker == "country:UKR"
    assert only(doc, "vì lý do an ninh").speaker == "country:RUS"


def test_theo_someone_after_a_full_stop_is_their_statement() -> None:
    # "Theo X," opening a sentence in the middle of a paragraph, as at its start
    from pactwatch import analyze_text

    record = analyze_text(
        "Tổng thống Joe Biden phát biểu tại Jakarta. Theo ông Biden, tàu ngầm có thể "
        "đã mất điện khi đang lặn ở độ sâu lớn.",
        published="2026-03-10",
    )
    found = [q for q in record["quotes"] if "mất điện khi đang lặn" in q["text"]]
    assert [q["speaker"] for q in found] == ["person:joe-biden"]
    english = analyze_text(
        "President Joe Biden spoke in Jakarta. According to Biden, the submarine may "
        "have lost power during a deep dive.",
        published="2026-03-10",
    )
    found = [q for q in english["quotes"] if "lost power during" in q["text"]]
    assert [q["speaker"] for q in found] == ["person:joe-biden"]


def test_a_reporting_verb_after_a_coordinator_shares_the_sentences_subject() -> None:
    from pactwatch import analyze_text

    record = analyze_text(
        "Bộ Quốc phòng Anh kêu gọi Nga dừng cản trở tàu thuyền, cũng như chấm dứt việc "
        "tăng cường lực lượng dọc biên giới Estonia, đồng thời khẳng định London luôn "
        "ủng hộ Tallinn.",
        published="2026-03-10",
    )
    found = [q for q in record["quotes"] if "luôn ủng hộ Tallinn" in q["text"]]
    assert [q["speaker"] for q in found] == ["government_body:uk-ministry-of-defence"]


def test_a_name_an_apposition_and_a_reporting_verb_make_the_name_the_speaker() -> None:
    from pactwatch import analyze_text

    record = analyze_text(
        "Joe Biden, người từng làm việc nhiều năm với hải quân của Australia, cho biết "
        "tàu ngầm có thể đã gặp sự cố về điện.",
        published="2026-03-10",
    )
    found = [q for q in record["quotes"] if "gặp sự cố về điện" in q["text"]]
    assert [q["speaker"] for q in found] == ["person:joe-biden"]


def test_a_person_named_after_a_quote_may_take_a_long_apposition_before_the_verb() -> None:
    from pactwatch import analyze_text

    record = analyze_text(
        '"Con tàu có thể đã mất điện khi đang lặn", Joe Biden, một cựu sĩ quan hải quân '
        "từng chỉ huy nhiều tàu ngầm ở Thái Bình Dương, cho biết.",
        published="2026-03-10",
    )
    found = [q for q in record["quotes"] if "mất điện khi đang lặn" in q["text"]]
    assert [q["speaker"] for q in found] == ["person:joe-biden"]


def test_after_a_comma_the_content_may_open_with_its_own_adverbial() -> None:
    from pactwatch import analyze_text

    record = analyze_text(
        "Theo Reuters, tại cuộc họp báo ngày 25/4, Tổng thống Joe Biden cho biết, thông qua "
        "ảnh chụp từ vệ tinh, lực lượng tìm kiếm đã phát hiện xác tàu.",
        published="2026-03-10",
    )
    found = [q for q in record["quotes"] if "lực lượng tìm kiếm đã phát hiện" in q["text"]]
    assert [(q["speaker"], q["reported_via"]) for q in found] == [
        ("person:joe-biden", ["outlet:reuters"])
    ]


def test_officials_of_no_state_named_speak_for_nobody_named() -> None:
    from pactwatch import analyze_text

    unnamed = analyze_text(
        "Một quan chức cấp cao cho biết các cuộc đàm phán sẽ tiếp tục vào tuần sau.",
        published="2026-03-10",
    )
    assert [(q["speaker"], q["speaker_text"]) for q in unnamed["quotes"]] == [
        (None, "Một quan chức")
    ]
    english = analyze_text(
        "The talks will resume next week, a senior official said on Monday.", published="2026-03-10"
    )
    assert [q["speaker"] for q in english["quotes"]] == [None]
    owned = analyze_text(
        "Các quan chức Canada cho biết các cuộc đàm phán sẽ tiếp tục vào tuần sau.",
        published="2026-03-10",
    )
    assert [q["speaker"] for q in owned["quotes"]] == ["country:CAN"]


@pytest.mark.parametrize(
    ("text", "snippet", "speaker"),
    [
        ("Bộ trưởng Ngoại giao Canada kêu gọi Nga hợp tác toàn diện trong cuộc điều tra.",
         "hợp tác toàn diện", "government_body:canada-foreign-ministry"),
        ("Tổng thống Joe Biden cam kết Mỹ sẽ hỗ trợ mọi cách có thể để giúp Ấn Độ.",
         "hỗ trợ mọi cách", "person:joe-biden"),
        ("Tổng thống Joe Biden hứa sẽ gửi thêm máy tạo ôxy tới New Delhi.",
         "gửi thêm máy tạo ôxy", "person:joe-biden"),
    ],
)
def test_calls_demands_and_pledges_are_reported_speech(text: str, snippet: str, speaker: str) -> None:
    from pactwatch import analyze_text

    record = analyze_text(text, published="2026-03-10")
    found = [q for q in record["quotes"] if snippet in q["text"]]
    assert len(found) == 1
    if speaker.startswith("person:"):
        assert found[0]["speaker"] == speaker


def test_a_pronoun_speaker_is_the_person_named_since_the_last_quote() -> None:
    from pactwatch import analyze_text

    record = analyze_text(
        "A day after Donald Trump said that “Ukraine cannot win,” Ukrainian President "
        "Volodymyr Zelensky answered on Friday. “We will win because we are right,” he said. "
        "Later the Trump administration’s envoy arrived, and he declared that “talks must go on.”",
        published="2026-03-10",
    )
    by_text = {q["text"][:12]: q["speaker"] for q in record["quotes"]}
    assert by_text.get("We will win ") == "person:volodymyr-zelensky"
