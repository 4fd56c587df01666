"""Kill ``pactwatch ingest`` with SIGKILL at random points: every stored article must be
whole, and the next run must finish the job without storing anything twice.

Trials run one after another on the same database, and each trial first adds a fresh
batch of articles to the pile, so every run has new work to be killed in. The kill
delays are stratified over the length of a whole run (measured once, uninterrupted,
on a scratch database): start-up, opening and migrating the database, reading,
analysing and committing all get their share. Everything is seeded, so a failing
trial reproduces; ``PACTWATCH_CRASH_TRIALS`` and ``PACTWATCH_CRASH_SEED`` change the
number of trials (default 20) and the seed.
"""

from __future__ import annotations

import importlib.util
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from fixtures.hostile.records import span_problems
from pactwatch.store import open_store

REPO = Path(__file__).resolve().parents[1]
TRIALS = int(os.environ.get("PACTWATCH_CRASH_TRIALS", "20"))
SEED = int(os.environ.get("PACTWATCH_CRASH_SEED", "2024"))
BATCH = 8  # articles added before each trial: a second or two of work after start-up

pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"),
    pytest.mark.slow,
]


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


def _assert_whole(db: Path, context: str) -> int:
    """Every committed article whole: rows match records and counts, spans inside text."""
    with open_store(db) as store:
        problems = store.verify()
        assert problems == [], f"{context}: {problems[:10]}"
        for record in store.iter_records():
            assert record["schema"] == "pactwatch.analysis/1"
            spans = span_problems(record)
            assert spans == [], f"{context}: {record['document']['id']}: {spans[:5]}"
        return store.count_documents()


def _stored_ids(db: Path) -> list[str]:
    with open_store(db) as store:
        return [f["doc_id"] for run in store.list_runs(limit=1000)
                for f in store.run_files(run["id"]) if f["status"] == "stored"]


def _wait_for_commit(db: Path, stored_before: int, proc: subprocess.Popen[bytes]) -> float:
    """Seconds until the running ingest has committed an article beyond ``stored_before``."""
    started = time.perf_counter()
    while proc.poll() is None and time.perf_counter() - started < 120:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                (count,) = conn.execute("SELECT count(*) FROM documents").fetchone()
            if count > stored_before:
                break
        except sqlite3.Error:
            pass  # not created or migrated yet
        time.sleep(0.01)
    return time.perf_counter() - started


def test_sigkill_leaves_whole_articles_and_a_resumable_run(tmp_path: Path) -> None:
    gen = _corpus_gen()
    pile = tmp_path / "pile"
    rng = random.Random(SEED)

    # How long is a whole run of one batch? Kills are spread over that.
    scratch = tmp_path / "scratch"
    gen.generate_corpus(scratch, BATCH, seed=SEED + 10_000, min_chars=300, max_chars=1500)
    started = time.perf_counter()
    calibration = _ingest(scratch, tmp_path / "scratch.db")
    _, errors = calibration.communicate(timeout=300)
    assert calibration.returncode == 0, errors.decode()
    whole_run = time.perf_counter() - started

    # one stratum of the run per trial, visited in a seeded random order
    strata = list(range(TRIALS))
    rng.shuffle(strata)
    db = tmp_path / "crash.db"
    expected = 0
    stored_before = 0
    killed_while_running = 0
    killed_after_commits = 0
    for trial, stratum in enumerate(strata):
        files = gen.generate_corpus(pile / f"batch_{trial:02d}", BATCH, seed=SEED + trial,
                                    min_chars=300, max_chars=1500)
        expected += sum(f.articles for f in files)
        proc = _ingest(pile, db)
        if trial % 2:
            # every other trial kills just after a commit is seen, whatever the machine's
            # speed: timed kills alone can all miss the commits on a loaded machine
            delay = _wait_for_commit(db, stored_before, proc) + rng.random() * 0.05
            context = f"trial {trial} (seed {SEED}, kill {delay:.2f}s in, after a commit)"
            time.sleep(rng.random() * 0.05)
        else:
            delay = whole_run * (stratum + rng.random()) / TRIALS
            context = f"trial {trial} (seed {SEED}, kill after {delay:.2f}s of {whole_run:.2f}s)"
            time.sleep(delay)
        if proc.poll() is None:
            killed_while_running += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert proc.stderr is not None
        proc.stderr.close()
        stored = _assert_whole(db, context) if db.exists() else 0
        assert stored >= stored_before, f"{context}: stored articles disappeared"
        killed_after_commits += stored > stored_before
        stored_before = stored
    print(f"crash: {TRIALS} trials, whole run {whole_run:.2f}s, {killed_while_running} killed"
          f" while running, {killed_after_commits} of them after committing articles")
    # most kills must hit a live process, and some must land among the commits,
    # or the test tests nothing
    assert killed_while_running >= TRIALS // 2, (killed_while_running, TRIALS)
    assert killed_after_commits >= 1

    final = _ingest(pile, db)
    _, errors = final.communicate(timeout=600)
    assert final.returncode == 0, errors.decode()
    assert _assert_whole(db, "after the resuming run") == expected
    with open_store(db) as store:
        last = store.list_runs(limit=1)[0]
        assert last["status"] == "finished"
        assert last["stored"] == expected - stored_before
        assert last["duplicates"] == stored_before
        assert last["failed"] == 0
    # each article was stored by exactly one run: killed runs never half-stored one
    stored_ids = _stored_ids(db)
    assert len(stored_ids) == len(set(stored_ids)) == expected
