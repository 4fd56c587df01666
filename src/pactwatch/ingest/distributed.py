"""Ingest on Dask distributed: workers read and analyse, one writer (this process) stores.

:func:`ingest_distributed` is the ``--workers N`` / ``--scheduler tcp://…`` engine of
``pactwatch ingest``. Files go to the workers in small chunks; each worker process
builds the pipeline once and sends back, per file, its analysis records (plain dicts)
and the failures met while reading or analysing, worded exactly as the single-process
path words them (both call :func:`~pactwatch.ingest.batch.read_input` and
:func:`~pactwatch.ingest.batch.analyse_article`).

Only the client writes, one transaction per article, as the single-process path does:
an interrupted run leaves only whole articles. A second run skips every path already
stored (and stores no id twice, since the store records a known id as a duplicate); its
run args say which unfinished run it resumes and how many paths it skipped.

Dask is an optional dependency (``pip install 'pactwatch[scale]'``).
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pactwatch
from pactwatch.config import DEFAULT_MAX_BYTES
from pactwatch.document import Document
from pactwatch.errors import PactwatchError
from pactwatch.ingest.batch import (
    FileOutcome,
    Input,
    Progress,
    RunSummary,
    _record,
    analyse_article,
    expand_inputs,
    read_input,
    save_article,
)
from pactwatch.pipeline import Pipeline
from pactwatch.stages import DEFAULT_PIPELINE
from pactwatch.store.base import Store

# files per task: enough to hide the scheduler's per-task cost (~1 ms) behind analysis
# (tens of ms per article), few enough that a lost worker repeats little work
DEFAULT_CHUNK = 8
# chunks in flight per worker: keeps every worker busy while the writer commits, and
# bounds memory (results wait in the client, not a million futures at once)
IN_FLIGHT_PER_WORKER = 4


class DistributedUnavailable(PactwatchError):
    """Dask distributed is not installed."""


def _dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise DistributedUnavailable(
            "E110",
            "--workers/--scheduler need Dask distributed: pip install 'pactwatch[scale]'",
        ) from None
    return distributed


# -- on the workers ------------------------------------------------------------------------


@dataclass
class FileResult:
    """What a worker made of one input: records to store and failures, in file order."""

    name: str
    size: int = 0
    articles: int = 0
    sentences: int = 0
    # each item: a FileOutcome (a failure) or an analysis record to store
    items: list[FileOutcome | dict[str, Any]] = field(default_factory=list)


# one pipeline per worker process, built by its first task (building takes seconds:
# the knowledge base, lexicons and automata)
_PIPELINE: Pipeline | None = None


def _worker_pipeline() -> Pipeline:
    global _PIPELINE
    if _PIPELINE is None:
        from pactwatch.pipeline import build_pipeline

        _PIPELINE = build_pipeline()
    return _PIPELINE


Payload = tuple[str, str | None, bytes | None, frozenset[str]]


def analyse_inputs(inputs: list[Payload], max_bytes: int) -> list[FileResult]:
    """The worker task: read and analyse a chunk of inputs.

    Each input is ``(name, path, stdin bytes, ids already stored from this path)``;
    an article with a stored id is not analysed again (the writer records it as a
    duplicate, as the single-process path does).
    """
    analyse = _worker_pipeline()
    results = []
    for name, path, data, known in inputs:
        item = Input(Path(path) if path is not None else None, name)
        stdin = io.BytesIO(data) if data is not None else None
        read = read_input(item, max_bytes, stdin=stdin)
        result = FileResult(name, read.size, len(read.docs), items=list(read.outcomes))
        for doc in read.docs:
            if doc.id in known:
                result.items.append(doc.as_dict())
                continue
            analysed = analyse_article(doc, name, analyse)
            if isinstance(analysed, Document):
                result.sentences += len(analysed.sentences)
                result.items.append(analysed.as_dict())
            else:
                result.items.append(analysed)
        results.append(result)
    return results


# -- on the client -----------------------------------------------------------------------------


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, else of a local cluster of ``workers``
    single-threaded processes (the pipeline holds the GIL: threads would not help)."""
    distributed = _dask()
    if scheduler:
        with distributed.Client(scheduler) as client:
            yield client
        return
    with distributed.LocalCluster(
        n_workers=max(1, workers or os.cpu_count() or 1),
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
    ) as cluster, distributed.Client(cluster) as client:
        yield client


def _chunks(items: list[Input], size: int) -> Iterator[list[Input]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _payload(chunk: list[Input], stdin_data: bytes | None,
             stored: dict[str, set[str]]) -> list[Payload]:
    return [
        (i.name, os.fspath(i.path) if i.path is not None else None,
         stdin_data if i.path is None else None, frozenset(stored.get(i.name, ())))
        for i in chunk
    ]


def _whole_once_stored(item: Input) -> bool:
    """True when a stored path holds nothing more to store: a one-article format.

    A .jsonl (or a file whose format is sniffed) may hold many articles, and a run
    killed inside it stored only some: such a file is read again, its stored ids
    skipped."""
    if item.path is None:
        return False
    from pactwatch.ingest.registry import reader_for_extension

    info = reader_for_extension(item.path.suffix) if item.path.suffix else None
    return info is not None and info.fmt != "jsonl"


def ingest_distributed(
    paths: Sequence[str | os.PathLike[str]],
    store: Store,
    *,
    client: Any = None,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    chunk_size: int = DEFAULT_CHUNK,
    stdin: BinaryIO | None = None,
) -> RunSummary:
    """Like :func:`~pactwatch.ingest.batch.ingest_paths`, with the analysis on Dask workers.

    Pass a connected ``client``, or ``scheduler`` (an address), or ``workers`` (a local
    cluster of that many processes is started for the run and stopped after it).
    """
    if client is None:
        with dask_client(workers, scheduler) as own:
            return ingest_distributed(paths, store, client=own, progress=progress,
                                      max_bytes=max_bytes, chunk_size=chunk_size, stdin=stdin)
    distributed = _dask()
    started = time.perf_counter()
    inputs, problems = expand_inputs(paths)
    inputs = [i for i in inputs if i.path is None or not store.owns_file(i.path)]
    stored = store.stored_sources([i.name for i in inputs if i.path is not None])
    todo = [i for i in inputs if not (i.name in stored and _whole_once_stored(i))]
    n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    unfinished = [r["id"] for r in store.list_runs(limit=1) if r["status"] == "unfinished"]
    run_id = store.start_run(
        {
            "paths": [os.fspath(p) for p in paths],
            "max_bytes": max_bytes,
            "stages": list(DEFAULT_PIPELINE),
            "version": pactwatch.__version__,
            "engine": "dask",
            "workers": n_workers,
            "scheduler": client.scheduler.address,
            # a resumed run: the paths stored by earlier runs are not read again
            "skipped_stored": len(inputs) - len(todo),
            "resumes_run": unfinished[0] if unfinished else None,
        }
    )
    summary = RunSummary(run_id)
    if progress is not None:
        progress.start(len(todo) + len(problems))
    for problem in problems:
        summary.files += 1
        _record(store, summary, [problem], progress, problem.path)
    stdin_data = None
    if any(i.path is None for i in todo):
        # standard input is the client's: read it here (one byte past the limit, so the
        # worker reports an oversized stream exactly as the single-process path does)
        stdin_data = (stdin or sys.stdin.buffer).read(max_bytes + 1)

    pending = _chunks(todo, max(1, chunk_size))
    window = distributed.as_completed()
    running: dict[Any, list[Input]] = {}

    def submit_next() -> bool:
        chunk = next(pending, None)
        if chunk is None:
            return False
        future = client.submit(analyse_inputs, _payload(chunk, stdin_data, stored), max_bytes,
                               pure=False)
        running[future] = chunk
        window.add(future)
        return True

    for _ in range(n_workers * IN_FLIGHT_PER_WORKER):
        if not submit_next():
            break
    try:
        for future in window:
            chunk = running.pop(future)
            try:
                results: list[FileResult] = future.result()
            except Exception as exc:  # a worker died on these files: they fail, the run goes on
                results = [_lost(item, exc) for item in chunk]
            future.release()
            submit_next()
            for result in results:
                _write(result, store, summary, progress)
    finally:
        # an interrupted run: nothing more is computed for it
        client.cancel(list(running))
    summary.seconds = time.perf_counter() - started
    store.finish_run(run_id, summary.counts())
    return summary


def _lost(item: Input, exc: BaseException) -> FileResult:
    reason = f"[E099] analysis failed: worker lost ({type(exc).__name__}: {exc})"
    return FileResult(item.name, items=[FileOutcome(item.name, "failed", reason=reason)])


def _write(result: FileResult, store: Store, summary: RunSummary,
           progress: Progress | None) -> None:
    """Store one file's records (one transaction each) and record its outcomes."""
    summary.files += 1
    summary.bytes_read += result.size
    summary.articles += result.articles
    summary.sentences += result.sentences
    outcomes = []
    for item in result.items:
        if isinstance(item, FileOutcome):
            outcomes.append(item)
            continue
        doc = Document.from_dict(item)
        path = doc.source_path or result.name
        outcomes.append(save_article(doc, path, store, summary.run_id))
    _record(store, summary, outcomes, progress, result.name)
