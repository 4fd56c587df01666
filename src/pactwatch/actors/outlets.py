"""News outlets: from the reader's metadata and from cues in the text.

Cues: "hãng tin RBC-Ukraine", "tờ The Telegraph", "theo Bloomberg", "Ảnh:
Anadolu Agency/TTXVN", "(PLO)-" at the head of an article, "có sự đóng góp của
Reuters", and English source citations in brackets, each a name and the day it
published ("(Vedomosti, January 29; Novaya Gazeta Europe, February 1)"). A name behind a weak cue ("theo", "báo") counts only when the KB
knows the outlet or it looks like a publication ("The ...", "... News").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pactwatch.actors.findings import Coverage, Finding
from pactwatch.actors.kb import KBEntry, KnowledgeBase
from pactwatch.actors.textutil import (
    UPPER,
    fold,
    has_vietnamese_marks,
    is_vietnamese_syllable,
    looks_foreign,
    slug,
)
from pactwatch.actors.words import WORDS

_NAME_TOKEN = rf"[{UPPER}0-9][\w'’&.]*(?:-[\w'’&.]+)*"
_NAME = rf"(?:The |the )?{_NAME_TOKEN}(?: {_NAME_TOKEN}){{0,4}}"
STRONG_CUES = (
    r"hãng tin|hãng thông tấn|thông tấn xã|tờ|tạp chí|nhật báo|tuần báo|kênh truyền hình"
    r"|đài truyền hình|Ảnh|Nguồn|ảnh|nguồn|đóng góp của|bản gốc từ"
)
WEAK_CUES = r"theo|Theo|báo|Báo|kênh|đài|trang|trang tin|dẫn nguồn|dẫn lời"
CUE_RE = re.compile(
    rf"(?<!\w)(?:(?P<strong>{STRONG_CUES})|(?P<weak>{WEAK_CUES}))\s*:?\s*(?:\()?"
    rf"(?P<names>{_NAME}(?:\s*/\s*{_NAME})*)"
)
# A run ending in a publication word, cue or not: "Straits Times", "Times of India",
# "Bangkok Post" (and not "Times" alone, which the KB may give to The Times).
PUBLICATION_RE = re.compile(
    rf"(?<![\w'’-])(?P<names>(?:The )?{_NAME_TOKEN}(?: {_NAME_TOKEN}){{1,3}}|"
    rf"{_NAME_TOKEN}(?: {_NAME_TOKEN}){{0,2}} of {_NAME_TOKEN})(?![\w'’-])"
)
DATELINE_RE = re.compile(rf"(?m)^[^\n]{{0,40}}?\((?P<names>{_NAME})\)\s*[-–—]")
PUBLICATION_WORDS = WORDS.publication_words
PUBLICATION_WORD_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(w.capitalize() for w in PUBLICATION_WORDS)) + r")(?!\w)"
)
_TRAILING_DOT = re.compile(r"\.+$")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
# The end of a bracketed citation: ", January 29)" (its opening bracket is looked for
# behind it, so a text without one costs one scan).
_CITATION_END = re.compile(rf", (?:{_MONTHS}) \d{{1,2}}(?:, \d{{4}})?\)")
_CITED = re.compile(rf"(?P<name>{_NAME})(?:, (?:{_MONTHS}) \d{{1,2}}(?:, \d{{4}})?)?")
# Named behind outlet cues but not outlets: platforms, encyclopaedias, and the
# Vietnamese credit abbreviations (cộng tác viên, nhân vật cung cấp, ban tổ chức...).
NOT_OUTLETS = WORDS.not_outlets


@dataclass
class OutletIndex:
    by_name: dict[str, KBEntry]


@lru_cache(maxsize=4)
def outlet_index(kb: KnowledgeBase) -> OutletIndex:
    by_name: dict[str, KBEntry] = {}
    for outlet in kb.of_kind("outlet"):
        for name in outlet.all_names():
            by_name.setdefault(fold(name), outlet)
    return OutletIndex(by_name)


# "Associated Press (AP)", "PRIO (Peace Research Institute Oslo)": a name and its other
# form in brackets, as metadata gives an outlet.
_BRACKETED_FORM = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9&.-]{1,7}")


def outlet_for_name(name: str, kb: KnowledgeBase) -> tuple[KBEntry, bool]:
    """The KB outlet called ``name`` (True), or a new outlet entry (False).

    A name with another form in brackets ("Associated Press (AP)") is the outlet either
    form names; a new one is called by the longer form, with the shorter as its
    abbreviation, and its id is made from the shorter (the form the text uses again)."""
    m = _BRACKETED_FORM.match(name.strip())
    forms = sorted((m.group("outer").strip(), m.group("inner").strip()), key=len) if m else []
    if not forms or not _ABBREVIATION.fullmatch(forms[0]):
        # "Atlantic Council (UkraineAlert blog)": a publication of the publisher, no
        # abbreviation; the name stays as given
        return _outlet_called(name, kb)
    for form in reversed(forms):
        entry, known = _outlet_called(form, kb)
        if known:
            return entry, True
    short, full = forms
    return KBEntry(
        id=f"outlet:{slug(short)}", kind="outlet", name=full, name_vi=full,
        abbreviations=[short], origin="text",
    ), False


def _outlet_called(name: str, kb: KnowledgeBase) -> tuple[KBEntry, bool]:
    index = outlet_index(kb)
    key = fold(name)
    if key in index.by_name:
        return index.by_name[key], True
    if key.startswith("the ") and key[4:] in index.by_name:
        return index.by_name[key[4:]], True
    if f"the {key}" in index.by_name:
        return index.by_name[f"the {key}"], True
    return KBEntry(
        id=f"outlet:{slug(name)}", kind="outlet", name=name, name_vi=name, origin="text"
    ), False


def _looks_like_publication(name: str) -> bool:
    words = name.split()
    if words and words[0].lower() == "the" and len(words) > 1:
        return True
    return any(w.lower() in PUBLICATION_WORDS for w in words)


_INITIALS = re.compile(rf"(?:[{UPPER}]\.)+[{UPPER}]?\w*")


def plausible_outlet_name(name: str) -> bool:
    """Whether an unknown credited name can be a news outlet or photo agency.

    Not: platforms ("Facebook ..."), Vietnamese names (a photographer "Trần Thanh",
    "Công an huyện ...", "Hải quân Australia"), initials ("M.H"), web addresses.
    """
    words = re.split(r"[\s\-]+", name)
    if not words or not words[0] or words[0][0] not in UPPER and not words[0][0].isdigit():
        return False
    if fold(words[0]) in NOT_OUTLETS or fold(name) in NOT_OUTLETS:
        return False
    if _INITIALS.fullmatch(name):
        return False  # "M.H", "T.T": a reporter's initials
    if words[0] == "The" or (name.isupper() and len(name) >= 2):
        return True  # "The Sun", "PA": English titles and acronyms are not Vietnamese names
    if all(is_vietnamese_syllable(w) for w in words):
        return False
    if has_vietnamese_marks(words[0]) and is_vietnamese_syllable(words[0]):
        return False
    return not (_INITIALS.fullmatch(name) or re.search(r"\.(?:vn|com|gov|org|net)\b", name))


def _publication_shaped(name: str) -> bool:
    """Foreign words whose head is a publication word ("Khmer Times", "Times of India")."""
    words = name.split()
    head = words[: words.index("of")] if "of" in words else words
    return (
        len(words) >= 2
        and head[-1].lower() in PUBLICATION_WORDS
        and all(looks_foreign(w) for w in words if w != "of")
    )


def _acceptable(name: str, strong: bool, known: bool, non_outlet_kb: bool) -> bool:
    if known:
        return True
    if non_outlet_kb or not plausible_outlet_name(name):
        return False
    if strong:
        return any(looks_foreign(w) for w in name.split()) or name.isupper()
    return _looks_like_publication(name)


def find_outlets(
    text: str, coverage: Coverage, kb: KnowledgeBase, kb_spans: dict[tuple[int, int], str]
) -> list[Finding]:
    """Outlet names behind cues. ``kb_spans`` maps KB match spans to their kinds."""
    found: list[Finding] = []
    patterns = [CUE_RE, DATELINE_RE]
    if PUBLICATION_WORD_RE.search(text):  # most texts name no "... Times": skip that scan
        patterns.insert(1, PUBLICATION_RE)
    for pattern in patterns:
        for m in pattern.finditer(text):
            if pattern is PUBLICATION_RE and not _publication_shaped(m.group("names")):
                continue
            strong = pattern is not CUE_RE or bool(m.groupdict().get("strong"))
            base = m.start("names")
            for part in re.finditer(r"[^/]+", m.group("names")):
                raw = part.group(0)
                name = _TRAILING_DOT.sub("", raw.strip())
                if not name:
                    continue
                start = base + part.start() + (len(raw) - len(raw.lstrip()))
                end = start + len(name)
                if not coverage.free(start, end):
                    continue
                entry, known = outlet_for_name(name, kb)
                kind = kb_spans.get((start, end))
                if not _acceptable(name, strong, known, kind is not None and kind != "outlet"):
                    continue
                found.append(Finding(start, end, entry, "name", in_kb=known))
                coverage.claim(start, end)
    return found


def find_cited_outlets(
    text: str, coverage: Coverage, kb: KnowledgeBase, kb_spans: dict[tuple[int, int], str]
) -> list[Finding]:
    """Sources cited in brackets with the day they published: "(Riddle, January 30)",
    "(Izvestiya; Nezavisimaya Gazeta, January 26)". Each name before a day (or sharing
    a bracket with one) is an outlet, unless the KB knows it as something else."""
    found: list[Finding] = []
    for end in _CITATION_END.finditer(text):
        start = text.rfind("(", max(0, end.start() - 200), end.start())
        if start < 0 or "\n" in text[start : end.start()] or ")" in text[start : end.start()]:
            continue
        pos = start + 1
        for item in text[pos : end.end() - 1].split(";"):
            lead = len(item) - len(item.lstrip())
            m = _CITED.fullmatch(item.strip())
            if m is not None:
                name = m.group("name")
                s_, e_ = pos + lead, pos + lead + len(name)  # the name's span
                kind = kb_spans.get((s_, e_))
                entry, known = outlet_for_name(name, kb)
                acceptable = known or plausible_outlet_name(name)
                if coverage.free(s_, e_) and kind in (None, "outlet") and acceptable:
                    found.append(Finding(s_, e_, entry, "name", in_kb=known))
                    coverage.claim(s_, e_)
            pos += len(item) + 1
    return found


def metadata_outlets(
    publishers: list[str], credits: list[str], kb: KnowledgeBase, other_kb_names: set[str]
) -> list[Finding]:
    """Outlets the reader found, without mentions: the publisher as given, and the
    credited sources and photo credits that can be outlets (``other_kb_names``: folded
    names of KB actors that are not outlets, like "Bộ Quốc phòng Nga")."""
    found = []
    for name in publishers:
        if name.strip():
            entry, known = outlet_for_name(name.strip(), kb)
            found.append(Finding(0, 0, entry, "name", in_kb=known, from_metadata=True))
    for name in credits:
        name = name.strip()
        if not name:
            continue
        entry, known = outlet_for_name(name, kb)
        if _acceptable(name, True, known, fold(name) in other_kb_names):
            found.append(Finding(0, 0, entry, "name", in_kb=known, from_metadata=True))
    return found
