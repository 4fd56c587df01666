"""Small text helpers the actor modules share: folding, slugs, word shapes.

Vietnamese writes one syllable per space-separated word, so "words" here are
runs of letters, digits and the apostrophes and dots that foreign names carry.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Upper-case letters of the Latin script, including Vietnamese (Ạ..Ỹ, Đ).
UPPER = "".join(chr(i) for i in (*range(0x41, 0x250), *range(0x1E00, 0x1F00)) if chr(i).isupper())
LOWER = "".join(chr(i) for i in (*range(0x61, 0x250), *range(0x1E00, 0x1F00)) if chr(i).islower())
WORD_RE = re.compile(r"\w+(?:['’.\-]\w+)*")

_VI_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFC, case folding and diacritics removed (the scorer's comparison)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d").replace("ð", "d"))


def slug(text: str) -> str:
    """Lowercase ASCII slug: "Pål Jonson" -> "pal-jonson"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def lower_same_length(text: str) -> str:
    """``text.lower()`` when that keeps every offset, else a per-character lowering."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0] in UPPER


def has_vietnamese_marks(word: str) -> bool:
    """Whether the word carries a Vietnamese tone or vowel mark (or đ)."""
    if "đ" in word.lower():
        return True
    return any(c in _VI_MARKS for c in unicodedata.normalize("NFD", word))


# A Vietnamese syllable: optional onset, a vowel nucleus, an optional coda from a
# closed set. Foreign names mostly break this ("Starmer", "Keir", "Brekelmans").
_ONSETS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_CODAS = "ng|nh|ch|c|m|n|p|t|i|y|o|u"
_SYLLABLE_RE = re.compile(rf"(?:{_ONSETS})?[aăâeêioôơuưy]{{1,3}}(?:{_CODAS})?")


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` could be one Vietnamese syllable (by letters, ignoring tone)."""
    base = unicodedata.normalize("NFD", word.lower())
    base = "".join(c for c in base if c not in "\u0300\u0301\u0303\u0309\u0323")
    base = unicodedata.normalize("NFC", base)
    return bool(_SYLLABLE_RE.fullmatch(base))


@lru_cache(maxsize=65536)
def looks_foreign(word: str) -> bool:
    """A capitalised word that cannot be a Vietnamese syllable ("Bloomberg", "Keir")."""
    return not is_vietnamese_syllable(word) or any(c.isdigit() for c in word)


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, stopping early once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
