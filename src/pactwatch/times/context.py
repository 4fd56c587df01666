"""What the words around an expression say about it: does its sentence look
forward ("sẽ", "dự kiến"), and is it news, a deadline, or background (a birth
year, the date of a cited decree)?"""

from __future__ import annotations

import bisect
import re

from pactwatch.document import Span
from pactwatch.times.lexicon import word_before
from pactwatch.times.model import FoundTime

# Words that make a sentence look forward ("sẽ", "dự kiến") or back ("đã", "vừa").
_FORWARD = re.compile(
    r"(?<!\w)(?:sẽ|dự\s+kiến|dự\s+định|sắp|chuẩn\s+bị|(?:lên|có)\s+kế\s+hoạch|tới\s+đây|hẹn"
    # English: absent from Vietnamese text, so its reading is unchanged
    r"|will|next|scheduled|planned\s+for|expected\s+to|due\s+to|return|deadline)(?!\w)",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"(?<!\w)(?:đã|vừa|hồi|hôm|từng|ago|was|were|had|did|said|told"
    # "last week", "last Friday" look back; the verb "last" ("talks will last until
    # Wednesday") does not
    r"|last(?=\s+(?:week|month|year|night|time|summer|winter|spring|autumn|fall"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|january|february|march|april|may|june|july|august|september|october|november|december)))"
    r"(?!\w)",
    re.IGNORECASE,
)
# An obligation or an order before a deadline ("phải ... trước cuối tháng 5", "ra
# lệnh ... trước ngày 1/5") looks forward too: a deadline is set for the future.
_OBLIGATION = re.compile(
    r"(?<!\w)(?:phải|buộc|lệnh|yêu\s+cầu|hạn\s+chót|thời\s+hạn|chậm\s+nhất|muộn\s+nhất)(?!\w)",
    re.IGNORECASE,
)
# Words before a date that make it a deadline or target ("đến năm 2030", "trước
# ngày 5/10"): it says something about the year, not about when the article appeared.
_TARGET_LEADS = frozenset({"đến", "tới", "trước", "hạn", "hết"})
# Of those, the words that make a date a deadline ("trước ngày 1/5", "hạn ngày ...").
_DEADLINE_LEADS = frozenset({"trước", "hạn", "hết"})
# A birth year, a founding year ("liên minh được thành lập năm 1949"), or the date
# of a cited legal document ("Nghị quyết số 48-NQ/TW ngày 24/5/2005", "Quyết định
# 15/2020/QĐ-TTg ngày ..."): background, not news, and never the article's date.
_BACKGROUND = re.compile(
    r"(?:(?<!\w)sinh(?:\s+(?:ngày|năm))?|(?<!\w)(?:thành\s+lập|ra\s+đời|khai\s+sinh)(?:\s+vào)?|(?<!\w)số\s+\S+|(?-i:\d+[\w/.-]*[A-ZĐ]{2,}[\w/.-]*)"
    r"|(?<!\w)(?:nghị\s+quyết|quyết\s+định|nghị\s+định|thông\s+tư|chỉ\s+thị|công\s+văn"
    r"|luật|pháp\s+lệnh|kết\s+luận|hiến\s+pháp|công\s+điện)(?:\s+\S+)?)"
    r",?\s*(?:ban\s+hành\s+|ký\s+)?(?:ngày|năm)?\s*$",
    re.IGNORECASE,
)


# English deadlines ("everything by June", "until Wednesday") look forward unless the
# sentence's own verb is past ("had been repaired by June", "were embargoed until
# Saturday"); a reporting "he said" around it does not make it past.
_EN_DEADLINE_LEADS = frozenset({"by", "until"})
_PAST_PERFECT = re.compile(r"(?<!\w)(?:had|was|were|did)(?!\w)", re.IGNORECASE)


# Characters either side of an expression its sentence's cues are read in.
CUE_REACH = 400


_WORD = re.compile(r"\w")


def _forward_cues(text: str, sentence: Span, start: int, end: int,
                  memo: dict[tuple[int, int], list[tuple[int, int]]] | None) -> list[int]:
    r"""Where ``_FORWARD.finditer(text, start, end)`` matches, from one scan of the
    sentence (``memo``, kept per document): a sentence of thousands of dates was read
    800 characters per date. The scan of the sentence finds the same matches as the
    window's (the words of every alternative are whole words: none is a word-prefix of
    another's), except where the window ends inside a word, its ``(?!\w)`` blind to
    what follows: that window is searched itself."""
    if memo is None or (end < len(text) and _WORD.match(text, end)):
        return [m.start() for m in _FORWARD.finditer(text, start, end)]
    key = (sentence.start, sentence.end)
    found = memo.get(key)
    if found is None:
        found = memo[key] = [(m.start(), m.end())
                             for m in _FORWARD.finditer(text, sentence.start, sentence.end)]
    lo = bisect.bisect_left(found, (start, -1))
    return [s for s, e in found[lo:bisect.bisect_right(found, (end, end))] if e <= end]


def looks_forward(text: str, sentence: Span | None, item: FoundTime,
                  memo: dict[tuple[int, int], list[tuple[int, int]]] | None = None) -> bool:
    """A forward cue in the sentence, nearer to the expression than any past cue.
    ``memo``: a dict kept for the document's expressions (its sentences' cues)."""
    if sentence is None:
        return False
    # cues near the expression decide: reading the whole sentence for every
    # expression made one long sentence cost its length times its expressions
    start = max(sentence.start, item.start - CUE_REACH)
    end = min(sentence.end, item.end + CUE_REACH)
    lead = text[item.start : item.end].split(" ", 1)[0].lower()
    if (lead in _EN_DEADLINE_LEADS or word_before(text, item.start) in _EN_DEADLINE_LEADS) and (
        not _PAST_PERFECT.search(text, start, end)
    ):
        return True
    cues = _forward_cues(text, sentence, start, end, memo)
    if word_before(text, item.start) in _DEADLINE_LEADS:
        cues += [m.start() for m in _OBLIGATION.finditer(text, start, item.start)]
    nearest_forward = min((abs(c - item.start) for c in cues), default=None)
    if nearest_forward is None:
        return False
    nearest_past = min(
        (abs(m.start() - item.start) for m in _PAST.finditer(text, start, end)),
        default=None,
    )
    return nearest_past is None or nearest_forward < nearest_past


def role_of(text: str, item: FoundTime) -> str:
    """ "background", "target" or "event" (see :attr:`FoundTime.role`)."""
    if _BACKGROUND.search(text, max(0, item.start - 60), item.start):
        return "background"
    if word_before(text, item.start) in _TARGET_LEADS:
        return "target"
    return "event"
