"""The REST API over a store (FastAPI): ``create_app(db)`` and ``pactwatch serve``.

Every route returns plain JSON built from :class:`pactwatch.store.Store` queries and the
system-model functions; the web pages fetch the same endpoints, so the two cannot
disagree. The contract is docs/api.md.
"""

from __future__ import annotations

from pactwatch.api.app import create_app

__all__ = ["create_app"]
