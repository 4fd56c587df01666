"""Title and honorific words that announce a person's name.

Two sources: the role titles of ``roles.yaml`` (which also resolve to offices),
and the general words below that only say "a person follows" ("ông", "tỷ phú",
"chuyên gia", "cựu tư lệnh"). Matching is case-insensitive: headings write
"Tổng Thống", sentences "tổng thống".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pactwatch.actors.kb import KnowledgeBase
from pactwatch.actors.matcher import PhraseMatcher
from pactwatch.actors.words import WORDS

HONORIFICS = WORDS.honorifics
# Words that stand before a person's name in news prose. Roles that resolve to an
# office come from roles.yaml; these add the rest.
PERSON_TITLES = WORDS.person_titles
# Prefixes that qualify a title ("cựu Thủ tướng", "tân Bộ trưởng", "Phó ...").
TITLE_PREFIXES = WORDS.title_prefixes


@dataclass(frozen=True)
class TitleVocabulary:
    # regex matching a title phrase at a word boundary (for matching at one position)
    pattern: re.Pattern[str]
    # the same phrases, with their prefixes, for scanning a whole text quickly
    matcher: PhraseMatcher
    # lowered title phrase -> role keys (from roles.yaml)
    roles: dict[str, tuple[str, ...]]


@lru_cache(maxsize=4)
def vocabulary(kb: KnowledgeBase) -> TitleVocabulary:
    roles: dict[str, list[str]] = {}
    for role in kb.roles.values():
        for title in role.titles_vi:
            roles.setdefault(title.lower(), []).append(role.role)
    phrases = sorted({*PERSON_TITLES, *HONORIFICS, *roles}, key=lambda p: (-len(p), p))
    alternatives = "|".join(re.escape(p) for p in phrases)
    prefixes = "|".join(TITLE_PREFIXES)
    pattern = re.compile(rf"(?<!\w)(?:(?:{prefixes})\s+)?(?:{alternatives})(?!\w)", re.IGNORECASE)
    with_prefixes = [f"{prefix} {p}" for prefix in TITLE_PREFIXES for p in phrases]
    matcher = PhraseMatcher([*phrases, *with_prefixes])
    return TitleVocabulary(pattern, matcher, {k: tuple(v) for k, v in roles.items()})
