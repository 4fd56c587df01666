"""Shared test fixtures.

Tests that read the real articles in ../shared use ``shared_dir`` (or the
``needs_shared`` marker) and skip cleanly when ../shared is absent.

Tests that need PostgreSQL use ``pg_url`` (a fresh, empty schema per test, dropped after)
or ``db_target`` (the same test once on a SQLite file and once on PostgreSQL); both skip
with the reason when ``$PACTWATCH_TEST_PG`` is unset or its server is unreachable.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared is absent")


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


# -- PostgreSQL ------------------------------------------------------------------------
PG_ENV = "PACTWATCH_TEST_PG"


@functools.cache
def pg_unavailable() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None when they can."""
    url = os.environ.get(PG_ENV)
    if not url:
        return f"${PG_ENV} is unset (a postgresql:// URL; .ci/services sets it)"
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return f"no PostgreSQL server at ${PG_ENV} ({first})"
    return None


def with_schema(url: str, schema: str) -> str:
    """``url`` with its tables put in ``schema`` (libpq's ``options`` parameter)."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def pg_schemas() -> Iterator[Callable[[], str]]:
    """A factory of PostgreSQL URLs, each with its tables in a new, empty schema; every
    schema made is dropped after the test."""
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    import psycopg

    base = os.environ[PG_ENV]
    made: list[str] = []

    def make() -> str:
        schema = f"test_{uuid.uuid4().hex[:16]}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        made.append(schema)
        return with_schema(base, schema)

    yield make
    if made:
        with psycopg.connect(base, autocommit=True) as conn:
            for schema in made:
                conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture
def pg_url(pg_schemas: Callable[[], str]) -> str:
    """A PostgreSQL URL whose tables live in a new, empty schema, dropped after the test."""
    return pg_schemas()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database to open with ``open_store``/``--db``: a SQLite file, then PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "news.db")
    url: str = request.getfixturevalue("pg_url")
    return url
