"""The actor stage on sentences we wrote: each ambiguity and rule of issue 4."""

from __future__ import annotations

import pytest

from pactwatch.actors.kb import default_kb
from pactwatch.actors.stage import recognise
from pactwatch.document import Actor, Document
from pactwatch.ingest.build import document_from_parts
from pactwatch.pipeline import build_pipeline


@pytest.fixture(autouse=True)
def no_user_kb(monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's own KB file must not change what these tests see."""
    monkeypatch.setenv("PACTWATCH_KB_LOCAL", "/nonexistent/pactwatch-test-kb.yaml")


def actors_of(text: str, published: str | None = None, **meta: object) -> dict[str, Actor]:
    doc = document_from_parts([("body", text)], published=published, **meta)
    return {a.id: a for a in recognise(doc, default_kb())}


def mention_kinds(actor: Actor) -> set[str]:
    return {m.as_ for m in actor.mentions}


# (sentence, ids that must be found, ids that must not be)
CASES = [
    # "Anh" the country vs the pronoun and given names
    (
        "Anh và Pháp dẫn đầu nỗ lực bảo đảm an ninh cho châu Âu.",
        {"country:GBR", "country:FRA"},
        set(),
    ),
    ("Anh em trong nhà đóng cửa bảo nhau.", set(), {"country:GBR"}),
    ("Chúng tôi gặp anh Tuấn ở cổng trường.", set(), {"country:GBR"}),
    ("Chị Quỳnh Anh cho biết cửa hàng đóng cửa sớm.", set(), {"country:GBR"}),
    ("Anh Tuấn kể lại chuyện đã xảy ra hôm qua.", set(), {"country:GBR"}),
    ("Anh ấy nói rằng sẽ về quê vào cuối tuần.", set(), {"country:GBR"}),
    ("Thủ tướng Anh cho biết London sẽ tăng chi tiêu quốc phòng.", {"country:GBR"}, set()),
    ("Hội nghị tổng kết năm học đã kết thúc.\nQuốc Anh", set(), {"country:GBR"}),
    ("Chiều qua anh Dương về nhà. Anh vội mang chú chó đi khám.", set(), {"country:GBR"}),
    ("Các em học thêm tiếng Anh mỗi tối.", set(), {"country:GBR"}),
    ("Nhà thầu đang thi công ở TP Thủ Đức.", set(), {"country:DEU"}),
    # "Đức" the country vs a given name
    ("Ông Đức là giám đốc một công ty xây dựng.", set(), {"country:DEU"}),
    ("Đức và Ba Lan ký thỏa thuận quốc phòng mới.", {"country:DEU", "country:POL"}, set()),
    ("Anh Minh Đức đã về đến nhà an toàn.", set(), {"country:DEU"}),
    # "Mỹ": the Americas and compounds are not the United States
    ("Nhiều nước châu Mỹ chịu ảnh hưởng của bão.", set(), {"country:USA"}),
    ("Các nước Mỹ Latinh họp thượng đỉnh.", set(), {"country:USA"}),
    ("Triển lãm mỹ thuật mở cửa. Mỹ thuật đương đại thu hút khách.", set(), {"country:USA"}),
    ("Mỹ tuyên bố tăng viện trợ cho đồng minh.", {"country:USA"}, set()),
    ("Hoa Kỳ và Nhật Bản tập trận chung.", {"country:USA", "country:JPN"}, set()),
    # "Pháp", "Nhật", "Hàn", "Ý" inside ordinary words
    ("Pháp lý của thỏa thuận còn chưa rõ ràng.", set(), {"country:FRA"}),
    ("Nhật ký hành trình được công bố.", set(), {"country:JPN"}),
    ("Chúng tôi cập nhật tin tức hàng giờ.", set(), {"country:JPN"}),
    ("Hàn gắn quan hệ là mục tiêu của hai bên.", set(), {"country:KOR"}),
    ("Ý kiến của các chuyên gia rất khác nhau.", set(), {"country:ITA"}),
    ("Ý và Tây Ban Nha phản đối đề xuất này.", {"country:ITA", "country:ESP"}, set()),
    # press forms and old transliterations
    ("Ukraina và Belarus có chung đường biên giới dài.", {"country:UKR", "country:BLR"}, set()),
    ("Thổ Nhĩ Kỳ phản đối việc Thụy Điển gia nhập.", {"country:TUR", "country:SWE"}, set()),
    ("Hàn Quốc và Triều Tiên nối lại đối thoại.", {"country:KOR", "country:PRK"}, set()),
    ("Litva và Slovakia ủng hộ tăng ngân sách.", {"country:LTU", "country:SVK"}, set()),
    # compounds
    ("Quan hệ Mỹ-Nga xấu đi nhanh chóng.", {"country:USA", "country:RUS"}, set()),
    ("Tuyên bố chung Nga-Trung được công bố hôm qua.", {"country:RUS", "country:CHN"}, set()),
    ("Đàm phán Mỹ - Nga diễn ra tại Geneva.", {"country:USA", "country:RUS"}, set()),
    ("Xung đột Nga–Ukraine bước sang năm thứ tư.", {"country:RUS", "country:UKR"}, set()),
    # organisations and government bodies
    ("NATO và EU phối hợp chặt chẽ.", {"organization:nato", "organization:eu"}, set()),
    ("Ngũ Giác Đài xác nhận thông tin.", {"government_body:pentagon"}, set()),
    ("Lầu Năm Góc xác nhận thông tin.", {"government_body:pentagon"}, set()),
    ("Điện Kremlin bác bỏ cáo buộc.", {"government_body:kremlin"}, set()),
    (
        "Các nước thuộc liên minh tự nguyện họp tại Paris.",
        {"group:coalition-of-the-willing"},
        set(),
    ),
    ("Hiệp ước Nhà nước Liên minh có hiệu lực từ lâu.", {"organization:union-state"}, set()),
    ("Tổ chức Hiệp ước An ninh Tập thể (CSTO) họp thường niên.", {"organization:csto"}, set()),
    # a state's ministries and chambers, listed or not
    ("Bộ Ngoại giao Hàn Quốc triệu tập đại sứ.", {"government_body:kor-foreign-ministry"}, set()),
    ("Bộ Ngoại giao Mỹ lên tiếng.", {"government_body:us-state-department"}, {"country:USA"}),
    # outlets in the text
    ("Theo hãng tin Kyodo, cuộc họp kéo dài hai giờ.", {"outlet:kyodo"}, set()),
    ("Thông tin được tờ The Guardian đăng tải.", {"outlet:the-guardian"}, set()),
    (
        "Lính gác trước cổng. Ảnh: Anadolu Agency/TTXVN",
        {"outlet:anadolu-agency", "outlet:vna"},
        set(),
    ),
    ("Ảnh: Trần Minh. Người dân xếp hàng từ sớm.", set(), {"outlet:tran-minh"}),
    ("Hãng hàng không Vietjet tăng chuyến bay.", set(), {"outlet:vietjet", "person:vietjet"}),
    ("Theo Reuters, Khmer Times đưa tin vụ việc.", {"outlet:khmer-times"}, {"outlet:the-times"}),
    ("Nga gửi lô vắc xin Sputnik đầu tiên.", {"country:RUS"}, {"outlet:sputnik"}),
    # people behind titles, honorifics and attributions
    ("Bộ trưởng Quốc phòng Hà Lan Ruben Brekelmans phát biểu.", {"person:ruben-brekelmans"}, set()),
    ("Ngoại trưởng Đức Annalena Baerbock cảnh báo.", {"person:annalena-baerbock"}, set()),
    ("Bà Kaja Kallas kêu gọi đoàn kết.", {"person:kaja-kallas"}, set()),
    ("Chuyên gia Marta Kowalczyk nhận định rủi ro tăng.", {"person:marta-kowalczyk"}, set()),
    (
        "Theo Bryan Haldane, chuyên gia quốc phòng, điều đó khó xảy ra.",
        {"person:bryan-haldane"},
        {"person:theo-bryan-haldane"},
    ),
    ("Vụ việc của Sergei Fedorov gây tranh cãi kéo dài.", {"person:sergei-fedorov"}, set()),
    (
        "Chuyên gia người Anh Ryan Holt nhận định.",
        {"person:ryan-holt", "country:GBR"},
        {"person:anh-ryan-holt"},
    ),
    (
        "Bill Gates, người sáng lập Microsoft, phát biểu.",
        {"person:bill-gates"},
        {"person:microsoft"},
    ),
    ("Một quan chức Mumbai cho biết số ca bệnh tăng.", set(), {"person:mumbai"}),
    # institutions are not people, even behind a title
    ("Lãnh đạo Bộ Tư pháp đề xuất sửa luật.", set(), {"person:bo-tu"}),
    ("Phó Giám đốc Sở Du lịch cho biết lượng khách tăng.", set(), {"person:so-du"}),
    ("Bà Rịa - Vũng Tàu đón nhiều khách du lịch.", set(), {"person:vung-tau", "person:ria"}),
    ("Bệnh nhân mắc Covid-19 được điều trị.", set(), {"person:covid-19"}),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_recognition_rules(text: str, present: set[str], absent: set[str]) -> None:
    found = actors_of(text)
    assert present <= set(found), f"missing {present - set(found)} in {sorted(found)}"
    assert not (absent & set(found)), f"spurious {absent & set(found)}"


@pytest.mark.parametrize(
    ("text", "place", "country_as"),
    [
        ("Hội nghị diễn ra tại Moskva hôm qua.", "place:moscow", None),
        ("Ông ấy bay sang Kiev để gặp các quan chức.", "place:kyiv", None),
        ("Lao công dọn dẹp ở Washington, Mỹ sáng nay.", "place:washington", "name"),
        ("Moskva tuyên bố đáp trả các lệnh trừng phạt.", None, "metonym"),
        ("Washington vẫn chưa đưa ra cam kết cụ thể.", None, "metonym"),
        ("Bắc Kinh phản đối chuyến thăm.", None, "metonym"),
    ],
)
def test_capital_is_place_or_metonym(text: str, place: str | None, country_as: str | None) -> None:
    found = actors_of(text)
    places = {i for i in found if i.startswith("place:")}
    assert places == ({place} if place else set())
    countries = [a for a in found.values() if a.kind == "country"]
    if country_as is None:
        assert not countries
    else:
        assert countries and country_as in mention_kinds(countries[0])


def test_brussels_is_a_place_unless_it_acts() -> None:
    assert "place:brussels" in actors_of("Các bộ trưởng họp tại Brussels.")
    acting = actors_of("NATO tăng cường phòng thủ. Brussels tuyên bố sẽ không lùi bước.")
    assert "place:brussels" not in acting
    assert "metonym" in mention_kinds(acting["organization:nato"])


def test_unknown_small_place_from_its_shape() -> None:
    found = actors_of("Binh sĩ tập trận ở Rukla, Litva năm ngoái.")
    assert found["place:rukla"].country == "LTU"
    assert "country:LTU" in found


@pytest.mark.parametrize(
    ("published", "holder"),
    [("2021-06-01", "person:joe-biden"), ("2025-12-14", "person:donald-trump")],
)
def test_role_resolves_by_date(published: str, holder: str) -> None:
    found = actors_of("Tổng thống Mỹ cho biết sẽ không nhượng bộ.", published=published)
    assert "role" in mention_kinds(found[holder])
    assert "country:USA" in found


def test_role_left_unresolved_without_a_date() -> None:
    found = actors_of("Tổng thống Mỹ cho biết sẽ không nhượng bộ.")
    assert not [a for a in found.values() if a.kind == "person"]


def test_reference_phrase_names_the_holder_and_keeps_the_body() -> None:
    found = actors_of("Ông chủ Nhà Trắng điện đàm với đồng cấp.", published="2025-03-09")
    assert "role" in mention_kinds(found["person:donald-trump"])
    assert "government_body:white-house" in found


def test_new_person_carries_role_and_country() -> None:
    found = actors_of("Bộ trưởng Quốc phòng Estonia Kalle Vaher đến thăm căn cứ.")
    person = found["person:kalle-vaher"]
    assert person.in_kb is False
    assert person.country == "EST"
    assert person.roles == ["Bộ trưởng Quốc phòng Estonia"]


def test_attribution_dash_and_apposition_make_people() -> None:
    text = "“Chúng tôi sẵn sàng”\n— Lena Hartwig, cựu đại sứ Đức tại NATO."
    found = actors_of(text)
    assert "person:lena-hartwig" in found
    assert found["person:lena-hartwig"].roles == ["cựu đại sứ Đức tại NATO"]


def test_surname_links_to_the_full_name_seen_earlier() -> None:
    text = "Chuyên gia Oskar Lindqvist cảnh báo. Theo ông Lindqvist, rủi ro đang tăng."
    found = actors_of(text)
    assert [m.text for m in found["person:oskar-lindqvist"].mentions] == [
        "Oskar Lindqvist",
        "Lindqvist",
    ]


def test_surname_seen_first_joins_the_full_name() -> None:
    text = "Ông Varga nói rằng đàm phán khó khăn. Tamas Varga, nhà phân tích, nói thêm."
    found = actors_of(text)
    assert "person:varga" not in found
    assert len(found["person:tamas-varga"].mentions) == 2


def test_misspelt_kb_name_behind_a_title() -> None:
    found = actors_of("Bộ trưởng Quốc phòng Nga Sergey Shoygu phát biểu.", published="2020-05-01")
    assert "person:sergei-shoigu" in found


def test_misspelling_without_context_is_not_linked() -> None:
    found = actors_of("Sergey Shoygu là một cái tên trong tiểu thuyết.")
    assert "person:sergei-shoigu" not in found


def test_outlets_from_metadata_have_no_mentions() -> None:
    found = actors_of(
        "Không có tên hãng tin nào ở đây.",
        outlet="VTC News",
        credited_sources=["Reuters", "Facebook"],
        photo_credits=["Trần Minh"],
    )
    assert found["outlet:reuters"].from_metadata and not found["outlet:reuters"].mentions
    assert not [i for i in found if "facebook" in i or "tran-minh" in i]


def test_stage_runs_in_the_pipeline() -> None:
    doc = document_from_parts([("title", "Nga và Belarus tập trận"), ("body", "Minsk xác nhận.")])
    out = build_pipeline(["segment", "actors"])(doc)
    assert isinstance(out, Document)
    assert {"country:RUS", "country:BLR"} <= {a.id for a in out.actors}
    belarus = out.actor("country:BLR")
    assert belarus is not None and "metonym" in mention_kinds(belarus)


def test_mentions_point_into_the_text() -> None:
    doc = document_from_parts(
        [("body", "Thủ tướng Anh Keir Starmer gặp Tổng thống Pháp tại Paris, Pháp.")],
        published="2025-03-01",
    )
    for actor in recognise(doc, default_kb()):
        for m in actor.mentions:
            assert doc.text[m.start : m.end] == m.text


def test_word_lists_load_and_point_at_known_countries() -> None:
    from pactwatch.actors.words import WORDS, load_words

    assert load_words() == WORDS
    for name in WORDS.__dataclass_fields__:
        assert getattr(WORDS, name), f"{name} is empty"
    kb = default_kb()
    for short, iso3 in WORDS.compound_short.items():
        assert kb.country(iso3) is not None, f"{short} -> {iso3}"
