"""Produce the analysis record for each gold document: run the pipeline, or read records.

Articles are found in a corpus directory by the gold ``file`` field; a gold
file without a corpus may carry its article as ``text``. Precomputed records
(``*.json`` analysis records) are matched to gold files by the base name of
``document.source_path``, else by file stem.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pactwatch.document import Document
from pactwatch.errors import EvaluationError, PactwatchError
from pactwatch.evaluation.gold import GoldDocument
from pactwatch.ingest.build import document_from_parts
from pactwatch.pipeline import Pipeline, build_pipeline

GoldAndRecord = tuple[GoldDocument, dict[str, Any]]


def default_corpus_dir(gold_dir: Path) -> Path | None:
    """``<gold>/../../corpus/seeds`` (the shared layout) when it exists."""
    candidate = gold_dir.resolve().parent.parent / "corpus" / "seeds"
    return candidate if candidate.is_dir() else None


def run_pipeline(
    golds: list[GoldDocument], corpus_dir: Path | None, pipeline: Pipeline | None = None
) -> list[GoldAndRecord]:
    """Read each gold document's article and analyse it with the (default) pipeline."""
    pipeline = pipeline or build_pipeline()
    return [(gold, pipeline(read_article(gold, corpus_dir)).as_dict()) for gold in golds]


def read_article(gold: GoldDocument, corpus_dir: Path | None) -> Document:
    """The Document for a gold file's article, as the readers make it."""
    if corpus_dir is not None:
        path = corpus_dir / gold.file
        if path.exists():
            return read_document(path)
    if gold.text is not None:
        return document_from_parts([("body", gold.text)], source_path=gold.file)
    where = f" in {corpus_dir}" if corpus_dir else " (no corpus directory given)"
    raise EvaluationError(
        "E405", f"{gold.path}: article {gold.file!r} not found{where}, and the gold has no text"
    )


def read_document(path: Path) -> Document:
    """The first article in ``path``, read as ``pactwatch analyze`` would read it."""
    from pactwatch.ingest.readers import read_path

    try:
        docs = read_path(path)
    except PactwatchError:
        raise
    except Exception as exc:  # a reader bug must still name the file
        raise EvaluationError("E406", f"{path}: could not be read ({exc})") from None
    if not docs:
        raise EvaluationError("E406", f"{path}: the reader found no article in it")
    return docs[0]


def load_records(golds: list[GoldDocument], records_dir: Path) -> list[GoldAndRecord]:
    """Pair gold documents with precomputed analysis records from ``records_dir``."""
    if not records_dir.is_dir():
        raise EvaluationError("E407", f"{records_dir}: records directory not found")
    by_name: dict[str, dict[str, Any]] = {}
    for path in sorted(records_dir.glob("*.json")):
        for record in _records_in(path):
            source = (record.get("document") or {}).get("source_path")
            if source:
                by_name.setdefault(Path(str(source)).name, record)
                by_name.setdefault(Path(str(source)).stem, record)
            by_name.setdefault(path.stem, record)
    pairs = []
    for gold in golds:
        found = by_name.get(gold.file) or by_name.get(Path(gold.file).stem)
        if found is None:
            raise EvaluationError(
                "E408", f"{gold.path}: no analysis record for {gold.file!r} in {records_dir}"
            )
        pairs.append((gold, found))
    return pairs


def _records_in(path: Path) -> list[dict[str, Any]]:
    """A file holds one record, a list of records, or one record per line."""
    try:
        text = path.read_text(encoding="utf-8")
        try:
            loaded = json.loads(text)
            items = loaded if isinstance(loaded, list) else [loaded]
        except json.JSONDecodeError:
            items = [json.loads(line) for line in text.splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError("E409", f"{path}: not a JSON analysis record ({exc})") from None
    if not all(isinstance(r, dict) and isinstance(r.get("document"), dict) for r in items):
        raise EvaluationError("E409", f"{path}: not an analysis record (no 'document' object)")
    return items
