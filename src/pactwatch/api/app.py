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
    routes_jobs,
    routes_map,
    routes_meta,
    routes_reviews,
    routes_search,
    routes_stories,
    views,
)
from pactwatch.api.cache import AnswerCache
from pactwatch.api.deps import Settings
from pactwatch.api.docs_pages import mount_docs
from pactwatch.api.guard import DEFAULT_STATEMENT_SECONDS, QueryGuard
from pactwatch.api.jobs import DEFAULT_QUEUE_SIZE, DEFAULT_WORKERS, JobQueue
from pactwatch.api.problems import install_handlers
from pactwatch.api.upload import Uploader
from pactwatch.store import Store, open_store

DEFAULT_MAX_UPLOAD_BYTES = 5_000_000
# how long shutting down waits for a running upload job
JOBS_STOP_SECONDS = 1.5
log = logging.getLogger(__name__)
# routes_stories before routes_export: its /export/stories.* goes before /export/{name}
ROUTERS = (routes_meta, routes_documents, routes_actors, routes_events, routes_commitments,
           routes_search, routes_stories, routes_export, routes_reviews, routes_jobs, routes_map)


def create_app(
    db: str,
    *,
    token: str | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    read_only: bool = True,
    prewarm: bool = False,
    reviews: bool = True,
    statement_seconds: float | None = DEFAULT_STATEMENT_SECONDS,
    job_workers: int = DEFAULT_WORKERS,
    job_queue_size: int = DEFAULT_QUEUE_SIZE,
) -> FastAPI:
    """The API (and web pages) over the database at ``db`` (a path or store URL).

    Writes (uploads) are allowed only when ``token`` is set and ``read_only`` is False;
    otherwise they answer 403. The store is opened now and closed on shutdown. With
    ``prewarm`` the answers every first page view needs (filter menus, whole-database
    timelines) are computed in the background at startup. Reviews (``/api/reviews``) need
    a user's token or ``token``; ``reviews=False`` refuses them (``serve --read-only``).

    Every statement a request runs stops after ``statement_seconds`` (422) or when the
    client goes away. Uploads are analysed by ``job_workers`` threads; at most
    ``job_queue_size`` jobs wait (429 beyond them).
    """
    store = open_store(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if prewarm:
            threading.Thread(target=_prewarm, args=(store, app.state.cache), daemon=True,
                             name="pactwatch-prewarm").start()
        app.state.jobs.start()
        yield
        # a job still running after the wait is left to end with the process (its article
        # never commits): its connection is not closed under it
        if app.state.jobs.stop(timeout=JOBS_STOP_SECONDS):
            store.close()

    app = FastAPI(
        title="pactwatch",
        version=pactwatch.__version__,
        summary="Who is committed to defend whom, as the news reports it, with evidence.",
        lifespan=lifespan,
        # served from the package by mount_docs (FastAPI's own load from a CDN)
        docs_url=None,
        redoc_url=None,
    )
    mount_docs(app)
    app.add_middleware(routes_reviews.RejectedMiddleware)
    app.state.reviews_allowed = reviews
    app.state.store = store
    app.state.settings = Settings(db=db, token=token or None,
                                  max_upload_bytes=max_upload_bytes, read_only=read_only)
    app.state.cache = AnswerCache(store)
    app.state.uploader = Uploader(store, max_upload_bytes, on_stored=app.state.cache.invalidate)
    app.state.jobs = JobQueue(workers=job_workers, size=job_queue_size)
    install_handlers(app)
    app.add_middleware(QueryGuard, statement_seconds=statement_seconds)
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
