"""Bytes -> text: Unicode with or without a byte-order mark, Windows-1258, and the
legacy Vietnamese encodings TCVN3 (ABC) and VNI.

Unicode is tried first and wins whenever it decodes; otherwise every single-byte
candidate is decoded and the one whose words look most like Vietnamese syllables
wins. Binary data (NUL bytes, many control characters) is refused.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from pactwatch.errors import ReadError
from pactwatch.ingest.legacy_codecs import decode_tcvn3, decode_vni, tcvn3_from_text, vni_to_unicode
from pactwatch.ingest.reading_notes import warn

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL_BYTES = bytes(b for b in [*range(0x00, 0x20), 0x7F] if b not in (0x09, 0x0A, 0x0C, 0x0D))
_MAX_CONTROL_SHARE = 0.05

# --- what a Vietnamese syllable looks like ----------------------------------
_VOWELS = "aăâeêioôơuưy"
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_NUCLEUS = f"[{_VOWELS}]{{1,3}}"
_CODA = r"(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"^{_ONSET}{_NUCLEUS}{_CODA}$")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable with at most one tone mark."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONE_MARKS)
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return tones <= 1 and _SYLLABLE.match(bare) is not None


def vietnamese_score(text: str) -> float:
    """How Vietnamese a decoding looks: valid non-ASCII syllables minus oddities.

    Words made of ASCII letters say nothing (all candidates agree on them); a
    non-ASCII word counts +1 when it is a well-formed syllable with at most one
    tone mark and -2 otherwise; symbols and replacement characters cost 1 each.
    """
    score = 0.0
    for word in _WORD.findall(text):
        if not word.isascii():
            score += 1 if _is_syllable(word) else -2
    for char in text:
        if char == "\ufffd" or (not char.isascii() and unicodedata.category(char)[0] in "SC"):
            score -= 1
    return score


# Characters a VNI or TCVN3 font draws as Vietnamese but that are no Vietnamese
# letters themselves: Unicode text full of them was typed with such a font.
_FONT_TELLTALES = re.compile("[äåëïöüøñæîÄÅËÏÖÜØÑÆÎµ¶·¸¹¨©ª«¬®»¼½¾§¡¢£¤¥¦]")
_MODERN_LETTERS = re.compile("[\u1ea0-\u1ef9ăđơưĂĐƠƯ]")


def _looks_font_encoded(text: str) -> bool:
    telltales = len(_FONT_TELLTALES.findall(text))
    return telltales > 0 and telltales >= len(_MODERN_LETTERS.findall(text))


def _is_binary(data: bytes) -> str | None:
    """Why ``data`` is not text, or None."""
    sample = data[:65536]
    if b"\x00" in sample:
        return "binary data (NUL bytes), not text"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        return f"binary data ({controls} control bytes in the first {len(sample)}), not text"
    return None


def _bomless_utf16_or_32(data: bytes) -> str | None:
    """UTF-16/32 without a BOM, recognised by where the NUL bytes fall."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    quarter = len(sample) // 4
    if sample[1::4].count(0) + sample[2::4].count(0) + sample[3::4].count(0) > 2.5 * quarter:
        return "utf-32-le"
    if sample[0::4].count(0) + sample[1::4].count(0) + sample[2::4].count(0) > 2.5 * quarter:
        return "utf-32-be"
    # Vietnamese letters outside Latin-1 (U+1Exx, U+01xx) have a non-zero high byte,
    # so require only that most high bytes be NUL.
    if odd_nuls > 0.5 * half and even_nuls < 0.1 * half:
        return "utf-16-le"
    if even_nuls > 0.5 * half and odd_nuls < 0.1 * half:
        return "utf-16-be"
    return None


_SINGLE_BYTE: tuple[tuple[str, Callable[[bytes], str]], ...] = (
    ("windows-1258", lambda d: unicodedata.normalize("NFC", d.decode("cp1258", errors="replace"))),
    ("tcvn3", decode_tcvn3),
    ("vni", decode_vni),
    ("windows-1252", lambda d: d.decode("cp1252", errors="replace")),
)


def _best_single_byte(data: bytes) -> tuple[str, str]:
    best: tuple[float, str, str] | None = None
    for name, decode in _SINGLE_BYTE:
        text = decode(data)
        score = vietnamese_score(text)
        # Earlier candidates win ties: Windows-1258 is the one most files use.
        if best is None or score > best[0]:
            best = (score, text, name)
    assert best is not None
    return best[1], best[2]


def _font_encoded_repair(text: str) -> tuple[str, str] | None:
    """Unicode text typed with a VNI or ABC font ("Vieät Nam"): re-read it.

    Only when the re-reading is clearly more Vietnamese than the text as it is.
    """
    if text.isascii() or not _looks_font_encoded(text):
        return None
    as_is = vietnamese_score(text)
    best: tuple[float, str, str] | None = None
    try:
        candidates = [("vni", vni_to_unicode(text)), ("tcvn3", tcvn3_from_text(text))]
    except UnicodeError:
        return None
    for name, fixed in candidates:
        score = vietnamese_score(fixed)
        if score > as_is + 3 and (best is None or score > best[0]):
            best = (score, fixed, name)
    return (best[1], f"utf-8+{best[2]}") if best else None


# A file is read line by line when this share of its non-ASCII lines is valid UTF-8 (the
# others in a legacy encoding): a file pasted together from two sources.
_MIXED_UTF8_SHARE = 0.2


def _mixed_lines(data: bytes) -> tuple[str, str] | None:
    """A file mixing UTF-8 lines with lines of a single-byte encoding, decoded line by line
    (None when it is not such a file). The legacy encoding is chosen over the lines that
    are not UTF-8, all together; the run record is told which lines they were."""
    lines = data.split(b"\n")
    utf8: list[bool] = []
    for line in lines:
        try:
            line.decode("utf-8")
            utf8.append(True)
        except UnicodeDecodeError:
            utf8.append(False)
    valid_non_ascii = sum(1 for line, ok in zip(lines, utf8, strict=True)
                          if ok and not line.isascii())
    legacy = [i for i, ok in enumerate(utf8) if not ok]
    if not valid_non_ascii or valid_non_ascii < _MIXED_UTF8_SHARE * (valid_non_ascii + len(legacy)):
        return None
    _, name = _best_single_byte(b"\n".join(lines[i] for i in legacy))
    decode = dict(_SINGLE_BYTE)[name]
    text = "\n".join(decode(line) if not ok else line.decode("utf-8")
                     for line, ok in zip(lines, utf8, strict=True))
    shown = ", ".join(str(i + 1) for i in legacy[:8]) + (" …" if len(legacy) > 8 else "")
    warn(f"[W001] mixed encodings: {len(legacy)} of {len(lines)} lines are {name}, the rest"
         f" UTF-8; each line was decoded in its own (lines {shown})")
    return text, f"utf-8+{name}-lines"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and name the encoding found; ReadError E103/E104 when impossible."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), name.replace("-sig", "") + "-bom"
            except UnicodeDecodeError as exc:
                raise ReadError(
                    "E104", f"bytes undecodable as {name} at offset {exc.start}"
                ) from None
    wide = _bomless_utf16_or_32(data)
    if wide:
        try:
            return data.decode(wide), wide
        except UnicodeDecodeError:
            pass  # not UTF-16/32 after all: fall through to the binary check
    reason = _is_binary(data)
    if reason:
        raise ReadError("E103", reason)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        mixed = _mixed_lines(data)
        return mixed if mixed is not None else _best_single_byte(data)
    repaired = _font_encoded_repair(text)
    return repaired if repaired else (text, "utf-8")
