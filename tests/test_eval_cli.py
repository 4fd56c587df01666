"""``pactwatch eval`` end to end on fixtures, the baseline floors, and bad input."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.cli.main import cli
from pactwatch.errors import EvaluationError
from pactwatch.evaluation.baseline import TOLERANCE, check, find_set, raise_floors
from pactwatch.evaluation.gold import load_gold_dir, load_gold_file
from pactwatch.evaluation.runner import default_corpus_dir, load_records, read_article

BASIC = Path(__file__).resolve().parent / "fixtures" / "eval" / "basic"


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # show the real error, not just an exit code
    return result.exit_code, result.stdout, result.stderr


def test_eval_records_json_has_totals_and_documents() -> None:
    code, out, _ = _invoke(
        "eval", str(BASIC / "gold"), "--records", str(BASIC / "records"), "--json"
    )
    assert code == 0
    report = json.loads(out)
    assert report["total"]["metrics"]["actors.f1"] == pytest.approx(0.8)
    assert report["total"]["counts"]["events"] == {
        "predicted_matched": 3,
        "predicted": 5,
        "gold_found": 2,
        "gold": 2,
    }
    assert [d["file"] for d in report["documents"]] == ["mau_1.txt"]


def test_eval_table_and_explain_name_what_went_wrong() -> None:
    code, out, _ = _invoke(
        "eval", str(BASIC / "gold"), "--records", str(BASIC / "records"), "--explain"
    )
    assert code == 0
    assert "actors.person" in out
    assert "actor missed   person:nguyen-van-an" in out
    assert "actor spurious person:nguyen-van-binh" in out
    assert "time spurious  2024-06" in out
    assert "quote speaker" in out and "gold country:JPN, predicted country:VNM" in out
    assert "event spurious THREATEN" in out and "wrong type" in out
    assert "commitment status" in out and "['agreed']" in out
    assert "commitment missed   membership" in out and "wrong type" in out


def test_update_baseline_raises_and_never_lowers(tmp_path: Path) -> None:
    baseline = tmp_path / "eval_baseline.json"
    gold_dir = BASIC / "gold"
    moved = raise_floors(baseline, gold_dir, {"actors.f1": 0.8123, "events.f1": None})
    assert moved == {"actors.f1": (None, 0.812)}
    assert raise_floors(baseline, gold_dir, {"actors.f1": 0.5}) == {}
    assert raise_floors(baseline, gold_dir, {"actors.f1": 0.9}) == {"actors.f1": (0.812, 0.9)}
    pinned = find_set(baseline, gold_dir)
    assert pinned is not None and pinned.floors == {"actors.f1": 0.9}


def test_check_reports_score_floor_and_value() -> None:
    violations = check(
        {"actors.f1": 0.5, "times.f1": 0.9, "quotes.speaker_accuracy": None},
        {"actors.f1": 0.6, "times.f1": 0.9, "quotes.speaker_accuracy": 0.2},
    )
    assert [str(v) for v in violations] == [
        "actors.f1 = 0.5000 is below its floor 0.600",
        "quotes.speaker_accuracy = none is below its floor 0.200",
    ]


def test_cli_check_and_update_baseline(tmp_path: Path) -> None:
    baseline = tmp_path / "eval_baseline.json"
    args = [
        "eval",
        str(BASIC / "gold"),
        "--records",
        str(BASIC / "records"),
        "--baseline",
        str(baseline),
    ]
    code, _, err = _invoke(*args, "--check")
    assert code == 1 and "no floors pinned" in err
    code, _, err = _invoke(*args, "--update-baseline")
    assert code == 0 and "floors raised" in err
    assert _invoke(*args, "--check")[0] == 0
    data = json.loads(baseline.read_text(encoding="utf-8"))
    (entry,) = data["sets"].values()
    entry["floors"]["actors.f1"] = 0.95
    baseline.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = _invoke(*args, "--check")
    assert code == 1 and "actors.f1 = 0.8000 is below its floor 0.950" in err


def test_bad_gold_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "hong.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"E403.*hong\.json"):
        load_gold_file(bad)
    bad.write_text(json.dumps({"actors": [{"names": ["x"]}]}), encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"E404.*hong\.json"):
        load_gold_file(bad)
    with pytest.raises(EvaluationError, match="E401"):
        load_gold_dir(tmp_path / "khong-co")


def test_cli_reports_bad_input_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x.json").write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "gold"), "--records", str(tmp_path)])
    assert result.exit_code != 0
    assert isinstance(result.exception, EvaluationError)
    assert "x.json" in str(result.exception)


def test_missing_record_and_missing_article_name_the_file(tmp_path: Path) -> None:
    golds = load_gold_dir(BASIC / "gold")
    with pytest.raises(EvaluationError, match=r"E408.*mau_1\.txt"):
        load_records(golds, tmp_path)
    with pytest.raises(EvaluationError, match=r"E405.*mau_1\.txt"):
        read_article(golds[0], tmp_path)


def test_records_in_one_jsonl_file_are_matched_by_source_path(tmp_path: Path) -> None:
    record = json.loads((BASIC / "records" / "mau_1.json").read_text(encoding="utf-8"))
    other = {"document": {"source_path": "khac.txt"}}
    lines = [json.dumps(other), json.dumps(record)]
    (tmp_path / "all.json").write_text("\n".join(lines), encoding="utf-8")
    ((gold, found),) = load_records(load_gold_dir(BASIC / "gold"), tmp_path)
    assert found["document"]["source_path"] == "mau_1.txt"


def test_gold_may_carry_its_article(tmp_path: Path) -> None:
    gold = load_gold_file(BASIC / "gold" / "mau_1.json")
    gold.text = "Nhật Bản sẵn sàng hỗ trợ Việt Nam."
    doc = read_article(gold, None)
    assert doc.text == "Nhật Bản sẵn sàng hỗ trợ Việt Nam."


PIPELINE = Path(__file__).resolve().parent / "fixtures" / "eval" / "pipeline"


def test_eval_runs_the_pipeline_over_a_corpus_directory() -> None:
    code, out, _ = _invoke(
        "eval", str(PIPELINE / "gold"), "--corpus", str(PIPELINE / "corpus"), "--json"
    )
    assert code == 0
    report = json.loads(out)
    (document,) = report["documents"]
    assert document["file"] == "hop_bao.txt"
    assert set(document["metrics"]) >= {
        "actors.f1",
        "actors.country.f1",
        "times.f1",
        "published.exact",
        "published.estimate",
        "quotes.recall",
        "quotes.speaker_accuracy",
        "events.f1",
        "commitments.f1",
        "commitments.status_accuracy",
    }
    assert document["counts"]["actors"]["gold"] == 3


def test_default_corpus_is_the_shared_layout(tmp_path: Path) -> None:
    (tmp_path / "gold" / "dev").mkdir(parents=True)
    assert default_corpus_dir(tmp_path / "gold" / "dev") is None
    (tmp_path / "corpus" / "seeds").mkdir(parents=True)
    assert (
        default_corpus_dir(tmp_path / "gold" / "dev") == (tmp_path / "corpus" / "seeds").resolve()
    )


def test_explain_names_a_kind_the_overall_score_forgave() -> None:
    from pactwatch.evaluation.explain import explain_document
    from pactwatch.evaluation.score import score_document

    bipartite = BASIC.parent / "bipartite"
    record = json.loads((bipartite / "record.json").read_text(encoding="utf-8"))
    record["actors"][1]["kind"] = "organization"
    lines = explain_document(score_document(load_gold_file(bipartite / "gold.json"), record))
    assert any(
        line.startswith("actor kind     gold group:nhom-a found as group:x") for line in lines
    )
    assert any(line.startswith("actor missed   place:paris") for line in lines)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=6))
def test_floors_only_move_up(values: list[float]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        baseline = Path(tmp) / "eval_baseline.json"
        floors_seen = []
        for value in values:
            raise_floors(baseline, BASIC / "gold", {"events.f1": value})
            pinned = find_set(baseline, BASIC / "gold")
            assert pinned is not None
            floors_seen.append(pinned.floors["events.f1"])
        assert floors_seen == sorted(floors_seen)
        assert floors_seen[-1] <= max(values) + TOLERANCE  # float noise only
        assert check({"events.f1": max(values)}, pinned.floors) == []
