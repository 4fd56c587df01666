"""A short, bounded version of ``benchmarks/load.py``: ``pactwatch serve`` on loopback
over the example articles, 50 requests/s for 3 s over mixed endpoints (documents,
actors, events, commitments, search, timeline, obligations, a document page), open
loop. Asserts that every request succeeded; latency is printed, never asserted."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
RATE = 50
SECONDS = 3

pytestmark = pytest.mark.slow


def _load_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("load_bench", REPO / "benchmarks" / "load.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["load_bench"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_serve_answers_a_burst_of_mixed_requests_without_errors(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    load = _load_module()
    db = tmp_path / "load.db"
    load.build_database(db, 0, tmp_path)
    with load.serving(db) as base:
        plan = load.targets(base)
        assert {name for name, _ in plan} >= {"documents", "document", "actors", "actor",
                                              "events", "search", "timeline", "obligations",
                                              "document page"}
        load.warm_up(base, plan)
        result = asyncio.run(load.drive(base, RATE, SECONDS, plan))
    load.report(result, RATE, SECONDS)
    assert result.sent == RATE * SECONDS
    assert len(result.latencies) == result.sent, "every request was answered"
    assert result.errors == []
