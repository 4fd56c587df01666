"""Show an Evaluation: Rich tables for people, a JSON object for machines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from pactwatch.evaluation.score import (
    ENTITY_CLASSES,
    Counts,
    Evaluation,
    Ratio,
    Scores,
    sorted_kinds,
)


def as_json(evaluation: Evaluation, gold_dir: str) -> dict[str, Any]:
    """Totals (micro-averaged) and every document's scores with their counts."""
    return {
        "gold_dir": gold_dir,
        "documents": [
            {"file": d.file, "metrics": d.scores.metrics(), "counts": counts_of(d.scores)}
            for d in evaluation.documents
        ],
        "total": {
            "metrics": evaluation.total.metrics(),
            "counts": counts_of(evaluation.total),
        },
    }


def counts_of(scores: Scores) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for name, value in _areas(scores):
        if isinstance(value, Counts):
            out[name] = {
                "predicted_matched": value.predicted_matched,
                "predicted": value.predicted,
                "gold_found": value.gold_found,
                "gold": value.gold,
            }
        else:
            out[name] = {"right": value.right, "total": value.total}
    return out


def _areas(scores: Scores) -> list[tuple[str, Counts | Ratio]]:
    rows: list[tuple[str, Counts | Ratio]] = [("actors", scores.actors)]
    rows += [(f"actors.{k}", scores.actors_by_kind[k]) for k in sorted_kinds(scores.actors_by_kind)]
    if scores.entities_by_class:
        rows.append(("entities", scores.entities))
        rows += [
            (f"entities.{c}", scores.entities_by_class.get(c, Counts())) for c in ENTITY_CLASSES
        ]
    rows += [
        ("times", scores.times),
        ("published.exact", scores.published_exact),
        ("published.estimate", scores.published_estimate),
        ("quotes", scores.quotes),
        ("quotes.speaker", scores.quote_speakers),
        ("events", scores.events),
        ("commitments", scores.commitments),
        ("commitments.status", scores.commitment_status),
    ]
    return rows


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def totals_table(evaluation: Evaluation, title: str) -> Table:
    total = evaluation.total
    table = Table(title=title)
    for column in ("score", "P", "R", "F1", "acc", "pred ok", "gold found"):
        table.add_column(column, justify="left" if column == "score" else "right", no_wrap=True)
    for name, value in _areas(total):
        if isinstance(value, Counts):
            f1 = "-" if name == "quotes" else _fmt(value.f1)
            table.add_row(
                name,
                _fmt(value.precision),
                _fmt(value.recall),
                f1,
                "",
                f"{value.predicted_matched}/{value.predicted}",
                f"{value.gold_found}/{value.gold}",
            )
        else:
            table.add_row(name, "", "", "", _fmt(value.value), "", f"{value.right}/{value.total}")
    return table


PER_DOCUMENT_COLUMNS = (
    ("actor F1", "actors.f1"),
    ("time F1", "times.f1"),
    ("pub", "published.exact"),
    ("est", "published.estimate"),
    ("quote R", "quotes.recall"),
    ("speaker", "quotes.speaker_accuracy"),
    ("event F1", "events.f1"),
    ("commit F1", "commitments.f1"),
    ("status", "commitments.status_accuracy"),
)
# Wide enough for both tables when output goes to a file or pipe.
MIN_WIDTH = 120


def documents_table(evaluation: Evaluation) -> Table:
    table = Table(title="per document")
    table.add_column("file", no_wrap=True)
    for header, _ in PER_DOCUMENT_COLUMNS:
        table.add_column(header, justify="right", no_wrap=True)
    for doc in evaluation.documents:
        metrics = doc.scores.metrics()
        table.add_row(Path(doc.file).stem, *[_fmt(metrics[key]) for _, key in PER_DOCUMENT_COLUMNS])
    return table


def _console() -> Console:
    console = Console()
    return console if console.is_terminal else Console(width=max(console.width, MIN_WIDTH))


def print_tables(evaluation: Evaluation, title: str, console: Console | None = None) -> None:
    console = console or _console()
    console.print(totals_table(evaluation, title))
    if len(evaluation.documents) > 1:
        console.print(documents_table(evaluation))


def print_explanation(evaluation: Evaluation, console: Console | None = None) -> None:
    from pactwatch.evaluation.explain import explain_document

    console = console or _console()
    for doc in evaluation.documents:
        console.rule(doc.file)
        for line in explain_document(doc):
            console.print(line, markup=False, highlight=False)
