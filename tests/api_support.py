"""Shared by the tests/test_api_*.py files: one database built from examples/ per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pactwatch.ingest.batch import ingest_paths
from pactwatch.store import open_store

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
XSS_ARTICLE = Path(__file__).resolve().parent / "fixtures" / "api" / "xss.txt"

_built: dict[str, Path] = {}


def examples_db(factory: pytest.TempPathFactory) -> Path:
    """examples/ and the <script> article ingested through the library, built once."""
    path = _built.get("examples")
    if path is None or not path.exists():
        path = factory.mktemp("api") / "examples.db"
        with open_store(str(path)) as store:
            ingest_paths([str(EXAMPLES), str(XSS_ARTICLE)], store)
        _built["examples"] = path
    return path


def copy_db(source: Path, target_dir: Path) -> Path:
    """A private copy of a closed database (its write-ahead log is folded in on close)."""
    target = target_dir / source.name
    shutil.copy(source, target)
    return target


STORY_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "stories"


def stories_db(factory: pytest.TempPathFactory) -> Path:
    """examples/, the <script> article and two reports of one happening
    (tests/fixtures/stories), with their stories built, once."""
    path = _built.get("stories")
    if path is None or not path.exists():
        from pactwatch.stories.build import update_stories

        path = factory.mktemp("api-stories") / "stories.db"
        with open_store(str(path)) as store:
            ingest_paths([str(EXAMPLES), str(XSS_ARTICLE), str(STORY_FIXTURES)], store)
            update_stories(store)
        _built["stories"] = path
    return path
