"""Any file (or bytes) -> normalised Documents: the entry point of ingest.

``read_path`` and ``read_bytes`` pick a reader by format name or file extension
(sniffing the content when there is no extension), refuse empty, oversized,
binary and undecodable input with a numbered :class:`ReadError`, and return one
Document per article. ``read_path_report`` also returns the per-record errors of
multi-article files, for the batch runner to record.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from pactwatch.document import Document
from pactwatch.errors import ReadError

# Importing the format modules registers their readers.
from pactwatch.ingest import html, jsonl, markdown, txt  # noqa: F401
from pactwatch.ingest.reading_notes import collecting
from pactwatch.ingest.registry import ReaderInfo, formats, reader_for_extension, reader_for_format

DEFAULT_MAX_BYTES = 20_000_000


def _sniff(data: bytes) -> str:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"---"):
        return "md"
    if head[:1] in (b"{", b"["):
        return "jsonl"
    if head[:1] == b"<":
        return "html"
    return "txt"


def _choose_reader(data: bytes, name: str, fmt: str | None) -> ReaderInfo:
    if fmt:
        info = reader_for_format(fmt)
        if info is None:
            raise ReadError(
                "E107", f"{name}: unsupported format {fmt!r} (known: {', '.join(formats())})"
            )
        return info
    suffix = PurePath(name).suffix
    if suffix and not suffix[1:].isdigit():
        info = reader_for_extension(suffix)
        if info is None:
            raise ReadError(
                "E107", f"{name}: unsupported file type {suffix!r} (known: {', '.join(formats())})"
            )
        return info
    sniffed = reader_for_format(_sniff(data)) or reader_for_format("txt")
    assert sniffed is not None
    return sniffed


def read_bytes_report(
    data: bytes, name: str, *, fmt: str | None = None
) -> tuple[list[Document], list[ReadError]]:
    """The articles in ``data`` and the errors of records that could not be read."""
    if not data.strip():
        raise ReadError("E101", f"{name}: empty file")
    info = _choose_reader(data, name, fmt)
    try:
        with collecting() as warnings:
            docs, errors = info.fn(data, name)
    except ReadError as exc:
        if exc.message.startswith(name):
            raise
        raise ReadError(exc.code, f"{name}: {exc.message}") from None
    # Input that is all markup or punctuation-free whitespace normalises to nothing.
    empty = [d for d in docs if not d.text.strip()]
    errors.extend(ReadError("E101", f"{d.source_path or name}: no article text") for d in empty)
    docs = [d for d in docs if d.text.strip()]
    verdicts = [(d, _too_little(d)) for d in docs]
    scant = [ReadError("E112", f"{d.source_path or name}: {why}")
             for d, why in verdicts if why is not None]
    docs = [d for d, why in verdicts if why is None]
    if not docs and scant and len(errors) == len(empty):
        raise scant[0]
    errors.extend(scant)
    for doc in docs:
        if warnings:
            doc.meta["warnings"] = [*doc.meta.get("warnings", []), *warnings]
    if not docs and len(errors) == len(empty):
        raise ReadError("E101", f"{name}: no article text found")
    return docs, errors


# An article has at least this many letters or digits: a one-character file is a stray
# keystroke, not news (a short item of a few words is still read).
MIN_ARTICLE_CHARS = 2


def _too_little(doc: Document) -> str | None:
    """Why ``doc`` is too little to be an article (None: it is one)."""
    chars = 0
    for ch in doc.text:  # counting stops at the floor: an article's text is long
        if ch.isalnum():
            chars += 1
            if chars >= MIN_ARTICLE_CHARS:
                break
    if chars < MIN_ARTICLE_CHARS:
        return (f"too little text to be an article ({chars} letters or digits; at least"
                f" {MIN_ARTICLE_CHARS})")
    if doc.zones and all(z.kind in ("title", "subtitle") for z in doc.zones):
        return "a title and no body text (front matter only?)"
    return None


def read_bytes(data: bytes, name: str, *, fmt: str | None = None) -> list[Document]:
    """The articles in ``data``; ReadError when none can be read."""
    docs, errors = read_bytes_report(data, name, fmt=fmt)
    if not docs:
        raise errors[0]
    return docs


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ReadError("E106", f"{path}: is a directory, not a file")
        if size > max_bytes:
            raise ReadError("E102", f"{path}: too large ({size} bytes; the limit is {max_bytes})")
        return path.read_bytes()
    except FileNotFoundError:
        raise ReadError("E106", f"{path}: no such file") from None
    except PermissionError:
        raise ReadError("E106", f"{path}: permission denied") from None
    except OSError as exc:
        raise ReadError("E106", f"{path}: cannot read ({exc.strerror or exc})") from None


def read_path_report(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[Document], list[ReadError]]:
    """The articles of one file and the errors of its unreadable records."""
    path = Path(path)
    return read_bytes_report(_read_file(path, max_bytes), str(path))


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """One file -> its articles (a .jsonl holds many); ReadError when none can be read."""
    docs, errors = read_path_report(path, max_bytes=max_bytes)
    if not docs:
        raise errors[0]
    return docs
