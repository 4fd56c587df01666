"""pactwatch.times.context: a sentence's forward cues read once per document give
what reading the window around every expression gives."""

from __future__ import annotations

import random

import pytest

from pactwatch.document import Span
from pactwatch.times.context import _FORWARD, _forward_cues

TEXTS = [
    "Ông sẽ nói rằng will willing next nextday dự kiến, dự  kiến sẽx xsẽ planned for"
    " deadline, hẹn gặp chuẩn bị tới đây. " * 30,
    "Hai bên dự kiến ký thỏa thuận vào ngày 12/3/2025, sau đó sẽ họp tiếp tới đây.",
    "The talks will resume next week; the deadline is due to expire, they planned for it.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_cues_from_the_sentence_scan_are_the_windows_own(text: str) -> None:
    rng = random.Random(7)
    memo: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for _ in range(300):
        a = rng.randrange(len(text))
        sentence = Span(a, rng.randrange(a, len(text) + 1))
        for _ in range(5):
            start = rng.randrange(sentence.start, sentence.end + 1)
            end = rng.randrange(start, sentence.end + 1)
            expected = [m.start() for m in _FORWARD.finditer(text, start, end)]
            assert _forward_cues(text, sentence, start, end, memo) == expected
            assert _forward_cues(text, sentence, start, end, None) == expected


def test_a_window_ending_inside_a_word_is_read_itself() -> None:
    text = "Họ sẽ willingly"
    sentence = Span(0, len(text))
    # "will" cut off from "willingly" is a cue to a window ending there, as before
    end = text.index("will") + 4
    assert _forward_cues(text, sentence, 0, end, {}) == [m.start() for m in
                                                          _FORWARD.finditer(text, 0, end)]
