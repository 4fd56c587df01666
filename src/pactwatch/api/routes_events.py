"""``/api/events`` and ``/api/quotes``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response

from pactwatch.api.deps import (
    CacheDep,
    DatesDep,
    MinConfidenceDep,
    PageDep,
    StoreDep,
    blank,
    cached,
    check_query,
    sort_parameters,
)
from pactwatch.api.views import as_reported, reported_filter, with_names
from pactwatch.store.sorting import Sort

router = APIRouter(tags=["events and quotes"])


@router.get("/events", summary="Events (PLOVER types), newest first")
def list_events(
    store: StoreDep,
    cache: CacheDep,
    page: PageDep,
    dates: DatesDep,
    min_confidence: MinConfidenceDep,
    actor: Annotated[str | None, Query(description="An actor id on either side.")] = None,
    role: Annotated[Literal["source", "target"] | None,
                    Query(description="Narrow actor to one side.")] = None,
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. COOPERATE.")] = None,
    mode: str | None = None,
    status: str | None = None,
    outlet: str | None = None,
    doc_id: str | None = None,
    sort: Annotated[Sort | None, Depends(sort_parameters("events"))] = None,
) -> Response:
    filters: dict[str, Any] = {
        "actor": blank(actor), "role": role, "type": blank(type), "mode": blank(mode),
        "status": blank(status), "date_from": dates.since, "date_to": dates.until,
        "outlet": blank(outlet), "doc_id": blank(doc_id)}

    def answer() -> dict[str, Any]:
        items, total = store.find_events(**filters, min_confidence=min_confidence,
                                         limit=page.limit, offset=page.offset, sort=sort)
        _, everything = store.find_events(**filters, limit=0) if min_confidence else (
            [], total)
        found = page.envelope(as_reported(items), total, sort)
        found["reported_filter"] = reported_filter(min_confidence, everything - total,
                                                   "reported events")
        return with_names(store, found, items)

    return cached(cache, "events", {**filters, "min_confidence": min_confidence, "sort": sort},
                  page, answer)


@router.get("/quotes", summary="Quotes with their attribution chains")
def list_quotes(
    store: StoreDep,
    cache: CacheDep,
    page: PageDep,
    dates: DatesDep,
    min_confidence: MinConfidenceDep,
    speaker: Annotated[str | None, Query(description="The speaker's actor id.")] = None,
    q: Annotated[str | None, Query(description="Full-text query (accents optional).")] = None,
    outlet: str | None = None,
    doc_id: str | None = None,
    sort: Annotated[Sort | None, Depends(sort_parameters("quotes"))] = None,
) -> Response:
    filters: dict[str, Any] = {
        "speaker": blank(speaker), "q": check_query(q), "date_from": dates.since,
        "date_to": dates.until, "outlet": blank(outlet), "doc_id": blank(doc_id)}

    def answer() -> dict[str, Any]:
        items = store.list_quotes(**filters, min_confidence=min_confidence, limit=page.limit,
                                  offset=page.offset, sort=sort)
        total = store.count_quotes(**filters, min_confidence=min_confidence)
        everything = store.count_quotes(**filters) if min_confidence else total
        found = page.envelope(as_reported(items), total, sort)
        found["reported_filter"] = reported_filter(min_confidence, everything - total,
                                                   "reported quotes")
        return with_names(store, found, items)

    return cached(cache, "quotes", {**filters, "min_confidence": min_confidence, "sort": sort},
                  page, answer)
