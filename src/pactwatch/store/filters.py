"""Filters and checks shared by the query modules: dates, confidence, pages, LIKE patterns."""

from __future__ import annotations

import re
from typing import Any

from pactwatch.errors import StoreError

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_LIMIT = 10_000


class Where:
    """A conjunction of SQL conditions and their parameters, built up filter by filter."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def date_range(self, column: str, date_from: str | None, date_to: str | None) -> None:
        """Keep items whose date overlaps the range: "2024-05" is in range from 2024-05-20."""
        if date_from is not None:
            check_date(date_from, "date_from")
            self.add(f"({column} >= ? OR substr(?, 1, length({column})) = {column})",
                     date_from, date_from)
        if date_to is not None:
            bound = date_after(check_date(date_to, "date_to"))
            if bound is not None:
                self.add(f"{column} < ?", bound)

    def confidence(self, column: str, min_confidence: float | None) -> None:
        """Keep items whose confidence is at least ``min_confidence`` (None: every item)."""
        if min_confidence is not None and check_confidence(min_confidence, "min_confidence"):
            self.add(f"{column} >= ?", min_confidence)  # 0 keeps every item: no condition

    @property
    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def check_date(value: str, name: str) -> str:
    if not _DATE.match(value):
        raise StoreError("E203", f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


def date_after(date: str) -> str | None:
    """The first date after every date starting with ``date`` ("2024-05" → "2024-06",
    "2024-12-31" → "2024-12-32"); None past year 9999.

    A bound of digits, rather than ``date + "~"``, orders the same under every collation:
    PostgreSQL's language collations (en_US.UTF-8) skip punctuation such as "~" and "-"
    when comparing, so "2024-05-20" would sort after "2024-05~" there.
    """
    head, _, last = date.rpartition("-")
    bumped = str(int(last) + 1).zfill(len(last))
    if len(bumped) > len(last):  # 9999, or a month/day of 99: carry into the part before
        return date_after(head) if head else None
    return f"{head}-{bumped}" if head else bumped


def check_confidence(value: float, name: str) -> float:
    if not 0.0 <= value <= 1.0:  # NaN fails too
        raise StoreError("E203", f"{name} must be between 0 and 1, not {value!r}")
    return float(value)


def check_page(limit: int, offset: int) -> tuple[int, int]:
    if not 0 <= limit <= MAX_LIMIT:
        raise StoreError("E203", f"limit must be between 0 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise StoreError("E203", f"offset must not be negative, not {offset}")
    return limit, offset


def like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
