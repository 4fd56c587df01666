"""Reviews in the store, on SQLite and PostgreSQL alike: users and hashed tokens, verdicts
kept beside the pipeline's items, rejected items out of every answer unless asked, reviews
that survive re-analysis, and the queue least confident first."""

from __future__ import annotations

import dataclasses

import pytest

from pactwatch.document import Document
from pactwatch.errors import StoreError
from pactwatch.store import Store, open_store
from pactwatch.store.reviews import hash_token, showing_rejected
from test_store import aid_article, defence_article


@pytest.fixture
def store(db_target: str) -> Store:
    opened = open_store(db_target)
    opened.save_document(defence_article())
    opened.save_document(aid_article())
    return opened


def _commitment(store: Store, doc: Document) -> dict:
    rows, _ = store.find_commitments(doc_id=doc.id)
    return rows[0]


def test_users_have_their_own_tokens_and_only_a_hash_is_kept(store: Store) -> None:
    token = store.add_user("Nguyễn Lan")
    assert store.user_for_token(token) == "Nguyễn Lan"
    assert store.user_for_token(token + "x") is None
    users = store.list_users()
    assert users == [{"name": "Nguyễn Lan", "created_at": users[0]["created_at"], "reviews": 0}]
    assert store._scalar("SELECT token_hash FROM users") == hash_token(token)  # type: ignore[attr-defined]
    again = store.add_user("Nguyễn Lan")  # a new token; the old one stops working
    assert store.user_for_token(token) is None and store.user_for_token(again) == "Nguyễn Lan"
    assert store.remove_user("Nguyễn Lan") and store.user_for_token(again) is None
    with pytest.raises(StoreError):
        store.add_user("  ")


def test_rejected_commitment_leaves_every_answer_unless_asked(store: Store) -> None:
    doc = aid_article()
    assert _commitment(store, doc)["review"] is None
    review = store.add_review(doc.id, "commitment", "c1", "rejected", "lan", note="no promise")
    assert review["machine"]["type"] == "air_defense" and review["reviewer"] == "lan"
    assert store.find_commitments(doc_id=doc.id) == ([], 0)
    assert store.count_commitments(doc_id=doc.id) == 0
    assert not any(c for r in store.commitment_records() for c in r["commitments"]
                   if r["document"]["id"] == doc.id)
    year = store.timeline_buckets("year")
    assert sum(b["commitments"] for b in year["buckets"]) + year["unplaced"]["commitments"] == 1
    with showing_rejected():
        rows, total = store.find_commitments(doc_id=doc.id)
        assert total == 1 and rows[0]["review"]["verdict"] == "rejected"
    # the pipeline's own item is untouched
    assert store.get_record(doc.id)["commitments"][0]["type"] == "air_defense"  # type: ignore[index]


def test_corrections_show_in_place_and_keep_the_machine_reading(store: Store) -> None:
    doc = aid_article()
    store.add_review(doc.id, "commitment", "c1", "corrected", "lan",
                     correction={"status": "agreed", "guarantors": ["country:USA"]})
    row = _commitment(store, doc)
    assert (row["status"], row["guarantors"]) == ("agreed", ["country:USA"])
    assert row["review"]["machine"]["guarantors"] == ["organization:nato"]
    record = next(r for r in store.commitment_records() if r["document"]["id"] == doc.id)
    assert record["commitments"][0]["guarantors"] == ["country:USA"]
    store.add_review(doc.id, "commitment", "c1", "confirmed", "minh")
    row = _commitment(store, doc)
    assert row["review"]["verdict"] == "confirmed" and row["status"] == "proposed"
    assert [r["verdict"] for r in store.review_history(doc.id)] == ["corrected", "confirmed"]
    with pytest.raises(StoreError):
        store.add_review(doc.id, "commitment", "c1", "corrected", "lan",
                         correction={"speaker": "x"})
    with pytest.raises(StoreError):
        store.add_review(doc.id, "commitment", "c9", "confirmed", "lan")


def test_reviews_survive_reanalysis_that_renumbers_items(store: Store) -> None:
    """Keyed on document id + kind + evidence span + type, not on the ordinal id."""
    doc = aid_article()
    store.add_review(doc.id, "commitment", "c1", "rejected", "lan")
    store.add_review(doc.id, "event", "e1", "confirmed", "lan")
    with store.transaction():  # type: ignore[attr-defined]
        store.execute("DELETE FROM documents WHERE id = ?", (doc.id,))  # type: ignore[attr-defined]
    renumbered = aid_article()
    renumbered.commitments = [dataclasses.replace(renumbered.commitments[0], id="c7")]
    renumbered.events = [dataclasses.replace(renumbered.events[0], id="e4")]
    store.save_document(renumbered)
    assert store.find_commitments(doc_id=doc.id) == ([], 0)
    events, _ = store.find_events(doc_id=doc.id)
    assert events[0]["id"] == "e4" and events[0]["review"]["verdict"] == "confirmed"


def test_queue_least_confident_first_filtered(store: Store) -> None:
    items, total = store.review_queue(limit=50)
    assert total == len(items) == 5  # 1 quote, 2 events, 2 commitments
    confidences = [i["confidence"] for i in items]
    assert confidences == sorted(confidences)
    only, n = store.review_queue(kind="commitment", actor="country:VNM")
    assert n == len(only) >= 1 and {i["kind"] for i in only} == {"commitment"}
    doc = aid_article()
    store.add_review(doc.id, "event", "e1", "confirmed", "lan")
    assert store.review_queue()[1] == total - 1
    reviewed, n = store.review_queue(state="reviewed")
    assert n == 1 and reviewed[0]["review"]["verdict"] == "confirmed"
    assert store.review_queue(date_from="2024-05", date_to="2024-05")[1] >= 1
