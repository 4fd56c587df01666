"""Text normalisation: NFC, one tone-mark convention, clean whitespace.

Idempotent by construction: ``normalize_text(normalize_text(s)) == normalize_text(s)``.
"""

from __future__ import annotations

import re
import unicodedata

# Two tone-mark conventions live side by side in the press: "hoà"/"thuỷ"/"khoẻ"
# (mark on the second vowel) and "hòa"/"thủy"/"khỏe" (mark on the first). We
# write the second form throughout, for open syllables ending in oa/oe/uy only:
# "hoàng" and "quý" are the same in both conventions and are left alone.
_TONES = {
    "\u0300": "grave",
    "\u0301": "acute",
    "\u0303": "tilde",
    "\u0309": "hook",
    "\u0323": "dot",
}

_OLD_TO_NEW: dict[str, str] = {}


def _build_tone_table() -> None:
    pairs = [("o", "a"), ("o", "e"), ("u", "y")]
    for first, second in pairs:
        for mark in _TONES:
            for f, s in ((first, second), (first.upper(), second), (first.upper(), second.upper())):
                old = unicodedata.normalize("NFC", f + s + mark)
                new = unicodedata.normalize("NFC", f + mark + s)
                _OLD_TO_NEW[old] = new


_build_tone_table()
# Only when the pair ends the syllable: "hoà" -> "hòa" but "hoàng" stays.
# "qu" is a consonant, so "quý" keeps its mark on the y.
_OLD_TONE_RE = re.compile(
    r"(?<![qQ])(" + "|".join(sorted(map(re.escape, _OLD_TO_NEW), key=len, reverse=True)) + r")(?![\w])"
)

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def normalize_tone_marks(text: str) -> str:
    """Rewrite "hoà", "thuỷ", "khoẻ" as "hòa", "thủy", "khỏe"."""
    return _OLD_TONE_RE.sub(lambda m: _OLD_TO_NEW[m.group(1)], text)


def normalize_text(text: str) -> str:
    """NFC, new-style tone marks, no zero-width characters, tidy whitespace."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = normalize_tone_marks(text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()
