"""``pactwatch ingest|documents|show|runs`` through click's CliRunner, and one real process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.cli.main import cli
from pactwatch.config import parse_size
from pactwatch.errors import PactwatchError
from pactwatch.store import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "store"
STORY_PILE = FIXTURES.parent / "stories_translation"


@pytest.fixture
def pile(tmp_path: Path) -> Path:
    folder = tmp_path / "pile"
    folder.mkdir()
    for article in FIXTURES.glob("*.txt"):
        shutil.copy(article, folder / article.name)
    return folder


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PACTWATCH_DB", raising=False)
    return CliRunner()


def test_ingest_then_list_show_and_runs(runner: CliRunner, pile: Path, db_target: str) -> None:
    db = db_target  # a SQLite file, then PostgreSQL (skipped without a server)
    result = runner.invoke(cli, ["ingest", str(pile), "--db", db])
    assert result.exit_code == 0, result.output
    assert "stored" in result.stdout and "duplicates" in result.stdout  # results: stdout

    listed = runner.invoke(cli, ["documents", "--db", db, "--json"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == 3 and all(r["stages"] for r in rows)
    table = runner.invoke(cli, ["documents", "--db", db])
    assert table.exit_code == 0
    for name in ("id", "date", "outlet", "title", "language", "status"):
        assert name in table.stdout
    assert all(r["id"] in table.stdout for r in rows) and "analysed" in table.stdout

    shown = runner.invoke(cli, ["show", rows[0]["id"], "--db", db])
    assert shown.exit_code == 0
    with open_store(db) as store:
        doc = store.get_document(rows[0]["id"])
    assert doc is not None
    first_line = doc["text"].splitlines()[0]
    assert first_line in shown.stdout and "actors" in shown.stdout
    by_prefix = runner.invoke(cli, ["show", rows[0]["id"][:7], "--db", db])
    assert by_prefix.exit_code == 0 and first_line in by_prefix.stdout
    as_json = runner.invoke(cli, ["show", rows[0]["id"], "--db", db, "--json"])
    assert json.loads(as_json.stdout)["document"]["id"] == rows[0]["id"]

    runs = runner.invoke(cli, ["runs", "--db", db])
    assert runs.exit_code == 0 and "finished" in runs.stdout
    every = runner.invoke(cli, ["runs", "--db", db, "--run", "1", "--json"])
    run = json.loads(every.stdout)
    assert [f["status"] for f in run["files"]] == ["stored"] * 3


def test_bad_files_print_one_line_each_and_exit_1(
    runner: CliRunner, pile: Path, db_target: str
) -> None:
    (pile / "bad.txt").write_bytes(b"abc\x00\x00\x00def" * 30)
    (pile / "empty.txt").write_bytes(b"")
    db = db_target
    result = runner.invoke(cli, ["ingest", str(pile), "--db", db, "--quiet"])
    assert result.exit_code == 1
    lines = sorted(result.stderr.splitlines())
    assert len(lines) == 2
    assert lines[0].startswith(f"{pile / 'bad.txt'}: [E103] ")
    assert lines[1] == f"{pile / 'empty.txt'}: [E101] empty file"
    assert result.stdout == ""  # --quiet: no table
    with open_store(db) as store:
        assert store.count_documents() == 3


def test_quiet_json_summary_and_exit_0_on_rerun(
    runner: CliRunner, pile: Path, db_target: str
) -> None:
    db = db_target
    runner.invoke(cli, ["ingest", str(pile), "--db", db, "-q"])
    again = runner.invoke(cli, ["ingest", str(pile), "--db", db, "-q", "--json"])
    assert again.exit_code == 0
    summary = json.loads(again.stdout)
    assert (summary["stored"], summary["duplicates"], summary["failed"]) == (0, 3, 0)


def test_default_db_is_env_then_current_folder(
    runner: CliRunner, pile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(cli, ["ingest", str(pile / "vien_tro.txt"), "-q"])
    assert result.exit_code == 0
    assert (tmp_path / "pactwatch.db").exists()
    monkeypatch.setenv("PACTWATCH_DB", str(tmp_path / "from-env.db"))
    runner.invoke(cli, ["ingest", str(pile / "vien_tro.txt"), "-q"])
    assert (tmp_path / "from-env.db").exists()
    listed = runner.invoke(cli, ["documents", "--db", f"sqlite:///{tmp_path / 'from-env.db'}",
                                 "--json"])
    assert len(listed.stdout.splitlines()) == 1


def test_stdin_dash(runner: CliRunner, db_target: str) -> None:
    db = db_target
    text = "Bộ trưởng hai nước bàn về hợp tác an ninh biển trong năm nay."
    result = runner.invoke(cli, ["ingest", "-", "--db", db, "-q"], input=text.encode())
    assert result.exit_code == 0, result.stderr
    runs = runner.invoke(cli, ["runs", "--db", db, "--json"])
    assert json.loads(runs.stdout)["files"][0]["path"] == "<stdin>"


@pytest.mark.parametrize(
    "args",
    [
        ["ingest"],  # no paths
        ["ingest", ".", "--max-size", "lots"],
        ["ingest", ".", "--db", "mysql://host/db"],
        ["ingest", ".", "--db", "/no/such/folder/x.db"],
        ["documents", "--from", "last week"],
        ["show", "0000000000000000"],
        ["runs", "--run", "99"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    with open_store("pactwatch.db"):  # the reading commands have a database to read
        pass
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, (result.output, result.exception)
    assert "Error" in result.stderr and "Traceback" not in result.stderr


def test_missing_path_is_a_failed_file_not_a_usage_error(runner: CliRunner, pile: Path) -> None:
    result = runner.invoke(cli, ["ingest", str(pile), "nowhere.txt", "-q"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "nowhere.txt: [E191] no such file or folder"


def test_real_process(pile: Path, db_target: str) -> None:
    (pile / "bad.bin").write_bytes(b"\x00\x01\x02" * 100)
    env = {**os.environ, "PACTWATCH_DB": db_target}
    proc = subprocess.run(
        [sys.executable, "-m", "pactwatch.cli.main", "ingest", str(pile), "--quiet"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"{pile / 'bad.bin'}: [E1")
    listed = subprocess.run(
        [sys.executable, "-m", "pactwatch.cli.main", "documents", "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert listed.returncode == 0
    assert len(listed.stdout.splitlines()) == 3


@pytest.mark.parametrize(
    ("text", "size"),
    [("20MB", 20_000_000), ("500k", 500_000), ("1000", 1000), ("1MiB", 1_048_576),
     ("2 gb", 2_000_000_000), ("1.5KB", 1500), ("7b", 7)],
)
def test_sizes(text: str, size: int) -> None:
    assert parse_size(text) == size


@given(st.integers(0, 10**12), st.sampled_from(["", "b", "KB", "k", "MB", "m", "GB", "KiB", "MiB"]))
def test_sizes_scale_with_their_unit(number: int, unit: str) -> None:
    factor = {"": 1, "b": 1, "KB": 10**3, "k": 10**3, "MB": 10**6, "m": 10**6, "GB": 10**9,
              "KiB": 1024, "MiB": 1024**2}[unit]
    assert parse_size(f"{number}{unit}") == number * factor


@given(st.text())
def test_sizes_never_crash(text: str) -> None:
    try:
        assert parse_size(text) >= 0
    except PactwatchError as exc:
        assert exc.code == "E190"


def test_two_ingests_at_once_store_each_article_once(tmp_path: Path, db_target: str) -> None:
    spec_path = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus_gen.py"
    import importlib.util

    spec = importlib.util.spec_from_file_location("corpus_gen", spec_path)
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    sys.modules["corpus_gen"] = gen
    spec.loader.exec_module(gen)
    folder = tmp_path / "pile"
    expected = sum(f.articles for f in gen.generate_corpus(folder, 40, seed=5, max_chars=800))
    db = db_target
    command = [sys.executable, "-m", "pactwatch.cli.main", "ingest", str(folder), "--db",
               db, "--quiet"]
    first = subprocess.Popen(command, stderr=subprocess.PIPE)
    second = subprocess.Popen(command, stderr=subprocess.PIPE)
    errors = [p.communicate(timeout=300)[1].decode() for p in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), errors
    with open_store(db) as store:
        assert store.count_documents() == expected
        assert store.verify() == []
        stored = [f["doc_id"] for run in store.list_runs() for f in store.run_files(run["id"])
                  if f["status"] == "stored"]
        assert sorted(stored) == sorted(set(stored)) and len(stored) == expected


def test_ctrl_c_says_how_to_resume_and_exits_130(
    runner: CliRunner, pile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pactwatch.ingest.batch as batch

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "ingest_paths", interrupted)
    result = runner.invoke(cli, ["ingest", str(pile), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 130
    assert "run again to resume" in result.stderr


def test_a_rerun_after_a_crash_before_stories_completes_them(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Killed after every article was stored but before stories were updated (here: the
    first run skips them): a re-run stores nothing new and still updates the stories."""
    pile = STORY_PILE  # an article and its translation: one story
    clean, crashed = str(tmp_path / "clean.db"), str(tmp_path / "crashed.db")
    assert runner.invoke(cli, ["ingest", str(pile), "--db", clean, "-q"]).exit_code == 0
    assert runner.invoke(cli, ["ingest", str(pile), "--db", crashed, "-q", "--no-stories"]
                         ).exit_code == 0
    with open_store(crashed) as store:
        assert store.count_stories() == 0 and len(store.unsigned_documents()) == 3
    rerun = runner.invoke(cli, ["ingest", str(pile), "--db", crashed, "--json"])
    assert rerun.exit_code == 0 and json.loads(rerun.stdout.splitlines()[-1])["stored"] == 0
    with open_store(crashed) as store, open_store(clean) as reference:
        assert store.unsigned_documents() == []
        assert store.count_stories() == reference.count_stories() >= 1


def test_stories_interrupted_while_being_saved_are_completed_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pactwatch.ingest.batch import ingest_paths
    from pactwatch.store.sql import SqlStore
    from pactwatch.stories.build import update_stories

    with open_store(str(tmp_path / "x.db")) as store:
        ingest_paths([STORY_PILE], store)

        def killed(self: object, *args: object) -> None:
            raise KeyboardInterrupt

        with monkeypatch.context() as patched:
            patched.setattr(SqlStore, "save_stories", killed)
            with pytest.raises(KeyboardInterrupt):
                update_stories(store)
        assert len(store.unsigned_documents()) == 3
        again = update_stories(store)
        assert again.signed == 3 and store.unsigned_documents() == []
        assert store.count_stories() == update_stories(store, rebuild=True).stories >= 1
