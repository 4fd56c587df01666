"""Shared test fixtures.

Tests that read the real articles in ../shared use ``shared_dir`` (or the
``needs_shared`` marker) and skip cleanly when ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared is absent")


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
