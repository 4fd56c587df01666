"""The quality gate: every score on every pinned gold set stays at or above its floor.

Floors live in ``eval_baseline.json`` at the repository root and only move up
(``pactwatch eval GOLD_DIR --update-baseline``). Gold sets under ../shared are
skipped when ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.evaluation.baseline import GoldSet, check, gold_sets
from pactwatch.evaluation.gold import load_gold_dir
from pactwatch.evaluation.runner import default_corpus_dir, run_pipeline
from pactwatch.evaluation.score import evaluate

REPO = Path(__file__).resolve().parents[1]
BASELINE = REPO / "eval_baseline.json"
SETS = gold_sets(BASELINE)
# Scores every pinned set must carry a floor for, so the gate cannot be emptied quietly.
HEADLINE_SCORES = (
    "actors.f1",
    "times.f1",
    "published.exact",
    "quotes.recall",
    "events.f1",
    "commitments.f1",
)


def test_baseline_pins_the_dev_set_and_the_examples() -> None:
    keys = {s.key for s in SETS}
    assert {"../shared/gold/dev", "examples/gold"} <= keys
    for gold_set in SETS:
        missing = [score for score in HEADLINE_SCORES if score not in gold_set.floors]
        assert not missing, f"{gold_set.key}: no floor for {missing}"


@pytest.mark.slow
@pytest.mark.parametrize("gold_set", SETS, ids=[s.key for s in SETS])
def test_scores_stay_above_their_floors(gold_set: GoldSet) -> None:
    if not gold_set.gold_dir.is_dir():
        pytest.skip(f"{gold_set.gold_dir} is absent")
    golds = load_gold_dir(gold_set.gold_dir)
    corpus = gold_set.corpus_dir or default_corpus_dir(gold_set.gold_dir)
    metrics = evaluate(run_pipeline(golds, corpus)).total.metrics()
    violations = check(metrics, gold_set.floors)
    assert not violations, f"{gold_set.key}: " + "; ".join(str(v) for v in violations)
