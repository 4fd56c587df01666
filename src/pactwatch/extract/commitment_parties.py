"""Who gives and who receives: party mentions around a commitment cue.

A party is an actor that can hold a commitment: a country, an organisation or a
group. People and government bodies stand for their country ("ông Zelensky" ->
country:UKR, "Nhà Trắng" -> country:USA); outlets and places are never parties.

Vietnamese puts the agent first in its clause ("Mỹ đã đồng ý cung cấp ... cho
Ukraine"), the recipient after "cho", "dành cho", "tới" ..., and a location after
"ở", "tại". Those three positions decide the two sides.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate

from pactwatch.document import Actor, Document, Span

PARTY_KINDS = frozenset({"country", "organization", "group"})
STANDS_FOR_COUNTRY = frozenset({"person", "government_body"})
# Words allowed between two parties of one side: "Anh và Pháp", "Mỹ cùng đối tác châu Âu",
# "đồng minh châu Âu và các nước khác như Canada, Nhật Bản".
JOINER_WORDS = frozenset(
    [
        "và",
        "cùng",
        "với",
        "hay",
        "hoặc",
        "như",
        "các",
        "những",
        "nước",
        "quốc",
        "gia",
        "đối",
        "tác",
        "đồng",
        "minh",
        "khác",
        "phía",
    ]
)
# A party named right after these words receives or hosts; it is not the agent.
RECIPIENT_BEFORE = re.compile(
    r"(?:\b(?:cho|dành cho|tới|đến|sang|với|ở|tại|trụ sở|giữa|chống|về|kiểu|tương tự|giống"
    r"|như)\s*(?:phía\s*)?"
    r"(?:các\s+|nước\s+)?)$",
    re.IGNORECASE,
)
RECIPIENT_MARKER = re.compile(
    r"(?:\b(?:cho|dành cho|tới|đến|sang|ở|tại)\s*(?:phía\s*)?(?:các\s+|nước\s+)?)$",
    re.IGNORECASE,
)
FIRST_PERSON = re.compile(r"\b(?:chúng tôi|chúng ta|nước tôi)\b", re.IGNORECASE)
SOURCE_MARKER = re.compile(r"\btừ(?: phía)?\s*$", re.IGNORECASE)
THREAT = re.compile(r"đe dọa|tấn công|xâm lược|chống lại", re.IGNORECASE)
# "kế hoạch hòa bình do Washington đề xuất": the author follows "do"
AUTHOR_MARKER = re.compile(r"\bdo\s*$", re.IGNORECASE)
# "từ" = from, but not "từ bỏ" (give up), "từ chối" (refuse), "từ trước" (ever), "từ năm" ...
SOURCE_WORD = re.compile(
    r"\btừ(?: phía)?\s(?!bỏ|chối|trước|đó|lâu|khi|năm|ngày|tháng|đầu)", re.IGNORECASE
)
# Clause breaks, including "rằng" and reporting verbs: in "X cho biết Y đã đồng ý", Y acts.
CLAUSE_BREAK = re.compile(
    r"[,;:–]\s|\.\s|\n|\b(?:rằng|cho biết|cho hay|tuyên bố|khẳng định|nhấn mạnh|tiết lộ"
    r"|xác nhận|nếu)\b",
    re.IGNORECASE,
)
# A clause whose subject is a generic "các nước" refers to parties named elsewhere.
GENERIC_SUBJECT = re.compile(r"\b(?:những|các|nhiều) (?:nước|quốc gia)\b", re.IGNORECASE)
# "nước này" points back to the country the previous sentence is about.
ANAPHOR = re.compile(r"\b(?:nước|quốc gia) này\b", re.IGNORECASE)


@dataclass(frozen=True)
class PartyMention:
    start: int
    end: int
    party: str  # actor id of the party (a person is replaced by their country)
    kind: str


def party_of(actor: Actor) -> str | None:
    if actor.kind in PARTY_KINDS:
        return actor.id
    if actor.kind in STANDS_FOR_COUNTRY and actor.country:
        return f"country:{actor.country}"
    return None


def party_mentions(doc: Document) -> list[PartyMention]:
    mentions = []
    blocked: list[tuple[int, int]] = []  # outlet names ("RBC-Ukraine") hide the parties inside
    for actor in doc.actors:
        party = party_of(actor)
        if party is None:
            if actor.kind == "outlet":
                blocked += [(m.start, m.end) for m in actor.mentions]
            continue
        kind = party.split(":", 1)[0]
        mentions += [PartyMention(m.start, m.end, party, kind) for m in actor.mentions]
    if blocked:
        # inside an outlet name: the furthest end among the names starting at or before it
        blocked.sort()
        starts = [s for s, _ in blocked]
        reach = list(accumulate((e for _, e in blocked), max))

        def hidden(m: PartyMention) -> bool:
            i = bisect_right(starts, m.start) - 1
            return i >= 0 and reach[i] >= m.end

        mentions = [m for m in mentions if not hidden(m)]
    mentions.sort(key=lambda m: (m.start, -m.end))
    # drop mentions nested in a longer one ("Nga" inside "Ngoại trưởng Nga Sergey Lavrov")
    kept: list[PartyMention] = []
    for m in mentions:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


def in_span(mentions: list[PartyMention], span: Span) -> list[PartyMention]:
    """The mentions inside ``span``; ``mentions`` is sorted by start (as party_mentions gives).

    A binary search, not a scan: this runs once per sentence, and a scan made long
    articles quadratic.
    """
    first = bisect_left(mentions, span.start, key=lambda m: m.start)
    found = []
    for m in mentions[first:]:
        if m.start >= span.end:
            break
        if m.end <= span.end:
            found.append(m)
    return found


def _joined(text: str, left: PartyMention, right: PartyMention) -> bool:
    between = text[left.end : right.start]
    if len(between) > 30 or "\n" in between:
        return False
    words = re.findall(r"\w+", between.lower())
    unknown = [w for w in words if w not in JOINER_WORDS]
    linked = not words or "và" in words or "," in between or "cùng" in words or "như" in words
    return linked and len(unknown) <= 2


def _side_from(text: str, mentions: list[PartyMention], first: int) -> list[str]:
    side = [mentions[first]]
    for k in range(first + 1, len(mentions)):  # no copy of the rest of the list
        if _joined(text, side[-1], mentions[k]):
            side.append(mentions[k])
        else:
            break
    return _unique(m.party for m in side)


def _starting(mentions: list[PartyMention], lo: int, hi: int) -> list[PartyMention]:
    """``[m for m in mentions if lo <= m.start <= hi]`` for mentions sorted by start, by
    bisection: these run for every cue, and a scan made long sentences quadratic."""
    first = bisect_left(mentions, lo, key=lambda m: m.start)
    return mentions[first : bisect_right(mentions, hi, lo=first, key=lambda m: m.start)]


def _is_agent(text: str, mention: PartyMention, floor: int) -> bool:
    window = text[max(floor, mention.start - 14) : mention.start]
    return not RECIPIENT_BEFORE.search(window)


def clauses(text: str, sentence: Span) -> list[Span]:
    out, start = [], sentence.start
    for brk in CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        out.append(Span(start, brk.start()))
        start = brk.end()
    out.append(Span(start, sentence.end))
    return [c for c in out if c.end > c.start]


# A window is read up to this many party mentions when looking for its agent. No clause of
# news names so many parties; a clause of nothing but names ("A và B và C ...") costs no
# more than this for each cue in it.
CLAUSE_MENTIONS = 64
# The longest text GENERIC_SUBJECT matches ("những quốc gia"), with room to spare: a search
# ending at a cue finds a match that this end cuts only this close to it.
GENERIC_SUBJECT_LONGEST = 20
_GENERIC = "generic"
_PASS = "pass"
Outcome = str | tuple[list[str], int]  # _GENERIC, _PASS, or (agent side, end of its last mention)


@dataclass
class _Sentence:
    """What ``agents`` reads of one sentence, computed once for all its cues: the
    clauses and their ends (a bisect finds the cue's clause), each party's mentions, the
    generic subjects of the whole sentence, and what each whole clause decides (the same
    for every cue after it), so that a cue steps over undecided clauses at once. Without
    it every cue split and scanned its sentence up to itself."""

    text: str
    mentions: list[PartyMention]
    start: int
    end: int
    parts: list[Span]
    ends: list[int]
    starts_of: dict[str, list[int]]  # party -> starts of its mentions, in order
    ends_of: dict[str, list[int]]
    generic_starts: list[int]
    generic_ends: list[int]
    decided: dict[int, Outcome] = field(default_factory=dict)
    # clause index -> the nearest index at or before it deciding (-1: none), two readings:
    # a generic subject decides (clauses before the anchor) or only an agent does (after it)
    back: dict[bool, dict[int, int]] = field(default_factory=lambda: {True: {}, False: {}})

    def outcome(self, j: int) -> Outcome:
        found = self.decided.get(j)
        if found is None:
            found = self.decided[j] = _clause_outcome(self, self.parts[j], self.parts[j].end)
        return found

    def deciding(self, j: int, lo: int, generic_decides: bool) -> int:
        """The nearest clause index in [lo, j] whose outcome decides, or -1. Each walk is
        remembered, so all the cues of a sentence together walk each clause once."""
        memo = self.back[generic_decides]
        walked = []
        found = -1
        while j >= 0:  # down to the first clause, whatever ``lo``: what is remembered holds
            if j in memo:
                found = memo[j]
                break
            outcome = self.outcome(j)
            if outcome != _PASS and (generic_decides or outcome != _GENERIC):
                found = j
                break
            walked.append(j)
            j -= 1
        for k in walked:
            memo[k] = found
        return found if found >= lo else -1

    def last_end(self, side: list[str], after: int, window_end: int) -> int:
        """``max(x.end for x in in_span(mentions, window) if x.party in side and x.start >= after)``
        where ``after`` is a mention of the side inside the window."""
        best = -1
        for party in side:
            ends = self.ends_of.get(party)
            if not ends:
                continue
            k = bisect_right(ends, window_end) - 1
            if k >= 0 and self.starts_of[party][k] >= after:
                best = max(best, ends[k])
        return best

    def generic_between(self, lo: int, hi: int) -> bool:
        """``GENERIC_SUBJECT.search(text, lo, hi)`` for lo <= hi within the sentence: a match
        of the whole sentence inside, or one cut by the end ``hi`` (its closing \\b is met at
        the end of the searched text), which starts close to hi."""
        i = bisect_left(self.generic_starts, lo)
        if i < len(self.generic_starts) and self.generic_ends[i] <= hi:
            return True
        return bool(GENERIC_SUBJECT.search(self.text, max(lo, hi - GENERIC_SUBJECT_LONGEST), hi))


_last_sentence: _Sentence | None = None


def _sentence_index(text: str, mentions: list[PartyMention], sentence: Span) -> _Sentence:
    """The index of ``sentence``, kept while the same text, mention list and sentence are
    asked about (one commitment cue after another)."""
    global _last_sentence
    cached = _last_sentence
    if (
        cached is not None
        and cached.text is text
        and cached.mentions is mentions
        and cached.start == sentence.start
        and cached.end == sentence.end
    ):
        return cached
    parts = clauses(text, sentence)
    starts_of: dict[str, list[int]] = {}
    ends_of: dict[str, list[int]] = {}
    for m in in_span(mentions, sentence):
        starts_of.setdefault(m.party, []).append(m.start)
        ends_of.setdefault(m.party, []).append(m.end)
    generic = list(GENERIC_SUBJECT.finditer(text, sentence.start, sentence.end))
    cached = _Sentence(
        text, mentions, sentence.start, sentence.end, parts, [c.end for c in parts],
        starts_of, ends_of, [m.start() for m in generic], [m.end() for m in generic],
    )
    _last_sentence = cached
    return cached


def _clause_outcome(index: _Sentence, window: Span, anchor: int) -> Outcome:
    """What ``window`` decides about the agent of a cue at ``anchor``: _GENERIC (no party,
    a generic subject before the anchor), the first agent side with the end of its last
    mention in the window, or _PASS. Reads at most CLAUSE_MENTIONS mentions."""
    text, mentions = index.text, index.mentions
    first = bisect_left(mentions, window.start, key=lambda m: m.start)
    local: list[PartyMention] = []
    for m in mentions[first : first + CLAUSE_MENTIONS]:
        if m.start >= window.end:
            break
        if m.end <= window.end:
            local.append(m)
    if not local:
        head = text[window.start : max(window.start, min(anchor, window.end))]
        return _GENERIC if GENERIC_SUBJECT.search(head) else _PASS
    for i, m in enumerate(local):
        if not _is_agent(text, m, window.start):
            continue
        side = _side_from(text, local, i)
        return side, index.last_end(side, m.start, window.end)
    return _PASS


def agents(text: str, mentions: list[PartyMention], sentence: Span, anchor: int) -> list[str]:
    """The agent side: the first non-recipient party before the anchor in its clause, else in
    the clauses before it (nearest first), else after the anchor in its clause
    ("... cho kế hoạch quân đến Ukraine là Anh đã từ bỏ").

    Read through the sentence's index (``_Sentence``): each clause before the cue's own is
    read once for all the cues after it, so a long sentence costs its length, not its
    length times its cues."""
    index = _sentence_index(text, mentions, sentence)
    parts, ends = index.parts, index.ends
    if not parts:
        return []  # a sentence of nothing but break words ("khẳng định")
    before = bisect_left(ends, anchor)  # clauses ending before the anchor
    here = before
    if here >= len(parts) or parts[here].start > anchor:
        here = len(parts) - 1  # the anchor is in no clause (on a break word)
    found = _clause_outcome(index, Span(parts[here].start, anchor), anchor)
    if found == _PASS and here - 1 >= before:
        # the anchor fell between clauses: the clauses after it, up to the last one, are
        # read with no text before the anchor, so a generic subject there decides nothing
        j = index.deciding(here - 1, before, generic_decides=False)
        if j >= 0:
            found = index.outcome(j)
    if found == _PASS:
        j = index.deciding(min(here, before) - 1, 0, generic_decides=True)
        if j >= 0:
            found = index.outcome(j)
    if not isinstance(found, tuple):
        # nothing before the anchor, or "những nước có kế hoạch gửi quân" (not the party
        # of the clause before): only "... là Anh đã từ bỏ" after the cue names the agent
        found = _clause_outcome(index, Span(anchor, parts[here].end), anchor)
        if not isinstance(found, tuple):
            return []
    side, last = found
    if last <= anchor and index.generic_between(last, anchor):
        return []  # "Mỹ ủng hộ các nước có kế hoạch ...": "các nước" act
    return side


def requested_from(text: str, mentions: list[PartyMention], status_end: int) -> list[str]:
    """Who is asked: the party right after "kêu gọi" / "yêu cầu" ("kêu gọi Mỹ trở thành ...")."""
    first = bisect_left(mentions, status_end, key=lambda m: m.start)
    if first == len(mentions) or mentions[first].start > status_end + 4:
        return []
    return _side_from(text, mentions, first)


def recipients(
    text: str, mentions: list[PartyMention], start: int, limit: int, exclude: Iterable[str]
) -> list[str]:
    """The first party named after a recipient marker ("cho Ukraine", "ở Belarus")."""
    excluded = set(exclude)
    local = _starting(mentions, start, limit)
    for i, m in enumerate(local):
        if m.party in excluded:
            continue
        if RECIPIENT_MARKER.search(text[max(start, m.start - 14) : m.start]):
            return [p for p in _side_from(text, local, i) if p not in excluded]
    return []


def first_after(
    text: str, mentions: list[PartyMention], start: int, limit: int, exclude: Iterable[str]
) -> list[str]:
    excluded = set(exclude)
    local = _starting(mentions, start, limit)
    for i, m in enumerate(local):
        if m.party not in excluded and not SOURCE_MARKER.search(text[start : m.start]):
            return [p for p in _side_from(text, local, i) if p not in excluded]
    return []


def source_after(text: str, mentions: list[PartyMention], offset: int, limit: int) -> list[str]:
    """Parties named after "từ" / "từ phía" right after the cue ("bảo đảm an ninh từ Mỹ",
    "cam kết an ninh từ đồng minh châu Âu và các nước khác như Canada, Nhật Bản")."""
    marker = SOURCE_WORD.search(text, offset, min(limit, offset + 25))
    if marker is None or THREAT.search(text, offset, marker.start()):
        return []  # "mối đe dọa từ Triều Tiên" names a threat, not a giver
    if CLAUSE_BREAK.search(text, offset, marker.start()):
        return []  # "từ" of another clause
    local = _starting(mentions, marker.end(), min(limit, marker.end() + 60))
    if not local:
        return []
    between = text[marker.end() : local[0].start]
    if CLAUSE_BREAK.search(between):
        return []
    return _side_from(text, local, 0)


def author_after(text: str, mentions: list[PartyMention], offset: int, limit: int) -> list[str]:
    """Parties named after "do" right after the cue ("kế hoạch do Mỹ soạn thảo")."""
    local = _starting(mentions, offset, min(limit, offset + 30))
    for i, m in enumerate(local):
        if AUTHOR_MARKER.search(text[max(offset, m.start - 6) : m.start]):
            return _side_from(text, local, i)
    return []


def nearest_before(
    text: str, mentions: list[PartyMention], sentence: Span, offset: int
) -> list[str]:
    """The party named nearest before ``offset`` in the sentence (the member in
    "Ukraine từ bỏ việc gia nhập NATO")."""
    # mentions do not overlap, so their ends rise with their starts: bisect both bounds
    lo = bisect_left(mentions, sentence.start, key=lambda m: m.start)
    for k in range(bisect_right(mentions, offset, key=lambda m: m.end) - 1, lo - 1, -1):
        if mentions[k].kind != "organization":
            return [mentions[k].party]
    return []


def salient_countries(doc: Document, mentions: list[PartyMention]) -> list[str]:
    """Countries ordered by how often the article names them (title counts double)."""
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.kind == "country":
            counts[m.party] += 2 if doc.zone_at(m.start) == "title" else 1
    return [party for party, _ in counts.most_common()]


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def previous_country(doc: Document, mentions: list[PartyMention], sentence: Span) -> list[str]:
    """The first country named in the sentence before ``sentence`` ("Nước này" = it)."""
    # sentences follow each other: the last one ending before this one, by bisection
    k = bisect_right(doc.sentences, sentence.start, key=lambda s: s.end) - 1
    if k < 0:
        return []
    earlier = [m for m in in_span(mentions, doc.sentences[k]) if m.kind == "country"]
    return [earlier[0].party] if earlier else []
