"""Stories from what happened: lead anchors, the anchor gate between a topic and a
happening, stories joined by a few of their reports, translations crediting their
original, and the claims table end to end (CLI and /api/stories), on texts we wrote."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from fastapi.testclient import TestClient

from pactwatch.api.app import create_app
from pactwatch.cli.main import cli
from pactwatch.ingest.batch import ingest_paths
from pactwatch.store import open_store
from pactwatch.stories.build import update_stories
from pactwatch.stories.cluster import StoryArticle, cluster
from pactwatch.stories.features import lead_anchors
from pactwatch.stories.minhash import signature

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def test_lead_anchors_are_figures_and_names_inside_sentences() -> None:
    lead = ("Tàu cá Hải Âu 170 mất liên lạc. Lực lượng cứu hộ Philippines tìm thấy 42 ngư dân"
            " ngày 12/6\nSáng nay trời mưa, NATO họp")
    # days and months say nothing (every article has one); the first word of a sentence
    # or a line is capitalised whatever it is
    assert lead_anchors(lead) == ["#170", "#42", "hải", "nato", "philippines", "âu"]


def _features(anchors: list[str], terms: list[str], salient: list[str]) -> dict[str, Any]:
    return {"anchors": anchors, "terms": {t: 1 for t in terms}, "salient": salient,
            "places": [], "events": [], "quotes": []}


def _article(doc_id: str, day: str, features: dict[str, Any]) -> StoryArticle:
    # texts that share no shingle: only what they report can link them
    return StoryArticle(doc_id, signature(f"{doc_id} {doc_id}a {doc_id}b {doc_id}c"), earliest=day,
                        latest=day, features=features, language="vi")


# a month of unrelated articles, so that rarity means something
_FILLER = [_article(f"z{i:02d}", f"2025-06-{i % 28 + 1:02d}",
                    _features([f"tên{i}"], [f"chuyện {i}", f"việc {i}"], [f"country:X{i}"]))
           for i in range(30)]
_TOPIC = ["dịch bệnh", "ca mắc", "bệnh viện", "thiếu oxy", "tử vong"]


def test_a_shared_topic_is_not_a_happening_but_a_shared_rare_anchor_is() -> None:
    crisis = {"country:LAO"}
    # two daily bulletins of one outbreak: the same words and actor, other figures
    day_one = _article("a1", "2025-06-10", _features(["#4120", "vientiane"], _TOPIC,
                                                     sorted(crisis)))
    day_two = _article("a2", "2025-06-11", _features(["#5230", "vientiane"], _TOPIC,
                                                     sorted(crisis)))
    # a third article on the outbreak that leads with the second day's figure
    same_day_two = _article("a3", "2025-06-11", _features(["#5230", "vientiane"], _TOPIC,
                                                          sorted(crisis)))
    # "vientiane" is the topic's name, stated by every bulletin of the week
    week = [_article(f"b{i}", f"2025-06-{9 + i % 4:02d}",
                     _features([f"#{9000 + i}", "vientiane"], _TOPIC[:3], sorted(crisis)))
            for i in range(4)]
    # ten other articles: the outbreak's name is in more than ANCHOR_SHARE of the period's
    stories = cluster([*_FILLER[:10], *week, day_one, day_two, same_day_two])
    assert [sorted(s.members) for s in stories] == [["a2", "a3"]]


def test_two_happenings_on_the_same_actors_a_week_apart_stay_apart() -> None:
    actors = ["country:POL", "country:FIN"]
    words = ["ký kết", "phòng không", "hợp tác", "quốc phòng"]
    signed = _article("p1", "2025-06-02", _features(["#340", "turku"], words, actors))
    drill = _article("p2", "2025-06-09", _features(["#340", "turku"], words, actors))
    assert cluster([*_FILLER, signed, drill]) == []


def test_a_long_story_is_joined_by_matching_a_few_of_its_reports() -> None:
    words = ["tàu cá", "mất tích", "cứu hộ", "ngư dân"]
    search = [_article(f"s{i}", "2025-06-15", _features(["#17", "hải âu"], words,
                                                        ["country:PHL"])) for i in range(5)]
    # the families' interviews share the boat's name and figure but few of the words
    family = [_article(f"f{i}", "2025-06-16", _features(["#17", "hải âu"],
                                                        ["gia đình", "chờ đợi", "ngư dân"],
                                                        ["country:PHL"])) for i in range(2)]
    stories = cluster([*_FILLER, *search, *family])
    assert [sorted(s.members) for s in stories] == [sorted(a.doc_id for a in search + family)]


# -- a translation crediting its original (issue 14), on our own example ---------------


def test_an_example_and_the_english_report_it_credits_are_one_story(tmp_path: Path) -> None:
    """examples/2025-09-ba-lan-drone.txt credits Reuters and states no figure and no date;
    our English report of the same happening, by Reuters, joins it and is its original."""
    db = tmp_path / "o.db"
    with open_store(db) as store:
        ingest_paths([ROOT / "examples", FIXTURES / "stories_originals"], store)
        update_stories(store)
        ids = {Path(p or "").name: i for i, p, _ in store.document_paths()}
        stories = [store.get_story(s["id"]) for s in store.list_stories()]
    english, vietnamese = ids["2025-09-poland-drones-reuters.md"], ids["2025-09-ba-lan-drone.txt"]
    assert [sorted(m["doc_id"] for m in s["members"]) for s in stories if s] == [
        sorted([english, vietnamese])]
    with TestClient(create_app(str(db))) as client:
        translation = client.get(f"/api/documents/{vietnamese}").json()
        original = client.get(f"/api/documents/{english}").json()
    assert [o["id"] for o in translation["originals"]] == [english]
    assert [t["id"] for t in original["translations"]] == [vietnamese]


# -- the claims table end to end -------------------------------------------------------

STORY = "s-3493a6240dc29fe8"


def _claims_db(tmp_path: Path) -> str:
    db = str(tmp_path / "claims.db")
    result = CliRunner().invoke(cli, ["ingest", str(FIXTURES / "stories_claims"), "--db", db,
                                      "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def test_the_claims_table_shows_first_reports_single_sources_and_disagreements(
        tmp_path: Path) -> None:
    db = _claims_db(tmp_path)
    with TestClient(create_app(db)) as client:
        story = client.get(f"/api/stories/{STORY}").json()
    assert story["size"] == 3
    table = {(c["kind"], c["type"], json.dumps(c["parties"], sort_keys=True)): c
             for c in story["claims_table"]}
    agree = next(c for k, c in table.items() if k[1] == "AGREE")
    assert agree["first_report"]["outlet"] == "Harbour Wire"  # the earliest of three
    assert agree["n_independent"] == 3 and not agree["single_source"]
    # Japan's welcome is carried by the Gazette alone
    welcome = next(c for k, c in table.items() if "country:JPN" in k[2])
    assert welcome["single_source"] and welcome["outlets"] == ["Island Gazette"]
    # whom China opposed: no one named (two outlets) or both countries (the Gazette)
    opposed = [c for k, c in table.items() if k[1] == "REJECT"]
    assert len(opposed) == 2
    assert all(d["on"] == "party" for c in opposed for d in c["disagreements"])
    shown = CliRunner().invoke(cli, ["stories", "show", STORY, "--db", db],
                               env={"COLUMNS": "240"})
    assert shown.exit_code == 0, shown.output
    # Manalo's words, carried by two outlets, are a claim of their own
    assert "claims: 9 (4 from a single source, 2 disputed)" in shown.output
    assert "party: - / country:PHL,country:VNM" in shown.output
    assert "2026-03-12 Island Gazette" in shown.output


# -- new articles found from the newest signed one -------------------------------------


def test_new_articles_are_found_even_after_a_clock_set_back(tmp_path: Path) -> None:
    from unittest.mock import patch

    from pactwatch.store import sql as store_sql

    with open_store(tmp_path / "u.db") as store:
        # the first articles stamped by a clock a year ahead of this one
        with patch.object(store_sql, "now_iso", lambda: "2099-01-01T00:00:00+00:00"):
            ingest_paths([FIXTURES / "stories"], store)
        update_stories(store)
        assert store.unsigned_documents() == []
        ingest_paths([FIXTURES / "stories_originals"], store)
        (new,) = store.unsigned_documents()
        assert update_stories(store).signed == 1 and store.unsigned_documents() == []
        # and in order: articles ingested after the newest signed one
        ingest_paths([FIXTURES / "stories_translation"], store)
        assert len(store.unsigned_documents()) == 3
