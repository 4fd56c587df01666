"""Normalisation: NFC, one tone-mark convention, tidy whitespace; idempotent."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.ingest.normalize import normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("hoà bình", "hòa bình"),
        ("thuỷ quân", "thủy quân"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("Hoàng và quý", "Hoàng và quý"),
        (unicodedata.normalize("NFD", "Việt Nam"), "Việt Nam"),
        ("a\u200bb  c\u00a0d", "ab c d"),
        ("dòng 1\r\n\r\n\r\n\r\ndòng 2", "dòng 1\n\ndòng 2"),
    ],
)
def test_examples(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


_ALPHABET = "aăâeêioôơuưyAOUYhqnt \n\t\u00a0\u200b\u0300\u0301\u0303\u0309\u0323.,“”"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_normalising_twice_equals_once(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_idempotent_on_any_text(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nga&nbsp;và Mỹ", "Nga và Mỹ"),
        ("dòng 1<br>dòng 2", "dòng 1\ndòng 2"),
        ("<b>NATO</b> họp", "NATO họp"),
        ("&ldquo;Hòa bình&rdquo;", "“Hòa bình”"),
        ("AT&amp;T và 3 < 4", "AT&amp;T và 3 < 4"),
        ("a\u2028b", "a\nb"),
        # a bare "&nbsp" glued to the next word, as scraped news has it
        ("&nbspTại cuộc họp,&nbspBan Chỉ đạo", "Tại cuộc họp, Ban Chỉ đạo"),
    ],
)
def test_stray_markup(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


_MARKUP = st.text(alphabet="ab <>/&;#nbspquotr\n", max_size=40)


@settings(max_examples=300, deadline=None)
@given(_MARKUP)
def test_idempotent_on_markup(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
