"""Security commitments with a status lifecycle.

For each sentence of the readable zones: find commitment type cues (lexicon), pick
the status cue that governs each (the strongest, nearest cue in the sentence), find
who gives (the parties named before the status cue, or after "từ") and who receives
(the parties named after "cho", "tới", ... or the speaker of "chúng tôi"), then
merge mentions of the same commitment within the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from pactwatch.actors.kb import default_kb
from pactwatch.document import Commitment, Document, Predication, Span
from pactwatch.extract.commitment_context import (
    conditions_in,
    date_of,
    first_person_speaker,
    reported_via,
)
from pactwatch.extract.commitment_lexicon import Lexicon, StatusCue, load_lexicon
from pactwatch.extract.commitment_parties import (
    ANAPHOR,
    CLAUSE_BREAK,
    FIRST_PERSON,
    PartyMention,
    agents,
    author_after,
    first_after,
    in_span,
    nearest_before,
    party_mentions,
    previous_country,
    recipients,
    requested_from,
    salient_countries,
    source_after,
)
from pactwatch.extract.commitment_readings import readings
from pactwatch.extract.context import Covering, SearchFrom
from pactwatch.extract.lexicon import modality_lexicon, pack_language
from pactwatch.registry import stage

READ_ZONES = frozenset({"title", "subtitle", "heading", "body", "blockquote"})
NEGATIVE = frozenset({"withdrawn", "rejected", "suspended"})
# How far (characters) a status cue may sit from the type cue it governs.
STATUS_REACH = 160
BENEFICIARY_REACH = 90
# Statuses a type takes when no cue governs it.
DEFAULT_STATUS = {"collective_defense": "in_force"}
# "Điều 5" in Vietnamese security news is NATO's Article 5.
ARTICLE_5 = "điều 5"
NATO = "organization:nato"
# Deployments count as commitments only towards a named host, never near a border.
EXPLICIT_BENEFICIARY = frozenset({"troop_deployment"})
HOSTILE_CONTEXT = re.compile(r"\b(?:gần|giáp|áp sát|dọc) (?:biên giới|khu vực biên giới)?", re.I)
# Types whose beneficiaries may include the guarantors (pacts, plans for a conflict).
MUTUAL = frozenset({"collective_defense", "peace_plan"})
# A clause that spells out what a commitment includes shares its status.
LINKED = re.compile(r"\b(?:trong đó|theo đó|kèm theo|bao gồm|cùng với)\b", re.IGNORECASE)
REQUEST_VERB = re.compile(r"\b(?:kêu gọi|yêu cầu|đề nghị|thúc giục|hối thúc|đòi)\s+", re.IGNORECASE)
# How far (characters) before a status verb a request verb may govern it.
REQUEST_REACH = 40
# Statuses that a request verb governing them turns into "requested".
GRANTING = frozenset({"agreed", "in_force", "proposed"})
RECEIVE_VERB = re.compile(r"\b(?:nhận được|được nhận|đổi lại nhận)\b", re.IGNORECASE)
# "X được bảo vệ bởi ...": the subject is protected, not protecting.
PASSIVE_CUE = re.compile(r"^được\b", re.IGNORECASE)
# "hỗ trợ quân sự cho nhau": every party of the clause both gives and receives.
MUTUAL_CUE = re.compile(r"\bnhau\b", re.IGNORECASE)
# "lực lượng Mỹ tại Nhật Bản": forces of the first party stationed in the second.
STATIONED_IN = re.compile(
    r"^\s*(?:(?:đang |vẫn )?đồn trú |đóng quân )?(?:tại|ở)\s+$", re.IGNORECASE
)
# A deployment cue that is only a noun ("lực lượng", "đồn trú"): it needs a
# "forces of A at B" pair to be a commitment at all.
FORCES_NOUN = re.compile(
    r"^(?:bộ tư lệnh |căn cứ )?(?:lực lượng|quân đội|binh sĩ)\s*$|^đồn trú$", re.IGNORECASE
)
DEPLOYMENTS = frozenset({"troop_deployment", "nuclear_deployment"})


@dataclass
class Candidate:
    type: str
    cue: Span
    sentence: Span
    status: str
    status_cue: str | None
    weight: float
    informal: bool
    guarantors: list[str]
    beneficiaries: list[str]
    conditions: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    # a party taken from context (the article's main countries, a speaker's
    # country), not named in the sentence: a weaker frame
    inferred: bool = False


def _cue_offsets(lexicon: Lexicon, text: str) -> list[int]:
    """Sorted start offsets of every type cue in the whole text. Scanning the
    text once per pattern and then reading only the sentences that hold a cue
    is much faster than running every pattern over every sentence: most
    sentences hold none."""
    low = text.lower()
    if len(low) != len(text):  # lower-casing moved offsets: use the patterns as written
        return sorted({m.start() for _, p in lexicon.types for m in p.finditer(text)})
    anchors = lexicon.anchors or (None,) * len(lexicon.lower_types)
    present: dict[str, bool] = {}  # patterns share their words: each is looked for once

    def has(word: str) -> bool:
        found = present.get(word)
        if found is None:
            found = present[word] = word in low
        return found

    return sorted(
        {
            m.start()
            for p, words in zip(lexicon.lower_types, anchors, strict=True)
            if words is None or any(has(w) for w in words)
            for m in p.finditer(low)
        }
    )


def _any_within(offsets: list[int], span: Span) -> bool:
    i = bisect_left(offsets, span.start)
    return i < len(offsets) and offsets[i] < span.end


def _type_cues(lexicon: Lexicon, text: str, sentence: Span) -> list[tuple[str, Span]]:
    found: list[tuple[str, Span]] = []
    for ctype, pattern in lexicon.types:
        for m in pattern.finditer(text, sentence.start, sentence.end):
            found.append((ctype, Span(m.start(), m.end())))
    # overlapping cues: the earlier-listed type (lexicon order) and the longer match win
    found.sort(key=lambda f: (f[1].start, -(f[1].end - f[1].start)))
    kept: list[tuple[str, Span]] = []
    reach = -1  # the furthest end of a kept cue: they start before this one, so it overlaps
    # one of them exactly when it starts before that end (an empty match is checked in full)
    for ctype, span in found:
        if span.end > span.start:
            if span.start < reach:
                continue
        elif any(span.start < k.end and k.start < span.end for _, k in kept):
            continue
        kept.append((ctype, span))
        reach = max(reach, span.end)
    return kept


# ``pattern.search(text, sentence.start, cue.start)`` for every cue of a sentence, from
# one search of the sentence (see SearchFrom)
_FromSentenceStart = SearchFrom


# Characters beyond a status cue's reach still scanned, so that a cue overlapping
# the window's edge claims its words as it would in the whole sentence.
STATUS_MARGIN = 40


def _status(
    lexicon: Lexicon, text: str, sentence: Span, cue: Span
) -> tuple[StatusCue | None, Span | None]:
    best: tuple[float, StatusCue | None, Span | None] = (0.0, None, None)
    taken: list[Span] = []
    # only cues within reach can win: scanning the whole sentence for every type cue
    # made one long sentence cost its length times its cues
    lo = max(sentence.start, cue.start - STATUS_REACH - STATUS_MARGIN)
    hi = min(sentence.end, cue.end + int(STATUS_REACH / 2.5) + STATUS_MARGIN)
    for status_cue in lexicon.statuses:
        for m in status_cue.pattern.finditer(text, lo, hi):
            span = Span(m.start(), m.end())
            inside = cue.start <= span.start and span.end <= cue.end
            if inside and status_cue.status not in NEGATIVE:
                continue  # the type cue's own words ("kế hoạch" in "kế hoạch quân") set nothing
            if any(span.start < t.end and t.start < span.end for t in taken):
                continue  # a stronger cue already claimed these words
            taken.append(span)
            if span.end <= cue.start:
                distance = cue.start - span.end
            elif span.start >= cue.end:
                distance = int((span.start - cue.end) * 2.5)
            else:
                distance = 0
            if distance > STATUS_REACH:
                continue
            score = status_cue.weight - distance / 40
            if not _same_clause(text, span, cue):
                score -= 0.5
            if score > best[0]:
                best = (score, status_cue, span)
    return best[1], best[2]


def _asked_for(text: str, sentence: Span, status_span: Span | None) -> bool:
    """Is the status verb itself what somebody asks for ("hối thúc NATO nhanh
    chóng phê duyệt ...")? Then the commitment is only requested."""
    if status_span is None:
        return False
    start = max(sentence.start, status_span.start - REQUEST_REACH)
    requests = list(REQUEST_VERB.finditer(text, start, status_span.start))
    if not requests:
        return False
    return not CLAUSE_BREAK.search(text, requests[-1].end(), status_span.start)


def _same_clause(text: str, a: Span, b: Span) -> bool:
    lo, hi = min(a.end, b.end), max(a.start, b.start)
    return lo >= hi or not CLAUSE_BREAK.search(text, lo, hi)


@dataclass
class _SentenceReads:
    """What every cue of one sentence reads the same way, found once per sentence."""

    local: list[PartyMention]  # the party mentions inside the sentence
    request: _FromSentenceStart
    receive: _FromSentenceStart
    anaphor: _FromSentenceStart
    article_5: bool  # "điều 5" in the sentence
    names_nato: bool  # a mention of NATO in the sentence
    countries: _CountryForms  # the document's country names (one for all sentences)


def _sentence_reads(
    text: str, mentions: list[PartyMention], sentence: Span, countries: _CountryForms
) -> _SentenceReads:
    local = in_span(mentions, sentence)
    return _SentenceReads(
        local,
        _FromSentenceStart(REQUEST_VERB, text, sentence),
        _FromSentenceStart(RECEIVE_VERB, text, sentence),
        _FromSentenceStart(ANAPHOR, text, sentence),
        ARTICLE_5 in text[sentence.start : sentence.end].lower(),
        any(m.party == NATO for m in local),
        countries,
    )


def _parties(
    doc: Document,
    mentions: list[PartyMention],
    ctype: str,
    cue: Span,
    status: tuple[StatusCue | None, Span | None],
    sentence: Span,
    reads: _SentenceReads | None = None,
) -> tuple[list[str], list[str]]:
    text = doc.text
    status_cue, status_span = status
    if reads is None:
        reads = _sentence_reads(text, mentions, sentence, _CountryForms(doc))
    local = reads.local
    anchor = min(cue.start, status_span.start) if status_span else cue.start
    limit = min(sentence.end, cue.end + BENEFICIARY_REACH)
    if ctype == "membership":
        orgs = [m.party for m in local if m.kind == "organization" and m.start >= cue.start]
        orgs = orgs or [m.party for m in local if m.kind == "organization"]
        members = nearest_before(text, local, sentence, cue.start)
        if not members and reads.anaphor.search(cue.start):
            members = previous_country(doc, mentions, sentence)
        if not members:  # "NATO sẽ không kết nạp Ukraine", "mời Ukraine gia nhập"
            states = [m for m in local if m.kind != "organization"]
            members = first_after(text, states, cue.start, sentence.end, ())
        return orgs[:1], members
    guarantors = agents(text, local, sentence, anchor)
    if not guarantors and anchor < cue.start:
        # a status cue opening a clause of its own ("Theo tuyên bố chung, Mỹ sẽ
        # bán ..."): the agent is the cue's own subject
        guarantors = agents(text, local, sentence, cue.start)
    beneficiaries: list[str] = []
    cue_text = text[cue.start : cue.end]
    if ctype == "collective_defense" and PASSIVE_CUE.search(cue_text):
        # "Phần Lan được bảo vệ bởi Điều 5": the subject is protected by the pact
        protected = agents(text, local, sentence, cue.start)
        return ([NATO] if ARTICLE_5 in cue_text.lower() else []), protected
    if MUTUAL_CUE.search(cue_text):
        # "hai bên hỗ trợ quân sự cho nhau": the pact's parties, named here or
        # the two the article is about
        sides = _unique_ids(guarantors + first_after(text, local, cue.end, limit, guarantors))
        if len(sides) < 2:
            sides = _unique_ids(sides + salient_countries(doc, mentions))[:2]
        return sides, list(sides)
    if ctype in DEPLOYMENTS:
        stationed = _stationed(text, reads.countries.within(Span(cue.start, limit)))
        if stationed is not None:
            return [stationed[0]], [stationed[1]]
        if FORCES_NOUN.match(cue_text):
            return [], []  # "quân đội châu Âu tại Ukraine" names nobody's forces
    request = reads.request.search(cue.start)
    if request:
        asked = requested_from(text, local, request.end())
        if asked:
            guarantors, beneficiaries = asked, [g for g in guarantors if g not in asked]
    if reads.receive.search(cue.start) and not beneficiaries:
        beneficiaries, guarantors = guarantors, []  # "Ukraine ... nhận được": the receiver
    conceded = _territory_owner(doc, cue) if ctype == "territorial_arrangement" else None
    source = source_after(text, local, cue.end, limit) or author_after(text, local, cue.end, limit)
    if source:
        guarantors = source
    if not beneficiaries and FIRST_PERSON.search(text[cue.end : limit]):
        country = _speaks_for(doc, first_person_speaker(doc, cue))
        if country:
            beneficiaries = [country]
    if not beneficiaries:
        beneficiaries = recipients(text, local, anchor, limit, guarantors)
    if not beneficiaries and ctype != "collective_defense":
        # an unmarked party after the cue receives only inside the cue's own
        # clause ("…, đồng thời khẳng định Mỹ …" names someone else's act)
        clause_end = CLAUSE_BREAK.search(text, cue.end, limit)
        unmarked_limit = clause_end.start() if clause_end else limit
        beneficiaries = first_after(text, local, cue.end, unmarked_limit, guarantors)
    if conceded:
        # the owner concedes; whoever gains control is the clause's own agent
        gainers = [p for p in agents(text, local, sentence, cue.start) if p != conceded]
        guarantors = [conceded]
        beneficiaries = gainers or [b for b in beneficiaries if b != conceded]
    if ctype == "collective_defense":
        if reads.article_5 or reads.names_nato:
            guarantors = [*guarantors, NATO] if NATO not in guarantors else guarantors
            beneficiaries = [NATO]
        elif not beneficiaries or (len(guarantors) > 1 and not request):
            # a pact between the parties named: its agent and any named after the
            # cue ("hiệp ước an ninh giữa nước này và Nhật Bản")
            partners = first_after(text, local, cue.end, limit, guarantors)
            guarantors = _unique_ids(guarantors + partners)
            beneficiaries = list(guarantors)
        if len(set(guarantors)) == 1 and set(beneficiaries) == set(guarantors):
            return _pact_of_one(local, guarantors[0], cue)
    return guarantors, beneficiaries


def _pact_of_one(local: list[PartyMention], party: str, cue: Span) -> tuple[list[str], list[str]]:
    """A defence pact read with one state on both sides binds nobody: the state
    it defends is the one named between it and the pact ("Mỹ cam kết bảo vệ Hàn
    Quốc theo Hiệp ước Phòng thủ chung"); with none, it is no commitment ("các
    cuộc diễn tập nhằm củng cố thế trận phòng thủ chung"). An alliance may be on
    both sides: its members defend one another."""
    if party.startswith("organization:") or party.startswith("group:"):
        return [party], [party]
    defended = [
        m.party
        for m in local
        if m.start < cue.start and m.party != party and m.kind == "country"
    ]
    return ([party], defended[-1:]) if defended else ([], [])


def _unique_ids(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _country_mentions(doc: Document, span: Span) -> list[PartyMention]:
    """Country names in ``span``, also those nested in a longer name ("Mỹ" and
    "Nhật Bản" inside "Bộ Tư lệnh lực lượng Mỹ tại Nhật Bản"), which the actor
    layer records as one mention of the longer name."""
    return _CountryForms(doc).within(span)


class _CountryForms:
    """The document's country names as one pattern, built on first use and then read for
    every deployment cue (built for each, it cost a long text its mentions times its cues)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.forms: dict[str, str] | None = None
        self.pattern: re.Pattern[str] | None = None

    def within(self, span: Span) -> list[PartyMention]:
        if self.forms is None:
            self.forms = {}
            for actor in self.doc.actors:
                if actor.kind == "country":
                    for m in actor.mentions:
                        self.forms.setdefault(m.text.casefold(), actor.id)
            if self.forms:
                self.pattern = re.compile(
                    r"(?<!\w)(?:"
                    + "|".join(re.escape(f) for f in sorted(self.forms, key=len, reverse=True))
                    + r")(?!\w)",
                    re.IGNORECASE,
                )
        if self.pattern is None:
            return []
        forms = self.forms
        return [
            PartyMention(m.start(), m.end(), forms[m.group(0).casefold()], "country")
            for m in self.pattern.finditer(self.doc.text, span.start, span.end)
        ]


def _stationed(text: str, mentions: list[PartyMention]) -> tuple[str, str] | None:
    """The first "forces of A at B" pair after a deployment cue, or None."""
    for first, second in zip(mentions, mentions[1:], strict=False):
        if text[: first.start].rstrip().endswith(("tại", "ở")):
            continue  # "tại Ba Lan" is where, not whose
        if first.party != second.party and STATIONED_IN.match(text[first.end : second.start]):
            return first.party, second.party
    return None


def _territory_owner(doc: Document, cue: Span) -> str | None:
    """The country a conceded place belongs to ("kiểm soát Donetsk" -> Ukraine)."""
    for actor in doc.actors:
        if actor.kind != "place" or not actor.country:
            continue
        if any(cue.start <= m.start < cue.end for m in actor.mentions):
            return f"country:{actor.country}"
    return None


def _country_of(doc: Document, actor_id: str | None) -> str | None:
    if actor_id is None:
        return None
    actor = doc.actor(actor_id)
    if actor is None:
        return None
    if actor.kind == "country":
        return actor.id
    return f"country:{actor.country}" if actor.country else None


def _speaks_for(doc: Document, actor_id: str | None) -> str | None:
    """Who "chúng tôi" is in a speaker's mouth: the state or organisation of the
    office the speaker holds on the article's date (NATO's Secretary General
    speaks for NATO, not for the country he comes from); a person with no
    known office speaks for nobody we can name — nationality alone is no party."""
    if actor_id is None:
        return None
    actor = doc.actor(actor_id)
    if actor is None or actor.kind != "person":
        return _country_of(doc, actor_id)
    entry = default_kb().get(actor_id)
    day = doc.published or doc.published_estimate.value
    if entry is None or not day:
        return None
    held = [o.of for o in entry.offices if o.covers(day) and not o.to]
    return held[0] if len(set(held)) == 1 else None


def _hostile(text: str, cue: Span) -> bool:
    return bool(HOSTILE_CONTEXT.search(text, max(0, cue.start - 10), cue.end + 40))


def _explicit_recipient(text: str, mentions: list[PartyMention], cue: Span) -> bool:
    return bool(recipients(text, mentions, cue.end, cue.end + BENEFICIARY_REACH, ()))


# Statuses of an act done, and what the clause layer's modality of the status verb
# makes of them when it is only threatened, weighed, planned or asked for.
FACTUAL = frozenset({"in_force", "withdrawn", "agreed"})
NOT_DONE = {
    "threatened": "proposed",
    "considered": "proposed",
    "possible": "proposed",
    "planned": "proposed",
    "willing": "proposed",
    "requested": "requested",
}


# How far before a status cue a governing verb may stand ("đe dọa sẽ [rút Mỹ khỏi]").
GOVERNOR_GAP = 12


def _unless_only_said(
    doc: Document, predications: list[Predication], starts: list[int], span: Span, status: str
) -> str:
    """The status a cue gives, unless the predicate inside the cue is only
    threatened, weighed, planned or requested, or a verb right before the cue
    governs it so ("đe dọa sẽ rút Mỹ khỏi NATO")."""
    # ``predications`` in text order, ``starts`` their predicates' starts
    i = bisect_left(starts, span.start)
    inside = []
    while i < len(predications) and predications[i].predicate.start < span.end:
        inside.append(predications[i])
        i += 1
    for pred in inside:
        if pred.modality in NOT_DONE and not pred.negated:
            return NOT_DONE[pred.modality]
    if inside:
        return status
    k = bisect_left(starts, span.start) - 1
    if k >= 0:
        before = predications[k]
        governs = modality_lexicon(pack_language(doc.language)).governors.get(before.verb_class)
        gap = span.start - before.predicate.end
        if governs in NOT_DONE and 0 <= gap <= GOVERNOR_GAP and not before.negated:
            return NOT_DONE[governs]
    return status


def _candidates(doc: Document, lexicon: Lexicon) -> list[Candidate]:
    text = doc.text
    mentions = party_mentions(doc)
    salient = salient_countries(doc, mentions)
    in_name = Covering([Span(m.start, m.end) for a in doc.actors for m in a.mentions if len(m.text) > 6])
    out: list[Candidate] = []
    cued = _cue_offsets(lexicon, text)
    accepts = _ByClass(doc.predications, "accept")
    countries = _CountryForms(doc)
    in_order = sorted(doc.predications, key=lambda p: p.predicate.start)
    pred_starts = [p.predicate.start for p in in_order]
    for sentence in doc.sentences:
        if not _any_within(cued, sentence) or doc.zone_at(sentence.start) not in READ_ZONES:
            continue
        conditions = conditions_in(lexicon, text, sentence)
        in_condition = Covering(c for c, _ in conditions)
        reads = _sentence_reads(text, mentions, sentence, countries)
        previous: tuple[StatusCue, Span] | None = None
        for ctype, cue in _type_cues(lexicon, text, sentence):
            if in_condition.covers(cue.start):
                continue  # "với điều kiện Kiev chấp nhận nhượng bộ lãnh thổ" is a condition
            if in_name.covers(cue.start) and not (
                ctype in DEPLOYMENTS and FORCES_NOUN.match(text[cue.start : cue.end])
            ):
                # "Tổ chức Hiệp ước An ninh Tập thể" is a name, not a cue; but a
                # name like "Bộ Tư lệnh lực lượng Mỹ tại Nhật Bản" is a deployment
                continue
            status_cue, status_span = _status(lexicon, text, sentence, cue)
            if status_span is not None and status_cue is not None and _negated(text, sentence, status_span):
                if status_cue.status not in ("agreed", "proposed", "in_force"):
                    continue  # "… không được đưa ra thảo luận": nothing is negotiated
                status_cue = StatusCue("rejected", status_cue.weight, status_cue.pattern, False)
            if (
                status_cue is None
                and previous is not None
                and LINKED.search(text, previous[1].end, cue.start)
            ):
                status_cue, status_span = previous  # "..., trong đó có việc triển khai quân"
            reach = min(sentence.end, cue.end + BENEFICIARY_REACH)
            explicit = bool(source_after(text, reads.local, cue.end, reach))
            if status_cue is None and ctype not in DEFAULT_STATUS and not explicit:
                continue  # a type word with no status cue is a topic, not a commitment
            guarantors, beneficiaries = _parties(
                doc, mentions, ctype, cue, (status_cue, status_span), sentence, reads
            )
            inferred = False
            accepting = _accepting_agents(doc, sentence, cue, accepts)
            if accepting:
                # "Nga đồng ý với một điều khoản an ninh tương tự Điều 5": who
                # accepts a guarantee is not the one who gives it
                guarantors = [g for g in guarantors if g not in accepting]
            if ctype == "peace_plan" and not _explicit_recipient(text, mentions, cue):
                beneficiaries = salient[:2]  # a peace plan is for the parties to the conflict
                inferred = True
            if ctype not in MUTUAL:
                beneficiaries = [b for b in beneficiaries if b not in guarantors]
            if ctype in EXPLICIT_BENEFICIARY and (not beneficiaries or _hostile(text, cue)):
                continue  # a build-up "gần biên giới" protects nobody
            if not beneficiaries and ctype != "membership":
                beneficiaries = [c for c in salient if c not in guarantors][:1]
                inferred = True
            if not guarantors or not beneficiaries:
                continue
            if status_cue is not None and status_span is not None:
                previous = (status_cue, status_span)
            status = status_cue.status if status_cue else DEFAULT_STATUS.get(ctype, "proposed")
            if status in FACTUAL and status_span is not None:
                # the clause layer read the status verb's modality once: "đe dọa sẽ
                # rút Mỹ khỏi NATO" threatens a withdrawal, it is not one
                status = _unless_only_said(doc, in_order, pred_starts, status_span, status)
            if status in GRANTING and _asked_for(text, sentence, status_span):
                status = "requested"
            out.append(
                Candidate(
                    type=ctype,
                    cue=cue,
                    sentence=sentence,
                    status=status,
                    status_cue=text[status_span.start : status_span.end] if status_span else None,
                    weight=status_cue.weight if status_cue else 0.0,
                    informal=bool(status_cue and status_cue.informal),
                    guarantors=guarantors,
                    beneficiaries=beneficiaries,
                    conditions=[clause for _, clause in conditions],
                    evidence=[sentence],
                    inferred=inferred,
                )
            )
    return out


class _ByClass:
    """The predications of one verb class by where their predicate starts, with the
    furthest clause end reached so far: a cue reads only those before it in its
    sentence, where a scan of all predications for every cue made a long text quadratic."""

    def __init__(self, predications: list[Predication], verb_class: str) -> None:
        self.preds = sorted(
            (p for p in predications if p.verb_class == verb_class), key=lambda p: p.predicate.start
        )
        self.starts = [p.predicate.start for p in self.preds]
        self.reach = list(accumulate((p.clause.end for p in self.preds), max))

    def starting(self, lo: int, hi: int) -> list[Predication]:
        """Those whose predicate starts in [lo, hi]."""
        return self.preds[bisect_left(self.starts, lo) : bisect_right(self.starts, hi)]


def _accepting_agents(
    doc: Document, sentence: Span, cue: Span, accepts: _ByClass | None = None
) -> set[str]:
    """Agents of an accepting predicate ("đồng ý với", "chấp nhận") that takes
    the commitment cue as its object, as the clause layer read them."""
    if accepts is None:
        accepts = _ByClass(doc.predications, "accept")
    out: set[str] = set()
    first = bisect_left(accepts.starts, sentence.start)
    for k in range(bisect_right(accepts.starts, cue.start) - 1, first - 1, -1):
        if accepts.reach[k] + 60 <= cue.start:
            break  # no clause this early reaches the cue
        pred = accepts.preds[k]
        if pred.predicate.end > cue.start:
            continue
        if pred.clause.start <= cue.start < pred.clause.end + 60:
            out.update(pred.agent)
            out.update(_country_of(doc, a) or a for a in pred.agent)
    return out


def _negated(text: str, sentence: Span, status_span: Span, lang: str = "vi") -> bool:
    """Is a status cue negated in its clause ("không được đưa ra thảo luận",
    "chưa đồng ý")? The clause layer's negation markers decide."""
    start = max(sentence.start, status_span.start - 25)
    for m in CLAUSE_BREAK.finditer(text, start, status_span.start):
        start = m.end()
    return bool(modality_lexicon(lang).negation.find(text, start, status_span.start))


def _predication_candidates(doc: Document, cued: list[Candidate]) -> list[Candidate]:
    """Commitments the clause layer's frames show that no type cue named."""
    out: list[Candidate] = []
    for r in readings(doc):
        if doc.zone_at(r.sentence.start) not in READ_ZONES:
            continue
        same = [c for c in cued if c.type == r.type and c.sentence.start == r.sentence.start]
        for c in same:
            if c.status_cue is None:
                # a type word with no status cue took a default; the clause's own
                # modality ("đã nhận được hỗ trợ quân sự": received) says more
                c.status = r.status
        if same:
            continue
        pred = r.predication
        out.append(
            Candidate(
                type=r.type,
                cue=r.cue,
                sentence=r.sentence,
                status=r.status,
                # the article's own words only (a negation); the modality's code
                # ("planned") is no cue a reader could find in the evidence
                status_cue=pred.negation_cue,
                weight=1.5,
                informal=False,
                guarantors=r.guarantors,
                beneficiaries=r.beneficiaries,
                evidence=[r.sentence],
            )
        )
    return out


def _opposed_by_third_party(doc: Document, cand: Candidate, refusals: _ByClass | None = None) -> bool:
    """ "Nga phản đối Ukraine gia nhập NATO" is Russia's act, not a status of the
    membership: a rejection voiced by someone who is neither side of it."""
    if cand.status != "rejected":
        return False
    if refusals is None:
        refusals = _ByClass(doc.predications, "refuse")
    parties = set(cand.guarantors) | set(cand.beneficiaries)
    for pred in refusals.starting(cand.sentence.start, cand.sentence.end - 1):
        if pred.predicate.end <= cand.cue.start and pred.agent and not set(pred.agent) & parties:
            return True
    return False


def _same_commitment(a: Candidate, b: Candidate) -> bool:
    if a.type != b.type or (a.status in NEGATIVE) != (b.status in NEGATIVE):
        return False
    return bool(set(a.guarantors) & set(b.guarantors)) and bool(
        set(a.beneficiaries) & set(b.beneficiaries)
    )


def merge_candidates(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per commitment: all evidence kept, the most informative status wins."""
    merged: list[Candidate] = []
    for cand in candidates:
        into = next((m for m in merged if _same_commitment(m, cand)), None)
        if into is None:
            merged.append(cand)
            continue
        into.evidence += cand.evidence
        into.guarantors += [g for g in cand.guarantors if g not in into.guarantors]
        into.beneficiaries += [b for b in cand.beneficiaries if b not in into.beneficiaries]
        into.conditions += [c for c in cand.conditions if c not in into.conditions]
        into.inferred = into.inferred and cand.inferred
        if cand.weight > into.weight:
            into.status, into.status_cue = cand.status, cand.status_cue
            into.weight, into.informal = cand.weight, cand.informal
    return merged


def _confidence(doc: Document, cand: Candidate) -> float:
    """How complete and unambiguous the frame is: both sides named in the
    sentence, an explicit status cue, nothing taken from context."""
    evidence = Covering(cand.evidence)  # many spans when a commitment is told many times
    named = {a.id for a in doc.actors for m in a.mentions if evidence.covers(m.start)}
    score = 0.35 + min(cand.weight, 3.0) / 10
    score += 0.15 if set(cand.guarantors) & named else 0.0
    score += 0.15 if set(cand.beneficiaries) & named else 0.0
    score -= 0.1 if not cand.status_cue else 0.0
    score -= 0.2 if cand.inferred else 0.0
    return round(max(0.05, min(score, 0.95)), 2)


@stage(
    "commitments",
    requires=("text", "sentences", "actors", "times", "quotes", "predications"),
    assigns=("commitments",),
)
def extract_commitments(doc: Document) -> Document:
    """Find security commitments and their status."""
    lexicon = load_lexicon()
    cued = _candidates(doc, lexicon)
    refusals = _ByClass(doc.predications, "refuse")
    found = [
        c
        for c in cued + _predication_candidates(doc, cued)
        if not _opposed_by_third_party(doc, c, refusals)
    ]
    commitments = []
    for number, cand in enumerate(merge_candidates(found), start=1):
        first = cand.evidence[0]
        conditions = list(cand.conditions)
        if cand.informal:
            conditions.append("informal (không chính thức)")
        commitments.append(
            Commitment(
                id=f"c{number}",
                type=cand.type,
                guarantors=cand.guarantors,
                beneficiaries=cand.beneficiaries,
                status=cand.status,
                conditions=conditions,
                date=date_of(doc, cand.sentence, cand.cue),
                reported_via=reported_via(doc, cand.sentence, cand.cue),
                evidence=Span(first.start, first.end),
                status_cue=cand.status_cue,
                confidence=_confidence(doc, cand),
                informal=cand.informal,
                evidence_all=[Span(e.start, e.end) for e in cand.evidence],
            )
        )
    doc.commitments = commitments
    return doc
