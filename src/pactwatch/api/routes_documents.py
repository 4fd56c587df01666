"""``/api/documents``: list, one document (record, metadata, credits), and uploads."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from pactwatch.api.auth import WriterDep
from pactwatch.api.deps import CacheDep, DatesDep, PageDep, SettingsDep, StoreDep, blank, cached
from pactwatch.api.problems import BAD_REQUEST, TOO_LARGE, UNSUPPORTED_TYPE, ApiError, not_found
from pactwatch.api.upload import FileResult, Uploader, safe_name

router = APIRouter(tags=["documents"])
CREDIT_FIELDS = ("authors", "translators", "credited_sources", "original_publisher",
                 "photo_credits")
MAX_FILES = 20


@router.get("/documents", summary="Documents, newest first")
def list_documents(
    store: StoreDep,
    cache: CacheDep,
    page: PageDep,
    dates: DatesDep,
    q: Annotated[str | None, Query(description="Full-text query (accents optional).")] = None,
    outlet: str | None = None,
    language: str | None = None,
) -> Response:
    filters: dict[str, Any] = {
        "outlet": blank(outlet), "language": blank(language), "date_from": dates.since,
        "date_to": dates.until, "q": blank(q)}

    def answer() -> dict[str, Any]:
        items, total = store.find_documents(**filters, limit=page.limit, offset=page.offset)
        return page.envelope(items, total)

    return cached(cache, "documents", filters, page, answer)


@router.get("/documents/{doc_id}", summary="One document: analysis record, metadata, credits")
def get_document(store: StoreDep, doc_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    metadata = store.get_document(doc_id)
    record = store.get_record(doc_id) if metadata else None
    if metadata is None or record is None:
        raise not_found(f"document {doc_id!r}")
    metadata.pop("text", None)  # the text is in the record, once
    document = record.get("document") or {}
    return {
        "id": doc_id,
        "metadata": metadata,
        "credits": {f: document.get(f) for f in CREDIT_FIELDS},
        "record": record,
    }


@router.post("/documents", summary="Upload articles (needs the bearer token)")
async def upload_documents(
    request: Request, settings: SettingsDep, _writer: WriterDep,
    files: list[UploadFile] | None = None,
) -> dict[str, Any]:
    if not files:
        raise ApiError(400, BAD_REQUEST, "no files: send them as multipart field 'files'")
    if len(files) > MAX_FILES:
        raise ApiError(413, TOO_LARGE, f"at most {MAX_FILES} files per request")
    uploader: Uploader = request.app.state.uploader
    checked: list[tuple[UploadFile, bytes, FileResult | None]] = []
    for upload in files:
        data = await upload.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            # nothing is stored when one file is too large: the client resends a smaller set
            raise ApiError(413, TOO_LARGE, f"{safe_name(upload.filename)} is larger than the"
                           f" limit of {settings.max_upload_bytes} bytes")
        checked.append((upload, data, uploader.check(upload.filename, data)))
    if all(refused is not None for _, _, refused in checked):
        results = [r.as_dict() for _, _, r in checked if r is not None]
        raise ApiError(415, UNSUPPORTED_TYPE, "no accepted file: " + "; ".join(
            f"{r['filename']}: {r['reason']}" for r in results), files=results)
    outcomes: list[FileResult] = []
    for upload, data, refused in checked:
        if refused is not None:
            outcomes.append(refused)
        else:
            outcomes += await run_in_threadpool(uploader.ingest, upload.filename, data)
    return {
        "stored": [o.doc_id for o in outcomes if o.status == "stored"],
        "duplicates": [o.doc_id for o in outcomes if o.status == "duplicate"],
        "files": [o.as_dict() for o in outcomes],
    }
