"""docs/api.md cannot drift: every route is documented, every example has the live shape."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api_support import REPO, examples_db, stories_db
from pactwatch.api.app import create_app

DOC = REPO / "docs" / "api.md"
EXAMPLE = re.compile(r"<!-- example: GET (\S+) -->\n```json\n(.*?)\n```", re.S)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(create_app(str(examples_db(tmp_path_factory)))) as c:
        yield c


@pytest.fixture(scope="module")
def story_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The examples with two reports of one happening added, stories built."""
    with TestClient(create_app(str(stories_db(tmp_path_factory)))) as c:
        yield c


def examples() -> list[tuple[str, str]]:
    return EXAMPLE.findall(DOC.read_text(encoding="utf-8"))


def test_every_api_route_is_documented(client: TestClient) -> None:
    text = DOC.read_text(encoding="utf-8")
    paths = client.get("/openapi.json").json()["paths"]
    routes = [(method.upper(), path) for path, ops in paths.items() if path.startswith("/api")
              for method in ops]
    assert len(routes) >= 15
    for method, path in routes:
        if path == "/api/export/{name}":
            path = "/api/export/{events|quotes|commitments|actors|documents}"
        assert f"`{method} {path}" in text, f"{method} {path} is not in docs/api.md"


def test_there_are_examples() -> None:
    assert len(examples()) >= 12


@pytest.mark.parametrize("url,documented", examples(), ids=[u for u, _ in examples()])
def test_example_has_the_live_shape(client: TestClient, story_client: TestClient, url: str,
                                    documented: str) -> None:
    shown: dict[str, Any] = json.loads(documented)
    response = (story_client if url.startswith("/api/stories") else client).get(url)
    assert response.status_code == 200, response.text
    live = response.json()
    assert set(shown) == set(live), url
    if shown.get("items") and isinstance(shown["items"][0], dict):
        assert set(shown["items"][0]) == set(live["items"][0]), url
