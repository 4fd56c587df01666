"""The read endpoints of the REST API over a database built from examples/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api_support import XSS_ARTICLE, examples_db
from pactwatch.api.app import create_app
from pactwatch.store import open_store
from pactwatch.store.fold import fold


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return examples_db(tmp_path_factory)


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(db))) as c:
        yield c


def ok(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def counts(client: TestClient) -> dict[str, int]:
    found: dict[str, int] = ok(client, "/api/meta")["counts"]
    return found


def error(client: TestClient, url: str, status: int, code: str, **params: Any) -> str:
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    assert body["error"]["message"]
    return str(body["error"]["message"])


# -- meta ------------------------------------------------------------------------------------
def test_meta_counts_and_filter_values(client: TestClient, db: Path) -> None:
    meta = ok(client, "/api/meta")
    with open_store(str(db)) as store:
        assert meta["counts"] == store.counts()
    assert meta["read_only"] is True
    assert meta["counts"]["documents"] == 16
    assert {o["outlet"] for o in meta["outlets"]} >= {"VnExpress", "VTC News"}
    assert sum(t["events"] for t in meta["event_types"]) == meta["counts"]["events"]
    assert meta["date_range"]["first"] <= meta["date_range"]["last"]


# -- documents -----------------------------------------------------------------------------------
def test_documents_pagination_is_consistent(client: TestClient) -> None:
    everything = ok(client, "/api/documents", limit=500)
    assert everything["total"] == len(everything["items"]) == 16
    page = ok(client, "/api/documents", limit=3, offset=3)
    assert page["total"] == 16 and page["limit"] == 3 and page["offset"] == 3
    assert [d["id"] for d in page["items"]] == [d["id"] for d in everything["items"][3:6]]
    dates = [d["date"] for d in everything["items"] if d["date"]]
    assert dates == sorted(dates, reverse=True)


def test_documents_filters(client: TestClient) -> None:
    vtc = ok(client, "/api/documents", outlet="VTC News")
    assert vtc["total"] >= 1 and all(d["outlet"] == "VTC News" for d in vtc["items"])
    in_2023 = ok(client, "/api/documents", since="2023", until="2023")
    assert in_2023["total"] >= 1 and all(d["date"].startswith("2023") for d in in_2023["items"])
    assert ok(client, "/api/documents", language="en")["total"] == 0
    assert ok(client, "/api/documents", language="vi")["total"] == 16
    found = ok(client, "/api/documents", q="hoa binh")
    assert found["total"] >= 2
    # an empty form field is no filter
    assert ok(client, "/api/documents", outlet="")["total"] == 16


@pytest.mark.parametrize("params", [
    {"since": "2025-13"}, {"until": "2025-02-30"}, {"since": "yesterday"},
    {"since": "2025", "until": "2024"}, {"limit": 501}, {"limit": -1}, {"offset": -1},
    {"limit": "many"},
])
def test_documents_bad_parameters(client: TestClient, params: dict[str, Any]) -> None:
    error(client, "/api/documents", 422, "E501", **params)


def test_one_document(client: TestClient) -> None:
    first = ok(client, "/api/documents", limit=1)["items"][0]
    doc = ok(client, f"/api/documents/{first['id']}")
    assert doc["id"] == first["id"] == doc["record"]["document"]["id"]
    assert doc["metadata"]["sources"][0]["path"]
    assert set(doc["credits"]) == {"authors", "translators", "credited_sources",
                                   "original_publisher", "photo_credits"}
    text = doc["record"]["document"]["text"]
    for actor in doc["record"]["actors"]:
        for m in actor["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    error(client, "/api/documents/0000000000000000", 404, "E502")


def test_script_in_an_article_is_returned_verbatim_as_json(client: TestClient) -> None:
    # the words as the phrase they make in the article: <script>alert("pactwatch")
    found = ok(client, "/api/search", q="alert pactwatch")
    ids = [d["id"] for d in found["documents"]]
    assert ids, "the <script> article is searchable"
    response = client.get(f"/api/documents/{ids[0]}")
    assert response.headers["content-type"].startswith("application/json")
    text = response.json()["record"]["document"]["text"]
    assert '<script>alert("pactwatch")</script>' in text
    assert "quốc phòng & an ninh" in text  # no HTML entity either
    assert XSS_ARTICLE.read_text(encoding="utf-8").split("\n")[0] in text


# -- actors ------------------------------------------------------------------------------------------
def test_actors_list(client: TestClient) -> None:
    countries = ok(client, "/api/actors", kind="country", limit=500)
    assert countries["total"] == len(countries["items"]) > 5
    assert all(a["kind"] == "country" for a in countries["items"])
    # "My" finds Mỹ: names are matched without accents
    assert "country:USA" in [a["id"] for a in ok(client, "/api/actors", q="My")["items"]]
    assert ok(client, "/api/actors", kind="nothing")["total"] == 0


def test_actor_page(client: TestClient) -> None:
    usa = ok(client, "/api/actors/country:USA", limit=5)
    assert usa["actor"]["id"] == "country:USA" and usa["kb"]["iso3"] == "USA"
    presidents = [h["person_id"] for h in usa["holders"] if h["role"] == "president"]
    assert "person:joe-biden" in presidents
    # the actor page lists every item; the lists hide the unsure unless min_confidence=0
    events = ok(client, "/api/events", actor="country:USA", role="source", limit=500,
                min_confidence=0)
    assert usa["events_as_source"]["total"] == events["total"]
    assert len(usa["events_as_source"]["items"]) == min(5, events["total"])
    given = ok(client, "/api/commitments", guarantor="country:USA", limit=500,
               min_confidence=0)
    assert usa["commitments_given"]["total"] == given["total"] > 0
    graph = usa["graph"]
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["nodes"][0]["id"] == "country:USA" and len(ids) > 2
    assert graph["edges"] and all(e["source"] in ids and e["target"] in ids
                                  for e in graph["edges"])


def test_person_offices_and_quotes(client: TestClient) -> None:
    macron = ok(client, "/api/actors/person:emmanuel-macron")
    assert any(o["role"] == "president" and o["of"] == "country:FRA" for o in macron["offices"])
    assert macron["quotes"]["total"] >= 1
    assert all(q["speaker"] == "person:emmanuel-macron" for q in macron["quotes"]["items"])


def test_unknown_actor(client: TestClient) -> None:
    error(client, "/api/actors/country:XXX", 404, "E502")
    error(client, "/api/actors/country:USA", 422, "E501", limit=9999)


# -- events, quotes, commitments ------------------------------------------------------------------------
def test_events_filters(client: TestClient) -> None:
    everything = ok(client, "/api/events", limit=500)
    assert everything["total"] == len(everything["items"]) == counts(client)["events"]
    rus = ok(client, "/api/events", actor="country:RUS", limit=500)
    assert rus["total"] > 0
    assert all("country:RUS" in e["source"] + e["target"] for e in rus["items"])
    kind = everything["items"][0]["type"]
    typed = ok(client, "/api/events", type=kind, limit=500)
    assert typed["total"] == sum(e["type"] == kind for e in everything["items"])
    military = ok(client, "/api/events", mode="military", limit=500)
    assert military["total"] > 0 and all(e["mode"] == "military" for e in military["items"])
    year = ok(client, "/api/events", since="2024", until="2024", limit=500)
    assert all(e["period"].startswith("2024") for e in year["items"])
    error(client, "/api/events", 422, "E501", role="bystander", actor="country:RUS")


def test_event_evidence_points_into_the_text(client: TestClient) -> None:
    for e in ok(client, "/api/events", limit=10)["items"]:
        text = ok(client, f"/api/documents/{e['doc_id']}")["record"]["document"]["text"]
        assert text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence_text"]


def test_quotes(client: TestClient) -> None:
    # every quote whatever its confidence: the filter has its own tests
    everything = ok(client, "/api/quotes", limit=500, min_confidence=0)
    assert everything["total"] == len(everything["items"]) > 0
    speaker = next(q["speaker"] for q in everything["items"] if q["speaker"])
    theirs = ok(client, "/api/quotes", speaker=speaker, min_confidence=0)
    assert theirs["total"] >= 1 and all(q["speaker"] == speaker for q in theirs["items"])
    assert all(isinstance(q["reported_via"], list) for q in everything["items"])
    word = fold(everything["items"][0]["text"]).split()[0]
    assert ok(client, "/api/quotes", q=word, min_confidence=0)["total"] >= 1


def test_commitments(client: TestClient) -> None:
    both = ok(client, "/api/commitments", guarantor="country:GBR", beneficiary="country:UKR")
    assert both["total"] >= 1
    for c in both["items"]:
        assert "country:GBR" in c["guarantors"] and "country:UKR" in c["beneficiaries"]
    assert ok(client, "/api/commitments", guarantor="country:UKR",
              beneficiary="country:GBR")["total"] == 0
    in_force = ok(client, "/api/commitments", status="in_force")
    assert in_force["total"] >= 1 and all(c["status"] == "in_force" for c in in_force["items"])


def test_board(client: TestClient) -> None:
    board = ok(client, "/api/commitments/board")
    threads = {t["id"]: t for t in board["threads"]}
    assert board["cells"] and threads
    for cell in board["cells"]:
        assert cell["threads"] and all(t in threads for t in cell["threads"])
        assert cell["status"] in {threads[t]["status"] for t in cell["threads"]}
        for side in ("guarantor", "beneficiary"):
            assert cell[side] is None or cell[side] in board["actors"]
    for thread in threads.values():
        for step in thread["steps"]:
            assert step["doc_id"] and step["evidence_end"] >= step["evidence_start"]
    only = ok(client, "/api/commitments/board", actor="country:UKR")
    assert only["threads"] and all("country:UKR" in t["guarantors"] + t["beneficiaries"]
                                   for t in only["threads"])


# -- the system model ---------------------------------------------------------------------------------------
def test_obligations_match_the_library(client: TestClient, db: Path) -> None:
    from pactwatch.system.obligations import who_is_obliged

    answer = ok(client, "/api/obligations", attacked="FIN", on="2023-04-05", min_confidence=0)
    assert answer["binding"] is True
    assert any(o["basis"]["article"] == "5" for o in answer["obligations"])
    with open_store(str(db)) as store:
        expected = who_is_obliged("FIN", "2023-04-05", records=store.iter_records(),
                                  min_confidence=0.0).as_dict()
    expected["reported_filter"]["note"] = None  # the API says it in words too
    # the API adds the names of the states and treaties the answer codes
    assert set(answer.pop("actors")) >= {"country:FIN", "country:USA"}
    assert answer.pop("treaties")["treaty:north-atlantic-treaty"]["name_vi"]
    assert answer == expected
    # the day before Finland joined NATO: no Article 5
    before = ok(client, "/api/obligations", attacked="Phần Lan", on="2023-04-03")
    assert not any(o["basis"]["article"] == "5" for o in before["obligations"])


@pytest.mark.parametrize("params", [
    {"attacked": "FIN"}, {"attacked": "FIN", "on": "2023-04"}, {"on": "2023-04-05"},
    {"attacked": "Atlantis", "on": "2023-04-05"},
])
def test_obligations_bad_parameters(client: TestClient, params: dict[str, str]) -> None:
    error(client, "/api/obligations", 422, "E501", **params)


def test_changes_match_the_library(client: TestClient, db: Path) -> None:
    from pactwatch.system.changes import changes_since
    from pactwatch.system.treaties import load_kb

    report = ok(client, "/api/changes", since="2024-01-01", min_confidence=0)
    with open_store(str(db)) as store:
        expected = changes_since("2024-01-01", store.iter_records(), load_kb(),
                                 min_confidence=0.0).as_dict()
    expected["reported_filter"]["note"] = None  # the API says it in words too
    assert report == expected
    assert report["membership_changes"]
    error(client, "/api/changes", 422, "E501", since="last week")
    error(client, "/api/changes", 422, "E501")


# -- search and timeline -----------------------------------------------------------------------------------
def test_search_without_accents_finds_accented_words(client: TestClient) -> None:
    found = ok(client, "/api/search", q="hoa binh")
    assert found["documents"]
    for d in found["documents"]:
        doc = ok(client, f"/api/documents/{d['id']}")["record"]["document"]
        assert "hoa binh" in fold(f"{doc['title'] or ''} {doc['text']}")
    assert ok(client, "/api/search", q="hòa bình")["documents"] == found["documents"]
    error(client, "/api/search", 422, "E501", q="   ")
    error(client, "/api/search", 422, "E501")


def test_timeline_totals_and_evidence(client: TestClient) -> None:
    month = ok(client, "/api/timeline", bucket="month", items_limit=500)
    n_events = sum(b["events"] for b in month["buckets"]) + month["unplaced"]["events"]
    n_commitments = (sum(b["commitments"] for b in month["buckets"])
                     + month["unplaced"]["commitments"])
    assert n_events == counts(client)["events"]
    assert n_commitments == counts(client)["commitments"]
    assert month["items_total"] == len(month["items"]) == n_events + n_commitments
    periods = [b["period"] for b in month["buckets"]]
    assert periods == sorted(periods) and all(len(p) == 7 for p in periods)
    for item in month["items"][:8]:
        text = ok(client, f"/api/documents/{item['doc_id']}")["record"]["document"]["text"]
        assert text[item["evidence"]["start"]:item["evidence"]["end"]] == item["evidence_text"]
        assert item["bucket"] is None or item["bucket"] in periods


def test_timeline_filters_and_buckets(client: TestClient) -> None:
    week = ok(client, "/api/timeline", bucket="week")
    assert all("-W" in b["period"] for b in week["buckets"])
    year = ok(client, "/api/timeline", bucket="year")
    n_year = sum(b["events"] for b in year["buckets"]) + year["unplaced"]["events"]
    assert n_year == counts(client)["events"]
    everything = ok(client, "/api/timeline")
    kind = next(iter(everything["buckets"][0]["event_types"]))
    typed = ok(client, "/api/timeline", type=kind)
    assert all(set(b["event_types"]) <= {kind} for b in typed["buckets"])
    assert typed["items_total"] < everything["items_total"]
    rus = ok(client, "/api/timeline", actor="country:RUS")
    assert 0 < rus["items_total"] < everything["items_total"]
    error(client, "/api/timeline", 422, "E501", bucket="hour")
    error(client, "/api/timeline", 422, "E501", items_limit=501)


# -- the app itself ---------------------------------------------------------------------------------------------
def test_unknown_path_and_openapi(client: TestClient) -> None:
    error(client, "/api/nothing-here", 404, "E502")
    spec = ok(client, "/openapi.json")
    for path in ("/api/meta", "/api/documents", "/api/documents/{doc_id}", "/api/actors",
                 "/api/events", "/api/quotes", "/api/commitments", "/api/commitments/board",
                 "/api/obligations", "/api/changes", "/api/search", "/api/timeline",
                 "/api/export/{name}", "/api/export/actors.graphml",
                 "/api/export/events.plover.json"):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize("url,params", [
    ("/api/events", {"limit": 500, "min_confidence": 0}),
    ("/api/quotes", {"limit": 500, "min_confidence": 0}),
    ("/api/commitments", {"limit": 500, "min_confidence": 0}), ("/api/timeline", {"items_limit": 500}),
    ("/api/search", {"q": "hoa binh"}), ("/api/actors/country:USA", {}),
])
def test_answers_name_every_actor_they_mention(client: TestClient, url: str,
                                               params: dict[str, Any]) -> None:
    from pactwatch.api.views import actor_ids_in

    answer = ok(client, url, **params)
    lists = [answer[k] for k in ("items", "quotes") if isinstance(answer.get(k), list)]
    lists += [v["items"] for v in answer.values() if isinstance(v, dict) and "items" in v]
    ids = set().union(*(actor_ids_in(items) for items in lists))
    assert ids, "the examples mention actors here"
    assert ids <= set(answer["actors"])
    usa = answer["actors"].get("country:USA")
    assert usa is None or (usa["name_vi"] == "Mỹ" and usa["kind"] == "country")
