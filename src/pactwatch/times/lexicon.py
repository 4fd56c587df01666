"""Word lists and regular-expression building blocks of the time grammar.

Every list here was written for Vietnamese news and checked by hand; nothing is
taken from third-party language data (dateparser's Vietnamese tables have errors).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from pactwatch.datacache import load_yaml
from pactwatch.errors import PactwatchError

DAY = r"(?:0?[1-9]|[12]\d|3[01])"
MONTH = r"(?:0?[1-9]|1[0-2])"
YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
# A number that does not continue another token ("1,086", "v2.3", "12:30").
NUM_START = r"(?<![\w/.,:+-])"
# ...and does not run on into digits, letters, a slash or a percent sign.
NUM_END = r"(?![\w/%]|[.,:]\d)"
DAYTIME = r"(?:(?:rạng\s+)?sáng|trưa|chiều|tối|đêm|khuya)"
# "ngày", "hôm", "sáng", "tối ngày", "vào ngày" before a day-month
DAY_PREFIX = rf"(?:(?:{DAYTIME}\s+|vào\s+)?(?:ngày|hôm)\s+|{DAYTIME}\s+)"
PART = r"(?P<part>đầu|giữa|cuối|thượng\s+tuần|trung\s+tuần|hạ\s+tuần)"
UNIT = r"(?P<unit>ngày|tuần|tháng|năm|thập\s+(?:niên|kỷ|kỉ))"
NUMBER = (
    r"(?P<n>\d{1,3}|mười\s+(?:một|hai|ba|bốn|lăm|năm|sáu|bảy|tám|chín)|hai\s+mươi|ba\s+mươi"
    r"|một|hai|ba|bốn|tư|năm|sáu|bảy|bẩy|tám|chín|mười|nửa|vài|mấy|ít|dăm|nhiều|hàng)"
)
APPROX = r"(?P<approx>(?:khoảng|gần|hơn|chừng|ngót|trên|ít\s+nhất)\s+)?"
REL_YEAR = r"(?P<rel>năm\s+(?:ngoái|nay|trước|tới|sau|rồi))"
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
EN_MONTH_FULL = "(?-i:" + "|".join(EN_MONTHS) + ")"
EN_MONTH_ANY = (
    "(?-i:" + "|".join(EN_MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)

NUMBER_WORDS: dict[str, int] = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}
# Quantities that give no number: "vài ngày", "mấy tuần", "ít ngày", "hàng năm".
VAGUE_NUMBERS = frozenset({"vài", "mấy", "ít", "dăm", "nhiều", "hàng", "nửa"})
UNIT_NAMES = {"ngày": "day", "tuần": "week", "tháng": "month", "năm": "year"}
PART_NAMES = {
    "đầu": "early",
    "thượng tuần": "early",
    "giữa": "mid",
    "trung tuần": "mid",
    "cuối": "late",
    "hạ tuần": "late",
}
WEEKDAYS = {
    "hai": 0,
    "ba": 1,
    "tư": 2,
    "năm": 3,
    "sáu": 4,
    "bảy": 5,
    "2": 0,
    "3": 1,
    "4": 2,
    "5": 3,
    "6": 4,
    "7": 5,
}
MONTH_WORDS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
}
ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# Words after which "thứ hai/ba..." is an ordinal, not a weekday.
ORDINAL_NOUNS = frozenset(
    [
        "lần",
        "năm",
        "người",
        "vị",
        "hạng",
        "khóa",
        "kỳ",
        "nhiệm",
        "giới",
        "chiến",
        "lớp",
        "đợt",
        "vòng",
        "phiên",
        "số",
        "tầng",
        "điều",
        "đời",
        "trí",
        "thế",
        "bậc",
        "cấp",
        "chặng",
        "mùa",
        "tập",
        "phần",
        "chương",
        "quý",
        "ngày",
        "tháng",
        "tuần",
    ]
)
# Words that make a bare "2/3" a quantity ("2/3 số phiếu", "1/4 dân số").
FRACTION_FOLLOWERS = frozenset(
    [
        "số",
        "dân",
        "phiếu",
        "tổng",
        "diện",
        "lãnh",
        "trong",
        "phần",
        "thành",
        "cử",
        "người",
        "ghế",
        "nước",
        "quốc",
        "lượng",
        "ca",
        "trường",
        "đại",
        "nghị",
        "thu",
        "chi",
        "ngân",
        "sản",
        "các",
        "những",
        "của",
        "là",
    ]
)
# Words before a bare "14/12" that make it a date.
BARE_DATE_LEADS = frozenset(
    [
        "vào",
        "từ",
        "đến",
        "tới",
        "trước",
        "sau",
        "đầu",
        "cuối",
        "giữa",
        "hạn",
        "tối",
        "sáng",
        "chiều",
        "trưa",
        "đêm",
        "hôm",
        "ngày",
        "và",
        "hoặc",
        "on",
    ]
)
# "trước" that is a preposition: "3 ngày trước khi", "2 tuần trước cuộc bầu cử".
BEFORE_NOUNS = (
    r"đó|đấy|khi|lúc|nữa|ngày|cuộc|sự|lễ|thềm|hạn|thời|kỳ|đợt|chuyến|hội|phiên|vòng|bầu|"
    r"chiến|hạn|giờ|mùa|tết|Tết"
)

FORWARD_WORDS = {
    "tới": 1,
    "sau": 1,
    "này": 0,
    "nay": 0,
    "vừa qua": -1,
    "qua": -1,
    "trước": -1,
    "ngoái": -1,
    "rồi": -1,
    "sau nữa": 2,
}


def number_value(word: str) -> int | None:
    """The integer a number word or numeral names; None for "vài", "mấy"..."""
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    if word in VAGUE_NUMBERS:
        return None
    if word.startswith("mười "):
        return 10 + NUMBER_WORDS[word.split()[1]]
    if word.endswith(" mươi"):
        return 10 * NUMBER_WORDS[word.split()[0]]
    return NUMBER_WORDS.get(word)


def unit_name(word: str) -> str:
    word = " ".join(word.lower().split())
    return "decade" if word.startswith("thập") else UNIT_NAMES[word]


def part_name(word: str | None) -> str | None:
    return PART_NAMES[" ".join(word.lower().split())] if word else None


def rel_year_offset(rel: str | None) -> int | None:
    """The year offset of "năm ngoái" (-1), "năm nay" (0), "năm tới" (+1)."""
    if not rel:
        return None
    word = rel.lower().split()[-1]
    return FORWARD_WORDS[word]


def word_before(text: str, pos: int) -> str:
    """The word (or single punctuation mark) just before ``pos``, lower-cased."""
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "_"):
        j -= 1
    if j == i and i > 0:
        return text[i - 1]
    return text[j:i].lower()


def word_after(text: str, pos: int) -> str:
    i = pos
    while i < len(text) and text[i] in " \t":
        i += 1
    j = i
    while j < len(text) and text[j].isalnum():
        j += 1
    if j == i and i < len(text):
        return text[i]
    return text[i:j].lower()


@cache
def story_dates(language: str | None) -> bool:
    """Does the language's news leave out the year of dates in a story told in an
    earlier year (``data/lang/<code>/times.yaml`` ``story_dates``)? No pack: False."""
    code = (language or "vi").split("-")[0].casefold()
    try:
        raw = resources.files("pactwatch").joinpath("data", "lang", code, "times.yaml").read_text(
            encoding="utf-8"
        )
    except OSError:
        return False
    data = load_yaml(raw, f"lang-{code}-times.yaml")
    if not isinstance(data, dict) or not data.get("source"):
        raise PactwatchError("E052", f"lexicon {code}/times.yaml: expected a mapping with a 'source' field")
    return bool(data.get("story_dates"))
