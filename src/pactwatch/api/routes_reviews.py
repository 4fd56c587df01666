"""``/api/me``, ``/api/reviews``: analysts confirm, reject or correct what the pipeline read.

Reviews need a signed-in reviewer (a user's token, or the server's ``--token`` as
``admin``). Every other answer reads them: rejected items leave the lists, the board,
obligations, changes, the timeline and the exports unless ``include_rejected=true`` is
asked (see :class:`RejectedMiddleware`); every item carries ``review``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Receive, Scope, Send

from pactwatch.api.auth import ADMIN, ReviewerDep
from pactwatch.api.deps import DatesDep, PageDep, StoreDep
from pactwatch.api.finding import actor_named, resolve_actor
from pactwatch.api.problems import bad_parameter, not_found
from pactwatch.api.views import actor_names, with_names
from pactwatch.document import COMMITMENT_TYPES
from pactwatch.errors import StoreError
from pactwatch.store import Store
from pactwatch.store.reviews import KINDS, LIST_FIELDS, showing_rejected
from pactwatch.web.i18n_codes import EVENT_TYPES

router = APIRouter(tags=["reviews"])
TRUE = {"1", "true", "yes", "on"}


class Span(BaseModel):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class ReviewIn(BaseModel):
    doc_id: str = Field(max_length=64)
    kind: Literal["quote", "event", "commitment"]
    item_id: str | None = Field(None, max_length=64,
                                description="The item's id in the stored analysis.")
    span: Span | None = Field(None, description="Without item_id: the item's evidence span.")
    item_type: str | None = Field(None, max_length=64,
                                  description="With span: the type the pipeline gave the item.")
    verdict: Literal["confirmed", "rejected", "corrected"]
    correction: dict[str, Any] | None = Field(
        None, description="For 'corrected': the fields that change: type, status, date and the"
                          " parties (guarantors/beneficiaries, source/target; lists of ids)"
                          " or a quote's speaker; each party an actor id or a name in either language).")
    note: str | None = Field(None, max_length=2000)


class RejectedMiddleware:
    """``include_rejected=true`` on any request: its answers keep rejected items (marked)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _asks_rejected(scope.get("query_string", b"")):
            with showing_rejected():
                await self.app(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _asks_rejected(query: bytes) -> bool:
    for part in query.decode("latin-1").split("&"):
        name, _, value = part.partition("=")
        if name == "include_rejected" and value.lower() in TRUE:
            return True
    return False


@router.get("/me", summary="Who the bearer token signs in as (needs a token)")
def me(reviewer: ReviewerDep) -> dict[str, Any]:
    return {"name": reviewer, "admin": reviewer == ADMIN}


@router.post("/reviews", summary="Confirm, reject or correct one item (needs a token)")
def add_review(store: StoreDep, request: Request, reviewer: ReviewerDep, review: ReviewIn
               ) -> dict[str, Any]:
    try:
        if not review.item_id and review.span is None:
            raise bad_parameter("name the item: item_id, or span (and item_type)")
        span = (review.span.start, review.span.end) if review.span else None
        correction = _checked_correction(store, review.kind, review.correction)
        found = store.add_review(review.doc_id, review.kind, review.item_id, review.verdict,
                                 reviewer, correction=correction, note=review.note,
                                 span=span, item_type=review.item_type)
    except StoreError as exc:
        if exc.code == "E210":
            raise not_found(exc.message.removeprefix("no stored ")) from None
        raise
    request.app.state.cache.invalidate()
    return found


# what a correction may set a type or a status to, per kind (shared/spec/analysis-json.md)
TYPES: dict[str, frozenset[str]] = {
    "commitment": frozenset(COMMITMENT_TYPES),
    "event": frozenset(EVENT_TYPES),
}
STATUSES: dict[str, frozenset[str]] = {
    "commitment": frozenset(("proposed", "requested", "under_negotiation", "agreed", "in_force",
                             "suspended", "withdrawn", "rejected")),
    "event": frozenset(("occurred", "planned", "reported", "denied", "hypothetical")),
}


def _checked_correction(store: Store, kind: str, correction: dict[str, Any] | None
                        ) -> dict[str, Any] | None:
    """``correction`` with its parties (and a quote's speaker) as actor ids: each may be an
    id or a name in either language (what the web form shows: "Mỹ", "Phần Lan", "UKR"); an
    unknown name, type or status is refused (422) rather than stored as a wrong fact."""
    if not correction:
        return correction
    checked = dict(correction)
    for field, value in correction.items():
        if field in LIST_FIELDS and isinstance(value, list):
            checked[field] = [_party(store, v) if isinstance(v, str) else v for v in value]
        elif field == "speaker" and isinstance(value, str):
            checked[field] = _party(store, value)
        elif field == "type" and kind in TYPES and value not in TYPES[kind]:
            raise bad_parameter(f"a {kind} type is one of {', '.join(sorted(TYPES[kind]))},"
                                f" not {value!r}")
        elif field == "status" and kind in STATUSES and value not in STATUSES[kind]:
            raise bad_parameter(f"a {kind} status is one of"
                                f" {', '.join(sorted(STATUSES[kind]))}, not {value!r}")
    return checked


def _party(store: Store, value: str) -> str:
    found = actor_named(store, value)
    if found is None:
        raise bad_parameter(f"no actor is named {value.strip()!r}: give an actor id, or a name"
                            " or ISO3 code the knowledge base or the stored articles know")
    return found


@router.get("/reviews/queue", summary="Items to review, least confident first")
def review_queue(
    store: StoreDep,
    page: PageDep,
    dates: DatesDep,
    kind: Annotated[Literal["quote", "event", "commitment"] | None,
                    Query(description="Only this kind.")] = None,
    actor: Annotated[str | None, Query(
        description="An actor taking part (or speaking): an id, or a name in either language"
                    " or an ISO3 code (Ukraine, UKR, Phần Lan).")] = None,
    state: Annotated[Literal["unreviewed", "reviewed", "all"],
                     Query(description="Which items: not yet reviewed (default), reviewed, all.")]
    = "unreviewed",
) -> dict[str, Any]:
    actor = resolve_actor(store, actor)
    with showing_rejected():  # a reviewed queue shows what was rejected too
        items, total = store.review_queue(kind=kind, actor=actor, date_from=dates.since,
                                          date_to=dates.until, state=state, limit=page.limit,
                                          offset=page.offset)
    found = page.envelope(items, total)
    found["counts"] = store.review_counts()
    found["actor"] = actor  # the id the actor filter was read as
    answer = with_names(store, found, items)
    if actor is not None and actor not in answer["actors"]:
        answer["actors"].update(actor_names(store, [actor]))
    return answer


@router.get("/reviews/documents/{doc_id}", summary="One document's reviews: current and history")
def document_reviews(store: StoreDep, doc_id: Annotated[str, Path(max_length=64)]
                     ) -> dict[str, Any]:
    record = store.get_record(doc_id)
    if record is None:
        raise not_found(f"document {doc_id!r}")
    with showing_rejected():
        reviewed = store.reviewed_record(record)
    current: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    for kind in KINDS:
        for item in reviewed.get(f"{kind}s") or []:
            if item.get("review") is not None:
                current[kind][item["id"]] = item["review"]
    return {"doc_id": doc_id, "current": current, "history": store.review_history(doc_id)}
