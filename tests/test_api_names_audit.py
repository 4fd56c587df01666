"""Names where the answers used to leave ids for the page to spell out: who relayed a
commitment (``source_chain``) on the board and in the obligation answer, and every country
of the map's outlines, in both languages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api_support import examples_db
from pactwatch.api.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(create_app(str(examples_db(tmp_path_factory)))) as c:
        yield c


def test_the_obligation_answer_names_who_relayed_each_report(client: TestClient) -> None:
    # the US-Japan reports came through NHK and the Yomiuri Shimbun (examples/)
    answer = client.get("/api/obligations", params={"attacked": "JPN", "on": "2025-01-01"}).json()
    chain = {one for line in answer["news"] for ev in line["evidence"]
             for one in ev["source_chain"] if ":" in one}
    assert {"outlet:nhk", "outlet:yomiuri-shimbun"} <= chain
    assert chain <= set(answer["actors"])
    assert answer["actors"]["outlet:yomiuri-shimbun"]["name"] == "The Yomiuri Shimbun"


def test_the_board_names_who_relayed_each_step(client: TestClient) -> None:
    board = client.get("/api/commitments/board").json()
    chain = {one for thread in board["threads"] for step in thread["steps"]
             for one in step["source_chain"] if ":" in one}
    assert "outlet:reuters" in chain and chain <= set(board["actors"])
    assert board["actors"]["outlet:kyodo"]["name"] == "Kyodo"


def test_the_map_names_every_country_in_both_languages(client: TestClient) -> None:
    names = client.get("/api/map").json()["names"]
    assert len(names) > 190
    assert names["BIH"] == {"name": "Bosnia & Herzegovina", "name_vi": "Bosnia và Herzegovina"}
    assert names["TTO"]["name_vi"] == "Trinidad và Tobago"
