"""Display titles of articles that state no headline (issue 15, point 2), on files we wrote."""

from __future__ import annotations

from pactwatch.ingest.plaintext import parse_plain_text
from pactwatch.titles import first_sentence

HEADER = "# doc_id = t1\n# url = https://example.org/a.htm\n# date = 20240301\n"


def test_a_photo_story_is_titled_by_its_first_caption_not_by_its_byline() -> None:
    text = HEADER + (
        "Lính cứu hỏa dập lửa tại một khu chợ ở thủ đô Lima tối 29/2 (Ảnh: Reuters).\n"
        "Người dân đứng xem từ xa khi đám cháy lan sang các dãy nhà bên cạnh (Ảnh: AFP).\n"
        "Thu Hà\n"
    )
    assert parse_plain_text(text).title == (
        "Lính cứu hỏa dập lửa tại một khu chợ ở thủ đô Lima tối 29/2"
    )


def test_a_short_line_with_a_full_stop_is_a_caption_and_the_next_line_stands_in() -> None:
    text = HEADER + "Hiện trường vụ cháy.\nSáng 1/3, một đám cháy lớn bùng phát tại khu chợ Bình An.\nThu Hà\n"
    assert parse_plain_text(text).title == "Sáng 1/3, một đám cháy lớn bùng phát tại khu chợ Bình An"


def test_the_first_sentence_runs_past_abbreviations_and_quotations() -> None:
    assert first_sentence("Người dân TP. HCM xếp hàng. Trời nắng.") == "Người dân TP. HCM xếp hàng."
    assert first_sentence('"Về đi. Về nhà đi!", bà nói. Rồi bà khóc.') == '"Về đi. Về nhà đi!", bà nói.'
    assert first_sentence("Chile bầu cử. Peru theo dõi.") == "Chile bầu cử."
