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
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

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
    mentions = [m for m in mentions if not any(s <= m.start and m.end <= e for s, e in blocked)]
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
    for m in mentions[first + 1 :]:
        if _joined(text, side[-1], m):
            side.append(m)
        else:
            break
    return _unique(m.party for m in side)


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


def agents(text: str, mentions: list[PartyMention], sentence: Span, anchor: int) -> list[str]:
    """The agent side: the first non-recipient party before the anchor in its clause, else in
    the clauses before it (nearest first), else after the anchor in its clause
    ("... cho kế hoạch quân đến Ukraine là Anh đã từ bỏ")."""
    parts = clauses(text, sentence)
    here = next((i for i, c in enumerate(parts) if c.start <= anchor <= c.end), len(parts) - 1)
    windows = [Span(parts[here].start, anchor)] + list(reversed(parts[:here]))
    windows.append(Span(anchor, parts[here].end))
    generic = False
    for window in windows:
        if generic and window is not windows[-1]:
            continue
        local = in_span(mentions, window)
        head = text[window.start : max(window.start, min(anchor, window.end))]
        if not local and GENERIC_SUBJECT.search(head):
            # "những nước có kế hoạch gửi quân": not the party of the clause before; only
            # "... là Anh đã từ bỏ" after the cue can still name the agent
            generic = True
            continue
        for i, m in enumerate(local):
            if not _is_agent(text, m, window.start):
                continue
            side = _side_from(text, local, i)
            last = max(x.end for x in local if x.party in side and x.start >= m.start)
            if last <= anchor and GENERIC_SUBJECT.search(text, last, anchor):
                return []  # "Mỹ ủng hộ các nước có kế hoạch ...": "các nước" act
            return side
    return []


def requested_from(text: str, mentions: list[PartyMention], status_end: int) -> list[str]:
    """Who is asked: the party right after "kêu gọi" / "yêu cầu" ("kêu gọi Mỹ trở thành ...")."""
    following = [m for m in mentions if status_end <= m.start <= status_end + 4]
    if not following:
        return []
    return _side_from(text, mentions, mentions.index(following[0]))


def recipients(
    text: str, mentions: list[PartyMention], start: int, limit: int, exclude: Iterable[str]
) -> list[str]:
    """The first party named after a recipient marker ("cho Ukraine", "ở Belarus")."""
    excluded = set(exclude)
    local = [m for m in mentions if start <= m.start <= limit]
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
    local = [m for m in mentions if start <= m.start <= limit]
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
    local = [m for m in mentions if marker.end() <= m.start <= min(limit, marker.end() + 60)]
    if not local:
        return []
    between = text[marker.end() : local[0].start]
    if CLAUSE_BREAK.search(between):
        return []
    return _side_from(text, local, 0)


def author_after(text: str, mentions: list[PartyMention], offset: int, limit: int) -> list[str]:
    """Parties named after "do" right after the cue ("kế hoạch do Mỹ soạn thảo")."""
    local = [m for m in mentions if offset <= m.start <= min(limit, offset + 30)]
    for i, m in enumerate(local):
        if AUTHOR_MARKER.search(text[max(offset, m.start - 6) : m.start]):
            return _side_from(text, local, i)
    return []


def nearest_before(
    text: str, mentions: list[PartyMention], sentence: Span, offset: int
) -> list[str]:
    """The party named nearest before ``offset`` in the sentence (the member in
    "Ukraine từ bỏ việc gia nhập NATO")."""
    before = [m for m in mentions if sentence.start <= m.start and m.end <= offset]
    before = [m for m in before if m.kind != "organization"]
    return [before[-1].party] if before else []


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
    before = [s for s in doc.sentences if s.end <= sentence.start]
    if not before:
        return []
    earlier = [m for m in in_span(mentions, before[-1]) if m.kind == "country"]
    return [earlier[0].party] if earlier else []
