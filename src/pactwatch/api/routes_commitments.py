"""``/api/commitments`` (+ ``/board``), ``/api/obligations`` and ``/api/changes``.

Obligations and changes are the answers of ``pactwatch obligations``/``changes``: the
same library functions over the commitments stored in the database.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from pactwatch.api.cache import json_answer
from pactwatch.api.deps import CacheDep, DatesDep, PageDep, StoreDep, blank, cached, check_day
from pactwatch.api.problems import bad_parameter
from pactwatch.api.views import board, with_names

router = APIRouter(tags=["commitments"])


@router.get("/commitments", summary="Commitments with guarantors and beneficiaries")
def list_commitments(
    store: StoreDep,
    cache: CacheDep,
    page: PageDep,
    dates: DatesDep,
    guarantor: Annotated[str | None, Query(description="A guarantor's actor id.")] = None,
    beneficiary: Annotated[str | None, Query(description="A beneficiary's actor id.")] = None,
    actor: Annotated[str | None, Query(description="An actor id on either side.")] = None,
    type: str | None = None,
    status: str | None = None,
    outlet: str | None = None,
    doc_id: str | None = None,
) -> Response:
    filters: dict[str, Any] = {
        "guarantor": blank(guarantor), "beneficiary": blank(beneficiary), "actor": blank(actor),
        "type": blank(type), "status": blank(status), "date_from": dates.since,
        "date_to": dates.until, "outlet": blank(outlet), "doc_id": blank(doc_id)}

    def answer() -> dict[str, Any]:
        items, total = store.find_commitments(**filters, limit=page.limit, offset=page.offset)
        return with_names(store, page.envelope(items, total), items)

    return cached(cache, "commitments", filters, page, answer)


@router.get("/commitments/board", summary="Guarantor x beneficiary board of lifecycle threads")
def commitment_board(
    store: StoreDep,
    cache: CacheDep,
    type: Annotated[str | None, Query(description="A commitment type or family.")] = None,
    status: Annotated[str | None, Query(description="A thread's current status.")] = None,
    actor: Annotated[str | None, Query(description="An actor id on either side.")] = None,
) -> Response:
    type, status, actor = blank(type), blank(status), blank(actor)
    found = json_answer(cache, ("board", type, status, actor),
                        lambda: board(store, type=type, status=status, actor=actor))
    assert found is not None
    return found


@router.get("/obligations", summary="Who is bound to act if a state is attacked on a day")
def obligations(
    store: StoreDep,
    cache: CacheDep,
    on: Annotated[str, Query(description="The day asked about (YYYY-MM-DD).")],
    attacked: Annotated[str | None, Query(description="ISO3 or a name: FIN, Phần Lan.")] = None,
    attacker: Annotated[str | None, Query(description="The attacking state (optional).")]
    = None,
) -> Response:
    from pactwatch.system.obligations import who_is_obliged

    attacked, attacker = blank(attacked), blank(attacker)
    if not attacked and not attacker:
        raise bad_parameter("give attacked, attacker or both")
    day = check_day(on, "on")
    # threading every stored commitment costs ~150 ms on a few hundred articles: the
    # answer is kept until the data changes (an unknown country raises, and is not kept)
    found = json_answer(cache, ("obligations", attacked, attacker, day), lambda: who_is_obliged(
        attacked, day, attacker=attacker, records=store.commitment_records()).as_dict())
    assert found is not None
    return found


@router.get("/changes", summary="New commitments, status and membership changes since a day")
def changes(
    store: StoreDep,
    cache: CacheDep,
    since: Annotated[str, Query(description="Report what moved on or after this day.")],
) -> Response:
    from pactwatch.system.changes import changes_since
    from pactwatch.system.treaties import load_kb

    day = check_day(since, "since")
    found = json_answer(cache, ("changes", day), lambda: changes_since(
        day, store.commitment_records(), load_kb()).as_dict())
    assert found is not None
    return found
