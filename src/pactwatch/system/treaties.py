"""The treaty knowledge base: treaties, their articles and membership spans over time.

Reads ``data/kb/treaties.yaml`` and ``data/kb/memberships.yaml`` (format described in
their header comments) into plain dataclasses. Country names are resolved through
``data/kb/countries.yaml`` so callers may say "Phần Lan", "Finland" or "FIN".
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pactwatch.errors import KnowledgeBaseError

KB_DIR = Path(__file__).resolve().parents[1] / "data" / "kb"

OBLIGATION_TYPES = frozenset(
    {"defense", "offense", "neutrality", "nonaggression", "consultation", "assurance"}
)
# Obligation types that bind a party to act or abstain when another is attacked.
BINDING_TYPES = frozenset({"defense", "offense", "neutrality", "nonaggression", "consultation"})
DATE_CONVENTIONS = frozenset(
    {
        "signature",
        "deposit",
        "entry_into_force",
        "protocol_signature",
        "atop",
        "announcement",
        "summit_attendance",
    }
)
MEMBER_STATUSES = frozenset({"member", "frozen", "suspended"})
ALL_MEMBERS = "members"


@dataclass(frozen=True)
class MembershipSpan:
    body: str
    iso3: str
    start: dt.date
    end: dt.date | None  # last day the span holds; None = still holds
    date_convention: str
    status: str
    source: str

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def as_dict(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "iso3": self.iso3,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "date_convention": self.date_convention,
            "status": self.status,
            "source": self.source,
        }


@dataclass(frozen=True)
class Article:
    article: str
    obligation: str
    summary: str
    # None means every member on the date; otherwise the ISO3 codes that owe / are protected
    guarantors: tuple[str, ...] | None
    beneficiaries: tuple[str, ...] | None
    scope: str | None
    automatic: bool
    # the same summary and scope in Vietnamese, for the Vietnamese pages (our rendering)
    summary_vi: str | None = None
    scope_vi: str | None = None


@dataclass(frozen=True)
class SuspendedPair:
    parties: frozenset[str]
    start: dt.date
    date_convention: str
    source: str


@dataclass
class Treaty:
    id: str
    name: str
    name_vi: str | None
    organization: str | None
    body: str
    signed: dt.date | None
    in_force: dt.date | None
    ended: dt.date | None
    atopid: int | None
    obligation_types: list[str]
    articles: list[Article]
    source: str
    suspended_pairs: list[SuspendedPair] = field(default_factory=list)
    notes: str | None = None

    def in_effect(self, day: dt.date) -> bool:
        """Whether the treaty binds on ``day``; members' spans carry the finer dates."""
        if self.in_force is not None and day < self.in_force:
            return False
        return self.ended is None or day <= self.ended

    def suspended_between(self, a: str, b: str, day: dt.date) -> SuspendedPair | None:
        for pair in self.suspended_pairs:
            if pair.parties == frozenset({a, b}) and day >= pair.start:
                return pair
        return None


@dataclass
class TreatyKB:
    treaties: dict[str, Treaty]
    memberships: dict[str, list[MembershipSpan]]
    country_names: dict[str, str]  # folded name -> ISO3
    country_labels: dict[str, str]  # ISO3 -> English name

    def spans(self, body: str, iso3: str | None = None) -> list[MembershipSpan]:
        spans = self.memberships.get(body, [])
        return [s for s in spans if iso3 is None or s.iso3 == iso3]

    def span_on(self, body: str, iso3: str, day: dt.date) -> MembershipSpan | None:
        for span in self.spans(body, iso3):
            if span.covers(day):
                return span
        return None

    def members_on(self, body: str, day: dt.date, *, status: str = "member") -> list[str]:
        return sorted({s.iso3 for s in self.spans(body) if s.covers(day) and s.status == status})

    def resolve_country(self, name: str) -> str:
        """ISO3 for a country name in Vietnamese or English, or an ISO3 code.

        A name wins over a code: "Nga" (or "nga") is Vietnamese for Russia, RUS, not
        Nigeria's code NGA. Only a code written as one, in capitals ("NGA"), is read as a
        code. :meth:`country_readings` tells whether both readings exist.
        """
        text = name.strip()
        key = fold(text)
        if text.isupper() and text in self.country_labels:
            return text
        if key in self.country_names:
            return self.country_names[key]
        if text.upper() in self.country_labels:
            return text.upper()
        raise KnowledgeBaseError("E601", f"unknown country {name!r}: give an ISO3 code or a name")

    def country_readings(self, name: str) -> tuple[str | None, str | None]:
        """(ISO3 of ``name`` read as a country name, ``name`` read as an ISO3 code)."""
        text = name.strip()
        as_name = self.country_names.get(fold(text))
        as_code = text.upper() if text.upper() in self.country_labels else None
        return as_name, as_code

    def label(self, iso3: str) -> str:
        return self.country_labels.get(iso3, iso3)


def fold(text: str) -> str:
    """Case- and diacritic-insensitive key ("Phần Lan" == "phan lan")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise KnowledgeBaseError("E602", f"{where}: {value!r} is not an ISO date") from None


def _codes(value: Any) -> tuple[str, ...] | None:
    if value == ALL_MEMBERS or value is None:
        return None
    return tuple(str(v) for v in value)


_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> list[dict[str, Any]]:
    try:
        # libyaml's safe loader when PyYAML has it: the same data, about 7x faster
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0]
        raise KnowledgeBaseError("E603", f"{path}: cannot read ({reason})") from None
    if not isinstance(data, list):
        raise KnowledgeBaseError("E603", f"{path}: expected a list of entries")
    return data


def _folded(text: Any) -> str | None:
    """A folded YAML block as one line (None stays None)."""
    return " ".join(str(text).split()) if text is not None else None


def parse_treaties(entries: list[dict[str, Any]], where: str) -> dict[str, Treaty]:
    treaties: dict[str, Treaty] = {}
    for entry in entries:
        try:
            tid = entry["id"]
            treaty = Treaty(
                id=tid,
                name=entry["name"],
                name_vi=entry.get("name_vi"),
                organization=entry.get("organization"),
                body=entry.get("body") or tid,
                signed=_date(entry.get("signed"), f"{where} {tid} signed"),
                in_force=_date(entry.get("in_force"), f"{where} {tid} in_force"),
                ended=_date(entry.get("ended"), f"{where} {tid} ended"),
                atopid=entry.get("atopid"),
                obligation_types=list(entry.get("obligation_types") or []),
                articles=[
                    Article(
                        article=str(a["article"]),
                        obligation=a["obligation"],
                        summary=" ".join(str(a["summary"]).split()),
                        guarantors=_codes(a.get("guarantors")),
                        beneficiaries=_codes(a.get("beneficiaries")),
                        scope=a.get("scope"),
                        automatic=bool(a.get("automatic", False)),
                        summary_vi=_folded(a.get("summary_vi")),
                        scope_vi=a.get("scope_vi"),
                    )
                    for a in entry.get("articles") or []
                ],
                suspended_pairs=[
                    SuspendedPair(
                        parties=frozenset(p["parties"]),
                        start=_date(p["start"], f"{where} {tid} suspended") or dt.date.min,
                        date_convention=p["date_convention"],
                        source=p["source"],
                    )
                    for p in entry.get("suspended_pairs") or []
                ],
                notes=entry.get("notes"),
                source=entry["source"],
            )
        except (KeyError, TypeError) as exc:
            raise KnowledgeBaseError("E604", f"{where}: entry {entry!r:.80} lacks {exc}") from None
        treaties[tid] = treaty
    return treaties


def parse_memberships(entries: list[dict[str, Any]], where: str) -> dict[str, list[MembershipSpan]]:
    memberships: dict[str, list[MembershipSpan]] = {}
    for entry in entries:
        body = entry.get("body")
        if not body:
            raise KnowledgeBaseError("E604", f"{where}: a membership entry has no body")
        for m in entry.get("members") or []:
            try:
                span = MembershipSpan(
                    body=body,
                    iso3=m["iso3"],
                    start=_date(m["start"], f"{where} {body} {m['iso3']}") or dt.date.min,
                    end=_date(m.get("end"), f"{where} {body} {m['iso3']}"),
                    date_convention=m["date_convention"],
                    status=m.get("status", "member"),
                    source=m["source"],
                )
            except (KeyError, TypeError) as exc:
                raise KnowledgeBaseError("E604", f"{where}: {body} member lacks {exc}") from None
            memberships.setdefault(body, []).append(span)
    return memberships


def _country_names(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    if not path.exists():
        return names, labels
    for entry in _read_yaml(path):
        iso3 = entry.get("iso3")
        if not iso3:
            continue
        labels[iso3] = entry.get("name") or iso3
        # names only: codes are read through ``labels`` (a name wins over a code)
        forms = [entry.get("name"), entry.get("name_vi")]
        forms += list(entry.get("aliases_vi") or []) + list(entry.get("aliases_en") or [])
        for form in forms:
            if form:
                names.setdefault(fold(str(form)), iso3)
    return names, labels


def load_kb(kb_dir: Path | None = None) -> TreatyKB:
    """Load the treaty KB from ``kb_dir`` (default: the packaged data)."""
    if kb_dir is None:
        return _load_packaged()
    return _load(kb_dir)


@lru_cache(maxsize=1)
def _load_packaged() -> TreatyKB:
    return _load(KB_DIR)


def _load(base: Path) -> TreatyKB:
    treaties_path = base / "treaties.yaml"
    memberships_path = base / "memberships.yaml"
    names, labels = _country_names(base / "countries.yaml")
    return TreatyKB(
        treaties=parse_treaties(_read_yaml(treaties_path), str(treaties_path)),
        memberships=parse_memberships(_read_yaml(memberships_path), str(memberships_path)),
        country_names=names,
        country_labels=labels,
    )
