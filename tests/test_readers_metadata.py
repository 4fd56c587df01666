"""Metadata read from article text: credits, bylines, captions, outlet leads, dates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.ingest.metadata import (
    Credits,
    author_field,
    credit_line,
    iso_date,
    looks_like_person_name,
    outlet_lead,
    photo_caption,
    split_glued_credits,
    split_names,
)
from pactwatch.ingest.outlets import canonical_outlet_name, outlet_by_url
from pactwatch.ingest.readers import read_bytes


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Bản tin có sự đóng góp của Reuters", Credits(credited_sources=["Reuters"])),
        ("Bản tin có sự đóng góp của Reuters và AP", Credits(credited_sources=["Reuters", "AP"])),
        ("Thanh Nhã biên dịch", Credits(translators=["Thanh Nhã"])),
        ("Biên dịch: Hoàng Yến", Credits(translators=["Hoàng Yến"])),
        ("Thu Trang biên dịch & tổng hợp", Credits(translators=["Thu Trang"])),
        (
            "Quý vị tham khảo bản gốc từ The Epoch Times",
            Credits(original_publisher="The Epoch Times"),
        ),
        ("Theo Reuters, Sputnik", Credits(credited_sources=["Reuters", "Sputnik"])),
        ("Theo hãng tin TASS", Credits(credited_sources=["TASS"])),
        ("(Nguồn: AFP)", Credits(credited_sources=["AFP"])),
        ("Nguyễn Trường", Credits(authors=["Nguyễn Trường"])),
        ("Minh Phương (tổng hợp)", Credits(authors=["Minh Phương"])),
        (
            "Thanh Hà (Theo Reuters, AFP)",
            Credits(authors=["Thanh Hà"], credited_sources=["Reuters", "AFP"]),
        ),
        ("MINH HÀ", Credits(authors=["Minh Hà"])),
        ("Bài: Lê Văn An - Trần Bình", Credits(authors=["Lê Văn An", "Trần Bình"])),
        ("Theo Lê Ngọc", Credits(authors=["Lê Ngọc"])),
        ("TTXVN", Credits(credited_sources=["TTXVN"])),
        ("VOV-Moscow", Credits(credited_sources=["VOV"])),
        ("Ảnh Reuters", Credits(photo_credits=["Reuters"])),
        ("Tổng hợp", Credits()),
        (
            "Quý vị có thể xem bản gốc tại The Epoch Times (tiếng Anh)",
            Credits(original_publisher="The Epoch Times"),
        ),
        (
            "(Reporting by Anna Smith and Ivan Petrov; Editing by John Doe)",
            Credits(authors=["Anna Smith", "Ivan Petrov"]),
        ),
        ("Nhóm phóng viên", Credits()),
    ],
)
def test_closing_lines(line: str, expected: Credits) -> None:
    assert credit_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Theo ông Putin, Nga sẽ tiếp tục tăng cường quốc phòng.",
        "Nga và Belarus ký hiệp ước.",
        "Hà Nội, ngày 14/3",
        "NATO",
        "Theo đó, hai bên sẽ gặp nhau vào tuần tới",
    ],
)
def test_ordinary_lines_are_not_credits(line: str) -> None:
    assert credit_line(line) is None


@pytest.mark.parametrize(
    ("paragraph", "credits"),
    [
        (
            "Lãnh đạo châu Âu tại Paris ngày 27/3. Ảnh: Anadolu Agency/TTXVN",
            ["Anadolu Agency", "TTXVN"],
        ),
        ("Tổng thống Ukraine. (Ảnh: Getty)", ["Getty"]),
        ("Hiện trường vụ việc (Ảnh: Công an cung cấp).", ["Công an"]),
        ("Ông Witkoff (trái) và ông Ushakov. Ảnh: POLITICO/TASS", ["POLITICO", "TASS"]),
        ("Các hoạt động bị tạm dừng (Ảnh minh họa).", []),
        ("Người dân xếp hàng. Ảnh tư liệu", []),
        ("Tàu khu trục của Đức. (Nguồn: Pinterest)", ["Pinterest"]),
        ("Binh sĩ tuần tra. Photo: Reuters", ["Reuters"]),
    ],
)
def test_captions(paragraph: str, credits: list[str]) -> None:
    assert photo_caption(paragraph) == credits


@pytest.mark.parametrize(
    "paragraph",
    [
        "Ông nói rằng ảnh hưởng của Nga ở khu vực ngày càng lớn.",
        "(Nguồn: Reuters)",
        "Ông đăng tải một đoạn video.",
        "Cô ấy cho phóng viên xem bức ảnh.",
        "Ông nói thêm (xem ảnh).",
        "Bức ảnh được chia sẻ rộng rãi trên mạng xã hội. Theo ông, đây là ảnh thật và ông đã kiểm chứng.",
    ],
)
def test_not_captions(paragraph: str) -> None:
    assert photo_caption(paragraph) is None


@pytest.mark.parametrize(
    ("paragraph", "body", "tail"),
    [
        (
            "Vậy là xong, ông nói.Thành ĐạtTheo Reuters, Sputnik",
            "Vậy là xong, ông nói.",
            ["Thành Đạt", "Theo Reuters, Sputnik"],
        ),
        ("Minh PhươngTheo Reuters", "", ["Minh Phương", "Theo Reuters"]),
        ("Minh PhươngTổng hợp", "", ["Minh Phương", "Tổng hợp"]),
        (
            "nhu cầu trong nước.Minh PhươngẢnh Reuters",
            "nhu cầu trong nước.",
            ["Minh Phương", "Ảnh Reuters"],
        ),
        (
            "Nga nói sẽ đáp trả. Theo ông, đây là cảnh báo.",
            "Nga nói sẽ đáp trả. Theo ông, đây là cảnh báo.",
            [],
        ),
    ],
)
def test_glued_credits(paragraph: str, body: str, tail: list[str]) -> None:
    assert split_glued_credits(paragraph) == (body, tail)


def test_author_field_with_sources() -> None:
    credits = author_field("Thùy Lâm (Theo WSJ, Moscow Times, NBC News)")
    assert credits.authors == ["Thùy Lâm"]
    assert credits.credited_sources == ["WSJ", "Moscow Times", "NBC News"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("WSJ, Moscow Times và NBC News", ["WSJ", "Moscow Times", "NBC News"]),
        ("hãng tin RBC-Ukraine", ["RBC-Ukraine"]),
        ("tờ The Telegraph/TTXVN", ["The Telegraph", "TTXVN"]),
    ],
)
def test_split_names(text: str, names: list[str]) -> None:
    assert split_names(text) == names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Thành Đạt", True),
        ("John McCain", True),
        ("D. Ngọc", True),
        ("Minh PhươngTheo", False),
        ("NATO", False),
        ("Nga", False),
    ],
)
def test_person_names(name: str, expected: bool) -> None:
    assert looks_like_person_name(name) is expected


@pytest.mark.parametrize(
    ("paragraph", "outlet"),
    [
        ("(PLO)- Hãng Bloomberg đưa tin", "PLO"),
        ("(Dân trí) - Ngày 3/4, Bộ Quốc phòng cho biết", "Dân trí"),
        ("TPO - Sáng nay, Quốc hội họp", "Tiền Phong"),
        ("(Ảnh: Reuters) - chú thích", None),
        ("Ngày 14/3, Nga cho biết", None),
    ],
)
def test_outlet_leads(paragraph: str, outlet: str | None) -> None:
    assert outlet_lead(paragraph) == outlet


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2025-03-09", "2025-03-09"),
        ("20210427", "2021-04-27"),
        ("26/11/2025 08:16", "2025-11-26"),
        ("2024-05-21T08:30:00+07:00", "2024-05-21"),
        ("2025-02-30", None),
        ("tuần trước", None),
        (None, None),
    ],
)
def test_iso_dates(value: object, iso: str | None) -> None:
    assert iso_date(value) == iso


@given(st.dates())
@settings(max_examples=100, deadline=None)
def test_iso_date_round_trips(day: object) -> None:
    assert iso_date(str(day)) == str(day)
    assert iso_date(day) == str(day)


def test_outlets_from_urls_and_names() -> None:
    found = {
        url: getattr(outlet_by_url(url), "id", None)
        for url in (
            "https://dantri.com.vn/the-gioi/a.htm",
            "https://www.theepochtimes.com/vi/a",
            "https://e.vnexpress.net/news",
            "https://example.org/",
        )
    }
    assert list(found.values()) == [
        "outlet:dan-tri",
        "outlet:the-epoch-times",
        "outlet:vnexpress",
        None,
    ]
    assert canonical_outlet_name("Thông tấn xã Việt Nam") == "TTXVN"
    assert canonical_outlet_name("Báo Chưa Biết") == "Báo Chưa Biết"


def test_date_line_with_outlet_then_title_and_capital_byline() -> None:
    data = " date 2025-01-05 (VTC News) - Nga cảnh báo NATO về biển Baltic\n\nNgày 5/1, Nga cho biết sẽ đáp trả.\n\nMINH HÀ (Theo Reuters)"
    [doc] = read_bytes(data.encode(), "a.txt")
    assert (doc.outlet, doc.title, doc.published) == (
        "VTC News",
        "Nga cảnh báo NATO về biển Baltic",
        "2025-01-05",
    )
    assert (doc.authors, doc.credited_sources) == (["Minh Hà"], ["Reuters"])


def test_standalone_dateline_states_the_date() -> None:
    data = "Nga cảnh báo NATO về biển Baltic\nThứ Bảy, 14/12/2025 08:16 (GMT+7)\nNgày 14/12, Nga cho biết sẽ đáp trả."
    [doc] = read_bytes(data.encode(), "a.txt")
    assert doc.published == "2025-12-14"
    assert [z.kind for z in doc.zones] == ["title", "dateline", "body"]
