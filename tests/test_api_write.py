"""Uploads: token rules, size and type checks, and the same ingest path as the CLI."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient

from api_support import copy_db, examples_db
from pactwatch.api.app import create_app
from pactwatch.api.upload import Uploader, safe_name, sniff_problem

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
    """POST files; for an accepted upload (202) wait for its job and give its result."""
    response = client.post("/api/documents", files=[("files", f) for f in files],
                           headers=AUTH if headers is None else headers)
    if response.status_code != 202:
        return response.status_code, response.json()
    job = wait_for_job(client, response.json()["id"])
    assert job["status"] == "done", job
    return response.status_code, job["result"]


def wait_for_job(client: TestClient, job_id: str, seconds: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while True:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running") or time.monotonic() > deadline:
            return job
        time.sleep(0.02)


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
    assert status == 202, body
    stored = body["stored"]
    assert isinstance(stored, list) and len(stored) == 1
    assert n_documents(client) == before + 1
    doc = client.get(f"/api/documents/{stored[0]}").json()
    assert doc["metadata"]["sources"][0]["path"] == "upload:bai-bao.txt"
    assert "country:USA" in {a["id"] for a in doc["record"]["actors"]}
    assert "actors" in doc["record"]["document"]["stages"]
    # the same text again is a duplicate, not a second document
    status, again = post(client, ("copy.txt", ARTICLE))
    assert status == 202 and again["duplicates"] == stored and again["stored"] == []
    assert n_documents(client) == before + 1


def test_one_upload_holds_many_articles(client: TestClient) -> None:
    lines = [json.dumps({"text": f"Bài {i}: Hàn Quốc và Mỹ tập trận chung lần thứ {i}.",
                         "title": f"Tin {i}"}, ensure_ascii=False) for i in range(3)]
    status, body = post(client, ("tin.jsonl", "\n".join(lines).encode()),
                        ("trang.html", b"<html><body><article><h1>Tin</h1><p>"
                         + ARTICLE.replace(b"2025", b"2024") + b"</p></article></body></html>"))
    assert status == 202, body
    assert isinstance(body["stored"], list) and len(body["stored"]) == 4


def test_a_bad_file_does_not_stop_the_others(client: TestClient) -> None:
    status, body = post(client, ("good.txt", ARTICLE), ("photo.png", b"\x89PNG\r\n\x1a\n...."),
                        ("fake.txt", b"%PDF-1.7 binary"), ("empty.md", b"   \n"))
    assert status == 202
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
    assert status == 202, body
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


# -- the body is never read before the token and the declared size are checked --------------------
def asgi_post(app: Any, headers: dict[str, str], chunks: int = 2_000) -> tuple[int, int]:
    """POST /api/documents straight to the ASGI app with a body of ``chunks`` MiB that is
    produced only as it is read: (status, MiB the app read)."""
    read = 0
    status: list[int] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": b"x" * 1_048_576, "more_body": read < chunks}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "path": "/api/documents", "raw_path": b"/api/documents",
             "root_path": "", "scheme": "http", "query_string": b"", "client": ("127.0.0.1", 1),
             "server": ("test", 80),
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    anyio.run(app, scope, receive, send)
    return status[0], read


MULTIPART = {"Content-Type": "multipart/form-data; boundary=x"}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}])
def test_a_huge_body_without_the_token_is_refused_unread(db: Path, headers: dict[str, str]
                                                         ) -> None:
    app = create_app(str(db), token=TOKEN, read_only=False)
    status, read = asgi_post(app, {**MULTIPART, "Content-Length": str(2 * 2**30), **headers})
    assert status == 401 and read == 0


def test_a_declared_length_over_the_limit_is_refused_unread(db: Path) -> None:
    app = create_app(str(db), token=TOKEN, read_only=False, max_upload_bytes=1000)
    status, read = asgi_post(app, {**MULTIPART, "Content-Length": str(2**30), **AUTH})
    assert status == 413 and read == 0


def test_an_undeclared_body_is_read_only_up_to_the_limit(db: Path) -> None:
    app = create_app(str(db), token=TOKEN, read_only=False, max_upload_bytes=1000)
    status, read = asgi_post(app, {**MULTIPART, **AUTH})  # chunked: no Content-Length
    assert status == 413 and read == 1  # the first MiB is over 20 files of 1000 bytes


# -- jobs ------------------------------------------------------------------------------------------
def test_an_upload_answers_202_with_a_job_to_follow(client: TestClient) -> None:
    response = client.post("/api/documents", files=[("files", ("j.txt", ARTICLE.replace(
        b"2025", b"2019")))], headers=AUTH)
    assert response.status_code == 202
    job = response.json()
    assert job["status"] in ("queued", "running", "done") and job["files"] == ["j.txt"]
    assert response.headers["location"] == job["url"] == f"/api/jobs/{job['id']}"
    done = wait_for_job(client, job["id"])
    assert done["status"] == "done" and done["error"] is None
    assert done["result"]["stored"] and done["started"] and done["finished"]


def test_a_failed_job_says_why(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: object, filename: str | None, data: bytes) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Uploader, "ingest", broken)
    response = client.post("/api/documents", files=[("files", ("f.txt", ARTICLE))], headers=AUTH)
    job = wait_for_job(client, response.json()["id"])
    assert job["status"] == "failed" and "E599" in job["error"]
    assert "RuntimeError" not in job["error"]


def test_unknown_job(client: TestClient) -> None:
    response = client.get("/api/jobs/nope")
    assert response.status_code == 404 and response.json()["error"]["code"] == "E502"


@pytest.fixture
def blocked(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TestClient,
                                                                          threading.Event]]:
    """An app with one worker held inside its first job, and room for one job more."""
    release = threading.Event()
    ingest = Uploader.ingest

    def held(self: Uploader, filename: str | None, data: bytes) -> Any:
        release.wait(30)
        return ingest(self, filename, data)

    monkeypatch.setattr(Uploader, "ingest", held)
    app = create_app(str(db), token=TOKEN, read_only=False, job_queue_size=1)
    with TestClient(app) as c:
        try:
            yield c, release
        finally:
            release.set()


def submit(client: TestClient, year: int) -> Any:
    return client.post("/api/documents", headers=AUTH, files=[
        ("files", (f"{year}.txt", ARTICLE.replace(b"2025", str(year).encode())))])


def test_a_full_queue_answers_429_and_reads_go_on(blocked: tuple[TestClient, threading.Event]
                                                 ) -> None:
    client, release = blocked
    first = submit(client, 2001).json()
    while client.get(f"/api/jobs/{first['id']}").json()["status"] == "queued":
        time.sleep(0.01)  # the worker has taken it: the queue is empty again
    assert submit(client, 2002).status_code == 202  # waits in the queue (size 1)
    full = submit(client, 2003)
    assert full.status_code == 429 and full.json()["error"]["code"] == "E508"
    assert full.headers["retry-after"]
    # a job running (and one waiting) never delays reads
    assert client.get("/api/documents", params={"limit": 1}).status_code == 200
    release.set()
    assert wait_for_job(client, first["id"])["status"] == "done"


def test_a_queued_job_can_be_cancelled(blocked: tuple[TestClient, threading.Event]) -> None:
    client, release = blocked
    running = submit(client, 2004).json()
    while client.get(f"/api/jobs/{running['id']}").json()["status"] == "queued":
        time.sleep(0.01)
    queued = submit(client, 2005).json()
    assert client.delete(f"/api/jobs/{queued['id']}").status_code == 401  # needs the token
    cancelled = client.delete(f"/api/jobs/{queued['id']}", headers=AUTH)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    busy = client.delete(f"/api/jobs/{running['id']}", headers=AUTH)
    assert busy.status_code == 409 and busy.json()["error"]["code"] == "E509"
    before = n_documents(client)
    release.set()
    assert wait_for_job(client, running["id"])["status"] == "done"
    assert client.get(f"/api/jobs/{queued['id']}").json()["status"] == "cancelled"
    assert n_documents(client) == before + 1  # the cancelled upload was never stored
