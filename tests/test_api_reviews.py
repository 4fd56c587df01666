"""``/api/me`` and ``/api/reviews``: signing in with a user's own token, reviewing, the queue,
and rejected items leaving the board, obligations, lists and exports (unless asked)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api_support import copy_db, examples_db
from pactwatch.api.app import create_app
from pactwatch.store import open_store

ADMIN = "admin-token"
# Russia -> Belarus: on the board, and in Belarus's obligation answer
OBLIGATION = "/api/obligations?attacked=BLR&on=2026-06-01"


@pytest.fixture
def setup(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[tuple[TestClient,
                                                                                       str]]:
    db = copy_db(examples_db(tmp_path_factory), tmp_path)
    with open_store(str(db)) as store:
        token = store.add_user("Lan")
    with TestClient(create_app(str(db), token=ADMIN)) as client:
        yield client, token


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _oreshnik(client: TestClient) -> dict:
    rows = client.get("/api/commitments", params={"guarantor": "country:RUS",
                                                  "beneficiary": "country:BLR"}).json()["items"]
    assert len(rows) == 1
    return rows[0]


def test_me_names_the_token(setup: tuple[TestClient, str]) -> None:
    client, token = setup
    assert client.get("/api/me", headers=_auth(token)).json() == {"name": "Lan", "admin": False}
    assert client.get("/api/me", headers=_auth(ADMIN)).json() == {"name": "admin", "admin": True}
    for headers in ({}, _auth("wrong")):
        response = client.get("/api/me", headers=headers)
        assert response.status_code == 401 and response.json()["error"]["code"] == "E503"


def test_reject_leaves_board_obligations_lists_and_exports(setup: tuple[TestClient, str]) -> None:
    client, token = setup
    item = _oreshnik(client)
    assert item["review"] is None
    assert "country:BLR" in str(client.get(OBLIGATION).json()["news"])
    response = client.post("/api/reviews", headers=_auth(token), json={
        "doc_id": item["doc_id"], "kind": "commitment", "item_id": item["id"],
        "verdict": "rejected", "note": "a deployment, not a defence promise"})
    assert response.status_code == 200, response.text
    review = response.json()
    assert (review["reviewer"], review["verdict"]) == ("Lan", "rejected")
    assert review["machine"]["guarantors"] == ["country:RUS"]

    board = client.get("/api/commitments/board").json()
    assert not [c for c in board["cells"] if (c["guarantor"], c["beneficiary"]) ==
                ("country:RUS", "country:BLR")]
    assert client.get(OBLIGATION).json()["news"] == []
    pair = {"guarantor": "country:RUS", "beneficiary": "country:BLR"}
    assert client.get("/api/commitments", params=pair).json()["total"] == 0
    exported = client.get("/api/export/commitments.csv").text
    assert "Oreshnik" not in exported
    # asked for, they come back marked
    shown = client.get("/api/commitments", params={**pair, "include_rejected": "true"}).json()
    assert shown["items"][0]["review"]["verdict"] == "rejected"
    assert "country:BLR" in str(client.get(OBLIGATION + "&include_rejected=1").json()["news"])
    history = client.get(f"/api/reviews/documents/{item['doc_id']}").json()
    assert history["current"]["commitment"][item["id"]]["verdict"] == "rejected"
    assert [h["reviewer"] for h in history["history"]] == ["Lan"]


def test_confirm_and_correct_are_marked(setup: tuple[TestClient, str]) -> None:
    client, token = setup
    item = _oreshnik(client)
    base = {"doc_id": item["doc_id"], "kind": "commitment", "item_id": item["id"]}
    client.post("/api/reviews", headers=_auth(token), json={**base, "verdict": "confirmed"})
    assert _oreshnik(client)["review"]["verdict"] == "confirmed"
    assert '"verdict": "confirmed"' in client.get(
        "/api/export/commitments.json", params={"guarantor": "country:RUS"}).text.replace(
        '"verdict":"confirmed"', '"verdict": "confirmed"')
    response = client.post("/api/reviews", headers=_auth(ADMIN), json={
        **base, "verdict": "corrected", "correction": {"status": "withdrawn"}})
    assert response.json()["reviewer"] == "admin"
    corrected = _oreshnik(client)
    assert corrected["status"] == "withdrawn"
    assert corrected["review"]["machine"]["status"] == item["status"]
    board = client.get("/api/commitments/board").json()
    cell = next(c for c in board["cells"] if c["guarantor"] == "country:RUS")
    assert cell["status"] == "withdrawn"


def test_a_correction_takes_names_and_refuses_unknown_values(
        setup: tuple[TestClient, str]) -> None:
    # the web form shows parties by name ("Nga", "Belarus"): names in either language, ISO3
    # codes and ids are stored as ids; a name nobody knows, a type or a status the record
    # has no word for is refused, never stored as a fact
    client, token = setup
    item = _oreshnik(client)
    base = {"doc_id": item["doc_id"], "kind": "commitment", "item_id": item["id"],
            "verdict": "corrected"}
    response = client.post("/api/reviews", headers=_auth(token), json={**base, "correction": {
        "guarantors": ["Nga"], "beneficiaries": ["Belarus", "UKR", "country:POL"],
        "type": "military_aid"}})
    assert response.status_code == 200, response.text
    assert response.json()["correction"]["guarantors"] == ["country:RUS"]
    assert response.json()["correction"]["beneficiaries"] == ["country:BLR", "country:UKR",
                                                              "country:POL"]
    corrected = _oreshnik(client)
    assert (corrected["type"], corrected["beneficiaries"]) == (
        "military_aid", ["country:BLR", "country:UKR", "country:POL"])
    for correction, said in (({"guarantors": ["Narnia"]}, "Narnia"),
                             ({"beneficiaries": ["country:XYZ"]}, "country:XYZ"),
                             ({"type": "friendship"}, "friendship"),
                             ({"status": "maybe"}, "maybe")):
        refused = client.post("/api/reviews", headers=_auth(token),
                              json={**base, "correction": correction})
        assert refused.status_code == 422, (correction, refused.text)
        assert said in refused.json()["error"]["message"]
    assert _oreshnik(client)["beneficiaries"] == ["country:BLR", "country:UKR", "country:POL"]
    quote = client.get("/api/quotes", params={"speaker": "person:alexander-lukashenko"}).json()
    assert quote["items"]
    q = quote["items"][0]
    said = client.post("/api/reviews", headers=_auth(token), json={
        "doc_id": q["doc_id"], "kind": "quote", "item_id": q["id"], "verdict": "corrected",
        "correction": {"speaker": "Vladimir Putin"}})
    assert said.json()["correction"]["speaker"] == "person:vladimir-putin", said.text


def test_review_by_span_and_errors(setup: tuple[TestClient, str]) -> None:
    client, token = setup
    item = _oreshnik(client)
    span = {"start": item["evidence"]["start"], "end": item["evidence"]["end"]}
    ok = client.post("/api/reviews", headers=_auth(token), json={
        "doc_id": item["doc_id"], "kind": "commitment", "span": span, "item_type": item["type"],
        "verdict": "confirmed"})
    assert ok.status_code == 200 and ok.json()["item_id"] == item["id"]
    cases = [
        ({}, 401, {"doc_id": item["doc_id"], "kind": "commitment", "item_id": item["id"],
                   "verdict": "confirmed"}),
        (_auth(token), 404, {"doc_id": "0000", "kind": "quote", "item_id": "q1",
                             "verdict": "confirmed"}),
        (_auth(token), 404, {"doc_id": item["doc_id"], "kind": "commitment", "item_id": "c99",
                             "verdict": "confirmed"}),
        (_auth(token), 422, {"doc_id": item["doc_id"], "kind": "commitment", "item_id": item["id"],
                             "verdict": "maybe"}),
        (_auth(token), 422, {"doc_id": item["doc_id"], "kind": "commitment", "item_id": item["id"],
                             "verdict": "corrected"}),
        (_auth(token), 422, {"doc_id": item["doc_id"], "kind": "commitment", "verdict": "confirmed"}),
    ]
    for headers, status, body in cases:
        response = client.post("/api/reviews", headers=headers, json=body)
        assert response.status_code == status, (body, response.text)


def test_queue_least_confident_first_and_filtered(setup: tuple[TestClient, str]) -> None:
    client, token = setup
    queue = client.get("/api/reviews/queue", params={"limit": 500}).json()
    confidences = [i["confidence"] for i in queue["items"]]
    assert queue["total"] == len(confidences) > 50 and confidences == sorted(confidences)
    only = client.get("/api/reviews/queue", params={"kind": "commitment",
                                                    "actor": "country:RUS"}).json()
    assert only["total"] >= 1 and {i["kind"] for i in only["items"]} == {"commitment"}
    assert "country:RUS" in only["actors"]
    first = queue["items"][0]
    client.post("/api/reviews", headers=_auth(token), json={
        "doc_id": first["doc_id"], "kind": first["kind"], "item_id": first["id"],
        "verdict": "rejected"})
    after = client.get("/api/reviews/queue", params={"limit": 500}).json()
    assert after["total"] == queue["total"] - 1 and after["counts"]["rejected"] == 1
    reviewed = client.get("/api/reviews/queue", params={"state": "reviewed"}).json()
    assert [i["review"]["verdict"] for i in reviewed["items"]] == ["rejected"]
    assert client.get("/api/reviews/queue", params={"since": "2025-13"}).status_code == 422


def test_read_only_server_refuses_reviews(tmp_path_factory: pytest.TempPathFactory,
                                          tmp_path: Path) -> None:
    db = copy_db(examples_db(tmp_path_factory), tmp_path)
    with open_store(str(db)) as store:
        token = store.add_user("Lan")
    with TestClient(create_app(str(db), reviews=False)) as client:
        assert client.get("/api/me", headers=_auth(token)).status_code == 403


def test_document_paths_are_file_names_only(setup: tuple[TestClient, str]) -> None:
    client, _ = setup
    rows = client.get("/api/documents", params={"limit": 500}).json()["items"]
    assert rows and all("/" not in (r["source_path"] or "") for r in rows)
    one = client.get(f"/api/documents/{rows[0]['id']}").json()
    assert "/" not in one["metadata"]["source_path"]
    assert all("/" not in s["path"] for s in one["metadata"]["sources"])
    assert "/" not in (one["record"]["document"]["source_path"] or "")
    assert "/" not in client.get("/api/export/documents.csv").text.split("\n", 2)[1].split(
        "examples")[0][-1:]


def test_review_page_and_sign_in_are_served(setup: tuple[TestClient, str]) -> None:
    client, _ = setup
    for lang, heading in (("vi", "Duyệt"), ("en", "Review")):
        page = client.get("/reviews", params={"lang": lang})
        assert page.status_code == 200 and heading in page.text
        assert 'id="queue"' in page.text and "/static/reviews.js" in page.text
    document = client.get("/documents/x")
    assert 'id="signin"' in document.text and "/static/review.js" in document.text
    assert client.get("/static/review.js").status_code == 200
    docs = client.get("/docs")
    assert "/static-docs/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text
    assert client.get("/static-docs/swagger-ui-bundle.js").status_code == 200


def test_rejected_items_leave_search_actor_counts_and_the_map(
        setup: tuple[TestClient, str]) -> None:
    client, token = setup
    quotes = client.get("/api/quotes", params={"speaker": "person:alexander-lukashenko"}).json()
    quote = quotes["items"][0]
    actor = client.get("/api/actors/person:alexander-lukashenko").json()
    searched = client.get("/api/search", params={"q": "Lukashenko", "limit": 50}).json()
    assert (actor["actor"]["quotes"], actor["quotes"]["total"]) == (quotes["total"],) * 2
    assert (quote["doc_id"], quote["id"]) in {(q["doc_id"], q["id"]) for q in searched["quotes"]}
    belarus = client.get("/api/map").json()["countries"]
    received = next(c for c in belarus if c["iso3"] == "BLR")["commitments_received"]
    oreshnik = _oreshnik(client)
    for item, kind in ((quote, "quote"), (oreshnik, "commitment")):
        response = client.post("/api/reviews", headers=_auth(token), json={
            "doc_id": item["doc_id"], "kind": kind, "item_id": item["id"],
            "verdict": "rejected"})
        assert response.status_code == 200, response.text

    # the actor's counts agree with its lists
    actor = client.get("/api/actors/person:alexander-lukashenko").json()
    assert actor["actor"]["quotes"] == actor["quotes"]["total"] == quotes["total"] - 1
    assert len(actor["quotes"]["items"]) == quotes["total"] - 1
    russia = client.get("/api/actors/country:RUS").json()
    assert russia["actor"]["commitments_as_guarantor"] == russia["commitments_given"]["total"]
    assert all(c["id"] != oreshnik["id"] or c["doc_id"] != oreshnik["doc_id"]
               for c in russia["commitments_given"]["items"])
    # search leaves the quote out, its total too; asked for, it is back and marked
    searched = client.get("/api/search", params={"q": "Lukashenko", "limit": 50}).json()
    keys = {(q["doc_id"], q["id"]) for q in searched["quotes"]}
    assert (quote["doc_id"], quote["id"]) not in keys
    assert searched["quotes_total"] == len(keys)
    shown = client.get("/api/search", params={"q": "Lukashenko", "limit": 50,
                                              "include_rejected": "true"}).json()
    marked = {(q["doc_id"], q["id"]): q["review"] for q in shown["quotes"]}
    assert marked[(quote["doc_id"], quote["id"])]["verdict"] == "rejected"
    # the map counts what the board shows
    belarus = client.get("/api/map").json()["countries"]
    assert next(c for c in belarus if c["iso3"] == "BLR")["commitments_received"] == received - 1
