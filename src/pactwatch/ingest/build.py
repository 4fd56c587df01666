"""Turn what a reader found (zoned text parts + metadata) into a normalised Document.

Each part is normalised on its own and then joined, so zones are computed on the
normalised text directly and no offset mapping is ever needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pactwatch.document import ZONE_KINDS, Document, Zone
from pactwatch.ingest.normalize import normalize_text

PART_SEPARATOR = "\n\n"


def document_from_parts(
    parts: Iterable[tuple[str, str]],
    *,
    source_path: str | None = None,
    **metadata: Any,
) -> Document:
    """Build a Document from ``(zone kind, raw text)`` pairs, in reading order.

    Keyword arguments are Document metadata fields (title, published, outlet,
    authors, ...). Empty parts are dropped.
    """
    chunks: list[str] = []
    zones: list[Zone] = []
    originals: list[str] = []
    pos = 0
    for kind, raw in parts:
        if kind not in ZONE_KINDS:
            raise ValueError(f"unknown zone kind {kind!r}")
        norm = normalize_text(raw)
        if not norm:
            continue
        if chunks:
            pos += len(PART_SEPARATOR)
        chunks.append(norm)
        originals.append(raw)
        zones.append(Zone(pos, pos + len(norm), kind))
        pos += len(norm)
    text = PART_SEPARATOR.join(chunks)
    fields = {k: v for k, v in metadata.items() if v is not None}
    if isinstance(fields.get("title"), str):
        fields["title"] = normalize_text(fields["title"]) or None
    doc = Document(text=text, source_path=source_path, zones=zones, **fields)
    doc.original_text = PART_SEPARATOR.join(originals)
    return doc
