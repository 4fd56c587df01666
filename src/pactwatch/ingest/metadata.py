"""Metadata read from the article text: bylines, translators, credited sources,
original publishers, photo credits and outlet leads.

Every function takes one line or paragraph of normalised text and returns what
it states, or None when the line is not that kind of line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from pactwatch.ingest.outlets import canonical_outlet_name, outlet_by_name
from pactwatch.ingest.reading_notes import warn

# Words that introduce a source name and are not part of it ("hãng tin TASS").
_SOURCE_PREFIXES = re.compile(
    r"^(?:các |những )?(?:hãng thông tấn|hãng tin|thông tấn xã|tờ báo|tờ|báo điện tử|báo|"
    r"trang tin|trang web|trang|đài truyền hình|đài phát thanh|đài|kênh truyền hình|kênh|"
    r"tạp chí|tập đoàn truyền thông|mạng tin|mạng xã hội|mạng|nhật báo|tuần báo|tạp san)\s+"
)
_LIST_SEPARATORS = re.compile(r"\s*(?:,|;|/|\s-\s|(?<=\w)-\s|\s–\s|\s+và\s+|\s+and\s+|\s+&\s+)\s*")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")


def split_names(text: str) -> list[str]:
    """ "WSJ, Moscow Times và NBC News" -> ["WSJ", "Moscow Times", "NBC News"]."""
    names = []
    for piece in _LIST_SEPARATORS.split(text.strip().strip("()[].").strip()):
        piece = _SOURCE_PREFIXES.sub("", piece.strip().strip("().").strip())
        if piece:
            names.append(piece)
    return names


def looks_like_name(text: str, *, max_words: int = 6) -> bool:
    """A proper name: 1..max_words words, each starting upper-case (or an all-caps
    acronym, or a connective such as "de", "of"), no digits, no sentence punctuation."""
    words = text.split()
    if not 1 <= len(words) <= max_words or re.search(r"[!?;:\"“”]|(?<![A-ZĐ])\.\s", text):
        return False
    for word in words:
        if word.lower() in {"de", "of", "the", "von", "van", "der", "al", "bin", "la", "le"}:
            continue
        if not _NAME_WORD.match(word) or not word[0].isupper():
            return False
    return True


# "Ông Putin" ends many a sentence fragment; a byline never starts with a form of address.
_HONORIFICS = frozenset(
    {"Ông", "Bà", "Ngài", "Chị", "Cụ", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr."}
)


def _inner_capital(word: str) -> bool:
    """A capital inside a word ("PhươngTheo", "NATO") is not how a person's name is
    written, except after a hyphen or apostrophe or in Mc/Mac ("O'Brien", "McCain")."""
    for i in range(1, len(word)):
        if word[i].isupper() and word[i - 1] not in "-'’" and word[:i] not in ("Mc", "Mac"):
            return True
    return False


def looks_like_person_name(text: str) -> bool:
    """ "Thành Đạt", "Nguyễn Văn An", "Peter Bator": 2-5 capitalised words,
    none in capitals throughout (that would be an agency acronym)."""
    words = text.split()
    return (
        2 <= len(words) <= 5
        and words[0] not in _HONORIFICS
        and looks_like_name(text, max_words=5)
        and all(w[0].isupper() and not _inner_capital(w) for w in words)
    )


def source_names(text: str) -> list[str]:
    """Names in a credit list, when every item looks like a name; else []."""
    names = split_names(text)
    if names and all(looks_like_name(n) for n in names):
        return names
    return []


# --- photo credits -------------------------------------------------------------
_PHOTO_WORDS = (
    r"(?:Ảnh minh họa|Ảnh tư liệu|Ảnh chụp màn hình|Ảnh cắt từ clip|Ảnh chụp|Nguồn ảnh|Ảnh|"
    r"Đồ họa|Video|Photo|Photograph|Image|Credit)"
)
# "... năm 2025. Ảnh: Anadolu Agency/TTXVN" — the credit ends the paragraph.
_TRAILING_CREDIT = re.compile(
    rf"(?:^|(?<=[\s.,(\[]))[(\[]?\s*(?i:{_PHOTO_WORDS})\s*(?::\s*(?P<credit>[^()\[\]\n]{{1,80}}?))?"
    r"\s*[)\]]?\s*[.]?\s*$"
)
# "(Ảnh: Getty)" anywhere in a short paragraph.
_INNER_CREDIT = re.compile(
    rf"[(\[]\s*(?i:{_PHOTO_WORDS})\s*(?::\s*(?P<credit>[^()\[\]\n]{{1,80}}?))?\s*[)\]]"
)
# "(Nguồn: Pinterest)" closing a short paragraph: in a caption, "source" is the photo's.
_SOURCE_CREDIT = re.compile(r"\((?i:Nguồn)\s*:\s*(?P<credit>[^()\n]{1,60}?)\)\.?$")
_UNCREDITED_PHOTO = re.compile(r"(?i:ảnh (?:minh họa|tư liệu|chụp màn hình|cắt từ clip))")
_CREDIT_TAILS = re.compile(r"\s+(?:cung cấp|chụp|ghi|thực hiện|minh họa)$", re.IGNORECASE)
_CAPTION_MAX = 600
_INNER_CAPTION_MAX = 400


def _credit_names(credit: str | None) -> list[str]:
    if not credit:
        return []
    credit = credit.strip().rstrip(".").strip()
    if re.search(r"[.!?]\s", credit):  # a sentence, not a credit
        return []
    names = []
    for name in split_names(credit):
        name = _CREDIT_TAILS.sub("", name).strip()
        if name:
            names.append(name)
    return names


def photo_caption(paragraph: str) -> list[str] | None:
    """The photo credits of a caption paragraph, or None when it is not a caption.

    A caption ends with "Ảnh: X" (or "(Ảnh: X)", "Ảnh minh họa"), or holds a
    parenthesised "(Ảnh: X)" and is short.
    """
    if len(paragraph) > _CAPTION_MAX:
        return None
    match = _TRAILING_CREDIT.search(paragraph)
    if match:
        credit = match.group("credit")
        if credit is not None and _credit_names(credit):
            return _credit_names(credit)
        # Without a credit only the set phrases mark a caption ("Ảnh minh họa");
        # a sentence may well end with the word "ảnh" or "video".
        if credit is None and _UNCREDITED_PHOTO.search(match.group(0)):
            return []
    if len(paragraph) <= _INNER_CAPTION_MAX:
        inner = _INNER_CREDIT.search(paragraph)
        if inner:
            return _credit_names(inner.group("credit"))
        source = _SOURCE_CREDIT.search(paragraph)
        # A lone "(Nguồn: Reuters)" line credits the story, not a photo.
        if source and paragraph[: source.start()].strip():
            return _credit_names(source.group("credit"))
    return None


# --- outlet leads ----------------------------------------------------------------
# "(PLO)- Hãng Bloomberg ...", "(Dân trí) - ...", "TPO - ...", "VOV.VN - ..."
_PAREN_LEAD = re.compile(r"^\((?P<outlet>[^()\n\d]{2,40})\)\s*[-–—:]+\s*(?=\S)")
_CAPS_LEAD = re.compile(
    r"^(?P<outlet>[A-ZĐ][A-ZĐ0-9]{1,9}(?:\.(?:VN|vn|com|net))?)\s+[-–—]\s+(?=\S)"
)


def outlet_lead(paragraph: str) -> str | None:
    """The outlet named at the very start of a body paragraph, as the knowledge base names it."""
    match = _PAREN_LEAD.match(paragraph) or _CAPS_LEAD.match(paragraph)
    if not match:
        return None
    name = match.group("outlet").strip()
    if re.match(r"(?i)ảnh|photo|video", name):
        return None
    return canonical_outlet_name(name)


# --- closing credit lines ------------------------------------------------------------
@dataclass
class Credits:
    """What the closing lines of an article state."""

    authors: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    credited_sources: list[str] = field(default_factory=list)
    original_publisher: str | None = None
    photo_credits: list[str] = field(default_factory=list)

    def merge(self, other: Credits) -> None:
        self.authors.extend(other.authors)
        self.translators.extend(other.translators)
        self.credited_sources.extend(other.credited_sources)
        self.original_publisher = self.original_publisher or other.original_publisher
        self.photo_credits.extend(other.photo_credits)


_CONTRIBUTED = re.compile(
    r"^\(?(?:(?:Bản tin|Bài viết|Bài|Tin|Nội dung)\s+)?(?:có\s+)?(?:sự\s+)?"
    r"(?:đóng góp|sử dụng (?:thông tin|nguồn tin|tư liệu)|tham khảo(?: thông tin)?|tổng hợp)"
    r"\s+(?:của|từ|theo)\s+(?P<names>.+?)\)?\.?$",
    re.IGNORECASE,
)
_ACCORDING_TO = re.compile(
    r"^\(?(?:Theo|Nguồn|Nguồn tin|Source|Sources)\s*:?\s+(?P<names>.+?)\)?\.?$"
)
_TRANSLATED_BY = re.compile(
    r"^(?P<names>.+?)\s+(?:biên dịch|lược dịch|chuyển ngữ|dịch)"
    r"(?:\s*(?:&|và|,)\s*(?:tổng hợp|hiệu đính|biên tập))?\.?$"
)
_TRANSLATOR_LABEL = re.compile(
    r"^(?:Biên dịch|Lược dịch|Dịch giả|Người dịch|Dịch|Chuyển ngữ|Translated by)"
    r"\s*:?\s+(?P<names>.+?)\.?$",
    re.IGNORECASE,
)
_ORIGINAL = re.compile(
    r"^(?:Quý vị|Bạn đọc|Độc giả)?\s*(?:có thể\s+)?(?:tham khảo|xem|đọc)\s+(?:bài|bản)\s+"
    r"(?:gốc|tiếng Anh)"
    r"(?:\s+\(tiếng Anh\))?\s+(?:từ|tại|trên|của)\s+(?P<name>.+?)\.?$"
    r"|^(?:Bản gốc|Nguồn bản gốc|Bài gốc)\s*:\s*(?P<name2>.+?)\.?$",
    re.IGNORECASE,
)
# "... từ The Epoch Times (tiếng Anh)": the edition's language is not its name.
_LANGUAGE_NOTE = re.compile(r"\s*\(?\s*(?:bản\s+)?tiếng\s+\w+\s*\)?\s*$", re.IGNORECASE)
# Wire-service closing line: "(Reporting by Anna Smith and Ivan Petrov; Editing by ...)"
_REPORTING_BY = re.compile(r"^\(?(?:Reporting|Writing) by (?P<names>[^;()]+?)(?:;[^()]*)?\)?\.?$")
_AUTHOR_LABEL = re.compile(
    r"^(?:Bài|Bài và ảnh|Bài, ảnh|Tác giả|Thực hiện|Phóng viên|Nhóm phóng viên|By)"
    r"\s*:\s*(?P<names>.+?)\.?$"
)
# "Minh Phương (tổng hợp)", "Thanh Hà (Theo Reuters, AFP)"
_BYLINE = re.compile(r"^(?P<names>[^()]+?)\s*(?:\((?P<note>[^()]+)\))?\.?$")
_NOTE_ACCORDING = re.compile(r"^(?:Theo|Nguồn)\s*:?\s+(?P<names>.+)$", re.IGNORECASE)


def _person_spelling(name: str) -> str:
    """Bylines set in capitals ("MINH HÀ") -> "Minh Hà"; other names as written."""
    words = name.split()
    if 2 <= len(words) <= 5 and name.isupper() and outlet_by_name(name) is None:
        return " ".join(w[:1] + w[1:].lower() for w in words)
    return name


def _persons(text: str) -> list[str]:
    names = [_person_spelling(n) for n in split_names(text)]
    return names if names and all(looks_like_person_name(n) for n in names) else []


# Closing lines that credit nobody by name: "Tổng hợp", "Nhóm phóng viên", "PV".
_ANONYMOUS_CREDIT = re.compile(
    r"^\(?(?:tổng hợp|nhóm phóng viên|nhóm pv|phóng viên|p\.?v\.?|ctv|btv|nhóm tác giả)\)?\.?$",
    re.IGNORECASE,
)


_PHOTO_CREDIT = re.compile(r"^\(?(?:Ảnh|Nguồn ảnh|Photo)\s*:?\s+(?P<names>[^()]+?)\)?\.?$")
# "VOV-Moscow": an outlet and its bureau.
_BUREAU = re.compile(r"-[A-Z][\w ]{2,20}$")


def credit_line(line: str) -> Credits | None:
    """What a closing line states ("Thanh Nhã biên dịch", "Theo Reuters", a byline),
    or None when it is ordinary text."""
    line = line.strip()
    if not line or len(line) > 160:
        return None
    if _ANONYMOUS_CREDIT.match(line):
        return Credits()
    if m := _PHOTO_CREDIT.match(line):
        names = source_names(m.group("names"))
        return Credits(photo_credits=names) if names else None
    lone = _BUREAU.sub("", line.rstrip("."))
    if outlet_by_name(lone) is not None:
        return Credits(credited_sources=[lone])  # a lone agency name: "TTXVN", "VOV-Moscow"
    if m := _CONTRIBUTED.match(line):
        names = source_names(m.group("names"))
        return Credits(credited_sources=names) if names else None
    if m := _ORIGINAL.match(line):
        name = _LANGUAGE_NOTE.sub("", m.group("name") or m.group("name2") or "").strip()
        return Credits(original_publisher=name) if looks_like_name(name) else None
    if m := _REPORTING_BY.match(line):
        names = _persons(m.group("names"))
        return Credits(authors=names) if names else None
    if (m := _TRANSLATOR_LABEL.match(line)) or (m := _TRANSLATED_BY.match(line)):
        names = _persons(m.group("names"))
        return Credits(translators=names) if names else None
    if m := _ACCORDING_TO.match(line):
        names = source_names(m.group("names"))
        if names and all(looks_like_person_name(n) and not outlet_by_name(n) for n in names):
            # "Theo Lê Ngọc" above the outlet's name: the reporter of a reprinted story.
            return Credits(authors=names)
        return Credits(credited_sources=names) if names else None
    if m := _AUTHOR_LABEL.match(line):
        names = _persons(m.group("names"))
        return Credits(authors=names) if names else None
    return byline(line)


def byline(line: str) -> Credits | None:
    """A byline: person names, optionally with "(tổng hợp)" or "(Theo X, Y)"."""
    m = _BYLINE.match(line.strip())
    if not m:
        return None
    authors = _persons(m.group("names"))
    if not authors:
        return None
    credits = Credits(authors=authors)
    note = (m.group("note") or "").strip()
    if note:
        according = _NOTE_ACCORDING.match(note)
        if according:
            credits.credited_sources = source_names(according.group("names"))
        elif note.lower() not in {"tổng hợp", "tổng hợp/", "lược dịch", "biên dịch", "dịch"}:
            return None
    return credits


# "…ông nói.Thành ĐạtTheo Reuters, Sputnik", "Minh PhươngTổng hợp": a byline and a
# credit glued to the last sentence (web scrapes drop the line breaks between them).
_GLUED_CREDIT = re.compile(
    r"(?<=[^\W\d_]|[.!?”\")])(?P<credit>(?:Theo|Nguồn|Ảnh)\s*:?\s+[^.!?\n]+?\.?|Tổng hợp\.?)$"
)
_GLUED_BYLINE = re.compile(r"(?<=[.!?…”\"])(?P<name>[^\W\d_][^.!?\n]*)$")


def split_glued_credits(paragraph: str) -> tuple[str, list[str]]:
    """Split glued closing credits off the last paragraph: (body, [credit lines])."""
    tail: list[str] = []
    m = _GLUED_CREDIT.search(paragraph)
    if m and m.start() > 0 and credit_line(m.group("credit")) is not None:
        tail.insert(0, m.group("credit").strip())
        paragraph = paragraph[: m.start()].rstrip()
    m = _GLUED_BYLINE.search(paragraph)
    if m and m.start() > 0 and looks_like_person_name(m.group("name").strip()):
        tail.insert(0, m.group("name").strip())
        paragraph = paragraph[: m.start()].rstrip()
    elif tail and looks_like_person_name(paragraph):
        tail.insert(0, paragraph)
        paragraph = ""
    return paragraph, tail


def author_field(value: str) -> Credits:
    """A front-matter author: "Thùy Lâm (Theo WSJ, Moscow Times, NBC News)"."""
    credits = byline(value)
    if credits:
        return credits
    m = _BYLINE.match(value.strip())
    names = split_names(m.group("names")) if m else []
    credits = Credits(authors=[n for n in names if n])
    note = (m.group("note") or "") if m else ""
    according = _NOTE_ACCORDING.match(note.strip())
    if according:
        credits.credited_sources = source_names(according.group("names"))
    return credits


# --- dates -------------------------------------------------------------------------
_ISO = re.compile(r"^(\d{4})-?(\d{1,2})-?(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+\d{1,2}[:h]\d{2}.*)?$")


def iso_date(value: object) -> str | None:
    """A stated date as ISO YYYY-MM-DD: "2025-03-09", "20210427", "26/11/2025 08:16",
    a datetime/date object; None when it is not a real calendar date."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        return None
    text = value.strip()
    if m := _ISO.match(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _DMY.match(text):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        return None
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        warn(f"[W002] {text[:40]!r} is not a calendar date: the article is stored without it")
        return None
