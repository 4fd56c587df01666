"""The English time grammar: the expressions English news dates things with.

The rules run after the shared ones (:data:`pactwatch.times.patterns.RULES`,
which already read "February 24, 2022" and "June 14") on documents in English,
and make the same :class:`FoundTime` kinds, resolved against the article's
date by the same resolver: weekdays ("on Tuesday", "last Friday"), units
relative to the article ("last week", "earlier this month", "next year"),
month names without a year ("in June", "mid-January", "last November"),
abbreviated days without a year ("Feb. 13", "Jan 22"), years after a cue ("in
2014", "since 2023", "the 2022 invasion"), "today"/"yesterday", counts from
the article ("three days ago") or from the expression before ("two days later"),
a day of the month ("on the 24th": the month of the expression before, else
the article's).
Every word list here is written by hand; dateparser is not used, because its
relative-date reading ignores the article's date and the past/future cue.
"""

from __future__ import annotations

import re

from pactwatch.times.lexicon import DAY, EN_MONTHS, NUM_START, YEAR
from pactwatch.times.model import FoundTime
from pactwatch.times.patterns import Builder, Rule

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = "(?-i:" + "|".join(WEEKDAYS) + ")"
_MONTH_ABBR = r"(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_MONTH_FULL = "(?-i:" + "|".join(EN_MONTHS) + ")"
_MONTH_ANY = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}\.?)"
_PART = r"(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|end\s+of)"
_PARTS = {
    "early": "early",
    "mid": "mid",
    "late": "late",
    "beginning": "early",
    "start": "early",
    "end": "late",
}
_SHIFT = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}
_UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": 0,
    "few": 0,
}
_NUMBER = r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"


def _month_number(name: str) -> int:
    return [m[:3].lower() for m in EN_MONTHS].index(name[:3].lower()) + 1


def _part(m: re.Match[str]) -> str | None:
    word = (m.groupdict().get("part") or "").split()
    return _PARTS.get(word[-2] if len(word) > 1 and word[-1] == "of" else (word[0] if word else ""))


def _weekday(m: re.Match[str], text: str) -> FoundTime:
    if m["mon"]:  # "Sunday, Jan. 18, 2026": the date says which Sunday
        year = int(m["y"]) if m["y"] else None
        return FoundTime(
            m.start(), m.end(), "date", day=int(m["d"]), month=_month_number(m["mon"]), year=year
        )
    found = FoundTime(m.start(), m.end(), "weekday", weekday=WEEKDAYS.index(m["wd"]))
    shift = (m["shift"] or "").lower()
    if shift in ("last", "past", "previous"):
        found.direction = -1
    elif shift in ("next", "coming"):
        found.direction = 1
    return found


def _relative(m: re.Match[str], text: str) -> FoundTime:
    unit = _UNITS[m["unit"].lower()]
    found = FoundTime(m.start(), m.end(), "relative", unit=unit, offset=_SHIFT[m["shift"].lower()])
    found.part = _part(m) or {"earlier": "early", "later": "late"}.get((m["edge"] or "").lower())
    found.direction = 9
    return found


def _day_word(m: re.Match[str], text: str) -> FoundTime:
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}[m["w"].lower()]
    found = FoundTime(m.start(), m.end(), "relative", unit="day", offset=offset)
    found.direction = 9
    return found


def _month(m: re.Match[str], text: str) -> FoundTime | None:
    name = m["mon"]
    if name == "May" and not m["lead"] and not m["part"]:
        return None  # the modal verb
    found = FoundTime(m.start(), m.end(), "month", month=_month_number(name), part=_part(m))
    shift = (m["shift"] or "").lower()
    if shift in ("last", "past", "previous"):
        found.direction = -1
    elif shift in ("next", "coming"):
        found.direction = 1
    elif shift == "this":
        found.unit, found.offset = "year", 0
    return found


def _abbreviated_day(m: re.Match[str], text: str) -> FoundTime:
    return FoundTime(m.start(), m.end(), "date", day=int(m["d"]), month=_month_number(m["mon"]))


def _monthday(m: re.Match[str], text: str) -> FoundTime:
    return FoundTime(m.start(), m.end(), "monthday", day=int(m["d"]))


def _year(m: re.Match[str], text: str) -> FoundTime:
    return FoundTime(m.start(), m.end(), "year", year=int(m["y"]), part=_part(m))


def _count(m: re.Match[str], text: str) -> FoundTime | None:
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()]
    unit = _UNITS[m["unit"].lower()]
    direction = m["dir"].lower()
    if direction == "ago":
        return FoundTime(m.start(), m.end(), "ago", unit=unit, offset=-n)
    return FoundTime(
        m.start(), m.end(), "previous", unit=unit, offset=n if direction == "later" else -n
    )


def _rule(
    name: str, pattern: str, build: Builder, gate: str, needles: tuple[str, ...] = ()
) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), build, re.compile(gate), needles)


ENGLISH_RULES: tuple[Rule, ...] = (
    _rule(
        "en-weekday",
        rf"(?:(?P<shift>last|next|this|past|coming|previous)\s+)?(?P<wd>{_WEEKDAY})(?!\w)"
        rf"(?:,?\s+(?P<mon>{_MONTH_ANY})\s+(?P<d>{DAY})(?!\d)(?:,?\s+(?P<y>{YEAR})(?!\d))?)?",
        _weekday,
        r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day",
    ),
    _rule(
        "en-relative",
        rf"(?:(?P<edge>earlier|later)\s+|{_PART}\s+)?(?P<shift>last|next|this|past|coming)\s+"
        r"(?P<unit>week|month|year)(?!\w)(?!\s+(?:of|and)\s)",
        _relative,
        r"(?:ast|ext|his|oming) (?:week|month|year)",
        ("week", "month", "year"),
    ),
    _rule(
        "en-day-word",
        r"(?<!\w)(?P<w>today|yesterday|tomorrow|tonight)(?!\w)",
        _day_word,
        r"(?:oday|esterday|omorrow|onight)",
        ("today", "yesterday", "tomorrow", "tonight"),
    ),
    _rule(
        "en-month",
        rf"(?:(?P<lead>in|since|until|by|from|through|during|last|next|this|of|before|after)\s+)?"
        rf"(?:(?P<shift>last|next|this|past|coming)\s+)?(?:{_PART}[\s-]+)?(?P<mon>{_MONTH_FULL})"
        rf"(?!\w)(?!,?\s+\d)",
        _month,
        "(?:" + "|".join(EN_MONTHS) + ")",
    ),
    _rule(
        "en-abbreviated-day",
        rf"(?<!\w)(?P<mon>{_MONTH_ABBR})\.?\s+(?P<d>{DAY})(?!\d|,?\s+(?:{YEAR})(?!\d))(?![.,]\d)",
        _abbreviated_day,
        r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?\s+\d",
    ),
    _rule(
        "en-monthday",
        r"(?<!\w)(?:on|by|until|from|since|before|after)\s+the\s+(?P<d>[12]?\d|3[01])(?:st|nd|rd|th)"
        r"(?!\w)(?!\s+(?:of|century|anniversary|round|day|time|week|year|floor|brigade|army|session))",
        _monthday,
        r"\d(?:st|nd|rd|th)",
    ),
    _rule(
        "en-year",
        rf"(?:(?<!\w)(?:in|since|by|until|from|through|during|of|before|after|early|late|mid)"
        rf"|{_PART}|(?<!\w)the|’s|'s)[\s-]+(?P<y>{YEAR})(?!\d|[.,]\d|\s*[-–/]\d)",
        _year,
        r"[12]\d{3}",
    ),
    _rule(
        "en-count",
        rf"{NUM_START}(?<!\w){_NUMBER}\s+(?P<unit>days?|weeks?|months?|years?)\s+"
        r"(?P<dir>ago|later|earlier)(?!\w)",
        _count,
        r"(?:ago|later|earlier)",
        ("ago", "later", "earlier"),
    ),
)
