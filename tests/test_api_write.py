"""Uploads: token rules, size and type checks, and the same ingest path as the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api_support import copy_db, examples_db
from pactwatch.api.app import create_app
from pactwatch.api.upload import safe_name, sniff_problem

TOKEN = "correct horse battery staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = ("Ngày 3/4/2025, Bộ trưởng Quốc phòng Mỹ và Nhật Bản ký thỏa thuận hợp tác quốc phòng"
           " mới tại Tokyo. Hai bên cam kết tăng cường tập trận chung.\n").encode()


@pytest.fixture
def db(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return copy_db(examples_db(tmp_path_factory), tmp_path)


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(db), token=TOKEN, read_only=False,
                               max_upload_bytes=20_000)) as c:
        yield c


def n_documents(client: TestClient) -> int:
    found: int = client.get("/api/documents", params={"limit": 0}).json()["total"]
    return found


def post(client: TestClient, *files: tuple[str, bytes], headers: dict[str, str] | None = None
         ) -> tuple[int, dict[str, object]]:
    response = client.post("/api/documents", files=[("files", f) for f in files],
                           headers=AUTH if headers is None else headers)
    return response.status_code, response.json()


def error_code(body: dict[str, object]) -> str:
    error = body["error"]
    assert isinstance(error, dict)
    return str(error["code"])


# -- who may write -------------------------------------------------------------------------------
def test_a_read_only_app_refuses_writes(db: Path) -> None:
    for kwargs in ({}, {"token": TOKEN}, {"token": None, "read_only": False}):
        with TestClient(create_app(str(db), **kwargs)) as c:
            status, body = post(c, ("a.txt", ARTICLE))
            assert status == 403 and error_code(body) == "E504"
            assert c.get("/api/meta").json()["read_only"] is True


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": "Bearer "}, {"Authorization": f"Bearer {TOKEN}x"},
])
def test_missing_or_wrong_token(client: TestClient, headers: dict[str, str]) -> None:
    before = n_documents(client)
    response = client.post("/api/documents", files=[("files", ("a.txt", ARTICLE))],
                           headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "E503"
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert n_documents(client) == before


# -- uploading -------------------------------------------------------------------------------------
def test_upload_is_analysed_and_stored(client: TestClient) -> None:
    before = n_documents(client)
    status, body = post(client, ("bai-bao.txt", ARTICLE))
    assert status == 200, body
    stored = body["stored"]
    assert isinstance(stored, list) and len(stored) == 1
    assert n_documents(client) == before + 1
    doc = client.get(f"/api/documents/{stored[0]}").json()
    assert doc["metadata"]["sources"][0]["path"] == "upload:bai-bao.txt"
    assert "country:USA" in {a["id"] for a in doc["record"]["actors"]}
    assert "actors" in doc["record"]["document"]["stages"]
    # the same text again is a duplicate, not a second document
    status, again = post(client, ("copy.txt", ARTICLE))
    assert status == 200 and again["duplicates"] == stored and again["stored"] == []
    assert n_documents(client) == before + 1


def test_one_upload_holds_many_articles(client: TestClient) -> None:
    lines = [json.dumps({"text": f"Bài {i}: Hàn Quốc và Mỹ tập trận chung lần thứ {i}.",
                         "title": f"Tin {i}"}, ensure_ascii=False) for i in range(3)]
    status, body = post(client, ("tin.jsonl", "\n".join(lines).encode()),
                        ("trang.html", b"<html><body><article><h1>Tin</h1><p>"
                         + ARTICLE.replace(b"2025", b"2024") + b"</p></article></body></html>"))
    assert status == 200, body
    assert isinstance(body["stored"], list) and len(body["stored"]) == 4


def test_a_bad_file_does_not_stop_the_others(client: TestClient) -> None:
    status, body = post(client, ("good.txt", ARTICLE), ("photo.png", b"\x89PNG\r\n\x1a\n...."),
                        ("fake.txt", b"%PDF-1.7 binary"), ("empty.md", b"   \n"))
    assert status == 200
    files = body["files"]
    assert isinstance(files, list)
    by_name = {f["filename"]: f for f in files}
    assert by_name["good.txt"]["status"] == "stored"
    assert by_name["photo.png"]["status"] == "failed" and "E506" in by_name["photo.png"]["reason"]
    assert by_name["fake.txt"]["status"] == "failed" and "E506" in by_name["fake.txt"]["reason"]
    assert by_name["empty.md"]["status"] == "failed" and "E101" in by_name["empty.md"]["reason"]


@pytest.mark.parametrize("name,data", [
    ("photo.png", b"\x89PNG\r\n\x1a\n"), ("script.py", b"print('hi')\n"), ("noext", ARTICLE),
    ("page.html", ARTICLE), ("data.json", ARTICLE), ("data.jsonl", b"[1, 2]\n"),
    ("binary.txt", b"abc\x00def" * 10), ("page.txt", b"<!DOCTYPE html><html><body>x</body>"),
    ("zip.md", b"PK\x03\x04rest"),
])
def test_wrong_types_are_refused(client: TestClient, name: str, data: bytes) -> None:
    before = n_documents(client)
    status, body = post(client, (name, data))
    assert status == 415, body
    assert error_code(body) == "E506"
    assert n_documents(client) == before


def test_oversize_upload(client: TestClient) -> None:
    before = n_documents(client)
    big = ARTICLE * (20_000 // len(ARTICLE) + 1)
    status, body = post(client, ("small.txt", ARTICLE.replace(b"2025", b"2023")),
                        ("big.txt", big))
    assert status == 413 and error_code(body) == "E505"
    assert n_documents(client) == before  # nothing of the request was stored


def test_no_files(client: TestClient) -> None:
    response = client.post("/api/documents", headers=AUTH, data={"x": "1"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "E507"


def test_client_file_names_never_reach_the_file_system(client: TestClient, tmp_path: Path
                                                       ) -> None:
    target = tmp_path / "planted.txt"
    status, body = post(client, (str(target), ARTICLE.replace(b"2025", b"2022")),
                        ("../../../../tmp/evil.txt", ARTICLE.replace(b"2025", b"2021")))
    assert status == 200, body
    assert not target.exists()
    files = body["files"]
    assert isinstance(files, list)
    assert [f["filename"] for f in files] == ["planted.txt", "evil.txt"]
    for f in files:
        doc = client.get(f"/api/documents/{f['doc_id']}").json()
        assert doc["metadata"]["source_path"] == f"upload:{f['filename']}"


# -- the checks themselves ------------------------------------------------------------------------
@pytest.mark.parametrize("given,expected", [
    ("a.txt", "a.txt"), ("../../etc/passwd.txt", "passwd.txt"), ("C:\\x\\y\\bài.md", "bài.md"),
    ("", "upload"), (None, "upload"), ("a<b>.html", "a_b_.html"), ("..", "upload"),
    ("x" * 300 + ".txt", "x" * 110 + ".txt"),
])
def test_safe_name(given: str | None, expected: str) -> None:
    assert safe_name(given) == expected


@pytest.mark.parametrize("data,ext,ok", [
    (ARTICLE, ".txt", True), (ARTICLE, ".md", True), (b"<p>x</p>", ".html", True),
    (b'{"text": "x"}', ".json", True), (b'\xef\xbb\xbf [{"text": "x"}]', ".json", True),
    (b'{"text": "x"}\n', ".jsonl", True), ("Tin\n".encode("utf-16"), ".txt", True),
    (b"\x1f\x8b\x08", ".txt", False), (b"plain words", ".html", False),
    (b"x\x00y", ".md", False), (b"<html><body>", ".md", False),
])
def test_sniff(data: bytes, ext: str, ok: bool) -> None:
    assert (sniff_problem(data, ext) is None) is ok
