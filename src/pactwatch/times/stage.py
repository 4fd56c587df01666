"""The "times" stage: find time expressions, date the article, resolve them.

Two passes, because relative expressions need the article's date and an undated
article's date comes from its absolute expressions: find everything, estimate
the date (or take the stated one), then resolve in text order so that
"hai ngày trước đó" counts from the expression before it.
"""

from __future__ import annotations

from bisect import bisect_right

from pactwatch.actors.kb import default_kb
from pactwatch.document import Document, PublishedEstimate, Span, TimeExpr
from pactwatch.registry import stage
from pactwatch.times.context import looks_forward, role_of
from pactwatch.times.dates import parse_iso_day
from pactwatch.times.dating import estimate_published
from pactwatch.times.model import FoundTime, TimeValue
from pactwatch.times.patterns import RULES, Rule, find_times
from pactwatch.times.resolve import resolve_time
from pactwatch.times.tenure import tenure_window

# Zones whose dates are not part of the story's chain of "trước đó / sau đó".
_ASIDE_ZONES = frozenset({"caption", "credit"})


def _sentence_bounds(doc: Document) -> tuple[list[int], list[Span]]:
    spans = sorted(doc.sentences, key=lambda s: s.start)
    return [s.start for s in spans], spans


def rules_for(language: str | None) -> tuple[Rule, ...]:
    """The time grammar of a document's language: the shared rules, and English's own."""
    if (language or "").split("-")[0].casefold() == "en":
        from pactwatch.times.english import ENGLISH_RULES

        return RULES + ENGLISH_RULES
    return RULES


def find_document_times(doc: Document) -> list[FoundTime]:
    """Every expression in the text, with its zone and whether its sentence looks forward."""
    found = find_times(doc.text, rules=rules_for(doc.language))
    starts, spans = _sentence_bounds(doc)
    memo: dict[tuple[int, int], list[tuple[int, int]]] = {}  # each sentence's cues, once
    for item in found:
        item.zone = doc.zone_at(item.start)
        i = bisect_right(starts, item.start) - 1
        sentence = spans[i] if i >= 0 and spans[i].end >= item.end else None
        item.forward = looks_forward(doc.text, sentence, item, memo)
        item.role = role_of(doc.text, item)
    return found


def resolve_document_times(doc: Document, found: list[FoundTime]) -> list[TimeExpr]:
    anchor_day = parse_iso_day(doc.published) or parse_iso_day(doc.published_estimate.value)
    times: list[TimeExpr] = []
    previous: TimeValue | None = None
    previous_aside: TimeValue | None = None
    for item in found:
        aside = item.zone in _ASIDE_ZONES
        value = resolve_time(item, anchor_day, previous_aside if aside else previous)
        if value.value is not None and value.reference is not None:
            previous_aside = value
            if not aside:
                previous = value
        times.append(
            TimeExpr(
                start=item.start,
                end=item.end,
                text=doc.text[item.start : item.end],
                value=value.value,
                granularity=value.granularity,
                anchor=value.anchor,
                earliest=value.earliest.isoformat() if value.earliest else None,
                latest=value.latest.isoformat() if value.latest else None,
            )
        )
    return times


@stage("times", requires=("text", "sentences"), assigns=("times", "published_estimate"))
def resolve_times(doc: Document) -> Document:
    """Find Vietnamese time expressions, date the article and resolve them."""
    found = find_document_times(doc)
    stated = parse_iso_day(doc.published)
    if stated is not None:
        iso = stated.isoformat()
        doc.published_estimate = PublishedEstimate(iso, iso, iso, "stated")
    else:
        # the actor stage, when it ran before, says who held which office
        tenure = tenure_window(doc.actors, default_kb()) if doc.actors else None
        doc.published_estimate = estimate_published(found, tenure)
    doc.times = resolve_document_times(doc, found)
    return doc
