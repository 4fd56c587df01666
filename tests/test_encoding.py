"""Bytes -> text: Unicode forms, Windows-1258, TCVN3, VNI, binary refusal."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.errors import ReadError
from pactwatch.ingest.encoding import decode_bytes
from pactwatch.ingest.legacy_codecs import (
    decode_tcvn3,
    decode_vni,
    encode_tcvn3,
    encode_vni,
    encode_windows_1258,
    tcvn3_alphabet,
)
from pactwatch.ingest.readers import read_path

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"
SENTENCE = "Mỹ và Nhật Bản cam kết bảo vệ quần đảo Senkaku"


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("utf16_bom.txt", "utf-16-le-bom"),
        ("cp1258.txt", "windows-1258"),
        ("vni.txt", "vni"),
        ("tcvn3.txt", "tcvn3"),
    ],
)
def test_fixture_encodings_are_recognised(name: str, encoding: str) -> None:
    [doc] = read_path(FIX / name)
    assert doc.meta["encoding"] == encoding
    assert doc.title == SENTENCE
    assert "hiệp ước an ninh song phương" in doc.text


def test_hand_checked_tcvn3_words() -> None:
    assert decode_tcvn3("Hµ Néi".encode("latin-1")) == "Hà Nội"
    assert decode_tcvn3("B¶o vÖ".encode("latin-1")) == "Bảo vệ"
    assert decode_tcvn3(bytes([0xAE, 0xB5, 0x6D])) == "đàm"


def test_hand_checked_vni_words() -> None:
    assert decode_vni("Vieät Nam".encode("cp1252")) == "Việt Nam"
    assert decode_vni("Ñaø Naüng".encode("cp1252")) == "Đà Nẵng"
    assert decode_vni("NGÖÔØI".encode("cp1252")) == "NGƯỜI"
    assert decode_vni("ñaûm baûo".encode("cp1252")) == "đảm bảo"


@pytest.mark.parametrize(
    "codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]
)
def test_unicode_forms(codec: str) -> None:
    text, _ = decode_bytes((SENTENCE + "\nNgoại trưởng Nga cho biết.").encode(codec))
    assert text.startswith(SENTENCE)


def test_vni_typed_into_a_unicode_file_is_repaired() -> None:
    typed = encode_vni(SENTENCE + " và hiệp ước quốc phòng").decode("cp1252")
    text, encoding = decode_bytes(typed.encode("utf-8"))
    assert (text, encoding) == (SENTENCE + " và hiệp ước quốc phòng", "utf-8+vni")


def test_plain_utf8_with_latin_letters_is_left_alone() -> None:
    text = "Le Monde viết: “Café và crème” — Ngoại trưởng Pháp Jean-Noël Barrot cho biết."
    assert decode_bytes(text.encode()) == (text, "utf-8")


@pytest.mark.parametrize("data", [b"\x00\x01\x02abc", bytes(range(1, 32)) * 10])
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(ReadError) as err:
        decode_bytes(data)
    assert err.value.code == "E103"


def test_broken_utf16_after_bom_is_e104() -> None:
    with pytest.raises(ReadError) as err:
        decode_bytes(b"\xff\xfe" + b"\x00\xd8a")
    assert err.value.code == "E104"


_VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
_TEXT_ALPHABET = _VIETNAMESE + _VIETNAMESE.upper() + " ,.:;!?“”\"'()-0123456789\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_TEXT_ALPHABET, max_size=80))
def test_vni_round_trip(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    assert decode_vni(encode_vni(text)) == text


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=_VIETNAMESE + tcvn3_alphabet() + " ,.:;!?“”\"'()-0123456789ABCDEF\n", max_size=80
    )
)
def test_tcvn3_round_trip(text: str) -> None:
    assert decode_tcvn3(encode_tcvn3(text)) == text


def test_tcvn3_cannot_hold_every_capital() -> None:
    with pytest.raises(ValueError):
        encode_tcvn3("Ứng phó")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_TEXT_ALPHABET, max_size=80))
def test_windows_1258_round_trip(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    assert unicodedata.normalize("NFC", encode_windows_1258(text).decode("cp1258")) == text
