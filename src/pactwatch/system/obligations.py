"""Who is bound to act if a state is attacked on a given day?

Answers from the treaty knowledge base (binding obligations, each with its legal
basis) and, when analysis records are given, from the news (commitments reported
as requested, proposed, agreed ... which bind nobody yet but say what is on the table).
The two are kept apart: every line says its ``provenance`` (``treaty`` or ``reported``),
and a reported line carries its confidence and evidence. Which reports are sure enough to
show is decided by the caller (the store filters them on ``min_confidence``); given the
reports it left out, the answer says how many concerned the state asked about.
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
    commitment_threads,
)
from pactwatch.system.treaties import Article, MembershipSpan, Treaty, TreatyKB, load_kb

# How a party stands towards an obligation on the day asked about.
STANDING_BINDING = "binding"
STANDING_FROZEN = "frozen"  # participation frozen (Armenia in the CSTO): formally a party
STANDING_SUSPENDED = "suspended"  # obligations between two parties suspended (US-NZ, ANZUS)


@dataclass
class LegalBasis:
    treaty: str
    treaty_name: str
    article: str
    obligation: str
    summary: str
    scope: str | None
    automatic: bool
    guarantor_span: dict[str, Any] | None
    attacked_span: dict[str, Any] | None
    source: str
    # the knowledge base's Vietnamese rendering of summary and scope (the English stays)
    summary_vi: str | None = None
    scope_vi: str | None = None


@dataclass
class ObligationLine:
    """One party owing one obligation under one article."""

    guarantor: str  # ISO3
    guarantor_name: str
    obligation: str
    standing: str
    basis: LegalBasis
    reason: str | None = None
    provenance: str = PROVENANCE_TREATY

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class NewsCommitmentLine:
    """A commitment the news reports for the attacked state: status as of the day asked."""

    thread_id: str
    type: str
    guarantors: list[str]
    beneficiaries: list[str]
    status: str
    date: str | None
    conditions: list[str]
    evidence: list[dict[str, Any]]
    # the surest report's confidence; each evidence item carries its own
    confidence: float = 0.0
    provenance: str = PROVENANCE_REPORTED

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ObligationAnswer:
    attacked: str | None
    on: dt.date
    attacker: str | None
    obligations: list[ObligationLine] = field(default_factory=list)
    qualified: list[ObligationLine] = field(default_factory=list)
    assurances: list[ObligationLine] = field(default_factory=list)
    attacker_clauses: list[ObligationLine] = field(default_factory=list)
    news: list[NewsCommitmentLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # set when reported commitments were cut by confidence: the threshold and how many
    # reports about the attacked state it hid
    reported_filter: ConfidenceFilter | None = None

    @property
    def binding(self) -> bool:
        return bool(self.obligations)

    def guarantors(self, treaty: str | None = None, obligation: str = "defense") -> set[str]:
        """ISO3 codes bound by ``obligation`` (under ``treaty`` when given)."""
        return {
            line.guarantor
            for line in self.obligations
            if line.obligation == obligation and (treaty is None or line.basis.treaty == treaty)
        }

    def treaties(self) -> set[str]:
        return {line.basis.treaty for line in self.obligations}

    def as_dict(self) -> dict[str, Any]:
        return {
            "attacked": self.attacked,
            "on": self.on.isoformat(),
            "attacker": self.attacker,
            "binding": self.binding,
            "obligations": [o.as_dict() for o in self.obligations],
            "qualified": [o.as_dict() for o in self.qualified],
            "assurances": [o.as_dict() for o in self.assurances],
            "attacker_clauses": [o.as_dict() for o in self.attacker_clauses],
            "news": [n.as_dict() for n in self.news],
            "reported_filter": self.reported_filter.as_dict() if self.reported_filter else None,
            "notes": list(self.notes),
        }


def who_is_obliged(
    attacked: str | None,
    on: dt.date | str,
    *,
    attacker: str | None = None,
    records: Iterable[dict[str, Any]] | None = None,
    kb: TreatyKB | None = None,
    min_confidence: float | None = None,
    hidden_records: Iterable[dict[str, Any]] | None = None,
) -> ObligationAnswer:
    """Who owes what to ``attacked`` on ``on`` (and what clauses ``attacker`` triggers).

    ``records`` are the analysis records whose commitments are shown; when they were cut
    at ``min_confidence``, ``hidden_records`` holds the commitments left out, and the
    answer's ``reported_filter`` counts those that would have been news for ``attacked``.
    """
    kb = kb or load_kb()
    day = on if isinstance(on, dt.date) else dt.date.fromisoformat(on)
    victim = kb.resolve_country(attacked) if attacked else None
    aggressor = kb.resolve_country(attacker) if attacker else None
    answer = ObligationAnswer(attacked=victim, on=day, attacker=aggressor)
    for treaty in kb.treaties.values():
        if victim:
            _obligations_towards(kb, treaty, victim, aggressor, day, answer)
        if aggressor:
            _attacker_clauses(kb, treaty, aggressor, victim, day, answer)
    answer.obligations.sort(key=lambda o: (o.basis.treaty, o.guarantor))
    answer.qualified.sort(key=lambda o: (o.basis.treaty, o.guarantor))
    if victim and not answer.obligations:
        answer.notes.append(f"no binding treaty obligation protects {victim} on {day.isoformat()}")
    if victim and records is not None:
        answer.news = news_commitments_for(victim, day, commitment_threads(records))
    if min_confidence is not None:
        hidden = 0
        if victim and hidden_records is not None:
            below = news_commitments_for(victim, day, commitment_threads(hidden_records))
            hidden = sum(len(line.evidence) for line in below)
        answer.reported_filter = ConfidenceFilter(min_confidence, hidden)
    return answer


def _party_span(kb: TreatyKB, treaty: Treaty, iso3: str, day: dt.date) -> MembershipSpan | None:
    return kb.span_on(treaty.body, iso3, day)


def _owers(kb: TreatyKB, treaty: Treaty, article: Article, day: dt.date) -> list[str]:
    parties = {s.iso3 for s in kb.spans(treaty.body) if s.covers(day)}
    if article.guarantors is None:
        return sorted(parties)
    return sorted(parties & set(article.guarantors))


def _protects(article: Article, iso3: str) -> bool:
    return article.beneficiaries is None or iso3 in article.beneficiaries


def _basis(
    treaty: Treaty,
    article: Article,
    guarantor_span: MembershipSpan | None,
    attacked_span: MembershipSpan | None,
) -> LegalBasis:
    return LegalBasis(
        treaty=treaty.id,
        treaty_name=treaty.name,
        article=article.article,
        obligation=article.obligation,
        summary=article.summary,
        scope=article.scope,
        automatic=article.automatic,
        guarantor_span=guarantor_span.as_dict() if guarantor_span else None,
        attacked_span=attacked_span.as_dict() if attacked_span else None,
        source=treaty.source,
        summary_vi=article.summary_vi,
        scope_vi=article.scope_vi,
    )


def _obligations_towards(
    kb: TreatyKB,
    treaty: Treaty,
    victim: str,
    aggressor: str | None,
    day: dt.date,
    answer: ObligationAnswer,
) -> None:
    victim_span = _party_span(kb, treaty, victim, day)
    if victim_span is None or not treaty.in_effect(day):
        return
    for article in treaty.articles:
        if not _protects(article, victim):
            continue
        for owner in _owers(kb, treaty, article, day):
            if owner in (victim, aggressor):
                continue
            owner_span = _party_span(kb, treaty, owner, day)
            line = ObligationLine(
                guarantor=owner,
                guarantor_name=kb.label(owner),
                obligation=article.obligation,
                standing=STANDING_BINDING,
                basis=_basis(treaty, article, owner_span, victim_span),
            )
            if article.obligation == "assurance":
                answer.assurances.append(line)
                continue
            pair = treaty.suspended_between(owner, victim, day)
            frozen = [s for s in (owner_span, victim_span) if s and s.status != "member"]
            if pair is not None:
                line.standing = STANDING_SUSPENDED
                line.reason = (
                    f"obligations between {owner} and {victim} suspended since {pair.start}"
                )
                answer.qualified.append(line)
            elif frozen:
                line.standing = STANDING_FROZEN
                line.reason = f"{frozen[0].iso3} {frozen[0].status} since {frozen[0].start}"
                answer.qualified.append(line)
            else:
                answer.obligations.append(line)
    if (
        aggressor
        and _party_span(kb, treaty, aggressor, day)
        and "nonaggression" in (treaty.obligation_types)
    ):
        answer.notes.append(
            f"{aggressor} and {victim} are both parties to {treaty.name}, which binds them"
            " not to attack each other"
        )


def _attacker_clauses(
    kb: TreatyKB,
    treaty: Treaty,
    aggressor: str,
    victim: str | None,
    day: dt.date,
    answer: ObligationAnswer,
) -> None:
    """Offence clauses (allies join the aggressor) and neutrality clauses (allies stay out)."""
    aggressor_span = _party_span(kb, treaty, aggressor, day)
    if aggressor_span is None or not treaty.in_effect(day):
        return
    for article in treaty.articles:
        if article.obligation not in ("offense", "neutrality") or not _protects(article, aggressor):
            continue
        for owner in _owers(kb, treaty, article, day):
            if owner in (aggressor, victim):
                continue
            answer.attacker_clauses.append(
                ObligationLine(
                    guarantor=owner,
                    guarantor_name=kb.label(owner),
                    obligation=article.obligation,
                    standing=STANDING_BINDING,
                    basis=_basis(treaty, article, _party_span(kb, treaty, owner, day), None),
                    reason=(
                        f"must join {aggressor}"
                        if article.obligation == "offense"
                        else f"must stay neutral in a war involving {aggressor}"
                    ),
                )
            )


def news_commitments_for(
    victim: str, day: dt.date, threads: list[CommitmentThread]
) -> list[NewsCommitmentLine]:
    """Commitments the news reports for ``victim``, with the status as of ``day``."""
    actor_id = f"country:{victim}"
    lines: list[NewsCommitmentLine] = []
    for thread in threads:
        # who the thread binds to the victim: in a mutual pact the other parties, never the
        # victim itself (None: a guarantor no article named)
        bound = {g for g, b in thread.pairs if b == actor_id}
        if not bound:
            continue
        steps = [s for s in thread.steps if s.date is None or s.date[:10] <= day.isoformat()]
        if not steps:
            continue
        last = steps[-1]
        conditions: list[str] = []
        for step in steps:
            conditions += [c for c in step.conditions if c not in conditions]
        lines.append(
            NewsCommitmentLine(
                thread_id=thread.id,
                type=last.type,
                guarantors=thread.guarantors_of(actor_id),
                # whom those guarantors bind (a mutual pact: not themselves)
                beneficiaries=sorted({b for g, b in thread.pairs
                                      if g in bound and b is not None}),
                status=last.status,
                date=last.date,
                conditions=conditions,
                evidence=[s.evidence_dict() for s in steps],
                confidence=max(s.confidence for s in steps),
            )
        )
    return lines
