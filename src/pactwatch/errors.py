"""Numbered, catalogued errors that say what went wrong and what to do.

Codes: E0xx pipeline, E1xx ingest/readers, E2xx store, E3xx knowledge base,
E4xx evaluation, E5xx web/API, E6xx system model.

Ingest (:class:`ReadError`, raised by ``pactwatch.ingest.readers``):

====  ===========================  ==============================================
code  meaning                      what to do
====  ===========================  ==============================================
E101  empty file                   the file (or record set) holds no article text
E102  too large                    raise ``max_bytes`` or split the file
E103  binary, not text             NUL bytes or many control bytes: not an article
E104  undecodable bytes            bytes invalid in the encoding their BOM declares
E105  broken front matter          fix the YAML at the line named, or close ``---``
E106  unreadable path              missing file, a directory, or no permission
E107  unsupported format           use .txt, .md, .html, .jsonl or .json (or ``fmt``)
E108  bad JSON record              the record named is not JSON or has no ``text``
E109  no main text in HTML         the page has no article body trafilatura can find
====  ===========================  ==============================================
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
