"""Exports: JSON, CSV, Parquet, GraphML and PLOVER-style JSON of the examples database."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from api_support import examples_db
from pactwatch.api.app import create_app
from pactwatch.api.exports import flatten

KINDS = ("events", "quotes", "commitments", "actors", "documents")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(create_app(str(examples_db(tmp_path_factory)))) as c:
        yield c


def total(client: TestClient, kind: str, **params: str) -> int:
    found: int = client.get(f"/api/{kind}", params={"limit": 0, **params}).json()["total"]
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_every_format_holds_every_row(client: TestClient, kind: str) -> None:
    # every row whatever its confidence (quotes are not scored yet: all would be hidden)
    every = {"min_confidence": "0"}
    expected = total(client, kind, **every)
    as_json = client.get(f"/api/export/{kind}.json", params=every)
    assert as_json.status_code == 200
    assert f'filename="{kind}.json"' in as_json.headers["content-disposition"]
    rows = as_json.json()
    assert len(rows) == expected > 0
    as_csv = client.get(f"/api/export/{kind}.csv", params=every)
    assert as_csv.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert len(table) == expected
    assert set(table[0]) == set(flatten(rows[0]))
    as_parquet = client.get(f"/api/export/{kind}.parquet", params=every)
    parquet = pq.read_table(io.BytesIO(as_parquet.content))
    assert parquet.num_rows == expected
    assert parquet.column_names == list(flatten(rows[0]))


def test_exports_take_the_list_filters(client: TestClient) -> None:
    rows = client.get("/api/export/events.json", params={"actor": "country:RUS"}).json()
    assert len(rows) == total(client, "events", actor="country:RUS") > 0
    assert all("country:RUS" in r["source"] + r["target"] for r in rows)
    docs = client.get("/api/export/documents.csv", params={"q": "hoa binh"})
    assert len(list(csv.DictReader(io.StringIO(docs.content.decode("utf-8-sig"))))) == total(
        client, "documents", q="hoa binh")


def test_csv_flattens_spans_and_lists(client: TestClient) -> None:
    table = list(csv.DictReader(io.StringIO(
        client.get("/api/export/commitments.csv").content.decode("utf-8-sig"))))
    first = table[0]
    assert int(first["evidence_end"]) > int(first["evidence_start"]) >= 0
    assert first["guarantors"].count(":") == len(first["guarantors"].split(";"))


def test_graphml(client: TestClient) -> None:
    response = client.get("/api/export/actors.graphml")
    assert response.headers["content-type"].startswith("application/graphml+xml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(response.content)
    nodes = root.findall("g:graph/g:node", ns)
    edges = root.findall("g:graph/g:edge", ns)
    ids = {n.get("id") for n in nodes}
    assert "country:USA" in ids and len(edges) > len(nodes) / 2
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
    heavy = ET.fromstring(client.get("/api/export/actors.graphml",
                                     params={"min_weight": 3}).content)
    assert 0 < len(heavy.findall("g:graph/g:edge", ns)) < len(edges)


def test_plover_events(client: TestClient) -> None:
    rows = client.get("/api/export/events.plover.json").json()
    assert len(rows) == total(client, "events")
    first = rows[0]
    assert {"id", "event_type", "mode", "event_date", "story_date", "source", "target",
            "event_text", "doc_id", "evidence"} <= set(first)
    assert first["id"].startswith(first["doc_id"] + ":")


@pytest.mark.parametrize("name", ["events.xml", "people.csv", "events", "actors.parquet.gz"])
def test_unknown_exports(client: TestClient, name: str) -> None:
    response = client.get(f"/api/export/{name}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "E502"


def test_a_bad_filter_fails_before_the_download_starts(client: TestClient) -> None:
    response = client.get("/api/export/events.csv", params={"since": "2024-99"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "E501"


def test_export_json_is_utf8_and_valid(client: TestClient, tmp_path: Path) -> None:
    raw = client.get("/api/export/quotes.json", params={"min_confidence": 0}).content
    assert "ă".encode() in raw or "ư".encode() in raw  # Vietnamese kept as is, not \\u escapes
    assert json.loads(raw)
