"""Calendar arithmetic on plain ``datetime.date`` values (no library calls)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# The thirds of a month and of a year that "đầu / giữa / cuối" (early / mid /
# late) name: the value keeps the month or year, the bounds narrow to the third.
PARTS = ("early", "mid", "late")


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (31/4, 29/2 of a common year)."""
    if not 1 <= month <= 12 or not 1 <= day <= last_day(year, month) or not 1 <= year <= 9999:
        return None
    return date(year, month, day)


def month_bounds(year: int, month: int, part: str | None = None) -> tuple[date, date]:
    end = last_day(year, month)
    if part == "early":
        return date(year, month, 1), date(year, month, 10)
    if part == "mid":
        return date(year, month, 11), date(year, month, 20)
    if part == "late":
        return date(year, month, 21), date(year, month, end)
    return date(year, month, 1), date(year, month, end)


def year_bounds(year: int, part: str | None = None) -> tuple[date, date]:
    if part == "early":
        return date(year, 1, 1), date(year, 4, 30)
    if part == "mid":
        return date(year, 5, 1), date(year, 8, 31)
    if part == "late":
        return date(year, 9, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)


def week_value(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def week_bounds(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def add_years(day: date, years: int) -> date:
    target = day.year + years
    return date(target, day.month, min(day.day, last_day(target, day.month)))


def shift(day: date, unit: str, amount: int) -> date:
    """``day`` moved by ``amount`` days, weeks, months or years (clamped to month ends)."""
    if unit == "day":
        return day + timedelta(days=amount)
    if unit == "week":
        return day + timedelta(weeks=amount)
    if unit == "month":
        y, m = add_months(day.year, day.month, amount)
        return date(y, m, min(day.day, last_day(y, m)))
    if unit == "year":
        return add_years(day, amount)
    if unit == "decade":
        return add_years(day, 10 * amount)
    raise ValueError(f"unknown unit {unit!r}")


def parse_iso_day(text: str | None) -> date | None:
    """A ``YYYY-MM-DD`` string (or the day part of a longer timestamp) as a date."""
    if not text or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
