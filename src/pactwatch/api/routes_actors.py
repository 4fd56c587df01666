"""``/api/actors``: list, the unlinked (open-world) names, suggestions, and one actor's page
(KB, offices, quotes, events, commitments, graph)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response

from pactwatch.api.cache import json_answer
from pactwatch.api.deps import (
    MAX_LIMIT,
    CacheDep,
    PageDep,
    StoreDep,
    blank,
    check_query,
    sort_parameters,
)
from pactwatch.api.finding import suggest_actors, with_titles
from pactwatch.api.problems import not_found
from pactwatch.api.views import actor_page
from pactwatch.store.sorting import Sort

router = APIRouter(tags=["actors"])
# how many example sentences and co-occurring actors each unlinked name comes with
UNLINKED_EXAMPLES = 2
UNLINKED_PARTNERS = 5


@router.get("/actors", summary="Actors, most documents first")
def list_actors(
    store: StoreDep,
    page: PageDep,
    kind: Annotated[str | None, Query(description="country, organization, person, ...")] = None,
    q: Annotated[str | None, Query(description="Part of a name (accents optional).")] = None,
    linked: Annotated[bool | None, Query(
        description="true: actors of the knowledge base; false: open-world names it does not"
                    " list (provisional ids); absent: both.")] = None,
    sort: Annotated[Sort | None, Depends(sort_parameters("actors"))] = None,
) -> dict[str, Any]:
    kind, q = blank(kind), check_query(q)
    items = store.list_actors(kind=kind, q=q, linked=linked, limit=page.limit,
                              offset=page.offset, sort=sort)
    return page.envelope(items, store.count_actors(kind=kind, q=q, linked=linked), sort)


@router.get("/actors/unlinked",
            summary="Names the knowledge base does not list, with examples (kb suggest)")
def unlinked(store: StoreDep, cache: CacheDep, page: PageDep) -> Response:
    """What ``pactwatch kb suggest`` lists, a page at a time: each open-world actor's kind,
    counts, confidence, example sentences and the actors it appears with."""

    def answer() -> dict[str, Any]:
        items = store.unlinked_actors(limit=page.limit, offset=page.offset,
                                      examples=UNLINKED_EXAMPLES, partners=UNLINKED_PARTNERS)
        with_titles(store, [e for item in items for e in item["examples"]])
        return page.envelope(items, store.count_actors(linked=False))

    found = json_answer(cache, ("unlinked", page.limit, page.offset), answer)
    assert found is not None
    return found


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
