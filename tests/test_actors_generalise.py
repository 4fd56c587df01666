"""Rules that carry the actor stage beyond the seed articles (held-out Dân trí world news).

Every sentence here is our own, written in the style of 2020-2021 world news:
capitals used as places, unlisted places behind place nouns and in lists, armed
services, oceans that hold a country's name, agreements named after capitals,
postings of ambassadors, and people met again by surname or given name.
"""

from __future__ import annotations

import pytest

from pactwatch.actors.context import previous_word
from pactwatch.actors.kb import default_kb
from pactwatch.actors.stage import recognise
from pactwatch.document import Actor
from pactwatch.ingest.build import document_from_parts


@pytest.fixture(autouse=True)
def no_user_kb(monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's own KB file must not change what these tests see."""
    monkeypatch.setenv("PACTWATCH_KB_LOCAL", "/nonexistent/pactwatch-test-kb.yaml")


def actors_of(text: str, published: str | None = "2021-04-23") -> dict[str, Actor]:
    doc = document_from_parts([("body", text)], published=published)
    return {a.id: a for a in recognise(doc, default_kb())}


# (sentence, ids that must be found, ids that must not be)
CASES = [
    # a capital the KB lists only as its country's metonym is a place where located
    (
        "Hội nghị diễn ra tại thủ đô Jakarta của Indonesia.",
        {"place:jakarta", "country:IDN"},
        set(),
    ),
    ("Jakarta tuyên bố sẽ không cho nước ngoài đặt căn cứ.", {"country:IDN"}, {"place:jakarta"}),
    ("Ba nhân viên phải rời Đại sứ quán Nga tại Bratislava.", {"place:bratislava"}, set()),
    # unlisted places behind a place noun, and the rest of a list of places
    ("Khí tài vẫn được giữ ở vùng Voronezh.", {"place:voronezh"}, set()),
    (
        "Binh sĩ trở lại căn cứ ở Vladikavkaz và Novosibirsk.",
        {"place:vladikavkaz", "place:novosibirsk"},
        set(),
    ),
    (
        "Các đơn vị trở về căn cứ ở Pskov, Ivanovo và vùng Krasnodar.",
        {"place:pskov", "place:ivanovo", "place:krasnodar"},
        set(),
    ),
    ("Tin đồn về quần đảo Natuna lan rộng.", {"place:natuna-islands"}, set()),
    # a list that does not follow a place makes no place of a name
    ("Ông Biden, Merkel và Macron đã điện đàm.", set(), {"place:merkel", "place:macron"}),
    # a comma after a place may open an apposition: a person with a title, not a place
    (
        "Điều phối viên về Ấn Độ Dương - Thái Bình Dương, Kurt Campbell, Tổng thống Biden nói.",
        {"place:indo-pacific"},
        {"place:kurt-campbell"},
    ),
    # an armed service named by its head and its country, which it names too (the
    # gold convention: a state named only as its service's owner is listed)
    ("Hải quân Indonesia tìm thấy mảnh vỡ.", {"government_body:idn-navy", "country:IDN"}, set()),
    ("Hải quân Mỹ đã có đủ tàu sân bay.", {"government_body:us-navy"}, set()),
    # ... but not inside a person's title
    (
        "Bộ trưởng Lục quân Mỹ Dan Driscoll tới Kiev.",
        {"person:dan-driscoll"},
        {"government_body:usa-army"},
    ),
    # oceans hold a country's name and are not the country
    (
        "Mỹ điều tàu tới Ấn Độ Dương và Thái Bình Dương.",
        {"country:USA"},
        {"country:IND"},
    ),
    ("Ấn Độ điều tàu chiến ra biển.", {"country:IND"}, set()),
    (
        "Tổ chức Hiệp ước Bắc Đại Tây Dương họp tại Brussels.",
        {"organization:nato"},
        set(),
    ),
    # an agreement named after a capital is not the capital's country acting
    ("Các bên đạt được thỏa thuận Minsk vào năm 2015.", set(), {"country:BLR"}),
    ("Ông Putin có chuyến thăm tới Minsk.", {"place:minsk"}, set()),
    # Xinjiang, not Qin Gang (the two differ only by a tone mark)
    ("Bắc Kinh yêu cầu không can thiệp vào Tân Cương.", {"place:xinjiang"}, {"person:qin-gang"}),
    # contested seas and islands
    (
        "Tàu Trung Quốc neo đậu tại Đá Ba Đầu thuộc quần đảo Trường Sa ở Biển Đông.",
        {"place:whitsun-reef", "place:spratly-islands", "place:south-china-sea"},
        set(),
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_generalising_rules(text: str, present: set[str], absent: set[str]) -> None:
    found = actors_of(text)
    assert present <= set(found), f"missing {present - set(found)} in {sorted(found)}"
    assert not absent & set(found), f"unexpected {absent & set(found)}"


def test_every_listed_capital_has_a_place_entry() -> None:
    kb = default_kb()
    for country in kb.of_kind("country"):
        for capital in country.metonyms:
            places = [e for e in kb.find(capital) if e.kind == "place"]
            assert places, f"{country.id}: no place for {capital}"
    jakarta = kb.get("place:jakarta")
    assert jakarta is not None and jakarta.country == "IDN" and jakarta.source


def test_an_ambassador_needs_the_posting_the_text_names() -> None:
    # "Đại sứ Mỹ" alone names no one: the KB's US ambassador to the UN is not meant
    alone = actors_of("Đại sứ Mỹ cho biết sẽ không rời đi.", "2021-04-20")
    assert "person:linda-thomas-greenfield" not in alone
    posted = actors_of("Đại sứ Mỹ tại Nga cho biết sẽ không rời đi.", "2021-04-20")
    assert "person:john-j-sullivan" in posted
    assert posted["person:john-j-sullivan"].roles == ["Đại sứ Mỹ tại Nga"]
    at_un = actors_of("Đại sứ Mỹ tại Liên Hợp Quốc phát biểu.", "2022-03-01")
    assert "person:linda-thomas-greenfield" in at_un


def test_a_name_after_the_posting_is_the_mention() -> None:
    found = actors_of("Đại sứ Nga tại Mỹ Anatoly Antonov vẫn ở Moscow.", "2021-04-20")
    assert "person:anatoly-antonov" in found
    assert found["person:anatoly-antonov"].roles == ["Đại sứ Nga tại Mỹ"]
    assert [m.text for m in found["person:anatoly-antonov"].mentions] == ["Anatoly Antonov"]


def test_a_surname_joins_the_person_named_in_full_before_it() -> None:
    text = (
        "Đại sứ Mỹ tại Nga John Sullivan không có kế hoạch rời Nga. "
        "Theo Axios, ông Sullivan chỉ rời đi nếu bị buộc."
    )
    found = actors_of(text, "2021-04-20")
    assert "person:jake-sullivan" not in found
    assert [m.text for m in found["person:john-j-sullivan"].mentions] == [
        "John Sullivan",
        "Sullivan",
    ]


def test_a_surname_is_not_a_near_spelling_of_someone_else() -> None:
    text = (
        "Người phát ngôn Bộ Ngoại giao Mỹ Ned Price cho biết Washington theo dõi sát. "
        '"Tất cả mới chỉ là thông báo", ông Price nói.'
    )
    found = actors_of(text, "2021-04-23")
    assert "person:mike-pence" not in found
    assert len(found["person:ned-price"].mentions) == 2


def test_a_given_name_alone_joins_a_person_met_in_full() -> None:
    text = (
        "Người phát ngôn Bộ Ngoại giao Indonesia, ông Teuku Faizasyah cho biết như vậy. "
        "Ông Teuku khẳng định đầu tư không liên quan đến căn cứ quân sự."
    )
    people = [a for a in actors_of(text, "2020-11-01").values() if a.kind == "person"]
    assert [p.id for p in people] == ["person:teuku-faizasyah"]
    assert len(people[0].mentions) == 2


def test_a_byline_is_not_germany() -> None:
    found = actors_of("Nga trục xuất 10 nhà ngoại giao Mỹ.\nĐức Hoàng\nTheo Tass")
    assert "country:DEU" not in found


@pytest.mark.parametrize(
    ("text", "position", "word"),
    [
        ("tại Moskva", 4, "tại"),
        ("thủ đô  Kiev", 8, "đô"),
        ("Nga.\nKiev", 5, ""),
        ("Nga, Kiev", 5, ""),
        ("Bắc-Kinh", 4, "Bắc-"),
    ],
)
def test_previous_word(text: str, position: int, word: str) -> None:
    assert previous_word(text, position) == word


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # introduced with its abbreviation: the name's initials spell it
        (
            "EU trừng phạt Myanmar Economic Corporation (MEC). MEC chi phối nhiều ngành.",
            {"organization:myanmar-economic-corporation"},
            {"country:MMR"},
        ),
        # ... unless the KB knows it
        ("Báo cáo của North Atlantic Treaty Organization (NATO).", {"organization:nato"}, set()),
        # letters that do not spell the name: no organisation
        ("Theo Reuters News Agency (AFP) đưa tin.", set(), {"organization:reuters-news-agency"}),
        # a foreign name behind a company word; Vietnamese company forms are not names
        ("Séc ngăn công ty Rosatom của Nga dự thầu.", {"organization:rosatom"}, set()),
        ("Công ty TNHH Viphaco cho biết.", {"organization:viphaco"}, {"organization:tnhh"}),
        ("Công ty TNHH của ông đã giải thể.", set(), {"organization:tnhh"}),
    ],
)
def test_organisations_by_their_shape(text: str, present: set[str], absent: set[str]) -> None:
    found = actors_of(text)
    assert present <= set(found), f"missing {present - set(found)} in {sorted(found)}"
    assert not absent & set(found), f"unexpected {absent & set(found)}"
    for actor in found.values():
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_a_short_surname_two_edits_away_is_someone_else() -> None:
    # "Kirby" is two edits from "Kerry": for a short surname that is another person,
    # even with the same given name and a title in front.
    found = actors_of("Người phát ngôn Lầu Năm Góc John Kirby cho biết Mỹ lo ngại.")
    assert "person:john-kerry" not in found
