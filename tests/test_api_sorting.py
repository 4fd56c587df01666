"""Lists sorted over the whole result (not one page), with an allow-list of columns, and
the open-world actors apart: the same answers on SQLite and, with $PACTWATCH_TEST_PG, on
PostgreSQL (``db_target`` runs each test on both)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api_support import EXAMPLES
from pactwatch.api.app import create_app
from pactwatch.ingest.batch import ingest_paths
from pactwatch.store import open_store
from pactwatch.store.sorting import SORTABLE, Sort, check_sort, order_by

OWN = Path(__file__).resolve().parent / "fixtures" / "api" / "sorting"


@pytest.fixture
def client(db_target: str) -> Iterator[TestClient]:
    with open_store(db_target) as store:
        ingest_paths([str(EXAMPLES), str(OWN)], store)
    with TestClient(create_app(db_target)) as c:
        yield c


def every_page(client: TestClient, path: str, size: int, **params: Any) -> list[dict[str, Any]]:
    first = client.get(path, params={**params, "limit": size}).json()
    rows = list(first["items"])
    for offset in range(size, first["total"], size):
        page = client.get(path, params={**params, "limit": size, "offset": offset}).json()
        assert (page["sort"], page["order"]) == (params["sort"], params["order"])
        rows += page["items"]
    assert len(rows) == first["total"]
    return rows


def in_order(values: list[Any], descending: bool) -> bool:
    present = [v for v in values if v is not None]
    # the rows without a value come last, whichever the direction
    assert values[len(present):] == [None] * (len(values) - len(present))
    return present == sorted(present, reverse=descending)


@pytest.mark.parametrize("path,field,sort,order", [
    ("/api/documents", "display_title", "title", "asc"),
    ("/api/documents", "date", "date", "desc"),
    ("/api/documents", "n_events", "n_events", "desc"),
    ("/api/actors", "name", "name", "asc"),
    ("/api/actors", "mentions", "mentions", "desc"),
    ("/api/events", "confidence", "confidence", "asc"),
    ("/api/events", "type", "type", "desc"),
    ("/api/commitments", "status", "status", "asc"),
    ("/api/quotes", "speaker", "speaker", "asc"),
])
def test_a_sort_holds_over_every_page(client: TestClient, path: str, field: str, sort: str,
                                      order: str) -> None:
    rows = every_page(client, path, 4, sort=sort, order=order, min_confidence=0)
    assert len(rows) > 4  # more than one page
    assert in_order([r[field] for r in rows], order == "desc"), [r[field] for r in rows]
    keys = [(r.get("doc_id"), r["id"]) for r in rows]
    assert len(set(keys)) == len(keys)  # paging neither repeats nor skips a row


def test_titles_sort_by_code_point_on_every_back_end(client: TestClient) -> None:
    titles = [d["display_title"] for d in every_page(client, "/api/documents", 50, sort="title",
                                             order="asc")]
    # "Ấn Độ ..." (our article) starts with a letter past every unaccented one
    assert titles.index("Ấn Độ và Nhật Bản diễn tập gần tỉnh Kordava") > titles.index(
        "ASEAN Kêu Gọi Kiềm Chế Trên Biển Đông")
    undated = client.get("/api/documents", params={"sort": "date", "order": "asc",
                                                   "limit": 500}).json()["items"]
    assert undated[-1]["date"] is None and undated[0]["date"] is not None


@pytest.mark.parametrize("params", [{"sort": "text"}, {"sort": "d.id; DROP TABLE documents"},
                                    {"sort": "date", "order": "sideways"}, {"order": "desc"}])
def test_only_allowed_columns_reach_the_query(client: TestClient, params: dict[str, str]
                                              ) -> None:
    response = client.get("/api/documents", params=params)
    assert response.status_code == 422, response.text
    assert client.get("/api/documents").status_code == 200


def test_unlinked_actors_apart_with_their_facts(client: TestClient) -> None:
    found = client.get("/api/actors/unlinked", params={"limit": 50}).json()
    by_id = {a["id"]: a for a in found["items"]}
    kordava = by_id["place:kordava"]  # named in both of our articles: one actor
    assert kordava["kind"] == "place" and kordava["documents"] == 2
    assert 0 < kordava["confidence"] <= 1
    assert any("tỉnh Kordava" in e["sentence"] and e["doc_title"] for e in kordava["examples"])
    assert "country:JPN" in {a["id"] for a in kordava["co_occurring"]}
    assert found["total"] == len(found["items"])
    for actor in found["items"]:  # a sentence naming it twice is one example
        assert len({e["sentence"] for e in actor["examples"]}) == len(actor["examples"])
    unlinked = client.get("/api/actors", params={"linked": "false", "limit": 500}).json()
    linked = client.get("/api/actors", params={"linked": "true", "limit": 500}).json()
    assert {a["id"] for a in unlinked["items"]} == set(by_id)
    assert all(a["in_kb"] for a in linked["items"]) and not set(by_id) & {
        a["id"] for a in linked["items"]}
    japan = next(a for a in linked["items"] if a["id"] == "country:JPN")
    assert japan["confidence"] == 1.0
    exported = client.get("/api/export/actors.json").json()
    assert {"in_kb", "confidence"} <= set(exported[0])
    assert any(a["id"] == "place:kordava" and not a["in_kb"] for a in exported)


def test_search_lookup_and_suggestions_answer_on_this_back_end(client: TestClient) -> None:
    search = client.get("/api/search", params={"q": "tinh kordava", "limit": 1}).json()
    assert search["documents_total"] == 2 and len(search["documents"]) == 1
    second = client.get("/api/search", params={"q": "tinh kordava", "limit": 1,
                                               "offset": 1}).json()
    assert {search["documents"][0]["id"], second["documents"][0]["id"]} == {
        d["id"] for d in client.get("/api/documents", params={"q": "Kordava"}).json()["items"]}
    assert client.get("/api/actors/suggest", params={"q": "kordava"}).json()["items"][0][
        "id"] == "place:kordava"
    titles = {d["display_title"] for d in client.get("/api/documents",
                                                      params={"limit": 500}).json()["items"]}
    assert any(t.startswith("Zeta: Bộ trưởng Quốc phòng Nhật Bản") for t in titles)
    counts = client.get("/api/map").json()
    assert any(c["iso3"] == "JPN" for c in counts["countries"])


def test_the_allow_list_builds_the_order() -> None:
    assert check_sort("documents", None) is None
    assert check_sort("actors", "mentions", "desc") == Sort("mentions", descending=True)
    assert order_by("events", Sort("type"), "e.doc_id, e.event_id", ' COLLATE "C"') == (
        '(e.type IS NULL), e.type COLLATE "C" ASC, e.doc_id COLLATE "C" ASC,'
        ' e.event_id COLLATE "C" ASC')
    assert all(columns for columns in SORTABLE.values())
