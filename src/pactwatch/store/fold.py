"""Diacritic folding for search: "Hòa Bình", "hoa binh" and "HOA BINH" meet.

Folding works character by character and maps every character to exactly one
character, so an offset in the folded text is the same offset in the original:
a match found in folded text can be shown (and highlighted) in the original.
"""

from __future__ import annotations

import re
import unicodedata

# unicode61's remove_diacritics leaves these alone: they are letters, not a base
# letter plus a combining mark, yet readers type them as plain d.
_LETTER_FOLDS = {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"}
_WORD = re.compile(r"\w+")


class _FoldTable(dict[int, str]):
    """A str.translate table that works out each character's fold the first time it is seen."""

    def __missing__(self, codepoint: int) -> str:
        ch = chr(codepoint)
        folded = _LETTER_FOLDS.get(ch)
        if folded is None:
            base = unicodedata.normalize("NFD", ch)[0]
            folded = ch if unicodedata.combining(base) else base
        self[codepoint] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Remove diacritics (and đ→d), keeping case and length."""
    if text.isascii():
        return text
    return text.translate(_FOLD_TABLE)


def fold_key(text: str) -> str:
    """Folded and lower-cased: the form compared in name look-ups."""
    return fold(text).lower()


def search_terms(query: str) -> list[str]:
    """The words of a search query, folded and lower-cased, in order."""
    return _WORD.findall(fold_key(query))


def _phrase(terms: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b" + r"\W+".join(re.escape(t) for t in terms) + r"\b")


def phrase_matches(text: str, terms: list[str], *, outside: list[list[str]] | None = None
                   ) -> list[tuple[int, int]]:
    """Offsets of every occurrence of the terms side by side in ``text`` (folded compare);
    with ``outside``, only those not part of one of these longer names ("hoa binh" in
    "Trương Hòa Bình" is part of a person's name, not the phrase)."""
    if not terms:
        return []
    folded = fold_key(text)
    found = [(m.start(), m.end()) for m in _phrase(terms).finditer(folded)]
    if not outside or not found:
        return found
    covers = [(m.start(), m.end()) for words in outside if words
              for m in _phrase(words).finditer(folded)]
    return [(s, e) for s, e in found if not any(cs <= s and e <= ce for cs, ce in covers)]


def find_terms(text: str, terms: list[str], *, outside: list[list[str]] | None = None
               ) -> tuple[int, int] | None:
    """Offsets of the terms side by side in ``text`` (folded compare) — with ``outside``,
    the first not part of one of those longer names, if any is —, else of the first
    whole-word occurrence of any one of them."""
    if not terms:
        return None
    if outside:
        free = phrase_matches(text, terms, outside=outside)
        if free:
            return free[0]
    folded = fold_key(text)
    match = _phrase(terms).search(folded)
    if match is None:
        anyone = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b")
        match = anyone.search(folded)
    return (match.start(), match.end()) if match else None


def holds_run(words: list[str], terms: list[str]) -> bool:
    """Are ``terms`` a run of ``words``, and ``words`` longer ("truong hoa binh" holds
    "hoa binh")?"""
    n = len(terms)
    return 0 < n < len(words) and any(words[i:i + n] == terms for i in range(len(words) - n + 1))


def snippet(text: str, terms: list[str], width: int = 160, *,
            outside: list[list[str]] | None = None) -> dict[str, object]:
    """A window of ``text`` around the first matching term (with ``outside``, preferably
    one not part of a longer name), with the match offsets in it."""
    found = find_terms(text, terms, outside=outside)
    if found is None:
        piece = text[:width]
        return {"text": piece, "match": None, "truncated": len(text) > width}
    start, end = found
    left = max(0, start - width // 2)
    right = min(len(text), max(end, left + width))
    return {
        "text": text[left:right],
        "match": {"start": start - left, "end": end - left},
        "offset": left,
        "truncated": left > 0 or right < len(text),
    }
