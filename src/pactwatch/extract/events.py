"""PLOVER events (stage "events"): a reading of the clause layer's predications.

Each predication whose predicate has a PLOVER type (``predicates.yaml``) and
tells a happening of its own (not a noun naming one, not the complement of a
governing predicate: "đe dọa [rút quân]" is one threat) is an event: its agent
is the source, its patient the target, its date, place and status those the
clause layer read (negated: denied; possible or conditional: hypothetical;
planned: planned). An event needs at least one actor taking part. Mentions of
one happening (same type, shared participants, compatible dates) merge into one
event with every evidence span in ``evidence_all``.
"""

from __future__ import annotations

import bisect
import re
from itertools import islice

from pactwatch.document import Document, Event, Predication, Quote, Span, TimeExpr
from pactwatch.extract.clauses import event_status, whole_words
from pactwatch.extract.commitment_parties import party_mentions, salient_countries
from pactwatch.extract.commitment_readings import party_of
from pactwatch.extract.context import MentionIndex, SentenceIndex
from pactwatch.extract.lexicon import (
    Term,
    clause_cues,
    event_lexicon,
    modality_lexicon,
    pack_language,
)
from pactwatch.registry import stage

BASE_CONFIDENCE = 0.5
# Zones whose sentences headline the text below them.
HEADLINE_ZONES = frozenset({"title", "heading"})
MAX_HEADLINE_WORDS = 14
# Where a headline's lead sentence may be (None: a document without zones).
LEAD_ZONES = frozenset({"body", None})
# At most this many words between a promise and the act it announces ("pledged
# to [send]", "cam kết sẽ [viện trợ]").
THROUGH_GAP_WORDS = 2


@stage("events", requires=("text", "actors", "times", "quotes", "predications"), assigns=("events",))
def extract_events(doc: Document) -> Document:
    """Code PLOVER events from the clause layer's predications."""
    mentions = MentionIndex(doc)
    sentences = SentenceIndex(doc)
    entries = _entries(doc.language)
    times = sorted((t for t in doc.times if t.value), key=lambda t: t.start)
    through = modality_lexicon(pack_language(doc.language)).acts_through
    by_id = {p.id: p for p in doc.predications}
    coded: dict[str, Event] = {}
    main_state = _MainState(doc)
    # a promise or offer of an act ("cam kết [viện trợ]") is told by that act:
    # the acts first, then the promises whose act made no event of its own
    announced = [
        p
        for p in doc.predications
        if p.governor
        and by_id[p.governor].verb_class in through
        and _follows_directly(doc.text, by_id[p.governor], p)
    ]
    told: set[str] = set()
    for pred in announced:
        event = _coded(doc, pred, entries, main_state)
        if event is not None:
            if event.status != "denied":
                event.status = through[by_id[pred.governor or ""].verb_class]
            coded[pred.id] = event
            told.add(pred.governor or "")
    for pred in doc.predications:
        if pred.governor is None and pred.id not in told:
            event = _coded(doc, pred, entries, main_state)
            if event is not None:
                coded[pred.id] = event
    order = {p.id: i for i, p in enumerate(doc.predications)}
    found = [coded[k] for k in sorted(coded, key=order.__getitem__)]
    for ev in found:
        if ev.date is None:
            ev.date = _headline_date(doc, ev, sentences, mentions, times)
    merged = _merge(found)
    since = clause_cues(pack_language(doc.language)).since
    direct = {q.id for q in doc.quotes if q.direct}
    for ev in merged:
        # after merging, so a carried date never splits one happening in two; a
        # speaker's own words are dated by what they say, not by when they spoke
        if ev.date is None and ev.quote not in direct:
            ev.date = _paragraph_date(doc.text, ev, times, since)
    doc.events = _renumber(merged)
    return doc


def _follows_directly(text: str, governor: Predication, pred: Predication) -> bool:
    """Is the act the promise's own complement, right after it ("cam kết [viện
    trợ]", "pledged to [send]")? Further on, a verb is another act the clause
    tells ("vowed to defeat Russian forces by [supplying]")."""
    gap = text[governor.predicate.end : pred.predicate.start]
    return len(gap.split()) <= THROUGH_GAP_WORDS


def _coded(
    doc: Document, pred: Predication, entries: dict[str, Term], main_state: _MainState
) -> Event | None:
    """The event a predication tells, if it tells one of its own."""
    if pred.event_type is None or pred.nominal:
        return None
    return _event(doc, pred, entries[pred.lemma.casefold()], main_state)


def _entries(language: str) -> dict[str, Term]:
    return {t.text.casefold(): t for t in event_lexicon(pack_language(language)).triggers.terms}


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


def _paragraph_date(
    text: str, ev: Event, times: list[TimeExpr], since: re.Pattern[str]
) -> str | None:
    """An undated event takes the day last named before it: Vietnamese news
    dates a happening once ("Ngày 27/4, …") and tells the rest of it without
    repeating the date. Only a day's date carries (a year or month names a
    background, not the day); a day named later in the same paragraph stands
    in when none came before."""
    para_start = text.rfind("\n", 0, ev.evidence.start) + 1
    para_end = text.find("\n", ev.evidence.end)
    para_end = len(text) if para_end < 0 else para_end
    before: TimeExpr | None = None
    after: TimeExpr | None = None
    for t in times:
        if t.granularity != "day" or since.search(text, max(0, t.start - 25), t.start):
            # "kể từ ngày 1/3/2014" is a starting point, never the day of what follows
            continue
        if t.start < ev.evidence.start:
            before = t
        elif t.start < para_end and after is None:
            after = t
    if before is not None:
        return before.value
    return after.value if after is not None and after.start >= para_start else None


def _is_headline(doc: Document, sent: Span) -> bool:
    """A title or heading zone, or a short unpunctuated line standing alone
    (plain-text articles set their section headings as such lines)."""
    if doc.zone_at(sent.start) in HEADLINE_ZONES:
        return True
    # the line holds nothing but the sentence: only spaces between it and the line breaks
    # around it, read from the sentence out (reading the whole line for every event made
    # a long line quadratic)
    text = doc.text
    before = sent.start
    while before > 0 and text[before - 1] != "\n" and text[before - 1].isspace():
        before -= 1
    after = sent.end
    while after < len(text) and text[after] != "\n" and text[after].isspace():
        after += 1
    if (before > 0 and text[before - 1] != "\n") or after >= len(text) or text[after] != "\n":
        return False
    line = text[sent.start : sent.end].strip()
    return not _more_words_than(line, MAX_HEADLINE_WORDS) and not line.endswith(
        (".", "!", "?", "…", ":", '"', "”")
    )


def _more_words_than(text: str, limit: int) -> bool:
    """``len(text.split()) > limit``, reading only as far as the word after the limit."""
    return next(islice(_NON_SPACE.finditer(text), limit, None), None) is not None


_NON_SPACE = re.compile(r"\S+")


def _object_event(pred: Predication, lang: str) -> tuple[str, str | None] | None:
    """The type and mode the predication's first classed object gives it."""
    by_class = event_lexicon(lang).object_events.get(pred.verb_class) or {}
    for obj in pred.objects:
        if obj.object_class in by_class:
            return by_class[obj.object_class]
    return None


def _type_and_mode(
    doc: Document, entry: Term, pred: Predication, main_state: _MainState
) -> tuple[str, str | None]:
    data = entry.data
    etype, mode = str(data["type"]), data.get("mode")
    after = doc.text[pred.predicate.end : pred.clause.end].casefold()
    best: tuple[int, str, str | None] | None = None
    helped = [p for p in (*pred.recipient, *pred.patient) if p not in pred.agent]
    for rule in data.get("by_object") or ():
        if rule.get("for_another") and not helped and not main_state.other_than(pred.agent):
            # "Hải quân Indonesia triển khai tàu tìm kiếm": a search of one's own
            # is a mobilisation; rescue craft another state sends (to the state
            # the article is about, when none is named) are aid
            continue
        for word in rule.get("words") or ():
            pos = after.find(word)
            if pos < 0:
                continue
            at = 0 if rule.get("anywhere") else pos
            if best is None or at < best[0]:
                best = (at, str(rule.get("type", etype)), rule.get("mode"))
    if best is not None:
        return best[1], best[2]
    by_object = _object_event(pred, pack_language(doc.language))
    return by_object if by_object is not None else (etype, mode)


class _MainState:
    """The state the article is mostly about, found once per document and only
    when a rule asks for it."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._state: str | None = None
        self._found = False

    def other_than(self, agent: list[str]) -> bool:
        """Is the agent a state other than the one the article is mostly about?"""
        states = {p for p in (party_of(self.doc, a) for a in agent) if p}
        if not states:
            return False
        if not self._found:
            salient = salient_countries(self.doc, party_mentions(self.doc))
            self._state, self._found = (salient[0] if salient else None), True
        return self._state is not None and self._state not in states


def _event(doc: Document, pred: Predication, entry: Term, main_state: _MainState) -> Event | None:
    data = entry.data
    needs = data.get("needs")
    has_object = _object_event(pred, pack_language(doc.language)) is not None
    if data.get("needs_object") and not has_object:
        return None
    if needs and not has_object:
        window = doc.text[pred.clause.start : pred.clause.end].casefold()
        if not any(w in window for w in needs):
            return None
    source, target = list(pred.agent), list(pred.patient)
    if data.get("symmetric") and not source and len(target) >= 2:
        source, target = target[:1], target[1:]
    etype, mode = _type_and_mode(doc, entry, pred, main_state)
    status = event_status(pred, pack_language(doc.language))
    alone = data.get("alone")
    if alone and not target and len(source) < 2:
        # one side exercising alone shows force; with a partner it cooperates
        etype, mode = str(alone.get("type", etype)), alone.get("mode", mode)
    if data.get("announced") and _announced(doc, pred, status):
        etype = str(data["announced"])
    if etype == "CONSULT":
        if not source and not target and pred.location:
            target = [pred.location]
        if not source and not target:
            return None
    elif not source and not (
        target and pred.passive in clause_cues(pack_language(doc.language)).agentless_passive
    ):
        # an act with nobody named as doing it ("các nước có kế hoạch gửi quân")
        # cannot be coded, unless it is told in the passive of whom it was done
        # to ("hai căn cứ của Myanmar bị tấn công")
        return None
    source, target = _with_states(doc, source), _with_states(doc, target)
    quote = _quote_by_id(doc.quotes, pred.quote)
    if (
        quote is not None
        and quote.direct
        and whole_words(doc.text, quote)
        and not (source and target)
    ):
        # a speaker's own words name their parties by pronoun ("chúng tôi"):
        # without both sides named the event cannot be placed
        return None
    if status == "hypothetical" and not (source and target):
        return None
    if etype == "THREATEN":
        if status == "denied":
            # "Nga tuyên bố không đe dọa bất kỳ ai" reassures; no threat was made
            return None
        # a threat is conditional by nature; making it is what happened
        status = "occurred"
    confidence = BASE_CONFIDENCE
    confidence += 0.15 if source and target else 0.0
    confidence += 0.1 if pred.date else 0.0
    confidence += 0.1 if doc.zone_at(pred.predicate.start) in ("body", "blockquote", None) else 0.0
    confidence -= 0.15 if status in ("hypothetical", "denied") else 0.0
    return Event(
        id="",
        type=etype,
        mode=mode,
        source=source,
        target=[t for t in target if t not in source],
        date=pred.date,
        location=pred.location,
        status=status,
        evidence=Span(pred.clause.start, pred.clause.end),
        quote=quote.id if quote else None,
        confidence=round(min(0.95, confidence), 2),
        evidence_all=[Span(pred.clause.start, pred.clause.end)],
        trigger=pred.text,
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


def _announced(doc: Document, pred: Predication, status: str) -> bool:
    """Is the act only planned, ordered or announced ("ra lệnh rút quân", "sẽ rút
    khỏi"), not yet carried out?"""
    if status in ("planned", "hypothetical"):
        return True
    cues = event_lexicon(pack_language(doc.language)).announcement_cues
    return bool(cues.find(doc.text, pred.clause.start, pred.predicate.start))


def _quote_by_id(quotes: list[Quote], quote_id: str | None) -> Quote | None:
    if quote_id is None:
        return None
    return next((q for q in quotes if q.id == quote_id), None)


def _dates_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _merge(events: list[Event]) -> list[Event]:
    """One event per happening: same type and mode, shared parties, compatible dates.

    Dated mentions merge first; an undated mention (a headline, a later "cuộc
    họp này") then joins the happening it shares most with, if any."""
    merged: list[Event] = []
    # the parties of each mention of a kept happening, each set once: the same mention
    # told again (a repeated sentence) changes no score, and comparing with every copy
    # made an article of many mentions quadratic
    mentions_of: dict[int, list[set[str]]] = {}
    seen_of: dict[int, set[frozenset[str]]] = {}
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
            parts = set(ev.source) | set(ev.target)
            mentions_of[id(ev)] = [parts]
            seen_of[id(ev)] = {frozenset(parts)}
        else:
            _absorb(best[2], ev)
            parts = set(ev.source) | set(ev.target)
            if frozenset(parts) not in seen_of[id(best[2])]:
                seen_of[id(best[2])].add(frozenset(parts))
                mentions_of[id(best[2])].append(parts)
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
    # after those starting where it starts, as appending and a stable sort would put it
    bisect.insort_right(kept.evidence_all, Span(ev.evidence.start, ev.evidence.end), key=_start)
    if ev.evidence.start < kept.evidence.start and ev.date == kept.date:
        kept.evidence = Span(ev.evidence.start, ev.evidence.end)
    kept.confidence = round(min(0.95, max(kept.confidence, ev.confidence) + 0.05), 2)


def _start(span: Span) -> int:
    return span.start


def _renumber(events: list[Event]) -> list[Event]:
    for i, ev in enumerate(events, 1):
        ev.id = f"e{i}"
    return events
