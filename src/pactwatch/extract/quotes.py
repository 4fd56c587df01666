"""Quotes with speakers and attribution chains (issue 6 fills this in)."""

from __future__ import annotations

from pactwatch.document import Document
from pactwatch.pipeline import stage


@stage("quotes", requires=("text", "sentences", "actors"), assigns=("quotes",))
def extract_quotes(doc: Document) -> Document:
    """Find direct and indirect quotes, their speakers and attribution chains."""
    return doc
