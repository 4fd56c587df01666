"""The batch runner: inputs expanded, each file read/analysed/stored/recorded, none fatal."""

from __future__ import annotations

import io
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from pactwatch.document import Document
from pactwatch.errors import ReadError
from pactwatch.ingest.batch import (
    DEFAULT_ARTICLE_SECONDS,
    STDIN_NAME,
    FileOutcome,
    ReadResult,
    RunSummary,
    article_seconds,
    default_file_reader,
    expand_inputs,
    ingest_paths,
)
from pactwatch.ingest.build import document_from_parts
from pactwatch.pipeline import Pipeline, StageInfo, build_pipeline
from pactwatch.store import Store, open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "store"
GOOD = sorted(p.name for p in FIXTURES.glob("*.txt"))


@pytest.fixture
def store(db_target: str) -> Store:
    # db_target: once on a SQLite file, once on PostgreSQL (skipped without a server)
    s = open_store(db_target)
    yield s  # type: ignore[misc]
    s.close()


@pytest.fixture
def pile(tmp_path: Path) -> Path:
    """Our three example articles, one of them copied under another name in a subfolder."""
    folder = tmp_path / "pile"
    (folder / "sub").mkdir(parents=True)
    for name in GOOD:
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copy(FIXTURES / GOOD[0], folder / "sub" / "copy.txt")
    return folder


def _statuses(store: Store, run_id: int) -> dict[str, str]:
    return {Path(f["path"]).name: f["status"] for f in store.run_files(run_id)}


# -- expanding inputs -------------------------------------------------------------------------

def test_folders_are_walked_recursively_in_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b" / ".git").mkdir(parents=True)
    for name in ("b/2.txt", "b/.git/x.txt", "a.txt", ".hidden.txt", "b/1.txt"):
        (tmp_path / name).write_text("x")
    inputs, problems = expand_inputs([tmp_path])
    assert [Path(i.name).relative_to(tmp_path).as_posix() for i in inputs] == [
        "a.txt", "b/1.txt", "b/2.txt"]
    assert problems == []


def test_globs_files_stdin_and_missing_paths(tmp_path: Path) -> None:
    for name in ("x1.txt", "x2.txt", "y.md"):
        (tmp_path / name).write_text("x")
    inputs, problems = expand_inputs(
        [str(tmp_path / "x*.txt"), tmp_path / "y.md", tmp_path / "x1.txt", "-", "-",
         str(tmp_path / "none-*.txt"), tmp_path / "missing.txt"])
    assert [Path(i.name).name for i in inputs] == ["x1.txt", "x2.txt", "y.md", STDIN_NAME]
    assert inputs[-1].is_stdin
    assert [(Path(p.path).name, p.reason) for p in problems] == [
        ("none-*.txt", "[E191] no file matches"), ("missing.txt", "[E191] no such file or folder")]


# -- runs ----------------------------------------------------------------------------------------

def test_a_pile_is_stored_and_each_file_recorded(store: Store, pile: Path) -> None:
    summary = ingest_paths([pile], store)
    assert (summary.files, summary.stored, summary.duplicates, summary.failed) == (4, 3, 1, 0)
    assert summary.ok and summary.bytes_read > 0 and summary.sentences > 0
    assert store.count_documents() == 3
    statuses = _statuses(store, summary.run_id)
    assert statuses == {**{n: "stored" for n in GOOD}, "copy.txt": "duplicate"}
    dup = next(f for f in store.run_files(summary.run_id) if f["status"] == "duplicate")
    first = next(f for f in store.run_files(summary.run_id) if f["path"].endswith(GOOD[0]))
    assert dup["doc_id"] == first["doc_id"]
    run = store.list_runs()[0]
    assert run["status"] == "finished" and run["stored"] == 3 and run["duplicates"] == 1


def test_stored_record_is_what_the_pipeline_produced(store: Store, pile: Path) -> None:
    ingest_paths([pile / GOOD[0]], store)
    from pactwatch.ingest.readers import read_path

    expected = build_pipeline()(read_path(pile / GOOD[0])[0]).as_dict()
    assert store.get_record(expected["document"]["id"]) == expected


def test_ingesting_the_same_pile_again_adds_nothing(store: Store, pile: Path) -> None:
    ingest_paths([pile], store)
    before = store.counts()
    again = ingest_paths([pile], store)
    assert (again.stored, again.duplicates, again.failed) == (0, 4, 0)
    after = store.counts()
    assert {k: v for k, v in after.items() if k != "runs"} == {
        k: v for k, v in before.items() if k != "runs"}


def test_the_database_in_the_ingested_folder_is_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(FIXTURES / GOOD[0], folder / GOOD[0])
    with open_store(folder / "news.db") as store:
        store.save_document(document_from_parts([("body", "Một bài có sẵn.")]))
        summary = ingest_paths([folder], store)
    assert summary.files == 1 and summary.ok


def test_stdin_is_read_as_one_input(store: Store) -> None:
    data = "Hai nước thảo luận về an ninh khu vực trong cuộc gặp hôm nay.".encode()
    summary = ingest_paths(["-"], store, stdin=io.BytesIO(data))
    assert summary.stored == 1
    assert _statuses(store, summary.run_id) == {STDIN_NAME: "stored"}


def test_stdin_jsonl_keeps_good_records_and_reports_bad_ones(store: Store) -> None:
    good = json.dumps({"title": "Tin một", "text": "Hai bên ký kết thỏa thuận hợp tác."},
                      ensure_ascii=False)
    data = f"{good}\n{{hỏng\n".encode()
    summary = ingest_paths(["-"], store, stdin=io.BytesIO(data))
    assert summary.stored == 1 and summary.failed == 1
    reason = summary.failures[0].reason or ""
    assert reason.startswith("[E108]") and STDIN_NAME not in reason


def test_oversized_stdin_fails_cleanly(store: Store) -> None:
    summary = ingest_paths(["-"], store, stdin=io.BytesIO(b"x" * 200), max_bytes=100)
    assert summary.failed == 1
    assert summary.failures[0].reason is not None
    assert summary.failures[0].reason.startswith("[E102]")


# -- bad input -------------------------------------------------------------------------------------

def _bad_files(folder: Path) -> dict[str, str]:
    """Write bad files into ``folder``; return name → expected error code."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("   \n\n  \n")
    (folder / "nul.txt").write_bytes(b"Tin t\x00\x00\x00c \x00 binary \x00\x01\x02" * 50)
    (folder / "huge.txt").write_text("Dòng chữ dài. " * 5000)
    (folder / "broken.md").write_text("---\ntitle: [chưa đóng\nauthor: : :\n---\nNội dung.\n")
    (folder / "records.jsonl").write_text(
        json.dumps({"title": "Bài một", "text": "Nội dung bài một về quốc phòng."},
                   ensure_ascii=False) + "\n{không phải json\n"
        + json.dumps({"title": "Bài hai", "text": "Nội dung bài hai về ngoại giao."},
                     ensure_ascii=False) + "\n")
    return {"empty.txt": "E101", "blank.md": "E101", "nul.txt": "E103", "huge.txt": "E102",
            "broken.md": "E105", "records.jsonl": "E108"}


def test_each_bad_file_fails_with_one_reason_and_the_rest_are_stored(
    store: Store, pile: Path
) -> None:
    expected = _bad_files(pile)
    summary = ingest_paths([pile], store, max_bytes=50_000)
    assert summary.stored == 3 + 2  # three articles and the two good records of the .jsonl
    assert summary.duplicates == 1
    failed = {Path(f.path).name: f.reason for f in summary.failures}
    assert set(failed) == set(expected)
    for name, code in expected.items():
        reason = failed[name]
        assert reason is not None and reason.startswith(f"[{code}]"), (name, reason)
        assert "\n" not in reason and name not in reason  # one line; the path is printed before
    assert not summary.ok
    recorded = [f for f in store.run_files(summary.run_id) if f["status"] == "failed"]
    assert len(recorded) == len(expected)


def test_unreadable_file_fails_and_others_are_stored(store: Store, pile: Path) -> None:
    locked = pile / "locked.txt"
    locked.write_text("Bài bị khóa quyền đọc.")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reading")
        summary = ingest_paths([pile], store)
    finally:
        locked.chmod(0o644)
    assert summary.stored == 3
    assert [f.path for f in summary.failures] == [str(locked)]
    assert (summary.failures[0].reason or "").startswith("[E106]")


def test_pipes_and_broken_links_fail_without_blocking(store: Store, pile: Path) -> None:
    os.mkfifo(pile / "pipe.txt")
    (pile / "dangling.txt").symlink_to(pile / "gone.txt")
    summary = ingest_paths([pile], store)
    failed = {Path(f.path).name: f.reason or "" for f in summary.failures}
    assert failed["pipe.txt"] == "[E106] not a regular file (a pipe, device or socket)"
    assert failed["dangling.txt"].startswith("[E106]")
    assert summary.stored == 3


def test_os_errors_from_reading_become_failures(store: Store, pile: Path) -> None:
    def refusing_reader(path: Path, max_bytes: int) -> ReadResult:
        if path.name == GOOD[1]:
            raise PermissionError(13, "Permission denied", str(path))
        return default_file_reader(path, max_bytes)

    summary = ingest_paths([pile], store, read_file=refusing_reader)
    assert summary.stored == 2 and summary.failed == 1
    assert summary.failures[0].reason == "[E106] cannot read: Permission denied"


def test_a_crashing_reader_or_stage_fails_one_file_only(store: Store, pile: Path) -> None:
    def buggy_reader(path: Path, max_bytes: int) -> ReadResult:
        if path.name == GOOD[0]:
            raise ZeroDivisionError("division by zero")
        return default_file_reader(path, max_bytes)

    real = build_pipeline()

    def buggy_pipeline(doc: Document) -> Document:
        if "Liên minh" in doc.text:
            raise KeyError("actor")
        return real(doc)

    summary = ingest_paths([pile], store, read_file=buggy_reader,
                           pipeline=_CallablePipeline(buggy_pipeline, real))
    reasons = sorted(f.reason or "" for f in summary.failures)
    assert reasons[0].startswith("[E099] analysis failed: KeyError")
    assert reasons[1].startswith("[E199] reader failed: ZeroDivisionError")
    assert summary.stored == 2  # thuong_luong.txt and sub/copy.txt (same text as GOOD[0])


class _CallablePipeline(Pipeline):
    """A pipeline whose run is replaced by a function (to inject a failing stage)."""

    def __init__(self, fn: object, real: Pipeline) -> None:
        super().__init__(real.stages)
        self._fn = fn

    def __call__(self, doc: Document, *, deadline: float | None = None) -> Document:
        return self._fn(doc)  # type: ignore[operator, no-any-return]


def test_an_interrupted_run_resumes_without_duplicates(store: Store, pile: Path) -> None:
    seen: list[str] = []

    def interrupted_reader(path: Path, max_bytes: int) -> ReadResult:
        if len(seen) == 2:
            raise KeyboardInterrupt
        seen.append(path.name)
        return default_file_reader(path, max_bytes)

    with pytest.raises(KeyboardInterrupt):
        ingest_paths([pile], store, read_file=interrupted_reader)
    assert store.count_documents() == 2
    assert store.list_runs()[0]["status"] == "unfinished"
    resumed = ingest_paths([pile], store)
    assert (resumed.stored, resumed.duplicates) == (1, 3)
    assert store.count_documents() == 3


# -- progress ---------------------------------------------------------------------------------------

class _Recorder:
    def __init__(self) -> None:
        self.total: int | None = None
        self.done: list[tuple[str, list[FileOutcome]]] = []

    def start(self, total_files: int) -> None:
        self.total = total_files

    def file_done(self, path: str, outcomes: list[FileOutcome], summary: RunSummary) -> None:
        self.done.append((path, outcomes))


def test_progress_hears_of_every_file(store: Store, pile: Path) -> None:
    (pile / "empty.txt").write_bytes(b"")
    recorder = _Recorder()
    summary = ingest_paths([pile, pile / "missing.txt"], store, progress=recorder)
    assert recorder.total == 6 == summary.files
    assert len(recorder.done) == 6
    assert sum(len(o) for _, o in recorder.done) == 6


def test_read_errors_name_the_file_once() -> None:
    from pactwatch.ingest.batch import _reason

    error = ReadError("E103", "news/bad.bin: binary file (NUL bytes)")
    assert _reason(error, "news/bad.bin") == "[E103] binary file (NUL bytes)"
    assert _reason(ReadError("E101", "empty file"), "x.txt") == "[E101] empty file"


# -- the real seed articles (skipped when ../shared is absent) -----------------------------------

def test_seed_articles_store_exactly_their_analysis_records(
    shared_dir: Path, db_target: str
) -> None:
    from pactwatch.ingest.readers import read_path

    seeds = shared_dir / "corpus" / "seeds"
    with open_store(db_target) as store:
        summary = ingest_paths([seeds], store)
        assert summary.ok and summary.stored == len(list(seeds.glob("*.txt")))
        assert store.verify() == []
        pipeline = build_pipeline()
        for path in sorted(seeds.glob("*.txt")):
            for doc in read_path(path):
                expected = pipeline(doc).as_dict()
                assert store.get_record(doc.id) == expected


def test_an_article_over_its_time_budget_fails_and_the_run_goes_on(
    store: Store, pile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The budget is checked between stages: a stage that runs long on one article makes
    that article fail with E004 (naming its file); the others are stored."""
    real = build_pipeline()

    def slow(doc: Document) -> Document:
        if "Liên minh" in doc.text:
            time.sleep(0.3)
        return doc

    slow_stage = StageInfo(name="slow", fn=slow)
    monkeypatch.setenv("PACTWATCH_ARTICLE_SECONDS", "0.2")
    summary = ingest_paths([pile], store, pipeline=Pipeline([slow_stage, *real.stages]))
    assert [f.reason[:6] for f in summary.failures if f.reason] == ["[E004]"]
    assert "time budget" in summary.failures[0].line()
    assert summary.failures[0].line().startswith(str(pile))
    assert summary.stored >= 2


def test_an_ordinary_article_never_meets_the_default_budget(store: Store, pile: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.delenv("PACTWATCH_ARTICLE_SECONDS", raising=False)
    assert article_seconds() == DEFAULT_ARTICLE_SECONDS >= 60
    summary = ingest_paths([pile], store)
    assert not any("E004" in (f.reason or "") for f in summary.failures)
