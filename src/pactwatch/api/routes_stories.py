"""``/api/stories``: reports of one happening across outlets, and what each report adds.

Stories are read as the store keeps them (``pactwatch stories`` and ``pactwatch ingest``
bring them up to date; the API never rebuilds them). A story's claims table
(:mod:`pactwatch.stories.detail`) says, for every claim, the outlets reporting it, its
first report, whether one independent source alone carries it and where reports
disagree; every report links to its evidence in the reader (``?span=``).

Exports: ``/api/export/stories.{json|csv}`` (one row per story) and
``/api/export/story-claims.{json|csv}`` (one row per claim of every story, the rows
``pactwatch stories show`` prints). These routes are included before the generic
``/api/export/{name}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import StreamingResponse

from pactwatch.api.deps import PageDep, StoreDep
from pactwatch.api.exports import csv_chunks, json_chunks
from pactwatch.api.paths import file_name
from pactwatch.api.problems import bad_parameter, not_found
from pactwatch.api.views import actor_names
from pactwatch.stories.table import claim_rows, iter_stories, resolve_story, story_row

router = APIRouter(tags=["stories"])
FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8"}


@router.get("/stories", summary="Stories, largest first")
def list_stories(store: StoreDep, page: PageDep) -> dict[str, Any]:
    items = store.list_stories(limit=page.limit, offset=page.offset)
    return page.envelope(items, store.count_stories())


def _export(name: str, fmt: str, rows: Iterator[dict[str, Any]]) -> StreamingResponse:
    if fmt not in FORMATS:
        raise not_found(f"export {name}.{fmt!s} (formats: {', '.join(FORMATS)})")
    chunks = json_chunks(rows) if fmt == "json" else csv_chunks(rows)
    return StreamingResponse(chunks, media_type=FORMATS[fmt], headers={
        "Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


@router.get("/export/stories.{fmt}", summary="Every story as .json or .csv")
def export_stories(store: StoreDep, fmt: str) -> StreamingResponse:
    return _export("stories", fmt, (story_row(s) for s in iter_stories(store)))


@router.get("/export/story-claims.{fmt}", summary="Every story's claims table as .json or .csv")
def export_story_claims(store: StoreDep, fmt: str) -> StreamingResponse:
    rows = (row for s in iter_stories(store) for row in claim_rows(s))
    return _export("story-claims", fmt, rows)


@router.get("/stories/{story_id}", summary="One story: its reports, timeline and claims table")
def get_story(
    store: StoreDep,
    story_id: Annotated[str, Path(description="s-… (a unique start of it is enough)")],
) -> dict[str, Any]:
    story, several = resolve_story(store, story_id)
    if several:
        raise bad_parameter(f"{story_id!r} is the start of several stories: {', '.join(several)}")
    if story is None:
        raise not_found(f"story {story_id!r}")
    ids = {a["id"] for a in story.get("actors") or []} | {p["id"] for p in story.get("places")
                                                         or []}
    for claim in story.get("claims_table") or []:
        for value in (claim.get("parties") or {}).values():
            ids.update(value)
    for member in story.get("members") or []:
        member["source_path"] = file_name(member.get("source_path"))
    story["names"] = actor_names(store, ids)
    return story
