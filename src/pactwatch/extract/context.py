"""What the quote and event extractors share: where text may be read, where
paragraphs and sentences are, and which actor mention sits where.

Quotes and events come only from title, subtitle, heading, body and blockquote
zones, never from captions, credits or datelines.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from pactwatch.document import Document, Span

CONTENT_ZONES = frozenset({"title", "subtitle", "heading", "body", "blockquote"})

# When several actors could be the one acting or speaking, prefer the most
# specific kind: a named person over the body they lead, over their country.
KIND_RANK = {
    "person": 0,
    "group": 1,
    "government_body": 2,
    "organization": 3,
    "country": 4,
    "outlet": 5,
    "place": 6,
}


@dataclass(frozen=True)
class PlacedMention:
    """One actor mention with what the extractors need to know about its actor."""

    start: int
    end: int
    actor_id: str
    kind: str
    text: str


class MentionIndex:
    """Actor mentions sorted by offset, for "which mentions lie in [a, b)"."""

    def __init__(self, doc: Document) -> None:
        placed = [
            PlacedMention(m.start, m.end, a.id, a.kind, m.text)
            for a in doc.actors
            for m in a.mentions
        ]
        # Nested matches ("Thủ tướng Anh Keir Starmer" and "Anh") keep both; ties
        # broken by the longer mention first.
        placed.sort(key=lambda p: (p.start, -(p.end - p.start)))
        self.mentions = placed
        self._starts = [p.start for p in placed]
        self.country_of = {a.id: a.country for a in doc.actors if a.country}
        self.iso3_of = {a.id: a.iso3 for a in doc.actors if a.iso3}
        self._outlets: list[PlacedMention] | None = None
        self._outlet_starts: list[int] = []
        # answers a stage works out from the mentions and the text, kept for the document
        # (each is asked again by every predicate whose window holds it)
        self.memo: dict[tuple[Any, ...], Any] = {}

    def within(self, start: int, end: int) -> list[PlacedMention]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return [p for p in self.mentions[lo:hi] if p.end <= end]

    def starting_at(self, pos: int) -> list[PlacedMention]:
        """The mentions that start exactly at ``pos``, longest first."""
        lo = bisect.bisect_left(self._starts, pos)
        hi = bisect.bisect_right(self._starts, pos)
        return self.mentions[lo:hi]

    def outlets_within(self, start: int, end: int) -> list[PlacedMention]:
        """``within(start, end)`` keeping only outlets, from an index of the outlet mentions:
        read for every quote, a scan of all mentions before it made long sentences quadratic."""
        if self._outlets is None:
            self._outlets = [p for p in self.mentions if p.kind == "outlet"]
            self._outlet_starts = [p.start for p in self._outlets]
        lo = bisect.bisect_left(self._outlet_starts, start)
        hi = bisect.bisect_left(self._outlet_starts, end)
        return [p for p in self._outlets[lo:hi] if p.end <= end]


def content_spans(doc: Document) -> list[tuple[Span, str]]:
    """The zones quotes and events may come from, in text order, with their kind."""
    if not doc.zones:
        return [(Span(0, len(doc.text)), "body")]
    return [
        (Span(z.start, z.end), z.kind)
        for z in sorted(doc.zones, key=lambda z: z.start)
        if z.kind in CONTENT_ZONES
    ]


_PARAGRAPH = re.compile(r"[^\n]+")


def paragraphs(text: str, span: Span) -> list[Span]:
    """Non-empty lines of a zone: Vietnamese articles put one paragraph per line."""
    out = []
    for m in _PARAGRAPH.finditer(text, span.start, span.end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Span(s, e))
    return out


class SentenceIndex:
    """The document's sentences, found by offset."""

    def __init__(self, doc: Document) -> None:
        self.spans = sorted(doc.sentences, key=lambda s: s.start)
        self._starts = [s.start for s in self.spans]

    def at(self, offset: int) -> Span | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.spans[i].start <= offset < self.spans[i].end:
            return self.spans[i]
        return None

    def within(self, start: int, end: int) -> list[Span]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.spans[lo:hi]


def slug(text: str) -> str:
    """ASCII slug for ids: lower case, diacritics removed, hyphens between words."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.casefold()).strip("-")


class Covering:
    """Spans asked many times "does one of them hold this offset": a bisection over their
    starts with the furthest end reached so far, where a scan of all of them for every
    question made a long text cost its spans times its questions."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)
        self._starts = [s.start for s in self.spans]
        self._reach = list(accumulate((s.end for s in self.spans), max))
        self._ends = sorted(s.end for s in self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def covers(self, pos: int) -> bool:
        """``any(s.start <= pos < s.end for s in spans)``."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._reach[i] > pos

    def last_end(self, lo: int, hi: int) -> int | None:
        """The largest end of a span that lies in [lo, hi], or None."""
        i = bisect.bisect_right(self._ends, hi) - 1
        return self._ends[i] if i >= 0 and self._ends[i] >= lo else None


# Longer than any match that the end of a search cuts short (its closing \b or (?!\w) met
# at the end of the searched text) of the patterns read through SearchFrom: cue words of a
# few words each (request verbs, "nhận được", "nước này", subordinators).
SEARCH_CUT = 64


class SearchFrom:
    r"""``pattern.search(text, span.start, end)`` for many ends inside ``span``, from one
    search of the span: its first match answers when it ends before ``end`` and starts
    well before it; otherwise only the short stretch from it (or from SEARCH_CUT before
    ``end``) is searched again. A search from the span's start for every end (a cue, a
    time) cost a long sentence its length times its cues.

    Exact for a pattern whose matches look at most one character past their end (a
    closing \b, \s+ or (?!\w)) and whose matches cut short by ``end`` are shorter than
    SEARCH_CUT: a match ending before ``end`` is then a match of the whole span."""

    def __init__(self, pattern: re.Pattern[str], text: str, span: Span) -> None:
        self.pattern, self.text, self.start, self.end = pattern, text, span.start, span.end
        self.searched = False
        self.first: re.Match[str] | None = None

    def search(self, end: int) -> re.Match[str] | None:
        if not self.searched:
            self.first = self.pattern.search(self.text, self.start, self.end)
            self.searched = True
        first = self.first
        if first is not None and first.end() < end and first.start() < end - SEARCH_CUT:
            return first
        lo = end - SEARCH_CUT if first is None else min(first.start(), end - SEARCH_CUT)
        return self.pattern.search(self.text, max(self.start, lo), end)
