"""Commitments read from the clause layer's predications.

A predication whose verb class gives, sells, buys, deploys, stations,
guarantees, admits or joins, and whose object the object lexicon classes
(weapons, air defence, troops, guarantees …), is a commitment: the type from the
object (or the class: guaranteeing is a security guarantee, joining is
membership), the parties from the frame the clause layer decided (agent,
recipient, origin, location), the status from its modality and polarity. So
"cung cấp thêm các tên lửa Javelin cho Ukraine" and "mua lô S-400 thứ hai từ
Nga" need no phrase of their own: a new weapon or a new verb of giving is one
line of data.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from pactwatch.actors.kb import default_kb
from pactwatch.document import Document, Predication, Span
from pactwatch.extract.commitment_parties import PartyMention, party_mentions, salient_countries
from pactwatch.extract.lexicon import clause_cues, pack_language

# What each verb class does with its object.
GIVING = frozenset({"transfer", "sell"})
DEPLOYING = frozenset({"deploy", "station"})
RECEIVING = frozenset({"acquire"})
GUARANTEEING = frozenset({"guarantee"})
MEMBERSHIP = frozenset({"admit", "join"})
# Approving or promising a package of aid commits the approver to it; proposing
# or offering one puts it on the table.
COMMITTING = frozenset({"approve", "promise", "propose"})
# Withdrawing from or ceding a named territory is a territorial arrangement.
CEDING = frozenset({"cede"})
# Agreeing to, signing, weighing, negotiating or abandoning a commitment named
# as a noun ("đồng ý các bảo đảm an ninh", "thảo luận về khuôn khổ bảo đảm an
# ninh", "từ bỏ kế hoạch triển khai quân") gives it a status; agreeing to
# another act is read from that act, which it governs.
AGREEING = frozenset({"agree", "sign"})
# Discussing one is not read here: "X thảo luận với Y về bảo đảm an ninh" says
# neither who would give nor who would receive.
NEGOTIATING = frozenset({"consider", "abandon", "suspend"})
# Helping with a material object gives it ("hỗ trợ quân sự cho Ukraine"); help
# with nothing named, or with words only, commits nobody.
HELPING = frozenset({"help"})
# Moving forces is an operation, not a commitment to a host ("điều động quân tới
# biên giới"); moving rescue craft or an airlift team to another state
# ("điều tàu cứu hộ tới Indonesia") is logistics support for it.
MOBILIZING = frozenset({"mobilize"})
# A weapon a state holds made by another ("tàu ngầm do Đức sản xuất") was
# supplied by its maker: military aid in force, for whoever holds it.
BUILDING = frozenset({"build"})
# Talks about a settlement ("held talks on a peace agreement") negotiate it
# between their sides (the clause layer reads the modality "negotiated").
TALKING = frozenset({"consult", "mediate"})
# A mediator ("US-mediated talks", "do Thổ Nhĩ Kỳ làm trung gian") offers the plan
# the sides negotiate: it gives, the sides receive; talks near a mediation have
# the mediator among the plan's givers too.
MEDIATING = frozenset({"mediate"})
MEDIATOR_REACH = 600
MATERIAL = frozenset(
    {"military_aid", "logistics_support", "intelligence_support", "economic_support", "air_defense"}
)
READ_CLASSES = (
    GIVING
    | DEPLOYING
    | RECEIVING
    | GUARANTEEING
    | MEMBERSHIP
    | COMMITTING
    | CEDING
    | AGREEING
    | NEGOTIATING
    | HELPING
    | BUILDING
    | MOBILIZING
    | TALKING
)
# Settlements of a war, and the classes that read them: a region named after
# "send troops to" is where forces go, not land given up.
SETTLEMENTS = frozenset({"peace_plan", "territorial_arrangement"})
SETTLING = COMMITTING | CEDING | AGREEING | NEGOTIATING
# A peace plan is for both sides of the war, the plan's authors among them.
MUTUAL = frozenset({"peace_plan"})
# Parties are states, organisations and coalitions; a person or a ministry
# stands for the state or organisation whose office it holds.
PARTY_KINDS = frozenset({"country", "organization", "group"})
# Deploying weapons abroad is a deployment of forces, unless they defend the sky.
DEPLOYED_TYPE = {"military_aid": "troop_deployment"}
# Modalities (clause layer) -> commitment status; "done" depends on the class.
STATUS_OF_MODALITY = {
    "requested": "requested",
    "considered": "proposed",
    "possible": "proposed",
    "conditional": "proposed",
    "purpose": "proposed",
    "willing": "proposed",
    "planned": "proposed",
    "promised": "agreed",
    "agreed": "agreed",
    "supported": "proposed",
    "threatened": "proposed",
    "ongoing": "in_force",
    "reported": "in_force",
    "negotiated": "under_negotiation",
    "suspended": "suspended",
}
# A clause naming a finished act of giving or deploying reports it in force;
# approving or joining names an agreement.
DONE_STATUS = {
    "admit": "in_force",
    "join": "in_force",
    "guarantee": "agreed",
    "approve": "agreed",
    "promise": "agreed",
    "propose": "proposed",
    "agree": "agreed",
    "sign": "agreed",
    "cede": "in_force",
    "consider": "proposed",
    "abandon": "withdrawn",
    "suspend": "suspended",
}


@dataclass
class Reading:
    type: str
    guarantors: list[str]
    beneficiaries: list[str]
    status: str
    cue: Span
    sentence: Span
    predication: Predication


# Sending forces or craft: on its own an operation ("điều động tàu"), with a
# verb of help after it a commitment to whom it helps ("điều tàu tới hỗ trợ hải
# quân Indonesia"), typed by what was sent.
DISPATCHING = DEPLOYING | GIVING | frozenset({"mobilize"})


def commitment_type(pred: Predication, governor: Predication | None = None) -> str | None:
    """The commitment type a predication's class and objects give it, if any."""
    if pred.verb_class in MEMBERSHIP:
        return "membership"
    if pred.verb_class in TALKING:
        settled = pred.modality in ("negotiated", "planned") and len(pred.agent) + len(pred.patient) >= 2
        return "peace_plan" if settled and any(o.commitment == "peace_plan" for o in pred.objects) else None
    types = [o.commitment for o in pred.objects if o.commitment]
    if pred.verb_class in HELPING and governor is not None and governor.verb_class in DISPATCHING:
        sent = [o.commitment for o in governor.objects if o.commitment in MATERIAL | {"troop_deployment"}]
        if sent:
            return DEPLOYED_TYPE.get(sent[0], sent[0])
    if pred.verb_class not in SETTLING:
        types = [t for t in types if t not in SETTLEMENTS]
    if pred.verb_class in CEDING:
        # land named as a place ("withdraw from Donbas") or as a noun ("cede territory")
        named = "territorial_arrangement" in types or any(
            p.startswith("place:") for p in (*pred.origin, *pred.patient)
        )
        return "territorial_arrangement" if named else None
    if pred.verb_class in HELPING:
        types = [t for t in types if t in MATERIAL]
    if pred.verb_class in AGREEING | NEGOTIATING and not types:
        return None
    if pred.verb_class in MOBILIZING:
        return "logistics_support" if "logistics_support" in types else None
    if pred.verb_class in GUARANTEEING:
        return types[0] if types else "security_guarantee"
    if not types:
        return None
    if pred.verb_class in DEPLOYING:
        return DEPLOYED_TYPE.get(types[0], types[0])
    return types[0]


# Someone's claim about another's act ("Nga cáo buộc NATO triển khai …") puts
# no commitment on record.
NOT_ON_RECORD = frozenset({"alleged"})
# The receiver wanting, weighing or asking to buy asks the seller for it (a
# purchase it "will" make is a deal in prospect: proposed).
ASKING = frozenset({"willing", "considered", "requested"})


# Modalities of an act happening now or reported as fact.
GOING_ON = frozenset({"ongoing", "reported"})


def status_of(pred: Predication) -> str:
    if pred.modality == "abandoned" or (pred.negated and pred.verb_class == "abandon"):
        return "withdrawn"
    if pred.negated or pred.modality == "refused":
        return "rejected"
    if pred.verb_class in RECEIVING and pred.modality in ASKING:
        return "requested"
    if pred.modality in GOING_ON and pred.verb_class in DONE_STATUS:
        # "the Americans are proposing a deal": a proposal going on is a proposal,
        # not a deal in force
        return DONE_STATUS[pred.verb_class]
    if pred.modality in STATUS_OF_MODALITY:
        return STATUS_OF_MODALITY[pred.modality]
    return DONE_STATUS.get(pred.verb_class, "in_force")


def parties(
    doc: Document,
    pred: Predication,
    ctype: str,
    governor: Predication | None = None,
    named: _Named | None = None,
) -> tuple[list[str], list[str]]:
    """Who gives and who receives, from the frame the clause layer read."""
    agent = list(pred.agent)
    if ctype == "territorial_arrangement":
        return _ceded(doc, pred, governor)
    if pred.verb_class in RECEIVING:
        givers = list(pred.origin)
        return givers, agent
    if pred.verb_class in MEDIATING:
        return agent, [p for p in pred.patient if p not in agent]
    if pred.verb_class in TALKING:
        sides = list(dict.fromkeys((*agent, *pred.patient)))
        return sides, sides
    if ctype == "membership":
        orgs = [
            p
            for p in (*pred.patient, *pred.agent)
            if _kind(doc, p) == "organization" and security_body(p)
        ]
        if pred.verb_class == "admit":
            members = [p for p in pred.patient if p not in orgs]
            return [o for o in agent if o in orgs][:1] or orgs[:1], members
        members = [p for p in agent if p not in orgs]
        return orgs[:1], members
    if pred.verb_class in BUILDING:
        return agent, list(pred.patient)
    if pred.verb_class in MOBILIZING:
        # only a state it is sent to ("tới Indonesia"), never one it is sent near,
        # or the state whose craft the rescue is for
        sent_to = [r for r in pred.recipient if _kind(doc, r) in PARTY_KINDS]
        return agent, sent_to or _rescued_for(pred, named or _Named(doc))
    receivers = list(pred.recipient)
    if not receivers and pred.verb_class in DEPLOYING | COMMITTING | GIVING | HELPING and pred.location:
        # forces stationed in a state ("tại Ba Lan") are committed to it; at a sea
        # or region with no state ("ở Ấn Độ Dương - Thái Bình Dương"), to that region
        host = _state_of(doc, pred.location)
        if host is None and _kind(doc, pred.location) == "place":
            host = pred.location
        receivers = [host] if host else []
    if not receivers and governor is not None and governor.verb_class == "request":
        # "Litva đề nghị Đức triển khai …": who asks is who would receive
        receivers = [a for a in governor.agent if a not in agent]
    if not receivers and pred.verb_class not in DEPLOYING | NEGOTIATING:
        # forces deployed "gần Ukraine" are not for Ukraine: a deployment's
        # beneficiary is only a host named as such (recipient or location); so
        # is that of a commitment weighed, suspended or abandoned ("chấm dứt việc
        # tăng cường lực lượng dọc biên giới Ukraine")
        receivers = [p for p in pred.patient if p not in agent and _kind(doc, p) != "place"]
    return agent, receivers


class _Named:
    """What several readings of one document look up, found once and only when
    asked: the party mentions in text order, the salient states, the mediations."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._mentions: list[PartyMention] | None = None
        self._salient: list[str] | None = None
        self._mediations: list[tuple[int, list[str]]] | None = None
        self._mention_starts: list[int] = []
        self._mediation_starts: list[int] = []

    @property
    def mentions(self) -> list[PartyMention]:
        if self._mentions is None:
            self._mentions = party_mentions(self.doc)
            self._mention_starts = [m.start for m in self._mentions]
        return self._mentions

    @property
    def salient(self) -> list[str]:
        if self._salient is None:
            self._salient = salient_countries(self.doc, self.mentions)
        return self._salient

    def within(self, start: int, end: int) -> list[PartyMention]:
        """Mentions starting in [start, end)."""
        mentions = self.mentions
        starts = self._mention_starts
        return mentions[bisect_left(starts, start) : bisect_left(starts, end)]

    def mediators_near(self, at: int) -> list[str]:
        """The parties mediating within MEDIATOR_REACH characters of ``at``."""
        if self._mediations is None:
            self._mediations = sorted(
                (
                    (p.predicate.start, [x for x in (party_of(self.doc, a) for a in p.agent) if x])
                    for p in self.doc.predications
                    if p.verb_class in MEDIATING
                ),
                key=lambda item: item[0],
            )
            self._mediation_starts = [start for start, _ in self._mediations]
        starts = self._mediation_starts
        lo = bisect_left(starts, at - MEDIATOR_REACH)
        hi = bisect_right(starts, at + MEDIATOR_REACH)
        return [party for _, found in self._mediations[lo:hi] for party in found]


def readings(doc: Document) -> list[Reading]:
    out: list[Reading] = []
    by_id = {p.id: p for p in doc.predications}
    named = _Named(doc)
    for pred in doc.predications:
        if pred.verb_class not in READ_CLASSES or pred.nominal or pred.modality in NOT_ON_RECORD:
            continue
        governor = by_id.get(pred.governor) if pred.governor else None
        ctype = commitment_type(pred, governor)
        if ctype is None:
            continue
        if pred.verb_class in DEPLOYING | MOBILIZING and _massed(doc, pred):
            continue
        guarantors, beneficiaries = parties(doc, pred, ctype, governor, named)
        guarantors = _unique(p for p in (party_of(doc, a) for a in guarantors) if p)
        beneficiaries = _unique(p for p in (_beneficiary(doc, a) for a in beneficiaries) if p)
        if pred.verb_class in BUILDING:
            # a weapon is held by a state ("'SA-5' theo cách gọi của NATO": NATO names it)
            beneficiaries = [b for b in beneficiaries if _kind(doc, b) == "country"]
        if pred.verb_class in BUILDING and not beneficiaries:
            # "tàu ngầm … do Đức sản xuất … ngoài khơi Bali, Indonesia": the state
            # named with it, else the one the article is about
            in_sentence = [
                m.party
                for m in named.within(pred.sentence.start, pred.sentence.end)
                if m.kind == "country"
            ]
            beneficiaries = [c for c in (*in_sentence, *named.salient) if c not in guarantors][:1]
        if ctype in MUTUAL and pred.modality == "negotiated" and pred.verb_class not in MEDIATING:
            # a plan the talks are about is for the sides that talk (two at least),
            # and offered by whoever mediates them
            beneficiaries = list(guarantors)
            if pred.verb_class in TALKING and len(beneficiaries) < 2:
                continue
            guarantors = _unique(
                (*guarantors, *(m for m in named.mediators_near(pred.predicate.start) if m not in beneficiaries))
            )
        if ctype in MUTUAL and not beneficiaries:
            # "proposed a peace plan": for the two sides the article is about (a
            # mediator's plan is not for the mediator); sides agreeing one between
            # them are its beneficiaries themselves
            salient = named.salient
            beneficiaries = [c for c in salient if c not in guarantors][:2] or salient[:2]
        if ctype not in MUTUAL:
            beneficiaries = [b for b in beneficiaries if b not in guarantors]
        if not guarantors or not beneficiaries:
            continue
        out.append(
            Reading(
                type=ctype,
                guarantors=guarantors,
                beneficiaries=beneficiaries,
                status=status_of(pred),
                cue=Span(pred.predicate.start, pred.predicate.end),
                sentence=Span(pred.sentence.start, pred.sentence.end),
                predication=pred,
            )
        )
    return out


# How far after a rescue named as an object the state owning the rescued craft
# may stand ("giải cứu tàu ngầm Indonesia", "search for Indonesia's submarine").
RESCUED_OWNER_GAP = 3


def _rescued_for(pred: Predication, named: _Named) -> list[str]:
    """Rescue craft sent "để giải cứu tàu ngầm Indonesia" (to the search area
    for Indonesia's submarine) help the state named right after the rescue."""
    for obj in pred.objects:
        if obj.commitment != "logistics_support":
            continue
        for m in named.within(obj.end, obj.end + RESCUED_OWNER_GAP + 1):
            if m.kind == "country":
                return [m.party]
    return []


def _ceded(
    doc: Document, pred: Predication, governor: Predication | None
) -> tuple[list[str], list[str]]:
    """Who gives up land and who gains: the side that withdraws or cedes (else
    the state the land belongs to); the side that demands it ("the Kremlin
    demanded that Ukraine withdraw"), else whom it is ceded to, else the state
    whose land is left ("Russia withdrew from Kherson")."""
    owners = [
        s
        for s in (
            _state_of(doc, p) for p in (*pred.origin, *pred.patient) if p.startswith("place:")
        )
        if s
    ]
    givers = list(pred.agent) or owners[:1]
    gainers: list[str] = []
    if governor is not None and governor.verb_class in ("request", "propose"):
        gainers = [a for a in governor.agent if a not in givers]
    gainers = gainers or [r for r in pred.recipient if r not in givers]
    gainers = gainers or [o for o in owners if o not in givers]
    return givers, gainers


def party_of(doc: Document, actor_id: str) -> str | None:
    """The party an actor stands for in a commitment: a state, organisation or
    coalition itself; a person or body the state or organisation whose office
    it holds on the article's date (a NATO Secretary General stands for NATO,
    not for the country he comes from), else the state it belongs to."""
    kind = _kind(doc, actor_id)
    if kind in PARTY_KINDS:
        return actor_id
    if kind not in ("person", "government_body"):
        return None
    entry = default_kb().get(actor_id)
    day = doc.published or doc.published_estimate.value
    if entry is not None and day:
        held = {o.of for o in entry.offices if o.covers(day) and not o.to}
        if len(held) == 1:
            return held.pop()
        if held:
            return None
    return _state_of(doc, actor_id)


def _beneficiary(doc: Document, actor_id: str) -> str | None:
    """A party, or a region with no state that forces are committed to."""
    if _kind(doc, actor_id) == "place":
        return _state_of(doc, actor_id) or actor_id
    return party_of(doc, actor_id)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _massed(doc: Document, pred: Predication) -> bool:
    """Forces deployed "gần biên giới Ukraine" (near the border) threaten; they are
    no commitment to anyone there."""
    cues = clause_cues(pack_language(doc.language))
    return cues.hostile_place.search(doc.text, pred.predicate.end, pred.clause.end) is not None


def security_body(actor_id: str) -> bool:
    """Is membership of this organisation a security commitment? A body the
    knowledge base marks ``purpose: security`` (NATO, the CSTO, the Quad …), or
    one it does not list (a new alliance the article names); not the WHO or the UN."""
    entry = default_kb().get(actor_id)
    return entry is None or entry.extra.get("purpose") == "security"


def _kind(doc: Document, actor_id: str) -> str:
    actor = doc.actor(actor_id)
    return actor.kind if actor is not None else actor_id.partition(":")[0]


def _state_of(doc: Document, actor_id: str) -> str | None:
    """The state a place or body belongs to; a country is its own."""
    if actor_id.startswith("country:"):
        return actor_id
    actor = doc.actor(actor_id)
    if actor is None or not actor.country:
        return None
    return actor.country if ":" in actor.country else f"country:{actor.country.upper()}"
