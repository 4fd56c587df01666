"""One commitment across many articles: threads of lifecycle steps.

A news commitment (one item of an analysis record's ``commitments``) becomes a
:class:`LifecycleStep`; steps attach to the same :class:`CommitmentThread` when
their type family matches and they bind one same guarantor to one same beneficiary,
so "a US guarantee for Ukraine" requested in April and proposed with conditions in
December is one thread, while the US–Philippines, US–Korea and US–Japan treaties,
which share only the United States, are three. A side no article named is a party
of its own (None): "the US reaffirms its commitment", to nobody named, joins none of
the US's treaties. Pure functions over analysis records: no SQL.

Parties are read as pairs (guarantor, beneficiary) of two different actors: in a
mutual pact ("hai bên hỗ trợ quân sự cho nhau") each party guarantees the others,
never itself. A body of members (an organisation, a group) may stand on both sides
(NATO's members to one another); a state or a person named alone on both sides
commits to nobody named (its beneficiary side is read as unnamed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

# Types that are one commitment under different names in the press: a "guarantee
# like Article 5" is reported as a security guarantee or as collective defence.
TYPE_FAMILIES: dict[str, str] = {
    "collective_defense": "guarantee",
    "security_guarantee": "guarantee",
    "military_aid": "military_aid",
    "air_defense": "military_aid",
    "intelligence_support": "support",
    "logistics_support": "support",
}

# Status order from least to most settled: used to say whether a step moved forward.
STATUS_ORDER = (
    "requested",
    "proposed",
    "under_negotiation",
    "agreed",
    "in_force",
    "suspended",
    "withdrawn",
    "rejected",
)


# Where a fact comes from, said on every item the answers show: the sourced treaty
# knowledge base (treaties.yaml, memberships.yaml) or a report in the news.
PROVENANCE_TREATY = "treaty"
PROVENANCE_REPORTED = "reported"


@dataclass
class ConfidenceFilter:
    """How an answer's reported items were cut: the threshold, and how many it hid."""

    min_confidence: float
    hidden: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def type_family(commitment_type: str) -> str:
    return TYPE_FAMILIES.get(commitment_type, commitment_type)


@dataclass
class LifecycleStep:
    status: str
    type: str
    date: str | None  # the commitment's date, else the article's published date or estimate
    doc_id: str
    evidence_start: int
    evidence_end: int
    evidence_text: str
    reported_via: list[str]
    outlet: str | None
    conditions: list[str]
    status_cue: str | None
    guarantors: list[str]
    beneficiaries: list[str]
    title: str | None = None
    # how complete and unambiguous the commitment's frame was, as the extractor judged it
    confidence: float = 0.0
    # an analyst's verdict on it (pactwatch.store.reviews), None while unreviewed
    review: dict[str, Any] | None = None

    def evidence_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "start": self.evidence_start,
            "end": self.evidence_end,
            "text": self.evidence_text,
            "status": self.status,
            "date": self.date,
            "confidence": self.confidence,
            "source_chain": self.source_chain,
            "review": self.review,
        }

    @property
    def source_chain(self) -> list[str]:
        """Who reported it, nearest first, ending with the outlet that published it."""
        chain = list(self.reported_via)
        if self.outlet and self.outlet not in chain:
            chain.append(self.outlet)
        return chain

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["source_chain"] = self.source_chain
        return d


@dataclass
class CommitmentThread:
    id: str
    family: str
    guarantors: set[str]
    beneficiaries: set[str]
    steps: list[LifecycleStep] = field(default_factory=list)
    # who is bound to whom over the steps (see party_pairs), kept as steps are added
    _pairs: set[tuple[str | None, str | None]] = field(default_factory=set, repr=False)

    def add(self, step: LifecycleStep) -> None:
        self.steps.append(step)
        self._pairs |= party_pairs(step.guarantors, step.beneficiaries)

    @property
    def status(self) -> str:
        return self.steps[-1].status if self.steps else "proposed"

    @property
    def types(self) -> list[str]:
        return sorted({s.type for s in self.steps})

    @property
    def confidence(self) -> float:
        """The confidence of the surest report of the thread."""
        return max((s.confidence for s in self.steps), default=0.0)

    @property
    def first_date(self) -> str | None:
        dates = [s.date for s in self.steps if s.date]
        return min(dates) if dates else None

    @property
    def pairs(self) -> set[tuple[str | None, str | None]]:
        """Who is bound to whom, over every step: (guarantor, beneficiary), None for a side
        no article named."""
        if not self._pairs and self.steps:  # steps given at construction
            for step in self.steps:
                self._pairs |= party_pairs(step.guarantors, step.beneficiaries)
        return self._pairs

    def guarantors_of(self, beneficiary: str) -> list[str]:
        """The thread's guarantors bound to ``beneficiary`` (in a mutual pact, the others)."""
        return sorted({g for g, b in self.pairs if b == beneficiary and g is not None})

    def accepts(self, family: str, guarantors: set[str], beneficiaries: set[str]) -> bool:
        """Same family, and one same guarantor bound to one same beneficiary (a side no
        article named counts as a party of its own: "the US reaffirms its commitment",
        to nobody named, is not any one of the US's treaties)."""
        if family != self.family:
            return False
        theirs = party_pairs(guarantors, beneficiaries)
        if not theirs:
            return not self.pairs
        return bool(theirs & self.pairs)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "family": self.family,
            "types": self.types,
            "guarantors": sorted(self.guarantors),
            "beneficiaries": sorted(self.beneficiaries),
            # who is bound to whom: a mutual pact binds each party to the others
            "pairs": [list(p) for p in sorted(self.pairs, key=_pair_key)],
            "status": self.status,
            "provenance": PROVENANCE_REPORTED,
            "confidence": self.confidence,
            "steps": [s.as_dict() for s in self.steps],
        }


def _pair_key(pair: tuple[str | None, str | None]) -> tuple[str, str]:
    return (pair[0] or "~", pair[1] or "~")


# kinds of actor made of members, which may guarantee one another (NATO -> NATO)
MEMBER_BODIES = ("organization:", "group:")


def party_pairs(guarantors: Iterable[str], beneficiaries: Iterable[str]
                ) -> set[tuple[str | None, str | None]]:
    """(guarantor, beneficiary) pairs of a commitment: nobody guarantees itself, so a
    mutual pact between A and B is A -> B and B -> A; a side nobody named is None; a
    state or person named alone on both sides is a guarantor of nobody named."""
    gs, bs = sorted(set(guarantors)), sorted(set(beneficiaries))
    pairs: set[tuple[str | None, str | None]] = {
        (g, b) for g in gs for b in bs if g != b or g.startswith(MEMBER_BODIES)
    }
    if pairs:
        return pairs
    if gs:
        return {(g, None) for g in gs}
    return {(None, b) for b in bs}


def steps_from_record(record: dict[str, Any]) -> list[LifecycleStep]:
    """Lifecycle steps for every commitment of one analysis record."""
    document = record.get("document") or {}
    text = document.get("text") or ""
    estimate = (document.get("published_estimate") or {}).get("value")
    fallback_date = document.get("published") or estimate
    steps = []
    for c in record.get("commitments") or []:
        evidence = c.get("evidence") or {}
        start, end = int(evidence.get("start", 0)), int(evidence.get("end", 0))
        date = c.get("date")
        if not date or (fallback_date and _later(date, fallback_date)):
            # a date after the article's own is when the promised act is due
            # ("bán ... tàu ngầm từ đầu thập niên 2030"), not when this step was taken
            date = fallback_date
        steps.append(
            LifecycleStep(
                status=c.get("status") or "proposed",
                type=c.get("type") or "security_guarantee",
                date=date,
                doc_id=document.get("id") or "",
                evidence_start=start,
                evidence_end=end,
                evidence_text=text[start:end],
                reported_via=list(c.get("reported_via") or []),
                outlet=document.get("outlet"),
                conditions=list(c.get("conditions") or []),
                status_cue=c.get("status_cue"),
                guarantors=list(c.get("guarantors") or []),
                beneficiaries=list(c.get("beneficiaries") or []),
                title=document.get("title"),
                confidence=float(c.get("confidence") or 0.0),
                review=c.get("review"),
            )
        )
    return steps


def _later(date: str, reference: str) -> bool:
    """Is ``date`` (day, month, year or decade like "203X") wholly after ``reference``?"""
    n = min(len(date), len(reference))
    return date[:n].replace("X", "0") > reference[:n]


def _thread_id(family: str, guarantors: set[str], beneficiaries: set[str]) -> str:
    key = f"{family}|{','.join(sorted(guarantors))}|{','.join(sorted(beneficiaries))}"
    return "t-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _same_report(a: LifecycleStep, b: LifecycleStep) -> bool:
    return (a.doc_id, a.evidence_start, a.status) == (b.doc_id, b.evidence_start, b.status)


def _step_order(step: LifecycleStep) -> tuple[str, str, int]:
    return (step.date or "", step.doc_id, step.evidence_start)


def commitment_threads(records: Iterable[dict[str, Any]]) -> list[CommitmentThread]:
    """Group the commitments of many records into threads, each with dated steps."""
    steps = [step for record in records for step in steps_from_record(record)]
    steps.sort(key=_step_order)
    threads: list[CommitmentThread] = []
    for step in steps:
        family = type_family(step.type)
        guarantors, beneficiaries = set(step.guarantors), set(step.beneficiaries)
        thread = next((t for t in threads if t.accepts(family, guarantors, beneficiaries)), None)
        if thread is None:
            thread = CommitmentThread(
                id=_thread_id(family, guarantors, beneficiaries),
                family=family,
                guarantors=set(),
                beneficiaries=set(),
            )
            threads.append(thread)
        thread.guarantors |= guarantors
        thread.beneficiaries |= beneficiaries
        if any(_same_report(step, s) for s in thread.steps):
            # one sentence reporting two types of one family ("tình báo và hỗ trợ
            # hậu cần") is one step of the thread, not two
            continue
        thread.add(step)
    return threads
