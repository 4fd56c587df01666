"""The "times" stage: find time expressions, date the article, resolve them.

Two passes, because relative expressions need the article's date and an undated
article's date comes from its absolute expressions: find everything, estimate
the date (or take the stated one), then resolve in text order so that
"hai ngày trước đó" counts from the expression before it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from pactwatch.actors.kb import default_kb
from pactwatch.document import Document, PublishedEstimate, Span, TimeExpr
from pactwatch.registry import stage
from pactwatch.times.context import (
    caption_line,
    flashback,
    looks_forward,
    present_tied,
    role_of,
)
from pactwatch.times.dates import parse_iso_day
from pactwatch.times.dating import estimate_published
from pactwatch.times.lexicon import story_dates
from pactwatch.times.model import FoundTime, TimeValue
from pactwatch.times.patterns import RULES, Rule, find_times
from pactwatch.times.resolve import ABSOLUTE, DOCUMENT, PREVIOUS, resolve_time
from pactwatch.times.tenure import tenure_window

# Zones whose dates are not part of the story's chain of "trước đó / sau đó".
_ASIDE_ZONES = frozenset({"caption", "credit"})
# Kinds whose absolute value dates the story being told ("It was November 2021"), and
# kinds counted from the article's date, that bring the story back to the present.
_STORY_KINDS = frozenset({"date", "month", "year", "quarter"})
_PRESENT_KINDS = frozenset({"weekday", "relative", "ago", "span"})
_CLAUSE_END = re.compile(r"[,;.!?](?=\s|$)|\n")


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
        if caption_line(doc.text, item.start):
            item.zone = "caption"
        i = bisect_right(starts, item.start) - 1
        sentence = spans[i] if i >= 0 and spans[i].end >= item.end else None
        if sentence is None and i >= 0 and i + 1 < len(spans) and spans[i + 1].end >= item.end:
            # "set for Feb. 8.": the abbreviation's full stop cut the sentence in two
            sentence = Span(spans[i].start, spans[i + 1].end)
        item.forward = looks_forward(doc.text, sentence, item, memo)
        item.role = role_of(doc.text, item)
        item.flashback = flashback(doc.text, sentence, item)
        item.present = present_tied(doc.text, sentence, item)
    for item, after in zip(found, found[1:], strict=False):
        if item.side and _CLAUSE_END.search(doc.text, item.end, after.start) is None:
            # "three days after the vote on 4 March": counted from a date the clause
            # names after it, which the resolver does not read ahead to
            item.kind = "vague"
    return found


def resolve_document_times(doc: Document, found: list[FoundTime]) -> list[TimeExpr]:
    anchor_day = parse_iso_day(doc.published) or parse_iso_day(doc.published_estimate.value)
    times: list[TimeExpr] = []
    previous: TimeValue | None = None
    previous_aside: TimeValue | None = None
    # the last date the story being told gave itself (see resolve.in_story)
    story: TimeValue | None = None
    tells_stories = story_dates(doc.language)
    for item in found:
        aside = item.zone in _ASIDE_ZONES
        value = resolve_time(
            item,
            anchor_day,
            previous_aside if aside else previous,
            None if aside or item.present else story,
        )
        if value.value is not None and value.reference is not None and not item.side:
            previous_aside = value
            if not aside:
                previous = value
        if tells_stories and not aside and value.value is not None:
            story = _next_story(story, item, value)
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


def _next_story(story: TimeValue | None, item: FoundTime, value: TimeValue) -> TimeValue | None:
    """The story's date after ``item``: an event's own date moves it, a date counted from
    the article ("on Friday", "last week") brings it back to the present."""
    if item.role != "event" or item.flashback:
        return story
    if item.kind in _STORY_KINDS and value.anchor in (ABSOLUTE, PREVIOUS):
        if (
            story is not None
            and story.earliest is not None
            and value.earliest is not None
            and value.granularity in ("year", "decade")
            and story.granularity not in ("year", "decade")
            and abs(value.earliest.year - story.earliest.year) > 1
        ):
            # "as in the Kremlin in spring 1941", "the invasion of Iraq in 2003": a year
            # far from a story told by the month is a comparison, not where it goes on
            return story
        return value
    if item.kind in _PRESENT_KINDS and value.anchor == DOCUMENT:
        return None
    return story


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
