"""Ingest a pile of files into a store: expand inputs, read, analyse, save, record.

Library first: :func:`ingest_paths` does the work and returns a :class:`RunSummary`;
``pactwatch ingest`` is a thin layer over it. One bad file never stops a run: it
becomes a ``failed`` outcome with a one-line reason. Every article is saved
whole or not at all (a savepoint of a batch committed every few hundred articles
or second), so an interrupted run leaves only whole articles, and a second run
over the same pile stores only what the first did not.
"""

from __future__ import annotations

import glob
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import pactwatch
from pactwatch.config import DEFAULT_MAX_BYTES
from pactwatch.document import Document
from pactwatch.errors import PactwatchError
from pactwatch.pipeline import Pipeline, build_pipeline
from pactwatch.store.base import FileStatus, Store

STDIN = "-"
# An ordinary article takes well under a second; the budget only stops the pathological.
DEFAULT_ARTICLE_SECONDS = 120.0
ARTICLE_SECONDS_ENV = "PACTWATCH_ARTICLE_SECONDS"
# Articles committed together (each still whole on its own): 1 makes every
# article visible to readers as soon as it is stored.
COMMIT_EVERY_ENV = "PACTWATCH_COMMIT_EVERY"


def _commit_every() -> int:
    try:
        return max(1, int(os.environ.get(COMMIT_EVERY_ENV, "200")))
    except ValueError:
        return 200
# signature rows kept for the story update (a few KB each): beyond this many, the
# update reads and signs the articles itself
MAX_KEPT_SIGNATURES = 20_000
STDIN_NAME = "<stdin>"
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class FileOutcome:
    """What became of one file (or one article of a many-article file)."""

    path: str
    status: FileStatus
    doc_id: str | None = None
    reason: str | None = None

    def __post_init__(self) -> None:
        # frozen: set once, here, so every outcome prints on one line and stores as UTF-8
        object.__setattr__(self, "path", printable_path(self.path))

    def line(self) -> str:
        """The one line printed for a failure: ``path: reason``."""
        return one_line(f"{self.path}: {self.reason}")


def printable_path(path: str | os.PathLike[str]) -> str:
    """A file name as text that can be printed on one line and stored as UTF-8.

    POSIX names are bytes: one that is not UTF-8 shows its odd bytes as ``\\xff``, and
    control characters (a newline in a name) are escaped, so a failure stays one line.
    """
    return one_line(os.fsencode(path).decode("utf-8", "backslashreplace"))


def one_line(text: str) -> str:
    """``text`` with control characters escaped (``\\n``), so it prints as one line."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


@dataclass
class RunSummary:
    run_id: int
    files: int = 0
    articles: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    seconds: float = 0.0
    bytes_read: int = 0
    sentences: int = 0
    failures: list[FileOutcome] = field(default_factory=list)
    # doc id -> its story signature row (stories.build.signature_row), made where the
    # article was analysed (``ingest --jobs`` workers, with ``sign=True``) so the writer's
    # story update does not read and sign every new article again; at most
    # MAX_KEPT_SIGNATURES are kept (the rest are signed by the update, as before)
    signatures: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def counts(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "articles": self.articles,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
        }

    def add(self, outcome: FileOutcome) -> None:
        if outcome.status == "stored":
            self.stored += 1
        elif outcome.status == "duplicate":
            self.duplicates += 1
        else:
            self.failed += 1
            self.failures.append(outcome)


class Progress(Protocol):
    """Told about a run as it goes (the CLI draws a progress bar with it)."""

    def start(self, total_files: int) -> None: ...

    def file_done(self, path: str, outcomes: list[FileOutcome], summary: RunSummary) -> None: ...


@dataclass(frozen=True)
class ReadResult:
    docs: list[Document]
    # problems with single records of a many-article file; the good records still count
    errors: list[str] = field(default_factory=list)


FileReader = Callable[[Path, int], ReadResult]
DataReader = Callable[[bytes, str], ReadResult]


# -- inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Input:
    """One thing to read: a file path, or standard input."""

    path: Path | None
    name: str

    @property
    def is_stdin(self) -> bool:
        return self.path is None


def expand_inputs(args: Iterable[str | os.PathLike[str]]) -> tuple[list[Input], list[FileOutcome]]:
    """Folders (recursively, hidden names skipped), files, globs and ``-`` → inputs, in order.

    Arguments that name nothing come back as failed outcomes. A file named twice is read once.
    """
    inputs: list[Input] = []
    problems: list[FileOutcome] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.normpath(str(path))
        if key not in seen:
            seen.add(key)
            inputs.append(Input(path, printable_path(path)))

    for arg in args:
        text = os.fspath(arg)
        if text == STDIN:
            if STDIN not in seen:
                seen.add(STDIN)
                inputs.append(Input(None, STDIN_NAME))
            continue
        path = Path(text)
        if path.is_dir():
            files, unreadable = _walk(path)
            for f in files:
                add(f)
            problems += unreadable
        elif path.exists() or path.is_symlink():
            add(path)
        elif _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                problems.append(FileOutcome(text, "failed", reason="[E191] no file matches"))
            for match in matches:
                if Path(match).is_dir():
                    files, unreadable = _walk(Path(match))
                    for f in files:
                        add(f)
                    problems += unreadable
                else:
                    add(Path(match))
        else:
            problems.append(FileOutcome(text, "failed", reason="[E191] no such file or folder"))
    return inputs, problems


def _walk(folder: Path) -> tuple[list[Path], list[FileOutcome]]:
    files: list[Path] = []
    problems: list[FileOutcome] = []

    def unreadable(err: OSError) -> None:
        problems.append(
            FileOutcome(
                str(err.filename or folder),
                "failed",
                reason=f"[E106] cannot open folder: {err.strerror}",
            )
        )

    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files += [Path(root) / n for n in sorted(names) if not n.startswith(".")]
    return files, problems


# -- reading -------------------------------------------------------------------------------------


def default_file_reader(path: Path, max_bytes: int) -> ReadResult:
    """Read one file with :mod:`pactwatch.ingest.readers` (bad records of a .jsonl reported)."""
    from pactwatch.ingest import readers

    docs, errors = readers.read_path_report(path, max_bytes=max_bytes)
    return ReadResult(list(docs), [_reason(e, str(path)) for e in errors])


def default_data_reader(data: bytes, name: str) -> ReadResult:
    from pactwatch.ingest import readers

    docs, errors = readers.read_bytes_report(data, name)
    return ReadResult(list(docs), [_reason(e, name) for e in errors])


def _reason(error: object, name: str | None = None) -> str:
    """``[E103] binary file``: a reader's message without the file name (printed before it)."""
    if isinstance(error, PactwatchError):
        message = error.message
        for prefix in filter(None, (name, name and Path(name).name)):
            if message.startswith(f"{prefix}: "):
                message = message[len(prefix) + 2 :]
                break
        return f"[{error.code}] {message}"
    return str(error)


def _read_stdin(stream: BinaryIO, max_bytes: int, read: DataReader) -> tuple[ReadResult, int]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise PactwatchError("E102", f"standard input is larger than the limit ({max_bytes} bytes)")
    return read(data, STDIN_NAME), len(data)


# -- the run ---------------------------------------------------------------------------------------


def ingest_paths(
    paths: Sequence[str | os.PathLike[str]],
    store: Store,
    *,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    pipeline: Pipeline | None = None,
    read_file: FileReader = default_file_reader,
    read_data: DataReader = default_data_reader,
    stdin: BinaryIO | None = None,
    jobs: int = 1,
    sign: bool = False,
) -> RunSummary:
    """Read, analyse and store every article under ``paths``; record each outcome.

    ``jobs`` > 1 analyses in that many forked processes while this one writes
    (:mod:`pactwatch.ingest.parallel`); what is stored and recorded is the same. With
    ``sign`` (stories are updated after the run) those processes also make the new
    articles' story signatures (``RunSummary.signatures``).
    """
    started = time.perf_counter()
    analyse = pipeline or build_pipeline()
    inputs, problems = expand_inputs(paths)
    inputs = [i for i in inputs if i.path is None or not store.owns_file(i.path)]
    run_id = store.start_run(
        {
            "paths": [os.fspath(p) for p in paths],
            "max_bytes": max_bytes,
            "stages": analyse.names,
            "version": pactwatch.__version__,
        }
    )
    summary = RunSummary(run_id)
    if progress is not None:
        progress.start(len(inputs) + len(problems))
    # many articles per commit, each still whole (a savepoint): see Store.write_batch
    with store.write_batch(articles=_commit_every()):
        for problem in problems:
            summary.files += 1
            _record(store, summary, [problem], progress, problem.path)
        if _parallel(jobs, inputs, store):
            from pactwatch.ingest.parallel import ingest_inputs_parallel

            ingest_inputs_parallel(inputs, store, summary, jobs=jobs, analyse=analyse,
                                   max_bytes=max_bytes, read_file=read_file,
                                   read_data=read_data, stdin=stdin, progress=progress,
                                   sign=sign)
        else:
            for item in inputs:
                summary.files += 1
                outcomes = _ingest_one(
                    item, store, summary, analyse, max_bytes, read_file, read_data, stdin
                )
                _record(store, summary, outcomes, progress, item.name)
    summary.seconds = time.perf_counter() - started
    store.finish_run(run_id, summary.counts())
    return summary


def _parallel(jobs: int, inputs: list[Input], store: Store) -> bool:
    """Whether to analyse in worker processes: asked for, worth it, and possible."""
    if jobs < 2 or len(inputs) < 2:
        return False
    from pactwatch.ingest.parallel import fork_available

    return fork_available() and type(store).save_rows is not Store.save_rows


def _record(
    store: Store,
    summary: RunSummary,
    outcomes: list[FileOutcome],
    progress: Progress | None,
    name: str,
) -> None:
    for outcome in outcomes:
        if outcome.status == "failed":
            # stored/duplicate outcomes were recorded in the article's own transaction
            store.record_failure(summary.run_id, outcome.path, outcome.reason or "failed")
        summary.add(outcome)
    if progress is not None:
        progress.file_done(name, outcomes, summary)


def _ingest_one(
    item: Input,
    store: Store,
    summary: RunSummary,
    analyse: Pipeline,
    max_bytes: int,
    read_file: FileReader,
    read_data: DataReader,
    stdin: BinaryIO | None,
) -> list[FileOutcome]:
    read = read_input(item, max_bytes, read_file, read_data, stdin)
    summary.bytes_read += read.size
    outcomes = list(read.outcomes)
    for doc in read.docs:
        summary.articles += 1
        outcomes.append(_store_one(doc, item.name, store, summary, analyse))
    return outcomes


@dataclass
class FileRead:
    """One input read into articles: the documents, and failures found while reading."""

    docs: list[Document] = field(default_factory=list)
    outcomes: list[FileOutcome] = field(default_factory=list)
    size: int = 0


def read_input(
    item: Input,
    max_bytes: int,
    read_file: FileReader = default_file_reader,
    read_data: DataReader = default_data_reader,
    stdin: BinaryIO | None = None,
) -> FileRead:
    """Read one input; every problem becomes a failed outcome (the distributed engine's
    workers call this too, so both engines report a bad file in the same words)."""
    try:
        if item.path is None:
            result, size = _read_stdin(stdin or sys.stdin.buffer, max_bytes, read_data)
        else:
            info = item.path.stat()
            if not stat.S_ISREG(info.st_mode):
                # reading a pipe or a device could block forever or never end
                return FileRead(outcomes=[
                    FileOutcome(
                        item.name,
                        "failed",
                        reason="[E106] not a regular file (a pipe, device or socket)",
                    )
                ])
            size = info.st_size
            result = read_file(item.path, max_bytes)
    except PactwatchError as exc:
        return FileRead(outcomes=[FileOutcome(item.name, "failed", reason=_reason(exc, item.name))])
    except OSError as exc:
        return FileRead(outcomes=[
            FileOutcome(item.name, "failed", reason=f"[E106] cannot read: {exc.strerror or exc}")
        ])
    except Exception as exc:  # a reader bug must not end the run: report it as this file's
        return FileRead(outcomes=[
            FileOutcome(
                item.name, "failed", reason=f"[E199] reader failed: {type(exc).__name__}: {exc}"
            )
        ])
    outcomes = [FileOutcome(item.name, "failed", reason=error) for error in result.errors]
    if not result.docs and not result.errors:
        outcomes.append(FileOutcome(item.name, "failed", reason="[E101] no article found"))
    return FileRead(list(result.docs), outcomes, size)


def article_seconds() -> float | None:
    """The time budget of one article's analysis: $PACTWATCH_ARTICLE_SECONDS (0: none)."""
    given = os.environ.get(ARTICLE_SECONDS_ENV, "")
    try:
        seconds = float(given) if given else DEFAULT_ARTICLE_SECONDS
    except ValueError:
        seconds = DEFAULT_ARTICLE_SECONDS
    return seconds if seconds > 0 else None


def analyse_article(doc: Document, name: str, analyse: Pipeline,
                    budget: float | None = None) -> Document | FileOutcome:
    """Run the pipeline on one article; a failure comes back as its outcome. ``budget``
    (seconds, default :func:`article_seconds`) bounds the analysis: an article still
    unfinished after it fails with E004, and the run goes on with the next one. The check
    is cooperative, between stages."""
    path = doc.source_path or name
    if not doc.text.strip():
        return FileOutcome(path, "failed", reason="[E101] no text after normalisation")
    seconds = article_seconds() if budget is None else budget
    deadline = time.monotonic() + seconds if seconds else None
    try:
        return analyse(doc, deadline=deadline)
    except PactwatchError as exc:
        return FileOutcome(path, "failed", doc.id, str(exc))
    except Exception as exc:  # an analysis bug fails this article, not the run
        return FileOutcome(
            path, "failed", doc.id, f"[E099] analysis failed: {type(exc).__name__}: {exc}"
        )


def save_article(doc: Document, path: str, store: Store, run_id: int) -> FileOutcome:
    """Store one analysed article in its own transaction; say what became of it."""
    path = printable_path(path)
    if doc.source_path:
        doc.source_path = printable_path(doc.source_path)
    try:
        saved = store.save_document(doc, run_id=run_id, path=path)
    except PactwatchError as exc:
        return FileOutcome(path, "failed", doc.id, str(exc))
    except Exception as exc:  # a store bug fails this article, not the run
        return FileOutcome(
            path, "failed", doc.id, f"[E099] storing failed: {type(exc).__name__}: {exc}"
        )
    if saved.status == "duplicate":
        return FileOutcome(path, "duplicate", saved.doc_id, f"same text as {saved.original_path}")
    warnings = doc.meta.get("warnings") or []
    return FileOutcome(path, "stored", saved.doc_id, "; ".join(warnings) or None)


def _store_one(
    doc: Document, name: str, store: Store, summary: RunSummary, analyse: Pipeline
) -> FileOutcome:
    path = doc.source_path or name
    if not doc.text.strip():
        return FileOutcome(path, "failed", reason="[E101] no text after normalisation")
    # a stored id needs no analysis: saving it only records the duplicate
    if not store.has_document(doc.id):
        analysed = analyse_article(doc, name, analyse)
        if isinstance(analysed, FileOutcome):
            return analysed
        doc = analysed
        summary.sentences += len(doc.sentences)
    return save_article(doc, path, store, summary.run_id)
