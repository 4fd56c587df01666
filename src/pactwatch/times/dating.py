"""Estimate when an undated article appeared, from what it says about time.

Evidence, strongest first:
  1. a timestamped date in the title or dateline ("26/11/2025 08:16");
  2. bracketed clarifications of article-relative words: "tháng trước (03/2023)"
     puts the article in April 2023, "năm ngoái (2022)" in 2023;
  3. the latest day the article reports as past ("hôm 06/04", "ngày 27/3/2025"),
     day-months taking the year from (2) or from the latest year the article
     mentions in the past tense;
  4. failing days, the latest month or year mentioned;
  5. failing all of these, the office terms of the people the article titles
     (``pactwatch.times.tenure``): "Ngoại trưởng Mỹ Antony Blinken" was written
     between 2021-01-26 and 2025-01-20. Within such a window a year-less
     "ngày 4/4" gets its year when only one year fits.
The window runs from the latest past mention to a few weeks later (news is
published soon after what it reports), clipped by (2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from pactwatch.document import PublishedEstimate
from pactwatch.times.dates import month_bounds, safe_date, shift, year_bounds
from pactwatch.times.model import FoundTime
from pactwatch.times.resolve import choose_year, resolve_time

# How long after the latest event it reports an article may appear.
NEWS_DELAY = timedelta(days=21)
# "hôm nay 22/4" dates the writing; the page may go up after midnight.
SAME_DAY_SLACK = timedelta(days=1)
# A "sẽ ... ngày X" bounds the article only when X is clearly ahead of the news it
# reports (a same-day "from 15h today" plan says nothing).
UPCOMING_MARGIN = timedelta(days=2)
# A dateline's full date is the article's; a title's only when it carries a clock time
# ("... 26/11/2025 08:16"), since titles also name historic days ("ngày 30/4/1975").
DATELINE_ZONES = frozenset({"dateline"})
TITLE_ZONES = frozenset({"title", "subtitle"})


@dataclass
class Window:
    earliest: date | None = None
    latest: date | None = None

    def narrow(self, first: date, last: date) -> None:
        if self.earliest is None or first > self.earliest:
            self.earliest = first
        if self.latest is None or last < self.latest:
            self.latest = last

    @property
    def bounded(self) -> bool:
        return self.earliest is not None and self.latest is not None

    def contains(self, day: date) -> bool:
        return (self.earliest is None or day >= self.earliest) and (
            self.latest is None or day <= self.latest
        )


def _stated_day(item: FoundTime) -> date | None:
    """The full date an expression states, itself or in its clarification."""
    if item.kind == "date" and item.year and item.month and item.day:
        return safe_date(item.year, item.month, item.day)
    clar = item.clarification
    if clar is not None and clar.year and clar.month and clar.day:
        return safe_date(clar.year, clar.month, clar.day)
    return None


def _header_timestamp(found: list[FoundTime]) -> date | None:
    """A full date in the title/dateline ("Thứ Tư, 26/11/2025 08:16"): its own date line."""
    for item in found:
        if item.zone in DATELINE_ZONES or item.zone in TITLE_ZONES and item.timestamped:
            day = _stated_day(item)
            if day is not None:
                return day
    return None


def _clarified_window(found: list[FoundTime]) -> Window:
    """Publication bounds that bracketed clarifications of relative words imply."""
    window = Window()
    for item in found:
        clar = item.clarification
        if clar is None or clar.year is None or item.unit is None:
            continue
        if item.kind not in {"relative", "ago"}:
            continue
        if item.unit == "year":
            year = clar.year - item.offset
            window.narrow(*year_bounds(year))
        elif item.unit == "month" and clar.month:
            then = date(clar.year, clar.month, 1)
            now = shift(then, "month", -item.offset)
            window.narrow(*month_bounds(now.year, now.month))
        elif item.unit in {"day", "week"} and clar.month and clar.day:
            then_day = safe_date(clar.year, clar.month, clar.day)
            if then_day is not None:
                now_day = shift(then_day, item.unit, -item.offset)
                slack = timedelta(days=6 if item.unit == "week" else 0)
                window.narrow(now_day - slack, now_day + slack)
    return window


def _nearest(month: int, day: int, *, reference: date) -> date | None:
    """The day/month's occurrence nearest ``reference`` (a year-less date is recent news)."""
    options = [safe_date(reference.year + k, month, day) for k in (-1, 0, 1)]
    real = [d for d in options if d is not None]
    return min(real, key=lambda d: abs((d - reference).days)) if real else None


def _latest_by(horizon: date, month: int, day: int) -> date | None:
    return choose_year(month, day, horizon, False)


def _yearless_article_days(found: list[FoundTime]) -> list[tuple[int, int, int]]:
    """(month, day, offset in days) of relative days clarified without a year."""
    out = []
    for item in found:
        clar = item.clarification
        if (
            item.kind == "relative"
            and item.unit == "day"
            and clar is not None
            and clar.year is None
            and clar.month
            and clar.day
        ):
            out.append((clar.month, clar.day, item.offset))
    return out


def _usable(item: FoundTime) -> bool:
    """Reported as past and about the story (not a deadline, birth year or decree date)."""
    return item.role == "event" and not item.forward


@dataclass
class Evidence:
    """What the article's expressions say about its date, sorted by strength."""

    days: list[date] = field(default_factory=list)  # past days with a stated year
    periods: list[tuple[date, date]] = field(default_factory=list)  # past months, years
    yearless: list[tuple[int, int]] = field(default_factory=list)  # past day/months
    # days still to come ("sẽ ... ngày 10/4"): the article appeared before them
    upcoming: list[date] = field(default_factory=list)
    upcoming_yearless: list[tuple[int, int]] = field(default_factory=list)
    # every stated day that is not background, past or not: it tells the year
    year_hints: list[date] = field(default_factory=list)


_DATED_KINDS = frozenset({"date", "month", "year", "quarter", "range"})


def _collect(found: list[FoundTime]) -> Evidence:
    ev = Evidence()
    for item in found:
        if item.role == "background" or item.kind not in _DATED_KINDS:
            continue
        if item.kind == "range" and item.unit == "year":
            continue  # "giai đoạn 2021-2025" is a plan or an era, not news
        upcoming = item.forward and item.role == "event"
        if item.kind in {"date", "range"} and item.year is None and item.unit != "year":
            if item.month is not None and item.day is not None:
                if _usable(item):
                    ev.yearless.append((item.month, item.day))
                elif upcoming:
                    ev.upcoming_yearless.append((item.month, item.day))
            continue
        value = resolve_time(item, None, None)
        if value.earliest is None or value.latest is None or value.anchor != "absolute":
            continue
        is_day = value.granularity == "day" or item.kind == "range"
        if is_day:
            ev.year_hints.append(value.earliest)
            if upcoming:
                ev.upcoming.append(value.earliest)
        if not _usable(item):
            continue
        if is_day:
            ev.days.append(value.earliest)
        else:
            ev.periods.append((value.earliest, value.latest))
    return ev


def _placer(ev: Evidence, window: Window) -> Callable[[int, int], date | None] | None:
    """How to give a year-less day/month its year: within the clarified window, else
    nearest the latest stated day (or month, or year) the article mentions."""
    if window.bounded and window.latest is not None:
        return partial(_latest_by, window.latest)
    fine_periods = [p for p in ev.periods if (p[1] - p[0]).days < 100]
    if ev.days or ev.year_hints:
        reference = max(ev.days + ev.year_hints)
    elif fine_periods:
        reference = max(p[1] for p in fine_periods)
    elif ev.periods:
        reference = max(p[1] for p in ev.periods)
    else:
        return None
    return partial(_nearest, reference=reference)


def _only_in(tenure: tuple[date, date], month: int, day: int) -> date | None:
    """The one occurrence of a day/month within ``tenure``; None when none or several."""
    first, last = tenure
    options = [safe_date(y, month, day) for y in range(first.year, last.year + 1)]
    inside = [d for d in options if d is not None and first <= d <= last]
    return inside[0] if len(inside) == 1 else None


def estimate_published(
    found: list[FoundTime], tenure: tuple[date, date | None] | None = None
) -> PublishedEstimate:
    """The article's probable publication date with an honest earliest..latest window.

    ``tenure``: the days on which the article's titled office holders all held
    their offices (:func:`pactwatch.times.tenure.tenure_window`), the last
    resort when the article's own time expressions date nothing.
    """
    stamped = _header_timestamp(found)
    if stamped is not None:
        iso = stamped.isoformat()
        return PublishedEstimate(iso, iso, iso, "dateline")
    window = _clarified_window(found)
    ev = _collect(found)
    place = _placer(ev, window)
    closed = (tenure[0], tenure[1]) if tenure is not None and tenure[1] is not None else None
    if place is None and closed is not None:
        place = partial(_only_in, closed)
    article_day: date | None = None
    article_last: date | None = None
    if place is not None:
        placed = [place(m, d) for m, d in ev.yearless]
        ahead = [place(m, d) for m, d in ev.upcoming_yearless]
        ev.upcoming.extend(d for d in ahead if d is not None)
        # "hôm nay 22/4", "hôm qua (21/4)": the article's own day, once it has a year;
        # unless the article reports a later day as past (the words were quoted)
        for month, day, offset in _yearless_article_days(found):
            then = place(month, day)
            if then is not None and window.contains(then - timedelta(days=offset)):
                article_day = then - timedelta(days=offset)
        article_last = article_day
        if article_day is not None:
            # a past day reported just after it: the words were quoted from the day before
            reported = [d for d in ev.days + [p for p in placed if p] if d > article_day]
            near = [d for d in reported if d - article_day <= SAME_DAY_SLACK * 3]
            article_last = max([article_day, *near]) + SAME_DAY_SLACK
            window.narrow(article_day, article_last)
        ev.days.extend(d for d in placed if d is not None and window.contains(d))

    if article_day is not None and article_last is not None:
        first, latest, basis = article_day, article_last, "article-day"
    elif ev.days:
        first = max(ev.days)
        basis = "latest-dated-mention"
        latest = first + NEWS_DELAY
    elif ev.periods:
        first = max(p[0] for p in ev.periods)
        basis = "latest-period-mention"
        # a month or year mention: the article may come any time within it, or soon
        # after; a year named by number is as often last year's as this year's
        period_end = max(p[1] for p in ev.periods if p[0] == first)
        is_year = (period_end - first).days > 100
        latest = year_bounds(period_end.year + 1)[1] if is_year else period_end + NEWS_DELAY
    elif window.bounded and window.earliest is not None and window.latest is not None:
        first, latest, basis = window.earliest, window.latest, "clarified-relative"
    elif closed is not None:
        # no value: the terms bound the date but point at no day within them
        return PublishedEstimate(None, closed[0].isoformat(), closed[1].isoformat(), "office-terms")
    else:
        return PublishedEstimate(None, None, None, "unknown")
    if window.earliest is not None and window.earliest > first:
        first = window.earliest
    if window.latest is not None and window.latest >= first:
        latest = min(latest, window.latest)
    # an event the article still looks forward to has not happened when it appears
    upcoming = [d for d in ev.upcoming if d >= first + UPCOMING_MARGIN]
    if upcoming:
        latest = min(latest, max(first, min(upcoming)))
    latest = max(latest, first)
    return PublishedEstimate(first.isoformat(), first.isoformat(), latest.isoformat(), basis)
