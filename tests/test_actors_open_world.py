"""Actors the KB does not list (issue 13): each case is a sentence written for the test
with the construction an article used, never an article's own sentence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pactwatch.actors.kb import default_kb
from pactwatch.actors.stage import recognise
from pactwatch.document import Actor, Document

REPO = Path(__file__).resolve().parents[1]


def actors(text: str) -> dict[str, Actor]:
    return {a.id: a for a in recognise(Document(text=text, id="t"), default_kb())}


def mentions(found: dict[str, Actor], actor_id: str) -> list[str]:
    return [m.text for m in found[actor_id].mentions]


@pytest.mark.parametrize(
    ("text", "actor_id", "kind", "said"),
    [
        # provinces, cities and sites behind a place noun
        ("Pháo binh đã bắn vào tỉnh Idlib hôm thứ Ba.", "place:idlib", "place", "Idlib"),
        ("Máy bay không người lái bay qua thành phố Hama.", "place:hama", "place", "Hama"),
        ("Hàng nghìn người rời bang Rakhine trong tuần.", "place:rakhine", "place", "Rakhine"),
        ("Một vụ nổ xảy ra ở tỉnh Pattani tối qua.", "place:pattani", "place", "Pattani"),
        ("Chuyến bay hạ cánh xuống sân bay Damascus.", "place:san-bay-damascus", "place",
         "sân bay Damascus"),
        ("Đoàn xe tiến về thành phố Deir ez-Zor lúc rạng sáng.", "place:deir-ez-zor", "place",
         "Deir ez-Zor"),
        ("Cuộc họp diễn ra tại khách sạn Marina sáng nay.", "place:khach-san-marina", "place",
         "khách sạn Marina"),
        # seas, oceans and regions named as places (kb/seas.yaml)
        ("Hạm đội tuần tra Thái Bình Dương suốt mùa hè.", "place:pacific-ocean", "place",
         "Thái Bình Dương"),
        ("Tàu chở hàng băng qua Địa Trung Hải.", "place:mediterranean-sea", "place",
         "Địa Trung Hải"),
        ("Căng thẳng leo thang trên bán đảo Triều Tiên.", "place:korean-peninsula", "place",
         "bán đảo Triều Tiên"),
        ("Bão lớn hình thành trên Đại Tây Dương.", "place:atlantic-ocean", "place",
         "Đại Tây Dương"),
        ("Dân làng sống dọc sông Euphrates từ lâu.", "place:euphrates", "place",
         "sông Euphrates"),
        ("Giá khí đốt ở Tây Âu tăng mạnh.", "place:western-europe", "place", "Tây Âu"),
        # subdivisions from ISO 3166-2 (kb/subdivisions.csv), with Vietnamese names
        ("Quân đội tập trận ở tỉnh Hải Nam.", "place:hainan", "place", "Hải Nam"),
        ("Giao tranh lan tới Balochistan trong đêm.", "place:balochistan", "place",
         "Balochistan"),
        # armed groups and movements
        ("Nhóm Hayat Tahrir al-Sham (HTS) tuyên bố kiểm soát thị trấn.",
         "organization:hayat-tahrir-al-sham", "organization", "Hayat Tahrir al-Sham"),
        ("Lực lượng SDF nói đã bắt giữ hai chỉ huy.", "organization:sdf", "organization", "SDF"),
        # institutions written out in full
        ("Tòa án Tối cao bác bỏ đơn kháng cáo.", "government_body:toa-an-toi-cao",
         "government_body", "Tòa án Tối cao"),
        ("Đảng Xanh giành thêm ghế trong quốc hội.", "organization:dang-xanh", "organization",
         "Đảng Xanh"),
        ("Bộ Y tế Campuchia ghi nhận thêm ca bệnh.", "government_body:khm-bo-y-te",
         "government_body", "Bộ Y tế Campuchia"),
        ("Bộ Tổng tham mưu Quân đội Nga ra thông báo mới.",
         "government_body:rus-bo-tong-tham-muu-quan-doi", "government_body",
         "Bộ Tổng tham mưu Quân đội Nga"),
        ("Ủy ban Bầu cử quốc gia công bố kết quả sơ bộ.",
         "government_body:uy-ban-bau-cu-quoc-gia", "government_body",
         "Ủy ban Bầu cử quốc gia"),
        ("Liên minh Dân chủ Cơ đốc giáo (CDU) họp đại hội.", "organization:cdu", "organization",
         "Liên minh Dân chủ Cơ đốc giáo"),
        ("Ông ấy gia nhập Đoàn Thanh niên Cộng sản Cuba năm 1987.",
         "organization:cub-doan-thanh-nien-cong-san", "organization",
         "Đoàn Thanh niên Cộng sản Cuba"),
        # historic states
        ("Liên Xô sụp đổ năm 1991.", "country:SUN", "country", "Liên Xô"),
        ("Đông Đức xây bức tường năm 1961.", "country:DDR", "country", "Đông Đức"),
        # people not listed
        ("Nhà sáng lập Facebook Mark Zuckerberg ra điều trần.", "person:mark-zuckerberg",
         "person", "Mark Zuckerberg"),
    ],
)
def test_open_world_names(text: str, actor_id: str, kind: str, said: str) -> None:
    found = actors(text)
    assert actor_id in found, sorted(found)
    actor = found[actor_id]
    assert actor.kind == kind
    assert said in mentions(found, actor_id)
    if not actor.in_kb:
        assert 0.0 < actor.confidence < 1.0


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # "Facebook Mark Zuckerberg" is not one person
        ("Nhà sáng lập Facebook Mark Zuckerberg ra điều trần.", "person:facebook-mark-zuckerberg"),
        # a Vietnamese city is a place, never an organisation
        ("Đoàn công tác đã tới thành phố Nha Trang.", "organization:nha-trang"),
        # "Deir" is not cut from "Deir ez-Zor"
        ("Đoàn xe tiến về thành phố Deir ez-Zor lúc rạng sáng.", "place:deir"),
        # the state's army and government stand for the state, no body of their own
        ("Quân đội Myanmar siết chặt an ninh.", "government_body:mmr-quan-doi"),
        ("Chính phủ Lào ban hành lệnh mới.", "government_body:lao-chinh-phu"),
        # an alliance between two states is not a named institution
        ("Liên minh Nhật - Mỹ ngày càng bền chặt.", "organization:jpn-lien-minh"),
        # a ship class, "transatlantic", "the former USSR": not the place or the state
        ("Hải quân mua thêm tàu ngầm lớp Virginia.", "place:virginia"),
        ("Quan hệ xuyên Đại Tây Dương đang căng thẳng.", "place:atlantic-ocean"),
        ("Hai nước cộng hòa thuộc Liên Xô cũ ký hiệp ước.", "country:SUN"),
        # "căn cứ Điều 5" means "under Article 5", not a base
        ("Họ hành động căn cứ Điều 5 của hiệp ước.", "place:can-cu-dieu-5"),
        # a Vietnamese given name is no province without a place word
        ("Anh Hải Nam kể lại chuyến đi.", "place:hainan"),
        # "yêu cầu" does not open a bridge's name
        ("Họ yêu cầu Nga rút quân.", "place:cau-nga"),
    ],
)
def test_wrong_readings(text: str, wrong: str) -> None:
    assert wrong not in actors(text)


def test_abbreviation_joins_its_name_and_gives_the_id() -> None:
    text = "Liên minh quốc gia Karen (KNU) tấn công một căn cứ. Sau đó KNU rút lui."
    found = actors(text)
    # the full name, the abbreviation in brackets, and the abbreviation met again
    assert mentions(found, "organization:knu") == ["Liên minh quốc gia Karen", "KNU", "KNU"]


def test_provisional_id_is_the_same_across_articles() -> None:
    first = actors("Lực lượng SDF chiếm lại thị trấn.")
    second = actors("Phát ngôn viên cho biết lực lượng SDF đã rút lui khỏi làng.")
    assert "organization:sdf" in first and "organization:sdf" in second


def test_near_spelling_of_a_kb_surname_joins_the_full_name_given() -> None:
    found = actors(
        "Cựu thủ tướng Thái Lan Thaksin Shinawatra sống lưu vong. Ông Thaksin sẵn sàng giúp."
    )
    assert mentions(found, "person:thaksin-shinawatra") == ["Thaksin Shinawatra", "Thaksin"]
    assert not any(a.in_kb for a in found.values() if a.kind == "person")


def test_offsets_point_to_the_mentions() -> None:
    text = "Bộ Nội vụ Iraq cho biết sân bay Basra và tỉnh Idlib bị ảnh hưởng; Đảng Xanh lên tiếng."
    for actor in actors(text).values():
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text


def test_subdivisions_file_is_generated_from_pycountry() -> None:
    pytest.importorskip("pycountry")
    script = REPO / "scripts" / "build_subdivisions.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True)
    assert result.returncode == 0, result.stderr.decode()


def test_full_name_without_its_abbreviation_joins_the_abbreviated_actor() -> None:
    # a headline names the group in full; the body introduces it with its abbreviation
    found = actors(
        "Mặt trận Giải phóng Quorra tấn công đồn biên phòng\n"
        "Hôm qua, Mặt trận Giải phóng Quorra (QLF) đã tấn công một đồn biên phòng."
        " QLF cho biết sẽ tiếp tục."
    )
    groups = [a for a in found.values() if "Quorra" in a.name]
    assert [a.id for a in groups] == ["organization:qlf"]
    assert mentions(found, "organization:qlf").count("Mặt trận Giải phóng Quorra") == 2


@pytest.mark.parametrize(
    ("text", "actor_id", "kind"),
    [
        # an armed head before a service's name: a state's service, its state unnamed
        ("Trực thăng của Lực lượng Hải quân đã tới hiện trường.",
         "government_body:luc-luong-hai-quan", "government_body"),
        # a name-internal phrase in a described institution ("lập" alone is a verb)
        ("Theo Ủy ban tư pháp Peru, phiên điều trần bị hoãn.",
         "government_body:per-uy-ban-tu-phap", "government_body"),
    ],
)
def test_services_and_described_bodies(text: str, actor_id: str, kind: str) -> None:
    found = actors(text)
    assert actor_id in found, sorted(found)
    assert found[actor_id].kind == kind


def test_an_armed_head_before_a_foreign_name_stays_a_group() -> None:
    found = actors("Lực lượng Dân quân Tarvash đã rút khỏi thị trấn.")
    assert all(a.kind != "government_body" for a in found.values())


@pytest.mark.parametrize(
    "text",
    [
        "Con trai bà, Bima Arya Saputra, 25 tuổi, là thủy thủ trên tàu.",
        "Thợ lặn Bima Arya Saputra, 31 tuổi, đã trở về an toàn.",
    ],
)
def test_a_foreign_name_with_an_age_is_a_person(text: str) -> None:
    assert "person:bima-arya-saputra" in actors(text)


def test_an_age_makes_no_person_of_a_place() -> None:
    found = actors("Thành phố Hama, 25 tuổi đời, đã đổi khác.")
    assert not any(a.kind == "person" for a in found.values())


def test_a_name_without_its_middle_name_is_the_same_person() -> None:
    found = actors(
        "Bộ trưởng Ngoại giao Kiran Dev Malhotra cho biết hơn 40 nước đã gửi viện trợ."
        " Ngoại trưởng Kiran Malhotra không đưa ra mốc thời gian."
        ' "Chúng tôi cần vắc xin", Ngoại trưởng Malhotra cho biết thêm.'
    )
    people = [a for a in found.values() if a.kind == "person"]
    assert [a.id for a in people] == ["person:kiran-dev-malhotra"]
    assert mentions(found, "person:kiran-dev-malhotra") == [
        "Kiran Dev Malhotra", "Kiran Malhotra", "Malhotra"
    ]
