"""Gold annotation files (``shared/gold/README.md``) read into plain dataclasses."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pactwatch.errors import EvaluationError

# The layers a gold file may annotate. A layer whose key is absent from the file
# was not annotated there and is not scored for it; an empty list is scored as
# "annotated, none". Gold sets that annotate only some layers (quotes and
# commitments, say) can then sit beside complete ones.
LAYERS = ("actors", "times", "published", "quotes", "events", "commitments")
ALL_LAYERS = frozenset(LAYERS)


@dataclass
class GoldActor:
    id: str
    names: list[str]

    @property
    def kind(self) -> str:
        return self.id.split(":", 1)[0]


@dataclass
class GoldTime:
    text: str
    value: str


@dataclass
class GoldQuote:
    speaker: str | None
    direct: bool | None
    contains: str


@dataclass
class GoldEvent:
    types: list[str]
    date: str | None
    participants: list[str]
    location: str | None = None


@dataclass
class GoldCommitment:
    types: list[str]
    guarantors: list[str]
    beneficiaries: list[str]
    status: list[str]


@dataclass
class GoldDocument:
    file: str  # the article's file name in the corpus directory
    path: Path  # the gold file itself
    published: str | None
    published_window: tuple[str, str] | None
    title: str | None = None
    outlet: str | None = None
    # a gold file may carry its article, for gold sets without a corpus directory
    text: str | None = None
    actors: list[GoldActor] = field(default_factory=list)
    times: list[GoldTime] = field(default_factory=list)
    quotes: list[GoldQuote] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    commitments: list[GoldCommitment] = field(default_factory=list)
    # which of LAYERS the file annotates ("published" covers the exact date)
    layers: frozenset[str] = ALL_LAYERS

    def annotates(self, layer: str) -> bool:
        return layer in self.layers

    def actor(self, actor_id: str) -> GoldActor | None:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None


def load_gold_dir(directory: Path) -> list[GoldDocument]:
    """Every ``*.json`` gold file in ``directory``, sorted by name."""
    if not directory.is_dir():
        raise EvaluationError("E401", f"{directory}: gold directory not found")
    paths = sorted(directory.glob("*.json"))
    if not paths:
        raise EvaluationError("E402", f"{directory}: no *.json gold files in this directory")
    return [load_gold_file(p) for p in paths]


def load_gold_file(path: Path) -> GoldDocument:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError("E403", f"{path}: not a readable JSON gold file ({exc})") from None
    try:
        return _gold_from_dict(raw, path)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise EvaluationError(
            "E404", f"{path}: gold file does not follow shared/gold/README.md ({exc!r})"
        ) from None


def _gold_from_dict(raw: dict[str, Any], path: Path) -> GoldDocument:
    window = raw.get("published_window")
    return GoldDocument(
        file=raw.get("file") or path.with_suffix(".txt").name,
        path=path,
        published=raw.get("published"),
        published_window=(str(window[0]), str(window[1])) if window else None,
        title=raw.get("title"),
        outlet=raw.get("outlet"),
        text=raw.get("text"),
        actors=[
            GoldActor(a["id"], [str(n) for n in a["names"]]) for a in (raw.get("actors") or [])
        ],
        times=[GoldTime(t.get("text", ""), str(t["value"])) for t in (raw.get("times") or [])],
        quotes=[
            GoldQuote(q.get("speaker"), q.get("direct"), q["contains"])
            for q in (raw.get("quotes") or [])
        ],
        events=[
            GoldEvent(list(e["types"]), e.get("date"), list(e["participants"]), e.get("location"))
            for e in (raw.get("events") or [])
        ],
        commitments=[
            GoldCommitment(
                list(c["types"]), list(c["guarantors"]), list(c["beneficiaries"]), list(c["status"])
            )
            for c in (raw.get("commitments") or [])
        ],
        layers=frozenset(layer for layer in LAYERS if layer in raw),
    )
