"""The same articles in SQLite and in PostgreSQL answer every read query the same.

This catches SQL that only one database reads the intended way (NULLs sort first in
PostgreSQL's DESC, last in SQLite's; collations; integer vs numeric results), including in
query modules added later (explore, stories): add their calls to CALLS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pactwatch.document import Document
from pactwatch.ingest.readers import read_path
from pactwatch.pipeline import build_pipeline
from pactwatch.store import Store, open_store
from test_store import aid_article, defence_article, plain_article

pytestmark = pytest.mark.postgres

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "store"
# when things were stored: differs between two stores of the same articles
VOLATILE = {"ingested_at", "updated_at", "recorded_at", "first_seen", "started", "finished",
            "seconds"}


def _articles() -> list[Document]:
    pipeline = build_pipeline()
    docs = [pipeline(doc) for path in sorted(FIXTURES.glob("*.txt")) for doc in read_path(path)]
    docs += [defence_article(), aid_article()]
    dated = [("2024-05-20", "Báo Mẫu"), ("2024-05", "Tin Thử"), ("2024", None),
             (None, "Báo Mẫu"), (None, None), ("2024-06-01", "Tin Thử")]
    for i, (published, outlet) in enumerate(dated):
        body = (f"Bài {i}: Bộ trưởng Quốc phòng Nhật Bản gặp người đồng cấp Việt Nam tại Hà Nội"
                f" để bàn về hòa bình và hợp tác an ninh biển. Hai bên cam kết hỗ trợ lẫn nhau.")
        docs.append(pipeline(plain_article(body, path=f"plain{i}.txt", published=published,
                                           outlet=outlet)))
    return docs


def _stable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list | tuple):
        return [_stable(v) for v in value]
    if isinstance(value, set):
        return sorted(value)
    return value


def _search_ids(result: dict[str, Any]) -> tuple[list[str], list[tuple[str, str]]]:
    # ranking differs by design (bm25 vs ts_rank): compare what is found, not its order
    return (sorted(d["id"] for d in result["documents"]),
            sorted((q["doc_id"], q["id"]) for q in result["quotes"]))


CALLS: list[tuple[str, Callable[[Any], Any]]] = [
    ("list_documents", lambda s: s.list_documents()),
    ("list_documents date_to", lambda s: s.list_documents(date_to="2024-05")),
    ("list_documents date_from", lambda s: s.list_documents(date_from="2024-05-20")),
    ("list_documents q", lambda s: s.list_documents(q="hoa binh")),
    ("count_documents outlet", lambda s: s.count_documents(outlet="Báo Mẫu")),
    ("search hoa binh", lambda s: _search_ids(s.search("hoa binh"))),
    ("search nhat ban", lambda s: _search_ids(s.search("NHẬT BẢN"))),
    ("list_outlets", lambda s: s.list_outlets()),
    ("counts", lambda s: s.counts()),
    ("list_actors", lambda s: s.list_actors()),
    ("list_actors q", lambda s: s.list_actors(q="viet")),
    ("get_actor", lambda s: s.get_actor("country:JPN")),
    ("co_occurring_actors", lambda s: s.co_occurring_actors("country:JPN")),
    ("list_events", lambda s: s.list_events()),
    ("list_quotes", lambda s: s.list_quotes()),
    ("list_commitments", lambda s: s.list_commitments()),
    ("list_commitments date_to", lambda s: s.list_commitments(date_to="2024-05")),
    ("timeline month", lambda s: s.timeline("month")),
    ("timeline day", lambda s: s.timeline("day")),
    ("iter_records", lambda s: list(s.iter_records())),
    ("list_runs", lambda s: s.list_runs()),
    # the web API's queries (store/explore.py)
    ("facets", lambda s: s.facets()),
    ("find_documents", lambda s: s.find_documents()),
    ("find_documents date_to", lambda s: s.find_documents(date_to="2024-05")),
    ("find_events", lambda s: s.find_events()),
    ("find_commitments", lambda s: s.find_commitments()),
    ("timeline_buckets week", lambda s: s.timeline_buckets("week")),
    ("ego_graph", lambda s: s.ego_graph("country:JPN", recent_documents=3)),
    ("actor_graph", lambda s: s.actor_graph()),
    # stories (store/stories.py)
    ("list_stories", lambda s: s.list_stories()),
    ("story_memberships", lambda s: s.story_memberships()),
    ("get_story", lambda s: [s.get_story(r["id"]) for r in s.list_stories()]),
]


@pytest.fixture(scope="module")
def articles() -> list[Document]:
    return _articles()


@pytest.fixture
def targets(articles: list[Document], tmp_path: Path, pg_url: str) -> tuple[str, str]:
    """A SQLite file and a PostgreSQL schema holding the same articles, runs and stories."""
    from pactwatch.stories.build import update_stories

    paths = (str(tmp_path / "parity.db"), pg_url)
    for target in paths:
        with open_store(target) as store:
            run = store.start_run({"paths": ["parity"]})
            for doc in articles:
                store.save_document(doc, run_id=run, path=doc.source_path)
            store.finish_run(run, {"files": len(articles), "stored": len(articles)})
            update_stories(store)
    return paths


@pytest.fixture
def both(targets: tuple[str, str]) -> Iterator[tuple[Store, Store]]:
    stores = (open_store(targets[0]), open_store(targets[1]))
    try:
        yield stores
    finally:
        for store in stores:
            store.close()


def test_both_back_ends_answer_every_query_alike(both: tuple[Store, Store]) -> None:
    sqlite, postgres = both
    differ = []
    for name, call in CALLS:
        expected, got = _stable(call(sqlite)), _stable(call(postgres))
        if expected != got:
            differ.append(f"{name}:\n  sqlite     {expected!r:.600}\n  postgresql {got!r:.600}")
    assert not differ, "\n".join(differ)
    assert postgres.verify() == [] and sqlite.verify() == []


API_PATHS = ["/api/meta", "/api/documents", "/api/documents?date_to=2024-05", "/api/events",
             "/api/quotes", "/api/commitments", "/api/actors", "/api/actors/country:JPN",
             "/api/timeline", "/api/commitments/board", "/api/export/actors.graphml"]


def test_serve_answers_alike_over_postgresql(targets: tuple[str, str]) -> None:
    """``pactwatch serve --db postgresql://…``: the web API over both back ends."""
    from fastapi.testclient import TestClient

    from pactwatch.api.app import create_app

    answers = []
    for target in targets:
        with TestClient(create_app(target)) as client:
            got: dict[str, Any] = {}
            for path in API_PATHS:
                response = client.get(path)
                assert response.status_code == 200, (target, path, response.text[:300])
                is_json = response.headers["content-type"].startswith("application/json")
                got[path] = _stable(response.json()) if is_json else response.text
            found = client.get("/api/search", params={"q": "hoa binh"})
            assert found.status_code == 200
            got["search"] = _search_ids(found.json())
            answers.append(got)
    sqlite, postgres = answers
    for body in (sqlite, postgres):
        body["/api/meta"].pop("settings", None)  # names the database
    differ = [path for path in sqlite if sqlite[path] != postgres[path]]
    assert not differ, {p: (repr(sqlite[p])[:400], repr(postgres[p])[:400]) for p in differ}
