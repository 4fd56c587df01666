"""``/api/events`` and ``/api/quotes``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from pactwatch.api.deps import CacheDep, DatesDep, PageDep, StoreDep, blank, cached
from pactwatch.api.views import with_names

router = APIRouter(tags=["events and quotes"])


@router.get("/events", summary="Events (PLOVER types), newest first")
def list_events(
    store: StoreDep,
    cache: CacheDep,
    page: PageDep,
    dates: DatesDep,
    actor: Annotated[str | None, Query(description="An actor id on either side.")] = None,
    role: Annotated[Literal["source", "target"] | None,
                    Query(description="Narrow actor to one side.")] = None,
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. COOPERATE.")] = None,
    mode: str | None = None,
    status: str | None = None,
    outlet: str | None = None,
    doc_id: str | None = None,
) -> Response:
    filters: dict[str, Any] = {
        "actor": blank(actor), "role": role, "type": blank(type), "mode": blank(mode),
        "status": blank(status), "date_from": dates.since, "date_to": dates.until,
        "outlet": blank(outlet), "doc_id": blank(doc_id)}

    def answer() -> dict[str, Any]:
        items, total = store.find_events(**filters, limit=page.limit, offset=page.offset)
        return with_names(store, page.envelope(items, total), items)

    return cached(cache, "events", filters, page, answer)


@router.get("/quotes", summary="Quotes with their attribution chains")
def list_quotes(
    store: StoreDep,
    cache: CacheDep,
    page: PageDep,
    dates: DatesDep,
    speaker: Annotated[str | None, Query(description="The speaker's actor id.")] = None,
    q: Annotated[str | None, Query(description="Full-text query (accents optional).")] = None,
    outlet: str | None = None,
    doc_id: str | None = None,
) -> Response:
    filters: dict[str, Any] = {
        "speaker": blank(speaker), "q": blank(q), "date_from": dates.since,
        "date_to": dates.until, "outlet": blank(outlet), "doc_id": blank(doc_id)}

    def answer() -> dict[str, Any]:
        items = store.list_quotes(**filters, limit=page.limit, offset=page.offset)
        return with_names(store, page.envelope(items, store.count_quotes(**filters)), items)

    return cached(cache, "quotes", filters, page, answer)
