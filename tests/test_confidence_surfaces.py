"""Reported items carry their confidence and evidence, stay apart from treaty facts, and
those below ``min_confidence`` are hidden (and counted) in the CLI, the API and the web page.

One store, built through the store's normal write path from Documents made by hand: three
commitments for Ukraine (confidence 0.9, 0.6 and 0.3), two events and two quotes (one sure,
one not).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from pactwatch.api.app import create_app
from pactwatch.cli.main import cli
from pactwatch.config import DEFAULT_MIN_CONFIDENCE
from pactwatch.document import Actor, Commitment, Document, Event, Mention, Quote, Span
from pactwatch.errors import StoreError
from pactwatch.store import open_store

SURE, LIKELY, UNSURE = 0.9, 0.6, 0.3
SENTENCES = (
    # (sentence, commitment type, status, guarantor, confidence)
    ("Mỹ đã phê chuẩn gói viện trợ quân sự cho Ukraine.", "military_aid", "agreed",
     "country:USA", SURE),
    ("Anh sẵn sàng bảo đảm an ninh cho Ukraine.", "security_guarantee", "proposed",
     "country:GBR", LIKELY),
    ("Pháp có thể cân nhắc triển khai quân tới Ukraine.", "troop_deployment", "proposed",
     "country:FRA", UNSURE),
)
COUNTRIES = {"country:USA": ("United States", "Mỹ"), "country:GBR": ("United Kingdom", "Anh"),
             "country:FRA": ("France", "Pháp"), "country:UKR": ("Ukraine", "Ukraine")}


def _document(number: int, sentence: str, ctype: str, status: str, guarantor: str,
              confidence: float) -> Document:
    day = f"2025-12-0{number + 1}"
    doc = Document(text=sentence, published=day, outlet="VTC News", title=sentence)
    for actor_id in (guarantor, "country:UKR"):
        name, name_vi = COUNTRIES[actor_id]
        at = sentence.find(name_vi)
        doc.actors.append(Actor(actor_id, name, name_vi, "country", iso3=actor_id[-3:],
                                mentions=[Mention(at, at + len(name_vi), name_vi)]))
    doc.commitments = [Commitment("c1", ctype, [guarantor], ["country:UKR"], status, date=day,
                                  evidence=Span(0, len(sentence)), confidence=confidence)]
    doc.events = [Event("e1", "AID", None, [guarantor], ["country:UKR"], day, None, "occurred",
                        Span(0, len(sentence)), confidence=confidence)]
    doc.quotes = [Quote("q1", guarantor, False, 0, len(sentence), sentence,
                        confidence=confidence)]
    return doc


def build(target: str) -> str:
    with open_store(target) as store:
        for number, spec in enumerate(SENTENCES):
            store.save_document(_document(number, *spec))
    return target


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("confidence") / "news.db"
    build(str(path))
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(db))) as c:
        yield c


def get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def confidences(items: list[dict[str, Any]]) -> list[float]:
    return sorted(i["confidence"] for i in items)


# -- the store filters in SQL, on both back ends --------------------------------------------
def test_store_filters_on_confidence(db_target: str) -> None:
    with open_store(build(db_target)) as store:
        assert confidences(store.find_commitments(min_confidence=0.5)[0]) == [LIKELY, SURE]
        assert store.find_commitments(min_confidence=0.5)[1] == 2
        assert store.count_commitments(min_confidence=0.5) == 2
        assert store.count_commitments() == 3
        assert len(store.list_commitments(min_confidence=0.95)) == 0
        assert confidences(store.find_events(min_confidence=0.5)[0]) == [LIKELY, SURE]
        assert store.count_events(min_confidence=0.5) == 2
        assert confidences(store.list_quotes(min_confidence=0.5)) == [LIKELY, SURE]
        assert store.count_quotes(min_confidence=0.5) == 2 and store.count_quotes() == 3
        # an exact threshold keeps the item
        assert store.count_commitments(min_confidence=LIKELY) == 2
        shown = list(store.commitment_records(min_confidence=0.5))
        hidden = list(store.commitment_records(below_confidence=0.5))
        assert len(shown) == 2 and len(hidden) == 1
        assert [c["confidence"] for r in hidden for c in r["commitments"]] == [UNSURE]
        assert all(c["confidence"] >= 0.5 for r in shown for c in r["commitments"])
        assert len(list(store.commitment_records())) == 3
        for bad in (-0.1, 1.5, float("nan")):
            with pytest.raises(StoreError):
                store.find_commitments(min_confidence=bad)


def test_quote_confidence_round_trips(db: Path) -> None:
    with open_store(str(db)) as store:
        record = next(r for r in store.iter_records() if r["quotes"][0]["confidence"] == SURE)
        assert Document.from_dict(record).quotes[0].confidence == SURE
        assert "m006_quote_confidence" in store.applied_migrations()


# -- the command line --------------------------------------------------------------------------
def run(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    return result


def test_cli_obligations_keeps_treaty_and_news_apart_and_hides_the_unsure(db: Path) -> None:
    result = run("obligations", "--attacked", "UKR", "--on", "2025-12-14", "--db", str(db))
    assert result.exit_code == 0, result.output
    out = result.output
    treaty, reported = out.index("Treaty obligations (knowledge base)"), out.index(
        "Reported commitments (news, with confidence")
    assert treaty < reported
    news = out[reported:]
    assert "military_aid country:USA -> country:UKR: agreed (2025-12-01), confidence 0.90" in news
    assert "confidence 0.60" in news and "confidence 0.30" not in news
    assert f"doc {_doc_id(0)} 0-" in news  # evidence names its document and span
    assert ("1 reported commitment for UKR below confidence 0.5 hidden;"
            " --min-confidence 0 shows them") in news
    everything = run("obligations", "--attacked", "UKR", "--on", "2025-12-14", "--db", str(db),
                     "--min-confidence", "0").output
    assert "confidence 0.30" in everything and "hidden" not in everything


def test_cli_obligations_json(db: Path) -> None:
    result = run("obligations", "--attacked", "UKR", "--on", "2025-12-14", "--db", str(db),
                 "--json", "--min-confidence", "0.7")
    answer = json.loads(result.output)
    assert [n["confidence"] for n in answer["news"]] == [SURE]
    assert answer["news"][0]["provenance"] == "reported"
    assert answer["news"][0]["evidence"][0]["doc_id"] == _doc_id(0)
    assert answer["reported_filter"] == {"min_confidence": 0.7, "hidden": 2}
    assert all(o["provenance"] == "treaty" for o in answer["assurances"] + answer["obligations"])


def test_cli_changes_hides_and_counts(db: Path) -> None:
    out = run("changes", "--since", "2025-11-01", "--db", str(db)).output
    assert "New commitments: 2" in out
    assert "1 reported commitment dated since then below confidence 0.5 hidden" in out
    assert out.index("Reported commitments") < out.index("Treaty facts (knowledge base)")
    assert "New commitments: 3" in run("changes", "--since", "2025-11-01", "--db", str(db),
                                       "--min-confidence", "0").output
    report = json.loads(run("changes", "--since", "2025-11-01", "--db", str(db),
                            "--json").output)
    assert confidences(report["new_commitments"]) == [LIKELY, SURE]
    assert all(m["provenance"] == "treaty" for m in report["membership_changes"])


@pytest.mark.parametrize("value", ["1.5", "-1", "sure"])
def test_cli_refuses_a_threshold_outside_0_1(db: Path, value: str) -> None:
    result = run("obligations", "--attacked", "UKR", "--on", "2025-12-14", "--db", str(db),
                 "--min-confidence", value)
    assert result.exit_code != 0 and "--min-confidence" in result.output


def _doc_id(number: int) -> str:
    return _document(number, *SENTENCES[number]).id


# -- the API -------------------------------------------------------------------------------------
@pytest.mark.parametrize("path,what", [("/api/commitments", "commitment"),
                                        ("/api/events", "event"), ("/api/quotes", "quote")])
def test_lists_hide_below_the_default_and_say_so(client: TestClient, path: str,
                                                 what: str) -> None:
    found = get(client, path)
    assert found["total"] == 2 and confidences(found["items"]) == [LIKELY, SURE]
    assert all(i["provenance"] == "reported" and i["doc_id"] for i in found["items"])
    assert found["reported_filter"] == {
        "min_confidence": DEFAULT_MIN_CONFIDENCE, "hidden": 1,
        "note": f"1 reported {what} below confidence 0.5 hidden; min_confidence=0 shows them"}
    every = get(client, path, min_confidence=0)
    assert every["total"] == 3 and every["reported_filter"]["hidden"] == 0
    assert get(client, path, min_confidence=0.95)["total"] == 0


@pytest.mark.parametrize("path", ["/api/commitments", "/api/events", "/api/quotes",
                                  "/api/commitments/board", "/api/changes?since=2025-01-01",
                                  "/api/obligations?attacked=UKR&on=2025-12-14",
                                  "/api/export/commitments.csv"])
@pytest.mark.parametrize("value", ["1.01", "-0.1", "nan", "sure"])
def test_a_threshold_outside_0_1_is_422(client: TestClient, path: str, value: str) -> None:
    response = client.get(path, params={"min_confidence": value})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "E501"


def test_commitment_evidence_in_the_list(client: TestClient) -> None:
    [sure] = get(client, "/api/commitments", min_confidence=0.8)["items"]
    assert sure["evidence_text"] == SENTENCES[0][0] and sure["doc_id"] == _doc_id(0)
    assert sure["evidence"] == {"start": 0, "end": len(SENTENCES[0][0])}


def test_board_is_reported_with_confidence(client: TestClient) -> None:
    board = get(client, "/api/commitments/board")
    assert {c["guarantor"] for c in board["cells"]} == {"country:USA", "country:GBR"}
    assert all(c["provenance"] == "reported" for c in board["cells"] + board["threads"])
    by_guarantor = {c["guarantor"]: c["confidence"] for c in board["cells"]}
    assert by_guarantor == {"country:USA": SURE, "country:GBR": LIKELY}
    assert board["reported_filter"]["hidden"] == 1
    steps = [s for t in board["threads"] for s in t["steps"]]
    assert all(s["doc_id"] and s["evidence_text"] and "confidence" in s for s in steps)
    every = get(client, "/api/commitments/board", min_confidence=0)
    assert "country:FRA" in every["guarantors"] and every["reported_filter"]["hidden"] == 0
    # the hidden count follows the board's own filters
    assert get(client, "/api/commitments/board", actor="country:USA")["reported_filter"][
        "hidden"] == 0


def test_obligations_and_changes_key_their_cache_on_the_threshold(client: TestClient) -> None:
    # asked twice in a row, each answer must be its own (a cache keyed without the
    # threshold would hand back the first)
    default = get(client, "/api/obligations", attacked="UKR", on="2025-12-14")
    every = get(client, "/api/obligations", attacked="UKR", on="2025-12-14", min_confidence=0)
    again = get(client, "/api/obligations", attacked="UKR", on="2025-12-14")
    assert confidences(default["news"]) == [LIKELY, SURE] == confidences(again["news"])
    assert confidences(every["news"]) == [UNSURE, LIKELY, SURE]
    assert default["reported_filter"]["hidden"] == 1 and every["reported_filter"]["hidden"] == 0
    assert all(line["provenance"] == "reported" for line in every["news"])
    assert all(line["provenance"] == "treaty" for line in every["assurances"])
    changes = get(client, "/api/changes", since="2025-11-01")
    changes_every = get(client, "/api/changes", since="2025-11-01", min_confidence=0)
    assert len(changes["new_commitments"]) == 2 and len(changes_every["new_commitments"]) == 3
    assert changes["reported_filter"]["hidden"] == 1


def test_exports_filter_and_label(client: TestClient) -> None:
    rows = client.get("/api/export/commitments.json").json()
    assert confidences(rows) == [LIKELY, SURE]
    assert all(r["provenance"] == "reported" for r in rows)
    assert len(client.get("/api/export/quotes.json", params={"min_confidence": 0}).json()) == 3
    plover = client.get("/api/export/events.plover.json", params={"min_confidence": 0.8}).json()
    assert [e["confidence"] for e in plover] == [SURE] and plover[0]["provenance"] == "reported"


# -- the web page ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang,words", [("en", "Minimum confidence"),
                                        ("vi", "Độ tin cậy tối thiểu")])
def test_commitments_page_has_the_threshold_and_the_labels(client: TestClient, lang: str,
                                                           words: str) -> None:
    page = client.get("/commitments", params={"lang": lang})
    assert page.status_code == 200
    assert 'name="min_confidence"' in page.text and words in page.text
    assert f'placeholder="{DEFAULT_MIN_CONFIDENCE}"' in page.text
    assert 'id="board-hidden"' in page.text and 'id="board-provenance"' in page.text
    script = client.get("/static/commitments.js").text
    # the script draws the two sections apart, each reported item's confidence, the note
    for needed in ("treaty_section", "reported_section", "confidenceTag", "reported_filter",
                   "hidden_reported", '"min_confidence"'):
        assert needed in script, needed


def test_page_strings_exist_in_both_languages() -> None:
    from pactwatch.web.i18n import STRINGS

    for key in ("treaty_section", "reported_section", "confidence", "min_confidence",
                "hidden_reported", "reported_board_hint", "provenance_reported"):
        assert STRINGS["vi"][key] and STRINGS["en"][key]
    assert "{n}" in STRINGS["vi"]["hidden_reported"] and "{t}" in STRINGS["en"]["hidden_reported"]
