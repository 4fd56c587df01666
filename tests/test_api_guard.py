"""No request stalls the API: bounded queries, statements under a time limit, cancelled
when the client goes, integers checked to the store's range, no exception names leaked."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient

from api_support import examples_db
from pactwatch.api.app import create_app
from pactwatch.store.limits import MAX_INTEGER, MAX_QUERY_CHARS, MAX_QUERY_TERMS

ENDLESS = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
           " SELECT COUNT(*) FROM c")
WORDS_400 = " ".join(["hòa", "bình", "an", "ninh"] * 100)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return examples_db(tmp_path_factory)


@pytest.fixture
def app(db: Path) -> Any:
    return create_app(str(db), statement_seconds=5)


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def error_of(response: Any, status: int) -> dict[str, str]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    error: dict[str, str] = body["error"]
    return error


# -- reads never wait behind reads ------------------------------------------------------------
def test_documents_answer_while_a_400_word_search_is_in_flight(app: Any, client: TestClient
                                                               ) -> None:
    store = app.state.store
    release = threading.Event()
    in_flight = threading.Event()
    find = store.find_documents

    def slow_search(**kwargs: Any) -> Any:
        if kwargs.get("q"):
            # a statement (on the connection this request uses) that runs until released
            store._conn.create_function("held", 0, lambda: int(release.wait(10)))
            in_flight.set()
            store.execute("SELECT held()").fetchall()
        return find(**kwargs)

    store.find_documents = slow_search
    answers: dict[str, Any] = {}
    words = " ".join(WORDS_400.split()[:MAX_QUERY_TERMS])
    searcher = threading.Thread(target=lambda: answers.setdefault(
        "search", client.get("/api/documents", params={"q": words})))
    searcher.start()
    try:
        assert in_flight.wait(10)
        quick = client.get("/api/documents", params={"limit": 1})
        assert quick.status_code == 200 and quick.json()["items"]
        assert searcher.is_alive(), "the search was not in flight any more"
        # the 400-word query itself is refused at once, before any statement
        refused = client.get("/api/documents", params={"q": WORDS_400})
        assert "at most" in error_of(refused, 422)["message"]
    finally:
        release.set()
        searcher.join(30)
        store.find_documents = find
    assert answers["search"].status_code == 200


@pytest.mark.parametrize("url", ["/api/documents", "/api/quotes", "/api/actors", "/api/search",
                                 "/api/export/documents.csv"])
def test_every_search_is_bounded(client: TestClient, url: str) -> None:
    too_many = " ".join(f"w{i}" for i in range(MAX_QUERY_TERMS + 1))
    error = error_of(client.get(url, params={"q": too_many}), 422)
    assert error["code"] == "E501" and f"at most {MAX_QUERY_TERMS}" in error["message"]
    too_long = "a" * (MAX_QUERY_CHARS + 1)
    assert error_of(client.get(url, params={"q": too_long}), 422)["code"] == "E501"
    fine = " ".join(f"w{i}" for i in range(MAX_QUERY_TERMS))
    assert client.get(url, params={"q": fine}).status_code == 200


def test_a_statement_over_the_time_limit_answers_422(db: Path) -> None:
    app = create_app(str(db), statement_seconds=0.2)
    store = app.state.store
    store.find_documents = lambda **kwargs: store.execute(ENDLESS).fetchall()
    with TestClient(app, raise_server_exceptions=False) as c:
        error = error_of(c.get("/api/documents"), 422)
    assert error["code"] == "E501" and "E207" in error["message"]
    assert "longer than the limit" in error["message"]


def test_a_client_that_goes_away_stops_its_query(app: Any) -> None:
    """Driven as ASGI: the client disconnects while the route's statement runs."""
    store = app.state.store
    running = threading.Event()
    stopped: list[BaseException] = []

    def endless(**kwargs: Any) -> Any:
        running.set()
        try:
            return store.execute(ENDLESS).fetchall()
        except BaseException as exc:
            stopped.append(exc)
            raise

    store.find_documents = endless
    sent: list[dict[str, Any]] = []

    async def scenario() -> None:
        messages = iter([{"type": "http.request", "body": b"", "more_body": False}])

        async def receive() -> dict[str, Any]:
            try:
                return next(messages)
            except StopIteration:
                while not running.is_set():
                    await anyio.sleep(0.01)
                return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                 "method": "GET", "path": "/api/documents", "raw_path": b"/api/documents",
                 "root_path": "", "scheme": "http", "query_string": b"q=hoa",
                 "headers": [(b"host", b"test")], "client": ("127.0.0.1", 1),
                 "server": ("test", 80)}
        with anyio.fail_after(20):
            await app(scope, receive, send)

    anyio.run(scenario)
    assert stopped and "E208" in str(stopped[0])
    assert sent[0]["status"] == 499


# -- integers within the store's range; no exception names --------------------------------------
@pytest.mark.parametrize("url,param", [
    ("/api/documents", "offset"), ("/api/actors", "offset"), ("/api/events", "offset"),
    ("/api/quotes", "offset"), ("/api/commitments", "offset"),
    ("/api/export/actors.graphml", "min_weight"),
])
@pytest.mark.parametrize("value", [str(MAX_INTEGER + 1), str(2**64), "1e400", "-1"])
def test_huge_integers_are_422_not_500(client: TestClient, url: str, param: str, value: str
                                       ) -> None:
    error = error_of(client.get(url, params={param: value}), 422)
    assert error["code"] == "E501" and param in error["message"]


@pytest.mark.parametrize("url,param", [("/api/documents", "offset"),
                                       ("/api/export/actors.graphml", "min_weight")])
def test_the_largest_store_integer_is_accepted(client: TestClient, url: str, param: str) -> None:
    assert client.get(url, params={param: str(MAX_INTEGER)}).status_code == 200


def test_a_bug_answers_500_without_naming_the_exception(app: Any, client: TestClient) -> None:
    def broken(**kwargs: Any) -> Any:
        raise ZeroDivisionError("secret detail")

    app.state.store.find_documents = broken
    error = error_of(client.get("/api/documents", params={"outlet": "x"}), 500)
    assert error["code"] == "E599"
    assert "ZeroDivisionError" not in error["message"] and "secret" not in error["message"]
