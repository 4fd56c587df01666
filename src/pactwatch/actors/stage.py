"""Actor recognition and linking (issue 4 fills this in)."""

from __future__ import annotations

from pactwatch.document import Document
from pactwatch.pipeline import stage


@stage("actors", requires=("text", "zones"), assigns=("actors",))
def recognise_actors(doc: Document) -> Document:
    """Find actors in the text and link them to the knowledge base."""
    return doc
