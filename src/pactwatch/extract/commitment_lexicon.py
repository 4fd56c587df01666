"""The reviewed Vietnamese cue lexicon for commitments, compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pactwatch.errors import KnowledgeBaseError

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "commitments_vi.yaml"

COMMITMENT_TYPES = (
    "collective_defense",
    "security_guarantee",
    "military_aid",
    "intelligence_support",
    "logistics_support",
    "troop_deployment",
    "nuclear_deployment",
    "air_defense",
    "economic_support",
    "membership",
    "peace_plan",
    "territorial_arrangement",
)
STATUSES = (
    "proposed",
    "requested",
    "under_negotiation",
    "agreed",
    "in_force",
    "suspended",
    "withdrawn",
    "rejected",
)


@dataclass(frozen=True)
class StatusCue:
    status: str
    weight: float
    pattern: re.Pattern[str]
    informal: bool = False


@dataclass(frozen=True)
class Lexicon:
    types: tuple[tuple[str, re.Pattern[str]], ...]
    statuses: tuple[StatusCue, ...]
    conditions: tuple[re.Pattern[str], ...]
    beneficiary_markers: re.Pattern[str]
    # the type patterns lower-cased and compiled case-sensitively, to find cues
    # in lower-cased text: several times faster than IGNORECASE on long texts
    lower_types: tuple[re.Pattern[str], ...] = ()


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise KnowledgeBaseError("E310", f"{where}: bad pattern {pattern!r} ({exc})") from None


def _lower(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` for lower-cased text; unchanged (still IGNORECASE) when lower-
    casing its source would change an escape such as ``\\W`` or ``\\S``."""
    if re.search(r"\\[A-Z]", pattern.pattern):
        return pattern
    return re.compile(pattern.pattern.lower())


def parse_lexicon(data: dict[str, Any], where: str) -> Lexicon:
    types = []
    for ctype, patterns in (data.get("types") or {}).items():
        if ctype not in COMMITMENT_TYPES:
            raise KnowledgeBaseError("E311", f"{where}: unknown commitment type {ctype!r}")
        types += [(ctype, _compile(p, where)) for p in patterns]
    statuses = []
    for cue in data.get("statuses") or []:
        if cue.get("status") not in STATUSES:
            raise KnowledgeBaseError("E311", f"{where}: unknown status {cue.get('status')!r}")
        statuses.append(
            StatusCue(
                status=cue["status"],
                weight=float(cue.get("weight", 1.0)),
                pattern=_compile(cue["pattern"], where),
                informal=bool(cue.get("informal", False)),
            )
        )
    markers = "|".join(re.escape(m) for m in data.get("beneficiary_markers") or [])
    return Lexicon(
        lower_types=tuple(_lower(p) for _, p in types),
        types=tuple(types),
        statuses=tuple(statuses),
        conditions=tuple(_compile(p, where) for p in data.get("conditions") or []),
        beneficiary_markers=_compile(rf"\b(?:{markers})\b" if markers else r"(?!x)x", where),
    )


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0]
        raise KnowledgeBaseError("E312", f"{path}: cannot read the lexicon ({reason})") from None
    if not isinstance(data, dict):
        raise KnowledgeBaseError("E312", f"{path}: expected a mapping with types and statuses")
    return parse_lexicon(data, str(path))
