"""``/api/documents``: list, one document (record, metadata, credits), and uploads."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from pactwatch.api.auth import WriterDep
from pactwatch.api.deps import (
    CacheDep,
    DatesDep,
    PageDep,
    SettingsDep,
    StoreDep,
    blank,
    cached,
    check_query,
    sort_parameters,
)
from pactwatch.api.finding import with_display_titles
from pactwatch.api.jobs import JobQueue, QueueFull
from pactwatch.api.paths import file_name
from pactwatch.api.problems import (
    BAD_REQUEST,
    BUSY,
    TOO_LARGE,
    UNSUPPORTED_TYPE,
    ApiError,
    not_found,
)
from pactwatch.api.upload import FileResult, Uploader, safe_name
from pactwatch.store.sorting import Sort
from pactwatch.stories.originals import translation_links

router = APIRouter(tags=["documents"])
CREDIT_FIELDS = ("authors", "translators", "credited_sources", "original_publisher",
                 "photo_credits")
MAX_FILES = 20
# a story's members read to link a translation and its original, at most
MAX_LINKED_MEMBERS = 50
# multipart headers and boundaries around the files of one request
FORM_OVERHEAD_BYTES = 64 * 1024


@router.get("/documents", summary="Documents, newest first")
def list_documents(
    store: StoreDep,
    cache: CacheDep,
    page: PageDep,
    dates: DatesDep,
    q: Annotated[str | None, Query(description="Full-text query (accents optional).")] = None,
    outlet: str | None = None,
    language: str | None = None,
    sort: Annotated[Sort | None, Depends(sort_parameters("documents"))] = None,
) -> Response:
    filters: dict[str, Any] = {
        "outlet": blank(outlet), "language": blank(language), "date_from": dates.since,
        "date_to": dates.until, "q": check_query(q)}

    def answer() -> dict[str, Any]:
        items, total = store.find_documents(**filters, limit=page.limit, offset=page.offset,
                                            sort=sort)
        for item in items:
            item["source_path"] = file_name(item.get("source_path"))
        return page.envelope(with_display_titles(store, items), total, sort)

    return cached(cache, "documents", {**filters, "sort": sort}, page, answer)


@router.get("/documents/{doc_id}", summary="One document: analysis record, metadata, credits")
def get_document(store: StoreDep, doc_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    metadata = store.get_document(doc_id)
    record = store.get_record(doc_id) if metadata else None
    if metadata is None or record is None:
        raise not_found(f"document {doc_id!r}")
    metadata.pop("text", None)  # the text is in the record, once
    metadata["source_path"] = file_name(metadata.get("source_path"))
    for source in metadata.get("sources") or []:
        source["path"] = file_name(source.get("path"))
    document = record.get("document") or {}
    if "source_path" in document:
        document["source_path"] = file_name(document.get("source_path"))
    return {
        "id": doc_id,
        "display_title": store.document_titles([doc_id]).get(doc_id, doc_id),
        "metadata": metadata,
        "credits": {f: document.get(f) for f in CREDIT_FIELDS},
        **_translations(store, doc_id, record),
        "record": record,
    }


def _translations(store: StoreDep, doc_id: str, record: dict[str, Any]) -> dict[str, Any]:
    """The originals this document translates ("theo Reuters" and Reuters' own
    article in the store) and the translations made of it, within its story."""
    membership = store.story_memberships([doc_id]).get(doc_id)
    links: dict[str, list[str]] = {"originals": [], "translations": []}
    if membership is not None:
        members = store.story_member_ids([membership["story_id"]]).get(membership["story_id"], [])
        records = [record] + [
            r for r in (store.get_record(m) for m in members[:MAX_LINKED_MEMBERS] if m != doc_id) if r
        ]
        links = translation_links(records).get(doc_id, links)
    titles = store.document_titles([*links["originals"], *links["translations"]])
    return {
        kind: [{"id": i, "display_title": titles.get(i, i)} for i in ids]
        for kind, ids in links.items()
    }


@router.post("/documents", status_code=202,
             summary="Upload articles (needs the bearer token); analysed by a job")
async def upload_documents(
    request: Request, settings: SettingsDep, _writer: WriterDep,
) -> JSONResponse:
    # The token (a header) is checked by WriterDep before anything here runs, and this
    # route declares no body parameter, so no byte of the body is read before that check.
    limit = request_limit(settings.max_upload_bytes)
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ApiError(400, BAD_REQUEST, "Content-Length is not a number")
        if int(declared) > limit:
            raise ApiError(413, TOO_LARGE, f"the request declares {declared} bytes; at most"
                           f" {limit} ({MAX_FILES} files of {settings.max_upload_bytes} bytes)")
    files = await _files(request, limit)
    if not files:
        raise ApiError(400, BAD_REQUEST, "no files: send them as multipart field 'files'")
    if len(files) > MAX_FILES:
        raise ApiError(413, TOO_LARGE, f"at most {MAX_FILES} files per request")
    uploader: Uploader = request.app.state.uploader
    checked: list[tuple[str | None, bytes, FileResult | None]] = []
    for upload in files:
        data = await upload.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            # nothing is stored when one file is too large: the client resends a smaller set
            raise ApiError(413, TOO_LARGE, f"{safe_name(upload.filename)} is larger than the"
                           f" limit of {settings.max_upload_bytes} bytes")
        checked.append((upload.filename, data, uploader.check(upload.filename, data)))
    if all(refused is not None for _, _, refused in checked):
        results = [r.as_dict() for _, _, r in checked if r is not None]
        raise ApiError(415, UNSUPPORTED_TYPE, "no accepted file: " + "; ".join(
            f"{r['filename']}: {r['reason']}" for r in results), files=results)

    def run() -> dict[str, Any]:
        outcomes: list[FileResult] = []
        for filename, data, refused in checked:
            outcomes += [refused] if refused is not None else uploader.ingest(filename, data)
        return {
            "stored": [o.doc_id for o in outcomes if o.status == "stored"],
            "duplicates": [o.doc_id for o in outcomes if o.status == "duplicate"],
            "files": [o.as_dict() for o in outcomes],
        }

    jobs: JobQueue = request.app.state.jobs
    try:
        job = jobs.submit("upload", run, {"files": [safe_name(f) for f, _, _ in checked]})
    except QueueFull as exc:
        raise ApiError(429, BUSY, f"too many uploads waiting ({exc}): try again later",
                       headers={"Retry-After": "10"}) from None
    url = f"/api/jobs/{job.id}"
    return JSONResponse({**job.as_dict(), "url": url}, status_code=202,
                        headers={"Location": url})


def request_limit(max_upload_bytes: int) -> int:
    """The largest upload request: MAX_FILES files of the largest size, and their headers."""
    return MAX_FILES * max_upload_bytes + FORM_OVERHEAD_BYTES


async def _files(request: Request, limit: int) -> list[UploadFile]:
    """The multipart form's files, reading at most ``limit`` bytes (413 beyond them, also
    when no Content-Length was declared)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, TOO_LARGE, f"the request is larger than {limit} bytes")
        chunks.append(chunk)
    body = b"".join(chunks)

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return []
    form = await Request(request.scope, replay).form()
    return [v for k, v in form.multi_items() if k == "files" and isinstance(v, UploadFile)]
