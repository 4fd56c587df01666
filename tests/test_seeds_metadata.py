"""Metadata of the real articles in ../shared against the gold (skips without it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pactwatch.ingest.readers import read_path

SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared is absent")
FIELDS = ("published", "outlet", "title", "authors", "translators", "credited_sources")


def _seeds() -> list[Path]:
    return sorted((SHARED / "corpus" / "seeds").glob("*.txt")) if SHARED.exists() else []


@needs_shared
@pytest.mark.shared
@pytest.mark.parametrize("seed", _seeds(), ids=lambda p: p.stem)
def test_seed_metadata_equals_gold(seed: Path) -> None:
    gold = json.loads((SHARED / "gold" / "dev" / f"{seed.stem}.json").read_text(encoding="utf-8"))
    [doc] = read_path(seed)
    for field in FIELDS:
        if field in gold:
            # null in gold and an empty list mean the same: the article states none
            assert (getattr(doc, field) or None) == (gold[field] or None), field


@needs_shared
@pytest.mark.shared
def test_every_dantri_article_reads_with_date_and_outlet() -> None:
    files = sorted((SHARED / "corpus" / "dantri").glob("*.txt"))
    assert len(files) >= 500
    for path in files:
        [doc] = read_path(path)
        assert doc.outlet == "Dân trí", path.name
        assert doc.published and doc.published.startswith(("2020-", "2021-")), path.name
        assert doc.text.strip(), path.name
