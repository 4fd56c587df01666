"""Sorting a list over the whole result, not one page: the columns each list may be
sorted by (an allow-list: only these expressions ever reach ORDER BY) and the ORDER BY
they make.

Every sort puts the rows without a value last whichever the direction, and ends on the
row's key, so a page boundary falls in the same place every time it is asked (paging a
sorted list neither repeats nor skips a row). Text sorts by code point on every back end
(PostgreSQL is told ``COLLATE "C"``; SQLite compares so already), so the same query gives
the same order on both.
"""

from __future__ import annotations

from dataclasses import dataclass

from pactwatch.errors import StoreError

ORDERS = ("asc", "desc")


@dataclass(frozen=True)
class Column:
    sql: str  # an expression over the list's query (aliases d, a, e, c, qu, or its outputs)
    text: bool = False  # compared as text (gets the back end's code-point collation)


# list -> public column name -> how it sorts. Names are those of the answer's fields.
SORTABLE: dict[str, dict[str, Column]] = {
    "documents": {
        "date": Column("d.period", text=True),
        # the stated title, else the opening the display title is cut from
        "title": Column("COALESCE(d.title, substr(d.text, 1, 200))", text=True),
        "outlet": Column("d.outlet", text=True),
        "language": Column("d.language", text=True),
        "n_actors": Column("d.n_actors"),
        "n_events": Column("d.n_events"),
        "n_commitments": Column("d.n_commitments"),
        "n_quotes": Column("d.n_quotes"),
    },
    "actors": {
        "name": Column("a.name", text=True),
        "name_vi": Column("COALESCE(a.name_vi, a.name)", text=True),
        "kind": Column("a.kind", text=True),
        "documents": Column("COUNT(da.doc_id)"),
        "mentions": Column("COALESCE(SUM(da.n_mentions), 0)"),
        "confidence": Column("MAX(da.confidence)"),
    },
    "events": {
        "date": Column("e.period", text=True),
        "type": Column("e.type", text=True),
        "status": Column("e.status", text=True),
        "confidence": Column("e.confidence"),
    },
    "commitments": {
        "date": Column("c.period", text=True),
        "type": Column("c.type", text=True),
        "status": Column("c.status", text=True),
        "confidence": Column("c.confidence"),
    },
    "quotes": {
        "date": Column("qu.period", text=True),
        "speaker": Column("qu.speaker_id", text=True),
        "confidence": Column("qu.confidence"),
    },
}


@dataclass(frozen=True)
class Sort:
    """One list's order: a column of its allow-list and a direction."""

    column: str
    descending: bool = False

    @property
    def order(self) -> str:
        return "desc" if self.descending else "asc"


def check_sort(kind: str, column: str | None, order: str | None = None) -> Sort | None:
    """The sort ``column``/``order`` ask for on list ``kind``; None keeps the list's own
    order. A column outside the allow-list is refused (E203), never put into SQL."""
    if column is None or column == "":
        if order not in (None, ""):
            raise StoreError("E203", "order needs a sort column")
        return None
    allowed = SORTABLE[kind]
    if column not in allowed:
        raise StoreError("E203", f"{kind} sort by one of {', '.join(allowed)}, not {column!r}")
    if order not in (None, "", *ORDERS):
        raise StoreError("E203", f"order must be asc or desc, not {order!r}")
    return Sort(column, descending=order == "desc")


def order_by(kind: str, sort: Sort, key: str, collation: str = "") -> str:
    """``ORDER BY`` terms (without the keywords) for ``sort``, ending on ``key``, the
    row's unique key (``d.id``; ``e.doc_id, e.event_id``), in the sort's direction."""
    column = SORTABLE[kind][sort.column]
    direction = "DESC" if sort.descending else "ASC"
    value = f"{column.sql}{collation if column.text else ''}"
    keys = ", ".join(f"{k.strip()}{collation} {direction}" for k in key.split(","))
    return f"({column.sql} IS NULL), {value} {direction}, {keys}"
