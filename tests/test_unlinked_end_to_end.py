"""Actors the knowledge base does not list, end to end (issue 13, point 4).

Two articles we wrote about an armed group and a company that no list knows
(tests/fixtures/unlinked) are ingested into a temporary SQLite store and read back
through the API: the group is a party of events and commitments and a quote's
speaker, under one provisional id in both articles, and the exports carry it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from pactwatch.api.app import create_app
from pactwatch.ingest.batch import ingest_paths
from pactwatch.store import open_store

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "unlinked"
GROUP = "organization:zdf"
COMPANY = "organization:vektra-dynamics"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("unlinked") / "unlinked.db"
    with open_store(str(db)) as store:
        ingest_paths([str(ARTICLES)], store)
    with TestClient(create_app(str(db))) as c:
        yield c


def ok(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params={"min_confidence": "0", **params})
    assert response.status_code == 200, response.text
    return response.json()


def test_the_group_is_one_unlinked_actor_across_both_articles(client: TestClient) -> None:
    items = ok(client, "/api/actors", linked="false", limit=100)["items"]
    by_id = {a["id"]: a for a in items}
    assert GROUP in by_id and COMPANY in by_id
    group = by_id[GROUP]
    assert group["kind"] == "organization"
    assert group["documents"] == 2
    # the full name and the abbreviation are one actor, not two
    assert not any(a["id"] != GROUP and "Zorvan" in (a.get("name") or "") for a in items)
    linked = {a["id"] for a in ok(client, "/api/actors", linked="true", limit=100)["items"]}
    assert GROUP not in linked and "country:TUR" in linked


def test_the_group_takes_part_in_events_commitments_and_quotes(client: TestClient) -> None:
    events = ok(client, "/api/events", actor=GROUP, limit=100)["items"]
    assert any(GROUP in e["source"] for e in events)  # it attacks
    assert any(GROUP in e["target"] for e in events)  # it is helped
    commitments = ok(client, "/api/commitments", actor=GROUP, limit=100)["items"]
    guarantors = {g for c in commitments for g in _ids(c["guarantors"])}
    assert any(GROUP in _ids(c["beneficiaries"]) for c in commitments)
    assert {"country:TUR", COMPANY} <= guarantors
    quotes = ok(client, "/api/quotes", actor=GROUP, limit=100)["items"]
    assert sum(_id(q["speaker"]) == GROUP for q in quotes) == 2


def test_the_actor_page_lists_what_it_takes_part_in(client: TestClient) -> None:
    page = ok(client, f"/api/actors/{GROUP}")
    actor = page["actor"]
    assert actor["id"] == GROUP and actor["in_kb"] is False and page["kb"] is None
    assert actor["name"] == "Lực lượng Dân chủ Zorvan" and actor["document_count"] == 2
    assert page["quotes"]["total"] == 2
    assert page["events_as_source"]["total"] >= 1 and page["events_as_target"]["total"] >= 1
    assert page["commitments_received"]["total"] >= 2
    assert COMPANY in {n["id"] for n in page["graph"]["nodes"]}


def test_exports_carry_the_provisional_ids(client: TestClient) -> None:
    actors = ok(client, "/api/export/actors.json")
    assert {GROUP, COMPANY} <= {a["id"] for a in actors}
    events = ok(client, "/api/export/events.json")
    assert any(GROUP in e["source"] + e["target"] for e in events)
    commitments = client.get("/api/export/commitments.csv", params={"min_confidence": "0"})
    rows = list(csv.DictReader(io.StringIO(commitments.content.decode("utf-8-sig"))))
    assert any(GROUP in json.dumps(r, ensure_ascii=False) for r in rows)
    graph = client.get("/api/export/actors.graphml", params={"min_confidence": "0"})
    assert graph.status_code == 200
    ids = {n.get("id") for n in ET.fromstring(graph.content).iter() if n.tag.endswith("node")}
    assert GROUP in ids
    plover = ok(client, "/api/export/events.plover.json")
    assert GROUP in json.dumps(plover, ensure_ascii=False)


def _id(item: object) -> str | None:
    """An actor as the API writes it: an id, or an object with one."""
    if isinstance(item, dict):
        return str(item.get("id"))
    return None if item is None else str(item)


def _ids(items: list[object]) -> list[str | None]:
    return [_id(i) for i in items]
