"""The reader registry: one function per input format, found by name or extension.

A reader turns the raw bytes of one file into its articles. It returns the
articles it could read and the per-record errors it met, so that one broken
record in a .jsonl never costs the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pactwatch.document import Document
from pactwatch.errors import ReadError

ReaderResult = tuple[list[Document], list[ReadError]]
ReaderFn = Callable[[bytes, str], ReaderResult]


@dataclass(frozen=True)
class ReaderInfo:
    fmt: str
    fn: ReaderFn
    extensions: tuple[str, ...]


_READERS: dict[str, ReaderInfo] = {}


def reader(fmt: str, *, extensions: tuple[str, ...] = ()) -> Callable[[ReaderFn], ReaderFn]:
    """Register ``fn(data, name) -> (docs, record_errors)`` as the reader of ``fmt``."""

    def register(fn: ReaderFn) -> ReaderFn:
        _READERS[fmt] = ReaderInfo(fmt, fn, tuple(e.lower() for e in extensions))
        return fn

    return register


def reader_for_format(fmt: str) -> ReaderInfo | None:
    return _READERS.get(fmt.lower())


def reader_for_extension(suffix: str) -> ReaderInfo | None:
    suffix = suffix.lower()
    for info in _READERS.values():
        if suffix in info.extensions:
            return info
    return None


def formats() -> list[str]:
    return sorted(_READERS)
