"""What moved since a date: new commitments, status changes, membership changes.

Membership and treaty changes come from the knowledge base (``provenance: treaty``); new
commitments and status changes from the news (``provenance: reported``, with confidence and
evidence). As in :mod:`pactwatch.system.obligations`, the caller decides which reports are
sure enough; given those it left out, the report counts the ones dated since the day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from pactwatch.system.lifecycle import (
    PROVENANCE_REPORTED,
    PROVENANCE_TREATY,
    CommitmentThread,
    ConfidenceFilter,
    LifecycleStep,
    commitment_threads,
    steps_from_record,
)
from pactwatch.system.treaties import TreatyKB


@dataclass
class StatusChange:
    thread_id: str
    guarantors: list[str]
    beneficiaries: list[str]
    old_status: str | None
    new_status: str
    date: str | None
    evidence: dict[str, Any]
    confidence: float = 0.0
    provenance: str = PROVENANCE_REPORTED

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class MembershipChange:
    body: str
    iso3: str
    change: str  # joined | left | frozen | suspended | treaty_in_force | treaty_signed | ended
    date: str
    date_convention: str
    source: str
    provenance: str = PROVENANCE_TREATY

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ChangeReport:
    since: dt.date
    new_commitments: list[dict[str, Any]] = field(default_factory=list)
    status_changes: list[StatusChange] = field(default_factory=list)
    membership_changes: list[MembershipChange] = field(default_factory=list)
    # set when reported commitments were cut by confidence: how many dated since were hidden
    reported_filter: ConfidenceFilter | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat(),
            "new_commitments": list(self.new_commitments),
            "status_changes": [s.as_dict() for s in self.status_changes],
            "membership_changes": [m.as_dict() for m in self.membership_changes],
            "reported_filter": self.reported_filter.as_dict() if self.reported_filter else None,
        }


def _after(date: str | None, since: dt.date) -> bool:
    # A month or year ("2025-12") counts as after when any of it is on or after the date.
    if not date:
        return False
    return date >= since.isoformat()[: len(date)]


def _status_changes(thread: CommitmentThread, since: dt.date) -> list[StatusChange]:
    changes = []
    previous: LifecycleStep | None = None
    for step in thread.steps:
        moved = previous is None or previous.status != step.status
        if moved and previous is not None and _after(step.date, since):
            changes.append(
                StatusChange(
                    thread_id=thread.id,
                    guarantors=sorted(thread.guarantors),
                    beneficiaries=sorted(thread.beneficiaries),
                    old_status=previous.status,
                    new_status=step.status,
                    date=step.date,
                    evidence=step.evidence_dict(),
                    confidence=step.confidence,
                )
            )
        previous = step
    return changes


def membership_changes_since(kb: TreatyKB, since: dt.date) -> list[MembershipChange]:
    changes = []
    for body, spans in kb.memberships.items():
        for span in spans:
            if span.start >= since:
                kind = "joined" if span.status == "member" else span.status
                changes.append(
                    MembershipChange(
                        body,
                        span.iso3,
                        kind,
                        span.start.isoformat(),
                        span.date_convention,
                        span.source,
                    )
                )
            if span.end is not None and span.end >= since:
                follows = any(
                    s.iso3 == span.iso3 and s.start == span.end + dt.timedelta(days=1)
                    for s in spans
                )
                if not follows:  # a span followed by another (a freeze) is not an exit
                    changes.append(
                        MembershipChange(
                            body,
                            span.iso3,
                            "left",
                            span.end.isoformat(),
                            span.date_convention,
                            span.source,
                        )
                    )
    for treaty in kb.treaties.values():
        for kind, date in (
            ("treaty_signed", treaty.signed),
            ("treaty_in_force", treaty.in_force),
            ("ended", treaty.ended),
        ):
            if date is not None and date >= since:
                changes.append(
                    MembershipChange(treaty.id, "", kind, date.isoformat(), kind, treaty.source)
                )
    changes.sort(key=lambda c: (c.date, c.body, c.iso3))
    return changes


def changes_since(
    since: dt.date | str,
    records: Iterable[dict[str, Any]],
    kb: TreatyKB,
    *,
    min_confidence: float | None = None,
    hidden_records: Iterable[dict[str, Any]] | None = None,
) -> ChangeReport:
    """New commitment threads, status changes and KB membership changes on or after ``since``.

    When ``records`` were cut at ``min_confidence``, ``hidden_records`` holds the commitments
    left out; the report's ``reported_filter`` counts those dated on or after ``since``.
    """
    day = since if isinstance(since, dt.date) else dt.date.fromisoformat(since)
    report = ChangeReport(since=day)
    for thread in commitment_threads(records):
        # an undated step may be older than the day: such a thread is not new
        dated = all(step.date for step in thread.steps)
        if dated and _after(thread.first_date, day):
            report.new_commitments.append(thread.as_dict())
        else:
            report.status_changes += _status_changes(thread, day)
    report.membership_changes = membership_changes_since(kb, day)
    if min_confidence is not None:
        hidden = sum(1 for record in hidden_records or () for step in steps_from_record(record)
                     if _after(step.date, day))
        report.reported_filter = ConfidenceFilter(min_confidence, hidden)
    return report
