"""Store limits: a connection per thread, a time limit per statement, cancellation.

Run against SQLite and PostgreSQL alike (``db_target``)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import suppress

import pytest

from pactwatch.errors import StoreError
from pactwatch.store import Store, open_store
from pactwatch.store.limits import QueryLimit, limited

# a statement that never ends by itself (each back end's own way of counting forever)
ENDLESS = {
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
              " SELECT COUNT(*) FROM c",
    "postgresql": "SELECT pg_sleep(600)",
}


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    with open_store(db_target) as opened:
        yield opened


def endless(store: Store) -> str:
    return ENDLESS["postgresql" if store.url.startswith("postgres") else "sqlite"]


def test_a_statement_over_its_time_limit_stops_with_e207(store: Store) -> None:
    with limited(seconds=0.2), pytest.raises(StoreError) as caught:
        store.execute(endless(store))  # type: ignore[attr-defined]
    assert caught.value.code == "E207"
    assert "longer than the limit of 0.2 s" in caught.value.message
    # the connection is usable afterwards, with and without a limit
    assert store.count_documents() == 0
    with limited(seconds=5):
        assert store.count_documents() == 0


def test_cancel_stops_the_running_statement_from_another_thread(store: Store) -> None:
    limit = QueryLimit(seconds=None)
    failure: list[BaseException] = []

    def run() -> None:
        with limited(limit=limit):
            try:
                store.execute(endless(store))  # type: ignore[attr-defined]
            except BaseException as exc:
                failure.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(0.3)  # let the statement start
    limit.cancel()
    worker.join(10)
    assert not worker.is_alive(), "cancel did not stop the statement"
    assert isinstance(failure[0], StoreError) and failure[0].code == "E208"


def test_a_read_does_not_wait_behind_another_read(store: Store) -> None:
    """One thread's endless read in flight; another thread's read still answers."""
    limit = QueryLimit(seconds=None)
    started = threading.Event()

    def slow() -> None:
        with limited(limit=limit):
            started.set()
            with suppress(StoreError):
                store.execute(endless(store))  # type: ignore[attr-defined]

    worker = threading.Thread(target=slow)
    worker.start()
    started.wait()
    time.sleep(0.2)
    answers: list[int] = []
    reader = threading.Thread(target=lambda: answers.append(store.count_documents()))
    reader.start()
    reader.join(10)
    try:
        assert answers == [0], "the second read waited behind the first"
        assert worker.is_alive(), "the first read was not in flight any more"
    finally:
        limit.cancel()
        worker.join(10)


def test_threads_have_their_own_connections_and_close_closes_them(tmp_path: object) -> None:
    path = f"{tmp_path}/x.db"
    store = open_store(path)
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(store._conn))  # type: ignore[attr-defined]
               for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(c) for c in seen}) == 3
    store.close()
    with pytest.raises(Exception, match="closed"):
        seen[0].execute("SELECT 1")  # type: ignore[attr-defined]


def test_an_in_memory_database_is_shared_by_threads() -> None:
    with open_store(":memory:") as store:
        counted: list[int] = []
        worker = threading.Thread(target=lambda: counted.append(store.count_documents()))
        worker.start()
        worker.join()
        assert counted == [0]  # the other thread sees the same (migrated) database
