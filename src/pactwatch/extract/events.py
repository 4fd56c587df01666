"""PLOVER events (issue 6 fills this in)."""

from __future__ import annotations

from pactwatch.document import Document
from pactwatch.pipeline import stage


@stage("events", requires=("text", "sentences", "actors", "times", "quotes"), assigns=("events",))
def extract_events(doc: Document) -> Document:
    """Code PLOVER events from clauses."""
    return doc
