"""The FastAPI application: ``create_app(db)`` wires the store, the routes and the pages."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

import pactwatch
from pactwatch.api import (
    routes_actors,
    routes_commitments,
    routes_documents,
    routes_events,
    routes_export,
    routes_meta,
    routes_search,
    views,
)
from pactwatch.api.cache import AnswerCache
from pactwatch.api.deps import Settings
from pactwatch.api.problems import install_handlers
from pactwatch.api.upload import Uploader
from pactwatch.store import Store, open_store

DEFAULT_MAX_UPLOAD_BYTES = 5_000_000
log = logging.getLogger(__name__)
ROUTERS = (routes_meta, routes_documents, routes_actors, routes_events, routes_commitments,
           routes_search, routes_export)


def create_app(
    db: str,
    *,
    token: str | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    read_only: bool = True,
    prewarm: bool = False,
) -> FastAPI:
    """The API (and web pages) over the database at ``db`` (a path or store URL).

    Writes (uploads) are allowed only when ``token`` is set and ``read_only`` is False;
    otherwise they answer 403. The store is opened now and closed on shutdown. With
    ``prewarm`` the answers every first page view needs (filter menus, whole-database
    timelines) are computed in the background at startup.
    """
    store = open_store(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if prewarm:
            threading.Thread(target=_prewarm, args=(store, app.state.cache), daemon=True,
                             name="pactwatch-prewarm").start()
        yield
        store.close()

    app = FastAPI(
        title="pactwatch",
        version=pactwatch.__version__,
        summary="Who is committed to defend whom, as the news reports it, with evidence.",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.settings = Settings(db=db, token=token or None,
                                  max_upload_bytes=max_upload_bytes, read_only=read_only)
    app.state.cache = AnswerCache(store)
    app.state.uploader = Uploader(store, max_upload_bytes, on_stored=app.state.cache.invalidate)
    install_handlers(app)
    for module in ROUTERS:
        app.include_router(module.router, prefix="/api")

    from pactwatch.web.pages import mount_web

    mount_web(app)
    return app


def _prewarm(store: Store, cache: AnswerCache) -> None:
    try:
        views.prewarm(store, cache)
    except Exception as exc:  # the server may be stopping; a request computes it anyway
        log.warning("prewarm stopped: %s: %s", type(exc).__name__, exc)
