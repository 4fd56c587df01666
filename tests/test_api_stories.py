"""``/api/stories`` and the stories exports over examples/ plus two reports of one
happening (tests/fixtures/stories), stories built."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api_support import stories_db
from pactwatch.api.app import create_app

STORY = "s-3493a6240dc29fe8"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(create_app(str(stories_db(tmp_path_factory)))) as c:
        yield c


def ok(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_list_pages_stories_largest_first(client: TestClient) -> None:
    listed = ok(client, "/api/stories")
    assert listed["total"] == len(listed["items"]) >= 1
    story = next(s for s in listed["items"] if s["id"] == STORY)
    assert story["size"] == 2
    assert story["outlets"] == ["Daily Straits", "Harbour Wire"]
    assert (story["date_first"], story["date_last"]) == ("2026-03-10", "2026-03-11")
    sizes = [s["size"] for s in listed["items"]]
    assert sizes == sorted(sizes, reverse=True)
    assert ok(client, "/api/stories", limit=0)["items"] == []


def test_one_story_has_its_timeline_and_claims_table(client: TestClient) -> None:
    story = ok(client, f"/api/stories/{STORY}")
    assert [r["outlet"] for r in story["timeline"]] == ["Harbour Wire", "Daily Straits"]
    table = story["claims_table"]
    assert table
    for claim in table:
        assert claim["first_report"]["doc_id"] in {m["doc_id"] for m in story["members"]}
        assert claim["single_source"] is (claim["n_independent"] <= 1)
        for report in claim["reports"]:
            span = report["evidence"]
            assert report["link"] == f"/documents/{report['doc_id']}?span={span['start']}-{span['end']}"
    agree = next(c for c in table if c["type"] == "AGREE")
    assert agree["outlets"] == ["Daily Straits", "Harbour Wire"]
    assert agree["n_independent"] == 2
    assert agree["first_report"]["outlet"] == "Harbour Wire"
    # the names of every actor the page shows, and no path beyond a file name
    assert story["names"]["country:VNM"]["name_vi"] == "Việt Nam"
    assert all("/" not in (m["source_path"] or "") for m in story["members"])


def test_a_story_is_found_by_the_start_of_its_id(client: TestClient) -> None:
    assert ok(client, f"/api/stories/{STORY[:8]}")["id"] == STORY


def test_unknown_and_ambiguous_ids_are_errors(client: TestClient) -> None:
    missing = client.get("/api/stories/s-nothing")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "E502"
    assert client.get("/api/stories/s-").status_code in (200, 422)


def test_exports_of_stories_and_claims(client: TestClient) -> None:
    stories = json.loads(client.get("/api/export/stories.json").text)
    assert [s["id"] for s in stories] == [s["id"] for s in ok(client, "/api/stories")["items"]]
    response = client.get("/api/export/story-claims.csv")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="story-claims.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    ours = [r for r in rows if r["story_id"] == STORY]
    assert {r["type"] for r in ours} >= {"AGREE"}
    for row in ours:
        assert row["single_source"] in ("True", "False")
        for link in row["evidence"].split(";"):
            assert re.fullmatch(r"/documents/[0-9a-f]+\?span=\d+-\d+", link)
    claims = json.loads(client.get("/api/export/story-claims.json").text)
    assert len(claims) == len(rows)
    assert client.get("/api/export/stories.xml").status_code == 404


def test_the_other_exports_are_still_answered(client: TestClient) -> None:
    assert client.get("/api/export/events.csv").status_code == 200
    assert client.get("/api/export/nothing.csv").status_code == 404
