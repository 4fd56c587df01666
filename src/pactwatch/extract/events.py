"""PLOVER events (stage "events").

Each trigger from ``events_vi.yaml`` found in a title, heading, body or block
quote sentence is read as a clause (:mod:`event_clauses`): the acting actor
before it, the actor acted on after it, the date and place of the clause, and a
status from negation and modality. A trigger that is the complement of a
governing one ("đe dọa rút quân", "kêu gọi hỗ trợ") is part of that event. An
event needs at least one actor taking part. Mentions of one happening (same
type, shared participants, compatible dates) merge into one event with every
evidence span in ``evidence_all``.
"""

from __future__ import annotations

import re

from pactwatch.document import Document, Event, Quote, Span, TimeExpr
from pactwatch.extract.context import MentionIndex, SentenceIndex, content_spans
from pactwatch.extract.event_clauses import ClauseReading, read_clause
from pactwatch.extract.lexicon import TermHit, ends_with_any, event_lexicon, reporting_lexicon
from pactwatch.pipeline import stage

# Punctuation that ends a clause between two triggers.
_CLAUSE_GAP = re.compile(r"[,;:]")
# Words between a governing trigger and the one it governs, at most.
GOVERNED_GAP_WORDS = 6
BASE_CONFIDENCE = 0.5
# A direct quote shorter than this is a fragment inside the reporter's sentence.
MIN_QUOTED_WORDS = 8
# Zones whose sentences headline the text below them.
HEADLINE_ZONES = frozenset({"title", "heading"})
MAX_HEADLINE_WORDS = 14
# Where a headline's lead sentence may be (None: a document without zones).
LEAD_ZONES = frozenset({"body", None})


@stage("events", requires=("text", "sentences", "actors", "times", "quotes"), assigns=("events",))
def extract_events(doc: Document) -> Document:
    """Code PLOVER events from clauses."""
    mentions = MentionIndex(doc)
    sentences = SentenceIndex(doc)
    triggers = event_lexicon().triggers
    times = sorted((t for t in doc.times if t.value), key=lambda t: t.start)
    found: list[Event] = []
    reporting = reporting_lexicon().verbs
    # a speaker's own sentences bound the parties and times of events told in
    # them; a short quoted fragment belongs to the reporter's sentence
    direct_spans = [
        Span(q.start, q.end) for q in doc.quotes if q.direct and _whole_words(doc.text, q)
    ]
    for zone, _kind in content_spans(doc):
        for sent in sentences.within(zone.start, zone.end):
            hits = triggers.find(doc.text, sent.start, sent.end)
            if not hits:
                continue
            said = reporting.find(doc.text, sent.start, sent.end)
            governed = [_governed(doc.text, hits, i) for i in range(len(hits))]
            for i, hit in enumerate(hits):
                if governed[i] or _nominal(doc.text, hit):
                    continue
                # in "X cho biết Y đã gặp Z" the event's subject is Y, not X
                subject_start = _subject_region_start(doc, sent, said, hit, mentions)
                if i > 0 and not _CLAUSE_GAP.search(doc.text, hits[i - 1].end, hit.start):
                    # after another trigger in the same clause, this one's subject
                    # comes after it ("Mỹ ủng hộ các nước có kế hoạch gửi quân")
                    subject_start = max(subject_start, hits[i - 1].end)
                # the object runs on through the triggers this one governs
                object_end = next(
                    (h.start for j, h in enumerate(hits) if j > i and not governed[j]), sent.end
                )
                quoted = [d for d in direct_spans if d.start <= hit.start < d.end]
                time_bounds = None
                if quoted:
                    # a speaker's words name parties and times only inside the quote
                    subject_start = max(subject_start, quoted[0].start)
                    object_end = min(object_end, quoted[0].end)
                    time_bounds = quoted[0]
                reading = read_clause(
                    doc, sent, hit, subject_start, object_end, mentions, times, time_bounds
                )
                event = _event(doc, hit, reading)
                if event is not None:
                    found.append(event)
    for ev in found:
        if ev.date is None:
            ev.date = _headline_date(doc, ev, sentences, mentions, times)
    doc.events = _renumber(_merge(found))
    return doc


def _headline_date(
    doc: Document,
    ev: Event,
    sentences: SentenceIndex,
    mentions: MentionIndex,
    times: list[TimeExpr],
) -> str | None:
    """An undated event in a headline takes its date from the lead sentence
    under the headline, when that sentence names one of its parties."""
    sent = sentences.at(ev.evidence.start)
    if sent is None or not _is_headline(doc, sent):
        return None
    end = sent.end
    lead = next(
        (s for s in sentences.within(end, len(doc.text)) if doc.zone_at(s.start) in LEAD_ZONES),
        None,
    )
    if lead is None:
        return None
    parties = set(ev.source) | set(ev.target)
    if not any(m.actor_id in parties for m in mentions.within(lead.start, lead.end)):
        return None
    dated = [t for t in times if lead.start <= t.start and t.end <= lead.end]
    return dated[0].value if dated else None


def _is_headline(doc: Document, sent: Span) -> bool:
    """A title or heading zone, or a short unpunctuated line standing alone
    (plain-text articles set their section headings as such lines)."""
    if doc.zone_at(sent.start) in HEADLINE_ZONES:
        return True
    text = doc.text
    line_start = text.rfind("\n", 0, sent.start) + 1
    line_end = text.find("\n", sent.end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip()
    return (
        line == text[sent.start : sent.end].strip()
        and len(line.split()) <= MAX_HEADLINE_WORDS
        and not line.endswith((".", "!", "?", "…", ":", '"', "”"))
        and line_end < len(text)
    )


def _subject_region_start(
    doc: Document, sent: Span, said: list[TermHit], hit: TermHit, mentions: MentionIndex
) -> int:
    """Where the subject of a trigger may start: after a reporting verb that
    introduces the clause ("X cho biết Y đã gặp Z" -> Y), unless the reported
    clause begins with the trigger itself ("X tuyên bố sẵn sàng cung cấp")."""
    start = sent.start
    for verb in said:
        if verb.end > hit.start:
            break
        between = doc.text[verb.end : hit.start]
        if mentions.within(verb.end, hit.start) or len(between.split()) > 3:
            start = verb.end
    return start


def _nominal(text: str, hit: TermHit) -> bool:
    """A trigger that names no new happening: a noun after a classifier ("sự hỗ
    trợ", "cuộc tấn công"), a description after a copula ("là một cuộc đàm
    phán"), or a pointer back to one already told ("cuộc họp này")."""
    lex = event_lexicon()
    if ends_with_any(text, hit.start, lex.predicate_markers):
        return True
    if hit.term.data.get("nominal_ok") or hit.term.data.get("type") in lex.nominal_ok_types:
        return _follows_back_reference(text, hit.end, lex.back_references)
    return ends_with_any(text, hit.start, lex.nominal_markers)


def _follows_back_reference(text: str, end: int, words: frozenset[str]) -> bool:
    following = re.match(r"[\s*_”\"]*(\w+(?:\s+\w+)?)", text[end : end + 20])
    if following is None:
        return False
    first = following.group(1).split()[0].casefold()
    return first in words or following.group(1).casefold() in words


def _governed(text: str, hits: list[TermHit], i: int) -> bool:
    """Is trigger ``i`` the complement of an earlier governing trigger?"""
    for j in range(i - 1, -1, -1):
        prev = hits[j]
        gap = text[prev.end : hits[i].start]
        if any(c in gap for c in ",;.:\n") or len(gap.split()) > GOVERNED_GAP_WORDS:
            return False
        if prev.term.data.get("governs"):
            return True
    return False


def _type_and_mode(doc: Document, hit: TermHit, reading: ClauseReading) -> tuple[str, str | None]:
    data = hit.term.data
    etype, mode = str(data["type"]), data.get("mode")
    after = doc.text[hit.end : reading.clause.end].casefold()
    best: tuple[int, str, str | None] | None = None
    for rule in data.get("by_object") or ():
        for word in rule.get("words") or ():
            pos = after.find(word)
            if pos < 0:
                continue
            at = 0 if rule.get("anywhere") else pos
            if best is None or at < best[0]:
                best = (at, str(rule.get("type", etype)), rule.get("mode"))
    if best is not None:
        return best[1], best[2]
    return etype, mode


def _event(doc: Document, hit: TermHit, reading: ClauseReading) -> Event | None:
    needs = hit.term.data.get("needs")
    if needs:
        window = doc.text[reading.clause.start : reading.clause.end].casefold()
        if not any(w in window for w in needs):
            return None
    source, target = reading.source, reading.target
    if hit.term.data.get("symmetric") and not source and len(target) >= 2:
        source, target = target[:1], target[1:]
    etype, mode = _type_and_mode(doc, hit, reading)
    alone = hit.term.data.get("alone")
    if alone and not target and len(source) < 2:
        # one side exercising alone shows force; with a partner it cooperates
        etype, mode = str(alone.get("type", etype)), alone.get("mode", mode)
    if hit.term.data.get("announced") and _announced(doc.text, hit, reading):
        etype = str(hit.term.data["announced"])
    if etype == "CONSULT":
        if not source and not target and reading.location:
            target = [reading.location]
        if not source and not target:
            return None
    elif not source:
        # an act with nobody named as doing it ("bị lên án", "các nước có kế
        # hoạch gửi quân") cannot be coded
        return None
    source, target = _with_states(doc, source), _with_states(doc, target)
    quote = _quote_at(doc.quotes, hit.start)
    if (
        quote is not None
        and quote.direct
        and _whole_words(doc.text, quote)
        and not (source and target)
    ):
        # a speaker's own words name their parties by pronoun ("chúng tôi"):
        # without both sides named the event cannot be placed
        return None
    if reading.status == "hypothetical" and not (source and target):
        return None
    if etype == "THREATEN" and reading.status == "denied":
        # "Nga tuyên bố không đe dọa bất kỳ ai" reassures; no threat was made
        return None
    confidence = BASE_CONFIDENCE
    confidence += 0.15 if source and target else 0.0
    confidence += 0.1 if reading.date else 0.0
    confidence += 0.1 if doc.zone_at(hit.start) in ("body", "blockquote", None) else 0.0
    confidence -= 0.15 if reading.status in ("hypothetical", "denied") else 0.0
    return Event(
        id="",
        type=etype,
        mode=mode,
        source=source,
        target=[t for t in target if t not in source],
        date=reading.date,
        location=reading.location,
        status=reading.status,
        evidence=reading.clause,
        quote=quote.id if quote else None,
        confidence=round(min(0.95, confidence), 2),
        evidence_all=[reading.clause],
        trigger=doc.text[hit.start : hit.end],
    )


def _with_states(doc: Document, ids: list[str]) -> list[str]:
    """A government body acts for its state ("Bộ Ngoại giao Nga", "IRGC"): the
    state takes part too. People keep only themselves: a leader's words are
    theirs, and the article names the state where it acts."""
    out = list(ids)
    for actor_id in ids:
        if not actor_id.startswith("government_body:"):
            continue
        actor = doc.actor(actor_id)
        country = actor.country if actor is not None else None
        if country:
            state = country if ":" in country else f"country:{country.upper()}"
            if state not in out:
                out.append(state)
    return out


def _announced(text: str, hit: TermHit, reading: ClauseReading) -> bool:
    """Is the act only planned, ordered or announced ("ra lệnh rút quân", "sẽ rút
    khỏi"), not yet carried out?"""
    if reading.status in ("planned", "hypothetical"):
        return True
    cues = event_lexicon().announcement_cues
    return bool(cues.find(text, reading.clause.start, hit.start))


def _whole_words(text: str, quote: Quote) -> bool:
    """A speaker's own sentences, not a few quoted words inside the reporter's
    sentence ("Moskva sẽ có “biện pháp đáp trả tương xứng”"), whose parties the
    reporter names."""
    if len(quote.text.split()) >= MIN_QUOTED_WORDS:
        return True
    head_start = max(text.rfind(end, 0, quote.start) for end in (".", "!", "?", "\n")) + 1
    head = text[head_start : quote.start].strip(' \t"“”‘’«»*_>-—–')
    return not head or head.endswith(":")


def _quote_at(quotes: list[Quote], pos: int) -> Quote | None:
    for q in quotes:
        if q.start <= pos < q.end:
            return q
    return None


def _dates_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _merge(events: list[Event]) -> list[Event]:
    """One event per happening: same type and mode, shared parties, compatible dates.

    Dated mentions merge first; an undated mention (a headline, a later "cuộc
    họp này") then joins the happening it shares most with, if any."""
    merged: list[Event] = []
    mentions_of: dict[int, list[set[str]]] = {}
    dated = [e for e in events if e.date]
    undated = [e for e in events if not e.date]
    for ev in sorted(dated, key=lambda e: e.evidence.start) + undated:
        best: tuple[int, int, Event] | None = None
        for order, kept in enumerate(merged):
            score = _same_happening(kept, ev, mentions_of[id(kept)])
            if score and (best is None or score > best[0]):
                best = (score, -order, kept)
        if best is None:
            merged.append(ev)
            mentions_of[id(ev)] = [set(ev.source) | set(ev.target)]
        else:
            _absorb(best[2], ev)
            mentions_of[id(best[2])].append(set(ev.source) | set(ev.target))
    merged.sort(key=lambda e: min(s.start for s in e.evidence_all))
    return merged


def _same_happening(kept: Event, ev: Event, kept_mentions: list[set[str]]) -> int:
    """How strongly ``ev`` looks like another mention of ``kept`` (0: not at all)."""
    if kept.type != ev.type or not _dates_compatible(kept.date, ev.date):
        return 0
    if kept.mode and ev.mode and kept.mode != ev.mode:
        return 0
    parts = set(ev.source) | set(ev.target)
    same_place = 1 if ev.location and ev.location == kept.location else 0
    # compare with each earlier mention, not their union, so merges never snowball;
    # a shared place counts as a shared party ("A gặp B tại X" / "B hội đàm tại X")
    shared = max(len(parts & m) for m in kept_mentions) + same_place
    if shared < min(2, len(parts) + same_place, max(len(m) for m in kept_mentions) + same_place):
        return 0
    return shared


def _absorb(kept: Event, ev: Event) -> None:
    kept.source += [s for s in ev.source if s not in kept.source and s not in kept.target]
    kept.target += [t for t in ev.target if t not in kept.target and t not in kept.source]
    if kept.date is None or (ev.date and len(ev.date) > len(kept.date)):
        kept.date = ev.date
    kept.location = kept.location or ev.location
    kept.mode = kept.mode or ev.mode
    if kept.status != "occurred" and ev.status == "occurred":
        kept.status = ev.status
    kept.evidence_all.append(Span(ev.evidence.start, ev.evidence.end))
    kept.evidence_all.sort(key=lambda s: s.start)
    if ev.evidence.start < kept.evidence.start and ev.date == kept.date:
        kept.evidence = Span(ev.evidence.start, ev.evidence.end)
    kept.confidence = round(min(0.95, max(kept.confidence, ev.confidence) + 0.05), 2)


def _renumber(events: list[Event]) -> list[Event]:
    for i, ev in enumerate(events, 1):
        ev.id = f"e{i}"
    return events
