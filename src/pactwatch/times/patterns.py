"""The grammar of Vietnamese (and English-in-Vietnamese) time expressions.

Each rule is one compiled regular expression plus a builder that turns a match
into a :class:`FoundTime` (or rejects it on context: "2/3 số phiếu" is a ratio,
"lần thứ hai" an ordinal). :func:`find_times` runs every rule, keeps the longest
match where matches overlap, and folds a bracketed clarification ("tháng trước
(03/2023)") into the expression before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pactwatch.times.builders import (
    Renamed,
    build_ago,
    build_bare_day_month,
    build_day_month,
    build_day_range,
    build_decade,
    build_english,
    build_english_either,
    build_full_date,
    build_month,
    build_part_of_year,
    build_previous_count,
    build_previous_day,
    build_quarter,
    build_relative_day_either,
    build_relative_unit,
    build_same,
    build_span,
    build_vague,
    build_weekday,
    build_year,
    build_year_range,
    group_int,
    past_marked,
)
from pactwatch.times.lexicon import (
    APPROX,
    BEFORE_NOUNS,
    DAY,
    DAY_PREFIX,
    DAYTIME,
    EN_MONTH_ANY,
    EN_MONTH_FULL,
    MONTH,
    NUM_END,
    NUM_START,
    NUMBER,
    PART,
    REL_YEAR,
    UNIT,
    YEAR,
)
from pactwatch.times.model import Clarification, FoundTime

# -- rules ----------------------------------------------------------------------
Builder = Callable[[re.Match[str], str], FoundTime | None]


@dataclass(frozen=True)
class Rule:
    """A pattern, the builder of its matches, and a cheap gate.

    The gate is a short pattern that starts with a digit or a literal and that every
    match of ``pattern`` contains; the full pattern only runs around gate hits, which
    keeps the stage fast on long texts with few time expressions.
    """

    name: str
    pattern: re.Pattern[str]
    build: Builder
    gate: re.Pattern[str]
    # lower-case strings of which every match contains one; none in the text: skip
    needles: tuple[str, ...] = ()


def _rule(name: str, pattern: str, build: Builder) -> Rule:
    return Rule(
        name, re.compile(pattern, re.IGNORECASE), build, re.compile(GATES[name]), NEEDLES[name]
    )


# Gates: word endings ("háng" for "tháng"/"Tháng") keep them case-sensitive and fast.
GATES: dict[str, str] = {
    "full-date": r"[/.-]\d{1,2}[/.-][12]\d{3}",
    "worded-date": r"(?<=\d)\s+(?:[Tt]háng|THÁNG)\s+\d",
    "day-range": r"[-–]\s*\d{1,2}\s*/\s*\d|(?:đến|tới)\s+(?:ngày\s+)?\d{1,2}\s*/\s*\d",
    "day-month": r"\d(?:\s?[/-]\s?|\.)\d",
    "bare-day-month": r"\d/\d",
    "month-year": r"(?:háng|HÁNG)\s+\d{1,2}\s*(?:[/.-]|,?\s*(?:năm|NĂM))\s*\d",
    "month": r"(?:háng|HÁNG)\s+[\dMHBTNSC]",
    "year": r"(?:ăm|ĂM|khóa|KHÓA)\s+[12]\d{3}",
    "bare-year": r"(?:ừ|ến|ới|ào|rong|ồi|uối|ầu|iữa)\s+[12]\d{3}",
    "year-list": r"\d{4}(?:,| và| hoặc) [12]\d{3}",
    "part-of-year": r"(?:ầu|iữa|uối|ẦU|IỮA|UỐI)\s+(?:năm|NĂM)",
    "year-range": r"[12]\d{3}\s*(?:-|–|đến|tới)\s*(?:năm\s+)?[12]\d{3}",
    "quarter": r"(?:u[ýí]|U[ÝÍ])\s+[IV1-4]",
    "decade": r"(?:ập|ẬP)\s+(?:niên|kỷ|kỉ|NIÊN|KỶ)\s+\d|(?:ững|ác|ỮNG|ÁC)\s+(?:năm|NĂM)\s+\d",
    "english-date": r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)",
    "english-month": r"(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)",
    "relative-day": r"(?:ôm\s+(?:nay|qua|kia)|gày\s+(?:mai|kia)|ữa\s+(?:nay|qua)"
    r"|(?:áng|ưa|iều|ối|êm|uya)\s+(?:nay|qua|mai))",
    "relative-unit": r"(?:(?:uần|háng|ăm|u[ýí])\s+(?:này|nay|trước|ngoái|tới|sau|rồi|vừa|qua|đó|ấy))",
    "weekday": r"hứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|[2-7])|hủ\s+[Nn]hật",
    "ago": r"(?:ách\s+đây|(?:gày|uần|háng|ăm|niên|kỷ|kỉ)\s+(?:về\s+)?trước)",
    "span": r"(?:(?:gày|uần|háng|ăm|niên|kỷ|kỉ)\s+(?:qua|vừa|gần|trở|nay|sắp|tới|tiếp))",
    "previous-count": r"(?:(?:trước|sau)\s+(?:đó|đấy)|(?:gày|uần|háng|ăm|niên|kỷ|kỉ)\s+sau"
    r"|au\s+đó)",
    "previous-day": r"(?:ôm\s+(?:sau|trước)|gày\s+(?:sau|trước)\s+đó)",
    "same-unit": r"(?:ùng\s+(?:ngày|tuần|tháng|năm))",
    "vague": r"(?:(?:gian|dạo|gày|uần|háng|ăm)\s+(?:qua|gần|tới|sắp|vừa|nay|trở)|ần\s+đây"
    r"|ới\s+đây|ắp\s+tới|ương\s+lai|ách\s+đây\s+không|ập\s+(?:niên|kỷ|kỉ)|ừ\s+lâu)",
}


_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_UNITS = ("ngày", "tuần", "tháng", "năm", "niên", "kỷ", "kỉ")
NEEDLES: dict[str, tuple[str, ...]] = {
    "full-date": (),
    "worded-date": ("tháng",),
    "day-range": ("/",),
    "day-month": ("/", "-", "."),
    "bare-day-month": ("/",),
    "month-year": ("tháng",),
    "month": ("tháng",),
    "year": ("năm", "khóa"),
    "bare-year": ("từ", "đến", "tới", "vào", "trong", "hồi", "cuối", "đầu", "giữa"),
    "year-list": ("năm",),
    "part-of-year": ("đầu năm", "giữa năm", "cuối năm"),
    "year-range": ("-", "–", "đến", "tới"),
    "quarter": ("quý", "quí"),
    "decade": ("thập", "những năm", "các năm"),
    "english-date": _EN,
    "english-month": _EN,
    "relative-day": ("nay", "qua", "kia", "mai"),
    "relative-unit": ("tuần", "tháng", "năm", "quý", "quí"),
    "weekday": ("thứ", "chủ nhật"),
    "ago": ("cách đây", "trước"),
    "span": _UNITS,
    "previous-count": ("trước đó", "sau đó", "trước đấy", "sau đấy", "sau"),
    "previous-day": ("hôm sau", "hôm trước", "sau đó", "trước đó"),
    "same-unit": ("cùng",),
    "vague": (
        "qua",
        "gần",
        "tới",
        "sắp",
        "vừa",
        "nay",
        "trở",
        "mới đây",
        "tương lai",
        "thập",
        "lâu",
    ),
}


RULES: tuple[Rule, ...] = (
    _rule(
        "full-date",
        rf"(?P<pfx>{DAY_PREFIX})?{NUM_START}(?P<d>{DAY})(?P<sep>[/.-])(?P<m>{MONTH})(?P=sep)"
        rf"(?P<y>{YEAR})(?!\d)(?P<clock>,?\s*(?:lúc\s+)?\d{{1,2}}[:h]\d{{2}}(?![\d:]))?",
        build_full_date,
    ),
    _rule(
        "worded-date",
        rf"(?:(?P<pfx>{DAY_PREFIX}){NUM_START}(?P<d>{DAY})\s+tháng\s+(?P<m>{MONTH})"
        rf"(?:\s*,?\s*năm\s+(?P<y>{YEAR}))?|{NUM_START}(?P<d2>{DAY})\s+tháng\s+(?P<m2>{MONTH})"
        rf"\s*,?\s*năm\s+(?P<y2>{YEAR}))(?!\d)",
        lambda m, t: FoundTime(
            m.start(),
            m.end(),
            "date",
            day=int(m["d"] or m["d2"]),
            month=int(m["m"] or m["m2"]),
            year=group_int(m, "y") or group_int(m, "y2"),
            past_marked=past_marked(m, t),
        ),
    ),
    _rule(
        "day-range",
        rf"(?:(?P<pfx>{DAY_PREFIX})(?:từ\s+)?|từ\s+(?:ngày\s+)?){NUM_START}(?P<d>{DAY})\s*"
        rf"(?:-|–|đến|tới)\s*(?:ngày\s+)?(?P<d2>{DAY})\s*/\s*(?P<m>{MONTH})(?:/(?P<y>{YEAR}))?"
        rf"{NUM_END}",
        build_day_range,
    ),
    _rule(
        "day-month",
        rf"(?P<pfx>{DAY_PREFIX}){NUM_START}(?P<d>{DAY})(?:\s?[/-]\s?|\.)(?P<m>{MONTH})"
        rf"(?!\s?[/.-]\s?\d){NUM_END}(?:\s+{REL_YEAR}(?!\w)|\s*,?\s*năm\s+(?P<y>{YEAR})(?!\d))?",
        build_day_month,
    ),
    _rule(
        "bare-day-month", rf"{NUM_START}(?P<d>{DAY})/(?P<m>{MONTH}){NUM_END}", build_bare_day_month
    ),
    _rule(
        "month-year",
        rf"(?:{PART}\s+)?tháng\s+(?P<m>{MONTH})\s*(?:[/.-]|,?\s*năm)\s*(?P<y>{YEAR})(?!\d)",
        build_month,
    ),
    _rule(
        "month",
        rf"(?:{PART}\s+)?tháng\s+(?P<m>{MONTH}(?![\w/]|[.,-]\d|\s?[/-]\s?\d)"
        r"|(?-i:Mười\s+Một|Mười\s+Hai|Một|Hai|Ba|Tư|Năm|Sáu|Bảy|Tám|Chín|Mười)(?!\w))"
        rf"(?:\s+(?P<rel>năm\s+(?:ngoái|nay|trước|tới|sau|rồi)|tới|này|vừa\s+qua)(?!\w)"
        rf"|\s*,?\s*năm\s+(?P<y>{YEAR})(?!\d))?",
        build_month,
    ),
    _rule(
        "year",
        rf"(?:{PART}\s+)?(?:năm|niên\s+khóa)\s+(?P<y>{YEAR})(?!\s*[-–]\s*\d)(?![\d]|[.,]\d)",
        build_year,
    ),
    _rule(
        "bare-year",
        rf"(?<!\w)(?:từ|đến|tới|vào|trong|hồi|cuối|đầu|giữa)\s+(?P<y>{YEAR})"
        r"(?=\s*(?:[,.;:)!?]|$|và\s|đến\s|tới\s|trở\s+đi|nay))",
        build_year,
    ),
    _rule(
        # the second year of "năm 2018 và 2019", "năm 2014, 2015"
        "year-list",
        rf"(?:(?<=năm \d{{4}} và )|(?<=năm \d{{4}}, )|(?<=năm \d{{4}} hoặc ))"
        rf"(?P<y>{YEAR})(?!\d|[.,]\d|\s*[-–/])",
        build_year,
    ),
    _rule(
        # "hồi đầu năm", "vào cuối năm": this year; "đầu năm nay/ngoái/2020", "cuối năm
        # học" and "đầu năm mới" are other rules' or no calendar value
        "part-of-year",
        r"(?<!\w)(?P<part>đầu|giữa|cuối)\s+năm(?!\s*\d)"
        r"(?!\s+(?:nay|ngoái|trước|tới|sau|rồi|qua|đó|ấy|học|tài|mới|âm|dương|xưa|nào|kia"
        r"|này|tuổi|sinh|thứ|đầu|cũ|nhuận)(?!\w))(?!\w)",
        build_part_of_year,
    ),
    _rule(
        "year-range",
        rf"(?:năm|giai\s+đoạn|nhiệm\s+kỳ|từ\s+năm|từ)\s+(?P<y>{YEAR})\s*(?:-|–|đến|tới)\s*"
        rf"(?:năm\s+)?(?P<y2>{YEAR})(?!\d)",
        build_year_range,
    ),
    _rule(
        "quarter",
        rf"(?:{PART}\s+)?qu[ýí]\s+(?P<q>(?-i:IV|III|II|I)|[1-4])(?!\w)"
        rf"(?:\s*(?:[/-]|,?\s*năm)\s*(?P<y>{YEAR})(?!\d)"
        rf"|\s+(?P<rel>năm\s+(?:ngoái|nay|trước|tới|sau|rồi)|tới|này|vừa\s+qua)(?!\w))?",
        build_quarter,
    ),
    _rule(
        "decade",
        rf"(?:{PART}\s+)?(?:thập\s+(?:niên|kỷ|kỉ)|(?:những|các)\s+năm)\s+"
        rf"(?P<dec>(?:1[5-9]|20)?\d0)(?:s)?(?!\d|[.,]\d)"
        r"(?:\s+(?:của\s+)?thế\s+kỷ\s+(?P<cent>trước|XX|20|XXI|21|này)(?!\w))?",
        build_decade,
    ),
    _rule(
        "english-date",
        rf"(?P<mon>{EN_MONTH_ANY})\s+(?P<d>{DAY})(?:st|nd|rd|th)?,?\s+(?P<y>{YEAR})(?!\d)"
        rf"|{NUM_START}(?P<d2>{DAY})(?:st|nd|rd|th)?\s+(?P<mon2>{EN_MONTH_ANY}),?\s+"
        rf"(?P<y2>{YEAR})(?!\d)",
        lambda m, t: build_english_either(m, t),
    ),
    _rule(
        "english-month",
        rf"(?<![\w])(?P<mon>{EN_MONTH_FULL})(?:\s+(?P<d>{DAY})(?:st|nd|rd|th)?(?!\w)"
        rf"|,?\s+(?P<y>{YEAR})(?!\d))",
        build_english,
    ),
    _rule(
        "relative-day",
        rf"(?:(?:{DAYTIME}\s+)?(?:ngày\s+)?(?P<w>hôm\s+nay|hôm\s+qua|hôm\s+kia|ngày\s+mai"
        rf"|ngày\s+kia|bữa\s+nay|bữa\s+qua)|{DAYTIME}\s+(?P<w2>nay|qua|mai))(?!\w)",
        lambda m, t: build_relative_day_either(m, t),
    ),
    _rule(
        "relative-unit",
        rf"(?:{PART}\s+)?(?P<unit>tuần|tháng|năm|qu[ýí])\s+"
        r"(?P<w>này|nay|trước|ngoái|tới|sau\s+nữa|sau|rồi|vừa\s+qua|qua|đó|ấy)(?!\w)"
        r"(?!\s+(?:khi|đó|lúc)(?!\w))",
        build_relative_unit,
    ),
    _rule(
        "weekday",
        rf"(?:(?P<pfx>(?:(?:{DAYTIME}|hôm|ngày|vào)\s+)+))?"
        r"(?P<wd>thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)(?!\w)"
        r"(?:\s+(?P<wk>tuần\s+(?:này|trước|tới|sau|rồi|vừa\s+qua))(?!\w))?",
        build_weekday,
    ),
    _rule(
        "ago",
        rf"cách\s+đây\s+{APPROX}{NUMBER}\s+{UNIT}(?:\s+(?:về\s+)?trước)?(?!\w)"
        rf"|(?<!\w){APPROX.replace('approx', 'approx2')}"
        rf"{NUMBER.replace('<n>', '<n2>')}\s+{UNIT.replace('unit', 'unit2')}\s+(?:về\s+)?trước"
        rf"(?!\w)(?!\s*(?:{BEFORE_NOUNS})(?!\w))",
        lambda m, t: build_ago(Renamed(m), t),
    ),
    _rule(
        "span",
        rf"(?:(?:trong|suốt)\s+)?{APPROX}(?<!\w){NUMBER}\s+{UNIT}\s+"
        r"(?P<w>vừa\s+qua|qua|gần\s+đây|gần\s+nhất|trở\s+lại\s+đây|nay|sắp\s+tới|tới|tiếp\s+theo)"
        r"(?!\w)",
        build_span,
    ),
    _rule(
        "previous-count",
        rf"(?<!\w){NUMBER}\s+{UNIT}\s+(?P<dir>trước|sau)\s+(?:đó|đấy)(?!\w)"
        rf"|(?<!\w){NUMBER.replace('<n>', '<n2>')}\s+{UNIT.replace('unit', 'unit2')}\s+"
        r"(?P<dir2>sau)(?=\s*[,.;:!?)]|\s*$)"
        rf"|sau\s+đó\s+{NUMBER.replace('<n>', '<n3>')}\s+{UNIT.replace('unit', 'unit3')}(?!\w)",
        lambda m, t: build_previous_count(Renamed(m), t),
    ),
    _rule(
        "previous-day",
        r"(?:ngày\s+)?hôm\s+sau|ngày\s+hôm\s+trước|ngày\s+(?:sau|trước)\s+đó(?!\w)",
        build_previous_day,
    ),
    _rule(
        "same-unit",
        r"(?:(?:trong|vào)\s+)?cùng\s+(?P<unit>ngày|tuần|tháng|năm)(?!\w)"
        r"(?!\s+(?:với|lúc|\d))",
        build_same,
    ),
    _rule(
        "vague",
        r"(?:thời\s+gian|dạo|(?:những|các|mấy|nhiều)\s+(?:ngày|tuần|tháng|năm))\s+"
        r"(?:qua|gần\s+đây|tới|sắp\s+tới|vừa\s+qua|nay|trở\s+lại\s+đây)(?!\w)"
        r"|gần\s+đây|mới\s+đây|sắp\s+tới|trong\s+tương\s+lai(?:\s+gần)?"
        r"|cách\s+đây\s+không\s+lâu|(?:hàng|nhiều)\s+thập\s+(?:niên|kỷ|kỉ)|từ\s+lâu",
        build_vague,
    ),
)


# -- bracketed clarifications ---------------------------------------------------
_BRACKET = re.compile(r"\s*\(\s*([^()\n]{1,24}?)\s*\)")
_AFTER_WEEKDAY = re.compile(
    rf",?\s*(?:ngày\s+)?{NUM_START}(?P<d>{DAY})[/-](?P<m>{MONTH})(?:[/-](?P<y>{YEAR}))?{NUM_END}",
    re.IGNORECASE,
)
_CLARIFICATION = re.compile(
    rf"(?:(?:ngày|hôm)\s+)?(?P<d>{DAY})[/.-](?P<m>{MONTH})(?:[/.-](?P<y>{YEAR}))?"
    rf"|(?:tháng\s+)?(?P<m2>{MONTH})[/.-](?P<y2>{YEAR})"
    rf"|(?:năm\s+)?(?P<y3>{YEAR})",
    re.IGNORECASE,
)


def parse_clarification(inside: str) -> Clarification | None:
    m = _CLARIFICATION.fullmatch(inside.strip())
    if not m:
        return None
    if m["d"]:
        return Clarification(int(m["d"]), int(m["m"]), int(m["y"]) if m["y"] else None)
    if m["m2"]:
        return Clarification(None, int(m["m2"]), int(m["y2"]))
    return Clarification(None, None, int(m["y3"]))


# Kinds whose meaning a clarification may sharpen (an absolute "năm 1999 (1999)" gains nothing).
_CLARIFIABLE = frozenset({"relative", "weekday", "ago", "previous", "month", "date", "quarter"})


def _attach_clarification(found: FoundTime, text: str) -> None:
    if found.kind == "weekday" or found.kind == "relative" and found.unit == "day":
        # "thứ Hai, ngày 14/10", "sáng nay 18/12": the day follows without brackets
        m = _AFTER_WEEKDAY.match(text, found.end)
        if m:
            found.clarification = Clarification(
                int(m["d"]), int(m["m"]), int(m["y"]) if m["y"] else None
            )
            found.end = m.end()
            return
    if found.kind not in _CLARIFIABLE:
        return
    m = _BRACKET.match(text, found.end)
    if not m:
        return
    clar = parse_clarification(m.group(1))
    if clar is not None:
        found.clarification = clar
        found.end = m.end()


# How far before and after a gate hit a rule's match may reach (prefixes such as
# "cũng trong", "rạng sáng ngày"; tails such as "tuần trước", "của thế kỷ trước").
_LEAD, _TAIL = 40, 60


def _last_cut(text: str, start: int, end: int) -> int:
    """``max(text.rfind(" ", start, end), text.rfind("\\n", start, end))``, searched back in
    windows that double: a text with no line break made each search run to its start."""
    width = 64
    while True:
        lo = max(start, end - width)
        found = max(text.rfind(" ", lo, end), text.rfind("\n", lo, end))
        if found >= 0 or lo == start:
            return found
        width *= 2


def _first_cut(text: str, start: int, end: int) -> int:
    """The first of " " and "\\n" in [start, end), or -1; searched in windows that double."""
    width = 64
    while True:
        hi = min(end, start + width)
        cuts = [c for c in (text.find(" ", start, hi), text.find("\n", start, hi)) if c >= 0]
        if cuts or hi == end:
            return min(cuts) if cuts else -1
        width *= 2


def _windows(gate: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Disjoint stretches of text around the gate's hits, cut at spaces or line ends."""
    windows: list[tuple[int, int]] = []
    last_right = -1  # the cut the hit before ended at: no cut between its reach and it
    for hit in gate.finditer(text, start, end):
        left = max(start, hit.start() - _LEAD)
        if left > start:
            # a cut before the window before ours only joins the two: look back no further
            # (in a text without spaces every search ran back to its start)
            floor = max(start, windows[-1][1] - 1) if windows else start
            cut = _last_cut(text, floor, left)
            left = cut + 1 if cut >= 0 else floor
        right = min(end, hit.end() + _TAIL)
        if right <= last_right:
            right = last_right  # the next cut is the one found for the hit before
        else:
            cut = _first_cut(text, right, end)
            right = cut if cut >= 0 else end
        last_right = right
        if windows and left <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], right))
        else:
            windows.append((left, right))
    return windows


def find_times(
    text: str, start: int = 0, end: int | None = None, rules: tuple[Rule, ...] = RULES
) -> list[FoundTime]:
    """Every time expression in ``text[start:end]``, in text order, never overlapping."""
    end = len(text) if end is None else end
    candidates: list[tuple[int, int, int, re.Match[str], Rule]] = []
    lowered = text[start:end].lower()
    for order, rule in enumerate(rules):
        if rule.needles and not any(needle in lowered for needle in rule.needles):
            continue
        for window_start, window_end in _windows(rule.gate, text, start, end):
            for m in rule.pattern.finditer(text, window_start, window_end):
                if m.end() > m.start():
                    candidates.append((m.start(), -(m.end() - m.start()), order, m, rule))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    found: list[FoundTime] = []
    taken_until = start
    for s, _neg_len, _order, m, rule in candidates:
        if s < taken_until:
            continue
        item = rule.build(m, text)
        if item is None:
            continue
        _attach_clarification(item, text)
        found.append(item)
        taken_until = item.end
    return found
