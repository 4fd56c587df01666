"""Sentence segmentation over the normalised text.

Vietnamese news punctuates like English, with two habits that matter: a quote
often ends with its closing mark after the full stop (``…đấy."``) and a speaker
clause follows (``", Thủ tướng Anh cho biết.``); and abbreviations are rare but
titles like ``TT.`` or initials like ``TP.HCM`` occur. Sentences never cross a
zone (a caption is never glued to body text) or a blank line.
"""

from __future__ import annotations

import re

from pactwatch.document import Document, Span
from pactwatch.registry import stage

# A sentence ends at . ! ? … (optionally followed by closing quotes/brackets) when
# what follows is whitespace and then an upper-case letter, a digit, an opening
# quote or a dash. Abbreviations like "TP.HCM" have no space and so never split.
_END = re.compile(
    r"""[.!?…]+["”’»)\]]*(?=\s+["“‘«(\[—–-]?[A-ZÀ-ỸĐ0-9])""",
)
_ABBREV = re.compile(r"(?:\b(?:TT|TP|Th|St|Mr|Mrs|Dr|Ms|Gen|No|v\.v)|\b[A-ZĐ])\.$")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans within text[start:end], trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    # Lines are hard boundaries: articles put one paragraph (or sentence) per line.
    for line in re.finditer(r"[^\n]+", text[start:end]):
        ls, le = start + line.start(), start + line.end()
        cur = ls
        for m in _END.finditer(text, ls, le):
            piece_end = m.end()
            if _ABBREV.search(text[max(ls, piece_end - 6) : piece_end]):
                continue
            _append(text, spans, cur, piece_end)
            cur = piece_end
        _append(text, spans, cur, le)
    return spans


def _append(text: str, spans: list[Span], s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append(Span(s, e))


@stage("segment", requires=("text", "zones"), assigns=("sentences",))
def segment(doc: Document) -> Document:
    """Split every zone of the text into sentences."""
    sentences: list[Span] = []
    if doc.zones:
        for z in sorted(doc.zones, key=lambda z: z.start):
            sentences.extend(split_sentences(doc.text, z.start, z.end))
    else:
        sentences = split_sentences(doc.text)
    doc.sentences = sentences
    return doc
