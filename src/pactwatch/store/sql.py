"""The SQL every back end shares: connection plumbing, migrations, writes and runs.

A back end subclasses :class:`SqlStore`, opens a DB-API connection, and supplies
what its database does differently: transactions, the full-text index, and how
a full-text query becomes SQL.
"""

from __future__ import annotations

import json
import threading
import time
from abc import abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from pactwatch.document import Document, document_id
from pactwatch.errors import StoreError
from pactwatch.store.base import Row, SaveResult
from pactwatch.store.dialect import Dialect
from pactwatch.store.explore import ExploreQueries, _index_view
from pactwatch.store.limits import QueryLimit, current_limit, limit_message
from pactwatch.store.lookup import LookupQueries
from pactwatch.store.migrations import MIGRATIONS, MIGRATIONS_TABLE, now_iso
from pactwatch.store.reviews import ReviewQueries
from pactwatch.store.rows import (
    CHILD_INSERTS,
    INSERT_DOCUMENT,
    DocumentRows,
    document_rows,
    to_json,
)
from pactwatch.store.stories import StoryQueries

# tables whose rows belong to one document
CHILD_TABLES = ("document_sources", "document_actors", "mentions", "times", "quotes", "events",
                "event_participants", "commitments", "commitment_parties")
# (table, documents column counting its rows)
COUNTED_TABLES = (("document_actors", "n_actors"), ("times", "n_times"), ("quotes", "n_quotes"),
                  ("events", "n_events"), ("commitments", "n_commitments"))


# a write batch commits after this many articles or this many seconds
BATCH_ARTICLES = 200
BATCH_SECONDS = 1.0


@dataclass
class _Batch:
    articles: int
    seconds: float
    count: int = 0
    started: float = field(default_factory=time.monotonic)


def _close_quietly(conn: Any) -> None:
    # closed already, or its server has gone: nothing left to free
    with suppress(Exception):
        conn.close()


def _record_problems(doc_id: str, text: str, record_json: str) -> list[str]:
    try:
        record = json.loads(record_json)
    except ValueError as exc:
        return [f"{doc_id}: record is not valid JSON ({exc})"]
    problems = []
    if document_id(text) != doc_id:
        problems.append(f"{doc_id}: text does not hash to the document id")
    document = record.get("document") if isinstance(record, dict) else None
    if not isinstance(document, dict) or document.get("text") != text:
        problems.append(f"{doc_id}: record text differs from the stored text")
    elif document.get("id") != doc_id:
        problems.append(f"{doc_id}: record names another id")
    return problems


class SqlStore(ReviewQueries, StoryQueries, LookupQueries, ExploreQueries):
    dialect: Dialect
    # the driver's base exception (sqlite3.Error, psycopg.Error): turned into StoreError
    driver_error: type[Exception] = Exception

    # a connection per thread (readers never wait behind each other); a back end whose
    # database cannot be shared between connections (SQLite in memory) turns it off
    per_thread = True
    # connections of threads that have ended are closed once this many are open
    MAX_IDLE_CONNECTIONS = 64

    def __init__(self, connection: Any, url: str) -> None:
        self.url = url
        self._local = threading.local()
        # Without per-thread connections, one connection is shared by threads (the web
        # server's pool): statements and transactions are serialised by this lock.
        self._shared_lock = threading.RLock()
        self._shared_conn = connection
        self._closed = False
        self._opened: list[tuple[threading.Thread, Any]] = [(threading.current_thread(),
                                                             connection)]
        self._opened_lock = threading.Lock()
        self._local.conn = connection

    # -- connections ---------------------------------------------------------------------
    def _open_connection(self) -> Any:
        """Another connection to the same database (for another thread)."""
        raise NotImplementedError

    @property
    def _conn(self) -> Any:
        if not self.per_thread:
            return self._shared_conn
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self._closed:
                return self._shared_conn  # closed: the driver says so on use
            conn = self._open_connection()
            with self._opened_lock:
                self._close_idle()
                self._opened.append((threading.current_thread(), conn))
            self._local.conn = conn
        return conn

    @_conn.setter
    def _conn(self, conn: Any) -> None:
        # a back end reconnecting (PostgreSQL after a server restart)
        if not self.per_thread:
            self._shared_conn = conn
            return
        with self._opened_lock:
            me = threading.current_thread()
            self._opened = [(t, c) for t, c in self._opened if t is not me] + [(me, conn)]
        self._local.conn = conn

    def _close_idle(self) -> None:
        if len(self._opened) < self.MAX_IDLE_CONNECTIONS:
            return
        keep = []
        for thread, conn in self._opened:
            if thread.is_alive():
                keep.append((thread, conn))
            else:
                _close_quietly(conn)
        self._opened = keep

    @property
    def _lock(self) -> threading.RLock:
        # per thread: a thread's own statements and transaction (re-entrant) only
        if not self.per_thread:
            return self._shared_lock
        lock = getattr(self._local, "lock", None)
        if lock is None:
            lock = self._local.lock = threading.RLock()
        return lock

    # -- what a back end supplies --------------------------------------------------
    @abstractmethod
    def _begin(self) -> None: ...

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    @abstractmethod
    def create_search_index(self) -> None: ...

    @abstractmethod
    def _index_document(self, doc: Document) -> None:
        """Add a newly stored document (and its quotes) to the full-text index."""

    # -- plumbing --------------------------------------------------------------------
    def execute(self, statement: str, params: Sequence[Any] = ()) -> Any:
        with self._lock:
            limit = current_limit()
            if limit is None:
                cursor = self._conn.cursor()
                cursor.execute(self.dialect.sql(statement), tuple(params))
                return cursor
            return self._limited_execute(limit, statement, params)

    def _limited_execute(self, limit: QueryLimit, statement: str, params: Sequence[Any]) -> Any:
        """A statement under a caller's time limit and cancellation (see store.limits)."""
        if limit.exceeded():
            raise StoreError(*limit_message(limit))
        limit.statement_started()
        cursor = self._conn.cursor()
        try:
            with limit.on_cancel(self._interrupt_for(self._conn)):
                self._apply_limit(limit)
                cursor.execute(self.dialect.sql(statement), tuple(params))
        except self.driver_error as exc:
            if self._stopped_by(exc, limit):
                raise StoreError(*limit_message(limit)) from exc
            raise
        return cursor

    def _stopped_by(self, exc: Exception, limit: QueryLimit) -> bool:
        """Whether the limit stopped the statement that raised ``exc``."""
        return limit.stopped is not None or limit.exceeded()

    def _apply_limit(self, limit: QueryLimit) -> None:
        """Tell the database about the statement's time limit (SQLite: nothing to do, its
        progress handler reads the limit)."""

    def _interrupt_for(self, conn: Any) -> Callable[[], None]:
        """What stops a statement running on ``conn`` from another thread."""
        return lambda: None

    def _executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._conn.cursor().executemany(self.dialect.sql(statement), rows)

    def _rows(self, statement: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._lock:
            cursor = self.execute(statement, params)
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def _scalar(self, statement: str, params: Sequence[Any] = ()) -> Any:
        with self._lock:
            found = self.execute(statement, params).fetchone()
            return None if found is None else found[0]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All statements inside commit together or not at all.

        Inside another transaction (a :meth:`write_batch`) this is a savepoint: its
        statements are undone together when its body raises, and committed with the batch.
        """
        with self._lock:
            depth = getattr(self._local, "depth", 0)
            if depth:
                with self._savepoint(depth):
                    yield
                if depth == 1:
                    self._batch_tick()
                return
            self._begin()
            self._local.depth = 1
            try:
                yield
            except BaseException:
                self._local.depth = 0
                self._rollback()
                raise
            self._local.depth = 0
            self._commit()

    @contextmanager
    def _savepoint(self, depth: int) -> Iterator[None]:
        name = f"pw_{depth}"
        self.execute(f"SAVEPOINT {name}")
        self._local.depth = depth + 1
        try:
            yield
        except BaseException:
            self._local.depth = depth
            self.execute(f"ROLLBACK TO SAVEPOINT {name}")
            self.execute(f"RELEASE SAVEPOINT {name}")
            raise
        self._local.depth = depth
        self.execute(f"RELEASE SAVEPOINT {name}")

    @contextmanager
    def write_batch(self, articles: int = BATCH_ARTICLES,
                    seconds: float = BATCH_SECONDS) -> Iterator[None]:
        """Many articles per transaction, each still stored whole or not at all.

        Every :meth:`save_document` (and :meth:`record_failure`) inside is a savepoint
        of one open transaction, committed every ``articles`` articles or ``seconds``
        seconds, whichever comes first, and when the batch ends, also by an exception
        (Ctrl-C): what was saved whole stays. A killed process loses at most the
        articles since the last commit, each whole; a re-run stores them again.
        """
        with self._lock:
            if getattr(self._local, "depth", 0):
                yield  # already inside a transaction: its own commit decides
                return
            self._local.batch = _Batch(max(1, articles), seconds)
            self._begin()
            self._local.depth = 1
            try:
                yield
            finally:
                self._local.depth = 0
                self._local.batch = None
                try:
                    self._commit()
                except BaseException:
                    self._rollback()
                    raise

    def _batch_tick(self) -> None:
        """One more article in the open batch: commit it when it is full or old."""
        batch: _Batch | None = getattr(self._local, "batch", None)
        if batch is None:
            return
        batch.count += 1
        if batch.count >= batch.articles or time.monotonic() - batch.started >= batch.seconds:
            self._commit()
            self._begin()
            batch.count, batch.started = 0, time.monotonic()

    def close(self) -> None:
        with self._shared_lock, self._opened_lock:
            if not self._closed:
                self._closed = True
                for _, conn in self._opened:
                    _close_quietly(conn)
                if not self.per_thread:
                    self._shared_conn.close()

    # -- migrations --------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply every migration not yet recorded; return the names applied now."""
        try:
            done = set(self.applied_migrations())
        except self.driver_error:
            # a new database: the one write an up-to-date database never needs on open
            with self.transaction():
                self.execute(MIGRATIONS_TABLE)
            done = set()
        if all(m.name in done for m in MIGRATIONS):
            return []
        applied: list[str] = []
        for m in MIGRATIONS:
            if m.name in done:
                continue
            with self.transaction():
                # re-check inside the transaction: another process may have just applied it
                if self._scalar("SELECT 1 FROM migrations WHERE name = ?", (m.name,)):
                    continue
                m.fn(self)
                self.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (m.name, now_iso())
                )
            applied.append(m.name)
        return applied

    def applied_migrations(self) -> list[str]:
        rows = self._rows("SELECT name FROM migrations ORDER BY applied_at, name")
        order = {m.name: i for i, m in enumerate(MIGRATIONS)}
        return sorted((r["name"] for r in rows), key=lambda n: order.get(n, len(order)))

    # -- writing ---------------------------------------------------------------------------
    def save_document(
        self, doc: Document, *, run_id: int | None = None, path: str | None = None
    ) -> SaveResult:
        try:
            return self._save_document(doc, run_id, path if path is not None else doc.source_path)
        except self.driver_error as exc:
            raise StoreError("E206", f"could not store document {doc.id}: {exc}") from exc

    def _save_document(self, doc: Document, run_id: int | None, source: str | None) -> SaveResult:
        stamp = now_iso()
        # Build the rows (the costly part) before taking the write lock, unless the
        # article is already stored; the check is repeated inside the transaction.
        rows = None if self.has_document(doc.id) else document_rows(
            doc, source_path=source, ingested_at=stamp, run_id=run_id)
        return self._save_rows(
            doc.id, rows or (lambda: document_rows(doc, source_path=source, ingested_at=stamp,
                                                   run_id=run_id)),
            lambda: doc, doc.meta.get("warnings") or [], run_id, source, stamp)

    def save_rows(self, rows: DocumentRows, *, warnings: Sequence[str] = (),
                  run_id: int | None = None, path: str | None = None) -> SaveResult:
        """Store an article from rows built elsewhere (``rows.document_rows``, in a worker
        process of ``ingest --jobs``): the writer then only runs SQL."""
        doc_id = rows.document[0]
        try:
            return self._save_rows(doc_id, rows, lambda: _index_view(rows), list(warnings),
                                   run_id, path, now_iso())
        except self.driver_error as exc:
            raise StoreError("E206", f"could not store document {doc_id}: {exc}") from exc

    def _save_rows(self, doc_id: str, rows: DocumentRows | Callable[[], DocumentRows],
                   indexed: Callable[[], Document], warnings: Sequence[str],
                   run_id: int | None, source: str | None, stamp: str) -> SaveResult:
        with self.transaction():
            first_path = self._first_path(doc_id)
            if first_path is not None:
                if source is not None:
                    self._add_source(doc_id, source, stamp, run_id)
                self._record_file(run_id, source, "duplicate", doc_id, f"same text as {first_path}")
                return SaveResult("duplicate", doc_id, first_path)
            if callable(rows):
                rows = rows()
            self.execute(INSERT_DOCUMENT, rows.document)
            if source is not None:
                self._add_source(doc_id, source, stamp, run_id)
            for table, statement in CHILD_INSERTS:
                self._executemany(statement, getattr(rows, table))
            self._index_document(indexed())
            # what the reader noticed (mixed encodings, an impossible date) stays on record
            self._record_file(run_id, source, "stored", doc_id, "; ".join(warnings) or None)
        return SaveResult("stored", doc_id)

    def document_ids(self) -> set[str]:
        """The id of every stored document (``ingest --jobs`` skips their analysis)."""
        return {r["id"] for r in self._rows("SELECT id FROM documents")}

    def _first_path(self, doc_id: str) -> str | None:
        found = self._rows("SELECT source_path FROM documents WHERE id = ?", (doc_id,))
        if not found:
            return None
        return found[0]["source_path"] or doc_id

    def _add_source(self, doc_id: str, path: str, stamp: str, run_id: int | None) -> None:
        self.execute(
            "INSERT INTO document_sources (doc_id, path, first_seen, run_id) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (doc_id, path) DO NOTHING",
            (doc_id, path, stamp, run_id),
        )

    def _record_file(
        self, run_id: int | None, path: str | None, status: str, doc_id: str | None,
        reason: str | None,
    ) -> None:
        if run_id is None:
            return
        self.execute(
            "INSERT INTO run_files (run_id, path, status, doc_id, reason, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (run_id, path or "-", status, doc_id, reason, now_iso()),
        )

    def start_run(self, args: dict[str, Any]) -> int:
        with self.transaction():
            self.execute("INSERT INTO runs (started, args) VALUES (?, ?)", (now_iso(), to_json(args)))
            run_id = self._scalar("SELECT MAX(id) FROM runs")
        return int(run_id)

    def record_failure(self, run_id: int, path: str, reason: str) -> None:
        with self.transaction():
            self._record_file(run_id, path, "failed", None, reason)

    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None:
        with self.transaction():
            self.execute(
                "UPDATE runs SET finished = ?, files = ?, stored = ?, duplicates = ?, failed = ?,"
                " seconds = ? WHERE id = ?",
                (now_iso(), counts.get("files"), counts.get("stored"), counts.get("duplicates"),
                 counts.get("failed"), counts.get("seconds"), run_id),
            )

    # -- integrity -------------------------------------------------------------------------------
    def verify(self) -> list[str]:
        problems: list[str] = []
        for table in CHILD_TABLES:
            orphans = self._scalar(
                f"SELECT COUNT(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)"
            )
            if orphans:
                problems.append(f"{table}: {orphans} rows belong to no stored document")
        for table, column in COUNTED_TABLES:
            for row in self._rows(
                f"SELECT d.id FROM documents d WHERE d.{column} <>"
                f" (SELECT COUNT(*) FROM {table} t WHERE t.doc_id = d.id)"
            ):
                problems.append(f"{row['id']}: {column} does not match its {table} rows")
        for row in self._rows(
            "SELECT d.id FROM documents d WHERE (SELECT COALESCE(SUM(n_mentions), 0)"
            " FROM document_actors da WHERE da.doc_id = d.id) <>"
            " (SELECT COUNT(*) FROM mentions m WHERE m.doc_id = d.id)"
        ):
            problems.append(f"{row['id']}: mention rows do not match its actors")
        last = ""
        while True:
            page = self._rows("SELECT id, text, record FROM documents WHERE id > ? ORDER BY id"
                              " LIMIT 200", (last,))
            if not page:
                break
            for row in page:
                problems += _record_problems(row["id"], row["text"], row["record"])
            last = page[-1]["id"]
        return problems + self._search_index_problems()

    def _search_index_problems(self) -> list[str]:
        """What is wrong with the back end's full-text index (override where it can be checked)."""
        return []

    # -- decoding stored JSON -----------------------------------------------------------------
    @staticmethod
    def _load_json(text: str | None, field: str) -> Any:
        if text is None:
            return None
        try:
            return json.loads(text)
        except ValueError as exc:
            raise StoreError("E202", f"stored {field} is not valid JSON ({exc})") from exc
