"""Why a document scores what it does: each miss and each spurious prediction,
next to the nearest item on the other side."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from pactwatch.evaluation.actormatch import ActorMatcher
from pactwatch.evaluation.gold import GoldActor, GoldCommitment, GoldEvent
from pactwatch.evaluation.score import (
    DocumentScore,
    commitment_checks,
    distinct_values,
    entity_class,
    event_checks,
    predicted_kind,
    quote_speaker_right,
)
from pactwatch.evaluation.textfold import fold

SHOWN_TEXT = 90  # characters of a quote shown


def explain_document(doc: DocumentScore) -> list[str]:
    gold, record = doc.gold, doc.record
    predicted = {key: _items(record, key) for key in ("actors", "times", "quotes", "events")}
    predicted["commitments"] = _items(record, "commitments")
    matcher = ActorMatcher(gold.actors, predicted["actors"])
    lines: list[str] = []
    lines += _explain_actors(doc, predicted["actors"])
    lines += _explain_times(doc, predicted["times"])
    lines += _explain_published(doc)
    lines += _explain_quotes(doc, predicted["quotes"], matcher)
    lines += _explain_events(doc, predicted["events"], matcher)
    lines += _explain_commitments(doc, predicted["commitments"], matcher)
    return lines or ["everything matches"]


def _items(record: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [item for item in record.get(key) or [] if isinstance(item, dict)]


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, fold(a), fold(b)).ratio()


def _short(text: str, limit: int = SHOWN_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- actors -------------------------------------------------------------------
def _actor_label(actor: dict[str, Any]) -> str:
    names = sorted(ActorMatcher.surface_forms(actor))[:3]
    return f"{actor.get('id')} ({predicted_kind(actor)}; {', '.join(names)})"


def _nearest_actor(gold: GoldActor, predicted: list[dict[str, Any]]) -> str:
    best, best_score = None, 0.0
    for actor in predicted:
        forms = [str(actor.get("id") or "")] + sorted(ActorMatcher.surface_forms(actor))
        score = max(_similarity(f, n) for f in forms for n in [gold.id, *gold.names])
        if score > best_score:
            best, best_score = actor, score
    return "none" if best is None else f"{_actor_label(best)} ~{best_score:.2f}"


def _explain_actors(doc: DocumentScore, predicted: list[dict[str, Any]]) -> list[str]:
    alignment = doc.alignments["actors"]
    lines = []
    for g in alignment.missed:
        gold_actor = doc.gold.actors[g]
        lines.append(
            f"actor missed   {gold_actor.id} [{', '.join(gold_actor.names)}]"
            f"  nearest prediction: {_nearest_actor(gold_actor, predicted)}"
        )
    for g, p in alignment.pairs:
        gold_actor, actor = doc.gold.actors[g], predicted[p]
        kind = predicted_kind(actor)
        if kind != gold_actor.kind:
            # a kind of another bag-of-entity class (PER/LOC/ORG) costs the bag score too
            gold_class, pred_class = entity_class(gold_actor.kind), entity_class(kind)
            cls = "" if gold_class == pred_class else f"  (class {gold_class} -> {pred_class})"
            lines.append(f"actor kind     gold {gold_actor.id} found as {_actor_label(actor)}{cls}")
    for p in alignment.spurious:
        actor = predicted[p]
        forms = sorted(ActorMatcher.surface_forms(actor)) or [str(actor.get("id"))]
        nearest = max(
            doc.gold.actors,
            key=lambda g: max(_similarity(f, n) for f in forms for n in [g.id, *g.names]),
            default=None,
        )
        lines.append(
            f"actor spurious {_actor_label(actor)}"
            f"  nearest gold: {nearest.id if nearest else 'none'}"
        )
    return lines


# -- times ----------------------------------------------------------------------
def _explain_times(doc: DocumentScore, predicted: list[dict[str, Any]]) -> list[str]:
    alignment = doc.alignments["times"]
    gold_values = distinct_values(t.value for t in doc.gold.times)
    pred_values = distinct_values(t.get("value") for t in predicted)
    lines = []
    for g in alignment.missed:
        value = gold_values[g]
        texts = [t.text for t in doc.gold.times if t.value == value]
        said = [
            f"{t.get('text')!r}->{t.get('value')}"
            for t in predicted
            if any(fold(str(t.get("text") or "")) == fold(x) for x in texts)
        ]
        lines.append(
            f"time missed    {value} from {texts}"
            + (f"  predicted for that text: {', '.join(said)}" if said else "")
        )
    for p in alignment.spurious:
        value = pred_values[p]
        texts = [str(t.get("text")) for t in predicted if str(t.get("value")).strip() == value]
        lines.append(f"time spurious  {value} from {texts}")
    return lines


# -- published date -----------------------------------------------------------------
def _explain_published(doc: DocumentScore) -> list[str]:
    document = doc.record.get("document") or {}
    lines = []
    if doc.scores.published_exact.total and not doc.scores.published_exact.right:
        lines.append(
            f"published      gold {doc.gold.published} vs predicted {document.get('published')}"
        )
    if doc.scores.published_estimate.total and not doc.scores.published_estimate.right:
        lines.append(
            f"estimate       gold window {doc.gold.published_window}"
            f" vs predicted {document.get('published_estimate')}"
        )
    return lines


# -- quotes ----------------------------------------------------------------------------
def _explain_quotes(
    doc: DocumentScore, predicted: list[dict[str, Any]], matcher: ActorMatcher
) -> list[str]:
    alignment = doc.alignments["quotes"]
    lines = []
    for g in alignment.missed:
        gold_quote = doc.gold.quotes[g]
        nearest = max(
            predicted,
            key=lambda q: _token_overlap(gold_quote.contains, str(q.get("text") or "")),
            default=None,
        )
        near = "none" if nearest is None else _short(str(nearest.get("text") or ""))
        lines.append(
            f"quote missed   {gold_quote.speaker}: {gold_quote.contains!r}"
            f"  nearest prediction: {near!r}"
        )
    found = sorted({g for g, _ in alignment.pairs})
    for g in found:
        gold_quote = doc.gold.quotes[g]
        finders = [predicted[p] for gg, p in alignment.pairs if gg == g]
        if not any(quote_speaker_right(gold_quote, q, matcher) for q in finders):
            said = sorted({str(q.get("speaker")) for q in finders})
            lines.append(
                f"quote speaker  {gold_quote.contains!r}: gold {gold_quote.speaker},"
                f" predicted {', '.join(said)}"
            )
    for p in alignment.spurious:
        quote = predicted[p]
        lines.append(
            f"quote spurious {quote.get('speaker')}: {_short(str(quote.get('text') or ''))!r}"
        )
    return lines


def _token_overlap(snippet: str, text: str) -> float:
    wanted = set(fold(snippet).split())
    return len(wanted & set(fold(text).split())) / len(wanted) if wanted else 0.0


# -- events and commitments ------------------------------------------------------------------
def _event_label(event: dict[str, Any]) -> str:
    return (
        f"{event.get('type')} {event.get('date')}"
        f" {event.get('source') or []}->{event.get('target') or []}"
    )


def _gold_event_label(event: GoldEvent) -> str:
    return f"{'|'.join(event.types)} {event.date} {event.participants}"


def _failed(checks: dict[str, bool]) -> str:
    failed = [name for name, ok in checks.items() if not ok]
    return "wrong " + ", ".join(failed) if failed else "matches"


def _explain_events(
    doc: DocumentScore, predicted: list[dict[str, Any]], matcher: ActorMatcher
) -> list[str]:
    alignment = doc.alignments["events"]
    lines = []
    for g in alignment.missed:
        gold_event = doc.gold.events[g]
        nearest = max(
            predicted,
            key=lambda e: sum(event_checks(gold_event, e, matcher).values()),
            default=None,
        )
        near = (
            "none"
            if nearest is None
            else f"{_event_label(nearest)} ({_failed(event_checks(gold_event, nearest, matcher))})"
        )
        lines.append(f"event missed   {_gold_event_label(gold_event)}  nearest prediction: {near}")
    for p in alignment.spurious:
        event = predicted[p]
        nearest_gold = max(
            doc.gold.events,
            key=lambda g: sum(event_checks(g, event, matcher).values()),
            default=None,
        )
        near = (
            "none"
            if nearest_gold is None
            else f"{_gold_event_label(nearest_gold)}"
            f" ({_failed(event_checks(nearest_gold, event, matcher))})"
        )
        lines.append(f"event spurious {_event_label(event)}  nearest gold: {near}")
    return lines


def _commitment_label(commitment: dict[str, Any]) -> str:
    return (
        f"{commitment.get('type')} {commitment.get('guarantors') or []}"
        f"->{commitment.get('beneficiaries') or []} {commitment.get('status')}"
    )


def _gold_commitment_label(commitment: GoldCommitment) -> str:
    return (
        f"{'|'.join(commitment.types)} {commitment.guarantors}->{commitment.beneficiaries}"
        f" {'|'.join(commitment.status)}"
    )


def _explain_commitments(
    doc: DocumentScore, predicted: list[dict[str, Any]], matcher: ActorMatcher
) -> list[str]:
    alignment = doc.alignments["commitments"]
    lines = []
    for g in alignment.missed:
        gold_c = doc.gold.commitments[g]
        nearest = max(
            predicted,
            key=lambda c: sum(commitment_checks(gold_c, c, matcher).values()),
            default=None,
        )
        near = (
            "none"
            if nearest is None
            else f"{_commitment_label(nearest)}"
            f" ({_failed(commitment_checks(gold_c, nearest, matcher))})"
        )
        lines.append(
            f"commitment missed   {_gold_commitment_label(gold_c)}  nearest prediction: {near}"
        )
    found_right = {
        g
        for g, p in alignment.pairs
        if predicted[p].get("status") in doc.gold.commitments[g].status
    }
    for g in sorted({g for g, _ in alignment.pairs} - found_right):
        said = sorted({str(predicted[p].get("status")) for gg, p in alignment.pairs if gg == g})
        lines.append(
            f"commitment status   {_gold_commitment_label(doc.gold.commitments[g])}"
            f"  predicted status {said}"
        )
    for p in alignment.spurious:
        commitment = predicted[p]
        nearest_gold = max(
            doc.gold.commitments,
            key=lambda g: sum(commitment_checks(g, commitment, matcher).values()),
            default=None,
        )
        near = (
            "none"
            if nearest_gold is None
            else f"{_gold_commitment_label(nearest_gold)}"
            f" ({_failed(commitment_checks(nearest_gold, commitment, matcher))})"
        )
        lines.append(f"commitment spurious {_commitment_label(commitment)}  nearest gold: {near}")
    return lines
