"""Text comparison as the gold README defines it: NFC, case folding, no diacritics."""

from __future__ import annotations

import unicodedata

# Letters whose diacritic is not a combining mark, so NFD leaves them whole.
_SEPARATE_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l"})


def fold(text: str) -> str:
    """Return ``text`` ready for comparison: ``"Đà Nẵng"`` and ``"da nang"`` fold alike.

    Whitespace runs become one space, so a line break inside a quote does not
    hide a snippet.
    """
    composed = unicodedata.normalize("NFC", text).casefold().translate(_SEPARATE_LETTERS)
    decomposed = unicodedata.normalize("NFD", composed)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())
