"""News outlets from the knowledge base: name an outlet from a spelling or a URL."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import yaml

from pactwatch.errors import KnowledgeBaseError

_KB_PACKAGE = "pactwatch.data"
_OUTLETS_FILE = "kb/outlets.yaml"


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    name_vi: str | None
    spellings: tuple[str, ...]
    domains: tuple[str, ...]


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _as_outlet(entry: dict[str, Any]) -> Outlet:
    spellings = [entry["name"], entry.get("name_vi") or ""]
    for key in ("aliases_vi", "aliases_en", "abbreviations"):
        spellings.extend(entry.get(key) or [])
    return Outlet(
        id=entry["id"],
        name=entry["name"],
        name_vi=entry.get("name_vi"),
        spellings=tuple(s for s in spellings if s),
        domains=tuple(d.lower() for d in entry.get("domains") or []),
    )


@lru_cache(maxsize=1)
def load_outlets() -> tuple[Outlet, ...]:
    """Every outlet of data/kb/outlets.yaml (read once)."""
    ref = resources.files(_KB_PACKAGE).joinpath(_OUTLETS_FILE)
    try:
        # The C loader when PyYAML has it: the pure-Python one takes most of a second.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        entries = yaml.load(ref.read_text(encoding="utf-8"), Loader=loader) or []
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError("E301", f"{_OUTLETS_FILE}: cannot load ({exc})") from None
    return tuple(_as_outlet(e) for e in entries)


@lru_cache(maxsize=1)
def _by_spelling() -> dict[str, Outlet]:
    index: dict[str, Outlet] = {}
    for outlet in load_outlets():
        for spelling in outlet.spellings:
            index.setdefault(_fold(spelling), outlet)
    return index


def outlet_by_name(name: str) -> Outlet | None:
    """The outlet spelled ``name`` (any known spelling, case-insensitive)."""
    return _by_spelling().get(_fold(name))


def canonical_outlet_name(name: str) -> str:
    """The knowledge base's name for an outlet spelling, or the spelling as written."""
    outlet = outlet_by_name(name)
    return outlet.name if outlet else name


def outlet_by_url(url: str) -> Outlet | None:
    """The outlet whose domain (and path prefix, as in ``theepochtimes.com/vi``) serves url."""
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
    except ValueError:  # "http://[" (a broken IPv6 host) names no outlet
        return None
    host = (parts.hostname or "").lower()
    path = parts.path.lower()
    best: tuple[int, Outlet] | None = None
    for outlet in load_outlets():
        for domain in outlet.domains:
            dom_host, _, dom_path = domain.partition("/")
            if not (host == dom_host or host.endswith("." + dom_host)):
                continue
            if dom_path and not (path + "/").startswith("/" + dom_path.rstrip("/") + "/"):
                continue
            if best is None or len(domain) > best[0]:
                best = (len(domain), outlet)
    return best[1] if best else None
