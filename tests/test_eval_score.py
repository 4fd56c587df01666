"""The scorer on small hand-made gold/record pairs with exact expected numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pactwatch.evaluation.gold import GoldDocument, load_gold_file
from pactwatch.evaluation.score import Counts, Ratio, evaluate, score_document

EVAL_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "eval"


def _record(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture
def basic() -> tuple[GoldDocument, dict[str, Any]]:
    return (
        load_gold_file(EVAL_FIXTURES / "basic" / "gold" / "mau_1.json"),
        _record(EVAL_FIXTURES / "basic" / "records" / "mau_1.json"),
    )


@pytest.fixture
def bipartite() -> tuple[GoldDocument, dict[str, Any]]:
    return (
        load_gold_file(EVAL_FIXTURES / "bipartite" / "gold.json"),
        _record(EVAL_FIXTURES / "bipartite" / "record.json"),
    )


def test_actors_match_by_id_iso3_and_folded_names(basic: tuple[GoldDocument, dict]) -> None:
    scores = score_document(*basic).scores
    # VNM by id, JPN by ISO3, ASEAN by an unaccented upper-case mention,
    # Đà Nẵng by a mention with a double space; the person is spurious and missed.
    assert scores.actors == Counts(4, 5, 4, 5)
    metrics = scores.metrics()
    assert metrics["actors.precision"] == pytest.approx(0.8)
    assert metrics["actors.recall"] == pytest.approx(0.8)
    assert metrics["actors.f1"] == pytest.approx(0.8)


def test_actors_per_kind(basic: tuple[GoldDocument, dict]) -> None:
    by_kind = score_document(*basic).scores.actors_by_kind
    assert by_kind["country"] == Counts(2, 2, 2, 2)
    assert by_kind["organization"] == Counts(1, 1, 1, 1)
    assert by_kind["person"] == Counts(0, 1, 0, 1)
    assert by_kind["place"] == Counts(1, 1, 1, 1)
    assert score_document(*basic).scores.metrics()["actors.person.f1"] == 0.0


def test_per_kind_scores_need_the_kind_right(bipartite: tuple[GoldDocument, dict]) -> None:
    gold, record = bipartite
    record["actors"][1]["kind"] = "organization"  # "nhóm A" predicted as an organization
    result = score_document(gold, record)
    assert result.scores.actors == Counts(3, 3, 3, 4)  # overall, the kind does not matter
    assert result.scores.actors_by_kind["group"] == Counts(1, 1, 1, 2)
    assert result.scores.actors_by_kind["organization"] == Counts(0, 1, 0, 0)
    assert result.scores.actors_by_kind["place"] == Counts(0, 0, 0, 1)


def test_times_compare_distinct_values(basic: tuple[GoldDocument, dict]) -> None:
    # gold {2024-05-12, 2024-05}; predicted {2024-05-12, 2024-06} (null values ignored)
    times = score_document(*basic).scores.times
    assert times == Counts(1, 2, 1, 2)
    assert times.f1 == pytest.approx(0.5)


def test_published_exact_and_estimate(basic: tuple[GoldDocument, dict]) -> None:
    scores = score_document(*basic).scores
    assert scores.published_exact == Ratio(1, 1)
    assert scores.published_estimate == Ratio(1, 1)


def test_quotes_found_by_folded_snippet_and_speaker_as_actor(
    basic: tuple[GoldDocument, dict],
) -> None:
    scores = score_document(*basic).scores
    assert scores.quotes == Counts(2, 3, 2, 2)
    # q1's speaker is right by id (not listed among actors); q2 names Vietnam, not Japan
    assert scores.quote_speakers == Ratio(1, 2)
    assert scores.metrics()["quotes.speaker_accuracy"] == pytest.approx(0.5)


def test_events_month_date_null_date_and_participants(basic: tuple[GoldDocument, dict]) -> None:
    events = score_document(*basic).scores.events
    # e1 and e2 both find the May consultation (a month in gold matches any day),
    # e3 finds the aid through the ISO3-only actor; e4 has no gold type, e5 the wrong month
    assert events == Counts(3, 5, 2, 2)
    assert events.precision == pytest.approx(0.6)
    assert events.recall == pytest.approx(1.0)
    assert events.f1 == pytest.approx(0.75)


def test_commitments_and_status(basic: tuple[GoldDocument, dict]) -> None:
    scores = score_document(*basic).scores
    # c1 finds military aid (status wrong), c2 has no beneficiary, c3 the wrong type
    assert scores.commitments == Counts(1, 3, 1, 2)
    assert scores.commitments.f1 == pytest.approx(0.4)
    assert scores.commitment_status == Ratio(0, 1)


def test_one_prediction_satisfies_one_gold_actor(bipartite: tuple[GoldDocument, dict]) -> None:
    result = score_document(*bipartite)
    # country:FRA could be gold France (by id) or gold Paris (its metonym): it takes
    # France; "nhóm A" goes to the group only it can satisfy so "nhóm B" finds the other.
    assert result.scores.actors == Counts(3, 3, 3, 4)
    gold_ids = {result.gold.actors[g].id: p for g, p in result.alignments["actors"].pairs}
    assert gold_ids == {"country:FRA": 0, "group:nhom-a": 1, "group:nhom-ab": 2}
    assert [result.gold.actors[g].id for g in result.alignments["actors"].missed] == ["place:paris"]


def test_one_quote_may_contain_two_gold_snippets(bipartite: tuple[GoldDocument, dict]) -> None:
    scores = score_document(*bipartite).scores
    assert scores.quotes == Counts(1, 1, 2, 2)
    assert scores.quote_speakers == Ratio(2, 2)  # null speaker in gold and prediction


def test_no_gold_window_means_no_estimate_judged(bipartite: tuple[GoldDocument, dict]) -> None:
    scores = score_document(*bipartite).scores
    assert scores.published_exact == Ratio(1, 1)  # null equals null
    assert scores.published_estimate == Ratio(0, 0)
    assert scores.metrics()["published.estimate"] is None


def _empty_gold() -> GoldDocument:
    return GoldDocument(
        file="rong.txt", path=Path("rong.json"), published=None, published_window=None
    )


def test_empty_gold_and_empty_record_score_perfectly() -> None:
    metrics = score_document(_empty_gold(), {"document": {}}).scores.metrics()
    for area in ("actors", "times", "events", "commitments"):
        assert metrics[f"{area}.f1"] == 1.0
    assert metrics["quotes.recall"] == 1.0
    assert metrics["quotes.speaker_accuracy"] is None
    assert metrics["commitments.status_accuracy"] is None


def test_empty_record_against_gold_scores_zero_without_dividing_by_zero(
    basic: tuple[GoldDocument, dict],
) -> None:
    metrics = score_document(basic[0], {"document": {}}).scores.metrics()
    for area in ("actors", "times", "events", "commitments"):
        assert metrics[f"{area}.precision"] == 0.0
        assert metrics[f"{area}.recall"] == 0.0
        assert metrics[f"{area}.f1"] == 0.0
    assert metrics["published.exact"] == 0.0
    assert metrics["published.estimate"] == 0.0


def test_predictions_against_empty_gold_are_spurious(basic: tuple[GoldDocument, dict]) -> None:
    metrics = score_document(_empty_gold(), basic[1]).scores.metrics()
    assert metrics["actors.precision"] == 0.0
    assert metrics["actors.f1"] == 0.0
    assert metrics["events.f1"] == 0.0


def test_totals_are_micro_averaged(
    basic: tuple[GoldDocument, dict], bipartite: tuple[GoldDocument, dict]
) -> None:
    evaluation = evaluate([basic, bipartite])
    total = evaluation.total
    assert total.actors == Counts(7, 8, 7, 9)
    assert total.quotes == Counts(3, 4, 4, 4)
    assert total.published_exact == Ratio(2, 2)
    assert total.published_estimate == Ratio(1, 1)
    assert total.actors_by_kind["group"] == Counts(2, 2, 2, 2)
    assert total.actors_by_kind["place"] == Counts(1, 1, 1, 2)


def test_estimate_range_overlapping_window_counts() -> None:
    gold = GoldDocument(
        file="a.txt",
        path=Path("a.json"),
        published=None,
        published_window=("2024-05-10", "2024-05-20"),
    )
    inside = {
        "published_estimate": {"value": None, "earliest": "2024-05-01", "latest": "2024-05-10"}
    }
    outside = {"published_estimate": {"value": "2024-04", "earliest": None, "latest": None}}
    assert score_document(gold, {"document": inside}).scores.published_estimate == Ratio(1, 1)
    assert score_document(gold, {"document": outside}).scores.published_estimate == Ratio(0, 1)


# -- layers a gold file does not annotate ---------------------------------------
def _write_gold(tmp_path: Path, raw: dict) -> GoldDocument:
    path = tmp_path / "g.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return load_gold_file(path)


_QUOTES_ONLY = {
    "file": "q.txt",
    "quotes": [{"speaker": "person:olaf-scholz", "direct": True, "contains": "không gửi quân"}],
    "events": [],
}
_PREDICTED = {
    "document": {"published": "2024-02-26"},
    "actors": [{"id": "country:DEU", "kind": "country", "name": "Germany", "mentions": []}],
    "times": [{"text": "hôm qua", "value": "2024-02-25"}],
    "quotes": [{"text": "Đức sẽ không gửi quân tới Ukraine", "speaker": "person:olaf-scholz"}],
    "events": [{"type": "CONSULT", "date": None, "source": ["country:DEU"], "target": []}],
}


def test_absent_layer_keys_are_not_annotated(tmp_path: Path) -> None:
    gold = _write_gold(tmp_path, _QUOTES_ONLY)
    assert gold.layers == frozenset({"quotes", "events"})
    full = _write_gold(tmp_path, {"file": "f.txt", "published": None, "actors": [], "times": []})
    assert full.annotates("actors") and full.annotates("times") and full.annotates("published")
    assert not full.annotates("quotes")


def test_absent_layers_cost_nothing_and_are_not_scored(tmp_path: Path) -> None:
    gold = _write_gold(tmp_path, _QUOTES_ONLY)
    metrics = score_document(gold, _PREDICTED).scores.metrics()
    for area in ("actors", "times", "commitments"):
        assert metrics[f"{area}.precision"] is None
        assert metrics[f"{area}.recall"] is None
        assert metrics[f"{area}.f1"] is None
    assert metrics["published.exact"] is None
    assert metrics["quotes.recall"] == 1.0
    # the speaker is matched by id although the gold file lists no actors
    assert metrics["quotes.speaker_accuracy"] == 1.0
    # a present empty list still means "annotated, none": the event is spurious
    assert metrics["events.precision"] == 0.0


def test_unannotated_file_does_not_dilute_a_set(tmp_path: Path) -> None:
    full_raw = {
        "file": "f.txt",
        "published": "2024-02-26",
        "actors": [{"id": "country:DEU", "names": ["Germany", "Đức"]}],
        "times": [{"text": "ngày 20/2", "value": "2024-02-20"}],
    }
    full = _write_gold(tmp_path, full_raw)
    partial = _write_gold(tmp_path, _QUOTES_ONLY)
    extra = {**_PREDICTED, "actors": [*_PREDICTED["actors"], {"id": "country:FRA"}]}
    total = evaluate([(full, _PREDICTED), (partial, extra)]).total
    # the partial file's two actor predictions are neither right nor wrong
    assert total.actors == Counts(1, 1, 1, 1)
    assert total.times == Counts(0, 1, 0, 1)
    assert total.published_exact == Ratio(1, 1)
    metrics = total.metrics()
    assert metrics["actors.f1"] == 1.0
    assert metrics["quotes.recall"] == 1.0
    assert metrics["commitments.f1"] is None


def test_present_empty_layers_penalise_predictions(tmp_path: Path) -> None:
    gold = _write_gold(tmp_path, {"file": "e.txt", "actors": [], "times": []})
    metrics = score_document(gold, _PREDICTED).scores.metrics()
    assert metrics["actors.precision"] == 0.0
    assert metrics["times.precision"] == 0.0
