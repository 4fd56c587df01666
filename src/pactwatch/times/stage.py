"""Time expressions and article dating (issue 5 fills this in)."""

from __future__ import annotations

from pactwatch.document import Document
from pactwatch.pipeline import stage


@stage("times", requires=("text", "sentences"), assigns=("times", "published_estimate"))
def resolve_times(doc: Document) -> Document:
    """Find Vietnamese time expressions and resolve them to calendar values."""
    return doc
