"""Resolve a found expression to a calendar value, given the article's date and the
previous resolved expression.

Values are ISO 8601 at the expression's own granularity: day "2025-03-27",
week "2025-W14", month "2025-03", quarter "2025-Q2", year "2025", decade "199X".
``earliest``/``latest`` bound the days the value covers.
"""

from __future__ import annotations

from datetime import date, timedelta

from pactwatch.times.dates import (
    add_months,
    month_bounds,
    safe_date,
    shift,
    week_bounds,
    week_value,
    year_bounds,
)
from pactwatch.times.model import Clarification, FoundTime, TimeValue

ABSOLUTE = "absolute"
DOCUMENT = "document-date"
PREVIOUS = "previous-time"

# How fine each granularity is (smaller is finer).
FINENESS = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4, "decade": 5}


def day_value(day: date, anchor: str) -> TimeValue:
    return TimeValue(day.isoformat(), "day", anchor, day, day, day)


def week_of(day: date, anchor: str) -> TimeValue:
    first, last = week_bounds(day)
    return TimeValue(week_value(day), "week", anchor, first, last, first)


def month_value(year: int, month: int, anchor: str, part: str | None = None) -> TimeValue:
    first, last = month_bounds(year, month, part)
    return TimeValue(f"{year:04d}-{month:02d}", "month", anchor, first, last, first)


def quarter_value(year: int, quarter: int, anchor: str) -> TimeValue:
    first = date(year, 3 * quarter - 2, 1)
    last_first = date(year, 3 * quarter, 1)
    last = month_bounds(last_first.year, last_first.month)[1]
    return TimeValue(f"{year:04d}-Q{quarter}", "quarter", anchor, first, last, first)


def year_value(year: int, anchor: str, part: str | None = None) -> TimeValue:
    first, last = year_bounds(year, part)
    return TimeValue(f"{year:04d}", "year", anchor, first, last, first)


def decade_value(first_year: int, anchor: str, part: str | None = None) -> TimeValue:
    years = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(part or "", (0, 9))
    first = date(first_year + years[0], 1, 1)
    last = date(first_year + years[1], 12, 31)
    return TimeValue(f"{first_year // 10:03d}X", "decade", anchor, first, last, first)


def unit_value(day: date, unit: str, anchor: str, part: str | None = None) -> TimeValue:
    """The calendar unit (day, week, month...) that contains ``day``."""
    if unit == "day":
        return day_value(day, anchor)
    if unit == "week":
        return week_of(day, anchor)
    if unit == "month":
        return month_value(day.year, day.month, anchor, part)
    if unit == "quarter":
        return quarter_value(day.year, (day.month - 1) // 3 + 1, anchor)
    if unit == "year":
        return year_value(day.year, anchor, part)
    return decade_value(day.year - day.year % 10, anchor, part)


def unresolved(anchor: str) -> TimeValue:
    return TimeValue(None, None, anchor)


def choose_year(month: int, day: int, anchor: date, forward: bool) -> date | None:
    """The year that puts day/month on or before ``anchor`` (on or after when forward).

    Within eight years a leap day always exists, so 29/2 finds its year.
    """
    step = 1 if forward else -1
    year = anchor.year
    for _ in range(9):
        candidate = safe_date(year, month, day)
        if candidate is not None and (candidate >= anchor if forward else candidate <= anchor):
            return candidate
        year += step
    return None


# A forward cue ("sẽ") may belong to reported speech ("ngày 16/4 tuyên bố sẽ ..."):
# when the date read backwards is days old and read forwards is months away,
# the statement is past news about a plan, so the date is the recent one.
RECENT_DAYS = 14
FAR_DAYS = 60


def choose_day(month: int, day: int, anchor: date, forward: bool) -> date | None:
    """:func:`choose_year`, keeping a just-past date even in a forward-looking sentence."""
    if not forward:
        return choose_year(month, day, anchor, False)
    ahead = choose_year(month, day, anchor, True)
    behind = choose_year(month, day, anchor, False)
    if (
        ahead is not None
        and behind is not None
        and (anchor - behind).days <= RECENT_DAYS
        and (ahead - anchor).days > FAR_DAYS
    ):
        return behind
    return ahead


def choose_month_year(month: int, anchor: date, forward: bool) -> int:
    if forward:
        if month >= anchor.month:
            return anchor.year
        # last month, in a forward sentence, is still last month (see choose_day)
        return anchor.year if anchor.month - month == 1 else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _is_forward(found: FoundTime) -> bool:
    if found.direction:
        return found.direction > 0
    return found.forward and not found.past_marked


def in_story(found: FoundTime, anchor_day: date | None, story: TimeValue | None) -> bool:
    """Is a day or month without a year told in the story's own past, not the article's?

    A narrative that has dated itself in an earlier year ("It was November 2021 ...
    In mid-January, ... on 22 February") goes on in that time: a month or day named
    without a year falls nearest the story's last date, not before the article's. A
    month with its own shift ("last June", "June of this year") keeps the article's."""
    return (
        story is not None
        and story.earliest is not None
        and story.latest is not None
        and anchor_day is not None
        and story.latest.year < anchor_day.year
        and found.year is None
        and found.unit is None
        and not found.direction
    )


# A story goes forward: a month at most this many months after the story's month is
# read ahead of it ("November 2021 ... In January" is January 2022), a later one back
# ("In mid-November ... At the end of October" is the October before).
STORY_AHEAD_MONTHS = 7


def story_year(month: int, story: TimeValue) -> int:
    """The year of a month named without one in the story (see :data:`STORY_AHEAD_MONTHS`);
    the story's own year when it names only a year ("in the spring of 2021 ... due on
    21 April")."""
    assert story.earliest is not None
    if FINENESS.get(story.granularity or "year", 9) >= FINENESS["year"]:
        return story.earliest.year
    told = story.earliest
    ahead = (month - told.month) % 12
    if ahead <= STORY_AHEAD_MONTHS:
        return told.year + (1 if month < told.month else 0)
    return told.year - (1 if month > told.month else 0)


def _resolve_date(
    found: FoundTime, anchor_day: date | None, story: TimeValue | None = None
) -> TimeValue:
    month, day = found.month or 1, found.day or 1
    if found.year is not None:
        resolved = safe_date(found.year, month, day)
        return day_value(resolved, ABSOLUTE) if resolved else unresolved(ABSOLUTE)
    if story is not None and in_story(found, anchor_day, story):
        resolved = safe_date(story_year(month, story), month, day)
        return day_value(resolved, PREVIOUS) if resolved else unresolved(PREVIOUS)
    if anchor_day is None:
        return unresolved(DOCUMENT)
    if found.unit == "year":  # "ngày 14/12 năm ngoái"
        resolved = safe_date(anchor_day.year + found.offset, month, day)
    else:
        resolved = choose_day(month, day, anchor_day, _is_forward(found))
    return day_value(resolved, DOCUMENT) if resolved else unresolved(DOCUMENT)


def _resolve_month(
    found: FoundTime, anchor_day: date | None, story: TimeValue | None = None
) -> TimeValue:
    month = found.month or 1
    if found.year is not None:
        return month_value(found.year, month, ABSOLUTE, found.part)
    if story is not None and in_story(found, anchor_day, story):
        return month_value(story_year(month, story), month, PREVIOUS, found.part)
    if anchor_day is None:
        return unresolved(DOCUMENT)
    if found.unit == "year":  # "tháng 10 năm ngoái", "tháng 5 này"
        year = anchor_day.year + found.offset
    else:
        year = choose_month_year(month, anchor_day, _is_forward(found))
    return month_value(year, month, DOCUMENT, found.part)


def _resolve_quarter(found: FoundTime, anchor_day: date | None) -> TimeValue:
    quarter = found.quarter or 1
    if found.year is not None:
        return quarter_value(found.year, quarter, ABSOLUTE)
    if anchor_day is None:
        return unresolved(DOCUMENT)
    year = anchor_day.year + (found.offset if found.unit == "year" else 0)
    if found.unit != "year":
        current = (anchor_day.month - 1) // 3 + 1
        if _is_forward(found) and quarter < current:
            year += 1
        elif not _is_forward(found) and quarter > current:
            year -= 1
    return quarter_value(year, quarter, DOCUMENT)


def _resolve_weekday(found: FoundTime, anchor_day: date | None) -> TimeValue:
    if anchor_day is None or found.weekday is None:
        return unresolved(DOCUMENT)
    if found.unit == "week":
        monday = week_bounds(shift(anchor_day, "week", found.offset))[0]
        day = monday + timedelta(days=found.weekday)
    else:
        delta = found.weekday - anchor_day.weekday()
        if _is_forward(found):
            day = anchor_day + timedelta(days=delta % 7)
        else:
            day = anchor_day - timedelta(days=(-delta) % 7)
    return week_of(day, DOCUMENT) if found.whole_week else day_value(day, DOCUMENT)


def _week_of_month(value: TimeValue, rank: int) -> TimeValue:
    """The ``rank``-th week of a resolved month (its last for rank 5)."""
    if value.earliest is None or value.granularity != "month":
        return value
    first = date(value.earliest.year, value.earliest.month, 1)
    last = month_bounds(first.year, first.month)[1]
    day = last if rank >= 5 else first + timedelta(days=7 * (rank - 1))
    return week_of(day, value.anchor)


def _resolve_relative(found: FoundTime, anchor_day: date | None) -> TimeValue:
    if anchor_day is None or found.unit is None:
        return unresolved(DOCUMENT)
    return unit_value(
        shift_unit(anchor_day, found.unit, found.offset), found.unit, DOCUMENT, found.part
    )


def shift_unit(day: date, unit: str, amount: int) -> date:
    if unit == "quarter":
        year, month = add_months(day.year, day.month, 3 * amount)
        return date(year, month, 1)
    return shift(day, unit, amount)


# Years back that "N years ago" tells the calendar year of.
FEW_YEARS = 10


def _resolve_ago(found: FoundTime, anchor_day: date | None) -> TimeValue:
    if anchor_day is None or found.unit is None:
        return unresolved(DOCUMENT)
    then = shift_unit(anchor_day, found.unit, found.offset)
    if found.unit == "year" and not found.approximate and -found.offset <= FEW_YEARS:
        # "four years ago", "4 năm trước": the calendar year that many years back; a long
        # count ("cách đây 75 năm") is an anniversary's, which may mean either year
        return year_value(then.year, DOCUMENT)
    if found.approximate or found.unit in {"year", "decade"}:
        # "cách đây 75 năm" from an article date falls in one of two calendar years
        first = year_bounds(then.year - 1)[0] if found.unit in {"year", "decade"} else then
        return TimeValue(None, None, DOCUMENT, min(first, then), then, then)
    return unit_value(then, found.unit, DOCUMENT)


def _resolve_span(found: FoundTime, anchor_day: date | None) -> TimeValue:
    if anchor_day is None or found.unit is None:
        return unresolved(DOCUMENT)
    other = shift_unit(anchor_day, found.unit, found.offset)
    first, last = min(other, anchor_day), max(other, anchor_day)
    return TimeValue(None, None, DOCUMENT, first, last, None)


def _resolve_range(found: FoundTime, anchor_day: date | None) -> TimeValue:
    if found.unit == "year" and found.year and found.year_to:
        return TimeValue(None, None, ABSOLUTE, date(found.year, 1, 1), date(found.year_to, 12, 31))
    month, first_day, last_day = found.month or 1, found.day or 1, found.day_to or 1
    if found.year is not None:
        first, last = (
            safe_date(found.year, month, first_day),
            safe_date(found.year, month, last_day),
        )
        anchor = ABSOLUTE
    elif anchor_day is not None:
        first = choose_day(month, first_day, anchor_day, _is_forward(found))
        last = safe_date(first.year, month, last_day) if first else None
        anchor = DOCUMENT
    else:
        return unresolved(DOCUMENT)
    if first is None or last is None:
        return unresolved(anchor)
    return TimeValue(None, None, anchor, first, last, first)


def _resolve_previous(found: FoundTime, previous: TimeValue | None) -> TimeValue:
    if previous is None or previous.reference is None or found.unit is None:
        return unresolved(PREVIOUS)
    if found.approximate:
        # "more than 12 months later" names no calendar value
        return unresolved(PREVIOUS)
    if found.month is not None and found.unit == "year":
        # "in April of that year"
        year = shift_unit(previous.reference, "year", found.offset).year
        return month_value(year, found.month, PREVIOUS, found.part)
    granularity = previous.granularity or "day"
    if found.side:
        # "a week before the speech" (on 21 April): a day counted from that day
        if granularity != "day":
            return unresolved(PREVIOUS)
        return day_value(shift_unit(previous.reference, found.unit, found.offset), PREVIOUS)
    if FINENESS.get(granularity, 9) > FINENESS.get(found.unit, 9):
        # "hai ngày trước đó" after "tháng 3" cannot name a day
        return unresolved(PREVIOUS)
    base = previous.reference
    return unit_value(shift_unit(base, found.unit, found.offset), found.unit, PREVIOUS, found.part)


def _resolve_monthday(
    found: FoundTime, anchor_day: date | None, previous: TimeValue | None
) -> TimeValue:
    """ "on the 24th": that day of the month the text is in — the month of the
    expression before it when that named a day or month, else the article's
    month (the month before, when the day is still ahead and nothing looks forward)."""
    day = found.day or 1
    if previous is not None and previous.earliest is not None and previous.granularity in ("day", "month"):
        resolved = safe_date(previous.earliest.year, previous.earliest.month, day)
        return day_value(resolved, PREVIOUS) if resolved else unresolved(PREVIOUS)
    if anchor_day is None:
        return unresolved(DOCUMENT)
    year, month = anchor_day.year, anchor_day.month
    if day > anchor_day.day and not _is_forward(found):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    resolved = safe_date(year, month, day)
    return day_value(resolved, DOCUMENT) if resolved else unresolved(DOCUMENT)


def _apply_clarification(
    found: FoundTime, value: TimeValue, clar: Clarification, anchor_day: date | None
) -> TimeValue:
    """Let "(03/2023)" or "(04/04)" sharpen or correct the expression it follows."""
    year = clar.year
    if year is None:
        if value.earliest is not None:
            year = value.earliest.year
            if clar.day and clar.month:
                guess = safe_date(year, clar.month, clar.day)
                if guess is None or value.latest and not value.earliest <= guess <= value.latest:
                    # "(28/12)" after "hai ngày trước đó" resolved to early January
                    around = value.reference or value.earliest
                    picked = choose_year(clar.month, clar.day, around + timedelta(days=7), False)
                    year = picked.year if picked else year
        elif anchor_day is not None and clar.month:
            if clar.day:
                picked = choose_day(clar.month, clar.day, anchor_day, _is_forward(found))
                year = picked.year if picked else None
            else:
                year = choose_month_year(clar.month, anchor_day, _is_forward(found))
    if year is None:
        return value
    if clar.day and clar.month:
        day = safe_date(year, clar.month, clar.day)
        clarified = day_value(day, value.anchor) if day else None
    elif clar.month:
        clarified = month_value(year, clar.month, value.anchor, found.part)
    else:
        clarified = year_value(year, value.anchor, found.part)
    if clarified is None:
        return value
    if value.value is None or value.granularity is None:
        return clarified
    agrees = (
        value.earliest is not None
        and value.latest is not None
        and clarified.earliest is not None
        and clarified.latest is not None
        and clarified.earliest <= value.latest
        and value.earliest <= clarified.latest
    )
    finer = FINENESS[clarified.granularity or "year"] < FINENESS.get(value.granularity, 9)
    if finer or not agrees:
        return clarified
    return value


def resolve_time(
    found: FoundTime,
    anchor_day: date | None,
    previous: TimeValue | None,
    story: TimeValue | None = None,
) -> TimeValue:
    """The calendar value of ``found``, read against the article date ``anchor_day``,
    the ``previous`` resolved expression (for "hai ngày trước đó") and the ``story``'s
    last date (see :func:`in_story`)."""
    try:
        return _resolve_time(found, anchor_day, previous, story)
    except (ValueError, OverflowError):
        # counting past year 1 or 9999 ("năm ngoái" in an article dated 0001-01-01)
        # leaves Python's calendar: such an expression has no value, not an error
        return unresolved(ABSOLUTE if found.kind in ("year", "decade") else DOCUMENT)


def _resolve_time(
    found: FoundTime,
    anchor_day: date | None,
    previous: TimeValue | None,
    story: TimeValue | None = None,
) -> TimeValue:
    kind = found.kind
    if kind == "date":
        value = _resolve_date(found, anchor_day, story)
    elif kind == "month":
        value = _resolve_month(found, anchor_day, story)
        if found.week_rank is not None:
            value = _week_of_month(value, found.week_rank)
    elif kind == "year":
        value = year_value(found.year or 1, ABSOLUTE, found.part)
    elif kind == "quarter":
        value = _resolve_quarter(found, anchor_day)
    elif kind == "decade":
        value = decade_value(found.year or 0, ABSOLUTE, found.part)
    elif kind == "relative":
        value = _resolve_relative(found, anchor_day)
    elif kind == "weekday":
        value = _resolve_weekday(found, anchor_day)
    elif kind == "ago":
        value = _resolve_ago(found, anchor_day)
    elif kind == "span":
        value = _resolve_span(found, anchor_day)
    elif kind == "previous":
        value = _resolve_previous(found, previous)
    elif kind == "range":
        value = _resolve_range(found, anchor_day)
    elif kind == "monthday":
        value = _resolve_monthday(found, anchor_day, previous)
    else:
        value = unresolved(DOCUMENT)
    if found.clarification is not None:
        value = _apply_clarification(found, value, found.clarification, anchor_day)
    return value
