"""``ingest --jobs N``: N local processes read and analyse, this process alone writes.

Each worker reads one input, analyses its articles and builds the rows the store
writes (:func:`pactwatch.store.rows.document_rows`); the writer (the calling process)
only runs SQL, in the order the inputs were given, through the same
:meth:`Store.write_batch` as a serial run, so the database, the run record and the
outcomes are those of ``--jobs 1``. Dask (:mod:`pactwatch.ingest.distributed`) stays
for clusters; this is for the cores of one machine.

Workers are forked after the pipeline has warmed up (knowledge base, lexicons and
automata loaded once, shared copy-on-write); they never touch the store. At most
:data:`IN_FLIGHT` inputs per worker are handed out ahead of the writer, so a slow
writer cannot make results pile up in memory. A worker dies with its parent (Linux), and a
stopped run (Ctrl-C, SIGTERM) stops the workers and keeps every article stored whole.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from pactwatch.document import Document
from pactwatch.ingest.batch import (
    MAX_KEPT_SIGNATURES,
    DataReader,
    FileOutcome,
    FileReader,
    Input,
    Progress,
    RunSummary,
    _ingest_one,
    _record,
    analyse_article,
    printable_path,
    read_input,
    save_article,
)
from pactwatch.pipeline import Pipeline
from pactwatch.store.base import Store
from pactwatch.store.migrations import now_iso
from pactwatch.store.rows import DocumentRows, document_rows, stored_record

# inputs read ahead of the writer, per worker
IN_FLIGHT = 8
# a short text that loads everything the stages need before the workers are forked
_WARM_UP = "Việt Nam và Hoa Kỳ ngày 10/3/2025 ký thỏa thuận tại Hà Nội, ông Nguyễn Văn A nói."


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@dataclass
class Prepared:
    """One analysed article, as rows ready for the writer."""

    doc_id: str
    path: str
    rows: DocumentRows
    warnings: list[str]
    sentences: int
    # its story signature row (stories.build.signature_row of the stored record)
    signature: dict[str, Any] | None = None


@dataclass
class Worked:
    """What a worker made of one input, in the order the serial run would record it."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    articles: list[Prepared | Document | FileOutcome] = field(default_factory=list)
    size: int = 0
    # standard input is read by the writer itself
    in_writer: bool = False
    # analysed, but not as rows: (document, path) saved by the writer as a serial run does
    names: list[str] = field(default_factory=list)


@dataclass
class _Setup:
    analyse: Pipeline
    max_bytes: int
    read_file: FileReader
    read_data: DataReader
    known: set[str]
    run_id: int
    sign: bool = False


_SETUP: _Setup | None = None


def _worker_init() -> None:
    # the writer decides when the run stops; a worker only dies (SIGTERM from terminate)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform == "linux":
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: die with the writer
        except (OSError, AttributeError):
            pass


def _work(item: Input) -> Worked:
    setup = _SETUP
    assert setup is not None, "worker started without its setup"
    if item.is_stdin:
        return Worked(in_writer=True)
    read = read_input(item, setup.max_bytes, setup.read_file, setup.read_data)
    worked = Worked(outcomes=list(read.outcomes), size=read.size)
    for doc in read.docs:
        path = doc.source_path or item.name
        if not doc.text.strip():
            worked.articles.append(
                FileOutcome(path, "failed", reason="[E101] no text after normalisation"))
            continue
        if doc.id in setup.known:
            # stored already: the writer records the duplicate, nothing to analyse
            worked.articles.append(doc)
            worked.names.append(item.name)
            continue
        analysed = analyse_article(doc, item.name, setup.analyse)
        if isinstance(analysed, FileOutcome):
            worked.articles.append(analysed)
            continue
        path = printable_path(path)
        if analysed.source_path:
            analysed.source_path = printable_path(analysed.source_path)
        rows = document_rows(analysed, source_path=path, ingested_at=now_iso(),
                             run_id=setup.run_id)
        signature = None
        if setup.sign:
            from pactwatch.stories.build import signature_row

            signature = signature_row(stored_record(rows))
        worked.articles.append(Prepared(analysed.id, path, rows,
                                        list(analysed.meta.get("warnings") or []),
                                        len(analysed.sentences), signature))
    return worked


def save_prepared(item: Prepared, store: Store, run_id: int) -> FileOutcome:
    """Store one article a worker prepared; say what became of it (as save_article)."""
    from pactwatch.errors import PactwatchError

    try:
        saved = store.save_rows(item.rows, warnings=item.warnings, run_id=run_id,
                                path=item.path)
    except PactwatchError as exc:
        return FileOutcome(item.path, "failed", item.doc_id, str(exc))
    except Exception as exc:  # a store bug fails this article, not the run
        return FileOutcome(item.path, "failed", item.doc_id,
                           f"[E099] storing failed: {type(exc).__name__}: {exc}")
    if saved.status == "duplicate":
        return FileOutcome(item.path, "duplicate", saved.doc_id,
                           f"same text as {saved.original_path}")
    return FileOutcome(item.path, "stored", saved.doc_id, "; ".join(item.warnings) or None)


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def ingest_inputs_parallel(
    inputs: list[Input],
    store: Store,
    summary: RunSummary,
    *,
    jobs: int,
    analyse: Pipeline,
    max_bytes: int,
    read_file: FileReader,
    read_data: DataReader,
    stdin: BinaryIO | None,
    progress: Progress | None,
    sign: bool = False,
) -> None:
    """Analyse ``inputs`` in ``jobs`` forked processes, storing each as it comes back.

    Input ``i`` goes to worker ``i mod jobs`` over that worker's own pipe, and results are
    taken back in input order; nothing is shared between workers, so stopping is only
    killing them (no queue lock a killed worker could leave held).
    """
    global _SETUP
    # load the data once, before the fork (a failure here shows again on a real article)
    with suppress(Exception):
        analyse(Document(text=_WARM_UP))
    if sign:  # imported once here, shared by the forked workers
        import pactwatch.stories.build  # noqa: F401
    _SETUP = _Setup(analyse, max_bytes, read_file, read_data, store.document_ids(),
                    summary.run_id, sign)
    context: Any = multiprocessing.get_context("fork")
    jobs = min(jobs, len(inputs))
    workers = []
    try:
        for _ in range(jobs):
            mine, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs,), daemon=True)
            process.start()
            theirs.close()
            workers.append((process, mine))
        sent = 0
        for index, item in enumerate(inputs):
            # keep every worker IN_FLIGHT inputs ahead of the writer
            while sent < len(inputs) and sent < index + jobs * IN_FLIGHT:
                workers[sent % jobs][1].send(inputs[sent])
                sent += 1
            process, conn = workers[index % jobs]
            worked = _receive(process, conn, item)
            summary.files += 1
            if worked.in_writer:
                outcomes = _ingest_one(item, store, summary, analyse, max_bytes, read_file,
                                       read_data, stdin)
            else:
                outcomes = _write(worked, store, summary)
            _record(store, summary, outcomes, progress, item.name)
        for _, conn in workers:
            with suppress(OSError):
                conn.send(None)  # done: the worker exits
    finally:
        _SETUP = None
        for process, conn in workers:
            if process.is_alive():
                process.kill()
            process.join(timeout=5)
            conn.close()


def _receive(process: Any, conn: Any, item: Input) -> Worked:
    """The next result of one worker; a worker that died fails its input, not the run."""
    try:
        result: Worked | str = conn.recv()
    except (EOFError, OSError):
        process.join(timeout=1)
        # killed from outside (out of memory?): what is stored stays whole; stop the run
        raise RuntimeError(f"{item.name}: [E099] an analysis process died"
                           f" (exit {process.exitcode})") from None
    if isinstance(result, str):
        return Worked(outcomes=[FileOutcome(item.name, "failed", reason=result)])
    return result


def _serve(conn: Any) -> None:
    """A worker: inputs in, what became of them out, until told to stop."""
    _worker_init()
    while True:
        try:
            item = conn.recv()
        except EOFError:
            return
        if item is None:
            return
        try:
            result: Worked | str = _work(item)
        except Exception as exc:  # a bug fails this input, not the worker
            result = f"[E099] analysis failed: {type(exc).__name__}: {exc}"
        conn.send(result)


def _write(worked: Worked, store: Store, summary: RunSummary) -> list[FileOutcome]:
    summary.bytes_read += worked.size
    outcomes = list(worked.outcomes)
    names = iter(worked.names)
    for article in worked.articles:
        summary.articles += 1
        if isinstance(article, FileOutcome):
            outcomes.append(article)
        elif isinstance(article, Prepared):
            summary.sentences += article.sentences
            outcome = save_prepared(article, store, summary.run_id)
            if (outcome.status == "stored" and article.signature is not None
                    and len(summary.signatures) < MAX_KEPT_SIGNATURES):
                summary.signatures[article.doc_id] = article.signature
            outcomes.append(outcome)
        else:
            name = next(names)
            outcomes.append(save_article(article, article.source_path or name, store,
                                         summary.run_id))
    return outcomes
