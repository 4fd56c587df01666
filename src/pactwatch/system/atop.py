"""Importer for ATOP 5.1 (Leeds et al.): member-level and alliance-level CSV files.

Produces our own structures (:class:`Treaty` with ``atopid`` and membership spans
with ``date_convention: atop``) to cross-check or extend the knowledge base. ATOP
data are not ours: read them from where the user keeps them, never copy them in.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pactwatch.errors import KnowledgeBaseError
from pactwatch.system.treaties import MembershipSpan, Treaty, TreatyKB

# ATOP obligation columns and our names for them.
OBLIGATION_COLUMNS = {
    "defense": "defense",
    "offense": "offense",
    "neutral": "neutrality",
    "nonagg": "nonaggression",
    "consul": "consultation",
}
MEMBER_COLUMNS = ("atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit")


@dataclass
class AtopImport:
    treaties: dict[int, Treaty] = field(default_factory=dict)
    spans: dict[int, list[MembershipSpan]] = field(default_factory=dict)
    # per alliance, per member: the obligation types that member took on
    member_obligations: dict[tuple[int, str], set[str]] = field(default_factory=dict)
    unknown_codes: set[int] = field(default_factory=set)


def _open_csv(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = set(required) - set(reader.fieldnames or [])
            if missing:
                raise KnowledgeBaseError(
                    "E620", f"{path}: not an ATOP file (missing columns {sorted(missing)})"
                )
            return list(reader)
    except OSError as exc:
        raise KnowledgeBaseError("E621", f"{path}: cannot read ({exc.strerror})") from None


def _int(value: str | None) -> int:
    try:
        return int(float(value)) if value not in (None, "") else 0
    except ValueError:
        return 0


def atop_date(year: str | None, month: str | None, day: str | None) -> dt.date | None:
    """ATOP writes unknown months/days as 0 and "still in force" as year 0."""
    y, m, d = _int(year), _int(month), _int(day)
    if y == 0:
        return None
    return dt.date(y, m or 1, d or 1)


def read_crosswalk(path: Path) -> dict[int, str]:
    rows = _open_csv(path, ("iso3c", "cown"))
    return {_int(r["cown"]): r["iso3c"] for r in rows if r.get("cown") and r.get("iso3c")}


def _obligations(row: dict[str, str]) -> list[str]:
    return [ours for col, ours in OBLIGATION_COLUMNS.items() if _int(row.get(col)) == 1]


def import_atop(
    member_path: Path,
    alliance_path: Path,
    crosswalk_path: Path,
    *,
    only: set[int] | None = None,
) -> AtopImport:
    """Treaties and membership spans from ATOP's member-level and alliance-level files."""
    cow_to_iso3 = read_crosswalk(crosswalk_path)
    result = AtopImport()
    if alliance_path.exists():
        for row in _open_csv(alliance_path, ("atopid", "begyr", "endyr")):
            atopid = _int(row["atopid"])
            if only and atopid not in only:
                continue
            result.treaties[atopid] = Treaty(
                id=f"treaty:atop-{atopid}",
                name=f"ATOP alliance {atopid}",
                name_vi=None,
                organization=None,
                body=f"treaty:atop-{atopid}",
                signed=atop_date(row.get("begyr"), row.get("begmo"), row.get("begday")),
                in_force=None,
                ended=atop_date(row.get("endyr"), row.get("endmo"), row.get("endday")),
                atopid=atopid,
                obligation_types=_obligations(row),
                articles=[],
                source=f"ATOP 5.1 atopid {atopid} (alliance-level file)",
            )
    for row in _open_csv(member_path, MEMBER_COLUMNS):
        atopid = _int(row["atopid"])
        if only and atopid not in only:
            continue
        cow = _int(row["member"])
        iso3 = cow_to_iso3.get(cow)
        start = atop_date(row["yrent"], row["moent"], row["dayent"])
        if iso3 is None or start is None:
            result.unknown_codes.add(cow)
            continue
        span = MembershipSpan(
            body=f"treaty:atop-{atopid}",
            iso3=iso3,
            start=start,
            end=atop_date(row["yrexit"], row["moexit"], row["dayexit"]),
            date_convention="atop",
            status="member",
            source=f"ATOP 5.1 atopid {atopid} member file (COW {cow})",
        )
        result.spans.setdefault(atopid, []).append(span)
        result.member_obligations.setdefault((atopid, iso3), set()).update(_obligations(row))
    for atopid, spans in result.spans.items():
        result.spans[atopid] = merge_phases(spans)
    return result


def merge_phases(spans: list[MembershipSpan]) -> list[MembershipSpan]:
    """ATOP splits a membership at each alliance phase (exit date == next entry): join them."""
    merged: list[MembershipSpan] = []
    for span in sorted(spans, key=lambda s: (s.iso3, s.start)):
        last = merged[-1] if merged else None
        if last and last.iso3 == span.iso3 and last.end is not None and last.end >= span.start:
            end = None if span.end is None else max(last.end, span.end)
            merged[-1] = MembershipSpan(
                last.body,
                last.iso3,
                last.start,
                end,
                last.date_convention,
                last.status,
                last.source,
            )
        else:
            merged.append(span)
    return merged


def to_yaml(imported: AtopImport) -> str:
    """The import in the format of treaties.yaml and memberships.yaml (two documents)."""
    treaties = [
        {
            "id": t.id,
            "name": t.name,
            "body": t.body,
            "signed": t.signed,
            "ended": t.ended,
            "atopid": t.atopid,
            "obligation_types": t.obligation_types,
            "articles": [],
            "source": t.source,
        }
        for t in imported.treaties.values()
    ]
    memberships = [
        {
            "body": f"treaty:atop-{atopid}",
            "treaty": f"treaty:atop-{atopid}",
            "members": [
                {
                    "iso3": s.iso3,
                    "start": s.start,
                    "end": s.end,
                    "date_convention": s.date_convention,
                    "status": s.status,
                    "source": s.source,
                }
                for s in spans
            ],
        }
        for atopid, spans in sorted(imported.spans.items())
    ]
    return yaml.safe_dump_all([treaties, memberships], allow_unicode=True, sort_keys=False)


@dataclass(frozen=True)
class SpanDifference:
    treaty: str
    iso3: str
    ours: tuple[dt.date | None, dt.date | None] | None
    atop: tuple[dt.date | None, dt.date | None] | None

    def __str__(self) -> str:
        return f"{self.treaty} {self.iso3}: ours {self.ours} vs ATOP {self.atop}"


def compare_spans(
    treaty: Treaty, kb: TreatyKB, imported: AtopImport, conventions: set[str]
) -> list[SpanDifference]:
    """Where our spans (in ``conventions``) and ATOP's disagree, for one treaty."""
    if treaty.atopid is None:
        return []
    atop_spans = {s.iso3: s for s in imported.spans.get(treaty.atopid, [])}
    differences = []
    for span in kb.spans(treaty.body):
        if span.date_convention not in conventions or span.status != "member":
            continue
        theirs = atop_spans.get(span.iso3)
        end = span.end
        suspended = [p for p in treaty.suspended_pairs if span.iso3 in p.parties]
        if suspended and theirs is not None and theirs.end is not None:
            end = suspended[0].start  # ATOP codes a pairwise suspension as an exit
        ours = (span.start, end)
        other = (theirs.start, theirs.end) if theirs else None
        if other != ours:
            differences.append(SpanDifference(treaty.id, span.iso3, ours, other))
    return differences


def cross_check(imported: AtopImport, kb: TreatyKB) -> list[str]:
    lines = []
    for treaty in kb.treaties.values():
        if treaty.atopid is None or treaty.atopid not in imported.spans:
            continue
        diffs = compare_spans(treaty, kb, imported, {"atop", "signature"})
        status = "agrees" if not diffs else f"{len(diffs)} differences"
        lines.append(f"{treaty.id} (ATOP {treaty.atopid}): {status}")
        lines += [f"  {d}" for d in diffs]
    return lines
