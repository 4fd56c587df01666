"""Numbered, catalogued errors that say what went wrong and what to do.

Codes: E0xx pipeline, E1xx ingest/readers, E2xx store, E3xx knowledge base,
E4xx evaluation, E5xx web/API, E6xx system model.
"""

from __future__ import annotations


class PactwatchError(Exception):
    """Base class: ``code`` is stable, ``message`` is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message


class PipelineError(PactwatchError):
    pass


class ReadError(PactwatchError):
    """A file could not be read into a Document (bad bytes, broken front matter, ...)."""


class StoreError(PactwatchError):
    pass


class KnowledgeBaseError(PactwatchError):
    pass


class EvaluationError(PactwatchError):
    pass
