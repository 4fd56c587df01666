"""A foreign name right before a Vietnamese reporting verb is a person's, with
no title before it (blind_c, 2026-12-03: "…”, Arora nói" had no speaker).
Sentences written for the test."""

from __future__ import annotations

from pactwatch import analyze_text


def test_a_foreign_name_before_a_reporting_verb_is_the_speaker() -> None:
    record = analyze_text(
        '"Chúng tôi chỉ còn đủ lương thực cho hai ngày nữa", Kowalczyk nói.\n'
        "Theo Nakamura, các đội cứu hộ đang làm việc suốt đêm. Nakamura cho biết thêm "
        "rằng thời tiết sẽ xấu đi.",
        published="2026-03-10",
    )
    people = {a["id"] for a in record["actors"] if a["kind"] == "person"}
    assert {"person:kowalczyk", "person:nakamura"} <= people
    speakers = {q["speaker"] for q in record["quotes"]}
    assert "person:kowalczyk" in speakers


def test_a_capitalised_vietnamese_word_before_a_verb_is_no_person() -> None:
    record = analyze_text(
        '"Tình hình vẫn rất khó khăn", Hà Nội cho biết.\nSau đó Chính phủ nói sẽ hỗ trợ.',
        published="2026-03-10",
    )
    assert not [a for a in record["actors"] if a["kind"] == "person"]


def test_a_full_name_met_without_a_title_joins_its_speaking_surname() -> None:
    record = analyze_text(
        "Theo tờ Guardian, điện thoại của Ravi Malhotra đổ chuông suốt đêm.\n"
        '"Chúng tôi không còn bình ôxy nào", Malhotra nói.',
        published="2026-03-10",
    )
    people = [a for a in record["actors"] if a["kind"] == "person"]
    assert [p["id"] for p in people] == ["person:ravi-malhotra"]
    said = [q["speaker"] for q in record["quotes"] if "bình ôxy" in q["text"]]
    assert said == ["person:ravi-malhotra"]
