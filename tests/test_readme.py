"""The README's shown outputs are the real commands' outputs (scripts/readme_outputs.py).

Timing figures are masked; blocks whose command reads ../shared are left out when it is
absent. When this fails, run ``python scripts/readme_outputs.py`` and read the diff.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("readme_outputs",
                                                  REPO / "scripts" / "readme_outputs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["readme_outputs"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_readme_outputs_are_the_real_ones() -> None:
    script = _script()
    current = script.README.read_text(encoding="utf-8")
    assert script.find_blocks(current.split("\n")), "README.md shows no regenerated output"
    fresh = script.regenerate(current)
    assert script.masked(fresh) == script.masked(current), (
        "README.md's shown outputs drifted: run python scripts/readme_outputs.py")


def test_timing_columns_are_masked() -> None:
    script = _script()
    row = "│    13 │       15 │     15 │          0 │      0 │    2.74 │"
    assert script.masked(row) == script.masked(row.replace("2.74", "0.91"))
    # a slow run's wider figure shifts the padding, not the masked line
    assert script.masked(row) == script.masked(row.replace("   2.74", "  12.74"))
    assert script.masked("│ actors │ 0.992 │") == ["│ actors │ 0.992 │"]


def test_quick_start_is_two_commands_with_the_venv_inside() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    lines = block.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("python3 -m venv .venv && . .venv/bin/activate && pip install .")
    assert lines[0].endswith("pactwatch ingest examples --db pactwatch.db")
