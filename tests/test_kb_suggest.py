"""``pactwatch kb suggest``: unlinked actors of a database, ready for a reviewer (issue 13)."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from pactwatch.cli.main import cli

# Two short articles written for the test, naming a group the KB does not list.
FIRST = (
    "Lực lượng SDF chiếm lại thị trấn\n"
    "Lực lượng SDF ngày 3/5 tuyên bố đã chiếm lại thị trấn gần thành phố Deir ez-Zor của"
    " Syria. Phát ngôn viên cho biết SDF sẽ tiếp tục chiến dịch.\n"
)
SECOND = (
    "SDF rút khỏi làng\n"
    "Ngày 4/5, lực lượng SDF rút khỏi một ngôi làng ở tỉnh Raqqa, Syria, sau khi bị pháo kích.\n"
)


def test_suggest_lists_unlinked_actors_and_writes_stubs(tmp_path: Path) -> None:
    for name, text in (("a.txt", FIRST), ("b.txt", SECOND)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    ingest = runner.invoke(cli, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                                 "--db", db])
    assert ingest.exit_code == 0, ingest.output
    stubs = tmp_path / "stubs.yaml"
    result = runner.invoke(cli, ["kb", "suggest", "--db", db, "--write", str(stubs)])
    assert result.exit_code == 0, result.output
    first_line = result.output.splitlines()[0]
    # one provisional id for the group in both articles, most documents first
    assert first_line.startswith("organization:sdf  organization  SDF  2 documents")
    written = yaml.safe_load(stubs.read_text(encoding="utf-8").split("\n", 1)[1])
    sdf = next(s for s in written if s["id"] == "organization:sdf")
    assert sdf["source"] == ""
    assert "country:SYR" in sdf["seen"]["with"]
    assert any("SDF" in e for e in sdf["seen"]["examples"])


def test_suggest_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["kb", "suggest", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert not (tmp_path / "none.db").exists()
