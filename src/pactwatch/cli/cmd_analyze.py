"""``pactwatch analyze FILE``: print the analysis record of one or more articles."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the analysis record as JSON (one object per line with several).")
@click.option("--pretty/--compact", default=True, help="Indent JSON output (default when one article).")
@click.option("--stages", default=None, help="Comma-separated stage names to run instead of the default pipeline.")
def analyze_cmd(paths: tuple[Path, ...], as_json: bool, pretty: bool, stages: str | None) -> None:
    """Analyse article files and print what was found, without storing anything."""
    from pactwatch.ingest.readers import read_path
    from pactwatch.pipeline import build_pipeline

    pipeline = build_pipeline(stages.split(",") if stages else None)
    failed = 0
    records = []
    for path in paths:
        try:
            docs = read_path(path)
        except Exception as exc:  # one bad file never stops the rest
            click.echo(f"{path}: {exc}", err=True)
            failed += 1
            continue
        for doc in docs:
            records.append(pipeline(doc).as_dict())
    if as_json:
        indent = 2 if pretty and len(records) == 1 else None
        for rec in records:
            click.echo(json.dumps(rec, ensure_ascii=False, indent=indent))
    else:
        from pactwatch.cli.render import print_record_summary

        for rec in records:
            print_record_summary(rec)
    if failed:
        sys.exit(1)


def register(cli: click.Group) -> None:
    cli.add_command(analyze_cmd)
