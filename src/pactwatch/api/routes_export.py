"""``/api/export/...``: whole result sets as downloadable files."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response, StreamingResponse

from pactwatch.api.deps import Dates, StoreDep, blank, check_query, dates, min_confidence
from pactwatch.api.exports import (
    KINDS,
    TABULAR_FORMATS,
    csv_chunks,
    graphml,
    iter_rows,
    json_chunks,
    parquet_bytes,
    plover_event,
)
from pactwatch.api.problems import not_found
from pactwatch.store.limits import MAX_INTEGER

router = APIRouter(tags=["exports"])
MEDIA = {"json": "application/json", "csv": "text/csv; charset=utf-8",
         "parquet": "application/vnd.apache.parquet"}


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


class ExportFilters:
    """Every list endpoint's filters; each kind takes the ones that apply to it."""

    def __init__(
        self,
        dates: Annotated[Dates, Depends(dates)],
        min_confidence: Annotated[float, Depends(min_confidence)],
        q: str | None = None,
        outlet: str | None = None,
        language: str | None = None,
        actor: str | None = None,
        type: str | None = None,
        mode: str | None = None,
        status: str | None = None,
        speaker: str | None = None,
        guarantor: str | None = None,
        beneficiary: str | None = None,
        kind: str | None = None,
        doc_id: str | None = None,
    ) -> None:
        q = check_query(q)
        span = {"date_from": dates.since, "date_to": dates.until}
        # reported items (events, quotes, commitments) below the threshold are left out
        sure = {"min_confidence": min_confidence}
        self.by_kind: dict[str, dict[str, Any]] = {
            "events": {"actor": actor, "type": type, "mode": mode, "status": status,
                       "outlet": outlet, "doc_id": doc_id, **span, **sure},
            "quotes": {"speaker": speaker, "q": q, "outlet": outlet, "doc_id": doc_id, **span,
                       **sure},
            "commitments": {"guarantor": guarantor, "beneficiary": beneficiary, "actor": actor,
                            "type": type, "status": status, "outlet": outlet,
                            "doc_id": doc_id, **span, **sure},
            "actors": {"kind": kind, "q": q},
            "documents": {"q": q, "outlet": outlet, "language": language, **span},
        }

    def of(self, kind: str) -> dict[str, Any]:
        return {k: v if k.startswith("date_") or k == "min_confidence" else blank(v)
                for k, v in self.by_kind[kind].items()}


FiltersDep = Annotated[ExportFilters, Depends(ExportFilters)]


@router.get("/export/actors.graphml", summary="The actor co-occurrence graph as GraphML")
def export_graphml(
    store: StoreDep, min_weight: Annotated[int, Query(ge=1, le=MAX_INTEGER)] = 1
) -> Response:
    return Response(graphml(store.actor_graph(min_weight=min_weight)),
                    media_type="application/graphml+xml",
                    headers=_attachment("actors.graphml"))


@router.get("/export/events.plover.json", summary="Events in a PLOVER-style JSON layout")
def export_plover(store: StoreDep, filters: FiltersDep) -> StreamingResponse:
    rows = (plover_event(e) for e in iter_rows(store, "events", filters.of("events")))
    return StreamingResponse(json_chunks(rows), media_type="application/json",
                             headers=_attachment("events.plover.json"))


@router.get("/export/{name}", summary="events|quotes|commitments|actors|documents"
            " as .json, .csv or .parquet")
def export_table(store: StoreDep, filters: FiltersDep, name: str) -> Response:
    kind, _, fmt = name.partition(".")
    if kind not in KINDS or fmt not in TABULAR_FORMATS:
        raise not_found(f"export {name!r} (kinds: {', '.join(KINDS)};"
                        f" formats: {', '.join(TABULAR_FORMATS)})")
    rows = iter_rows(store, kind, filters.of(kind))
    headers = _attachment(name)
    if fmt == "parquet":
        return Response(parquet_bytes(rows), media_type=MEDIA[fmt], headers=headers)
    chunks = json_chunks(rows) if fmt == "json" else csv_chunks(rows)
    return StreamingResponse(chunks, media_type=MEDIA[fmt], headers=headers)
