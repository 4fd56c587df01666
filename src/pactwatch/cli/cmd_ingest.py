"""``pactwatch ingest|documents|show|runs``: fill a database and look inside it.

Thin over :func:`pactwatch.ingest.batch.ingest_paths` and the store's query methods.
Exit status of ``ingest``: 0 when every file was stored (or already was), 1 when any
failed (the rest are still stored), 2 for usage errors (bad options, a bad --db).
"""

from __future__ import annotations

import json
import signal
import sys
from typing import TYPE_CHECKING, Any

import click

from pactwatch.cli.common import (
    check_new_database,
    database_target,
    db_option,
    opened_store,
    text_or_dash,
)
from pactwatch.config import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from pactwatch.ingest.batch import FileOutcome, RunSummary
    from pactwatch.store import Store

__all__ = ["db_option", "opened_store", "register"]


def _rate_column() -> Any:
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Files per second so far."""

        def render(self, task: Task) -> Text:
            elapsed = task.elapsed or 0.0
            rate = task.completed / elapsed if elapsed > 0 else 0.0
            return Text(f"{rate:,.1f} files/s", style="progress.data.speed")

    return RateColumn()


class BarProgress:
    """Draws a Rich progress bar (stderr); prints each failure as one line above it."""

    def __init__(self, console: Console, quiet: bool) -> None:
        self.console = console
        self.quiet = quiet
        self.bar: Any = None
        self.task: Any = None

    def start(self, total_files: int) -> None:
        if self.quiet:
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.bar = Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), _rate_column(),
            TextColumn("{task.fields[errors]} failed", style="red"), TimeElapsedColumn(),
            console=self.console, transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("ingest", total=total_files, errors=0)

    def file_done(self, path: str, outcomes: list[FileOutcome], summary: RunSummary) -> None:
        for outcome in outcomes:
            if outcome.status == "failed":
                # markup off: paths and reasons may hold [brackets]
                self.console.print(outcome.line(), markup=False, highlight=False, soft_wrap=True)
        if self.bar is not None:
            self.bar.update(self.task, advance=1, errors=summary.failed)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _summary_table(summary: RunSummary) -> Table:
    from rich.table import Table

    table = Table(title=f"run {summary.run_id}", show_header=True)
    for name in ("files", "articles", "stored", "duplicates", "failed", "seconds"):
        table.add_column(name, justify="right")
    c = summary.counts()
    table.add_row(*(str(c[k]) for k in ("files", "articles", "stored", "duplicates", "failed")),
                  f"{summary.seconds:.2f}")
    return table


TOP_ACTORS = 8
TOP_OUTLETS = 6


def top_actors(store: Store, limit: int = TOP_ACTORS) -> tuple[list[dict[str, Any]],
                                                                list[dict[str, Any]]]:
    """The most mentioned actors (outlets left out) and the outlets, each by mentions."""
    from pactwatch.store.filters import MAX_LIMIT

    rows = [dict(r) for r in store.list_actors(limit=MAX_LIMIT)]
    by_mentions = sorted(rows, key=lambda r: (-int(r["mentions"]), -int(r["documents"]),
                                              str(r["id"])))
    actors = [r for r in by_mentions if r["kind"] != "outlet" and int(r["mentions"])]
    outlets = [r for r in by_mentions if r["kind"] == "outlet" and int(r["mentions"])]
    return actors[:limit], outlets


def _label(row: dict[str, Any]) -> str:
    return str(row.get("name_vi") or row.get("name") or row["id"])


def _found_tables(store: Store) -> list[Any]:
    """What the database now holds: totals, the most mentioned actors, the outlets."""
    from rich.table import Table
    from rich.text import Text

    counts = store.counts()
    totals = Table(title="in the database", show_header=True)
    names = ("documents", "actors", "times", "quotes", "events", "commitments")
    for name in names:
        totals.add_column(name, justify="right")
    totals.add_row(*(str(counts.get(k, 0)) for k in names))
    actors, outlets = top_actors(store)
    top = Table(title="most mentioned actors (outlets apart)", show_header=True)
    for name, justify in (("actor", "left"), ("kind", "left"), ("mentions", "right"),
                          ("documents", "right")):
        top.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in actors:
        top.add_row(f"{_label(row)} ({row['id']})", str(row["kind"]), str(row["mentions"]),
                    str(row["documents"]))
    shown: list[Any] = [totals, top]
    if outlets:
        named = ", ".join(f"{_label(r)} {r['mentions']}" for r in outlets[:TOP_OUTLETS])
        more = len(outlets) - TOP_OUTLETS
        named += f" and {more} more" if more > 0 else ""
        shown.append(Text(f"outlets named (mentions): {named}"))
    return shown


def _update_stories(store: Store, console: Console, quiet: bool,
                    signed: dict[str, Any] | None = None) -> None:
    """Fold the new articles into stories (incremental: only they are matched);
    ``signed``: signature rows the run's workers made (RunSummary.signatures)."""
    from pactwatch.errors import PactwatchError
    from pactwatch.stories.build import update_stories

    try:
        done = update_stories(store, signed=signed)
    except PactwatchError as exc:
        # the articles are stored; `pactwatch stories` can finish this later
        click.echo(f"stories not updated: {exc}", err=True)
        return
    if not quiet:
        console.print(stories_line(done.changed, done.stories), markup=False, highlight=False)


def stories_line(changed: int, total: int) -> str:
    """What grouping into stories did, in words."""
    if not total:
        return "stories: none (no two articles report the same happening)"
    return f"stories: {total} in all, {changed} new or grown in this run"


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--max-size", "max_size", default=str(DEFAULT_MAX_BYTES), show_default=True,
              help="Largest file to read, e.g. 20MB or 500KB.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary (failures still print).")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON on stdout.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Analyse in N local processes, one writer (default: the cores).")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Analyse on a local Dask cluster of N worker processes (needs dask).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Analyse on the workers of this Dask scheduler (needs dask).")
@click.option("--stories/--no-stories", "with_stories", default=True, show_default=True,
              help="Group the new articles into stories after the run.")
def ingest_cmd(paths: tuple[str, ...], db: str | None, max_size: str, quiet: bool,
               as_json: bool, jobs: int | None, workers: int | None, scheduler: str | None,
               with_stories: bool) -> None:
    """Read, analyse and store articles: folders (recursive), files, globs, or - for stdin.

    The results (what was stored, what the database holds) go to stdout; the progress bar
    and one line per failed file go to stderr. A database is created only when at least
    one input exists.
    """
    # SIGTERM stops a run as Ctrl-C does: the article being stored is rolled back whole
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    from rich.console import Console

    from pactwatch.config import parse_size
    from pactwatch.errors import PactwatchError
    from pactwatch.ingest import batch

    try:
        max_bytes = parse_size(max_size)
    except PactwatchError as exc:
        raise click.BadParameter(exc.message, param_hint="--max-size") from None
    distributed = workers is not None or scheduler is not None
    if distributed and jobs is not None:
        raise click.UsageError("--jobs runs local processes; --workers and --scheduler run"
                               " Dask: give one or the other")
    if jobs is None:
        from pactwatch.ingest.parallel import default_jobs

        jobs = default_jobs()
    if distributed:
        from pactwatch.ingest.distributed import _dask

        try:
            _dask()
        except PactwatchError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
    check_new_database(database_target(db))
    inputs, problems = batch.expand_inputs(paths)
    if not inputs:
        # nothing to read: a typo must neither create a database nor record a run
        for problem in problems:
            click.echo(problem.line(), err=True)
        click.echo("nothing ingested: no file to read in the inputs given", err=True)
        sys.exit(1)
    progress_console = Console(stderr=True)
    out = Console()
    progress = BarProgress(progress_console, quiet)
    with opened_store(db, create=True) as store:
        try:
            if distributed:
                from pactwatch.ingest.distributed import ingest_distributed

                summary = ingest_distributed(list(paths), store, workers=workers,
                                             scheduler=scheduler, progress=progress,
                                             max_bytes=max_bytes)
            else:
                summary = batch.ingest_paths(list(paths), store, progress=progress,
                                             max_bytes=max_bytes, jobs=jobs,
                                             sign=with_stories)
        except KeyboardInterrupt:
            progress.stop()
            progress_console.print("interrupted: every article stored so far is whole; run"
                                   " again to resume", markup=False)
            sys.exit(130)
        finally:
            progress.stop()
        if not (quiet or as_json):
            out.print(_summary_table(summary))
        # also when nothing new was stored: a run that died before its stories were
        # updated left articles unsigned, and this run completes that
        if with_stories and (summary.stored or store.unsigned_documents()):
            _update_stories(store, out, quiet or as_json, summary.signatures)
        if not (quiet or as_json):
            for table in _found_tables(store):
                out.print(table)
    if as_json:
        click.echo(json.dumps({"run_id": summary.run_id, **summary.counts()}))
    sys.exit(0 if summary.ok else 1)


@click.command("documents")
@db_option
@click.option("--limit", default=50, show_default=True, type=click.IntRange(0, 10_000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--outlet", default=None, help="Only this outlet.")
@click.option("--from", "date_from", default=None, help="From this date (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", default=None, help="Up to this date (YYYY[-MM[-DD]]).")
@click.option("--query", "query", default=None, help="Full-text search (accents optional).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def documents_cmd(db: str | None, limit: int, offset: int, outlet: str | None,
                  date_from: str | None, date_to: str | None, query: str | None,
                  as_json: bool) -> None:
    """List stored documents, newest first."""
    from rich.console import Console
    from rich.table import Table

    from pactwatch.errors import StoreError
    from pactwatch.titles import display_title

    with opened_store(db) as store:
        try:
            rows = store.list_documents(limit, offset, outlet=outlet, date_from=date_from,
                                        date_to=date_to, q=query)
            total = store.count_documents(outlet=outlet, date_from=date_from, date_to=date_to,
                                          q=query)
        except StoreError as exc:
            raise click.UsageError(str(exc)) from None
        titles = {}
        for row in rows:
            # an article that states no headline is shown by its first sentence, never its path
            text = None if row["title"] else (store.get_document(row["id"]) or {}).get("text")
            titles[row["id"]] = display_title(row["title"], text, fallback=row["id"])
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} of {total} documents")
    # short columns keep their width; the title gets what is left, cut with an ellipsis
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("outlet", no_wrap=True, min_width=8, max_width=14, overflow="ellipsis")
    table.add_column("title", no_wrap=True)
    table.add_column("language", no_wrap=True)
    table.add_column("status", no_wrap=True, min_width=8)
    console = Console()
    # rich cannot shrink a one-line column, so the title is cut to what the terminal leaves
    title_width = max(10, console.width - 74)
    for row in rows:
        title = titles[row["id"]]
        if len(title) > title_width:
            title = title[: title_width - 1] + "…"
        table.add_row(row["id"], text_or_dash(row["date"]), text_or_dash(row["outlet"]), title,
                      text_or_dash(row["language"]), _analysis_status(row))
    console.print(table)


def _analysis_status(row: dict[str, Any]) -> str:
    from pactwatch.stages import DEFAULT_PIPELINE

    done = set(row["stages"])
    if done >= set(DEFAULT_PIPELINE):
        return "analysed"
    return f"partial ({len(done & set(DEFAULT_PIPELINE))}/{len(DEFAULT_PIPELINE)} stages)"


@click.command("show")
@click.argument("doc_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the analysis record as JSON.")
def show_cmd(doc_id: str, db: str | None, as_json: bool) -> None:
    """Show one stored document: metadata, counts and its normalised text."""
    from rich.console import Console
    from rich.table import Table

    from pactwatch.titles import display_title

    with opened_store(db) as store:
        row = store.get_document(doc_id)
        if row is None and doc_id:
            matches = store.document_ids_starting(doc_id, limit=5)
            if len(matches) > 1:
                raise click.UsageError(f"{doc_id!r} is the start of several ids:"
                                       f" {', '.join(matches)}")
            row = store.get_document(matches[0]) if matches else None
        record = store.get_record(row["id"]) if as_json and row else None
    if row is None:
        raise click.UsageError(f"no document with id {doc_id!r} (see `pactwatch documents`)")
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    console = Console()
    console.rule(display_title(row["title"], row["text"], fallback=row["id"]), characters="─")
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column(overflow="fold")
    estimate = row["estimate_value"] and (
        f"{row['estimate_value']} ({text_or_dash(row['estimate_basis'])})")
    for key, value in (
        ("id", row["id"]), ("published", row["published"] or "-"),
        ("estimated date", estimate or "-"), ("outlet", row["outlet"] or "-"),
        ("language", text_or_dash(row["language"])), ("url", row["url"] or "-"),
        ("sources", ", ".join(s["path"] for s in row["sources"]) or "-"),
        ("stages", ", ".join(row["stages"]) or "-"),
        ("found", f"{row['n_actors']} actors, {row['n_times']} times, {row['n_quotes']} quotes,"
                  f" {row['n_events']} events, {row['n_commitments']} commitments"),
    ):
        meta.add_row(key, str(value))
    console.print(meta)
    console.rule(characters="─")
    console.print(row["text"], markup=False, highlight=False)


def _resumed(args: dict[str, Any]) -> str:
    """What a run of the distributed engine says about the run it resumed."""
    if not args.get("skipped_stored") and not args.get("resumes_run"):
        return ""
    of = f" of run {args['resumes_run']}" if args.get("resumes_run") else ""
    return f" (resumed{of}: {args.get('skipped_stored', 0)} stored files skipped)"


@click.command("runs")
@db_option
@click.option("--run", "run_id", type=int, default=None,
              help="Show every file's outcome in this run.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(0, 10_000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per run, with its files.")
def runs_cmd(db: str | None, run_id: int | None, limit: int, as_json: bool) -> None:
    """List ingest runs (newest first) with the files that failed; --run N shows every file."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    with opened_store(db) as store:
        runs = store.list_runs(limit=limit if run_id is None else 10_000)
        if run_id is not None:
            runs = [r for r in runs if r["id"] == run_id]
            if not runs:
                raise click.UsageError(f"no run {run_id} (see `pactwatch runs`)")
        files = {r["id"]: store.run_files(r["id"]) for r in runs}
    if as_json:
        for run in runs:
            click.echo(json.dumps({**run, "files": files[run["id"]]}, ensure_ascii=False))
        return
    console = Console()
    table = Table(title="runs")
    table.add_column("run", justify="right", no_wrap=True)
    table.add_column("started")
    table.add_column("status", no_wrap=True)
    for name in ("stored", "dup", "failed", "s"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("paths", overflow="fold", min_width=10)
    table.caption = "times in UTC; dup = already stored; s = seconds"
    for run in runs:
        seconds = "-" if run["seconds"] is None else f"{run['seconds']:.1f}"
        started = run["started"][:16].replace("T", " ")
        table.add_row(str(run["id"]), started, run["status"], str(run["stored"] or 0),
                      str(run["duplicates"] or 0), str(run["failed"] or 0), seconds,
                      " ".join(run["args"].get("paths", [])) + _resumed(run["args"]))
    console.print(table)
    for run in runs:
        shown = [f for f in files[run["id"]] if run_id is not None or f["status"] == "failed"]
        if not shown:
            continue
        title = f"run {run['id']}: " + ("every file" if run_id is not None else "failed files")
        outcome = Table(title=title, title_justify="left")
        for name in ("path", "status", "doc id", "reason"):
            outcome.add_column(name, overflow="fold")
        for f in shown:
            style = {"failed": "red", "duplicate": "yellow"}.get(f["status"], "")
            outcome.add_row(f["path"], Text(f["status"], style=style), f["doc_id"] or "",
                            f["reason"] or "")
        console.print(outcome)


def register(cli: click.Group) -> None:
    for command in (ingest_cmd, documents_cmd, show_cmd, runs_cmd):
        cli.add_command(command)
