"""Storage of analysed articles. The only package that speaks SQL.

    >>> from pactwatch.store import open_store
    >>> with open_store("news.db") as store:
    ...     store.list_documents(limit=10)

:func:`open_store` is the single entry point: it reads a path or URL and opens
the matching back end, applying any schema migrations not yet applied.
"""

from __future__ import annotations

import importlib
import os

from pactwatch.config import default_db
from pactwatch.errors import StoreError
from pactwatch.store.base import SaveResult, Store

__all__ = ["SaveResult", "Store", "open_store"]

POSTGRES_SCHEMES = ("postgresql", "postgres")


def open_store(url_or_path: str | os.PathLike[str] | None = None) -> Store:
    """Open (creating if needed) the database at a path or URL.

    ``None`` means ``$PACTWATCH_DB`` or ./pactwatch.db. A plain path, ``:memory:``,
    or ``sqlite:///relative.db`` / ``sqlite:////absolute.db`` / ``sqlite://`` (in
    memory) open SQLite; ``postgresql://…`` opens PostgreSQL.
    """
    target = os.fspath(url_or_path) if url_or_path is not None else default_db()
    if not target:
        raise StoreError("E201", "no database given: pass a path or a URL")
    scheme, sep, rest = target.partition("://")
    if not sep:
        from pactwatch.store.sqlite import SQLiteStore

        return SQLiteStore(target)
    scheme = scheme.lower()
    if scheme == "sqlite":
        from pactwatch.store.sqlite import SQLiteStore

        path = rest[1:] if rest.startswith("/") else rest
        return SQLiteStore(path or ":memory:", url=target)
    if scheme in POSTGRES_SCHEMES:
        return _open_postgres(target)
    raise StoreError(
        "E201", f"{target}: unknown database scheme {scheme!r}; use a file path, sqlite:/// or"
        " postgresql://"
    )


def _open_postgres(url: str) -> Store:
    try:
        importlib.import_module("psycopg")
    except ImportError:
        raise StoreError(
            "E204", "PostgreSQL needs the psycopg package: pip install 'psycopg[binary]'"
        ) from None
    try:
        backend = importlib.import_module("pactwatch.store.postgres")
    except ModuleNotFoundError as exc:
        if exc.name != "pactwatch.store.postgres":
            raise
        raise StoreError(
            "E205", "this version of pactwatch has no PostgreSQL back end; use a SQLite path"
        ) from None
    store: Store = backend.open_postgres_store(url)
    return store
