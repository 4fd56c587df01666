"""A cheap language guess: Vietnamese when enough letters carry Vietnamese marks."""

from __future__ import annotations

import unicodedata

# Share of letters with a Vietnamese diacritic (tone mark, circumflex, breve, horn,
# đ) above which a text is Vietnamese. Vietnamese prose sits near 0.3; English
# with a few Vietnamese names stays well under 0.02.
_VIETNAMESE_SHARE = 0.05
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")


def _has_vietnamese_mark(letter: str) -> bool:
    if letter in "đĐ":
        return True
    return any(c in _VIETNAMESE_MARKS for c in unicodedata.normalize("NFD", letter))


# Every precomposed Latin letter that carries a Vietnamese mark (built once).
_MARKED_LETTERS = frozenset(
    chr(code)
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00))
    if chr(code).isalpha() and _has_vietnamese_mark(chr(code))
)


def guess_language(text: str) -> str:
    """ "vi" or "en"; texts without letters count as Vietnamese, our main language."""
    text = unicodedata.normalize("NFC", text)
    letters = sum(map(str.isalpha, text))
    if not letters:
        return "vi"
    marked = sum(map(_MARKED_LETTERS.__contains__, text))
    return "vi" if marked / letters >= _VIETNAMESE_SHARE else "en"
