"""``pactwatch stories``, ``stories show`` (the claims table) and ``stories score``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pactwatch.cli.main import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STORY = "s-3493a6240dc29fe8"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "stories.db")
    result = CliRunner().invoke(cli, ["ingest", str(FIXTURES / "stories"), "--db", path,
                                      "--quiet"])
    assert result.exit_code == 0, result.output
    return path


def test_list_then_show_prints_the_claims_table(db: str) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["stories", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.output.splitlines()[0])["id"] == STORY
    shown = runner.invoke(cli, ["stories", "show", STORY[:9], "--db", db], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    out = shown.output
    assert "claims: " in out and "from a single source" in out
    for header in ("outlets", "independent", "first report", "disagreements"):
        assert header in out
    assert "AGREE" in out and "Daily Straits, Harbour Wire" in out
    assert "2026-03-10 Harbour Wire" in out  # the first report


def test_show_json_carries_the_claims_table(db: str) -> None:
    shown = CliRunner().invoke(cli, ["stories", "show", STORY, "--db", db, "--json"])
    story = json.loads(shown.output)
    assert story["claims_table"] and story["timeline"]


def test_show_an_unknown_story_is_a_usage_error(db: str) -> None:
    shown = CliRunner().invoke(cli, ["stories", "show", "s-nothing", "--db", db])
    assert shown.exit_code == 2
    assert "no story" in shown.output


def test_score_a_gold_set(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({
        "set": "fixture", "corpus": "stories",
        "stories": [["2026-03-harbour-pact-daily.md", "2026-03-harbour-pact-wire.md"]],
        "singletons": [],
    }), encoding="utf-8")
    scored = CliRunner().invoke(cli, ["stories", "score", str(gold), "--corpus", str(FIXTURES)])
    assert scored.exit_code == 0, scored.output
    assert "fixture: 2 files" in scored.output
    assert "F1 1.000" in scored.output
    as_json = CliRunner().invoke(cli, ["stories", "score", str(gold), "--corpus", str(FIXTURES),
                                       "--json"])
    assert json.loads(as_json.output)["cross_outlet"]["f1"] == 1.0
