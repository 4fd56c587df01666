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
# "qu" is a consonant, so "quý" keeps its mark on the y. A combining mark after
# the pair (a second tone on a broken syllable) also leaves it alone: moving the
# first mark would let the second one compose on the next pass. The pattern is a
# cheap superset (o/u then any toned a/e/y); the table decides.
_SECOND_VOWELS = "".join(sorted({pair[1] for pair in _OLD_TO_NEW}))
_OLD_TONE_RE = re.compile(rf"(?<![qQ])[oOuU][{_SECOND_VOWELS}](?![\w\u0300-\u036f])")

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Stray markup left in text by copy-paste and scrapers: common HTML tags and the
# entities that stand for spaces, quotes and dashes. "&amp;" is left alone so that
# decoding never produces a new entity.
_STRAY_TAG = re.compile(
    r"</?(?:br|p|div|span|b|i|u|em|strong|a|font|sup|sub|small|mark)\b[^<>]*>", re.IGNORECASE
)
_BLOCK_TAG = re.compile(r"<(?:br|/p|/div)\b[^<>]*>", re.IGNORECASE)
_ENTITIES = {
    "nbsp": " ",
    "quot": '"',
    "apos": "'",
    "#39": "'",
    "#160": " ",
    "ndash": "–",
    "mdash": "—",
    "hellip": "…",
    "lsquo": "‘",
    "rsquo": "’",
    "ldquo": "“",
    "rdquo": "”",
}
_ENTITY = re.compile(r"&(" + "|".join(_ENTITIES) + r");", re.IGNORECASE)
# scraped Vietnamese news often has "&nbsp" without its semicolon, glued to the next word
# ("&nbspTại cuộc họp"); HTML reads it as a space too
_BARE_NBSP = re.compile(r"&nbsp(?!;)", re.IGNORECASE)


def normalize_tone_marks(text: str) -> str:
    """Rewrite "hoà", "thuỷ", "khoẻ" as "hòa", "thủy", "khỏe"."""
    return _OLD_TONE_RE.sub(lambda m: _OLD_TO_NEW.get(m.group(0), m.group(0)), text)


def strip_stray_markup(text: str) -> str:
    """Drop stray HTML tags (line-breaking ones become newlines) and decode space,
    quote and dash entities; repeated until nothing changes, so it is idempotent."""
    if "<" not in text and "&" not in text:
        return text
    for _ in range(10):
        cleaned = _BLOCK_TAG.sub("\n", text)
        cleaned = _STRAY_TAG.sub("", cleaned)
        cleaned = _ENTITY.sub(lambda m: _ENTITIES[m.group(1).lower()], cleaned)
        cleaned = _BARE_NBSP.sub(" ", cleaned)
        if cleaned == text:
            break
        text = cleaned
    return text


def normalize_text(text: str) -> str:
    """NFC, new-style tone marks, no zero-width characters or stray markup, tidy whitespace."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _ZERO_WIDTH.sub("", text)
    text = strip_stray_markup(text)
    text = _ZERO_WIDTH.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = normalize_tone_marks(text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()
