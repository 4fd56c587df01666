"""The first hour with pactwatch (issue 18): each command as a newcomer types it, with its
output and exit status. In-process through click's CliRunner, and in real processes where
start-up, pipes or imports are the point."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pactwatch.cli.main import cli

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"
CLI = [sys.executable, "-m", "pactwatch.cli.main"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PACTWATCH_DB"}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")])
    return {**env, **extra}


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PACTWATCH_DB", raising=False)
    return CliRunner()


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The quick start's database: `pactwatch ingest examples --db pactwatch.db`."""
    db = tmp_path_factory.mktemp("quickstart") / "pactwatch.db"
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def ingest_output(example_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    db = tmp_path_factory.mktemp("again") / "pactwatch.db"
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


# -- a name in the user's language wins over an ISO3 code -------------------------------
def test_attacked_nga_is_russia_and_says_so(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["obligations", "--attacked", "Nga", "--on", "2024-01-01"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("If RUS is attacked on 2024-01-01:")
    note = result.stderr.strip().splitlines()
    assert len(note) == 1 and "Russia (RUS)" in note[0] and "NGA" in note[0]


def test_an_iso3_code_in_capitals_is_the_code(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["obligations", "--attacked", "NGA", "--on", "2024-01-01"])
    assert result.exit_code == 0
    assert result.stdout.startswith("If NGA is attacked")
    assert "Nigeria" in result.stderr and "RUS" in result.stderr


@pytest.mark.parametrize("name", ["Phần Lan", "phan lan", "Finland", "FIN"])
def test_one_reading_says_nothing(runner: CliRunner, name: str) -> None:
    result = runner.invoke(cli, ["obligations", "--attacked", name, "--on", "2023-04-05"])
    assert result.exit_code == 0
    assert result.stdout.startswith("If FIN is attacked") and result.stderr == ""


def test_an_unknown_country_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["obligations", "--attacked", "Atlantis", "--on", "2024-01-01"])
    assert result.exit_code == 2 and "unknown country" in result.stderr
    assert "Traceback" not in result.output


# -- a mistyped database is never created ------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["documents", "--db", "pactwach.db"],
        ["show", "abc", "--db", "pactwach.db"],
        ["runs", "--db", "pactwach.db"],
        ["stories", "--db", "pactwach.db"],
        ["stories", "show", "abc", "--db", "pactwach.db"],
        ["changes", "--since", "2025-01-01", "--db", "pactwach.db"],
        ["obligations", "--attacked", "FIN", "--on", "2023-04-05", "--db", "pactwach.db"],
        ["serve", "--db", "pactwach.db"],
        ["documents", "--db", "sqlite:///pactwach.db"],
    ],
)
def test_reading_commands_refuse_a_missing_database(
    runner: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no such database: " in lines[0] and "pactwach.db" in lines[0]
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []  # nothing created


@pytest.mark.parametrize("args", [["documents"], ["runs"], ["serve"]])
def test_the_default_database_must_exist_too(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2 and "no such database: pactwatch.db" in result.stderr


def test_ingest_of_nothing_creates_nothing(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["ingest", "no/such/path", "--db", "e.db"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "no/such/path: [E191] no such file or folder",
        "nothing ingested: no file to read in the inputs given",
    ]
    assert not (tmp_path / "e.db").exists()


def test_ingest_with_one_real_input_creates_the_database(runner: CliRunner, tmp_path: Path) -> None:
    article = EXAMPLES / "2025-09-ba-lan-drone.txt"
    result = runner.invoke(cli, ["ingest", str(article), "nowhere.txt", "--db", "e.db", "-q"])
    assert result.exit_code == 1  # one input failed, the other was stored
    assert (tmp_path / "e.db").exists()
    listed = runner.invoke(cli, ["documents", "--db", "e.db", "--json"])
    assert listed.exit_code == 0 and len(listed.stdout.splitlines()) == 1


# -- without --db: $PACTWATCH_DB, else ./pactwatch.db -------------------------------------
def test_obligations_reads_the_default_database(
    runner: CliRunner, tmp_path: Path, example_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = ["obligations", "--attacked", "UKR", "--on", "2025-12-14"]
    treaties_only = runner.invoke(cli, question).stdout
    explicit = runner.invoke(cli, [*question, "--db", str(example_db)]).stdout
    assert explicit != treaties_only  # the example database reports commitments to UKR
    shutil.copy(example_db, tmp_path / "pactwatch.db")
    assert runner.invoke(cli, question).stdout == explicit
    (tmp_path / "pactwatch.db").unlink()
    monkeypatch.setenv("PACTWATCH_DB", str(example_db))
    assert runner.invoke(cli, question).stdout == explicit
    monkeypatch.setenv("PACTWATCH_DB", str(tmp_path / "typo.db"))
    refused = runner.invoke(cli, question)
    assert refused.exit_code == 2 and "no such database" in refused.stderr


def test_changes_reads_the_default_database(
    runner: CliRunner, tmp_path: Path, example_db: Path
) -> None:
    question = ["changes", "--since", "2025-01-01"]
    explicit = runner.invoke(cli, [*question, "--db", str(example_db)])
    shutil.copy(example_db, tmp_path / "pactwatch.db")
    default = runner.invoke(cli, question)
    assert default.exit_code == 0 and default.stdout == explicit.stdout


# -- no Python None reaches the user -------------------------------------------------------
def test_no_none_in_any_output(runner: CliRunner, example_db: Path) -> None:
    db = str(example_db)
    rows = [json.loads(line) for line in
            runner.invoke(cli, ["documents", "--db", db, "--json"]).stdout.splitlines()]
    commands = [
        ["documents", "--db", db],
        *[["show", row["id"], "--db", db] for row in rows],
        ["runs", "--db", db],
        ["runs", "--db", db, "--run", "1"],
        ["stories", "--db", db],
        ["obligations", "--attacked", "UKR", "--on", "2025-12-14", "--db", db],
        ["obligations", "--attacked", "FIN", "--on", "2023-04-05", "--db", db],
        ["obligations", "--attacker", "RUS", "--on", "2024-06-01", "--db", db],
        ["changes", "--since", "2020-01-01", "--db", db],
        ["kb", "show", "Nga"],
        ["kb", "show", "Điện Kremlin"],
        ["analyze", *[str(p) for p in sorted(EXAMPLES.glob("*.txt"))[:4]]],
    ]
    for args in commands:
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (args, result.output)
        assert not re.search(r"\bNone\b", result.output), (args, result.output)


# -- start-up: nothing that analyses nothing loads the pipeline ---------------------------
HEAVY = ("datasketch", "scipy", "numpy", "pactwatch.stages", "pactwatch.extract",
         "pactwatch.stories", "pactwatch.store.sqlite", "rich.console")
PROBE = """
import sys
from pactwatch.cli.main import cli
try:
    cli({args!r}, standalone_mode=False)
except SystemExit:
    pass
except Exception:
    pass
print("\\nLOADED", sorted(m for m in sys.modules if m.split(".")[0] in {{"datasketch", "scipy",
      "numpy", "rich"}} or m.startswith(("pactwatch.stages", "pactwatch.extract",
      "pactwatch.stories", "pactwatch.store.sqlite"))))
"""


def _loaded(args: list[str]) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], capture_output=True,
                          text=True, env=_env(), timeout=120, check=False)
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("LOADED"))
    return list(json.loads(line.removeprefix("LOADED ").replace("'", '"')))


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["docuemnts"], ["kb", "--help"],
                                  ["ingest", "--help"], ["stories", "--help"]])
def test_help_version_and_typos_import_nothing_heavy(args: list[str]) -> None:
    assert _loaded(args) == []


def test_kb_show_does_not_load_the_pipeline() -> None:
    loaded = _loaded(["kb", "show", "Nga"])
    assert not [m for m in loaded if m.startswith(("pactwatch.stages", "pactwatch.extract",
                                                   "datasketch", "scipy"))]


def test_typo_suggests_and_exits_2() -> None:
    done = subprocess.run([*CLI, "docuemnts"], capture_output=True, text=True, env=_env(),
                          timeout=60, check=False)
    assert done.returncode == 2 and "documents" in done.stderr


# -- results on stdout, progress on stderr --------------------------------------------------
def test_ingest_results_go_to_stdout(ingest_output: tuple[str, str]) -> None:
    stdout, stderr = ingest_output
    for part in ("run 1", "stored", "in the database", "most mentioned actors", "stories:"):
        assert part in stdout
    assert "┃" not in stderr and "stories" not in stderr


def test_ingest_to_a_file_leaves_the_summary_in_it(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    with out.open("w") as handle:
        done = subprocess.run([*CLI, "ingest", str(EXAMPLES / "2024-03-han-my-tap-tran.txt"),
                               "--db", str(tmp_path / "x.db")], stdout=handle,
                              stderr=subprocess.PIPE, text=True, env=_env(), timeout=300,
                              check=False)
    assert done.returncode == 0, done.stderr
    assert "in the database" in out.read_text(encoding="utf-8")


def test_stories_line_says_why_there_are_none(ingest_output: tuple[str, str]) -> None:
    assert "stories: none (no two articles report the same happening)" in ingest_output[0]


# -- most mentioned actors: by mentions, outlets apart --------------------------------------
def test_most_mentioned_actors_sorted_by_mentions_without_outlets(
    ingest_output: tuple[str, str],
) -> None:
    stdout = ingest_output[0]
    table = stdout[stdout.index("most mentioned actors"):]
    rows = [line for line in table.splitlines() if line.startswith("│")]
    mentions = [int(cells[3]) for line in rows
                if (cells := [c.strip() for c in line.split("│")])[3]]
    assert mentions and mentions == sorted(mentions, reverse=True)
    assert "outlet:" not in table.split("outlets named")[0]
    assert "outlets named (mentions): Reuters 9" in stdout


# -- titles are never file paths -------------------------------------------------------------
DANTRI_CAPTION_FIRST = """# doc_id = news_world_999
# url = https://dantri.com.vn/the-gioi/vi-du-20210424.htm
# date = 20210424
Ngoại trưởng Séc Jakub Kulhanek (Ảnh: AP).
Cộng hòa Séc ngày 22/4 yêu cầu Nga rút thêm 63 nhà ngoại giao khỏi đại sứ quán ở Praha trước cuối tháng 5, sau khi Moscow bác bỏ tối hậu thư của Prague về việc cho phép các nhà ngoại giao Séc trở lại.
Bộ Ngoại giao Nga gọi quyết định này là hành động thù địch.
"""
DANTRI_LEAD_FIRST = """# doc_id = news_world_998
# url = https://dantri.com.vn/the-gioi/vi-du-20210425.htm
# date = 20210425
Bộ trưởng Quốc phòng Nga Sergei Shoigu ngày 22/4 ra lệnh rút quân khỏi khu vực gần biên giới Ukraine.
Ông Shoigu cho biết các cuộc tập trận đã kết thúc.
"""


def test_dantri_titles_are_sentences_not_paths(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "dantri"
    folder.mkdir()
    (folder / "news_world_999.txt").write_text(DANTRI_CAPTION_FIRST, encoding="utf-8")
    (folder / "news_world_998.txt").write_text(DANTRI_LEAD_FIRST, encoding="utf-8")
    assert runner.invoke(cli, ["ingest", str(folder), "--db", "d.db", "-q"]).exit_code == 0
    rows = [json.loads(line) for line in
            runner.invoke(cli, ["documents", "--db", "d.db", "--json"]).stdout.splitlines()]
    titles = {row["source_path"].rsplit("/", 1)[-1]: row["title"] for row in rows}
    assert titles["news_world_999.txt"].startswith("Cộng hòa Séc ngày 22/4 yêu cầu Nga rút")
    assert titles["news_world_999.txt"].endswith("…") and len(titles["news_world_999.txt"]) <= 120
    assert titles["news_world_998.txt"] == ("Bộ trưởng Quốc phòng Nga Sergei Shoigu ngày 22/4"
                                            " ra lệnh rút quân khỏi khu vực gần biên giới Ukraine")
    table = runner.invoke(cli, ["documents", "--db", "d.db"], env={"COLUMNS": "200"}).stdout
    assert str(folder) not in table and "Cộng hòa Séc" in table
    shown = runner.invoke(cli, ["show", rows[0]["id"], "--db", "d.db"]).stdout
    assert str(folder) not in shown.split("\n", 2)[0]


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.exists(), reason="../shared is absent")
def test_every_dantri_article_has_a_title() -> None:
    from pactwatch.ingest.readers import read_path

    for path in sorted((SHARED / "corpus" / "dantri").glob("*.txt")):
        [doc] = read_path(path)
        assert doc.title and "dantri" not in doc.title and len(doc.title) <= 220, path.name
        assert "(Ảnh:" not in doc.title, path.name


# -- a closed pipe exits 0, quietly -----------------------------------------------------------
def test_a_closed_pipe_exits_0_quietly() -> None:
    proc = subprocess.Popen([*CLI, "obligations", "--attacked", "FIN", "--on", "2023-04-05"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line is written
    stderr = proc.stderr.read()
    assert proc.wait(timeout=60) == 0 and stderr == b""


def test_pipe_into_head_as_typed() -> None:
    command = " ".join([*CLI, "obligations", "--attacked", "FIN", "--on", "2023-04-05"])
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {command} | head -1"],
                          capture_output=True, text=True, env=_env(), timeout=60, check=False)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == "If FIN is attacked on 2023-04-05:\n"


# -- plain words, public sources ------------------------------------------------------------------
def test_stories_speaks_plainly(runner: CliRunner, example_db: Path) -> None:
    result = runner.invoke(cli, ["stories", "--db", str(example_db)])
    assert result.exit_code == 0
    assert "signed" not in result.output and "compared" in result.stderr


INTERNAL = re.compile(r"shared/|README\.txt|\.csv\b")


def test_kb_show_cites_the_public_source(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["kb", "show", "Điện Kremlin"])
    assert result.exit_code == 0
    sources = [line for line in result.stdout.splitlines() if line.startswith("source:")]
    assert sources and not [s for s in sources if INTERNAL.search(s)]


def test_obligations_cite_the_public_source(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["obligations", "--attacked", "FIN", "--on", "2023-04-05"])
    sources = [line for line in result.stdout.splitlines() if "source:" in line]
    assert len(sources) >= 3 and not [s for s in sources if INTERNAL.search(s)]
    assert any("eur-lex.europa.eu" in s for s in sources)  # TEU Art. 42(7), its text
    assert any("ATOP 5.1 atopid 3180" in s for s in sources)  # NATO, the ATOP dataset


def _sources(value: object) -> list[str]:
    if isinstance(value, dict):
        found = [str(v) for k, v in value.items() if k == "source"]
        return found + [s for v in value.values() for s in _sources(v)]
    if isinstance(value, list):
        return [s for v in value for s in _sources(v)]
    return []


def test_no_kb_fact_cites_an_internal_file() -> None:
    kb = REPO / "src" / "pactwatch" / "data" / "kb"
    for path in sorted(kb.glob("*.yaml")):
        for source in _sources(yaml.safe_load(path.read_text(encoding="utf-8"))):
            assert not INTERNAL.search(source), (path.name, source)
