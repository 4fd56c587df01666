"""The API answers the same over PostgreSQL as over SQLite (skips without a server)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api_support import EXAMPLES
from pactwatch.api.app import create_app
from pactwatch.ingest.batch import ingest_paths
from pactwatch.store import open_store

pytestmark = pytest.mark.postgres

URLS = [
    "/api/meta", "/api/documents?limit=500", "/api/documents?q=hoa%20binh&since=2023",
    "/api/actors?limit=500", "/api/actors/country:USA", "/api/events?limit=500",
    "/api/events?actor=country:RUS&role=source", "/api/events?since=2024-03&limit=500",
    "/api/quotes?limit=500", "/api/commitments?guarantor=country:GBR&beneficiary=country:UKR",
    "/api/commitments/board", "/api/obligations?attacked=FIN&on=2023-04-05",
    "/api/changes?since=2024-01-01", "/api/search?q=hoa%20binh", "/api/timeline?bucket=week",
    "/api/timeline?bucket=month&since=2024&until=2025&actor=country:USA",
    # sorted over the whole result, in code-point order on both back ends
    "/api/documents?sort=title&limit=500", "/api/documents?sort=date&order=desc&offset=3",
    "/api/actors?sort=name_vi&limit=500", "/api/actors?sort=confidence&linked=false",
    "/api/events?sort=type&order=desc&limit=500", "/api/quotes?sort=speaker&limit=500",
    "/api/commitments?sort=status&limit=500", "/api/actors/unlinked",
    "/api/actors/suggest?q=phan%20lan", "/api/search?q=hoa%20binh&offset=1", "/api/map",
]
# when and in which run an article was stored differs between the two databases
VOLATILE = {"ingested_at", "first_seen", "run_id"}


def stable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [stable(v) for v in value]
    return value


def test_same_answers_as_sqlite(pg_url: str, tmp_path: Any) -> None:
    sqlite_db = str(tmp_path / "examples.db")
    for target in (pg_url, sqlite_db):
        with open_store(target) as store:
            ingest_paths([str(EXAMPLES)], store)
    with TestClient(create_app(pg_url)) as pg, TestClient(create_app(sqlite_db)) as lite:
        for url in URLS:
            a, b = pg.get(url), lite.get(url)
            assert a.status_code == b.status_code == 200, (url, a.text)
            assert stable(a.json()) == stable(b.json()), url
        for name in ("events.json", "commitments.json", "actors.json"):
            a, b = pg.get(f"/api/export/{name}"), lite.get(f"/api/export/{name}")
            assert stable(a.json()) == stable(b.json()), name
