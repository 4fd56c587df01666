"""Where SQL dialects differ, in one place.

Shared SQL is written with ``?`` placeholders and the column types below; a back
end whose driver wants ``%s`` (psycopg) sets ``placeholder`` and gets its SQL
rewritten by :meth:`Dialect.sql` (which also doubles any literal ``%``, since
the driver would read it as a placeholder). Shared SQL must therefore never contain a
literal question mark.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    name: str
    placeholder: str = "?"
    # the column definition of an integer key the database numbers itself
    serial_key: str = "INTEGER PRIMARY KEY AUTOINCREMENT"
    # a floating-point column
    real: str = "REAL"
    # what makes a text comparison go by code point (SQLite's own way): sorted lists
    # come out in the same order on every back end (pactwatch.store.sorting)
    code_point_collation: str = ""

    def sql(self, statement: str) -> str:
        if self.placeholder == "?":
            return statement
        return statement.replace("%", "%%").replace("?", self.placeholder)

    def ddl(self, statement: str) -> str:
        """Fill the ``{serial_key}``/``{real}`` slots of a shared CREATE statement."""
        return statement.format(serial_key=self.serial_key, real=self.real)


SQLITE = Dialect("sqlite")
POSTGRESQL = Dialect("postgresql", placeholder="%s", serial_key="BIGSERIAL PRIMARY KEY",
                     real="DOUBLE PRECISION", code_point_collation=' COLLATE "C"')
