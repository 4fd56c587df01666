"""``/api/commitments`` (+ ``/board``), ``/api/obligations`` and ``/api/changes``.

Obligations and changes are the answers of ``pactwatch obligations``/``changes``: the
same library functions over the commitments stored in the database.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from pactwatch.api.cache import json_answer
from pactwatch.api.deps import (
    CacheDep,
    DatesDep,
    MinConfidenceDep,
    PageDep,
    StoreDep,
    blank,
    cached,
    check_day,
    sort_parameters,
)
from pactwatch.api.finding import resolve_actor
from pactwatch.api.problems import bad_parameter
from pactwatch.api.views import (
    actor_ids_in,
    actor_names,
    as_reported,
    board,
    chain_ids,
    reported_filter,
    with_names,
)
from pactwatch.store.sorting import Sort

router = APIRouter(tags=["commitments"])


@router.get("/commitments", summary="Commitments with guarantors and beneficiaries")
def list_commitments(
    store: StoreDep,
    cache: CacheDep,
    page: PageDep,
    dates: DatesDep,
    min_confidence: MinConfidenceDep,
    guarantor: Annotated[str | None, Query(description="A guarantor's actor id.")] = None,
    beneficiary: Annotated[str | None, Query(description="A beneficiary's actor id.")] = None,
    actor: Annotated[str | None, Query(description="An actor id on either side.")] = None,
    type: str | None = None,
    status: str | None = None,
    outlet: str | None = None,
    doc_id: str | None = None,
    sort: Annotated[Sort | None, Depends(sort_parameters("commitments"))] = None,
) -> Response:
    filters: dict[str, Any] = {
        "guarantor": blank(guarantor), "beneficiary": blank(beneficiary), "actor": blank(actor),
        "type": blank(type), "status": blank(status), "date_from": dates.since,
        "date_to": dates.until, "outlet": blank(outlet), "doc_id": blank(doc_id)}

    def answer() -> dict[str, Any]:
        items, total = store.find_commitments(**filters, min_confidence=min_confidence,
                                              limit=page.limit, offset=page.offset, sort=sort)
        _, everything = store.find_commitments(**filters, limit=0) if min_confidence else (
            [], total)
        found = page.envelope(as_reported(items), total, sort)
        found["reported_filter"] = reported_filter(min_confidence, everything - total)
        return with_names(store, found, items)

    return cached(cache, "commitments", {**filters, "min_confidence": min_confidence,
                                         "sort": sort}, page, answer)


@router.get("/commitments/board", summary="Guarantor x beneficiary board of lifecycle threads")
def commitment_board(
    store: StoreDep,
    cache: CacheDep,
    min_confidence: MinConfidenceDep,
    type: Annotated[str | None, Query(description="A commitment type or family.")] = None,
    status: Annotated[str | None, Query(description="A thread's current status.")] = None,
    actor: Annotated[str | None, Query(
        description="An actor on either side: an id, or a name in either language or an ISO3"
                    " code (Ukraine, UKR, Phần Lan).")] = None,
) -> Response:
    type, status, actor = blank(type), blank(status), resolve_actor(store, actor)
    found = json_answer(cache, ("board", type, status, actor, min_confidence),
                        lambda: {**board(store, type=type, status=status, actor=actor,
                                         min_confidence=min_confidence), "actor": actor})
    assert found is not None
    return found


@router.get("/obligations", summary="Who is bound to act if a state is attacked on a day")
def obligations(
    store: StoreDep,
    cache: CacheDep,
    on: Annotated[str, Query(description="The day asked about (YYYY-MM-DD).")],
    min_confidence: MinConfidenceDep,
    attacked: Annotated[str | None, Query(description="ISO3 or a name: FIN, Phần Lan.")] = None,
    attacker: Annotated[str | None, Query(description="The attacking state (optional).")]
    = None,
) -> Response:
    from pactwatch.system.obligations import who_is_obliged

    attacked, attacker = blank(attacked), blank(attacker)
    if not attacked and not attacker:
        raise bad_parameter("give attacked, attacker or both")
    day = check_day(on, "on")
    def answer() -> dict[str, Any]:
        found = who_is_obliged(
            attacked, day, attacker=attacker,
            records=store.commitment_records(min_confidence=min_confidence),
            min_confidence=min_confidence,
            hidden_records=store.commitment_records(below_confidence=min_confidence)
            if min_confidence else None)
        shown = found.as_dict()
        # every state the answer names by ISO3, with its names in both languages
        codes = {shown["attacked"], shown["attacker"]} | {
            line["guarantor"] for key in ("obligations", "qualified", "assurances",
                                          "attacker_clauses") for line in shown[key]}
        news = list(shown["news"])
        return {**shown, "reported_filter": reported_filter(min_confidence,
                                                            found.reported_filter),
                "actors": actor_names(store, {f"country:{c}" for c in codes if c}
                                      | actor_ids_in(news)
                                      | chain_ids(ev for line in news
                                                  for ev in line.get("evidence") or [])),
                "treaties": treaty_names(shown)}

    # threading every stored commitment costs ~150 ms on a few hundred articles: the
    # answer is kept until the data changes (an unknown country raises, and is not kept)
    found = json_answer(cache, ("obligations", attacked, attacker, day, min_confidence), answer)
    assert found is not None
    return found


def treaty_names(answer: dict[str, Any]) -> dict[str, dict[str, str | None]]:
    """``{treaty id: {"name", "name_vi"}}`` for the treaties an obligation answer cites."""
    from pactwatch.system.treaties import load_kb

    kb = load_kb()
    cited = {line["basis"]["treaty"] for key in ("obligations", "qualified", "assurances",
                                                 "attacker_clauses") for line in answer[key]}
    found = {}
    for treaty_id in sorted(cited):
        treaty = kb.treaties.get(treaty_id)
        if treaty is not None:
            found[treaty_id] = {"name": treaty.name, "name_vi": treaty.name_vi}
    return found


@router.get("/changes", summary="New commitments, status and membership changes since a day")
def changes(
    store: StoreDep,
    cache: CacheDep,
    since: Annotated[str, Query(description="Report what moved on or after this day.")],
    min_confidence: MinConfidenceDep,
) -> Response:
    from pactwatch.system.changes import changes_since
    from pactwatch.system.treaties import load_kb

    day = check_day(since, "since")
    def answer() -> dict[str, Any]:
        report = changes_since(
            day, store.commitment_records(min_confidence=min_confidence), load_kb(),
            min_confidence=min_confidence,
            hidden_records=store.commitment_records(below_confidence=min_confidence)
            if min_confidence else None)
        return {**report.as_dict(), "reported_filter": reported_filter(
            min_confidence, report.reported_filter)}

    found = json_answer(cache, ("changes", day, min_confidence), answer)
    assert found is not None
    return found
