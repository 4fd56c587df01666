"""``pactwatch stories [--rebuild]`` and ``pactwatch stories show ID``: articles grouped
into stories, near-duplicates, and how well each reported claim is corroborated.

Thin over :mod:`pactwatch.stories.build` and the store's story methods. Listing first
brings the stories up to date (only articles not yet compared are matched).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from pactwatch.cli.common import db_option, opened_store


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
    from rich.console import Console
    from rich.table import Table

    from pactwatch.stories.build import update_stories

    console = Console(stderr=True)
    with opened_store(db) as store:
        summary = update_stories(store, rebuild=rebuild)
        rows = store.list_stories(limit=limit)
        total = store.count_stories()
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    console.print(f"{summary.signed} new articles compared with the others, {summary.changed}"
                  f" stories new or grown ({summary.seconds:.1f}s)", markup=False,
                  highlight=False)
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
    from rich.console import Console
    from rich.table import Table

    from pactwatch.stories.table import resolve_story
    from pactwatch.titles import display_title

    with opened_store(db) as store:
        story, several = resolve_story(store, story_id)
        if several:
            raise click.UsageError(f"{story_id!r} is the start of several stories:"
                                   f" {', '.join(several)}")
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
                        m["near_duplicate_of"] or "", display_title(m["title"], fallback=m["doc_id"]))
    console.print(members)
    _print_claims(console, story)


def _print_claims(console: Any, story: dict[str, Any]) -> None:
    """The claims table of the web page and ``/api/export/story-claims.*``: each claim,
    the outlets reporting it, its first report, single-source claims and disagreements."""
    from rich.table import Table

    from pactwatch.stories.table import claim_rows

    rows = claim_rows(story)
    single = sum(1 for r in rows if r["single_source"])
    disputed = sum(1 for r in rows if r["disagreements"])
    claims = Table(title=f"claims: {len(rows)} ({single} from a single source,"
                         f" {disputed} disputed)", title_justify="left")
    for name in ("kind", "type", "parties", "outlets", "reports", "independent",
                 "first report", "disagreements"):
        claims.add_column(name, overflow="fold")
    for r in rows:
        independent = f"{r['n_independent']}" + (" (single source)" if r["single_source"]
                                                  else "")
        first = f"{r['first_date'] or '?'} {r['first_outlet'] or r['first_doc_id']}"
        claims.add_row(r["kind"], r["type"], r["parties"] or "-", ", ".join(r["outlets"]) or "-",
                       str(r["reports"]), independent, first, r["disagreements"] or "-")
    console.print(claims)


@stories_cmd.command("score")
@click.argument("gold", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--corpus", default="../shared/corpus", show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The folder the gold sets' `corpus` names are relative to.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per gold set.")
def score_cmd(gold: tuple[Path, ...], corpus: Path, as_json: bool) -> None:
    """Pairwise story precision, recall and F1 against stories gold sets
    (gold/stories/*.json): each set is ingested into a fresh database and clustered."""
    from pactwatch.stories.score import format_result, score_gold_file

    for path in gold:
        result = score_gold_file(path, corpus)
        click.echo(json.dumps(result, ensure_ascii=False) if as_json else format_result(result))


def register(cli: click.Group) -> None:
    cli.add_command(stories_cmd)
