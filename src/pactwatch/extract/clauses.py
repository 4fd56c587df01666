"""The clause layer (stage "clauses"): every clause read once as a predication.

A predicate is an entry of the language pack's ``predicates.yaml`` found in a
title, heading, body or block-quote sentence. Its clause is read here, once,
for every reader after it: who acts (the participants named before the
predicate, past a reporting frame "X cho biết …"), who is acted on (those
after it), who receives ("cho X", "tới X") and who it comes from ("từ X"), what
it acts on (the object lexicon: weapons, troops, guarantees…), where, when,
its modality and polarity (``modality.yaml``), and whose words it is in.

A predicate that is the complement of a governing one ("cân nhắc [cung cấp]",
"kêu gọi [gửi quân]") is marked with its ``governor`` and takes its modality
from the governor's class; when it names no agent of its own it takes the
governor's (or, under a request, the one asked).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from pactwatch.document import Document, ObjectRef, Predication, Quote, Span, TimeExpr
from pactwatch.extract.context import (
    MentionIndex,
    PlacedMention,
    SearchFrom,
    SentenceIndex,
    content_spans,
)
from pactwatch.extract.lexicon import (
    ClauseCues,
    HitIndex,
    TermHit,
    clause_cues,
    ends_with_any,
    event_lexicon,
    modality_lexicon,
    pack_language,
    reporting_hits,
)
from pactwatch.lang.objects import ObjectHit, find_objects
from pactwatch.registry import stage

# Punctuation that ends a clause between two predicates.
_CLAUSE_GAP = re.compile(r"[,;:]")
# Words between a governing predicate and the one it governs, at most.
GOVERNED_GAP_WORDS = 6
# A direct quote shorter than this is a fragment inside the reporter's sentence.
MIN_QUOTED_WORDS = 8
# Participants are actors that can act; outlets report and places host.
PARTICIPANT_KINDS = frozenset({"person", "group", "government_body", "organization", "country"})
RECEIVING_KINDS = PARTICIPANT_KINDS | {"place"}
# How far before a predicate a modality or negation marker may stand (characters).
MODALITY_WINDOW = 45
# Comma pieces longer than this are clauses of their own, not openers to skip.
MAX_CROSSED_WORDS = 5
# How far back (characters) "nước này" looks for the country it stands for.
ANAPHOR_REACH = 400
# "the alliance" points back further: an article names NATO once and then
# speaks of "the alliance" for paragraphs.
ORGANIZATION_ANAPHOR_REACH = 4_000
# No clause runs longer than this either side of its predicate: without the bound,
# one 300 KB "sentence" with no break costs a scan of the whole sentence per predicate.
MAX_CLAUSE_REACH = 2_000
# A list of names ("Australia, Mỹ, Đức, Pháp, Nga, Ấn Độ và Thổ Nhĩ Kỳ"): at most
# this many names read as one, each at most this long.
MAX_LIST_NAMES = 30
# How far before a request verb a passive marker makes it one received
# ("được chính phủ Baghdad đề nghị"): the marker and a name of a few words.
PASSIVE_REACH = 40
# Talks and the plan they are about: the talking classes, and how many words
# may stand between ("talks between Russia and Ukraine on a peace deal").
TALKING_CLASSES = frozenset({"consult", "mediate"})
SETTLED_IN_TALKS = frozenset({"peace_plan"})
MAX_TOPIC_GAP_WORDS = 10
MAX_LIST_NAME = 120
# How far back a coordinated clause looks for the predicate whose subject it
# shares, and the longest quote a predicate is looked up in (bounds on cost).
MAX_SHARED_BACK = 4
# Words between "cử" and the envoy it sends ("cử Bộ trưởng Lục quân Mỹ Dan
# Driscoll"), at most: a title of several words stands before the name.
ENVOY_REACH_WORDS = 7
# Characters between two predicates joined as serial verbs, at most.
MAX_SERIAL_GAP = 120
# Actors whose names hold object words ("hải quân Indonesia", "lực lượng SDF").
ACTING_BODIES = frozenset({"government_body", "organization", "group"})
# Characters before a plan named as a noun its author may stand in.
AUTHOR_REACH = 30
# Characters around a making verb its maker marker may stand in.
MAKER_REACH = 60
# What a maker can make for another state (not forces: "Hải quân X" is who holds it).
MADE_THINGS = frozenset({"military_aid", "air_defense", "nuclear_deployment"})
# Classes whose object after the verb may be whom they help.
HELPED_CLASSES = frozenset({"help", "support"})
# How far (characters) a claim verb ("cáo buộc") reaches over the acts it frames.
MAX_CLAIM_REACH = 300
MAX_QUOTE_REACH = 20_000
# Verb class of an entry that names none, from its PLOVER type.
CLASS_OF_TYPE = {
    "CONSULT": "consult",
    "AGREE": "agree",
    "SUPPORT": "support",
    "AID": "transfer",
    "COOPERATE": "cooperate",
    "REQUEST": "request",
    "ACCUSE": "accuse",
    "REJECT": "refuse",
    "THREATEN": "threaten",
    "PROTEST": "protest",
    "SANCTION": "sanction",
    "MOBILIZE": "deploy",
    "COERCE": "coerce",
    "ASSAULT": "attack",
    "CONCEDE": "concede",
    "RETREAT": "withdraw",
}
BASE_CONFIDENCE = 0.5


@dataclass
class _Frame:
    agent: list[str]
    patient: list[str]
    location: str | None
    date: str | None
    clause: Span


@stage(
    "clauses",
    requires=("text", "sentences", "actors", "times", "quotes"),
    assigns=("predications",),
)
def read_clauses(doc: Document) -> Document:
    """Read every clause with a predicate into a predication (the clause layer)."""
    lang = pack_language(doc.language)
    mentions = MentionIndex(doc)
    sentences = SentenceIndex(doc)
    lex = event_lexicon(lang)
    cues = clause_cues(lang)
    times = sorted((t for t in doc.times if t.value), key=lambda t: t.start)
    # a speaker's own sentences bound the parties and times of what they tell;
    # a short quoted fragment belongs to the reporter's sentence
    direct = sorted(
        (q for q in doc.quotes if q.direct and whole_words(doc.text, q)), key=lambda q: q.start
    )
    direct_starts = [q.start for q in direct]
    quotes = sorted(doc.quotes, key=lambda q: q.start)
    quote_starts = [q.start for q in quotes]
    out: list[Predication] = []
    # every predicate and reporting verb of the text, found once, read by sentence
    predicates = HitIndex(lex.triggers, doc.text)
    said_all = reporting_hits(doc.text, lang)
    for zone, _kind in content_spans(doc):
        for sent in sentences.within(zone.start, zone.end):
            hits = [
                h
                for h in predicates.find(sent.start, sent.end)
                if (not h.term.data.get("object_before") or _names_a_maker(doc.text, h, cues))
                # "tham gia tập trận" takes part in an act, the act is the predicate
                and (not h.term.data.get("direct_object") or _direct_object(doc.text, h, mentions, cues))
            ]
            if not hits:
                continue
            said = said_all.find(sent.start, sent.end)
            markers = _Markers.of(doc.text, sent.start, hits[-1].start, lang)
            governed = [_governor_index(doc.text, hits, i) for i in range(len(hits))]
            # where each predicate's object ends: at the next one it does not govern
            next_free = [sent.end] * len(hits)
            for i in range(len(hits) - 2, -1, -1):
                nxt = i + 1
                next_free[i] = hits[nxt].start if governed[nxt] is None else next_free[nxt]
            made: list[Predication] = []
            for i, hit in enumerate(hits):
                if hit.term.data.get("not_person_object") and _person_after(
                    doc.text, hit, mentions
                ):
                    continue
                # in "X cho biết Y đã gặp Z" the subject is Y, not X
                near = said_all.find(max(sent.start, hit.start - MAX_CLAUSE_REACH), hit.start)
                subject_start = _subject_region_start(doc, sent, near, hit, mentions)
                if (
                    i > 0
                    and not hits[i - 1].term.data.get("names_object")
                    and not _CLAUSE_GAP.search(doc.text, hits[i - 1].end, hit.start)
                ):
                    # after another predicate in the same clause, this one's subject
                    # comes after it ("Mỹ ủng hộ các nước có kế hoạch gửi quân")
                    subject_start = max(subject_start, hits[i - 1].end)
                # the object runs on through the predicates this one governs
                object_end = next_free[i]
                quoted = [d for d in [_quote_at(direct, direct_starts, hit.start)] if d]
                time_bounds = None
                if quoted:
                    # a speaker's words name parties and times only inside the quote
                    subject_start = max(subject_start, quoted[0].start)
                    object_end = min(object_end, quoted[0].end)
                    time_bounds = Span(quoted[0].start, quoted[0].end)
                nominal = _nominal(doc.text, hit, lang)
                frame = _read_frame(
                    doc,
                    sent,
                    hit,
                    (subject_start, object_end),
                    mentions,
                    times,
                    time_bounds,
                    lang,
                    parties=not nominal,
                )
                if not frame.agent and (
                    cues.coordinator.match(doc.text, frame.clause.start)
                    or _coordinated(doc.text, hits, i, cues)
                ):
                    # "…, đồng thời kêu gọi Y", "cung cấp đạn dược và hỗ trợ hậu
                    # cần": a coordinated clause shares its subject
                    frame.agent = _shared_subject(doc, sent, said, made, mentions, lang)
                serial_at = (
                    _serial_marker_end(doc.text, hits, i, cues)
                    if i > 0 and governed[i] is None and made and made[-1].agent
                    else None
                )
                if serial_at is not None:
                    # "Hải quân Ấn Độ điều tàu từ X tới hỗ trợ hải quân Indonesia",
                    # "quân đội Mỹ sẽ điều một đội đến Indonesia hỗ trợ": a serial verb
                    # shares the first verb's subject; who is named after the marker
                    # is where it goes (so whom it is for), not who acts
                    went_to = _ids(
                        [
                            m
                            for m in mentions.within(serial_at, hit.start)
                            if m.kind in PARTICIPANT_KINDS
                        ],
                        mentions.country_of,
                        doc.text,
                    )
                    frame.agent = list(made[-1].agent)
                    frame.patient = [
                        p for p in (*went_to, *frame.patient) if p not in frame.agent
                    ]
                    frame.patient = list(dict.fromkeys(frame.patient))
                if hit.term.data.get("direct_object"):
                    # "Ấn Độ tham gia vào Bộ Tứ": only a name right after the verb is
                    # what it joins; with none (kept out above) the verb is no predicate
                    frame.patient = _direct_object(doc.text, hit, mentions, cues)
                if hit.term.data.get("object_before"):
                    _maker_frame(doc.text, frame, hit, mentions, cues)
                sides: list[str] = []
                if hit.term.data.get("names_object"):
                    frame.agent = _author(doc.text, frame, hit, mentions, cues)
                    sides = (
                        _talks_about(doc.text, made[-1], hit.start, mentions, cues)
                        if made and not frame.agent
                        else []
                    )
                    if sides:
                        # "Russia and Ukraine held talks on a peace deal": the plan
                        # is negotiated between the talks' sides
                        frame.agent = sides
                passive = (
                    None
                    if hit.term.data.get("object_before")
                    else _passive(doc.text, frame, hit, mentions, markers)
                )
                # what the predicate acts on and who receives it may run past a comma
                # ("cung cấp vũ khí, đạn dược cho Ukraine"), never past what it governs
                reach = min(object_end, max(frame.clause.end, hit.end) + 80)
                modality, negated, cue = _modality(
                    doc.text,
                    max(subject_start, frame.clause.start, hit.start - MODALITY_WINDOW),
                    hit,
                    markers,
                    lang,
                )
                if sides:
                    modality = _negotiated(made[-1].modality)
                quote = _quote_at(quotes, quote_starts, hit.start)
                data = hit.term.data
                pred = Predication(
                    id=f"p{len(out) + len(made) + 1}",
                    predicate=Span(hit.start, hit.end),
                    text=doc.text[hit.start : hit.end],
                    lemma=hit.term.text,
                    verb_class=str(
                        data.get("class") or CLASS_OF_TYPE.get(str(data.get("type")), "other")
                    ),
                    event_type=data.get("type"),
                    clause=frame.clause,
                    sentence=Span(sent.start, sent.end),
                    agent=frame.agent,
                    patient=frame.patient,
                    recipient=_after_cue(
                        doc.text, hit.end, reach, mentions, cues.recipient, frame.agent, cues
                    ),
                    origin=_after_cue(doc.text, hit.end, reach, mentions, cues.origin, frame.agent),
                    objects=(
                        _objects_before(doc.text, frame.clause.start, hit, lang)
                        if hit.term.data.get("object_before")
                        else _objects(doc.text, hit, reach, lang, mentions)
                        or _forces_before(doc.text, frame.clause.start, hit, lang)
                    ),
                    location=frame.location,
                    date=frame.date,
                    modality=modality,
                    negated=negated,
                    negation_cue=cue,
                    passive=passive,
                    nominal=nominal,
                    quote=quote.id if quote else None,
                    speaker=quote.speaker if quote else None,
                    via=list(quote.reported_via) if quote else [],
                )
                g = governed[i]
                if g is not None and g < len(made):
                    offer = pred.verb_class in cues.offered_classes and _offered(
                        doc.text, hits, g, i, mentions, cues
                    )
                    _govern(made[g], pred, lang, offer=offer)
                    if hit.term.data.get("names_object"):
                        # "Ukraine is weighing the peace plan": who weighs it did not write it
                        pred.agent = list(frame.agent)
                elif serial_at is not None:
                    _follow(made[-1], pred)
                elif _claimed(doc.text, hits, i):
                    # "Moskva cáo buộc NATO triển khai …": NATO's act is Moscow's claim
                    pred.modality = modality_lexicon(lang).alleged[0]
                if data.get("settles"):
                    # "peace talks between Russia and Ukraine", "hòa đàm": the talks
                    # name the settlement they negotiate
                    pred.objects.append(
                        ObjectRef(hit.start, hit.end, pred.text, "peace", "peace_plan", None)
                    )
                    pred.modality = _negotiated(pred.modality)
                    plan = None
                else:
                    plan = next((o for o in pred.objects if o.commitment in SETTLED_IN_TALKS), None)
                talked = _talks_about(doc.text, pred, plan.start, mentions, cues) if plan else []
                if talked:
                    # "Armenia and Azerbaijan held talks on a peace agreement"
                    pred.patient = [s for s in talked if s not in pred.agent]
                    pred.modality = _negotiated(pred.modality)
                pred.confidence = _confidence(pred)
                if made and _received_object(doc.text, made[-1], pred):
                    # "Ukraine nhận được hỗ trợ quân sự từ Đức": the help is what
                    # is received, no act of its own
                    made[-1].objects = [*made[-1].objects, *pred.objects]
                    made[-1].origin = made[-1].origin or pred.origin
                    pred.nominal = True
                made.append(pred)
            out.extend(made)
    doc.predications = out
    return doc


# A receiving verb and the noun of help or giving right after it that names what
# is received ("nhận được viện trợ quân sự", "received military assistance").
RECEIVING_CLASSES = frozenset({"acquire"})
RECEIVED_CLASSES = frozenset({"help", "transfer", "other"})


def _received_object(text: str, receiving: Predication, pred: Predication) -> bool:
    return (
        receiving.verb_class in RECEIVING_CLASSES
        and not receiving.objects
        and pred.verb_class in RECEIVED_CLASSES
        and bool(pred.objects)
        and not pred.agent
        and not text[receiving.predicate.end : pred.predicate.start].strip()
    )


def _direct_object(text: str, hit: TermHit, mentions: MentionIndex, cues: ClauseCues) -> list[str]:
    """The party named right after the predicate (past a filler like "vào")."""
    gap = cues.direct_object_gap.match(text, hit.end)
    at = gap.end() if gap else hit.end
    name = _name_at(at, mentions)
    return _ids([name], mentions.country_of, text) if name else []


def _passive(
    text: str, frame: _Frame, hit: TermHit, mentions: MentionIndex, markers: _Markers
) -> str | None:
    """Passive voice: "Y (đã) bị tấn công" — the subject is acted on, nobody is
    named acting; "Y bị X tấn công" — X, between marker and predicate, acts.
    Rewrites the frame so that agent and patient say who does what."""
    found = _between(markers.passive, max(frame.clause.start, hit.start - 40), hit.start)
    if not found:
        return None
    marker = found[-1]
    between = [m for m in mentions.within(marker.end, hit.start) if m.kind in PARTICIPANT_KINDS]
    if len(text[marker.end : hit.start].split()) > (4 if between else 0):
        return None  # the marker belongs to another verb ("được mời tham gia …")
    subject = [a for a in frame.agent if a not in {m.actor_id for m in between}]
    frame.patient = subject + [p for p in frame.patient if p not in subject]
    frame.agent = list(dict.fromkeys(m.actor_id for m in between))
    return text[marker.start : marker.end].casefold()


def _shared_subject(
    doc: Document,
    sent: Span,
    said: list[TermHit],
    made: list[Predication],
    mentions: MentionIndex,
    lang: str,
) -> list[str]:
    """The subject a coordinated clause shares: the agent of the sentence's
    previous predicate, else whoever heads its first reporting verb."""
    for pred in reversed(made[-MAX_SHARED_BACK:]):
        if pred.agent:
            return list(pred.agent)
    for verb in said:
        heads = [m for m in mentions.within(sent.start, verb.start) if m.kind in PARTICIPANT_KINDS]
        if heads:
            return _ids(heads[:1], mentions.country_of, doc.text)
    return []


def _govern(governor: Predication, pred: Predication, lang: str, offer: bool = False) -> None:
    """``pred`` is the complement of ``governor``: it takes the governor's
    modality ("cân nhắc cung cấp" is considered), its negation, and, when it
    names nobody acting, the governor's agent — or under a request the party
    asked ("Ukraine đề nghị Mỹ triển khai": Mỹ). A request verb with the act
    right after it offers that act (``offer``: "Nga đề nghị hỗ trợ Ấn Độ")."""
    pred.governor = governor.id
    made = modality_lexicon(lang).governors.get(governor.verb_class)
    if offer:
        # "đề nghị" before the act it offers proposes it; it asks nobody
        governor.verb_class, governor.event_type = "propose", None
        pred.modality = "willing"
        if not pred.agent:
            pred.agent = list(governor.agent)
        pred.speaker = pred.speaker or governor.speaker
        return
    if made is not None:
        pred.modality = made
    elif governor.modality != "done":
        # "sẵn sàng cung cấp [bảo đảm an ninh]": what a giving verb takes as its
        # object shares the giving's own modality
        pred.modality = governor.modality
    if governor.negated and not pred.negated:
        pred.negated, pred.negation_cue = True, governor.negation_cue
    if not pred.agent:
        if governor.verb_class == "request" and governor.patient:
            pred.agent = governor.patient[:1]
        else:
            pred.agent = list(governor.agent)
    pred.speaker = pred.speaker or governor.speaker


def _maker_frame(
    text: str, frame: _Frame, hit: TermHit, mentions: MentionIndex, cues: ClauseCues
) -> None:
    """ "tàu ngầm của Indonesia do Đức sản xuất", "được đóng bởi hãng HDW của Tây
    Đức": the maker, named after "do"/"bởi", is the agent; the state whose the
    thing is (named before the marker) is the patient. No maker named: nobody acts."""
    makers: list[str] = []
    owners: list[str] = []
    marker_at: int | None = None
    before = [m for m in mentions.within(frame.clause.start, hit.start) if m.kind in PARTICIPANT_KINDS]
    for m in before:
        if cues.maker.search(text, max(frame.clause.start, m.start - 30), m.start):
            marker_at = m.start
            break
    if marker_at is not None:
        makers = [m.actor_id for m in before if m.start >= marker_at]
        owners = [m.actor_id for m in before if m.start < marker_at]
    else:
        after = mentions.within(hit.end, min(frame.clause.end, hit.end + 80))
        for m in after:
            if m.kind in PARTICIPANT_KINDS and cues.maker.search(text, max(hit.end, m.start - 30), m.start):
                makers = [x.actor_id for x in after if x.start >= m.start and x.kind in PARTICIPANT_KINDS]
                break
        owners = [m.actor_id for m in before]
    frame.agent = list(dict.fromkeys(makers))
    frame.patient = [o for o in dict.fromkeys(owners) if o not in frame.agent]


def _author(
    text: str, frame: _Frame, hit: TermHit, mentions: MentionIndex, cues: ClauseCues
) -> list[str]:
    """Whose plan a plan named as a noun is: a possessor right before it ("Trump's",
    "the U.S.-drafted", "Mỹ") or one named after "of/by/của/do" ("put forward by
    Washington"); the subject of the sentence around it is not its author ("Zelensky
    said the peace plan …")."""
    for m in reversed(mentions.within(max(frame.clause.start, hit.start - AUTHOR_REACH), hit.start)):
        if m.kind in PARTICIPANT_KINDS and cues.possessor_gap.fullmatch(text, m.end, hit.start):
            return _ids([m], mentions.country_of, text)
    for m in mentions.within(hit.end, min(frame.clause.end, hit.end + AUTHOR_REACH + 40)):
        if m.kind in PARTICIPANT_KINDS and (
            cues.maker.search(text, max(hit.end, m.start - 30), m.start)
            or cues.possessor.match(text, hit.end, m.start)
        ):
            return _ids([m], mentions.country_of, text)
    return []


def _talks_about(
    text: str, talks: Predication, plan_start: int, mentions: MentionIndex, cues: ClauseCues
) -> list[str]:
    """The sides of the talks a plan is the topic of ("Russia and Ukraine held
    talks on a peace deal", "talks between Armenia and Azerbaijan on a peace
    agreement"): who holds the talking predicate, and who is named between it and
    the topic marker; a name inside the topic ("talks on a Ukraine peace deal") is
    what the plan is about. Two sides at least, else none."""
    if talks.verb_class not in TALKING_CLASSES:
        return []
    gap = text[talks.predicate.end : plan_start]
    marker = cues.topic_before.search(gap)
    if marker is None or _CLAUSE_GAP.search(gap) or len(gap.split()) > MAX_TOPIC_GAP_WORDS:
        return []
    between = mentions.within(talks.predicate.end, talks.predicate.end + marker.start())
    named = [m.actor_id for m in between if m.kind in PARTICIPANT_KINDS]
    sides = list(dict.fromkeys((*talks.agent, *named)))
    return sides if len(sides) >= 2 else []


def _negotiated(modality: str) -> str:
    """Talks held or going on negotiate what they are about; talks to come propose it."""
    return "negotiated" if modality in ("done", "ongoing") else modality


def _names_a_maker(text: str, hit: TermHit, cues: ClauseCues) -> bool:
    """ "do Đức sản xuất", "đóng bởi hãng HDW": a making verb is read only with its
    maker marked ("sản xuất vắc xin" produces, it supplies nobody)."""
    before = text[max(0, hit.start - MAKER_REACH) : hit.start]
    return bool(
        cues.maker_named_before.search(before)
        or cues.maker_named_after.match(text, hit.end, hit.end + MAKER_REACH)
    )


def _objects_before(text: str, start: int, hit: TermHit, lang: str) -> list[ObjectRef]:
    """What a maker made: the objects before the verb in its clause."""
    return [
        ObjectRef(h.start, h.end, h.text, h.object_class, h.commitment, h.weapon)
        for h in find_objects(text, lang, start, hit.start)
        if h.commitment in MADE_THINGS
    ]


# What is stationed stands before the verb ("28.500 binh sĩ Mỹ đồn trú tại Hàn
# Quốc", "troops stationed in Poland"): forces, nuclear arms or air defence.
STATIONED_THINGS = frozenset({"troop_deployment", "nuclear_deployment", "air_defense"})


def _forces_before(text: str, start: int, hit: TermHit, lang: str) -> list[ObjectRef]:
    """For a verb that stations (``forces_before`` in its entry) with nothing
    after it: the forces named before it in its clause."""
    if not hit.term.data.get("forces_before"):
        return []
    return [
        ObjectRef(h.start, h.end, h.text, h.object_class, h.commitment, h.weapon)
        for h in find_objects(text, lang, start, hit.start)
        if h.commitment in STATIONED_THINGS
    ]


def _person_after(text: str, hit: TermHit, mentions: MentionIndex) -> bool:
    """Is a person named within a few words after the trigger (an envoy sent)?"""
    for m in mentions.within(hit.end, hit.end + 60):
        if len(text[hit.end : m.start].split()) > ENVOY_REACH_WORDS:
            return False
        if m.kind == "person":
            return True
    return False


def _follow(first: Predication, pred: Predication) -> None:
    """``pred`` is a serial verb after ``first`` ("điều tàu tới [hỗ trợ]"): the
    same act goes on, with the first verb's modality and polarity."""
    pred.governor = first.id
    if first.modality != "done":
        pred.modality = first.modality
    if first.negated and not pred.negated:
        pred.negated, pred.negation_cue = True, first.negation_cue


def _serial_marker_end(text: str, hits: list[TermHit], i: int, cues: ClauseCues) -> int | None:
    """Where the serial marker between predicates ``i - 1`` and ``i`` ends, when
    they stand in one clause joined by one ("điều tàu tới X hỗ trợ")."""
    start, end = hits[i - 1].end, hits[i].start
    if end - start > MAX_SERIAL_GAP or _CLAUSE_GAP.search(text, start, end):
        return None
    found = list(cues.serial.finditer(text, start, end))
    return found[-1].end() if found else None


def _offered(
    text: str, hits: list[TermHit], g: int, i: int, mentions: MentionIndex, cues: ClauseCues
) -> bool:
    """Does request verb ``g`` offer predicate ``i`` (nobody named between them)?
    Not in the passive: "Mỹ được Baghdad đề nghị giúp đỡ" was asked to help."""
    if " ".join(hits[g].term.text.casefold().split()) not in cues.offer_when_direct:
        return False
    for marker in cues.passive.find(text, max(0, hits[g].start - PASSIVE_REACH), hits[g].start):
        if not _CLAUSE_GAP.search(text, marker.end, hits[g].start):
            return False
    between = [m for m in mentions.within(hits[g].end, hits[i].start) if m.kind in PARTICIPANT_KINDS]
    if between:
        return False
    words = text[hits[g].end : hits[i].start].split()
    return len(words) <= 2


def _confidence(pred: Predication) -> float:
    """How complete and unambiguous the frame is: who acts, on whom or what, when."""
    score = BASE_CONFIDENCE
    score += 0.15 if pred.agent else -0.2
    score += 0.1 if (pred.patient or pred.recipient or pred.objects) else 0.0
    score += 0.05 if pred.date else 0.0
    score -= 0.1 if pred.nominal else 0.0
    score -= 0.1 if pred.modality in ("possible", "conditional", "purpose") else 0.0
    return round(max(0.05, min(0.95, score)), 2)


def _objects(
    text: str, hit: TermHit, end: int, lang: str, mentions: MentionIndex | None = None
) -> list[ObjectRef]:
    """What the predicate acts on: objects after it, and a compound it opens
    ("hỗ trợ quân sự", "viện trợ quân sự": the verb heads its own object noun).
    A word inside an actor's name is that actor, not a thing: "hỗ trợ hải quân
    Indonesia" helps the navy, it gives no naval forces."""
    named = (
        [m for m in mentions.within(hit.end, end) if m.kind in PARTICIPANT_KINDS]
        if mentions is not None
        else []
    )
    helping = hit.term.data.get("class") in HELPED_CLASSES
    names_itself = bool(hit.term.data.get("names_object"))
    cues = clause_cues(lang)

    def an_actor(h: ObjectHit) -> bool:
        for m in named:
            if m.start <= h.start and h.end <= m.end and m.kind in ACTING_BODIES:
                return True
            # help for "hải quân Indonesia", "quân đội Ukraine": forces of a state
            # that are helped, not forces given
            if helping and h.object_class == "troops" and 0 <= m.start - h.end <= 2:
                return True
            # "gửi tín hiệu tới quân đội Trung Quốc", "mua tàu từ hải quân Đông Đức":
            # a state's forces after a recipient or origin marker are who receives
            # or who gives, not forces sent
            if (
                h.object_class == "troops"
                and 0 <= m.start - h.end <= 2
                and (
                    cues.recipient.search(text, max(hit.end, h.start - 30), h.start)
                    or cues.origin.search(text, max(hit.end, h.start - 30), h.start)
                )
            ):
                return True
        return False

    return [
        ObjectRef(h.start, h.end, h.text, h.object_class, h.commitment, h.weapon)
        for h in find_objects(text, lang, hit.start, end)
        if (
            h.start >= hit.end
            or (h.start == hit.start and h.end > hit.end)
            # "Trump's peace plan": a predicate naming the commitment is its own object
            or (names_itself and h.start < hit.end and hit.start < h.end)
        )
        and not an_actor(h)
    ]


def _after_cue(
    text: str,
    start: int,
    end: int,
    mentions: MentionIndex,
    cue: re.Pattern[str],
    agent: list[str],
    cues: ClauseCues | None = None,
) -> list[str]:
    """Actors named right after a cue word ("cho Ukraine", "từ Nga", "tới Biển
    Đông"): participants, and places, which forces can be sent to; with the
    rest of a list the first of them opens ("cho Hy Lạp, Ấn Độ và Thổ Nhĩ Kỳ")."""
    out: list[str] = []
    last_end = -1
    for m in mentions.within(start, end):
        if m.kind not in RECEIVING_KINDS or m.actor_id in agent or m.actor_id in out:
            continue
        listed = (
            cues is not None
            and last_end >= 0
            and (
                # a comma joins only a list a conjunction closes ("Nga phản đối" after
                # "cho Ukraine," is a new clause)
                (text[last_end : m.start] == ", " and joins_names(text, last_end, m.start, mentions, cues))
                or cues.list_conjunction.fullmatch(text, last_end, m.start) is not None
            )
        )
        if listed or cue.search(text, max(start, m.start - 40), m.start):
            out.append(m.actor_id)
            last_end = m.end
    return out


@dataclass
class _Markers:
    """Negation, modality and passive markers of one sentence, found once and
    read per predicate (a scan per predicate cost a third of the layer; the
    words are common, so only sentences with a predicate are scanned, and only
    up to their last predicate: markers stand before what they mark)."""

    negation: list[TermHit]
    modality: list[TermHit]
    passive: list[TermHit]

    @classmethod
    def of(cls, text: str, start: int, end: int, lang: str) -> _Markers:
        lex = modality_lexicon(lang)
        return cls(
            negation=lex.negation.find(text, start, end),
            modality=lex.markers.find(text, start, end),
            passive=clause_cues(lang).passive.find(text, start, end),
        )


def _between(hits: list[TermHit], start: int, end: int) -> list[TermHit]:
    """The hits inside [start, end) of hits sorted by start (a binary search:
    one sentence may hold thousands of predicates and markers)."""
    lo = bisect.bisect_left(hits, start, key=lambda h: h.start)
    hi = bisect.bisect_left(hits, end, key=lambda h: h.start)
    return [h for h in hits[lo:hi] if h.end <= end]


def _modality(
    text: str, window_start: int, hit: TermHit, markers: _Markers, lang: str
) -> tuple[str, bool, str | None]:
    """Modality and polarity from the markers before the predicate in its clause."""
    lex = modality_lexicon(lang)
    window_start = min(window_start, hit.start)
    neg = _between(markers.negation, window_start, hit.start)
    if lex.negation_reach is not None:
        # "described it as not fair that Trump kept pressing": a "not" of another
        # phrase; English negates inside the verb group ("did not yet agree")
        neg = [n for n in neg if len(text[n.end : hit.start].split()) <= lex.negation_reach]
    ranks = [m.term.data["rank"] for m in _between(markers.modality, window_start, hit.start)]
    # the category listed first wins, wherever in the window its word stands
    modality = lex.categories[min(ranks)].modality if ranks else "done"
    if neg:
        return modality, True, text[neg[-1].start : neg[-1].end]
    return modality, False, None


def event_status(pred: Predication, lang: str = "vi") -> str:
    """The analysis record's event status of a predication."""
    if pred.negated:
        return "denied"
    lex = modality_lexicon(lang)
    if pred.modality == lex.alleged[0]:
        return lex.alleged[1]
    for category in lex.categories:
        if category.modality == pred.modality:
            return category.event_status
    return "occurred"


# -- reading one predicate's clause ---------------------------------------------
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


def clause_bounds(
    text: str, sentence: Span, trigger: TermHit, lang: str = "vi", mentions: MentionIndex | None = None
) -> Span:
    """The clause around a predicate: from the last break before it to the next
    after. A comma inside a list of names ("Anh, Pháp và Đức") breaks nothing."""
    cues = clause_cues(lang)
    start = max(sentence.start, trigger.start - MAX_CLAUSE_REACH)
    # the last break that joins no names, asked of the nearest first: in a long sentence
    # the reach holds a hundred commas and asking each cost more than finding them
    for m in reversed(list(cues.clause_break.finditer(text, start, trigger.start))):
        if not (mentions is not None and joins_names(text, m.start(), m.end(), mentions, cues)):
            start = m.end()
            break
    stop = min(sentence.end, trigger.end + MAX_CLAUSE_REACH)
    end = stop
    for m in cues.clause_break.finditer(text, trigger.end, stop):
        if not (mentions is not None and joins_names(text, m.start(), m.end(), mentions, cues)):
            end = m.start()
            break
    return Span(start, end)


def joins_names(text: str, comma: int, after: int, mentions: MentionIndex, cues: ClauseCues) -> bool:
    """Is the comma at ``comma`` (its break ending at ``after``) one of a list of
    names closed by a conjunction: a name right before it, a name right after,
    and more names after that, each after a comma, the last after "và"/"and"?

    Worked out once per comma of the document (``mentions.memo``): every predicate
    within reach of a comma asks about it again."""
    key = ("joins_names", comma, after, id(cues))
    found = mentions.memo.get(key)
    if found is None:
        found = mentions.memo[key] = _joins_names(text, comma, after, mentions, cues)
    return bool(found)


def _joins_names(text: str, comma: int, after: int, mentions: MentionIndex, cues: ClauseCues) -> bool:
    if not text.startswith(",", comma):
        return False
    before = mentions.within(max(0, comma - MAX_LIST_NAME), comma)
    if not any(m.end == comma and m.kind in PARTICIPANT_KINDS for m in before):
        return False
    at = after
    for _ in range(MAX_LIST_NAMES):
        name = _name_at(at, mentions)
        if name is None:
            # "including Singapore, Malaysia, India, sent …": an announced list may
            # close with a comma
            return at > after and _opened_list(text, comma, before, mentions, cues)
        closing = cues.list_conjunction.match(text, name.end)
        if closing is not None:
            return _name_at(closing.end(), mentions) is not None
        if not text.startswith(", ", name.end):
            # "nhiều nước, trong đó có Singapore, Mỹ, Ấn Độ đã điều …": a list an
            # opener announces needs no conjunction to close it
            return _opened_list(text, comma, before, mentions, cues)
        at = name.end + 2
    return False


def _opened_list(
    text: str, comma: int, before: list[PlacedMention], mentions: MentionIndex, cues: ClauseCues
) -> bool:
    """Does the run of names that ends at ``comma`` follow a list opener
    ("trong đó có", "bao gồm", "including")? Walks back over ", "-joined names."""
    first = max((m for m in before if m.end == comma and m.kind in PARTICIPANT_KINDS), key=lambda m: m.end - m.start)
    for _ in range(MAX_LIST_NAMES):
        if not text.startswith(", ", first.start - 2):
            break
        prior = [
            m
            for m in mentions.within(max(0, first.start - 2 - MAX_LIST_NAME), first.start - 2)
            if m.end == first.start - 2 and m.kind in PARTICIPANT_KINDS
        ]
        if not prior:
            break
        first = max(prior, key=lambda m: m.end - m.start)
    return cues.list_opener.search(text, max(0, first.start - 20), first.start) is not None


def _name_at(pos: int, mentions: MentionIndex) -> PlacedMention | None:
    """The longest participant mention starting exactly at ``pos``."""
    for m in mentions.starting_at(pos):
        if m.kind in PARTICIPANT_KINDS:
            return m
    return None


def _read_frame(
    doc: Document,
    sentence: Span,
    trigger: TermHit,
    region: tuple[int, int],
    mentions: MentionIndex,
    times: list[TimeExpr],
    time_bounds: Span | None,
    lang: str,
    *,
    parties: bool = True,
) -> _Frame:
    """Who acts, who is acted on, where and when, for the predicate ``trigger``;
    ``region`` is where its subject may start and its object must end. A
    predicate that only names a thing ("gói viện trợ", ``parties=False``) has a
    clause and a date but nobody acting: no reader codes it as an act."""
    text = doc.text
    subject_start, object_end = region
    cues = clause_cues(lang)
    clause = clause_bounds(text, sentence, trigger, lang, mentions)
    if not parties:
        return _Frame(
            agent=[],
            patient=[],
            location=None,
            date=_date(text, time_bounds or sentence, clause, trigger, times, cues),
            clause=Span(min(clause.start, trigger.start), max(clause.end, trigger.end)),
        )
    location, location_mentions = _location(text, sentence, trigger, mentions, lang)
    loc_spans = {(m.start, m.end) for m in location_mentions}

    def participants(start: int, end: int) -> list[PlacedMention]:
        out = []
        for m in mentions.within(start, end):
            if m.kind not in PARTICIPANT_KINDS or (m.start, m.end) in loc_spans:
                continue
            if cues.not_participant_before.search(text[max(start, m.start - 30) : m.start]):
                continue
            out.append(m)
        return out

    subj_start = _subject_start(text, subject_start, trigger.start, mentions, lang)
    subj_start = _past_subordinator(text, subj_start, trigger.start, mentions, lang)
    subj = participants(subj_start, trigger.start)
    if not subj:
        subj = _country_anaphor(text, subj_start, trigger.start, mentions, lang)
    if subj and event_lexicon(lang).generic_subjects.find(text, subj[-1].end, trigger.start):
        subj = []
    obj_end = min(object_end, max(clause.end, trigger.end))
    obj = participants(trigger.end, obj_end)
    if not any(m.kind == "organization" for m in obj):
        # the anaphor may stand past a predicate it heads ("gia nhập [liên minh
        # quân sự] này")
        obj += _organization_anaphor(text, trigger.end, max(obj_end, clause.end), mentions, lang)
    if not subj and not obj and trigger.term.data.get("type") == "CONSULT":
        # "Trong cuộc gọi ngày 14-10, ông A đã tư vấn cho ông B": a meeting
        # named as a noun takes its parties from the rest of the sentence
        obj = [m for m in participants(sentence.start, sentence.end) if m.kind == "person"]
    if not subj and obj and cues.possessor.match(text, trigger.end, obj[0].start):
        # "... là nhượng bộ lớn của Kiev": the possessor of the act is its agent
        subj, obj = obj[:1], obj[1:]
    return _Frame(
        agent=_ids(subj, mentions.country_of, text),
        patient=_ids(obj, mentions.country_of, text),
        location=location,
        date=_date(text, time_bounds or sentence, clause, trigger, times, cues),
        clause=Span(min(clause.start, trigger.start), max(clause.end, trigger.end)),
    )


def _subject_start(
    text: str, region_start: int, trigger_start: int, mentions: MentionIndex, lang: str
) -> int:
    """Walk back over comma pieces until one names an actor (the subject).

    Only short pieces are crossed ("Tuy nhiên, ", "một ngày sau, "): a longer
    piece without an actor has a subject of its own that is not named."""
    pieces = [region_start]
    cues = clause_cues(lang)
    for m in re.finditer(r",\s", text[region_start:trigger_start]):
        if not joins_names(text, region_start + m.start(), region_start + m.end(), mentions, cues):
            pieces.append(region_start + m.end())
    crossed_end = trigger_start
    subordinators = event_lexicon(lang).subordinators
    for start in reversed(pieces):
        opening = subordinators.find(text, start, start + 12) if crossed_end < trigger_start else []
        if opening:
            first = opening[0]
            if not text[start : first.start].strip():
                # "Kể từ khi Nga xâm chiếm Ukraine, sự hợp tác ...": an adverbial
                # clause has its own subject
                return crossed_end
        if any(m.kind in PARTICIPANT_KINDS for m in mentions.within(start, trigger_start)):
            return start
        if len(text[start:crossed_end].split()) > MAX_CROSSED_WORDS:
            return start
        crossed_end = start
    return pieces[-1]


def _past_subordinator(
    text: str, start: int, trigger_start: int, mentions: MentionIndex, lang: str
) -> int:
    """An adverbial clause opening inside the subject region ("… ở Syria sau khi
    Tổng thống Assad đề nghị"): its predicate's subject is named after the
    subordinator, so whoever the main clause named before it takes no part."""
    for hit in reversed(event_lexicon(lang).subordinators.find(text, start, trigger_start)):
        if any(m.kind in PARTICIPANT_KINDS for m in mentions.within(hit.end, trigger_start)):
            return hit.end
    return start


def _country_anaphor(
    text: str, start: int, end: int, mentions: MentionIndex, lang: str
) -> list[PlacedMention]:
    """ "nước này" in the subject stands for the last country named before it."""
    hits = event_lexicon(lang).country_anaphors.find(text, start, end)
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


def _organization_anaphor(
    text: str, start: int, end: int, mentions: MentionIndex, lang: str
) -> list[PlacedMention]:
    """ "the alliance", "liên minh này" in the object stands for the organisation
    named last before it (within ORGANIZATION_ANAPHOR_REACH)."""
    for hit in event_lexicon(lang).organization_anaphors.find(text, start, end):
        if any(m.start <= hit.start < m.end for m in mentions.within(max(0, hit.start - MAX_LIST_NAME), hit.end)):
            continue  # part of a name ("Liên minh quân sự NATO")
        for m in reversed(mentions.within(max(0, hit.start - ORGANIZATION_ANAPHOR_REACH), hit.start)):
            if m.kind == "organization":
                return [PlacedMention(hit.start, hit.end, m.actor_id, m.kind, text[hit.start : hit.end])]
        return []
    return []


def _location(
    text: str, sentence: Span, trigger: TermHit, mentions: MentionIndex, lang: str
) -> tuple[str | None, list[PlacedMention]]:
    """The place named nearest the predicate after a location cue ("tại", "ở"; "đến",
    "tới", "sang" only for a visit), within MAX_CLAUSE_REACH of it in its sentence; on a
    tie the one named first. The sentence's candidates are found once (``_places_in``)
    and the nearest on each side by bisection: a scan of every mention within reach for
    every predicate made a long sentence cost its reach times its predicates."""
    visit = trigger.term.data.get("mode") == "visit"
    ordered, starts = _places_in(text, sentence, mentions, lang, visit)
    lo = max(sentence.start, trigger.start - MAX_CLAUSE_REACH)
    hi = min(sentence.end, trigger.end + MAX_CLAUSE_REACH)
    x = trigger.end
    i = bisect.bisect_left(starts, x)
    right: PlacedMention | None = None
    for k in range(i, len(ordered)):  # the first named at or after the predicate's end
        m = ordered[k]
        if m.start >= hi:
            break
        if m.end <= hi:
            right = m
            break
    left: PlacedMention | None = None
    k = i - 1
    while k >= 0 and ordered[k].start >= lo:  # the last named before it ...
        if ordered[k].end <= hi:
            left = ordered[k]
            break
        k -= 1
    if left is not None:  # ... the longest of those starting there (named first)
        j = k - 1
        while j >= 0 and ordered[j].start == left.start:
            if ordered[j].end <= hi:
                left = ordered[j]
            j -= 1
    best = left if left is not None and (right is None or x - left.start <= right.start - x) else right
    if best is None:
        return None, []
    return best.actor_id, [best]


def _places_in(
    text: str, sentence: Span, mentions: MentionIndex, lang: str, visit: bool
) -> tuple[list[PlacedMention], list[int]]:
    """The mentions of the sentence that can be a predicate's location: a place, country or
    government body right after a location cue, in text order (longest first at one start),
    with their starts; found once per sentence (``mentions.memo``)."""
    key = ("places_in", sentence.start, sentence.end, lang, visit)
    found = mentions.memo.get(key)
    if found is None:
        cues = event_lexicon(lang).location_cues
        ordered = []
        for m in mentions.within(sentence.start, sentence.end):
            if m.kind not in ("place", "country", "government_body"):
                continue
            cue = _word_before(text, max(sentence.start, m.start - 12), m.start, mentions)
            if not cue:
                continue
            if cue not in cues or (cue in ("đến", "tới", "sang") and not visit):
                continue
            ordered.append(m)
        found = mentions.memo[key] = (ordered, [m.start for m in ordered])
    return found  # type: ignore[no-any-return]


def _word_before(text: str, start: int, end: int, mentions: MentionIndex) -> str:
    """The last word of ``text[start:end]`` case-folded ("" when none), worked out once per
    document for a mention that many predicates' windows hold."""
    key = ("word_before", start, end)
    found = mentions.memo.get(key)
    if found is None:
        before = re.findall(r"\w+", text[start:end])
        found = mentions.memo[key] = before[-1].casefold() if before else ""
    return str(found)


def _date(
    text: str,
    bounds: Span,
    clause: Span,
    trigger: TermHit,
    times: list[TimeExpr],
    cues: ClauseCues,
) -> str | None:
    """The resolved time expression governing the predicate: one in its own
    clause first, else the nearest within ``bounds`` (the sentence, or the
    quote when a speaker's words tell of it). A time that only marks a
    starting point ("lớn nhất kể từ năm 2014") or dates a subordinate clause
    after the predicate ("chỉ trích ... khi tham gia cuộc họp hôm 7/4") does not
    date the predication itself."""
    best: tuple[int, int, str] | None = None
    # only times near the predicate: a sentence may run for pages and hold thousands
    lo = bisect.bisect_left(times, max(bounds.start, trigger.start - MAX_CLAUSE_REACH), key=_start)
    reach = min(bounds.end, trigger.end + MAX_CLAUSE_REACH)
    hi = bisect.bisect_right(times, reach, key=_start)
    # a subordinator between the predicate and each time after it, from one search (one
    # search per time read a long sentence's times times its reach)
    # searched only as far as the last time it is asked about (not the whole reach)
    last = max((t.start for t in times[lo:hi] if t.start >= trigger.end), default=trigger.end)
    subordinate = SearchFrom(cues.subordinate, text, Span(trigger.end, max(trigger.end, last)))
    for t in times[lo:hi]:
        if t.value is None or t.start < bounds.start or t.end > bounds.end:
            continue
        if cues.since.search(text, max(bounds.start, t.start - 12), t.start):
            continue
        if t.start >= trigger.end and subordinate.search(t.start):
            continue
        outside = 0 if clause.start <= t.start and t.end <= clause.end else 1
        distance = t.start - trigger.end if t.start >= trigger.end else trigger.start - t.end
        if best is None or (outside, distance) < best[:2]:
            best = (outside, distance, t.value)
    return best[2] if best else None


# -- where a predicate stands in its sentence -------------------------------------
def _start(t: TimeExpr) -> int:
    return t.start


def _subject_region_start(
    doc: Document, sent: Span, said: list[TermHit], hit: TermHit, mentions: MentionIndex
) -> int:
    """Where the subject of a predicate may start: after a reporting verb that
    introduces the clause ("X cho biết Y đã gặp Z" -> Y), unless the reported
    clause begins with the predicate itself ("X tuyên bố sẵn sàng cung cấp")."""
    # the last verb (before the first that ends past the predicate) that introduces it;
    # read from the nearest back, so a sentence of many verbs is not read verb by verb
    start = sent.start
    last = next((i for i, verb in enumerate(said) if verb.end > hit.start), len(said))
    for verb in reversed(said[:last]):
        between = doc.text[verb.end : hit.start]
        if mentions.within(verb.end, hit.start) or len(between.split()) > 3:
            start = verb.end
            break
    # "các cáo buộc từ phía Armenia rằng Thổ Nhĩ Kỳ đang điều động lực lượng": a
    # complementiser opens a clause with its own subject, when one is named in it
    lang = pack_language(doc.language)
    last_comp = None
    for m in clause_cues(lang).complementiser.finditer(
        doc.text, max(start, hit.start - MAX_CLAUSE_REACH), hit.start
    ):
        last_comp = m
    if last_comp is not None and any(
        m.kind in PARTICIPANT_KINDS for m in mentions.within(last_comp.end(), hit.start)
    ):
        start = max(start, last_comp.end())
    return start


def _nominal(text: str, hit: TermHit, lang: str) -> bool:
    """A predicate that names no new happening: a noun after a classifier ("sự hỗ
    trợ", "cuộc tấn công"), a description after a copula ("là một cuộc đàm
    phán"), or a pointer back to one already told ("cuộc họp này")."""
    lex = event_lexicon(lang)
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


def _governor_index(text: str, hits: list[TermHit], i: int) -> int | None:
    """The earlier governing predicate whose complement predicate ``i`` is, if any."""
    for j in range(i - 1, -1, -1):
        prev = hits[j]
        gap = text[prev.end : hits[i].start]
        if any(c in gap for c in ",;.:\n") or len(gap.split()) > GOVERNED_GAP_WORDS:
            return None
        if prev.term.data.get("governs"):
            return j
    return None


def _coordinated(text: str, hits: list[TermHit], i: int, cues: ClauseCues) -> bool:
    """Does predicate ``i`` follow a coordinator inside the clause of the one
    before it (no clause break between them)?"""
    if i == 0:
        return False
    start = hits[i - 1].end
    if _CLAUSE_GAP.search(text, start, hits[i].start) or hits[i].start - start > MAX_CLAIM_REACH:
        return False
    return bool(cues.coordinated_before.search(text, start, hits[i].start))


def _claimed(text: str, hits: list[TermHit], i: int) -> bool:
    """Does an earlier predicate of the clause frame predicate ``i`` as a claim?"""
    for j in range(i - 1, -1, -1):
        gap = text[hits[j].end : hits[i].start]
        if len(gap) > MAX_CLAIM_REACH or any(c in gap for c in ";.:\n"):
            return False
        if hits[j].term.data.get("reports"):
            return True
    return False


def whole_words(text: str, quote: Quote) -> bool:
    """A speaker's own sentences, not a few quoted words inside the reporter's
    sentence ("Moskva sẽ có “biện pháp đáp trả tương xứng”"), whose parties the
    reporter names."""
    if len(quote.text.split()) >= MIN_QUOTED_WORDS:
        return True
    head_start = max(text.rfind(end, 0, quote.start) for end in (".", "!", "?", "\n")) + 1
    head = text[head_start : quote.start].strip(' \t"“”‘’«»*_>-—–')
    return not head or head.endswith(":")


def _quote_at(quotes: list[Quote], starts: list[int], pos: int) -> Quote | None:
    """The quote holding ``pos`` (quotes sorted by start; a binary search)."""
    i = bisect.bisect_right(starts, pos) - 1
    while i >= 0 and pos - quotes[i].start <= MAX_QUOTE_REACH:
        if quotes[i].start <= pos < quotes[i].end:
            return quotes[i]
        i -= 1
    return None
