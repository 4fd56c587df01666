"""Find passages between quotation marks, across paragraphs when a quote runs on.

Double quotes may be curly (“…”) or straight ("…") and are often mixed (“…");
guillemets «…» pair with each other; single quotes ‘…’ and '…' pair only when
they stand at word edges, so apostrophes (O'Brien, Putin’s) are never marks.
A double quote left open at the end of a paragraph continues into the next
paragraphs (a later paragraph may re-open with a mark, as style guides ask),
up to :data:`MAX_PARAGRAPHS`; a quote that never closes ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pactwatch.document import Span

MAX_PARAGRAPHS = 4

_MARK = re.compile("[\u201c\u201d\"\u00ab\u00bb\u2018\u2019']")
_DOUBLE_OPEN = '\u201c"'
_DOUBLE_CLOSE = '\u201d"'
# Markdown emphasis and spaces are not part of the quoted words.
_TRIM = " \t\n_*>"


@dataclass(frozen=True)
class MarkedPassage:
    """A quoted passage: where its marks are and where the quoted words are."""

    open_at: int
    close_at: int | None  # None when the quote never closes
    start: int  # first quoted character (trimmed)
    end: int  # one past the last quoted character (trimmed)
    paragraph: int  # index of the paragraph it opens in
    closing_paragraph: int


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _is_word(before) and _is_word(after)


def _closes_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _is_word(after) and not before.isspace()


def find_marked_passages(text: str, paras: list[Span]) -> list[MarkedPassage]:
    """Quoted passages within the given paragraphs (spans of one zone, in order)."""
    found: list[MarkedPassage] = []
    pi = 0
    resume_at = paras[0].start if paras else 0
    while pi < len(paras):
        para = paras[pi]
        passage, next_pi, next_pos = _scan_from(text, paras, pi, max(resume_at, para.start))
        if passage is None:
            pi += 1
            resume_at = paras[pi].start if pi < len(paras) else 0
            continue
        found.append(passage)
        pi, resume_at = next_pi, next_pos
    return found


def _scan_from(
    text: str, paras: list[Span], pi: int, pos: int
) -> tuple[MarkedPassage | None, int, int]:
    """The first passage opening at or after ``pos`` in paragraph ``pi``."""
    para = paras[pi]
    for m in _MARK.finditer(text, pos, para.end):
        ch, i = m.group(0), m.start()
        if ch in _DOUBLE_OPEN:
            return _close_double(text, paras, pi, i)
        if ch == "\u00ab":
            return _close_simple(text, paras, pi, i, "\u00bb")
        if ch in "\u2018'" and _opens_single(text, i):
            return _close_single(text, paras, pi, i)
    return None, pi + 1, 0


def _passage(
    text: str, open_at: int, close_at: int | None, end: int, pi: int, cpi: int
) -> MarkedPassage | None:
    s, e = open_at + 1, end
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    if e <= s:
        return None
    return MarkedPassage(open_at, close_at, s, e, pi, cpi)


def _after(paras: list[Span], pi: int, pos: int) -> tuple[int, int]:
    """Where scanning continues after a mark at ``pos`` in paragraph ``pi``."""
    if pos + 1 < paras[pi].end:
        return pi, pos + 1
    return pi + 1, paras[pi + 1].start if pi + 1 < len(paras) else 0


def _close_double(
    text: str, paras: list[Span], pi: int, open_at: int
) -> tuple[MarkedPassage | None, int, int]:
    last = min(len(paras) - 1, pi + MAX_PARAGRAPHS - 1)
    for qi in range(pi, last + 1):
        para = paras[qi]
        start = open_at + 1 if qi == pi else para.start
        # a continuing paragraph may re-open with a mark: that mark is not a close
        if qi > pi and text[start] in _DOUBLE_OPEN and _reopens(text, start, para.end):
            start += 1
        for m in _MARK.finditer(text, start, para.end):
            if m.group(0) in _DOUBLE_CLOSE:
                close_at = m.start()
                after_pi, after_pos = _after(paras, qi, close_at)
                return _passage(text, open_at, close_at, close_at, pi, qi), after_pi, after_pos
    # never closed: the quote is its own paragraph
    passage = _passage(text, open_at, None, paras[pi].end, pi, pi)
    next_pi = pi + 1
    return passage, next_pi, paras[next_pi].start if next_pi < len(paras) else 0


def _reopens(text: str, start: int, end: int) -> bool:
    """A straight mark at a paragraph start re-opens only if another mark follows."""
    if text[start] == "\u201c":
        return True
    return text.count('"', start + 1, end) % 2 == 1


def _close_simple(
    text: str, paras: list[Span], pi: int, open_at: int, closer: str
) -> tuple[MarkedPassage | None, int, int]:
    para = paras[pi]
    close_at = text.find(closer, open_at + 1, para.end)
    if close_at < 0:
        return None, *_after(paras, pi, open_at)
    return _passage(text, open_at, close_at, close_at, pi, pi), *_after(paras, pi, close_at)


def _close_single(
    text: str, paras: list[Span], pi: int, open_at: int
) -> tuple[MarkedPassage | None, int, int]:
    para = paras[pi]
    opener = text[open_at]
    closers = "\u2019" if opener == "\u2018" else "'"
    for m in _MARK.finditer(text, open_at + 1, para.end):
        if m.group(0) in closers and _closes_single(text, m.start()):
            close_at = m.start()
            return _passage(text, open_at, close_at, close_at, pi, pi), *_after(paras, pi, close_at)
    return None, *_after(paras, pi, open_at)
