"""Decoders (and, for tests, encoders) for the pre-Unicode Vietnamese encodings.

No maintained PyPI package decodes these, so the tables are written out here and
checked by round-trip tests and hand-checked words.

* TCVN3 ("ABC", TCVN 5712:1993 VN3) is one byte per letter: the lower-case
  letters with their tone marks and the seven plain capitals ĂÂÊÔƠƯĐ live in
  0xA1-0xFF. The remaining free slots hold the capitals with tone marks that the
  full VN1 table adds; we decode them too. 0x80-0x9F are read as Windows-1252,
  because ABC-era files keep Word's curly quotes there.
* VNI (VNI-Windows) writes a base letter followed by a Windows-1252 character
  that the VNI fonts draw as the diacritic ("Vieät" = "Việt"); ơ, ư, đ, ĩ, ỉ, ị
  and ỵ are single substitute characters.
"""

from __future__ import annotations

import re
import unicodedata

# --- TCVN3 -------------------------------------------------------------------
# 0xA0-0xFF, sixteen per row. 0xB0-0xB4 are combining tone marks (NFC composes
# them with the preceding vowel later).
_TCVN3_HIGH = (
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"  # 0xA0
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # 0xB0
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # 0xC0
    "éẹềểễếệìỉỄẾỒĩíịò"  # 0xD0
    "Ổỏõóọồổỗốộờởỡớợù"  # 0xE0
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # 0xF0
)
assert len(_TCVN3_HIGH) == 96

_TCVN3_DECODE: list[str] = (
    [chr(b) for b in range(0x80)]
    + [bytes([b]).decode("cp1252", errors="replace") for b in range(0x80, 0xA0)]
    + list(_TCVN3_HIGH)
)
# (cp1252 leaves five bytes undefined: they decode to U+FFFD and encode from nothing.)
_TCVN3_ENCODE: dict[str, int] = {}
for _byte, _char in enumerate(_TCVN3_DECODE):
    if _char != "\ufffd":
        _TCVN3_ENCODE.setdefault(_char, _byte)


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 (ABC) bytes -> NFC text."""
    return unicodedata.normalize("NFC", "".join(_TCVN3_DECODE[b] for b in data))


def encode_tcvn3(text: str) -> bytes:
    """NFC text -> TCVN3 bytes; raises ValueError on a character TCVN3 cannot hold."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        code = _TCVN3_ENCODE.get(char)
        if code is None:
            raise ValueError(f"{char!r} (U+{ord(char):04X}) has no TCVN3 code")
        out.append(code)
    return bytes(out)


def tcvn3_alphabet() -> str:
    """Every non-ASCII character TCVN3 can encode (for tests)."""
    return "".join(c for c in _TCVN3_HIGH if not unicodedata.combining(c) and c != "\u00a0")


# --- VNI ---------------------------------------------------------------------
# Diacritic carriers after a base vowel. Tone marks: ù sắc, ø huyền, û hỏi,
# õ ngã, ï nặng. With â/ê/ô (circumflex): â alone, á ấ, à ầ, å ẩ, ã ẫ, ä ậ.
# With ă (breve): ê alone, é ắ, è ằ, ú ẳ, ü ẵ, ë ặ.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_CIRCUMFLEX = {
    "â": "",
    "á": "\u0301",
    "à": "\u0300",
    "å": "\u0309",
    "ã": "\u0303",
    "ä": "\u0323",
}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
# Letters that VNI writes as one substitute character (lower case; upper case below).
_VNI_SINGLE_LOWER = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "ó": "ĩ",
    "æ": "ỉ",
    "ò": "ị",
    "î": "ỵ",
    "ì": "ì",
    "í": "í",
}


def _compose(*chars: str) -> str:
    return unicodedata.normalize("NFC", "".join(chars))


def _build_vni_tables() -> dict[str, str]:
    """VNI sequence -> Unicode letter, for both cases of base and carrier."""
    table: dict[str, str] = {}

    def add(seq: str, letter: str) -> None:
        table[seq] = letter
        table[seq.upper()] = letter.upper()

    for base in "aeiouy":
        for carrier, mark in _VNI_TONES.items():
            if base == "y" and carrier == "ï":
                continue  # ỵ is the single character î
            if base == "i":
                continue  # i with a tone is a single character
            add(base + carrier, _compose(base, mark))
    for base in "aeo":
        for carrier, mark in _VNI_CIRCUMFLEX.items():
            add(base + carrier, _compose(base, "\u0302", mark))
    for carrier, mark in _VNI_BREVE.items():
        add("a" + carrier, _compose("a", "\u0306", mark))
    for single, letter in _VNI_SINGLE_LOWER.items():
        add(single, letter)
    # ơ and ư (single characters) take tone carriers too: "ôù" = ớ, "öø" = ừ.
    for single, letter in (("ô", "ơ"), ("ö", "ư")):
        for carrier, mark in _VNI_TONES.items():
            add(single + carrier, _compose(letter, mark))
    return table


_VNI_DECODE = _build_vni_tables()
# Prefer the all-lower or all-upper spelling when encoding (what VNI keyboards type).
_VNI_ENCODE: dict[str, str] = {}
for _seq, _letter in sorted(_VNI_DECODE.items(), key=lambda kv: len(kv[0]), reverse=True):
    if _seq in (_seq.lower(), _seq.upper()):
        _VNI_ENCODE.setdefault(_letter, _seq)
# Raw characters that VNI reads as diacritics or letters: text holding them
# literally (ä, ø, ñ, ...) cannot be written in VNI unambiguously.
_VNI_RESERVED = frozenset(
    "".join(_VNI_TONES)
    + "".join(_VNI_CIRCUMFLEX)
    + "".join(_VNI_BREVE)
    + "".join(_VNI_SINGLE_LOWER)
)
_VNI_RESERVED = _VNI_RESERVED | frozenset(c.upper() for c in _VNI_RESERVED)
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _VNI_DECODE), key=len, reverse=True)))
# Lower-case carriers after an upper-case base ("Aù") also occur in the wild.
_VNI_MIXED_RE = re.compile(r"([AEIOUY])([ùøûõïâáàåãäêéèúüë])")


def _cp1252_lenient(data: bytes) -> str:
    # VNI fonts are laid out on Windows-1252; its five undefined bytes map to latin-1.
    return "".join(
        bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b))
        if b >= 0x80
        else chr(b)
        for b in data
    )


def vni_to_unicode(text: str) -> str:
    """VNI-font text (already read as Windows-1252 characters) -> NFC Unicode."""
    text = _VNI_MIXED_RE.sub(lambda m: m.group(1) + m.group(2).upper(), text)
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: _VNI_DECODE[m.group(0)], text))


def decode_vni(data: bytes) -> str:
    """VNI-Windows bytes -> NFC text."""
    return vni_to_unicode(_cp1252_lenient(data))


def encode_vni(text: str) -> bytes:
    """NFC text -> VNI bytes; raises ValueError on a character VNI cannot hold."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        seq = _VNI_ENCODE.get(char)
        if seq is None and char in _VNI_RESERVED:
            raise ValueError(f"{char!r} (U+{ord(char):04X}) has no unambiguous VNI spelling")
        out.append(seq if seq is not None else char)
    try:
        return "".join(out).encode("cp1252")
    except UnicodeEncodeError as exc:
        raise ValueError(f"cannot write {exc.object[exc.start]!r} in VNI") from None


def tcvn3_from_text(text: str) -> str:
    """TCVN3 text that was read as Windows-1252 characters -> NFC Unicode."""
    return decode_tcvn3(text.encode("cp1252", errors="replace"))


# --- Windows-1258 --------------------------------------------------------------
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_windows_1258(text: str) -> bytes:
    """Text -> Windows-1258 as Vietnamese software writes it: the letter with its
    vowel mark precomposed (ơ, â, ...) and the tone as a separate combining byte.
    Python's cp1258 codec alone cannot encode precomposed toned letters."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out.append(base + tones)
    try:
        return "".join(out).encode("cp1258")
    except UnicodeEncodeError as exc:
        raise ValueError(f"cannot write {exc.object[exc.start]!r} in Windows-1258") from None
