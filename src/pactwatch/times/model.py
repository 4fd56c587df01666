"""What the grammar finds (:class:`FoundTime`) and what resolution makes of it
(:class:`TimeValue`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Clarification:
    """Calendar numbers in brackets after an expression: "(03/2023)", "(04/04)"."""

    day: int | None = None
    month: int | None = None
    year: int | None = None


@dataclass
class FoundTime:
    """One time expression as written, before any anchor is known.

    ``kind`` says how to resolve it:
      date      day/month[/year]            "ngày 27/3/2025", "hôm 06/04"
      month     month[/year]                 "tháng 10/2022", "tháng 10 năm ngoái"
      year      year                         "năm 1999", "cuối năm 2023"
      quarter   quarter[/year]               "quý II/2025"
      decade    first year of the decade     "những năm 1990"
      relative  unit + offset from the article date ("tháng trước", "hôm qua")
      weekday   weekday [+ week offset]       "thứ Hai tuần trước"
      ago       n units before the article date ("cách đây 3 ngày")
      span      the n units up to / from the article date ("2 tháng qua")
      previous  unit + offset from the previous expression ("hai ngày trước đó")
      range     several days or years        "ngày 10-12/10", "giai đoạn 2020-2025"
      monthday  a day of an unnamed month    "on the 24th"
      vague     no calendar value            "gần đây", "thời gian qua"
    """

    start: int
    end: int
    kind: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    # for day ranges and year ranges: the last day / year
    day_to: int | None = None
    year_to: int | None = None
    unit: str | None = None  # day|week|month|year|quarter|decade
    offset: int = 0
    part: str | None = None  # early|mid|late
    weekday: int | None = None  # Monday = 0
    quarter: int | None = None
    # "tháng 10 tới" says forward, "tháng 10 vừa qua" says back
    direction: int = 0
    # the wording itself says the past ("hôm 06/04", "hồi tháng 3")
    past_marked: bool = False
    # a clock time follows the date ("26/11/2025 08:16"): a timestamp
    timestamped: bool = False
    approximate: bool = False
    clarification: Clarification | None = None
    # set by the stage from the sentence: it looks forward ("sẽ", "dự kiến")
    forward: bool = False
    # set by the stage: "event" (something that happened or will), "target" (a
    # deadline: "đến năm 2030", "trước ngày 5/10") or "background" (a birth year,
    # the date of a cited decree: "Nghị quyết số 48-NQ/TW ngày 24/5/2005")
    role: str = "event"
    zone: str | None = None
    # set by the stage: the sentence tells something earlier than its story ("had been
    # elected in 2019", "since 2014"), so the expression does not move the story's date
    flashback: bool = False
    # set by the stage: the words tie the expression to the article's present, not to a
    # story told in the past ("Reuters reported in November", "(RIA, February 1)")
    present: bool = False
    # counted from an event named after it ("a week before the speech"): the chain of
    # "a day later" goes on from the expression before it, not from this one
    side: bool = False
    # a weekday that names its whole week ("last weekend": the week of that Saturday)
    whole_week: bool = False
    # a month's n-th week ("the second week of February"; 5 for "the last week of")
    week_rank: int | None = None


@dataclass
class TimeValue:
    value: str | None
    granularity: str | None
    anchor: str  # absolute|document-date|previous-time
    earliest: date | None = None
    latest: date | None = None
    # the day a following "trước đó / sau đó" counts from
    reference: date | None = field(default=None, compare=False)

    @property
    def resolved(self) -> bool:
        return self.earliest is not None
