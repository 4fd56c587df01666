"""The reviewed Vietnamese cue lexicon for commitments, compiled once."""

from __future__ import annotations

import re

# the regular-expression parser, to find the words a pattern requires
import re._parser as _sre_parser
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from re._constants import BRANCH as _BRANCH
from re._constants import LITERAL as _LITERAL
from re._constants import MAX_REPEAT as _MAX_REPEAT
from re._constants import MIN_REPEAT as _MIN_REPEAT
from re._constants import SUBPATTERN as _SUBPATTERN
from typing import Any

import yaml

from pactwatch.datacache import safe_loader
from pactwatch.document import COMMITMENT_TYPES
from pactwatch.errors import KnowledgeBaseError

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "commitments_vi.yaml"

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
    # for each lower-cased type pattern, words one of which every match holds
    # (None: no such word): a pattern whose words are all absent from a text is
    # not run over it, and most patterns are absent from most articles
    anchors: tuple[frozenset[str] | None, ...] = ()


def required_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Literal strings of three or more characters one of which every match of
    ``pattern`` contains (the longest such choice found), or None."""
    try:
        parsed = _sre_parser.parse(pattern.pattern, pattern.flags)
    except re.error:
        return None
    return _required(list(parsed))


def _required(items: list[Any]) -> frozenset[str] | None:
    best: frozenset[str] | None = None

    def better(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    run = ""
    for op, arg in items:
        if op is _LITERAL:
            run += chr(arg)
            continue
        if len(run) >= 3:
            better(frozenset({run}))
        run = ""
        if op is _SUBPATTERN:
            better(_required(list(arg[3])))
        elif op is _BRANCH:
            branches = [_required(list(b)) for b in arg[1]]
            if all(branches):
                better(frozenset().union(*(b for b in branches if b)))
        elif op in (_MAX_REPEAT, _MIN_REPEAT) and arg[0] >= 1:
            better(_required(list(arg[2])))
    if len(run) >= 3:
        better(frozenset({run}))
    return best


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
    lower_types = tuple(_lower(p) for _, p in types)
    return Lexicon(
        lower_types=lower_types,
        anchors=tuple(
            required_words(p) if not p.flags & re.IGNORECASE else None for p in lower_types
        ),
        types=tuple(types),
        statuses=tuple(statuses),
        conditions=tuple(_compile(p, where) for p in data.get("conditions") or []),
        beneficiary_markers=_compile(rf"\b(?:{markers})\b" if markers else r"(?!x)x", where),
    )


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"),
                         Loader=safe_loader())
    except (OSError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0]
        raise KnowledgeBaseError("E312", f"{path}: cannot read the lexicon ({reason})") from None
    if not isinstance(data, dict):
        raise KnowledgeBaseError("E312", f"{path}: expected a mapping with types and statuses")
    return parse_lexicon(data, str(path))
