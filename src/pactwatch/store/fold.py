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


def find_terms(text: str, terms: list[str]) -> tuple[int, int] | None:
    """Offsets of the terms side by side in ``text`` (folded compare), else of the first
    whole-word occurrence of any one of them."""
    if not terms:
        return None
    folded = fold_key(text)
    phrase = re.compile(r"\b" + r"\W+".join(re.escape(t) for t in terms) + r"\b")
    match = phrase.search(folded)
    if match is None:
        anyone = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b")
        match = anyone.search(folded)
    return (match.start(), match.end()) if match else None


def snippet(text: str, terms: list[str], width: int = 160) -> dict[str, object]:
    """A window of ``text`` around the first matching term, with the match offsets in it."""
    found = find_terms(text, terms)
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
