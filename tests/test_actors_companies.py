"""Companies the KB does not list (actors/organizations.py): each case is a sentence
written for the test with the construction an article used, with other names."""

from __future__ import annotations

import pytest

from pactwatch.actors.kb import default_kb
from pactwatch.actors.stage import recognise
from pactwatch.document import Actor, Document


def actors(text: str) -> dict[str, Actor]:
    return {a.id: a for a in recognise(Document(text=text, id="t"), default_kb())}


@pytest.mark.parametrize(
    ("text", "actor_id", "said"),
    [
        # a company word, a lower-case description of the trade, a foreign name
        ("Chiếc máy bay thuộc hãng hàng không Garuda Airlines đã hạ cánh.",
         "organization:garuda-airlines", "Garuda Airlines"),
        ("Hãng hàng không Vistara Air cho biết chuyến bay bị hoãn.",
         "organization:vistara-air", "Vistara Air"),
        ("Tàu được đặt hàng từ hãng đóng tàu KSW của Đức.", "organization:ksw", "KSW"),
        ("Công ty khảo sát địa chất Terra Nova đã gửi robot xuống đáy hồ.",
         "organization:terra-nova", "Terra Nova"),
        ("Tàu được sửa chữa tại tập đoàn cơ khí và đóng tàu Hanjin Marine.",
         "organization:hanjin-marine", "Hanjin Marine"),
        # makers listed after a maker noun, and the maker that owns a vaccine
        ("Bộ Y tế mua thêm vắc xin của 3 nhà sản xuất gồm Novavax, Moderna và Gamaleya.",
         "organization:gamaleya", "Gamaleya"),
        ("Bộ Y tế mua thêm vắc xin của 3 nhà sản xuất gồm Novavax, Moderna và Gamaleya.",
         "organization:novavax", "Novavax"),
        ("Nước này sẽ nhận vắc xin Covid-19 của Novavax vào tháng tới.",
         "organization:novavax", "Novavax"),
    ],
)
def test_companies(text: str, actor_id: str, said: str) -> None:
    found = actors(text)
    assert actor_id in found, sorted(found)
    actor = found[actor_id]
    assert actor.kind == "organization" and not actor.in_kb
    assert said in [m.text for m in actor.mentions]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # a clause between the company word and the name: the name is not the company's
        ("Công ty này cho biết Rosneft đã tăng giá.", "organization:rosneft"),
        ("Hãng tin AFP đưa tin hôm qua.", "organization:afp"),
        # a vaccine named without "của" is a product, not its maker
        ("Ấn Độ tiêm vắc xin Covaxin cho người cao tuổi.", "organization:covaxin"),
        # a state after "của" is the state
        ("Lô vắc xin của Mỹ đã tới Hà Nội.", "organization:my"),
    ],
)
def test_not_companies(text: str, wrong: str) -> None:
    assert wrong not in actors(text)
