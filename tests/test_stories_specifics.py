"""Stories from an incident's specifics, not a topic's or an office's names (issue 17,
the blind sets of domestic news): the administrative abbreviations and the heads of
titles and institutions of Vietnamese news are no names, ages and anniversaries are no
figures of the happening, a figure in millions is a rounded one, a disease is no name,
a province (or a centrally run city) and an office the knowledge base does not know
weigh as a country, and leads agreeing in words tell one happening only when they share
a specific (a person, a place below a province, a figure, a name) or two states. On
sentences and articles we wrote."""

from __future__ import annotations

import stories_support as made
from pactwatch.stories.cluster import StoryArticle, cluster
from pactwatch.stories.features import lead_anchors
from pactwatch.stories.happening import Rarity, covers, happening_score

# -- what a lead names -----------------------------------------------------------------


def test_vietnamese_abbreviations_and_heads_of_titles_are_no_names() -> None:
    text = ("Trưa 3/6, Chủ tịch UBND TP Buôn Ma Thuột cho biết, chiếc xe BKS 47C-123.45 do"
            " anh Lò Văn Khải (SN 1985) điều khiển đã đâm vào Trạm thu phí Cầu Sắt. Phó"
            " Tổng cục trưởng và Chánh Văn phòng Bộ Y tế có mặt.")
    anchors = lead_anchors(text, "vi")
    # the People's Committee, the city, the plate and the year of birth are forms every
    # report fills in; "Phó Tổng", "Chánh Văn", "Bộ Y" are titles and an institution
    assert anchors == ["#12345", "#47", "buôn ma thuột", "cầu sắt", "lò văn khải"]


def test_ages_anniversaries_and_diseases_are_no_anchors() -> None:
    text = ("Lễ kỷ niệm 46 năm Ngày Giải phóng diễn ra tại Đà Lạt, nơi cụ Hà Văn Tám (91 tuổi)"
            " kể lại, giữa lúc dịch Covid-19 đang lan rộng.")
    assert lead_anchors(text, "vi") == ["hà văn tám", "đà lạt"]
    english = "The 75th anniversary drew a 20-year-old Nowak to Gdansk as Covid-19 spread."
    assert lead_anchors(english, "en") == ["gdansk", "nowak"]


def test_a_figure_in_millions_is_rounded_and_says_less_than_its_digits() -> None:
    text = "Thế giới ghi nhận hơn 148 triệu ca mắc, trong đó 3.145.872 ca tử vong."
    assert lead_anchors(text, "vi") == ["#3145872", "#~148"]
    assert lead_anchors("The world has 148 million cases.", "en") == ["#~148"]
    rarity = Rarity()
    assert rarity.anchor_weight("#~148") == rarity.anchor_weight("#48") == 0.5
    assert rarity.anchor_weight("#~31") == 0.25  # "3,1 triệu", "3.1 million"


# -- how much an anchor says ------------------------------------------------------------


def test_a_province_a_central_city_and_an_unknown_office_weigh_as_a_country() -> None:
    rarity = Rarity()
    for i in range(40):
        rarity.add({"anchors": [f"tên{i}"]})
    # a province by its id or as a lead writes it, and Ho Chi Minh City's abbreviation
    assert rarity.anchor_weight("place:ha-tinh") == 0.25
    assert rarity.anchor_weight("hà tĩnh") == 0.25
    assert rarity.anchor_weight("tphcm") == 0.25
    # a district is a place of few happenings
    assert rarity.anchor_weight("place:cam-xuyen") == 0.5
    # "Cục Thi hành án" of any province, made an actor from a heading; a body the
    # knowledge base knows is one actor
    assert rarity.anchor_weight("government_body:cuc-thi-hanh") == 0.25
    assert rarity.anchor_weight("government_body:white-house") == 0.5


def test_a_whole_name_a_lead_writes_matches_the_person_another_lead_names() -> None:
    written = {"trương hòa bình": 0.5, "tphcm": 0.25}
    known = {"person:truong-hoa-binh": 0.5, "tphcm": 0.25}
    assert covers(written, known)


# -- pairs and stories ------------------------------------------------------------------


_BULLETIN = ["ca mắc", "ghi nhận", "triệu ca", "tử vong", "nguy cơ", "dịch bệnh"]


def _rarity(articles: list[StoryArticle]) -> Rarity:
    rarity = Rarity()
    for article in articles:
        rarity.add(article.features)
    return rarity


def test_leads_in_a_topic_s_words_naming_one_country_are_two_happenings() -> None:
    # two meetings of one day recalling the world's and India's tallies in the same words
    hanoi = made.article("h1", "2025-06-20", made.features(["country:IND", "#147"], _BULLETIN,
                                                   "2025-06-20"))
    board = made.article("h2", "2025-06-20", made.features(["country:IND", "#148"], _BULLETIN,
                                                   "2025-06-20"))
    # ... and two reports of one village's flood, in the same words, naming the village
    flood = ["lũ quét", "cuốn trôi", "mưa lớn", "người dân", "tìm kiếm", "mất tích"]
    first = made.article("v1", "2025-06-20", made.features(["country:VNM", "place:mu-cang-chai"], flood,
                                                   "2025-06-20"))
    second = made.article("v2", "2025-06-20", made.features(["country:VNM", "place:mu-cang-chai"],
                                                    flood, "2025-06-20"))
    articles = [*made.FILLER, hanoi, board, first, second]
    rarity = _rarity(articles)
    assert happening_score("h1", hanoi.features, "h2", board.features, rarity) == 0.0
    assert happening_score("v1", first.features, "v2", second.features, rarity) > 0.55
    assert [s.members for s in cluster(articles)] == [["v1", "v2"]]


def test_two_states_in_the_same_words_are_what_passes_between_them() -> None:
    words = ["trục xuất", "nhà ngoại", "ngoại giao", "đại sứ", "sứ quán", "đáp trả"]
    prague = made.article("e1", "2025-06-20", made.features(["country:CZE", "country:RUS"], words))
    moscow = made.article("e2", "2025-06-21", made.features(["country:CZE", "country:RUS"], words))
    # one state's news in the same words is no pair
    alone = made.article("e3", "2025-06-21", made.features(["country:CZE"], words))
    rarity = _rarity([*made.FILLER, prague, moscow, alone])
    assert happening_score("e1", prague.features, "e2", moscow.features, rarity) > 0.55
    assert happening_score("e3", alone.features, "e2", moscow.features, rarity) == 0.0
