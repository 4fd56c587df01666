"""The quality gate: every score on every pinned gold set stays at or above its floor.

Floors live in ``eval_baseline.json`` at the repository root and only move up
(``pactwatch eval GOLD_DIR --update-baseline``). Gold sets under ../shared, and
sets whose articles live there (the held-out Dân trí set), are skipped when
../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.evaluation.baseline import GoldSet, check, gold_sets
from pactwatch.evaluation.gold import LAYERS, load_gold_dir
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


def _annotated_layers(gold_set: GoldSet) -> set[str]:
    """The layers some gold file of the set annotates (all of them when it is absent)."""
    if not gold_set.gold_dir.is_dir():
        return set(LAYERS)
    return {layer for gold in load_gold_dir(gold_set.gold_dir) for layer in gold.layers}


def test_baseline_pins_the_dev_set_the_examples_and_the_held_out_set() -> None:
    keys = {s.key for s in SETS}
    assert {"../shared/gold/dev", "gold/examples", "gold/heldout"} <= keys
    for gold_set in SETS:
        layers = _annotated_layers(gold_set)
        # a layer no file of the set annotates has no score to pin
        wanted = [s for s in HEADLINE_SCORES if s.partition(".")[0] in layers]
        missing = [score for score in wanted if score not in gold_set.floors]
        assert not missing, f"{gold_set.key}: no floor for {missing}"


def test_held_out_set_reads_its_articles_from_the_shared_corpus() -> None:
    held_out = next(s for s in SETS if s.key == "gold/heldout")
    assert held_out.corpus_dir is not None
    assert held_out.corpus_dir.parts[-3:] == ("shared", "corpus", "dantri")


@pytest.mark.slow
@pytest.mark.parametrize("gold_set", SETS, ids=[s.key for s in SETS])
def test_scores_stay_above_their_floors(gold_set: GoldSet) -> None:
    if not gold_set.gold_dir.is_dir():
        pytest.skip(f"{gold_set.gold_dir} is absent")
    if gold_set.corpus_dir is not None and not gold_set.corpus_dir.is_dir():
        pytest.skip(f"{gold_set.corpus_dir} is absent")
    golds = load_gold_dir(gold_set.gold_dir)
    corpus = gold_set.corpus_dir or default_corpus_dir(gold_set.gold_dir)
    metrics = evaluate(run_pipeline(golds, corpus)).total.metrics()
    violations = check(metrics, gold_set.floors)
    assert not violations, f"{gold_set.key}: " + "; ".join(str(v) for v in violations)
