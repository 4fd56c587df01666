"""Score analysis records against gold files, as ``shared/gold/README.md`` defines it.

Decisions the README leaves open, made here once:

* **Actors are paired one-to-one.** A predicted actor satisfies at most one
  gold actor and a gold actor is satisfied by at most one prediction: we take
  the pairing with the most pairs (a maximum bipartite matching), and among
  those the one with the strongest pairs (same id > same ISO3 > same name). So
  a prediction ``country:FRA`` that also mentions "Paris" cannot count for both
  gold ``country:FRA`` and gold ``place:paris``, and ten predictions that all
  say "Trump" find one gold actor, not ten.
  Precision = pairs / predictions, recall = pairs / gold actors.
* **Quotes, events and commitments follow the README literally:** a gold item
  is found when some prediction matches it, and precision counts the
  predictions that match some gold item (several predictions may match the
  same gold event; a long predicted quote may contain two gold snippets).
  Quote precision is not in the README; it is reported for developers and is
  computed the same way. A found quote's speaker (a found commitment's status)
  is right when any prediction that found it has it right.
* **Actor ids elsewhere** (speakers, participants, guarantors, beneficiaries)
  map to every gold actor they match by the actor rule
  (:class:`~pactwatch.evaluation.actormatch.ActorMatcher`).
* **Per-kind actor scores** pair gold actors of a kind (from the gold id
  prefix) with predictions of that kind (their ``kind``, else their id prefix)
  only, one-to-one as above: a kind that is wrong costs recall in the gold
  kind and precision in the predicted one, though the overall score accepts
  the pair.
* **Bag-of-entity scores** (PER, LOC, ORG) keep the overall one-to-one
  pairing and compare classes: gold and predicted kinds map to a class by
  :data:`ENTITY_CLASS` (person→PER; country, place→LOC; organization,
  government_body, outlet, group→ORG), and a pair counts for class C when both
  sides are C. A pair of different classes costs recall in the gold class and
  precision in the predicted one; the overall bag score sums the classes.
* **Empty sides.** A ratio whose denominator is zero is 1.0 when both gold and
  predictions are empty, else 0.0 (so predicting nothing never earns a
  precision of 1.0). An accuracy over nothing (no quote found) is None.
* **Micro-averages:** document counts are summed, then ratios are taken.
* **Unannotated layers.** A layer whose key is absent from a gold file (see
  :data:`~pactwatch.evaluation.gold.LAYERS`) is skipped for that file: its
  predictions cost no precision and it has no recall. A layer no document of
  a set annotates has no score at all (None), rather than a vacuous 1.0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pactwatch.evaluation.actormatch import BY_ID, ActorMatcher
from pactwatch.evaluation.assignment import assign
from pactwatch.evaluation.dates import interval, overlaps, within
from pactwatch.evaluation.gold import (
    ALL_LAYERS,
    GoldCommitment,
    GoldDocument,
    GoldEvent,
    GoldQuote,
)
from pactwatch.evaluation.textfold import fold

ACTOR_KINDS = (
    "country",
    "organization",
    "government_body",
    "person",
    "outlet",
    "place",
    "group",
)

# Bag-of-entity classes (the coarse NER classes) and the actor kinds they cover.
ENTITY_CLASSES = ("PER", "LOC", "ORG")
ENTITY_CLASS = {
    "person": "PER",
    "country": "LOC",
    "place": "LOC",
    "organization": "ORG",
    "government_body": "ORG",
    "outlet": "ORG",
    "group": "ORG",
}


def entity_class(kind: str) -> str | None:
    """PER, LOC or ORG for an actor kind; None for a kind outside the three."""
    return ENTITY_CLASS.get(kind)


@dataclass
class Counts:
    """Counts behind precision and recall; they add up across documents."""

    predicted_matched: int = 0
    predicted: int = 0
    gold_found: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.predicted_matched + other.predicted_matched,
            self.predicted + other.predicted,
            self.gold_found + other.gold_found,
            self.gold + other.gold,
        )

    @property
    def precision(self) -> float:
        if self.predicted == 0:
            return 1.0 if self.gold == 0 else 0.0
        return self.predicted_matched / self.predicted

    @property
    def recall(self) -> float:
        if self.gold == 0:
            return 1.0 if self.predicted == 0 else 0.0
        return self.gold_found / self.gold

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Ratio:
    """Right out of total; ``value`` is None when there was nothing to judge."""

    right: int = 0
    total: int = 0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.right + other.right, self.total + other.total)

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class Alignment:
    """Which gold items were found by which predictions (indices into both lists)."""

    pairs: list[tuple[int, int]] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    spurious: list[int] = field(default_factory=list)


@dataclass
class Scores:
    actors: Counts = field(default_factory=Counts)
    actors_by_kind: dict[str, Counts] = field(default_factory=dict)
    entities_by_class: dict[str, Counts] = field(default_factory=dict)
    times: Counts = field(default_factory=Counts)
    published_exact: Ratio = field(default_factory=Ratio)
    published_estimate: Ratio = field(default_factory=Ratio)
    quotes: Counts = field(default_factory=Counts)
    quote_speakers: Ratio = field(default_factory=Ratio)
    events: Counts = field(default_factory=Counts)
    commitments: Counts = field(default_factory=Counts)
    commitment_status: Ratio = field(default_factory=Ratio)
    # the gold layers these scores cover; the others are reported as None
    annotated: frozenset[str] = ALL_LAYERS

    def __add__(self, other: Scores) -> Scores:
        kinds = sorted(set(self.actors_by_kind) | set(other.actors_by_kind))
        return Scores(
            actors=self.actors + other.actors,
            actors_by_kind={
                k: self.actors_by_kind.get(k, Counts()) + other.actors_by_kind.get(k, Counts())
                for k in kinds
            },
            entities_by_class={
                c: self.entities_by_class.get(c, Counts())
                + other.entities_by_class.get(c, Counts())
                for c in ENTITY_CLASSES
                if c in self.entities_by_class or c in other.entities_by_class
            },
            times=self.times + other.times,
            published_exact=self.published_exact + other.published_exact,
            published_estimate=self.published_estimate + other.published_estimate,
            quotes=self.quotes + other.quotes,
            quote_speakers=self.quote_speakers + other.quote_speakers,
            events=self.events + other.events,
            commitments=self.commitments + other.commitments,
            commitment_status=self.commitment_status + other.commitment_status,
            annotated=self.annotated | other.annotated,
        )

    @property
    def entities(self) -> Counts:
        """The bag-of-entity score over all three classes."""
        total = Counts()
        for counts in self.entities_by_class.values():
            total = total + counts
        return total

    def metrics(self) -> dict[str, float | None]:
        """Flat ``area.measure`` names to values: what tables, JSON and floors use."""
        out: dict[str, float | None] = {}
        _prf(out, "actors", self.actors)
        for kind in sorted_kinds(self.actors_by_kind):
            _prf(out, f"actors.{kind}", self.actors_by_kind[kind])
        if self.entities_by_class:
            _prf(out, "entities", self.entities)
            for cls in ENTITY_CLASSES:
                _prf(out, f"entities.{cls}", self.entities_by_class.get(cls, Counts()))
        _prf(out, "times", self.times)
        out["published.exact"] = self.published_exact.value
        out["published.estimate"] = self.published_estimate.value
        out["quotes.precision"] = self.quotes.precision
        out["quotes.recall"] = self.quotes.recall
        out["quotes.speaker_accuracy"] = self.quote_speakers.value
        _prf(out, "events", self.events)
        _prf(out, "commitments", self.commitments)
        out["commitments.status_accuracy"] = self.commitment_status.value
        for name in out:
            # published.* are Ratios already None when nothing was judged
            if _layer_of(name) not in self.annotated | {"published"}:
                out[name] = None
        return out


def _layer_of(metric: str) -> str:
    """``actors.person.f1`` -> ``actors``; ``published.exact`` -> ``published``.

    The bag-of-entity scores (``entities.*``) are read from the actors layer.
    """
    layer = metric.partition(".")[0]
    return "actors" if layer == "entities" else layer


def sorted_kinds(kinds: Iterable[str]) -> list[str]:
    """Actor kinds in the spec's order, unknown kinds last by name."""
    return sorted(
        kinds, key=lambda k: (ACTOR_KINDS.index(k) if k in ACTOR_KINDS else len(ACTOR_KINDS), k)
    )


def _prf(out: dict[str, float | None], name: str, counts: Counts) -> None:
    out[f"{name}.precision"] = counts.precision
    out[f"{name}.recall"] = counts.recall
    out[f"{name}.f1"] = counts.f1


@dataclass
class DocumentScore:
    file: str
    scores: Scores
    alignments: dict[str, Alignment]
    gold: GoldDocument
    record: dict[str, Any]


@dataclass
class Evaluation:
    documents: list[DocumentScore]

    @property
    def total(self) -> Scores:
        total = Scores(annotated=frozenset())
        for doc in self.documents:
            total = total + doc.scores
        return total


def evaluate(pairs: Iterable[tuple[GoldDocument, dict[str, Any]]]) -> Evaluation:
    """Score each (gold, analysis record) pair; totals are micro-averages."""
    return Evaluation([score_document(gold, record) for gold, record in pairs])


def score_document(gold: GoldDocument, record: dict[str, Any]) -> DocumentScore:
    """Score the layers ``gold`` annotates; the others keep empty counts and alignments."""
    predicted_actors = _items(record, "actors")
    matcher = ActorMatcher(gold.actors, predicted_actors)
    scores = Scores(annotated=gold.layers)
    alignments = {
        layer: Alignment() for layer in ("actors", "times", "quotes", "events", "commitments")
    }
    if gold.annotates("actors"):
        scores.actors, scores.actors_by_kind, alignments["actors"] = _score_actors(
            gold, predicted_actors, matcher
        )
        scores.entities_by_class = score_entity_bag(
            [g.kind for g in gold.actors],
            [predicted_kind(a) for a in predicted_actors],
            alignments["actors"].pairs,
        )
    if gold.annotates("times"):
        scores.times, alignments["times"] = _score_times(gold, _items(record, "times"))
    scores.published_exact, scores.published_estimate = _score_published(gold, record)
    if gold.annotates("quotes"):
        scores.quotes, scores.quote_speakers, alignments["quotes"] = _score_quotes(
            gold, _items(record, "quotes"), matcher
        )
    if gold.annotates("events"):
        scores.events, alignments["events"] = _score_events(gold, _items(record, "events"), matcher)
    if gold.annotates("commitments"):
        scores.commitments, scores.commitment_status, alignments["commitments"] = (
            _score_commitments(gold, _items(record, "commitments"), matcher)
        )
    return DocumentScore(gold.file, scores, alignments, gold, record)


def _items(record: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [item for item in record.get(key) or [] if isinstance(item, dict)]


def _alignment(pairs: list[tuple[int, int]], n_gold: int, n_pred: int) -> Alignment:
    found = {g for g, _ in pairs}
    used = {p for _, p in pairs}
    return Alignment(
        pairs=pairs,
        missed=[g for g in range(n_gold) if g not in found],
        spurious=[p for p in range(n_pred) if p not in used],
    )


# -- actors -----------------------------------------------------------------
def predicted_kind(actor: dict[str, Any]) -> str:
    return str(actor.get("kind") or str(actor.get("id") or "").partition(":")[0])


def _score_actors(
    gold: GoldDocument, predicted: list[dict[str, Any]], matcher: ActorMatcher
) -> tuple[Counts, dict[str, Counts], Alignment]:
    def pair_up(gold_indices: list[int], pred_indices: list[int]) -> list[tuple[int, int]]:
        def preference(g: int, p: int) -> float | None:
            strength = matcher.strength(gold_indices[g], predicted[pred_indices[p]])
            return None if strength is None else strength / BY_ID

        pairs = assign(len(gold_indices), len(pred_indices), preference)
        return [(gold_indices[g], pred_indices[p]) for g, p in pairs]

    pairs = pair_up(list(range(len(gold.actors))), list(range(len(predicted))))
    counts = Counts(len(pairs), len(predicted), len(pairs), len(gold.actors))
    # Per kind, both sides are restricted to the kind: a country predicted as a
    # place counts against both kinds even when the overall score accepts it.
    by_kind: dict[str, Counts] = {}
    kinds = {g.kind for g in gold.actors} | {predicted_kind(a) for a in predicted}
    for kind in kinds:
        gold_of_kind = [i for i, g in enumerate(gold.actors) if g.kind == kind]
        pred_of_kind = [i for i, a in enumerate(predicted) if predicted_kind(a) == kind]
        found = len(pair_up(gold_of_kind, pred_of_kind))
        by_kind[kind] = Counts(found, len(pred_of_kind), found, len(gold_of_kind))
    return counts, by_kind, _alignment(pairs, len(gold.actors), len(predicted))


def score_entity_bag(
    gold_kinds: list[str], predicted_kinds: list[str], pairs: Iterable[tuple[int, int]]
) -> dict[str, Counts]:
    """PER / LOC / ORG counts from the actor pairing ``pairs`` (gold index, predicted index).

    A pair is right for class C when its gold and its predicted kind are both C;
    actors of a kind outside the three classes are left out on both sides.
    """
    gold_classes = [entity_class(k) for k in gold_kinds]
    pred_classes = [entity_class(k) for k in predicted_kinds]
    right = {c: 0 for c in ENTITY_CLASSES}
    for g, p in pairs:
        cls = gold_classes[g]
        if cls is not None and cls == pred_classes[p]:
            right[cls] += 1
    return {
        c: Counts(right[c], pred_classes.count(c), right[c], gold_classes.count(c))
        for c in ENTITY_CLASSES
    }


# -- times ------------------------------------------------------------------
def distinct_values(values: Iterable[object]) -> list[str]:
    return sorted({str(v).strip() for v in values if v is not None and str(v).strip()})


def _score_times(gold: GoldDocument, predicted: list[dict[str, Any]]) -> tuple[Counts, Alignment]:
    gold_values = distinct_values(t.value for t in gold.times)
    pred_values = distinct_values(t.get("value") for t in predicted)
    common = set(gold_values) & set(pred_values)
    pairs = [(gold_values.index(v), pred_values.index(v)) for v in sorted(common)]
    counts = Counts(len(common), len(pred_values), len(common), len(gold_values))
    return counts, _alignment(pairs, len(gold_values), len(pred_values))


# -- published date -----------------------------------------------------------
def _score_published(gold: GoldDocument, record: dict[str, Any]) -> tuple[Ratio, Ratio]:
    document = record.get("document") or {}
    # The exact date is judged only where the gold file states "published"
    # (null included); the window is judged wherever it is given.
    exact = Ratio(int(document.get("published") == gold.published), 1)
    if not gold.annotates("published"):
        exact = Ratio()
    if gold.published_window is None:
        return exact, Ratio()
    window = (interval(gold.published_window[0]), interval(gold.published_window[1]))
    if window[0] is None or window[1] is None:
        return exact, Ratio()
    gold_span = (window[0][0], window[1][1])
    return exact, Ratio(int(estimate_overlaps(document.get("published_estimate"), gold_span)), 1)


def estimate_overlaps(estimate: object, gold_span: tuple[date, date]) -> bool:
    """The estimate's value, or its earliest..latest range, overlaps the gold window."""
    if not isinstance(estimate, dict):
        return False
    if overlaps(interval(estimate.get("value")), gold_span):
        return True
    earliest, latest = interval(estimate.get("earliest")), interval(estimate.get("latest"))
    return bool(earliest and latest and overlaps((earliest[0], latest[1]), gold_span))


# -- quotes -------------------------------------------------------------------
def _score_quotes(
    gold: GoldDocument, predicted: list[dict[str, Any]], matcher: ActorMatcher
) -> tuple[Counts, Ratio, Alignment]:
    pred_texts = [fold(str(q.get("text") or "")) for q in predicted]
    snippets = [fold(q.contains) for q in gold.quotes]
    pairs = [
        (g, p)
        for g, snippet in enumerate(snippets)
        for p, text in enumerate(pred_texts)
        if snippet and snippet in text
    ]
    alignment = _alignment(pairs, len(gold.quotes), len(predicted))
    counts = Counts(
        len(predicted) - len(alignment.spurious),
        len(predicted),
        len(gold.quotes) - len(alignment.missed),
        len(gold.quotes),
    )
    # A found quote has the right speaker when any prediction that found it does.
    right = {g for g, p in pairs if quote_speaker_right(gold.quotes[g], predicted[p], matcher)}
    found = {g for g, _ in pairs}
    return counts, Ratio(len(right), len(found)), alignment


def quote_speaker_right(
    gold_quote: GoldQuote, quote: dict[str, Any], matcher: ActorMatcher
) -> bool:
    """The predicted speaker matches the gold speaker as an actor would (null matches null)."""
    said = quote.get("speaker")
    if gold_quote.speaker is None:
        return said is None
    return gold_quote.speaker in matcher.gold_ids_for(said)


# -- events -------------------------------------------------------------------
def event_checks(
    gold_event: GoldEvent, event: dict[str, Any], matcher: ActorMatcher
) -> dict[str, bool]:
    """The three conditions of an event match, each on its own (explain shows them)."""
    participants = list(event.get("source") or []) + list(event.get("target") or [])
    return {
        "type": event.get("type") in gold_event.types,
        "date": within(event.get("date"), gold_event.date),
        "participant": bool(matcher.gold_ids_for_all(participants) & set(gold_event.participants)),
    }


def _score_events(
    gold: GoldDocument, predicted: list[dict[str, Any]], matcher: ActorMatcher
) -> tuple[Counts, Alignment]:
    pairs = [
        (g, p)
        for g, gold_event in enumerate(gold.events)
        for p, event in enumerate(predicted)
        if all(event_checks(gold_event, event, matcher).values())
    ]
    alignment = _alignment(pairs, len(gold.events), len(predicted))
    counts = Counts(
        len(predicted) - len(alignment.spurious),
        len(predicted),
        len(gold.events) - len(alignment.missed),
        len(gold.events),
    )
    return counts, alignment


# -- commitments ----------------------------------------------------------------
def commitment_checks(
    gold_commitment: GoldCommitment, commitment: dict[str, Any], matcher: ActorMatcher
) -> dict[str, bool]:
    guarantors = matcher.gold_ids_for_all(commitment.get("guarantors") or [])
    beneficiaries = matcher.gold_ids_for_all(commitment.get("beneficiaries") or [])
    return {
        "type": commitment.get("type") in gold_commitment.types,
        "guarantors": bool(guarantors & set(gold_commitment.guarantors)),
        "beneficiaries": bool(beneficiaries & set(gold_commitment.beneficiaries)),
    }


def _score_commitments(
    gold: GoldDocument, predicted: list[dict[str, Any]], matcher: ActorMatcher
) -> tuple[Counts, Ratio, Alignment]:
    pairs = [
        (g, p)
        for g, gold_commitment in enumerate(gold.commitments)
        for p, commitment in enumerate(predicted)
        if all(commitment_checks(gold_commitment, commitment, matcher).values())
    ]
    alignment = _alignment(pairs, len(gold.commitments), len(predicted))
    counts = Counts(
        len(predicted) - len(alignment.spurious),
        len(predicted),
        len(gold.commitments) - len(alignment.missed),
        len(gold.commitments),
    )
    # A found commitment has the right status when any prediction that found it does.
    status_right = {g for g, p in pairs if predicted[p].get("status") in gold.commitments[g].status}
    found = {g for g, _ in pairs}
    return counts, Ratio(len(status_right), len(found)), alignment
