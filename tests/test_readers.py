"""Readers on small articles we wrote (tests/fixtures/ingest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.document import Document
from pactwatch.errors import ReadError
from pactwatch.ingest.legacy_codecs import encode_windows_1258
from pactwatch.ingest.plaintext import parse_plain_text
from pactwatch.ingest.readers import read_bytes, read_path, read_path_report

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"


def zone_texts(doc: Document, kind: str) -> list[str]:
    return [doc.text[z.start : z.end] for z in doc.zones if z.kind == kind]


def assert_zones_sound(doc: Document) -> None:
    previous_end = 0
    for zone in sorted(doc.zones, key=lambda z: z.start):
        assert zone.start >= previous_end, "zones overlap"
        assert doc.text[zone.start : zone.end].strip(), "empty zone"
        previous_end = zone.end


def test_title_first_layout_with_caption_and_closing_credits() -> None:
    [doc] = read_path(FIX / "title_first.txt")
    assert doc.title == "Ba Lan đề nghị NATO tăng cường phòng không ở sườn phía đông"
    assert doc.published is None
    assert doc.photo_credits == ["Reuters"]
    assert doc.credited_sources == ["AFP"]
    assert doc.translators == ["Minh Anh"]
    assert doc.original_publisher == "The Epoch Times"
    assert doc.outlet == "The Epoch Times"
    assert zone_texts(doc, "caption") == [
        "Binh sĩ Ba Lan tuần tra gần biên giới với Belarus. Ảnh: Reuters"
    ]
    assert zone_texts(doc, "credit")[-1] == "Quý vị tham khảo bản gốc từ The Epoch Times"
    assert "Theo hãng tin TASS" in zone_texts(doc, "body")[-1]
    assert doc.source_path == str(FIX / "title_first.txt")
    assert doc.language == "vi"
    assert_zones_sound(doc)


def test_date_line_with_outlet_has_no_title() -> None:
    [doc] = read_path(FIX / "date_outlet.txt")
    assert (doc.published, doc.outlet, doc.title) == ("2024-06-02", "VTC News", None)
    assert doc.photo_credits == ["Kyodo"]
    assert not doc.text.startswith("date")


def test_date_line_with_title_and_dateline() -> None:
    [doc] = read_path(FIX / "date_title_dateline.txt")
    assert doc.title == "Hàn Quốc và Mỹ khởi động tập trận mùa xuân"
    assert zone_texts(doc, "dateline") == ["10/02/2025 07:45"]
    assert doc.outlet == "PLO"  # from the "(PLO)-" lead, kept in the body
    assert zone_texts(doc, "body")[0].startswith("(PLO)- Quân đội")
    assert doc.published == "2025-02-10"


def test_key_value_header_caption_first_and_glued_byline() -> None:
    [doc] = read_path(FIX / "key_value_header.txt")
    assert doc.outlet == "Dân trí"
    assert doc.published == "2024-03-01"
    assert doc.url and doc.url.startswith("https://dantri.com.vn/")
    # no headline: the title is the first sentence after the opening photo caption
    assert doc.title == ("Philippines và Nhật Bản ký hiệp định cho phép quân đội hai nước đồn"
                         " trú luân phiên trên lãnh thổ của nhau")
    assert doc.zones[0].kind == "caption"
    assert doc.photo_credits == ["AFP"]
    assert doc.authors == ["Thành Đạt"]
    assert doc.credited_sources == ["Reuters", "Kyodo"]
    assert zone_texts(doc, "body")[-1].endswith("Bộ trưởng Quốc phòng Philippines nói.")
    assert "doc_id" not in doc.text


def test_markdown_front_matter_blockquote_and_images() -> None:
    [doc] = read_path(FIX / "article.md")
    assert doc.title == "ASEAN Kêu Gọi Kiềm Chế Ở Biển Đông"
    assert doc.text.count("ASEAN Kêu Gọi Kiềm Chế") == 1
    assert doc.authors == ["Hải Yến"]
    assert doc.credited_sources == ["Reuters", "Bernama"]
    assert doc.published == "2024-07-26"
    assert doc.photo_credits == ["AFP"]
    assert zone_texts(doc, "subtitle") == [
        "Các ngoại trưởng ASEAN bày tỏ quan ngại về những diễn biến gần đây trên biển."
    ]
    assert zone_texts(doc, "heading") == ["Tuyên bố chung"]
    [quote] = zone_texts(doc, "blockquote")
    said, attribution = quote.split("\n")
    assert said == '"Chúng tôi kêu gọi mọi bên kiềm chế và đối thoại."'
    assert attribution == "— Saleumxay Kommasith, Ngoại trưởng Lào."
    assert zone_texts(doc, "caption") == ["Các ngoại trưởng chụp ảnh chung tại hội nghị. Ảnh: AFP"]
    assert "**" not in doc.text and "](" not in doc.text and "{:" not in doc.text
    assert "UNCLOS" in doc.text
    assert doc.meta["front_matter"]["category"] == "Quốc tế"
    assert_zones_sound(doc)


@pytest.mark.parametrize("name", ["broken_front_matter.md", "unclosed_front_matter.md"])
def test_broken_front_matter_is_e105(name: str) -> None:
    with pytest.raises(ReadError) as err:
        read_path(FIX / name)
    assert err.value.code == "E105"
    assert name in err.value.message


def test_broken_front_matter_names_the_line() -> None:
    with pytest.raises(ReadError, match="line 3"):
        read_path(FIX / "broken_front_matter.md")


def test_html_page_metadata_and_figure_caption() -> None:
    [doc] = read_path(FIX / "article.html")
    assert doc.title == "Nhật Bản và Mỹ tăng cường hợp tác phòng thủ tên lửa"
    assert doc.published == "2024-05-21"
    assert doc.outlet == "VnExpress"
    assert doc.authors == ["Hồng Hạnh"]
    assert doc.credited_sources == ["Kyodo", "NHK"]
    assert doc.photo_credits == ["Reuters"]
    assert "Trang chủ" not in doc.text and "quảng cáo" not in doc.text
    assert doc.text.count("Nhật Bản và Mỹ tăng cường") == 1
    assert_zones_sound(doc)


def test_jsonl_keeps_good_records_and_reports_bad_ones() -> None:
    docs, errors = read_path_report(FIX / "articles.jsonl")
    assert [d.title for d in docs] == [
        "Nga và Belarus tổ chức tập trận chung",
        "Phần Lan gia nhập NATO",
    ]
    assert [e.code for e in errors] == ["E108", "E108"]
    assert "line 2" in errors[0].message and "line 3" in errors[1].message
    first, second = docs
    assert (first.published, first.outlet, first.authors) == (
        "2023-09-12",
        "VnExpress",
        ["Như Tâm"],
    )
    assert first.credited_sources == ["Interfax"]
    assert (second.published, second.outlet) == ("2023-04-04", "Tuổi Trẻ")
    assert (second.authors, second.credited_sources) == (["Quang Minh"], ["AP"])
    assert first.source_path == str(FIX / "articles.jsonl")
    assert (first.meta["line"], second.meta["line"]) == (1, 4)
    assert first.original_text and first.original_text.startswith("Hôm 12/9")
    assert read_path(FIX / "articles.jsonl") == docs


def test_json_array_of_records() -> None:
    data = b'[{"title": "A b c", "text": "Nga n\\u00f3i.", "date": "2024-01-02"}]'
    [doc] = read_bytes(data, "x.json")
    assert (doc.title, doc.published, doc.text) == ("A b c", "2024-01-02", "A b c\n\nNga nói.")


def test_jsonl_with_only_bad_records_raises_e108() -> None:
    with pytest.raises(ReadError) as err:
        read_bytes(b'{"title": "x"}\nnot json\n', "bad.jsonl")
    assert err.value.code == "E108"


@pytest.mark.parametrize(
    ("name", "code"),
    [("empty.txt", "E101"), ("blank.txt", "E101"), ("binary.txt", "E103"), ("missing.txt", "E106")],
)
def test_bad_files_raise_numbered_errors(name: str, code: str) -> None:
    with pytest.raises(ReadError) as err:
        read_path(FIX / name)
    assert err.value.code == code
    assert name in str(err.value)


def test_too_large_is_e102() -> None:
    with pytest.raises(ReadError) as err:
        read_path(FIX / "title_first.txt", max_bytes=10)
    assert err.value.code == "E102"


def test_directory_and_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as err:
        read_path(tmp_path)
    assert err.value.code == "E106"
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4 text")
    with pytest.raises(ReadError) as err:
        read_path(pdf)
    assert err.value.code == "E107"
    with pytest.raises(ReadError) as err:
        read_bytes(b"abc", "x", fmt="docx")
    assert err.value.code == "E107"


def test_read_bytes_sniffs_content_without_extension() -> None:
    md = (FIX / "article.md").read_bytes()
    [doc] = read_bytes(md, "<stdin>")
    assert doc.title == "ASEAN Kêu Gọi Kiềm Chế Ở Biển Đông"
    [doc] = read_bytes((FIX / "article.html").read_bytes(), "-")
    assert doc.outlet == "VnExpress"


def test_front_matter_in_a_txt_file_is_markdown(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes((FIX / "article.md").read_bytes())
    [doc] = read_path(path)
    assert doc.authors == ["Hải Yến"] and doc.meta["format"] == "md"


def test_english_article_language() -> None:
    [doc] = read_bytes(
        b"NATO allies meet in Brussels\nThe ministers agreed on new air defence plans.", "en.txt"
    )
    assert doc.language == "en"
    assert doc.title == "NATO allies meet in Brussels"


def test_original_text_keeps_old_tone_marks() -> None:
    [doc] = read_bytes("Hoà bình cho khu vực\nHai bên hoà giải.".encode(), "t.txt")
    assert "hòa giải" in doc.text and "hoà giải" in (doc.original_text or "")


_LINE = st.text(alphabet='abcdeđôơư ĂẮắẠạ.,:()“”"-Ảnh', min_size=0, max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=8))
def test_zones_never_empty_or_overlapping(lines: list[str]) -> None:
    text = "\n".join(lines)
    if not text.strip():
        return
    doc = parse_plain_text(text).to_document("h.txt")
    assert_zones_sound(doc)
    for zone in doc.zones:
        assert 0 <= zone.start < zone.end <= len(doc.text)


_FORMATS = st.sampled_from(["txt", "md", "html", "jsonl", "json", None])
_NEWSY_BYTES = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda s: s.encode("utf-8")),
    st.text(alphabet='---\n#>![]()*_{}:=date 2024-01-02 Ảnh: Theo "“”<p>{}', max_size=200).map(
        lambda s: s.encode("utf-8")
    ),
)


@settings(max_examples=300, deadline=None)
@given(_NEWSY_BYTES, _FORMATS)
def test_any_input_gives_documents_or_a_read_error(data: bytes, fmt: str | None) -> None:
    try:
        docs = read_bytes(data, "fuzz", fmt=fmt)
    except ReadError as exc:
        assert exc.code.startswith("E1") and "fuzz" in exc.message
        return
    for doc in docs:
        assert doc.text.strip()
        assert_zones_sound(doc)


def test_html_without_main_text_is_e109() -> None:
    page = "<html><head><title>Trang chủ</title></head><body><nav><a href='/'>Trang chủ</a></nav>"
    with pytest.raises(ReadError) as err:
        read_bytes((page + "</body></html>").encode(), "empty.html")
    assert err.value.code in ("E109", "E101")
    assert "empty.html" in err.value.message


def test_html_honours_declared_windows_1258() -> None:
    body = "Hai nước cam kết hỗ trợ lẫn nhau khi một bên bị tấn công."
    page = (
        '<html><head><meta charset="windows-1258"><title>Nga và Belarus</title></head>'
        f"<body><article><h1>Nga và Belarus</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )
    encoded = encode_windows_1258(page)
    [doc] = read_bytes(encoded, "cp1258.html")
    assert doc.meta["encoding"] == "windows-1258"
    assert body in doc.text
