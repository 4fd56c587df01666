"""The SQL every back end shares: connection plumbing, migrations, writes and runs.

A back end subclasses :class:`SqlStore`, opens a DB-API connection, and supplies
what its database does differently: transactions, the full-text index, and how
a full-text query becomes SQL.
"""

from __future__ import annotations

import json
import threading
from abc import abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pactwatch.document import Document, document_id
from pactwatch.errors import StoreError
from pactwatch.store.base import Row, SaveResult
from pactwatch.store.dialect import Dialect
from pactwatch.store.explore import ExploreQueries
from pactwatch.store.migrations import MIGRATIONS, MIGRATIONS_TABLE, now_iso
from pactwatch.store.rows import CHILD_INSERTS, INSERT_DOCUMENT, document_rows, to_json
from pactwatch.store.stories import StoryQueries

# tables whose rows belong to one document
CHILD_TABLES = ("document_sources", "document_actors", "mentions", "times", "quotes", "events",
                "event_participants", "commitments", "commitment_parties")
# (table, documents column counting its rows)
COUNTED_TABLES = (("document_actors", "n_actors"), ("times", "n_times"), ("quotes", "n_quotes"),
                  ("events", "n_events"), ("commitments", "n_commitments"))


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


class SqlStore(StoryQueries, ExploreQueries):
    dialect: Dialect
    # the driver's base exception (sqlite3.Error, psycopg.Error): turned into StoreError
    driver_error: type[Exception] = Exception

    def __init__(self, connection: Any, url: str) -> None:
        self.url = url
        self._conn = connection
        # One connection, shared by threads (the web server's pool): statements and
        # transactions are serialised here rather than trusted to the driver.
        self._lock = threading.RLock()
        self._closed = False

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
            cursor = self._conn.cursor()
            cursor.execute(self.dialect.sql(statement), tuple(params))
            return cursor

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
        """All statements inside commit together or not at all."""
        with self._lock:
            self._begin()
            try:
                yield
            except BaseException:
                self._rollback()
                raise
            self._commit()

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._conn.close()
                self._closed = True

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
        with self.transaction():
            first_path = self._first_path(doc.id)
            if first_path is not None:
                if source is not None:
                    self._add_source(doc.id, source, stamp, run_id)
                self._record_file(run_id, source, "duplicate", doc.id, f"same text as {first_path}")
                return SaveResult("duplicate", doc.id, first_path)
            if rows is None:
                rows = document_rows(doc, source_path=source, ingested_at=stamp, run_id=run_id)
            self.execute(INSERT_DOCUMENT, rows.document)
            if source is not None:
                self._add_source(doc.id, source, stamp, run_id)
            for table, statement in CHILD_INSERTS:
                self._executemany(statement, getattr(rows, table))
            self._index_document(doc)
            self._record_file(run_id, source, "stored", doc.id, None)
        return SaveResult("stored", doc.id)

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
