"""Work the API accepts now and does later: uploads analysed in a pool of worker threads.

A request never analyses an article itself: it checks what is cheap to check, queues a job
and answers ``202`` with the job's id. ``GET /api/jobs/{id}`` then says ``queued``,
``running``, ``done`` (with the result) or ``failed`` (with the error); a queued job can be
cancelled (``cancelled``). The queue is bounded: when it is full a new job is refused
(``QueueFull``, HTTP 429) rather than held in memory. Finished jobs are remembered (the
newest ``keep`` of them) so that a client can collect its result.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pactwatch.errors import PactwatchError

log = logging.getLogger(__name__)
Status = Literal["queued", "running", "done", "failed", "cancelled"]
DEFAULT_WORKERS = 1
DEFAULT_QUEUE_SIZE = 16
DEFAULT_KEEP = 1000


class QueueFull(Exception):
    """No room for another job now (the client should retry later)."""


@dataclass
class Job:
    id: str
    kind: str
    run: Callable[[], dict[str, Any]]
    description: dict[str, Any] = field(default_factory=dict)
    status: Status = "queued"
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    result: dict[str, Any] | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "status": self.status,
            "created": _iso(self.created), "started": _iso(self.started),
            "finished": _iso(self.finished), **self.description,
            "result": self.result, "error": self.error,
        }


def _iso(stamp: float | None) -> str | None:
    if stamp is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))


class JobQueue:
    """A bounded queue of jobs and the worker threads that run them, oldest first."""

    def __init__(self, workers: int = DEFAULT_WORKERS, size: int = DEFAULT_QUEUE_SIZE,
                 keep: int = DEFAULT_KEEP) -> None:
        self.size = size
        self.keep = keep
        self._queue: queue.Queue[Job | None] = queue.Queue(maxsize=size)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._workers = [threading.Thread(target=self._work, name=f"pactwatch-job-{i}",
                                          daemon=True) for i in range(workers)]
        self._started = False

    def start(self) -> None:
        if not self._started:
            self._started = True
            for worker in self._workers:
                worker.start()

    def stop(self, timeout: float = 5.0) -> bool:
        """Let the running jobs finish (up to ``timeout``); queued ones stay undone. True
        when every worker has ended."""
        if not self._started:
            return True
        with self._lock:
            for job in self._jobs.values():
                if job.status == "queued":
                    job.status, job.error = "cancelled", "the server stopped"
        for _ in self._workers:
            try:
                self._queue.put_nowait(None)
            except queue.Full:
                break  # workers see the cancelled jobs and the daemon threads end with us
        deadline = time.monotonic() + timeout
        for worker in self._workers:
            worker.join(max(0.0, deadline - time.monotonic()))
        return not any(worker.is_alive() for worker in self._workers)

    # -- what the routes use ---------------------------------------------------------------
    def submit(self, kind: str, run: Callable[[], dict[str, Any]],
               description: dict[str, Any] | None = None) -> Job:
        job = Job(uuid.uuid4().hex, kind, run, description or {})
        with self._lock:
            try:
                self._queue.put_nowait(job)
            except queue.Full:
                raise QueueFull(f"{self.size} jobs are waiting already") from None
            self._jobs[job.id] = job
            self._forget_old()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def cancel(self, job_id: str) -> Job | None:
        """Cancel a queued job (a job already running or finished is left as it is)."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None and job.status == "queued":
                job.status, job.finished = "cancelled", time.time()
                job.error = "cancelled before it started"
            return job

    def counts(self) -> dict[str, int]:
        with self._lock:
            found: dict[str, int] = {}
            for job in self._jobs.values():
                found[job.status] = found.get(job.status, 0) + 1
            return found

    # -- the workers ------------------------------------------------------------------------
    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            with self._lock:
                if job.status != "queued":
                    continue  # cancelled while it waited
                job.status, job.started = "running", time.time()
            try:
                result = job.run()
            except PactwatchError as exc:
                self._finish(job, "failed", error=str(exc))
            except Exception as exc:  # a bug fails this job, never the worker
                log.error("job %s failed", job.id, exc_info=(type(exc), exc, exc.__traceback__))
                self._finish(job, "failed", error="[E599] internal error while running the job"
                             " (the server log has the details)")
            else:
                self._finish(job, "done", result=result)

    def _finish(self, job: Job, status: Status, *, result: dict[str, Any] | None = None,
                error: str | None = None) -> None:
        with self._lock:
            job.status, job.finished, job.result, job.error = status, time.time(), result, error
            self._forget_old()

    def _forget_old(self) -> None:
        if len(self._jobs) <= self.keep:
            return
        for job_id in [i for i, j in self._jobs.items()
                       if j.status in ("done", "failed", "cancelled")]:
            if len(self._jobs) <= self.keep:
                break
            del self._jobs[job_id]
