"""Load the knowledge base (YAML files under ``pactwatch/data/kb``) into memory.

Every file is a list of entries (format: ``data/kb/SCHEMA.md``). ``roles.yaml``
holds role definitions rather than actors. A user's local file
(``$PACTWATCH_KB_LOCAL`` or ``~/.config/pactwatch/kb.local.yaml``) overrides an
entry of ours field by field when the id exists and extends the base otherwise.

Loading never validates deeply (the test suite does that with :func:`problems`);
it only refuses what it cannot read, naming the file and the reason.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pactwatch.actors.offices import OfficeIndex, office_index, period_bounds
from pactwatch.actors.textutil import fold, slug
from pactwatch.errors import KnowledgeBaseError

KB_DIR = Path(__file__).resolve().parents[1] / "data" / "kb"
ACTOR_FILES = (
    "countries.yaml",
    "organizations.yaml",
    "government_bodies.yaml",
    "places.yaml",
    "groups.yaml",
    "outlets.yaml",
    "people.yaml",
)
ROLES_FILE = "roles.yaml"
KINDS = ("country", "organization", "government_body", "person", "outlet", "place", "group")
LOCAL_ENV = "PACTWATCH_KB_LOCAL"


def local_kb_path() -> Path:
    """Where the user's own entries live (the file may not exist)."""
    env = os.environ.get(LOCAL_ENV)
    if env:
        return Path(env).expanduser()
    return Path.home() / ".config" / "pactwatch" / "kb.local.yaml"


@dataclass
class Office:
    role: str
    of: str
    start: str | None
    end: str | None
    source: str | None = None
    acting: bool = False
    # where the office is posted: an ambassador's host state or organisation
    to: str | None = None

    def covers(self, day: str) -> bool:
        """Whether the office was held on ``day``: start <= day < end (people.yaml's rule).

        ``day`` may be a month or a year ("2025-03", "2025"): then any overlap counts.
        """
        if len(day) >= 10:
            return (self.start or "0000") <= day and (self.end is None or day < self.end)
        start = (self.start or "0000")[: len(day)]
        end = (self.end or "9999")[: len(day)]
        return start <= day <= end


@dataclass
class KBEntry:
    id: str
    kind: str
    name: str
    name_vi: str | None = None
    aliases_vi: list[str] = field(default_factory=list)
    aliases_en: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    wikidata: str | None = None
    country: str | None = None
    iso3: str | None = None
    ambiguous: bool = False
    domains: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    # aliases deliberately shared with other entries (people.yaml, e.g. two "Kim"s)
    shared_aliases: list[str] = field(default_factory=list)
    source: str | None = None
    # where the entry came from (a file name), for error messages and `kb show`
    origin: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def all_names(self) -> list[str]:
        """Every written form that names this entry (not metonyms)."""
        names = [self.name, self.name_vi or "", *self.aliases_vi, *self.aliases_en, *self.aliases]
        names += self.abbreviations
        return [n for n in dict.fromkeys(names) if n]


@dataclass
class RoleReference:
    text: str
    of: str


@dataclass
class RoleDef:
    role: str
    titles_vi: list[str] = field(default_factory=list)
    titles_en: list[str] = field(default_factory=list)
    references_vi: list[RoleReference] = field(default_factory=list)
    # actor ids for which this role wins over another role with the same title word
    prefer_for: list[str] = field(default_factory=list)
    concurrent: bool = False
    source: str | None = None


@dataclass(eq=False)  # compared and hashed by identity: caches key on the loaded KB
class KnowledgeBase:
    entries: dict[str, KBEntry]
    roles: dict[str, RoleDef]
    # (role, of) -> offices and their holders, built on first use
    _offices: OfficeIndex | None = None
    _countries: dict[str, KBEntry] | None = None

    def get(self, actor_id: str) -> KBEntry | None:
        return self.entries.get(actor_id)

    def of_kind(self, kind: str) -> list[KBEntry]:
        return [e for e in self.entries.values() if e.kind == kind]

    def country(self, iso3: str) -> KBEntry | None:
        return self.entries.get(f"country:{iso3}")

    def countries_by_iso3(self) -> dict[str, KBEntry]:
        if self._countries is None:
            self._countries = {e.iso3: e for e in self.of_kind("country") if e.iso3}
        return self._countries

    def holders(self, role: str, of: str, day: str | None) -> list[KBEntry]:
        """People who held office ``role`` of ``of`` on ``day`` (a date, month or year;
        every holder ever when None). Acting holders count only when nobody else did
        (the rule of ``offices.holder_of``, whose index this reuses)."""
        if self._offices is None:
            self._offices = office_index(self.of_kind("person"))
        terms = self._offices.get((role, of), [])
        if day is not None:
            try:
                first, last = period_bounds(day)
            except ValueError:
                return []
            terms = [t for t in terms if t.overlaps(first, last)]
        substantive = [t for t in terms if not t.acting] or terms
        ids = dict.fromkeys(t.person_id for t in substantive)
        return [self.entries[i] for i in ids if i in self.entries]

    def find(self, query: str) -> list[KBEntry]:
        """Entries whose id equals ``query`` or one of whose names equals it (folded)."""
        from pactwatch.actors.textutil import fold

        if query in self.entries:
            return [self.entries[query]]
        key = fold(query)
        return [
            e
            for e in self.entries.values()
            if any(fold(n) == key for n in [*e.all_names(), *e.metonyms])
        ]


_LIST_FIELDS = (
    "aliases_vi",
    "aliases_en",
    "aliases",
    "abbreviations",
    "metonyms",
    "domains",
    "shared_aliases",
)
_SCALAR_FIELDS = ("name", "name_vi", "wikidata", "country", "iso3", "source", "kind")


def _date_text(value: Any) -> str | None:
    # YAML reads 2025-01-20 as a date; keep every date as ISO text.
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _as_list(value: Any, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value]
    raise KnowledgeBaseError("E301", f"{where}: {key} must be a list of strings")


def _entry(raw: Any, origin: str) -> KBEntry:
    if not isinstance(raw, dict) or "id" not in raw:
        raise KnowledgeBaseError("E302", f"{origin}: every entry must be a mapping with an id")
    where = f"{origin}: {raw['id']}"
    actor_id = str(raw["id"])
    kind = str(raw.get("kind") or actor_id.split(":", 1)[0])
    offices = []
    for o in raw.get("offices") or []:
        if not isinstance(o, dict) or "role" not in o or "of" not in o:
            raise KnowledgeBaseError("E303", f"{where}: an office needs role and of")
        offices.append(
            Office(
                role=str(o["role"]),
                of=str(o["of"]),
                start=_date_text(o.get("start")),
                end=_date_text(o.get("end")),
                source=o.get("source"),
                acting=bool(o.get("acting", False)),
                to=str(o["to"]) if o.get("to") else None,
            )
        )
    known = set(_LIST_FIELDS) | set(_SCALAR_FIELDS) | {"id", "offices", "ambiguous"}
    return KBEntry(
        id=actor_id,
        kind=kind,
        name=str(raw.get("name") or actor_id.split(":", 1)[-1]),
        name_vi=raw.get("name_vi"),
        aliases_vi=_as_list(raw.get("aliases_vi"), where, "aliases_vi"),
        aliases_en=_as_list(raw.get("aliases_en"), where, "aliases_en"),
        aliases=_as_list(raw.get("aliases"), where, "aliases"),
        abbreviations=_as_list(raw.get("abbreviations"), where, "abbreviations"),
        metonyms=_as_list(raw.get("metonyms"), where, "metonyms"),
        wikidata=raw.get("wikidata"),
        country=raw.get("country"),
        iso3=raw.get("iso3"),
        ambiguous=bool(raw.get("ambiguous", False)),
        domains=_as_list(raw.get("domains"), where, "domains"),
        offices=offices,
        shared_aliases=_as_list(raw.get("shared_aliases"), where, "shared_aliases"),
        source=raw.get("source"),
        origin=origin,
        extra={k: v for k, v in raw.items() if k not in known},
    )


def _role(raw: Any, origin: str) -> RoleDef:
    if not isinstance(raw, dict) or "role" not in raw:
        raise KnowledgeBaseError("E304", f"{origin}: every role must be a mapping with a role key")
    refs = []
    for r in raw.get("references_vi") or []:
        if isinstance(r, dict) and "text" in r and "of" in r:
            refs.append(RoleReference(text=str(r["text"]), of=str(r["of"])))
    return RoleDef(
        role=str(raw["role"]),
        titles_vi=_as_list(raw.get("titles_vi"), origin, "titles_vi"),
        titles_en=_as_list(raw.get("titles_en"), origin, "titles_en"),
        references_vi=refs,
        prefer_for=_as_list(raw.get("prefer_for"), origin, "prefer_for"),
        concurrent=bool(raw.get("concurrent", False)),
        source=raw.get("source"),
    )


def read_yaml_list(path: Path) -> list[Any]:
    """A KB file's entries; a clear one-line error when it is not a YAML list."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise KnowledgeBaseError("E300", f"{path}: cannot read ({reason})") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise KnowledgeBaseError("E300", f"{path}: a KB file must be a YAML list of entries")
    return data


def merge_entry(base: KBEntry, override: KBEntry) -> KBEntry:
    """``override``'s fields that are set replace ``base``'s (lists replace, not append)."""
    merged = KBEntry(**{**base.__dict__})
    for key in (*_SCALAR_FIELDS, *_LIST_FIELDS, "offices"):
        value = getattr(override, key)
        if value:
            setattr(merged, key, value)
    if override.ambiguous:
        merged.ambiguous = True
    merged.extra = {**base.extra, **override.extra}
    merged.origin = f"{base.origin}+{override.origin}"
    return merged


def load_kb(kb_dir: Path | None = None, local: Path | None = None) -> KnowledgeBase:
    """Read every KB file (missing ones are skipped: colleagues add theirs over time)."""
    kb_dir = kb_dir or KB_DIR
    entries: dict[str, KBEntry] = {}
    for name in ACTOR_FILES:
        path = kb_dir / name
        if not path.exists():
            continue
        for raw in read_yaml_list(path):
            entry = _entry(raw, name)
            if entry.id in entries:
                raise KnowledgeBaseError("E305", f"{name}: id {entry.id} is defined twice")
            entries[entry.id] = entry
    roles: dict[str, RoleDef] = {}
    roles_path = kb_dir / ROLES_FILE
    if roles_path.exists():
        for raw in read_yaml_list(roles_path):
            role = _role(raw, ROLES_FILE)
            roles[role.role] = role
    local = local if local is not None else local_kb_path()
    if local.exists():
        for raw in read_yaml_list(local):
            entry = _entry(raw, local.name)
            entries[entry.id] = (
                merge_entry(entries[entry.id], entry) if entry.id in entries else entry
            )
    for place in capital_places(entries):
        entries.setdefault(place.id, place)
    return KnowledgeBase(entries=entries, roles=roles)


def capital_places(entries: dict[str, KBEntry]) -> list[KBEntry]:
    """A place entry for every capital listed only as a country's metonym.

    countries.yaml names capitals as metonyms ("Jakarta" for Indonesia); the
    recogniser makes a capital the place where something happens when the
    context says so ("tại thủ đô Jakarta"), which needs a ``place:`` entry. The
    few capitals places.yaml lists itself keep their entries; the others are
    derived here rather than written twice.
    """
    place_names = {fold(n) for e in entries.values() if e.kind == "place" for n in e.all_names()}
    derived: list[KBEntry] = []
    for country in entries.values():
        if country.kind != "country" or not country.metonyms:
            continue
        forms = [m for m in country.metonyms if m.strip()]
        if not forms or any(fold(m) in place_names for m in forms):
            continue
        derived.append(
            KBEntry(
                id=f"place:{slug(forms[0])}",
                kind="place",
                name=forms[0],
                name_vi=forms[0],
                aliases_vi=forms[1:],
                country=country.iso3,
                source=f"capital of {country.name}: metonyms of {country.id} in countries.yaml",
                origin="derived",
            )
        )
    return derived


@lru_cache(maxsize=4)
def _cached(kb_dir: str, local: str, stamp: tuple[float, ...]) -> KnowledgeBase:
    return load_kb(Path(kb_dir), Path(local))


def _stamp(paths: Iterable[Path]) -> tuple[float, ...]:
    return tuple(p.stat().st_mtime if p.exists() else 0.0 for p in paths)


def default_kb() -> KnowledgeBase:
    """The shipped KB plus the local file, reloaded when any file changes."""
    local = local_kb_path()
    paths = [KB_DIR / n for n in (*ACTOR_FILES, ROLES_FILE)] + [local]
    return _cached(str(KB_DIR), str(local), _stamp(paths))
