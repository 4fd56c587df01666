"""Title and honorific words that announce a person's name.

Two sources: the role titles of ``roles.yaml`` (which also resolve to offices;
``titles_vi`` for Vietnamese text, ``titles_en`` for English), and the general
words of the language (language.py) that only say "a person follows" ("ông",
"tỷ phú", "chuyên gia", "analyst", "Mr"). Matching is case-insensitive: headings
write "Tổng Thống", sentences "tổng thống"; English writes "President Putin" and
"the president".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pactwatch.actors.kb import KnowledgeBase
from pactwatch.actors.language import VIETNAMESE, PersonWords
from pactwatch.actors.matcher import PhraseMatcher

HONORIFICS = VIETNAMESE.honorifics
# Words that stand before a person's name in news prose. Roles that resolve to an
# office come from roles.yaml; these add the rest.
PERSON_TITLES = VIETNAMESE.person_titles
# Prefixes that qualify a title ("cựu Thủ tướng", "tân Bộ trưởng", "Phó ...").
TITLE_PREFIXES = VIETNAMESE.title_prefixes


@dataclass(frozen=True)
class TitleVocabulary:
    # regex matching a title phrase at a word boundary (for matching at one position)
    pattern: re.Pattern[str]
    # the same phrases, with their prefixes, for scanning a whole text quickly
    matcher: PhraseMatcher
    # lowered title phrase -> role keys (from roles.yaml)
    roles: dict[str, tuple[str, ...]]
    # the language's words (honorifics, titles, ...) the phrases came from
    words: PersonWords = VIETNAMESE


@lru_cache(maxsize=8)
def vocabulary(kb: KnowledgeBase, words: PersonWords = VIETNAMESE) -> TitleVocabulary:
    roles: dict[str, list[str]] = {}
    for role in kb.roles.values():
        for title in role.titles_en if words.english else role.titles_vi:
            roles.setdefault(title.lower(), []).append(role.role)
    phrases = sorted(
        {*words.person_titles, *words.honorifics, *roles}, key=lambda p: (-len(p), p)
    )
    alternatives = "|".join(re.escape(p) for p in phrases)
    prefixes = "|".join(re.escape(p) for p in words.title_prefixes)
    pattern = re.compile(rf"(?<!\w)(?:(?:{prefixes})(?:\s+|(?<=-)))?(?:{alternatives})(?!\w)", re.IGNORECASE)
    joined = [
        f"{prefix}{'' if prefix.endswith('-') else ' '}{p}"
        for prefix in words.title_prefixes
        for p in phrases
    ]
    matcher = PhraseMatcher([*phrases, *joined])
    return TitleVocabulary(pattern, matcher, {k: tuple(v) for k, v in roles.items()}, words)
