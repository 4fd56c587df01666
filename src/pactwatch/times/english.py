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

from pactwatch.times.lexicon import DAY, EN_MONTHS, NUM_START, YEAR, word_before
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
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "several": 0,
    "few": 0,
}
_NUMBER = (
    r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)"
)
# "more than 12 months later", "nearly three years ago": no exact count
_APPROX = r"(?P<approx>(?:more\s+than|less\s+than|fewer\s+than|about|nearly|almost|around|roughly|some|over|just\s+over|just\s+under|under)\s+)?"
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 5}


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


# After "N days after/before", a word that begins the event it is counted from ("a week
# before the speech"), not a pause (", the envoys met").
_EVENT_AFTER = re.compile(r"\s+(?!and\b|but\b|then\b)[\w’']")


def _count(m: re.Match[str], text: str) -> FoundTime | None:
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()]
    unit = _UNITS[m["unit"].lower()]
    direction = m["dir"].lower()
    approximate = bool(m["approx"])
    if direction == "ago":
        return FoundTime(m.start(), m.end(), "ago", unit=unit, offset=-n, approximate=approximate)
    found = FoundTime(
        m.start(),
        m.end(),
        "previous",
        unit=unit,
        offset=n if direction in ("later", "after") else -n,
        approximate=approximate,
    )
    if direction in ("after", "before"):
        found.side = _EVENT_AFTER.match(text, m.end()) is not None
    return found


def _day_month(m: re.Match[str], text: str) -> FoundTime:
    """ "on 22 January", "by 6 Feb": a day before its month, no year."""
    return FoundTime(m.start(), m.end(), "date", day=int(m["d"]), month=_month_number(m["mon"]))


# "in the next week", "over the following months": the stretch ahead of the article
_STRETCH_LEADS = frozenset({"in", "over", "within", "during", "for", "throughout", "of", "into"})


def _following(m: re.Match[str], text: str) -> FoundTime | None:
    """ "the next day", "the following month", "the day before": counted from the
    expression before it."""
    if word_before(text, m.start()) in _STRETCH_LEADS:
        return None
    unit = _UNITS[(m["unit"] or m["unit2"]).lower()]
    word = (m["rel"] or m["rel2"] or "").lower()
    offset = -1 if word in ("previous", "before") else 1
    return FoundTime(m.start(), m.end(), "previous", unit=unit, offset=offset)


def _of_that_year(m: re.Match[str], text: str) -> FoundTime:
    """ "in April of that year", "that same April": the month in the year of the
    expression before it."""
    found = FoundTime(m.start(), m.end(), "previous", unit="year", offset=0)
    found.month = _month_number(m["mon"])
    return found


def _weekend(m: re.Match[str], text: str) -> FoundTime:
    """ "last weekend", "this weekend": the week of that Saturday."""
    offset = _SHIFT[m["shift"].lower()]
    found = FoundTime(m.start(), m.end(), "weekday", weekday=5, unit="week", offset=offset)
    found.direction = 9
    found.whole_week = True
    return found


def _week_of_month(m: re.Match[str], text: str) -> FoundTime:
    """ "the second week of February": the week holding that month's 8th."""
    found = FoundTime(m.start(), m.end(), "month", month=_month_number(m["mon"]))
    found.week_rank = _ORDINALS[m["ord"].lower()]
    return found


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
        rf"(?:(?<!\w)(?:in|since|by|until|from|through|throughout|beyond|between|during|of|before"
        rf"|after|early|late|mid|fiscal|entered|entering|enters|spring|summer|autumn|winter)"
        rf"|{_PART}|(?<!\w)the|’s|'s)[\s-]+(?P<y>{YEAR})(?!\d|[.,]\d|\s*[-–/]\d)",
        _year,
        r"[12]\d{3}",
    ),
    _rule(
        "en-count",
        rf"(?<!\w){_APPROX}{NUM_START}(?<!\w){_NUMBER}\s+(?P<unit>days?|weeks?|months?|years?)\s+"
        r"(?P<dir>ago|later|earlier|after|before)(?!\w)",
        _count,
        r"(?:ago|later|earlier|after|before)",
        ("ago", "later", "earlier", "after", "before"),
    ),
    _rule(
        "en-day-month",
        rf"{NUM_START}(?<!\w)(?P<d>{DAY})(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH_ANY})(?!\w)"
        rf"(?!,?\s+(?:{YEAR})(?!\d))",
        _day_month,
        r"\d\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)",
    ),
    _rule(
        # "the next day", "the following week", "the day before"; "in the next week" is
        # the coming one ("en-relative" reads "next week")
        "en-following",
        r"(?<!\w)(?:the\s+(?P<rel>next|following|previous)\s+(?P<unit>day|week|month|year)"
        r"|the\s+(?P<unit2>day|week|month|year)\s+(?P<rel2>before|after))(?!\w)",
        _following,
        r"(?:ext|ollowing|revious|efore|fter)",
        ("next", "following", "previous", "before", "after"),
    ),
    _rule(
        "en-of-that-year",
        rf"(?:(?:in|by|from|until|since|during)\s+)?(?P<mon>{_MONTH_FULL})\s+of\s+(?:that|the\s+same)\s+year(?!\w)",
        _of_that_year,
        r"of (?:that|the same) year",
        ("that year", "same year"),
    ),
    _rule(
        "en-weekend",
        r"(?<!\w)(?P<shift>last|this|next|past|coming)\s+weekend(?!\w)",
        _weekend,
        r"weekend",
        ("weekend",),
    ),
    _rule(
        "en-week-of-month",
        rf"(?<!\w)(?:(?:in|during|by)\s+)?the\s+(?P<ord>first|second|third|fourth|last)\s+week\s+of\s+"
        rf"(?P<mon>{_MONTH_FULL})(?!\w)(?!,?\s+\d)",
        _week_of_month,
        r"week of",
        ("week of",),
    ),
    _rule(
        # "Black Panther (2019)": a year in brackets after a title
        "en-bracketed-year",
        rf"(?<=\()(?P<y>{YEAR})(?=\))",
        _year,
        r"\([12]\d{3}\)",
    ),
    _rule(
        # the second year of "between 1941 and 1945"
        "en-year-pair",
        rf"(?<=between \d{{4}} and )(?P<y>{YEAR})(?!\d|[.,]\d)",
        _year,
        r"and [12]\d{3}",
        ("between",),
    ),
    _rule(
        # "a 2025 study", "the 2023 counteroffensive" (the article alone: en-year)
        "en-year-noun",
        rf"(?<!\w)an?\s+(?P<y>{YEAR})\s+(?=(?!(?:km|kg|troops|people|soldiers|men|tons|tonnes|miles|feet|metres|meters)\b)[a-z])",
        _year,
        r"[12]\d{3} [a-z]",
    ),
)

