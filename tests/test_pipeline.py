import pytest

from pactwatch.document import Document
from pactwatch.errors import PipelineError
from pactwatch.ingest.build import document_from_parts
from pactwatch.pipeline import build_pipeline, registered_stages, stage


def test_default_pipeline_builds_and_runs() -> None:
    doc = document_from_parts([("title", "Tiêu đề"), ("body", "Câu một. Câu hai.")])
    out = build_pipeline()(doc)
    assert isinstance(out, Document)
    assert out.stages_run[:2] == ["segment", "actors"]
    record = out.as_dict()
    assert record["schema"] == "pactwatch.analysis/1"
    for key in ("actors", "times", "quotes", "events", "commitments"):
        assert isinstance(record[key], list)


def test_missing_requirement_is_caught_when_building() -> None:
    with pytest.raises(PipelineError) as err:
        build_pipeline(["quotes"])  # quotes needs sentences and actors
    assert err.value.code == "E003"


def test_unknown_stage() -> None:
    with pytest.raises(PipelineError):
        build_pipeline(["no-such-stage"])


def test_stage_must_return_document() -> None:
    @stage("broken-for-test", requires=(), assigns=())
    def broken(doc: Document) -> Document:
        return None  # type: ignore[return-value]

    assert "broken-for-test" in registered_stages()
    with pytest.raises(PipelineError) as err:
        build_pipeline(["broken-for-test"])(Document(text="x"))
    assert err.value.code == "E002"


def test_record_round_trips() -> None:
    doc = build_pipeline()(document_from_parts([("body", "Một. Hai.")], published="2025-01-02"))
    again = Document.from_dict(doc.as_dict())
    assert again.as_dict() == doc.as_dict()
