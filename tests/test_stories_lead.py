"""Stories from the happening each report leads with (issue 17, precision): the names a
lead states (known actors by id, Vietnamese titles left out), its first paragraphs only,
weak anchors for a topic's own names, the day a lead dates its happening, a story joined
only by an article that carries its core, two stories merged only when they agree, and
stored features of another recipe rebuilt. On sentences and articles we wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import stories_support as made
from pactwatch.ingest.batch import ingest_paths
from pactwatch.store import open_store
from pactwatch.stories.build import update_stories
from pactwatch.stories.cluster import StoryArticle, cluster
from pactwatch.stories.features import FEATURES_VERSION, article_features, lead_anchors
from pactwatch.stories.happening import Rarity, covers, happening_score, story_core

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# -- what a lead names -----------------------------------------------------------------

LEAD = ('"Chúng tôi sẵn sàng đối thoại", Tổng thống Ba Lan Andrzej Nowak nói tại Gdańsk'
        " ngày 3/6, khi tàu hộ vệ Hải Yến 412 của Hạm đội Biển Bắc cập cảng. Đại sứ Nga"
        " cũng có mặt.")


def _span(text: str, name: str, actor_id: str | None) -> tuple[int, int, str | None]:
    at = text.index(name)
    return at, at + len(name), actor_id


def test_a_lead_names_known_actors_by_id_and_leaves_titles_out() -> None:
    names = [_span(LEAD, "Ba Lan", "country:POL"),
             _span(LEAD, "Andrzej Nowak", "person:andrzej-nowak"),
             _span(LEAD, "Nga", "country:RUS")]
    # "Chúng" opens a quotation, "Tổng" (thống), "Hạm" (đội) and "Đại" (sứ) are the
    # capitalised first syllables of a title or an institution; "Hải Yến" and "Biển Bắc"
    # are names of several syllables; "Gdańsk" is a word of another language
    assert lead_anchors(LEAD, "vi", names) == [
        "#412", "biển bắc", "country:POL", "country:RUS", "gdańsk", "hải yến",
        "person:andrzej-nowak"]


def test_english_titles_times_and_title_case_headlines_are_no_names() -> None:
    text = "Polish President Andrzej Nowak said on Monday in Gdansk that the Hai Yen docked."
    names = [_span(text, "Andrzej Nowak", "person:andrzej-nowak"), _span(text, "Monday", None)]
    assert lead_anchors(text, "en", names) == ["gdansk", "hai", "person:andrzej-nowak", "yen"]
    assert lead_anchors("Nowak Says Talks In Gdansk Yield Progress", "en", capitals=False) == []


def _record(text: str, actors: list[dict[str, Any]], times: list[dict[str, Any]],
            title: str = "Tàu Hải Yến cập cảng Gdańsk") -> dict[str, Any]:
    return {"document": {"id": "r1", "text": text, "title": title, "language": "vi",
                         "zones": [{"start": 0, "end": len(text), "kind": "body"}]},
            "actors": actors, "times": times, "events": [], "quotes": []}


def test_the_anchors_and_the_day_are_read_off_the_first_paragraphs() -> None:
    first = ("Hải quân Ba Lan ngày 3/6 thông báo tàu hộ vệ Hải Yến đã cập cảng Gdańsk sau"
             " chuyến tuần tra kéo dài 41 ngày trên biển, lần đầu tiên kể từ khi tàu được"
             " hạ thủy. Theo thông báo, thủy thủ đoàn gồm 96 người đều khỏe mạnh và con tàu"
             " không gặp sự cố kỹ thuật nào trong suốt hải trình.")
    second = ("Chỉ huy tàu cho biết các thủy thủ sẽ được nghỉ phép hai tuần trước khi tàu"
              " tiếp tục nhiệm vụ huấn luyện cùng các đơn vị khác vào mùa hè.")
    third = "Năm ngoái, hải quân nước này nhận thêm 2.750 tỷ đồng ngân sách mua sắm."
    text = "\n".join(["Ảnh: tàu Hải Yến tại cảng (Ảnh: Hải quân)", "Tàu Hải Yến cập cảng Gdańsk",
                      first, second, third])
    at = text.index("Ba Lan")
    day = text.index("ngày 3/6")
    record = _record(
        text,
        [{"id": "country:POL", "kind": "country",
          "mentions": [{"start": at, "end": at + 6, "text": "Ba Lan"}]}],
        [{"start": day, "end": day + 8, "value": "2025-06-03", "granularity": "day"},
         {"start": text.index("Năm ngoái"), "end": text.index("Năm ngoái") + 9,
          "value": "2024", "granularity": "year"}])
    features = article_features(record)
    assert features["version"] == FEATURES_VERSION
    # the caption and the title's repeat are no paragraph; the third paragraph's
    # budget is background, not what the report leads with
    assert features["anchors"] == ["#41", "#96", "country:POL", "gdańsk", "hải yến"]
    assert features["lead_day"] == "2025-06-03"


def test_a_day_a_later_paragraph_recalls_does_not_date_the_lead() -> None:
    text = "\n".join(["Đại sứ Ba Lan chưa có kế hoạch rời Minsk.",
                      "Theo báo Gazeta, ông sẽ chỉ về nước khi được yêu cầu chính thức.",
                      "Hôm 1/6, Bộ Ngoại giao Belarus đã khuyên ông về nước tham vấn."])
    at = text.index("Hôm 1/6")
    record = _record(text, [], [{"start": at, "end": at + 7, "value": "2025-06-01",
                                 "granularity": "day"}], title="")
    features = article_features(record)
    assert features["lead_day"] is None
    assert "belarus" in features["anchors"]  # the short paragraphs are all read for names
    assert "bộ ngoại" not in features["anchors"]  # an institution's head is no name


# -- how much an anchor says ------------------------------------------------------------


def test_an_anchor_weighs_by_its_kind_and_fades_as_the_topic_s_name() -> None:
    rarity = Rarity()
    for i in range(40):
        rarity.add({"anchors": [f"tên{i}"] + (["country:IND"] if i < 12 else [])
                    + (["covid-19"] if i < 16 else [])})
    assert rarity.anchor_weight("#386452") == 1.0  # one day's count
    assert rarity.anchor_weight("#150000") == 0.5  # a round number
    assert rarity.anchor_weight("#53") == 0.5
    assert rarity.anchor_weight("nanggala") == 0.5
    assert rarity.anchor_weight("person:andrzej-nowak") == 0.5
    # a country the period's articles name in 12 of 40 (30 %): a weak anchor
    assert 0 < rarity.anchor_weight("country:IND") < 0.25 / 2
    # a name in 16 of 40 (more than ANCHOR_SHARE): the topic itself, no anchor
    assert rarity.anchor_weight("covid-19") == 0.0


def test_a_name_one_lead_writes_matches_the_actor_another_lead_names() -> None:
    # "kênh Suez" recognised as the place in one report, left a written name in another
    written = {"suez": 0.5, "#4120": 0.75, "aisha": 0.5}
    known = {"place:suez": 0.5, "#4120": 0.75, "person:mohammad-aisha": 0.5}
    core = story_core([known, {**known, "country:EGY": 0.25}])
    assert covers(written, core)
    # ... but a name is not counted twice when both leads carry the actor's id
    assert not covers({"suez": 0.5, "place:suez": 0.5}, {"place:suez": 0.5, "#4120": 0.75})


# -- pairs and stories ------------------------------------------------------------------


_BULLETIN = ["bộ y", "y tế", "ca mắc", "ca tử", "tử vong", "kỷ lục", "trong ngày"]


def _rarity(articles: list[StoryArticle]) -> Rarity:
    rarity = Rarity()
    for article in articles:
        rarity.add(article.features)
    return rarity


def test_bulletins_in_the_same_words_on_other_days_are_other_happenings() -> None:
    # two days' bulletins from one city: the same words, the same weak names, no
    # shared figure; their leads date them to the 25th and the 27th
    day_25 = made.article("b25", "2025-06-26", made.features(["country:THA", "place:bangkok"],
                                                     _BULLETIN, "2025-06-25"))
    day_27 = made.article("b27", "2025-06-27", made.features(["country:THA", "place:bangkok"],
                                                     _BULLETIN, "2025-06-27"))
    same_day = made.article("c27", "2025-06-27", made.features(["country:THA", "place:bangkok"],
                                                       _BULLETIN, "2025-06-27"))
    rarity = _rarity([*made.FILLER, day_25, day_27, same_day])
    score = happening_score("b25", day_25.features, "b27", day_27.features, rarity)
    assert score == 0.0
    assert happening_score("c27", same_day.features, "b27", day_27.features, rarity) > 0.55
    assert [s.members for s in cluster([*made.FILLER, day_25, day_27, same_day])] == [
        ["b27", "c27"]]


def test_an_article_close_to_one_report_joins_only_a_story_whose_core_it_carries() -> None:
    words = ["tập trận", "tàu chiến", "quân nhân", "bán đảo", "bộ trưởng", "quốc phòng"]
    # two reports of one drill: its figure and its range's name lead both
    drill = [made.article(f"d{i}", "2025-06-10",
                      made.features(["#12650", "opuk", "place:crimea"], words)) for i in (1, 2)]
    # the minister's order of the same day, on the same peninsula, in many of the same
    # words: it shares the minister and the place with the second report only
    order = made.article("o1", "2025-06-10", made.features(
        ["place:crimea", "person:minister"], [*words, "rút quân", "căn cứ"]))
    drill[1].features["anchors"].append("person:minister")
    rarity = _rarity([*made.FILLER, *drill, order])
    # close enough to that report to join a story of it alone ...
    assert happening_score("o1", order.features, "d2", drill[1].features, rarity) >= 1.0
    # ... but the story's core is the drill's figure and range, which the order lacks
    core = story_core(rarity.view(d.doc_id, d.features).anchors for d in drill)
    assert set(core) == {"#12650", "opuk", "place:crimea"}
    assert not covers(rarity.view("o1", order.features).anchors, core)
    stories = cluster([*made.FILLER, *drill, order])
    assert [s.members for s in stories] == [["d1", "d2"]]


def test_an_article_merges_two_stories_only_when_they_agree() -> None:
    words = ["máy bay", "vận tải", "viện trợ", "bình ôxy", "hạ cánh", "sân bay"]
    feature = ["bệnh viện", "thiếu ôxy", "người dân", "chờ đợi", "hạ cánh", "sân bay"]
    # the first relief flight, reported by its cargo figure and by its aircraft's name
    cargo = made.article("f1", "2025-06-20", made.features(["#95", "#1250", "place:mumbai"], words))
    plane = made.article("f2", "2025-06-20", made.features(["#1250", "c-5m", "galaxy"], words))
    # a feature on the hospitals, in some of the same words, naming only the city
    wards = made.article("f3", "2025-06-20", made.features(["place:mumbai", "tên99"], feature))
    # a report naming the cargo, the aircraft and the city, in words of both
    bridge = made.article("f4", "2025-06-21", made.features(
        ["#95", "#1250", "c-5m", "galaxy", "place:mumbai"], [*words, *feature]))
    rarity = _rarity([*made.FILLER, cargo, plane, wards, bridge])
    assert happening_score("f4", bridge.features, "f3", wards.features, rarity) >= 0.55
    stories = cluster([*made.FILLER, cargo, plane, wards, bridge])
    # it leads with the flight's anchors, as both reports of the flight do: one story;
    # it is close to the feature too, but by words and the city's name, not the flight's
    assert [sorted(s.members) for s in stories] == [["f1", "f2", "f4"]]


# -- features of another recipe -------------------------------------------------------


def test_stored_features_of_another_version_are_rebuilt(tmp_path: Path) -> None:
    with open_store(tmp_path / "v.db") as store:
        ingest_paths([FIXTURES / "stories_wire"], store)
        first = update_stories(store)
        rows = list(store.story_signatures())
        for row in rows:  # as an older recipe stored them
            row["features"].pop("version")
        store.save_story_signatures(rows)
        # one more report of the same days (a copy of one under another outlet's name)
        wire = (FIXTURES / "stories_wire" / "wire_tin_a.md").read_text(encoding="utf-8")
        late = tmp_path / "muon.md"
        late.write_text(wire.replace("Tin Nhanh Quốc Tế", "Báo Đến Muộn")
                        .replace("đã ký", "vừa ký"), encoding="utf-8")
        ingest_paths([late], store)
        again = update_stories(store)
        # every article signed again (not just the new one), its stories made anew
        assert again.signed == first.signed + 1
        assert {r["features"]["version"] for r in store.story_signatures()} == {
            FEATURES_VERSION}
        assert again.stories == first.stories
