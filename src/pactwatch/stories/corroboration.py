"""Corroboration: who, independently, reports each event and commitment of a story.

An event or commitment is the same *claim* across a story's articles when its type
and parties agree (event: type, sources, targets; commitment: type, guarantors,
beneficiaries). Each article reporting it is one report; the claim's corroboration
is the number of articles reporting it.

Reports are not independent sources. A report's origin is the far end of its
attribution chain (an RBC-Ukraine report citing The Telegraph comes from The
Telegraph; an outlet quoted is its own origin), else the wires the article credits
("Theo Reuters", credited sources), else the outlets its text cites (relays
dropped), else the article's own outlet. Reports whose origins overlap share a source, so
the independent sources are the groups of reports linked by a shared origin.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pactwatch.actors.textutil import slug
from pactwatch.ingest.outlets import outlet_by_name

Record = dict[str, Any]


@dataclass(frozen=True)
class Report:
    """One article's report of a claim."""

    doc_id: str
    item_id: str  # the event or commitment id inside that article's record
    origins: frozenset[str]  # outlet ids the report comes from
    status: str | None = None


@dataclass
class Claim:
    """An event or commitment as the articles of one story report it."""

    kind: str  # event | commitment
    type: str
    parties: dict[str, list[str]]
    reports: list[Report] = field(default_factory=list)

    @property
    def id(self) -> str:
        """A short hash of kind, type and parties: the same claim gets the same id."""
        key = "|".join([self.kind, self.type] + [f"{role}={','.join(ids)}"
                                                 for role, ids in sorted(self.parties.items())])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]

    @property
    def corroboration(self) -> int:
        """How many articles report the claim."""
        return len({r.doc_id for r in self.reports})

    @property
    def independent_sources(self) -> list[list[str]]:
        """The groups of origins that are one source (reports linked by a shared origin)."""
        return sorted(sorted(g) for g in origin_groups(r.origins for r in self.reports))

    @property
    def statuses(self) -> list[str]:
        return sorted({r.status for r in self.reports if r.status})

    def as_dict(self) -> dict[str, Any]:
        sources = self.independent_sources
        return {
            "id": self.id,
            "kind": self.kind,
            "type": self.type,
            "parties": self.parties,
            "statuses": self.statuses,
            "corroboration": self.corroboration,
            "independent_sources": sources,
            "n_independent": len(sources),
            "reports": [{"doc_id": r.doc_id, "item": r.item_id, "origins": sorted(r.origins)}
                        for r in self.reports],
        }


def outlet_id(name: str) -> str:
    """The outlet id for a name as credited ("Reuters", "theo The Telegraph")."""
    name = name.strip()
    if name.lower().startswith("theo "):
        name = name[5:].strip()
    known = outlet_by_name(name)
    if known is None and name.lower().startswith("the "):
        known = outlet_by_name(name[4:])
    if known is None:
        known = outlet_by_name(f"The {name}")
    return known.id if known else f"outlet:{slug(name)}"


def _relays(record: Record) -> set[str]:
    """Outlets that only pass on another's report: every link of a chain but its last,
    and the outlets a quote of another outlet is reported via."""
    relays: set[str] = set()
    for item in (record.get("quotes") or []) + (record.get("commitments") or []):
        chain = item.get("reported_via") or []
        speaker = item.get("speaker") or ""
        relays.update(chain if speaker.startswith("outlet:") else chain[:-1])
    return relays


# zones where an outlet is named for a photo or a byline, not as the source of a report
_NOT_CITING = frozenset({"caption", "credit"})


def _in_text(mention: Record, document: Record) -> bool:
    """True for a mention outside captions and credits (a photo agency is no source)."""
    start = mention.get("start", 0)
    for zone in document.get("zones") or []:
        if zone.get("start", 0) <= start < zone.get("end", 0):
            return zone.get("kind") not in _NOT_CITING
    return True


def article_origins(record: Record) -> frozenset[str]:
    """Where an article's reports come from when they name no chain of their own: the
    sources it credits ("Theo Reuters"), else the outlets its text cites (relays
    collapsed to their origin), else its own outlet."""
    document = record.get("document") or {}
    credited = [n for n in document.get("credited_sources") or [] if n and n.strip()]
    if document.get("original_publisher"):
        credited.append(document["original_publisher"])
    if credited:
        return frozenset(outlet_id(n) for n in credited)
    own = outlet_id(document["outlet"]) if document.get("outlet") else None
    photo = {outlet_id(n) for n in document.get("photo_credits") or [] if n and n.strip()}
    cited = {
        a["id"] for a in record.get("actors") or []
        if a.get("kind") == "outlet" and not a.get("from_metadata") and a["id"] != own
        and a["id"] not in photo and any(_in_text(m, document) for m in a.get("mentions") or [])
    } - _relays(record)
    if cited:
        return frozenset(cited)
    if own:
        return frozenset({own})
    # nothing says who wrote it: the article is its own source
    return frozenset({f"document:{document.get('id')}"})


def _origin(chain: list[str] | None, fallback: frozenset[str]) -> frozenset[str]:
    # a chain is nearest first: its last link is where the report comes from
    return frozenset({chain[-1]}) if chain else fallback


def _quote_origin(quote: Record | None, fallback: frozenset[str]) -> frozenset[str]:
    if quote is None:
        return fallback
    speaker = quote.get("speaker") or ""
    if speaker.startswith("outlet:"):
        # an outlet's own words ("The Telegraph reports ..."), whoever relays them
        return frozenset({speaker})
    return _origin(quote.get("reported_via"), fallback)


def _parties(ids: Iterable[str], state_of: dict[str, str]) -> list[str]:
    """A side of a claim: a ministry or army named beside its own state is that state
    ("Trung Quốc" and "Bộ Ngoại giao Trung Quốc" report one rejection by China)."""
    named = set(ids)
    return sorted(i for i in named if state_of.get(i) not in named)


def _reports(record: Record) -> Iterable[tuple[str, str, dict[str, list[str]], Report]]:
    document = record.get("document") or {}
    doc_id = document.get("id") or ""
    fallback = article_origins(record)
    quotes = {q.get("id"): q for q in record.get("quotes") or []}
    state_of = {
        str(a["id"]): f"country:{a['country']}"
        for a in record.get("actors") or []
        if a.get("kind") == "government_body" and a.get("country")
    }
    for event in record.get("events") or []:
        parties = {"source": _parties(event.get("source") or [], state_of),
                   "target": _parties(event.get("target") or [], state_of)}
        if event.get("type") and (parties["source"] or parties["target"]):
            origin = _quote_origin(quotes.get(event.get("quote")), fallback)
            yield "event", event["type"], parties, Report(doc_id, event.get("id") or "", origin,
                                                          event.get("status"))
    for commitment in record.get("commitments") or []:
        parties = {"guarantors": _parties(commitment.get("guarantors") or [], state_of),
                   "beneficiaries": _parties(commitment.get("beneficiaries") or [], state_of)}
        if commitment.get("type") and (parties["guarantors"] or parties["beneficiaries"]):
            origin = _origin(commitment.get("reported_via"), fallback)
            yield "commitment", commitment["type"], parties, Report(
                doc_id, commitment.get("id") or "", origin, commitment.get("status"))


def story_claims(records: Iterable[Record]) -> list[Claim]:
    """Every claim the articles of one story report, most corroborated first."""
    claims: dict[str, Claim] = {}
    for record in records:
        for kind, type_, parties, report in _reports(record):
            claim = Claim(kind, type_, parties)
            claims.setdefault(claim.id, claim).reports.append(report)
    return sorted(claims.values(),
                  key=lambda c: (-c.corroboration, -len(c.independent_sources), c.kind, c.type,
                                 c.id))


def origin_groups(origins: Iterable[Iterable[str]]) -> list[set[str]]:
    """Reports' origins joined into independent sources: two reports that share
    an origin (a paper citing a wire, and the wire) are one source."""
    groups: list[set[str]] = []
    for origin in origins:
        merged = set(origin)
        rest = []
        for group in groups:
            if group & merged:
                merged |= group
            else:
                rest.append(group)
        groups = rest + [merged]
    return groups
