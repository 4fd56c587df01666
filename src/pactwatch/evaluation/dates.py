"""Calendar intervals of the ISO 8601 values records and gold files use."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})X$", re.IGNORECASE)
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def interval(value: str | None) -> tuple[date, date] | None:
    """First and last day a value covers ("2025-04" -> April 1..30), None if unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := _DECADE.match(value):
            start = int(m[1]) * 10
            return date(start, 1, 1), date(start + 9, 12, 31)
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
    except ValueError:  # month 13, day 31 in April, week 54...
        return None
    return None


def overlaps(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def within(predicted: str | None, gold: str | None) -> bool:
    """Event dates: null in gold matches anything; a month in gold any day in it."""
    if gold is None:
        return True
    if not predicted:
        return False
    return predicted == gold or predicted.startswith(gold + "-")
