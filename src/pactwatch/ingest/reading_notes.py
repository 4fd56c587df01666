"""Warnings found while reading one file, for its run record.

Some input is read, but not quite as written: a file whose lines mix two encodings, a date
that is no calendar date. The helper that notices (deep inside a reader) calls :func:`warn`;
:func:`~pactwatch.ingest.readers.read_bytes_report` collects what was said while it read
the file and puts it in each article's ``meta["warnings"]``, which the store records with
the article's outcome in its run. Outside a collection, :func:`warn` does nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# at most this many warnings per file (a file of 10,000 bad dates says so once per kind)
MAX_WARNINGS = 20
_current: ContextVar[list[str] | None] = ContextVar("pactwatch_reading_notes", default=None)


def warn(message: str) -> None:
    found = _current.get()
    if found is not None and message not in found and len(found) < MAX_WARNINGS:
        found.append(message)


@contextmanager
def collecting() -> Iterator[list[str]]:
    found: list[str] = []
    token = _current.set(found)
    try:
        yield found
    finally:
        _current.reset(token)
