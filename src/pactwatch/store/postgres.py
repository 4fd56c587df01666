"""The PostgreSQL back end (psycopg 3): the shared SQL store plus tsvector search.

This is the only module that knows PostgreSQL's own SQL: transactions serialised by an
advisory lock, a text-search configuration that folds diacritics with ``unaccent``, and
GIN-indexed ``tsvector`` tables beside documents and quotes.

    >>> store = open_postgres_store("postgresql://me@127.0.0.1:5432/news")

The URL is a libpq URI; ``?options=-csearch_path%3Dmyschema`` keeps the tables in a schema
of their own (the tests give each test a fresh one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.adapt import Loader
from psycopg.conninfo import conninfo_to_dict
from psycopg.pq import TransactionStatus

from pactwatch.document import Document
from pactwatch.errors import StoreError
from pactwatch.store.dialect import POSTGRESQL
from pactwatch.store.fold import fold
from pactwatch.store.limits import QueryLimit, current_limit
from pactwatch.store.sql import SqlStore
from pactwatch.store.urls import redact

CONNECT_TIMEOUT_S = 10
# One advisory lock per schema serialises writers, as SQLite's BEGIN IMMEDIATE does: two
# articles naming the same actors in another order would otherwise deadlock on the upserts,
# and two processes opening a new database would both try to create its tables.
# Readers take no lock (MVCC gives them committed articles only).
WRITE_LOCK_CLASS = 0x70617463  # "patc"
SEARCH_CONFIG = "pactwatch_fold"
# A tsvector holds at most 1 MB of lexemes. Every shorter text fits whatever it holds
# (worst case, random 4-letter words: ~0.7 MB); a longer one is tried whole and, if it
# overflows, indexed by this many leading characters (its text is stored whole regardless).
SAFE_INDEX_CHARS = 200_000


class _NumericLoader(Loader):
    """numeric (SUM of bigint, AVG of integers) as int or float, never Decimal: rows are
    served as JSON, and SQLite returns plain numbers for the same queries."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode()
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        return float(text)


def _reason(exc: Exception) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


class PostgresStore(SqlStore):
    dialect = POSTGRESQL
    driver_error = psycopg.Error

    def __init__(self, url: str) -> None:
        shown = redact(url)
        try:
            # autocommit: we issue BEGIN/COMMIT ourselves (one transaction per article), and a
            # failed read (the migrations table of a new database) leaves no aborted transaction
            given = conninfo_to_dict(url)
            # a connect_timeout in the URL wins; without one, libpq would wait forever
            timeout: dict[str, Any] = (
                {} if "connect_timeout" in given else {"connect_timeout": CONNECT_TIMEOUT_S})
            conn = self._connect(url, timeout)
        except psycopg.Error as exc:
            raise StoreError("E201", f"{shown}: cannot connect to PostgreSQL ({_reason(exc)})"
                             ) from None
        self._dsn, self._connect_args = url, timeout
        super().__init__(conn, shown)
        self._in_transaction = False
        try:
            self.migrate()
        except psycopg.Error as exc:
            self.close()
            raise StoreError("E201", f"{shown}: cannot use as a pactwatch database"
                                     f" ({_reason(exc)})") from exc

    @staticmethod
    def _connect(url: str, args: dict[str, Any]) -> psycopg.Connection[Any]:
        conn = psycopg.connect(url, autocommit=True, **args)
        conn.adapters.register_loader("numeric", _NumericLoader)
        return conn

    def _open_connection(self) -> psycopg.Connection[Any]:
        try:
            return self._connect(self._dsn, self._connect_args)
        except psycopg.Error as exc:
            raise StoreError("E201", f"{self.url}: cannot connect to PostgreSQL ({_reason(exc)})"
                             ) from None

    # each thread has its own connection, so its own transaction state
    @property
    def _in_transaction(self) -> bool:
        return bool(getattr(self._local, "in_transaction", False))

    @_in_transaction.setter
    def _in_transaction(self, value: bool) -> None:
        self._local.in_transaction = value

    # -- a caller's time limit (store.limits) -----------------------------------------------
    def _set_timeout(self, ms: int) -> None:
        # a session setting, remembered per connection so that it is sent only on change
        conn = self._conn
        if getattr(self._local, "timeout_of", None) is not conn or self._local.timeout != ms:
            conn.execute(f"SET statement_timeout = {int(ms)}")
            self._local.timeout_of, self._local.timeout = conn, ms

    def _apply_limit(self, limit: QueryLimit) -> None:
        self._set_timeout(0 if limit.seconds is None else max(1, int(limit.seconds * 1000)))

    def _interrupt_for(self, conn: Any) -> Any:
        return getattr(conn, "cancel_safe", conn.cancel)

    def _stopped_by(self, exc: Exception, limit: QueryLimit) -> bool:
        if isinstance(exc, pg_errors.QueryCanceled):
            limit.stopped = "cancelled" if limit.cancelled else "timeout"
            return True
        return super()._stopped_by(exc, limit)

    # -- a lost connection ------------------------------------------------------------
    # A server restart (or a pooler closing idle connections) breaks the one connection a
    # long-lived process such as `pactwatch serve` holds. Outside a transaction every
    # statement is a read or a transaction's start, so it is safe to connect again and
    # retry once; inside one the transaction is lost and the error goes up as it is.
    def _reconnect_if_broken(self) -> bool:
        if self._in_transaction or self._closed or not self._conn.broken:
            return False
        self._conn = self._connect(self._dsn, self._connect_args)
        return True

    def execute(self, statement: str, params: Sequence[Any] = ()) -> Any:
        with self._lock:
            self._reconnect_if_broken()
            if current_limit() is None and getattr(self._local, "timeout", False):
                self._set_timeout(0)  # the last caller on this connection had a limit
            try:
                return super().execute(statement, params)
            except psycopg.OperationalError:
                if not self._reconnect_if_broken():
                    raise
            return super().execute(statement, params)

    # -- transactions ---------------------------------------------------------------
    def _begin(self) -> None:
        self._reconnect_if_broken()
        self._conn.execute("BEGIN")
        self._in_transaction = True
        try:
            self._conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))",
                               (WRITE_LOCK_CLASS,))
        except BaseException:
            # SqlStore.transaction() rolls back only what its body raises
            self._rollback()
            raise

    def _commit(self) -> None:
        try:
            self._conn.execute("COMMIT")
        finally:
            # a COMMIT that fails ends the transaction too (PostgreSQL rolls it back)
            self._in_transaction = False

    def _rollback(self) -> None:
        self._in_transaction = False
        if self._conn.closed:
            return
        if self._conn.info.transaction_status != TransactionStatus.IDLE:
            self._conn.execute("ROLLBACK")

    # -- full-text search ----------------------------------------------------------------
    def create_search_index(self) -> None:
        unaccent = self._unaccent_schema()
        self.execute(f"CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} (COPY = pg_catalog.simple)")
        if unaccent is not None:
            # texts are folded in Python before indexing (the same fold as SQLite's); unaccent
            # catches what that fold leaves (ø, ł, æ...) on both the text and the query side
            self.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} ALTER MAPPING FOR"
                f" word, hword, hword_part WITH {_ident(unaccent)}.unaccent, simple"
            )
        self.execute("""CREATE TABLE documents_search (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            tsv TSVECTOR NOT NULL)""")
        self.execute("CREATE INDEX documents_search_tsv ON documents_search USING GIN (tsv)")
        self.execute("""CREATE TABLE quotes_search (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            quote_id TEXT NOT NULL,
            tsv TSVECTOR NOT NULL)""")
        self.execute("CREATE INDEX quotes_search_key ON quotes_search (doc_id, quote_id)")
        self.execute("CREATE INDEX quotes_search_tsv ON quotes_search USING GIN (tsv)")

    def _unaccent_schema(self) -> str | None:
        """The schema of the unaccent extension, installing it when allowed; None without it."""
        found = self._scalar("SELECT extnamespace::regnamespace::text FROM pg_extension"
                             " WHERE extname = 'unaccent'")
        if found is not None:
            return str(found)
        if not self._scalar("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'"):
            return None  # postgresql-contrib not installed: Python's fold alone
        # unaccent is a trusted extension (PostgreSQL 13+): a database owner may create it;
        # a savepoint keeps a refusal from aborting the migration
        self.execute("SAVEPOINT unaccent")
        try:
            self.execute("CREATE EXTENSION unaccent")
        except psycopg.Error:
            self.execute("ROLLBACK TO SAVEPOINT unaccent")
            return None
        self.execute("RELEASE SAVEPOINT unaccent")
        return str(self._scalar("SELECT extnamespace::regnamespace::text FROM pg_extension"
                                " WHERE extname = 'unaccent'"))

    def _index_document(self, doc: Document) -> None:
        title = fold(doc.title or "")
        body = fold(doc.text)
        statement = (f"INSERT INTO documents_search (doc_id, tsv) VALUES (?,"
                     f" setweight(to_tsvector('{SEARCH_CONFIG}', ?), 'A')"
                     f" || to_tsvector('{SEARCH_CONFIG}', ?))")
        if len(body) <= SAFE_INDEX_CHARS:
            self.execute(statement, (doc.id, title, body))
        else:
            self.execute("SAVEPOINT long_text")
            try:
                self.execute(statement, (doc.id, title, body))
            except pg_errors.ProgramLimitExceeded:
                self.execute("ROLLBACK TO SAVEPOINT long_text")
                self.execute(statement, (doc.id, title, body[:SAFE_INDEX_CHARS]))
            self.execute("RELEASE SAVEPOINT long_text")
        self._executemany(
            f"INSERT INTO quotes_search (doc_id, quote_id, tsv)"
            f" VALUES (?, ?, to_tsvector('{SEARCH_CONFIG}', ?))",
            [(doc.id, q.id, fold(q.text)) for q in doc.quotes],
        )

    def _search_index_problems(self) -> list[str]:
        problems = []
        for table, source in (("documents_search", "documents"), ("quotes_search", "quotes")):
            indexed = self._scalar(f"SELECT COUNT(*) FROM {table}")
            stored = self._scalar(f"SELECT COUNT(*) FROM {source}")
            if indexed != stored:
                problems.append(f"{table}: {indexed} rows indexed for {stored} {source}")
        return problems

    # Terms are already folded words (\w+); plainto/phraseto_tsquery parse them as text, so
    # no tsquery operator a user types can reach the query.
    @staticmethod
    def _all_terms() -> str:
        return f"plainto_tsquery('{SEARCH_CONFIG}', ?)"

    @staticmethod
    def _side_by_side() -> str:
        return f"phraseto_tsquery('{SEARCH_CONFIG}', ?)"

    def _match_documents(self, terms: list[str]) -> tuple[str, list[Any]]:
        return (f"d.id IN (SELECT doc_id FROM documents_search WHERE tsv @@"
                f" {self._side_by_side()})", [" ".join(terms)])

    def _match_quotes(self, terms: list[str]) -> tuple[str, list[Any]]:
        return ("EXISTS (SELECT 1 FROM quotes_search f WHERE f.doc_id = qu.doc_id"
                f" AND f.quote_id = qu.quote_id AND f.tsv @@ {self._side_by_side()})",
                [" ".join(terms)])

    def _ranked(self, table: str, columns: str, terms: list[str], limit: int) -> list[Any]:
        # As for SQLite: the terms side by side ("hòa bình" is one word written as two
        # syllables), not anywhere in the text.
        return [tuple(row.values()) for row in self._rows(
            f"SELECT {columns} FROM {table}, {self._side_by_side()} AS q WHERE tsv @@ q"
            f" ORDER BY ts_rank(tsv, q) DESC, {columns} LIMIT ?",
            (" ".join(terms), limit),
        )]

    def _ranked_documents(self, terms: list[str], limit: int) -> list[str]:
        return [key[0] for key in self._ranked("documents_search", "doc_id", terms, limit)]

    def _ranked_quotes(self, terms: list[str], limit: int) -> list[tuple[str, str]]:
        return [(key[0], key[1])
                for key in self._ranked("quotes_search", "doc_id, quote_id", terms, limit)]


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def open_postgres_store(url: str) -> PostgresStore:
    """Connect to the database at a ``postgresql://`` URL and bring its schema up to date."""
    return PostgresStore(url)
