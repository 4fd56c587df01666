"""Our hand-annotated gold for the bundled examples stays true to the articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.evaluation.dates import interval
from pactwatch.evaluation.gold import GoldDocument, load_gold_dir
from pactwatch.evaluation.runner import read_article
from pactwatch.evaluation.textfold import fold

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
GOLDS = load_gold_dir(EXAMPLES.parent / "gold" / "examples")


@pytest.fixture(params=GOLDS, ids=[g.file for g in GOLDS])
def gold(request: pytest.FixtureRequest) -> GoldDocument:
    return request.param  # type: ignore[no-any-return]


def test_every_snippet_and_time_is_in_the_article(gold: GoldDocument) -> None:
    text = fold(read_article(gold, EXAMPLES).text)
    for quote in gold.quotes:
        assert fold(quote.contains) in text, f"{gold.file}: quote {quote.contains!r} not in text"
    for time in gold.times:
        assert fold(time.text) in text, f"{gold.file}: time {time.text!r} not in text"
        assert interval(time.value) is not None, f"{gold.file}: {time.value!r} is not a date"


def test_every_referenced_actor_is_listed(gold: GoldDocument) -> None:
    listed = {a.id for a in gold.actors}
    referenced = {q.speaker for q in gold.quotes if q.speaker}
    for event in gold.events:
        referenced |= set(event.participants)
    for commitment in gold.commitments:
        referenced |= set(commitment.guarantors) | set(commitment.beneficiaries)
    assert referenced <= listed, f"{gold.file}: not among the actors: {referenced - listed}"


def test_every_actor_is_named_in_the_article_or_its_metadata(gold: GoldDocument) -> None:
    doc = read_article(gold, EXAMPLES)
    metadata = [doc.outlet or "", *doc.credited_sources, *doc.photo_credits]
    searched = fold(" | ".join([doc.text, *metadata]))
    for actor in gold.actors:
        assert any(fold(name) in searched for name in actor.names), f"{gold.file}: {actor.id}"
