"""``/api/jobs/{id}``: what became of an upload (queued, running, done, failed), and cancel."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from pactwatch.api.auth import WriterDep
from pactwatch.api.jobs import JobQueue
from pactwatch.api.problems import CONFLICT, ApiError, not_found

router = APIRouter(tags=["jobs"])
JobId = Annotated[str, Path(max_length=64, description="The id a POST answered with.")]


def _jobs(request: Request) -> JobQueue:
    jobs: JobQueue = request.app.state.jobs
    return jobs


@router.get("/jobs/{job_id}", summary="One job: queued, running, done (with the result) or"
            " failed (with the error)")
def get_job(request: Request, job_id: JobId) -> dict[str, Any]:
    job = _jobs(request).get(job_id)
    if job is None:
        raise not_found(f"job {job_id!r}")
    return job.as_dict()


@router.delete("/jobs/{job_id}", summary="Cancel a queued job (needs the bearer token)")
def cancel_job(request: Request, job_id: JobId, _writer: WriterDep) -> dict[str, Any]:
    job = _jobs(request).cancel(job_id)
    if job is None:
        raise not_found(f"job {job_id!r}")
    if job.status != "cancelled":
        raise ApiError(409, CONFLICT, f"job {job_id} is {job.status}: only a queued job can be"
                       " cancelled", job=job.as_dict())
    return job.as_dict()
