"""``pactwatch stories [--rebuild]`` and ``pactwatch stories show ID``: articles grouped
into stories, near-duplicates, and how well each reported claim is corroborated.

Thin over :mod:`pactwatch.stories.build` and the store's story methods. Listing first
brings the stories up to date (only articles not yet signed are matched).
"""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from pactwatch.cli.cmd_ingest import db_option, opened_store
from pactwatch.stories.build import update_stories


def _span(row: dict[str, Any]) -> str:
    first, last = row.get("date_first"), row.get("date_last")
    if not first and not last:
        return "-"
    if first == last:
        return str(first)
    return f"{first or '?'} – {last or '?'}"


@click.group("stories", invoke_without_command=True)
@db_option
@click.option("--rebuild", is_flag=True, help="Forget every signature and story, cluster anew.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(0, 100_000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story.")
@click.pass_context
def stories_cmd(ctx: click.Context, db: str | None, rebuild: bool, limit: int,
                as_json: bool) -> None:
    """List stories (two or more articles on one happening), largest first."""
    if ctx.invoked_subcommand is not None:
        return
    console = Console(stderr=True)
    with opened_store(db) as store:
        summary = update_stories(store, rebuild=rebuild)
        rows = store.list_stories(limit=limit)
        total = store.count_stories()
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    console.print(f"{summary.signed} articles signed, {summary.changed} stories updated in"
                  f" {summary.seconds:.1f}s", markup=False, highlight=False)
    table = Table(title=f"{len(rows)} of {total} stories")
    table.add_column("id", no_wrap=True, min_width=18)
    table.add_column("size", justify="right", no_wrap=True)
    table.add_column("dates", no_wrap=True, min_width=10)
    table.add_column("outlets", overflow="fold", max_width=24)
    table.add_column("title", no_wrap=True)
    out = Console()
    # rich cannot shrink a one-line column, so the title is cut to what the terminal leaves
    title_width = max(12, out.width - 90)
    for row in rows:
        title = row["title"] or "-"
        if len(title) > title_width:
            title = title[: title_width - 1] + "…"
        table.add_row(row["id"], str(row["size"]), _span(row), ", ".join(row["outlets"]) or "-",
                      title)
    out.print(table)


@stories_cmd.command("show")
@click.argument("story_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The story, its members and claims.")
def show_cmd(story_id: str, db: str | None, as_json: bool) -> None:
    """One story: its articles (near-duplicates marked) and its corroborated claims."""
    with opened_store(db) as store:
        story = store.get_story(story_id)
        if story is None and story_id:
            matches = store.story_ids_starting(story_id, limit=5)
            if len(matches) > 1:
                raise click.UsageError(f"{story_id!r} is the start of several stories:"
                                       f" {', '.join(matches)}")
            story = store.get_story(matches[0]) if matches else None
    if story is None:
        raise click.UsageError(f"no story {story_id!r} (see `pactwatch stories`)")
    if as_json:
        click.echo(json.dumps(story, ensure_ascii=False, indent=2))
        return
    console = Console()
    console.rule(story["title"] or story["id"], characters="─")
    console.print(f"{story['id']}: {story['size']} articles, {_span(story)},"
                  f" {', '.join(story['outlets']) or 'outlet unknown'}", markup=False)
    members = Table(title="articles", title_justify="left")
    members.add_column("doc id", no_wrap=True)
    members.add_column("date", no_wrap=True)
    for name in ("outlet", "similarity", "near duplicate of", "title"):
        members.add_column(name, overflow="fold")
    for m in story["members"]:
        sim = "-" if m["similarity"] is None else f"{m['similarity']:.2f}"
        members.add_row(m["doc_id"], m["date"] or "-", m["outlet"] or "-", sim,
                        m["near_duplicate_of"] or "", m["title"] or m["source_path"] or "-")
    console.print(members)
    claims = Table(title="claims (events and commitments)", title_justify="left")
    for name in ("kind", "type", "parties", "statuses", "reports", "independent sources"):
        claims.add_column(name, overflow="fold")
    for c in story["claims"]:
        parties = "; ".join(f"{role}: {', '.join(ids)}" for role, ids in c["parties"].items()
                            if ids)
        sources = " | ".join(" + ".join(group) for group in c["independent_sources"])
        claims.add_row(c["kind"], c["type"], parties, ", ".join(c["statuses"]) or "-",
                       str(c["corroboration"]), f"{c['n_independent']}: {sources}")
    console.print(claims)


def register(cli: click.Group) -> None:
    cli.add_command(stories_cmd)
