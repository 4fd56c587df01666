"""The Dask engine (``pactwatch ingest --workers/--scheduler``) on a local cluster of two
worker processes: the same records and failure lines as the single-process path, an
interrupted run that leaves whole articles and resumes without duplicates, and a clear
error when Dask is missing."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from pactwatch.ingest.batch import FileOutcome, RunSummary, ingest_paths
from pactwatch.store import Store, open_store

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow  # a cluster of two worker processes, each building a pipeline

from pactwatch.ingest.distributed import ingest_distributed  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _corpus_gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_gen", REPO / "benchmarks" / "corpus_gen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_gen"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def pile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pile")
    files = _corpus_gen().generate_corpus(folder / "gen", 24, seed=5, min_chars=300,
                                          max_chars=1200)
    bad = folder / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02" * 200)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "broken.md").write_text("---\ntitle: [unclosed\n---\nNội dung.\n", encoding="utf-8")
    (bad / "format.xyz").write_text("Một bài báo.", encoding="utf-8")
    # the same text under another name: stored once, recorded as a duplicate
    first_txt = next(f.path for f in files if f.path.suffix == ".txt")
    shutil.copy(first_txt, bad / "copy.txt")
    return folder


def _records(store: Store) -> dict[str, dict[str, Any]]:
    found = {}
    for record in store.iter_records():
        # which copy of a duplicated text was stored first depends on who finished first
        record["document"].pop("source_path")
        found[record["document"]["id"]] = record
    return found


def _failures(summary: RunSummary) -> list[str]:
    return sorted(f.line() for f in summary.failures)


def test_same_records_and_failures_as_single_process(tmp_path: Path, pile: Path,
                                                     client: Any) -> None:
    with open_store(tmp_path / "one.db") as one, open_store(tmp_path / "two.db") as two:
        single = ingest_paths([pile], one)
        dask = ingest_distributed([pile], two, client=client, chunk_size=3)
        for key in ("files", "articles", "stored", "duplicates", "failed"):
            assert dask.counts()[key] == single.counts()[key], key
        assert _failures(dask) == _failures(single)
        assert len(_failures(dask)) == 4
        assert _records(two) == _records(one)
        assert two.verify() == []
        run = two.list_runs(limit=1)[0]
        assert run["status"] == "finished"
        assert run["args"]["engine"] == "dask" and run["args"]["workers"] == 2


class _StopAfter:
    """A progress listener that interrupts the run (as Ctrl-C would) after ``n`` files."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.done = 0

    def start(self, total_files: int) -> None:
        pass

    def file_done(self, path: str, outcomes: list[FileOutcome], summary: RunSummary) -> None:
        self.done += 1
        if self.done == self.n:
            raise KeyboardInterrupt


def test_interrupted_run_leaves_whole_articles_and_resumes(tmp_path: Path, pile: Path,
                                                           client: Any) -> None:
    with open_store(tmp_path / "all.db") as reference:
        ingest_paths([pile], reference)
        expected = set(_records(reference))
    with open_store(tmp_path / "resume.db") as store:
        with pytest.raises(KeyboardInterrupt):
            ingest_distributed([pile], store, client=client, chunk_size=2,
                               progress=_StopAfter(10))
        assert store.verify() == []
        first_run = store.list_runs(limit=1)[0]
        assert first_run["status"] == "unfinished"
        stored_first = store.count_documents()
        assert 0 < stored_first < len(expected)

        summary = ingest_distributed([pile], store, client=client, chunk_size=2)
        assert summary.failed == 4
        assert set(_records(store)) == expected
        assert store.verify() == []
        run = store.list_runs(limit=1)[0]
        assert run["args"]["resumes_run"] == first_run["id"]
        assert run["args"]["skipped_stored"] > 0
        # every article was stored by exactly one run
        stored = [f["doc_id"] for r in store.list_runs() for f in store.run_files(r["id"])
                  if f["status"] == "stored"]
        assert len(stored) == len(set(stored)) == len(expected)

        from pactwatch.cli.main import cli

        shown = CliRunner().invoke(cli, ["runs", "--db", str(tmp_path / "resume.db")],
                                   env={"COLUMNS": "250"})
        assert f"(resumed of run {first_run['id']}:" in shown.output, shown.output

        # a third run finds nothing left to do
        again = ingest_distributed([pile], store, client=client)
        assert again.stored == 0 and again.failed == 4


def test_cli_scheduler_option(tmp_path: Path, pile: Path, client: Any) -> None:
    from pactwatch.cli.main import cli

    db = tmp_path / "cli.db"
    result = CliRunner().invoke(cli, ["ingest", str(pile / "bad"), "--db", str(db), "--quiet",
                                      "--scheduler", client.scheduler.address])
    assert result.exit_code == 1, result.output
    assert "binary.txt: [E103]" in result.output
    with open_store(db) as store:
        assert store.count_documents() == 1


def test_cli_says_in_one_line_that_dask_is_missing(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from pactwatch.cli.main import cli

    monkeypatch.setitem(sys.modules, "distributed", None)  # import now fails
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.db"),
                                      "--workers", "2"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "pactwatch[scale]" in lines[0], result.output
