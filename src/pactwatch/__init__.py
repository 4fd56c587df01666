"""pactwatch: read international-security news into a source-attributed model
of who is committed to defend whom.

    >>> from pactwatch import analyze_text
    >>> record = analyze_text("Ngày 14/12, Tổng thống Ukraine tuyên bố ...")
"""

from __future__ import annotations

from typing import Any

from pactwatch import recache

# before any module below compiles its patterns
recache.install()

from pactwatch.document import Document  # noqa: E402
from pactwatch.pipeline import Pipeline, build_pipeline, stage  # noqa: E402

__version__ = "0.1.0"
__all__ = ["Document", "Pipeline", "build_pipeline", "stage", "analyze_document", "analyze_text"]


def analyze_document(doc: Document, pipeline: Pipeline | None = None) -> Document:
    """Run the (default) pipeline over an already-read Document."""
    return (pipeline or build_pipeline())(doc)


def analyze_text(text: str, *, published: str | None = None, source_path: str | None = None) -> dict[str, Any]:
    """Normalise plain article text, run the default pipeline, return the analysis record."""
    from pactwatch.ingest.build import document_from_parts
    from pactwatch.ingest.language import guess_language

    # read with the language's own pack, as the article readers do
    doc = document_from_parts(
        [("body", text)], source_path=source_path, published=published, language=guess_language(text)
    )
    return analyze_document(doc).as_dict()
