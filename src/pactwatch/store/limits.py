"""Bounds on one caller's statements: a time limit per statement, and cancellation.

The web API wraps each request in :func:`limited`; every statement the store runs for that
request (in whatever worker thread) sees the limit through a context variable:

    >>> with limited(seconds=5) as limit:
    ...     store.list_documents(q="hoa binh")   # StoreError E207 after 5 s of one statement
    >>> limit.cancel()                          # from another thread: E208 at once

SQLite checks the limit from a progress handler every few thousand virtual-machine steps;
PostgreSQL gets ``statement_timeout`` and, on cancel, a cancel request to the server.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import Literal

Reason = Literal["timeout", "cancelled"]

# The largest integer both back ends hold (SQLite INTEGER, PostgreSQL BIGINT): offsets,
# limits and weights beyond it are refused before they reach a statement.
MAX_INTEGER = 2**63 - 1
# A full-text query: at most this many characters and words. Each word is one more
# index look-up per candidate row, and nobody types more to find an article.
MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 16


class QueryLimit:
    """How long one statement may run, and whether the caller has gone away."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = seconds
        self._cancelled = threading.Event()
        self._deadline: float | None = None
        # what stopped a statement (set when one was stopped)
        self.stopped: Reason | None = None
        self._cancellers: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    # -- the caller ---------------------------------------------------------------------------
    def cancel(self) -> None:
        """Stop the statement running now (if any) and every later one."""
        self._cancelled.set()
        with self._lock:
            cancellers = list(self._cancellers)
        for stop in cancellers:
            # the statement may have just ended: then there is nothing to stop
            with suppress(Exception):
                stop()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    # -- the store ----------------------------------------------------------------------------
    def statement_started(self) -> None:
        self._deadline = None if self.seconds is None else time.monotonic() + self.seconds

    def exceeded(self) -> bool:
        """True when the running statement must stop (and why is kept in ``stopped``)."""
        if self._cancelled.is_set():
            self.stopped = "cancelled"
            return True
        if self._deadline is not None and time.monotonic() > self._deadline:
            self.stopped = "timeout"
            return True
        return False

    @contextmanager
    def on_cancel(self, stop: Callable[[], None]) -> Iterator[None]:
        """Call ``stop`` (from the cancelling thread) if the caller cancels meanwhile."""
        with self._lock:
            self._cancellers.append(stop)
        try:
            yield
        finally:
            with self._lock:
                self._cancellers.remove(stop)


_current: ContextVar[QueryLimit | None] = ContextVar("pactwatch_query_limit", default=None)


def current_limit() -> QueryLimit | None:
    return _current.get()


@contextmanager
def limited(seconds: float | None = None, limit: QueryLimit | None = None
            ) -> Iterator[QueryLimit]:
    """Run the block's statements under ``limit`` (a new one of ``seconds`` by default)."""
    chosen = limit if limit is not None else QueryLimit(seconds)
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def limit_message(limit: QueryLimit) -> tuple[str, str]:
    """(code, message) for a statement the limit stopped."""
    if limit.stopped == "cancelled":
        return "E208", "the query was cancelled (the client went away)"
    return "E207", (f"the query ran longer than the limit of {limit.seconds:g} s: narrow it"
                    " (fewer or more specific words, a date range)")
