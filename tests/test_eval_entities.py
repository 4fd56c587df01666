"""Bag-of-entity scores (PER, LOC, ORG) on top of the one-to-one actor pairing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.evaluation.gold import GoldActor, GoldDocument
from pactwatch.evaluation.report import as_json, totals_table
from pactwatch.evaluation.score import (
    ACTOR_KINDS,
    ENTITY_CLASSES,
    Counts,
    entity_class,
    evaluate,
    score_document,
    score_entity_bag,
)


def _gold(actors: list[tuple[str, list[str]]]) -> GoldDocument:
    return GoldDocument(
        file="a.txt",
        path=Path("a.json"),
        published=None,
        published_window=None,
        actors=[GoldActor(actor_id, names) for actor_id, names in actors],
        layers=frozenset({"actors"}),
    )


def _actor(actor_id: str, name: str, kind: str | None = None) -> dict[str, Any]:
    return {"id": actor_id, "kind": kind or actor_id.partition(":")[0], "name": name}


@pytest.mark.parametrize(
    ("kind", "cls"),
    [
        ("person", "PER"),
        ("country", "LOC"),
        ("place", "LOC"),
        ("organization", "ORG"),
        ("government_body", "ORG"),
        ("outlet", "ORG"),
        ("group", "ORG"),
        ("thing", None),
    ],
)
def test_kinds_map_to_classes(kind: str, cls: str | None) -> None:
    assert entity_class(kind) == cls


def test_every_actor_kind_has_a_class() -> None:
    assert all(entity_class(kind) in ENTITY_CLASSES for kind in ACTOR_KINDS)


def test_a_kind_of_the_same_class_is_right_for_the_bag() -> None:
    gold = _gold(
        [
            ("government_body:xyz-army", ["Quân đội Xylandia"]),
            ("place:hama", ["Hama"]),
            ("person:an-nguyen", ["Nguyễn An"]),
        ]
    )
    record = {
        "actors": [
            # an army read as an organisation: wrong kind, right class
            _actor("organization:ow-quan-doi-xylandia", "Quân đội Xylandia"),
            # a city read as an organisation: wrong class
            _actor("organization:ow-hama", "Hama"),
            _actor("person:an-nguyen", "Nguyễn An"),
        ]
    }
    scores = score_document(gold, record).scores
    assert scores.actors == Counts(3, 3, 3, 3)
    assert scores.actors_by_kind["government_body"] == Counts(0, 0, 0, 1)
    assert scores.entities_by_class == {
        "PER": Counts(1, 1, 1, 1),
        "LOC": Counts(0, 0, 0, 1),
        "ORG": Counts(1, 2, 1, 1),
    }
    assert scores.entities == Counts(2, 3, 2, 3)
    metrics = scores.metrics()
    assert metrics["entities.ORG.precision"] == pytest.approx(0.5)
    assert metrics["entities.LOC.recall"] == 0.0
    assert metrics["entities.f1"] == pytest.approx(2 / 3)


def test_entities_add_up_over_documents_and_show_in_reports() -> None:
    gold = _gold([("country:FRA", ["France", "Pháp"])])
    record = {"actors": [_actor("country:FRA", "Pháp"), _actor("person:x", "X")]}
    evaluation = evaluate([(gold, record), (gold, record)])
    total = evaluation.total
    assert total.entities_by_class["LOC"] == Counts(2, 2, 2, 2)
    assert total.entities_by_class["PER"] == Counts(0, 2, 0, 0)
    assert total.entities == Counts(2, 4, 2, 2)
    rows = [str(cell) for cell in totals_table(evaluation, "t").columns[0].cells]
    assert {"entities", "entities.PER", "entities.LOC", "entities.ORG"} <= set(rows)
    counts = as_json(evaluation, "g")["total"]["counts"]
    assert counts["entities.LOC"] == {
        "predicted_matched": 2,
        "predicted": 2,
        "gold_found": 2,
        "gold": 2,
    }


def test_no_entity_scores_where_actors_are_not_annotated() -> None:
    gold = _gold([])
    gold.layers = frozenset({"quotes"})
    metrics = score_document(gold, {"actors": [_actor("person:x", "X")]}).scores.metrics()
    assert "entities.f1" not in metrics or metrics["entities.f1"] is None


KINDS = st.sampled_from([*ACTOR_KINDS, "unknown"])


@st.composite
def bags(draw: st.DrawFn) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    gold_kinds = draw(st.lists(KINDS, max_size=8))
    pred_kinds = draw(st.lists(KINDS, max_size=8))
    # a one-to-one pairing, as the actor assignment makes
    golds = draw(st.permutations(range(len(gold_kinds))))
    preds = draw(st.permutations(range(len(pred_kinds))))
    n = draw(st.integers(0, min(len(golds), len(preds))))
    return gold_kinds, pred_kinds, list(zip(golds[:n], preds[:n], strict=True))


@settings(max_examples=200)
@given(bags())
def test_bag_counts_are_consistent(
    bag: tuple[list[str], list[str], list[tuple[int, int]]],
) -> None:
    gold_kinds, pred_kinds, pairs = bag
    by_class = score_entity_bag(gold_kinds, pred_kinds, pairs)
    assert set(by_class) == set(ENTITY_CLASSES)
    for cls, counts in by_class.items():
        assert counts.predicted_matched == counts.gold_found
        assert counts.gold_found <= min(counts.gold, counts.predicted)
        assert counts.gold == sum(entity_class(k) == cls for k in gold_kinds)
        assert counts.predicted == sum(entity_class(k) == cls for k in pred_kinds)
        assert 0.0 <= counts.f1 <= 1.0
    right = sum(c.gold_found for c in by_class.values())
    assert right <= len(pairs)


@given(st.lists(KINDS, max_size=10))
def test_a_perfect_prediction_scores_one(kinds: list[str]) -> None:
    pairs = [(i, i) for i in range(len(kinds))]
    for counts in score_entity_bag(kinds, kinds, pairs).values():
        assert counts.precision == counts.recall == 1.0


@given(bags(), st.randoms(use_true_random=False))
def test_order_of_the_pairs_does_not_matter(
    bag: tuple[list[str], list[str], list[tuple[int, int]]], rng: Any
) -> None:
    gold_kinds, pred_kinds, pairs = bag
    shuffled = list(pairs)
    rng.shuffle(shuffled)
    assert score_entity_bag(gold_kinds, pred_kinds, pairs) == score_entity_bag(
        gold_kinds, pred_kinds, shuffled
    )
