"""Builders: turn a grammar match into a :class:`FoundTime`, or reject it on context
("2/3 số phiếu" is a ratio, "lần thứ hai" an ordinal)."""

from __future__ import annotations

import re
from typing import Any, Protocol

from pactwatch.times.lexicon import (
    BARE_DATE_LEADS,
    EN_MONTHS,
    FORWARD_WORDS,
    FRACTION_FOLLOWERS,
    MONTH_WORDS,
    NUMBER_WORDS,
    ORDINAL_NOUNS,
    ROMAN_QUARTERS,
    UNIT_NAMES,
    WEEKDAYS,
    number_value,
    part_name,
    rel_year_offset,
    unit_name,
    word_after,
    word_before,
)
from pactwatch.times.model import FoundTime


class MatchLike(Protocol):
    """What builders read from a match (a ``re.Match`` or a :class:`Renamed` one)."""

    def groupdict(self) -> dict[str, Any]: ...

    def start(self) -> int: ...

    def end(self) -> int: ...


def group(m: MatchLike, name: str) -> str | None:
    return m.groupdict().get(name)


def group_int(m: MatchLike, name: str) -> int | None:
    value = group(m, name)
    return int(value) if value else None


def past_marked(m: MatchLike, text: str) -> bool:
    prefix = (group(m, "pfx") or "").lower()
    return "hôm" in prefix or word_before(text, m.start()) in {"hồi", "hôm", "vừa"}


def build_full_date(m: re.Match[str], text: str) -> FoundTime:
    return FoundTime(
        m.start(),
        m.end(),
        "date",
        day=group_int(m, "d"),
        month=group_int(m, "m"),
        year=group_int(m, "y"),
        past_marked=past_marked(m, text),
        timestamped=bool(group(m, "clock")),
    )


# Words after "1.5" that make it a decimal number, not 1 May ("ngày 1.5 triệu lượt").
QUANTITY_WORDS = frozenset(
    [
        "triệu",
        "tỷ",
        "nghìn",
        "ngàn",
        "trăm",
        "lần",
        "km",
        "m",
        "kg",
        "tấn",
        "người",
        "usd",
        "đồng",
        "euro",
        "độ",
        "giờ",
        "phút",
        "điểm",
    ]
)


def build_day_month(m: re.Match[str], text: str) -> FoundTime | None:
    if "." in m.group(0) and word_after(text, m.end()) in QUANTITY_WORDS:
        return None
    found = FoundTime(
        m.start(),
        m.end(),
        "date",
        day=group_int(m, "d"),
        month=group_int(m, "m"),
        year=group_int(m, "y"),
        past_marked=past_marked(m, text),
    )
    rel = rel_year_offset(group(m, "rel"))
    if rel is not None:
        found.offset, found.unit = rel, "year"
    return found


def build_bare_day_month(m: re.Match[str], text: str) -> FoundTime | None:
    """A "14/12" with nothing before it: a date only where the context says so."""
    if word_after(text, m.end()) in FRACTION_FOLLOWERS:
        return None
    before = word_before(text, m.start())
    after = word_after(text, m.end())
    at_start = before in {"", "\n", "(", "-", "–", "—", "|", ":"}
    if before not in BARE_DATE_LEADS and before != "(" and not (at_start and after in {",", ""}):
        return None
    return FoundTime(m.start(), m.end(), "date", day=group_int(m, "d"), month=group_int(m, "m"))


def build_day_range(m: re.Match[str], text: str) -> FoundTime | None:
    first, last = group_int(m, "d"), group_int(m, "d2")
    if first is None or last is None or last <= first:
        return None
    return FoundTime(
        m.start(),
        m.end(),
        "range",
        day=first,
        day_to=last,
        month=group_int(m, "m"),
        year=group_int(m, "y"),
        unit="day",
    )


def build_month(m: re.Match[str], text: str) -> FoundTime | None:
    raw = group(m, "m") or ""
    month = int(raw) if raw.isdigit() else MONTH_WORDS.get(" ".join(raw.lower().split()))
    if month is None:
        return None
    found = FoundTime(
        m.start(),
        m.end(),
        "month",
        month=month,
        year=group_int(m, "y"),
        part=part_name(group(m, "part")),
        past_marked=past_marked(m, text),
    )
    rel = group(m, "rel")
    if rel:
        rel_l = " ".join(rel.lower().split())
        if rel_l.startswith("năm "):
            found.offset, found.unit = rel_year_offset(rel_l) or 0, "year"
        else:
            found.direction = 1 if FORWARD_WORDS.get(rel_l, 0) > 0 else -1
            if rel_l in {"này", "nay"}:
                found.direction = 0
                found.unit = "year"
    return found


def build_year(m: re.Match[str], text: str) -> FoundTime:
    return FoundTime(
        m.start(), m.end(), "year", year=group_int(m, "y"), part=part_name(group(m, "part"))
    )


def build_year_range(m: re.Match[str], text: str) -> FoundTime | None:
    first, last = group_int(m, "y"), group_int(m, "y2")
    if first is None or last is None or last <= first:
        return None
    return FoundTime(m.start(), m.end(), "range", year=first, year_to=last, unit="year")


def build_quarter(m: re.Match[str], text: str) -> FoundTime:
    found = FoundTime(
        m.start(),
        m.end(),
        "quarter",
        quarter=ROMAN_QUARTERS[(group(m, "q") or "1").lower()],
        year=group_int(m, "y"),
        part=part_name(group(m, "part")),
    )
    rel = group(m, "rel")
    if rel:
        rel_l = " ".join(rel.lower().split())
        if rel_l.startswith("năm "):
            found.offset, found.unit = rel_year_offset(rel_l) or 0, "year"
        else:
            found.direction = 1 if FORWARD_WORDS.get(rel_l, 0) > 0 else -1
    return found


def build_decade(m: re.Match[str], text: str) -> FoundTime:
    raw = group(m, "dec") or "0"
    start = int(raw)
    if start < 100:
        century = (group(m, "cent") or "").lower()
        # "thập niên 90" is the 1990s; "thập niên 20" the 2020s unless the last century is named
        in_last_century = century in {"trước", "xx", "20"} or start >= 30
        start += 1900 if in_last_century else 2000
    return FoundTime(m.start(), m.end(), "decade", year=start, part=part_name(group(m, "part")))


def build_english(m: MatchLike, text: str) -> FoundTime | None:
    name = (group(m, "mon") or "").rstrip(".")[:3].lower()
    month = [mo[:3].lower() for mo in EN_MONTHS].index(name) + 1
    day, year = group_int(m, "d"), group_int(m, "y")
    kind = "date" if day else "month"
    return FoundTime(m.start(), m.end(), kind, day=day, month=month, year=year)


_REL_DAY = {
    "hôm nay": 0,
    "bữa nay": 0,
    "hôm qua": -1,
    "bữa qua": -1,
    "hôm kia": -2,
    "ngày mai": 1,
    "ngày kia": 2,
    "nay": 0,
    "qua": -1,
    "mai": 1,
}


def build_relative_day(m: MatchLike, text: str) -> FoundTime:
    word = " ".join((group(m, "w") or "").lower().split())
    return FoundTime(m.start(), m.end(), "relative", unit="day", offset=_REL_DAY[word])


_QUANTIFIERS = frozenset({"những", "các", "mấy", "vài", "nhiều", "hàng", "bao", "mọi", "mỗi"})


def build_relative_unit(m: re.Match[str], text: str) -> FoundTime | None:
    unit_word = (group(m, "unit") or "").lower()
    unit = "quarter" if unit_word in {"quý", "quí"} else UNIT_NAMES[unit_word]
    word = " ".join((group(m, "w") or "").lower().split())
    part = part_name(group(m, "part"))
    before = word_before(text, m.start())
    if before in _QUANTIFIERS or before.isdigit() or before in NUMBER_WORDS:
        # "những năm trước", "mấy tháng nay", "3 năm nay": no single calendar value
        return FoundTime(m.start(), m.end(), "vague")
    if word in {"đó", "ấy"}:
        return FoundTime(m.start(), m.end(), "previous", unit=unit, offset=0, part=part)
    if word == "qua" and (unit == "day" or part is None):
        # "tuần qua", "năm qua": the stretch just past, not a calendar unit; with a
        # part ("cuối tuần qua", "đầu tháng qua") it is the last one, as "trước" says
        return FoundTime(m.start(), m.end(), "span", unit=unit, offset=-1)
    if word == "nay" and unit in {"week", "month"}:
        return FoundTime(m.start(), m.end(), "vague")
    return FoundTime(
        m.start(), m.end(), "relative", unit=unit, offset=FORWARD_WORDS[word], part=part
    )


def build_part_of_year(m: re.Match[str], text: str) -> FoundTime:
    """ "đầu năm", "cuối năm" with no year named: the article's year ("hồi đầu năm")."""
    if word_before(text, m.start()) in _QUANTIFIERS:
        return FoundTime(m.start(), m.end(), "vague")  # "mỗi cuối năm": every year
    part = part_name(group(m, "part"))
    return FoundTime(m.start(), m.end(), "relative", unit="year", offset=0, part=part)


def build_weekday(m: re.Match[str], text: str) -> FoundTime | None:
    word = " ".join((group(m, "wd") or "").split())
    prefix = group(m, "pfx")
    lower = word.lower()
    if lower.startswith("chủ"):
        weekday = 6
    else:
        name = word.split()[1]
        capitalised = name[0].isupper()
        if not prefix:
            if not capitalised or word_before(text, m.start()) in ORDINAL_NOUNS:
                return None
            if name.isdigit():
                return None
        weekday = WEEKDAYS[name.lower()]
    found = FoundTime(
        m.start(), m.end(), "weekday", weekday=weekday, past_marked="hôm" in (prefix or "").lower()
    )
    week = group(m, "wk")
    if week:
        found.unit = "week"
        found.offset = FORWARD_WORDS[" ".join(week.lower().split()[1:])]
        found.direction = 9  # the week is named: no choosing between past and future
    return found


def build_ago(m: MatchLike, text: str) -> FoundTime:
    n = number_value(group(m, "n") or "")
    unit = unit_name(group(m, "unit") or "ngày")
    if n is None:
        return FoundTime(m.start(), m.end(), "vague")
    return FoundTime(
        m.start(), m.end(), "ago", unit=unit, offset=-n, approximate=bool(group(m, "approx"))
    )


def build_span(m: re.Match[str], text: str) -> FoundTime:
    n = number_value(group(m, "n") or "")
    unit = unit_name(group(m, "unit") or "ngày")
    word = " ".join((group(m, "w") or "").lower().split())
    forward = word in {"tới", "sắp tới", "tiếp theo"}
    if n is None:
        return FoundTime(m.start(), m.end(), "vague")
    return FoundTime(
        m.start(),
        m.end(),
        "span",
        unit=unit,
        offset=n if forward else -n,
        approximate=bool(group(m, "approx")),
    )


def build_previous_count(m: MatchLike, text: str) -> FoundTime:
    n = number_value(group(m, "n") or "")
    unit = unit_name(group(m, "unit") or "ngày")
    direction = -1 if (group(m, "dir") or "sau").lower() == "trước" else 1
    if n is None:
        return FoundTime(m.start(), m.end(), "vague")
    return FoundTime(m.start(), m.end(), "previous", unit=unit, offset=direction * n)


def build_previous_day(m: re.Match[str], text: str) -> FoundTime:
    offset = -1 if "trước" in m.group(0).lower() else 1
    return FoundTime(m.start(), m.end(), "previous", unit="day", offset=offset)


def build_same(m: re.Match[str], text: str) -> FoundTime:
    return FoundTime(
        m.start(), m.end(), "previous", unit=UNIT_NAMES[(group(m, "unit") or "").lower()]
    )


def build_vague(m: re.Match[str], text: str) -> FoundTime:
    return FoundTime(m.start(), m.end(), "vague")


class Renamed:
    """A match whose numbered alternatives (n2, unit2, ...) read as n, unit, dir, approx."""

    def __init__(self, match: re.Match[str]) -> None:
        self._m = match
        groups = match.groupdict()
        merged: dict[str, str | None] = {}
        for key, value in groups.items():
            base = key.rstrip("0123456789")
            if value is not None or base not in merged:
                merged[base] = value if value is not None else merged.get(base)
        self._groups = merged

    def groupdict(self) -> dict[str, str | None]:
        return self._groups

    def start(self) -> int:
        return self._m.start()

    def end(self) -> int:
        return self._m.end()


def build_english_either(m: re.Match[str], text: str) -> FoundTime | None:
    return build_english(Renamed(m), text)


def build_relative_day_either(m: re.Match[str], text: str) -> FoundTime:
    return build_relative_day(Renamed(m), text)
