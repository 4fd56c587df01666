"""What the quote and event extractors share: where text may be read, where
paragraphs and sentences are, and which actor mention sits where.

Quotes and events come only from title, subtitle, heading, body and blockquote
zones, never from captions, credits or datelines.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

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

    def within(self, start: int, end: int) -> list[PlacedMention]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return [p for p in self.mentions[lo:hi] if p.end <= end]

    def starting_at(self, pos: int) -> list[PlacedMention]:
        """The mentions that start exactly at ``pos``, longest first."""
        lo = bisect.bisect_left(self._starts, pos)
        hi = bisect.bisect_right(self._starts, pos)
        return self.mentions[lo:hi]


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
