"""What several commands share: the ``--db`` option, opening a store, short errors.

Kept light on purpose: ``pactwatch --help`` imports every ``cmd_*`` module, and each
of them imports this one, so nothing here may import the store, Rich or the pipeline
at module level.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

import click

from pactwatch.config import default_db

if TYPE_CHECKING:
    from pactwatch.store import Store

db_option = click.option(
    "--db", "db", default=None, metavar="PATH|URL",
    help="Database: a SQLite path, sqlite:///path or postgresql://… (default: $PACTWATCH_DB,"
         " else ./pactwatch.db).",
)


class ShortError(click.ClickException):
    """A one-line ``Error: …`` on stderr and exit status 2 (no usage block)."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


def sqlite_file(target: str) -> str | None:
    """The file a SQLite target lives in, or None (in memory, or another server)."""
    scheme, sep, rest = target.partition("://")
    if not sep:
        return None if target == ":memory:" else target
    if scheme.lower() != "sqlite":
        return None
    path = rest[1:] if rest.startswith("/") else rest
    return path or None


def database_target(db: str | None) -> str:
    """``--db`` as given, else ``$PACTWATCH_DB``, else ./pactwatch.db."""
    return db if db is not None else default_db()


def missing_database(target: str) -> ShortError:
    return ShortError(
        f"no such database: {target} (check the path; `pactwatch ingest FILES --db {target}`"
        " creates one)"
    )


def require_database(target: str) -> None:
    """Refuse a SQLite file that does not exist: a typo must not create an empty database."""
    path = sqlite_file(target)
    if path is not None and not os.path.exists(path):
        raise missing_database(target)


def check_new_database(target: str) -> None:
    """What can be said of a database before it is created: a known scheme, an existing
    folder. A usage error (exit 2) otherwise, and nothing is created."""
    scheme, sep, _ = target.partition("://")
    if sep and scheme.lower() not in ("sqlite", "postgresql", "postgres"):
        raise click.BadParameter(
            f"{target}: unknown database scheme {scheme!r}; use a file path, sqlite:/// or"
            " postgresql://", param_hint="--db")
    path = sqlite_file(target)
    folder = os.path.dirname(path) if path else ""
    if folder and not os.path.isdir(folder):
        raise click.BadParameter(f"{target}: no folder {folder} to create the database in",
                                 param_hint="--db")


@contextmanager
def opened_store(db: str | None, *, create: bool = False) -> Iterator[Store]:
    """The store of ``--db`` (or the default); reading commands never create one."""
    from pactwatch.errors import StoreError
    from pactwatch.store import open_store

    target = database_target(db)
    if not create:
        require_database(target)
    try:
        store = open_store(target)
    except StoreError as exc:
        raise click.BadParameter(str(exc), param_hint="--db") from None
    try:
        yield store
    finally:
        store.close()


def text_or_dash(value: object) -> str:
    """What a cell shows: the value, or "-" when there is none (never ``None``)."""
    return "-" if value is None or value == "" else str(value)
