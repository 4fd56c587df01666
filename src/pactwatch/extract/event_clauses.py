"""Reading one event trigger's clause: who acts, who is acted on, when, where,
and whether it happened (status from negation and modality cues)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pactwatch.document import Document, Span, TimeExpr
from pactwatch.extract.context import MentionIndex, PlacedMention
from pactwatch.extract.lexicon import TermHit, event_lexicon

# Participants are actors that can act; outlets report and places host.
_PARTICIPANT_KINDS = frozenset({"person", "group", "government_body", "organization", "country"})
# A clause ends at these marks, and before "nhưng", "trong khi", "song", "tuy nhiên".
_CLAUSE_BREAK = re.compile(r"[;:.!?\n]|,\s|\s(?:nhưng|trong khi|song|tuy nhiên)\s")
# Mentions after these words are sources or owners, not participants.
_NOT_PARTICIPANT_BEFORE = re.compile(
    r"(?:\btheo|\btrích dẫn từ)\s+(?:(?:hãng|tờ|báo|hãng tin|hãng thông tấn)\s+)?$",
    re.IGNORECASE,
)
# "<trigger> (adjective)? của X": X is whose act it is.
_POSSESSOR = re.compile(r"[\s*_]*(?:\w+\s+){0,2}của[\s*_]*$")
# "kể từ (năm) 2014": a time that is a starting point, not the event's date.
_SINCE = re.compile(r"\bkể từ\s+(?:năm|ngày|tháng)?\s*$", re.IGNORECASE)
# A subordinate clause after the trigger has its own time ("... khi X hôm 7/4").
_SUBORDINATE = re.compile(r"\b(?:khi|sau khi|trước khi|kể từ khi|từ khi)\b", re.IGNORECASE)
# How far before a trigger a status cue may stand (characters).
STATUS_WINDOW = 45
STATUS_ORDER = ("denied", "hypothetical", "planned", "reported")
# Comma pieces longer than this are clauses of their own, not openers to skip.
MAX_CROSSED_WORDS = 5
# How far back (characters) "nước này" looks for the country it stands for.
ANAPHOR_REACH = 400
# No clause runs longer than this either side of its trigger: without the bound, one
# 300 KB "sentence" with no break costs a scan of the whole sentence per trigger.
MAX_CLAUSE_REACH = 2_000


@dataclass
class ClauseReading:
    source: list[str]
    target: list[str]
    location: str | None
    date: str | None
    status: str
    clause: Span


def _ids(mentions: list[PlacedMention], country_of: dict[str, str], text: str) -> list[str]:
    ids: list[str] = []
    for i, m in enumerate(mentions):
        if any(o is not m and o.start <= m.start and m.end <= o.end for o in mentions):
            continue  # "Nga" inside "Hội đồng An ninh Quốc gia Nga"
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            nxt is not None
            and nxt.kind == "person"
            and m.kind != "person"
            and not text[m.end : nxt.start].strip(" -–")
        ):
            continue  # "Tổng thống Belarus Alexander Lukashenko": an affiliation
        if m.actor_id not in ids:
            ids.append(m.actor_id)
    # a country named only as a person's or body's affiliation is not a party of its own
    owners = {_country_id(country_of[i]) for i in ids if country_of.get(i)}
    if len(ids) > 1:
        ids = [i for i in ids if i not in owners or not i.startswith("country:")] or ids
    return ids


def _country_id(country: str) -> str:
    """An actor's ``country`` field as a country actor id ("GBR" -> "country:GBR")."""
    return country if ":" in country else f"country:{country.upper()}"


def clause_bounds(text: str, sentence: Span, trigger: TermHit) -> Span:
    """The clause around a trigger: from the last break before it to the next after."""
    start = max(sentence.start, trigger.start - MAX_CLAUSE_REACH)
    for m in _CLAUSE_BREAK.finditer(text, start, trigger.start):
        start = m.end()
    stop = min(sentence.end, trigger.end + MAX_CLAUSE_REACH)
    nxt = _CLAUSE_BREAK.search(text, trigger.end, stop)
    end = nxt.start() if nxt else stop
    return Span(start, end)


def read_clause(
    doc: Document,
    sentence: Span,
    trigger: TermHit,
    subject_start: int,
    object_end: int,
    mentions: MentionIndex,
    times: list[TimeExpr],
    time_bounds: Span | None = None,
) -> ClauseReading:
    text = doc.text
    clause = clause_bounds(text, sentence, trigger)
    location, location_mentions = _location(text, sentence, trigger, mentions)
    loc_spans = {(m.start, m.end) for m in location_mentions}

    def participants(start: int, end: int) -> list[PlacedMention]:
        out = []
        for m in mentions.within(start, end):
            if m.kind not in _PARTICIPANT_KINDS or (m.start, m.end) in loc_spans:
                continue
            if _NOT_PARTICIPANT_BEFORE.search(text[max(start, m.start - 30) : m.start]):
                continue
            out.append(m)
        return out

    subj_start = _subject_start(text, subject_start, trigger.start, mentions)
    subj = participants(subj_start, trigger.start)
    if not subj:
        subj = _country_anaphor(text, subj_start, trigger.start, mentions)
    if subj and _generic_subject_between(text, subj[-1].end, trigger.start):
        subj = []
    obj_end = min(object_end, max(clause.end, trigger.end))
    obj = participants(trigger.end, obj_end)
    if not subj and not obj and trigger.term.data.get("type") == "CONSULT":
        # "Trong cuộc gọi ngày 14-10, ông A đã tư vấn cho ông B": a meeting
        # named as a noun takes its parties from the rest of the sentence
        obj = [m for m in participants(sentence.start, sentence.end) if m.kind == "person"]
    if not subj and obj and _POSSESSOR.match(text, trigger.end, obj[0].start):
        # "... là nhượng bộ lớn của Kiev": the possessor of the act is its agent
        subj, obj = obj[:1], obj[1:]
    return ClauseReading(
        source=_ids(subj, mentions.country_of, text),
        target=_ids(obj, mentions.country_of, text),
        location=location,
        date=_date(text, time_bounds or sentence, clause, trigger, times),
        status=_status(
            text,
            max(subject_start, clause.start, trigger.start - STATUS_WINDOW),
            trigger,
            threat=trigger.term.data.get("type") == "THREATEN",
        ),
        clause=Span(min(clause.start, trigger.start), max(clause.end, trigger.end)),
    )


def _subject_start(text: str, region_start: int, trigger_start: int, mentions: MentionIndex) -> int:
    """Walk back over comma pieces until one names an actor (the subject).

    Only short pieces are crossed ("Tuy nhiên, ", "một ngày sau, "): a longer
    piece without an actor has a subject of its own that is not named."""
    pieces = [region_start]
    for m in re.finditer(r",\s", text[region_start:trigger_start]):
        pieces.append(region_start + m.end())
    crossed_end = trigger_start
    subordinators = event_lexicon().subordinators
    for start in reversed(pieces):
        if crossed_end < trigger_start and subordinators.find(text, start, start + 12):
            first = subordinators.find(text, start, start + 12)[0]
            if not text[start : first.start].strip():
                # "Kể từ khi Nga xâm chiếm Ukraine, sự hợp tác ...": an adverbial
                # clause has its own subject
                return crossed_end
        if any(m.kind in _PARTICIPANT_KINDS for m in mentions.within(start, trigger_start)):
            return start
        if len(text[start:crossed_end].split()) > MAX_CROSSED_WORDS:
            return start
        crossed_end = start
    return pieces[-1]


def _country_anaphor(
    text: str, start: int, end: int, mentions: MentionIndex
) -> list[PlacedMention]:
    """ "nước này" in the subject stands for the last country named before it."""
    hits = event_lexicon().country_anaphors.find(text, start, end)
    if not hits:
        return []
    count = int(hits[0].term.data.get("count") or 1)
    chosen: list[PlacedMention] = []
    for m in reversed(mentions.within(max(0, hits[0].start - ANAPHOR_REACH), hits[0].start)):
        if m.kind == "country" and all(c.actor_id != m.actor_id for c in chosen):
            chosen.append(m)
            if len(chosen) == count:
                break
    return chosen[::-1]


def _generic_subject_between(text: str, start: int, end: int) -> bool:
    return bool(event_lexicon().generic_subjects.find(text, start, end))


def _location(
    text: str, sentence: Span, trigger: TermHit, mentions: MentionIndex
) -> tuple[str | None, list[PlacedMention]]:
    cues = event_lexicon().location_cues
    visit = trigger.term.data.get("mode") == "visit"
    best: tuple[int, PlacedMention] | None = None
    for m in mentions.within(sentence.start, sentence.end):
        if m.kind not in ("place", "country", "government_body"):
            continue
        before = re.findall(r"\w+", text[max(sentence.start, m.start - 12) : m.start])
        if not before:
            continue
        cue = before[-1].casefold()
        if cue not in cues or (cue in ("đến", "tới", "sang") and not visit):
            continue
        distance = abs(m.start - trigger.end)
        if best is None or distance < best[0]:
            best = (distance, m)
    if best is None:
        return None, []
    return best[1].actor_id, [best[1]]


def _date(
    text: str, bounds: Span, clause: Span, trigger: TermHit, times: list[TimeExpr]
) -> str | None:
    """The resolved time expression governing the trigger: one in its own
    clause first, else the nearest within ``bounds`` (the sentence, or the
    quote when a speaker's words tell of the event). A time that only marks a
    starting point ("lớn nhất kể từ năm 2014") or dates a subordinate clause
    after the trigger ("chỉ trích ... khi tham gia cuộc họp hôm 7/4") does not
    date the event itself."""
    best: tuple[int, int, str] | None = None
    for t in times:
        if t.value is None or t.start < bounds.start or t.end > bounds.end:
            continue
        if _SINCE.search(text, max(bounds.start, t.start - 12), t.start):
            continue
        if t.start >= trigger.end and _SUBORDINATE.search(text, trigger.end, t.start):
            continue
        outside = 0 if clause.start <= t.start and t.end <= clause.end else 1
        distance = t.start - trigger.end if t.start >= trigger.end else trigger.start - t.end
        if best is None or (outside, distance) < best[:2]:
            best = (outside, distance, t.value)
    return best[2] if best else None


def _status(text: str, window_start: int, trigger: TermHit, threat: bool = False) -> str:
    lex = event_lexicon()
    window_start = min(window_start, trigger.start)
    for status in STATUS_ORDER:
        if threat and status != "denied":
            # a threat is conditional by nature; making it is what happened
            continue
        matcher = lex.status_cues.get(status)
        if matcher and matcher.find(text, window_start, trigger.start):
            return status
    return "occurred"
