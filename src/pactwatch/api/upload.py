"""Uploaded articles: checked (size, extension and content), then ingested like files.

Bytes are held in memory and handed to the same reading, analysis and storing path as
``pactwatch ingest`` (one ingest run per file, recorded in ``runs``). The client's file
name is only a label: its directory part is dropped and it never reaches the file system.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath, PureWindowsPath

from pactwatch.ingest.batch import ReadResult, default_data_reader, ingest_paths
from pactwatch.pipeline import Pipeline, build_pipeline
from pactwatch.store import Store

ACCEPTED = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
SOURCE_PREFIX = "upload:"
# formats that are never articles, recognised by their first bytes
_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x7fELF", b"\x1f\x8b",
          b"\xd0\xcf\x11\xe0", b"Rar!", b"7z\xbc\xaf")
_TAG = re.compile(r"<[a-zA-Z!/][^>]{0,200}>")
_HTML_START = re.compile(r"^\s*(<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


@dataclass
class FileResult:
    filename: str
    status: str  # stored | duplicate | failed
    doc_id: str | None = None
    reason: str | None = None
    run_id: int | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def safe_name(filename: str | None) -> str:
    """The last part of a client's file name, with only harmless characters kept."""
    raw = filename or ""
    base = PureWindowsPath(PurePosixPath(raw).name).name
    cleaned = _UNSAFE.sub("_", base).strip(" .") or "upload"
    if len(cleaned) > 120:  # keep the extension of an absurdly long name
        stem, dot, ext = cleaned.rpartition(".")
        cleaned = (stem[: 110] + dot + ext) if dot and len(ext) <= 8 else cleaned[:120]
    return cleaned


def extension(name: str) -> str:
    return PurePosixPath(name).suffix.lower()


def sniff_problem(data: bytes, ext: str) -> str | None:
    """Why the content does not match the extension (None when it does)."""
    if any(data.startswith(magic) for magic in _MAGIC):
        return f"[E506] content is a binary format, not a {ext} article"
    head_bytes = data[:8192]
    if head_bytes.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head_bytes.decode("utf-16", errors="replace")
    else:
        if b"\x00" in head_bytes:
            return "[E506] content has NUL bytes: binary, not text"
        head = head_bytes.decode("utf-8", errors="replace")
    body = head.lstrip("\ufeff \t\r\n")
    if ext in (".html", ".htm"):
        if not _TAG.search(head):
            return "[E506] an .html file with no markup"
    elif ext == ".json":
        if not body.startswith(("{", "[")):
            return "[E506] a .json file that does not start with { or ["
    elif ext == ".jsonl":
        if not body.startswith("{"):
            return "[E506] a .jsonl file whose first line is not a JSON object"
    elif _HTML_START.match(body):
        return f"[E506] an HTML page named {ext}: upload it as .html"
    return None


class Uploader:
    """Analyses and stores uploaded files; one at a time (the pipeline is built once)."""

    def __init__(self, store: Store, max_bytes: int,
                 on_stored: Callable[[], None] | None = None) -> None:
        self.store = store
        # told after each ingest (the app drops its cached answers)
        self.on_stored = on_stored
        self.max_bytes = max_bytes
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def check(self, filename: str | None, data: bytes) -> FileResult | None:
        """A failed result for a file we refuse before reading it (None: go ahead)."""
        name = safe_name(filename)
        ext = extension(name)
        if ext not in ACCEPTED:
            return FileResult(name, "failed", reason=f"[E506] {ext or 'no extension'} is not an"
                              f" accepted type ({', '.join(ACCEPTED)})")
        problem = sniff_problem(data, ext)
        return FileResult(name, "failed", reason=problem) if problem else None

    def ingest(self, filename: str | None, data: bytes) -> list[FileResult]:
        """Read, analyse and store one checked file; one result per article in it."""
        name = safe_name(filename)
        label = SOURCE_PREFIX + name

        def read(payload: bytes, _stdin_name: str) -> ReadResult:
            # the reader picks the format from the (cleaned) name's extension
            return default_data_reader(payload, label)

        with self._lock:
            if self._pipeline is None:
                self._pipeline = build_pipeline()
            summary = ingest_paths(["-"], self.store, stdin=io.BytesIO(data), read_data=read,
                                   max_bytes=self.max_bytes, pipeline=self._pipeline)
        if self.on_stored is not None:
            self.on_stored()
        results = [
            FileResult(name, row["status"], row["doc_id"], _strip_label(row["reason"], label),
                       summary.run_id)
            for row in self.store.run_files(summary.run_id)
        ]
        return results or [FileResult(name, "failed", reason="[E101] no article found",
                                      run_id=summary.run_id)]


def _strip_label(reason: str | None, label: str) -> str | None:
    if reason is None:
        return None
    return reason.replace(f"{label}: ", "").replace("<stdin>: ", "")
