"""``/api/actors``: list and one actor's page (KB, offices, quotes, events, commitments, graph)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from pactwatch.api.cache import json_answer
from pactwatch.api.deps import MAX_LIMIT, CacheDep, PageDep, StoreDep, blank, check_query
from pactwatch.api.finding import suggest_actors
from pactwatch.api.problems import not_found
from pactwatch.api.views import actor_page

router = APIRouter(tags=["actors"])


@router.get("/actors", summary="Actors, most documents first")
def list_actors(
    store: StoreDep,
    page: PageDep,
    kind: Annotated[str | None, Query(description="country, organization, person, ...")] = None,
    q: Annotated[str | None, Query(description="Part of a name (accents optional).")] = None,
) -> dict[str, Any]:
    kind, q = blank(kind), check_query(q)
    items = store.list_actors(kind=kind, q=q, limit=page.limit, offset=page.offset)
    return page.envelope(items, store.count_actors(kind=kind, q=q))


@router.get("/actors/suggest", summary="Actors a partly typed name may mean (either language)")
def suggest(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=100,
                            description="Part of a name, accents optional: phan lan, Ukr.")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> dict[str, Any]:
    return {"query": q, "items": suggest_actors(store, check_query(q) or "", limit)}


@router.get("/actors/{actor_id:path}", summary="One actor and everything about it")
def get_actor(
    store: StoreDep,
    cache: CacheDep,
    actor_id: Annotated[str, Path(description="kind:key, e.g. country:USA")],
    limit: Annotated[int, Query(ge=0, le=MAX_LIMIT, description="Items per list.")] = 50,
    graph_limit: Annotated[int, Query(ge=0, le=100, description="Neighbours in the graph.")]
    = 15,
) -> Response:
    found = json_answer(cache, ("actor", actor_id, limit, graph_limit),
                        lambda: actor_page(store, actor_id, limit=limit, graph_limit=graph_limit))
    if found is None:
        raise not_found(f"actor {actor_id!r}")
    return found
