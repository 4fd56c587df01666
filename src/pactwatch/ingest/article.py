"""What a reader found in one article, before it becomes a Document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pactwatch.document import Document
from pactwatch.ingest.build import document_from_parts
from pactwatch.ingest.language import guess_language


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


@dataclass
class ArticleParts:
    """Zoned text parts in reading order plus the metadata read with them."""

    parts: list[tuple[str, str]] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    credited_sources: list[str] = field(default_factory=list)
    original_publisher: str | None = None
    photo_credits: list[str] = field(default_factory=list)
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_document(self, source_path: str | None, *, original_text: str | None = None) -> Document:
        """The normalised Document; ``original_text`` is the decoded input as read."""
        doc = document_from_parts(
            self.parts,
            source_path=source_path,
            title=self.title,
            published=self.published,
            outlet=self.outlet,
            url=self.url,
            authors=_unique(self.authors),
            translators=_unique(self.translators),
            credited_sources=_unique(self.credited_sources),
            original_publisher=self.original_publisher,
            photo_credits=_unique(self.photo_credits),
            meta=dict(self.meta),
        )
        doc.language = self.language or guess_language(doc.text)
        if original_text is not None:
            doc.original_text = original_text
        return doc
