"""Bad input at scale: a generated pile of 400 files, 5% of them hostile (binary, PNG and
ZIP headers, a 100 MB sparse file, 100,000 nested <div>s, broken YAML, mixed encodings,
NUL bytes, empty files, a folder named like a file, an unreadable file, symlink loops,
a named pipe, a 300 KB line, a 50,000-line .jsonl, ...), ingested by ``pactwatch
ingest``: every good file is stored, every bad one reported with one line (file,
reason), the exit status says that some failed, and the run log records each of them.

The pile comes from ``benchmarks/hostile.py``, which also runs a 10,000-file version.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from fixtures.hostile.records import span_problems
from pactwatch.errors import ReadError
from pactwatch.ingest.batch import ingest_paths
from pactwatch.ingest.readers import read_path_report
from pactwatch.store import open_store

REPO = Path(__file__).resolve().parents[1]
FILES = 400
JSONL_LINES = 50_000
JSONL_BROKEN = 300  # the other lines blank: 50,000 lines, without 50,000 failure rows
_LINE = re.compile(r"^(?P<path>.+?): \[(?P<code>E\d{3})\] (?P<reason>\S.*)$")

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symlinks, FIFOs and chmod (POSIX)")


def _load(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _hostile() -> ModuleType:
    _load("corpus_gen")  # hostile.py imports it by name
    return _load("hostile")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, object, Path]]:
    hostile = _hostile()
    work = tmp_path_factory.mktemp("hostile")
    pile = hostile.make_hostile_corpus(work / "pile", FILES, seed=5, jsonl_lines=JSONL_LINES,
                                       jsonl_broken=JSONL_BROKEN)
    db = work / "hostile.db"
    done, _seconds, _peak = hostile.ingest(pile, db)
    yield pile, done, db
    hostile.cleanup(pile)


def _failure_lines(stderr: str) -> list[re.Match[str]]:
    lines = stderr.splitlines()
    matches = [_LINE.match(line) for line in lines]
    odd = [line for line, m in zip(lines, matches, strict=True) if m is None]
    assert odd == [], f"lines that are not 'file: [Exxx] reason': {odd[:5]}"
    return [m for m in matches if m is not None]


def test_the_pile_is_as_specified(ingested: tuple) -> None:
    pile, _, _ = ingested
    assert pile.files == FILES
    share = len(pile.hostile) / pile.files
    assert 0.05 <= share < 0.08, share
    kinds = {h.kind for h in pile.hostile}
    assert {"binary", "100MB", "nested-html", "broken-yaml", "mixed-encoding", "nul-bytes",
            "empty", "folder-named-like-a-file", "symlink-loop", "300KB-line",
            "50k-line-jsonl"} <= kinds
    assert os.stat(next(h.path for h in pile.hostile if h.kind == "100MB")).st_size == 100_000_000


def test_exit_status_says_files_failed_and_nothing_crashed(ingested: tuple) -> None:
    _, done, _ = ingested
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 1, done.stderr[-3000:]
    _failure_lines(done.stderr)


def test_every_bad_file_is_reported_with_one_line(ingested: tuple) -> None:
    pile, done, _ = ingested
    reported: dict[str, list[str]] = {}
    for m in _failure_lines(done.stderr):
        reported.setdefault(m.group("path"), []).append(m.group("code"))
    for item in pile.hostile:
        if item.kind == "symlink-loop":
            names = [str(item.path), str(item.path.with_name(item.path.stem + "_b.txt"))]
            codes = [c for n in names for c in reported.pop(n, [])]
        else:
            codes = reported.pop(str(item.path), [])
        if item.expect == "either":
            assert len(codes) <= 1 and all(c.startswith("E1") for c in codes), (item, codes)
            continue
        assert len(codes) == item.failures, (item.kind, item.path, codes)
        if item.failures:
            assert set(codes) == {item.code}, (item.kind, codes)
    # good files never fail
    assert reported == {}, f"reported but not hostile: {list(reported.items())[:5]}"


def test_every_good_file_is_stored(ingested: tuple) -> None:
    pile, done, db = ingested
    with open_store(db) as store:
        run = store.list_runs(limit=1)[0]
        files = store.run_files(run["id"])
        stored_paths = Counter(f["path"] for f in files if f["status"] == "stored")
        either = sum(1 for h in pile.hostile if h.expect == "either"
                     and any(str(h.path) == p for p in stored_paths))
        expected = pile.good_articles + sum(h.articles for h in pile.hostile) + either
        assert store.count_documents() == expected
        assert run["stored"] == expected and run["duplicates"] == 0
    for path in pile.good_files:
        assert stored_paths[str(path)] >= 1, f"{path} was not stored"


def test_the_run_log_records_every_failure(ingested: tuple) -> None:
    _, done, db = ingested
    printed = Counter((m.group("path"), f"[{m.group('code')}] {m.group('reason')}")
                      for m in _failure_lines(done.stderr))
    with open_store(db) as store:
        run = store.list_runs(limit=1)[0]
        assert run["status"] == "finished"
        assert run["failed"] == sum(printed.values())
        logged = Counter((f["path"], f["reason"]) for f in store.run_files(run["id"])
                         if f["status"] == "failed")
    assert logged == printed


def test_what_was_stored_is_whole(ingested: tuple) -> None:
    _, _, db = ingested
    with open_store(db) as store:
        assert store.verify() == []
        for record in store.iter_records():
            assert span_problems(record) == [], record["document"]["source_path"]


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "lon.txt"
    with huge.open("wb") as f:
        f.write("Bài viết. ".encode())
        f.seek(100_000_000 - 1)
        f.write(b"\n")
    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as caught:
            read_path_report(huge, max_bytes=20_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.code == "E102"
    assert peak < 1_000_000, f"{peak} bytes allocated: the file was read"


def test_a_file_name_that_is_not_utf8_is_reported_not_fatal(tmp_path: Path) -> None:
    """A POSIX file name need not be UTF-8 (b"\\xff"); one such name must not end the run."""
    pile = tmp_path / "pile"
    pile.mkdir()
    name = os.fsdecode(b"bai_\xff.txt")
    try:
        (pile / name).write_text("Mỹ và Nhật Bản ký hiệp ước phòng thủ.", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses non-UTF-8 names")
    (pile / "tot.txt").write_text("Nga và Belarus tập trận chung.", encoding="utf-8")
    with open_store(tmp_path / "ten.db") as store:
        summary = ingest_paths([pile], store)
        assert summary.stored + summary.failed == 2
        assert store.count_documents() == summary.stored >= 1


def test_a_failure_line_stays_one_line_when_the_name_has_a_newline(tmp_path: Path) -> None:
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "dong\nmoi.txt").write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-m", "pactwatch.cli.main", "ingest", str(pile), "--db",
         str(tmp_path / "nl.db"), "--quiet"], capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_a_symlink_loop_in_the_pile_does_not_end_the_run(tmp_path: Path) -> None:
    # SQLiteStore.owns_file resolved every path and a loop raised RuntimeError out of the run
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "a.txt").symlink_to("b.txt")
    (pile / "b.txt").symlink_to("a.txt")
    (pile / "tot.txt").write_text("Nga và Belarus tập trận chung.", encoding="utf-8")
    with open_store(tmp_path / "vong.db") as store:
        assert store.owns_file(pile / "a.txt") is False
        summary = ingest_paths([pile], store)
    assert (summary.stored, summary.failed) == (1, 2)
    assert all("[E106]" in f.reason for f in summary.failures if f.reason)
