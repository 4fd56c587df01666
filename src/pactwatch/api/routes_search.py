"""``/api/search`` (full-text, accents optional) and ``/api/timeline`` (aggregates + items)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from pactwatch.api.cache import json_answer
from pactwatch.api.deps import MAX_LIMIT, CacheDep, DatesDep, StoreDep, blank, check_query
from pactwatch.api.finding import resolve_actor, with_display_titles
from pactwatch.api.problems import bad_parameter
from pactwatch.api.views import timeline as build_timeline
from pactwatch.api.views import with_names

router = APIRouter(tags=["search and timeline"])
# search ranks its first 1000 matches of each kind: no page starts beyond them
MAX_OFFSET = 1000
# the timeline's list pages by merging the newest of each kind: bounded like search
MAX_ITEMS_OFFSET = 100_000


@router.get("/search", summary="Full-text search over articles and quotes")
def search(
    store: StoreDep,
    cache: CacheDep,
    q: Annotated[str, Query(max_length=500, description="Words; 'hoa binh' finds 'hòa bình'.")],
    limit: Annotated[int, Query(ge=0, le=MAX_LIMIT, description="Results per page of each kind.")]
    = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Results of each kind to skip.")]
    = 0,
) -> Response:
    if not q.strip():
        raise bad_parameter("q must not be empty")
    check_query(q)
    def answer() -> dict[str, Any]:
        found = store.search(q, limit=limit, offset=offset)
        with_display_titles(store, found["documents"])
        return with_names(store, found, found["quotes"])

    found = json_answer(cache, ("search", q, limit, offset), answer)
    assert found is not None
    return found


@router.get("/timeline", summary="Events and commitments per period, and the items behind them")
def timeline(
    store: StoreDep,
    cache: CacheDep,
    dates: DatesDep,
    bucket: Literal["day", "week", "month", "year"] = "month",
    actor: Annotated[str | None, Query(
        description="An actor on either side: an id, or a name in either language or an ISO3"
                    " code (Ukraine, UKR, Phần Lan).")] = None,
    type: Annotated[str | None, Query(description="PLOVER or commitment type.")] = None,
    outlet: str | None = None,
    items_limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 100,
    items_offset: Annotated[int, Query(ge=0, le=MAX_ITEMS_OFFSET,
                                       description="Items to skip (paging the list).")] = 0,
) -> Response:
    actor, type, outlet = resolve_actor(store, actor), blank(type), blank(outlet)
    found = json_answer(
        cache, ("timeline", bucket, actor, type, dates.since, dates.until, outlet, items_limit,
                items_offset),
        lambda: {**build_timeline(store, bucket=bucket, actor=actor, type=type,
                                  since=dates.since, until=dates.until, outlet=outlet,
                                  items_limit=items_limit, items_offset=items_offset,
                                  cache=cache), "actor": actor})
    assert found is not None
    return found
