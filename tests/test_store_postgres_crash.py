"""Kill ``pactwatch ingest --db postgresql://…`` with SIGKILL at random points: the server
must roll back the article being written, so every committed article is whole, and the
next run resumes without storing anything twice.

The SQLite crash test (test_crash.py) is the thorough one; this runs the same check on
PostgreSQL with fewer trials (``PACTWATCH_PG_CRASH_TRIALS``, default 8), each adding a
fresh batch of articles so every run has work to be killed in.
"""

from __future__ import annotations

import importlib.util
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from pactwatch.store import open_store

REPO = Path(__file__).resolve().parents[1]
TRIALS = int(os.environ.get("PACTWATCH_PG_CRASH_TRIALS", "8"))
BATCH = 6

pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"),
    pytest.mark.postgres,
    pytest.mark.slow,
]


def _corpus_gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_gen", REPO / "benchmarks" / "corpus_gen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_gen"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _ingest(folder: Path, db: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "pactwatch.cli.main", "ingest", str(folder), "--db", db, "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def _assert_whole(db: str, context: str) -> int:
    with open_store(db) as store:
        problems = store.verify()
        assert problems == [], f"{context}: {problems[:10]}"
        for record in store.iter_records():
            assert record["schema"] == "pactwatch.analysis/1"
        return store.count_documents()


def test_sigkill_on_postgresql_leaves_whole_articles_and_a_resumable_run(
    pg_url: str, tmp_path: Path
) -> None:
    gen = _corpus_gen()
    pile = tmp_path / "pile"
    rng = random.Random(2024)
    expected = 0
    stored_before = 0
    for trial in range(TRIALS):
        files = gen.generate_corpus(pile / f"batch_{trial:02d}", BATCH, seed=100 + trial,
                                    min_chars=300, max_chars=1500)
        expected += sum(f.articles for f in files)
        # start-up takes about a second; spread kills over start-up, migrating and writing
        delay = rng.uniform(0.3, 3.5)
        context = f"trial {trial} (kill after {delay:.2f}s)"
        proc = _ingest(pile, pg_url)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert proc.stderr is not None
        proc.stderr.close()
        stored = _assert_whole(pg_url, context)
        assert stored >= stored_before, f"{context}: stored articles disappeared"
        stored_before = stored

    final = _ingest(pile, pg_url)
    _, errors = final.communicate(timeout=600)
    assert final.returncode == 0, errors.decode()
    assert _assert_whole(pg_url, "after the resuming run") == expected
    with open_store(pg_url) as store:
        last = store.list_runs(limit=1)[0]
        assert last["status"] == "finished"
        assert (last["stored"], last["duplicates"]) == (expected - stored_before, stored_before)
        stored_ids = [f["doc_id"] for run in store.list_runs(limit=1000)
                      for f in store.run_files(run["id"]) if f["status"] == "stored"]
    assert len(stored_ids) == len(set(stored_ids)) == expected
