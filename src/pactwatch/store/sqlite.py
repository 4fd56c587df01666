"""The SQLite back end (stdlib sqlite3): WAL, foreign keys, a busy timeout, FTS5 search.

This is the only module that knows SQLite's own SQL (pragmas, FTS5).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from pactwatch.document import Document
from pactwatch.errors import StoreError
from pactwatch.store.dialect import SQLITE
from pactwatch.store.fold import fold
from pactwatch.store.limits import current_limit
from pactwatch.store.sql import SqlStore

BUSY_TIMEOUT_MS = 30_000
CACHE_KIB = 64 * 1024
# how many virtual-machine steps between checks of a caller's limit (~0.1 ms)
PROGRESS_STEPS = 10_000
# unicode61 folds case and most diacritics; we index a fold()ed copy as well so that
# đ/Đ (a letter of its own, which unicode61 keeps) matches d too.
FTS_TOKENIZER = "unicode61 remove_diacritics 2"
SEARCH_TABLES = (
    f"""CREATE VIRTUAL TABLE documents_fts USING fts5(
        doc_id UNINDEXED, title, body, tokenize="{FTS_TOKENIZER}")""",
    f"""CREATE VIRTUAL TABLE quotes_fts USING fts5(
        doc_id UNINDEXED, quote_id UNINDEXED, body, tokenize="{FTS_TOKENIZER}")""",
)


def fts_query(terms: list[str]) -> str:
    """An FTS5 query that requires every term (each quoted, so no operator can slip in)."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def fts_phrase(terms: list[str]) -> str:
    """An FTS5 query for the terms side by side, in order ("hoa binh" as one word)."""
    return '"' + " ".join(t.replace('"', '""') for t in terms) + '"'


def _over_limit() -> int:
    """SQLite's progress handler: non-zero stops the running statement ("interrupted")."""
    limit = current_limit()
    return 1 if limit is not None and limit.exceeded() else 0


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to write-ahead logging, waiting while another process opens the same file.

    Changing the journal mode needs the file to itself, and SQLite answers "database is
    locked" at once rather than calling the busy handler: so we wait here ourselves.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class SQLiteStore(SqlStore):
    dialect = SQLITE
    driver_error = sqlite3.Error

    def __init__(self, path: str | Path, url: str | None = None) -> None:
        target = str(path)
        self.path = target
        if target != ":memory:":
            parent = Path(target).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError("E201", f"{target}: folder {parent} does not exist")
            target = str(Path(target).expanduser())
        self._target = target
        # an in-memory database lives in one connection: threads share it (and its lock)
        self.per_thread = target != ":memory:"
        try:
            conn = self._connect(target)
            if target != ":memory:":
                _use_wal(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError("E201", f"{path}: cannot open as a SQLite database ({exc})") from exc
        super().__init__(conn, url or f"sqlite:///{path}")
        try:
            self.migrate()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError("E201", f"{path}: cannot use as a pactwatch database ({exc})") from exc

    @staticmethod
    def _connect(target: str) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves (one per article)
        conn = sqlite3.connect(
            target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
            check_same_thread=False,
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # ids are hashes, so inserts land all over the indexes: a bigger page cache
        # (default 2 MB) keeps a large database from re-reading pages per article
        conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
        if target != ":memory:":
            # with WAL, NORMAL loses no committed article when the process dies
            conn.execute("PRAGMA synchronous = NORMAL")
        # a caller's time limit and cancellation (store.limits), checked as statements run
        conn.set_progress_handler(_over_limit, PROGRESS_STEPS)
        return conn

    def _open_connection(self) -> sqlite3.Connection:
        try:
            return self._connect(self._target)
        except sqlite3.DatabaseError as exc:
            raise StoreError("E201", f"{self.path}: cannot open as a SQLite database ({exc})"
                             ) from exc

    def _interrupt_for(self, conn: Any) -> Any:
        return conn.interrupt

    def owns_file(self, path: Path) -> bool:
        if self.path == ":memory:":
            return False
        database = Path(self.path).expanduser().resolve()
        try:
            candidate = Path(path).resolve()
        except (OSError, RuntimeError):  # a symlink loop: not ours, and reading it reports it
            return False
        # the database, its write-ahead log, shared memory and rollback journal
        return candidate.parent == database.parent and candidate.name in {
            database.name + suffix for suffix in ("", "-wal", "-shm", "-journal")
        }

    # -- transactions ---------------------------------------------------------------
    def _begin(self) -> None:
        # IMMEDIATE takes the write lock now, so two writers queue instead of deadlocking
        self._conn.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self._conn.execute("COMMIT")

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    # -- full-text search ----------------------------------------------------------------
    def create_search_index(self) -> None:
        for statement in SEARCH_TABLES:
            self.execute(statement)

    def _index_document(self, doc: Document) -> None:
        self.execute(
            "INSERT INTO documents_fts (doc_id, title, body) VALUES (?, ?, ?)",
            (doc.id, fold(doc.title or ""), fold(doc.text)),
        )
        self._executemany(
            "INSERT INTO quotes_fts (doc_id, quote_id, body) VALUES (?, ?, ?)",
            [(doc.id, q.id, fold(q.text)) for q in doc.quotes],
        )

    def _search_index_problems(self) -> list[str]:
        problems = []
        for table, source in (("documents_fts", "documents"), ("quotes_fts", "quotes")):
            indexed = self._scalar(f"SELECT COUNT(*) FROM {table}")
            stored = self._scalar(f"SELECT COUNT(*) FROM {source}")
            if indexed != stored:
                problems.append(f"{table}: {indexed} rows indexed for {stored} {source}")
        return problems

    def _match_documents(self, terms: list[str]) -> tuple[str, list[Any]]:
        return ("d.id IN (SELECT doc_id FROM documents_fts WHERE documents_fts MATCH ?)",
                [fts_phrase(terms)])

    def _match_quotes(self, terms: list[str]) -> tuple[str, list[Any]]:
        return ("EXISTS (SELECT 1 FROM quotes_fts f WHERE quotes_fts MATCH ?"
                " AND f.doc_id = qu.doc_id AND f.quote_id = qu.quote_id)", [fts_phrase(terms)])

    def _ranked(self, table: str, columns: str, terms: list[str], limit: int) -> list[Any]:
        # Vietnamese writes a word as several syllables ("hòa bình"): the terms must stand
        # side by side, in order, or "hoa binh" would find "Thanh Hóa ... Thái Bình".
        # A match in a title weighs five times one in the body.
        order = "bm25(documents_fts, 0, 5.0, 1.0)" if table == "documents_fts" else "rank"
        rows = self.execute(
            f"SELECT {columns} FROM {table} WHERE {table} MATCH ? ORDER BY {order} LIMIT ?",
            (fts_phrase(terms), limit),
        ).fetchall()
        return [tuple(row) for row in rows]

    def _ranked_documents(self, terms: list[str], limit: int) -> list[str]:
        with self._lock:
            return [key[0] for key in self._ranked("documents_fts", "doc_id", terms, limit)]

    def _ranked_quotes(self, terms: list[str], limit: int) -> list[tuple[str, str]]:
        with self._lock:
            return [(key[0], key[1])
                    for key in self._ranked("quotes_fts", "doc_id, quote_id", terms, limit)]
