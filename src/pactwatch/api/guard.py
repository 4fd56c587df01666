"""Every request's statements run under a time limit, and stop when the client goes away.

An ASGI middleware (not a route dependency, so that it also covers the web pages and the
streamed exports): it opens a :class:`~pactwatch.store.limits.QueryLimit` for the request;
the route's worker thread inherits it through a context variable. For requests without a
body (GET, HEAD) it listens on the connection meanwhile: an ``http.disconnect`` cancels
the statement running for the request, so a client that gave up costs nothing more.
"""

from __future__ import annotations

from typing import Any

import anyio

from pactwatch.store.limits import QueryLimit, limited

Scope = dict[str, Any]
Message = dict[str, Any]
DEFAULT_STATEMENT_SECONDS = 10.0
_BODYLESS = frozenset({"GET", "HEAD"})


class QueryGuard:
    def __init__(self, app: Any, statement_seconds: float | None = DEFAULT_STATEMENT_SECONDS
                 ) -> None:
        self.app = app
        self.statement_seconds = statement_seconds

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = QueryLimit(self.statement_seconds)
        scope.setdefault("state", {})["query_limit"] = limit
        with limited(limit=limit):
            if scope.get("method") in _BODYLESS:
                await self._watching(limit, scope, receive, send)
            else:
                await self.app(scope, receive, send)

    async def _watching(self, limit: QueryLimit, scope: Scope, receive: Any, send: Any) -> None:
        """Run the app while reading the connection ourselves; hand the app what it asks."""
        first: list[Message] = []
        got_first = anyio.Event()
        gone = anyio.Event()

        async def watch() -> None:
            message = await receive()  # the (empty) request body, or the client gone already
            first.append(message)
            got_first.set()
            while message["type"] != "http.disconnect":
                message = await receive()
            limit.cancel()
            gone.set()

        async def app_receive() -> Message:
            await got_first.wait()
            if first:
                return first.pop()
            await gone.wait()
            return {"type": "http.disconnect"}

        async with anyio.create_task_group() as group:
            group.start_soon(watch)
            try:
                await self.app(scope, app_receive, send)
            finally:
                group.cancel_scope.cancel()
