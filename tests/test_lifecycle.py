"""Commitment threads across articles, lifecycle steps and the change report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pactwatch.ingest.readers import read_path
from pactwatch.pipeline import build_pipeline
from pactwatch.system.changes import changes_since
from pactwatch.system.lifecycle import commitment_threads, type_family
from pactwatch.system.obligations import who_is_obliged
from pactwatch.system.treaties import load_kb


def record(
    doc_id: str,
    text: str,
    commitments: list[dict[str, Any]],
    *,
    published: str | None = None,
    estimate: str | None = None,
    outlet: str | None = "VTC News",
) -> dict[str, Any]:
    return {
        "schema": "pactwatch.analysis/1",
        "document": {
            "id": doc_id,
            "text": text,
            "title": None,
            "published": published,
            "published_estimate": {
                "value": estimate,
                "earliest": None,
                "latest": None,
                "basis": "unknown",
            },
            "outlet": outlet,
        },
        "commitments": commitments,
    }


def commitment(
    ctype: str,
    guarantors: list[str],
    beneficiaries: list[str],
    status: str,
    text: str,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": "c1",
        "type": ctype,
        "guarantors": guarantors,
        "beneficiaries": beneficiaries,
        "status": status,
        "conditions": extra.get("conditions", []),
        "date": extra.get("date"),
        "reported_via": extra.get("reported_via", []),
        "evidence": {"start": 0, "end": len(text)},
    }


APRIL_TEXT = "Ukraine kêu gọi Mỹ trở thành nước bảo đảm an ninh."
DECEMBER_TEXT = "Mỹ sẵn sàng cung cấp bảo đảm an ninh kiểu Điều 5 cho Ukraine."
APRIL = record(
    "a1",
    APRIL_TEXT,
    [
        commitment(
            "security_guarantee",
            ["country:USA"],
            ["country:UKR"],
            "requested",
            APRIL_TEXT,
            reported_via=["outlet:rbc-ukraine", "outlet:the-telegraph"],
        )
    ],
    estimate="2025-04",
)
DECEMBER = record(
    "d1",
    DECEMBER_TEXT,
    [
        commitment(
            "collective_defense",
            ["country:USA"],
            ["country:UKR"],
            "proposed",
            DECEMBER_TEXT,
            conditions=["với điều kiện Kiev chấp nhận nhượng bộ lãnh thổ"],
        )
    ],
    published="2025-12-14",
)
UNRELATED = record(
    "n1",
    "Nga chuyển giao vũ khí hạt nhân cho Belarus.",
    [
        commitment(
            "nuclear_deployment", ["country:RUS"], ["country:BLR"], "agreed", "x", date="2023-03-25"
        )
    ],
)


def test_type_families_join_guarantee_names():
    assert type_family("security_guarantee") == type_family("collective_defense")
    assert type_family("troop_deployment") != type_family("security_guarantee")


def test_us_guarantee_for_ukraine_is_one_thread_across_articles():
    threads = commitment_threads([DECEMBER, APRIL, UNRELATED])
    guarantee = [t for t in threads if t.family == "guarantee"]
    assert len(guarantee) == 1 and len(threads) == 2
    steps = guarantee[0].steps
    assert [s.status for s in steps] == ["requested", "proposed"]
    assert [s.date for s in steps] == ["2025-04", "2025-12-14"]
    assert guarantee[0].status == "proposed"


def test_step_keeps_evidence_and_source_chain():
    step = commitment_threads([APRIL])[0].steps[0]
    assert step.evidence_text == APRIL_TEXT
    assert step.source_chain == ["outlet:rbc-ukraine", "outlet:the-telegraph", "VTC News"]
    assert step.evidence_dict()["doc_id"] == "a1"


def test_different_parties_make_different_threads():
    other = record(
        "o1",
        "t",
        [commitment("security_guarantee", ["country:CAN"], ["country:UKR"], "proposed", "t")],
        published="2025-12-14",
    )
    threads = commitment_threads([APRIL, other])
    assert len(threads) == 2


def test_records_without_commitments_give_no_threads():
    assert commitment_threads([record("e", "text", [])]) == []


def test_changes_since_reports_status_change_and_membership():
    report = changes_since("2025-11-01", [APRIL, DECEMBER, UNRELATED], load_kb())
    assert report.new_commitments == []  # the thread began in April
    [change] = report.status_changes
    assert (change.old_status, change.new_status, change.date) == (
        "requested",
        "proposed",
        "2025-12-14",
    )
    assert report.membership_changes == []


def test_changes_since_earlier_reports_new_thread_and_kb_changes():
    report = changes_since(dt.date(2024, 1, 1), [APRIL, DECEMBER], load_kb())
    assert len(report.new_commitments) == 1
    moved = {(m.body, m.iso3, m.change) for m in report.membership_changes}
    assert ("organization:nato", "SWE", "joined") in moved
    assert ("organization:sco", "BLR", "joined") in moved
    assert ("organization:csto", "ARM", "frozen") in moved
    assert ("organization:csto", "ARM", "left") not in moved  # a freeze is not an exit
    assert ("treaty:russia-dprk-2024", "", "treaty_in_force") in moved


def test_obligations_include_news_with_status_conditions_and_evidence():
    answer = who_is_obliged("UKR", "2025-12-14", records=[APRIL, DECEMBER, UNRELATED])
    assert not answer.binding
    [news] = answer.news
    assert news.status == "proposed"
    assert news.conditions == ["với điều kiện Kiev chấp nhận nhượng bộ lãnh thổ"]
    assert [e["status"] for e in news.evidence] == ["requested", "proposed"]


def test_obligations_news_as_of_an_earlier_day():
    answer = who_is_obliged("UKR", "2025-06-01", records=[APRIL, DECEMBER])
    [news] = answer.news
    assert news.status == "requested"


def test_a_date_after_the_article_is_when_the_act_is_due_not_the_step():
    sale = record(
        "s1",
        "Mỹ sẽ bán tàu ngầm cho Australia từ đầu thập niên 2030.",
        [commitment("military_aid", ["country:USA"], ["country:AUS"], "agreed", "x", date="203X")],
        published="2023-12-02",
    )
    [thread] = commitment_threads([sale])
    assert thread.steps[0].date == "2023-12-02"
    assert changes_since("2025-11-01", [sale], load_kb()).new_commitments == []


def test_one_sentence_with_two_types_of_a_family_is_one_step():
    text = "Mỹ đồng ý cung cấp tình báo và hỗ trợ hậu cần cho Ukraine."
    both = record(
        "b1",
        text,
        [
            commitment("intelligence_support", ["country:USA"], ["country:UKR"], "agreed", text),
            commitment("logistics_support", ["country:USA"], ["country:UKR"], "agreed", text),
        ],
        published="2025-04-10",
    )
    [thread] = commitment_threads([both])
    assert len(thread.steps) == 1 and thread.types == ["intelligence_support"]


def test_seed_articles_thread_the_us_guarantee_for_ukraine(shared_dir: Path) -> None:
    pipeline = build_pipeline()
    records = [
        pipeline(doc).as_dict()
        for path in sorted((shared_dir / "corpus" / "seeds").iterdir())
        for doc in read_path(path)
    ]
    threads = [
        t
        for t in commitment_threads(records)
        if t.family == "guarantee"
        and "country:USA" in t.guarantors
        and "country:UKR" in t.beneficiaries
    ]
    assert len(threads) == 1
    steps = threads[0].steps
    assert len({s.doc_id for s in steps}) >= 2  # April and December articles, one thread
    assert [s.date for s in steps] == sorted(s.date or "" for s in steps)
    assert steps[-1].date == "2025-12-14" and steps[-1].status == "proposed"
    assert any("Quốc hội" in c for s in steps for c in s.conditions)
    report = changes_since("2025-11-01", records, load_kb())
    moved = [c for c in report.status_changes if c.thread_id == threads[0].id]
    assert moved and moved[-1].new_status == "proposed"


def test_a_thread_with_an_undated_step_is_not_new():
    undated = record(
        "u1",
        "NATO hứa hẹn con đường gia nhập cho Ukraine.",
        [commitment("membership", ["organization:nato"], ["country:UKR"], "proposed", "x")],
    )
    later = record(
        "u2",
        "Ukraine từ bỏ việc gia nhập NATO.",
        [commitment("membership", ["organization:nato"], ["country:UKR"], "withdrawn", "y")],
        published="2025-12-14",
    )
    report = changes_since("2025-11-01", [undated, later], load_kb())
    assert report.new_commitments == []
    [change] = report.status_changes
    assert (change.old_status, change.new_status) == ("proposed", "withdrawn")


# -- who is bound to whom: pairs, never a state to itself ---------------------------------------
PHL_TEXT = "Hiệp ước phòng thủ chung năm 1951 giữa Mỹ và Philippines."
KOR_TEXT = "Washington giữ vững cam kết sắt đá bảo vệ Hàn Quốc theo Hiệp ước năm 1953."
JPN_TEXT = "Hiệp ước an ninh giữa Mỹ và Nhật Bản bao gồm cả quần đảo."
USA, PHL, JPN = "country:USA", "country:PHL", "country:JPN"


def _mutual(doc_id: str, text: str, parties: list[str], published: str) -> dict[str, Any]:
    return record(doc_id, text, [commitment("collective_defense", parties, parties, "in_force",
                                            text)], published=published)


def test_three_us_treaties_sharing_only_the_us_are_three_threads():
    # the pipeline read the 1953 sentence with the US on both sides (its beneficiary, Korea,
    # was missed): that is the US committed to nobody named, not one of its other treaties
    records = [
        _mutual("p", PHL_TEXT, [USA, PHL], "2024-04-11"),
        _mutual("k", KOR_TEXT, [USA], "2024-03-04"),
        _mutual("j", JPN_TEXT, [USA, JPN], "2024-04-23"),
    ]
    threads = commitment_threads(records)
    assert len(threads) == 3
    pairs = sorted(sorted(t.pairs, key=str) for t in threads)
    assert [(JPN, USA), (USA, JPN)] in pairs and [(PHL, USA), (USA, PHL)] in pairs
    assert [(USA, None)] in pairs
    for thread in threads:
        assert all(g != b for g, b in thread.pairs)
        assert len(thread.steps) == 1


def test_a_mutual_pact_binds_each_party_to_the_other_and_reports_join_by_a_shared_pair():
    guarantee = record("g", "x", [commitment("security_guarantee", [USA], [JPN], "in_force",
                                             "x")], published="2025-07-28")
    [thread] = commitment_threads([_mutual("j", JPN_TEXT, [USA, JPN], "2024-04-23"), guarantee])
    assert thread.pairs == {(USA, JPN), (JPN, USA)}
    assert thread.guarantors_of(JPN) == [USA] and thread.guarantors_of(USA) == [JPN]
    assert thread.as_dict()["pairs"] == [[JPN, USA], [USA, JPN]]


def test_a_body_of_members_may_guarantee_itself():
    nato = "organization:nato"
    [thread] = commitment_threads([_mutual("n", "Điều 5", [nato], "2025-06-25")])
    assert thread.pairs == {(nato, nato)}


def test_obligations_name_the_other_party_of_a_mutual_pact_as_guarantor():
    answer = who_is_obliged("JPN", "2025-01-01",
                            records=[_mutual("j", JPN_TEXT, [USA, JPN], "2024-04-23")])
    [news] = answer.news
    assert news.guarantors == [USA] and news.beneficiaries == [JPN]
    # a state named alone on both sides commits to nobody named: no news for it
    lone = who_is_obliged("USA", "2025-01-01", records=[_mutual("k", KOR_TEXT, [USA],
                                                                  "2024-03-04")])
    assert lone.news == []
