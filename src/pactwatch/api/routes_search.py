"""``/api/search`` (full-text, accents optional) and ``/api/timeline`` (aggregates + items)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from pactwatch.api.cache import json_answer
from pactwatch.api.deps import MAX_LIMIT, CacheDep, DatesDep, StoreDep, blank
from pactwatch.api.problems import bad_parameter
from pactwatch.api.views import timeline as build_timeline
from pactwatch.api.views import with_names

router = APIRouter(tags=["search and timeline"])


@router.get("/search", summary="Full-text search over articles and quotes")
def search(
    store: StoreDep,
    cache: CacheDep,
    q: Annotated[str, Query(max_length=500, description="Words; 'hoa binh' finds 'hòa bình'.")],
    limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 20,
) -> Response:
    if not q.strip():
        raise bad_parameter("q must not be empty")
    def answer() -> dict[str, Any]:
        found = store.search(q, limit=limit)
        return with_names(store, found, found["quotes"])

    found = json_answer(cache, ("search", q, limit), answer)
    assert found is not None
    return found


@router.get("/timeline", summary="Events and commitments per period, and the items behind them")
def timeline(
    store: StoreDep,
    cache: CacheDep,
    dates: DatesDep,
    bucket: Literal["day", "week", "month", "year"] = "month",
    actor: Annotated[str | None, Query(description="An actor id on either side.")] = None,
    type: Annotated[str | None, Query(description="PLOVER or commitment type.")] = None,
    outlet: str | None = None,
    items_limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 100,
) -> Response:
    actor, type, outlet = blank(actor), blank(type), blank(outlet)
    found = json_answer(
        cache, ("timeline", bucket, actor, type, dates.since, dates.until, outlet, items_limit),
        lambda: build_timeline(store, bucket=bucket, actor=actor, type=type, since=dates.since,
                               until=dates.until, outlet=outlet, items_limit=items_limit,
                               cache=cache))
    assert found is not None
    return found
