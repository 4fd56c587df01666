"""``pactwatch reviews [list]`` and ``pactwatch reviews export DIR``: analysts' verdicts, and
the reviewed articles as gold files that ``pactwatch eval DIR`` scores the pipeline on."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pactwatch.cli.common import db_option, opened_store


@click.group("reviews", invoke_without_command=True)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_context
def reviews_cmd(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """How many items analysts confirmed, rejected and corrected, and by whom."""
    if ctx.invoked_subcommand is not None:
        return
    with opened_store(db) as store:
        counts = store.review_counts()
        users = store.list_users()
    if as_json:
        click.echo(json.dumps({**counts, "users": users}, ensure_ascii=False))
        return
    click.echo(f"{counts['confirmed']} confirmed, {counts['rejected']} rejected,"
               f" {counts['corrected']} corrected ({counts['reviews']} reviews by"
               f" {counts['reviewers']} reviewers)")
    for user in users:
        click.echo(f"  {user['name']}: {user['reviews']}")


@reviews_cmd.command("export")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@db_option
@click.option("--strict", is_flag=True,
              help="Export only the layers (quotes, events, commitments) of an article whose"
                   " every item was reviewed.")
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON.")
def export_cmd(directory: Path, db: str | None, strict: bool, as_json: bool) -> None:
    """Write each reviewed article as a gold file in DIRECTORY (shared/gold/README.md format):
    score the pipeline on them with `pactwatch eval DIRECTORY`."""
    from pactwatch.evaluation.reviewed_gold import export_reviews

    with opened_store(db) as store:
        summary = export_reviews(store, directory, strict=strict)
    if as_json:
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False))
        return
    click.echo(f"{directory}: {len(summary.files)} gold files"
               f" (and the stored analyses in {directory / 'records'})")
    for kind, tally in sorted(summary.counts.items()):
        click.echo(f"  {kind}s: {tally['confirmed']} confirmed, {tally['corrected']} corrected,"
                   f" {tally['rejected']} rejected (left out), {tally['unreviewed']} unreviewed"
                   " (kept as read)")
    if summary.skipped:
        click.echo(f"  skipped {len(summary.skipped)} articles with nothing left to export",
                   err=True)
    if summary.files:
        click.echo(f"score the pipeline: pactwatch eval {directory}")


def register(cli: click.Group) -> None:
    cli.add_command(reviews_cmd)
