"""Context rules: what an ambiguous dictionary match means here, if anything.

- Short country names that are also words or given names ("Anh", "Đức", "Mỹ",
  "Pháp", "Nhật", "Ý") are dropped next to a pronoun or honorific ("ông Đức",
  "anh em"), inside a Vietnamese personal name ("Tuấn Anh", "Anh Tuấn"), in
  compounds ("Pháp lý", "Nhật ký", "Mỹ thuật") and in region names ("châu Mỹ",
  "Mỹ Latinh").
- Capitals are places after a preposition of place ("tại Moskva", "sang Kiev")
  or before ", Country" ("Washington, Mỹ"); otherwise they stand for their
  country (as "metonym").
- "Brussels" is a place unless it acts (says, decides), when it stands for the
  organisation named nearby (NATO or the EU).
"""

from __future__ import annotations

import re

from pactwatch.actors.matcher import Match
from pactwatch.actors.textutil import (
    UPPER,
    has_vietnamese_marks,
    is_capitalised,
    is_vietnamese_syllable,
    looks_foreign,
)
from pactwatch.actors.words import WORDS

# Word lists (what each is for: data/lexicon/actor_words.yaml).
PERSONAL = WORDS.personal
COMPOUND_AFTER = WORDS.compound_after
REGION_BEFORE = WORDS.region_before
REGION_AFTER = WORDS.region_after
LANGUAGE_BEFORE = WORDS.language_before
PLACE_PREPOSITIONS = WORDS.place_prepositions
PRONOUN_FOLLOWERS = WORDS.pronoun_followers
STRICT_AT_SENTENCE_START = WORDS.strict_at_sentence_start
VERB_LIKE_CAPITALS = WORDS.verb_like_capitals
TITLE_TAILS = WORDS.title_tails
SENTENCE_OPENERS = WORDS.sentence_openers
# A capital "acts" when a speech or decision verb follows ("Brussels tuyên bố").
ACTING_VERBS = re.compile(
    r"^\s*(?:đã |cũng |vẫn |sẽ |đang )?(?:tuyên bố|cho biết|khẳng định|quyết định|muốn|yêu cầu"
    r"|cảnh báo|kêu gọi|phản đối|đồng ý|thông báo|nhấn mạnh|cam kết|lên án)"
)
_NEXT_WORD = re.compile(r"^\s([\w-]+)")


def previous_word(text: str, start: int) -> str:
    """The word right before ``start``: one space (or a space and a mark) away, same line."""
    i = start - 1
    skipped = 0
    while i >= 0 and not (text[i].isalnum() or text[i] == "-") and skipped < 2:
        if text[i] == "\n" or not text[i].isspace():
            return ""  # punctuation or a line break: no word right before
        i -= 1
        skipped += 1
    end = i + 1
    while i >= 0 and (text[i].isalnum() or text[i] == "-"):
        i -= 1
    return text[i + 1 : end]


def next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text[end : end + 40])
    return m.group(1) if m else ""


def at_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t*_\"“‘'«([":
        i -= 1
    return i < 0 or text[i] in ".!?…\n:;—–-"


# Spellings only Vietnamese syllables have: a marked vowel, or these onsets and codas.
_VIETNAMESE_SHAPE = re.compile(r"(?i)^(?:ng|nh|th|tr|ph|kh|qu|gi|ch|đ)|(?:nh|ng)$")


def _given_name_neighbour(word: str) -> bool:
    """A capitalised Vietnamese syllable beside a short name makes a personal name
    ("Tuấn Anh", "Minh Đức"); "Ryan" fits the letters but is not written that way."""
    if not (is_capitalised(word) and is_vietnamese_syllable(word)):
        return False
    return has_vietnamese_marks(word) or bool(_VIETNAMESE_SHAPE.search(word))


def keep_short_country(text: str, m: Match, taken: set[int], anh_is_a_person: bool = False) -> bool:
    """Whether an ambiguous short country name really names the country here.

    ``anh_is_a_person``: the article calls a man "anh X", so a sentence opening
    with "Anh" is the pronoun unless "và", a comma or a dash joins it to others.
    """
    form = m.text.lower()
    before = previous_word(text, m.start)
    after = next_word(text, m.end)
    if before.lower() in PERSONAL:
        return False
    if after.lower() in COMPOUND_AFTER.get(form, frozenset()) and not is_capitalised(after):
        return False
    if form == "mỹ" and (before.lower() in REGION_BEFORE or after.lower() in REGION_AFTER):
        return False
    if after.lower() in REGION_AFTER:
        return False
    sentence_start = at_sentence_start(text, m.start)
    # "Tuấn Anh", "Quốc Anh" (a byline), "Thủ Đức": a name, unless the capitalised
    # word before is a matched actor, a sentence opener ("Theo Anh") or ends a title
    # written In Title Case ("Thủ Tướng Anh").
    before_start = m.start - len(before) - 1
    if (
        _given_name_neighbour(before)
        and before_start not in taken
        and before.lower() not in SENTENCE_OPENERS
        and before.lower() not in TITLE_TAILS
        and before.lower() not in _english_openers()
    ):
        return False
    if sentence_start and form == "anh" and anh_is_a_person:
        joined = after.lower() == "và" or text[m.end : m.end + 2].lstrip()[:1] in {",", "-", "–"}
        if not joined:
            return False
    after_start = m.end + 1
    # "Anh Tuấn" is a name; a title-case heading ("Khi Mỹ Đổi Lập Trường") is not.
    glued_name = (
        _given_name_neighbour(after)
        and after_start not in taken
        and after.lower() not in VERB_LIKE_CAPITALS
        and not _title_case_line(text, m.start)
    )
    pronoun = sentence_start and form == "anh" and after.lower() in PRONOUN_FOLLOWERS
    # "Ý tôi là ...", "Ý kiến ...": at a sentence start "Ý" is mostly the noun "idea";
    # keep it only before words that continue a country subject.
    idea = (
        sentence_start
        and form in STRICT_AT_SENTENCE_START
        and after.lower() not in STRICT_AT_SENTENCE_START[form]
        and not text[m.end : m.end + 2].lstrip().startswith((",", "-", "–"))
    )
    return not (glued_name or pronoun or idea)


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line around ``pos`` is written In Title Case (a heading)."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    words = re.findall(r"[^\W\d_]+", line)
    if len(words) < 4:
        return False
    capitalised = sum(1 for w in words if w[0] in UPPER)
    return capitalised / len(words) >= 0.75


def place_context(text: str, m: Match) -> bool:
    """Whether the match names where something happens rather than who acts."""
    before = previous_word(text, m.start).lower()
    if before in PLACE_PREPOSITIONS:
        return True
    if before in {"đô", "phố"}:  # "thủ đô Kiev", "thành phố Donetsk"
        return True
    tail = text[m.end : m.end + 3]
    return tail.startswith(", ") or tail.startswith(" (")


def acting(text: str, m: Match) -> bool:
    """Whether the match is the subject of a speech or decision verb."""
    return bool(ACTING_VERBS.match(text[m.end : m.end + 40]))


def _english_openers() -> frozenset[str]:
    """English words that open a sentence or a phrase ("The", "In"): capitalised
    before a name, they are no part of it ("The US", "In Britain")."""
    from pactwatch.actors.language import load_person_words  # language imports this module

    return load_person_words("en").leading_not_name


def foreign_neighbour(text: str, m: Match, taken: set[int]) -> bool:
    """A non-Vietnamese capitalised word glued before: part of a person's name.
    Not an English word that opens sentences ("The US", "In Britain")."""
    before = previous_word(text, m.start)
    before_start = m.start - len(before) - 1
    return (
        bool(before)
        and is_capitalised(before)
        and looks_foreign(before)
        and before.lower() not in _english_openers()
        and before_start not in taken
        and text[before_start + len(before) : m.start] == " "
    )
