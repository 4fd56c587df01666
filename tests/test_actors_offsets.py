"""Property: every mention the actor stage reports points at its own text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.actors.kb import default_kb
from pactwatch.actors.stage import recognise
from pactwatch.ingest.build import document_from_parts

# Pieces that exercise every recogniser: names, titles, cues, compounds, punctuation.
PIECES = [
    "Mỹ",
    "Nga",
    "Anh",
    "anh",
    "Đức",
    "ông",
    "bà",
    "Ý",
    "Nhật",
    "Trung",
    "-",
    "–",
    " - ",
    "Thủ tướng",
    "Tổng thống",
    "Bộ trưởng Quốc phòng",
    "Ngoại trưởng",
    "người đứng đầu",
    "Keir Starmer",
    "Starmer",
    "Zelensky",
    "Oskar Lindqvist",
    "Annit Hakkanen",
    "Hakkanen",
    "tại",
    "ở",
    "sang",
    "Moskva",
    "Kiev",
    "Washington",
    "Brussels",
    "Rukla",
    ",",
    ".",
    "\n",
    "theo",
    "hãng tin",
    "tờ",
    "The Telegraph",
    "Ảnh:",
    "AFP",
    "/",
    "TTXVN",
    "(",
    ")",
    "—",
    "NATO",
    "EU",
    "liên minh tự nguyện",
    "Nhà Trắng",
    "ông chủ Nhà Trắng",
    "châu",
    "Latinh",
    "tuyên bố",
    "cho biết",
    "Céline",
    "Đà Nẵng",
    "Bà Rịa",
    "K.K",
    "Covid-19",
    "İ",
    "ß",
]
words = st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=6))
texts = st.lists(words, min_size=1, max_size=40).map(" ".join)


@pytest.fixture(autouse=True)
def no_user_kb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACTWATCH_KB_LOCAL", "/nonexistent/pactwatch-test-kb.yaml")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from([None, "2021-06-01", "2025-12-14"]))
def test_mentions_match_the_text(text: str, published: str | None) -> None:
    doc = document_from_parts([("body", text)], published=published)
    for actor in recognise(doc, default_kb()):
        assert actor.id.split(":", 1)[0] == actor.kind
        for m in actor.mentions:
            assert 0 <= m.start < m.end <= len(doc.text)
            assert doc.text[m.start : m.end] == m.text
