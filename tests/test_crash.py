"""Kill ``pactwatch ingest`` with SIGKILL at random points: every stored article must be
whole, and the next run must finish the job without storing anything twice.

Trials run one after another on the same database (each kill interrupts a run that
resumes the last one). ``PACTWATCH_CRASH_TRIALS`` raises the number of trials.
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
TRIALS = int(os.environ.get("PACTWATCH_CRASH_TRIALS", "4"))
ARTICLES = 150

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def _corpus_gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_gen", REPO / "benchmarks" / "corpus_gen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_gen"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "pactwatch.cli.main", "ingest", str(folder), "--db", str(db),
         "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def _assert_whole(db: Path) -> int:
    with open_store(db) as store:
        problems = store.verify()
        assert problems == [], problems[:10]
        for record in store.iter_records():
            assert record["schema"] == "pactwatch.analysis/1"
        return store.count_documents()


def test_sigkill_leaves_whole_articles_and_a_resumable_run(tmp_path: Path) -> None:
    gen = _corpus_gen()
    folder = tmp_path / "pile"
    files = gen.generate_corpus(folder, ARTICLES, seed=11, min_chars=300, max_chars=1500)
    expected = sum(f.articles for f in files)
    db = tmp_path / "crash.db"
    rng = random.Random(2024)
    stored_before = 0
    for trial in range(TRIALS):
        proc = _ingest(folder, db)
        # the first second is mostly start-up; spread kills over start-up, reading and writing
        time.sleep(rng.uniform(0.2, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert proc.stderr is not None
        proc.stderr.close()
        stored = _assert_whole(db) if db.exists() else 0
        assert stored >= stored_before, f"trial {trial}: stored articles disappeared"
        stored_before = stored

    final = _ingest(folder, db)
    _, errors = final.communicate(timeout=600)
    assert final.returncode == 0, errors.decode()
    assert _assert_whole(db) == expected
    with open_store(db) as store:
        last = store.list_runs(limit=1)[0]
        assert last["status"] == "finished"
        assert last["stored"] == expected - stored_before
        assert last["duplicates"] == stored_before
        # killed runs stay visible as unfinished, with what they managed to record
        assert len(store.list_runs(limit=100)) >= 1
        stored_ids = [f["doc_id"] for run in store.list_runs(limit=100)
                      for f in store.run_files(run["id"]) if f["status"] == "stored"]
        assert len(stored_ids) == len(set(stored_ids)) == expected
