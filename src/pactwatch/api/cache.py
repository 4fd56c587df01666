"""Answers that read the whole database (timeline totals, filter menus, search, the board),
kept until the data changes.

A full timeline over a million events scans a million index entries; analysts ask for it
on every page. The store's :meth:`~pactwatch.store.base.Store.data_version` changes with
every stored article, whichever process stored it, so a cached answer is never stale:
it is only reused while the version it was computed at is still current.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from starlette.responses import Response

from pactwatch.store import Store
from pactwatch.store.reviews import rejected_shown

T = TypeVar("T")
DEFAULT_SIZE = 256
# how long a version read is trusted: a burst of requests checks the version once
VERSION_TTL_SECONDS = 1.0


class AnswerCache:
    def __init__(self, store: Store, size: int = DEFAULT_SIZE) -> None:
        self.store = store
        self.size = size
        self._answers: OrderedDict[Hashable, tuple[str, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._version = ""
        self._version_read = 0.0
        self.hits = 0
        self.misses = 0

    def version(self) -> str:
        now = time.monotonic()
        if now - self._version_read > VERSION_TTL_SECONDS:
            self._version = self.store.data_version()
            self._version_read = now
        return self._version

    def invalidate(self) -> None:
        """Forget everything now (after this process stored something)."""
        with self._lock:
            self._answers.clear()
            self._version_read = 0.0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        # an answer with analysts' rejected items (include_rejected) is another answer
        key = (key, rejected_shown())
        version = self.version()
        with self._lock:
            found = self._answers.get(key)
            if found is not None and found[0] == version:
                self._answers.move_to_end(key)
                self.hits += 1
                answer: T = found[1]
                return answer
        self.misses += 1
        answer = compute()
        with self._lock:
            self._answers[key] = (version, answer)
            self._answers.move_to_end(key)
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return answer


def render(answer: Any) -> bytes:
    """JSON as the API sends it (UTF-8, no ASCII escapes). ``default=str`` as the store's
    own JSON does: a stray date in a KB entry is sent as its ISO text."""
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":"),
                      default=str).encode("utf-8")


def json_answer(cache: AnswerCache, key: Hashable, compute: Callable[[], Any]) -> Response | None:
    """The answer as a ready JSON response, rendered once per data version (None when
    ``compute`` finds nothing). Serialising a large answer costs more than looking it up."""
    body: bytes | None = cache.get(key, lambda: _render_found(compute()))
    return None if body is None else Response(body, media_type="application/json")


def _render_found(answer: Any) -> bytes | None:
    return None if answer is None else render(answer)
