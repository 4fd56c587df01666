"""``pactwatch ingest`` and ``pactwatch serve`` stop on SIGTERM and SIGINT within 5 s,
leaving only whole articles (real processes, real signals)."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pactwatch.store import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "store"
STOP_SECONDS = 5
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def pile(folder: Path, n: int) -> Path:
    """``n`` distinct articles (a fixture article with a numbered last line)."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    for i in range(n):
        (folder / f"bai_{i:04d}.txt").write_text(
            texts[i % len(texts)] + f"\nBản tin số {i} cập nhật lúc {i % 24} giờ.\n",
            encoding="utf-8")
    return folder


def pactwatch(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "pactwatch.cli.main", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            (count,) = conn.execute("SELECT count(*) FROM documents").fetchone()
            return int(count)
    except sqlite3.Error:
        return 0  # not created or migrated yet


def stop(proc: subprocess.Popen[bytes], sig: signal.Signals) -> float:
    """Send ``sig``; seconds until the process ended."""
    sent = time.perf_counter()
    proc.send_signal(sig)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    return time.perf_counter() - sent


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_ingest_stops_on_a_signal_leaving_whole_articles(tmp_path: Path, sig: signal.Signals
                                                         ) -> None:
    db = tmp_path / "x.db"
    proc = pactwatch("ingest", str(pile(tmp_path / "pile", 400)), "--db", str(db), "--quiet",
                     "--no-stories")
    started = time.perf_counter()
    while proc.poll() is None and stored(db) < 3 and time.perf_counter() - started < 120:
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be stopped"
    took = stop(proc, sig)
    errors = proc.stderr.read().decode() if proc.stderr else ""
    assert took < STOP_SECONDS, f"took {took:.1f} s to stop"
    assert proc.returncode == 130, errors
    assert "run again to resume" in errors
    with open_store(db) as store:
        count = store.count_documents()
        assert 3 <= count < 400
        assert store.verify() == []  # every stored article is whole


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_stops_on_a_signal(tmp_path: Path, sig: signal.Signals) -> None:
    db = tmp_path / "x.db"
    with open_store(db):
        pass
    port = free_port()
    proc = pactwatch("serve", "--db", str(db), "--port", str(port))
    url = f"http://127.0.0.1:{port}/api/meta"
    started = time.perf_counter()
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                assert answer.status == 200
                break
        except OSError:
            assert proc.poll() is None and time.perf_counter() - started < 60, "no server"
            time.sleep(0.1)
    # a client holding a connection open does not keep the server up
    idle = socket.create_connection(("127.0.0.1", port))
    try:
        took = stop(proc, sig)
    finally:
        idle.close()
    assert took < STOP_SECONDS, f"took {took:.1f} s to stop"
    assert proc.returncode is not None
