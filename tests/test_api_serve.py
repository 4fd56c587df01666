"""``pactwatch serve`` (uvicorn replaced by a recorder) and the timeline bucketing rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi import FastAPI

from api_support import examples_db
from pactwatch.cli.main import cli
from pactwatch.store.explore import bucket_of


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import uvicorn

    seen: dict[str, Any] = {}

    def run(app: FastAPI, **kwargs: Any) -> None:
        seen.update(kwargs, app=app)

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.delenv("PACTWATCH_TOKEN", raising=False)
    return seen


def settings(seen: dict[str, Any]) -> Any:
    return seen["app"].state.settings


def test_serve_read_only_by_default(tmp_path_factory: pytest.TempPathFactory,
                                    served: dict[str, Any]) -> None:
    db = examples_db(tmp_path_factory)
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert served["host"] == "127.0.0.1" and served["port"] == 8123
    assert settings(served).writable is False
    assert settings(served).max_upload_bytes == 5_000_000
    # no uploads without the token, but the users' own tokens still sign reviewers in
    assert "uploads off" in result.output and "reviews need a user's token" in result.output


def test_serve_with_a_token(tmp_path_factory: pytest.TempPathFactory, served: dict[str, Any],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(examples_db(tmp_path_factory))
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--token", "t0k",
                                      "--max-upload", "1MB"])
    assert result.exit_code == 0, result.output
    assert settings(served).writable and settings(served).token == "t0k"
    assert settings(served).max_upload_bytes == 1_000_000
    monkeypatch.setenv("PACTWATCH_TOKEN", "from-env")
    CliRunner().invoke(cli, ["serve", "--db", db])
    assert settings(served).token == "from-env" and settings(served).writable
    read_only = CliRunner().invoke(cli, ["serve", "--db", db, "--read-only"])
    assert settings(served).writable is False
    assert "read-only: no uploads, no reviews" in read_only.output


def test_serve_refuses_a_missing_database(tmp_path: Path, served: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "typo.db")])
    assert result.exit_code == 2 and "no such database" in result.output
    assert "app" not in served and not (tmp_path / "typo.db").exists()


@pytest.mark.parametrize("period,bucket,expected", [
    ("2025-04-14", "day", "2025-04-14"), ("2025-04-14", "week", "2025-W16"),
    ("2025-04-14", "month", "2025-04"), ("2025-04-14", "year", "2025"),
    ("2025-04", "day", None), ("2025-04", "week", None), ("2025-04", "month", "2025-04"),
    ("2025", "month", None), ("2025", "year", "2025"), (None, "year", None),
    # ISO week 1 of 2026 starts on Monday 2025-12-29; its Thursday is 2026-01-01
    ("2026-W01", "week", "2026-W01"), ("2026-W01", "month", "2026-01"),
    ("2026-W01", "year", "2026"), ("2026-W01", "day", None), ("2024-12-30", "week", "2025-W01"),
    ("2026-W99", "month", None), ("199X", "year", None),
])
def test_bucket_of(period: str | None, bucket: str, expected: str | None) -> None:
    assert bucket_of(period, bucket) == expected


def test_prewarm_fills_the_cache_at_startup(tmp_path_factory: pytest.TempPathFactory) -> None:
    import time

    from fastapi.testclient import TestClient

    from pactwatch.api.app import create_app

    app = create_app(str(examples_db(tmp_path_factory)), prewarm=True)
    with TestClient(app) as client:
        cache = app.state.cache
        deadline = time.monotonic() + 20
        while cache.misses < 5 and time.monotonic() < deadline:  # facets, counts, 3 timelines
            time.sleep(0.05)
        assert cache.misses == 5
        client.get("/api/meta")
        client.get("/api/timeline", params={"bucket": "year", "items_limit": 3})
        assert cache.hits >= 3 and cache.misses == 5 + 1  # only the timeline answer was new
