"""Pinned score floors (``eval_baseline.json``): the quality gate.

The file maps each gold set (its directory, relative to the baseline file) to
the corpus its articles come from and a floor for every score::

    {"sets": {"gold/examples": {"corpus": "examples", "floors": {"actors.f1": 0.8}}}}

A score below its floor fails the gate. Floors only move up:
:func:`raise_floors` never lowers one.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pactwatch.errors import EvaluationError

BASELINE_NAME = "eval_baseline.json"
# Floors are kept to three decimals, rounded down, so a floor never exceeds
# the score it was taken from.
PLACES = 3
# Scores are ratios of small counts: 0.75 may come out as 0.7499999999999999.
TOLERANCE = 1e-9
ABOUT = (
    "Score floors for `pactwatch eval`; tests/test_eval_gate.py fails when a score drops"
    " below one. Floors only move up: raise them with `pactwatch eval GOLD_DIR --update-baseline`."
)


@dataclass(frozen=True)
class Violation:
    score: str
    floor: float
    value: float | None

    def __str__(self) -> str:
        shown = "none" if self.value is None else f"{self.value:.4f}"
        return f"{self.score} = {shown} is below its floor {self.floor:.{PLACES}f}"


@dataclass
class GoldSet:
    key: str  # the gold directory as written in the baseline file
    gold_dir: Path
    corpus_dir: Path | None
    floors: dict[str, float]


def default_baseline_path() -> Path:
    """``./eval_baseline.json`` when present, else the one at the repository root."""
    here = Path.cwd() / BASELINE_NAME
    if here.exists():
        return here
    return Path(__file__).resolve().parents[3] / BASELINE_NAME


def load_baseline(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"sets": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError("E410", f"{path}: not a readable baseline file ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("sets"), dict):
        raise EvaluationError("E410", f"{path}: baseline file has no 'sets' object")
    return data


def gold_sets(path: Path) -> list[GoldSet]:
    """Every gold set the baseline pins, with directories resolved next to the file."""
    base = path.resolve().parent
    sets = []
    for key, entry in load_baseline(path)["sets"].items():
        corpus = entry.get("corpus")
        sets.append(
            GoldSet(
                key=key,
                gold_dir=(base / key).resolve(),
                corpus_dir=(base / corpus).resolve() if corpus else None,
                floors={k: float(v) for k, v in (entry.get("floors") or {}).items()},
            )
        )
    return sets


def find_set(path: Path, gold_dir: Path) -> GoldSet | None:
    wanted = gold_dir.resolve()
    return next((s for s in gold_sets(path) if s.gold_dir == wanted), None)


def check(metrics: dict[str, float | None], floors: dict[str, float]) -> list[Violation]:
    """Scores below their floor (a score that is missing or undefined counts as 0)."""
    violations = []
    for score, floor in sorted(floors.items()):
        value = metrics.get(score)
        if value is None or value < floor - TOLERANCE:
            violations.append(Violation(score, floor, value))
    return violations


def floor_of(value: float) -> float:
    return math.floor(value * 10**PLACES + TOLERANCE) / 10**PLACES


def raise_floors(
    path: Path,
    gold_dir: Path,
    metrics: dict[str, float | None],
    corpus_dir: Path | None = None,
) -> dict[str, tuple[float | None, float]]:
    """Raise the floors of ``gold_dir``'s set to the current scores; returns what moved.

    A floor is never lowered; scores without a value (nothing to judge) get no floor.
    """
    data = load_baseline(path)
    base = path.resolve().parent
    existing = find_set(path, gold_dir)
    key = existing.key if existing else os.path.relpath(gold_dir.resolve(), base)
    entry = data["sets"].setdefault(key, {})
    if corpus_dir is not None and not entry.get("corpus"):
        entry["corpus"] = os.path.relpath(corpus_dir.resolve(), base)
    entry.setdefault("corpus", None)
    floors: dict[str, float] = entry.setdefault("floors", {})
    moved: dict[str, tuple[float | None, float]] = {}
    for score, value in metrics.items():
        if value is None:
            continue
        old = floors.get(score)
        new = floor_of(value)
        if old is None or new > old:
            floors[score] = new
            moved[score] = (old, new)
    entry["floors"] = dict(sorted(floors.items()))
    data = {"about": data.get("about", ABOUT), **{k: v for k, v in data.items() if k != "about"}}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return moved
