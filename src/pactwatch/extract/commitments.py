"""Security commitments with a status lifecycle (issue 7 fills this in)."""

from __future__ import annotations

from pactwatch.document import Document
from pactwatch.pipeline import stage


@stage(
    "commitments",
    requires=("text", "sentences", "actors", "times", "quotes"),
    assigns=("commitments",),
)
def extract_commitments(doc: Document) -> Document:
    """Find security commitments and their status."""
    return doc
