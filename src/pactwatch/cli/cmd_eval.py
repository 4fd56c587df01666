"""``pactwatch eval GOLD_DIR``: score the pipeline against gold annotations."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command("eval")
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Directory of the articles (default: GOLD_DIR/../../corpus/seeds when it exists).",
)
@click.option(
    "--records",
    "records_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Score precomputed analysis records (*.json) instead of running the pipeline.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print scores as JSON (totals and per document)."
)
@click.option(
    "--explain", is_flag=True, help="List what each document missed and what was spurious."
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Floors file (default: ./eval_baseline.json, else the repository's).",
)
@click.option(
    "--check", is_flag=True, help="Exit 1 when a score is below its floor in the baseline."
)
@click.option(
    "--update-baseline",
    is_flag=True,
    help="Raise this gold set's floors to the current scores (floors never go down).",
)
def eval_cmd(
    gold_dir: Path,
    corpus_dir: Path | None,
    records_dir: Path | None,
    as_json: bool,
    explain: bool,
    baseline_path: Path | None,
    check: bool,
    update_baseline: bool,
) -> None:
    """Score analysis records against the gold files in GOLD_DIR (shared/gold/README.md).

    Actors are scored overall and per kind, and as a bag of entities: the
    rows entities.PER / .LOC / .ORG keep the overall pairing of predicted to
    gold actors and ask that both sides have the same class (person -> PER;
    country, place -> LOC; organization, government_body, outlet, group -> ORG).
    """
    from pactwatch.evaluation import baseline
    from pactwatch.evaluation.gold import load_gold_dir
    from pactwatch.evaluation.report import as_json as report_json
    from pactwatch.evaluation.report import print_explanation, print_tables
    from pactwatch.evaluation.runner import default_corpus_dir, load_records, run_pipeline
    from pactwatch.evaluation.score import evaluate

    golds = load_gold_dir(gold_dir)
    if records_dir is not None:
        pairs = load_records(golds, records_dir)
    else:
        pairs = run_pipeline(golds, corpus_dir or default_corpus_dir(gold_dir))
    evaluation = evaluate(pairs)
    metrics = evaluation.total.metrics()

    if as_json:
        click.echo(json.dumps(report_json(evaluation, str(gold_dir)), ensure_ascii=False, indent=2))
    else:
        print_tables(evaluation, f"{gold_dir} ({len(golds)} documents, micro-averaged)")
    if explain:
        print_explanation(evaluation)

    path = baseline_path or baseline.default_baseline_path()
    failed = False
    if check:
        pinned = baseline.find_set(path, gold_dir)
        if pinned is None:
            click.echo(f"{path}: no floors pinned for {gold_dir}", err=True)
            failed = True
        else:
            for violation in baseline.check(metrics, pinned.floors):
                click.echo(f"below floor: {violation}", err=True)
                failed = True
    if update_baseline:
        moved = baseline.raise_floors(path, gold_dir, metrics, corpus_dir)
        for score, (old, new) in sorted(moved.items()):
            click.echo(f"floor {score}: {old if old is not None else 'none'} -> {new}", err=True)
        click.echo(f"{path}: {len(moved)} floors raised", err=True)
    if failed:
        sys.exit(1)


def register(cli: click.Group) -> None:
    cli.add_command(eval_cmd)
